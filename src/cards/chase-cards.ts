/**
 * The cards of the automatic chasing (催办 → 逾期预警 → 约谈建议) and of the digests: the weekly one to a unit's
 * group chat and the daily one to the supervisors. Templates under `cards/`; buttons carry only {a, id, v}.
 * A person with several items to hear of in one sweep gets one card listing them (chaseBatchCard).
 */
import chaseBatch from '../../cards/chase-batch.json' with { type: 'json' };
import interviewProposal from '../../cards/interview-proposal.json' with { type: 'json' };
import overdueWarning from '../../cards/overdue-warning.json' with { type: 'json' };
import reminder from '../../cards/reminder.json' with { type: 'json' };
import supervisorSummary from '../../cards/supervisor-summary.json' with { type: 'json' };
import unitDigest from '../../cards/unit-digest.json' with { type: 'json' };
import { CHASED_STATES, CHASE_LABELS, type ChaseKind } from '../domain/chase-ladder';
import { chinaDate } from '../domain/dates';
import type { DeadlineStatus } from '../domain/deadline';
import { DubanError, ErrorCode } from '../domain/errors';
import { CYCLE_LABELS, type Item, STATE_LABELS, isOpen } from '../domain/item';
import { LIGHT_COLOR, LIGHT_EMOJI, deadlineText, fitCard, formatDate, statusOf } from './format';
import { finishAsk, inline, itemFacts, stateLabel, summaryOf } from './item-view';
import { type View, render } from './render';
import type { Card, CardContext } from './types';

// Not in ./templates (owned elsewhere): these templates are bundled here, the same way.
const TEMPLATES = {
  reminder,
  'overdue-warning': overdueWarning,
  'interview-proposal': interviewProposal,
  'unit-digest': unitDigest,
  'supervisor-summary': supervisorSummary,
  'chase-batch': chaseBatch,
} as const;

const renderChase = (name: keyof typeof TEMPLATES, view: View): Card => render<Card>(TEMPLATES[name], view, name);

export type ReminderKind = 'unclaimed' | 'due_soon' | 'due_today' | 'overdue' | 'progress_request';

const REPLY_HINT = '回复本消息即可报送进展';

/** Where replying to the card records progress: only an item in progress takes progress reports. */
function replyHint(item: Item): string {
  if (item.state === 'in_progress') return REPLY_HINT;
  if (item.state === 'assigned') return `认领后，${REPLY_HINT}`;
  return '';
}

/** '已逾期 N 个工作日' while overdue; otherwise the light's own text (the deadline may have moved since). */
function lateText(status: DeadlineStatus, item: Item): string {
  if (status.overdue) return status.workdays < 0 ? `已逾期 ${-status.workdays} 个工作日` : '已逾期';
  return deadlineText(status, STATE_LABELS[item.state]) || STATE_LABELS[item.state];
}

/**
 * Why the reminder: its kind's reason, then what else the person is told of the item at the same time. A deadline
 * reminder for an item nobody has claimed says so (the ladder sends one reminder a day, not a 认领提醒 besides).
 */
function reminderReason(item: Item, c: CardContext, kind: ReminderKind, status: DeadlineStatus, periodDue?: string, also: readonly ChaseKind[] = []) {
  const extra = [
    item.state === 'assigned' && kind !== 'unclaimed' ? '督办单尚未认领，请先认领' : '',
    kind !== 'progress_request' && also.includes('progress_request') && item.state === 'in_progress' ? '请同时报送本期工作进展' : '',
  ].filter(Boolean);
  const reason = kindReason(item, c, kind, status, periodDue);
  return extra.length ? `${reason}；${extra.join('；')}` : reason;
}

function kindReason(item: Item, c: CardContext, kind: ReminderKind, status: DeadlineStatus, periodDue?: string) {
  switch (kind) {
    case 'unclaimed':
      return '📌 督办单已下发，本单位尚未认领，请认领';
    case 'due_soon':
      return status.overdue
        ? `🔴 ${lateText(status, item)}，请尽快办理`
        : `⏰ 距完成时限还有 ${status.workdays} 个工作日`;
    case 'due_today':
      if (status.overdue) return `🔴 ${lateText(status, item)}，请尽快办理`;
      // A deadline on a day off is chased on the last working day before it.
      return chinaDate(c.now) === item.deadline
        ? '⏰ 今日到期，请抓紧办理'
        : `⏰ 今天是完成时限（${formatDate(item.deadline)}）前最后一个工作日，请抓紧办理`;
    case 'overdue':
      return `🔴 ${status.overdue ? lateText(status, item) : '已逾期'}，请尽快办理`;
    case 'progress_request':
      return periodDue ? `📝 请报送本期（截至 ${formatDate(periodDue)}）工作进展` : '📝 请报送本期工作进展';
  }
}

