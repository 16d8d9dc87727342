/**
 * Crash mid-burst: a child process plans 200 cards and sends them through the real SDK to the fake; the fake kills
 * it with SIGKILL while one of its sends is being held (the fake processes that send after the child is dead, so
 * Feishu has the message and the database does not know). A fresh worker in this process, on a new connection to
 * the same file, then finishes the job: every card delivered exactly once. The child's leases name it, and it is
 * gone, so the fresh worker takes its rows back at once instead of waiting a minute for the leases to run out.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as lark from '@larksuiteoapi/node-sdk';
import { asc } from 'drizzle-orm';
import { afterEach, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client';
import { outbox } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import { FeishuMessenger, createLarkClient } from '../../src/messenger/feishu-messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { RateLimiter } from '../../src/messenger/rate-limiter';
import { type FakeFeishu, type RecordedCall, startFakeFeishu } from '../support/fake-feishu';
import { type TestDb, openTestDb } from '../support/fixtures';

const CHILD = fileURLToPath(new URL('./outbox-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COUNT = 200;
const RECEIVERS = 20;
const KILL_AFTER = 60;
const HOLD_MS = 300;

const isSend = (c: RecordedCall) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages';
const uuidOf = (c: RecordedCall) => (c.body as { uuid?: string } | undefined)?.uuid ?? '';
const rows = (db: Db) => db.select().from(outbox).orderBy(asc(outbox.id)).all();

async function until(cond: () => boolean, what: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let fake: FakeFeishu | undefined;
let t: TestDb | undefined;
let child: ChildProcess | undefined;
let db2: Db | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  db2?.$client.close();
  t?.close();
  await fake?.close();
  vi.restoreAllMocks();
});

it('a worker killed mid-burst: a fresh worker delivers every card exactly once', async () => {
  fake = await startFakeFeishu();
  const f = fake;
  t = openTestDb();

  // Faults on the child's sends, by their number n (1-based, counting every send call the fake receives):
  // n = 25: Feishu processes the send and the connection drops before the answer (the child sees a network error);
  // n % 7 = 3: the answer is held HOLD_MS (processed after the hold); the first such send from n = KILL_AFTER on
  // is where the child gets killed — while that send is held.
  let killedAt = 0;
  const held = new Set<string>();
  const droppedAfterProcessing = new Set<string>();
  const sendNo = () => f.calls.filter(isSend).length;
  f.failWhen(
    (c) => {
      if (!isSend(c) || sendNo() !== 25) return false;
      droppedAfterProcessing.add(uuidOf(c));
      return true;
    },
    { drop: true, afterProcessing: true },
  );
  f.failWhen(
    (c) => {
      if (!isSend(c) || sendNo() % 7 !== 3) return false;
      held.add(uuidOf(c));
      if (!killedAt && f.sent.length >= KILL_AFTER) {
        killedAt = sendNo();
        child!.kill('SIGKILL');
      }
      return true;
    },
    { delayMs: HOLD_MS },
  );

  const stderr: string[] = [];
  const messages: { type: string }[] = [];
  child = fork(CHILD, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DUBAN_DB: t.path,
      FAKE_URL: f.url,
      FAKE_APP_ID: f.appId,
      FAKE_APP_SECRET: f.appSecret,
      COUNT: String(COUNT),
      RECEIVERS: String(RECEIVERS),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  child.on('message', (m) => messages.push(m as { type: string }));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child!.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const exit = await exited;
  expect(exit, stderr.join('')).toEqual({ code: null, signal: 'SIGKILL' });
  expect(messages.map((m) => m.type)).toEqual(['planned']); // killed before it could finish
  expect(killedAt).toBeGreaterThan(KILL_AFTER);

  // The held sends (including the one the child died waiting for) are processed by Feishu after the hold.
  await until(() => [...held].every((u) => f.sent.some((s) => s.uuid === u)), 'the held sends to be processed');
  f.clearFaults();

  // The state the crash left behind, seen through a new connection.
  db2 = openDatabase(t.path);
  const db = db2;
  const after = rows(db);
  expect(after).toHaveLength(COUNT);
  const inFeishu = new Map(f.sent.map((s) => [s.uuid!, s.message_id]));
  const done = after.filter((r) => r.status === 'sent');
  const pending = after.filter((r) => r.status === 'pending');
  expect(done.length).toBeGreaterThan(0);
  expect(pending.length).toBeGreaterThan(COUNT / 2); // mid-burst, not at the end
  expect(pending.length + done.length).toBe(COUNT);
  // The crash window: Feishu has these messages, the database still thinks they are to be sent.
  const lostAnswers = pending.filter((r) => inFeishu.has(r.uuid));
  expect(lostAnswers.length).toBeGreaterThanOrEqual(1);
  // The child had leased what it was working on, for another minute, in its own name.
  const leased = pending.filter((r) => r.leaseUntil && Date.parse(r.leaseUntil) > Date.now() + 30_000);
  expect(leased.length).toBeGreaterThan(0);
  for (const r of leased) expect(r.leaseOwner).toMatch(new RegExp(`^${child.pid}:`));

  const client = createLarkClient(
    { appId: f.appId, appSecret: f.appSecret, encryptKey: '', verificationToken: '', domain: f.url, mode: 'webhook' },
    new lark.DefaultCache(),
  );
  const worker = new OutboxWorker(db, new FeishuMessenger(client, 5000), createLogger('silent'), {
    concurrency: 8,
    limiter: new RateLimiter({ perSecond: 100_000, perMinute: 1_000_000, perReceiverPerSecond: 100_000 }),
  });

  // Now, on the real clock: the dead child's leased rows are sent at once, not after their lease (60 s) runs out.
  const callsFor = (uuid: string) => f.calls.filter((c) => isSend(c) && uuidOf(c) === uuid).length;
  const started = Date.now();
  await worker.drain(() => new Date());
  expect(Date.now() - started).toBeLessThan(10_000);
  const now = new Map(rows(db).map((r) => [r.id, r]));
  // What is left waits for a retry the child had planned (its backoff), or behind one to the same person (order),
  // never for a lease.
  const waitingForRetry = (r: (typeof after)[number]) => r.status === 'pending' && Date.parse(r.nextAttemptAt) > started;
  const behindRetry = (r: (typeof after)[number]) =>
    [...now.values()].some((e) => e.id < r.id && e.receiveId === r.receiveId && waitingForRetry(e));
  for (const r of now.values()) {
    if (r.status !== 'pending') continue;
    expect(waitingForRetry(r) || behindRetry(r), `row ${r.id} still pending: ${JSON.stringify(r)}`).toBe(true);
    expect(r.leaseUntil).toBeNull();
  }
  const sentAtOnce = leased.filter((r) => now.get(r.id)!.status === 'sent');
  expect(sentAtOnce.length).toBeGreaterThan(leased.length / 2);

  // Past any retry the child had planned: everything goes.
  const later = new Date(Date.now() + 5 * 60_000);
  for (let i = 0; i < 5 && rows(db).some((r) => r.status === 'pending'); i++) await worker.drain(() => later);

  const final = rows(db);
  expect(final.filter((r) => r.status !== 'sent').map((r) => `${r.id}: ${r.status} ${r.lastError}`)).toEqual([]);
  // Exactly once: one message per row, no uuid twice, and each row's message id is that message's.
  const uuids = f.sent.map((s) => s.uuid);
  expect(new Set(uuids).size).toBe(uuids.length);
  expect(f.sent).toHaveLength(COUNT);
  const byUuid = new Map(f.sent.map((s) => [s.uuid!, s]));
  for (const r of final) {
    expect(byUuid.get(r.uuid)?.message_id, `row ${r.id}`).toBe(r.messageId);
    expect(byUuid.get(r.uuid)?.receive_id).toBe(r.receiveId);
  }
  // The rows whose answer was lost were sent again with the same uuid and got the message Feishu already had.
  for (const r of lostAnswers) {
    expect(callsFor(r.uuid)).toBeGreaterThanOrEqual(2);
    expect(final.find((x) => x.id === r.id)!.messageId).toBe(inFeishu.get(r.uuid));
  }
  for (const u of droppedAfterProcessing) expect(f.sent.filter((s) => s.uuid === u)).toHaveLength(1);
}, 30_000);
