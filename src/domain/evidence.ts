import type { Actor } from './actor';
import { DubanError, ErrorCode } from './errors';
import { type Item, STATE_LABELS } from './item';
import { canView, relationsTo } from './permissions';

/** States in which a unit still adds 佐证材料: while it works on the item and while its completion is reviewed. */
const EVIDENCE_STATES: readonly Item['state'][] = ['in_progress', 'under_review'];

/**
 * Whether this person may add evidence to the item: the people of its lead and cooperating units, while the item
 * is in hand. Checked when the file arrives and again when it has been fetched (the item may have moved on).
 * Who first: someone who may not see the item is told it is not found.
 */
export function assertMayAddEvidence(item: Item, actor: Actor): void {
  if (!canView(actor, item)) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
  const rel = relationsTo(actor, item);
  if (!rel.has('leadUnit') && !rel.has('coopUnit')) {
    throw new DubanError(ErrorCode.Forbidden, `只有主办、协办单位可以为 ${item.number} 提交佐证材料`);
  }
  if (item.state === 'archived') throw new DubanError(ErrorCode.InvalidState, `${item.number} 已归档，只读，不能再提交佐证材料`);
  if (item.state === 'assigned') throw new DubanError(ErrorCode.InvalidState, `${item.number} 尚未认领，请先认领再提交佐证材料`);
  if (!EVIDENCE_STATES.includes(item.state)) {
    throw new DubanError(ErrorCode.InvalidState, `${item.number} 当前状态为“${STATE_LABELS[item.state]}”，不能再提交佐证材料`);
  }
}

/** Who may have an item's evidence sent to them: whoever may see the item. */
export const mayReceiveEvidence = (item: Item, actor: Actor): boolean => canView(actor, item);
