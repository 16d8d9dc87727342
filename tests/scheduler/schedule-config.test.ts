import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, parseScheduleConfig } from '../../src/scheduler/schedule-config';

describe('the schedule file', () => {
  it('examples/schedule.yaml spells out the defaults', () => {
    expect(parseScheduleConfig(readFileSync('examples/schedule.yaml', 'utf8'))).toEqual(DEFAULT_SCHEDULE);
  });

  it('quiet hours default to 20:00–08:00 and may be set, one end or both', () => {
    expect(parseScheduleConfig('').quietHours).toEqual({ start: '20:00', end: '08:00' });
    expect(parseScheduleConfig("quietHours: { start: '21:30' }").quietHours).toEqual({ start: '21:30', end: '08:00' });
    expect(parseScheduleConfig('quietHours:\n  start: "18:00"\n  end: "07:30"\n').quietHours).toEqual({ start: '18:00', end: '07:30' });
  });

  it.each([
    ["quietHours: { start: '8:00' }", 'quietHours.start'],
    ["quietHours: { end: '24:00' }", 'quietHours.end'],
    ['quietHours: { start: 2000 }', 'quietHours.start'],
    ["quietHours: { from: '20:00' }", 'quietHours'],
  ])('refuses %s naming %s', (text, field) => {
    expect(() => parseScheduleConfig(text)).toThrow(new RegExp(`提醒设置文件有误：.*${field.replace('.', '\\.')}`));
  });
});

describe('quiet hours switched off', () => {
  it('quietHours: false holds nothing', async () => {
    const { quietNotBefore } = await import('../../src/domain/quiet-hours');
    const { createWorkCalendar } = await import('../../src/domain/calendar');
    const cfg = parseScheduleConfig('quietHours: false');
    expect(cfg.quietHours).toBeNull();
    const saturdayNight = new Date('2026-11-28T23:00:00+08:00');
    expect(quietNotBefore(saturdayNight, createWorkCalendar(), cfg.quietHours)).toBeUndefined();
    expect(quietNotBefore(saturdayNight, createWorkCalendar(), DEFAULT_SCHEDULE.quietHours)).toEqual(new Date('2026-11-30T08:00:00+08:00'));
  });
});
