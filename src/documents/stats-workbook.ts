/**
 * The statistics as an Excel workbook: sheet 统计, one row per unit and the school's total (rates as percentages,
 * "—" with nothing due), then what each figure counts; sheet 事项明细, every item behind every figure with the rule
 * that counted it. What goes in is the report, already cut to what its viewer may see (services/statistics.ts):
 * an item the viewer may not see is a line "涉密事项 N 项" without title or number.
 */
import ExcelJS from 'exceljs';
import { FIGURES, FIGURE_DEFINITIONS, FIGURE_LABELS, type UnitFigures } from '../domain/statistics';
import type { StatsDetailRow, StatsReport } from '../services/statistics';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const FIGURES_SHEET = '统计';
export const ITEMS_SHEET = '事项明细';

const HEADER_FILL = 'FFD9E1F2';

export const FIGURE_COLUMNS = ['单位', ...FIGURES.map((f) => FIGURE_LABELS[f]), '办结率', '按时办结率', '平均办结用时（工作日）'];
export const ITEM_COLUMNS = ['单位', '指标', '编号', '事项名称', '截止（统计截止日有效）', '计入规则'];

const figuresRow = (f: UnitFigures): Array<string | number> => [
  f.unitName,
  ...FIGURES.map((k) => f[k]),
  f.completionRate ?? '—',
  f.onTimeRate ?? '—',
  f.avgWorkingDaysToClose ?? '—',
];

function header(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

/** The file name people see: 督查督办统计-2026年9–10月.xlsx */
export const statsFileName = (r: StatsReport) => `督查督办统计-${r.label.replace(/[\\/:*?"<>|（）()\s]/g, '')}.xlsx`;

export function statsWorkbookOf(report: StatsReport, generatedAt = new Date()): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办助手';
  wb.created = generatedAt;
  wb.title = `督查督办统计 ${report.label}`;

  const s = wb.addWorksheet(FIGURES_SHEET);
  s.addRow([`督查督办统计 ${report.label}`]).font = { bold: true, size: 14 };
  s.addRow([`统计期间 ${report.from} 至 ${report.to}${report.askedTo ? `（期间至 ${report.askedTo} 结束，统计至今日）` : ''}；按统计截止日的历史记录计算`]);
  s.addRow([]);
  header(s.addRow(FIGURE_COLUMNS));
  const first = s.rowCount + 1;
  for (const u of report.units) s.addRow(figuresRow(u));
  const totalRow = s.addRow(figuresRow(report.total));
  totalRow.font = { bold: true };
  for (let r = first; r <= s.rowCount; r++) {
    const row = s.getRow(r);
    for (const c of [FIGURES.length + 2, FIGURES.length + 3]) if (typeof row.getCell(c).value === 'number') row.getCell(c).numFmt = '0.0%';
    const avg = row.getCell(FIGURES.length + 4);
    if (typeof avg.value === 'number') avg.numFmt = '0.0';
    for (let c = 2; c <= FIGURE_COLUMNS.length; c++) row.getCell(c).alignment = { horizontal: 'right' };
  }
  s.addRow([]);
  s.addRow(['口径']).font = { bold: true };
  for (const f of FIGURES) s.addRow([FIGURE_LABELS[f], FIGURE_DEFINITIONS[f]]);
  s.addRow(['办结率', '已办结 ÷ 应办结；无应办结事项时为“—”']);
  s.addRow(['按时办结率', '按时办结 ÷ 应办结；无应办结事项时为“—”']);
  s.addRow(['平均办结用时', '期内销号事项从督办单发出到销号的工作日数的平均值']);
  s.addRow(['合计', '全校合计为各单位之和；事项按主办单位计数，协办单列，不计入比率']);
  s.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];
  s.getColumn(1).width = 18;
  for (let c = 2; c <= FIGURE_COLUMNS.length; c++) s.getColumn(c).width = 12;

  const d = wb.addWorksheet(ITEMS_SHEET);
  header(d.addRow(ITEM_COLUMNS));
  const unitName = new Map(report.units.map((u) => [u.unitId!, u.unitName]));
  // Hidden rows are gathered into one line per unit and figure, after the visible ones.
  const hidden = new Map<string, { unitId: string; figure: StatsDetailRow['figure']; confidential: number; other: number }>();
  for (const r of report.rows) {
    if (r.item) {
      d.addRow([unitName.get(r.unitId) ?? r.unitId, FIGURE_LABELS[r.figure], r.item.number, r.item.title, r.item.deadline, r.item.rule]);
      continue;
    }
    const key = `${r.unitId}\u0000${r.figure}`;
    const h = hidden.get(key) ?? { unitId: r.unitId, figure: r.figure, confidential: 0, other: 0 };
    if (r.confidential) h.confidential++;
    else h.other++;
    hidden.set(key, h);
  }
  for (const h of hidden.values()) {
    const text = [h.confidential ? `涉密事项 ${h.confidential} 项` : '', h.other ? `无权查看的事项 ${h.other} 项` : ''].filter(Boolean).join('，');
    d.addRow([unitName.get(h.unitId) ?? h.unitId, FIGURE_LABELS[h.figure], '—', text, '—', '不列标题']);
  }
  d.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  d.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ITEM_COLUMNS.length } };
  [16, 12, 20, 40, 14, 60].forEach((w, i) => {
    d.getColumn(i + 1).width = w;
  });
  d.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  d.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
  return wb;
}

/** The workbook's bytes (.xlsx). */
export async function statsWorkbook(report: StatsReport, generatedAt = new Date()): Promise<Buffer> {
  return Buffer.from(await statsWorkbookOf(report, generatedAt).xlsx.writeBuffer());
}
