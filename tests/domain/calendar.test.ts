import { readFileSync } from 'node:fs';
import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDate,
  createWorkCalendar,
  parseCalendarOverrides,
  statutoryHolidays,
} from '../../src/domain/calendar';

const cal = createWorkCalendar();

// 2026 国庆: Oct 1 (Thu) – Oct 7 (Wed) off; make-up days Sep 20 (Sun) and Oct 10 (Sat).
// 中秋 Sep 25 (Fri) – 27 (Sun) off.
describe('2026, from the official schedule', () => {
  it.each([
    ['2026-09-18', true], // Friday
    ['2026-09-19', false], // Saturday
    ['2026-09-20', true], // Sunday, 调休 make-up day
    ['2026-09-25', false], // 中秋 (Friday)
    ['2026-09-30', true], // Wednesday
    ['2026-10-01', false],
    ['2026-10-02', false],
    ['2026-10-03', false],
    ['2026-10-04', false],
    ['2026-10-05', false], // Monday, but 国庆
    ['2026-10-06', false],
    ['2026-10-07', false],
    ['2026-10-08', true], // Thursday
    ['2026-10-09', true],
    ['2026-10-10', true], // Saturday, 调休 make-up day
    ['2026-10-11', false], // Sunday
    ['2026-10-12', true], // Monday
  ])('isWorkday(%s) is %s', (date, expected) => {
    expect(cal.isWorkday(date)).toBe(expected);
  });

  it.each([
    ['2026-09-30', '2026-10-09', 2], // Oct 8, 9
    ['2026-10-08', '2026-10-12', 3], // Oct 9, 10 (make-up), 12
    ['2026-09-18', '2026-09-21', 2], // Sep 20 (make-up), 21
    ['2026-09-30', '2026-09-30', 0],
    ['2026-10-03', '2026-10-03', 0],
    ['2026-10-09', '2026-09-30', -2],
    ['2026-10-12', '2026-10-08', -3],
    // Across the year boundary into the fallback year: Dec 31 (Thu) on, Jan 1 off, Jan 2–3 weekend, Jan 4 (Mon) on.
    ['2026-12-30', '2027-01-04', 2],
    ['2027-01-04', '2026-12-30', -2],
    // All of 2026: 261 weekdays − 19 weekday holidays + 6 make-up days.
    ['2025-12-31', '2026-12-31', 248],
  ])('workdaysBetween(%s, %s) is %i', (from, to, expected) => {
    expect(cal.workdaysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-19', 1, '2026-09-20'],
    ['2026-10-08', -1, '2026-09-30'],
    ['2026-10-12', -3, '2026-10-08'], // skips Sunday Oct 11, counts Saturday Oct 10
    ['2026-09-21', -1, '2026-09-20'],
    ['2026-10-01', 0, '2026-10-01'], // n = 0 is the date itself, even on a holiday
    ['2026-12-31', 1, '2027-01-04'],
  ])('addWorkdays(%s, %i) is %s', (date, n, expected) => {
    expect(cal.addWorkdays(date, n)).toBe(expected);
  });

  it('addWorkdays and workdaysBetween agree', () => {
    for (const n of [1, 2, 5, 10, 30, 100]) {
      expect(cal.workdaysBetween('2026-09-25', cal.addWorkdays('2026-09-25', n))).toBe(n);
      expect(cal.workdaysBetween('2026-10-20', cal.addWorkdays('2026-10-20', -n))).toBe(-n);
    }
  });

  it('nextWorkday is strictly after; onOrAfterWorkday keeps a working day', () => {
    expect(cal.nextWorkday('2026-09-30')).toBe('2026-10-08');
    expect(cal.nextWorkday('2026-10-08')).toBe('2026-10-09');
    expect(cal.onOrAfterWorkday('2026-10-03')).toBe('2026-10-08');
    expect(cal.onOrAfterWorkday('2026-10-08')).toBe('2026-10-08');
    expect(cal.onOrAfterWorkday('2026-09-19')).toBe('2026-09-20');
  });

  // chinese-days builds its own in-memory schedule with local-time getters, which shifts it by a day west of UTC;
  // the calendar reads the published JSON instead, so only compare where the library itself is right.
  const westOfUtc = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() > 0;
  it.skipIf(westOfUtc)('matches chinese-days for every day it has data for', () => {
    for (let d = new Date(2004, 0, 1); d.getFullYear() <= 2026; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
      const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      if (cal.isWorkday(iso) !== chineseDays.isWorkday(d)) expect.fail(`${iso} differs from chinese-days`);
    }
  });
});

describe('known years', () => {
  it.each([
    [2003, false],
    [2004, true],
    [2026, true],
    [2027, false],
  ])('isKnownYear(%i) is %s', (year, expected) => {
    expect(cal.isKnownYear(year)).toBe(expected);
  });
});

// These rely on chinese-days 1.5.7 not having 2027 yet (it calls 2027-01-01 a working day). When an upgrade brings
// the 2027 schedule, move these cases to the first year it does not know.
describe('2027, fallback: weekends plus statutory holidays, no make-up days', () => {
  it('is needed: chinese-days alone treats 2027-01-01 as a working day', () => {
    expect(chineseDays.isWorkday(new Date(2027, 0, 1))).toBe(true);
    expect(cal.isWorkday('2027-01-01')).toBe(false);
  });

  it('computes the statutory holidays from the lunar calendar and solar terms', () => {
    expect(statutoryHolidays(2027)).toEqual([
      '2027-01-01', // 元旦
      '2027-02-05', // 除夕 (lunar new year is 2027-02-06)
      '2027-02-06',
      '2027-02-07',
      '2027-02-08', // 初三
      '2027-04-05', // 清明
      '2027-05-01',
      '2027-05-02', // 劳动节
      '2027-06-09', // 端午, lunar 5/5
      '2027-09-15', // 中秋, lunar 8/15
      '2027-10-01',
      '2027-10-02',
      '2027-10-03', // 国庆
    ]);
  });

  it.each([2025, 2026])('agrees with the official %i schedule: every statutory holiday is off', (year) => {
    for (const d of statutoryHolidays(year)) expect(cal.isWorkday(d), d).toBe(false);
  });

  it.each([
    ['2027-01-01', false], // 元旦 (Friday)
    ['2027-02-04', true], // Thursday before 除夕
    ['2027-02-05', false], // 除夕 (Friday)
    ['2027-02-06', false],
    ['2027-02-07', false],
    ['2027-02-08', false], // 初三 (Monday)
    ['2027-02-09', true], // Tuesday: no 调休 known yet
    ['2027-02-20', false], // Saturday: no make-up days in the fallback
    ['2027-03-06', false], // ordinary Saturday
    ['2027-03-07', false], // ordinary Sunday
    ['2027-03-08', true], // ordinary Monday
    ['2027-04-05', false], // 清明 (Monday)
    ['2027-05-03', true], // Monday after 劳动节
    ['2027-06-09', false], // 端午 (Wednesday)
    ['2027-09-15', false], // 中秋 (Wednesday)
    ['2027-10-01', false], // 国庆 (Friday)
    ['2027-10-02', false],
    ['2027-10-03', false],
    ['2027-10-04', true], // Monday
  ])('isWorkday(%s) is %s', (date, expected) => {
    expect(cal.isWorkday(date)).toBe(expected);
  });

  it('counts across the fallback 国庆', () => {
    // Oct 1–3 off, Oct 4–8 on, Oct 9–10 weekend, Oct 11 on.
    expect(cal.workdaysBetween('2027-09-30', '2027-10-11')).toBe(6);
    expect(cal.addWorkdays('2027-09-30', 1)).toBe('2027-10-04');
  });

  describe('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it.each([
      ['America/New_York', 300],
      ['Asia/Shanghai', -480],
      ['Pacific/Kiritimati', -840],
    ])('%s', (tz, offsetMinutes) => {
      process.env.TZ = tz;
      expect(new Date(Date.UTC(2027, 0, 1)).getTimezoneOffset()).toBe(offsetMinutes); // the switch took effect
      const fresh = createWorkCalendar();
      expect(statutoryHolidays(2027)).toContain('2027-04-05');
      expect(fresh.isWorkday('2027-04-05')).toBe(false);
      expect(fresh.isWorkday('2027-02-05')).toBe(false);
      expect(fresh.workdaysBetween('2026-09-30', '2026-10-09')).toBe(2);
      expect(fresh.isWorkday('2026-09-20')).toBe(true);
    });
  });
});

