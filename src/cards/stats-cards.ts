/**
 * The statistics cards: the period's card (全校合计, a bar chart of 办结率 and 按时办结率 by unit, a line per unit with
 * 明细, 导出 Excel), a unit's card (every figure with 查看事项) and a figure's items, each with the rule that counted
 * it. All drawn from one StatsReport (services/statistics.ts), which is already cut to what the viewer may see.
 *
 * A button carries only `{a, id: 0, v}`; `v` packs the period, the unit (its rowid; 0 the school) and the figure.
 * It says what to show, never who may see it: the handler loads the report again for the person who clicked.
 */
import statsTemplate from '../../cards/stats.json' with { type: 'json' };
import statsItemsTemplate from '../../cards/stats-items.json' with { type: 'json' };
import statsUnitTemplate from '../../cards/stats-unit.json' with { type: 'json' };
import { FIGURES, FIGURE_DEFINITIONS, FIGURE_LABELS, type Figure, type UnitFigures, formatRate } from '../domain/statistics';
import { type StatsReport, drillDown } from '../services/statistics';
import { fitCard } from './format';
import { inline } from './item-view';
import { render } from './render';
import type { ButtonValue, Card, CardAction } from './types';

export type StatsAction = Extract<CardAction, 'stats_overview' | 'stats_unit' | 'stats_items' | 'stats_excel'>;

/** What a statistics button asks for. `unitKey` 0 is the school; `figure` null the overview of the unit. */
export interface StatsTarget {
  from: string;
  to: string;
  unitKey: number;
  figure: Figure | null;
}

const EPOCH = Date.UTC(2000, 0, 1);
const DAY = 86_400_000;
const dayNumber = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH) / DAY);
const dateOf = (n: number) => new Date(EPOCH + n * DAY).toISOString().slice(0, 10);
/** Limits of the packing: days from 2000 (15 bits), length (12 bits), unit rowid (10 bits), figure (3 bits). */
const MAX_DAY = 32_767;
const MAX_LEN = 4_095;
export const MAX_UNIT_KEY = 1_023;

/** Packs a target into a button's `v` (an integer below 2^40); null when it cannot be (a unit rowid past 1023). */
export function packStats(t: StatsTarget): number | null {
  const from = dayNumber(t.from);
  const len = dayNumber(t.to) - from;
  if (from < 0 || from > MAX_DAY || len < 0 || len > MAX_LEN || t.unitKey < 0 || t.unitKey > MAX_UNIT_KEY) return null;
  const fig = t.figure === null ? 7 : FIGURES.indexOf(t.figure);
  return ((from * (MAX_LEN + 1) + len) * (MAX_UNIT_KEY + 1) + t.unitKey) * 8 + fig;
}

/** Unpacks a button's `v`; null for anything that is not a packed target. */
export function unpackStats(v: number): StatsTarget | null {
  if (!Number.isSafeInteger(v) || v < 0) return null;
  const fig = v % 8;
  let rest = Math.floor(v / 8);
  const unitKey = rest % (MAX_UNIT_KEY + 1);
  rest = Math.floor(rest / (MAX_UNIT_KEY + 1));
  const len = rest % (MAX_LEN + 1);
  const from = Math.floor(rest / (MAX_LEN + 1));
  if (from > MAX_DAY) return null;
  return { from: dateOf(from), to: dateOf(from + len), unitKey, figure: fig === 7 ? null : FIGURES[fig]! };
}

const button = (a: StatsAction, t: StatsTarget): ButtonValue | null => {
  const v = packStats(t);
  return v === null ? null : { a, id: 0, v };
};

/** Units listed on the period's card; the rest are in the workbook. Keeps the card far under 30 KB. */
export const CARD_UNITS = 25;
/** Items listed on a figure's card. */
export const CARD_ITEMS = 30;

