import { describe, expect, it } from 'vitest';
import {
  type Audience,
  type Card,
  cardSize,
  completionFormCard,
  completionReviewCard,
  errorCard,
  extensionFormCard,
  extensionReviewCard,
  helpCard,
  itemDetailCard,
  listCard,
  noticeCard,
  progressFormCard,
  receiptCard,
  registerFormCard,
  editFormCard,
  cancelConfirmCard,
  slipCard,
  textOf,
} from '../../src/cards/cards';
import { type ChaseRow, chaseLines, movedCard } from '../../src/cards/item-cards';
import type { Item, ItemState } from '../../src/domain/item';
import { ItemStates, STATE_LABELS } from '../../src/domain/item';
import { buttonLabel, buttonValue, buttonsOf, checkCard } from './card-schema';
import { ctx, historyRow, item, progressRow } from './item-fixture';
import { cardContract } from './card-contract';

const c = ctx();
const ext = { reason: '需等待教育部新版专业目录发布后再定稿', proposedDeadline: '2027-01-29', requestedBy: 'ou_head_jwc' };
const sub = {
  selfAssessment: '已完成 2026 版培养方案修订，经校长办公会审议通过。',
  materials: ['2026 版本科生培养方案（定稿）', '校长办公会纪要〔2026〕15号'],
  submittedBy: 'ou_liaison_jwc',
};
const units = [
  { id: 'jwc', name: '教务处' },
  { id: 'kyc', name: '科研处' },
  { id: 'yjsy', name: '研究生院' },
];
const leaders = [
  { id: 'ou_vp1', name: '李副校长' },
  { id: 'ou_vp2', name: '赵副校长' },
];
/** 催办 records of item 7: three overdue days to the head and the liaison, a warning, and a chase by hand. */
function chaseRow(id: number, over: Partial<ChaseRow>): ChaseRow {
  return { id, itemId: 7, kind: 'overdue', stepKey: `s${id}`, recipient: 'ou_head_jwc', automatic: true, actorId: null, at: '2026-11-18T01:00:00.000Z', outboxId: null, answeredAt: null, ...over };
}
const chaseRows: ChaseRow[] = [
  ...['2026-11-18', '2026-11-19', '2026-11-20'].flatMap((d, i) => [
    chaseRow(i * 2 + 1, { stepKey: `overdue:7:2026-11-17:${d}`, at: `${d}T01:00:00.000Z`, answeredAt: i < 2 ? '2026-11-21T01:00:00.000Z' : null }),
    chaseRow(i * 2 + 2, { stepKey: `overdue:7:2026-11-17:${d}`, recipient: 'ou_liaison_jwc', at: `${d}T01:00:00.000Z`, answeredAt: i < 2 ? '2026-11-21T01:00:00.000Z' : null }),
  ]),
  chaseRow(7, { kind: 'warning', stepKey: 'warning:7:2026-11-17', at: '2026-11-20T01:00:00.000Z' }),
  chaseRow(8, { kind: 'warning', stepKey: 'warning:7:2026-11-17', recipient: 'ou_vp1', at: '2026-11-20T01:00:00.000Z' }),
  chaseRow(9, { kind: 'warning', stepKey: 'warning:7:2026-11-17', recipient: 'supervisors', at: '2026-11-20T01:00:00.000Z' }),
  chaseRow(10, { kind: 'manual', stepKey: 'manual:7:x', automatic: false, actorId: 'ou_sup', at: '2026-11-21T02:00:00.000Z', answeredAt: '2026-11-22T01:00:00.000Z' }),
];

const detail = {
  history: [
    historyRow(1, { action: 'register', actorId: 'ou_sup', fromState: null, toState: 'registered', note: null }),
    historyRow(2, { action: 'send_slip', actorId: 'ou_sup', fromState: 'registered', toState: 'assigned', note: null }),
    historyRow(3, { action: 'claim', fromState: 'assigned', toState: 'in_progress', note: null }),
    historyRow(4, { note: '已完成调研' }),
    historyRow(5, {
      action: 'approve_extension',
      actorId: 'ou_vp1',
      changes: { deadline: ['2026-11-30', '2026-12-31'] },
      note: '同意',
    }),
  ],
  progress: [progressRow(1), progressRow(2, { unitId: 'kyc', authorId: 'ou_head_kyc', text: '科研处已提供意见' })],
};

