import { describe, expect, it } from 'vitest';
import {
  CARD_ACTIONS,
  type Card,
  cardSize,
  interviewProposalCard,
  overdueWarningCard,
  reminderCard,
  supervisorSummaryCard,
  textOf,
  unitDigestCard,
} from '../../src/cards/cards';
import { BATCH_ROWS, type BatchRow, chaseBatchCard } from '../../src/cards/chase-cards';
import type { Item, ItemState } from '../../src/domain/item';
import { buttonLabel, buttonValue, buttonsOf, checkCard } from './card-schema';
import { ctx, item } from './item-fixture';
import { cardContract } from './card-contract';

// NOW is Monday 2026-11-23.
const c = ctx();
const ext = { id: 1, reason: '需等待教育部新版专业目录发布', proposedDeadline: '2027-01-29', requestedBy: 'ou_head_jwc' };
const assigned = (over: Partial<Item> = {}) => item({ state: 'assigned', claimedBy: null, claimedAt: null, version: 2, ...over });
const soon = (over: Partial<Item> = {}) => item({ deadline: '2026-11-26', ...over }); // 3 working days left
const today = (over: Partial<Item> = {}) => item({ deadline: '2026-11-23', ...over });
const late = (over: Partial<Item> = {}) => item({ deadline: '2026-11-19', ...over }); // 2 working days overdue
const late12 = (over: Partial<Item> = {}) => item({ deadline: '2026-11-05', ...over }); // 12 working days overdue

const digestItems = [
  item({ id: 1, number: '督办〔2026〕17号', title: '修订本科生培养方案' }),
  item({ id: 2, number: '督办〔2026〕18号', seq: 18, title: '完善科研经费管理办法', deadline: '2026-11-25', leadUnitId: 'kyc', coopUnitIds: ['jwc'] }),
  item({ id: 3, number: '督办〔2026〕19号', seq: 19, title: '推进课堂教学改革', deadline: '2026-11-10' }),
  item({ id: 4, number: '督办〔2026〕20号', seq: 20, title: '修订教材管理办法', state: 'assigned', deadline: '2026-12-15' }),
];

const summary = {
  turnedYellow: [soon()],
  turnedRed: [item({ id: 9, number: '督办〔2026〕19号', title: '推进人事制度改革', deadline: '2026-11-20', leadUnitId: 'rsc' })],
  warnings: [late({ id: 8, number: '督办〔2026〕18号', title: '完善科研经费管理办法', leadUnitId: 'kyc' })],
  awaitingReview: [item({ id: 10, number: '督办〔2026〕21号', state: 'under_review', reviewStage: 'principal', important: true })],
  missedProgress: [],
};

/** What the head of 教务处 hears of in one sweep: one item of each kind the unit is chased for. */
const unitBatch: BatchRow[] = [
  { item: soon({ id: 3, seq: 3, number: '督办〔2026〕3号', title: '推进课程思政建设' }), kind: 'due_soon' },
  { item: late({ id: 1, seq: 1, number: '督办〔2026〕1号', title: '修订学籍管理规定' }), kind: 'overdue' },
  { item: assigned({ id: 5, seq: 5, number: '督办〔2026〕5号', title: '编制十五五学科规划' }), kind: 'unclaimed' },
  { item: today({ id: 2, seq: 2, number: '督办〔2026〕2号', title: '完善实验室安全制度' }), kind: 'due_today' },
  { item: late({ id: 6, seq: 6, number: '督办〔2026〕6号', title: '推进智慧校园建设' }), kind: 'warning', chases: 5 },
  {
    item: item({ id: 4, seq: 4, number: '督办〔2026〕4号', title: '完善科研经费管理办法', progressCycle: 'biweekly' }),
    kind: 'progress_request',
    periodDue: '2026-11-23',
  },
  { item: late({ id: 8, seq: 8, number: '督办〔2026〕8号', title: '落实巡视整改任务', state: 'assigned' }), kind: 'overdue' },
];
const leaderBatch: BatchRow[] = [
  { item: late({ id: 1, number: '督办〔2026〕1号', title: '修订学籍管理规定' }), kind: 'warning', forLeader: true, chases: 4 },
  { item: late12({ id: 2, number: '督办〔2026〕2号', title: '推进智慧校园建设' }), kind: 'warning', forLeader: true, chases: 11 },
];
const supervisorBatch: BatchRow[] = [
  { item: late12({ id: 1, number: '督办〔2026〕1号', title: '修订学籍管理规定' }), kind: 'interview_proposal', chases: 10 },
  { item: late12({ id: 2, number: '督办〔2026〕2号', title: '推进智慧校园建设', version: 7 }), kind: 'interview_proposal', chases: 12 },
];

