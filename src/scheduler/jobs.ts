import type { WorkCalendar } from '../domain/calendar';
import { type Db, refreshPlannerStats } from '../db/client';
import { runChaseSweep } from './chase-sweep';
import { runSupervisorSummary, runUnitDigests } from './digests';
import type { ScheduleConfig } from './schedule-config';
import { archiveDue } from '../services/archive';
import { noEvents } from '../services/context';
import { runStatsReports } from './stats-reports';

export interface JobDeps {
  db: Db;
  calendar: WorkCalendar;
  schedule: ScheduleConfig;
}

/**
 * A scheduled job: when (cron, Asia/Shanghai) and what it does at a given moment. node-cron only wires these.
 * Every job's messages respect the quiet hours (schedule `quietHours`, rest days): run at a disallowed moment, a job
 * plans as usual and its messages wait for the next allowed one (domain/quiet-hours.ts).
 */
export interface Job {
  name: string;
  cron: string;
  description: string;
  run(deps: JobDeps, now: Date): object;
}

/** What the archive job reports (the numbers filed are in the history, not in the log). */
const summary = (r: { archived: number; byCategory: object }) => ({ archived: r.archived, byCategory: r.byCategory });

export function jobs(schedule: ScheduleConfig): Job[] {
  return [
    {
      name: 'chase-sweep',
      cron: schedule.times.chaseSweep,
      description: '催办阶梯：认领提醒、到期提醒、逾期催办、逾期预警、约谈建议、进展报送（每人每次一条汇总消息）',
      // Once a day, after the day's biggest read: the planner's statistics for the tables that grew (db/client.ts).
      run: async (d, now) => {
        const r = await runChaseSweep(d.db, d.calendar, now, d.schedule);
        refreshPlannerStats(d.db);
        return r;
      },
    },
    {
      name: 'unit-digest',
      cron: schedule.times.unitDigest,
      description: '单位群每周汇总（每周第一个工作日）',
      run: (d, now) => runUnitDigests(d.db, d.calendar, now, d.schedule),
    },
    {
      name: 'supervisor-summary',
      cron: schedule.times.supervisorSummary,
      description: '督查室每日汇总：转黄、转红、预警、待审核、进展未报送',
      run: (d, now) => runSupervisorSummary(d.db, d.calendar, now, d.schedule),
    },
    {
      name: 'stats-reports',
      cron: schedule.times.statsReport,
      description: '双月及年度统计报告：期满后第一个工作日发送统计卡片和 Excel（停机错过的补发，每期只发一次）',
      run: (d, now) => runStatsReports(d.db, d.calendar, now, d.schedule),
    },
    {
      name: 'archive',
      cron: schedule.archive.time,
      description: `归档：销号满 ${schedule.archive.afterDays ?? '—'} 天的事项按年度、来源类别归档（只读）${schedule.archive.afterDays === null ? '（已关闭）' : ''}`,
      run: (d, now) => (d.schedule.archive.afterDays === null ? { off: true } : summary(archiveDue({ db: d.db, calendar: d.calendar, events: noEvents }, now, d.schedule.archive.afterDays))),
    },
  ];
}
