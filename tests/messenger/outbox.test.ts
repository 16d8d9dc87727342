/**
 * The outbox against a local fake of Feishu, through the REAL `@larksuiteoapi/node-sdk` client and FeishuMessenger.
 * Time is driven: `drain(() => t)` decides what is due at `t`, and each test's RateLimiter has its own clock whose
 * sleep only advances that clock, so backoff and Feishu's "wait N seconds" never cost real time. The only real
 * waiting is the send timeout in the slow-reply case (a few hundred ms).
 */
import { inspect } from 'node:util';
import * as lark from '@larksuiteoapi/node-sdk';
import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client';
import { outbox } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import { FeishuMessenger, createLarkClient } from '../../src/messenger/feishu-messenger';
import { type OutboxOptions, OutboxWorker } from '../../src/messenger/outbox';
import { type PlannedMessage, enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { FEISHU_LIMITS, RateLimiter, type RateLimits } from '../../src/messenger/rate-limiter';
import type { OrgFile } from '../../src/org/parse-org';
import { type FakeFault, type FakeFeishu, type RecordedCall, type SentMessage, startFakeFeishu } from '../support/fake-feishu';
import { TEST_ORG, type TestDb, openTestDb } from '../support/fixtures';

const log = createLogger('silent');
const T0 = new Date('2026-11-02T01:00:00Z');

/** A second admin, so "every admin is alerted" means more than one. */
const ORG_TWO_ADMINS: OrgFile = {
  ...TEST_ORG,
  people: [...TEST_ORG.people, { id: 'ou_admin2', name: '值班管理员', roles: ['admin'], leads: [] }],
};

const card = (title: string, pad = 0) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: `**${title}**${'字'.repeat(pad)}` }] },
});

const cardTo = (receiver: string, title: string, pad = 0): PlannedMessage => ({
  to: personAddress(receiver),
  msgType: 'interactive',
  content: card(title, pad),
  purpose: 'reminder',
});

/** A limiter on its own clock: sleeping advances the clock at once and is recorded. */
function virtualLimiter(limits: RateLimits = FEISHU_LIMITS) {
  const state = { now: 1_000_000, sleeps: [] as number[] };
  const limiter = new RateLimiter(
    limits,
    () => state.now,
    async (ms) => {
      state.sleeps.push(ms);
      state.now += ms;
    },
  );
  return { limiter, state };
}

function messenger(fake: FakeFeishu, timeoutMs = 5000) {
  const cache = new lark.DefaultCache();
  const client = createLarkClient(
    { appId: fake.appId, appSecret: fake.appSecret, encryptKey: '', verificationToken: '', domain: fake.url, mode: 'webhook' },
    cache,
  );
  return new FeishuMessenger(client, timeoutMs, { cache, appId: fake.appId });
}

const rows = (db: Db) => db.select().from(outbox).orderBy(asc(outbox.id)).all();
const rowById = (db: Db, id: number) => db.select().from(outbox).where(eq(outbox.id, id)).get()!;

function plan(db: Db, messages: PlannedMessage[], now = T0): number[] {
  return db.transaction((tx) => {
    for (const m of messages) enqueue(tx, m, now);
    return tx.select({ id: outbox.id }).from(outbox).orderBy(asc(outbox.id)).all().slice(-messages.length).map((r) => r.id);
  });
}

const isSend = (c: RecordedCall) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages';
const uuidOf = (c: RecordedCall) => (c.body as { uuid?: string } | undefined)?.uuid;
const receiverOf = (c: RecordedCall) => (c.body as { receive_id?: string } | undefined)?.receive_id;
const sendCalls = (fake: FakeFeishu) => fake.calls.filter(isSend);

/**
 * Drains at `t`, then moves `t` to the earliest retry and drains again, until nothing is pending (or `rounds` run
 * out). Returns the final time.
 */