function catalogue(): Record<string, Card> {
  return {
    'batch unit': chaseBatchCard(unitBatch, c),
    'batch leader': chaseBatchCard(leaderBatch, c),
    'batch supervisor': chaseBatchCard(supervisorBatch, c),
    'reminder overdue unclaimed': reminderCard(late({ state: 'assigned' }), c, 'overdue'),
    'reminder due_soon with a progress request': reminderCard(soon(), c, 'due_soon', { also: ['progress_request'] }),
    'reminder unclaimed': reminderCard(assigned(), c, 'unclaimed'),
    'reminder due_soon': reminderCard(soon(), c, 'due_soon'),
    'reminder due_soon extension pending': reminderCard(soon({ pendingExtension: ext }), c, 'due_soon'),
    'reminder due_today': reminderCard(today(), c, 'due_today'),
    'reminder due_today before a holiday deadline': reminderCard(
      item({ deadline: '2026-11-29' }),
      ctx({ now: new Date('2026-11-27T09:00:00+08:00') }),
      'due_today',
    ),
    'reminder overdue': reminderCard(late(), c, 'overdue'),
    'reminder overdue flagged important': reminderCard(late({ flagged: true, important: true }), c, 'overdue'),
    'reminder progress_request': reminderCard(item({ progressCycle: 'biweekly' }), c, 'progress_request', {
      periodDue: '2026-11-23',
    }),
    'warning unit head': overdueWarningCard(late(), c, { chases: 3, forLeader: false }),
    'warning unit head unclaimed': overdueWarningCard(late({ state: 'assigned' }), c, { chases: 4, forLeader: false }),
    'warning unit head sparse': overdueWarningCard(late({ responsiblePerson: '' }), c, { chases: 3, forLeader: false }),
    'warning leader': overdueWarningCard(late(), c, { chases: 3, forLeader: true }),
    'interview proposal': interviewProposalCard(late12(), c, { chases: 10 }),
    'interview proposal closed meanwhile': interviewProposalCard(late12({ state: 'closed' }), c, { chases: 10 }),
    'unit digest': unitDigestCard('教务处', digestItems, 'jwc', c, '2026年第48周（11月23日—11月29日）'),
    'unit digest empty': unitDigestCard('教务处', [], 'jwc', c, '2026年第48周'),
    'supervisor summary': supervisorSummaryCard('2026-11-23', summary, c),
    'supervisor summary empty': supervisorSummaryCard(
      '2026-11-23',
      { turnedYellow: [], turnedRed: [], warnings: [], awaitingReview: [], missedProgress: [] },
      c,
    ),
  };
}

const cards = catalogue();
const labels = (card: Card) => buttonsOf(card).map(buttonLabel);
const header = (card: Card) =>
  card.header as { template: string; title: { content: string }; subtitle?: { content: string } };

cardContract('chase card', cards);

