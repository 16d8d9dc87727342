/**
 * 统计 (LZU art. 7, NWU art. 6(四) and 9): each unit's 任务量, 办结率 and 按时办结率 for a period, as the history
 * stood at the end of the period. Pure: items with their history rows in, figures and the rows behind them out.
 *
 * Every fact is read as it was at T (the last day of the period): the lead unit, the cooperating units and the
 * deadline in force come from the audit rows' `changes` ([before, after] per field), so later activity (a 转办, a
 * new deadline, a close-out next month) never changes a past period's figures.
 */
import type { WorkCalendar } from './calendar';
import { chinaDate } from './calendar';
import type { Period } from './stats-periods';

/** One audit row as the statistics read it (history-repository's audit_log, oldest first). */
export interface StatsHistoryRow {
  at: string;
  action: string;
  /** field → [before, after], as transitions.ts writes it. */
  changes: Record<string, unknown>;
}

/**
 * An item as it is now, with its history. Closing is final (no transition leaves 已销号 but 归档), so `closedAt` and
 * the accepted `submittedAt` of a closed item are facts that never change; everything that can change is read back
 * from `history`. Rows of actions the statistics ignore may be left out.
 */
export interface StatsItem {
  id: number;
  number: string;
  title: string;
  confidential: boolean;
  leaderId: string;
  leadUnitId: string;
  coopUnitIds: string[];
  deadline: string;
  /** The registered deadline (never moved by anything). */
  originalDeadline: string;
  assignedAt: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  history: StatsHistoryRow[];
}

export const FIGURES = ['inHand', 'due', 'closed', 'closedOnTime', 'overdue', 'extended', 'coop'] as const;
export type Figure = (typeof FIGURES)[number];

export const FIGURE_LABELS: Record<Figure, string> = {
  inHand: '在办',
  due: '应办结',
  closed: '已办结',
  closedOnTime: '按时办结',
  overdue: '逾期未办结',
  extended: '延期',
  coop: '协办',
};

/** What each figure counts, in the words of the definitions (README 统计口径), for cards and workbooks. */
export const FIGURE_DEFINITIONS: Record<Figure, string> = {
  inHand: '督办单在统计截止日前已发出，且期初前未销号、撤销或合并的事项',
  due: '在办事项中，截止日（统计截止日有效的时限）不晚于统计截止日的，以及期内提前销号的',
  closed: '应办结事项中，在统计截止日前销号的',
  closedOnTime: '已办结事项中，最终通过的办结材料不晚于按期时限提交的（按期时限为登记时限，仅经批准的延期可调整）',
  overdue: '应办结事项中，至统计截止日仍未销号的',
  extended: '在办事项中，期内批准延期的',
  coop: '本单位作为协办单位的在办事项（单列，不计入比率）',
};

/** One unit's figures (or the school's, with unitId null). The JSON shape of every output. */
export interface UnitFigures {
  unitId: string | null;
  unitName: string;
  inHand: number;
  due: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  extended: number;
  coop: number;
  /** 已办结 ÷ 应办结, 0–1 (rounded to 4 places), null when nothing was due. */
  completionRate: number | null;
  /** 按时办结 ÷ 应办结, 0–1 (rounded to 4 places), null when nothing was due. */
  onTimeRate: number | null;
  /** Mean working days from the 督办单 to 销号 over the items closed in the period (1 place), null when none. */
  avgWorkingDaysToClose: number | null;
}

/** One item counted in one figure of one unit, with the rule that counted it. */
export interface StatsRow {
  figure: Figure;
  unitId: string;
  itemId: number;
  number: string;
  title: string;
  confidential: boolean;
  /** The deadline in force at T (for the delay of an overdue item). */
  deadline: string;
  /** e.g. 逾期未办结：截止 2026-10-20，统计截至 2026-10-31 未销号 */
  rule: string;
}

export interface StatsResult {
  from: string;
  to: string;
  units: UnitFigures[];
  total: UnitFigures;
  /** Every row behind every unit figure (the total's rows are the union). Empty unless asked for. */
  rows: StatsRow[];
}

