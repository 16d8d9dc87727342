import { describe, expect, it } from 'vitest';
import { formatItemNumber, parseItemNumber } from '../../src/domain/item-number';

describe('formatItemNumber', () => {
  it.each([
    [2026, 17, '督办〔2026〕17号'],
    [2026, 1, '督办〔2026〕1号'],
    [2027, 305, '督办〔2027〕305号'],
  ])('%i, %i → %s', (year, seq, text) => {
    expect(formatItemNumber(year, seq)).toBe(text);
  });

  it.each([
    [2026, 17],
    [2026, 1],
    [2030, 1024],
  ])('%i-%i reads back as itself', (year, seq) => {
    expect(parseItemNumber(formatItemNumber(year, seq))).toEqual({ year, seq });
  });
});

describe('parseItemNumber', () => {
  it.each([
    ['督办〔2026〕17号', 2026, 17],
    ['  督办〔2026〕17号  ', 2026, 17],
    ['督办〔2026〕17', 2026, 17],
    ['〔2026〕17号', 2026, 17],
    ['〔2026〕17', 2026, 17],
    ['2026-17', 2026, 17],
    ['2026 - 17', 2026, 17],
    ['2026/17', 2026, 17],
    ['[2026]17', 2026, 17],
    ['[2026]17号', 2026, 17],
    ['(2026)17号', 2026, 17],
    ['（2026）17号', 2026, 17],
    ['【2026】17号', 2026, 17],
    ['督办 〔 2026 〕 17 号', 2026, 17],
    ['2026-017', 2026, 17],
  ])('“%s” → %i-%i', (text, year, seq) => {
    expect(parseItemNumber(text)).toEqual({ year, seq });
  });

  it.each([
    '',
    '   ',
    '督办',
    '17',
    '17号',
    '2026',
    '〔2026〕',
    '督办〔2026〕号',
    '2026-0',
    '〔2026〕0号',
    '2026-',
    '-17',
    '26-17',
    '1999-5',
    '2026-17-3',
    '2026年17号',
    '督办〔2026〕17号附件',
    '请看督办〔2026〕17号',
    '督办〔二〇二六〕十七号',
    'hello',
    '2026-1.5',
  ])('“%s” is not a number → null', (text) => {
    expect(parseItemNumber(text)).toBeNull();
  });
});
