/** Cards about one item: the slip (督办单), the detail with its history, and the receipt after an action. */
import receiptMoved from '../../cards/receipt-moved.json' with { type: 'json' };
import type { chases } from '../db/schema';
import { CHASE_LABELS } from '../domain/chase-ladder';
import { COMMAND_LABELS } from '../domain/commands';
import { ESCALATION_ACTION_LABELS, PROPOSAL_LABELS } from '../domain/escalation';
import { isoDateOfUtc } from '../domain/calendar';
import { chinaDate } from '../domain/dates';
import type { DeadlineStatus } from '../domain/deadline';
import { type ItemState, KIND_LABELS, type Item, STATE_LABELS, isOpen } from '../domain/item';
import { clip, fitCard, formatDate, formatTime, statusOf } from './format';
import { type EvidenceFile, evidenceView } from './evidence-view';
import { budget, finishAsk, inline, itemFacts, stateLabel, summaryOf } from './item-view';
import { render } from './render';
import { renderCard } from './templates';
import type { Audience, Card, CardContext, HistoryRow, ProgressRow } from './types';

/** A 催办 record as stored (db/schema-outbox.ts `chases`). */
export type ChaseRow = typeof chases.$inferSelect;

/** 督办单: the item as sent to a unit, with the buttons that unit may use in the item's state. */
export function slipCard(item: Item, c: CardContext, audience: Audience, note?: string): Card {
  const lead = audience === 'lead';
  const inProgress = item.state === 'in_progress';
  // Once for the card, not per field that shows it, nor per clipping scale tried.
  const status = statusOf(item, c);
  const { ask, summary } = slipAsk(item, c, audience, status);
  const more = moreTitle(item);
  const noteLine = inline(note, 100);
  return fitCard((k) =>
    renderCard('slip', Object.assign(itemFacts(item, c, k, status), {
      summary,
      ask,
      askColor: status.overdue ? 'red' : audience === 'coop' ? 'orange' : 'blue',
      moreTitle: more,
      note: noteLine,
      canClaim: lead && item.state === 'assigned',
      canProgress: (lead || audience === 'coop') && inProgress,
      canExtend: lead && inProgress && !item.pendingExtension,
      canComplete: lead && inProgress,
    })),
  );
}

/** What the slip asks of its reader, at the top of the card, and the chat-list preview that says the same. */
function slipAsk(item: Item, c: CardContext, audience: Audience, status: DeadlineStatus): { ask: string; summary: string } {
  const finish = finishAsk(item, c, status);
  if (audience === 'coop' && item.state === 'in_progress') {
    return { ask: '您单位是本事项的「协办单位」：请配合主办单位办理并填报进展，办结由主办单位申请。', summary: summaryOf('请配合办理', item) };
  }
  if (audience === 'lead' && item.state === 'assigned') {
    return { ask: `请认领本督办单，并${finish.replace(/^已逾期，/, '')}。`, summary: summaryOf('请认领', item) };
  }
  if (audience === 'lead' && item.state === 'in_progress') {
    return { ask: `${finish}：办理中请填报进展，完成后申请办结。`, summary: summaryOf(finish, item) };
  }
  if (item.state === 'under_review') return { ask: '办结申请审核中，请等待审核结果。', summary: summaryOf('办结审核中', item) };
  if (!isOpen(item.state)) return { ask: '', summary: summaryOf(STATE_LABELS[item.state], item) };
  if (audience === 'coop') return { ask: '您单位是本事项的「协办单位」，请配合主办单位办理。', summary: summaryOf('请配合办理', item) };
  return { ask: '', summary: summaryOf('督办单（请知悉）', item) };
}

/** The headings of what the slip's collapsed panel holds, so the reader knows whether to open it. */
function moreTitle(item: Item): string {
  return [
    item.sources.length ? '来源' : '',
    '督办方式',
    item.coopUnitIds.length ? '协办单位' : '',
    '分管校领导',
    item.stages.length ? '阶段' : '',
    item.measures.trim() ? '措施' : '',
  ]
    .filter(Boolean)
    .join('、');
}

export const HISTORY_SHOWN = 15;
export const PROGRESS_SHOWN = 10;

