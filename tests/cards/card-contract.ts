import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS, type Card, cardSize } from '../../src/cards/cards';
import { buttonsOf, checkCard } from './card-schema';

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
      expect((card.config as { summary: { content: string } }).summary.content).not.toBe('');
      expect(cardSize(card)).toBeLessThan(30 * 1024);
    });
  });
}
