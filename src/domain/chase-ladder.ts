/**
 * The automatic chase ladder (催办) and progress-report cycles: which reminders are due for one item at one
 * moment. Pure: no database, no clock (`now` is passed in), no I/O. The sweep calls `dueSteps` for each open item,
 * sends every step whose `key` it has not recorded yet, and records the key with the message it sent.
 *
 * Rules (every figure in working days of the Chinese calendar, see ./calendar):
 *
 * - Nothing on a day that is not a working day (weekends, public holidays), but make-up working days (调休) count.
 * - Only items in 'assigned' or 'in_progress' are chased; a pending extension request pauses everything.
 * - 认领提醒 (unclaimed): an 'assigned' item whose slip went out at least `unclaimedAfter` working days ago
 *   (counted from the China date of `assignedAt`), every working day until it is claimed or falls overdue. No
 *   `assignedAt`, no step.
 * - One reminder a day for an unclaimed overdue item: once the deadline has passed, the day's reminder is the
 *   逾期催办 (overdue), not a 认领提醒 besides it. Its card still offers 认领 (the card follows the item's state), and
 *   the 逾期预警 / 约谈建议 thresholds apply to it as to a claimed item.
 * - 到期提醒 (due_soon): exactly `left` working days before the deadline, for each `left` in `beforeDeadline`.
 *   Exact on purpose: a reminder missed on its day (the sweep did not run) is not sent late with a wrong count.
 *   Since sweeps run on working days only and `left` drops by one each working day, every rung is hit once.
 * - 今日到期 (due_today): on the deadline, or — when the deadline falls on a day off — on the last working day
 *   before it (left = 0 there: no working day remains). Once per deadline.
 * - 逾期催办 (overdue): every working day after the deadline, for the unit.
 * - 逾期预警 (warning) once `late >= warningAfter`, 约谈建议 (interview_proposal) once
 *   `late >= interviewAfter`, where late = working days in (deadline, today]. These are "at or past the
 *   threshold", keyed once per deadline, so a sweep that missed the exact day still sends them on the next one,
 *   and a repeat sweep sends nothing new.
 *   On a working day after the deadline late is always >= 1 (today itself is counted), also for a deadline on a
 *   holiday; the floor of 1 is only a guard.
 * - 挂牌督办 (flagged) items use `cfg.flagged` instead of the ordinary rungs.
 * - Keys carry the deadline, so an approved extension or a return with a new deadline starts the ladder afresh.
 * - 进展报送 (progress cycle), 'in_progress' items only: see `progressDueToday` and `missedRequest` below.
 *
 * Steps come out in a fixed order: unclaimed, the deadline steps (due_soon | due_today | overdue, warning,
 * interview_proposal), then progress_request, progress_missed.
 */
import { addDays, chinaDate, type WorkCalendar } from './calendar';
import type { ItemState, ProgressCycle } from './item';

export type ChaseKind =
  | 'unclaimed'
  | 'due_soon'
  | 'due_today'
  | 'overdue'
  | 'warning'
  | 'interview_proposal'
  | 'progress_request'
  | 'progress_missed';

export const CHASE_LABELS: Record<ChaseKind, string> = {
  unclaimed: '认领提醒',
  due_soon: '到期提醒',
  due_today: '今日到期',
  overdue: '逾期催办',
  warning: '逾期预警',
  interview_proposal: '约谈建议',
  progress_request: '进展报送提醒',
  progress_missed: '进展未报送',
};

export interface LadderConfig {
  /** Working days after the slip was sent; default 1. */
  unclaimedAfter: number;
  /** Working days before the deadline; default [3, 1] (the day itself is always due_today). */
  beforeDeadline: number[];
  /** Working days overdue → 逾期预警; default 3. */
  warningAfter: number;
  /** Working days overdue → 约谈 proposal; default 10. */
  interviewAfter: number;
  /** 挂牌督办 items are chased harder. */
  flagged: { beforeDeadline: number[]; warningAfter: number; interviewAfter: number; unclaimedAfter: number };
}

export const DEFAULT_LADDER: LadderConfig = {
  unclaimedAfter: 1,
  beforeDeadline: [3, 1],
  warningAfter: 3,
  interviewAfter: 10,
  flagged: { beforeDeadline: [5, 3, 2, 1], warningAfter: 1, interviewAfter: 5, unclaimedAfter: 1 },
};

/** The few fields the sweep reads. */
export interface LadderItem {
  id: number;
  state: ItemState;
  deadline: string;
  flagged: boolean;
  /** ISO instant the slip was sent. */
  assignedAt: string | null;
  /** ISO instant claimed. */
  claimedAt: string | null;
  progressCycle: ProgressCycle;
  /** ISO instant of the latest progress report. */
  lastProgressAt: string | null;
  hasPendingExtension: boolean;
}

