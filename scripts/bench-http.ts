/**
 * The request paths of `npm run bench`: what one signed card callback or chat message costs our server, measured
 * in the same run against the floor of this machine (a bare Fastify route) and against the Lark SDK's own
 * reference adapter (`adaptDefault` + `EventDispatcher`: verify, decrypt, dispatch to a no-op).
 *
 * Every target is a process of its own (scripts/bench-targets.ts, or our server bundle in webhook mode with the
 * fake Feishu in a third process), so its CPU time is its own: read from /proc/<pid>/stat around the measured
 * window and divided by the requests answered in it. The load generator is undici's `Pool`, closed loop, 50
 * keep-alive connections opened before the warm-up (autocannon opens them during the run, which on 2 cores puts
 * connection set-up into the p99). Each request is signed and encrypted as Feishu does it, just before it is sent
 * (the same cost for the SDK's target and ours). The SDK's target and our server run side by side and are measured
 * in rounds, SDK → card, then SDK → message, each ratio taken within its round and the median of the rounds reported
 * (see requestPaths).
 *
 * Afterwards: the new progress rows and audit rows must equal the card callbacks answered 200 with success, and
 * the replies queued the message events answered; then 400 concurrent 1 MB bodies are thrown at our server, which
 * must refuse them without holding them (its peak resident memory is read from /proc/<pid>/status VmHWM).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { openDatabase } from '../src/db/client';
import { chinaDate } from '../src/domain/dates';
import { importOrg } from '../src/services/import-org';
import { periodsEndedBetween } from '../src/scheduler/stats-reports';
import { cardActionEvent, messageEvent, signedRequest } from '../tests/support/feishu-signer';
import { type BenchOrg, type ForkedFake, type PoolItem, claimedPool, median, seedItems } from './bench-lib';

export const ENCRYPT_KEY = 'bench-encrypt-key-0123456789abcdef';
export const VERIFICATION_TOKEN = 'bench-verification-token';
/** Linux reports process CPU time in clock ticks; 100 per second on every kernel we run on (getconf CLK_TCK). */
const CLK_TCK = 100;

export interface Target {
  name: string;
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** utime + stime of a process, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
}

/** The kernel's peak resident set (VmHWM) and current resident set of a process, in bytes. */
export function memoryOf(pid: number): { hwm: number; rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
}

/** The bundle beside this one (dist/), or dist/ seen from scripts/ when the bench runs from source. */
function bundled(name: string): string | null {
  // BENCH_BUNDLE_DIR: where to find the bundles instead (a build made with --outdir).
  const dirs = process.env.BENCH_BUNDLE_DIR ? [join(process.env.BENCH_BUNDLE_DIR, `${name}.mjs`)] : [];
  for (const rel of [`./${name}.mjs`, `../dist/${name}.mjs`]) dirs.push(fileURLToPath(new URL(rel, import.meta.url)));
  return dirs.find((p) => existsSync(p)) ?? null;
}

/** A reference target (bench-targets.ts) in a child process. */
export function forkTarget(kind: 'fastify' | 'sdk', name: string): Promise<Target> {
  const args = [kind, ENCRYPT_KEY, VERIFICATION_TOKEN];
  const file = bundled('bench-targets');
  // The references run as our server does (the start script's environment and heap flags): the same footing.
  const start = serverStart();
  const child = file
    ? fork(file, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: start.nodeArgs, env: { ...process.env, ...start.env } })
    : fork(fileURLToPath(new URL('./bench-targets.ts', import.meta.url)), args, { execArgv: ['--import', 'tsx', ...start.nodeArgs], env: { ...process.env, ...start.env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`bench target ${kind} exited (${code}) before it was ready`)));
    child.once('message', (m: { ready?: { port: number } }) => {
      if (!m.ready) return fail(new Error(`bench target ${kind}: unexpected message`));
      ok({
        name,
        url: `http://127.0.0.1:${m.ready.port}`,
        pid: child.pid!,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send({ op: 'close' });
          }),
      });
    });
  });
}

