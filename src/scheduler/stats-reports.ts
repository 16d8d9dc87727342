/**
 * The automatic statistics reports (LZU art. 7, NWU art. 6(四)): on the first working day after each two-month
 * period ends, and after the year ends, the statistics card goes to the supervisors, leaders and principals with
 * the Excel workbook attached (a file message: uploaded once, sent to each).
 *
 * Every run looks at every period that has ended since the installation started (periods ending before the first
 * item was registered are skipped: a new installation is not sent a year of empty reports) and sends each one whose
 * first working day has come and that has no `stats_reports` row — so a server that was down that day catches up
 * on its next start or tick. The row and the messages are written in one transaction, the row's key being the
 * period: a second run, or a second process, sends nothing.
 */
import { sql } from 'drizzle-orm';
import type { WorkCalendar } from '../domain/calendar';
import { addDays, chinaDate } from '../domain/dates';
import { quietNotBefore } from '../domain/quiet-hours';
import { type NamedPeriod, bimonthlyOf, wholeYear } from '../domain/stats-periods';
import type { Db } from '../db/client';
import { peopleWithRole } from '../db/org-repository';
import { XLSX_MIME } from '../documents/stats-workbook';
import { storeFile } from '../files/file-store';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import { type StatsReport, loadStats } from '../services/statistics';
import type { ScheduleConfig } from './schedule-config';
import { REPORT_READER, type StatsReportOutputs, defaultStatsOutputs } from './stats-report-outputs';

/** Reports sent by one run at most (a server down for years still catches up, a few a run). */
const MAX_PER_RUN = 8;

export interface StatsReportsResult {
  date: string;
  sent: string[];
  skipped?: string;
}

/** The two-month periods and years that ended on or after `since` and before `today`, oldest first (a year after its 11–12 月). */
export function periodsEndedBetween(since: string, today: string): NamedPeriod[] {
  const out: NamedPeriod[] = [];
  let p = bimonthlyOf(since);
  while (p.to < today) {
    out.push(p);
    if (p.to.endsWith('-12-31')) out.push(wholeYear(Number(p.to.slice(0, 4))));
    p = bimonthlyOf(addDays(p.to, 1));
  }
  return out;
}

/** The day a period's report is due: the first working day after it ends. */
export const reportDay = (calendar: WorkCalendar, p: NamedPeriod) => calendar.nextWorkday(p.to);

/** Who receives the reports: supervisors, leaders and principals, each once. */
function recipients(db: Db): string[] {
  return [...new Set(['supervisor', 'leader', 'principal'].flatMap((r) => peopleWithRole(db, r as 'supervisor').map((p) => p.id)))];
}

/** The periods due and not yet sent, at `now`. */
export function duePeriods(db: Db, calendar: WorkCalendar, now: Date): NamedPeriod[] {
  const first = db.$client.prepare('SELECT min(created_at) FROM items').pluck().get() as string | null;
  if (!first) return [];
  const today = chinaDate(now);
  const sent = new Set(db.$client.prepare('SELECT period_key FROM stats_reports').pluck().all() as string[]);
  return periodsEndedBetween(chinaDate(new Date(first)), today).filter((p) => !sent.has(p.key) && reportDay(calendar, p) <= today);
}

export async function runStatsReports(
  db: Db,
  calendar: WorkCalendar,
  now: Date,
  cfg: ScheduleConfig,
  outputs: StatsReportOutputs = defaultStatsOutputs,
): Promise<StatsReportsResult> {
  const date = chinaDate(now);
  const due = duePeriods(db, calendar, now).slice(0, MAX_PER_RUN);
  if (!due.length) return { date, sent: [], skipped: '没有到期未发送的统计报告' };
  const people = recipients(db);
  const notBefore = quietNotBefore(now, calendar, cfg.quietHours);
  const sent: string[] = [];
  for (const p of due) {
    // The figures as the history stood at the end of the period: the same whenever the report is sent.
    const report: StatsReport = loadStats(db, { from: p.from, to: p.to }, REPORT_READER, { calendar, now });
    const bytes = await outputs.workbook(report, now);
    const card = outputs.card(report);
    const done = db.transaction(
      (tx) => {
        const claimed = tx.run(sql`INSERT INTO stats_reports (period_key, period_from, period_to, sent_at)
          VALUES (${p.key}, ${p.from}, ${p.to}, ${now.toISOString()}) ON CONFLICT (period_key) DO NOTHING`);
        if (claimed.changes === 0) return false;
        const { file } = storeFile(tx, { bytes, name: outputs.fileName(report), kind: 'stats', createdBy: 'system', mime: XLSX_MIME }, now);
        for (const id of people) {
          enqueue(tx, { to: personAddress(id), msgType: 'interactive', content: card, purpose: 'stats_report', dedupeKey: `stats:${p.key}:card:${id}`, notBefore }, now);
          enqueue(tx, { to: personAddress(id), msgType: 'file', content: { fileId: file.id }, purpose: 'stats_report', dedupeKey: `stats:${p.key}:file:${id}`, notBefore }, now);
        }
        return true;
      },
      { behavior: 'immediate' },
    );
    if (done) sent.push(p.key);
  }
  return { date, sent };
}
