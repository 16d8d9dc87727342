import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS, type Card, cardSize } from '../../src/cards/cards';
import { buttonsOf, checkCard } from './card-schema';

const PRIMARY = ['primary', 'primary_filled'];

/** Every markdown and plain_text content in the card, wherever it is nested. */
function textsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if ((o.tag === 'markdown' || o.tag === 'plain_text') && typeof o.content === 'string') out.push(o.content);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/**
 * Lines that stand for an empty field: a text that is only '—', or a labelled line whose value is '—'
 * (**责任人**：—). An empty field is left out instead.
 */
export function dashLines(card: unknown): string[] {
  const plain = (t: string) => t.replace(/<\/?font[^>]*>/g, '').replace(/\*\*/g, '').trim();
  return textsOf(card)
    .flatMap((t) => t.split('\n'))
    .map(plain)
    .filter((l) => l === '—' || /[：:]\s*—(\s|$)/.test(l) || /^—\s/.test(l));
}

/** Buttons of type primary or primary_filled. */
export const primaryButtons = (card: unknown) => buttonsOf(card).filter((b) => PRIMARY.includes(String(b.type)));

/** What every card the bot sends must keep to: a snapshot, the documented attributes, {a, id, v} buttons, < 30 KB. */
export function cardContract(title: string, cards: Record<string, Card>) {
  describe(`${title} snapshots`, () => {
    for (const [name, card] of Object.entries(cards)) {
      it(name, () => expect(card).toMatchSnapshot());
    }
  });

  describe(`every ${title}`, () => {
    it.each(Object.keys(cards))('%s keeps to the documented card JSON 2.0 attributes', (name) => {
      expect(checkCard(cards[name])).toEqual([]);
    });

    it.each(Object.keys(cards))('%s: every button calls back with exactly {a, id, v}', (name) => {
      for (const b of buttonsOf(cards[name])) {
        const behaviors = b.behaviors as { type: string; value: Record<string, unknown> }[];
        expect(behaviors).toHaveLength(1);
        expect(behaviors[0]!.type).toBe('callback');
        const v = behaviors[0]!.value;
        expect(Object.keys(v).sort()).toEqual(['a', 'id', 'v']);
        expect(CARD_ACTIONS).toContain(v.a);
        expect(Number.isInteger(v.id) && Number.isInteger(v.v)).toBe(true);
      }
    });

    it.each(Object.keys(cards))('%s has a summary and stays well under 30 KB', (name) => {
      const card = cards[name]!;
      const summary = (card.config as { summary: { content: string } }).summary.content;
      expect(summary.trim()).not.toBe('');
      expect(summary).not.toMatch(/\{\{|^—|：—/);
      expect(cardSize(card)).toBeLessThan(30 * 1024);
    });

    it.each(Object.keys(cards))('%s shows no empty field as "—"', (name) => {
      expect(dashLines(cards[name])).toEqual([]);
    });

    it.each(Object.keys(cards))('%s has at most one primary button', (name) => {
      expect(primaryButtons(cards[name]).length).toBeLessThanOrEqual(1);
    });
  });
}