export interface Server extends Target {
  dbPath: string;
  /** How long the server took to fall idle after it was healthy (its start-up jobs), and its peak RSS by then. */
  settleMs: number;
  startHwm: number;
  child: ChildProcess;
  output(): string;
  /** Open claimed items: id, the head of its lead unit (who may report progress on it), its version and number. */
  pool: PoolItem[];
}

/** `NAME=value` → [NAME, value]. */
const assignment = (kv: string): [string, string] => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];

/**
 * How `npm start` runs the server, read from package.json's "start" script (`NAME=value … node <flags>
 * dist/main.mjs`): the environment it sets (MALLOC_ARENA_MAX) and the node flags (the heap limits). The bench
 * measures the server as deployed, and the two cannot drift apart.
 */
export function serverStart(): { env: Record<string, string>; nodeArgs: string[] } {
  // From scripts/ (tsx) or from the bundle in dist/ or a --outdir folder: the project's package.json further up.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const script = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, value] = assignment(words.shift()!);
    env[name] = value;
  }
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.mjs') throw new Error(`package.json "start" is not \`[NAME=value …] node <flags> dist/main.mjs\`: ${script}`);
  return { env, nodeArgs: words.slice(1, -1) };
}

/**
 * Our server as production runs it (`npm start`: the bundle under plain node, the same environment and heap
 * flags), in webhook mode against the fake Feishu, on a database seeded with the bench organisation and `items`
 * open items. No job fires during the bench (the schedule file moves them to 1 January 03:00), and quiet hours
 * are off.
 */
/**
 * A port for our server, which is told it in its environment: below Linux's ephemeral range (32768 and up), where
 * the bench's own client connections and the fake's take theirs (a pick from up there once collided with one of
 * them and the server died with EADDRINUSE), and free when looked at.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((ok) => {
      const probe = createServer().once('error', () => ok(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => ok(true)));
    });
    if (free) return port;
  }
}

export async function startServer(dir: string, bo: BenchOrg, fake: ForkedFake, items: number): Promise<Server> {
  const main = bundled('main');
  if (!main) throw new Error('dist/main.mjs is missing: run `node scripts/build.mjs main` (npm run bench does)');
  const dbPath = join(dir, 'server.db');
  const db = openDatabase(dbPath);
  importOrg(db, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
  seedItems(db, bo, { count: items, today: chinaDate(new Date()), seed: 11 });
  const pool = claimedPool(db);
  // A running installation has sent the statistics reports of the periods already ended; without these rows the
  // start's catch-up writes one workbook per ended period for every seeded item, which is not what is measured here
  // (BENCH_STATS_CATCH_UP=1 keeps it: since the workbook is streamed it fits the 128 MB heap at 20,000 items, and
  // tests/crash/stats-catch-up-memory.test.ts checks that it does).
  if (process.env.BENCH_STATS_CATCH_UP !== '1') {
    const first = db.$client.prepare('SELECT min(created_at) FROM items').pluck().get() as string;
    const mark = db.$client.prepare('INSERT OR IGNORE INTO stats_reports (period_key, period_from, period_to, sent_at) VALUES (?, ?, ?, ?)');
    for (const p of periodsEndedBetween(chinaDate(new Date(first)), chinaDate(new Date()))) mark.run(p.key, p.from, p.to, new Date().toISOString());
  }
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  const schedule = join(dir, 'schedule.yaml');
  writeFileSync(schedule, "quietHours: false\ntimes:\n  chaseSweep: '0 3 1 1 *'\n  unitDigest: '0 3 1 1 *'\n  supervisorSummary: '0 3 1 1 *'\n  statsReport: '0 3 1 1 *'\n");
  const port = await freePort();
  let out = '';
  // Started as `npm start` starts it: the same environment settings and node flags (serverStart, from package.json).
  const start = serverStart();
  // BENCH_SERVER_NODE_ARGS: extra node flags for our server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it);
  // BENCH_SERVER_ENV: extra environment, `NAME=value` separated by spaces (e.g. `MALLOC_ARENA_MAX=2` to compare).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const extraEnv = Object.fromEntries((process.env.BENCH_SERVER_ENV ?? '').split(' ').filter(Boolean).map(assignment));
  const child = spawn(process.execPath, [...start.nodeArgs, ...extra, main], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: dbPath,
      SCHEDULE_FILE: schedule,
      LOG_LEVEL: 'warn',
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      FEISHU_DOMAIN: fake.url,
      FEISHU_MODE: 'webhook',
      ...start.env,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-20_000)));
  let closing = false;
  const exited = new Promise<void>((ok) =>
    child.once('exit', (code, signal) => {
      // A server that dies under load is a finding, not a statistic: say why and stop.
      if (!closing) {
        console.error(`our server exited (${code ?? signal}) during the bench; its last output:\n${out.slice(-4000)}`);
        process.exit(1);
      }
      ok();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`our server exited before it was healthy:\n${out}`);
    if (Date.now() > until) {
      closing = true;
      child.kill('SIGKILL');
      throw new Error(`our server did not become healthy within 60 s:\n${out}`);
    }
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // What a start runs by itself (the statistics reports' catch-up writes workbooks for the seeded items) is not
  // the request paths: wait until the server is idle, at most 120 s.
  const idleBy = Date.now() + 120_000;
  const startedIdleWait = Date.now();
  for (let last = cpuMs(child.pid!); Date.now() < idleBy; ) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(child.pid!);
    if (now - last < 25) break;
    last = now;
  }
  const settleMs = Date.now() - startedIdleWait;
  return {
    name: 'our server',
    settleMs,
    startHwm: memoryOf(child.pid!).hwm,
    url,
    pid: child.pid!,
    child,
    dbPath,
    pool,
    output: () => out,
    close: async () => {
      closing = true;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export interface Req {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  name: string;
  /** Answered in the measured window. */
  answered: number;
  windowMs: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** The target's CPU time in the window over the requests answered in it (ms). */
  cpuPerReq: number;
  /** Over the whole run, warm-up included: answers by status, answers `accept` took, transport errors. */
  statuses: Map<number, number>;
  accepted: number;
  errors: number;
  errorSample: string;
}