/** The reminder's chat-list preview: 请认领 while unclaimed, else what the kind asks (请报送进展, 请在 … 前办结). */
function reminderAsk(item: Item, c: CardContext, kind: ReminderKind): string {
  if (item.state === 'assigned') return '请认领';
  if (kind === 'progress_request') return '请报送进展';
  if (kind === 'due_today' && !statusOf(item, c).overdue) return '今日到期，请抓紧办结';
  return finishAsk(item, c);
}

/** 催办 to the lead unit: why this reminder, the item in brief, and the buttons its state allows. */
export function reminderCard(
  item: Item,
  c: CardContext,
  kind: ReminderKind,
  extra?: { periodDue?: string; also?: readonly ChaseKind[] },
): Card {
  const status = statusOf(item, c);
  const inProgress = item.state === 'in_progress';
  const red = kind === 'overdue' || status.overdue;
  const orange = !red && (kind === 'due_today' || (status.light !== 'none' && status.workdays === 0));
  return fitCard((k) =>
    renderChase('reminder', {
      ...itemFacts(item, c, k),
      label: CHASE_LABELS[kind],
      color: red ? 'red' : orange ? 'orange' : 'blue',
      reason: reminderReason(item, c, kind, status, extra?.periodDue, extra?.also),
      summary: summaryOf(reminderAsk(item, c, kind), item),
      replyHint: replyHint(item),
      canClaim: item.state === 'assigned',
      canProgress: inProgress,
      canExtend: inProgress && !item.pendingExtension && !status.overdue,
      canComplete: inProgress,
    }),
  );
}

/** 逾期预警 to the unit head (with the unit's action buttons) or to the leader in charge (查看详情 only). */
export function overdueWarningCard(item: Item, c: CardContext, o: { chases: number; forLeader: boolean }): Card {
  const status = statusOf(item, c);
  const forUnit = !o.forLeader;
  return fitCard((k) => {
    const facts = itemFacts(item, c, k);
    return renderChase('overdue-warning', {
      ...facts,
      lateText: lateText(status, item),
      chases: Math.max(0, Math.floor(o.chases)),
      ask: o.forLeader
        ? `请分管校领导督促${facts.lead}加快办理。`
        : '请单位主要负责人（第一责任人）督促落实，立即办理并报送进展；已办结的请申请办结。',
      replyHint: forUnit ? replyHint(item) : '',
      summary: summaryOf(
        o.forLeader ? `逾期预警，请督促${inline(facts.lead, 20)}办结` : item.state === 'assigned' ? '逾期预警，请立即认领办理' : '逾期预警，请立即办理',
        item,
      ),
      canClaim: forUnit && item.state === 'assigned',
      canProgress: forUnit && item.state === 'in_progress',
      canComplete: forUnit && item.state === 'in_progress',
    });
  });
}

/** 约谈建议 to the supervisors: why, and 签发约谈通知 while the item is still being chased. */
export function interviewProposalCard(item: Item, c: CardContext, o: { chases: number }): Card {
  const status = statusOf(item, c);
  return fitCard((k) =>
    renderChase('interview-proposal', {
      ...itemFacts(item, c, k),
      lateText: lateText(status, item),
      chases: Math.max(0, Math.floor(o.chases)),
      canIssue: item.state === 'assigned' || item.state === 'in_progress',
      summary: summaryOf(
        item.state === 'assigned' || item.state === 'in_progress' ? '建议约谈，请签发约谈通知' : `约谈建议（${STATE_LABELS[item.state]}）`,
        item,
      ),
    }),
  );
}

/** Items listed on one batched reminder; the rest are counted ("另有 N 项"). Each row is a handful of components. */
export const BATCH_ROWS = 20;

export type BatchKind = Exclude<ChaseKind, 'progress_missed'>;

/** One item on a batched reminder: what the person is told of it, under its most pressing kind. */
export interface BatchRow {
  item: Item;
  kind: BatchKind;
  /** The leader in charge, told of a 逾期预警: 查看详情 only, no unit action. */
  forLeader?: boolean;
  /** The progress period asked for (progress_request). */
  periodDue?: string;
  /** Chases of the item so far, shown with 逾期预警 and 约谈建议. */
  chases?: number;
}

/** The batched card's sections, most pressing first (the order of CHASE_URGENCY). */
const BATCH_SECTIONS: Array<{ kind: BatchKind; title: string; color: string }> = [
  { kind: 'interview_proposal', title: '约谈建议', color: 'red' },
  { kind: 'warning', title: '逾期预警', color: 'red' },
  { kind: 'overdue', title: '逾期', color: 'red' },
  { kind: 'due_today', title: '今日到期', color: 'orange' },
  { kind: 'due_soon', title: '即将到期', color: 'orange' },
  { kind: 'unclaimed', title: '待认领', color: 'blue' },
  { kind: 'progress_request', title: '进展报送', color: 'blue' },
];

