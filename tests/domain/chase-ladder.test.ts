import { describe, expect, it } from 'vitest';
import { addDays, createWorkCalendar } from '../../src/domain/calendar';
import {
  CHASE_LABELS,
  CHASE_URGENCY,
  type ChaseKind,
  type ChaseStep,
  DEFAULT_LADDER,
  dueSteps,
  type LadderItem,
  mostUrgent,
  progressDueToday,
} from '../../src/domain/chase-ladder';
import { ItemStates } from '../../src/domain/item';
import { chinaTime } from '../support/items';

const cal = createWorkCalendar();

/*
 * September / October 2026 in China (国务院办公厅 2026 schedule), W = working day:
 *   Mon  Tue  Wed  Thu  Fri  Sat  Sun
 *   14W  15W  16W  17W  18W  19   20W*    * Sep 20 (Sun): make-up working day (调休上班)
 *   21W  22W  23W  24W  25h  26   27      25: 中秋
 *   28W  29W  30W  1h   2h   3h   4h      Oct 1–7: 国庆
 *   5h   6h   7h   8W   9W   10W* 11      * Oct 10 (Sat): make-up working day
 *   12W  13W  14W  15W  16W  17   18
 *   19W  20W  21W  22W  23W  24   25
 *   26W  27W  28W  29W  30W  31   Nov 1
 *   Nov 2W ...
 * Working days left before the deadline Oct 9: Sep 28 → 4, Sep 29 → 3, Sep 30 → 2, Oct 8 → 1, Oct 9 → 0.
 * Working days overdue: Oct 10 → 1, 12 → 2, 13 → 3, 14 → 4, 15 → 5, 16 → 6, 19 → 7, 20 → 8, 21 → 9,
 * 22 → 10.
 */

const item = (over: Partial<LadderItem> = {}): LadderItem => ({
  id: 17,
  state: 'in_progress',
  deadline: '2026-10-09',
  flagged: false,
  assignedAt: chinaTime('2026-09-18', '08:30').toISOString(),
  claimedAt: chinaTime('2026-09-21', '15:00').toISOString(),
  progressCycle: 'none',
  lastProgressAt: null,
  hasPendingExtension: false,
  ...over,
});

/** Every calendar day from `from` to `to`, inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * A sweep at 09:00 Beijing every calendar day, sending each key once (as the real sweep does with its record of sent
 * keys). `at(date)` gives the item as it stands at that sweep.
 */
function sweep(from: string, to: string, at: (date: string) => LadderItem, cfg = DEFAULT_LADDER) {
  const sent = new Set<string>();
  const out: Array<[string, ChaseKind]> = [];
  const steps: ChaseStep[] = [];
  for (const date of days(from, to)) {
    for (const step of dueSteps(at(date), chinaTime(date), cal, cfg)) {
      if (sent.has(step.key)) continue;
      sent.add(step.key);
      out.push([date, step.kind]);
      steps.push(step);
    }
  }
  return { out, steps };
}

/** The item walked through its life: slip sent Sep 18 08:30, claimed Sep 21 15:00, never finished. */
const lifeOf =
  (over: Partial<LadderItem> = {}) =>
  (date: string): LadderItem =>
    item({ state: date <= '2026-09-21' ? 'assigned' : 'in_progress', ...over });