export interface ChaseStep {
  kind: ChaseKind;
  /**
   * Stable identity of this step: the same step computed again (a second sweep, another process) gives the same
   * key. Forms:
   *   unclaimed:<id>:<deadline>:<today>        due_soon:<id>:<deadline>:<left>     due_today:<id>:<deadline>
   *   overdue:<id>:<deadline>:<today>          warning:<id>:<deadline>             interview_proposal:<id>:<deadline>
   *   progress_request:<id>:<due date>         progress_missed:<id>:<due date of the request that went unanswered>
   */
  key: string;
  /** Who should hear: the lead unit's people, the leader in charge, the supervisors. */
  audience: ReadonlyArray<'unit' | 'leader' | 'supervisors'>;
  /** Working days left until the deadline (>= 0) or overdue (< 0), for the card text; the same for every step. */
  workdays: number;
}

/**
 * The kinds from the most to the least pressing. A person told of several steps at once hears of each item once,
 * under its most pressing kind (the sweep's one message per person, chase-card-render.ts).
 */
export const CHASE_URGENCY: readonly ChaseKind[] = [
  'interview_proposal',
  'warning',
  'overdue',
  'due_today',
  'due_soon',
  'unclaimed',
  'progress_request',
  'progress_missed',
];

/** The most pressing of `kinds` (see CHASE_URGENCY); undefined for none. */
export function mostUrgent(kinds: Iterable<ChaseKind>): ChaseKind | undefined {
  let best: ChaseKind | undefined;
  for (const k of kinds) if (best === undefined || CHASE_URGENCY.indexOf(k) < CHASE_URGENCY.indexOf(best)) best = k;
  return best;
}

/** The states the ladder chases; everything else (awaiting review, closed, merged, cancelled) hears nothing. */
export const CHASED_STATES: readonly ItemState[] = ['assigned', 'in_progress'];

/** What is due for `item` at `now`. Each step is to be sent once per key; see the module comment for the rules. */
export function dueSteps(
  item: LadderItem,
  now: Date,
  cal: WorkCalendar,
  cfg: LadderConfig = DEFAULT_LADDER,
): ChaseStep[] {
  return ladderAt(now, cal, cfg)(item);
}

/**
 * `dueSteps` for many items at one moment: what depends only on the moment (today, whether it is a working day)
 * is worked out once. A sweep over 100,000 items calls the returned function for each.
 */
export function ladderAt(now: Date, cal: WorkCalendar, cfg: LadderConfig = DEFAULT_LADDER): (item: LadderItem) => ChaseStep[] {
  const today = chinaDate(now);
  if (!cal.isWorkday(today)) return () => [];
  return (item) => stepsFor(item, today, cal, cfg);
}

function stepsFor(item: LadderItem, today: string, cal: WorkCalendar, cfg: LadderConfig): ChaseStep[] {
  if (!CHASED_STATES.includes(item.state) || item.hasPendingExtension) return [];

  const rungs = item.flagged ? cfg.flagged : cfg;
  const { id, deadline } = item;
  const overdue = today > deadline;
  // On a working day after the deadline, today itself is in (deadline, today], so late >= 1; the floor is a guard.
  const late = overdue ? Math.max(1, cal.workdaysBetween(deadline, today)) : 0;
  const left = overdue ? 0 : cal.workdaysBetween(today, deadline);
  const workdays = overdue ? -late : left;
  const steps: ChaseStep[] = [];
  const add = (kind: ChaseKind, key: string, audience: ChaseStep['audience']) =>
    steps.push({ kind, key: `${kind}:${id}:${key}`, audience, workdays });

  if (item.state === 'assigned' && item.assignedAt && !overdue) {
    const waited = cal.workdaysBetween(isoChinaDate(item.assignedAt), today);
    if (waited >= rungs.unclaimedAfter) add('unclaimed', `${deadline}:${today}`, UNIT);
  }

  if (!overdue) {
    if (today === deadline || left === 0) add('due_today', deadline, UNIT);
    else if (rungs.beforeDeadline.includes(left)) add('due_soon', `${deadline}:${left}`, UNIT);
  } else {
    add('overdue', `${deadline}:${today}`, UNIT);
    if (late >= rungs.warningAfter) add('warning', deadline, EVERYONE);
    if (late >= rungs.interviewAfter) add('interview_proposal', deadline, SUPERVISORS);
  }

  if (item.state === 'in_progress') {
    // One schedule for both questions: a sweep asks them of every item on a cycle.
    const dates = progressDueDates(item, today, cal);
    if (dates.at(-1) === today) add('progress_request', today, UNIT);
    const missed = missedRequest(item, dates);
    if (missed) add('progress_missed', missed, SUPERVISORS);
  }
  return steps;
}

