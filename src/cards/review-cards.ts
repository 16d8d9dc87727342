/** Cards for the people who decide: the leader on an extension, the reviewer on a completion (销号). */
import type { Item } from '../domain/item';
import { clip, fitCard, formatDate } from './format';
import { budget, inline, itemFacts, summaryOf } from './item-view';
import { type EvidenceFile, evidenceView } from './evidence-view';
import { renderCard } from './templates';
import type { Card, CardContext } from './types';

export const MATERIALS_SHOWN = 20;

/** '已同意，完成时限延至 …' → '已同意': the decision alone, for a chat-list preview. */
const firstClause = (decided: string) => inline(decided.split(/[，,；;。]/)[0], 20);

function extensionSpan(from: string, to: string, c: CardContext): string {
  try {
    const days = c.calendar.workdaysBetween(from, to);
    return days > 0 ? `顺延 ${days} 个工作日` : '未晚于当前时限';
  } catch {
    return '日期无效';
  }
}

/**
 * To the leader in charge: the request and a form with `note` and 同意 / 不同意. With `decided` (e.g. '已同意，
 * 完成时限延至 2027年1月15日'), the same card without the form, for updating the message after the decision.
 * The extension is counted from the deadline in force when it was asked (`previousDeadline`, when known), so a
 * decided card still says how far it moved the deadline.
 */
export function extensionReviewCard(
  item: Item,
  ext: { reason: string; proposedDeadline: string; requestedBy: string; previousDeadline?: string },
  c: CardContext,
  decided?: string,
): Card {
  return fitCard((k) =>
    renderCard('extension-review', {
      ...itemFacts(item, c, k),
      requester: inline(c.personName(ext.requestedBy), 40),
      proposed: formatDate(ext.proposedDeadline),
      extendBy: extensionSpan(ext.previousDeadline ?? item.deadline, ext.proposedDeadline, c),
      reason: clip(ext.reason, budget(k).reason),
      decided: inline(decided, 200),
      summary: decided ? summaryOf(`延期申请${firstClause(decided)}`, item) : summaryOf('请审批延期申请', item),
    }),
  );
}

/**
 * To the reviewer: the submission and a form with `note` (意见 / 退回理由), `new_deadline` and 销号 / 退回.
 * Which sign-off this is comes from `item.reviewStage`: pass the item as it stood when the review was asked.
 */
export function completionReviewCard(
  item: Item,
  sub: { selfAssessment: string; materials: string[]; submittedBy: string },
  c: CardContext,
  decided?: string,
  /** The files the unit sent for the item, each with a 发给我 button. */
  evidence?: readonly EvidenceFile[],
): Card {
  const principal = item.reviewStage === 'principal';
  const stageNote = principal
    ? '本事项为重要事项，分管校领导已审核同意，现请主要领导销号（第二级）。'
    : item.important
      ? '请分管校领导审核。本事项为重要事项，同意后还须主要领导销号。'
      : '请分管校领导审核：同意则销号；不同意则退回，并限定新的完成时限。';
  return fitCard((k) => {
    const b = budget(k);
    const shown = sub.materials.slice(0, MATERIALS_SHOWN).map((m) => `• ${inline(m, b.line)}`);
    if (sub.materials.length > shown.length) shown.push(`…另有 ${sub.materials.length - shown.length} 项`);
    return renderCard('completion-review', {
      ...itemFacts(item, c, k),
      stage: principal ? '主要领导销号' : '分管校领导审核',
      stageNote,
      submitter: inline(c.personName(sub.submittedBy), b.name),
      assessment: clip(sub.selfAssessment, b.requirements),
      materials: shown.length ? shown.join('\n') : '未提供',
      decided: inline(decided, 200),
      ...evidenceView(evidence, c, k),
      summary: decided
        ? summaryOf(firstClause(decided), item)
        : summaryOf(principal ? '请销号（主要领导审定）' : '请审核办结申请', item),
    });
  });
}