/** History actions in the domain's words; rows written by later features fall back to their code. */
const ACTION_LABELS: Record<string, string> = { ...COMMAND_LABELS, merge_in: '并入事项', add_evidence: '提交佐证材料', ...ESCALATION_ACTION_LABELS };

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

/** Chase kinds in the words of the history; the ladder's own, plus the records made by hand. */
const CHASE_KIND_LABELS: Record<string, string> = { ...CHASE_LABELS, ...PROPOSAL_LABELS, manual: '督查室催办', interview: '约谈（已签发）' };
/** Kinds that ask the unit to act, so whether it answered is worth saying. */
const ANSWERABLE = new Set<string>(['unclaimed', 'due_soon', 'due_today', 'overdue', 'warning', 'progress_request', 'manual']);
/** Order of the lines: the ladder's order, then what was done by hand. */
const CHASE_ORDER = ['unclaimed', 'due_soon', 'due_today', 'overdue', 'warning', 'interview_proposal', 'interview2_proposal', 'referral_proposal', 'progress_request', 'progress_missed', 'manual', 'interview'];
/** Names shown per line before '等 N 人'. */
const CHASE_NAMES_SHOWN = 3;

/** 2026-12-03T01:00Z → 12月3日 (the year too when it is not the year of `now`). */
function shortDate(iso: string, now: Date): string {
  // The date of the instant itself, not chinaDate(new Date(iso)): that would displace the remembered date of `now`,
  // asked next.
  const d = isoDateOfUtc(Date.parse(iso) + 8 * 3_600_000);
  const [y, m, day] = d.split('-');
  return `${y === chinaDate(now).slice(0, 4) ? '' : `${y}年`}${Number(m)}月${Number(day)}日`;
}

/**
 * The 催办 records as a few lines, one per kind of step, for a phone screen: how many times (a step told to the
 * head and two liaisons is one chase), by whom (automatic, or the supervisor who chased), to whom, the latest, and
 * whether the unit has answered it (acted on the item since).
 * E.g. `逾期催办 ×3（自动，致 教务处处长、教务处联络人；最近 12月3日，未回应）`.
 */
export function chaseLines(rows: readonly ChaseRow[], c: CardContext, k = 1): { label: string; count: number; detail: string }[] {
  const b = budget(k);
  const byKind = new Map<string, ChaseRow[]>();
  for (const r of rows) {
    const list = byKind.get(r.kind);
    if (list) list.push(r);
    else byKind.set(r.kind, [r]);
  }
  const rank = (kind: string) => (CHASE_ORDER.includes(kind) ? CHASE_ORDER.indexOf(kind) : CHASE_ORDER.length);
  return [...byKind.entries()]
    .sort(([a], [b2]) => rank(a) - rank(b2))
    .map(([kind, list]) => {
      const steps = new Map<string, ChaseRow[]>();
      for (const r of list) steps.set(r.stepKey, [...(steps.get(r.stepKey) ?? []), r]);
      const latest = list.reduce((x, y) => (y.at > x.at ? y : x));
      const latestStep = steps.get(latest.stepKey)!;
      const nameOf = (r: ChaseRow) => (r.recipient === 'supervisors' ? '督查室' : kind === 'interview' ? c.unitName(r.recipient) : c.personName(r.recipient));
      const people = list.filter((r) => r.recipient !== 'supervisors');
      const names = [...new Set((people.length ? people : list).map(nameOf))];
      const shownNames = names.slice(0, CHASE_NAMES_SHOWN).map((n) => inline(n, b.name));
      const to = names.length ? `致 ${shownNames.join('、')}${names.length > shownNames.length ? ` 等 ${names.length} 人` : ''}` : '';
      const byWhom = list.every((r) => r.automatic)
        ? '自动'
        : [...new Set(list.filter((r) => !r.automatic && r.actorId).map((r) => c.personName(r.actorId!)))].map((n) => inline(n, b.name)).join('、') || '人工';
      const when = `${steps.size > 1 ? '最近 ' : ''}${shortDate(latest.at, c.now)}`;
      const answered = ANSWERABLE.has(kind) ? (latestStep.some((r) => r.answeredAt) ? '，已回应' : '，未回应') : '';
      return {
        label: CHASE_KIND_LABELS[kind] ?? kind,
        count: steps.size,
        detail: `${[byWhom, to].filter(Boolean).join('，')}；${when}${answered}`,
      };
    });
}

