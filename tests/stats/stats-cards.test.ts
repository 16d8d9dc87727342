/**
 * The statistics cards and the workbook, drawn from the semester's 9–10月 report: the card carries a VChart bar
 * spec of 办结率 and 按时办结率 by unit with the figures worked out by hand, "—" where nothing was due, buttons that
 * unpack to what they say; the workbook read back with exceljs has the figures sheet and every item with its rule.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packStats, statsCard, statsChartSpec, statsItemsCard, statsUnitCard, unpackStats } from '../../src/cards/stats-cards';
import type { Card } from '../../src/cards/types';
import { FIGURES } from '../../src/domain/statistics';
import { loadActor } from '../../src/db/org-repository';
import { FIGURES_SHEET, FIGURE_COLUMNS, ITEMS_SHEET, ITEM_COLUMNS, statsFileName, statsWorkbook } from '../../src/documents/stats-workbook';
import { loadStats } from '../../src/services/statistics';
import { buttonsOf } from '../cards/card-schema';
import { cardContract } from '../cards/card-contract';
import { type TestDb, WHO, at, openTestDb } from '../support/fixtures';
import { scriptSemester } from './semester';

const t: TestDb = openTestDb();
scriptSemester(t.ctx);
const AFTER = at('2027-01-20');
const p1 = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.supervisor), { calendar: t.ctx.calendar, now: AFTER });
const head = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, 'ou_head_kyc'), { calendar: t.ctx.calendar, now: AFTER });
const observer = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.observer), { calendar: t.ctx.calendar, now: AFTER });
// August: the 督办单 of the semester went out in September, so nothing is in hand, nothing due.
const empty = loadStats(t.db, { from: '2026-07-01', to: '2026-08-31' }, loadActor(t.db, WHO.supervisor), { calendar: t.ctx.calendar, now: AFTER });
afterAll(() => t.close());

const text = (card: Card) => JSON.stringify(card);
const chartOf = (card: Card) =>
  ((card.body as { elements: Array<Record<string, unknown>> }).elements.find((e) => e.tag === 'chart')?.chart_spec ?? null) as
    | { type: string; data: Array<{ values: Array<{ unit: string; kind: string; value: number }> }>; xField: string[]; yField: string; seriesField: string }
    | null;

cardContract('statistics card', {
  school: statsCard(p1),
  unitHead: statsCard(head),
  observer: statsCard(observer),
  nothingDue: statsCard(empty),
  unit: statsUnitCard(p1, 'jwc'),
  schoolFigures: statsUnitCard(p1, null),
  overdueItems: statsItemsCard(p1, 'overdue', 'jwc'),
  inHandItems: statsItemsCard(p1, 'inHand', null),
});

describe('the period card', () => {
  it('has a bar chart of 办结率 and 按时办结率 for each unit with something due, and the school', () => {
    const spec = chartOf(statsCard(p1))!;
    expect(spec.type).toBe('bar');
    expect(spec.xField).toEqual(['unit', 'kind']);
    expect(spec.seriesField).toBe('kind');
    // 人事处 had nothing due: it has no bar (a 0% would be a figure nobody earned).
    expect(spec.data[0]!.values).toEqual([
      { unit: '教务处', kind: '办结率', value: 80 },
      { unit: '教务处', kind: '按时办结率', value: 60 },
      { unit: '科研处', kind: '办结率', value: 100 },
      { unit: '科研处', kind: '按时办结率', value: 0 },
      { unit: '全校合计', kind: '办结率', value: 83.3 },
      { unit: '全校合计', kind: '按时办结率', value: 50 },
    ]);
  });

  it('shows each unit with its figures, "—" for the rates of a unit with nothing due', () => {
    const card = text(statsCard(p1));
    expect(card).toContain('**全校合计**　办结率 **83.3%**　按时办结率 **50.0%**');
    expect(card).toContain('**教务处**　办结率 80.0%　按时办结率 60.0%');
    expect(card).toContain('**人事处**　办结率 —　按时办结率 —');
    expect(card).toContain('在办 5 · 应办结 5 · 已办结 4 · 按时办结 3 · 逾期未办结 1 · 延期 0 · 协办 1 · 平均办结用时 25.3 个工作日');
  });

  it('with nothing due anywhere: rates "—", no chart, and it says why', () => {
    const card = statsCard(empty);
    expect(chartOf(card)).toBeNull();
    expect(statsChartSpec(empty.units)).toBeNull();
    expect(text(card)).toContain('办结率 **—**');
    expect(text(card)).toContain('本期没有应办结事项');
  });

  it('a unit head sees the totals and their unit; an observer the totals, no units, no drill-down', () => {
    expect(text(statsCard(head))).toContain('**科研处**');
    expect(text(statsCard(head))).not.toContain('**教务处**');
    expect(buttonsOf(statsCard(head)).map((b) => (b.text as { content: string }).content)).toEqual(['明细', '导出 Excel']);
    const obs = statsCard(observer);
    expect(chartOf(obs)).toBeNull();
    expect(buttonsOf(obs).map((b) => (b.text as { content: string }).content)).toEqual(['导出 Excel']);
  });

  it('buttons say which period, unit and figure, and nothing else', () => {
    const values = buttonsOf(statsCard(p1)).map((b) => (b.behaviors as Array<{ value: { a: string; id: number; v: number } }>)[0]!.value);
    expect(values.map((v) => v.a)).toEqual(['stats_unit', 'stats_unit', 'stats_unit', 'stats_unit', 'stats_excel']);
    expect(values.every((v) => v.id === 0)).toBe(true);
    expect(unpackStats(values[0]!.v)).toEqual({ from: '2026-09-01', to: '2026-10-31', unitKey: p1.unitKeys.jwc, figure: null });
    for (const figure of [...FIGURES, null]) {
      const tgt = { from: '2026-01-01', to: '2035-12-31', unitKey: 1023, figure };
      expect(unpackStats(packStats(tgt)!)).toEqual(tgt);
    }
    expect(packStats({ from: '2026-01-01', to: '2026-12-31', unitKey: 1024, figure: null })).toBeNull();
  });
});

describe('drill-downs', () => {
  it('a unit card lists every figure, with 查看事项 only where something is counted', () => {
    const card = statsUnitCard(p1, 'kyc');
    const labels = buttonsOf(card).map((b) => (b.text as { content: string }).content);
    // 科研处 9–10月: 在办 5, 应办结 1, 已办结 1, 延期 1 (按时 0, 逾期 0, 协办 0): four figures to open, and 返回统计.
    expect(labels).toEqual(['查看事项', '查看事项', '查看事项', '查看事项', '返回统计']);
    expect(text(card)).toContain('**按时办结** 0 项');
  });

  it('an item list names the rule that counted each item', () => {
    const card = text(statsItemsCard(p1, 'overdue', 'jwc'));
    expect(card).toContain('逾期未办结：截止 2026-10-30，统计截至 2026-10-31 未销号');
    expect(card).toContain('考试安全专项整治');
  });

  it('a confidential item is "涉密事项 N 项" without its title to someone who may not see it', () => {
    const other = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.otherLeader), { now: AFTER });
    const card = text(statsItemsCard(other, 'overdue', 'jwc'));
    expect(card).toContain('涉密事项 1 项');
    expect(card).not.toContain('考试安全专项整治');
    expect(card).toContain('逾期未办结 1 项');
  });
});

describe('the workbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await statsWorkbook(p1, AFTER)) as never);
  });

  it('sheet 统计: one row per unit and the total, rates as percentages, "—" with nothing due', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual([FIGURES_SHEET, ITEMS_SHEET]);
    const s = wb.getWorksheet(FIGURES_SHEET)!;
    expect(s.getCell('A1').value).toBe('督查督办统计 2026年9–10月');
    expect((s.getRow(4).values as unknown[]).slice(1)).toEqual(FIGURE_COLUMNS);
    expect((s.getRow(5).values as unknown[]).slice(1)).toEqual(['教务处', 5, 5, 4, 3, 1, 0, 1, 0.8, 0.6, 25.3]);
    expect((s.getRow(7).values as unknown[]).slice(1)).toEqual(['人事处', 4, 0, 0, 0, 0, 0, 1, '—', '—', '—']);
    expect((s.getRow(8).values as unknown[]).slice(1)).toEqual(['全校合计', 14, 6, 5, 3, 1, 1, 2, 0.8333, 0.5, 26.6]);
    expect(s.getRow(5).getCell(9).numFmt).toBe('0.0%');
  });

  it('sheet 事项明细: every item behind every figure, with the rule', () => {
    const d = wb.getWorksheet(ITEMS_SHEET)!;
    expect((d.getRow(1).values as unknown[]).slice(1)).toEqual(ITEM_COLUMNS);
    const rows = d.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    // As many rows as the figures of the units count, in all.
    expect(rows).toHaveLength(p1.units.reduce((n, u) => n + FIGURES.reduce((m, f) => m + u[f], 0), 0));
    expect(rows).toContainEqual(['教务处', '逾期未办结', expect.stringMatching(/^督办〔2026〕\d+号$/), '考试安全专项整治', '2026-10-30', '逾期未办结：截止 2026-10-30，统计截至 2026-10-31 未销号']);
    expect(statsFileName(p1)).toBe('督查督办统计-2026年9–10月.xlsx');
  });

  it('hides what the viewer may not see: 涉密事项 N 项, no title', async () => {
    const other = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.otherLeader), { now: AFTER });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await statsWorkbook(other, AFTER)) as never);
    const rows = book.getWorksheet(ITEMS_SHEET)!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(JSON.stringify(rows)).not.toContain('考试安全专项整治');
    expect(rows).toContainEqual(['教务处', '逾期未办结', '—', '涉密事项 1 项', '—', '不列标题']);
  });
});

