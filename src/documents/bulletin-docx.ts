/**
 * The 督查通报 as a Word document (LZU art. 7(二)), laid out like a 公文: the red masthead 督查通报, the number
 * 督查通报〔2026〕第N期, the issuing office and date over a red rule, the title, then the sections — the period's
 * figures (a table per unit), items closed, overdue items by unit with their delay in working days, good practice
 * (典型经验), problems — and the 抄送 line. Pure: the content in, the .docx bytes out (docx builds the OOXML; it is
 * the maintained library for writing Word files from Node, and needs no Word or LibreOffice on the server).
 */
import type { AlignmentType, Document, Paragraph, Table } from 'docx';
import { D } from './lazy-libraries';
import { type UnitFigures, formatRate } from '../domain/statistics';

/** A unit's row of the 通报's figure table: the statistics' own figures (one shape for every output). */
export type BulletinFigureRow = Omit<UnitFigures, 'unitId' | 'avgWorkingDaysToClose'>;

export interface BulletinItemLine {
  number: string;
  title: string;
  /** e.g. 2026-10-20 销号，按时办结 / 截止 2026-10-20，逾期 7 个工作日 */
  note: string;
}

export interface BulletinUnitItems {
  unitName: string;
  items: BulletinItemLine[];
  /** Items counted but not listed (a unit's list is cut at a length a document can carry). */
  unlisted?: number;
}

export interface BulletinContent {
  number: string;
  office: string;
  /** The date printed under the masthead and at the end (YYYY-MM-DD). */
  date: string;
  /** 2026年9—10月 */
  periodLabel: string;
  figures: { rows: BulletinFigureRow[]; total: BulletinFigureRow };
  closed: BulletinUnitItems[];
  overdue: BulletinUnitItems[];
  typical: { unitName: string; number: string; title: string; text: string }[];
  problems: string[];
  /** Confidential items counted in the figures but not named (涉密事项 N 项). */
  confidentialClosed: number;
  confidentialOverdue: number;
  confidentialTypical: number;
  copyTo: string[];
}

const RED = 'C00000';
const BODY_FONT = '仿宋_GB2312';
const HEAD_FONT = '黑体';
const TITLE_FONT = '方正小标宋简体';
/** 三号 (16 pt) for the body, as in GB/T 9704; docx sizes are half-points. */
const BODY = 32;
const SMALL = 24;

const run = (text: string, o: { font?: string; size?: number; bold?: boolean; color?: string } = {}) =>
  new D.TextRun({ text, font: o.font ?? BODY_FONT, size: o.size ?? BODY, bold: o.bold, color: o.color });

const para = (text: string, o: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; font?: string; size?: number } = {}) =>
  new D.Paragraph({
    alignment: o.align ?? D.AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [run(text, { font: o.font, size: o.size })],
  });

const heading = (text: string) =>
  new D.Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(text, { font: HEAD_FONT })] });

const sub = (text: string) =>
  new D.Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(text, { font: '楷体_GB2312' })] });


const chineseDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const FIGURE_HEADERS = ['单位', '在办', '应办结', '已办结', '按时办结', '逾期未办结', '延期', '协办', '办结率', '按时办结率'];

function cell(text: string, header = false) {
  return new D.TableCell({
    children: [new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [run(text, { size: SMALL, bold: header, font: header ? HEAD_FONT : BODY_FONT })] })],
  });
}

function figureRow(r: BulletinFigureRow, name = r.unitName) {
  return new D.TableRow({
    children: [
      name,
      r.inHand,
      r.due,
      r.closed,
      r.closedOnTime,
      r.overdue,
      r.extended,
      r.coop,
      formatRate(r.closed, r.due),
      formatRate(r.closedOnTime, r.due),
    ].map((v) => cell(String(v))),
  });
}

function figuresTable(f: BulletinContent['figures']) {
  return new D.Table({
    width: { size: 100, type: D.WidthType.PERCENTAGE },
    rows: [
      new D.TableRow({ tableHeader: true, children: FIGURE_HEADERS.map((h) => cell(h, true)) }),
      ...f.rows.map((r) => figureRow(r)),
      figureRow(f.total, '全校合计'),
    ],
  });
}

