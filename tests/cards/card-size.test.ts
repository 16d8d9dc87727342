/**
 * fitCard skips the JSON of a card that is surely small enough; the bound it trusts must never be below the real
 * size, whatever the text holds (CJK, emoji, lone surrogates, control characters, quotes), or a card over
 * Feishu's 30 KB would be sent.
 */
import { describe, expect, it } from 'vitest';
import { CARD_BYTES_TARGET, cardSize, cardSizeBound, fitCard } from '../../src/cards/format';
import type { Card } from '../../src/cards/types';
import { prng } from '../support/prng';

const realBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? 'null', 'utf8');

const rng = prng;

// The characters whose JSON is longest per UTF-16 unit, and ordinary ones.
const UNITS = ['a', '"', '\\', '\n', '\u0001', '\u001f', '\u007f', 'é', '教', '\uffff', '🟢', '\ud800', '\udfff', '\u2028'];
const NUMBERS = [0, -0, 1, -1.5, 2026, 1e21, -1e-7, 1.2345678901234567e-300, -1.0000000000000002e-6, -123456789012345680000, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const kind = Math.floor(next() * (depth > 3 ? 4 : 7));
  switch (kind) {
    case 0: {
      let s = '';
      const n = Math.floor(next() * 12);
      for (let i = 0; i < n; i++) s += pick(UNITS);
      return s;
    }
    case 1:
      return pick(NUMBERS);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick([undefined, () => 1, Symbol('s')]);
    case 4:
    case 5: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(next() * 5);
      for (let i = 0; i < n; i++) o[(value(next, 9) as string) || `k${i}`] = value(next, depth + 1);
      return o;
    }
    default:
      return Array.from({ length: Math.floor(next() * 5) }, () => value(next, depth + 1));
  }
}

describe('cardSizeBound', () => {
  it('is never below the bytes of the JSON, for generated values', () => {
    const next = rng(7);
    for (let i = 0; i < 20_000; i++) {
      const v = { schema: '2.0', body: value(next, 0) };
      const bytes = realBytes(v);
      expect(cardSizeBound(v, true), JSON.stringify(v)).toBeGreaterThanOrEqual(bytes);
      expect(cardSizeBound(v)).toBeGreaterThanOrEqual(cardSizeBound(v, true));
    }
  });

  it('is never below the bytes of a number, a string or a literal on its own', () => {
    for (const v of [...NUMBERS, true, false, null, ...UNITS]) {
      for (const exact of [false, true]) expect(cardSizeBound(v, exact), String(v)).toBeGreaterThanOrEqual(realBytes(v));
    }
  });

  it('is never below the bytes of a string made of the widest characters', () => {
    for (const unit of [...UNITS, '\u0000', '\u0008', '\u000b', '\u000c', '\u000e', '\udbff\udfff', '\udc00\ud800']) {
      const v = { [unit]: unit.repeat(1000) };
      for (const exact of [false, true]) expect(cardSizeBound(v, exact), JSON.stringify(unit)).toBeGreaterThanOrEqual(realBytes(v));
    }
  });

  it('gives up (Infinity) on values whose JSON it cannot see', () => {
    class Box {
      x = 1;
    }
    for (const v of [new Date(0), new Box(), Object(5), Object('text'), { toJSON: () => 'x'.repeat(100) }, 1n]) {
      expect(cardSizeBound({ a: [v] })).toBe(Infinity);
      expect(cardSizeBound({ a: [v] }, true)).toBe(Infinity);
    }
    expect(cardSizeBound(Object.assign(Object.create(null), { a: 'b' }))).toBeGreaterThanOrEqual(realBytes({ a: 'b' }));
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(cardSizeBound(cycle)).toBe(Infinity);
    expect(() => fitCard(() => cycle)).toThrow(/circular/);
  });
});

describe('fitCard', () => {
  /** A card of exactly `bytes` bytes of JSON at full length, half as long at k = 0.5. */
  const cardOf = (bytes: number) => (k: number): Card => {
    const empty = cardSize({ body: '' });
    return { body: 'x'.repeat(Math.floor((bytes - empty) * k)) };
  };

  it('keeps a card that fits exactly, and clips one byte more', () => {
    expect(cardSize(fitCard(cardOf(CARD_BYTES_TARGET)))).toBe(CARD_BYTES_TARGET);
    expect(cardSize(fitCard(cardOf(CARD_BYTES_TARGET + 1)))).toBeLessThan(CARD_BYTES_TARGET);
  });

  it('measures the real size when the bound is over the limit: CJK text that fits is kept at full length', () => {
    // 9,000 characters of CJK: 27,000 bytes, a bound of 54,000.
    const card = fitCard((k) => ({ body: '教'.repeat(Math.floor(9000 * k)) }));
    expect((card.body as string).length).toBe(9000);
  });

  it('clips text whose escapes make it larger than it looks', () => {
    // 5,000 control characters: 30,000 bytes as \u0001 escapes.
    const card = fitCard((k) => ({ body: '\u0001'.repeat(Math.floor(5000 * k)) }));
    expect((card.body as string).length).toBe(2500);
  });

  it('still refuses a card that does not fit even clipped', () => {
    expect(() => fitCard(() => ({ body: 'x'.repeat(40_000) }))).toThrow(/卡片过大/);
  });
});
