/**
 * 批量登记 from the Excel template: the template read back (headers with notes, drop-down lists on a hidden sheet);
 * a filled template validated whole — each kind of bad row rejected with its message, naming the row and column,
 * the file answered with a card and the template with the bad cells marked, and nothing registered; a good file of
 * 200 rows registered in one transaction with its slips queued; a dry run that changes nothing.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notificationSink } from '../../src/bot/notifications';
import { BAD_FILL, IMPORT_MAX_ROWS, type ImportField, TEMPLATE_COLUMNS, templateXlsx } from '../../src/documents/import-template';
import { fileById, readFileBytes } from '../../src/files/file-store';
import type { EventSink } from '../../src/services/context';
import { IMPORT_PURPOSE, importItemsFromBytes, templateOptions } from '../../src/services/import-items';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

let t: TestDb;
const NOW = at('2026-11-26');

beforeEach(() => {
  t = openTestDb();
  t.ctx.events = notificationSink(t.ctx.calendar);
});
afterEach(() => t.close());

type Row = Partial<Record<ImportField, string | Date | { formula: string }>>;
const col = (f: ImportField) => TEMPLATE_COLUMNS.findIndex((c) => c.field === f) + 1;

/** The template as the bot sends it, filled in as a person would. */
async function filled(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateXlsx(templateOptions(t.db))) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('督办事项')!;
  rows.forEach((r, i) => {
    for (const [field, value] of Object.entries(r)) sheet.getCell(i + 2, col(field as ImportField)).value = value as ExcelJS.CellValue;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const good = (n: number, over: Row = {}): Row => ({
  title: `第${n}项年度重点任务：建设${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${n}号实验平台`,
  lead: '教务处',
  coop: '科研处',
  deadline: '2027-06-30',
  source: '学校年度工作要点',
  sourceRef: '2027 年学校工作要点第 3 条',
  requirements: `完成第 ${n} 项建设任务`,
  ...over,
});

const count = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;
const state = () => ({
  items: count('SELECT count(*) AS n FROM items'),
  audit: count('SELECT count(*) AS n FROM audit_log'),
  outbox: count(`SELECT count(*) AS n FROM outbox WHERE purpose != '${IMPORT_PURPOSE}'`),
  sequences: count('SELECT coalesce(sum(last), 0) AS n FROM number_sequences'),
});
const answers = () =>
  t.db.$client.prepare(`SELECT msg_type AS type, content, receive_id AS to_ FROM outbox WHERE purpose = '${IMPORT_PURPOSE}' ORDER BY id`).all() as Array<{ type: string; content: string; to_: string }>;
const cardText = (content: string) => JSON.stringify(JSON.parse(content));

describe('the template', () => {
  it('has the headers with notes, and drop-down lists read from a hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateXlsx(templateOptions(t.db))) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('督办事项')!;
    const lists = wb.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    expect(sheet.getRow(1).values).toEqual([undefined, ...TEMPLATE_COLUMNS.map((c) => c.header)]);
    expect(sheet.getCell(1, col('deadline')).note).toContain('2027-06-30');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const listOf = (field: ImportField, row = 2) => {
      const v = sheet.getCell(row, col(field)).dataValidation;
      expect(v, `${field} has a list`).toMatchObject({ type: 'list' });
      const m = /^'选项'!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(v.formulae[0] as string)!;
      const out: string[] = [];
      for (let r = 2; r <= Number(m[2]); r++) out.push(String(lists.getCell(`${m[1]}${r}`).value));
      return out;
    };
    expect(listOf('lead')).toEqual(['教务处', '科研处', '人事处']);
    expect(listOf('lead', IMPORT_MAX_ROWS + 1)).toEqual(['教务处', '科研处', '人事处']);
    expect(listOf('leader')).toEqual(['张校长', '李副校长', '赵副校长']);
    expect(listOf('source')).toContain('学校年度工作要点');
    expect(listOf('source')).toHaveLength(8);
    expect(listOf('mode')).toEqual(['日常督办', '会议督办', '现场督办', '联合督办']);
    expect(listOf('kind')).toEqual(['台账任务', '专项督办通知']);
    expect(listOf('important')).toEqual(['是', '否']);
    expect(sheet.getCell(2, col('deadline')).dataValidation).toMatchObject({ type: 'date' });
  });
});

describe('a good file', () => {
  it('of 200 rows registers 200 items in one transaction, numbered in row order, with their slips queued', async () => {
    const bytes = await filled(Array.from({ length: 200 }, (_, i) => good(i + 1)));
    const started = performance.now();
    const r = await importItemsFromBytes(t.ctx, bytes, WHO.supervisor, {}, NOW);
    const ms = performance.now() - started;
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.registered).toHaveLength(200);
    expect(r.registered.map((i) => i.number)).toEqual(Array.from({ length: 200 }, (_, i) => `督办〔2026〕${i + 1}号`));
    expect(r.registered[36]).toMatchObject({ title: good(37).title, leadUnitId: 'jwc', coopUnitIds: ['kyc'], leaderId: WHO.leader, deadline: '2027-06-30', state: 'assigned' });
    expect(r.registered[0]!.sources).toEqual([{ category: 'annual_plan', ref: '2027 年学校工作要点第 3 条' }]);
    expect(count('SELECT count(*) AS n FROM items')).toBe(200);
    // Each 督办单 to the heads and liaisons of the lead unit (教务处) and the cooperating one (科研处).
    expect(count("SELECT count(*) AS n FROM outbox WHERE purpose = 'slip'")).toBe(800);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'register'")).toBe(200);
    const [card] = answers();
    expect(cardText(card!.content)).toContain('已登记 200 项（督办〔2026〕1号 至 督办〔2026〕200号）');
    expect(card!.to_).toBe(WHO.supervisor);
    console.log(`200-row import: ${ms.toFixed(0)} ms`);
  });

  it('is all or nothing: a failure while registering row 150 leaves no item, no number and no slip', async () => {
    const bytes = await filled(Array.from({ length: 200 }, (_, i) => good(i + 1)));
    let n = 0;
    const failing: EventSink = {
      record(tx, e) {
        notificationSink(t.ctx.calendar).record(tx, e);
        if (e.type === 'register' && ++n === 150) throw new Error('disk full');
      },
    };
    t.ctx.events = failing;
    const before = state();
    await expect(importItemsFromBytes(t.ctx, bytes, WHO.supervisor, {}, NOW)).rejects.toThrow('disk full');
    expect(state()).toEqual(before);
  });

  it('on a dry run says what would be registered and changes nothing', async () => {
    const before = state();
    const r = await importItemsFromBytes(t.ctx, await filled([good(1), good(2, { lead: '人事处', coop: '' })]), WHO.supervisor, { dryRun: true }, NOW);
    expect(r.ok).toBe(true);
    expect(r.planned.map((p) => [p.row, p.input.leadUnitId, p.input.leaderId])).toEqual([
      [2, 'jwc', WHO.leader],
      [3, 'rsc', WHO.otherLeader],
    ]);
    expect(state()).toEqual(before);
    const text = cardText(answers()[0]!.content);
    expect(text).toContain('正式导入将登记 2 项（本次为试导入，未登记）');
    expect(text).toContain('第 3 行：');
  });

  it('reads dates typed as Excel dates or as text, the drop-down words and 是/否', async () => {
    const r = await importItemsFromBytes(
      t.ctx,
      await filled([good(1, { deadline: new Date('2027-01-15T00:00:00Z'), mode: '现场督办', kind: '专项督办通知', cycle: '每两周', important: '是', flagged: '否', leader: '张校长' }), good(2, { deadline: '2027年3月1日' })]),
      WHO.supervisor,
      {},
      NOW,
    );
    expect(r.problems).toEqual([]);
    expect(r.registered[0]).toMatchObject({ deadline: '2027-01-15', mode: 'site', kind: 'notice', progressCycle: 'biweekly', important: true, flagged: false, leaderId: WHO.principal });
    expect(r.registered[1]!.deadline).toBe('2027-03-01');
  });
});

