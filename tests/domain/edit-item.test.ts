import { describe, expect, it } from 'vitest';
import type { ItemEdit } from '../../src/domain/edit-item';
import type { Item, ItemState } from '../../src/domain/item';
import { decide } from '../../src/domain/transitions';
import { refusal } from '../support/assertions';
import { actorFor, chinaTime, makeItem } from '../support/items';

const NOW = chinaTime('2026-11-02');
const edit = (item: Item, changes: ItemEdit, reason = '登记时填写有误') =>
  decide(item, { type: 'edit', changes, reason }, actorFor('supervisor'), NOW);

describe('修改: each field is corrected, recorded as a change, and checked as at registration', () => {
  const item = makeItem({ state: 'in_progress', claimedBy: 'ou_head_jwc', claimedAt: '2026-10-01T01:00:00.000Z' });
  it.each([
    ['title', { title: '  修订本科专业培养方案 ' }, 'title', '修订本科专业培养方案'],
    ['requirements', { requirements: '12 月底前提交' }, 'requirements', '12 月底前提交'],
    ['measures', { measures: '每周调度一次' }, 'measures', '每周调度一次'],
    ['responsible person', { responsiblePerson: '王副处长' }, 'responsiblePerson', '王副处长'],
    ['leader', { leaderId: 'ou_vp2' }, 'leaderId', 'ou_vp2'],
    ['cooperating units', { coopUnitIds: ['rsc', 'rsc', 'kyc'] }, 'coopUnitIds', ['rsc', 'kyc']],
    ['deadline (a supervisor correction, not an extension)', { deadline: '2027-01-15' }, 'deadline', '2027-01-15'],
    ['mode', { mode: 'site' }, 'mode', 'site'],
    ['kind', { kind: 'notice' }, 'kind', 'notice'],
    ['flagged', { flagged: true }, 'flagged', true],
    ['important', { important: true }, 'important', true],
    ['progress cycle', { progressCycle: 'weekly' }, 'progressCycle', 'weekly'],
    ['stages', { stages: [{ name: ' 初稿 ', deadline: '2026-12-01' }] }, 'stages', [{ name: '初稿', deadline: '2026-12-01' }]],
  ] as const)('%s', (_what, changes, field, value) => {
    const d = edit(item, changes as ItemEdit);
    expect(d.command).toBe('edit');
    expect(d.to).toBe('in_progress');
    expect(d.patch[field as keyof Item]).toEqual(value);
    expect(d.changes[field]).toEqual([item[field as keyof Item], value]);
    // The registered deadline stays what it was: statistics tell a correction from an approved extension by it.
    expect(d.patch.originalDeadline).toBeUndefined();
  });

  it.each([
    ['an empty title', { title: '  ' }],
    ['a title over 200 characters', { title: '题'.repeat(201) }],
    ['a deadline that is not a date', { deadline: '2026-02-30' }],
    ['a new deadline before today', { deadline: '2026-11-01' }],
    ['a deadline past the horizon', { deadline: '2206-06-30' }],
    ['the lead unit as a cooperating unit', { coopUnitIds: ['jwc'] }],
    ['a stage after the deadline', { stages: [{ name: '初稿', deadline: '2027-02-01' }] }],
    ['a deadline moved before an existing stage', { deadline: '2026-11-10' }, { stages: [{ name: '初稿', deadline: '2026-11-20' }] }],
    ['an unknown mode', { mode: 'casual' }],
    ['requirements over 5000 characters', { requirements: '要'.repeat(5001) }],
    ['nothing different', { title: '修订本科生培养方案', measures: '' }],
  ] as [string, object, Partial<Item>?][])('refuses %s', (_what, changes, shape = {}) => {
    expect(refusal(() => edit(makeItem({ state: 'in_progress', ...shape }), changes as ItemEdit)).code).toBe('invalid_input');
  });

  it('needs a reason, which the history keeps', () => {
    expect(refusal(() => edit(item, { title: '新名称' }, ' ')).code).toBe('invalid_input');
  });

  it('only the office may correct an item', () => {
    for (const who of ['leaderInCharge', 'principal', 'unitHead', 'observer', 'admin'] as const) {
      const run = () => decide(item, { type: 'edit', changes: { title: '新名称' }, reason: '笔误' }, actorFor(who), NOW);
      if (who === 'admin') expect(run().patch.title).toBe('新名称');
      else expect(refusal(run).code).toBe('forbidden');
    }
  });
});

describe('转办: moving the lead unit sends the item back to be claimed by the new unit', () => {
  it.each([
    ['registered', 'registered'],
    ['assigned', 'assigned'],
    ['in_progress', 'assigned'],
  ] as const)('from %s → %s', (state: ItemState, to: ItemState) => {
    const item = makeItem({ state, claimedBy: state === 'in_progress' ? 'ou_head_jwc' : null, pendingExtension: state === 'in_progress' ? { id: 1, requestedBy: 'ou_head_jwc', reason: '等文件', proposedDeadline: '2027-01-31' } : null });
    const d = edit(item, { leadUnitId: 'rsc' });
    expect(d.to).toBe(to);
    expect(d.patch.leadUnitId).toBe('rsc');
    if (state === 'in_progress') {
      expect(d.patch).toMatchObject({ claimedBy: null, claimedAt: null, pendingExtension: null, assignedAt: NOW.toISOString() });
    }
  });

  it('is refused while the completion is under review', () => {
    const err = refusal(() => edit(makeItem({ state: 'under_review', reviewStage: 'leader' }), { leadUnitId: 'rsc' }));
    expect(err.message).toContain('正在审核');
  });

  it('moving the lead to a cooperating unit needs that unit taken off the cooperating list', () => {
    expect(refusal(() => edit(makeItem({ state: 'assigned' }), { leadUnitId: 'kyc' })).code).toBe('invalid_input');
    expect(edit(makeItem({ state: 'assigned' }), { leadUnitId: 'kyc', coopUnitIds: ['jwc'] }).patch).toMatchObject({ leadUnitId: 'kyc', coopUnitIds: ['jwc'] });
  });
});
