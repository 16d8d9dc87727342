/**
 * 统计 for a period, as one person may see it: the figures of every unit (or of theirs) and the school's totals, and
 * the items behind each figure with the rule that counted them. Every output (the CLI, the card, the workbook, the
 * automatic reports, the 督查通报) is drawn from this one report.
 */
import { type Actor, hasRole, unitsOf } from '../domain/actor';
import { type WorkCalendar, createWorkCalendar } from '../domain/calendar';
import { chinaDate } from '../domain/dates';
import { DubanError, ErrorCode } from '../domain/errors';
import { canView } from '../domain/permissions';
import { type Figure, type StatsItem, type UnitFigures, computeStats, startOfChinaDay } from '../domain/statistics';
import { type NamedPeriod, checkRange } from '../domain/stats-periods';
import type { Db } from '../db/client';
import { listUnits } from '../db/org-repository';
import { loadStatsItems, unitRowIds } from '../db/stats-repository';

export interface StatsQuery {
  from: string;
  to: string;
  /** Only this unit's line (the totals stay the school's). */
  unitId?: string;
}

/**
 * What the person may see: `school` (督查室, 校领导, 主要领导, admins, and the CLI): every unit; `units`: a unit's
 * head or liaison: the school's totals and their own units; `total`: observers (纪委办、监察处、组织部): the totals
 * only, the office's published 通报 being where they read units.
 */
export type StatsScope = 'school' | 'units' | 'total';

/** One item behind one figure; `item` is null when the viewer may not see it (shown as 涉密事项 N 项). */
export interface StatsDetailRow {
  figure: Figure;
  unitId: string;
  confidential: boolean;
  item: { id: number; number: string; title: string; deadline: string; rule: string } | null;
}

export interface StatsReport {
  from: string;
  to: string;
  /** 2026年9–10月, 2026年, or the dates. */
  label: string;
  /** Stable key of the period (stats_reports.period_key). */
  key: string;
  /** The end asked for, when it was after today and the report stops at today. */
  askedTo: string | null;
  scope: StatsScope;
  units: UnitFigures[];
  total: UnitFigures;
  rows: StatsDetailRow[];
  /** Each unit's stable small number (its rowid), for card buttons. */
  unitKeys: Record<string, number>;
}

/** The JSON every output agrees on (`stats --json`): exactly {from, to, units, total}. */
export interface StatsJson {
  from: string;
  to: string;
  units: UnitFigures[];
  total: UnitFigures;
}

export const statsJson = (r: StatsReport): StatsJson => ({ from: r.from, to: r.to, units: r.units, total: r.total });

export function statsScope(viewer: Actor | null): StatsScope | null {
  if (!viewer) return 'school';
  if (['supervisor', 'leader', 'principal', 'admin'].some((r) => hasRole(viewer, r as never))) return 'school';
  if (unitsOf(viewer).length > 0) return 'units';
  if (hasRole(viewer, 'observer')) return 'total';
  return null;
}

export interface LoadStatsOptions {
  calendar?: WorkCalendar;
  /** Today, to stop a period that has not ended yet at today (a future T would call items overdue that are not). */
  now?: Date;
  /** false: the figures only, no drill-down rows (the CLI's table and JSON, the benchmark). */
  detail?: boolean;
}

/**
 * The statistics of a period for `viewer` (null: the office's own tools, e.g. the CLI). Refuses a bad range, an
 * unknown unit, and a unit the viewer may not see, with a Chinese message.
 */
export function loadStats(db: Db, q: StatsQuery, viewer: Actor | null, o: LoadStatsOptions = {}): StatsReport {
  const checked = checkRange(q.from, q.to);
  if (typeof checked === 'string') throw new DubanError(ErrorCode.InvalidInput, checked);
  const scope = statsScope(viewer);
  if (!scope) throw new DubanError(ErrorCode.Forbidden, '统计仅供督查室、校领导、各单位负责人和联络人查看');
  const allUnits = listUnits(db);
  if (q.unitId !== undefined && !allUnits.some((u) => u.id === q.unitId)) {
    throw new DubanError(ErrorCode.UnknownUnit, `没有找到单位“${q.unitId}”`);
  }
  const mine = viewer ? unitsOf(viewer) : [];
  if (q.unitId !== undefined && scope !== 'school' && !mine.includes(q.unitId)) {
    throw new DubanError(ErrorCode.Forbidden, '您只能查看全校合计和本单位的统计');
  }

  const today = o.now ? chinaDate(o.now) : null;
  if (today && q.from > today) throw new DubanError(ErrorCode.InvalidInput, `统计期间 ${q.from} 起尚未开始`);
  const capped = today && q.to > today;
  const period: NamedPeriod = capped ? { ...checked, to: today, label: `${checked.label}（截至 ${today}）` } : checked;

  const startIso = startOfChinaDay(period.from);
  const endIso = new Date(Date.parse(startOfChinaDay(period.to)) + 86_400_000).toISOString();
  const detail = o.detail ?? true;
  // Who may see each item is decided as it is read, and only the ids the viewer may not see are kept: holding every
  // item of a large period until the rows were drawn cost the heap the whole period (20,000 items at start).
  const unseen = new Set<number>();
  // Past about four months most of the ledger counts, and the history is read straight through (stats-repository).
  const longPeriod = Date.parse(endIso) - Date.parse(startIso) > 120 * 86_400_000;
  const loaded = loadStatsItems(db, startIso, endIso, { texts: detail, longPeriod });
  const items = detail && viewer ? markUnseen(loaded, viewer, unseen) : loaded;
  const result = computeStats(items, allUnits, period, o.calendar ?? createWorkCalendar(), { withRows: detail });

  const shown = (unitId: string) =>
    q.unitId !== undefined ? unitId === q.unitId : scope === 'school' ? true : scope === 'units' ? mine.includes(unitId) : false;
  const rows: StatsDetailRow[] = result.rows
    .filter((r) => shown(r.unitId))
    .map((r) => {
      const visible = !unseen.has(r.itemId);
      return {
        figure: r.figure,
        unitId: r.unitId,
        confidential: r.confidential,
        item: visible ? { id: r.itemId, number: r.number, title: r.title, deadline: r.deadline, rule: r.rule } : null,
      };
    });
  return {
    from: period.from,
    to: period.to,
    label: period.label,
    key: checked.key,
    askedTo: capped ? q.to : null,
    scope,
    units: result.units.filter((u) => shown(u.unitId!)),
    total: result.total,
    rows,
    unitKeys: Object.fromEntries(unitRowIds(db)),
  };
}

function* markUnseen(items: Iterable<StatsItem>, viewer: Actor, into: Set<number>): Generator<StatsItem> {
  for (const item of items) {
    if (!canView(viewer, item)) into.add(item.id);
    yield item;
  }
}

/** The rows behind one figure of one unit (null: the school's total), visible ones first, in item order. */
export function drillDown(report: StatsReport, figure: Figure, unitId: string | null): { rows: StatsDetailRow[]; hidden: number; hiddenConfidential: number } {
  const all = report.rows.filter((r) => r.figure === figure && (unitId === null || r.unitId === unitId));
  const hidden = all.filter((r) => r.item === null);
  return {
    rows: all.filter((r) => r.item !== null),
    hidden: hidden.length,
    hiddenConfidential: hidden.filter((r) => r.confidential).length,
  };
}
