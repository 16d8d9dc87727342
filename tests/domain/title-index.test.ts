/**
 * TitleIndex (a batch registration's duplicate check) finds exactly what compareTitles would, pair by pair: titles
 * drawn from a few words, digits, stock phrases and abbreviations, so that near and identical titles are common.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TitleIndex, compareTitles } from '../../src/domain/similarity';

const WORDS = ['修订', '本科生', '研究生', '培养方案', '智慧校园', '二期', '建设', '关于', '做好', '工作', '的通知', '教代会', '教职工代表大会', '提案', '2026', '2027', '年度', '校园安全', '隐患排查', ' ', '，', '（', '）', '推进', '3', '项'];
const title = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 7 }).map((w) => w.join(''));

describe('TitleIndex', () => {
  it('finds the same matters as compareTitles, with the same scores', () => {
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 25 }), title, (indexed, query) => {
        const index = new TitleIndex<{ title: string; i: number }>();
        indexed.forEach((t, i) => index.add({ title: t, i }));
        const found = index.sameAs(query).map((h) => [h.item.i, h.score.toFixed(6)]).sort();
        const expected = indexed
          .map((t, i) => ({ i, c: compareTitles(query, t) }))
          .filter((x) => x.c.same)
          .map((x) => [x.i, x.c.score.toFixed(6)])
          .sort();
        expect(found).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('finds the same matter written with stock words or spaces', () => {
    const index = new TitleIndex<{ title: string }>();
    for (const t of ['推进智慧校园二期建设工作', '推进智慧校园二期建设', '修订本科生培养方案']) index.add({ title: t });
    expect(index.sameAs('推进智慧校园二期 建设').map((h) => h.item.title)).toEqual(['推进智慧校园二期建设工作', '推进智慧校园二期建设']);
  });
});
