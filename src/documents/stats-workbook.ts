/**
 * The statistics as an Excel workbook: sheet 统计, one row per unit and the school's total (rates as percentages,
 * "—" with nothing due), then what each figure counts; sheet 事项明细, every item behind every figure with the rule
 * that counted it. What goes in is the report, already cut to what its viewer may see (services/statistics.ts):
 * an item the viewer may not see is a line "涉密事项 N 项" without title or number.
 */
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
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

/**
 * Writes the workbook to `out` as it goes (exceljs's streaming writer): each row is committed, turned into XML and
 * compressed when it is added, so a report over 20,000 items never holds its tens of thousands of detail rows as
 * cell objects (the whole-workbook form did, and ran the 128 MB server out of heap at start). exceljs is loaded
 * here, when a file is written, not at start (it is about 28 MB resident).
 */
export async function writeStatsWorkbook(report: StatsReport, out: NodeJS.WritableStream, generatedAt = new Date()): Promise<void> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out as never, useStyles: true, useSharedStrings: false });
  wb.creator = '督办助手';
  wb.created = generatedAt;
  wb.title = `督查督办统计 ${report.label}`;

  // Views and column widths are written before the first row: they are given up front.
  const s = wb.addWorksheet(FIGURES_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }] });
  s.columns = [{ width: 18 }, ...FIGURE_COLUMNS.slice(1).map(() => ({ width: 12 }))];
  const add = (sheet: ExcelJS.Worksheet, values: Array<string | number>, style?: (row: ExcelJS.Row) => void) => {
    const row = sheet.addRow(values);
    style?.(row);
    row.commit();
  };
  add(s, [`督查督办统计 ${report.label}`], (r) => (r.font = { bold: true, size: 14 }));
  add(s, [`统计期间 ${report.from} 至 ${report.to}${report.askedTo ? `（期间至 ${report.askedTo} 结束，统计至今日）` : ''}；按统计截止日的历史记录计算`]);
  add(s, []);
  add(s, FIGURE_COLUMNS, header);
  const figures = (row: ExcelJS.Row) => {
    for (const c of [FIGURES.length + 2, FIGURES.length + 3]) if (typeof row.getCell(c).value === 'number') row.getCell(c).numFmt = '0.0%';
    const avg = row.getCell(FIGURES.length + 4);
    if (typeof avg.value === 'number') avg.numFmt = '0.0';
    for (let c = 2; c <= FIGURE_COLUMNS.length; c++) row.getCell(c).alignment = { horizontal: 'right' };
  };
  for (const u of report.units) add(s, figuresRow(u), figures);
  add(s, figuresRow(report.total), (r) => {
    r.font = { bold: true };
    figures(r);
  });
  add(s, []);
  add(s, ['口径'], (r) => (r.font = { bold: true }));
  for (const f of FIGURES) add(s, [FIGURE_LABELS[f], FIGURE_DEFINITIONS[f]]);
  add(s, ['办结率', '已办结 ÷ 应办结；无应办结事项时为“—”']);
  add(s, ['按时办结率', '按时办结 ÷ 应办结；无应办结事项时为“—”']);
  add(s, ['平均办结用时', '期内销号事项从督办单发出到销号的工作日数的平均值']);
  add(s, ['合计', '全校合计为各单位之和；事项按主办单位计数，协办单列，不计入比率']);
  s.commit();

  const d = wb.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const wrap = { wrapText: true, vertical: 'top' } as const;
  d.columns = [16, 12, 20, 40, 14, 60].map((width, i) => (i === 3 || i === 5 ? { width, style: { alignment: wrap } } : { width }));
  d.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ITEM_COLUMNS.length } };
  add(d, ITEM_COLUMNS, header);
  const unitName = new Map(report.units.map((u) => [u.unitId!, u.unitName]));
  // Hidden rows are gathered into one line per unit and figure, after the visible ones.
  const hidden = new Map<string, { unitId: string; figure: StatsDetailRow['figure']; confidential: number; other: number }>();
  const body = (r: ExcelJS.Row) => {
    r.getCell(4).alignment = wrap;
    r.getCell(6).alignment = wrap;
  };
  for (const r of report.rows) {
    if (r.item) {
      add(d, [unitName.get(r.unitId) ?? r.unitId, FIGURE_LABELS[r.figure], r.item.number, r.item.title, r.item.deadline, r.item.rule], body);
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
    add(d, [unitName.get(h.unitId) ?? h.unitId, FIGURE_LABELS[h.figure], '—', text, '—', '不列标题'], body);
  }
  d.commit();
  await wb.commit();
}

/**
 * The workbook's bytes (.xlsx), streamed into buffers outside the JavaScript heap: only the compressed file is held
 * (a few MB for 100,000 detail rows), never the rows.
 */
export async function statsWorkbook(report: StatsReport, generatedAt = new Date()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeStatsWorkbook(report, out, generatedAt);
  return Buffer.concat(chunks);
}
