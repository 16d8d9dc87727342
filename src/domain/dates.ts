/** Calendar dates in China (Asia/Shanghai, UTC+8 all year) as 'YYYY-MM-DD' strings. */
export { chinaDate, addDays } from './calendar';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Accepts what people type for a date: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日, 12月31日 (this year or next). */
export function parseDateInput(text: string, today: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  let y: number, mo: number, da: number;
  if (m) {
    [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t))) {
    [mo, da] = [Number(m[1]), Number(m[2])];
    y = Number(today.slice(0, 4));
    const candidate = fmt(y, mo, da);
    if (candidate < today) y += 1; // "12月31日" typed in January means the coming one
  } else return null;
  const s = fmt(y, mo, da);
  return isValidDate(s) ? s : null;
}

const fmt = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** How far ahead a deadline may be set. Beyond it a date is almost always a typo (2206 for 2026). */
export const MAX_YEARS_AHEAD = 5;

/** The same day `years` years on (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const s = `${String(y).padStart(4, '0')}-${md}`;
  return isValidDate(s) ? s : `${String(y).padStart(4, '0')}-02-28`;
}

/** The latest deadline that may be entered today. */
export const latestDeadline = (today: string) => addYears(today, MAX_YEARS_AHEAD);

/**
 * Null when `date` is within the horizon, else what to tell the person. Every date a person sets (a deadline, a
 * stage, an extension, a return's new deadline) passes here where it enters.
 */
export function beyondHorizon(date: string, today: string, what: string): string | null {
  const limit = latestDeadline(today);
  if (date <= limit) return null;
  return `${what} ${date} 过远：最晚可定为 ${limit}（${MAX_YEARS_AHEAD} 年内），请检查年份是否写错`;
}
