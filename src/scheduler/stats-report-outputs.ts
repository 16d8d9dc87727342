/**
 * What an automatic statistics report is made of: the card and the workbook of one StatsReport. The statistics
 * card (cards/stats-cards.ts) and workbook (documents/stats-workbook.ts) are being written alongside; until they
 * are wired in here, the report is a notice card with the table and a two-sheet workbook (figures; the items behind
 * them, each with the rule that counted it), both from the same report.
 */
import ExcelJS from 'exceljs';
import { noticeCard } from '../cards/message-cards';
import type { Card } from '../cards/types';
import type { WorkCalendar } from '../domain/calendar';
import { FIGURE_LABELS, formatRate } from '../domain/statistics';
import type { StatsReport } from '../services/statistics';

export interface StatsReportOutputs {
  card(report: StatsReport, calendar: WorkCalendar, now: Date): Card;
  workbook(report: StatsReport): Promise<Buffer>;
}

const HEADERS = ['单位', '在办', '应办结', '已办结', '按时办结', '逾期未办结', '延期', '协办', '办结率', '按时办结率', '平均办结用时（工作日）'];

type Line = StatsReport['total'];
const cells = (u: Line) => [u.unitName, u.inHand, u.due, u.closed, u.closedOnTime, u.overdue, u.extended, u.coop, formatRate(u.closed, u.due), formatRate(u.closedOnTime, u.due), u.avgWorkingDaysToClose ?? '—'];

export const defaultStatsOutputs: StatsReportOutputs = {
  card(report) {
    const line = (u: Line) => `${u.unitName}：应办结 ${u.due}，已办结 ${u.closed}，按时 ${u.closedOnTime}，逾期 ${u.overdue}；办结率 ${formatRate(u.closed, u.due)}，按时办结率 ${formatRate(u.closedOnTime, u.due)}`;
    const lines = [line({ ...report.total, unitName: '全校' }), ...report.units.slice(0, 40).map(line)];
    return noticeCard(`督办统计 ${report.label}`, `统计截至 ${report.to}，明细见所附 Excel。\n${lines.join('\n')}`);
  },
  async workbook(report) {
    const wb = new ExcelJS.Workbook();
    wb.creator = '督办助手';
    const figures = wb.addWorksheet('统计');
    figures.addRow([`督办统计 ${report.label}（${report.from} 至 ${report.to}）`]);
    figures.addRow(HEADERS);
    for (const u of report.units) figures.addRow(cells(u));
    figures.addRow(cells({ ...report.total, unitName: '全校合计' }));
    const rows = wb.addWorksheet('明细');
    rows.addRow(['指标', '单位', '编号', '事项', '计入依据']);
    const names = new Map(report.units.map((u) => [u.unitId, u.unitName]));
    for (const r of report.rows) {
      // The report's audience is the office and the leaders; a confidential item is still listed without its title.
      rows.addRow([FIGURE_LABELS[r.figure], names.get(r.unitId) ?? r.unitId, r.item?.number ?? '涉密事项', r.confidential ? '涉密事项' : (r.item?.title ?? ''), r.item?.rule ?? '']);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
};
