/**
 * stop() is for a shutdown, not a drain: no new row is taken and no new send starts, the sends already out are
 * waited for (bounded), and every row leased but not sent is released so the next start sends it at once. What is
 * still queued stays queued. Real time, a messenger that answers slowly.
 */
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { openDatabase } from '../../src/db/client';
import { outbox } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import type { Messenger, OutgoingMessage, ReceiveIdType } from '../../src/messenger/messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { RateLimiter } from '../../src/messenger/rate-limiter';
import { type TestDb, openTestDb } from '../support/fixtures';

const log = createLogger('silent');
const fast = () => new RateLimiter({ perSecond: 100_000, perMinute: 1_000_000, perReceiverPerSecond: 100_000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Answers each send after `delayMs`, or holds it until `release()` for the uuids in `hang`. */
class SlowMessenger implements Messenger {
  readonly started: Array<{ uuid: string; at: number }> = [];
  readonly answered = new Set<string>();
  readonly hang = new Set<string>();
  private readonly hung: Array<() => void> = [];
  constructor(public delayMs: number) {}
  async send(_to: { receiveIdType: ReceiveIdType; receiveId: string }, m: OutgoingMessage) {
    this.started.push({ uuid: m.uuid, at: Date.now() });
    if (this.hang.has(m.uuid)) await new Promise<void>((ok) => this.hung.push(ok));
    else await sleep(this.delayMs);
    this.answered.add(m.uuid);
    return { messageId: `om_${m.uuid.slice(0, 8)}` };
  }
  release() {
    for (const ok of this.hung.splice(0)) ok();
  }
  async reply(): Promise<{ messageId: string }> {
    throw new Error('not used');
  }
  async patch(): Promise<void> {
    throw new Error('not used');
  }
}

let t: TestDb | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

function plan(db: Db, count: number, receivers: number) {
  db.transaction((tx) => {
    for (let i = 0; i < count; i++) {
      enqueue(tx, { to: personAddress(`ou_r${i % receivers}`), msgType: 'text', content: { text: `#${i}` }, purpose: 'reminder' }, new Date());
    }
  });
}
const rows = (db: Db) => db.select().from(outbox).orderBy(asc(outbox.id)).all();

async function until(cond: () => boolean, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('OutboxWorker.stop()', () => {
  it('mid-drain: the sends out finish, none starts after, the rest is released, and it takes one send’s time', async () => {
    const tdb = (t = openTestDb());
    plan(tdb.db, 1_200, 200);
    const m = new SlowMessenger(150);
    const worker = new OutboxWorker(tdb.db, m, log, { limiter: fast(), concurrency: 8 });
    worker.start();
    await until(() => m.answered.size >= 24, '24 answers');

    const stopAt = Date.now();
    const stopping = worker.stop();
    expect(worker.stop()).toBe(stopping); // a second stop (a second signal) waits for the same shutdown
    await stopping;
    const took = Date.now() - stopAt;
    expect(took).toBeLessThan(1_000); // about one send (150 ms), not the 1,200 × 150 ms / 8 of a whole drain

    // Nothing started after stop, and everything that started was answered and recorded.
    expect(m.started.every((s) => s.at <= stopAt)).toBe(true);
    expect(m.answered.size).toBe(m.started.length);
    const after = rows(tdb.db);
    const sent = after.filter((r) => r.status === 'sent');
    expect(new Set(sent.map((r) => r.uuid))).toEqual(new Set(m.started.map((s) => s.uuid)));
    // The rest is queued as it was, leased by nobody: the next start sends it at once.
    const pending = after.filter((r) => r.status === 'pending');
    expect(pending.length).toBe(1_200 - sent.length);
    expect(pending.length).toBeGreaterThan(1_000);
    expect(pending.filter((r) => r.leaseUntil !== null || r.leaseOwner !== null)).toEqual([]);
    expect(pending.every((r) => r.attempts === 0)).toBe(true);

    // A stopped worker takes nothing more: not on a kick (a late commit), not on a drain.
    worker.kick();
    expect(await worker.drain()).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 });
    await sleep(50);
    expect(m.started.length).toBe(sent.length);

    // The next worker (the restarted server) sends what is left, each once.
    const next = new OutboxWorker(tdb.db, m, log, { limiter: fast(), concurrency: 32 });
    m.started.length = 0;
    m.delayMs = 1;
    const r = await next.drain();
    expect(r.sent).toBe(pending.length);
    expect(rows(tdb.db).every((x) => x.status === 'sent')).toBe(true);
    expect(new Set(m.started.map((s) => s.uuid)).size).toBe(pending.length);
  });

  it('does not wait for the rate limiter: a send waiting for its slot is given up and its row released', async () => {
    const tdb = (t = openTestDb());
    plan(tdb.db, 40, 40);
    const m = new SlowMessenger(1);
    // 5 a minute: after the first five, every send waits about a minute for a slot.
    const worker = new OutboxWorker(tdb.db, m, log, { limiter: new RateLimiter({ perSecond: 50, perMinute: 5, perReceiverPerSecond: 5 }) });
    worker.start();
    await until(() => m.answered.size === 5, 'the first five');
    await sleep(30);
    const stopAt = Date.now();
    await worker.stop();
    expect(Date.now() - stopAt).toBeLessThan(500);
    expect(m.started).toHaveLength(5);
    const after = rows(tdb.db);
    expect(after.filter((r) => r.status === 'sent')).toHaveLength(5);
    expect(after.filter((r) => r.status === 'pending' && (r.leaseUntil !== null || r.leaseOwner !== null))).toEqual([]);
  });

  it('a send that outlasts the grace keeps its lease; after stop the worker writes nothing, even to a closed database', async () => {
    const tdb = (t = openTestDb());
    plan(tdb.db, 3, 3);
    const [stuck] = rows(tdb.db);
    const m = new SlowMessenger(1);
    m.hang.add(stuck!.uuid);
    const worker = new OutboxWorker(tdb.db, m, log, { limiter: fast() });
    worker.start();
    await until(() => m.started.length === 3 && m.answered.size === 2, 'two answers and one hung send');

    const stopAt = Date.now();
    await worker.stop(200);
    expect(Date.now() - stopAt).toBeLessThan(600);
    // Its outcome is unknown, so the row keeps its lease, in this worker's name.
    expect(rows(tdb.db).find((r) => r.id === stuck!.id)).toMatchObject({ status: 'pending', leaseOwner: worker.owner });

    // The caller closes the database; the send then comes back: no write, no error.
    tdb.db.$client.close();
    m.hang.clear();
    m.release();
    await sleep(50);
    const db = openDatabase(tdb.path);
    try {
      expect(db.select().from(outbox).where(eq(outbox.id, stuck!.id)).get()).toMatchObject({ status: 'pending', leaseOwner: worker.owner });
      // The stopped worker is no longer alive: the next one takes its row back at once (the uuid makes it safe).
      const next = new OutboxWorker(db, m, log, { limiter: fast() });
      expect((await next.drain()).sent).toBe(1);
      expect(db.select().from(outbox).where(eq(outbox.id, stuck!.id)).get()!.status).toBe('sent');
    } finally {
      db.$client.close(); // afterEach's close() of the first connection again is a no-op; it removes the folder
    }
  });
});