/** One of every card, in the states that change how it looks. */
function catalogue(): Record<string, Card> {
  return {
    'slip lead assigned': slipCard(item({ state: 'assigned', claimedBy: null, claimedAt: null, version: 2 }), c, 'lead'),
    'slip lead in_progress claimed': slipCard(item(), c, 'lead', '✅ 已认领'),
    'slip lead in_progress extension pending': slipCard(
      item({ pendingExtension: { id: 1, ...ext } }),
      c,
      'lead',
    ),
    'slip coop in_progress': slipCard(item(), c, 'coop'),
    'slip other flagged important confidential': slipCard(
      item({ flagged: true, important: true, confidential: true, mode: 'joint', progressCycle: 'biweekly' }),
      c,
      'other',
    ),
    'slip lead overdue': slipCard(item({ deadline: '2026-11-16', originalDeadline: '2026-10-30' }), c, 'lead'),
    'slip lead yellow': slipCard(item({ deadline: '2026-11-25' }), c, 'lead'),
    'slip lead under_review': slipCard(item({ state: 'under_review', reviewStage: 'leader' }), c, 'lead'),
    'slip lead closed': slipCard(item({ state: 'closed', closedAt: '2026-11-20T02:00:00.000Z' }), c, 'lead'),
    'slip merged sources': slipCard(
      item({
        sources: [
          { category: 'committee', ref: '校长办公会 2026 年第 12 次会议纪要' },
          { category: 'leader_instruction', ref: '', mergedFrom: '督办〔2026〕12号' },
        ],
        stages: [{ name: '形成初稿', deadline: '2026-11-30' }],
        measures: '成立工作专班，每周例会',
      }),
      c,
      'lead',
    ),
    'slip sparse (no requirements, responsible person or coop units)': slipCard(
      item({ requirements: '', responsiblePerson: '', coopUnitIds: [], sources: [] }),
      c,
      'lead',
    ),
    'progress form': progressFormCard(item(), c),
    'extension form': extensionFormCard(item(), c),
    'completion form': completionFormCard(item(), c),
    'completion form important': completionFormCard(item({ important: true }), c),
    'extension review': extensionReviewCard(item({ pendingExtension: { id: 1, ...ext } }), ext, c),
    'extension review without a reason': extensionReviewCard(item({ pendingExtension: { id: 1, ...ext, reason: '' } }), { ...ext, reason: '' }, c),
    'extension review decided': extensionReviewCard(item(), ext, c, '已同意，完成时限延至 2027年1月29日'),
    'completion review leader': completionReviewCard(item({ state: 'under_review', reviewStage: 'leader' }), sub, c),
    'completion review principal': completionReviewCard(
      item({ state: 'under_review', reviewStage: 'principal', important: true }),
      sub,
      c,
    ),
    'completion review without an assessment': completionReviewCard(
      item({ state: 'under_review', reviewStage: 'leader' }),
      { ...sub, selfAssessment: '', materials: [] },
      c,
    ),
    'completion review decided': completionReviewCard(item({ state: 'closed' }), sub, c, '已销号'),
    'item detail': itemDetailCard(item(), detail, c),
    'item detail office': itemDetailCard(item(), detail, c, true),
    'item detail empty': itemDetailCard(item({ state: 'assigned' }), { history: [], progress: [] }, c),
    'item detail sparse': itemDetailCard(
      item({ requirements: '', responsiblePerson: '', coopUnitIds: [], sources: [] }),
      { history: [], progress: [] },
      c,
    ),
    'item detail with chases': itemDetailCard(item({ deadline: '2026-11-17' }), { ...detail, chases: chaseRows }, c),
    'moved (转办)': movedCard(item({ leadUnitId: 'rsc', state: 'assigned' }), c, '↪️ 已转办至人事处，贵单位无需再办理'),
    'moved confidential': movedCard(item({ leadUnitId: 'rsc', confidential: true }), c, '↪️ 该事项已转办，贵单位无需再办理'),
    'receipt blue (supervisors notice)': receiptCard(item({ state: 'under_review', reviewStage: 'leader' }), c, '📤 办结申请待审核', 'blue'),
    list: listCard('督办事项 · 本单位', [
      item(),
      item({ id: 8, number: '督办〔2026〕18号', title: '完善科研经费管理办法', deadline: '2026-11-25', leadUnitId: 'kyc' }),
      item({ id: 9, number: '督办〔2026〕19号', title: '推进人事制度改革', deadline: '2026-11-10', leadUnitId: 'rsc' }),
      item({ id: 10, number: '督办〔2026〕20号', title: '已办结事项', state: 'closed' }),
    ], c),
    'list empty': listCard('督办事项 · 逾期', [], c),
    'register form': registerFormCard({ units, leaders }),
    'register form error': registerFormCard({ units, leaders, error: '完成时限 2026-11-01 早于今天（2026-11-23）' }),
    'edit form': editFormCard(item({ stages: [{ name: '形成初稿', deadline: '2026-11-30' }], flagged: true }), c, { units, leaders }),
    'cancel confirm': cancelConfirmCard(item(), c, '上级已撤回该任务'),
    receipt: receiptCard(item({ state: 'closed', closedAt: '2026-11-23T01:00:00.000Z' }), c, '✅ 已销号'),
    error: errorCard('没有找到事项 2026-99，或您无权查看', '请检查编号，格式如 督办〔2026〕17号 或 2026-17'),
    'error without hint': errorCard('服务暂时不可用'),
    help: helpCard(),
    'help with problem': helpCard('未知指令“/督办 删除”'),
    notice: noticeCard('群聊已绑定', '本群已绑定为教务处的督办群。'),
  };
}