function unitItems(groups: BulletinUnitItems[], hidden: number, none: string): Paragraph[] {
  const out: Paragraph[] = [];
  if (groups.every((g) => g.items.length === 0) && hidden === 0) return [para(none)];
  for (const g of groups) {
    if (!g.items.length) continue;
    out.push(sub(`${g.unitName}（${g.items.length + (g.unlisted ?? 0)} 项）`));
    g.items.forEach((i, n) => out.push(para(`${n + 1}. ${i.number} ${i.title}：${i.note}。`)));
    if (g.unlisted) out.push(para(`另有 ${g.unlisted} 项未逐项列出，详见统计 Excel 明细。`));
  }
  if (hidden) out.push(para(`另有涉密事项 ${hidden} 项，不在本通报中列明。`));
  return out;
}

/** The overall sentence of section one, from the school totals. */
function summarySentence(c: BulletinContent): string {
  const t = c.figures.total;
  if (t.due === 0) return `${c.periodLabel}，全校在办督办事项 ${t.inHand} 项，本期无应办结事项。`;
  return (
    `${c.periodLabel}，全校在办督办事项 ${t.inHand} 项，应办结 ${t.due} 项，已办结 ${t.closed} 项，其中按时办结 ${t.closedOnTime} 项，` +
    `逾期未办结 ${t.overdue} 项；办结率 ${formatRate(t.closed, t.due)}，按时办结率 ${formatRate(t.closedOnTime, t.due)}。各单位情况如下表。`
  );
}

export function bulletinDocument(c: BulletinContent): Document {
  const sections: [string, (Paragraph | Table)[]][] = [
    ['总体情况', [para(summarySentence(c)), figuresTable(c.figures)]],
    ['事项办结情况', unitItems(c.closed, c.confidentialClosed, '本期无办结事项。')],
    ['逾期未办结事项', unitItems(c.overdue, c.confidentialOverdue, '本期无逾期未办结事项。')],
    [
      '典型经验',
      c.typical.length || c.confidentialTypical
        ? [
            ...c.typical.map((t, n) => para(`${n + 1}. ${t.unitName}（${t.number} ${t.title}）：${t.text}`)),
            ...(c.confidentialTypical ? [para(`另有涉密事项的典型经验 ${c.confidentialTypical} 条，不在本通报中列明。`)] : []),
          ]
        : [para('本期暂无督查室标记的典型经验。')],
    ],
    ['存在问题', c.problems.length ? c.problems.map((p, n) => para(`${n + 1}. ${p}`)) : [para('本期未发现需要通报的问题。')]],
  ];
  const body: (Paragraph | Table)[] = [];
  sections.forEach(([title, content], n) => {
    body.push(heading(`${NUMERALS[n]}、${title}`), ...content);
  });
  return new D.Document({
    creator: c.office,
    title: `${c.number} ${c.periodLabel}督办事项办理情况`,
    description: '督查通报',
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        footers: {
          default: new D.Footer({
            children: [new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [new D.TextRun({ children: ['— ', D.PageNumber.CURRENT, ' —'], size: 28 })] })],
          }),
        },
        children: [
          new D.Paragraph({ alignment: D.AlignmentType.CENTER, spacing: { after: 200 }, children: [run('督查通报', { font: TITLE_FONT, size: 88, bold: true, color: RED })] }),
          new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [run(c.number.replace(/^督查通报/, ''))] }),
          new D.Paragraph({
            alignment: D.AlignmentType.CENTER,
            border: { bottom: { style: D.BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
            spacing: { after: 400 },
            children: [run(`${c.office}　　　　${chineseDate(c.date)}`)],
          }),
          new D.Paragraph({
            alignment: D.AlignmentType.CENTER,
            spacing: { before: 200, after: 400, line: 560 },
            children: [run(`关于${c.periodLabel}督办事项办理情况的通报`, { font: TITLE_FONT, size: 44 })],
          }),
          para('各单位：', { indent: false }),
          para(`现将${c.periodLabel}学校督办事项办理情况通报如下。`),
          ...body,
          para('请各单位对照本通报，认真整改，按时办结。', {}),
          new D.Paragraph({ alignment: D.AlignmentType.RIGHT, spacing: { before: 400 }, children: [run(c.office)] }),
          new D.Paragraph({ alignment: D.AlignmentType.RIGHT, children: [run(chineseDate(c.date))] }),
          new D.Paragraph({
            spacing: { before: 600 },
            border: { top: { style: D.BorderStyle.SINGLE, size: 6, color: '000000', space: 4 }, bottom: { style: D.BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
            children: [run(`抄送：${c.copyTo.length ? c.copyTo.join('，') : '纪委办，监察处，组织部'}。`, { size: 28 })],
          }),
        ],
      },
    ],
  });
}

/** The .docx bytes. */
export const bulletinDocx = (c: BulletinContent): Promise<Buffer> => D.Packer.toBuffer(bulletinDocument(c));
