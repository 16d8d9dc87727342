/**
 * Whose lease is it? A worker writes `pid:instance` into each lease it takes. Before claiming, a worker takes back
 * at once the rows of an owner that is provably gone (its pid no longer exists, or it had our pid but is not one of
 * the workers alive in this process: a restarted container reusing the pid), and leaves a live owner's lease alone.
 * A lease without an owner (written before the column existed) still waits for its expiry.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { outbox } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import type { Messenger, OutgoingMessage, ReceiveIdType } from '../../src/messenger/messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { RateLimiter } from '../../src/messenger/rate-limiter';
import { type TestDb, openTestDb } from '../support/fixtures';

const log = createLogger('silent');
const fast = () => new RateLimiter({ perSecond: 100_000, perMinute: 1_000_000, perReceiverPerSecond: 100_000 });

/** Records each send with the row's lease as the database had it while the send was out. */
class Recorder implements Messenger {
  readonly sent: Array<{ receiveId: string; uuid: string; leaseOwner: string | null }> = [];
  constructor(private readonly db: Db) {}
  async send(to: { receiveIdType: ReceiveIdType; receiveId: string }, m: OutgoingMessage) {
    const row = this.db.select().from(outbox).where(eq(outbox.uuid, m.uuid)).get()!;
    this.sent.push({ receiveId: to.receiveId, uuid: m.uuid, leaseOwner: row.leaseOwner });
    return { messageId: `om_${this.sent.length}` };
  }
  async reply(): Promise<{ messageId: string }> {
    throw new Error('not used');
  }
  async patch(): Promise<void> {
    throw new Error('not used');
  }
}

let t: TestDb | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  t?.close();
  t = undefined;
});

/** A process that stays alive until killed. */
function sleeper(): ChildProcess {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(c);
  return c;
}
const exited = (c: ChildProcess) => new Promise<void>((ok) => (c.exitCode !== null || c.signalCode !== null ? ok() : c.once('exit', () => ok())));

/** One text per entry; returns their ids as `receiver#n` (the n-th card to that receiver). */
function plan(db: Db, receivers: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  const count = new Map<string, number>();
  db.transaction((tx) => {
    for (const to of receivers) {
      const n = (count.get(to) ?? 0) + 1;
      count.set(to, n);
      ids.set(`${to}#${n}`, enqueue(tx, { to: personAddress(to), msgType: 'text', content: { text: `${to} ${n}` }, purpose: 'reminder' }, new Date())!);
    }
  });
  return ids;
}

/** Leases a row in someone else's name for another minute (what a worker that was killed leaves behind). */
const leaseAs = (db: Db, id: number, owner: string | null) =>
  db.update(outbox).set({ leaseOwner: owner, leaseUntil: new Date(Date.now() + 60_000).toISOString() }).where(eq(outbox.id, id)).run();
const row = (db: Db, id: number) => db.select().from(outbox).where(eq(outbox.id, id)).get()!;
const rowsInOrder = (db: Db) => db.select().from(outbox).orderBy(asc(outbox.id)).all();

describe('lease owners', () => {
  it('a dead owner’s rows go at once and in order; a live one’s stay leased, and hold their receiver’s queue', async () => {
    const tdb = (t = openTestDb());
    const db = tdb.db;
    const ids = plan(db, ['ou_a', 'ou_a', 'ou_b', 'ou_b', 'ou_c', 'ou_d', 'ou_e', 'ou_f']);
    const id = (k: string) => ids.get(k)!;

    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await exited(gone); // reaped: its pid no longer exists
    const alive = sleeper();
    const recorder = new Recorder(db);
    const worker = new OutboxWorker(db, recorder, log, { limiter: fast() });
    const other = new OutboxWorker(db, recorder, log, { limiter: fast() }); // alive in this process, never drained

    leaseAs(db, id('ou_a#1'), `${gone.pid}:0a0a0a0a`); // killed: its pid is gone
    leaseAs(db, id('ou_b#1'), `${alive.pid}:0b0b0b0b`); // another process that is running (a `tick` beside the server)
    leaseAs(db, id('ou_c#1'), `${process.pid}:0c0c0c0c`); // our pid, but no worker of ours: a previous process
    leaseAs(db, id('ou_d#1'), other.owner); // another worker of this process
    leaseAs(db, id('ou_e#1'), null); // written before leases had owners: only the expiry frees it

    await worker.drain();
    const sentIds = () => recorder.sent.map((s) => rowsInOrder(db).find((r) => r.uuid === s.uuid)!.id);
    // Lanes run side by side: compare the set, and the order within one receiver.
    expect([...sentIds()].sort((x, y) => x - y)).toEqual([id('ou_a#1'), id('ou_a#2'), id('ou_c#1'), id('ou_f#1')]);
    expect(sentIds().filter((x) => x === id('ou_a#1') || x === id('ou_a#2'))).toEqual([id('ou_a#1'), id('ou_a#2')]);
    // Each send was made under this worker's own lease.
    expect(recorder.sent.every((s) => s.leaseOwner === worker.owner)).toBe(true);
    expect(worker.owner).toMatch(new RegExp(`^${process.pid}:[0-9a-f]{8}$`));
    // The live owners keep their leases; ou_b's second card waits behind the first.
    expect(row(db, id('ou_b#1'))).toMatchObject({ status: 'pending', leaseOwner: `${alive.pid}:0b0b0b0b` });
    expect(row(db, id('ou_b#2'))).toMatchObject({ status: 'pending', leaseUntil: null });
    expect(row(db, id('ou_d#1'))).toMatchObject({ status: 'pending', leaseOwner: other.owner });
    expect(row(db, id('ou_e#1'))).toMatchObject({ status: 'pending', leaseOwner: null });
    for (const k of ['ou_a#1', 'ou_a#2', 'ou_c#1', 'ou_f#1']) expect(row(db, id(k))).toMatchObject({ status: 'sent', leaseOwner: null, leaseUntil: null });

    // The other process dies: its row, and the one behind it, go on the next round without waiting for the lease.
    alive.kill('SIGKILL');
    await exited(alive);
    await worker.drain();
    expect(sentIds().slice(4)).toEqual([id('ou_b#1'), id('ou_b#2')]);

    // A worker that stops releases what it held; an ownerless lease goes once it has run out.
    await other.stop();
    expect(row(db, id('ou_d#1'))).toMatchObject({ leaseOwner: null, leaseUntil: null });
    await worker.drain();
    expect(sentIds().slice(6)).toEqual([id('ou_d#1')]);
    await worker.drain(() => new Date(Date.now() + 61_000));
    expect(sentIds().slice(7)).toEqual([id('ou_e#1')]);
    expect(rowsInOrder(db).every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(recorder.sent.map((s) => s.uuid)).size).toBe(recorder.sent.length);
  });
});