export interface LoadOptions {
  connections: number;
  warmupMs: number;
  windowMs: number;
  /** Builds request number i (signed now, as Feishu signs just before it sends). */
  request: (i: number) => Req;
  /** Whether an answer (status, body) is the one this request should get; counted in `accepted`. */
  accept?: (status: number, body: string) => boolean;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/**
 * Closed loop: `connections` workers, each sending its next request as soon as the last is answered. The
 * connections are opened first (one request each, not counted), then the warm-up, then the measured window:
 * req/s and latencies are of the requests answered inside it, CPU is the target's own over it.
 */
export async function load(target: Target, name: string, o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(target.url, { connections: o.connections, pipelining: 1, keepAliveTimeout: 120_000, keepAliveMaxTimeout: 120_000 });
  let i = 0;
  const statuses = new Map<number, number>();
  let accepted = 0;
  let errors = 0;
  let errorSample = '';
  const latencies: number[] = [];
  let t0 = Infinity;
  let t1 = Infinity;
  let stop = false;
  const one = async (record: boolean) => {
    const r = o.request(i++);
    const start = performance.now();
    try {
      const res = await pool.request({ path: r.path, method: 'POST', headers: r.headers, body: r.body });
      const text = await res.body.text();
      const end = performance.now();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (!o.accept || o.accept(res.statusCode, text)) accepted++;
      else if (!errorSample) errorSample = `${res.statusCode} ${text.slice(0, 200)}`;
      if (record && start >= t0 && end < t1) latencies.push(end - start);
    } catch (err) {
      errors++;
      if (!errorSample) errorSample = String(err).slice(0, 200);
    }
  };
  // Open every connection before the warm-up: `connections` requests at once.
  await Promise.all(Array.from({ length: o.connections }, () => one(false)));
  const began = performance.now();
  let cpu0 = 0;
  let cpu1 = 0;
  const measureAt = setTimeout(() => {
    cpu0 = cpuMs(target.pid);
    t0 = performance.now();
  }, o.warmupMs);
  const stopAt = setTimeout(() => {
    cpu1 = cpuMs(target.pid);
    t1 = performance.now();
    stop = true;
  }, o.warmupMs + o.windowMs);
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      while (!stop) await one(true);
    }),
  );
  clearTimeout(measureAt);
  clearTimeout(stopAt);
  await pool.close();
  void began;
  const windowMs = t1 - t0;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    name,
    answered: sorted.length,
    windowMs,
    rps: (sorted.length / windowMs) * 1000,
    p50: pct(sorted, 50),
    p99: pct(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    cpuPerReq: (cpu1 - cpu0) / Math.max(1, sorted.length),
    statuses,
    accepted,
    errors,
    errorSample,
  };
}

