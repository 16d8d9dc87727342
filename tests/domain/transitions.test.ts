import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type Command, type CommandType } from '../../src/domain/commands';
import { type Item, type ItemState, ItemStates, type PendingExtension } from '../../src/domain/item';
import { type Decision, decide } from '../../src/domain/transitions';
import { type Standing, STANDINGS, VISIBLE, actorFor, chinaTime, makeItem } from '../support/items';
import { refusal } from '../support/assertions';

/** Monday 2026-11-02, 09:00 in Beijing; the default item is due 2026-12-31. */
const NOW = chinaTime('2026-11-02');

const PENDING: PendingExtension = {
  id: 7,
  requestedBy: 'ou_head_jwc',
  reason: '需等待教育部文件下发',
  proposedDeadline: '2027-01-31',
};

/** An open item to merge into. */
const TARGET = makeItem({ id: 2, seq: 18, state: 'in_progress' });


/** The item after a decision was saved. */
const apply = (item: Item, d: Decision): Item => ({ ...item, ...d.patch });

// ---------------------------------------------------------------------------------------------------------------
// 1. Every state × every command, with a person who may issue the command and valid input.
// ---------------------------------------------------------------------------------------------------------------

const STATES = [
  'registered',
  'assigned',
  'in_progress',
  'under_review',
  'closed',
  'archived',
  'merged',
  'cancelled',
] as const satisfies readonly ItemState[];

const COMMANDS = [
  'send_slip',
  'claim',
  'report_progress',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'submit_completion',
  'approve',
  'return',
  'merge',
  'cancel',
  'archive',
  'urge',
  'promote',
  'edit',
] as const satisfies readonly CommandType[];

/** For each command: who issues it, what the item carries besides its state, and the command itself. */
const VALID: Record<CommandType, { who: Standing; item?: Partial<Item>; command: Command }> = {
  send_slip: { who: 'supervisor', command: { type: 'send_slip' } },
  claim: { who: 'unitHead', command: { type: 'claim' } },
  report_progress: { who: 'unitHead', command: { type: 'report_progress', text: '已完成培养方案初稿' } },
  request_extension: {
    who: 'unitHead',
    command: { type: 'request_extension', reason: '需等待教育部文件下发', proposedDeadline: '2027-01-31' },
  },
  approve_extension: { who: 'leaderInCharge', item: { pendingExtension: PENDING }, command: { type: 'approve_extension' } },
  reject_extension: { who: 'leaderInCharge', item: { pendingExtension: PENDING }, command: { type: 'reject_extension' } },
  submit_completion: {
    who: 'unitHead',
    command: { type: 'submit_completion', selfAssessment: '已按要求完成修订', materials: ['培养方案.pdf'] },
  },
  approve: { who: 'leaderInCharge', item: { reviewStage: 'leader' }, command: { type: 'approve' } },
  return: {
    who: 'leaderInCharge',
    item: { reviewStage: 'leader' },
    command: { type: 'return', reason: '佐证材料不全', newDeadline: '2026-12-15' },
  },
  merge: { who: 'supervisor', command: { type: 'merge', target: TARGET } },
  cancel: { who: 'supervisor', command: { type: 'cancel', reason: '上级已撤回该任务' } },
  archive: { who: 'supervisor', command: { type: 'archive' } },
  urge: { who: 'supervisor', command: { type: 'urge', note: '请加快进度' } },
  promote: { who: 'supervisor', item: { kind: 'notice' }, command: { type: 'promote' } },
  edit: { who: 'supervisor', command: { type: 'edit', changes: { title: '修订后的事项名称' }, reason: '登记时笔误' } },
};

/**
 * The lifecycle in DOMAIN.md, by hand: the state each command leads to, or x where it must be refused.
 * Columns:        registered     assigned       in_progress     under_review    closed      archived merged cancelled
 */
