/** The archive's pure rules and settings: category and year of filing, when the job files, the command, the schedule key. */
import { describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/bot/parse-archive';
import { parseCommand } from '../../src/bot/parse-command';
import { archiveCategoryOf, archiveYearOf, categoryFolderName, dueForArchive, parseArchiveCategory } from '../../src/domain/archive';
import { DEFAULT_SCHEDULE, parseScheduleConfig } from '../../src/scheduler/schedule-config';

describe('archive rules', () => {
  it('files under the first source’s category and the Beijing year of 销号', () => {
    expect(archiveCategoryOf({ sources: [{ category: 'congress', ref: '' }, { category: 'committee', ref: '', mergedFrom: '督办〔2026〕3号' }] })).toBe('congress');
    expect(archiveCategoryOf({ sources: [] })).toBe('other');
    // 2026-12-31 17:00 UTC is 2027-01-01 01:00 in Beijing.
    expect(archiveYearOf({ closedAt: '2026-12-31T17:00:00.000Z' })).toBe(2027);
    expect(archiveYearOf({ closedAt: null })).toBeNull();
  });

  it('the job files a closed item afterDays days after 销号, nothing else', () => {
    const closedAt = '2026-11-23T01:00:00.000Z';
    expect(dueForArchive({ state: 'closed', closedAt }, new Date('2026-12-23T00:59:59Z'), 30)).toBe(false);
    expect(dueForArchive({ state: 'closed', closedAt }, new Date('2026-12-23T01:00:00Z'), 30)).toBe(true);
    expect(dueForArchive({ state: 'cancelled', closedAt }, new Date('2027-12-23T01:00:00Z'), 30)).toBe(false);
    expect(dueForArchive({ state: 'archived', closedAt }, new Date('2027-12-23T01:00:00Z'), 30)).toBe(false);
  });

  it('reads a category as typed, and names its folder safely', () => {
    expect(parseArchiveCategory('校领导批示')).toBe('leader_instruction');
    expect(parseArchiveCategory('学校年度工作要点')).toBe('annual_plan');
    expect(parseArchiveCategory('committee')).toBe('committee');
    expect(parseArchiveCategory('校长办公会')).toBe('committee');
    expect(parseArchiveCategory('会')).toBeNull(); // names several
    expect(categoryFolderName('superior')).toBe('上级决策部署、批示、交办转办');
  });

  it('/督办 归档 <年份>: the year is required, four digits; only the office', () => {
    expect(parseArchive('2026')).toEqual({ kind: 'archive', year: 2026 });
    expect(parseArchive('2026年')).toEqual({ kind: 'archive', year: 2026 });
    expect(parseArchive('')).toMatchObject({ kind: 'error', message: expect.stringContaining('缺少年份') });
    expect(parseArchive('明年')).toMatchObject({ kind: 'error', message: expect.stringContaining('不是有效的年份') });
    expect(parseCommand('/督办 归档 2026', { mayRegister: true })).toEqual({ kind: 'archive', year: 2026 });
    expect(parseCommand('/duban archive 2026', { mayRegister: true })).toEqual({ kind: 'archive', year: 2026 });
    expect(parseCommand('/督办 归档 2026', { mayRegister: false })).toMatchObject({ kind: 'error', message: '只有督办人员可以归档' });
  });

  it('the schedule file’s archive key: days (or ~ to switch off) and a cron time, checked', () => {
    expect(DEFAULT_SCHEDULE.archive).toEqual({ afterDays: 30, time: '30 7 * * *' });
    expect(parseScheduleConfig('archive: { afterDays: 90 }').archive).toEqual({ afterDays: 90, time: '30 7 * * *' });
    expect(parseScheduleConfig('archive: { afterDays: ~ }').archive.afterDays).toBeNull();
    expect(() => parseScheduleConfig('archive: { afterDays: -1 }')).toThrow(/archive\.afterDays/);
    expect(() => parseScheduleConfig("archive: { time: 'every day' }")).toThrow(/archive\.time/);
    expect(() => parseScheduleConfig('archive: { after: 3 }')).toThrow(/archive/);
  });
});
