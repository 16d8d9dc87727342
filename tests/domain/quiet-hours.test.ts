import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/domain/calendar';
import { DEFAULT_QUIET_HOURS, isAllowedMoment, nextAllowedMoment, quietNotBefore } from '../../src/domain/quiet-hours';

const cal = createWorkCalendar();
/** A moment in Beijing time. */
const bj = (s: string) => new Date(`${s}+08:00`);
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/*
 * 2026 in China: Sep 20 (Sun) and Oct 10 (Sat) are 调休 make-up working days; Sep 25 (中秋) and Oct 1–7 (国庆) are
 * holidays; Nov 28–29 and Dec 5–6 an ordinary weekend.
 */
describe('nextAllowedMoment (default: 08:00–20:00 Beijing time on working days)', () => {
  it.each([
    // [moment, next allowed moment, why]
    ['2026-12-01T09:00', '2026-12-01 09:00', 'weekday morning: at once'],
    ['2026-12-01T08:00', '2026-12-01 08:00', 'the first allowed minute itself'],
    ['2026-12-01T19:59:59', '2026-12-01 19:59', 'the last allowed second'],
    ['2026-12-01T07:59:30', '2026-12-01 08:00', 'weekday early morning: 08:00 the same day'],
    ['2026-12-01T00:00', '2026-12-01 08:00', 'midnight starting a working day'],
    ['2026-12-01T20:00', '2026-12-02 08:00', 'weekday evening, on the dot'],
    ['2026-12-01T22:00', '2026-12-02 08:00', 'weekday night: the next working day'],
    ['2026-12-01T23:59', '2026-12-02 08:00', 'just before midnight'],
    ['2026-11-27T21:00', '2026-11-30 08:00', 'Friday night: Monday'],
    ['2026-11-28T10:00', '2026-11-30 08:00', 'Saturday morning, a rest day: Monday'],
    ['2026-11-29T00:00', '2026-11-30 08:00', 'midnight of a Sunday'],
    ['2026-10-10T10:00', '2026-10-10 10:00', '调休 make-up Saturday: a working day'],
    ['2026-10-10T06:00', '2026-10-10 08:00', '调休 make-up Saturday, early'],
    ['2026-10-09T21:00', '2026-10-10 08:00', 'Friday night before a make-up Saturday'],
    ['2026-09-19T21:00', '2026-09-20 08:00', 'a rest Saturday before a make-up Sunday'],
    ['2026-10-01T10:00', '2026-10-08 08:00', '国庆, a holiday: the first working day after it'],
    ['2026-09-30T20:30', '2026-10-08 08:00', 'the evening before the holiday'],
    ['2026-09-25T12:00', '2026-09-28 08:00', '中秋 on a Friday, then an ordinary weekend: Monday'],
  ])('%s → %s (%s)', (moment, expected) => {
    expect(fmt(nextAllowedMoment(bj(moment), cal))).toBe(expected);
  });

  it('returns the moment itself (the same instant) when it is allowed, and never an earlier one', () => {
    const now = bj('2026-12-01T10:17:42.123');
    expect(nextAllowedMoment(now, cal).getTime()).toBe(now.getTime());
    expect(isAllowedMoment(now, cal)).toBe(true);
    expect(quietNotBefore(now, cal)).toBeUndefined();
    for (let t = bj('2026-09-24T00:00').getTime(); t < bj('2026-10-12T00:00').getTime(); t += 37 * 60_000) {
      const next = nextAllowedMoment(new Date(t), cal);
      expect(next.getTime()).toBeGreaterThanOrEqual(t);
      expect(isAllowedMoment(next, cal)).toBe(true);
    }
  });

  it('gives the notBefore of an automatic message planned at a disallowed moment', () => {
    expect(quietNotBefore(bj('2026-12-01T21:00'), cal)?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(isAllowedMoment(bj('2026-12-01T21:00'), cal)).toBe(false);
  });

  it('defaults to 20:00–08:00', () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: '20:00', end: '08:00' });
  });
});

describe('nextAllowedMoment with other quiet hours', () => {
  it.each([
    [{ start: '21:30', end: '07:00' }, '2026-12-01T21:00', '2026-12-01 21:00'],
    [{ start: '21:30', end: '07:00' }, '2026-12-01T21:30', '2026-12-02 07:00'],
    [{ start: '21:30', end: '07:00' }, '2026-12-01T06:59', '2026-12-01 07:00'],
    // A quiet spell within the day (a lunch break).
    [{ start: '12:00', end: '13:30' }, '2026-12-01T12:30', '2026-12-01 13:30'],
    [{ start: '12:00', end: '13:30' }, '2026-12-01T11:59', '2026-12-01 11:59'],
    [{ start: '12:00', end: '13:30' }, '2026-12-01T23:00', '2026-12-01 23:00'],
    [{ start: '12:00', end: '13:30' }, '2026-11-28T12:30', '2026-11-30 00:00'],
    // Quiet from midnight.
    [{ start: '00:00', end: '07:30' }, '2026-11-27T23:00', '2026-11-27 23:00'],
    [{ start: '00:00', end: '07:30' }, '2026-11-28T09:00', '2026-11-30 07:30'],
    // No quiet hours: rest days only.
    [{ start: '00:00', end: '00:00' }, '2026-12-01T03:00', '2026-12-01 03:00'],
    [{ start: '00:00', end: '00:00' }, '2026-11-28T03:00', '2026-11-30 00:00'],
  ])('%j: %s → %s', (cfg, moment, expected) => {
    expect(fmt(nextAllowedMoment(bj(moment), cal, cfg))).toBe(expected);
  });

  it('refuses a time it cannot read', () => {
    expect(() => nextAllowedMoment(bj('2026-12-01T09:00'), cal, { start: '8:00', end: '20:00' })).toThrow(/HH:MM/);
    expect(() => nextAllowedMoment(bj('2026-12-01T09:00'), cal, { start: '24:00', end: '08:00' })).toThrow(/HH:MM/);
  });
});