describe('reminderCard (催办)', () => {
  it('says why: N working days left, due today, overdue by N, claim, or the progress period', () => {
    expect(textOf(cards['reminder due_soon']!)).toContain('⏰ 距完成时限还有 3 个工作日');
    expect(textOf(cards['reminder due_today']!)).toContain('今日到期');
    expect(textOf(cards['reminder due_today before a holiday deadline']!)).toContain(
      '今天是完成时限（2026年11月29日）前最后一个工作日',
    );
    expect(textOf(cards['reminder overdue']!)).toContain('🔴 已逾期 2 个工作日，请尽快办理');
    expect(textOf(cards['reminder unclaimed']!)).toContain('请认领');
    expect(textOf(cards['reminder progress_request']!)).toContain('请报送本期（截至 2026年11月23日）工作进展');
    expect(textOf(reminderCard(item(), c, 'progress_request'))).toContain('请报送本期工作进展');
  });

  it('shows the item in brief: number, title, deadline and its light', () => {
    const text = textOf(cards['reminder due_soon']!);
    for (const s of ['督办〔2026〕17号', '修订本科生培养方案', '教务处', '2026年11月26日', '🟡 剩余 3 个工作日']) {
      expect(text).toContain(s);
    }
    expect(header(cards['reminder due_soon']!).title.content).toBe('【到期提醒】修订本科生培养方案');
    expect(header(cards['reminder overdue']!).subtitle?.content).toBe('督办〔2026〕17号 · 办理中');
  });

  it('is blue before the deadline, orange on the day, red once overdue', () => {
    expect(header(cards['reminder due_soon']!).template).toBe('blue');
    expect(header(cards['reminder progress_request']!).template).toBe('blue');
    expect(header(cards['reminder unclaimed']!).template).toBe('blue');
    expect(header(cards['reminder due_today']!).template).toBe('orange');
    expect(header(cards['reminder due_today before a holiday deadline']!).template).toBe('orange');
    expect(header(cards['reminder overdue']!).template).toBe('red');
    expect(header(reminderCard(late({ state: 'assigned' }), c, 'unclaimed')).template).toBe('red');
  });

  it('assigned: 认领 and 查看详情, carrying {a, id, v}', () => {
    const card = reminderCard(assigned({ id: 42, version: 5 }), c, 'unclaimed');
    expect(buttonsOf(card).map(buttonValue)).toEqual([
      { a: 'claim', id: 42, v: 5 },
      { a: 'detail', id: 42, v: 5 },
    ]);
  });

  it('in progress: 填报进展, 申请延期, 申请办结, 查看详情', () => {
    const card = reminderCard(soon({ id: 3, version: 9 }), c, 'due_soon');
    expect(labels(card)).toEqual(['填报进展', '申请延期', '申请办结', '查看详情']);
    expect(buttonsOf(card).map((b) => buttonValue(b)?.a)).toEqual([
      'progress_form',
      'extension_form',
      'completion_form',
      'detail',
    ]);
    expect(labels(reminderCard(today(), c, 'due_today'))).toContain('申请延期');
  });

  it('no 申请延期 while an extension is pending (which the card shows) or once the deadline has passed', () => {
    const pending = cards['reminder due_soon extension pending']!;
    expect(labels(pending)).toEqual(['填报进展', '申请办结', '查看详情']);
    expect(textOf(pending)).toContain('延期申请待分管校领导审批');
    expect(labels(cards['reminder overdue']!)).toEqual(['填报进展', '申请办结', '查看详情']);
  });

  it.each<ItemState>(['under_review', 'closed', 'cancelled', 'registered'])('%s: only 查看详情', (state) => {
    expect(labels(reminderCard(item({ state }), c, 'overdue'))).toEqual(['查看详情']);
  });

  it('says that replying to it records progress (after claiming, for an unclaimed item)', () => {
    for (const name of ['reminder due_soon', 'reminder due_today', 'reminder overdue', 'reminder progress_request']) {
      expect(textOf(cards[name]!)).toContain('💬 回复本消息即可报送进展');
    }
    expect(textOf(cards['reminder unclaimed']!)).toContain('认领后，回复本消息即可报送进展');
  });
});