const rid = () => randomBytes(8).toString('hex');

/** Signed, encrypted card callbacks: the lead unit's head submits progress on item number i of the pool (round robin). */
export function progressCallbacks(pool: Server['pool'], path = '/feishu/cards'): (i: number) => Req {
  return (i) => {
    const it = pool[i % pool.length]!;
    const payload = cardActionEvent({
      token: VERIFICATION_TOKEN,
      eventId: `ev_bench_card_${i}_${rid()}`,
      operatorOpenId: it.head,
      value: { a: 'submit_progress', id: it.id, v: it.v },
      formValue: { text: `第 ${i} 次进展：已按计划推进，阶段材料已报送。` },
      openMessageId: `om_bench_${rid()}`,
    });
    return { path, ...signedRequest(ENCRYPT_KEY, payload) };
  };
}

/** Signed, encrypted `/督办 查看 <编号>` messages from a supervisor in a private chat. */
export function viewMessages(pool: Server['pool'], path = '/feishu/events'): (i: number) => Req {
  return (i) => {
    const it = pool[(i * 7919) % pool.length]!;
    const payload = messageEvent({
      token: VERIFICATION_TOKEN,
      eventId: `ev_bench_msg_${i}_${rid()}`,
      senderOpenId: 'ou_bench_sup1',
      chatId: 'oc_bench_p2p_sup1',
      chatType: 'p2p',
      text: `/督办 查看 ${it.number}`,
      messageId: `om_bench_in_${i}_${rid()}`,
    });
    return { path, ...signedRequest(ENCRYPT_KEY, payload) };
  };
}

/** The bare route's request: any small JSON body. */
export const emptyPosts = (): Req => ({ path: '/bench', headers: { 'content-type': 'application/json' }, body: '{}' });

export interface FloodResult {
  bodies: number;
  statuses: Map<number, number>;
  /** Requests the server cut off (connection reset before an answer): refused as well. */
  cut: number;
  ms: number;
}

/** `n` concurrent requests of `bytes` each (Content-Length given), each on a connection of its own. */
export async function flood(url: string, path: string, n: number, bytes: number): Promise<FloodResult> {
  const body = Buffer.alloc(bytes, 0x61);
  const pool = new Pool(url, { connections: n, pipelining: 1 });
  const statuses = new Map<number, number>();
  let cut = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      try {
        const res = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.body.dump();
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      } catch {
        cut++;
      }
    }),
  );
  const ms = performance.now() - t;
  await pool.destroy();
  return { bodies: n, statuses, cut, ms };
}

/** Counts rows of the server's database (a second connection; WAL lets it read while the server writes). */
export function countRows(dbPath: string, sql: string): number {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare(sql).pluck().get() as number;
  } finally {
    db.$client.close();
  }
}

