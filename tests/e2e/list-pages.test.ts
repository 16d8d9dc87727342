/**
 * `/督办 列表` a page at a time, with filters, through signed requests to the real bot: a unit with 300 items,
 * paged with 首页 / 上一页 / 下一页 / 末页 (the right items on each page, in order), a page button clicked by
 * someone else (refused, naming nothing), an item closed between two clicks (gone from the next page), every filter
 * alone and combined, closed items on request, and a group chat with a confidential item among the 300.
 *
 * What each list should hold is computed here from the items themselves, by hand: who may see them (the lead or
 * cooperating unit's people), the light as the cards draw it (domain deadlineStatus), the order (soonest deadline
 * first; 全部 and closed items newest first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_PAGE_SIZE, NOT_YOUR_LIST, PAGE_SPAN } from '../../src/bot/list-pages';
import { cardSize, textOf } from '../../src/cards/cards';
import { deadlineStatus } from '../../src/domain/deadline';
import { type Item, OPEN_STATES } from '../../src/domain/item';
import { findItem, insertItem } from '../../src/db/item-repository';
import { makeItem } from '../support/items';
import { WHO } from '../support/fixtures';
import { type Bot, buttonLabels, buttonValue, startBot } from './harness';

let h: Bot;
const GROUP = 'oc_jwc';
/** Number → item id, and the items of the spec below. */
const seeded: Item[] = [];

/**
 * 300 open items of 教务处 (every 3rd with 科研处 cooperating), one of them confidential; every 7th overdue, the
 * next due in two days (yellow), the rest green; every 5th not yet claimed; one in ten about 培养方案; the first 50
 * numbered in 2025. Besides: 20 closed and 5 archived 教务处 items, and 16 open items of 人事处.
 */
function seed() {
  const add = (over: Partial<Item>, year: number) => {
    const { id: _i, number: _n, year: _y, seq: _s, version: _v, pendingExtension: _p, ...data } = makeItem({
      createdBy: WHO.supervisor,
      leaderId: WHO.leader,
      coopUnitIds: [],
      ...over,
    });
    seeded.push(insertItem(h.db, { ...data, originalDeadline: data.deadline }, year));
  };
  h.db.transaction(() => {
    for (let i = 1; i <= 300; i++) {
      const deadline = i % 7 === 0 ? '2026-11-10' : i % 7 === 1 ? '2026-11-25' : `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`;
      add(
        {
          title: i % 10 === 3 ? `第${i}项 修订培养方案` : `第${i}项 常规工作`,
          leadUnitId: 'jwc',
          coopUnitIds: i % 3 === 0 ? ['kyc'] : [],
          state: i % 5 === 0 ? 'assigned' : 'in_progress',
          confidential: i === 150,
          deadline,
        },
        i <= 50 ? 2025 : 2026,
      );
    }
    for (let i = 1; i <= 25; i++) {
      add({ title: `第${i}项 已完成工作${i % 10 === 0 ? ' 培养方案' : ''}`, leadUnitId: 'jwc', coopUnitIds: i % 2 ? ['kyc'] : [], state: i <= 20 ? 'closed' : 'archived', closedAt: '2026-11-01T02:00:00.000Z', deadline: '2026-10-30' }, 2026);
    }
    for (let i = 1; i <= 16; i++) add({ title: `人事处事项${i}`, leadUnitId: 'rsc', leaderId: WHO.otherLeader, state: 'in_progress', deadline: '2026-12-20' }, 2026);
  });
}