export interface UnitRef {
  id: string;
  name: string;
}

/** The first instant of a China date, as an ISO string comparable with audit `at` values (toISOString, UTC). */
export function startOfChinaDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

const isPair = (v: unknown): v is [unknown, unknown] => Array.isArray(v) && v.length === 2;

/**
 * A field's value at an instant: the `after` of its last change before `end`; failing that the `before` of its
 * first change after (it had not changed yet); failing that the value now (it never changed).
 */
function valueAt<T>(history: readonly StatsHistoryRow[], field: string, end: string, current: T): T {
  let value: T | undefined;
  let seen = false;
  for (const row of history) {
    const c = row.changes[field];
    if (!isPair(c)) continue;
    if (row.at < end) {
      value = c[1] as T;
      seen = true;
    } else {
      return seen ? (value as T) : (c[0] as T);
    }
  }
  return seen ? (value as T) : current;
}

/** The first time the 督办单 went out: the first non-null value `assignedAt` ever had (a 转办 sends it again). */
function firstSent(item: StatsItem): string | null {
  for (const row of item.history) {
    const c = row.changes.assignedAt;
    if (!isPair(c)) continue;
    if (c[0]) return c[0] as string;
    if (c[1]) return c[1] as string;
  }
  return item.assignedAt;
}

/** What an item was at T, as far as the figures care. */
export interface ItemAtT {
  sentAt: string | null;
  leadUnitId: string;
  coopUnitIds: string[];
  /** The deadline in force at T (moved by extensions, 退回 and corrections alike). */
  deadline: string;
  /** The registered deadline moved by the extensions approved by T, and nothing else. */
  onTimeDeadline: string;
  /** When it was cancelled or merged, if by T. */
  ended: { at: string; how: 'cancel' | 'merge' } | null;
  /** Extensions approved within the period: [China date approved, deadline granted]. */
  extendedInPeriod: Array<[string, string]>;
}

const NONE: Array<[string, string]> = [];

/** An item's facts at T when no history row changed them: its columns, written into `into`. */
function asColumns(into: ItemAtT, item: StatsItem): ItemAtT {
  into.sentAt = item.assignedAt;
  into.leadUnitId = item.leadUnitId;
  into.coopUnitIds = item.coopUnitIds;
  into.deadline = item.deadline;
  into.onTimeDeadline = item.originalDeadline;
  return into;
}

export function itemAt(item: StatsItem, startIso: string, endIso: string): ItemAtT {
  // Most items have no row that changes anything: their facts are their columns.
  if (item.history.length === 0) {
    return { sentAt: item.assignedAt, leadUnitId: item.leadUnitId, coopUnitIds: item.coopUnitIds, deadline: item.deadline, onTimeDeadline: item.originalDeadline, ended: null, extendedInPeriod: NONE };
  }
  let onTimeDeadline = item.originalDeadline;
  let ended: ItemAtT['ended'] = null;
  const extendedInPeriod: Array<[string, string]> = [];
  for (const row of item.history) {
    if (row.at >= endIso) break;
    if (row.action === 'approve_extension') {
      const d = row.changes.deadline;
      if (isPair(d) && typeof d[1] === 'string') {
        onTimeDeadline = d[1];
        if (row.at >= startIso) extendedInPeriod.push([chinaDay(row.at), d[1]]);
      }
    } else if ((row.action === 'cancel' || row.action === 'merge') && !ended) {
      ended = { at: row.at, how: row.action };
    }
  }
  return {
    sentAt: firstSent(item),
    leadUnitId: valueAt(item.history, 'leadUnitId', endIso, item.leadUnitId),
    coopUnitIds: valueAt(item.history, 'coopUnitIds', endIso, item.coopUnitIds),
    deadline: valueAt(item.history, 'deadline', endIso, item.deadline),
    onTimeDeadline,
    ended,
    extendedInPeriod,
  };
}

/** 办结率 / 按时办结率 as a number 0–1 to 4 places, null when nothing was due. */
export function rate(part: number, due: number): number | null {
  return due === 0 ? null : Math.round((part / due) * 10_000) / 10_000;
}

