/** The 通报 document itself, from content in: the 公文 layout and a long list cut and counted. */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { type BulletinContent, bulletinDocx } from '../../src/documents/bulletin-docx';
import { docxParagraphs } from './docx-text';

const zero = { inHand: 0, due: 0, closed: 0, closedOnTime: 0, overdue: 0, extended: 0, coop: 0, completionRate: null, onTimeRate: null };
const content = (over: Partial<BulletinContent> = {}): BulletinContent => ({
  number: '督查通报〔2026〕第4期',
  office: '党委办公室（督查室）',
  date: '2026-11-03',
  periodLabel: '2026年9–10月',
  figures: { rows: [{ ...zero, unitName: '教务处', inHand: 150, due: 120, closed: 120, closedOnTime: 119, completionRate: 1, onTimeRate: 0.9917 }], total: { ...zero, unitName: '全校合计', inHand: 150, due: 120, closed: 120, closedOnTime: 119 } },
  closed: [{ unitName: '教务处', items: Array.from({ length: 100 }, (_, n) => ({ number: `督办〔2026〕${n + 1}号`, title: `事项${n + 1}`, note: '2026-10-01 销号' })), unlisted: 20 }],
  overdue: [],
  typical: [],
  problems: ['教务处有 1 项事项未按期办结。'],
  confidentialClosed: 0,
  confidentialOverdue: 0,
  confidentialTypical: 0,
  copyTo: ['纪委办公室', '监察处', '组织部'],
  ...over,
});

describe('the 督查通报 .docx', () => {
  it('reads as a 公文: red masthead, number, office and date over a red rule, signature, 抄送, page numbers', async () => {
    const bytes = await bulletinDocx(content());
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    // The masthead run is red and large (44 pt), the rule under the office line red.
    expect(xml).toMatch(/<w:color w:val="C00000"\/>[\s\S]*?<w:sz w:val="88"\/>[\s\S]*?督查通报/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="C00000"/);
    const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    expect(await zip.file(footers[0]!)!.async('string')).toContain('PAGE');
    const p = await docxParagraphs(bytes);
    expect(p.slice(0, 3)).toEqual(['督查通报', '〔2026〕第4期', '党委办公室（督查室）　　　　2026年11月3日']);
    expect(p.slice(-3)).toEqual(['党委办公室（督查室）', '2026年11月3日', '抄送：纪委办公室，监察处，组织部。']);
  });

  it('a unit with more items than a document lists shows the first ones and counts the rest', async () => {
    const p = await docxParagraphs(await bulletinDocx(content()));
    expect(p).toContain('教务处（120 项）');
    expect(p.filter((x) => /^\d+\. 督办〔2026〕\d+号 事项\d+：2026-10-01 销号。$/.test(x))).toHaveLength(100);
    expect(p).toContain('另有 20 项未逐项列出，详见统计 Excel 明细。');
  });
});