describe('the ladder across the 2026 National Day holiday', () => {
  it('labels every kind', () => {
    expect(CHASE_LABELS).toEqual({
      unclaimed: '认领提醒',
      due_soon: '到期提醒',
      due_today: '今日到期',
      overdue: '逾期催办',
      warning: '逾期预警',
      interview_proposal: '约谈建议',
      progress_request: '进展报送提醒',
      progress_missed: '进展未报送',
    });
  });

  it('walks one item from the slip to the interview proposal', () => {
    const { out } = sweep('2026-09-18', '2026-10-30', lifeOf());
    expect(out).toEqual([
      // Sent Fri Sep 18: not a full working day yet at 09:00 that day. Sat Sep 19 off.
      ['2026-09-20', 'unclaimed'], // Sunday, but a make-up working day: 1 working day since the slip
      ['2026-09-21', 'unclaimed'], // claimed at 15:00, after the sweep
      // Sep 22–28: 7, 6, 5, (25 中秋), 4 working days left — not on the ladder.
      ['2026-09-29', 'due_soon'], // 3 working days left: Sep 30, Oct 8, Oct 9
      // Sep 30: 2 left. Oct 1–7: 国庆, no sweep sends anything.
      ['2026-10-08', 'due_soon'], // 1 left
      ['2026-10-09', 'due_today'],
      ['2026-10-10', 'overdue'], // Saturday, make-up working day: 1 working day late
      // Sun Oct 11 off.
      ['2026-10-12', 'overdue'],
      ['2026-10-13', 'overdue'], // 3rd working day late →
      ['2026-10-13', 'warning'],
      ['2026-10-14', 'overdue'],
      ['2026-10-15', 'overdue'],
      ['2026-10-16', 'overdue'],
      ['2026-10-19', 'overdue'],
      ['2026-10-20', 'overdue'],
      ['2026-10-21', 'overdue'],
      ['2026-10-22', 'overdue'], // 10th working day late →
      ['2026-10-22', 'interview_proposal'],
      ['2026-10-23', 'overdue'],
      ['2026-10-26', 'overdue'],
      ['2026-10-27', 'overdue'],
      ['2026-10-28', 'overdue'],
      ['2026-10-29', 'overdue'],
      ['2026-10-30', 'overdue'],
    ]);
  });

  it('gives the exact keys, audiences and working-day figures', () => {
    const { steps } = sweep('2026-09-18', '2026-10-22', lifeOf());
    expect(steps.map((s) => [s.key, s.audience, s.workdays])).toEqual([
      ['unclaimed:17:2026-10-09:2026-09-20', ['unit'], 9],
      ['unclaimed:17:2026-10-09:2026-09-21', ['unit'], 8],
      ['due_soon:17:2026-10-09:3', ['unit'], 3],
      ['due_soon:17:2026-10-09:1', ['unit'], 1],
      ['due_today:17:2026-10-09', ['unit'], 0],
      ['overdue:17:2026-10-09:2026-10-10', ['unit'], -1],
      ['overdue:17:2026-10-09:2026-10-12', ['unit'], -2],
      ['overdue:17:2026-10-09:2026-10-13', ['unit'], -3],
      ['warning:17:2026-10-09', ['unit', 'leader', 'supervisors'], -3],
      ['overdue:17:2026-10-09:2026-10-14', ['unit'], -4],
      ['overdue:17:2026-10-09:2026-10-15', ['unit'], -5],
      ['overdue:17:2026-10-09:2026-10-16', ['unit'], -6],
      ['overdue:17:2026-10-09:2026-10-19', ['unit'], -7],
      ['overdue:17:2026-10-09:2026-10-20', ['unit'], -8],
      ['overdue:17:2026-10-09:2026-10-21', ['unit'], -9],
      ['overdue:17:2026-10-09:2026-10-22', ['unit'], -10],
      ['interview_proposal:17:2026-10-09', ['supervisors'], -10],
    ]);
  });

  it('sends nothing on weekends and holidays, however late the item is', () => {
    const daysOff = ['2026-09-19', '2026-09-25', '2026-10-01', '2026-10-05', '2026-10-07', '2026-10-11', '2026-10-31'];
    for (const date of daysOff) {
      expect(dueSteps(item({ state: 'assigned' }), chinaTime(date), cal)).toEqual([]);
    }
  });

  it('keeps an unclaimed item on the ladder too: a daily 认领提醒 until the deadline, then the 逾期催办 instead', () => {
    const { out } = sweep('2026-09-18', '2026-10-13', lifeOf({ state: 'assigned' }));
    const unclaimed = out.filter(([, k]) => k === 'unclaimed').map(([d]) => d);
    expect(unclaimed).toEqual(
      days('2026-09-20', '2026-10-09').filter((d) => cal.isWorkday(d)), // every working day from the make-up Sunday
    );
    expect(out.filter(([, k]) => k !== 'unclaimed')).toEqual([
      ['2026-09-29', 'due_soon'],
      ['2026-10-08', 'due_soon'],
      ['2026-10-09', 'due_today'],
      ['2026-10-10', 'overdue'],
      ['2026-10-12', 'overdue'],
      ['2026-10-13', 'overdue'],
      ['2026-10-13', 'warning'],
    ]);
  });

  it('counts the unclaimed wait from the China date of the slip, across the holiday', () => {
    // Sent Sep 30 at 20:00: Oct 1–7 off, so the first reminder is Oct 8 (1 working day later), not Oct 1.
    const sentBeforeHoliday = item({ state: 'assigned', assignedAt: chinaTime('2026-09-30', '20:00').toISOString() });
    // The same evening: no working day has passed, and 2 left is not a rung.
    expect(dueSteps(sentBeforeHoliday, chinaTime('2026-09-30', '21:00'), cal)).toEqual([]);
    expect(dueSteps(sentBeforeHoliday, chinaTime('2026-10-08'), cal).map((s) => s.kind)).toEqual([
      'unclaimed',
      'due_soon',
    ]);
    // 23:30 UTC on Sep 30 is already Oct 1 in Beijing: the slip's day is Oct 1, so Oct 8 is 1 working day later too.
    const lateUtc = item({ state: 'assigned', assignedAt: '2026-09-30T23:30:00Z' });
    expect(dueSteps(lateUtc, chinaTime('2026-10-08'), cal).map((s) => s.kind)).toEqual(['unclaimed', 'due_soon']);
    // No record of the slip: no 认领提醒 (the deadline steps still run).
    const unrecorded = item({ state: 'assigned', assignedAt: null });
    expect(dueSteps(unrecorded, chinaTime('2026-10-08'), cal).map((s) => s.kind)).toEqual(['due_soon']);
  });

  it('uses the harder ladder for 挂牌督办 items', () => {
    const { out } = sweep('2026-09-18', '2026-10-16', lifeOf({ flagged: true }));
    expect(out).toEqual([
      ['2026-09-20', 'unclaimed'],
      ['2026-09-21', 'unclaimed'],
      ['2026-09-24', 'due_soon'], // 5 left: Sep 28, 29, 30, Oct 8, 9
      ['2026-09-29', 'due_soon'], // 3
      ['2026-09-30', 'due_soon'], // 2
      ['2026-10-08', 'due_soon'], // 1
      ['2026-10-09', 'due_today'],
      ['2026-10-10', 'overdue'],
      ['2026-10-10', 'warning'], // the first working day late
      ['2026-10-12', 'overdue'],
      ['2026-10-13', 'overdue'],
      ['2026-10-14', 'overdue'],
      ['2026-10-15', 'overdue'], // 5th working day late →
      ['2026-10-15', 'interview_proposal'],
      ['2026-10-16', 'overdue'],
    ]);
  });

  it('takes its rungs from the config passed in', () => {
    const cfg = { ...DEFAULT_LADDER, beforeDeadline: [2], warningAfter: 2, interviewAfter: 4 };
    const { out } = sweep('2026-09-28', '2026-10-14', lifeOf(), cfg);
    expect(out).toEqual([
      ['2026-09-30', 'due_soon'],
      ['2026-10-09', 'due_today'],
      ['2026-10-10', 'overdue'],
      ['2026-10-12', 'overdue'],
      ['2026-10-12', 'warning'],
      ['2026-10-13', 'overdue'],
      ['2026-10-14', 'overdue'],
      ['2026-10-14', 'interview_proposal'],
    ]);
  });
});

