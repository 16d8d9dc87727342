import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, parseScheduleConfig } from '../../src/scheduler/schedule-config';

describe('the schedule file: bulletin and times.statsReport', () => {
  it('defaults: 督查室 issues, supervisors, leaders, principals and unit heads receive; reports at 08:30', () => {
    expect(parseScheduleConfig('').bulletin).toEqual({ office: '督查室', recipients: ['supervisor', 'leader', 'principal', 'unitHead'] });
    expect(DEFAULT_SCHEDULE.times.statsReport).toBe('30 8 * * *');
  });

  it('the office and the recipients may be set, each on its own', () => {
    const c = parseScheduleConfig("bulletin:\n  office: 党委办公室（督查室）\n  recipients: [supervisor, unitHead, liaison]\ntimes:\n  statsReport: '0 10 * * *'\n");
    expect(c.bulletin).toEqual({ office: '党委办公室（督查室）', recipients: ['supervisor', 'unitHead', 'liaison'] });
    expect(c.times.statsReport).toBe('0 10 * * *');
    expect(parseScheduleConfig('bulletin:\n  office: 校长办公室\n').bulletin.recipients).toEqual(DEFAULT_SCHEDULE.bulletin.recipients);
  });

  it('a wrong value is refused naming the field', () => {
    expect(() => parseScheduleConfig('bulletin:\n  recipients: [everyone]\n')).toThrow(/bulletin\.recipients\.0/);
    expect(() => parseScheduleConfig("bulletin:\n  office: ''\n")).toThrow(/bulletin\.office/);
    expect(() => parseScheduleConfig('bulletin:\n  copy: [observer]\n')).toThrow(/bulletin/);
    expect(() => parseScheduleConfig("times:\n  statsReport: 'every day'\n")).toThrow(/times\.statsReport/);
  });
});
