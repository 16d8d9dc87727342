/**
 * `/督办 统计 [本期|上期|2026年|2026年9-10月|2026-09-01..2026-10-31] [单位]`: the period as typed (read by the handler
 * with today's date, domain/stats-periods.ts; empty is 本期) and a unit name, in either order. Pure.
 */
export interface StatsCommand {
  kind: 'stats';
  period: string;
  unit: string | null;
}

export const STATS_USAGE = '/督办 统计 [本期|上期|2026年|2026年9-10月|2026-09-01..2026-10-31] [单位]';

const PERIOD_RE = /^(?:本期|上期|本年|今年|\d{4}年?|\d{4}年\d{1,2}[-–—~至]\d{1,2}月|\d{4}-\d{2}-\d{2}(?:\.\.|至|~|～|到)\d{4}-\d{2}-\d{2})$/;

export function parseStats(args: string): StatsCommand | { kind: 'error'; message: string } {
  const text = args
    .trim()
    .replace(/\s*(\.\.|至|~|～|到)\s*(?=\d{4}-)/g, '$1')
    .replace(/\s+/g, ' ');
  if (text.length > 60) return { kind: 'error', message: `统计条件写得太长了。\n格式：${STATS_USAGE}` };
  const words = text ? text.split(' ') : [];
  const periods = words.filter((w) => PERIOD_RE.test(w));
  if (periods.length > 1) return { kind: 'error', message: `只能写一个统计期间。\n格式：${STATS_USAGE}` };
  const unit = words.filter((w) => !PERIOD_RE.test(w)).join(' ');
  return { kind: 'stats', period: periods[0] ?? '', unit: unit || null };
}