const cards = catalogue();

cardContract('card', cards);

const labels = (card: Card) => buttonsOf(card).map(buttonLabel);
const header = (card: Card) => card.header as { template: string; subtitle?: { content: string } };

describe('修改 and 撤销 forms', () => {
  it('the edit form shows the item as it is and submits submit_edit with its version; 撤销 asks for a reason first', () => {
    const edit = editFormCard(item({ id: 42, version: 5, measures: '每周例会', flagged: true, deadline: '2026-11-30' }), c, { units, leaders });
    const json = JSON.stringify(edit);
    for (const s of ['"default_value":"每周例会"', '"initial_option":"jwc"', '"selected_values":["flagged"]', '"initial_date":"2026-11-30"']) expect(json).toContain(s);
    expect(json).toContain('"name":"reason"');
    expect(buttonsOf(edit).map(buttonValue)).toEqual([
      { a: 'submit_edit', id: 42, v: 5 },
      { a: 'back', id: 42, v: 5 },
    ]);
    const cancel = cancelConfirmCard(item({ id: 42, version: 5 }), c, '上级已撤回');
    expect(JSON.stringify(cancel)).toContain('"default_value":"上级已撤回"');
    expect(buttonsOf(cancel).map(buttonValue)).toEqual([
      { a: 'confirm_cancel', id: 42, v: 5 },
      { a: 'back', id: 42, v: 5 },
    ]);
  });
});

