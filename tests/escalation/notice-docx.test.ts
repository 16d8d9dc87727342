import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { interviewNoticeDocx, noticeFileName } from '../../src/documents/interview-notice-docx';
import { referralDocx } from '../../src/documents/referral-docx';
import { noticeText } from '../../src/domain/escalation';

/**
 * The form at the end of 西北大学督办工作办法 (seeds/002_…), line by line as printed there: the 存根, then the
 * notice. Blanks are `_+`, the two numbers `()`.
 */
const FORM_STUB = [
  '西北大学督办工作约谈通知单',
  '存根',
  '() 督字 () 号',
  '_____:',
  '因_____工作在催办后仍未按期完成，____年__月__日_____由_____在_____进行工作约谈。',
  '特此通知。',
  '____年__月__日',
];
const FORM_NOTICE = FORM_STUB.filter((l) => l !== '存根');

/** Fills the form's blanks in order, as a clerk would with a pen. */
function fill(lines: string[], values: string[]): string[] {
  const v = [...values];
  return lines.map((l) => l.replace(/\(\)|_+/g, (blank) => { const x = v.length ? v.shift()! : '?'; return blank === '()' ? `(${x})` : x; }));
}

const text = noticeText({
  school: '西北大学',
  number: '(2026) 督字 (7) 号',
  unitName: '教务处',
  reason: '本科教学审核评估整改',
  when: { date: '2026-12-09', time: '15:00' },
  interviewer: '李副校长',
  place: '行政楼301会议室',
  issuedDate: '2026-12-07',
});

async function readDocx(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).sort().map((f) => zip.file(f)!.async('string')));
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const textOf = (x: string) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return {
    xml,
    footers: footers.map(textOf),
    sections: (xml.match(/<w:sectPr[ >]/g) ?? []).length,
    paragraphs: paragraphs.map((p) => ({
      text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
      pageBreakBefore: /<w:pageBreakBefore\/>|<w:pageBreakBefore w:val="(true|1|on)"\/>/.test(p),
    })),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'duban-notice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('约谈通知单 as Word', () => {
  it('holds the stub, then the notice, each in the wording of the NWU form with its blanks filled', async () => {
    const { paragraphs, footers, sections } = await readDocx(await interviewNoticeDocx(text));
    const lines = paragraphs.map((p) => p.text).filter((t) => t !== '');
    const values = ['2026', '7', '教务处', '本科教学审核评估整改', '2026', '12', '9', '15:00', '李副校长', '行政楼301会议室', '2026', '12', '7'];
    const stub = fill(FORM_STUB, values);
    const notice = fill(FORM_NOTICE, values);
    expect(lines).toEqual([...stub, ...notice]);
    // 抄送：校领导 at the foot of the notice's page only (the stub stays with the office).
    expect(sections).toBe(2);
    expect(footers.filter(Boolean)).toEqual(['抄送：校领导。']);
    // The number as the office writes it, on both pages.
    expect(lines.filter((l) => l === '(2026) 督字 (7) 号')).toHaveLength(2);
    expect(noticeFileName(text)).toBe('约谈通知单(2026)督字(7)号.docx');
  });

  it('names its fonts for Chinese text (w:eastAsia) and is laid out on A4', async () => {
    const { xml } = await readDocx(await interviewNoticeDocx(text));
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 三号 body (16 pt = 32 half-points) and 二号 title (22 pt).
    expect(xml).toContain('<w:sz w:val="32"/>');
    expect(xml).toContain('<w:sz w:val="44"/>');
  });

  it('renders to exactly two A4 pages (stub and notice) in LibreOffice', async (ctx) => {
    const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
    if (soffice.error || soffice.status !== 0) {
      ctx.skip('LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer to render the notice to PDF');
      return;
    }
    // The longest notice the limits allow still fits its page.
    const long = noticeText({ ...{ school: '西北大学', number: '(2026) 督字 (123) 号', unitName: '马克思主义学院（思想政治理论课教学研究部）', issuedDate: '2026-12-07' }, reason: '长'.repeat(80), when: { date: '2026-12-09', time: '15:00' }, interviewer: '约'.repeat(40), place: '地'.repeat(40) });
    for (const [name, t] of [['short', text], ['long', long]] as const) {
      const file = join(dir, `${name}.docx`);
      writeFileSync(file, await interviewNoticeDocx(t));
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
      const pdf = readFileSync(join(dir, `${name}.pdf`));
      expect(pageCount(pdf), `${name} notice`).toBe(2);
      // A4: 595 × 842 points.
      const box = /\/MediaBox\s*\[\s*0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*\]/.exec(pdf.toString('latin1'));
      expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
    }
  }, 180_000);
});

/** Pages of a PDF: pdfinfo when present, else the /Type /Page objects. */
function pageCount(pdf: Buffer): number {
  const info = spawnSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info.stdout ?? '');
  if (m) return Number(m[1]);
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

describe('问责移交 as Word', () => {
  it('carries the item, the interviews and every history line', async () => {
    const bytes = await referralDocx({
      school: '西北大学',
      office: '督查室',
      date: '2027-01-06',
      item: { number: '督办〔2026〕1号', title: '修订培养方案', requirements: '按期完成', lead: '教务处', coop: '', leader: '李副校长', responsible: '', deadline: '2026-11-20', originalDeadline: '2026-11-20', state: '办理中', sources: '校长办公会' },
      notices: [{ number: '(2026) 督字 (1) 号', level: '一级约谈', when: '2026年12月9日15:00', interviewer: '李副校长', place: '行政楼301' }],
      history: [
        { at: '2026-11-16 09:00', actor: '王督查', action: '立项登记', note: '' },
        { at: '2026-12-07 09:30', actor: '王督查', action: '签发约谈通知单（一级）', note: '(2026) 督字 (1) 号' },
      ],
    });
    const lines = (await readDocx(bytes)).paragraphs.map((p) => p.text);
    expect(lines[0]).toBe('西北大学督办事项问责移交函');
    expect(lines).toContain('纪委办公室、监察处、组织部：');
    expect(lines).toContain('一级约谈：(2026) 督字 (1) 号，2026年12月9日15:00由李副校长在行政楼301约谈。');
    expect(lines).toContain('2. 2026-12-07 09:30　王督查　签发约谈通知单（一级）：(2026) 督字 (1) 号');
    expect(lines.at(-1)).toBe('2027年1月6日');
  });
});