async function drainUntilSettled(db: Db, worker: OutboxWorker, start = T0, rounds = 20): Promise<Date> {
  let t = start;
  for (let i = 0; i < rounds; i++) {
    await worker.drain(() => t);
    const pending = rows(db).filter((r) => r.status === 'pending');
    if (pending.length === 0) return t;
    // Rows held back behind an earlier one (same receiver) are due already; jump to the next retry time.
    const future = pending.map((r) => Date.parse(r.nextAttemptAt)).filter((x) => x > t.getTime());
    t = new Date(future.length ? Math.min(...future) : t.getTime() + 1);
  }
  throw new Error(`outbox not settled after ${rounds} rounds: ${JSON.stringify(rows(db).filter((r) => r.status === 'pending'))}`);
}

/** Every outbox row was delivered exactly once: one message per row in the fake, matched by uuid and message id. */
function expectExactlyOnce(db: Db, feishu: { sent: SentMessage[] }) {
  const all = rows(db);
  expect(all.length).toBeGreaterThan(0);
  for (const r of all) {
    expect(r.status, `row ${r.id}: ${r.lastError}`).toBe('sent');
    expect(r.messageId).toMatch(/^om_fake_/);
    expect(r.leaseUntil).toBeNull();
  }
  const uuids = feishu.sent.map((s) => s.uuid);
  expect(new Set(uuids).size).toBe(uuids.length);
  expect(feishu.sent).toHaveLength(all.length);
  for (const r of all) {
    const delivered = feishu.sent.filter((s) => s.uuid === r.uuid);
    expect(delivered, `row ${r.id}`).toHaveLength(1);
    expect(delivered[0]!.message_id).toBe(r.messageId);
  }
}