const avgText = (f: UnitFigures) => (f.avgWorkingDaysToClose === null ? '' : ` · 平均办结用时 ${f.avgWorkingDaysToClose.toFixed(1)} 个工作日`);

/** 在办 14 · 应办结 6 · 已办结 5 · 按时办结 3 · 逾期未办结 1 · 延期 1 · 协办 2 · 平均办结用时 26.6 个工作日 */
export function figuresLine(f: UnitFigures): string {
  return `${FIGURES.map((k) => `${FIGURE_LABELS[k]} ${f[k]}`).join(' · ')}${avgText(f)}`;
}

const subtitleOf = (r: StatsReport) => `${r.from} 至 ${r.to}${r.askedTo ? '（期间未结束，统计至今日）' : ''}`;

const pct = (part: number, due: number) => (due === 0 ? null : Math.floor((2 * part * 1000 + due) / (2 * due)) / 10);

/** The VChart bar spec: 办结率 and 按时办结率 (percent, one decimal) for each unit with something due, and the school. */
export function statsChartSpec(lines: UnitFigures[]): Record<string, unknown> | null {
  const values = lines
    .filter((f) => f.due > 0)
    .flatMap((f) => [
      { unit: f.unitName, kind: '办结率', value: pct(f.closed, f.due) },
      { unit: f.unitName, kind: '按时办结率', value: pct(f.closedOnTime, f.due) },
    ]);
  if (values.length === 0) return null;
  return {
    type: 'bar',
    data: [{ id: 'rates', values }],
    xField: ['unit', 'kind'],
    yField: 'value',
    seriesField: 'kind',
    axes: [
      { orient: 'left', min: 0, max: 100, title: { visible: true, text: '%' } },
      { orient: 'bottom', label: { autoRotate: true } },
    ],
    legends: { visible: true, orient: 'bottom' },
    label: { visible: true },
  };
}

/** The period's card, as the report's viewer may see it. */
export function statsCard(report: StatsReport): Card {
  const t = report.total;
  const target = (unitKey: number, figure: Figure | null = null) => ({ from: report.from, to: report.to, unitKey, figure });
  const active = report.units.filter((u) => u.inHand + u.coop > 0);
  const listed = active.slice(0, CARD_UNITS);
  const idle = report.units.length - active.length;
  const more = [
    active.length > listed.length ? `另有 ${active.length - listed.length} 个单位未列出` : '',
    idle > 0 ? `${idle} 个单位本期无事项` : '',
  ].filter(Boolean);
  const chart = report.scope === 'total' ? null : statsChartSpec([...listed, t]);
  const noChart =
    report.scope === 'total'
      ? '各单位数据由督查室在督查通报中公布。'
      : chart
        ? ''
        : '本期没有应办结事项，办结率和按时办结率为“—”，不作图。';
  return fitCard((k) =>
    render<Card>(
      statsTemplate,
      {
        title: `督查督办统计 · ${report.label}`,
        subtitle: subtitleOf(report),
        summary: `督查督办统计 ${report.label}：办结率 ${formatRate(t.closed, t.due)}，按时办结率 ${formatRate(t.closedOnTime, t.due)}`,
        total: { rate: formatRate(t.closed, t.due), onTimeRate: formatRate(t.closedOnTime, t.due), line: figuresLine(t) },
        chart,
        noChart,
        rows: listed
          .map((u) => ({
            name: inline(u.unitName, Math.max(8, Math.floor(30 * k))),
            rate: formatRate(u.closed, u.due),
            onTimeRate: formatRate(u.closedOnTime, u.due),
            line: figuresLine(u),
            value: button('stats_unit', target(report.unitKeys[u.unitId!] ?? -1)),
          }))
          .filter((r) => r.value !== null),
        more: more.length ? `${more.join('，')}；完整数据见 Excel。` : '',
        note: '口径：按统计截止日的历史记录计算；主办单位计数，协办单列、不计入比率；无应办结事项时比率为“—”。',
        schoolValue: report.scope === 'school' ? button('stats_unit', target(0)) : null,
        excelValue: button('stats_excel', target(0)),
      },
      'stats',
    ),
  );
}

