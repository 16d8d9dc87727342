/** Cards about one item: the slip (督办单), the detail with its history, and the receipt after an action. */
import { COMMAND_LABELS } from '../domain/commands';
import { type ItemState, KIND_LABELS, type Item, STATE_LABELS } from '../domain/item';
import { clip, fitCard, formatDate, formatTime } from './format';
import { budget, inline, itemFacts } from './item-view';
import { renderCard } from './templates';
import type { Audience, Card, CardContext, HistoryRow, ProgressRow } from './types';

/** 督办单: the item as sent to a unit, with the buttons that unit may use in the item's state. */
export function slipCard(item: Item, c: CardContext, audience: Audience, note?: string): Card {
  const lead = audience === 'lead';
  const inProgress = item.state === 'in_progress';
  return fitCard((k) =>
    renderCard('slip', {
      ...itemFacts(item, c, k),
      note: inline(note, 100),
      isCoop: audience === 'coop',
      canClaim: lead && item.state === 'assigned',
      canProgress: (lead || audience === 'coop') && inProgress,
      canExtend: lead && inProgress && !item.pendingExtension,
      canComplete: lead && inProgress,
    }),
  );
}

export const HISTORY_SHOWN = 15;
export const PROGRESS_SHOWN = 10;

/** History actions in the domain's words; rows written by later features fall back to their code. */
const ACTION_LABELS: Record<string, string> = { ...COMMAND_LABELS, merge_in: '并入事项' };

const stateName = (s: string | null) => (s && s in STATE_LABELS ? STATE_LABELS[s as ItemState] : (s ?? ''));

function historyView(row: HistoryRow, c: CardContext, k: number) {
  const b = budget(k);
  const parts: string[] = [];
  if (row.fromState && row.toState && row.fromState !== row.toState) {
    parts.push(`${stateName(row.fromState)} → ${stateName(row.toState)}`);
  }
  const deadline = row.changes?.deadline;
  if (Array.isArray(deadline) && typeof deadline[0] === 'string' && typeof deadline[1] === 'string') {
    parts.push(`完成时限 ${formatDate(deadline[0])} → ${formatDate(deadline[1])}`);
  }
  return {
    time: formatTime(row.at),
    actor: inline(c.personName(row.actorId), b.name),
    action: ACTION_LABELS[row.action] ?? row.action,
    states: parts.length ? `（${parts.join('；')}）` : '',
    note: row.note ? `：${inline(row.note, b.line)}` : '',
  };
}

const lastOf = <T>(rows: readonly T[], n: number, key: (r: T) => string) =>
  [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)).slice(-n);

const countLine = (total: number, shown: number) =>
  total > shown ? `共 ${total} 条，显示最近 ${shown} 条` : `共 ${total} 条`;

/** The item in full, its progress reports and its history (oldest first, the latest entries only). */
export function itemDetailCard(
  item: Item,
  d: { history: HistoryRow[]; progress: ProgressRow[] },
  c: CardContext,
): Card {
  const history = lastOf(d.history, HISTORY_SHOWN, (r) => r.at);
  const progress = lastOf(d.progress, PROGRESS_SHOWN, (r) => r.createdAt);
  const lines: string[] = [];
  if (item.claimedBy && item.claimedAt) lines.push(`认领：${c.personName(item.claimedBy)} ${formatTime(item.claimedAt)}`);
  if (item.submittedAt) lines.push(`申请办结：${formatTime(item.submittedAt)}`);
  if (item.closedAt) lines.push(`销号：${formatTime(item.closedAt)}`);
  return fitCard((k) => {
    const b = budget(k);
    return renderCard('item-detail', {
      ...itemFacts(item, c, k),
      kind: KIND_LABELS[item.kind] ?? item.kind,
      createdBy: inline(c.personName(item.createdBy), b.name),
      createdAt: formatTime(item.createdAt),
      claimLine: lines.map((l) => `；${l}`).join(''),
      progressSummary: countLine(d.progress.length, progress.length),
      progress: progress.map((p) => ({
        time: formatTime(p.createdAt),
        who: [p.unitId ? c.unitName(p.unitId) : '', c.personName(p.authorId)].filter(Boolean).join(' '),
        text: clip(p.text, b.line),
      })),
      historySummary: countLine(d.history.length, history.length),
      history: history.map((h) => historyView(h, c, k)),
    });
  });
}

/** A short confirmation after an action, e.g. '已销号'. */
export function receiptCard(item: Item, c: CardContext, message: string): Card {
  return fitCard((k) => renderCard('receipt', { ...itemFacts(item, c, k), message: inline(message, 60) || '已完成' }));
}