describe('overrides win over everything', () => {
  it('a make-up working day on a 2027 Sunday', () => {
    const withOverride = createWorkCalendar({ workdays: ['2027-02-14'] });
    expect(cal.isWorkday('2027-02-14')).toBe(false);
    expect(withOverride.isWorkday('2027-02-14')).toBe(true);
    expect(withOverride.workdaysBetween('2027-02-12', '2027-02-15')).toBe(2); // Feb 14, 15
  });

  it('a holiday on a weekday', () => {
    const withOverride = createWorkCalendar({ holidays: ['2027-02-09'] });
    expect(cal.isWorkday('2027-02-09')).toBe(true);
    expect(withOverride.isWorkday('2027-02-09')).toBe(false);
    expect(withOverride.addWorkdays('2027-02-04', 1)).toBe('2027-02-10');
  });

  it('over the official data and the statutory fallback', () => {
    const c = createWorkCalendar({ holidays: ['2026-10-08'], workdays: ['2026-10-03', '2027-10-01'] });
    expect(c.isWorkday('2026-10-08')).toBe(false);
    expect(c.isWorkday('2026-10-03')).toBe(true);
    expect(c.isWorkday('2027-10-01')).toBe(true);
  });

  it('stays in its own calendar', () => {
    createWorkCalendar({ workdays: ['2027-03-07'] });
    expect(cal.isWorkday('2027-03-07')).toBe(false);
  });

  it.each([
    [{ holidays: ['2027-02-30'] }, /"2027-02-30" 不是有效日期/],
    [{ workdays: ['2027-1-1'] }, /"2027-1-1" 不是有效日期/],
    [{ holidays: ['2027-02-09'], workdays: ['2027-02-09'] }, /"2027-02-09" 同时列在 holidays 和 workdays 中/],
  ])('rejects %j', (overrides, message) => {
    expect(() => createWorkCalendar(overrides)).toThrow(message);
  });

  it('the example override file turns the fallback 国庆 into an illustrative 7-day holiday', () => {
    const text = readFileSync(new URL('../../examples/calendar-overrides.yaml', import.meta.url), 'utf8');
    const c = createWorkCalendar(parseCalendarOverrides(text));
    // Oct 1–7 off, Oct 8 (Fri) on, Oct 9 (Sat) make-up on, Oct 10 (Sun) off, Oct 11 (Mon) on.
    expect(c.workdaysBetween('2027-09-30', '2027-10-11')).toBe(3);
    expect(c.isWorkday('2027-09-26')).toBe(true);
  });
});