describe('slip (督办单)', () => {
  it('for the lead unit of an assigned item: exactly 认领 and 查看详情, carrying {a, id, v}', () => {
    const card = slipCard(item({ id: 42, version: 5, state: 'assigned' }), c, 'lead');
    const buttons = buttonsOf(card);
    expect(buttons.map(buttonLabel)).toEqual(['认领', '查看详情']);
    expect(buttons.map(buttonValue)).toEqual([
      { a: 'claim', id: 42, v: 5 },
      { a: 'detail', id: 42, v: 5 },
    ]);
  });

  it('for the lead unit in progress: 填报进展, 申请延期, 申请办结, 查看详情; no 申请延期 while one is pending', () => {
    expect(labels(slipCard(item(), c, 'lead'))).toEqual(['填报进展', '申请延期', '申请办结', '查看详情']);
    expect(labels(slipCard(item({ pendingExtension: { id: 1, ...ext } }), c, 'lead'))).toEqual([
      '填报进展',
      '申请办结',
      '查看详情',
    ]);
  });

  it('a cooperating unit never gets 认领, 申请延期 or 申请办结, and is told it is the 协办单位', () => {
    for (const state of ItemStates) {
      const card = slipCard(item({ state }), c, 'coop');
      expect(labels(card)).not.toContain('认领');
      expect(labels(card)).not.toContain('申请办结');
      expect(labels(card)).not.toContain('申请延期');
      expect(textOf(card)).toContain('协办单位');
    }
    expect(labels(slipCard(item(), c, 'coop'))).toEqual(['填报进展', '查看详情']);
  });

  it.each<[ItemState, Audience]>([
    ['under_review', 'lead'],
    ['closed', 'lead'],
    ['cancelled', 'lead'],
    ['in_progress', 'other'],
    ['assigned', 'other'],
  ])('%s for %s: no action buttons, only 查看详情, and the state is shown', (state, audience) => {
    const card = slipCard(item({ state, reviewStage: state === 'under_review' ? 'leader' : null }), c, audience);
    expect(labels(card)).toEqual(['查看详情']);
    expect(header(card).subtitle?.content).toContain(STATE_LABELS[state]);
    expect(textOf(card)).toContain(`状态：${STATE_LABELS[state]}`);
  });

  it('an overdue item is red and says 逾期', () => {
    const card = slipCard(item({ deadline: '2026-11-16' }), c, 'lead');
    expect(header(card).template).toBe('red');
    expect(textOf(card)).toMatch(/🔴 逾期 5 个工作日/);
  });

  it('挂牌督办 is orange; an ordinary item blue; tags for 重要/挂牌/涉密', () => {
    const flagged = slipCard(item({ flagged: true, important: true, confidential: true }), c, 'lead');
    expect(header(flagged).template).toBe('orange');
    expect(textOf(flagged)).toMatch(/重要[\s\S]*挂牌督办[\s\S]*涉密/);
    expect(header(slipCard(item(), c, 'lead')).template).toBe('blue');
    expect(header(slipCard(item({ flagged: true, deadline: '2026-11-16' }), c, 'lead')).template).toBe('red');
  });

  it('shows the number, state, sources, units, leader, deadline with its light, and the note at the top', () => {
    const card = slipCard(item({ deadline: '2026-11-25' }), c, 'lead', '✅ 已认领');
    const text = textOf(card);
    expect(header(card).subtitle?.content).toBe('督办单 · 督办〔2026〕17号 · 办理中');
    expect(text.split('\n').find((l) => !/修订|督办单/.test(l))).toBe('✅ 已认领');
    for (const s of ['督办〔2026〕17号', '党委会/常委会/校长办公会决议', '日常督办', '教务处', '科研处', '李副校长', '2026年11月25日', '🟡 剩余 2 个工作日']) {
      expect(text).toContain(s);
    }
  });

  it('respects yellowWithin from the context', () => {
    const text = textOf(slipCard(item({ deadline: '2026-11-30' }), ctx({ yellowWithin: 5 }), 'lead'));
    expect(text).toContain('🟡 剩余 5 个工作日');
  });
});

function markdownOf(card: unknown): string[] {
  if (Array.isArray(card)) return card.flatMap(markdownOf);
  if (typeof card !== 'object' || card === null) return [];
  const o = card as Record<string, unknown>;
  const own = o.tag === 'markdown' && typeof o.content === 'string' ? [o.content] : [];
  return [...own, ...Object.values(o).flatMap(markdownOf)];
}

