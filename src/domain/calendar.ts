/**
 * Chinese working-day calendar (工作日历). Dates are 'YYYY-MM-DD' strings meaning a calendar day in China
 * (Asia/Shanghai, UTC+8, no DST). Pure: no I/O, no clock; results never depend on the process time zone.
 *
 * Years in chinese-days' data follow the State Council schedule (holidays off, 调休 make-up days on).
 * Later years, not yet announced, fall back to weekends plus the statutory holidays computed from the
 * lunar calendar, without make-up days. Overrides (the office's own file) win over both.
 */
// chinese-days is CommonJS under Node ("main"), ESM under Vite ("module"): only the default export works in
// both, named imports fail in Node ESM.
import chineseDays from 'chinese-days';
// The published schedule, read directly: the library builds its in-memory copy by parsing dates as UTC and
// reading them back with local getters, so its isWorkday() is a day off when the process runs west of UTC.
import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export type CalendarOverrides = { holidays?: string[]; workdays?: string[] };

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of UTC midnight of the date, or NaN unless it is a real YYYY-MM-DD date (rejects 2027-02-30). */
function parseUtc(date: string): number {
  const t = DATE_RE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date ? t : NaN;
}

const isRealDate = (date: string): boolean => !Number.isNaN(parseUtc(date));

function toUtc(date: string): number {
  const t = parseUtc(date);
  if (Number.isNaN(t)) throw new Error(`"${date}" 不是有效日期（应为 YYYY-MM-DD）`);
  return t;
}

const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Year, month (1–12) and day of the day `days` after 1970-01-01, proleptic Gregorian as Date counts (H. Hinnant's
 * days-to-civil algorithm). Arithmetic only: a Date and its ISO string cost about four times as much.
 */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

/**
 * The YYYY-MM-DD of a UTC instant, as `new Date(t).toISOString().slice(0, 10)` writes it: about 200 ns against 850
 * for the Date and its ISO string, and every card with a light asks for today. Years outside 1000–9999 (and NaN,
 * which must throw as before) take the Date's way.
 */
export function isoDateOfUtc(t: number): string {
  const [year, month, day] = civilFromDays(Math.floor(t / DAY_MS));
  if (!(year >= 1000 && year <= 9999)) return new Date(t).toISOString().slice(0, 10);
  return `${year}-${PAD2[month]}-${PAD2[day]}`;
}

const fromUtc = isoDateOfUtc;

// The last instant asked and its date: a card asks for today once per item (a list of 30 asks 30 times with the
// same `now`). Keyed by the instant's value, not the Date object, which can be changed in place.
let lastInstant = NaN;
let lastChinaDate = '';

/** The Shanghai calendar date of an instant. */
export function chinaDate(now: Date): string {
  const t = now.getTime();
  if (t !== lastInstant) {
    lastChinaDate = fromUtc(t + 8 * 3_600_000);
    lastInstant = t;
  }
  return lastChinaDate;
}

/** The date n calendar days after `date` (before, for negative n). */
export function addDays(date: string, n: number): string {
  return fromUtc(toUtc(date) + n * DAY_MS);
}

// Group chinese-days' schedule by year once. A year counts as known when it has official holidays in the data.
const official = new Map<number, { off: Set<string>; on: Set<string> }>();
function officialYear(year: number) {
  let y = official.get(year);
  if (!y) official.set(year, (y = { off: new Set(), on: new Set() }));
  return y;
}
for (const d of Object.keys(schedule.holidays)) officialYear(Number(d.slice(0, 4))).off.add(d);
for (const d of Object.keys(schedule.workdays)) officialYear(Number(d.slice(0, 4))).on.add(d);

// chinese-days' lunar tables cover 1900–2100: statutory holidays are computed inside them only. Outside (a typo such
// as 2206, or 9999-12-31) the calendar still answers, with weekends alone, so no date can take a list or a card down;
// dates that far out are refused where people enter them (domain/dates.ts).
const MIN_LUNAR_YEAR = 1901;
const MAX_LUNAR_YEAR = 2099;
const inLunarRange = (year: number) => year >= MIN_LUNAR_YEAR && year <= MAX_LUNAR_YEAR;

/** UTC midnight of Jan 1 of `year` (Date.UTC reads years 0–99 as 1900–1999). */
function yearStartUtc(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
}

