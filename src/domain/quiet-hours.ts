/**
 * Quiet hours (免打扰时段) and rest days: when the bot may send a message nobody asked for (reminders, digests,
 * summaries). Pure: `now` is an input, times are Beijing time (UTC+8, no DST), days follow the working calendar
 * (调休 make-up days are working days, holidays and ordinary weekends are rest days).
 *
 * Rules:
 * - Nothing automatic on a rest day, ever.
 * - On a working day nothing automatic in the quiet hours `[start, end)`. `start` after `end` (the usual
 *   {start: '20:00', end: '08:00'}) is a night across midnight; `start` before `end` (e.g. 12:00–13:30) is a quiet
 *   spell within the day; `start` equal to `end` means no quiet hours (rest days still are).
 * - `nextAllowedMoment(now)` is `now` itself when it is allowed, otherwise the first allowed moment after it: the end
 *   of today's quiet hours when they end later today, else the start of the next working day's allowed time
 *   (08:00 with the defaults). Messages planned at a disallowed moment wait until then (`notBefore`), in the order
 *   they were planned.
 *
 * Answers to a person's own command or click are not automatic and are never held back; this is for what the bot
 * says of its own accord. Exported for every such notification.
 */
import { chinaDate, type WorkCalendar } from './calendar';

export interface QuietHours {
  /** 'HH:MM', Beijing time: quiet from this minute… */
  start: string;
  /** …until this one (exclusive). */
  end: string;
}

/** Nothing automatic outside 08:00–20:00 Beijing time (nor on rest days). */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: '20:00', end: '08:00' };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const BEIJING_MS = 8 * 3_600_000;

/** Whether `text` is a time of day as the schedule file writes it ('08:00', '20:30'). */
export function isClockTime(text: string): boolean {
  return HHMM.test(text);
}

function minutes(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" 不是有效的时刻（应为 HH:MM，如 08:00）`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant of minute `m` of the China date `date`. */
function instantOf(date: string, m: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - BEIJING_MS + m * MINUTE_MS);
}

interface Window {
  start: number;
  end: number;
}

function windowOf(cfg: QuietHours): Window {
  return { start: minutes(cfg.start), end: minutes(cfg.end) };
}

/** Whether minute-of-day `m` (fractional) is within the quiet hours. */
function quietAt(w: Window, m: number): boolean {
  if (w.start === w.end) return false;
  return w.start > w.end ? m >= w.start || m < w.end : m >= w.start && m < w.end;
}

/** Whether an automatic message may go out at `now`. */
export function isAllowedMoment(now: Date, calendar: WorkCalendar, cfg: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  return nextAllowedMoment(now, calendar, cfg).getTime() === now.getTime();
}

/**
 * `now` if an automatic message may go out then; otherwise the first moment after it when one may (see the module
 * comment). The result is always on a working day and outside the quiet hours.
 */
export function nextAllowedMoment(now: Date, calendar: WorkCalendar, cfg: QuietHours | null = DEFAULT_QUIET_HOURS): Date {
  // null: quiet hours switched off (`quietHours: false`; local mode, where nothing reaches a phone).
  if (cfg === null) return now;
  const w = windowOf(cfg);
  const today = chinaDate(now);
  const minute = (now.getTime() - instantOf(today, 0).getTime()) / MINUTE_MS;
  if (calendar.isWorkday(today)) {
    if (!quietAt(w, minute)) return now;
    // Quiet now. The quiet hours end later today when they are a spell within the day, or when it is the early
    // morning part of a night.
    if (w.end > minute && (w.start < w.end || minute < w.end)) return instantOf(today, w.end);
  }
  // The first allowed minute of the next working day: midnight, unless midnight is in the quiet hours.
  const first = quietAt(w, 0) ? w.end : 0;
  return instantOf(calendar.nextWorkday(today), first % DAY_MINUTES);
}

/**
 * What an automatic message planned at `now` should carry as `notBefore`: nothing when it may go at once, else the
 * next allowed moment.
 */
export function quietNotBefore(now: Date, calendar: WorkCalendar, cfg: QuietHours | null = DEFAULT_QUIET_HOURS): Date | undefined {
  const at = nextAllowedMoment(now, calendar, cfg);
  return at.getTime() === now.getTime() ? undefined : at;
}
