/**
 * `npm run duban -- stats --from 2026-09-01 --to 2026-10-31 [--unit <id|名称>] [--json] [--at <日期>]`: the office's
 * statistics for a period, as a table or as the JSON every output shares (services/statistics.ts).
 */
import { readFlags } from './cli-flags';
import type { Config } from './config';
import { openDatabase } from './db/client';
import { listUnits } from './db/org-repository';
import { chinaDate, isValidDate } from './domain/dates';
import { DubanError } from './domain/errors';
import { type UnitFigures, formatRate } from './domain/statistics';
import { checkRange } from './domain/stats-periods';
import { loadCalendar } from './runtime';
import { loadStats, statsJson } from './services/statistics';

export const STATS_USAGE = `用法：npm run duban -- stats --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--unit <单位id或名称>] [--json] [--at <YYYY-MM-DD>]
  例如 npm run duban -- stats --from 2026-09-01 --to 2026-10-31
  --at 按该日统计（默认今天；尚未结束的期间统计到该日）`;

interface StatsArgs {
  from: string;
  to: string;
  unit: string | undefined;
  json: boolean;
  at: string | undefined;
}

/** Reads the arguments, or says in Chinese what is wrong with them. */
export function parseStatsArgs(args: string[]): StatsArgs | string {
  const read = readFlags(args, { valued: { '--from': 'from', '--to': 'to', '--unit': 'unit', '--at': 'at' }, switches: { '--json': 'json' }, maxLength: 100 });
  if (typeof read === 'string') return read;
  const out: Partial<StatsArgs> = { unit: undefined, at: undefined, ...read.values, json: read.switches.json ?? false };
  if (!out.from || !out.to) return '请用 --from 和 --to 给出统计期间';
  const range = checkRange(out.from, out.to);
  if (typeof range === 'string') return range;
  if (out.at !== undefined && !isValidDate(out.at)) return `--at 应为有效日期，格式如 2026-11-02`;
  return out as StatsArgs;
}

const COLUMNS: Array<[string, (f: UnitFigures) => string]> = [
  ['单位', (f) => f.unitName],
  ['在办', (f) => String(f.inHand)],
  ['应办结', (f) => String(f.due)],
  ['已办结', (f) => String(f.closed)],
  ['按时办结', (f) => String(f.closedOnTime)],
  ['逾期未办结', (f) => String(f.overdue)],
  ['延期', (f) => String(f.extended)],
  ['协办', (f) => String(f.coop)],
  ['办结率', (f) => formatRate(f.closed, f.due)],
  ['按时办结率', (f) => formatRate(f.closedOnTime, f.due)],
  ['平均办结用时', (f) => (f.avgWorkingDaysToClose === null ? '—' : `${f.avgWorkingDaysToClose.toFixed(1)} 个工作日`)],
];

/** Display width: a CJK character takes two columns of a terminal. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u2E80-\uFFEF]/.test(c) ? 2 : 1), 0);
const pad = (s: string, w: number, right: boolean) => (right ? ' '.repeat(w - width(s)) + s : s + ' '.repeat(w - width(s)));

export function statsTable(lines: UnitFigures[]): string {
  const cells = [COLUMNS.map(([h]) => h), ...lines.map((f) => COLUMNS.map(([, get]) => get(f)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => width(row[i]!))));
  return cells.map((row) => row.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ')).join('\n');
}

export async function statsCommand(config: Config, args: string[]): Promise<number> {
  const parsed = parseStatsArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${STATS_USAGE}`);
    return 2;
  }
  const db = openDatabase(config.databasePath);
  try {
    let unitId: string | undefined;
    if (parsed.unit !== undefined) {
      const unit = listUnits(db).find((u) => u.id === parsed.unit || u.name === parsed.unit);
      if (!unit) {
        console.error(`没有找到单位“${parsed.unit}”（可写单位 id 或名称）`);
        return 2;
      }
      unitId = unit.id;
    }
    const now = parsed.at ? new Date(`${parsed.at}T12:00:00+08:00`) : new Date();
    const report = loadStats(db, { from: parsed.from, to: parsed.to, unitId }, null, { calendar: loadCalendar(config.calendarFile), now, detail: false });
    if (parsed.json) {
      console.log(JSON.stringify(statsJson(report), null, 2));
      return 0;
    }
    console.log(`督查督办统计　${report.label}（${report.from} 至 ${report.to}）`);
    if (report.askedTo) console.log(`期间尚未结束：统计截至 ${chinaDate(now)}。`);
    console.log(statsTable([...report.units, report.total]));
    console.log('口径：在办、应办结、已办结、按时办结等按统计截止日的历史记录计算；协办不计入比率；无应办结事项时比率为“—”。');
    return 0;
  } catch (err) {
    if (err instanceof DubanError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    db.$client.close();
  }
}