const x = null;
const LIFECYCLE: Record<CommandType, readonly (ItemState | null)[]> = {
  send_slip: /*        */ ['assigned', x, x, x, x, x, x, x],
  claim: /*            */ [x, 'in_progress', x, x, x, x, x, x],
  report_progress: /*  */ [x, x, 'in_progress', x, x, x, x, x],
  request_extension: /**/ [x, x, 'in_progress', x, x, x, x, x],
  approve_extension: /**/ [x, x, 'in_progress', x, x, x, x, x],
  reject_extension: /* */ [x, x, 'in_progress', x, x, x, x, x],
  submit_completion: /**/ [x, x, 'under_review', x, x, x, x, x],
  approve: /*          */ [x, x, x, 'closed', x, x, x, x],
  return: /*           */ [x, x, x, 'in_progress', x, x, x, x],
  merge: /*            */ ['merged', 'merged', 'merged', 'merged', x, x, x, x],
  cancel: /*           */ ['cancelled', 'cancelled', 'cancelled', 'cancelled', x, x, x, x],
  archive: /*          */ [x, x, x, x, 'archived', x, x, x],
  urge: /*             */ [x, 'assigned', 'in_progress', x, x, x, x, x],
  promote: /*          */ ['registered', 'assigned', 'in_progress', 'under_review', x, x, x, x],
  edit: /*             */ ['registered', 'assigned', 'in_progress', 'under_review', x, x, x, x],
};

