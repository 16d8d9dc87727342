/**
 * The batch-registration template (学校年度工作要点 decomposed into rows, LZU art. 6): sheet 督办事项, one item a row,
 * headers with notes saying what each column takes, drop-down lists (units, leaders, sources, modes, kinds, cycles,
 * 是/否) read from a hidden sheet 选项. The same layout marks a rejected file: the rows as sent, each bad cell red
 * with a comment saying what is wrong. Reading a filled template back is services/import-items.ts.
 */
import type ExcelJS from 'exceljs';
import { exceljs } from './lazy-libraries';
import { CYCLE_LABELS, KIND_LABELS, MODE_LABELS, SOURCE_LABELS } from '../domain/item';
import { displayWidth } from './ledger-xlsx';

/** Data rows a template takes (the validation lists cover them, the import refuses more). */
export const IMPORT_MAX_ROWS = 1000;
export const DATA_SHEET = '督办事项';
export const LISTS_SHEET = '选项';
export const BAD_FILL = 'FFFF7875';

export type ImportField =
  | 'title'
  | 'lead'
  | 'coop'
  | 'leader'
  | 'deadline'
  | 'source'
  | 'sourceRef'
  | 'mode'
  | 'kind'
  | 'requirements'
  | 'measures'
  | 'responsible'
  | 'cycle'
  | 'important'
  | 'flagged'
  | 'confidential';

export interface TemplateColumn {
  field: ImportField;
  header: string;
  note: string;
  required?: boolean;
  /** The 选项 column its drop-down reads. */
  list?: 'units' | 'leaders' | 'sources' | 'modes' | 'kinds' | 'cycles' | 'yesno';
  width: number;
}

export const TEMPLATE_COLUMNS: TemplateColumn[] = [
  { field: 'title', header: '事项名称*', note: '必填，最多 200 字。一事一项：同一事项只写一行。', required: true, width: 40 },
  { field: 'lead', header: '主办单位*', note: '必填，从下拉列表中选择（单位全称）。', required: true, list: 'units', width: 18 },
  { field: 'coop', header: '协办单位', note: '可空；多个单位用顿号“、”或逗号分隔，写单位全称。', width: 24 },
  { field: 'leader', header: '分管校领导', note: '可空：空着则为主办单位的分管校领导。从下拉列表中选择。', list: 'leaders', width: 14 },
  { field: 'deadline', header: '完成时限*', note: '必填，日期，如 2027-06-30（不早于今天，5 年内）。', required: true, width: 14 },
  { field: 'source', header: '来源类别', note: '可空（默认“学校年度工作要点”），从下拉列表中选择。', list: 'sources', width: 26 },
  { field: 'sourceRef', header: '来源说明', note: '可空，最多 500 字：文件名、会议纪要、批示内容等。', width: 30 },
  { field: 'mode', header: '督办方式', note: '可空（默认“日常督办”），从下拉列表中选择。', list: 'modes', width: 12 },
  { field: 'kind', header: '事项类型', note: '可空（默认“台账任务”），从下拉列表中选择。', list: 'kinds', width: 14 },
  { field: 'requirements', header: '工作要求', note: '可空，最多 5000 字；尽量量化（任务数量化）。', width: 40 },
  { field: 'measures', header: '工作措施', note: '可空，最多 5000 字。', width: 30 },
  { field: 'responsible', header: '责任人', note: '可空，最多 100 字。', width: 12 },
  { field: 'cycle', header: '进展报送周期', note: '可空（默认“不定期”），从下拉列表中选择。', list: 'cycles', width: 14 },
  { field: 'important', header: '重要事项', note: '是/否，可空（否）。重要事项销号还须主要领导审核。', list: 'yesno', width: 10 },
  { field: 'flagged', header: '挂牌督办', note: '是/否，可空（否）。', list: 'yesno', width: 10 },
  { field: 'confidential', header: '涉密', note: '是/否，可空（否）。涉密事项只有督查室、分管校领导、主要领导和承办单位可见。', list: 'yesno', width: 8 },
];

export interface TemplateOptions {
  units: string[];
  leaders: string[];
}

