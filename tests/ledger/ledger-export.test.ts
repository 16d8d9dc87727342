/**
 * The 台账 workbook read back with exceljs: every item with its fields, the light as the cell's colour, working days
 * left or overdue, the progress count and last line, a frozen header and auto-filter on both sheets, widths that fit
 * Chinese text, the history sheet; the filters; and who gets which rows (confidential items only for their readers,
 * never in a ledger for a group chat; the office's machine gets everything).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, LIGHT_FILLS, displayWidth } from '../../src/documents/ledger-xlsx';
import type { Item } from '../../src/domain/item';
import { applyCommand } from '../../src/services/apply-command';
import { type LedgerViewer, ledgerBytes, ledgerFileName, ledgerFor } from '../../src/services/export-ledger';
import { registerAndSendSlip } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

let t: TestDb;
const REGISTERED = at('2026-11-02');
/** Thursday 2026-11-26: 11-30 (Mon) is 2 working days away, 11-20 was 4 working days ago. */
const NOW = at('2026-11-26');

let green: Item, yellow: Item, red: Item, secret: Item, other: Item;

beforeEach(() => {
  t = openTestDb();
  const reg = (over: Parameters<typeof baseInput>[0]) => registerAndSendSlip(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(over), now: REGISTERED });
  green = reg({ title: '修订本科生培养方案', deadline: '2027-03-31', important: true, stages: [{ name: '初稿', deadline: '2027-01-15' }] });
  yellow = reg({ title: '完成教学楼消防整改', deadline: '2026-11-30', coopUnitIds: [] });
  red = reg({ title: '提交审核评估自评报告', deadline: '2026-11-20', requirements: '自评报告不少于 3 万字' });
  secret = reg({ title: '专项巡视问题整改', deadline: '2026-12-31', confidential: true, coopUnitIds: [] });
  other = reg({ title: '人才引进年度计划', leadUnitId: 'rsc', coopUnitIds: [], leaderId: WHO.otherLeader, deadline: '2026-12-15' });
  applyCommand(t.ctx, { itemId: red.id, actorId: WHO.unitHead, channel: 'card', command: { type: 'claim' }, now: at('2026-11-03') });
  applyCommand(t.ctx, { itemId: red.id, actorId: WHO.unitHead, channel: 'chat', command: { type: 'report_progress', text: '已完成初稿' }, now: at('2026-11-10') });
  applyCommand(t.ctx, { itemId: red.id, actorId: WHO.liaison, channel: 'chat', command: { type: 'report_progress', text: '正在征求意见\n第二稿本周完成' }, now: at('2026-11-18') });
});
afterEach(() => t.close());

async function workbookFor(viewer: LedgerViewer, filter = {}) {
  const ledger = ledgerFor(t.db, t.ctx.calendar, viewer, filter, NOW);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await ledgerBytes(ledger)) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('台账')!;
  const col = (header: string) => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;
  const rowOf = (number: string) => {
    for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === number) return sheet.getRow(r);
    return null;
  };
  const numbers = () => {
    const out: string[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) out.push(String(sheet.getCell(r, 1).value));
    return out;
  };
  return { ledger, wb, sheet, col, rowOf, numbers, history: wb.getWorksheet('办理记录')! };
}