/** The row's status text: days left or overdue as the kind puts it, and what else it needs. */
function batchText(r: BatchRow, status: DeadlineStatus, c: CardContext): string {
  const { item } = r;
  const chased = r.chases && r.chases > 0 ? ` · 已催办 ${Math.floor(r.chases)} 次` : '';
  let text: string;
  switch (r.kind) {
    case 'interview_proposal':
    case 'warning':
    case 'overdue':
      text = `${lateText(status, item)}${chased}`;
      break;
    case 'due_today':
      text = status.overdue ? lateText(status, item) : chinaDate(c.now) === item.deadline ? '今日到期' : '今日为到期前最后一个工作日';
      break;
    case 'progress_request':
      text = `${r.periodDue ? `请报送本期（截至 ${formatDate(r.periodDue)}）进展` : '请报送本期进展'} · ${lateText(status, item)}`;
      break;
    default:
      text = lateText(status, item);
  }
  return item.state === 'assigned' && r.kind !== 'unclaimed' && !r.forLeader ? `${text} · 尚未认领` : text;
}

/** The one action a row offers besides 查看详情, as the item's state allows it to this person. */
function batchAction(r: BatchRow): { label: string; a: string; type: string } | null {
  if (r.forLeader || !CHASED_STATES.includes(r.item.state)) return null;
  if (r.kind === 'interview_proposal') return { label: '签发约谈通知', a: 'issue_interview', type: 'danger' };
  if (r.item.state === 'assigned') return { label: '认领', a: 'claim', type: 'primary_filled' };
  return { label: '填报进展', a: 'progress_form', type: 'primary' };
}

/** The row's action with its button type: primary only for the card's first action, danger kept for 约谈. */
function rowAction(r: BatchRow, first: boolean) {
  const action = batchAction(r);
  if (!action || action.type === 'danger') return action;
  return { ...action, type: first ? action.type : 'default' };
}

/**
 * One reminder for everything a person hears of in one sweep: the items grouped by urgency (约谈建议, 逾期预警, 逾期,
 * 今日到期, 即将到期, 待认领, 进展报送), most urgent first in each group, each with its number, title, deadline, days
 * left or overdue, its action (认领 / 填报进展 / 签发约谈通知) and 查看详情. At most BATCH_ROWS rows, then 另有 N 项.
 * Replying to it records nothing (it is about several items), and the card says so.
 */
export function chaseBatchCard(rows: BatchRow[], c: CardContext): Card {
  const ranked = rows
    .map((r) => ({ r, item: r.item, status: statusOf(r.item, c), section: BATCH_SECTIONS.findIndex((s) => s.kind === r.kind) }))
    .sort((a, b) => a.section - b.section || byUrgency(a, b));
  const shown = ranked.slice(0, BATCH_ROWS);
  const present = BATCH_SECTIONS.map((s, i) => ({ ...s, all: ranked.filter((x) => x.section === i) })).filter((s) => s.all.length > 0);
  const color = present[0]?.color ?? 'blue';
  const intro = rows.every((r) => r.forLeader)
    ? '以下事项已逾期预警，请督促主办单位加快办理。'
    : rows.every((r) => r.kind === 'interview_proposal')
      ? '以下事项逾期已久，经催办仍未办结，建议约谈；点击「签发约谈通知」即签发督办约谈通知单。'
      : '以下督办事项请抓紧办理：尚未认领的请先认领，办理中的请报送进展，已完成的请在详情中申请办结。';
  // One primary button on the card: the first row's action (the most pressing); the other rows' are default.
  const firstAction = shown.find((x) => batchAction(x.r))?.r;
  const summary = rows.every((r) => r.forLeader)
    ? `请督促办理：${rows.length} 项督办事项已逾期预警`
    : rows.every((r) => r.kind === 'interview_proposal')
      ? `建议约谈，请签发约谈通知：${rows.length} 项督办事项`
      : `请办理 ${rows.length} 项督办事项：${present.map((s) => `${s.title} ${s.all.length}`).join('、')}`;
  return fitCard((k) =>
    renderChase('chase-batch', {
      summary,
      count: rows.length,
      subtitle: present.map((s) => `${s.title} ${s.all.length}`).join(' · '),
      color,
      intro,
      sections: present
        .map((s) => ({
          title: s.title,
          color: s.color,
          count: s.all.length,
          rows: s.all
            .filter((x) => shown.includes(x))
            .map(({ r, item, status }) => ({
              id: item.id,
              v: item.version,
              light: LIGHT_EMOJI[status.light],
              color: LIGHT_COLOR[status.light],
              number: item.number,
              title: inline(item.title, Math.max(10, Math.floor(40 * k))),
              lead: inline(c.unitName(item.leadUnitId), 30),
              deadline: formatDate(item.deadline),
              text: batchText(r, status, c),
              action: rowAction(r, r === firstAction),
            })),
        }))
        .filter((s) => s.rows.length > 0),
      more: ranked.length - shown.length,
      hint: '本消息汇总多个事项，回复本消息不会记为进展，请点各事项的按钮办理。',
    }),
  );
}