describe('reminderCard for several steps at once', () => {
  it('a deadline reminder for an unclaimed item says so and offers 认领 (no separate 认领提醒)', () => {
    const card = cards['reminder overdue unclaimed']!;
    expect(header(card).title.content).toBe('【逾期催办】修订本科生培养方案');
    expect(textOf(card)).toContain('🔴 已逾期 2 个工作日，请尽快办理；督办单尚未认领，请先认领');
    expect(labels(card)).toEqual(['认领', '查看详情']);
    expect(textOf(reminderCard(assigned({ deadline: '2026-11-26' }), c, 'due_soon'))).toContain('督办单尚未认领，请先认领');
    expect(textOf(cards['reminder unclaimed']!)).not.toContain('督办单尚未认领');
  });

  it('a progress request told with a deadline reminder is named on it', () => {
    expect(textOf(cards['reminder due_soon with a progress request']!)).toContain('⏰ 距完成时限还有 3 个工作日；请同时报送本期工作进展');
    expect(textOf(cards['reminder due_soon']!)).not.toContain('请同时报送');
  });
});

describe('chaseBatchCard (one reminder for everything due to one person)', () => {
  const card = cards['batch unit']!;

  it('groups the items by urgency, most urgent first, each group with its count', () => {
    expect(header(card).title.content).toBe('【督办提醒】7 项督办事项需要您关注');
    expect(header(card).subtitle?.content).toBe('逾期预警 1 · 逾期 2 · 今日到期 1 · 即将到期 1 · 待认领 1 · 进展报送 1');
    expect(header(card).template).toBe('red');
    const text = textOf(card);
    const order = ['逾期预警（1 项）', '6号', '逾期（2 项）', '1号', '8号', '今日到期（1 项）', '2号', '即将到期（1 项）', '3号', '待认领（1 项）', '5号', '进展报送（1 项）', '4号'];
    const at = order.map((x) => text.indexOf(x));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('each item: light, number, title, unit, deadline, days left or overdue and what it needs', () => {
    const text = textOf(card);
    expect(text).toContain('🔴 督办〔2026〕6号 推进智慧校园建设\n教务处 · 截止 2026年11月19日　已逾期 2 个工作日 · 已催办 5 次');
    expect(text).toContain('🔴 督办〔2026〕8号 落实巡视整改任务\n教务处 · 截止 2026年11月19日　已逾期 2 个工作日 · 尚未认领');
    expect(text).toContain('督办〔2026〕2号 完善实验室安全制度\n教务处 · 截止 2026年11月23日　今日到期');
    expect(text).toContain('🟡 督办〔2026〕3号 推进课程思政建设\n教务处 · 截止 2026年11月26日　剩余 3 个工作日');
    expect(text).toContain('督办〔2026〕5号 编制十五五学科规划\n教务处 · 截止 2026年12月31日　剩余 28 个工作日');
    expect(text).toContain('请报送本期（截至 2026年11月23日）进展 · 剩余 28 个工作日');
    expect(text).toContain('回复本消息不会记为进展');
  });

  it('each item its action (认领 while unclaimed, else 填报进展) and 查看详情, carrying {a, id, v}', () => {
    expect(buttonsOf(card).map(buttonValue)).toEqual([
      { a: 'progress_form', id: 6, v: 3 },
      { a: 'detail', id: 6, v: 3 },
      { a: 'progress_form', id: 1, v: 3 },
      { a: 'detail', id: 1, v: 3 },
      { a: 'claim', id: 8, v: 3 },
      { a: 'detail', id: 8, v: 3 },
      { a: 'progress_form', id: 2, v: 3 },
      { a: 'detail', id: 2, v: 3 },
      { a: 'progress_form', id: 3, v: 3 },
      { a: 'detail', id: 3, v: 3 },
      { a: 'claim', id: 5, v: 2 },
      { a: 'detail', id: 5, v: 2 },
      { a: 'progress_form', id: 4, v: 3 },
      { a: 'detail', id: 4, v: 3 },
    ]);
  });

  it('the leader in charge: 查看详情 only, asked to press the unit', () => {
    const leader = cards['batch leader']!;
    expect(buttonsOf(leader).map(buttonValue)).toEqual([
      { a: 'detail', id: 2, v: 3 },
      { a: 'detail', id: 1, v: 3 },
    ]);
    expect(textOf(leader)).toContain('请督促主办单位加快办理');
    expect(textOf(leader)).toContain('已逾期 12 个工作日 · 已催办 11 次');
    expect(textOf(leader)).not.toContain('尚未认领');
  });

  it('the supervisors: 签发约谈通知 and 查看详情 per item; none once an item is no longer chased', () => {
    const sup = cards['batch supervisor']!;
    expect(header(sup).subtitle?.content).toBe('约谈建议 2');
    expect(labels(sup)).toEqual(['签发约谈通知', '查看详情', '签发约谈通知', '查看详情']);
    expect(buttonsOf(sup).map(buttonValue)[2]).toEqual({ a: 'issue_interview', id: 2, v: 7 });
    const closed = chaseBatchCard([{ ...supervisorBatch[0]!, item: late12({ state: 'closed' }) }, supervisorBatch[1]!], c);
    expect(labels(closed)).toEqual(['签发约谈通知', '查看详情', '查看详情']);
  });

  it(`at most ${BATCH_ROWS} rows, the most urgent, then 另有 N 项`, () => {
    const many: BatchRow[] = Array.from({ length: 35 }, (_, i) => ({
      item: item({ id: i + 1, seq: i + 1, number: `督办〔2026〕${i + 1}号`, deadline: i < 5 ? '2026-11-19' : '2026-11-26' }),
      kind: i < 5 ? 'overdue' : 'due_soon',
    }));
    const big = chaseBatchCard(many, c);
    expect(buttonsOf(big).filter((b) => buttonValue(b)?.a === 'detail')).toHaveLength(BATCH_ROWS);
    const text = textOf(big);
    expect(text).toContain('另有 15 项未显示');
    expect(text).toContain('逾期（5 项）');
    expect(text).toContain('即将到期（30 项）');
    expect(header(big).title.content).toContain('35 项');
  });
});

describe('overdueWarningCard (逾期预警)', () => {
  it('is red and gives days overdue, the number of chases and the consequence (约谈)', () => {
    const card = cards['warning unit head']!;
    expect(header(card).template).toBe('red');
    expect(header(card).title.content).toBe('【逾期预警】修订本科生培养方案');
    const text = textOf(card);
    expect(text).toContain('⚠️ 已逾期 2 个工作日，已催办 3 次仍未办结');
    expect(text).toContain('约谈');
    expect(text).toContain('责任');
    for (const s of ['督办〔2026〕17号', '教务处', '李副校长', '2026年11月19日', '🔴 逾期 2 个工作日']) expect(text).toContain(s);
  });

  it('the unit head gets 填报进展 / 申请办结 / 查看详情 and may reply; an unclaimed item offers 认领 instead', () => {
    const card = cards['warning unit head']!;
    expect(labels(card)).toEqual(['填报进展', '申请办结', '查看详情']);
    expect(textOf(card)).toContain('回复本消息即可报送进展');
    expect(textOf(card)).toContain('请单位主要负责人');
    expect(labels(cards['warning unit head unclaimed']!)).toEqual(['认领', '查看详情']);
  });

  it('the leader gets 查看详情 only and is asked to press the unit', () => {
    const card = cards['warning leader']!;
    expect(buttonsOf(card).map(buttonValue)).toEqual([{ a: 'detail', id: 7, v: 3 }]);
    expect(textOf(card)).toContain('请分管校领导督促教务处加快办理');
    expect(textOf(card)).not.toContain('回复本消息');
  });
});

describe('interviewProposalCard (约谈建议)', () => {
  it('is red, gives days overdue and chases, and offers 签发约谈通知 then 查看详情', () => {
    const card = interviewProposalCard(late12({ id: 11, version: 4 }), c, { chases: 10 });
    expect(header(card).template).toBe('red');
    expect(header(card).title.content).toBe('【约谈建议】修订本科生培养方案');
    expect(textOf(card)).toContain('已逾期 12 个工作日，已催办 10 次仍未办结，建议约谈');
    expect(textOf(card)).toContain('分管校领导（李副校长）向教务处发送督办约谈通知单');
    expect(labels(card)).toEqual(['签发约谈通知', '查看详情']);
    expect(buttonsOf(card).map(buttonValue)).toEqual([
      { a: 'issue_interview', id: 11, v: 4 },
      { a: 'detail', id: 11, v: 4 },
    ]);
    expect(CARD_ACTIONS).toContain('issue_interview');
  });

  it('no 签发约谈通知 once the item is no longer being chased', () => {
    expect(labels(cards['interview proposal closed meanwhile']!)).toEqual(['查看详情']);
  });
});

describe('unitDigestCard (周报)', () => {
  const digest = cards['unit digest']!;

  it('refuses a confidential item', () => {
    expect(() => unitDigestCard('教务处', [item(), item({ id: 8, confidential: true })], 'jwc', c, '本周')).toThrow(
      /涉密/,
    );
  });

  it('counts at the top, blue, with the week', () => {
    expect(header(digest).template).toBe('blue');
    expect(header(digest).title.content).toBe('教务处督办事项周报');
    expect(header(digest).subtitle?.content).toBe('2026年第48周（11月23日—11月29日）');
    expect(textOf({ body: digest.body }).split('\n')[0]).toBe('在办 4 项，其中逾期 1、临期 1');
  });

  it('rows: light, number, title, role and working days, most urgent first; 查看详情 per row', () => {
    const text = textOf(digest);
    expect(text).toContain('🔴 督办〔2026〕19号 推进课堂教学改革\n主办 · 截止 2026年11月10日　逾期 9 个工作日');
    expect(text).toContain('🟡 督办〔2026〕18号 完善科研经费管理办法\n协办 · 截止 2026年11月25日　剩余 2 个工作日');
    expect(text).toContain('🟢 督办〔2026〕17号 修订本科生培养方案\n主办');
    const order = ['19号', '18号', '20号', '17号'].map((n) => text.indexOf(`督办〔2026〕${n}`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(buttonsOf(digest).map(buttonValue)).toEqual([
      { a: 'detail', id: 3, v: 3 },
      { a: 'detail', id: 2, v: 3 },
      { a: 'detail', id: 4, v: 3 },
      { a: 'detail', id: 1, v: 3 },
    ]);
  });

  it('closed items are left out; no items says so', () => {
    const text = textOf(unitDigestCard('教务处', [item(), item({ id: 2, state: 'closed' })], 'jwc', c, '本周'));
    expect(text).toContain('在办 1 项，其中逾期 0、临期 0');
    expect(textOf(cards['unit digest empty']!)).toContain('本单位暂无在办督办事项');
  });

  it('at most 30 rows, then 另有 N 项', () => {
    const many = Array.from({ length: 35 }, (_, i) => item({ id: i + 1, seq: i + 1, number: `督办〔2026〕${i + 1}号` }));
    const card = unitDigestCard('教务处', many, 'jwc', c, '本周');
    expect(buttonsOf(card)).toHaveLength(30);
    expect(textOf(card)).toContain('另有 5 项未显示');
    expect(textOf(card)).toContain('在办 35 项');
  });
});

describe('supervisorSummaryCard (日报)', () => {
  const card = cards['supervisor summary']!;

  it('five sections in order, each item with number, title, unit and status; empty sections say 无', () => {
    expect(header(card).template).toBe('blue');
    expect(header(card).title.content).toBe('督办日报 · 2026年11月23日');
    expect(header(card).subtitle?.content).toBe('转黄 1 · 转红 1 · 预警 1 · 待审核 1 · 未报送 0');
    const text = textOf(card);
    const at = ['今日转黄', '今日转红', '逾期预警', '待审核（1 项）', '进展未报送'].map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(text).toContain('今日转黄（1 项）\n🟡 督办〔2026〕17号 修订本科生培养方案 · 教务处 · 剩余 3 个工作日');
    expect(text).toContain('🔴 督办〔2026〕19号 推进人事制度改革 · 人事处 · 逾期 1 个工作日');
    expect(text).toContain('督办〔2026〕18号 完善科研经费管理办法 · 科研处 · 逾期 2 个工作日');
    expect(text).toContain('督办〔2026〕21号 修订本科生培养方案 · 教务处 · 待审核（主要领导销号）');
    expect(text).toContain('进展未报送（0 项）\n无');
    expect(buttonsOf(card)).toEqual([]);
  });

  it('an empty day says 无 everywhere', () => {
    expect(textOf(cards['supervisor summary empty']!).match(/\n无/g)).toHaveLength(5);
  });

  it('missed progress names the cycle', () => {
    const text = textOf(
      supervisorSummaryCard(
        '2026-11-23',
        { turnedYellow: [], turnedRed: [], warnings: [], awaitingReview: [], missedProgress: [item({ progressCycle: 'biweekly' })] },
        c,
      ),
    );
    expect(text).toContain('督办〔2026〕17号 修订本科生培养方案 · 教务处 · 每两周报送 · 剩余 28 个工作日');
  });

  it('a long section shows 20 rows and says how many more', () => {
    const many = Array.from({ length: 25 }, (_, i) => item({ id: i + 1, number: `督办〔2026〕${i + 1}号` }));
    const text = textOf(
      supervisorSummaryCard('2026-11-23', { turnedYellow: many, turnedRed: [], warnings: [], awaitingReview: [], missedProgress: [] }, c),
    );
    expect(text).toContain('今日转黄（25 项）');
    expect(text).toContain('督办〔2026〕20号');
    expect(text).not.toContain('督办〔2026〕21号');
    expect(text).toContain('另有 5 项未显示');
  });
});

describe('escaping and size', () => {
  const evil = '<at id=all></at>**紧急**<font color=red>x</font>';
  const markdownOf = (card: unknown): string[] => {
    if (Array.isArray(card)) return card.flatMap(markdownOf);
    if (typeof card !== 'object' || card === null) return [];
    const o = card as Record<string, unknown>;
    const own = o.tag === 'markdown' && typeof o.content === 'string' ? [o.content] : [];
    return [...own, ...Object.values(o).flatMap(markdownOf)];
  };
  const everyCard = (it: Item, n: number, name: string): Card[] => {
    const items = Array.from({ length: n }, (_, i) => ({ ...it, id: i + 1 }));
    return [
      reminderCard(it, c, 'due_soon'),
      reminderCard(it, c, 'progress_request', { periodDue: '2026-11-23' }),
      overdueWarningCard(it, c, { chases: 3, forLeader: false }),
      overdueWarningCard(it, c, { chases: 3, forLeader: true }),
      interviewProposalCard(it, c, { chases: 10 }),
      unitDigestCard(name, items, 'jwc', c, name),
      supervisorSummaryCard(
        '2026-11-23',
        { turnedYellow: items, turnedRed: items, warnings: items, awaitingReview: items, missedProgress: items },
        c,
      ),
      chaseBatchCard(
        items.map((i, k): BatchRow => ({ item: i, kind: (['overdue', 'warning', 'due_soon', 'unclaimed', 'progress_request'] as const)[k % 5]!, chases: 3 })),
        c,
      ),
    ];
  };

  it('user text cannot become a mention or markup', () => {
    const cardsWithEvil = everyCard(
      item({ title: evil, responsiblePerson: evil, leadUnitId: evil, leaderId: evil }),
      3,
      evil,
    );
    for (const card of cardsWithEvil) {
      const markdown = markdownOf(card).join('\n');
      expect(markdown).not.toContain('<at');
      expect(markdown).not.toContain('**紧急');
      expect(markdown).not.toContain('<font color=red>');
      expect(textOf(card)).toContain('<at id=all></at>');
    }
  });

  it.each(['督', '<', '😀'])('5000-char texts (%s) and 100 items stay under 30 KB and keep to the schema', (ch) => {
    const long = ch.repeat(5000);
    const big = item({
      title: long,
      requirements: long,
      measures: long,
      responsiblePerson: long,
      number: '督办〔2026〕1234号',
      pendingExtension: { ...ext, reason: long },
      flagged: true,
      important: true,
    });
    for (const card of everyCard(big, 100, long)) {
      expect(cardSize(card)).toBeLessThan(30 * 1024);
      expect(checkCard(card)).toEqual([]);
    }
  });
});
