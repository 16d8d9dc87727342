/**
 * Statistics periods (统计期间): ranges of China dates, inclusive. The office counts every two months (1–2, 3–4, …,
 * 11–12 月) and at year end (LZU art. 7, NWU art. 6(四)); any other range may be asked for. Pure: `today` is passed in.
 */
import { addDays } from './calendar';
import { isValidDate } from './dates';

export interface Period {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day (T), YYYY-MM-DD. */
  to: string;
}

/** A period with what the office calls it and a stable key (stats_reports.period_key). */
export interface NamedPeriod extends Period {
  label: string;
  key: string;
}

/** The longest range one report covers: ten years is every figure anyone appraises, and bounds the work. */
export const MAX_PERIOD_DAYS = 3660;

const pad = (n: number) => String(n).padStart(2, '0');

/** The k-th two-month period (1 = 1–2 月 … 6 = 11–12 月) of a year. */
export function bimonthly(year: number, k: number): NamedPeriod {
  if (!Number.isInteger(k) || k < 1 || k > 6) throw new Error(`双月期间应为 1–6，收到 ${k}`);
  const m1 = 2 * k - 1;
  const from = `${year}-${pad(m1)}-01`;
  // The day before the first of the month after the period.
  const to = k === 6 ? `${year}-12-31` : addDays(`${year}-${pad(m1 + 2)}-01`, -1);
  return { from, to, label: `${year}年${m1}–${m1 + 1}月`, key: `${year}-${pad(m1)}..${year}-${pad(m1 + 1)}` };
}

export function wholeYear(year: number): NamedPeriod {
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年`, key: String(year) };
}

/** The two-month period a date falls in. */
export function bimonthlyOf(date: string): NamedPeriod {
  return bimonthly(Number(date.slice(0, 4)), Math.ceil(Number(date.slice(5, 7)) / 2));
}

/** The two-month period before the one a date falls in (上期). */
export function previousBimonthly(date: string): NamedPeriod {
  const cur = bimonthlyOf(date);
  return bimonthlyOf(addDays(cur.from, -1));
}

/** Any range, checked: real dates, from ≤ to, at most MAX_PERIOD_DAYS. Returns a Chinese reason when refused. */
export function checkRange(from: string, to: string): NamedPeriod | string {
  if (!isValidDate(from)) return `开始日期“${from}”不是有效日期，格式如 2026-09-01`;
  if (!isValidDate(to)) return `结束日期“${to}”不是有效日期，格式如 2026-10-31`;
  if (from > to) return `开始日期 ${from} 晚于结束日期 ${to}`;
  // The years a card's buttons can name (cards/stats-cards.ts packs days from 2000); no item is older or that far out.
  if (from < '2000-01-01' || to > '2089-12-31') return '统计期间应在 2000 年至 2089 年之间';
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) return `统计期间最长 ${MAX_PERIOD_DAYS} 天`;
  return named(from, to);
}

/** Names a range: a whole year or a two-month period by its name, anything else by its dates. */
export function named(from: string, to: string): NamedPeriod {
  const y = Number(from.slice(0, 4));
  const year = wholeYear(y);
  if (year.from === from && year.to === to) return year;
  const bi = bimonthlyOf(from);
  if (bi.from === from && bi.to === to) return bi;
  return { from, to, label: `${from} 至 ${to}`, key: `${from}..${to}` };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * What a person typed after 统计: 本期 (the two-month period of today), 上期 (the one before), `2026年` / `2026`,
 * `2026年9-10月` (a two-month period), or a range `2026-09-01..2026-10-31` (also `至`, `~`). Empty means 本期.
 * Returns the period, or a Chinese reason.
 */
export function parsePeriod(text: string, today: string): NamedPeriod | string {
  const p = readPeriod(text, today);
  return typeof p === 'string' || (p.from >= '2000-01-01' && p.to <= '2089-12-31') ? p : '统计期间应在 2000 年至 2089 年之间';
}

function readPeriod(text: string, today: string): NamedPeriod | string {
  const t = text.trim().replace(/\s+/g, '');
  if (t === '' || t === '本期') return bimonthlyOf(today);
  if (t === '上期') return previousBimonthly(today);
  if (t === '本年' || t === '今年') return wholeYear(Number(today.slice(0, 4)));
  let m = /^(\d{4})年?$/.exec(t);
  if (m) return wholeYear(Number(m[1]));
  m = /^(\d{4})年(\d{1,2})[-–—~至](\d{1,2})月$/.exec(t);
  if (m) {
    const a = Number(m[2]);
    const b = Number(m[3]);
    if (a % 2 === 1 && b === a + 1 && b <= 12) return bimonthly(Number(m[1]), b / 2);
    return `“${text.trim()}”不是双月统计期间（应为 1–2、3–4、5–6、7–8、9–10 或 11–12 月）`;
  }
  m = /^(\d{4}-\d{2}-\d{2})(?:\.\.|至|~|～|到)(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (m) return checkRange(m[1]!, m[2]!);
  return `无法识别的统计期间“${text.trim()}”，可写：本期、上期、2026年、2026年9-10月，或 2026-09-01..2026-10-31`;
}
