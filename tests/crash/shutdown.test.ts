/**
 * SIGTERM on the real server with a morning's queue: 1,200 messages waiting and a Feishu that answers slowly. The
 * process must not drain the queue first (at Feishu's 1,000 a minute that is over a minute, and systemd kills at
 * 90 s): it lets the sends already out finish, releases what it had leased, closes the database and exits 0 within
 * a few seconds. After a restart the queue carries on at once, and in the end every message is delivered once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client';
import { outbox } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import { FeishuMessenger, createLarkClient } from '../../src/messenger/feishu-messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { RateLimiter } from '../../src/messenger/rate-limiter';
import { type FakeFeishu, type RecordedCall, startFakeFeishu } from '../support/fake-feishu';
import { type Build, type ServerProc, buildServer, kill, sleep, startServer, terminate, webhookEnv } from './server-process';

const QUEUED = 1_200;
const SLOW_MS = 250;

const isSend = (c: RecordedCall) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages';
const rows = (db: Db) => db.select().from(outbox).orderBy(asc(outbox.id)).all();
/** Reads the file after the server has exited (a short-lived connection of its own). */
function readRows(path: string) {
  const db = openDatabase(path);
  try {
    return rows(db);
  } finally {
    db.$client.close();
  }
}

async function until(cond: () => boolean, what: string, p: ServerProc, ms = 20_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end || !p.alive()) throw new Error(`timed out waiting for ${what}\n${p.output()}`);
    await sleep(20);
  }
}

let dir: string;
let fake: FakeFeishu;
let build: Build;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-shutdown-'));
  fake = await startFakeFeishu();
  build = buildServer();
});
afterAll(async () => {
  build?.remove();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

it('SIGTERM with 1,200 queued and a slow Feishu: exits 0 in seconds; after a restart every message goes once', { timeout: 90_000 }, async () => {
  const path = join(dir, 'duban.db');
  const db = openDatabase(path);
  db.transaction((tx) => {
    for (let i = 0; i < QUEUED; i++) {
      enqueue(tx, { to: personAddress(`ou_q${i % 300}`), msgType: 'text', content: { text: `晨间提醒 ${i}` }, purpose: 'reminder' }, new Date());
    }
  });
  db.$client.close();
  fake.failWhen(isSend, { delayMs: SLOW_MS }); // every answer is slow; the message is still sent

  const env = webhookEnv(fake, path, { LOG_LEVEL: 'info' });
  let p = await startServer(build, env);
  try {
    await until(() => fake.sent.length >= 40, '40 messages sent', p);
    const { exit, ms } = await terminate(p);
    expect(exit, p.output()).toBe(0);
    // Before: stop() waited for the whole queue (84 s for 1,400). Now: the sends already out (250 ms each).
    expect(ms).toBeLessThan(5_000);
    expect(p.output()).toContain('"msg":"stopped"');

    // Every send Feishu processed was answered before the exit and recorded; the rest is queued, leased by nobody.
    const after = readRows(path);
    const sent = after.filter((r) => r.status === 'sent');
    expect(new Set(sent.map((r) => r.uuid))).toEqual(new Set(fake.sent.map((m) => m.uuid)));
    const pending = after.filter((r) => r.status === 'pending');
    expect(pending.length + sent.length).toBe(QUEUED);
    expect(pending.length).toBeGreaterThan(QUEUED / 2);
    expect(pending.filter((r) => r.leaseUntil !== null || r.leaseOwner !== null).map((r) => r.id)).toEqual([]);

    // Restarted, it carries on at once (nothing waits for a lease), and a second signal during the shutdown is
    // only logged: no hang, no second close.
    const before = fake.sent.length;
    p = await startServer(build, env);
    const restartedAt = Date.now();
    await until(() => fake.sent.length >= before + 20, '20 more messages after the restart', p);
    expect(Date.now() - restartedAt).toBeLessThan(5_000);
    p.child.kill('SIGTERM');
    await sleep(30);
    p.child.kill('SIGINT');
    const second = await terminate(p);
    expect(second.exit, p.output()).toBe(0);
    expect(second.ms).toBeLessThan(5_000);
    expect(p.output()).toContain('already shutting down');
    expect(p.output()).not.toMatch(/shutdown failed|not open|took too long/);
    expect(readRows(path).filter((r) => r.status === 'pending' && r.leaseUntil !== null)).toEqual([]);
  } finally {
    await kill(p);
  }

  // The rest at full speed (Feishu's 1,000 a minute would take a minute here): a worker on the same file.
  fake.clearFaults();
  const db2 = openDatabase(path);
  try {
    const client = createLarkClient(
      { appId: fake.appId, appSecret: fake.appSecret, encryptKey: '', verificationToken: '', domain: fake.url, mode: 'webhook' },
      new lark.DefaultCache(),
    );
    const worker = new OutboxWorker(db2, new FeishuMessenger(client, 5000), createLogger('silent'), {
      concurrency: 16,
      limiter: new RateLimiter({ perSecond: 100_000, perMinute: 1_000_000, perReceiverPerSecond: 100_000 }),
    });
    await worker.drain();
    const final = rows(db2);
    expect(final.filter((r) => r.status !== 'sent').map((r) => `${r.id} ${r.status} ${r.lastError}`)).toEqual([]);
    // Exactly once: one delivered message per row, no uuid twice, each row holding its message's id.
    const uuids = fake.sent.map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(fake.sent).toHaveLength(QUEUED);
    const byUuid = new Map(fake.sent.map((m) => [m.uuid!, m]));
    for (const r of final) expect(byUuid.get(r.uuid)?.message_id, `row ${r.id}`).toBe(r.messageId);
  } finally {
    db2.$client.close();
  }
});