/** Polls a condition on the real clock (for things the fake does on its own time: delayed processing). */
async function until(cond: () => boolean, what: string, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let fake: FakeFeishu;
let t: TestDb | undefined;

beforeAll(async () => {
  fake = await startFakeFeishu();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(false);
  // The SDK prints every failed request (the whole AxiosError) with console.log('[error]:', …); keep the run readable.
  const original = console.log;
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    if (args[0] === '[error]:') return;
    original(...args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
  t = undefined;
});

function setup(opts: OutboxOptions & { timeoutMs?: number; org?: OrgFile } = {}) {
  const tdb = (t = openTestDb(undefined, opts.org));
  const v = virtualLimiter();
  const worker = new OutboxWorker(tdb.db, messenger(fake, opts.timeoutMs), log, { limiter: v.limiter, ...opts });
  return { db: tdb.db, worker, limiter: v.limiter, lim: v.state };
}

// ─── 1. transient faults: delivered exactly once ─────────────────────────────

describe('a transient fault on a send ends with every card delivered exactly once', () => {
  const cases: { name: string; fault: FakeFault }[] = [
    { name: 'HTTP 500', fault: { status: 500 } },
    { name: 'HTTP 400 + 230020 (per-receiver rate limit)', fault: { status: 400, code: 230020 } },
    { name: 'a connection dropped before Feishu processed the send', fault: { drop: true } },
  ];
  for (const { name, fault } of cases) {
    it(name, async () => {
      const { db, worker } = setup();
      const ids = plan(db, [cardTo('ou_head_jwc', 'A'), cardTo('ou_head_kyc', 'B'), cardTo('ou_vp1', 'C')]);
      fake.failNext(1, fault);

      const first = await worker.drain(() => T0);
      expect(first).toEqual({ sent: 2, retried: 1, failed: 0, skipped: 0 });
      const retried = rows(db).find((r) => r.status === 'pending')!;
      expect(retried.attempts).toBe(1);
      expect(retried.lastError).toBeTruthy();
      expect(Date.parse(retried.nextAttemptAt)).toBeGreaterThan(T0.getTime());
      // Not due yet: nothing is sent.
      const before = sendCalls(fake).length;
      await worker.drain(() => new Date(Date.parse(retried.nextAttemptAt) - 1));
      expect(sendCalls(fake)).toHaveLength(before);

      await drainUntilSettled(db, worker, new Date(retried.nextAttemptAt));
      expectExactlyOnce(db, fake);
      expect(rows(db).map((r) => r.id)).toEqual(ids);
      expect(rowById(db, retried.id).attempts).toBe(2);
      // The retry carried the same uuid as the failed attempt.
      expect(sendCalls(fake).filter((c) => uuidOf(c) === retried.uuid)).toHaveLength(2);
    });
  }

  it('HTTP 429 + 99991400 with x-ogw-ratelimit-reset: the retry waits for the reset and the limiter pauses', async () => {
    const { db, worker, limiter, lim } = setup();
    plan(db, [cardTo('ou_head_jwc', 'A')]);
    fake.failNext(1, { status: 429, code: 99991400, resetSeconds: 7 });

    expect(await worker.drain(() => T0)).toEqual({ sent: 0, retried: 1, failed: 0, skipped: 0 });
    const [row] = rows(db);
    expect(row!.lastError).toContain('429');
    expect(row!.lastError).toContain('99991400');
    // Feishu said 7 s: more than the first backoff (1 s), so the reset decides.
    expect(Date.parse(row!.nextAttemptAt)).toBeGreaterThanOrEqual(T0.getTime() + 7000);
    // The limiter holds every send (any receiver) for the reset.
    expect(limiter.waitFor('ou_someone_else')).toBeGreaterThan(6000);
    expect(limiter.waitFor('ou_someone_else')).toBeLessThanOrEqual(7000);

    // A drain before the reset sends nothing.
    await worker.drain(() => new Date(T0.getTime() + 6999));
    expect(sendCalls(fake)).toHaveLength(1);

    await drainUntilSettled(db, worker, new Date(T0.getTime() + 7000));
    expectExactlyOnce(db, fake);
    // The retry went only after the limiter had waited out the pause.
    expect(lim.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(7000);
    expect(limiter.waitFor('ou_someone_else')).toBe(0);
  });

  it('a reply slower than the timeout that Feishu still processed: the retry (same uuid) does not send it twice', async () => {
    const { db, worker } = setup({ timeoutMs: 200 });
    plan(db, [cardTo('ou_head_jwc', 'slow'), cardTo('ou_head_kyc', 'other')]);
    fake.failNext(1, { delayMs: 600 }, { path: '/open-apis/im/v1/messages' });

    const started = Date.now();
    expect(await worker.drain(() => T0)).toEqual({ sent: 1, retried: 1, failed: 0, skipped: 0 });
    expect(Date.now() - started).toBeLessThan(550); // gave up at the timeout, not after the slow answer
    const slow = rows(db).find((r) => r.status === 'pending')!;
    expect(slow.lastError).toMatch(/timeout|ECONNABORTED/i);

    // The fake finishes the slow request after we gave up: the message now exists in Feishu.
    await until(() => fake.sent.some((s) => s.uuid === slow.uuid), 'the slow send to be processed');
    expect(fake.sent).toHaveLength(2);

    await drainUntilSettled(db, worker, new Date(slow.nextAttemptAt));
    expectExactlyOnce(db, fake);
    expect(sendCalls(fake).filter((c) => uuidOf(c) === slow.uuid)).toHaveLength(2);
  });

  it('a connection dropped AFTER Feishu processed the send: the retry gets the same message back', async () => {
    const { db, worker } = setup();
    plan(db, [cardTo('ou_head_jwc', 'A'), cardTo('ou_head_kyc', 'B')]);
    fake.failNext(1, { drop: true, afterProcessing: true });

    expect(await worker.drain(() => T0)).toEqual({ sent: 1, retried: 1, failed: 0, skipped: 0 });
    const lost = rows(db).find((r) => r.status === 'pending')!;
    expect(lost.lastError).toMatch(/network/);
    const created = fake.sent.find((s) => s.uuid === lost.uuid)!;
    expect(created).toBeDefined();

    await drainUntilSettled(db, worker, new Date(lost.nextAttemptAt));
    expectExactlyOnce(db, fake);
    expect(rowById(db, lost.id).messageId).toBe(created.message_id);
  });
});

// ─── 2. permanent failures: parked, admins alerted ──────────────────────────

describe('a failure that is not retryable parks the row and alerts the admins', () => {
  const cases: { name: string; fault: FakeFault; code: number }[] = [
    { name: '200 + 230002 (bot not in the chat)', fault: { status: 200, code: 230002, msg: 'Bot is not in the chat.' }, code: 230002 },
    { name: '200 + 230025 (card too large)', fault: { status: 200, code: 230025, msg: 'The length of the message content reaches its limit.' }, code: 230025 },
  ];
  for (const { name, fault, code } of cases) {
    it(name, async () => {
      const { db, worker } = setup({ org: ORG_TWO_ADMINS });
      const [id] = plan(db, [cardTo('ou_head_jwc', 'A')]);
      fake.failNext(1, fault);

      const r = await worker.drain(() => T0);
      expect(r).toEqual({ sent: 2, retried: 0, failed: 1, skipped: 0 });
      const parked = rowById(db, id!);
      expect(parked.status).toBe('failed');
      expect(parked.attempts).toBe(1);
      expect(parked.lastError).toContain(String(code));
      expect(parked.lastError).toContain(fault && 'msg' in fault ? fault.msg! : '');
      expect(parked.messageId).toBeNull();
      expect(sendCalls(fake).filter((c) => uuidOf(c) === parked.uuid)).toHaveLength(1); // tried once only

      const alerts = rows(db).filter((x) => x.purpose === 'alert');
      expect(alerts.map((a) => a.receiveId).sort()).toEqual(['ou_admin', 'ou_admin2']);
      for (const a of alerts) {
        expect(a.status).toBe('sent');
        expect(a.msgType).toBe('text');
        const msg = fake.sent.find((s) => s.uuid === a.uuid)!;
        expect(msg.msg_type).toBe('text');
        expect(msg.receive_id).toBe(a.receiveId);
        expect(String(msg.content.text)).toContain(`第 ${id} 条`);
        expect(String(msg.content.text)).toContain(String(code));
      }
      expect(fake.sent).toHaveLength(2); // the two alerts; the card never arrived
    });
  }

  it('a card really over 30 KB (HTTP 400 + 230025 from the fake) is parked at once', async () => {
    const { db, worker } = setup();
    const [id] = plan(db, [cardTo('ou_head_jwc', 'big', 11_000)]); // 11 000 × 3 bytes
    await worker.drain(() => T0);
    const parked = rowById(db, id!);
    expect(parked.status).toBe('failed');
    expect(parked.lastError).toMatch(/HTTP 400 code 230025/);
    const alerts = rows(db).filter((x) => x.purpose === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.status).toBe('sent');
  });

  it('an alert that itself fails is parked without breeding more alerts', async () => {
    const { db, worker } = setup();
    const [id] = plan(db, [cardTo('ou_head_jwc', 'A')]);
    fake.failNext(1, { status: 200, code: 230002 });
    fake.failWhen((c) => isSend(c) && receiverOf(c) === 'ou_admin', { status: 200, code: 230013, msg: 'user has no permission' });

    await drainUntilSettled(db, worker);
    const all = rows(db);
    expect(all).toHaveLength(2);
    expect(all[0]!.id).toBe(id);
    expect(all[0]!.status).toBe('failed');
    expect(all[1]).toMatchObject({ purpose: 'alert', receiveId: 'ou_admin', status: 'failed' });
    expect(all[1]!.lastError).toContain('230013');
    expect(fake.sent).toHaveLength(0);
    // Another drain later finds nothing to do.
    await worker.drain(() => new Date(T0.getTime() + 3_600_000));
    expect(rows(db)).toHaveLength(2);
  });
});

// ─── 3. bounded retries ──────────────────────────────────────────────────────

describe('retries are bounded', () => {
  it('a permanent 500 is tried maxAttempts times, then parked, and each admin is alerted once', async () => {
    const { db, worker } = setup({ maxAttempts: 4, org: ORG_TWO_ADMINS });
    const [id] = plan(db, [cardTo('ou_head_jwc', 'doomed'), cardTo('ou_head_kyc', 'fine')]);
    const doomed = rowById(db, id!);
    fake.failWhen((c) => isSend(c) && uuidOf(c) === doomed.uuid, { status: 500, msg: 'internal error' });

    const times: number[] = [];
    let now = T0;
    for (let i = 0; i < 10; i++) {
      await worker.drain(() => now);
      const r = rowById(db, id!);
      if (r.status !== 'pending') break;
      times.push(Date.parse(r.nextAttemptAt) - now.getTime());
      now = new Date(r.nextAttemptAt);
    }
    const parked = rowById(db, id!);
    expect(parked.status).toBe('failed');
    expect(parked.attempts).toBe(4);
    expect(parked.lastError).toContain('HTTP 500');
    expect(sendCalls(fake).filter((c) => uuidOf(c) === doomed.uuid)).toHaveLength(4);
    expect(times).toEqual([1000, 2000, 4000]); // exponential backoff between the four attempts

    // Later drains neither retry it nor alert again.
    await worker.drain(() => new Date(now.getTime() + 86_400_000));
    expect(sendCalls(fake).filter((c) => uuidOf(c) === doomed.uuid)).toHaveLength(4);
    const alerts = rows(db).filter((x) => x.purpose === 'alert');
    expect(alerts.map((a) => a.receiveId).sort()).toEqual(['ou_admin', 'ou_admin2']);
    expect(alerts.every((a) => a.status === 'sent')).toBe(true);
    expect(fake.sent.filter((s) => s.msg_type === 'text')).toHaveLength(2);
    expect(String(fake.sent.find((s) => s.msg_type === 'text')!.content.text)).toContain('已尝试 4 次');
    expect(rows(db).find((r) => r.receiveId === 'ou_head_kyc')!.status).toBe('sent');
  });
});

describe('a stale tenant token', () => {
  // Was a bug (src/messenger/feishu-messenger.ts): 99991663 (invalid token) and 99991661 are classified retryable, but
  // nothing drops the SDK's cached token, and the SDK keeps using it until its `expire` (2 h) — so every retry is
  // sent with the same dead token and every card in the outbox is parked after maxAttempts (each with admin alerts,
  // which fail the same way). Fix: when a call fails with 99991663/99991661, clear the cached token before
  // rethrowing — e.g. give FeishuMessenger the lark.Cache passed to createLarkClient and call
  // `cache.set(lark.CTenantAccessToken, '', 0, { namespace: appId })` — so the retry fetches a new one.
  // Remove `.fails` with that fix.
  it('after Feishu invalidates the token, the retry gets a new token and the card is delivered', async () => {
    const { db, worker } = setup({ maxAttempts: 3 });
    plan(db, [cardTo('ou_head_jwc', 'warm-up')]);
    await worker.drain(() => T0); // the SDK now holds a token
    fake.invalidateToken();
    plan(db, [cardTo('ou_head_jwc', 'after rotation')]);
    await drainUntilSettled(db, worker);
    const tokens = fake.calls.filter((c) => c.path === '/open-apis/auth/v3/tenant_access_token/internal');
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expectExactlyOnce(db, fake);
  });
});

describe('what a failed send writes to the console', () => {
  // Was a bug (src/messenger/feishu-messenger.ts, createLarkClient): the client is built with `loggerLevel: error` and the
  // SDK's default logger, which on every failed request does console.log('[error]:', axiosError) — the whole
  // AxiosError, including the request headers `Authorization: Bearer <tenant_access_token>`. That goes to stdout,
  // past pino's redaction (REDACT_PATHS), on every 5xx/429/timeout. Fix: pass `logger` to lark.Client — a
  // no-op one, or one that forwards a short message (status, code, msg; never the error object) to our pino
  // logger. (`loggerLevel: fatal` is no way out: the SDK does `loggerLevel || info`, and fatal is 0.)
  // Remove `.fails` with that fix.
  it('does not print the tenant access token', async () => {
    const { db, worker } = setup();
    plan(db, [cardTo('ou_head_jwc', 'A')]);
    fake.failNext(1, { status: 500 });
    await worker.drain(() => T0);
    const printed = vi
      .mocked(console.log)
      .mock.calls.map((args) => args.map((a) => inspect(a)).join(' '))
      .join('\n');
    // The failure is known (the row says why), but nothing the SDK printed carries the token.
    expect(rows(db)[0]!.lastError).toContain('500');
    expect(fake.token.length).toBeGreaterThan(8);
    expect(printed).not.toContain(fake.token);
  });
});

// ─── 4. order per receiver ───────────────────────────────────────────────────

describe('order per receiver', () => {
  // Was a bug (src/messenger/outbox.ts, sendBatch + claimBatch): when the first row of a lane is retried, the rest of the
  // lane is released (leaseUntil = null) with nextAttemptAt still in the past, and drain()'s next round claims and
  // sends them at once — before the retried row. The second and third card overtake the first. Remove `.fails` once
  // claimBatch skips rows that have an earlier pending row for the same receiver.
  it('three cards to one person, the first failing once, arrive in order', async () => {
    const { db, worker } = setup();
    const ids = plan(db, [cardTo('ou_head_jwc', '1'), cardTo('ou_head_jwc', '2'), cardTo('ou_head_jwc', '3'), cardTo('ou_vp1', 'x')]);
    fake.failNext(1, { status: 500 });

    await drainUntilSettled(db, worker);
    expectExactlyOnce(db, fake);
    const byUuid = new Map(rows(db).map((r) => [r.uuid, r.id]));
    const order = fake.sent.filter((s) => s.receive_id === 'ou_head_jwc').map((s) => byUuid.get(s.uuid!));
    expect(order).toEqual(ids.slice(0, 3));
  });

  it('without a failure, one person’s cards go in the order they were planned', async () => {
    const { db, worker } = setup();
    const ids = plan(db, Array.from({ length: 6 }, (_, i) => cardTo(i % 2 ? 'ou_vp1' : 'ou_head_jwc', String(i))));
    await drainUntilSettled(db, worker);
    expectExactlyOnce(db, fake);
    const byUuid = new Map(rows(db).map((r) => [r.uuid, r.id]));
    expect(fake.sent.filter((s) => s.receive_id === 'ou_head_jwc').map((s) => byUuid.get(s.uuid!))).toEqual([ids[0], ids[2], ids[4]]);
    expect(fake.sent.filter((s) => s.receive_id === 'ou_vp1').map((s) => byUuid.get(s.uuid!))).toEqual([ids[1], ids[3], ids[5]]);
  });
});

describe('messages that wait for their time (quiet hours)', () => {
  it('are not sent before notBefore, then go in order; an answer to the same person is not held behind them', async () => {
    const { db, worker } = setup();
    const morning = new Date(T0.getTime() + 10 * 3600_000);
    plan(db, [
      { ...cardTo('ou_head_jwc', 'deferred 1'), notBefore: morning },
      { ...cardTo('ou_head_jwc', 'deferred 2'), notBefore: morning },
    ]);
    plan(db, [cardTo('ou_head_jwc', 'answer now')]);
    await worker.drain(() => T0);
    expect(fake.sent.map((m) => JSON.stringify(m.content))).toEqual([expect.stringContaining('answer now')]);
    await worker.drain(() => morning);
    expect(fake.sent.map((m) => JSON.stringify(m.content).match(/deferred \d|answer now/)?.[0])).toEqual(['answer now', 'deferred 1', 'deferred 2']);
    expectExactlyOnce(db, fake);
  });

  it('more reminders deferred than one claim reads (a night’s worth) hold up no answer, and go in order in the morning', async () => {
    // A claim reads at most four batches of due rows, walking the queue in id order: rows waiting for their time are
    // passed over in the index, not counted, or a long night's queue would starve every answer behind it.
    const { db, worker } = setup({ batchSize: 3 });
    const morning = new Date(T0.getTime() + 10 * 3600_000);
    plan(db, Array.from({ length: 40 }, (_, i) => ({ ...cardTo(i % 2 ? 'ou_vp1' : 'ou_head_jwc', `deferred ${i}`), notBefore: morning })));
    plan(db, [cardTo('ou_head_jwc', 'answer now'), cardTo('ou_vp1', 'answer too')]);
    await worker.drain(() => T0);
    expect(fake.sent.map((m) => JSON.stringify(m.content).match(/deferred \d+|answer \w+/)?.[0])).toEqual(['answer now', 'answer too']);
    await worker.drain(() => morning);
    const to = (who: string) => fake.sent.filter((m) => m.receive_id === who).map((m) => JSON.stringify(m.content).match(/deferred \d+|answer \w+/)?.[0]);
    expect(to('ou_head_jwc')).toEqual(['answer now', ...Array.from({ length: 20 }, (_, i) => `deferred ${2 * i}`)]);
    expect(to('ou_vp1')).toEqual(['answer too', ...Array.from({ length: 20 }, (_, i) => `deferred ${2 * i + 1}`)]);
    expectExactlyOnce(db, fake);
  });
});

// ─── 5. two workers on one file ─────────────────────────────────────────────

describe('two workers draining the same database file', () => {
  it('deliver each row exactly once', async () => {
    const tdb = (t = openTestDb());
    const receivers = Array.from({ length: 15 }, (_, i) => `ou_w${i}`);
    plan(tdb.db, Array.from({ length: 120 }, (_, i) => cardTo(receivers[i % receivers.length]!, `card ${i}`)));
    const db2 = openDatabase(tdb.path);
    try {
      // Small batches so the two workers take turns claiming; some slow answers so their sends overlap in time.
      fake.failWhen((c) => isSend(c) && fake.calls.filter(isSend).length % 9 === 0, { delayMs: 15 });
      const opts = (v: ReturnType<typeof virtualLimiter>): OutboxOptions => ({ batchSize: 7, concurrency: 4, limiter: v.limiter });
      const w1 = new OutboxWorker(tdb.db, messenger(fake), log, opts(virtualLimiter()));
      const w2 = new OutboxWorker(db2, messenger(fake), log, opts(virtualLimiter()));
      const [r1, r2] = await Promise.all([w1.drain(() => T0), w2.drain(() => T0)]);
      expect(r1.sent + r2.sent).toBe(120);
      expect(r1.sent).toBeGreaterThan(0);
      expect(r2.sent).toBeGreaterThan(0);
      expect(r1.retried + r2.retried + r1.failed + r2.failed).toBe(0);
      expectExactlyOnce(tdb.db, fake);
      // Not only no duplicate message: no row was even attempted twice.
      const uuids = sendCalls(fake).map(uuidOf);
      expect(new Set(uuids).size).toBe(120);
      expect(uuids).toHaveLength(120);
    } finally {
      db2.$client.close();
    }
  });
});

// ─── 7. rate limits ──────────────────────────────────────────────────────────

describe('Feishu rate limits (real limiter, real time, fake enforcing 50/s per app and 5/s per receiver)', () => {
  // One burst, run once (it takes a few real seconds), looked at by the tests below.
  let burst: {
    result: { sent: number; retried: number; failed: number };
    elapsed: number;
    db: Db;
    receivers: string[];
    sent: SentMessage[];
    calls: RecordedCall[];
  };
  let tdb: TestDb;

  beforeAll(async () => {
    fake.reset();
    fake.setRateLimit(true); // sliding 1 s windows
    tdb = openTestDb();
    const receivers = Array.from({ length: 30 }, (_, i) => `ou_r${i}`);
    // One receiver gets 12 cards (more than 5 in a second), the other 29 share the remaining 108.
    plan(tdb.db, [
      ...Array.from({ length: 12 }, (_, i) => cardTo(receivers[0]!, `busy ${i}`)),
      ...Array.from({ length: 108 }, (_, i) => cardTo(receivers[1 + (i % 29)]!, `card ${i}`)),
    ]);
    const worker = new OutboxWorker(tdb.db, messenger(fake), log, { limiter: new RateLimiter(), concurrency: 16 });
    const silence = vi.spyOn(console, 'log').mockImplementation(() => {});
    const started = Date.now();
    let result = { sent: 0, retried: 0, failed: 0, skipped: 0 };
    // Drains on the real clock until everything is out (retries, if any, are due a second or so later).
    for (let i = 0; i < 20 && rows(tdb.db).some((r) => r.status === 'pending'); i++) {
      const r = await worker.drain(() => new Date());
      result = { sent: result.sent + r.sent, retried: result.retried + r.retried, failed: result.failed + r.failed, skipped: result.skipped + r.skipped };
      if (rows(tdb.db).some((x) => x.status === 'pending')) await new Promise((res) => setTimeout(res, 250));
    }
    silence.mockRestore();
    // Copies: the top-level beforeEach resets the fake before each test.
    burst = { result, elapsed: Date.now() - started, db: tdb.db, receivers, sent: [...fake.sent], calls: sendCalls(fake) };
    fake.setRateLimit(false);
  }, 30_000);
  afterAll(() => tdb?.close());

  it('120 cards to 30 receivers are all delivered, exactly once, within the limits', () => {
    const { result, elapsed, db, receivers, sent } = burst;
    expect(result.sent).toBe(120);
    expect(result.failed).toBe(0);
    expectExactlyOnce(db, burst);
    // 120 at 50/s cannot take less than two seconds; the busy receiver's 12 need at least two as well.
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    const accepted = sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 50; i < accepted.length; i++) expect(accepted[i]! - accepted[i - 50]!).toBeGreaterThanOrEqual(1000);
    const busy = sent.filter((s) => s.receive_id === receivers[0]).map((s) => s.at);
    expect(busy).toHaveLength(12);
    for (let i = 5; i < busy.length; i++) expect(busy[i]! - busy[i - 5]!).toBeGreaterThanOrEqual(1000);
  });

  // Was a bug (src/messenger/rate-limiter.ts, acquire): a send is counted at the moment the limiter lets it go, but Feishu
  // counts it when the request arrives, which can be much later — on a cold start every first request waits for the
  // tenant token (~70 ms here), on a real network for latency. One second after the first wave the limiter lets the
  // next wave go while Feishu still counts the first wave in its window, so Feishu answers 429/99991400 (here
  // 15–17 of 120 cards, every run). The outbox recovers (retry after x-ogw-ratelimit-reset), but the limiter did not
  // keep us under. Fix: count a send when its answer arrives (acquire returns a `done()` the outbox calls in a
  // finally, which moves that send's timestamp to Date.now()); in-flight sends stay counted at their start.
  // Remove `.fails` with that fix.
  it('the real limiter keeps us under: no 429 or 230020 answer from the fake', () => {
    const refused = burst.calls.length - burst.sent.length;
    expect(burst.result.retried).toBe(0);
    expect(refused).toBe(0);
    expect(burst.calls).toHaveLength(120);
  });
});