describe('escaping user text', () => {
  const evil = '<at id=all></at>**紧急**<font color=red>x</font>';

  it('a title, requirement or note cannot become a mention or markup', () => {
    const all = [
      slipCard(item({ title: evil, requirements: evil, responsiblePerson: evil }), c, 'lead', evil),
      itemDetailCard(item(), { history: [historyRow(1, { note: evil })], progress: [progressRow(1, { text: evil })] }, c),
      extensionReviewCard(item(), { ...ext, reason: evil }, c),
      completionReviewCard(item({ state: 'under_review', reviewStage: 'leader' }), { ...sub, selfAssessment: evil, materials: [evil] }, c),
      listCard(evil, [item({ title: evil })], c),
      errorCard(evil, evil),
      helpCard(evil),
      registerFormCard({ units, leaders, error: evil }),
      noticeCard('通知', evil),
    ];
    for (const card of all) {
      // Only markdown is parsed for tags and mentions; plain_text (titles, summaries) shows text as it is.
      const markdown = markdownOf(card).join('\n');
      expect(markdown).toContain('&#60;at id=all&#62;');
      expect(markdown).not.toContain('<at');
      expect(markdown).not.toContain('**紧急');
      expect(markdown).not.toContain('<font color=red>');
      expect(textOf(card)).toContain('<at id=all></at>');
    }
  });
});

describe('forms', () => {
  const fieldNames = (card: Card) =>
    JSON.stringify(card)
      .match(/"name":"[a-z_]+"/g)
      ?.map((s) => s.slice(8, -1));

  it('progress, extension and completion forms: fields, submit with {a, id, v}, and 返回 outside the form', () => {
    const it = item({ id: 3, version: 9 });
    const cases: [Card, string[], string][] = [
      [progressFormCard(it, c), ['progress_form', 'text', 'submit'], 'submit_progress'],
      [extensionFormCard(it, c), ['extension_form', 'reason', 'date', 'submit'], 'submit_extension'],
      [completionFormCard(it, c), ['completion_form', 'assessment', 'materials', 'submit'], 'submit_completion'],
    ];
    for (const [card, names, action] of cases) {
      expect(fieldNames(card)).toEqual(names);
      expect(buttonsOf(card).map(buttonValue)).toEqual([
        { a: action, id: 3, v: 9 },
        { a: 'back', id: 3, v: 9 },
      ]);
      expect(textOf(card)).toContain('督办〔2026〕17号');
      expect(textOf(card)).toContain('2026年12月31日');
    }
  });

  it('the registration form offers sources, units and leaders, and submits {a: register, id: 0, v: 0}', () => {
    const card = registerFormCard({ units, leaders });
    expect(fieldNames(card)).toEqual([
      'register_form', 'title', 'requirements', 'measures', 'responsible', 'source', 'ref', 'lead', 'coop', 'leader', 'deadline', 'cycle', 'mode', 'kind', 'stages', 'flags', 'submit',
    ]);
    expect(buttonsOf(card).map(buttonValue)).toEqual([{ a: 'register', id: 0, v: 0 }]);
    const text = textOf(card);
    for (const s of ['校领导批示/交办', '研究生院', '赵副校长', '重要', '挂牌督办', '涉密']) expect(text).toContain(s);
    expect(text).not.toContain('❌');
    expect(textOf(registerFormCard({ units, leaders, error: '请填写事项名称' }))).toContain('❌ 请填写事项名称');
  });

  it('the registration form comes back filled in, and with near-duplicates offers 并入 and 仍然新建', () => {
    const values = { title: '推进智慧校园二期 建设', lead: 'jwc', coop: ['kyc'], leader: 'ou_vp1', deadline: '2027-03-31', mode: 'site', stages: '招标 2027-01-31', flags: ['flagged'] };
    const duplicates = [{ id: 7, number: '督办〔2026〕7号', title: '推进智慧校园二期建设', unit: '信息化处', exact: false }];
    const card = registerFormCard({ units, leaders, values, duplicates });
    const json = JSON.stringify(card);
    for (const s of ['"default_value":"推进智慧校园二期 建设"', '"initial_option":"jwc"', '"selected_values":["kyc"]', '"initial_date":"2027-03-31"', '"initial_option":"site"', '"default_value":"招标 2027-01-31"', '"selected_values":["flagged"]']) {
      expect(json).toContain(s);
    }
    expect(textOf(card)).toContain('督办〔2026〕7号');
    expect(buttonsOf(card).map(buttonValue)).toEqual([
      { a: 'register_merge', id: 0, v: 0 },
      { a: 'register_anyway', id: 0, v: 0 },
    ]);
    // The same title: merging only.
    const exact = registerFormCard({ units, leaders, values, duplicates: [{ ...duplicates[0]!, exact: true }] });
    expect(buttonsOf(exact).map(buttonValue)).toEqual([{ a: 'register_merge', id: 0, v: 0 }]);
  });
});

