import { escalationProposalCard } from '../cards/escalation-cards';
import type { WorkCalendar } from '../domain/calendar';
import { chinaDate } from '../domain/dates';
import { type EscalationStep, type EscalationTiming, chinaDateOf, dueProposal } from '../domain/escalation';
import { quietNotBefore, type QuietHours } from '../domain/quiet-hours';
import type { Db } from '../db/client';
import { findItem } from '../db/item-repository';
import { peopleWithRole } from '../db/org-repository';
import { chases } from '../db/schema';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import { namesFor } from '../services/escalations';

/**
 * The ladder after the first 约谈通知单: for an item still being chased (assigned or in progress), 二级约谈建议
 * `interview2After` working days after level 1, and 问责移交建议 `referralAfter` working days after level 2, to
 * every supervisor as a card — each proposal once (a chase row per supervisor under a key naming the step it
 * follows; the unique (step_key, recipient) index makes a second sweep, or two at once, change nothing). Only items
 * with an issued step are read, so this costs nothing on a ledger without interviews.
 */
export function planEscalationProposals(
  db: Db,
  calendar: WorkCalendar,
  now: Date,
  o: { timing: EscalationTiming; quietHours: QuietHours | null },
): { proposed: number } {
  const today = chinaDate(now);
  if (!calendar.isWorkday(today)) return { proposed: 0 };
  const notBefore = quietNotBefore(now, calendar, o.quietHours);
  return db.transaction(
    (tx) => {
      // CROSS JOIN keeps the escalations as the outer loop (few rows, through their index). With a plain JOIN SQLite
      // chose to walk every open item in the state index and probe the escalations for each: 12.5 ms a sweep at
      // 100,000 items with no escalation at all, now nothing.
      const rows = db.$client
        .prepare(
          `SELECT e.item_id, e.id, e.step, e.issued_at FROM escalations e CROSS JOIN items i ON i.id = e.item_id
           WHERE i.state IN ('assigned', 'in_progress') ORDER BY e.item_id, e.id`,
        )
        .raw()
        .all() as Array<[number, number, EscalationStep, string]>;
      const byItem = new Map<number, Array<{ id: number; step: EscalationStep; issuedAt: string }>>();
      for (const [itemId, id, step, issuedAt] of rows) {
        const list = byItem.get(itemId);
        const s = { id, step, issuedAt };
        if (list) list.push(s);
        else byItem.set(itemId, [s]);
      }
      let proposed = 0;
      const supervisors = peopleWithRole(tx, 'supervisor').map((p) => p.id);
      const c = namesFor(tx, calendar, now);
      const at = now.toISOString();
      for (const [itemId, issued] of byItem) {
        const due = dueProposal({ id: itemId, state: 'in_progress' }, issued, today, calendar, o.timing);
        if (!due) continue;
        const item = findItem(tx, itemId)!;
        const after = issued.find((s) => s.step === (due.kind === 'interview2_proposal' ? 'interview1' : 'interview2'))!;
        const card = escalationProposalCard(item, c, { kind: due.kind, waited: calendar.workdaysBetween(chinaDateOf(after.issuedAt), today) });
        for (const to of supervisors) {
          const inserted = tx
            .insert(chases)
            .values({ itemId, kind: due.kind, stepKey: due.key, recipient: to, automatic: true, at })
            .onConflictDoNothing()
            .returning({ id: chases.id })
            .get();
          if (!inserted) continue;
          const outboxId = enqueue(tx, { to: personAddress(to), msgType: 'interactive', content: card, purpose: `chase:${due.kind}`, itemId, notBefore }, now);
          if (outboxId !== null) db.$client.prepare('UPDATE chases SET outbox_id = ? WHERE id = ?').run(outboxId, inserted.id);
          proposed++;
        }
      }
      return { proposed };
    },
    { behavior: 'immediate' },
  );
}