/** Monday-to-Friday days in a year: the whole count of a year with no holidays, without walking its days. */
function weekdaysInYear(year: number): number {
  const start = yearStartUtc(year);
  const days = Math.round((yearStartUtc(year + 1) - start) / DAY_MS);
  const first = new Date(start).getUTCDay();
  let count = Math.floor(days / 7) * 5;
  for (let i = 0; i < days % 7; i++) {
    const w = (first + i) % 7;
    if (w !== 0 && w !== 6) count++;
  }
  return count;
}

/** The solar date of a lunar month/day in the lunar year that begins in `year` (the non-leap month). */
function lunarToSolar(year: number, month: number, day: number): string {
  // A local-time Date: the library reads it back with local getters, so this is time-zone safe.
  return chineseDays.getSolarDateFromLunar(new Date(year, month - 1, day)).date;
}

/** The day of 清明 in `year`. */
function qingming(year: number): string {
  const raw = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  // The library formats a UTC-midnight Date with local getters, so west of UTC it reports the previous day.
  const westOfUtc = new Date(Date.UTC(year, 3, 4)).getTimezoneOffset() > 0;
  return westOfUtc ? addDays(raw, 1) : raw;
}

/** Statutory public holidays (全体公民放假的节日, 2025 rules): the fallback for a year not yet announced. */
export function statutoryHolidays(year: number): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = (m: number, day: number) => `${year}-${pad(m)}-${pad(day)}`;
  const springFestival = lunarToSolar(year, 1, 1);
  return [
    d(1, 1), // 元旦
    addDays(springFestival, -1), // 除夕 (the eve, whether lunar 12/29 or 12/30)
    springFestival,
    addDays(springFestival, 1),
    addDays(springFestival, 2), // 初三
    qingming(year), // 清明
    d(5, 1),
    d(5, 2), // 劳动节
    lunarToSolar(year, 5, 5), // 端午
    lunarToSolar(year, 8, 15), // 中秋
    d(10, 1),
    d(10, 2),
    d(10, 3), // 国庆
  ];
}

/** One day: whether it is a working day, and how many working days its year has from Jan 1 through it. */
type Day = { date: string; year: number; index: number; work: boolean; upTo: number };
type YearTable = { byDate: Map<string, Day>; list: Day[]; total: number };

export class WorkCalendar {
  private readonly overrideOff: ReadonlySet<string>;
  private readonly overrideOn: ReadonlySet<string>;
  private readonly years = new Map<number, YearTable>();

  constructor(overrides: CalendarOverrides = {}) {
    const holidays = overrides.holidays ?? [];
    const workdays = overrides.workdays ?? [];
    for (const d of [...holidays, ...workdays]) {
      if (!isRealDate(d)) throw new Error(`日历覆盖: "${d}" 不是有效日期`);
    }
    this.overrideOff = new Set(holidays);
    this.overrideOn = new Set(workdays);
    for (const d of this.overrideOn) {
      if (this.overrideOff.has(d)) throw new Error(`日历覆盖: "${d}" 同时列在 holidays 和 workdays 中`);
    }
  }

  /** Whether the State Council schedule for the year is in chinese-days' data (otherwise: computed fallback). */
  isKnownYear(year: number): boolean {
    return (official.get(year)?.off.size ?? 0) > 0;
  }

  isWorkday(date: string): boolean {
    return this.day(date).work;
  }

  /** Working days in (from, to] when to > from; minus those in (to, from] when to < from; 0 when equal. */
  workdaysBetween(from: string, to: string): number {
    const a = this.day(from);
    const b = this.day(to);
    if (to < from) return -this.workdaysBetween(to, from);
    let count = b.upTo - a.upTo;
    for (let y = a.year; y < b.year; y++) count += this.yearTotal(y);
    return count;
  }

  /** The n-th working day after `date` (before, for negative n); `date` itself for n = 0. */
  addWorkdays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new Error(`工作日数必须是整数: ${n}`);
    let day = this.day(date);
    for (let left = Math.abs(n); left > 0; ) {
      day = this.step(day, n > 0 ? 1 : -1);
      if (day.work) left--;
    }
    return day.date;
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string {
    return this.addWorkdays(date, 1);
  }

  /** `date` if it is a working day, else the next working day. */
  onOrAfterWorkday(date: string): string {
    return this.isWorkday(date) ? date : this.addWorkdays(date, 1);
  }

  private day(date: string): Day {
    const year = Number(date.slice(0, 4));
    const hit = this.years.get(year)?.byDate.get(date);
    if (hit) return hit;
    toUtc(date); // throws a clear error for anything that is not a real date
    return this.table(year).byDate.get(date)!;
  }