describe('review cards', () => {
  it('extension review: 同意 / 不同意 submitting the note; decided shows the result without them', () => {
    const open = extensionReviewCard(item(), ext, c);
    expect(header(open).template).toBe('orange');
    expect(labels(open)).toEqual(['同意', '不同意', '查看详情']);
    expect(buttonsOf(open).map((b) => buttonValue(b)?.a)).toEqual(['approve_extension', 'reject_extension', 'detail']);
    expect(textOf(open)).toMatch(/申请延至：2027年1月29日（顺延 \d+ 个工作日）/);
    const done = extensionReviewCard(item(), ext, c, '已同意');
    expect(labels(done)).toEqual(['查看详情']);
    expect(textOf(done)).toContain('审批结果：已同意');
  });

  it("completion review: 销号 / 退回 with note and new_deadline; says whether it is the leader's or principal's sign-off", () => {
    const leader = completionReviewCard(item({ state: 'under_review', reviewStage: 'leader' }), sub, c);
    expect(labels(leader)).toEqual(['销号', '退回', '查看详情']);
    expect(JSON.stringify(leader)).toMatch(/"name":"note"[\s\S]*"name":"new_deadline"/);
    expect(textOf(leader)).toContain('办结审核 · 分管校领导审核');
    const principal = completionReviewCard(item({ state: 'under_review', reviewStage: 'principal', important: true }), sub, c);
    expect(textOf(principal)).toContain('办结审核 · 主要领导销号');
    expect(textOf(principal)).toContain('第二级');
    const done = completionReviewCard(item({ state: 'closed' }), sub, c, '已销号');
    expect(labels(done)).toEqual(['查看详情']);
  });
});