/** A rate as people read it: a percentage with one decimal, rounded half up on the exact fraction; "—" when none. */
export function formatRate(part: number, due: number): string {
  if (due === 0) return '—';
  const tenths = Math.floor((2 * part * 1000 + due) / (2 * due));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/**
 * The China date of an ISO instant written by toISOString (UTC, `…T16:00:00.000Z` is midnight in Beijing): read from
 * the string, which is what a year of items needs (a Date per timestamp costs more than the whole rest of a figure).
 * Anything else goes through Date.
 */
export function chinaDay(iso: string): string {
  if (iso.length === 24 && iso.endsWith('Z') && iso[10] === 'T') {
    const date = iso.slice(0, 10);
    return iso.charCodeAt(11) * 10 + iso.charCodeAt(12) - 528 >= 16 ? nextDay(date) : date;
  }
  return chinaDate(new Date(iso));
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const day = chinaDay;

interface Tally {
  counts: Record<Figure, number>;
  closeDays: number;
  closedCount: number;
}

const emptyTally = (): Tally => ({
  counts: { inHand: 0, due: 0, closed: 0, closedOnTime: 0, overdue: 0, extended: 0, coop: 0 },
  closeDays: 0,
  closedCount: 0,
});

function figuresOf(unitId: string | null, unitName: string, t: Tally): UnitFigures {
  const c = t.counts;
  return {
    unitId,
    unitName,
    ...c,
    completionRate: rate(c.closed, c.due),
    onTimeRate: rate(c.closedOnTime, c.due),
    avgWorkingDaysToClose: t.closedCount === 0 ? null : Math.round((t.closeDays / t.closedCount) * 10) / 10,
  };
}

/** How the history names each escalation step (services/escalations.ts writes `changes.number` for a notice). */
const ESCALATION_STEP_NAMES: Record<string, string> = { issue_interview1: '一级约谈', issue_interview2: '二级约谈', issue_referral: '移交问责' };

/** `；已一级约谈（(2026) 督字 (3) 号，2026-10-25）…` for the steps issued before `endIso`; '' when none. */
export function escalationNote(item: Pick<StatsItem, 'history'>, endIso: string): string {
  let note = '';
  for (const r of item.history) {
    if (r.at >= endIso) break;
    const name = ESCALATION_STEP_NAMES[r.action];
    if (!name) continue;
    const number = typeof r.changes.number === 'string' ? `${r.changes.number}，` : '';
    note += `；已${name}（${number}${chinaDay(r.at)}）`;
  }
  return note;
}

const noRow = (_figure: Figure, _unitId: string, _rule: string) => 0;

export interface ComputeOptions {
  /** Collect the drill-down rows (every figure's items with their rules). */
  withRows?: boolean;
}

/**
 * The figures of every unit for a period, and the school's totals (the sum over units; the average over all items
 * closed in the period). Units with nothing are listed with zeros, in the order given.
 */
export function computeStats(
  items: Iterable<StatsItem>,
  units: readonly UnitRef[],
  period: Period,
  calendar: WorkCalendar,
  options: ComputeOptions = {},
): StatsResult {
  const T = period.to;
  const startIso = startOfChinaDay(period.from);
  // The first instant after T: everything strictly before it happened on or before T.
  const endIso = new Date(Date.parse(startOfChinaDay(T)) + 86_400_000).toISOString();
  const tallies = new Map<string, Tally>(units.map((u) => [u.id, emptyTally()]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const tallyOf = (unitId: string) => {
    let t = tallies.get(unitId);
    if (!t) tallies.set(unitId, (t = emptyTally()));
    return t;
  };
  const rows: StatsRow[] = [];
  const withRows = options.withRows ?? false;
  // Reused for every item whose history changes nothing (most of a year's): read only within its own iteration.
  const scratch: ItemAtT = { sentAt: null, leadUnitId: '', coopUnitIds: [], deadline: '', onTimeDeadline: '', ended: null, extendedInPeriod: NONE };

  for (const item of items) {
    // Cheap exclusions first (most of a year's items): never sent by T, or closed before the period.
    if (item.closedAt !== null && item.closedAt < startIso) continue;
    const at = item.history.length === 0 ? asColumns(scratch, item) : itemAt(item, startIso, endIso);
    if (at.sentAt === null || at.sentAt >= endIso) continue;
    if (at.ended && at.ended.at < startIso) continue;

    const closedByT = item.closedAt !== null && item.closedAt < endIso;
    const closedDay = closedByT ? day(item.closedAt!) : null;
    const sent = closedDay !== null || withRows ? day(at.sentAt) : '';
    const unit = at.leadUnitId;
    const lead = tallyOf(unit).counts;
    // Rules are written only when the rows are asked for: a year's figures alone would spend most of their time
    // formatting sentences nobody reads.
    // The escalation steps issued by T follow every rule of the item, so a drill-down shows where the ladder stands.
    const steps = withRows ? escalationNote(item, endIso) : '';
    const row = withRows
      ? (figure: Figure, unitId: string, rule: string) =>
          rows.push({ figure, unitId, itemId: item.id, number: item.number, title: item.title, confidential: item.confidential, deadline: at.deadline, rule: rule + steps })
      : noRow;

    for (const coop of at.coopUnitIds) {
      tallyOf(coop).counts.coop++;
      if (withRows) row('coop', coop, `协办：${sent} 督办单发出，本单位为协办单位（主办 ${names.get(unit) ?? unit}）`);
    }
    lead.inHand++;
    if (withRows) {
      row(
        'inHand',
        unit,
        closedDay
          ? `在办：${sent} 督办单发出，${closedDay} 销号（期内）`
          : at.ended
            ? `在办：${sent} 督办单发出，${day(at.ended.at)} ${at.ended.how === 'cancel' ? '撤销' : '合并'}（期内）`
            : `在办：${sent} 督办单发出，统计截至 ${T} 未销号`,
      );
    }
    for (const [approved, granted] of at.extendedInPeriod) {
      lead.extended++;
      if (withRows) row('extended', unit, `延期：${approved} 批准延期至 ${granted}`);
    }
    // Cancelled or merged by T: no deadline is in force any more, so it is never due (a merged item counts through
    // the item it joined).
    if (at.ended) continue;

    const dueByDeadline = at.deadline <= T;
    if (!dueByDeadline && !closedByT) continue;
    lead.due++;
    if (withRows) {
      row('due', unit, dueByDeadline ? `应办结：截止 ${at.deadline}，不晚于统计截止日 ${T}` : `应办结：截止 ${at.deadline}，${closedDay} 提前销号，计入销号所在期间`);
    }
    if (!closedByT) {
      lead.overdue++;
      if (withRows) row('overdue', unit, `逾期未办结：截止 ${at.deadline}，统计截至 ${T} 未销号`);
      continue;
    }
    const submitted = day(item.submittedAt ?? item.closedAt!);
    const onTime = submitted <= at.onTimeDeadline;
    lead.closed++;
    if (withRows) {
      row('closed', unit, `已办结：${closedDay} 销号（截止 ${at.deadline}）${onTime ? '' : `；${submitted} 提交办结材料，晚于按期时限 ${at.onTimeDeadline}，不计按时`}`);
    }
    if (onTime) {
      lead.closedOnTime++;
      if (withRows) row('closedOnTime', unit, `按时办结：${submitted} 提交办结材料，不晚于按期时限 ${at.onTimeDeadline}`);
    }
    const t = tallyOf(unit);
    t.closeDays += calendar.workdaysBetween(sent, closedDay!);
    t.closedCount++;
  }

  const unitFigures = [...tallies].map(([id, t]) => figuresOf(id, names.get(id) ?? id, t));
  const sum = emptyTally();
  for (const t of tallies.values()) {
    for (const f of FIGURES) sum.counts[f] += t.counts[f];
    sum.closeDays += t.closeDays;
    sum.closedCount += t.closedCount;
  }
  return { from: period.from, to: period.to, units: unitFigures, total: figuresOf(null, '全校合计', sum), rows };
}
