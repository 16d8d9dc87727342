import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/domain/calendar';
import { deadlineStatus } from '../../src/domain/deadline';
import type { ItemState } from '../../src/domain/item';
import { chinaTime } from '../support/items';

const cal = createWorkCalendar();
const open = (deadline: string, state: ItemState = 'in_progress') => ({ state, deadline });

/*
 * September / October 2026 in China (国务院办公厅 2026 schedule):
 *   Mon Tue Wed Thu Fri Sat Sun
 *               17  18  19  20*     * Sep 20 (Sun): make-up working day (调休上班)
 *   21  22  23  24  25h 26h 27h     25–27: 中秋
 *   28  29  30  1h  2h  3h  4h      Oct 1–7: 国庆
 *   5h  6h  7h  8   9   10* 11      * Oct 10 (Sat): make-up working day
 *   12  13 ...
 * Working days counted from "today" exclude today and include the deadline.
 */
describe('deadline light across the 2026 National Day holiday', () => {
  it.each([
    // deadline, now, light, workdays, text
    // Sep 30 → Oct 9: Oct 8, 9 (the whole of Oct 1–7 is off).
    ['2026-10-09', chinaTime('2026-09-30'), 'yellow', 2, '剩余 2 个工作日'],
    // Sep 29 → Oct 12: Sep 30, Oct 8, 9, 10 (Saturday, make-up), 12.
    ['2026-10-12', chinaTime('2026-09-29'), 'green', 5, '剩余 5 个工作日'],
    // Sep 30 → Oct 12: Oct 8, 9, 10, 12 — one more than the yellow threshold.
    ['2026-10-12', chinaTime('2026-09-30'), 'green', 4, '剩余 4 个工作日'],
    // Sep 30 → Oct 10 (make-up Saturday): Oct 8, 9, 10 — exactly the threshold.
    ['2026-10-10', chinaTime('2026-09-30'), 'yellow', 3, '剩余 3 个工作日'],
    // Seven calendar days, but only Oct 8 is a working day.
    ['2026-10-08', chinaTime('2026-10-01'), 'yellow', 1, '剩余 1 个工作日'],
    // Sep 18 (Fri) → Sep 21 (Mon): the Sunday make-up day counts, Saturday does not.
    ['2026-09-21', chinaTime('2026-09-18'), 'yellow', 2, '剩余 2 个工作日'],
    // On the day, working day or not.
    ['2026-10-09', chinaTime('2026-10-09', '17:30'), 'yellow', 0, '今日到期'],
    ['2026-10-05', chinaTime('2026-10-05'), 'yellow', 0, '今日到期'],
    // Overdue from the day after: Oct 8 is the first working day after Sep 30.
    ['2026-09-30', chinaTime('2026-10-08'), 'red', -1, '逾期 1 个工作日'],
    // Sep 30 → Oct 12: Oct 8, 9, 10, 12 missed.
    ['2026-09-30', chinaTime('2026-10-12'), 'red', -4, '逾期 4 个工作日'],
    // Sep 18 → Sep 21: Sep 20 (make-up) and 21 missed.
    ['2026-09-18', chinaTime('2026-09-21'), 'red', -2, '逾期 2 个工作日'],
  ] as const)('deadline %s, at %o → %s, %i working days, “%s”', (deadline, now, light, workdays, text) => {
    const s = deadlineStatus(open(deadline), now, cal);
    expect(s).toEqual({ light, workdays, overdue: light === 'red', text });
  });

  it.each([
    ['2026-10-01', chinaTime('2026-10-01')],
    ['2026-10-07 evening', chinaTime('2026-10-07', '22:00')],
  ])('past the deadline but no working day missed yet (%s) → red, “已逾期”', (_when, now) => {
    const s = deadlineStatus(open('2026-09-30'), now, cal);
    expect(s.light).toBe('red');
    expect(s.overdue).toBe(true);
    expect(s.text).toBe('已逾期');
    // Math.abs: the implementation returns -0 here (see report); a user sees "0" either way.
    expect(Math.abs(s.workdays)).toBe(0);
  });

  it('the day turns at midnight in Beijing, whatever the server’s clock zone', () => {
    expect(deadlineStatus(open('2026-09-30'), new Date('2026-09-30T15:59:00Z'), cal).text).toBe('今日到期'); // 23:59
    expect(deadlineStatus(open('2026-09-30'), new Date('2026-09-30T16:01:00Z'), cal).light).toBe('red'); // 00:01
  });

  it('yellowWithin sets how early the light turns yellow', () => {
    const fourLeft = open('2026-10-12');
    expect(deadlineStatus(fourLeft, chinaTime('2026-09-30'), cal).light).toBe('green');
    expect(deadlineStatus(fourLeft, chinaTime('2026-09-30'), cal, 4).light).toBe('yellow');
    expect(deadlineStatus(fourLeft, chinaTime('2026-09-30'), cal, 1).light).toBe('green');
  });

  it('far from the deadline is green', () => {
    expect(deadlineStatus(open('2026-12-31'), chinaTime('2026-09-30'), cal).light).toBe('green');
  });
});

describe('items with no light', () => {
  it.each(['closed', 'archived', 'merged', 'cancelled'] as const)('a %s item has no light, even long overdue', (state) => {
    expect(deadlineStatus(open('2026-09-30', state), chinaTime('2026-10-12'), cal)).toEqual({
      light: 'none',
      workdays: 0,
      overdue: false,
      text: '',
    });
  });

  it.each(['registered', 'assigned', 'in_progress', 'under_review'] as const)('a %s item shows its light', (state) => {
    expect(deadlineStatus(open('2026-10-09', state), chinaTime('2026-09-30'), cal).light).toBe('yellow');
  });
});