export const DIGEST_ROWS = 30;

/** Most urgent first: most working days overdue, then fewest left; then by deadline and number. */
function byUrgency(a: { item: Item; status: DeadlineStatus }, b: { item: Item; status: DeadlineStatus }): number {
  return (
    a.status.workdays - b.status.workdays ||
    a.item.deadline.localeCompare(b.item.deadline) ||
    a.item.year - b.item.year ||
    a.item.seq - b.item.seq
  );
}

/**
 * 督办周报 to a unit's group chat: its open items, most urgent first, with counts at the top. A group chat never
 * shows a confidential item: one in `items` is a bug in the caller, so the card refuses to be built.
 */
export function unitDigestCard(unitName: string, items: Item[], unitId: string, c: CardContext, weekLabel: string): Card {
  const secret = items.find((i) => i.confidential);
  if (secret) {
    throw new DubanError(ErrorCode.Forbidden, `涉密事项不得在群聊中显示：${secret.number}`, { itemId: secret.id });
  }
  const open = items
    .filter((item) => isOpen(item.state))
    .map((item) => ({ item, status: statusOf(item, c) }))
    .sort(byUrgency);
  const shown = open.slice(0, DIGEST_ROWS);
  const name = inline(unitName, 30) || '本单位';
  return fitCard((k) =>
    renderChase('unit-digest', {
      title: `${name}督办事项周报`,
      summary: open.some((r) => r.status.light === 'red')
        ? `${name}督办周报：在办 ${open.length} 项，逾期 ${open.filter((r) => r.status.light === 'red').length} 项，请抓紧办理`
        : `${name}督办周报（请知悉）：在办 ${open.length} 项`,
      weekLabel: inline(weekLabel, 40) || '本周',
      count: open.length,
      overdue: open.filter((r) => r.status.light === 'red').length,
      soon: open.filter((r) => r.status.light === 'yellow').length,
      rows: shown.map(({ item, status }) => ({
        id: item.id,
        v: item.version,
        light: LIGHT_EMOJI[status.light],
        color: LIGHT_COLOR[status.light],
        number: item.number,
        title: inline(item.title, Math.max(10, Math.floor(60 * k))),
        role: item.leadUnitId === unitId ? '主办' : item.coopUnitIds.includes(unitId) ? '协办' : '相关',
        deadline: formatDate(item.deadline),
        text: deadlineText(status, stateLabel(item)),
      })),
      more: open.length - shown.length,
    }),
  );
}

export const SUMMARY_ROWS = 20;

/** 督办日报 to the supervisors: five sections, each a list of number, title, lead unit and a short status. */
export function supervisorSummaryCard(
  date: string,
  s: { turnedYellow: Item[]; turnedRed: Item[]; warnings: Item[]; awaitingReview: Item[]; missedProgress: Item[] },
  c: CardContext,
): Card {
  const deadlineOf = (item: Item) => deadlineText(statusOf(item, c), stateLabel(item));
  const sections: [string, string, Item[], (item: Item) => string][] = [
    ['今日转黄', '转黄', s.turnedYellow, deadlineOf],
    ['今日转红', '转红', s.turnedRed, deadlineOf],
    ['逾期预警', '预警', s.warnings, deadlineOf],
    ['待审核', '待审核', s.awaitingReview, stateLabel],
    [
      '进展未报送',
      '未报送',
      s.missedProgress,
      (item) =>
        item.progressCycle === 'none' ? deadlineOf(item) : `${CYCLE_LABELS[item.progressCycle]}报送 · ${deadlineOf(item)}`,
    ],
  ];
  const counts = sections.map(([, short, items]) => `${short} ${items.length}`).join(' · ');
  return fitCard((k) =>
    renderChase('supervisor-summary', {
      date: formatDate(date),
      subtitle: counts,
      sections: sections.map(([title, , items, text]) => {
        const shown = items.slice(0, SUMMARY_ROWS);
        const lines = shown.map((item) =>
          [
            `${LIGHT_EMOJI[statusOf(item, c).light]} ${item.number} ${inline(item.title, Math.max(10, Math.floor(40 * k)))}`,
            inline(c.unitName(item.leadUnitId), 30),
            text(item),
          ].join(' · '),
        );
        return { title, count: items.length, lines: lines.join('\n') || '无', more: items.length - shown.length };
      }),
    }),
  );
}