describe('a file with a bad row', () => {
  beforeEach(() => {
    registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title: '修订本科生培养方案' }), now: at('2026-11-02') });
  });

  const CASES: Array<{ kind: string; row: Row; field: ImportField; message: string }> = [
    { kind: 'unknown unit', row: good(2, { lead: '财务处' }), field: 'lead', message: '没有找到单位“财务处”，请从下拉列表中选择单位全称' },
    { kind: 'unknown cooperating unit', row: good(2, { coop: '科研处、宣传部' }), field: 'coop', message: '没有找到协办单位“宣传部”' },
    { kind: 'bad date', row: good(2, { deadline: '2027-02-30' }), field: 'deadline', message: '完成时限“2027-02-30”不是有效日期，请写作 2027-06-30' },
    { kind: 'date in the past', row: good(2, { deadline: '2026-11-25' }), field: 'deadline', message: '完成时限 2026-11-25 早于今天（2026-11-26）' },
    { kind: 'date too far ahead', row: good(2, { deadline: '2036-01-01' }), field: 'deadline', message: '完成时限 2036-01-01 过远：最晚可定为 2031-11-26（5 年内），请检查年份是否写错' },
    { kind: 'missing title', row: good(2, { title: '' }), field: 'title', message: '缺少事项名称' },
    { kind: 'missing deadline', row: good(2, { deadline: '' }), field: 'deadline', message: '缺少完成时限' },
    { kind: 'duplicate of an open item', row: good(2, { title: '修订本科生培养方案' }), field: 'title', message: '与在办事项 督办〔2026〕1号“修订本科生培养方案”重复（一事一项），同一事项请勿重复立项' },
    { kind: 'near duplicate of an open item', row: good(2, { title: '关于修订 本科生培养方案的通知' }), field: 'title', message: '与在办事项 督办〔2026〕1号“修订本科生培养方案”重复（一事一项），同一事项请勿重复立项' },
    { kind: 'duplicate within the file', row: good(1, { requirements: '另写的要求' }), field: 'title', message: '与第 2 行是同一事项（一事一项），请合并为一行' },
    { kind: 'too long title', row: good(2, { title: '长'.repeat(201) }), field: 'title', message: '事项名称过长（最多 200 字，此处 201 字）' },
    { kind: 'too long requirements', row: good(2, { requirements: '要'.repeat(5001) }), field: 'requirements', message: '工作要求过长（最多 5000 字，此处 5001 字）' },
    { kind: 'unknown leader', row: good(2, { leader: '王督查' }), field: 'leader', message: '“王督查”不是校领导，请从下拉列表中选择' },
    { kind: 'unknown mode', row: good(2, { mode: '飞行督办' }), field: 'mode', message: '督办方式“飞行督办”无法识别，请从下拉列表中选择' },
    { kind: 'a formula', row: good(2, { deadline: { formula: 'TODAY()+30' } }), field: 'deadline', message: '单元格含公式或错误值，请只填写文字（可“选择性粘贴→值”）' },
  ];

  it.each(CASES)('rejects the whole file for a $kind, naming the row and column, and registers nothing', async ({ row, field, message }) => {
    const before = state();
    // Row 2 is good, row 3 is the bad one, row 4 good: one bad row rejects the file.
    const r = await importItemsFromBytes(t.ctx, await filled([good(1), row, good(3)]), WHO.supervisor, {}, NOW);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ row: 3, field, message }]);
    expect(r.registered).toEqual([]);
    expect(state()).toEqual(before);

    // The card names row and column; the marked template comes with it, the bad cell red with the message.
    const [card, file] = answers();
    expect(card!.to_).toBe(WHO.supervisor);
    const header = TEMPLATE_COLUMNS.find((c) => c.field === field)!.header.replace('*', '');
    expect(cardText(card!.content)).toContain(JSON.stringify(`第 3 行「${header}」：${message}`).slice(1, -1));
    expect(cardText(card!.content)).toContain('没有登记任何事项');
    expect(file!.type).toBe('file');
    const stored = fileById(t.db, (JSON.parse(file!.content) as { fileId: number }).fileId)!;
    expect(stored).toMatchObject({ kind: 'import_report', name: '督办事项导入-问题标注.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileBytes(t.db, stored.sha256) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('督办事项')!;
    const bad = sheet.getCell(3, col(field));
    expect(bad.fill).toMatchObject({ fgColor: { argb: BAD_FILL } });
    expect(bad.note).toBe(message);
    expect(JSON.stringify(sheet.getCell(2, col(field)).fill ?? {})).not.toContain(BAD_FILL);
    // The rows come back as sent, so the person corrects the cell and sends the file again.
    expect(sheet.getCell(2, col('title')).value).toBe(good(1).title);
    expect(sheet.getCell(4, col('title')).value).toBe(good(3).title);
  });

  it('reports every problem of every row at once', async () => {
    const r = await importItemsFromBytes(t.ctx, await filled([good(1, { lead: '财务处', deadline: '明天' }), good(2), good(3, { title: '' })]), WHO.supervisor, {}, NOW);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'lead'],
      [2, 'deadline'],
      [4, 'title'],
    ]);
    expect(cardText(answers()[0]!.content)).toContain('文件有 3 处问题（2 行）');
  });

  it('does not name an open confidential item the importer may not see', async () => {
    registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title: '专项巡视问题整改', confidential: true, coopUnitIds: [] }), now: at('2026-11-02') });
    const r = await importItemsFromBytes(t.ctx, await filled([good(1, { title: '专项巡视问题整改', lead: '人事处', coop: '' })]), WHO.admin, {}, NOW);
    expect(r.problems).toEqual([{ row: 2, field: 'title', message: '与一项在办事项同名（一事一项），请联系督查室核对' }]);
    expect(JSON.stringify(answers())).not.toContain('督办〔2026〕2号');
  });
});

