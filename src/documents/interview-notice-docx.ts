/**
 * The 督办工作约谈通知单 as a Word document, in the wording of the form at the end of the NWU regulation
 * (seeds/002_…): first the 存根 the office keeps, then the notice sent to the unit, one A4 page each. Pure: the
 * filled blanks in, the .docx bytes out (docx writes the OOXML; no Word or LibreOffice on the server).
 *
 * Layout after the 公文 conventions (GB/T 9704): A4, margins 37/35/28/26 mm; the title in 宋体 二号 bold; the body
 * in 仿宋_GB2312 三号 (16 pt) with a 28 pt line, first-line indent of two characters. The fonts are named for East
 * Asian text as well (w:eastAsia), which is what Word and WPS read for Chinese; a machine without them substitutes.
 */
import type { AlignmentType, Document, Paragraph } from 'docx';
import { D } from './lazy-libraries';
import { type NoticeText, noticeSentence } from '../domain/escalation';

const BODY_FONT = '仿宋_GB2312';
const TITLE_FONT = '宋体';
const HEAD_FONT = '黑体';
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const ERHAO = 44;
const SANHAO = 32;
const SIHAO = 28;
/** A fixed 28 pt line (twips), the usual 公文 spacing for 三号 text. */
const LINE = 560;
const mm = (n: number) => Math.round((n * 1440) / 25.4);

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const run = (text: string, o: { font?: string; size?: number; bold?: boolean } = {}) =>
  new D.TextRun({ text, font: font(o.font ?? BODY_FONT), size: o.size ?? SANHAO, bold: o.bold });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const para = (text: string, o: { align?: Align; indent?: boolean; font?: string; size?: number; bold?: boolean; before?: number; after?: number; pageBreakBefore?: boolean } = {}) =>
  new D.Paragraph({
    children: [run(text, o)],
    alignment: o.align ?? D.AlignmentType.JUSTIFIED,
    spacing: { line: LINE, lineRule: 'exact', before: o.before ?? 0, after: o.after ?? 0 },
    indent: o.indent ? { firstLine: 640 } : undefined,
    pageBreakBefore: o.pageBreakBefore,
  });

/** The form's title: "西北大学督办工作约谈通知单", with this school's name. */
export const noticeTitle = (school: string) => `${school}督办工作约谈通知单`;

/** The lines of one page of the form (the stub has 存根 under the title), as the test reads them back. */
export function noticeLines(t: NoticeText, stub: boolean): string[] {
  return [
    noticeTitle(t.school),
    ...(stub ? ['存根'] : []),
    t.number,
    `${t.addressee}:`,
    noticeSentence(t),
    '特此通知。',
    `${t.issued.year}年${t.issued.month}月${t.issued.day}日`,
    ...(stub ? [] : ['抄送：校领导。']),
  ];
}

function page(t: NoticeText, stub: boolean): Paragraph[] {
  const [title, ...rest] = noticeLines(t, stub);
  const out: Paragraph[] = [
    new D.Paragraph({
      children: [run(title!, { font: TITLE_FONT, size: ERHAO, bold: true })],
      alignment: D.AlignmentType.CENTER,
      spacing: { before: 0, after: 240, line: 720, lineRule: 'exact' },
    }),
  ];
  let i = 0;
  if (stub) out.push(para(rest[i++]!, { align: D.AlignmentType.CENTER, font: HEAD_FONT, after: 120 }));
  out.push(para(rest[i++]!, { align: D.AlignmentType.CENTER, after: 480 })); // (2026) 督字 (N) 号
  out.push(para(rest[i++]!, { align: D.AlignmentType.LEFT })); // 教务处:
  out.push(para(rest[i++]!, { indent: true })); // 因…进行工作约谈。
  out.push(para(rest[i++]!, { indent: true })); // 特此通知。
  out.push(para(rest[i++]!, { align: D.AlignmentType.RIGHT, before: 1120 })); // the date, under the signature space
  return out;
}

/** The 抄送 line at the foot of the notice's page, between two thin rules (the 版记), whatever the text's length. */
const copyLine = (t: NoticeText) =>
  new D.Paragraph({
    children: [run(noticeLines(t, false).at(-1)!, { size: SIHAO })],
    spacing: { line: 480, lineRule: 'exact' },
    border: {
      top: { style: D.BorderStyle.SINGLE, size: 6, color: '000000', space: 4 },
      bottom: { style: D.BorderStyle.SINGLE, size: 6, color: '000000', space: 4 },
    },
  });

const PAGE = {
  page: {
    size: { width: 11906, height: 16838 }, // A4 in twips
    margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20) },
  },
};

/** The whole document: the stub page, then the notice page. */
export function interviewNoticeDocument(t: NoticeText): Document {
  return new D.Document({
    creator: t.school || '督办助手',
    title: `${noticeTitle(t.school)} ${t.number}`,
    styles: { default: { document: { run: { font: font(BODY_FONT), size: SANHAO } } } },
    // Two sections, one page each: the stub (no footer), then the notice with the 抄送 line as its footer.
    sections: [
      { properties: PAGE, footers: { default: new D.Footer({ children: [new D.Paragraph({ children: [] })] }) }, children: page(t, true) },
      { properties: { ...PAGE, type: D.SectionType.NEXT_PAGE }, footers: { default: new D.Footer({ children: [copyLine(t)] }) }, children: page(t, false) },
    ],
  });
}

export const interviewNoticeDocx = (t: NoticeText): Promise<Buffer> => D.Packer.toBuffer(interviewNoticeDocument(t));

/** The file name the unit sees: 约谈通知单（2026）督字（3）号.docx */
export const noticeFileName = (t: Pick<NoticeText, 'number'>) => `约谈通知单${t.number.replace(/\s+/g, '')}.docx`;