describe('parseCalendarOverrides', () => {
  it('reads block and flow lists, both optional', () => {
    expect(parseCalendarOverrides('holidays:\n  - 2027-02-09\n  - "2027-02-10"\nworkdays: [2027-02-20]\n')).toEqual({
      holidays: ['2027-02-09', '2027-02-10'],
      workdays: ['2027-02-20'],
    });
    expect(parseCalendarOverrides('workdays: [2027-02-20]')).toEqual({ workdays: ['2027-02-20'] });
    expect(parseCalendarOverrides('holidays:\n')).toEqual({ holidays: [] });
  });

  it.each(['', '# nothing yet\n'])('treats %j as no overrides', (text) => {
    expect(parseCalendarOverrides(text)).toEqual({});
  });

  it('names the bad entry and its line', () => {
    expect(() => parseCalendarOverrides('holidays:\n  - 2027-01-01\n  - 2027-02-30\n')).toThrow(
      '日历覆盖文件第 3 行: "2027-02-30" 不是有效日期',
    );
  });

  it.each([
    ['holidays: [2027-13-01]', '日历覆盖文件第 1 行: "2027-13-01" 不是有效日期'],
    ['holidays:\n  - 2027-2-3', '日历覆盖文件第 2 行: "2027-2-3" 不是有效日期'],
    ['workdays:\n  - 20270203', '日历覆盖文件第 2 行: "20270203" 不是有效日期'],
    ['workdays: [2027-02-14,\n  2027-02-29]', '日历覆盖文件第 2 行: "2027-02-29" 不是有效日期'], // 2027 is not a leap year
    ['holiday: [2027-01-01]', '日历覆盖文件第 1 行: 未知的键 "holiday"'],
    ['holidays: 2027-01-01', '日历覆盖文件第 1 行: holidays 应为日期列表'],
    ['holidays: [2027-02-09]\nworkdays: [2027-02-09]', '日历覆盖文件第 2 行: "2027-02-09" 同时列在 holidays 和 workdays 中'],
    ['- 2027-01-01', '日历覆盖文件第 1 行: 应为 holidays'],
    ['holidays: [2027-01-01\n', '日历覆盖文件第 2 行: YAML 格式错误'],
  ])('rejects %j', (text, message) => {
    expect(() => parseCalendarOverrides(text)).toThrow(message);
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-22T17:00:00Z', '2026-11-23'],
    ['2026-11-22T15:59:59.999Z', '2026-11-22'],
    ['2026-11-22T16:00:00Z', '2026-11-23'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('chinaDate(%s) is %s', (instant, expected) => {
    expect(chinaDate(new Date(instant))).toBe(expected);
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-10-01', 0, '2026-10-01'],
    ['2026-03-01', 365, '2027-03-01'],
  ])('addDays(%s, %i) is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-1', '2026/01/01', '', 'tomorrow'])('rejects the invalid date %j', (bad) => {
    expect(() => cal.isWorkday(bad)).toThrow('不是有效日期');
    expect(() => cal.workdaysBetween('2026-01-05', bad)).toThrow('不是有效日期');
    expect(() => addDays(bad, 1)).toThrow('不是有效日期');
  });

  it('answers for years outside the lunar tables with weekends alone, so no stored date can take a card down', () => {
    expect(cal.isWorkday('1899-06-01')).toBe(true); // a Thursday
    expect(cal.isWorkday('2206-06-30')).toBe(true); // a Monday (the typo for 2026 that took the ledger down)
    expect(cal.isWorkday('2206-07-05')).toBe(false); // a Saturday
    expect(cal.isWorkday('9999-12-31')).toBe(true); // a Friday
    expect(cal.workdaysBetween('2026-12-01', '2206-06-30')).toBeGreaterThan(180 * 248);
    expect(cal.workdaysBetween('9999-12-31', '2026-12-01')).toBeLessThan(0);
  });

  it('counts whole years outside the tables by arithmetic, day for day the same as walking them', () => {
    // 2100–2110: no lunar data, so weekends only; compare the arithmetic sum with a count of each day.
    let walked = 0;
    for (let d = '2099-12-31'; d < '2110-12-31'; ) {
      d = addDays(d, 1);
      if (cal.isWorkday(d)) walked++;
    }
    expect(createWorkCalendar().workdaysBetween('2099-12-31', '2110-12-31')).toBe(walked);
    // Overrides in such a year still count.
    const withOverride = createWorkCalendar({ holidays: ['2105-03-02'] });
    expect(withOverride.workdaysBetween('2099-12-31', '2110-12-31')).toBe(walked - 1);
  });

  it('rejects a fractional number of working days', () => {
    expect(() => cal.addWorkdays('2026-10-08', 1.5)).toThrow('整数');
  });
});
