/**
 * The 问责 referral (NWU art. 7(三)) as a Word document for 纪委办、监察处、组织部: the item, the interviews held, and
 * its whole history as recorded (audit_log), oldest first. Pure: content in, .docx bytes out. Fonts and sizes as
 * in the 约谈通知单 (interview-notice-docx.ts).
 */
import type { AlignmentType, Document } from 'docx';
import { D } from './lazy-libraries';

export interface ReferralContent {
  school: string;
  office: string;
  /** China date of the referral, YYYY-MM-DD. */
  date: string;
  item: { number: string; title: string; requirements: string; lead: string; coop: string; leader: string; responsible: string; deadline: string; originalDeadline: string; state: string; sources: string };
  notices: Array<{ number: string; level: string; when: string; interviewer: string; place: string }>;
  /** One line per history row: time, who, what, note. */
  history: Array<{ at: string; actor: string; action: string; note: string }>;
}

const BODY_FONT = '仿宋_GB2312';
const TITLE_FONT = '宋体';
const HEAD_FONT = '黑体';
const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const mm = (n: number) => Math.round((n * 1440) / 25.4);

const p = (text: string, o: { size?: number; bold?: boolean; font?: string; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; before?: number } = {}) =>
  new D.Paragraph({
    children: [new D.TextRun({ text, font: font(o.font ?? BODY_FONT), size: o.size ?? 32, bold: o.bold })],
    alignment: o.align ?? D.AlignmentType.JUSTIFIED,
    spacing: { line: 560, lineRule: 'exact', before: o.before ?? 0 },
    indent: o.indent ? { firstLine: 640 } : undefined,
  });

const dateCn = (d: string) => {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
};

/** The paragraphs' text, in order (the test reads them back). */
export function referralLines(c: ReferralContent): string[] {
  const i = c.item;
  return [
    `${c.school}督办事项问责移交函`,
    '纪委办公室、监察处、组织部：',
    `督办事项${i.number}“${i.title}”经催办${c.notices.length ? `及${c.notices.map((n) => n.level).join('、')}` : ''}后仍未办结。根据督办工作办法第七条，约谈后仍不能按时、按要求完成的，依据有关规定对相关责任人员进行责任追究和相应处理。现将该事项情况及全部办理记录移交，请依规处理。`,
    '一、事项基本情况',
    `编号：${i.number}`,
    `事项：${i.title}`,
    ...(i.requirements ? [`工作要求：${i.requirements}`] : []),
    `来源：${i.sources}`,
    `主办单位：${i.lead}${i.responsible ? `（责任人：${i.responsible}）` : ''}`,
    ...(i.coop ? [`协办单位：${i.coop}`] : []),
    `分管校领导：${i.leader}`,
    `完成时限：${i.deadline}${i.originalDeadline !== i.deadline ? `（原定 ${i.originalDeadline}）` : ''}`,
    `当前状态：${i.state}`,
    '二、约谈情况',
    ...(c.notices.length ? c.notices.map((n) => `${n.level}：${n.number}，${n.when}由${n.interviewer}在${n.place}约谈。`) : ['无。']),
    '三、办理记录',
    ...c.history.map((h, k) => `${k + 1}. ${h.at}　${h.actor}　${h.action}${h.note ? `：${h.note}` : ''}`),
    c.office,
    dateCn(c.date),
  ];
}

export function referralDocument(c: ReferralContent): Document {
  const lines = referralLines(c);
  const heads = new Set(['一、事项基本情况', '二、约谈情况', '三、办理记录']);
  const children = lines.map((text, k) => {
    if (k === 0) return p(text, { size: 44, bold: true, font: TITLE_FONT, align: D.AlignmentType.CENTER });
    if (k === 1) return p(text, { before: 240 });
    if (heads.has(text)) return p(text, { font: HEAD_FONT });
    if (k >= lines.length - 2) return p(text, { align: D.AlignmentType.RIGHT, before: k === lines.length - 2 ? 480 : 0 });
    return p(text, { indent: true, size: text.match(/^\d+\. /) ? 28 : 32 });
  });
  return new D.Document({
    creator: c.office,
    title: `问责移交 ${c.item.number}`,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } },
        children,
      },
    ],
  });
}

export const referralDocx = (c: ReferralContent): Promise<Buffer> => D.Packer.toBuffer(referralDocument(c));
export const referralFileName = (itemNumber: string) => `问责移交${itemNumber}.docx`;