beforeAll(async () => {
  h = await startBot();
  seed();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const calendar = () => h.bot.ctx.calendar;
const current = () => seeded.map((i) => findItem(h.db, i.id)!);
const light = (i: Item) => deadlineStatus(i, h.now, calendar(), 3).light;
const isOpen = (i: Item) => OPEN_STATES.includes(i.state);
const involves = (i: Item, unit: string) => i.leadUnitId === unit || i.coopUnitIds.includes(unit);
const byDeadline = (a: Item, b: Item) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : b.id - a.id);
const newest = (a: Item, b: Item) => b.id - a.id;
const numbersOf = (card: unknown) => [...textOf(card as Record<string, unknown>).matchAll(/督办〔\d{4}〕\d+号/g)].map((m) => m[0]);
const subtitleOf = (card: unknown) => ((card as { header: { subtitle: { content: string } } }).header.subtitle.content);

interface Listed {
  /** The list message (the bot's reply, or its private copy). */
  messageId: string;
  cards: Record<string, unknown>[];
}

/** Someone types a list command; returns the card it answered with. */
async function ask(who: string, text: string, o: { group?: boolean } = {}): Promise<Listed> {
  const said = await h.say(who, text, o.group ? { chatType: 'group', chatId: GROUP } : {});
  const reply = h.repliesTo(said.messageId);
  expect(reply, text).toHaveLength(1);
  return { messageId: reply[0]!.message_id, cards: [reply[0]!.content] };
}

/** Clicks 下一页 on the list until there is none; every page's card is kept. */
async function pageThrough(who: string, l: Listed): Promise<Listed> {
  let card = l.cards[0]!;
  while (buttonLabels(card).includes('下一页')) {
    const r = await h.click(who, buttonValue(card, '下一页'), { messageId: l.messageId });
    expect(r.answer.toast, JSON.stringify(r.answer.toast)).toBeUndefined();
    card = r.answer.card!.data;
    l.cards.push(card);
  }
  return l;
}

/** Every number on every page, in order, checking each page's size and header on the way. */
function allNumbers(l: Listed, total: number): string[] {
  const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  expect(l.cards).toHaveLength(pages);
  l.cards.forEach((card, i) => {
    expect(subtitleOf(card)).toBe(pages > 1 ? `第 ${i + 1}/${pages} 页 · 共 ${total} 项` : `共 ${total} 项`);
    expect(cardSize(card)).toBeLessThan(30 * 1024);
    expect(numbersOf(card).length).toBe(i < pages - 1 ? LIST_PAGE_SIZE : total - LIST_PAGE_SIZE * (pages - 1));
  });
  return l.cards.flatMap(numbersOf);
}

const numbers = (list: Item[]) => list.map((i) => i.number);

describe('a unit with 300 items, a page at a time', () => {
  it('pages: first, next, previous, last, first again; the right items on each page', async () => {
    const mine = current().filter((i) => involves(i, 'jwc') && isOpen(i)).sort(byDeadline);
    expect(mine).toHaveLength(300);
    const l = await ask(WHO.unitHead, '/督办 列表 本单位');
    const first = l.cards[0]!;
    expect(subtitleOf(first)).toBe('第 1/20 页 · 共 300 项');
    expect(numbersOf(first)).toEqual(numbers(mine.slice(0, 15)));
    expect(buttonLabels(first).filter((b) => b !== '查看详情')).toEqual(['下一页', '末页']);
    // Buttons carry {a, id, v} and nothing about the filter; id is no item.
    expect(buttonValue(first, '下一页')).toEqual({ a: 'list_page', id: 0, v: expect.any(Number) });
    expect(JSON.stringify(buttonValue(first, '下一页'))).not.toContain('jwc');

    const p2 = (await h.click(WHO.unitHead, buttonValue(first, '下一页'), { messageId: l.messageId })).answer.card!.data;
    expect(subtitleOf(p2)).toBe('第 2/20 页 · 共 300 项');
    expect(numbersOf(p2)).toEqual(numbers(mine.slice(15, 30)));
    expect(buttonLabels(p2).filter((b) => b !== '查看详情')).toEqual(['上一页', '下一页', '末页']);

    const back = (await h.click(WHO.unitHead, buttonValue(p2, '上一页'), { messageId: l.messageId })).answer.card!.data;
    expect(numbersOf(back)).toEqual(numbers(mine.slice(0, 15)));

    const last = (await h.click(WHO.unitHead, buttonValue(p2, '末页'), { messageId: l.messageId })).answer.card!.data;
    expect(subtitleOf(last)).toBe('第 20/20 页 · 共 300 项');
    expect(numbersOf(last)).toEqual(numbers(mine.slice(285, 300)));
    expect(buttonLabels(last).filter((b) => b !== '查看详情')).toEqual(['首页', '上一页']);
    const again = (await h.click(WHO.unitHead, buttonValue(last, '首页'), { messageId: l.messageId })).answer.card!.data;
    expect(numbersOf(again)).toEqual(numbers(mine.slice(0, 15)));

    // Paging through it all shows each of the 300 once, in order; a page click writes no message.
    const before = h.fake.sent.length;
    expect(allNumbers(await pageThrough(WHO.unitHead, { ...l, cards: [first] }), 300)).toEqual(numbers(mine));
    expect(h.fake.sent.length).toBe(before);
  });

  it('someone else clicking the page button is refused, naming nothing; so is a value that names no list', async () => {
    const l = await ask(WHO.unitHead, '/督办 列表 本单位 关键词:培养方案');
    const next = buttonValue(l.cards[0], '下一页');
    for (const who of [WHO.liaison, WHO.supervisor, WHO.coopHead, WHO.otherUnitHead, WHO.stranger]) {
      const r = await h.click(who, next, { messageId: l.messageId });
      expect(r.status).toBe(200);
      expect(r.answer).toEqual({ toast: { type: 'error', content: NOT_YOUR_LIST } });
    }
    // A page of a row that is no list (the help card's reply), page 0, a list id that does not exist.
    const help = await h.say(WHO.unitHead, '/督办 帮助');
    const helpRow = h.db.$client.prepare('SELECT id FROM outbox WHERE target_message_id = ?').pluck().get(help.messageId) as number;
    for (const v of [helpRow * PAGE_SPAN + 1, Math.floor(next.v / PAGE_SPAN) * PAGE_SPAN, 999_999 * PAGE_SPAN + 1, 0, 1]) {
      const r = await h.click(WHO.unitHead, { a: 'list_page', id: 0, v }, { messageId: l.messageId });
      expect(r.answer).toEqual({ toast: { type: 'error', content: NOT_YOUR_LIST } });
    }
    // The asker's own click still works.
    expect((await h.click(WHO.unitHead, next, { messageId: l.messageId })).answer.card).toBeTruthy();
  });

  it('an item closed between two clicks is gone from the next page; the pages are counted again', async () => {
    const l = await ask(WHO.unitHead, '/督办 列表 本单位');
    const mine = current().filter((i) => involves(i, 'jwc') && isOpen(i)).sort(byDeadline);
    const target = mine.slice(15, 30).find((i) => i.state === 'in_progress')!;
    // The unit submits completion and the leader signs off (销号), by clicks.
    const submit = await h.click(WHO.unitHead, { a: 'submit_completion', id: target.id, v: target.version }, { form: { assessment: '已完成', materials: '总结.pdf' } });
    expect(submit.answer.toast?.type).toBe('success');
    const approve = await h.click(WHO.leader, { a: 'approve', id: target.id, v: findItem(h.db, target.id)!.version }, { form: { note: '同意' } });
    expect(approve.answer.toast?.content).toContain('销号');
    expect(findItem(h.db, target.id)!.state).toBe('closed');

    const p2 = (await h.click(WHO.unitHead, buttonValue(l.cards[0], '下一页'), { messageId: l.messageId })).answer.card!.data;
    const now = mine.filter((i) => i.id !== target.id);
    expect(subtitleOf(p2)).toBe('第 2/20 页 · 共 299 项');
    expect(numbersOf(p2)).toEqual(numbers(now.slice(15, 30)));
    expect(numbersOf(p2)).not.toContain(target.number);
    // It shows with the closed ones.
    const closed = await pageThrough(WHO.unitHead, await ask(WHO.unitHead, '/督办 列表 本单位 已办结'));
    expect(closed.cards.flatMap(numbersOf)).toContain(target.number);
  });

  it('a page beyond the end, once items are gone, shows the last page and says so', async () => {
    const l = await ask(WHO.otherUnitHead, '/督办 列表 本单位');
    expect(subtitleOf(l.cards[0])).toBe('第 1/2 页 · 共 16 项');
    const rsc = current().filter((i) => i.leadUnitId === 'rsc').sort(byDeadline);
    const gone = await h.click(WHO.supervisor, { a: 'confirm_cancel', id: rsc[15]!.id, v: rsc[15]!.version }, { form: { reason: '重复立项' } });
    expect(gone.answer.toast?.content).toContain('已撤销');
    const r = await h.click(WHO.otherUnitHead, buttonValue(l.cards[0], '下一页'), { messageId: l.messageId });
    expect(r.answer.toast).toEqual({ type: 'info', content: '列表已有变化，现共 1 页，显示第 1 页' });
    expect(subtitleOf(r.answer.card!.data)).toBe('共 15 项');
    expect(buttonLabels(r.answer.card!.data).filter((b) => b !== '查看详情')).toEqual([]);
  });
});

describe('filters, alone and combined', () => {
  const cases: Array<[string, string, (i: Item) => boolean, 'deadline' | 'newest' | 'open-first', string]> = [
    ['本单位 红', WHO.unitHead, (i) => involves(i, 'jwc') && isOpen(i) && light(i) === 'red', 'deadline', '红灯'],
    ['本单位 黄', WHO.unitHead, (i) => involves(i, 'jwc') && isOpen(i) && light(i) === 'yellow', 'deadline', '黄灯'],
    ['本单位 绿灯', WHO.unitHead, (i) => involves(i, 'jwc') && isOpen(i) && light(i) === 'green', 'deadline', '绿灯'],
    ['本单位 红 黄', WHO.unitHead, (i) => involves(i, 'jwc') && isOpen(i) && light(i) !== 'green', 'deadline', '红灯、黄灯'],
    ['本单位 状态:待认领', WHO.unitHead, (i) => involves(i, 'jwc') && i.state === 'assigned', 'deadline', '状态 待认领'],
    ['全部 单位:科研处', WHO.supervisor, (i) => involves(i, 'kyc'), 'newest', '单位 科研处'],
    ['本单位 年份:2025', WHO.unitHead, (i) => involves(i, 'jwc') && isOpen(i) && i.year === 2025, 'deadline', '2025年'],
    ['本单位 关键词:培养方案', WHO.unitHead, (i) => involves(i, 'jwc') && isOpen(i) && i.title.includes('培养方案'), 'deadline', '关键词“培养方案”'],
    ['本单位 已办结', WHO.unitHead, (i) => involves(i, 'jwc') && (i.state === 'closed' || i.state === 'archived'), 'newest', '只看已办结'],
    ['本单位 含已办结', WHO.unitHead, (i) => involves(i, 'jwc') && (isOpen(i) || i.state === 'closed' || i.state === 'archived'), 'open-first', '含已办结'],
    [
      '全部 状态:办理中 单位:教务处 年份:2026 关键词:培养方案',
      WHO.supervisor,
      (i) => i.state === 'in_progress' && involves(i, 'jwc') && i.year === 2026 && i.title.includes('培养方案'),
      'newest',
      '状态 办理中 · 单位 教务处 · 2026年 · 关键词“培养方案”',
    ],
    ['本单位 红 关键词:培养方案 年份:2026', WHO.coopHead, (i) => involves(i, 'kyc') && isOpen(i) && light(i) === 'red' && i.title.includes('培养方案') && i.year === 2026, 'deadline', '红灯 · 2026年 · 关键词“培养方案”'],
    ['我的 含已办结 单位:科研处', WHO.unitHead, (i) => involves(i, 'jwc') && involves(i, 'kyc') && (isOpen(i) || ['closed', 'archived'].includes(i.state)), 'open-first', '单位 科研处 · 含已办结'],
    ['逾期 单位:教务处', WHO.observer, (i) => involves(i, 'jwc') && isOpen(i) && light(i) === 'red' && !i.confidential, 'deadline', '单位 教务处'],
  ];

  it.each(cases)('/督办 列表 %s (as %s)', async (filter, who, keep, order, words) => {
    const sort = order === 'newest' ? newest : order === 'deadline' ? byDeadline : (a: Item, b: Item) => Number(!isOpen(a)) - Number(!isOpen(b)) || byDeadline(a, b);
    const expected = current().filter(keep).sort(sort);
    expect(expected.length, 'the case lists something').toBeGreaterThan(0);
    const l = await pageThrough(who, await ask(who, `/督办 列表 ${filter}`));
    expect(allNumbers(l, expected.length)).toEqual(numbers(expected));
    expect(textOf(l.cards[0]!)).toContain(`筛选：${words}`);
  });

  it('a filter that matches nothing says so; an unknown unit is named', async () => {
    const none = await ask(WHO.unitHead, '/督办 列表 本单位 关键词:不存在的事项');
    expect(textOf(none.cards[0]!)).toContain('暂无事项');
    expect(subtitleOf(none.cards[0])).toBe('共 0 项');
    const bad = await h.say(WHO.unitHead, '/督办 列表 单位:教务');
    expect(textOf(h.repliesTo(bad.messageId)[0]!.content)).toContain('没有找到单位“教务”，您是否指：教务处');
    const typo = await h.say(WHO.unitHead, '/督办 列表 本单位 紫');
    expect(textOf(h.repliesTo(typo.messageId)[0]!.content)).toContain('无法识别“紫”');
  });
});

describe('in a group chat, with a confidential item among the 300', () => {
  it('never shows it, on any page, and counts it as hidden; the pages replace the card in the group', async () => {
    const secret = current().find((i) => i.confidential)!;
    const shareable = current().filter((i) => involves(i, 'jwc') && isOpen(i) && !i.confidential).sort(byDeadline);
    const l = await ask(WHO.unitHead, '/督办 列表 本单位', { group: true });
    const sent = h.fake.sent.find((m) => m.message_id === l.messageId)!;
    expect(sent.reply_to).toBeTruthy();
    const paged = await pageThrough(WHO.unitHead, l);
    expect(allNumbers(paged, shareable.length)).toEqual(numbers(shareable));
    for (const card of paged.cards) {
      const json = JSON.stringify(card);
      expect(json).not.toContain(secret.number);
      expect(json).not.toContain(secret.title);
      expect(json).not.toContain(`"id":${secret.id},`);
      expect(textOf(card)).toContain('另有 1 项涉密事项不在群聊中显示');
    }
    // Nothing was sent privately instead: every page replaced the card in the group.
    expect(h.sentTo(WHO.unitHead).filter((m) => m.at > sent.at)).toHaveLength(0);
    // Privately the same person sees it.
    const priv = await pageThrough(WHO.unitHead, await ask(WHO.unitHead, '/督办 列表 本单位'));
    expect(priv.cards.flatMap(numbersOf)).toContain(secret.number);
    // Someone else in the group clicking the group's page button is refused.
    const r = await h.click(WHO.liaison, buttonValue(l.cards[0], '下一页'), { messageId: l.messageId });
    expect(r.answer).toEqual({ toast: { type: 'error', content: NOT_YOUR_LIST } });
  });

  it('a keyword that names the confidential item finds nothing in the group and says one was left out', async () => {
    const secret = current().find((i) => i.confidential)!;
    const l = await ask(WHO.unitHead, `/督办 列表 本单位 关键词:第${secret.title.match(/第(\d+)项/)![1]}项`, { group: true });
    const json = JSON.stringify(l.cards[0]);
    expect(json).not.toContain(secret.number);
    expect(textOf(l.cards[0]!)).toContain('另有 1 项涉密事项不在群聊中显示');
  });
});
