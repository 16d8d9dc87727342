/** Periods as people write them, and /督办 统计 as typed: 本期/上期 from today, years, two-month periods, ranges. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/parse-command';
import { bimonthly, checkRange, parsePeriod, previousBimonthly } from '../../src/domain/stats-periods';

describe('statistics periods', () => {
  it('the six two-month periods, February in leap years too', () => {
    expect([1, 2, 3, 4, 5, 6].map((k) => [bimonthly(2026, k).from, bimonthly(2026, k).to])).toEqual([
      ['2026-01-01', '2026-02-28'], ['2026-03-01', '2026-04-30'], ['2026-05-01', '2026-06-30'],
      ['2026-07-01', '2026-08-31'], ['2026-09-01', '2026-10-31'], ['2026-11-01', '2026-12-31'],
    ]);
    expect(bimonthly(2028, 1).to).toBe('2028-02-29');
    expect(bimonthly(2026, 5).label).toBe('2026年9–10月');
  });

  it('本期 and 上期 follow today, across the turn of the year', () => {
    expect(parsePeriod('本期', '2026-10-31')).toMatchObject({ from: '2026-09-01', to: '2026-10-31' });
    expect(parsePeriod('', '2026-11-01')).toMatchObject({ from: '2026-11-01', to: '2026-12-31' });
    expect(parsePeriod('上期', '2027-01-04')).toMatchObject({ from: '2026-11-01', to: '2026-12-31', label: '2026年11–12月' });
    expect(previousBimonthly('2026-03-01')).toMatchObject({ from: '2026-01-01', to: '2026-02-28' });
  });

  it('years, two-month periods and ranges as typed; anything else is refused in Chinese', () => {
    expect(parsePeriod('2026年', '2026-12-01')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: '2026年' });
    expect(parsePeriod('2026', '2026-12-01')).toMatchObject({ key: '2026' });
    expect(parsePeriod('2026年9-10月', '2026-12-01')).toMatchObject({ from: '2026-09-01', to: '2026-10-31' });
    expect(parsePeriod('2026-09-01..2026-10-15', '2026-12-01')).toMatchObject({ from: '2026-09-01', to: '2026-10-15', label: '2026-09-01 至 2026-10-15' });
    expect(parsePeriod('2026-09-01..2026-10-31', '2026-12-01')).toMatchObject({ label: '2026年9–10月' });
    expect(parsePeriod('2026年9-11月', '2026-12-01')).toContain('不是双月统计期间');
    expect(parsePeriod('下期', '2026-12-01')).toContain('无法识别的统计期间');
    expect(checkRange('2026-10-31', '2026-09-01')).toBe('开始日期 2026-10-31 晚于结束日期 2026-09-01');
    expect(checkRange('2000-01-01', '2026-12-31')).toContain('最长');
    expect(parsePeriod('1999年', '2026-12-01')).toBe('统计期间应在 2000 年至 2089 年之间');
  });

  it('/督办 统计 takes a period and a unit in either order', () => {
    expect(parseCommand('/督办 统计')).toEqual({ kind: 'stats', period: '', unit: null });
    expect(parseCommand('/督办 统计 上期 教务处')).toEqual({ kind: 'stats', period: '上期', unit: '教务处' });
    expect(parseCommand('/督办 统计 教务处 2026年')).toEqual({ kind: 'stats', period: '2026年', unit: '教务处' });
    expect(parseCommand('/督办 统计 2026-09-01 .. 2026-10-31')).toEqual({ kind: 'stats', period: '2026-09-01..2026-10-31', unit: null });
    expect(parseCommand('/duban stats 2026')).toEqual({ kind: 'stats', period: '2026', unit: null });
    expect(parseCommand('/督办 统计 本期 上期')).toMatchObject({ kind: 'error' });
  });
});
