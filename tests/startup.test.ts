/**
 * The real process, as the office starts it: `tsx src/main.ts` with an explicit environment and a temporary
 * database. Every wait is bounded and every child is killed in `finally`. Nothing leaves the machine: local mode
 * sends nothing, and webhook mode points FEISHU_DOMAIN at a closed local port.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFeishu } from './support/fake-feishu';
import { encryptBody, messageEvent, signedRequest } from './support/feishu-signer';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(ROOT, 'src', 'main.ts');
const ORG_EXAMPLE = join(ROOT, 'examples', 'org.yaml');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-startup-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Proc {
  child: ChildProcess;
  port: number;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** A port nobody listens on right now (the OS picks it; a rare race is handled by retrying the start). */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
}

/** How the server is started: from source through tsx, unless a test passes the bundled command. */
const FROM_SOURCE = [TSX, MAIN];

interface LaunchOptions {
  /** The working directory (default: the checkout). Elsewhere, nothing may depend on it. */
  cwd?: string;
  /** What "started" means (default: /healthz answers {"ok":true}). */
  ready?: (p: Proc) => Promise<true | undefined>;
}

/** Only what the test gives, plus PATH so tsx can find node: no FEISHU_* from the developer's shell. */
function launch(env: Record<string, string>, port: number, command: string[] = FROM_SOURCE, o: LaunchOptions = {}): Proc {
  let out = '';
  let err = '';
  const child = spawn(command[0]!, command.slice(1), {
    cwd: o.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | string>((ok) => child.once('exit', (code, signal) => ok(code ?? signal ?? -1)));
  return { child, port, url: `http://127.0.0.1:${port}`, stdout: () => out, stderr: () => err, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value, the process ends, or the time is up. */
async function waitFor<T>(p: Proc, what: string, check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let ended = false;
  void p.exited.then(() => (ended = true));
  while (Date.now() < until) {
    const v = await check();
    if (v !== undefined) return v;
    if (ended) break;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}\n--- stdout ---\n${p.stdout()}\n--- stderr ---\n${p.stderr()}`);
}

async function healthy(p: Proc): Promise<true | undefined> {
  try {
    const res = await fetch(`${p.url}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.ok && ((await res.json()) as { ok?: boolean }).ok === true ? true : undefined;
  } catch {
    return undefined;
  }
}

/** /healthz answers at all (long-connection mode answers 503 while it is not connected). */
async function answering(p: Proc): Promise<true | undefined> {
  try {
    await fetch(`${p.url}/healthz`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return undefined;
  }
}

async function health(p: Proc): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${p.url}/healthz`, { signal: AbortSignal.timeout(1000) });
  return { status: res.status, body: await res.json() };
}

/** Starts the server and waits until /healthz answers; picks another port if the chosen one was taken meanwhile. */
async function startServer(env: Record<string, string>, command?: string[], o: LaunchOptions = {}): Promise<Proc> {
  for (let attempt = 0; ; attempt++) {
    const p = launch(env, await freePort(), command, o);
    try {
      await waitFor(p, '/healthz', () => (o.ready ?? healthy)(p), 45_000);
      return p;
    } catch (err) {
      await stop(p);
      if (attempt < 2 && /EADDRINUSE/.test(p.stdout() + p.stderr())) continue;
      throw err;
    }
  }
}

/** SIGTERM (graceful close), then SIGKILL if it lingers. */
async function stop(p: Proc) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const done = await Promise.race([p.exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
}

/** Runs a process that is expected to end by itself; kills it after `ms`. */
async function runToExit(env: Record<string, string>, ms = 45_000) {
  const p = launch(env, await freePort());
  try {
    const code = await Promise.race([p.exited, sleep(ms).then(() => 'timeout' as const)]);
    return { code, stdout: p.stdout(), stderr: p.stderr() };
  } finally {
    await stop(p);
  }
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });

/** A schema 2.0 im.message.receive_v1 body as /local/events takes it (unsigned). */
function localMessage(from: string, text: string, messageId: string) {
  return {
    schema: '2.0',
    header: { event_id: `ev_${messageId}`, event_type: 'im.message.receive_v1', create_time: String(Date.now()), token: '', app_id: 'local', tenant_key: 'local' },
    event: {
      sender: { sender_id: { open_id: from }, sender_type: 'user', tenant_key: 'local' },
      message: { message_id: messageId, chat_id: `oc_p2p_${from}`, chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text }) },
    },
  };
}

interface LocalMessage {
  op: string;
  replyTo?: string;
  receiveId?: string;
  msgType: string;
  content: { header?: { title?: { content?: string } } };
}

/** Builds the bundle as `npm start` does (into a folder of its own) and returns the command package.json runs. */
function buildBundle(): { command: string[]; env: Record<string, string>; remove(): void } {
  const out = join(ROOT, 'tmp', `build-${randomBytes(4).toString('hex')}`);
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'main', `--outdir=${out}`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(build.status, build.stderr).toBe(0);
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
  const words = start.split(/\s+/);
  // `NAME=value` before node: the environment it sets (MALLOC_ARENA_MAX).
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0]!)) {
    const [name, value] = words.shift()!.split('=');
    env[name!] = value!;
  }
  const [node, ...args] = words;
  expect(node).toBe('node');
  expect(args.at(-1)).toBe('dist/main.mjs');
  return { command: [process.execPath, ...args.slice(0, -1), join(out, 'main.mjs')], env, remove: () => rmSync(out, { recursive: true, force: true }) };
}

/** The README's first steps, as a newcomer copies them: the commands at the top and in "Try it locally". */
function readmeFirstSteps() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = (text: string) => [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const from = readme.indexOf('## Try it locally');
  expect(from).toBeGreaterThan(0);
  const section = readme.slice(from, readme.indexOf('\n## ', from + 3));
  const [startBlock, curlBlock] = blocks(section);
  const startLine = startBlock!.trim();
  const m = /^((?:[A-Z_]+=\S+\s+)*)npm start$/.exec(startLine);
  expect(m, `the start command in "Try it locally": ${startLine}`).not.toBeNull();
  const env = Object.fromEntries(m![1]!.trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  const payload = /-d '([\s\S]*?)'\n/.exec(curlBlock!)?.[1];
  expect(payload, 'the curl registration in "Try it locally"').toBeDefined();
  return { firstCommands: blocks(readme.slice(0, from))[0]!, startLine, env, payload: JSON.parse(payload!) as Record<string, unknown> };
}

/** Today in Beijing (YYYY-MM-DD), which is what numbers items and judges deadlines. */
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

// Every case is its own process, so they run side by side; tsx needs a few seconds of CPU to start each one.
describe.concurrent('the server process', { timeout: 90_000 }, () => {
  describe('local mode (no Feishu app)', () => {
    it('starts, is healthy, says 本地模式, migrates the database, and answers /督办 帮助 through /local/messages', async () => {
      const db = join(dir, 'local', 'duban.db'); // a folder that does not exist yet
      const p = await startServer({ DATABASE_PATH: db, ORG_FILE: ORG_EXAMPLE, LOG_LEVEL: 'info' });
      try {
        expect(p.stdout()).toContain('本地模式');
        expect(p.stdout()).toContain('单位 新增 12');

        expect(existsSync(db)).toBe(true);
        const c = new Database(db, { readonly: true, fileMustExist: true });
        try {
          const tables = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
          expect(tables).toEqual(expect.arrayContaining(['__drizzle_migrations', 'items', 'units', 'people', 'outbox', 'processed_events', 'audit_log']));
          expect(c.prepare('SELECT count(*) FROM units').pluck().get()).toBe(12);
        } finally {
          c.close();
        }

        // A malformed local event is refused with a hint, not dispatched.
        const bad = await postJson(`${p.url}/local/events`, { hello: 'world' });
        expect(bad.status).toBe(400);

        const res = await postJson(`${p.url}/local/events`, localMessage('ou_dcs_wang', '/督办 帮助', 'om_startup_help'));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({});

        // The outbox sends asynchronously: poll until the reply is recorded.
        const reply = await waitFor(p, 'the help reply in /local/messages', async () => {
          const r = await fetch(`${p.url}/local/messages`, { signal: AbortSignal.timeout(1000) });
          const { messages } = (await r.json()) as { messages: LocalMessage[] };
          return messages.find((m) => m.op === 'reply' && m.replyTo === 'om_startup_help');
        });
        expect(reply.msgType).toBe('interactive');
        expect(reply.content.header?.title?.content).toBe('督办助手使用说明');

        // Feishu's routes are not there in local mode.
        const feishu = await postJson(`${p.url}/feishu/events`, {});
        expect(feishu.status).toBe(404);
      } finally {
        await stop(p);
      }
      // SIGTERM closes gracefully.
      expect(await p.exited).toBe(0);
    });

    it('runs as `npm start` runs it: the esbuild bundle under plain node, with the memory flags from package.json', async () => {
      // npm start = prestart (the build) + `node <flags> dist/main.mjs`; built here into a folder of its own, and run
      // from another working directory without ORG_FILE: the migrations and examples/org.yaml are found from the bundle.
      const bundle = buildBundle();
      try {
        const cwd = mkdtempSync(join(dir, 'bundled-cwd-'));
        const db = join(dir, 'bundled', 'duban.db');
        const p = await startServer({ ...bundle.env, DATABASE_PATH: db, LOG_LEVEL: 'info' }, bundle.command, { cwd });
        try {
          expect(p.stdout()).toContain('单位 新增 12'); // migrations found from the bundle, the example org loaded
          expect(p.stdout()).toContain(ORG_EXAMPLE);
          const res = await postJson(`${p.url}/local/events`, localMessage('ou_dcs_wang', '/督办 帮助', 'om_bundled_help'));
          expect(res.status).toBe(200);
          const reply = await waitFor(p, 'the help reply in /local/messages', async () => {
            const r = await fetch(`${p.url}/local/messages`, { signal: AbortSignal.timeout(1000) });
            const { messages } = (await r.json()) as { messages: LocalMessage[] };
            return messages.find((m) => m.op === 'reply' && m.replyTo === 'om_bundled_help');
          });
          expect(reply.content.header?.title?.content).toBe('督办助手使用说明');
        } finally {
          await stop(p);
        }
        expect(await p.exited).toBe(0);
      } finally {
        bundle.remove();
      }
    });

    it("the README's first steps on a fresh clone: `npm start` without ORG_FILE, the example registration works", async () => {
      const steps = readmeFirstSteps();
      expect(steps.firstCommands).toContain('npm install && npm start');
      expect(steps.env).toEqual({ HOST: '127.0.0.1' }); // no ORG_FILE to set: local mode loads the example
      // The README's payload as it stands; only a deadline that has passed (the README's is 2027-06-30) is moved on.
      const payload = JSON.parse(JSON.stringify(steps.payload)) as { event: { message: { content: string; message_id: string } } };
      const text = (JSON.parse(payload.event.message.content) as { text: string }).text;
      expect(text).toContain('主办:教务处');
      const deadline = /截止:(\d{4}-\d{2}-\d{2})/.exec(text)![1]!;
      if (deadline <= beijingToday()) {
        const later = `${Number(beijingToday().slice(0, 4)) + 1}-06-30`;
        payload.event.message.content = JSON.stringify({ text: text.replace(deadline, later) });
      }
      const bundle = buildBundle();
      const cwd = mkdtempSync(join(dir, 'fresh-clone-')); // DATABASE_PATH left at its default, ./data/duban.db
      try {
        const p = await startServer({ ...steps.env }, bundle.command, { cwd });
        try {
          expect(p.stdout()).toContain('本地模式');
          expect(p.stdout()).toContain('已载入示例组织架构 examples/org.yaml');
          expect(p.stdout()).not.toContain('未载入组织架构');
          expect(existsSync(join(cwd, 'data', 'duban.db'))).toBe(true);

          const res = await postJson(`${p.url}/local/events`, payload);
          expect(res.status).toBe(200);
          expect(await res.json()).toEqual({});

          const number = `督办〔${beijingToday().slice(0, 4)}〕1号`;
          const listed = async () => {
            const r = await fetch(`${p.url}/local/messages`, { signal: AbortSignal.timeout(1000) });
            return ((await r.json()) as { messages: LocalMessage[] }).messages;
          };
          const receiptMessage = await waitFor(p, 'the receipt in /local/messages', async () =>
            (await listed()).find((m) => m.op === 'reply' && m.replyTo === payload.event.message.message_id),
          );
          const receipt = JSON.stringify(receiptMessage.content);
          expect(receipt).not.toContain('没有找到单位'); // what a newcomer got without an organisation
          expect(receipt).toContain(`✅ 已立项 ${number}，督办单已发送至教务处`);
          const slipMessage = await waitFor(p, "the 督办单 to 教务处's head", async () =>
            (await listed()).find((m) => m.op === 'send' && m.receiveId === 'ou_jwc_head'),
          );
          const slip = JSON.stringify(slipMessage.content);
          expect(slip).toContain(number);
          expect(slip).toContain('修订本科生培养方案');
          expect(slip).toContain('认领');
          // The README's list: 教务处's head and liaison, and the cooperating 研究生院.
          const wanted = ['ou_jwc_head', 'ou_jwc_liaison', 'ou_yjsy_head', 'ou_yjsy_liaison'];
          await waitFor(p, `the 督办单 to ${wanted.join(', ')}`, async () => {
            const to = new Set((await listed()).filter((m) => m.op === 'send').map((m) => m.receiveId));
            return wanted.every((w) => to.has(w)) ? true : undefined;
          });
        } finally {
          await stop(p);
        }
        expect(await p.exited).toBe(0);
      } finally {
        bundle.remove();
      }
    });
  });

  describe('refuses to start', () => {
    it('with a partial Feishu configuration: exits non-zero naming FEISHU_APP_SECRET, before touching the database', async () => {
      const db = join(dir, 'partial', 'duban.db');
      const r = await runToExit({ DATABASE_PATH: db, FEISHU_APP_ID: 'cli_partial', FEISHU_ENCRYPT_KEY: 'k', FEISHU_VERIFICATION_TOKEN: 't' });
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBe('timeout');
      expect(r.stderr).toContain('FEISHU_APP_SECRET');
      expect(r.stderr).not.toContain('FEISHU_ENCRYPT_KEY 未设置');
      expect(existsSync(db)).toBe(false);
    });

    it('with a broken ORG_FILE: exits non-zero naming the line and the field', async () => {
      const org = join(dir, 'broken-org.yaml');
      writeFileSync(
        org,
        ['units:', '  - id: jwc', '    name: 教务处', '    head: ou_jwc_head', '    liason: [ou_jwc_liaison]', 'people: []', ''].join('\n'),
      );
      const r = await runToExit({ DATABASE_PATH: join(dir, 'org.db'), ORG_FILE: org });
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBe('timeout');
      expect(r.stderr).toContain('第 5 行');
      expect(r.stderr).toContain('units[0].liason');
      expect(r.stderr).toContain('liaisons'); // the hint
    });

    it('when the database file is not a SQLite database: exits non-zero with a clear message', async () => {
      const db = join(dir, 'not-a-db.db');
      writeFileSync(db, 'this is a spreadsheet export, not a database\n'.repeat(200));
      const r = await runToExit({ DATABASE_PATH: db });
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBe('timeout');
      expect(r.stderr).toContain(db);
      expect(r.stderr).toMatch(/无法打开数据库|数据库迁移失败/);
      expect(r.stderr).toContain('not a database');
    });

    it('when a migration fails: exits non-zero saying 数据库迁移失败 and why', async () => {
      // A database someone created by hand: a `units` table exists, but drizzle has never migrated it.
      const db = join(dir, 'clash.db');
      const c = new Database(db);
      c.exec('CREATE TABLE units (x INTEGER)');
      c.close();
      const r = await runToExit({ DATABASE_PATH: db });
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBe('timeout');
      expect(r.stderr).toContain('数据库迁移失败');
      expect(r.stderr).toContain(db);
      expect(r.stderr).toMatch(/already exists/);
      expect(r.stdout).not.toContain('Server listening');
    });
  });

  describe('Feishu long-connection mode (FEISHU_MODE=ws) against a local fake, without ORG_FILE', () => {
    /** The SDK accepts only app ids of this shape. */
    const wsApp = () => ({ FEISHU_APP_ID: `cli_${randomBytes(8).toString('hex')}`, FEISHU_APP_SECRET: `wssecret${randomBytes(12).toString('hex')}` });
    const logsOf = (p: Proc) => p.stdout() + p.stderr();
    const until = (p: Proc, what: string, check: () => boolean, ms = 10_000) => waitFor(p, what, () => (check() ? true : undefined), ms);

    it('the endpoint failing: /healthz 503 {"ok":false,"feishu":"disconnected"}, the log says connecting and reconnecting, and warns of no organisation', async () => {
      const app = wsApp();
      const fake = await startFakeFeishu({ appId: app.FEISHU_APP_ID, appSecret: app.FEISHU_APP_SECRET });
      fake.failWhen((c) => c.path === '/callback/ws/endpoint', { status: 502, code: 1, msg: 'bad gateway' });
      const db = join(dir, 'ws-down.db');
      let p: Proc | undefined;
      try {
        p = await startServer({ DATABASE_PATH: db, LOG_LEVEL: 'info', FEISHU_MODE: 'ws', FEISHU_DOMAIN: fake.url, ...app }, undefined, { ready: answering });
        const proc = p;
        await until(proc, 'the failed connection in the log', () => proc.stdout().includes('could not connect to Feishu; reconnecting'));
        expect(p.stdout()).toContain('long connection: connecting to Feishu');
        expect(p.stdout()).toMatch(/"reason":"Request failed with status code 502"/);
        expect(await health(p)).toEqual({ status: 503, body: { ok: false, feishu: 'disconnected' } });
        // No organisation: said on start, naming ORG_FILE and the example, which Feishu mode does not load.
        expect(p.stdout()).toContain('未载入组织架构');
        expect(p.stdout()).toMatch(/ORG_FILE[^"]*examples\/org\.yaml/);
        expect(p.stdout()).not.toContain('已载入示例组织架构');
      } finally {
        if (p) await stop(p);
        await fake.close();
      }
      expect(logsOf(p!)).not.toContain(app.FEISHU_APP_SECRET);
      const c = new Database(db, { readonly: true, fileMustExist: true });
      try {
        expect(c.prepare('SELECT count(*) FROM units').pluck().get()).toBe(0);
      } finally {
        c.close();
      }
    });

    it('the socket refused → 503 and reconnecting; accepted → 200 {"ok":true,"feishu":"connected"}; lost → 503 and "lost; reconnecting"', async () => {
      const app = wsApp();
      const fake = await startFakeFeishu({ appId: app.FEISHU_APP_ID, appSecret: app.FEISHU_APP_SECRET });
      fake.ws.refuse(true);
      let p: Proc | undefined;
      try {
        p = await startServer({ DATABASE_PATH: join(dir, 'ws-up.db'), LOG_LEVEL: 'info', FEISHU_MODE: 'ws', FEISHU_DOMAIN: fake.url, ...app }, undefined, { ready: answering });
        const proc = p;
        await until(proc, 'the refused socket in the log', () => proc.stdout().includes('could not connect to Feishu; reconnecting'));
        expect(p.stdout()).toMatch(/"reason":"ws connect failed"/);
        expect(await health(p)).toEqual({ status: 503, body: { ok: false, feishu: 'disconnected' } });

        fake.ws.refuse(false); // the SDK retries every second (the fake's ReconnectInterval)
        await waitFor(p, '/healthz 200', async () => ((await health(proc)).status === 200 ? true : undefined), 10_000);
        expect(await health(p)).toEqual({ status: 200, body: { ok: true, feishu: 'connected' } });
        expect(p.stdout()).toContain('long connection: connected to Feishu');

        fake.ws.refuse(true);
        fake.ws.drop();
        await until(proc, 'the loss in the log', () => proc.stdout().includes('long connection: lost; reconnecting'));
        await waitFor(p, '/healthz 503', async () => ((await health(proc)).status === 503 ? true : undefined), 10_000);
        expect(await health(p)).toEqual({ status: 503, body: { ok: false, feishu: 'disconnected' } });
      } finally {
        if (p) await stop(p);
        await fake.close();
      }
      expect(await p.exited).toBe(0); // the SDK's timers do not hold the shutdown
      expect(logsOf(p)).not.toContain(app.FEISHU_APP_SECRET);
    });
  });

  describe('secrets never reach the logs', () => {
    const secrets = () => ({
      FEISHU_APP_ID: `cli_${randomBytes(6).toString('hex')}`,
      FEISHU_APP_SECRET: `appsecret${randomBytes(12).toString('hex')}`,
      FEISHU_ENCRYPT_KEY: `encryptkey${randomBytes(12).toString('hex')}`,
      FEISHU_VERIFICATION_TOKEN: `verifytoken${randomBytes(12).toString('hex')}`,
    });
    /** Every log line holding a secret, shown as `NAME: line` so one failure lists every leak. */
    const expectNoSecrets = (logs: string, s: Record<string, string>) => {
      const names = Object.keys(s).filter((k) => k !== 'FEISHU_APP_ID');
      const leaks = logs
        .split('\n')
        .flatMap((line) => names.filter((k) => line.includes(s[k]!)).map((k) => `${k}: ${line.trim().slice(0, 160)}`));
      expect(leaks, 'secrets in the logs').toEqual([]);
    };

    it('webhook mode at debug level: start, health check, garbage, bad signature, URL challenge', async () => {
      const s = secrets();
      const p = await startServer({
        DATABASE_PATH: join(dir, 'secrets.db'),
        LOG_LEVEL: 'debug',
        FEISHU_DOMAIN: 'http://127.0.0.1:9', // closed port: nothing leaves the machine
        FEISHU_MODE: 'webhook',
        ...s,
      });
      try {
        expect(p.stdout()).toContain('feishu app configured');
        expect(p.stdout()).toContain(s.FEISHU_APP_ID); // the id is not a secret: logging it helps support
        expect(p.stdout()).toContain('未载入组织架构'); // no ORG_FILE: warned, and the example is not loaded
        expect(p.stdout()).not.toContain('已载入示例组织架构');

        const garbage = await postJson(`${p.url}/feishu/events`, '{"schema":"2.0",<<<garbage');
        expect(garbage.status).toBe(400);
        const unsigned = await postJson(`${p.url}/feishu/events`, { schema: '2.0', header: { event_id: 'e1', event_type: 'im.message.receive_v1', token: s.FEISHU_VERIFICATION_TOKEN }, event: {} });
        expect(unsigned.status).toBe(401);
        const forged = await postJson(`${p.url}/feishu/cards`, { schema: '2.0', header: { event_id: 'e2', token: 'x' } }, {
          'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-lark-request-nonce': 'n',
          'x-lark-signature': 'f'.repeat(64),
        });
        expect(forged.status).toBe(401);
        // The URL challenge carries the real verification token in its body, encrypted (plaintext is refused).
        const challenge = await postJson(`${p.url}/feishu/events`, encryptBody(s.FEISHU_ENCRYPT_KEY, { type: 'url_verification', token: s.FEISHU_VERIFICATION_TOKEN, challenge: 'c-123' }));
        expect(await challenge.json()).toEqual({ challenge: 'c-123' });
        const plain = await postJson(`${p.url}/feishu/events`, { type: 'url_verification', token: s.FEISHU_VERIFICATION_TOKEN, challenge: 'c-123' });
        expect(plain.status).toBe(400);
        // Local routes do not exist once a Feishu app is configured.
        expect((await postJson(`${p.url}/local/events`, {})).status).toBe(404);

        await waitFor(p, 'the rejection in the log', () => (p.stdout().includes('feishu request rejected') ? true : undefined), 5000);
      } finally {
        await stop(p);
      }
      const logs = p.stdout() + p.stderr();
      // The requests were really logged (so the check below looks at something).
      expect(logs.match(/incoming request/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
      expectNoSecrets(logs, s);
    });

    it('failed calls to the Open API (token refused, then a send refused) print neither the app secret nor the access token', async () => {
      const s = secrets();
      // A local fake of the Open API that knows this app: its token endpoint fails once (HTTP 500), then every
      // message send is refused (HTTP 400, bot not in the chat), so the SDK sees both kinds of failure.
      const fake = await startFakeFeishu({ appId: s.FEISHU_APP_ID, appSecret: s.FEISHU_APP_SECRET });
      fake.failNext(1, { status: 500, code: 1, msg: 'token service down' }, { path: '/open-apis/auth/v3/tenant_access_token/internal' });
      fake.failWhen((call) => call.path.startsWith('/open-apis/im/v1/messages'), { status: 400, code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
      let p: Proc | undefined;
      try {
        p = await startServer({ DATABASE_PATH: join(dir, 'secrets-send.db'), LOG_LEVEL: 'debug', FEISHU_DOMAIN: fake.url, ...s });
        const { headers, body } = signedRequest(
          s.FEISHU_ENCRYPT_KEY,
          messageEvent({ token: s.FEISHU_VERIFICATION_TOKEN, senderOpenId: 'ou_someone', chatId: 'oc_p2p_someone', chatType: 'p2p', text: '/督办 帮助' }),
        );
        const res = await postJson(`${p.url}/feishu/events`, body, headers);
        expect(res.status).toBe(200);
        // The outbox replies: the token request fails (retry in 1 s), then the send is refused for good.
        const proc = p;
        await waitFor(proc, 'the refused send in the log', () => (proc.stdout().includes('send failed for good') ? true : undefined), 30_000);
        expect(fake.callsTo('/open-apis/im/v1/messages').length).toBeGreaterThan(0);
      } finally {
        if (p) await stop(p);
        await fake.close();
      }
      const logs = p!.stdout() + p!.stderr();
      expect(logs).toContain('send failed, will retry'); // the token failure really happened
      expectNoSecrets(logs, { ...s, TENANT_ACCESS_TOKEN: fake.token });
    });
  });
});
