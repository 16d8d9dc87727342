/**
 * The 台账 (ledger) as an Excel workbook: sheet 台账, one row per item with every field, the light as the cell's
 * colour, working days left or overdue, the progress count and the latest progress line; sheet 办理记录, the history.
 * Both sheets have a frozen header, an auto-filter and column widths that fit Chinese text. What goes in is the
 * caller's to decide (services/export-ledger.ts cuts it to what the person may see); this only lays it out.
 */
import type ExcelJS from 'exceljs';
import { exceljs } from './lazy-libraries';
import { COMMAND_LABELS } from '../domain/commands';
import type { DeadlineStatus, Light } from '../domain/deadline';
import { CYCLE_LABELS, type Item, type ItemState, KIND_LABELS, MODE_LABELS, SOURCE_LABELS, STATE_LABELS } from '../domain/item';
import type { HistoryRow, ProgressSummary } from '../db/ledger-repository';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The light's colour (ARGB), as the cards draw it. */
export const LIGHT_FILLS: Record<Exclude<Light, 'none'>, string> = { red: 'FFFF4D4F', yellow: 'FFFFD666', green: 'FF95DE64' };
const LIGHT_TEXT: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', none: '' };
const HEADER_FILL = 'FFD9E1F2';
const FILLS: Record<Exclude<Light, 'none'>, ExcelJS.Fill> = {
  red: { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.red } },
  yellow: { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.yellow } },
  green: { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.green } },
};

export interface LedgerEntry {
  item: Item;
  status: DeadlineStatus;
  progress: ProgressSummary | null;
}

export interface LedgerNames {
  unitName(id: string): string;
  personName(id: string): string;
}

export interface LedgerDocument {
  entries: LedgerEntry[];
  history: HistoryRow[];
  /** The history was cut (too many rows): the sheet's last line says so. */
  historyTruncated?: boolean;
  names: LedgerNames;
  /** What was asked, in words (年份 2026；单位 教务处), shown nowhere but the workbook's properties. */
  filterText: string;
  generatedAt: Date;
}

/** A Beijing-time timestamp, YYYY-MM-DD HH:mm, for an ISO moment. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const yesNo = (b: boolean) => (b ? '是' : '');
const stateName = (s: string | null) => (s && s in STATE_LABELS ? STATE_LABELS[s as ItemState] : (s ?? ''));
const ACTION_LABELS: Record<string, string> = { ...COMMAND_LABELS, merge_in: '并入事项' };
const CHANNEL_LABELS: Record<string, string> = { command: '指令', card: '卡片', chat: '聊天', scheduler: '定时任务', cli: '命令行', api: '接口' };

interface Column {
  header: string;
  value: (e: LedgerEntry, n: LedgerNames) => string | number | null;
  /** Long text: wrapped, and the column no wider than this. */
  wrapAt?: number;
}

export const LEDGER_COLUMNS: Column[] = [
  { header: '编号', value: (e) => e.item.number },
  { header: '事项名称', value: (e) => e.item.title, wrapAt: 40 },
  { header: '状态', value: (e) => STATE_LABELS[e.item.state] },
  { header: '红黄绿灯', value: (e) => LIGHT_TEXT[e.status.light] },
  // A number, so the column sorts and filters: working days left (0 on the day), negative when overdue.
  { header: '剩余工作日（负数为逾期）', value: (e) => (e.status.light === 'none' ? null : e.status.workdays) },
  { header: '时限情况', value: (e) => e.status.text },
  { header: '完成时限', value: (e) => e.item.deadline },
  { header: '原定时限', value: (e) => e.item.originalDeadline },
  { header: '主办单位', value: (e, n) => n.unitName(e.item.leadUnitId) },
  { header: '协办单位', value: (e, n) => e.item.coopUnitIds.map((u) => n.unitName(u)).join('、'), wrapAt: 30 },
  { header: '分管校领导', value: (e, n) => n.personName(e.item.leaderId) },
  { header: '责任人', value: (e) => e.item.responsiblePerson },
  { header: '来源', value: (e) => [...new Set(e.item.sources.map((s) => SOURCE_LABELS[s.category] ?? s.category))].join('、'), wrapAt: 30 },
  { header: '来源说明', value: (e) => e.item.sources.map((s) => s.ref).filter(Boolean).join('；'), wrapAt: 40 },
  { header: '督办方式', value: (e) => MODE_LABELS[e.item.mode] },
  { header: '事项类型', value: (e) => KIND_LABELS[e.item.kind] },
  { header: '挂牌督办', value: (e) => yesNo(e.item.flagged) },
  { header: '重要事项', value: (e) => yesNo(e.item.important) },
  { header: '涉密', value: (e) => yesNo(e.item.confidential) },
  { header: '工作要求', value: (e) => e.item.requirements, wrapAt: 50 },
  { header: '工作措施', value: (e) => e.item.measures, wrapAt: 50 },
  { header: '阶段', value: (e) => e.item.stages.map((s) => `${s.name} ${s.deadline}`).join('；'), wrapAt: 40 },
  { header: '进展报送周期', value: (e) => CYCLE_LABELS[e.item.progressCycle] },
  { header: '审核环节', value: (e) => (e.item.state !== 'under_review' ? '' : e.item.reviewStage === 'principal' ? '主要领导审核' : '分管校领导审核') },
  { header: '待批延期', value: (e) => (e.item.pendingExtension ? `申请延至 ${e.item.pendingExtension.proposedDeadline}` : '') },
  { header: '认领人', value: (e, n) => (e.item.claimedBy ? n.personName(e.item.claimedBy) : '') },
  { header: '督办单发送时间', value: (e) => beijingTime(e.item.assignedAt) },
  { header: '认领时间', value: (e) => beijingTime(e.item.claimedAt) },
  { header: '提交办结时间', value: (e) => beijingTime(e.item.submittedAt) },
  { header: '销号时间', value: (e) => beijingTime(e.item.closedAt) },
  { header: '进展次数', value: (e) => e.progress?.count ?? 0 },
  { header: '最新进展', value: (e) => e.progress?.lastText ?? '', wrapAt: 50 },
  { header: '最新进展时间', value: (e) => beijingTime(e.progress?.lastAt) },
  { header: '登记人', value: (e, n) => n.personName(e.item.createdBy) },
  { header: '登记时间', value: (e) => beijingTime(e.item.createdAt) },
  { header: '最后更新', value: (e) => beijingTime(e.item.updatedAt) },
];

