/**
 * `/督办 统计 [期间] [单位]`: the period's statistics card (全校 or, with a unit, that unit's figures with 查看事项), for
 * the person who asked and as they may see it (services/statistics.ts). In a group it is answered through
 * conversation.ts like every answer; the card names no item, and its drill-downs are drawn for whoever clicks.
 */
import { statsCard, statsUnitCard } from '../cards/stats-cards';
import { chinaDate } from '../domain/dates';
import { DubanError, ErrorCode } from '../domain/errors';
import { parsePeriod } from '../domain/stats-periods';
import { loadActor } from '../db/org-repository';
import { loadStats } from '../services/statistics';
import { type Conversation, answer } from './conversation';
import type { BotDeps } from './deps';
import type { StatsCommand } from './parse-stats';
import { resolveUnit } from './resolve';

export function answerStats(deps: BotDeps, p: StatsCommand, conv: Conversation, now: Date) {
  const db = deps.ctx.db;
  const period = parsePeriod(p.period, chinaDate(now));
  if (typeof period === 'string') throw new DubanError(ErrorCode.InvalidInput, period);
  const unitId = p.unit ? resolveUnit(db, p.unit).id : undefined;
  const report = loadStats(db, { from: period.from, to: period.to, unitId }, loadActor(db, conv.sender), { calendar: deps.ctx.calendar, now });
  const card = unitId ? statsUnitCard(report, unitId) : statsCard(report);
  answer(db, conv, card, now, null, 'stats');
}
