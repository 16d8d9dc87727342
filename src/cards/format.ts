/** Small formatting helpers shared by the card builders: dates, lights, clipping, size. */
import { civilFromDays } from '../domain/calendar';
import { type DeadlineStatus, type Light, deadlineStatus } from '../domain/deadline';
import type { Item } from '../domain/item';
import type { Card, CardContext } from './types';

/** Feishu refuses card messages over 30 KB (error 230025); cards aim below this to leave room for the envelope. */
export const CARD_BYTES_TARGET = 28 * 1024;

/** Bytes of the card as sent: UTF-8 of its JSON. */
export function cardSize(card: Card): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

// Characters whose JSON takes more than 3 bytes a UTF-16 unit: the control characters written as \u00XX (\b \t \n
// \f \r take 2) and surrogates (a pair is 4 bytes for two units, but a lone one is a 6-byte \uXXXX).
const WIDE = /[\u0000-\u0007\u000b\u000e-\u001f\ud800-\udfff]/;

/**
 * At least as many bytes as {@link cardSize}, found by a walk that serialises nothing (a few µs against 10–30 for
 * the JSON of a slip). A UTF-16 unit is at most 6 bytes of JSON: 3 of UTF-8, 2 for `"` and `\`, 6 for a control
 * character or a lone surrogate as \uXXXX. `exact` tests each string for those and counts 3 a unit when it has
 * none: a closer bound for a few µs more. Anything whose JSON the walk cannot see (toJSON, boxed values, class
 * instances, BigInt, nesting deeper than any card, so also a cycle) is Infinity, which sends the caller to the
 * real size (and JSON.stringify's own error).
 */
export function cardSizeBound(value: unknown, exact = false, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return 2 + (exact && !WIDE.test(value) ? 3 : 6) * value.length;
    case 'number':
      return 25; // the longest a double prints, as in -0.0000010000000000000002 ("null" when not finite)
    case 'boolean':
      return 5;
    case 'undefined':
    case 'function':
    case 'symbol':
      return 4; // "null" in an array; left out of an object
    case 'object': {
      if (value === null) return 4;
      if (depth > 64) return Infinity;
      if (Array.isArray(value)) {
        let n = 2;
        for (const el of value) n += cardSizeBound(el, exact, depth + 1) + 1;
        return n;
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return Infinity;
      }
      let n = 2;
      // for…in also sees inherited keys: more than JSON writes, never fewer.
      for (const key in value) n += 2 + cardSizeBound(key, exact) + cardSizeBound((value as Record<string, unknown>)[key], exact, depth + 1);
      return n;
    }
    default:
      return Infinity; // bigint: JSON.stringify throws, and cardSize should say so
  }
}

/**
 * Builds a card at full length, then with user texts clipped ever shorter until it fits. `build(k)` scales every
 * clipping length by k. A card that does not fit even then is a bug in a builder, not a user's doing.
 */
export function fitCard(build: (k: number) => Card): Card {
  let card: Card = {};
  for (const k of [1, 0.5, 0.25, 0.12]) {
    card = build(k);
    // Most cards are far below the limit even counted at 6 bytes a character, and most of the rest at 3: then the
    // JSON is not needed here. Only a card near the limit is serialised.
    if (cardSizeBound(card) <= CARD_BYTES_TARGET || cardSizeBound(card, true) <= CARD_BYTES_TARGET || cardSize(card) <= CARD_BYTES_TARGET) {
      return card;
    }
  }
  throw new Error(`卡片过大（${cardSize(card)} 字节），超过飞书 30 KB 上限`);
}

/** At most `max` characters (code points, so emoji stay whole), with '…' when cut. Whitespace trimmed. */
export function clip(text: string | null | undefined, max: number): string {
  const t = (text ?? '').trim();
  // No more UTF-16 units than `max` is no more code points either: most texts are whole, and need no array of them.
  if (t.length <= max) return t;
  const chars = Array.from(t);
  return chars.length <= max ? t : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const twoDigits = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);

/** 2026-12-31 → 2026年12月31日 (the one date format on cards). */
export function formatDate(date: string): string {
  // What /^(\d{4})-(\d{2})-(\d{2})/ matches, read by character: no match array and its three strings per date.
  const ok =
    date.length >= 10 &&
    isDigit(date, 0) && isDigit(date, 1) && isDigit(date, 2) && isDigit(date, 3) &&
    date.charCodeAt(4) === 45 &&
    isDigit(date, 5) && isDigit(date, 6) &&
    date.charCodeAt(7) === 45 &&
    isDigit(date, 8) && isDigit(date, 9);
  return ok ? `${date.slice(0, 4)}年${twoDigits(date, 5)}月${twoDigits(date, 8)}日` : date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Instants whose Beijing date has a four-digit year; others are written by the Date, as they always were. */
const FOUR_DIGIT_YEARS = [Date.UTC(1000, 0, 1) - 8 * HOUR_MS, Date.UTC(10_000, 0, 1) - 8 * HOUR_MS] as const;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** An instant (ISO string) as Beijing time: 2026年11月20日 10:15. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  if (t >= FOUR_DIGIT_YEARS[0] && t < FOUR_DIGIT_YEARS[1]) {
    // The fields of the Beijing time by arithmetic (a history of 15 rows writes 15 times): what the ISO string of
    // t + 8 h reads, without the Date and the string.
    const local = t + 8 * HOUR_MS;
    const days = Math.floor(local / DAY_MS);
    const [year, month, day] = civilFromDays(days);
    const minutes = Math.floor((local - days * DAY_MS) / 60_000);
    return `${year}年${month}月${day}日 ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  }
  const s = new Date(t + 8 * HOUR_MS).toISOString();
  return `${formatDate(s.slice(0, 10))} ${s.slice(11, 16)}`;
}

export const LIGHT_EMOJI: Record<Light, string> = { green: '🟢', yellow: '🟡', red: '🔴', none: '⚪' };
/** Markdown <font> colours for the deadline text; yellow text is unreadable on white, so orange stands in. */
export const LIGHT_COLOR: Record<Light, string> = { green: 'green', yellow: 'orange', red: 'red', none: 'grey' };

export function statusOf(item: Item, c: CardContext): DeadlineStatus {
  return deadlineStatus(item, c.now, c.calendar, c.yellowWithin ?? 3);
}

/** The card text that an item's light stands for: '剩余 N 个工作日', '逾期 N 个工作日', or the state for closed items. */
export function deadlineText(status: DeadlineStatus, stateLabel: string): string {
  return status.light === 'none' ? stateLabel : status.text;
}

const TAG_RE = /<\/?(?:font|text_tag)\b[^>]*>/g;

/**
 * Plain text of every markdown and plain_text content in the card, in order, one per line: markup (<font>,
 * <text_tag>, **) removed and escapes decoded, so user text reads as typed.
 */
export function textOf(card: Card): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.content === 'string') {
      if (o.tag === 'markdown' || o.tag === 'lark_md') {
        out.push(
          o.content
            .replace(TAG_RE, '')
            .replace(/\*\*/g, '')
            .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
            .replace(/&sim;/g, '~'),
        );
      } else if (o.tag === 'plain_text') out.push(o.content);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'content') walk(v);
  };
  walk(card);
  return out.join('\n');
}
