/** What may be kept as 佐证材料, told by content: the name never makes a program a document. */
import { describe, expect, it } from 'vitest';
import { checkEvidenceType } from '../../src/files/evidence-type';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '00'.repeat(40), 'hex');
const EXE = Buffer.from('MZ\u0090\u0000'.padEnd(400, '\u0000'), 'latin1');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
const OLE = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]);

describe('checkEvidenceType', () => {
  it.each([
    ['a PDF', PDF, '报告.pdf', { ok: true, mime: 'application/pdf', name: '报告.pdf' }],
    ['a PNG named as a PDF keeps the right extension', PNG, '报告.pdf', { ok: true, mime: 'image/png', name: '报告.png' }],
    ['an old Word file (OLE) under its name', OLE, '总结.doc', { ok: true, mime: 'application/x-cfb', name: '总结.doc' }],
    ['UTF-8 text under a text name', Buffer.from('第一条：已完成。\n第二条：进行中。\n'), '说明.txt', { ok: true, mime: 'text/plain', name: '说明.txt' }],
  ])('accepts %s', async (_what, bytes, name, expected) => {
    expect(await checkEvidenceType(bytes, name)).toEqual(expected);
  });

  it.each([
    ['a Windows program named .pdf', EXE, '自评报告.pdf', /可执行程序/],
    ['a Linux program named .docx', ELF, '材料.docx', /可执行程序/],
    ['an OLE file that says it is an installer', OLE, 'setup.msi', /无法确认文件类型/],
    ['a zip named .docx', Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(100)]), '材料.docx', /压缩包|不支持/],
    ['binary bytes named .txt', Buffer.from([0, 1, 2, 3, 4, 5, 0xff, 0xfe]), 'a.txt', /无法识别/],
    ['text under a name that is not text', Buffer.from('echo hi'), 'run.bat', /无法识别/],
    ['nothing at all', Buffer.alloc(0), 'a.pdf', /文件为空/],
  ])('refuses %s, saying why', async (_what, bytes, name, reason) => {
    const r = await checkEvidenceType(bytes, name);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(reason);
  });
});
