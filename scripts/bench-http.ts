/**
 * What the request paths of `npm run bench` are measured with (scripts/bench-request-paths.ts runs them): the
 * targets, our server as `npm start` runs it, the closed-loop load generator and the signed requests.
 *
 * Every target is a process of its own (scripts/bench-targets.ts, or our server bundle in webhook mode with the
 * fake Feishu in a third process), so its CPU time is its own: read from /proc/<pid>/stat around the measured
 * window and divided by the requests answered in it. The load generator is undici's `Pool`, closed loop, 50
 * keep-alive connections opened before the warm-up (autocannon opens them during the run, which on 2 cores puts
 * connection set-up into the p99). Each request is signed and encrypted as Feishu does it, just before it is sent
 * (the same cost for the SDK's target and ours).
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
import { type BenchOrg, type ForkedFake, type PoolItem, claimedPool, seedItems } from './bench-lib';

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