describe('detail and list', () => {
  it('detail shows the latest 15 history entries, newest last, and says how many there are', () => {
    const history = Array.from({ length: 40 }, (_, i) => historyRow(i + 1));
    const text = textOf(itemDetailCard(item(), { history: [...history].reverse(), progress: [] }, c));
    expect(text).toContain('共 40 条，显示最近 15 条');
    expect(text).not.toContain('第 25 次进展');
    expect(text.indexOf('第 26 次进展')).toBeLessThan(text.indexOf('第 40 次进展'));
    expect(text).toContain('暂无进展报告');
  });

  it('detail names actions in the domain words and shows deadline changes', () => {
    const text = textOf(cards['item detail']!);
    expect(text).toContain('认领（待认领 → 办理中）');
    expect(text).toContain('同意延期（完成时限 2026年11月30日 → 2026年12月31日）：同意');
    expect(text).toContain('2026年9月1日 10:00'); // 01:00Z + 1 h, in Beijing time
  });

  it('detail lists the 催办 records by step: how many, automatic or by whom, to whom, the latest, answered or not', () => {
    const text = textOf(cards['item detail with chases']!);
    expect(text).toContain('催办记录　共 5 次（自动 4，人工 1）');
    expect(text).toContain('逾期催办 ×3（自动，致 教务处处长、教务处联络人；最近 11月20日，未回应）');
    expect(text).toContain('逾期预警 ×1（自动，致 教务处处长、李副校长；11月20日，未回应）');
    expect(text).toContain('督查室催办 ×1（王督查，致 教务处处长；11月21日，已回应）');
    // After the history, in the order of the ladder.
    expect(text.indexOf('办理记录')).toBeLessThan(text.indexOf('催办记录'));
    expect(text.indexOf('逾期催办')).toBeLessThan(text.indexOf('逾期预警'));
    expect(textOf(cards['item detail']!)).not.toContain('催办记录');
  });

  it('chase lines stay short: a step told to many names three and says how many; a past year is written out', () => {
    const many = ['ou_a', 'ou_b', 'ou_c', 'ou_d', 'ou_e'].map((r, i) => chaseRow(i + 1, { kind: 'due_soon', stepKey: 'due_soon:7:x:3', recipient: r, at: '2025-12-30T01:00:00.000Z' }));
    const [line] = chaseLines(many, c);
    expect(line).toEqual({ label: '到期提醒', count: 1, detail: '自动，致 ou_a、ou_b、ou_c 等 5 人；2025年12月30日，未回应' });
    const summaryOnly = chaseLines([chaseRow(1, { kind: 'progress_missed', recipient: 'supervisors' })], c);
    expect(summaryOnly[0]!.detail).toBe('自动，致 督查室；11月18日');
  });

  it('a moved item shows no button; a confidential one only its number', () => {
    expect(labels(cards['moved (转办)']!)).toEqual([]);
    expect(textOf(cards['moved (转办)']!)).toContain('修订本科生培养方案');
    expect(textOf(cards['moved (转办)']!)).toContain('主办单位：人事处');
    const secret = textOf(cards['moved confidential']!);
    expect(labels(cards['moved confidential']!)).toEqual([]);
    expect(secret).toContain('督办〔2026〕17号');
    expect(secret).not.toContain('修订本科生培养方案');
    expect(secret).not.toContain('人事处');
  });

  it('list rows: light, number, title, lead unit and working days; at most 30 rows, then how many more', () => {
    const text = textOf(cards.list!);
    expect(text).toContain('🟢 督办〔2026〕17号 修订本科生培养方案');
    expect(text).toContain('🟡 督办〔2026〕18号');
    expect(text).toMatch(/🔴 督办〔2026〕19号 推进人事制度改革\n人事处 · 截止 2026年11月10日　逾期 9 个工作日/);
    expect(text).toContain('⚪ 督办〔2026〕20号');
    expect(header(cards.list!).subtitle?.content).toBe('共 4 项 · 逾期 1 项 · 临期 1 项');

    const many = Array.from({ length: 35 }, (_, i) => item({ id: i + 1, number: `督办〔2026〕${i + 1}号` }));
    const card = listCard('全部', many, c);
    expect(buttonsOf(card)).toHaveLength(30);
    expect(textOf(card)).toContain('另有 5 项未显示');
  });
});

describe('help and errors', () => {
  it('help lists every command with examples; a problem shows in red at the top', () => {
    const text = textOf(helpCard());
    for (const s of [
      '/督办 帮助',
      '/督办 新建 <标题> 主办:<单位> [协办:<单位>,<单位>] 截止:<YYYY-MM-DD> [分管:<姓名>] [来源:<来源>] [周期:每周|每两周|每月] [重要] [挂牌] [涉密]',
      '/督办 列表 [我的|本单位|逾期|待审核|全部] [红|黄|绿] [状态:…] [单位:…] [年份:…] [关键词:…] [已办结|含已办结]',
      '/督办 查看 <编号>',
      '/督办 进展 <编号> <文字>',
      '/督办 催办 <编号>',
      '/督办 修改 <编号> <键:值>… 理由:<为何修改>',
      '/督办 撤销 <编号> <理由>',
      '/督办 合并 <编号> 到 <编号>',
      '/督办 绑定 <单位名> [确认]',
      '督办〔年份〕序号号',
      '2026-17',
      '回复',
    ]) {
      expect(text).toContain(s);
    }
    const withProblem = helpCard('未知指令');
    const first = (withProblem.body as { elements: { content: string }[] }).elements[0]!;
    expect(first.content).toBe("<font color='red'>❌ 未知指令</font>");
    expect(header(withProblem).template).toBe('blue');
  });

  it('errors are red, receipts green', () => {
    expect(header(errorCard('x')).template).toBe('red');
    expect(header(cards.receipt!).template).toBe('green');
    expect(textOf(cards.error!)).toContain('请检查编号');
  });
});