/** The item in full, its progress reports, its history (oldest first, the latest entries only) and its 催办 records. */
export function itemDetailCard(
  item: Item,
  d: { history: HistoryRow[]; progress: ProgressRow[]; chases?: readonly ChaseRow[]; evidence?: readonly EvidenceFile[] },
  c: CardContext,
  /** The reader may correct the item (the office, on an open item): 修改 and 撤销 are offered. */
  office = false,
  /** The reader is of the 督查室: each progress report has a button to mark it 典型经验 (or take the mark off). */
  marksTypical = false,
): Card {
  const chaseRows = d.chases ?? [];
  const chaseSteps = new Set(chaseRows.map((r) => r.stepKey)).size;
  const automaticSteps = new Set(chaseRows.filter((r) => r.automatic).map((r) => r.stepKey)).size;
  const history = lastOf(d.history, HISTORY_SHOWN, (r) => r.at);
  const progress = lastOf(d.progress, PROGRESS_SHOWN, (r) => r.createdAt);
  const lines: string[] = [];
  if (item.claimedBy && item.claimedAt) lines.push(`认领：${c.personName(item.claimedBy)} ${formatTime(item.claimedAt)}`);
  if (item.submittedAt) lines.push(`申请办结：${formatTime(item.submittedAt)}`);
  if (item.closedAt) lines.push(`销号：${formatTime(item.closedAt)}`);
  const status = statusOf(item, c);
  return fitCard((k) => {
    const b = budget(k);
    // Assigned onto the facts, not spread into a new object: see itemFacts.
    return renderCard('item-detail', Object.assign(itemFacts(item, c, k, status), {
      kind: KIND_LABELS[item.kind] ?? item.kind,
      createdBy: inline(c.personName(item.createdBy), b.name),
      createdAt: formatTime(item.createdAt),
      claimLine: lines.map((l) => `；${l}`).join(''),
      progressSummary: countLine(d.progress.length, progress.length),
      progress: progress.map((p) => ({
        time: formatTime(p.createdAt),
        who: [p.unitId ? c.unitName(p.unitId) : '', c.personName(p.authorId)].filter(Boolean).join(' '),
        text: clip(p.text, b.line),
        typical: p.typicalAt ? '　⭐ 典型经验' : '',
        mark: marksTypical ? { label: p.typicalAt ? '取消典型经验' : '标为典型经验', progressId: p.id } : null,
      })),
      historySummary: countLine(d.history.length, history.length),
      history: history.map((h) => historyView(h, c, k)),
      chaseSummary: chaseSteps ? `共 ${chaseSteps} 次（自动 ${automaticSteps}，人工 ${chaseSteps - automaticSteps}）` : '',
      chases: chaseLines(chaseRows, c, k),
    }, evidenceView(d.evidence, c, k), {
      office: office && isOpen(item.state),
    }));
  });
}

/** Header colours a receipt may take: green for done, blue for news, red for a refusal. */
export type ReceiptTone = 'green' | 'blue' | 'red' | 'orange';

/** A short confirmation after an action, e.g. '已销号'. */
export function receiptCard(item: Item, c: CardContext, message: string, tone: ReceiptTone = 'green'): Card {
  return fitCard((k) => renderCard('receipt', Object.assign(itemFacts(item, c, k), { message: inline(message, 60) || '已完成', tone })));
}

/**
 * For someone who no longer holds the item (the old unit after 转办, a unit no longer cooperating, a leader no
 * longer in charge) and may not see it any more: what happened, and no buttons (they could not use them). A
 * confidential item shows its number only; another shows its title, lead unit and state, which that person knew.
 */
export function movedCard(item: Item, c: CardContext, message: string): Card {
  return fitCard((k) =>
    render<Card>(
      receiptMoved,
      {
        number: item.number,
        message: inline(message, 60) || '该事项已不由您办理',
        details: item.confidential
          ? null
          : { title: inline(item.title, budget(k).title), lead: c.unitName(item.leadUnitId), stateLabel: stateLabel(item) },
      },
      'receipt-moved',
    ),
  );
}
