/**
 * Ctrl-C on `npm run duban -- tick` while it sends a long queue (local mode: 3,000 messages at Feishu's 50 a
 * second): the sends already out finish, the summary is printed, the rest stays queued with no lease held, and the
 * command exits 130 within a second or two instead of sending for another minute.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { ROOT, sleep } from './server-process';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-tick-int-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = (path: string, where: string) => {
  const c = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return c.prepare(`SELECT count(*) FROM outbox WHERE ${where}`).pluck().get() as number;
  } finally {
    c.close();
  }
};

it('an interrupted tick stops sending at once, prints what it did, leaves the rest queued and exits 130', { timeout: 90_000 }, async () => {
  const path = join(dir, 'duban.db');
  const db = openDatabase(path);
  db.transaction((tx) => {
    for (let i = 0; i < 3_000; i++) enqueue(tx, { to: personAddress(`ou_t${i % 100}`), msgType: 'text', content: { text: `#${i}` }, purpose: 'reminder' }, new Date());
  });
  db.$client.close();

  let out = '';
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'src', 'cli.ts'), 'tick'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: path, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | string>((ok) => child.once('exit', (code, signal) => ok(code ?? signal ?? -1)));
  try {
    const end = Date.now() + 30_000;
    while (count(path, "status = 'sent'") < 60) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`tick did not start sending\n${out}`);
      await sleep(50);
    }
    const at = Date.now();
    child.kill('SIGINT');
    const code = await Promise.race([exited, sleep(10_000).then(() => 'timeout')]);
    expect(code, out).toBe(130);
    expect(Date.now() - at).toBeLessThan(3_000);
    expect(out).toContain('已中断');
    expect(out).toMatch(/发送：成功 \d+，.*待发送队列 \d+ 条/);
    expect(count(path, "status = 'pending'")).toBeGreaterThan(2_000);
    expect(count(path, 'lease_until IS NOT NULL OR lease_owner IS NOT NULL')).toBe(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