const HISTORY_HEADERS = ['编号', '事项名称', '时间', '操作人', '渠道', '操作', '原状态', '新状态', '变更内容', '说明'];

/** How wide text shows: a CJK (full-width) character takes two columns, anything else one. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

/**
 * The widest line of each column, measured as rows are added (walking the cells afterwards cost as much as
 * writing them), to give widths that fit (plus a margin), between 6 and the column's maximum.
 */
class Widths {
  private readonly widest: number[] = [];
  constructor(private readonly maxOf: (col: number) => number) {}
  measure(values: ReadonlyArray<string | number | null>): void {
    values.forEach((v, i) => {
      if (v === null || v === '') return;
      const text = String(v);
      // Past the maximum nothing changes: long text is not measured line by line.
      if ((this.widest[i] ?? 0) >= this.maxOf(i)) return;
      for (const line of text.split('\n')) this.widest[i] = Math.max(this.widest[i] ?? 0, displayWidth(line.slice(0, 200)));
    });
  }
  apply(sheet: ExcelJS.Worksheet, columns: number): void {
    for (let i = 0; i < columns; i++) sheet.getColumn(i + 1).width = Math.min(Math.max((this.widest[i] ?? 0) + 2, 6), this.maxOf(i));
  }
}

function header(sheet: ExcelJS.Worksheet, names: string[]) {
  const row = sheet.addRow(names);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: names.length } };
}

/** Text as a cell keeps it: a string never turns into a formula, and control characters are dropped. */
// eslint-disable-next-line no-control-regex
const cellText = (v: string | number | null) => (typeof v === 'string' ? v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '') : v);

export function ledgerWorkbook(doc: LedgerDocument): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = '督办助手';
  wb.created = doc.generatedAt;
  wb.title = '督办事项台账';
  wb.subject = doc.filterText;

  const sheet = wb.addWorksheet('台账');
  header(sheet, LEDGER_COLUMNS.map((c) => c.header));
  const widths = new Widths((i) => LEDGER_COLUMNS[i]?.wrapAt ?? 30);
  widths.measure(LEDGER_COLUMNS.map((c) => c.header));
  const lightCol = LEDGER_COLUMNS.findIndex((c) => c.header === '红黄绿灯') + 1;
  // Set on the columns before the rows, so every cell added below takes it without a style of its own.
  LEDGER_COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).alignment = c.wrapAt ? { vertical: 'top', wrapText: true } : { vertical: 'top' }));
  for (const e of doc.entries) {
    const values = LEDGER_COLUMNS.map((c) => cellText(c.value(e, doc.names)));
    widths.measure(values);
    const row = sheet.addRow(values);
    if (e.status.light !== 'none') row.getCell(lightCol).fill = FILLS[e.status.light];
  }
  widths.apply(sheet, LEDGER_COLUMNS.length);

  const byId = new Map(doc.entries.map((e) => [e.item.id, e.item]));
  const hist = wb.addWorksheet('办理记录');
  header(hist, HISTORY_HEADERS);
  for (const c of [2, 9, 10]) hist.getColumn(c).alignment = { wrapText: true, vertical: 'top' };
  const histWidths = new Widths((i) => (i === 1 || i >= 8 ? 50 : 24));
  histWidths.measure(HISTORY_HEADERS);
  for (const h of doc.history) {
    const item = h.itemId != null ? byId.get(h.itemId) : undefined;
    if (!item) continue;
    const changes = h.changes && Object.keys(h.changes).length ? JSON.stringify(h.changes) : '';
    const values = [
        item.number,
        item.title,
        beijingTime(h.at),
        doc.names.personName(h.actorId),
        CHANNEL_LABELS[h.channel] ?? h.channel,
        ACTION_LABELS[h.action] ?? h.action,
        stateName(h.fromState),
        stateName(h.toState),
        changes.length > 2000 ? `${changes.slice(0, 2000)}…` : changes,
        h.note ?? '',
      ].map(cellText);
    histWidths.measure(values);
    hist.addRow(values);
  }
  if (doc.historyTruncated) hist.addRow(['办理记录过多，以上只列出前一部分；请按年份或单位分次导出以得到完整记录']);
  histWidths.apply(hist, HISTORY_HEADERS.length);
  return wb;
}

export async function ledgerXlsx(doc: LedgerDocument): Promise<Buffer> {
  return Buffer.from(await ledgerWorkbook(doc).xlsx.writeBuffer());
}