/** The lists the drop-downs offer, in the order of the 选项 sheet's columns. */
export function templateLists(o: TemplateOptions): Record<NonNullable<TemplateColumn['list']>, string[]> {
  return {
    units: o.units,
    leaders: o.leaders,
    sources: Object.values(SOURCE_LABELS),
    modes: Object.values(MODE_LABELS),
    kinds: Object.values(KIND_LABELS),
    cycles: Object.values(CYCLE_LABELS),
    yesno: ['是', '否'],
  };
}

const LIST_HEADERS: Record<NonNullable<TemplateColumn['list']>, string> = {
  units: '单位',
  leaders: '校领导',
  sources: '来源类别',
  modes: '督办方式',
  kinds: '事项类型',
  cycles: '进展报送周期',
  yesno: '是否',
};

const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** A problem with one cell of a filled template: its row (as Excel numbers it) and column. */
export interface CellProblem {
  row: number;
  field: ImportField | null;
  message: string;
}

/**
 * The template, empty, or holding rows as sent with their problems marked (red, and a comment on each bad cell;
 * a problem with the whole row marks its title cell).
 */
export function templateWorkbook(o: TemplateOptions, filled?: { rows: Array<{ row: number; values: Partial<Record<ImportField, string>> }>; problems: CellProblem[] }): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = '督办助手';
  wb.title = '督办事项批量登记模板';
  const sheet = wb.addWorksheet(DATA_SHEET);
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  const listKeys = Object.keys(LIST_HEADERS) as Array<keyof typeof LIST_HEADERS>;
  const values = templateLists(o);
  const ranges = new Map<string, string>();
  listKeys.forEach((key, i) => {
    const col = i + 1;
    lists.getCell(1, col).value = LIST_HEADERS[key];
    values[key].forEach((v, j) => (lists.getCell(j + 2, col).value = v));
    const letter = colLetter(col);
    ranges.set(key, `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, values[key].length + 1)}`);
    lists.getColumn(col).width = Math.min(40, Math.max(8, ...values[key].map((v) => displayWidth(v) + 2)));
  });

  // exceljs applies a validation to a whole range (one entry in the file); its typings know only the per-cell form.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const head = sheet.getRow(1);
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.note = c.note;
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    sheet.getColumn(i + 1).width = Math.max(c.width, displayWidth(c.header) + 2);
    const range = `${colLetter(i + 1)}2:${colLetter(i + 1)}${IMPORT_MAX_ROWS + 1}`;
    if (c.list) {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [ranges.get(c.list)!],
        showErrorMessage: c.list !== 'leaders',
        errorTitle: '请从列表中选择',
        error: `请从下拉列表中选择${c.header.replace('*', '')}`,
      });
    } else if (c.field === 'deadline') {
      validations.add(range, { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date('2000-01-01T00:00:00Z')], showErrorMessage: true, errorTitle: '日期', error: '请填写日期，如 2027-06-30' });
    } else if (c.field === 'title') {
      validations.add(range, { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [200], showErrorMessage: true, errorTitle: '过长', error: '事项名称最多 200 字' });
    }
  });
  head.commit();
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];

  if (filled) {
    TEMPLATE_COLUMNS.forEach((c, i) => {
      if (c.field === 'deadline') sheet.getColumn(i + 1).numFmt = '@';
    });
    for (const r of filled.rows) {
      TEMPLATE_COLUMNS.forEach((c, i) => {
        const v = r.values[c.field];
        if (v !== undefined && v !== '') sheet.getCell(r.row, i + 1).value = v;
      });
    }
    const byCell = new Map<string, string[]>();
    for (const p of filled.problems) {
      const col = Math.max(1, TEMPLATE_COLUMNS.findIndex((c) => c.field === (p.field ?? 'title')) + 1);
      const key = `${p.row}:${col}`;
      byCell.set(key, [...(byCell.get(key) ?? []), p.message]);
    }
    for (const [key, messages] of byCell) {
      const [row, col] = key.split(':').map(Number) as [number, number];
      const cell = sheet.getCell(row, col);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: BAD_FILL } };
      cell.note = messages.join('\n');
    }
  }
  return wb;
}

export async function templateXlsx(o: TemplateOptions, filled?: Parameters<typeof templateWorkbook>[1]): Promise<Buffer> {
  return Buffer.from(await templateWorkbook(o, filled).xlsx.writeBuffer());
}

export const TEMPLATE_FILE_NAME = '督办事项批量登记模板.xlsx';