describe('keys', () => {
  it('are stable: the same sweep twice, later the same day, or in another process gives the same keys', () => {
    const a = dueSteps(item(), chinaTime('2026-10-22'), cal);
    const b = dueSteps(item(), chinaTime('2026-10-22'), cal);
    const c = dueSteps(item(), chinaTime('2026-10-22', '17:45'), createWorkCalendar());
    expect(a.map((s) => s.key)).toEqual([
      'overdue:17:2026-10-09:2026-10-22',
      'warning:17:2026-10-09',
      'interview_proposal:17:2026-10-09',
    ]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('repeat the one-off steps each sweep past the threshold, so a missed day catches up', () => {
    // The sweep did not run Oct 13 (3rd day late): the warning still goes out on Oct 14, with the same key.
    expect(dueSteps(item(), chinaTime('2026-10-14'), cal).map((s) => s.key)).toEqual([
      'overdue:17:2026-10-09:2026-10-14',
      'warning:17:2026-10-09',
    ]);
    // A sweep that missed both thresholds sends both at once.
    const kinds = dueSteps(item(), chinaTime('2026-10-30'), cal).map((s) => s.kind);
    expect(kinds).toEqual(['overdue', 'warning', 'interview_proposal']);
  });

  it('keep the before-deadline reminders exact: a missed "3 days" is not sent at 2', () => {
    expect(dueSteps(item(), chinaTime('2026-09-30'), cal)).toEqual([]);
  });

  it('restart the ladder when an extension moves the deadline', () => {
    // The item ran overdue on Oct 9; an extension to Oct 30 is approved on Oct 14 at 11:00.
    const life = (date: string) => item({ deadline: date <= '2026-10-14' ? '2026-10-09' : '2026-10-30' });
    const { out, steps } = sweep('2026-10-12', '2026-11-05', life);
    expect(out).toEqual([
      ['2026-10-12', 'overdue'],
      ['2026-10-13', 'overdue'],
      ['2026-10-13', 'warning'],
      ['2026-10-14', 'overdue'],
      // Oct 30: Oct 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30 ahead.
      ['2026-10-27', 'due_soon'], // 3 left: Oct 28, 29, 30
      ['2026-10-29', 'due_soon'], // 1
      ['2026-10-30', 'due_today'],
      ['2026-11-02', 'overdue'], // Sat 31 and Sun Nov 1 off
      ['2026-11-03', 'overdue'],
      ['2026-11-04', 'overdue'],
      ['2026-11-04', 'warning'], // a new warning: the new deadline's
      ['2026-11-05', 'overdue'],
    ]);
    expect(steps.filter((s) => s.kind === 'warning').map((s) => s.key)).toEqual([
      'warning:17:2026-10-09',
      'warning:17:2026-10-30',
    ]);
    expect(steps.find((s) => s.kind === 'due_today')?.key).toBe('due_today:17:2026-10-30');
  });

  it('restart the ladder when a return sets a new deadline', () => {
    // Returned on Oct 14 with 责令限期办理 by Oct 16: the old warning's key is spent, the new one is not.
    const returned = item({ deadline: '2026-10-16' });
    expect(dueSteps(returned, chinaTime('2026-10-16'), cal).map((s) => s.key)).toEqual(['due_today:17:2026-10-16']);
    expect(dueSteps(returned, chinaTime('2026-10-21'), cal).map((s) => s.key)).toEqual([
      'overdue:17:2026-10-16:2026-10-21',
      'warning:17:2026-10-16', // Oct 19, 20, 21
    ]);
  });
});

describe('one reminder a day for an unclaimed item', () => {
  // Slip sent Sep 18 08:30, never claimed; deadline Oct 9 (2026 calendar above). The unit hears one reminder a
  // working day: 认领提醒 while the deadline is ahead (with a deadline reminder beside it on its rungs: both are
  // about claiming and finishing in time, and reach the person in one message), and once overdue only 逾期催办 —
  // never 认领提醒 and 逾期催办 both. The overdue card still offers 认领 (it follows the item's state).
  const unclaimedItem = (over: Partial<LadderItem> = {}) => item({ state: 'assigned', claimedAt: null, ...over });
  it.each<[string, string, Partial<LadderItem>, ChaseKind[]]>([
    ['before the deadline, off the rungs', '2026-09-22', {}, ['unclaimed']],
    ['3 working days left', '2026-09-29', {}, ['unclaimed', 'due_soon']],
    ['on the deadline', '2026-10-09', {}, ['unclaimed', 'due_today']],
    ['1st working day overdue (make-up Saturday)', '2026-10-10', {}, ['overdue']],
    ['2nd working day overdue', '2026-10-12', {}, ['overdue']],
    ['3rd working day overdue: the warning too', '2026-10-13', {}, ['overdue', 'warning']],
    ['10th working day overdue: the 约谈 proposal too', '2026-10-22', {}, ['overdue', 'warning', 'interview_proposal']],
    ['挂牌督办, 1st working day overdue', '2026-10-10', { flagged: true }, ['overdue', 'warning']],
    ['deadline on a holiday (Oct 5), the day after the holiday', '2026-10-08', { deadline: '2026-10-05' }, ['overdue']],
    ['deadline on a holiday (Oct 5), the last working day before it', '2026-09-30', { deadline: '2026-10-05' }, ['unclaimed', 'due_today']],
    ['overdue but no record of the slip', '2026-10-12', { assignedAt: null }, ['overdue']],
    ['overdue with an extension pending', '2026-10-12', { hasPendingExtension: true }, []],
  ])('%s (%s)', (_, date, over, kinds) => {
    const steps = dueSteps(unclaimedItem(over), chinaTime(date), cal);
    expect(steps.map((s) => s.kind)).toEqual(kinds);
    expect(steps.filter((s) => s.kind === 'unclaimed' || s.kind === 'overdue')).toHaveLength(kinds.length ? 1 : 0);
  });

  it('the overdue step of an unclaimed item is keyed like any overdue step, once a day', () => {
    const { out, steps } = sweep('2026-10-09', '2026-10-14', () => unclaimedItem());
    expect(out).toEqual([
      ['2026-10-09', 'unclaimed'],
      ['2026-10-09', 'due_today'],
      ['2026-10-10', 'overdue'],
      ['2026-10-12', 'overdue'],
      ['2026-10-13', 'overdue'],
      ['2026-10-13', 'warning'],
      ['2026-10-14', 'overdue'],
    ]);
    expect(steps.filter((s) => s.kind === 'overdue').map((s) => s.key)).toEqual([
      'overdue:17:2026-10-09:2026-10-10',
      'overdue:17:2026-10-09:2026-10-12',
      'overdue:17:2026-10-09:2026-10-13',
      'overdue:17:2026-10-09:2026-10-14',
    ]);
  });
});

describe('urgency', () => {
  it.each<[ChaseKind[], ChaseKind | undefined]>([
    [['unclaimed', 'due_soon'], 'due_soon'],
    [['overdue', 'warning'], 'warning'],
    [['overdue', 'warning', 'interview_proposal'], 'interview_proposal'],
    [['progress_request', 'due_today'], 'due_today'],
    [['progress_request', 'unclaimed'], 'unclaimed'],
    [['progress_request'], 'progress_request'],
    [[], undefined],
  ])('the most pressing of %j is %s', (kinds, top) => {
    expect(mostUrgent(kinds)).toBe(top);
  });

  it('ranks every kind', () => {
    expect([...CHASE_URGENCY].sort()).toEqual(Object.keys(CHASE_LABELS).sort());
  });
});

describe('what stops the ladder', () => {
  it('pauses everything while an extension request is pending', () => {
    for (const date of ['2026-09-21', '2026-09-29', '2026-10-09', '2026-10-13', '2026-10-22']) {
      expect(dueSteps(item({ hasPendingExtension: true }), chinaTime(date), cal)).toEqual([]);
      expect(dueSteps(item({ hasPendingExtension: true, state: 'assigned' }), chinaTime(date), cal)).toEqual([]);
    }
    const claimedAt = chinaTime('2026-10-01').toISOString();
    const weekly = item({ hasPendingExtension: true, progressCycle: 'weekly', claimedAt });
    expect(dueSteps(weekly, chinaTime('2026-10-08'), cal)).toEqual([]);
    // Decided (the flag cleared, the deadline unchanged): the ladder picks up where it stands.
    expect(dueSteps(item(), chinaTime('2026-10-13'), cal).map((s) => s.kind)).toEqual(['overdue', 'warning']);
  });

  it.each(ItemStates.filter((s) => s !== 'assigned' && s !== 'in_progress'))('sends nothing for %s items', (state) => {
    for (const date of ['2026-09-21', '2026-09-29', '2026-10-09', '2026-10-13', '2026-10-22']) {
      expect(dueSteps(item({ state, progressCycle: 'weekly' }), chinaTime(date), cal)).toEqual([]);
    }
  });

  it('stops at the claim', () => {
    const kinds = dueSteps(item({ state: 'assigned' }), chinaTime('2026-09-22'), cal).map((s) => s.kind);
    expect(kinds).toEqual(['unclaimed']);
    expect(dueSteps(item({ state: 'in_progress' }), chinaTime('2026-09-22'), cal)).toEqual([]);
  });
});

describe('a deadline on a day off', () => {
  it('sends 今日到期 on the last working day before it, and counts lateness from it', () => {
    // Deadline Mon Oct 5 (国庆). Sep 29: 1 working day left (Sep 30); Sep 30: none left.
    const { out, steps } = sweep('2026-09-28', '2026-10-13', () => item({ deadline: '2026-10-05' }));
    expect(out).toEqual([
      ['2026-09-29', 'due_soon'],
      ['2026-09-30', 'due_today'],
      ['2026-10-08', 'overdue'], // 1 working day late
      ['2026-10-09', 'overdue'],
      ['2026-10-10', 'overdue'], // 3 →
      ['2026-10-10', 'warning'],
      ['2026-10-12', 'overdue'],
      ['2026-10-13', 'overdue'],
    ]);
    expect(steps.map((s) => s.workdays)).toEqual([1, 0, -1, -2, -3, -3, -4, -5]);
    expect(steps[1]!.key).toBe('due_today:17:2026-10-05');
  });

  it('has 今日到期 on the make-up Saturday itself when that is the deadline', () => {
    expect(dueSteps(item({ deadline: '2026-10-10' }), chinaTime('2026-10-10'), cal).map((s) => s.key)).toEqual([
      'due_today:17:2026-10-10',
    ]);
    expect(dueSteps(item({ deadline: '2026-10-10' }), chinaTime('2026-10-12'), cal)).toEqual([
      { kind: 'overdue', key: 'overdue:17:2026-10-10:2026-10-12', audience: ['unit'], workdays: -1 },
    ]);
  });
});

describe('progress cycles', () => {
  /** Every calendar day in the range on which a report is due. */
  const dueDays = (over: Partial<LadderItem>, from: string, to: string) =>
    days(from, to).filter((d) => progressDueToday(item(over), d, cal) === d);

  it('weekly, from a claim on Thu Sep 17: 国庆 folds two periods into Oct 8', () => {
    const over = { progressCycle: 'weekly' as const, claimedAt: chinaTime('2026-09-17', '15:00').toISOString() };
    // Nominal Sep 24, Oct 1 (→ Oct 8), Oct 8, Oct 15, Oct 22, Oct 29.
    expect(dueDays(over, '2026-09-17', '2026-10-31')).toEqual([
      '2026-09-24',
      '2026-10-08',
      '2026-10-15',
      '2026-10-22',
      '2026-10-29',
    ]);
    expect(progressDueToday(item(over), '2026-10-01', cal)).toBeNull();
    expect(progressDueToday(item(over), '2026-10-09', cal)).toBeNull();
  });

  it('weekly, from a claim on Fri Sep 18: 中秋 moves one period to Mon Sep 28, 国庆 another to Oct 8', () => {
    const over = { progressCycle: 'weekly' as const, claimedAt: chinaTime('2026-09-18').toISOString() };
    // Nominal Sep 25 (中秋 → Mon Sep 28), Oct 2 (→ Oct 8), Oct 9, Oct 16, Oct 23, Oct 30.
    expect(dueDays(over, '2026-09-18', '2026-10-31')).toEqual([
      '2026-09-28',
      '2026-10-08',
      '2026-10-09',
      '2026-10-16',
      '2026-10-23',
      '2026-10-30',
    ]);
  });

  it('biweekly', () => {
    const over = { progressCycle: 'biweekly' as const, claimedAt: chinaTime('2026-09-17').toISOString() };
    // Nominal Oct 1 (→ Oct 8), Oct 15, Oct 29.
    expect(dueDays(over, '2026-09-17', '2026-11-10')).toEqual(['2026-10-08', '2026-10-15', '2026-10-29']);
  });

  it('monthly, on the claim day of each month, moved off the holiday and the weekend', () => {
    const over = { progressCycle: 'monthly' as const, claimedAt: chinaTime('2026-09-07').toISOString() };
    // Oct 7 (国庆 → Oct 8), Nov 7 (Sat → Mon Nov 9), Dec 7 (Mon).
    expect(dueDays(over, '2026-09-07', '2026-12-31')).toEqual(['2026-10-08', '2026-11-09', '2026-12-07']);
  });

  it('monthly, from the 31st: clamped to each month end without drifting', () => {
    const over = { progressCycle: 'monthly' as const, claimedAt: chinaTime('2026-01-31').toISOString() };
    // Feb 28 is a Saturday but a make-up working day (春节 调休); May 31 is a Sunday → Jun 1; Jun 30 (not Jun 1).
    expect(dueDays(over, '2026-01-31', '2026-07-31')).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-06-01',
      '2026-06-30',
      '2026-07-31',
    ]);
  });

  it('has no schedule without a cycle or a claim', () => {
    expect(progressDueToday(item({ progressCycle: 'none' }), '2026-09-28', cal)).toBeNull();
    expect(progressDueToday(item({ progressCycle: 'weekly', claimedAt: null }), '2026-09-28', cal)).toBeNull();
  });

  it('anchors on the China date of the claim', () => {
    // 2026-09-17T17:00Z is 01:00 on Sep 18 in Beijing: the weekly schedule is the Friday one.
    const over = { progressCycle: 'weekly' as const, claimedAt: '2026-09-17T17:00:00Z' };
    expect(progressDueToday(item(over), '2026-09-28', cal)).toBe('2026-09-28');
    expect(progressDueToday(item(over), '2026-09-24', cal)).toBeNull();
  });

  describe('in the sweep', () => {
    const weekly = (over: Partial<LadderItem> = {}) =>
      item({
        progressCycle: 'weekly',
        claimedAt: chinaTime('2026-09-17', '15:00').toISOString(),
        deadline: '2026-12-31',
        ...over,
      });

    it('asks on each due day and notes the request that went unanswered', () => {
      const { out, steps } = sweep('2026-09-17', '2026-10-22', () => weekly());
      expect(out).toEqual([
        ['2026-09-24', 'progress_request'],
        ['2026-10-08', 'progress_request'],
        ['2026-10-08', 'progress_missed'], // nothing since the Sep 24 request
        ['2026-10-15', 'progress_request'],
        ['2026-10-15', 'progress_missed'],
        ['2026-10-22', 'progress_request'],
        ['2026-10-22', 'progress_missed'],
      ]);
      // Working days to Dec 31 — from Sep 24: 3 in Sep, 18 in Oct, 21 in Nov, 23 in Dec; from Oct 8: 17 in Oct.
      expect(steps.slice(0, 3)).toEqual([
        { kind: 'progress_request', key: 'progress_request:17:2026-09-24', audience: ['unit'], workdays: 65 },
        { kind: 'progress_request', key: 'progress_request:17:2026-10-08', audience: ['unit'], workdays: 61 },
        { kind: 'progress_missed', key: 'progress_missed:17:2026-09-24', audience: ['supervisors'], workdays: 61 },
      ]);
    });

    it.each([
      ['the day of the request', false, chinaTime('2026-09-24', '16:00')],
      ['during the holiday', false, chinaTime('2026-10-03', '10:00')],
      ['before the sweep on the next due day', false, chinaTime('2026-10-08', '08:15')],
      ['the day before the request (the earlier period)', true, chinaTime('2026-09-23', '18:00')],
      ['late on Sep 23 UTC, already Sep 24 in Beijing', false, new Date('2026-09-23T16:30:00Z')],
      ['at 23:30 on Sep 23 in Beijing', true, new Date('2026-09-23T15:30:00Z')],
    ])('a report %s: Sep 24 request missed = %s', (_, missed, at) => {
      const steps = dueSteps(weekly({ lastProgressAt: at.toISOString() }), chinaTime('2026-10-08'), cal);
      expect(steps.map((s) => s.key)).toEqual([
        'progress_request:17:2026-10-08',
        ...(missed ? ['progress_missed:17:2026-09-24'] : []),
      ]);
    });

    it('catches up a missed note on a later sweep, with the same key, until the next due day', () => {
      // No sweep on Oct 8: the Oct 9 sweep notes it (no new request: Oct 9 is not a due day).
      expect(dueSteps(weekly(), chinaTime('2026-10-09'), cal).map((s) => s.key)).toEqual([
        'progress_missed:17:2026-09-24',
      ]);
      // Answering the Oct 8 request clears it for the Oct 8 period; the Sep 24 one stays noted until Oct 15.
      const answered = weekly({ lastProgressAt: chinaTime('2026-10-12').toISOString() });
      expect(dueSteps(answered, chinaTime('2026-10-14'), cal).map((s) => s.key)).toEqual([]);
      expect(dueSteps(answered, chinaTime('2026-10-15'), cal).map((s) => s.key)).toEqual([
        'progress_request:17:2026-10-15',
      ]);
    });

    it('only while in progress', () => {
      for (const state of ['assigned', 'under_review', 'closed'] as const) {
        expect(dueSteps(weekly({ state }), chinaTime('2026-10-08'), cal).map((s) => s.kind)).not.toContain(
          'progress_request',
        );
      }
    });

    it('comes after the deadline steps on the same day', () => {
      const kinds = dueSteps(weekly({ deadline: '2026-10-12' }), chinaTime('2026-10-08'), cal).map((s) => s.kind);
      expect(kinds).toEqual(['due_soon', 'progress_request', 'progress_missed']); // 3 left: Oct 9, 10, 12
    });
  });
});