  /** The neighbouring day, walking the year tables rather than re-parsing date strings. */
  private step(day: Day, by: 1 | -1): Day {
    const next = this.table(day.year).list[day.index + by];
    if (next) return next;
    return by > 0 ? this.table(day.year + 1).list[0]! : this.table(day.year - 1).list.at(-1)!;
  }

  /** Working days in a whole year; years outside the lunar tables with no override are counted, not built. */
  private yearTotal(year: number): number {
    const cached = this.years.get(year);
    if (cached) return cached.total;
    if (!inLunarRange(year) && !this.hasOverrideIn(year)) return weekdaysInYear(year);
    return this.table(year).total;
  }

  private hasOverrideIn(year: number): boolean {
    const prefix = `${String(year).padStart(4, '0')}-`;
    for (const d of this.overrideOff) if (d.startsWith(prefix)) return true;
    for (const d of this.overrideOn) if (d.startsWith(prefix)) return true;
    return false;
  }

  private table(year: number): YearTable {
    const cached = this.years.get(year);
    if (cached) return cached;
    if (!Number.isInteger(year) || year < 1 || year > 9999) throw new Error(`工作日历只支持 0001–9999 年，收到 ${year} 年`);
    const known = official.get(year);
    const off = this.isKnownYear(year) ? known!.off : inLunarRange(year) ? new Set(statutoryHolidays(year)) : new Set<string>();
    const on = known?.on ?? new Set<string>();
    const list: Day[] = [];
    let upTo = 0;
    for (let t = yearStartUtc(year); t < yearStartUtc(year + 1); t += DAY_MS) {
      const d = fromUtc(t);
      const weekday = new Date(t).getUTCDay();
      const work = this.overrideOn.has(d)
        ? true
        : this.overrideOff.has(d)
          ? false
          : on.has(d) || (weekday !== 0 && weekday !== 6 && !off.has(d));
      if (work) upTo++;
      list.push({ date: d, year, index: list.length, work, upTo });
    }
    const table = { byDate: new Map(list.map((day) => [day.date, day])), list, total: upTo };
    this.years.set(year, table);
    return table;
  }
}

export function createWorkCalendar(overrides?: CalendarOverrides): WorkCalendar {
  return new WorkCalendar(overrides);
}

/**
 * Parses the office's override file: `holidays: [YYYY-MM-DD, ...]` and `workdays: [...]`, both optional.
 * Errors are in Chinese and name the line, since the office edits this file by hand.
 */
export function parseCalendarOverrides(yamlText: string): CalendarOverrides {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  function fail(offset: number | undefined, what: string): never {
    throw new Error(`日历覆盖文件第 ${lineCounter.linePos(offset ?? 0).line} 行: ${what}`);
  }

  const syntaxError = doc.errors[0];
  if (syntaxError) fail(syntaxError.pos[0], `YAML 格式错误（${syntaxError.message.split(' at line ')[0]}）`);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return {};
  if (!isMap(doc.contents)) fail(doc.contents.range?.[0], '应为 holidays: [...] 和 workdays: [...]');

  const result: CalendarOverrides = {};
  const seen = new Map<string, 'holidays' | 'workdays'>();
  for (const pair of doc.contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : undefined;
    const key = keyNode?.value;
    if (key !== 'holidays' && key !== 'workdays') {
      fail(keyNode?.range?.[0], `未知的键 "${String(key)}"，只允许 holidays 和 workdays`);
    }
    const value = pair.value;
    const dates: string[] = [];
    if (isSeq(value)) {
      for (const item of value.items) {
        const offset = isScalar(item) ? item.range?.[0] : keyNode?.range?.[0];
        const text = isScalar(item) ? String(item.value) : String(item);
        // Unquoted dates stay strings under YAML 1.2; anything else (numbers, nested lists) is a typo.
        if (!isScalar(item) || typeof item.value !== 'string' || !isRealDate(item.value)) {
          fail(offset, `"${text}" 不是有效日期`);
        }
        const other = seen.get(text);
        if (other && other !== key) fail(offset, `"${text}" 同时列在 holidays 和 workdays 中`);
        seen.set(text, key);
        dates.push(text);
      }
    } else if (value !== null && !(isScalar(value) && value.value === null)) {
      fail(keyNode?.range?.[0], `${key} 应为日期列表，如 [2027-01-01]`);
    }
    result[key] = dates;
  }
  return result;
}
