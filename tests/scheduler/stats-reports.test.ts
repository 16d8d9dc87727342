/**
 * The automatic statistics reports at fixed clocks, on the scripted autumn semester (tests/stats/semester.ts): the
 * job as the scheduler and `tick` run it, the messages sent by the real outbox worker through the real SDK to the
 * fake Feishu (the workbook uploaded with POST /open-apis/im/v1/files once, then sent as a file message).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { createWorkCalendar } from '../../src/domain/calendar';
import { createLogger } from '../../src/logger';
import { runJob } from '../../src/scheduler/cron';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { duePeriods, periodsEndedBetween, runStatsReports } from '../../src/scheduler/stats-reports';
import { type Bot, startBot } from '../e2e/harness';
import { WHO, at } from '../support/fixtures';
import { HEAD, scriptSemester } from '../stats/semester';

const log = createLogger('silent');
let h: Bot;

/** The people the reports go to: supervisors, leaders, principals (TEST_ORG). */
const RECIPIENTS = [WHO.supervisor, WHO.leader, WHO.otherLeader, WHO.principal].sort();

async function tick(date: string, time = '09:00') {
  h.setNow(date, time);
  const job = h.bot.jobs.find((j) => j.name === 'stats-reports')!;
  const sentBefore = h.fake.sent.length;
  const uploadsBefore = h.fake.files.length;
  const result = (await runJob(job, h.bot.jobDeps, h.now, log)) as { sent?: string[]; skipped?: string };
  await h.flush();
  return { result, sent: h.fake.sent.slice(sentBefore), uploads: h.fake.files.slice(uploadsBefore) };
}

const reportRows = () => h.db.$client.prepare('SELECT period_key, sent_at FROM stats_reports ORDER BY period_key').all() as { period_key: string; sent_at: string }[];

async function sheets(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const out: unknown[][] = [];
    ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
    return out;
  };
  return { names: wb.worksheets.map((w) => w.name), figures: rows('统计'), items: rows('事项明细') };
}