describe('the ledger workbook', () => {
  it('has every item with its fields, the light as colour, days left or overdue, progress count and last line', async () => {
    const { sheet, col, rowOf, numbers } = await workbookFor('office');
    expect(sheet.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS.map((c) => c.header)]);
    expect(numbers()).toEqual([green, yellow, red, secret, other].map((i) => i.number));

    const r = rowOf(red.number)!;
    expect(r.getCell(col('事项名称')).value).toBe('提交审核评估自评报告');
    expect(r.getCell(col('状态')).value).toBe('办理中');
    expect(r.getCell(col('红黄绿灯')).value).toBe('红灯');
    expect(r.getCell(col('红黄绿灯')).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS.red } });
    expect(r.getCell(col('剩余工作日（负数为逾期）')).value).toBe(-4);
    expect(r.getCell(col('时限情况')).value).toBe('逾期 4 个工作日');
    expect(r.getCell(col('主办单位')).value).toBe('教务处');
    expect(r.getCell(col('协办单位')).value).toBe('科研处');
    expect(r.getCell(col('分管校领导')).value).toBe('李副校长');
    expect(r.getCell(col('来源')).value).toBe('党委会/常委会/校长办公会决议');
    expect(r.getCell(col('工作要求')).value).toBe('自评报告不少于 3 万字');
    expect(r.getCell(col('认领人')).value).toBe('教务处处长');
    expect(r.getCell(col('进展次数')).value).toBe(2);
    expect(r.getCell(col('最新进展')).value).toBe('正在征求意见\n第二稿本周完成');
    expect(r.getCell(col('最新进展时间')).value).toBe('2026-11-18 09:00');

    const y = rowOf(yellow.number)!;
    expect(y.getCell(col('红黄绿灯')).value).toBe('黄灯');
    expect(y.getCell(col('红黄绿灯')).fill).toMatchObject({ fgColor: { argb: LIGHT_FILLS.yellow } });
    expect(y.getCell(col('剩余工作日（负数为逾期）')).value).toBe(2);
    expect(y.getCell(col('进展次数')).value).toBe(0);

    const g = rowOf(green.number)!;
    expect(g.getCell(col('红黄绿灯')).fill).toMatchObject({ fgColor: { argb: LIGHT_FILLS.green } });
    expect(g.getCell(col('重要事项')).value).toBe('是');
    expect(g.getCell(col('阶段')).value).toBe('初稿 2027-01-15');
    expect(g.getCell(col('状态')).value).toBe('待认领');
    expect(rowOf(secret.number)!.getCell(col('涉密')).value).toBe('是');
  });

  it('has a frozen header, an auto-filter and widths that fit Chinese text on both sheets', async () => {
    const { sheet, history, col } = await workbookFor('office');
    for (const s of [sheet, history]) {
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.autoFilter).toBeTruthy();
    }
    // Over every column of the header: 36 columns, A to AJ.
    expect(LEDGER_COLUMNS).toHaveLength(36);
    expect(sheet.autoFilter).toBe('A1:AJ1');
    expect(history.autoFilter).toBe('A1:J1');
    // 督办〔2026〕1号: five full-width characters count two columns each, five digits one: 15, plus the margin.
    expect(displayWidth('督办〔2026〕1号')).toBe(15);
    expect(sheet.getColumn(col('编号')).width).toBe(17);
    expect(sheet.getColumn(col('主办单位')).width).toBeGreaterThanOrEqual(displayWidth('主办单位') + 2);
    // Long text wraps within a bounded column rather than running off the page.
    expect(sheet.getColumn(col('最新进展')).width).toBeLessThanOrEqual(50);
    expect(sheet.getCell(2, col('最新进展')).alignment).toMatchObject({ wrapText: true });
  });

  it('has a second sheet with the history of every item in it', async () => {
    const { history } = await workbookFor('office');
    expect(history.getRow(1).values).toEqual([undefined, '编号', '事项名称', '时间', '操作人', '渠道', '操作', '原状态', '新状态', '变更内容', '说明']);
    const rows: unknown[][] = [];
    history.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1, 9)));
    const ofRed = rows.filter((r) => r[0] === red.number).map((r) => r[5]);
    expect(ofRed).toEqual(['立项登记', '发送督办单', '认领', '填报进展', '填报进展']);
    expect(rows.find((r) => r[0] === red.number && r[5] === '认领')).toEqual([red.number, red.title, '2026-11-03 09:00', '教务处处长', '卡片', '认领', '待认领', '办理中']);
  });

  it('is cut by year, unit and state', async () => {
    expect((await workbookFor('office', { unitIds: ['rsc'] })).numbers()).toEqual([other.number]);
    expect((await workbookFor('office', { unitIds: ['kyc'] })).numbers()).toEqual([green.number, red.number]);
    expect((await workbookFor('office', { states: ['in_progress'] })).numbers()).toEqual([red.number]);
    expect((await workbookFor('office', { year: 2025 })).numbers()).toEqual([]);
    expect((await workbookFor('office', { year: 2026, states: ['assigned'], unitIds: ['jwc'] })).numbers()).toEqual([green.number, yellow.number, secret.number]);
  });

  it('is cut by the archive year and category the archive files an item under', async () => {
    t.db.$client.prepare("UPDATE items SET state = 'archived', archive_year = 2026, archive_category = 'committee' WHERE id = ?").run(other.id);
    t.db.$client.prepare("UPDATE items SET state = 'archived', archive_year = 2025, archive_category = 'committee' WHERE id = ?").run(green.id);
    expect((await workbookFor('office', { archiveYear: 2026 })).numbers()).toEqual([other.number]);
    expect((await workbookFor('office', { archiveCategory: 'committee' })).numbers()).toEqual([green.number, other.number]);
    expect((await workbookFor('office', { archiveCategory: 'annual_plan' })).numbers()).toEqual([]);
  });

  it('names the file by the date and the cut', () => {
    expect(ledgerFileName({}, NOW, (id) => id)).toBe('督办台账-2026-11-26.xlsx');
    expect(ledgerFileName({ year: 2026, unitIds: ['jwc'] }, NOW, () => '教务处')).toBe('督办台账-2026年-教务处-2026-11-26.xlsx');
  });
});