/** A zip holding these parts, stored or deflated: what a hostile or foreign file looks like. */
function zip(parts: Array<{ name: string; data: Buffer; claimedSize?: number }>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const body = deflateRawSync(p.data);
    const name = Buffer.from(p.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(p.claimedSize ?? p.data.length, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(p.claimedSize ?? p.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    local.push(h, name, body);
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

describe('a file that cannot be taken', () => {
  const REFUSALS: Array<{ kind: string; bytes: () => Promise<Buffer> | Buffer; message: string }> = [
    { kind: 'a PDF', bytes: () => Buffer.from('%PDF-1.4\n%%EOF\n'), message: '文件不是 .xlsx 格式的 Excel 工作簿（旧版 .xls、WPS 或 CSV 请另存为 .xlsx）' },
    { kind: 'a workbook with macros', bytes: () => zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/vbaProject.bin', data: Buffer.alloc(100) }]), message: '文件含宏（VBA），为安全起见不予读取，请另存为不含宏的 .xlsx' },
    { kind: 'a zip bomb', bytes: () => zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000), claimedSize: 0xfffffff0 }]), message: '文件解压后过大，请只保留模板中的内容' },
    { kind: 'a file over 5 MB', bytes: () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5 * 1024 * 1024)]), message: '文件过大（5.0 MB），最大 5 MB' },
    { kind: 'a damaged workbook', bytes: () => zip([{ name: 'xl/workbook.xml', data: Buffer.from('<not xml') }]), message: '无法读取该 Excel 文件，请用督办助手提供的模板填写后另存为 .xlsx' },
    { kind: 'more rows than allowed', bytes: () => filled(Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => ({ title: `事项${i}` }))), message: `一次最多导入 ${IMPORT_MAX_ROWS} 行，请分成几个文件` },
    { kind: 'an empty template', bytes: () => filled([]), message: '文件中没有要登记的事项（从第 2 行起每行一项）' },
  ];

  it.each(REFUSALS)('refuses $kind with a clear message and registers nothing', async ({ bytes, message }) => {
    const before = state();
    const r = await importItemsFromBytes(t.ctx, await bytes(), WHO.supervisor, {}, NOW);
    expect(r.problems).toEqual([{ row: 0, field: null, message }]);
    expect(state()).toEqual(before);
    const a = answers();
    expect(a.map((x) => x.type)).toEqual(['interactive']);
    expect(cardText(a[0]!.content)).toContain(message);
  });

  it('refuses someone who may not register before reading the file', async () => {
    const r = await importItemsFromBytes(t.ctx, await filled([good(1)]), WHO.unitHead, {}, NOW);
    expect(r.problems).toEqual([{ row: 0, field: null, message: '只有督办人员可以批量登记事项' }]);
    expect(count('SELECT count(*) AS n FROM items')).toBe(0);
  });
});
