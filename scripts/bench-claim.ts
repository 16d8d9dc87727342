/**
 * What the outbox worker's claim costs as the queue grows: `tsx scripts/bench-claim.ts` fills an outbox with
 * 1,000, 10,000 and 30,000 pending cards (2.6 KB each, as `查看` replies are; 300 receivers; a few retrying and a
 * few deferred to the morning among them) and times one claim of a batch (the synchronous transaction that picks
 * and leases the rows to send: the event loop waits for it, so every request in flight waits as long), and the
 * enqueue of a card, which pays for the outbox's indexes. Not part of `npm run bench`; for the claim's cost.
 */
import { transact } from '../src/db/transaction';
import { createLogger } from '../src/logger';
import { OutboxWorker } from '../src/messenger/outbox';
import { enqueue } from '../src/messenger/outbox-queue';
import type { Messenger } from '../src/messenger/messenger';
import { seededDatabase } from './bench-inprocess';

const s = seededDatabase('claim', 200);
const db = s.db;
const c = db.$client;
const now = new Date('2026-12-03T02:00:00Z');
const content = JSON.stringify({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: '进展'.repeat(430) }] } });
const nobody = {} as Messenger; // the claim sends nothing
const worker = new OutboxWorker(db, nobody, createLogger('silent'), { clock: () => now });
const claim = (at: Date) => (worker as unknown as { claimBatch(now: Date): unknown[] }).claimBatch(at);
const pendingCount = c.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck();
const release = c.prepare("UPDATE outbox SET lease_until = NULL, lease_owner = NULL WHERE status = 'pending' AND lease_owner = ?");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log('pending   claim (ms, median of 15)   rows claimed   enqueue (µs/card)');
for (const target of [1_000, 10_000, 30_000]) {
  let have = pendingCount.get() as number;
  const before = performance.now();
  const added = target - have;
  transact(db, (tx) => {
    for (; have < target; have++) {
      const to = { op: 'send' as const, receiveIdType: 'open_id' as const, receiveId: `ou_claim_${have % 300}` };
      enqueue(tx, { to, msgType: 'interactive', content, purpose: 'reply', itemId: null }, now);
    }
  });
  const enqueueUs = ((performance.now() - before) * 1000) / added;
  // Every hundredth row is waiting for a retry (its receiver's queue is held), every 250th deferred to the morning.
  c.prepare(`UPDATE outbox SET attempts = 1, next_attempt_at = ? WHERE status = 'pending' AND id % 100 = 0`).run(new Date(now.getTime() + 60_000).toISOString());
  c.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND attempts = 0 AND id % 250 = 7`).run('2026-12-04T00:00:00.000Z');
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 16; i++) {
    const t = performance.now();
    rows = claim(now).length;
    if (i > 0) times.push(performance.now() - t);
    release.run(worker.owner);
  }
  console.log(`${String(target).padStart(7)}   ${median(times).toFixed(2).padStart(24)}   ${String(rows).padStart(12)}   ${enqueueUs.toFixed(1).padStart(17)}`);
}
await worker.stop();
c.close();
