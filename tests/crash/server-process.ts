/**
 * The real server process for the crash, shutdown and backup tests, run as `npm start` runs it: the esbuild
 * bundle under plain node, in webhook mode, the real SDK pointed at a fake Feishu on loopback, a temporary SQLite
 * file. Plain node matters here: a signal must reach the server itself (tsx relays signals to a child process of
 * its own, and a SIGKILL of tsx would leave that child running). Every wait is bounded; callers kill what they
 * started in `finally`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeFeishu } from '../support/fake-feishu';
import { signedRequest } from '../support/feishu-signer';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ORG_EXAMPLE = join(ROOT, 'examples', 'org.yaml');
export const ENCRYPT_KEY = 'crash-encrypt-key-0123456789';
export const VERIFICATION_TOKEN = 'crash-verification-token';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ServerProc {
  child: ChildProcess;
  url: string;
  output(): string;
  /** The exit code, or the signal's name, once the process has ended. */
  exited: Promise<number | string>;
  alive(): boolean;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
}

/** The environment of a webhook-mode server talking to `fake`: only what is given, plus PATH. */
/**
 * These servers run on the real clock: quiet hours off, or a run at night (or on a weekend) would hold every 督办单
 * until the next working morning and these tests would wait for nothing.
 */
const NO_QUIET_HOURS = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-schedule-'));
  const file = join(dir, 'schedule.yaml');
  writeFileSync(file, 'quietHours: false\n');
  return file;
})();

export function webhookEnv(fake: FakeFeishu, databasePath: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_PATH: databasePath,
    SCHEDULE_FILE: NO_QUIET_HOURS,
    ORG_FILE: ORG_EXAMPLE,
    LOG_LEVEL: 'warn',
    FEISHU_APP_ID: fake.appId,
    FEISHU_APP_SECRET: fake.appSecret,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_DOMAIN: fake.url,
    FEISHU_MODE: 'webhook',
    ...extra,
  };
}

export interface Build {
  /** The command that starts the server: node, the heap flags of `npm start`, the bundle. */
  command: string[];
  root: string;
  remove(): void;
}

/**
 * Bundles the server (scripts/build.mjs) into a folder of its own under `root`/tmp, inside the checkout so the
 * bundle finds drizzle/ by walking up. Takes a fraction of a second.
 */
export function buildServer(root = ROOT): Build {
  const out = join(root, 'tmp', `build-${randomBytes(4).toString('hex')}`);
  const r = spawnSync(process.execPath, ['scripts/build.mjs', 'main', `--outdir=${out}`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  return {
    command: [process.execPath, '--max-old-space-size=128', '--max-semi-space-size=3', join(out, 'main.mjs')],
    root,
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}

/** Starts the built server and waits until /healthz answers. */
export async function startServer(build: Build, env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<ServerProc> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    let out = '';
    const child = spawn(build.command[0]!, build.command.slice(1), {
      cwd: build.root,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | string>((ok) => child.once('exit', (code, signal) => ok(code ?? signal ?? -1)));
    const p: ServerProc = {
      child,
      url: `http://127.0.0.1:${port}`,
      output: () => out,
      exited,
      alive: () => child.exitCode === null && child.signalCode === null,
    };
    const until = Date.now() + (opts.timeoutMs ?? 45_000);
    while (Date.now() < until && p.alive()) {
      try {
        const res = await fetch(`${p.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return p;
      } catch {
        /* not listening yet */
      }
      await sleep(50);
    }
    await kill(p);
    if (attempt < 2 && /EADDRINUSE/.test(out)) continue;
    throw new Error(`the server did not become healthy\n${out}`);
  }
}

/** SIGKILL, and wait for the exit. */
export async function kill(p: ServerProc) {
  if (p.alive()) p.child.kill('SIGKILL');
  await p.exited;
}

/** SIGTERM, SIGKILL after `ms` if it lingers; resolves with the exit and how long it took. */
export async function terminate(p: ServerProc, ms = 30_000): Promise<{ exit: number | string; ms: number }> {
  const started = Date.now();
  if (!p.alive()) return { exit: await p.exited, ms: 0 };
  p.child.kill('SIGTERM');
  const exit = await Promise.race([p.exited, sleep(ms).then(() => 'timeout' as const)]);
  if (exit === 'timeout') await kill(p);
  return { exit, ms: Date.now() - started };
}

/** POSTs a payload as Feishu does (compact, encrypted, signed, fresh timestamp); the status, or 0 if no answer. */
export async function postSigned(url: string, payload: object, timeoutMs = 10_000): Promise<{ status: number; body: unknown }> {
  const { headers, body } = signedRequest(ENCRYPT_KEY, payload);
  try {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: null }; // the connection was refused or cut: Feishu would push it again
  }
}