export const statusText = (m: Map<number, number>) => [...m.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(', ') || 'none';
export { median };

// ─── the section of `npm run bench` ─────────────────────────────────────────

export interface RequestPathsOptions {
  dir: string;
  bo: BenchOrg;
  /** Forks the fake Feishu (no limits: the server's own limiter paces its sends). */
  fake: () => Promise<ForkedFake>;
  say: (s?: string) => void;
  correctness: string[];
  connections?: number;
  warmupMs?: number;
  windowMs?: number;
  /** Rounds of SDK → card, then as many of SDK → message, each ratio taken within its round (default 5). */
  rounds?: number;
  /** Open items in the server's database (the card callbacks go round them). */
  items?: number;
}

/** One round: the SDK's adapter and right after it our server's card path; the same again for the message path. */
export interface Round {
  sdkCard: LoadResult;
  card: LoadResult;
  sdkMessage: LoadResult;
  message: LoadResult;
  /** card / SDK req/s, message / SDK req/s, card p99 / SDK p99. */
  card2: number;
  message2: number;
  p99x: number;
}

export interface RequestPathsResult {
  floorStart: LoadResult;
  rounds: Round[];
  /** Of the rounds whose card/SDK and message/SDK ratios are the medians: the figures reported. */
  sdk: LoadResult;
  card: LoadResult;
  message: LoadResult;
  floorEnd: LoadResult;
  serverHwm: number;
  flood: FloodResult;
  rows: string[][];
}

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(0).padStart(5)} ms  CPU ${(r.cpuPerReq * 1000).toFixed(0).padStart(5)} µs/req  (${r.answered} in ${(r.windowMs / 1000).toFixed(1)} s; all answers ${statusText(r.statuses)}${r.errors ? `, ${r.errors} transport errors` : ''})`;

/**
 * The request paths in rounds: the SDK's adapter and our server are both started once and kept; each round measures
 * the adapter and right after it our server, so each ratio is between windows seconds apart, and the median of the
 * rounds is the figure: this machine's speed has been seen to halve and recover within seconds, and a ratio between
 * a fast window and a slow one says more about the machine than about the server. Every round is printed.
 */
export async function requestPaths(o: RequestPathsOptions): Promise<RequestPathsResult> {
  const C = o.connections ?? 50;
  const warmupMs = o.warmupMs ?? 2000;
  const windowMs = o.windowMs ?? 4000;
  const R = Math.max(1, o.rounds ?? 5);
  const { say, correctness } = o;
  say(`[http] closed loop, undici Pool, ${C} keep-alive connections opened before a ${warmupMs / 1000} s warm-up, then a ${windowMs / 1000} s measured window; every target in its own process; CPU from /proc/<pid>/stat over the window; ${R} rounds of SDK → card, then ${R} of SDK → message, ratios within each round, the median reported`);
  const run = async (t: Target, name: string, lo: Omit<LoadOptions, 'connections' | 'warmupMs' | 'windowMs'>) => {
    const r = await load(t, name, { connections: C, warmupMs, windowMs, ...lo });
    say(`[http] ${name.padEnd(34)} ${fmt(r)}`);
    return r;
  };
  const floorTarget = await forkTarget('fastify', 'bare Fastify');
  const floorStart = await run(floorTarget, '1. bare Fastify {} (start)', { request: emptyPosts });
  await floorTarget.close();

  const sdkTarget = await forkTarget('sdk', 'SDK adaptDefault');
  const sdkPool = Array.from({ length: 1000 }, (_, k) => ({ id: k + 1, head: 'ou_bench_head_u01', v: 3, number: `督办〔2026〕${k + 1}号` }));
  const fake = await o.fake();
  const server = await startServer(o.dir, o.bo, fake, o.items ?? 20_000);
  const rounds: Round[] = [];
  let serverHwm = 0;
  let fl: FloodResult;
  try {
    say(`       our server: ${o.items ?? 20_000} open items; idle ${(server.settleMs / 1000).toFixed(1)} s after it was healthy (start-up jobs), peak RSS by then ${(server.startHwm / 1048576).toFixed(1)} MB`);
    const count = (sql: string) => countRows(server.dbPath, sql);
    const success = (s: number, body: string) => s === 200 && body.includes('"toast":{"type":"success"') && body.includes('"card":');
    // The card rounds first, then the message rounds: each 查看 queues a reply the outbox sends at Feishu's 50/s, and
    // a card window measured over tens of thousands of queued replies measured the backlog too (the card's CPU per
    // request rose round by round when the two alternated).
    const cards: { sdk: LoadResult; card: LoadResult }[] = [];
    for (let k = 1; k <= R; k++) {
      const sdk = await run(sdkTarget, `2. SDK adaptDefault, card (${k}/${R})`, { request: progressCallbacks(sdkPool), accept: (s) => s === 200 });
      const before = { progress: count('SELECT count(*) FROM progress_reports'), audit: count("SELECT count(*) FROM audit_log WHERE action = 'report_progress'") };
      const card = await run(server, `3. our server, card (${k}/${R})`, { request: progressCallbacks(server.pool), accept: success });
      const progress = count('SELECT count(*) FROM progress_reports') - before.progress;
      const audit = count("SELECT count(*) FROM audit_log WHERE action = 'report_progress'") - before.audit;
      const ok200 = card.statuses.get(200) ?? 0;
      const rowsOk = progress === ok200 && audit === ok200 && card.accepted === ok200;
      say(`       check: ${ok200} answers 200 (${card.accepted} with the success toast and the redrawn slip), ${progress} new progress rows, ${audit} new audit rows → ${rowsOk ? 'PASS' : 'FAIL'}; card/SDK ${(card.rps / sdk.rps).toFixed(2)}×, p99 ${(card.p99 / sdk.p99).toFixed(2)}×`);
      if (!rowsOk) correctness.push(`card callbacks (round ${k}): ${ok200} answered 200, ${card.accepted} successes, but ${progress} progress rows and ${audit} audit rows were written (${card.errorSample})`);
      cards.push({ sdk, card });
    }
    for (let k = 1; k <= R; k++) {
      const sdk = await run(sdkTarget, `2. SDK adaptDefault, card (${k}/${R})`, { request: progressCallbacks(sdkPool), accept: (s) => s === 200 });
      const outBefore = count("SELECT count(*) FROM outbox WHERE purpose = 'detail'");
      const message = await run(server, `4. our server, 查看 (${k}/${R})`, { request: viewMessages(server.pool, '/feishu/events'), accept: (s, b) => s === 200 && b === '{}' });
      const replies = count("SELECT count(*) FROM outbox WHERE purpose = 'detail'") - outBefore;
      const m200 = message.statuses.get(200) ?? 0;
      const msgOk = replies === m200 && message.accepted === m200;
      say(`       check: ${m200} answers 200, ${replies} detail cards queued as replies → ${msgOk ? 'PASS' : 'FAIL'}; message/SDK ${(message.rps / sdk.rps).toFixed(2)}×`);
      if (!msgOk) correctness.push(`message events (round ${k}): ${m200} answered 200 but ${replies} replies were queued (${message.errorSample})`);
      const { sdk: sdkCard, card } = cards[k - 1]!;
      rounds.push({ sdkCard, card, sdkMessage: sdk, message, card2: card.rps / sdkCard.rps, message2: message.rps / sdk.rps, p99x: card.p99 / sdkCard.p99 });
    }

    const loadsHwm = memoryOf(server.pid).hwm;
    say(`       our server's peak resident memory after the loads: ${(loadsHwm / 1048576).toFixed(1)} MB`);
    // Oversized bodies: refused before they are buffered, so 400 of them at once cost no memory.
    fl = await flood(server.url, '/feishu/events', 400, 1024 * 1024);
    const alive = (await fetch(`${server.url}/healthz`).catch(() => null))?.ok === true;
    const refused = (fl.statuses.get(413) ?? 0) + fl.cut;
    say(`[http] 400 concurrent 1 MB bodies to /feishu/events: ${statusText(fl.statuses)}${fl.cut ? `, ${fl.cut} cut off` : ''} in ${fl.ms.toFixed(0)} ms; server healthy afterwards ${alive ? 'yes' : 'NO'}`);
    if (refused !== fl.bodies || !alive) correctness.push(`oversized bodies: ${refused} of ${fl.bodies} refused; healthy afterwards: ${alive}`);
    serverHwm = memoryOf(server.pid).hwm;
  } finally {
    await server.close();
    await fake.close();
    await sdkTarget.close();
  }
  const floorTarget2 = await forkTarget('fastify', 'bare Fastify');
  const floorEnd = await run(floorTarget2, '1. bare Fastify {} (end)', { request: emptyPosts });
  await floorTarget2.close();

  const mid = (f: (r: Round) => number) => median(rounds.map(f));
  const r32 = mid((r) => r.card2);
  const r42 = mid((r) => r.message2);
  const p99x = mid((r) => r.p99x);
  // The figures shown beside the ratios: of the round whose ratio is the median (nearest it, for an even count).
  const nearest = (f: (r: Round) => number, m: number) => rounds.reduce((a, b) => (Math.abs(f(b) - m) < Math.abs(f(a) - m) ? b : a));
  const { sdkCard: sdk, card } = nearest((r) => r.card2, r32);
  const { message } = nearest((r) => r.message2, r42);
  const floor = Math.max(floorStart.rps, floorEnd.rps);
  const r31 = card.rps / floor;
  const each = (f: (r: Round) => number) => rounds.map((r) => f(r).toFixed(2)).join(', ');
  say(`[http] ratios, median of ${R} rounds (each round: ${each((r) => r.card2)} card; ${each((r) => r.message2)} message; ${each((r) => r.p99x)} card p99): card/SDK ${r32.toFixed(2)}× req/s (target ≥ 0.5) ${r32 >= 0.5 ? 'PASS' : 'FAIL'}, p99 ${p99x.toFixed(2)}× the SDK's (target ≤ 3) ${p99x <= 3 ? 'PASS' : 'FAIL'}; message/SDK ${r42.toFixed(2)}× (target ≥ 0.5) ${r42 >= 0.5 ? 'PASS' : 'FAIL'}; card/bare Fastify ${r31.toFixed(2)}× (floor: the better of start and end, ${floorStart.rps.toFixed(0)} / ${floorEnd.rps.toFixed(0)} req/s)`);
  say(`[http] our server's peak resident memory (VmHWM, through all the loads and the 1 MB bodies): ${(serverHwm / 1048576).toFixed(1)} MB (target ≤ 150 MB) ${serverHwm <= 150 * 1048576 ? 'PASS' : 'FAIL'}`);
  const pf = (b: boolean) => (b ? 'PASS' : 'FAIL');
  const rows = [
    ['bare Fastify, start / end', `${floorStart.rps.toFixed(0)} / ${floorEnd.rps.toFixed(0)} req/s`, '(floor)', '—'],
    ['SDK adaptDefault, card', `${sdk.rps.toFixed(0)} req/s, p99 ${sdk.p99.toFixed(0)} ms, ${(sdk.cpuPerReq * 1000).toFixed(0)} µs CPU (median round)`, '(reference)', '—'],
    ['card callback (progress)', `${card.rps.toFixed(0)} req/s; median of rounds ${r32.toFixed(2)}× SDK (${each((r) => r.card2)}), p99 ${p99x.toFixed(2)}×`, '≥ 0.5×, p99 ≤ 3×', pf(r32 >= 0.5 && p99x <= 3)],
    ['  its CPU per request', `${(card.cpuPerReq * 1000).toFixed(0)} µs; ${r31.toFixed(2)}× bare Fastify req/s`, '—', '—'],
    ['message event (查看)', `${message.rps.toFixed(0)} req/s; median ${r42.toFixed(2)}× SDK (${each((r) => r.message2)}), p99 ${message.p99.toFixed(0)} ms, ${(message.cpuPerReq * 1000).toFixed(0)} µs CPU`, '≥ 0.5×', pf(r42 >= 0.5)],
    ['server peak RSS', `${(serverHwm / 1048576).toFixed(1)} MB`, '≤ 150 MB', pf(serverHwm <= 150 * 1048576)],
  ];
  return { floorStart, rounds, sdk, card, message, floorEnd, serverHwm, flood: fl!, rows };
}
