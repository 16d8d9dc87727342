/** The facts of an item as every card shows them: labelled, formatted, clipped. Pure data for the templates. */
import { chinaDate } from '../domain/dates';
import type { DeadlineStatus } from '../domain/deadline';
import { CYCLE_LABELS, type Item, MODE_LABELS, SOURCE_LABELS, STATE_LABELS } from '../domain/item';
import { LIGHT_COLOR, LIGHT_EMOJI, clip, deadlineText, formatDate, statusOf } from './format';
import type { CardContext } from './types';

/** Clipping lengths at k = 1; builders scale them down when a card would pass the size limit. */
export const BUDGET = {
  headerTitle: 60,
  title: 200,
  requirements: 1500,
  measures: 800,
  ref: 200,
  reason: 1000,
  line: 200,
  name: 40,
} as const;

export type Budget = Readonly<Record<keyof typeof BUDGET, number>>;

// The tables of the scales fitCard tries (1, then ever smaller), made once: a 查看 asks for one per history line.
// Frozen, since every caller shares them; bounded, since a caller could pass any number.
const budgets = new Map<number, Budget>();

/** Clipping lengths scaled by k (never below 10). */
export function budget(k: number): Budget {
  let b = budgets.get(k);
  if (!b) {
    const n = (base: number) => Math.max(10, Math.floor(base * k));
    b = Object.freeze(Object.fromEntries(Object.entries(BUDGET).map(([key, v]) => [key, n(v)])) as Record<keyof typeof BUDGET, number>);
    if (budgets.size < 16) budgets.set(k, b);
  }
  return b;
}

/** Whitespace that collapsing would change: any but a single space (a run of two, a newline, a tab, U+3000). */
const COLLAPSIBLE = /[^\S ]| \s/;

/** One line of text: whitespace (newlines included) collapsed, then clipped. */
export function inline(text: string | null | undefined, max: number): string {
  const t = text ?? '';
  // Most names and titles have nothing to collapse: a test is half the cost of a replace that rebuilds them.
  return clip(COLLAPSIBLE.test(t) ? t.replace(/\s+/g, ' ') : t, max);
}

/** 2026-12-31 → 12月31日 (the year too when it is not the year of `now`): short enough for a chat-list preview. */
export function shortDate(date: string, now: Date): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const year = chinaDate(now).slice(0, 4);
  return `${m[1] === year ? '' : `${m[1]}年`}${Number(m[2])}月${Number(m[3])}日`;
}

/** The chat-list preview of a card about one item: what it wants from the reader, then the item. */
export const summaryOf = (ask: string, item: Item, max = 40) => `${ask}：${item.number} ${inline(item.title, max)}`;

/**
 * '请在 12月31日 前办结' while open and on time, '已逾期，请尽快办结' when late. `status`, here and below: the
 * item's statusOf when the builder has it already (one card asks three or four times).
 */
export function finishAsk(item: Item, c: CardContext, status = statusOf(item, c)): string {
  return status.overdue ? '已逾期，请尽快办结' : `请在 ${shortDate(item.deadline, c.now)} 前办结`;
}

/** 待审核 says whose sign-off is awaited; other states are their plain label. */
export function stateLabel(item: Item): string {
  if (item.state === 'under_review') {
    return item.reviewStage === 'principal' ? '待审核（主要领导销号）' : '待审核（分管校领导审核）';
  }
  return STATE_LABELS[item.state];
}

/** Header colour: red when overdue, orange for 挂牌督办, blue otherwise. */
export function headerColor(item: Item, c: CardContext, status = statusOf(item, c)): string {
  if (status.overdue) return 'red';
  return item.flagged ? 'orange' : 'blue';
}

export function tagsOf(item: Item): { label: string; color: string }[] {
  const tags: { label: string; color: string }[] = [];
  if (item.important) tags.push({ label: '重要', color: 'red' });
  if (item.flagged) tags.push({ label: '挂牌督办', color: 'orange' });
  if (item.confidential) tags.push({ label: '涉密', color: 'carmine' });
  return tags;
}

/** The deadline and its light, for the line '完成时限：… 🟢 剩余 N 个工作日'. */
export function deadlineView(item: Item, c: CardContext, status = statusOf(item, c)) {
  return {
    deadline: formatDate(item.deadline),
    deadlineExtra:
      item.originalDeadline && item.originalDeadline !== item.deadline
        ? `（原定 ${formatDate(item.originalDeadline)}）`
        : '',
    light: LIGHT_EMOJI[status.light],
    deadlineColor: LIGHT_COLOR[status.light],
    deadlineText: deadlineText(status, STATE_LABELS[item.state]),
    overdue: status.overdue,
  };
}

/**
 * Everything the slip and the detail card show about an item. A builder adds its own fields to this object with
 * Object.assign rather than spreading it into a new literal: on Node 20 `{ ...facts, more }` copies the 35 fields
 * into an object whose shape is made afresh each time (4-7 µs a card, and garbage), where assigning onto the fresh
 * object follows the shapes V8 already knows (0.1 µs).
 */
export function itemFacts(item: Item, c: CardContext, k = 1, status: DeadlineStatus = statusOf(item, c)) {
  const b = budget(k);
  const sources = item.sources.map((s) => {
    const notes = [inline(s.ref, b.ref), s.mergedFrom ? `由 ${s.mergedFrom} 并入` : ''].filter(Boolean);
    return `${SOURCE_LABELS[s.category] ?? s.category}${notes.length ? `（${notes.join('，')}）` : ''}`;
  });
  const pending = item.pendingExtension;
  return Object.assign({
    id: item.id,
    v: item.version,
    number: item.number,
    headerTitle: inline(item.title, b.headerTitle),
    title: inline(item.title, b.title),
    subtitle: `${item.number} · ${stateLabel(item)}`,
    color: headerColor(item, c, status),
    tags: tagsOf(item),
    stateLabel: stateLabel(item),
    requirements: clip(item.requirements, b.requirements),
    measures: clip(item.measures, b.measures),
    sources: sources.join('；'),
    mode: MODE_LABELS[item.mode] ?? item.mode,
    lead: c.unitName(item.leadUnitId),
    coop: item.coopUnitIds.map((u) => c.unitName(u)).join('、'),
    leader: c.personName(item.leaderId),
    responsible: inline(item.responsiblePerson, b.name),
    /** After the lead unit's name: '（责任人：…）', or nothing when none is named. */
    responsibleNote: item.responsiblePerson.trim() ? `（责任人：${inline(item.responsiblePerson, b.name)}）` : '',
    stages: item.stages.map((s) => `${inline(s.name, b.name)} ${formatDate(s.deadline)}`).join('；'),
    cycle: item.progressCycle !== 'none' ? CYCLE_LABELS[item.progressCycle] : '',
    pending: pending
      ? {
          date: formatDate(pending.proposedDeadline),
          by: c.personName(pending.requestedBy),
          reason: inline(pending.reason, b.line),
        }
      : null,
  }, deadlineView(item, c, status));
}
