/** Small formatting helpers shared by the card builders: dates, lights, clipping, size. */
import { type DeadlineStatus, type Light, deadlineStatus } from '../domain/deadline';
import type { Item } from '../domain/item';
import type { Card, CardContext } from './types';

/** Feishu refuses card messages over 30 KB (error 230025); cards aim below this to leave room for the envelope. */
export const CARD_BYTES_TARGET = 28 * 1024;

/** Bytes of the card as sent: UTF-8 of its JSON. */
export function cardSize(card: Card): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Builds a card at full length, then with user texts clipped ever shorter until it fits. `build(k)` scales every
 * clipping length by k. A card that does not fit even then is a bug in a builder, not a user's doing.
 */
export function fitCard(build: (k: number) => Card): Card {
  let card: Card = {};
  for (const k of [1, 0.5, 0.25, 0.12]) {
    card = build(k);
    if (cardSize(card) <= CARD_BYTES_TARGET) return card;
  }
  throw new Error(`卡片过大（${cardSize(card)} 字节），超过飞书 30 KB 上限`);
}

/** At most `max` characters (code points, so emoji stay whole), with '…' when cut. Whitespace trimmed. */
export function clip(text: string | null | undefined, max: number): string {
  const t = (text ?? '').trim();
  const chars = Array.from(t);
  return chars.length <= max ? t : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

/** 2026-12-31 → 2026年12月31日 (the one date format on cards). */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** An instant (ISO string) as Beijing time: 2026年11月20日 10:15. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + 8 * 3_600_000).toISOString();
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
