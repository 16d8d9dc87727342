import type { Actor } from '../domain/actor';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item } from '../domain/item';
import { isOpen } from '../domain/item';
import { canIssueInterview, canView } from '../domain/permissions';
import { insertAudit } from '../db/history-repository';
import { findItem } from '../db/item-repository';
import { loadActor } from '../db/org-repository';
import { chases } from '../db/schema';
import type { ServiceContext } from './context';

/**
 * A supervisor decides to hold an interview (约谈) about an overdue item. Recorded now, as a step of the ladder
 * and in the history; the numbered 约谈通知单 itself is produced by the reports module.
 */
export function recordInterviewIssued(ctx: ServiceContext, itemId: number, actorId: string, now: Date): Item {
  return ctx.db.transaction(
    (tx) => {
      const item = findItem(tx, itemId);
      const actor: Actor = loadActor(tx, actorId);
      if (!item || !canView(actor, item)) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
      if (!canIssueInterview(actor)) {
        throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以签发约谈通知');
      }
      if (!isOpen(item.state)) throw new DubanError(ErrorCode.InvalidState, `${item.number} 已不在办理中，无需约谈`);
      const at = now.toISOString();
      const inserted = tx
        .insert(chases)
        .values({ itemId, kind: 'interview', stepKey: `interview:${itemId}:${item.deadline}`, recipient: item.leadUnitId, automatic: false, actorId, at })
        .onConflictDoNothing()
        .returning({ id: chases.id })
        .get();
      if (!inserted) throw new DubanError(ErrorCode.Conflict, `${item.number} 的约谈已签发，无需重复操作`);
      insertAudit(tx, { itemId, actorId, channel: 'card', action: 'issue_interview', fromState: item.state, toState: item.state, at });
      return item;
    },
    { behavior: 'immediate' },
  );
}
