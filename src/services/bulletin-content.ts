/**
 * What a 督查通报 says, drawn from the one statistics report of its period (services/statistics.ts) as it stood when
 * the draft was asked for, and from the progress reports the office marked 典型经验. A bulletin goes to every unit
 * and to the observers, so it names no confidential item: those are counted (涉密事项 N 项), never named.
 */
import type { WorkCalendar } from '../domain/calendar';
import { chinaDate } from '../domain/dates';
import { formatRate, startOfChinaDay } from '../domain/statistics';
import type { Db } from '../db/client';
import { type BulletinRow, typicalReports } from '../db/bulletin-repository';
import { peopleWithRole, unitNamer } from '../db/org-repository';
import type { BulletinContent, BulletinItemLine, BulletinUnitItems } from '../documents/bulletin-docx';
import { type StatsReport, loadStats } from './statistics';

/** 抄送 names the bodies: 刘晓（纪委办公室） is copied as 纪委办公室. */
export function copyToNames(db: Db): string[] {
  const names = peopleWithRole(db, 'observer').map((p) => /（([^）]+)）\s*$/.exec(p.name)?.[1] ?? p.name).filter(Boolean);
  return [...new Set(names)];
}

/** Items listed per unit and section; the rest of a long list is counted. */
export const MAX_LISTED_PER_UNIT = 100;

/** Items of one figure grouped by unit in the report's unit order; confidential ones only counted. */
function byUnit(report: StatsReport, figure: 'closed' | 'overdue', line: (row: StatsReport['rows'][number]) => BulletinItemLine) {
  let hidden = 0;
  const groups: BulletinUnitItems[] = report.units.map((u) => ({ unitName: u.unitName, items: [] }));
  const index = new Map(report.units.map((u, n) => [u.unitId, n]));
  for (const r of report.rows) {
    if (r.figure !== figure) continue;
    if (r.confidential || !r.item) {
      hidden++;
      continue;
    }
    const g = groups[index.get(r.unitId) ?? 0];
    if (!g) continue;
    // A document people read: a unit's longest lists are cut, the rest counted (the workbook lists every item).
    if (g.items.length < MAX_LISTED_PER_UNIT) g.items.push(line(r));
    else g.unlisted = (g.unlisted ?? 0) + 1;
  }
  return { groups: groups.filter((g) => g.items.length), hidden };
}

export function bulletinContent(db: Db, calendar: WorkCalendar, b: BulletinRow, office: string): BulletinContent {
  const drafted = new Date(b.draftedAt);
  // As the period stood when the draft was asked for: writing it again after a crash gives the same text.
  const report = loadStats(db, { from: b.periodFrom, to: b.periodTo }, null, { calendar, now: drafted });
  const T = report.to;
  const onTime = new Set(report.rows.filter((r) => r.figure === 'closedOnTime').map((r) => `${r.unitId}:${r.item?.id}`));
  const closed = byUnit(report, 'closed', (r) => ({
    number: r.item!.number,
    title: r.item!.title,
    note: `${r.item!.rule.replace(/^已办结：/, '')}${onTime.has(`${r.unitId}:${r.item!.id}`) ? '，按时办结' : ''}`,
  }));
  // Every overdue item counts in its unit's longest delay, confidential ones too (a number names nothing).
  const delays = new Map<string, number>();
  for (const r of report.rows) {
    if (r.figure === 'overdue' && r.item) delays.set(r.unitId, Math.max(delays.get(r.unitId) ?? 0, calendar.workdaysBetween(r.item.deadline, T)));
  }
  const overdue = byUnit(report, 'overdue', (r) => ({
    number: r.item!.number,
    title: r.item!.title,
    note: delayNote(r.item!.deadline, T, calendar.workdaysBetween(r.item!.deadline, T)),
  }));
  const unitName = unitNamer(db);
  const typicalAll = typicalReports(db, startOfChinaDay(report.from), new Date(Date.parse(startOfChinaDay(report.to)) + 86_400_000).toISOString());
  const typical = typicalAll
    .filter((t) => !t.confidential)
    .map((t) => ({ unitName: unitName(t.unitId ?? t.leadUnitId), number: t.number, title: t.title, text: t.text.slice(0, 2000) }));
  return {
    number: b.number,
    office,
    date: chinaDate(drafted),
    periodLabel: report.label,
    figures: { rows: report.units, total: { ...report.total, unitName: '全校合计' } },
    closed: closed.groups,
    overdue: overdue.groups,
    typical,
    problems: problemsOf(report, delays),
    confidentialClosed: closed.hidden,
    confidentialOverdue: overdue.hidden,
    confidentialTypical: typicalAll.length - typical.length,
    copyTo: copyToNames(db),
  };
}

/** The problems the figures show, worst first; the office adds its own by editing the draft (修改后上传). */
export function problemsOf(report: StatsReport, longestDelay: Map<string, number>): string[] {
  const out: string[] = [];
  const late = report.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName));
  for (const u of late) {
    const d = longestDelay.get(u.unitId!) ?? 0;
    out.push(`${u.unitName}有 ${u.overdue} 项事项逾期未办结${d > 0 ? `，最长逾期 ${d} 个工作日` : ''}。`);
  }
  const school = report.total.onTimeRate;
  if (school !== null) {
    for (const u of report.units) {
      if (u.onTimeRate !== null && u.onTimeRate < school && u.closed > u.closedOnTime) {
        out.push(
          `${u.unitName}按时办结率 ${formatRate(u.closedOnTime, u.due)}，低于全校 ${formatRate(report.total.closedOnTime, report.total.due)}，有 ${u.closed - u.closedOnTime} 项事项未按期办结。`,
        );
      }
    }
  }
  return out;
}

/** 截止 2026-11-30，截至 2026-12-31 逾期 23 个工作日未办结; due on T itself: 到期未办结. */
const delayNote = (deadline: string, T: string, days: number) =>
  days > 0 ? `截止 ${deadline}，截至 ${T} 逾期 ${days} 个工作日未办结` : `截止 ${deadline}，截至 ${T} 到期未办结`;
