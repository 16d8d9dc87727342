import type { DbOrTx } from '../db/client';
import { chases } from '../db/schema';
import { markChasesAnswered } from '../db/history-repository';
import type { EventSink } from './context';

/** What counts as the unit answering a chase: any sign of work on the item. */
const ANSWERS = new Set(['report_progress', 'claim', 'request_extension', 'submit_completion']);

/** Marks the item's open chases answered when the unit acts, in the same transaction as the act. */
export const chaseAnswers: EventSink = {
  record(tx, e) {
    if (!ANSWERS.has(e.type)) return;
    markChasesAnswered(tx, e.item.id, e.now.toISOString());
  },
};

/** A supervisor's 催办 by hand, one row per person chased. */
export function recordManualChase(tx: DbOrTx, itemId: number, actorId: string, recipient: string, outboxId: number | null, now: Date) {
  const at = now.toISOString();
  tx.insert(chases)
    .values({ itemId, kind: 'manual', stepKey: `manual:${itemId}:${at}`, recipient, automatic: false, actorId, at, outboxId })
    .onConflictDoNothing()
    .run();
}

/** Several sinks as one, in order. */
export function allSinks(...sinks: EventSink[]): EventSink {
  return {
    record: (tx, e) => sinks.forEach((s) => s.record(tx, e)),
    afterCommit: () => sinks.forEach((s) => s.afterCommit?.()),
  };
}
