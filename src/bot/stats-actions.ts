/**
 * The buttons of the statistics cards: 明细 (a unit's figures, or the school's), 查看事项 (the items one figure
 * counts, each with its rule), 返回统计, 导出 Excel. They carry `{a, id: 0, v}` with the period, unit and figure packed
 * in `v` (cards/stats-cards.ts); that says only what to show. The report is loaded again for the person who clicked,
 * so they see what they may: a unit head only their unit, confidential items only if they are of the item.
 */
import { type StatsTarget, statsCard, statsItemsCard, statsUnitCard, unpackStats } from '../cards/stats-cards';
import type { Card } from '../cards/types';
import { DubanError, ErrorCode } from '../domain/errors';
import { loadActor } from '../db/org-repository';
import { unitRowIds } from '../db/stats-repository';
import { type StatsReport, loadStats } from '../services/statistics';
import { requestStatsExport } from '../services/stats-export';
import type { BotDeps } from './deps';

interface StatsClick {
  deps: BotDeps;
  operator: string;
  version: number;
  now: Date;
}

type Answer = { toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }; card?: { type: 'raw'; data: Card } };

const STALE = '无法识别的统计卡片，请重新发送“/督办 统计”';
const SCHOOL_ONLY = '您只能查看全校合计和本单位的统计';

function target(a: StatsClick): StatsTarget {
  const t = unpackStats(a.version);
  if (!t) throw new DubanError(ErrorCode.InvalidInput, STALE);
  return t;
}

/** The unit a target names (null: the school), refused when the card names a unit that does not exist. */
function unitOf(a: StatsClick, t: StatsTarget): string | null {
  if (t.unitKey === 0) return null;
  for (const [id, key] of unitRowIds(a.deps.ctx.db)) if (key === t.unitKey) return id;
  throw new DubanError(ErrorCode.NotFound, STALE);
}

/** The report for the clicker: one unit's (checked by loadStats), or the whole of what they may see. */
function reportFor(a: StatsClick, t: StatsTarget, unitId: string | null): StatsReport {
  const viewer = loadActor(a.deps.ctx.db, a.operator);
  const report = loadStats(a.deps.ctx.db, { from: t.from, to: t.to, unitId: unitId ?? undefined }, viewer, { calendar: a.deps.ctx.calendar, now: a.now });
  return report;
}

const card = (data: Card): Answer => ({ card: { type: 'raw', data } });

export const STATS_HANDLERS = {
  stats_overview: (a: StatsClick): Answer => card(statsCard(reportFor(a, target(a), null))),
  stats_unit: (a: StatsClick): Answer => {
    const t = target(a);
    const unitId = unitOf(a, t);
    const report = reportFor(a, t, unitId);
    // The school's items are listed only to those who see every unit; a unit head's report holds only theirs.
    if (unitId === null && report.scope !== 'school') throw new DubanError(ErrorCode.Forbidden, SCHOOL_ONLY);
    return card(statsUnitCard(report, unitId));
  },
  stats_items: (a: StatsClick): Answer => {
    const t = target(a);
    if (!t.figure) throw new DubanError(ErrorCode.InvalidInput, STALE);
    const unitId = unitOf(a, t);
    const report = reportFor(a, t, unitId);
    if (unitId === null && report.scope !== 'school') throw new DubanError(ErrorCode.Forbidden, SCHOOL_ONLY);
    return card(statsItemsCard(report, t.figure, unitId));
  },
  stats_excel: (a: StatsClick): Answer => {
    const t = target(a);
    const recorded = requestStatsExport(a.deps.ctx.db, { actorId: a.operator, channel: 'card', from: t.from, to: t.to, unitId: null }, a.now);
    return { toast: { type: 'info', content: recorded ? 'Excel 正在生成，稍后私信发送给您' : 'Excel 正在生成中，请稍候' } };
  },
};