// Shared by every step of a kind (a sweep makes tens of thousands); nobody changes a step's audience.
const UNIT: ChaseStep['audience'] = Object.freeze(['unit']);
const SUPERVISORS: ChaseStep['audience'] = Object.freeze(['supervisors']);
const EVERYONE: ChaseStep['audience'] = Object.freeze(['unit', 'leader', 'supervisors']);

/**
 * The due date (YYYY-MM-DD, a working day) of the progress-report period that `today` falls in, or null when none
 * is due today.
 *
 * The schedule is anchored on the China date the item was claimed (no `claimedAt` or cycle 'none': no schedule).
 * Period k (k = 1, 2, …) ends on the anchor + 7k days (weekly), + 14k days (biweekly), or on the anchor's day of
 * the month k months later, clamped to that month's end (monthly; each period counts from the anchor, so Jan 31
 * gives Feb 28, Mar 31, Apr 30 — no drift). That nominal date is moved to the first working day on or after it.
 * When a holiday pushes two periods onto the same working day they are one request (one due date, one key).
 *
 * This is the schedule only: whether the item is in a state that reports progress is for the caller
 * (`dueSteps` asks only 'in_progress' items).
 */
export function progressDueToday(item: LadderItem, today: string, cal: WorkCalendar): string | null {
  const dates = progressDueDates(item, today, cal);
  return dates.at(-1) === today ? today : null;
}

/**
 * 进展未报送: the due date of the request that went unanswered, or null. Rule: let D be the latest progress due
 * date on or before `today` and P the due date before it. The request sent on P was answered when the latest
 * progress report is dated (China date) P or later; a report dated before P belonged to the earlier period and does
 * not count. The check is made on D (so the unit had until the sweep on the next due day) and, for a sweep that
 * missed D, on any later day before the next due date: the key is P's, so it is sent once.
 *
 * Known edge: when a holiday pushes P close to D (weekly cycle, P = Oct 8 and D = Oct 9 after 国庆) the unit had only
 * the one working day; the office sees the note and judges. `dates`: the item's due dates up to today
 * (progressDueDates); of the item it reads lastProgressAt.
 */
function missedRequest(item: LadderItem, dates: readonly string[]): string | null {
  const previous = dates.at(-2);
  if (!previous) return null;
  const reported = item.lastProgressAt ? isoChinaDate(item.lastProgressAt) : null;
  return reported !== null && reported >= previous ? null : previous;
}

/** The distinct progress due dates on or before `upTo`, ascending. */
function progressDueDates(item: LadderItem, upTo: string, cal: WorkCalendar): string[] {
  if (item.progressCycle === 'none' || !item.claimedAt) return [];
  const anchor = isoChinaDate(item.claimedAt);
  // A sweep asks this for every item with a cycle; items claimed on the same day share a schedule. The result is
  // a pure function of (cycle, anchor, upTo, calendar), so it is remembered per calendar, within a bounded cache.
  let memo = SCHEDULES.get(cal);
  if (!memo || memo.size > 20_000) SCHEDULES.set(cal, (memo = new Map()));
  const key = `${item.progressCycle}|${anchor}|${upTo}`;
  let dates = memo.get(key);
  if (!dates) memo.set(key, (dates = computeDueDates(item.progressCycle, anchor, upTo, cal)));
  return dates;
}

const SCHEDULES = new WeakMap<WorkCalendar, Map<string, string[]>>();

function computeDueDates(cycle: Exclude<ProgressCycle, 'none'>, anchor: string, upTo: string, cal: WorkCalendar): string[] {
  const dates: string[] = [];
  for (let k = 1; ; k++) {
    const nominal = nominalDue(cycle, anchor, k);
    // Moving to a working day never goes backwards, so once the nominal date is past `upTo` so is every due date.
    if (nominal > upTo) break;
    const due = cal.onOrAfterWorkday(nominal);
    if (due > upTo) break;
    if (dates.at(-1) !== due) dates.push(due);
  }
  return dates;
}

/** The calendar date period k ends on, before moving it to a working day. */
function nominalDue(cycle: Exclude<ProgressCycle, 'none'>, anchor: string, k: number): string {
  if (cycle === 'weekly') return addDays(anchor, 7 * k);
  if (cycle === 'biweekly') return addDays(anchor, 14 * k);
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + k;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

/** The China date of a stored UTC instant ('2026-09-21T07:00:00.000Z'), without building a Date for the usual form. */
function isoChinaDate(iso: string): string {
  if (iso.length === 24 && iso[10] === 'T' && iso.endsWith('Z')) {
    const hour = Number(iso.slice(11, 13));
    return hour < 16 ? iso.slice(0, 10) : addDays(iso.slice(0, 10), 1);
  }
  return chinaDate(new Date(iso));
}