beforeAll(async () => {
  h = await startBot();
  scriptSemester(h.bot.ctx);
  await h.flush();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('periods', () => {
  it('lists the two-month periods and the year that ended since a date, the year after its 11–12 月', () => {
    expect(periodsEndedBetween('2026-09-01', '2027-01-04').map((p) => p.key)).toEqual(['2026-09..2026-10', '2026-11..2026-12', '2026']);
    expect(periodsEndedBetween('2026-09-01', '2026-10-31').map((p) => p.key)).toEqual([]);
  });
});

describe('the bimonthly and year-end reports', () => {
  it('sends nothing before the period has ended, nor on its last day', async () => {
    const r = await tick('2026-10-30');
    expect(r.result.sent ?? []).toEqual([]);
    expect(r.sent).toEqual([]);
    expect(reportRows()).toEqual([]);
  });

  it('on the first working day after 9–10 月 (Monday 11-02): the card and the workbook to supervisors, leaders and principals; 7–8 月, before the first item, is skipped', async () => {
    const r = await tick('2026-11-02');
    expect(r.result.sent).toEqual(['2026-09..2026-10']);
    // One upload for everyone, through the real upload call.
    expect(r.uploads.map((f) => [f.file_name, f.file_type])).toEqual([['督查督办统计-2026年9–10月.xlsx', 'xls']]);
    const files = r.sent.filter((m) => m.msg_type === 'file');
    expect(files.map((m) => m.receive_id).sort()).toEqual(RECIPIENTS);
    expect(new Set(files.map((m) => (m.content as { file_key: string }).file_key))).toEqual(new Set([r.uploads[0]!.file_key]));
    const cards = r.sent.filter((m) => m.msg_type === 'interactive');
    expect(cards.map((m) => m.receive_id).sort()).toEqual(RECIPIENTS);
    expect(JSON.stringify(cards[0]!.content)).toContain('督查督办统计 · 2026年9–10月');
    // Not to units or observers.
    expect(r.sent.some((m) => [HEAD.jwc, HEAD.kyc, WHO.observer].includes(m.receive_id as never))).toBe(false);

    // The workbook read back: the figures of 9–10 月 as worked out by hand in tests/stats/semester.test.ts (P1).
    const wb = await sheets(r.uploads[0]!.data);
    expect(wb.names).toEqual(['统计', '事项明细']);
    expect(wb.figures.find((row) => row[0] === '单位')).toEqual(['单位', '在办', '应办结', '已办结', '按时办结', '逾期未办结', '延期', '协办', '办结率', '按时办结率', '平均办结用时（工作日）']);
    expect(wb.figures.find((row) => row[0] === '教务处')).toEqual(['教务处', 5, 5, 4, 3, 1, 0, 1, 0.8, 0.6, 25.3]);
    expect(wb.figures.find((row) => row[0] === '人事处')).toEqual(['人事处', 4, 0, 0, 0, 0, 0, 1, '—', '—', '—']);
    expect(wb.figures.find((row) => row[0] === '全校合计')).toEqual(['全校合计', 14, 6, 5, 3, 1, 1, 2, 0.8333, 0.5, 26.6]);
    // The items behind them, each with the rule that counted it. The one file goes to every leader, so the
    // confidential J5 (overdue in 教务处) is counted and listed untitled.
    expect(wb.items[0]).toEqual(['单位', '指标', '编号', '事项名称', '截止（统计截止日有效）', '计入规则']);
    const overdue = wb.items.filter((row) => row[1] === '逾期未办结');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.slice(0, 2)).toEqual(['教务处', '逾期未办结']);
    expect(overdue[0]).toContain('涉密事项 1 项');
    expect(JSON.stringify(wb.items)).not.toContain('考试安全专项整治');
    // 应办结 in 9–10 月: J1–J4 and K2 listed, J5 as the untitled line.
    expect(wb.items.filter((row) => row[1] === '应办结' && String(row[2]).startsWith('督办'))).toHaveLength(5);
    expect(reportRows()).toEqual([{ period_key: '2026-09..2026-10', sent_at: at('2026-11-02').toISOString() }]);
  });

  it('never twice: the same day again, the next day, and two processes at once send nothing more', async () => {
    for (const [d, t] of [['2026-11-02', '17:00'], ['2026-11-03', '09:00']] as const) {
      const r = await tick(d, t);
      expect(r.sent, `${d} ${t}`).toEqual([]);
      expect(r.uploads).toEqual([]);
    }
    // Two processes on the same database file, at the same moment after 11–12 月 and the year ended.
    const second = openDatabase(h.db.$client.name);
    try {
      const cal = createWorkCalendar();
      const now = at('2027-01-04');
      const [a, b] = await Promise.all([
        runStatsReports(h.db, cal, now, DEFAULT_SCHEDULE),
        runStatsReports(second, cal, now, DEFAULT_SCHEDULE),
      ]);
      expect([...a.sent, ...b.sent].sort()).toEqual(['2026', '2026-11..2026-12']);
    } finally {
      second.$client.close();
    }
    const keys = h.db.$client.prepare("SELECT dedupe_key FROM outbox WHERE purpose = 'stats_report'").pluck().all() as string[];
    expect(keys).toHaveLength(3 * RECIPIENTS.length * 2);
    expect(new Set(keys).size).toBe(keys.length);
    expect(reportRows().map((r) => r.period_key)).toEqual(['2026', '2026-09..2026-10', '2026-11..2026-12']);
  });
});

describe('catching up after downtime', () => {
  it('a server down on the first working day sends the missed reports, oldest first, at its next run — and only those', async () => {
    const fresh = await startBot();
    try {
      scriptSemester(fresh.bot.ctx);
      await fresh.flush();
      const job = fresh.bot.jobs.find((j) => j.name === 'stats-reports')!;
      // Down from 12-30 to 01-06: 11–12 月 and the year were due on Monday 01-04 (01-01 a holiday, then the weekend).
      expect(duePeriods(fresh.db, createWorkCalendar(), at('2027-01-01')).map((p) => p.key)).toEqual(['2026-09..2026-10']);
      fresh.setNow('2027-01-06');
      const before = fresh.fake.sent.length;
      const r = (await runJob(job, fresh.bot.jobDeps, fresh.now, log)) as { sent: string[] };
      await fresh.flush();
      expect(r.sent).toEqual(['2026-09..2026-10', '2026-11..2026-12', '2026']);
      expect(fresh.fake.files.map((f) => f.file_name)).toEqual(['督查督办统计-2026年9–10月.xlsx', '督查督办统计-2026年11–12月.xlsx', '督查督办统计-2026年.xlsx']);
      const yearFile = fresh.fake.files[2]!;
      const wb = await sheets(yearFile.data);
      // The year, by hand (semester.test.ts Y): 教务处 7 在办, 6 应办结, 5 已办结, 4 按时, 1 逾期.
      expect(wb.figures.find((row) => row[0] === '教务处')!.slice(0, 6)).toEqual(['教务处', 7, 6, 5, 4, 1]);
      expect(fresh.fake.sent.slice(before).filter((m) => m.msg_type === 'file')).toHaveLength(3 * RECIPIENTS.length);
      // Run on a rest day (the scheduler's guard), then again on a working day: nothing more.
      expect(await runJob(job, fresh.bot.jobDeps, at('2027-01-09'), log)).toMatchObject({ skipped: '非工作日' });
      expect(((await runJob(job, fresh.bot.jobDeps, at('2027-01-11'), log)) as { sent: string[] }).sent).toEqual([]);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('a new installation is not sent reports for periods before its first item', async () => {
    const empty = await startBot();
    try {
      const job = empty.bot.jobs.find((j) => j.name === 'stats-reports')!;
      expect(await runJob(job, empty.bot.jobDeps, at('2027-01-04'), log)).toMatchObject({ sent: [], skipped: '没有到期未发送的统计报告' });
      expect(empty.fake.files).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