const unitLabel = (report: StatsReport, unitId: string | null) =>
  unitId === null ? '全校合计' : (report.units.find((u) => u.unitId === unitId)?.unitName ?? unitId);

/** One unit's figures (null: the school's), each with 查看事项 when it counts anything. */
export function statsUnitCard(report: StatsReport, unitId: string | null): Card {
  const f = unitId === null ? report.total : report.units.find((u) => u.unitId === unitId);
  if (!f) throw new Error(`no figures for unit ${unitId}`);
  const unitKey = unitId === null ? 0 : (report.unitKeys[unitId] ?? -1);
  const name = unitLabel(report, unitId);
  return render<Card>(
    statsUnitTemplate,
    {
      title: `${name} · ${report.label}`,
      subtitle: subtitleOf(report),
      summary: `${name} ${report.label}：办结率 ${formatRate(f.closed, f.due)}，按时办结率 ${formatRate(f.closedOnTime, f.due)}`,
      rate: formatRate(f.closed, f.due),
      onTimeRate: formatRate(f.closedOnTime, f.due),
      avg: f.avgWorkingDaysToClose === null ? '期内无销号事项，平均办结用时不计。' : `平均办结用时 ${f.avgWorkingDaysToClose.toFixed(1)} 个工作日（督办单发出至销号，期内销号事项）`,
      figures: FIGURES.map((fig) => ({
        label: FIGURE_LABELS[fig],
        count: f[fig],
        definition: FIGURE_DEFINITIONS[fig],
        value: f[fig] > 0 ? button('stats_items', { from: report.from, to: report.to, unitKey, figure: fig }) : null,
      })),
      backValue: button('stats_overview', { from: report.from, to: report.to, unitKey: 0, figure: null }),
    },
    'stats-unit',
  );
}

/** The items one figure of one unit (null: the school) counts, each with its rule; hidden ones counted only. */
export function statsItemsCard(report: StatsReport, figure: Figure, unitId: string | null): Card {
  const d = drillDown(report, figure, unitId);
  const name = unitLabel(report, unitId);
  const total = d.rows.length + d.hidden;
  const shown = d.rows.slice(0, CARD_ITEMS);
  const others = d.hidden - d.hiddenConfidential;
  const hidden = [
    d.hiddenConfidential ? `涉密事项 ${d.hiddenConfidential} 项（您无权查看，不列标题）` : '',
    others ? `其他无权查看的事项 ${others} 项（不列标题）` : '',
  ].filter(Boolean);
  const unitKey = unitId === null ? 0 : (report.unitKeys[unitId] ?? -1);
  return fitCard((k) =>
    render<Card>(
      statsItemsTemplate,
      {
        title: `${name} · ${FIGURE_LABELS[figure]} ${total} 项`,
        subtitle: `${report.label}（${subtitleOf(report)}）`,
        summary: `${name} ${report.label} ${FIGURE_LABELS[figure]} ${total} 项`,
        definition: `${FIGURE_LABELS[figure]}：${FIGURE_DEFINITIONS[figure]}`,
        empty: '没有计入的事项',
        rows: shown.map((r) => ({
          id: r.item!.id,
          number: r.item!.number,
          title: inline(r.item!.title, Math.max(10, Math.floor(40 * k))),
          rule: inline(r.item!.rule, Math.max(30, Math.floor(120 * k))),
        })),
        hidden: hidden.join('；'),
        more: d.rows.length > shown.length ? `另有 ${d.rows.length - shown.length} 项未列出，完整清单见 Excel。` : '',
        backValue: button('stats_unit', { from: report.from, to: report.to, unitKey, figure: null }),
      },
      'stats-items',
    ),
  );
}