describe('size', () => {
  const long = (ch: string) => ch.repeat(5000);

  it.each(['督', '<', '😀'])('an item with 5000-char texts (%s) and 40 history rows stays under 30 KB on every card', (ch) => {
    const big: Item = item({
      title: long(ch),
      requirements: long(ch),
      measures: long(ch),
      responsiblePerson: long(ch),
      sources: Array.from({ length: 5 }, () => ({ category: 'other' as const, ref: long(ch), mergedFrom: '督办〔2026〕1号' })),
      stages: Array.from({ length: 10 }, () => ({ name: long(ch), deadline: '2026-12-01' })),
      pendingExtension: { id: 1, requestedBy: 'ou_head_jwc', reason: long(ch), proposedDeadline: '2027-01-29' },
    });
    const bigExt = { ...ext, reason: long(ch) };
    const bigSub = { ...sub, selfAssessment: long(ch), materials: Array.from({ length: 40 }, () => long(ch)) };
    const history = Array.from({ length: 40 }, (_, i) => historyRow(i + 1, { note: long(ch) }));
    const progress = Array.from({ length: 40 }, (_, i) => progressRow(i + 1, { text: long(ch) }));
    const all = [
      slipCard(big, c, 'lead', long(ch)),
      slipCard(big, c, 'coop'),
      itemDetailCard(big, { history, progress }, c),
      itemDetailCard(big, { history, progress, chases: Array.from({ length: 200 }, (_, i) => chaseRow(i + 1, { kind: ['overdue', 'manual', 'warning'][i % 3]!, recipient: `ou_${long(ch).slice(0, 50)}${i}`, automatic: i % 3 !== 1, actorId: 'ou_sup' })) }, c),
      movedCard(big, c, long(ch)),
      movedCard({ ...big, confidential: true }, c, long(ch)),
      progressFormCard(big, c),
      extensionFormCard(big, c),
      completionFormCard(big, c),
      extensionReviewCard(big, bigExt, c),
      completionReviewCard({ ...big, state: 'under_review', reviewStage: 'leader' }, bigSub, c, long(ch)),
      listCard(long(ch), Array.from({ length: 100 }, () => big), c),
      receiptCard(big, c, long(ch)),
      errorCard(long(ch), long(ch)),
      helpCard(long(ch)),
      noticeCard(long(ch), long(ch)),
      registerFormCard({
        units: Array.from({ length: 100 }, (_, i) => ({ id: `unit_${i}`, name: `${ch.repeat(12)}${i}` })),
        leaders: Array.from({ length: 15 }, (_, i) => ({ id: `ou_leader_${i}`, name: `${ch.repeat(4)}${i}` })),
        error: long(ch),
      }),
    ];
    for (const card of all) {
      expect(cardSize(card)).toBeLessThan(30 * 1024);
      expect(checkCard(card)).toEqual([]);
    }
  });

  it('clips long texts with …', () => {
    const text = textOf(itemDetailCard(item(), { history: [historyRow(1, { note: '长'.repeat(500) })], progress: [] }, c));
    expect(text).toMatch(/长{150,}…/);
    expect(text).not.toContain('长'.repeat(201));
  });
});
