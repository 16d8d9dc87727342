import { canIssueBulletin } from '../domain/bulletin';
import { DubanError, ErrorCode } from '../domain/errors';
import { canView } from '../domain/permissions';
import { progressById, setTypical } from '../db/bulletin-repository';
import { insertAudit, type Channel } from '../db/history-repository';
import { findItem } from '../db/item-repository';
import { loadActor } from '../db/org-repository';
import type { ServiceContext } from './context';

export interface TypicalToggle {
  itemId: number;
  progressId: number;
  /** Whether the report is now marked. */
  typical: boolean;
}

/**
 * A supervisor marks a progress report 典型经验 (good practice, for the 督查通报), or takes the mark off. Who asks is
 * checked first (the office only, and only on an item they may see), then that the report belongs to the item the
 * card named; the change and its audit row are written together.
 */
export function toggleTypical(
  ctx: ServiceContext,
  a: { itemId: number; progressId: number; actorId: string; channel: Channel },
  now: Date,
): TypicalToggle {
  return ctx.db.transaction(
    (tx) => {
      const actor = loadActor(tx, a.actorId);
      const item = findItem(tx, a.itemId);
      if (!item || !canView(actor, item)) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
      if (!canIssueBulletin(actor)) throw new DubanError(ErrorCode.Forbidden, '只有督查室人员可以标记典型经验');
      const report = progressById(tx, a.progressId);
      if (!report || report.itemId !== item.id) throw new DubanError(ErrorCode.NotFound, '没有找到该进展报告，请使用最新的卡片');
      const typical = !report.typicalAt;
      const at = now.toISOString();
      setTypical(tx, report.id, typical ? a.actorId : null, typical ? at : null);
      insertAudit(tx, {
        itemId: item.id,
        actorId: a.actorId,
        channel: a.channel,
        action: typical ? 'mark_typical' : 'unmark_typical',
        fromState: item.state,
        toState: item.state,
        changes: { progressId: report.id, typical: [!typical, typical] },
        at,
      });
      return { itemId: item.id, progressId: report.id, typical };
    },
    { behavior: 'immediate' },
  );
}