describe('every command in every state', () => {
  it('the tables below cover every state and every command the domain knows', () => {
    expect([...STATES].sort()).toEqual([...ItemStates].sort());
    expect([...COMMANDS].sort()).toEqual([...COMMAND_TYPES].sort());
  });

  const cases = COMMANDS.flatMap((command) =>
    STATES.map((state, i) => [command, state, LIFECYCLE[command][i] ?? null] as const),
  );

  it.each(cases)('%s on a %s item → %s', (command, state, expected) => {
    const { who, item: extra, command: cmd } = VALID[command];
    const item = makeItem({ ...extra, state });
    const run = () => decide(item, cmd, actorFor(who), NOW);
    if (expected === null) {
      const err = refusal(run);
      expect(err.code).toBe('invalid_state');
      expect(err.message).toContain('督办〔2026〕17号');
      expect(err.message).toContain('不能');
      return;
    }
    const d = run();
    expect(d.command).toBe(command);
    expect(d.from).toBe(state);
    expect(d.to).toBe(expected);
    expect(d.patch.state).toBe(expected);
    // The audit record names a state change exactly when there is one.
    expect(d.changes.state).toEqual(expected === state ? undefined : [state, expected]);
  });

  it('tells the unit why it cannot claim yet, or again', () => {
    const claim = (state: ItemState) =>
      refusal(() => decide(makeItem({ state }), { type: 'claim' }, actorFor('unitHead'), NOW)).message;
    expect(claim('registered')).toContain('督办单尚未发出');
    expect(claim('in_progress')).toContain('已被认领');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Every standing against every command, each command in a state where it is valid.
// ---------------------------------------------------------------------------------------------------------------

const SCENARIOS = {
  send_slip: { item: { state: 'registered' }, command: { type: 'send_slip' }, to: 'assigned' },
  claim: { item: { state: 'assigned' }, command: { type: 'claim' }, to: 'in_progress' },
  report_progress: {
    item: { state: 'in_progress' },
    command: { type: 'report_progress', text: '本周完成两个学院的方案审核' },
    to: 'in_progress',
  },
  request_extension: {
    item: { state: 'in_progress' },
    command: { type: 'request_extension', reason: '需等待教育部文件', proposedDeadline: '2027-01-31' },
    to: 'in_progress',
  },
  approve_extension: {
    item: { state: 'in_progress', pendingExtension: PENDING },
    command: { type: 'approve_extension' },
    to: 'in_progress',
  },
  reject_extension: {
    item: { state: 'in_progress', pendingExtension: PENDING },
    command: { type: 'reject_extension' },
    to: 'in_progress',
  },
  submit_completion: {
    item: { state: 'in_progress' },
    command: { type: 'submit_completion', selfAssessment: '已完成', materials: [] },
    to: 'under_review',
  },
  'approve@leader': {
    item: { state: 'under_review', reviewStage: 'leader', important: true },
    command: { type: 'approve' },
    to: 'under_review',
  },
  'approve@principal': {
    item: { state: 'under_review', reviewStage: 'principal', important: true },
    command: { type: 'approve' },
    to: 'closed',
  },
  'return@leader': {
    item: { state: 'under_review', reviewStage: 'leader', important: true },
    command: { type: 'return', reason: '材料不全', newDeadline: '2026-12-15' },
    to: 'in_progress',
  },
  'return@principal': {
    item: { state: 'under_review', reviewStage: 'principal', important: true },
    command: { type: 'return', reason: '材料不全', newDeadline: '2026-12-15' },
    to: 'in_progress',
  },
  merge: { item: { state: 'in_progress' }, command: { type: 'merge', target: TARGET }, to: 'merged' },
  cancel: { item: { state: 'in_progress' }, command: { type: 'cancel', reason: '任务已撤回' }, to: 'cancelled' },
  archive: { item: { state: 'closed' }, command: { type: 'archive' }, to: 'archived' },
  urge: { item: { state: 'in_progress' }, command: { type: 'urge' }, to: 'in_progress' },
  promote: { item: { state: 'in_progress', kind: 'notice' }, command: { type: 'promote' }, to: 'in_progress' },
  edit: { item: { state: 'in_progress' }, command: { type: 'edit', changes: { measures: '每周调度' }, reason: '补充措施' }, to: 'in_progress' },
} satisfies Record<string, { item: Partial<Item>; command: Command; to: ItemState }>;
type Scenario = keyof typeof SCENARIOS;

/** Who may do what, by hand from DOMAIN.md. Everything not listed is refused. */
const MAY: Record<Standing, readonly Scenario[]> = {
  supervisor: ['send_slip', 'merge', 'cancel', 'archive', 'urge', 'promote', 'edit', 'return@leader', 'return@principal'],
  admin: ['send_slip', 'merge', 'cancel', 'archive', 'urge', 'promote', 'edit'],
  leaderInCharge: ['approve@leader', 'return@leader', 'approve_extension', 'reject_extension'],
  principal: ['approve@principal', 'return@principal'],
  unitHead: ['claim', 'report_progress', 'request_extension', 'submit_completion'],
  liaison: ['claim', 'report_progress', 'request_extension', 'submit_completion'],
  coopHead: ['report_progress'],
  otherLeader: [],
  otherUnitHead: [],
  observer: [],
  stranger: [],
};

const SEES = VISIBLE;

describe('who may issue which command', () => {
  const scenarios = Object.keys(SCENARIOS) as Scenario[];
  const cases = [false, true].flatMap((confidential) =>
    STANDINGS.flatMap((who) => scenarios.map((s) => [confidential ? '涉密' : '普通', who, s] as const)),
  );

  it.each(cases)('%s item: %s → %s', (kind, who, scenario) => {
    const confidential = kind === '涉密';
    const { item: shape, command, to } = SCENARIOS[scenario];
    const item = makeItem({ ...(shape as Partial<Item>), confidential });
    const sees = confidential ? SEES[who].confidential : SEES[who].plain;
    // A secret item may only be merged into a secret one (its sources would otherwise show on the target).
    const cmd = (command.type === 'merge' ? { ...command, target: { ...command.target, confidential } } : command) as Command;
    const run = () => decide(item, cmd, actorFor(who), NOW);
    if (sees && MAY[who].includes(scenario)) {
      expect(run().to).toBe(to);
    } else {
      const err = refusal(run);
      expect(err.code).toBe(sees ? 'forbidden' : 'not_found');
      // Someone allowed to see is told which item; someone who may not see it learns not even its number.
      if (sees) expect(err.message).toContain(item.number);
      else expect(err.message).not.toContain(item.number);
    }
  });

  it('a refused person is told which action they may not take', () => {
    const err = refusal(() =>
      decide(makeItem({ state: 'under_review', reviewStage: 'leader' }), { type: 'approve' }, actorFor('unitHead'), NOW),
    );
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain('销号');
  });

  it('permission is checked before state: a stranger learns nothing about a closed item', () => {
    const err = refusal(() => decide(makeItem({ state: 'closed' }), { type: 'claim' }, actorFor('stranger'), NOW));
    expect(err.code).toBe('not_found');
  });

  it('claiming records who claimed and when', () => {
    const d = decide(makeItem({ state: 'assigned' }), { type: 'claim' }, actorFor('liaison'), NOW);
    expect(d.patch.claimedBy).toBe('ou_liaison_jwc');
    expect(d.patch.claimedAt).toBe(NOW.toISOString());
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Required text.
// ---------------------------------------------------------------------------------------------------------------

describe('commands that need words refuse empty ones', () => {
  it.each([
    ['report_progress', 'in_progress', 'unitHead', { type: 'report_progress', text: '   ' }],
    ['submit_completion', 'in_progress', 'unitHead', { type: 'submit_completion', selfAssessment: '', materials: [] }],
    ['cancel', 'registered', 'supervisor', { type: 'cancel', reason: ' \n ' }],
  ] as const)('%s with blank text → invalid_input', (_name, state, who, command) => {
    const err = refusal(() => decide(makeItem({ state }), command as Command, actorFor(who), NOW));
    expect(err.code).toBe('invalid_input');
  });

  it('promoting an item already in the ledger is refused', () => {
    const err = refusal(() =>
      decide(makeItem({ state: 'in_progress', kind: 'ledger' }), { type: 'promote' }, actorFor('supervisor'), NOW),
    );
    expect(err.code).toBe('invalid_state');
    expect(err.message).toContain('督办〔2026〕17号');
  });

  it('promoting a special notice puts it in the ledger', () => {
    const d = decide(makeItem({ state: 'assigned', kind: 'notice' }), { type: 'promote' }, actorFor('admin'), NOW);
    expect(d.patch.kind).toBe('ledger');
    expect(d.changes.kind).toEqual(['notice', 'ledger']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. Extensions.
// ---------------------------------------------------------------------------------------------------------------

describe('extensions', () => {
  const due = makeItem({ state: 'in_progress', deadline: '2026-10-09', originalDeadline: '2026-10-09' });
  const request = (proposedDeadline = '2026-10-30', reason = '需等待教育部文件下发'): Command => ({
    type: 'request_extension',
    reason,
    proposedDeadline,
  });

  it.each([
    ['a week before', chinaTime('2026-09-30'), null],
    ['on the deadline day, in the morning', chinaTime('2026-10-09', '08:00'), null],
    ['on the deadline day, one minute before midnight', chinaTime('2026-10-09', '23:59'), null],
    ['the day after, just past midnight', chinaTime('2026-10-10', '00:01'), 'deadline_passed'],
    // 16:30 UTC on the 9th is already the 10th in Beijing: the Chinese calendar day decides.
    ['the day after in Beijing, still the 9th in UTC', new Date('2026-10-09T16:30:00Z'), 'deadline_passed'],
    ['a week late', chinaTime('2026-10-16'), 'deadline_passed'],
  ] as const)('requested %s → %s', (_when, now, code) => {
    const run = () => decide(due, request(), actorFor('unitHead'), now);
    if (code === null) {
      const d = run();
      expect(d.to).toBe('in_progress');
      // Asking does not move the deadline; only the leader's approval does.
      expect(d.changes.deadline).toBeUndefined();
      return;
    }
    const err = refusal(run);
    expect(err.code).toBe(code);
    expect(err.message).toContain('督办〔2026〕17号');
    expect(err.message).toContain('2026-10-09');
  });

  it.each([
    ['earlier than the deadline', '2026-10-08', 'invalid_input'],
    ['the deadline itself', '2026-10-09', 'invalid_input'],
    ['the day after the deadline', '2026-10-10', null],
    ['not a real date', '2026-02-30', 'invalid_input'],
    ['not in YYYY-MM-DD form', '10月30日', 'invalid_input'],
    ['empty', '', 'invalid_input'],
    // Five years from "today" (2026-09-30) is the horizon; past it a date is a typo.
    ['the last day of the horizon', '2031-09-30', null],
    ['a day past the horizon', '2031-10-01', 'invalid_input'],
    ['in 2100', '2100-01-01', 'invalid_input'],
    ['9999-12-31', '9999-12-31', 'invalid_input'],
  ] as const)('proposed date %s (%s) → %s', (_what, proposed, code) => {
    const run = () => decide(due, request(proposed), actorFor('liaison'), chinaTime('2026-09-30'));
    if (code === null) expect(run().to).toBe('in_progress');
    else expect(refusal(run).code).toBe(code);
  });

  it('a leader\'s note is bounded like every other text', () => {
    const pending = { ...due, pendingExtension: { ...PENDING, proposedDeadline: '2026-10-30' } };
    const err = refusal(() => decide(pending, { type: 'approve_extension', note: '注'.repeat(2001) }, actorFor('leaderInCharge'), chinaTime('2026-09-30')));
    expect(err.code).toBe('invalid_input');
  });

  it('needs a reason', () => {
    const err = refusal(() => decide(due, request('2026-10-30', '  '), actorFor('unitHead'), chinaTime('2026-09-30')));
    expect(err.code).toBe('invalid_input');
  });

  it.each(['unitHead', 'liaison'] as const)('a second request while one is pending is refused (%s)', (who) => {
    const pending = { ...due, pendingExtension: { ...PENDING, proposedDeadline: '2026-10-20' } };
    const err = refusal(() => decide(pending, request(), actorFor(who), chinaTime('2026-09-30')));
    expect(err.code).toBe('extension_pending');
    expect(err.message).toContain('督办〔2026〕17号');
  });

  it('a pending request past the horizon (filed before dates were bounded) cannot be approved, only refused', () => {
    const pending = { ...due, pendingExtension: { ...PENDING, proposedDeadline: '9999-12-31' } };
    const err = refusal(() => decide(pending, { type: 'approve_extension' }, actorFor('leaderInCharge'), chinaTime('2026-09-30')));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('不同意');
    expect(decide(pending, { type: 'reject_extension' }, actorFor('leaderInCharge'), chinaTime('2026-09-30')).patch.pendingExtension).toBeNull();
  });

  it('approval moves the deadline to the proposed date and keeps the original', () => {
    const pending = { ...due, pendingExtension: { ...PENDING, proposedDeadline: '2026-10-30' } };
    const d = decide(pending, { type: 'approve_extension', note: '同意' }, actorFor('leaderInCharge'), chinaTime('2026-09-30'));
    expect(d.to).toBe('in_progress');
    expect(d.patch.deadline).toBe('2026-10-30');
    expect(d.patch.pendingExtension).toBeNull();
    expect(d.changes.deadline).toEqual(['2026-10-09', '2026-10-30']);
    expect(d.changes.state).toBeUndefined();
    const after = apply(pending, d);
    expect(after.deadline).toBe('2026-10-30');
    expect(after.originalDeadline).toBe('2026-10-09');
  });

  it('the leader may still approve after the old deadline, if the request came in time', () => {
    const pending = { ...due, pendingExtension: { ...PENDING, proposedDeadline: '2026-10-30' } };
    const d = decide(pending, { type: 'approve_extension' }, actorFor('leaderInCharge'), chinaTime('2026-10-12'));
    expect(d.patch.deadline).toBe('2026-10-30');
  });

  it('rejection leaves the deadline and clears the request', () => {
    const pending = { ...due, pendingExtension: { ...PENDING, proposedDeadline: '2026-10-30' } };
    const d = decide(pending, { type: 'reject_extension', note: '理由不充分' }, actorFor('leaderInCharge'), chinaTime('2026-09-30'));
    expect(d.to).toBe('in_progress');
    expect(d.patch.deadline).toBeUndefined();
    expect(d.changes.deadline).toBeUndefined();
    expect(d.patch.pendingExtension).toBeNull();
    expect(apply(pending, d).deadline).toBe('2026-10-09');
  });

  it.each(['approve_extension', 'reject_extension'] as const)('%s with nothing pending → no_pending_extension', (type) => {
    const err = refusal(() => decide(due, { type }, actorFor('leaderInCharge'), chinaTime('2026-09-30')));
    expect(err.code).toBe('no_pending_extension');
    expect(err.message).toContain('督办〔2026〕17号');
  });

  it.each([
    ['50 materials of 500 characters', Array.from({ length: 50 }, () => '材'.repeat(500)), null],
    ['51 materials', Array.from({ length: 51 }, (_, i) => `材料${i}.pdf`), 'invalid_input'],
    ['one material of 501 characters', ['材'.repeat(501)], 'invalid_input'],
  ] as const)('completion with %s → %s', (_what, materials, code) => {
    const run = () => decide(due, { type: 'submit_completion', selfAssessment: '已完成', materials: [...materials] }, actorFor('unitHead'), chinaTime('2026-09-30'));
    if (code === null) expect(run().to).toBe('under_review');
    else expect(refusal(run).code).toBe(code);
  });

  it('submitting completion withdraws a pending request', () => {
    const pending = { ...due, pendingExtension: PENDING };
    const d = decide(
      pending,
      { type: 'submit_completion', selfAssessment: '已提前完成', materials: [] },
      actorFor('unitHead'),
      chinaTime('2026-09-30'),
    );
    expect(d.to).toBe('under_review');
    expect(d.patch.pendingExtension).toBeNull();
    expect(d.patch.reviewStage).toBe('leader');
    expect(d.patch.submittedAt).toBe(chinaTime('2026-09-30').toISOString());
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Two-level sign-off (销号).
// ---------------------------------------------------------------------------------------------------------------

describe('sign-off', () => {
  const approve: Command = { type: 'approve', note: '同意销号' };

  it('an important item needs the leader in charge, then a principal', () => {
    const submitted = makeItem({ state: 'under_review', reviewStage: 'leader', important: true });

    const first = decide(submitted, approve, actorFor('leaderInCharge'), NOW);
    expect(first.to).toBe('under_review');
    expect(first.patch.reviewStage).toBe('principal');
    expect(first.changes.reviewStage).toEqual(['leader', 'principal']);
    expect(first.patch.closedAt).toBeUndefined();
    const atPrincipal = apply(submitted, first);

    // The leader has signed; signing again does not close it.
    expect(refusal(() => decide(atPrincipal, approve, actorFor('leaderInCharge'), NOW)).code).toBe('forbidden');

    const second = decide(atPrincipal, approve, actorFor('principal'), NOW);
    expect(second.to).toBe('closed');
    expect(second.patch.reviewStage).toBeNull();
    expect(second.patch.closedAt).toBe(NOW.toISOString());
  });

  it('a principal cannot sign before the leader in charge', () => {
    const submitted = makeItem({ state: 'under_review', reviewStage: 'leader', important: true });
    expect(refusal(() => decide(submitted, approve, actorFor('principal'), NOW)).code).toBe('forbidden');
  });

  it('an ordinary item is closed by the leader in charge alone', () => {
    const submitted = makeItem({ state: 'under_review', reviewStage: 'leader', important: false });
    const d = decide(submitted, approve, actorFor('leaderInCharge'), NOW);
    expect(d.to).toBe('closed');
    expect(d.patch.reviewStage).toBeNull();
    expect(d.patch.closedAt).toBe(NOW.toISOString());
  });

  it('the whole life of an important item, one decision after another', () => {
    let item = makeItem({ important: true });
    const step = (who: Standing, command: Command, to: ItemState) => {
      const d = decide(item, command, actorFor(who), NOW);
      expect(d.to).toBe(to);
      item = apply(item, d);
    };
    step('supervisor', { type: 'send_slip' }, 'assigned');
    step('unitHead', { type: 'claim' }, 'in_progress');
    step('coopHead', { type: 'report_progress', text: '科研处已提供数据' }, 'in_progress');
    step('liaison', { type: 'submit_completion', selfAssessment: '已完成', materials: [] }, 'under_review');
    step('leaderInCharge', approve, 'under_review');
    step('principal', { type: 'return', reason: '需补充学院意见', newDeadline: '2026-12-10' }, 'in_progress');
    expect(item.deadline).toBe('2026-12-10');
    step('liaison', { type: 'submit_completion', selfAssessment: '已补充', materials: [] }, 'under_review');
    expect(item.reviewStage).toBe('leader');
    step('leaderInCharge', approve, 'under_review');
    step('principal', approve, 'closed');
    step('supervisor', { type: 'archive' }, 'archived');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 6. Return (退回, 责令限期办理).
// ---------------------------------------------------------------------------------------------------------------

describe('return', () => {
  const submitted = makeItem({
    state: 'under_review',
    reviewStage: 'leader',
    deadline: '2026-10-30',
    submittedAt: '2026-10-28T02:00:00.000Z',
  });
  const ret = (newDeadline: string, reason = '佐证材料不全'): Command => ({ type: 'return', reason, newDeadline });

  it('sends the item back with a new deadline', () => {
    const d = decide(submitted, ret('2026-11-20'), actorFor('leaderInCharge'), NOW);
    expect(d.to).toBe('in_progress');
    expect(d.patch.reviewStage).toBeNull();
    expect(d.patch.deadline).toBe('2026-11-20');
    expect(d.changes.deadline).toEqual(['2026-10-30', '2026-11-20']);
    expect(d.changes.state).toEqual(['under_review', 'in_progress']);
    expect(d.patch.submittedAt).toBeNull();
  });

  it('the office may return an item too', () => {
    expect(decide(submitted, ret('2026-11-20'), actorFor('supervisor'), NOW).to).toBe('in_progress');
  });

  it('a principal returns an important item at the second level', () => {
    const atPrincipal = makeItem({ state: 'under_review', reviewStage: 'principal', important: true });
    const d = decide(atPrincipal, ret('2026-11-20'), actorFor('principal'), NOW);
    expect(d.to).toBe('in_progress');
    expect(d.patch.reviewStage).toBeNull();
  });

  it.each([
    ['tomorrow', '2026-11-03', null],
    ['today', '2026-11-02', 'invalid_input'],
    ['yesterday', '2026-11-01', 'invalid_input'],
    ['not a date', '2026-11-31', 'invalid_input'],
    ['missing', '', 'invalid_input'],
    ['five years on', '2031-11-02', null],
    ['past the horizon', '2031-11-03', 'invalid_input'],
    ['in 2100', '2100-03-01', 'invalid_input'],
  ] as const)('new deadline %s (%s) → %s', (_when, newDeadline, code) => {
    const run = () => decide(submitted, ret(newDeadline), actorFor('leaderInCharge'), NOW);
    if (code === null) expect(run().patch.deadline).toBe(newDeadline);
    else expect(refusal(run).code).toBe(code);
  });

  it('needs a reason', () => {
    expect(refusal(() => decide(submitted, ret('2026-11-20', ' '), actorFor('leaderInCharge'), NOW)).code).toBe(
      'invalid_input',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 7. Merge.
// ---------------------------------------------------------------------------------------------------------------

describe('merge', () => {
  const item = makeItem({ state: 'in_progress', pendingExtension: PENDING });

  it('into itself is refused', () => {
    const err = refusal(() => decide(item, { type: 'merge', target: item }, actorFor('supervisor'), NOW));
    expect(err.code).toBe('invalid_input');
  });

  it.each(['closed', 'archived', 'merged', 'cancelled'] as const)('into a %s item is refused', (state) => {
    const target = makeItem({ id: 2, seq: 18, state });
    const err = refusal(() => decide(item, { type: 'merge', target }, actorFor('supervisor'), NOW));
    expect(err.code).toBe('invalid_state');
    expect(err.message).toContain('督办〔2026〕18号');
  });

  it('a confidential item cannot be merged into an ordinary one', () => {
    const secret = makeItem({ state: 'in_progress', confidential: true });
    const err = refusal(() => decide(secret, { type: 'merge', target: makeItem({ id: 2, seq: 18, state: 'in_progress' }) }, actorFor('supervisor'), NOW));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('涉密');
  });

  it.each(['registered', 'assigned', 'in_progress', 'under_review'] as const)('into a %s item succeeds', (state) => {
    const target = makeItem({ id: 2, seq: 18, state });
    const d = decide(item, { type: 'merge', target }, actorFor('admin'), NOW);
    expect(d.to).toBe('merged');
    expect(d.patch.mergedIntoId).toBe(2);
    expect(d.changes.mergedIntoId).toEqual([null, 2]);
    // A merged item has nothing left to decide.
    expect(d.patch.pendingExtension).toBeNull();
  });
});