describe('who gets which rows', () => {
  const numbersFor = (viewer: LedgerViewer) => ledgerFor(t.db, t.ctx.calendar, viewer, {}, NOW).entries.map((e) => e.item.number);

  it('a confidential item only for the people allowed to see it', () => {
    const all = [green, yellow, red, secret, other].map((i) => i.number);
    const open = all.filter((n) => n !== secret.number);
    expect(numbersFor('office')).toEqual(all);
    expect(numbersFor({ personId: WHO.supervisor })).toEqual(all);
    expect(numbersFor({ personId: WHO.principal })).toEqual(all);
    expect(numbersFor({ personId: WHO.leader })).toEqual(all);
    expect(numbersFor({ personId: WHO.otherLeader })).toEqual(open);
    expect(numbersFor({ personId: WHO.observer })).toEqual(open);
    expect(numbersFor({ personId: WHO.admin })).toEqual(open);
    // A unit sees its own items only: 教务处 leads four, 人事处 one.
    expect(numbersFor({ personId: WHO.unitHead })).toEqual(all.filter((n) => n !== other.number));
    expect(numbersFor({ personId: WHO.otherUnitHead })).toEqual([other.number]);
    expect(numbersFor({ personId: WHO.coopHead })).toEqual([green.number, red.number]);
    expect(numbersFor({ personId: WHO.stranger })).toEqual([]);
  });

  it('a ledger for a group chat holds no confidential item, even for someone who may see it, nor its history', async () => {
    const l = ledgerFor(t.db, t.ctx.calendar, { personId: WHO.supervisor, inGroup: true }, {}, NOW);
    expect(l.entries.map((e) => e.item.number)).not.toContain(secret.number);
    expect(l.withheld).toBe(1);
    expect(l.hasConfidential).toBe(false);
    expect(l.history.some((h) => h.itemId === secret.id)).toBe(false);
    const { wb } = await workbookFor({ personId: WHO.supervisor, inGroup: true });
    const text = JSON.stringify(wb.worksheets.map((s) => s.getSheetValues()));
    expect(text).not.toContain(secret.title);
    expect(text).not.toContain(secret.number);
  });
});
