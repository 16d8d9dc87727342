/**
 * The list card a page at a time (`/督办 列表`): the card JSON 2.0 contract and snapshots, the header line, the
 * conditions above the rows, and the page buttons (首页 / 上一页 / 下一页 / 末页) carrying only {a, id, v}.
 */
import { describe, expect, it } from 'vitest';
import { type Card, cardSize, listCard, textOf } from '../../src/cards/cards';
import type { ListPaging } from '../../src/cards/message-cards';
import { pageButton } from '../../src/bot/list-pages';
import { buttonLabel, buttonValue, buttonsOf } from './card-schema';
import { cardContract } from './card-contract';
import { ctx, item } from './item-fixture';

const c = ctx();
const rows = (n: number, from = 1) => Array.from({ length: n }, (_, i) => item({ id: from + i, number: `督办〔2026〕${from + i}号`, title: `事项${from + i}` }));
const paging = (page: number, pages: number, total: number, filter = ''): ListPaging => ({ page, pages, total, filter, button: (n) => pageButton(42, n) });

const cards: Record<string, Card> = {
  'list page 1 of 20': listCard('督办事项 · 本单位', rows(15), c, 0, paging(1, 20, 300)),
  'list page 2 of 20 filtered': listCard('督办事项 · 本单位', rows(15, 16), c, 0, paging(2, 20, 300, '红灯 · 单位 教务处 · 关键词“培养方案”')),
  'list page 20 of 20 in a group': listCard('督办事项 · 全部', rows(5, 286), c, 3, paging(20, 20, 290)),
  'list one page': listCard('督办事项 · 逾期', rows(4), c, 0, paging(1, 1, 4)),
  'list empty filtered': listCard('督办事项 · 我的', [], c, 0, paging(1, 1, 0, '已办结')),
};

cardContract('paged list card', cards);

const nav = (card: Card) => buttonsOf(card).map(buttonLabel).filter((l) => l !== '查看详情');

describe('the paged list card', () => {
  it('says which page of how many and how many in all; the conditions above the rows', () => {
    const card = cards['list page 2 of 20 filtered']!;
    expect((card.header as { subtitle: { content: string } }).subtitle.content).toBe('第 2/20 页 · 共 300 项');
    expect(textOf(card).split('\n')[2]).toBe('筛选：红灯 · 单位 教务处 · 关键词“培养方案”');
    expect((card.config as { summary: { content: string } }).summary.content).toBe('督办事项 · 本单位（共 300 项）');
    expect(textOf(card)).not.toContain('未显示');
    expect(textOf(cards['list page 20 of 20 in a group']!)).toContain('另有 3 项涉密事项不在群聊中显示');
    expect((cards['list one page']!.header as { subtitle: { content: string } }).subtitle.content).toBe('共 4 项');
  });

  it('offers the pages around it; each button carries {a: list_page, id: 0, v}', () => {
    expect(nav(cards['list page 1 of 20']!)).toEqual(['下一页', '末页']);
    expect(nav(cards['list page 2 of 20 filtered']!)).toEqual(['上一页', '下一页', '末页']);
    expect(nav(listCard('x', rows(15), c, 0, paging(10, 20, 300)))).toEqual(['首页', '上一页', '下一页', '末页']);
    expect(nav(listCard('x', rows(15), c, 0, paging(19, 20, 300)))).toEqual(['首页', '上一页', '下一页']);
    expect(nav(cards['list page 20 of 20 in a group']!)).toEqual(['首页', '上一页']);
    expect(nav(cards['list one page']!)).toEqual([]);
    const values = buttonsOf(listCard('x', rows(15), c, 0, paging(10, 20, 300))).map(buttonValue).filter((v) => v?.a === 'list_page');
    expect(values).toEqual([pageButton(42, 1), pageButton(42, 9), pageButton(42, 11), pageButton(42, 20)]);
    expect(values.every((v) => v?.id === 0)).toBe(true);
  });

  it('a page of 15 long rows stays under 30 KB', () => {
    const long = rows(15).map((i) => ({ ...i, title: '督'.repeat(5000) }));
    expect(cardSize(listCard('督'.repeat(500), long, c, 9, paging(5, 20, 300, '督'.repeat(500))))).toBeLessThan(30 * 1024);
  });
});
