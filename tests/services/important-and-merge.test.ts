/**
 * Important items (重要事项) need the leader in charge and then a principal to sign off; merges (合并) carry every
 * source into the target; cancel (撤销) needs a reason. On a real SQLite file, through the services.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/domain/item';
import type { RegistrationInput } from '../../src/domain/registration';
import type { Db } from '../../src/db/client';
import { listExtensions, listHistory } from '../../src/db/history-repository';
import { findItem } from '../../src/db/item-repository';
import { type ServiceCommand, applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';
import { refusal, dumpTables } from '../support/assertions';

let t: TestDb;
beforeEach(() => {
  t = openTestDb();
});
afterEach(() => t.close());

const dump = (db: Db) => dumpTables(db);
const auditCount = () => (t.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;


const register = (over: Partial<RegistrationInput> = {}, now = at('2026-11-02')) =>
  registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(over), now });
const apply = (item: Item, actorId: string, command: ServiceCommand, now = at('2026-11-10')) =>
  applyCommand(t.ctx, { itemId: item.id, actorId, channel: 'card', command, now });

/** Registers an item and brings it to review. */
function underReview(over: Partial<RegistrationInput> = {}): Item {
  const item = register(over);
  apply(item, WHO.supervisor, { type: 'send_slip' }, at('2026-11-02', '10:00'));
  apply(item, WHO.unitHead, { type: 'claim' }, at('2026-11-03'));
  return apply(item, WHO.unitHead, { type: 'submit_completion', selfAssessment: '已完成', materials: [] }, at('2026-11-20'));
}

describe('important items: leader, then principal', () => {
  it('the leader’s approval passes the item to a principal; only the principal closes it', () => {
    const item = underReview({ important: true, title: '一流专业建设' });
    expect(item).toMatchObject({ state: 'under_review', reviewStage: 'leader', important: true });

    // A principal cannot skip the leader in charge.
    expect(refusal(() => apply(item, WHO.principal, { type: 'approve' })).code).toBe('forbidden');

    const n = auditCount();
    const afterLeader = apply(item, WHO.leader, { type: 'approve', note: '同意，报校长' }, at('2026-11-21'));
    expect(afterLeader).toMatchObject({ state: 'under_review', reviewStage: 'principal', closedAt: null });
    expect(auditCount()).toBe(n + 1);
    expect(listHistory(t.db, item.id).at(-1)).toMatchObject({
      action: 'approve',
      actorId: WHO.leader,
      fromState: 'under_review',
      toState: 'under_review',
      changes: { reviewStage: ['leader', 'principal'] },
      note: '同意，报校长',
    });

    // The leader approving a second time is refused and changes nothing.
    const before = dump(t.db);
    const twice = refusal(() => apply(item, WHO.leader, { type: 'approve' }, at('2026-11-22')));
    expect(twice.code).toBe('forbidden');
    expect(twice.message).toContain(item.number);
    // Nor can the supervision office sign off for the principal, or another leader.
    expect(refusal(() => apply(item, WHO.supervisor, { type: 'approve' })).code).toBe('forbidden');
    expect(refusal(() => apply(item, WHO.otherLeader, { type: 'approve' })).code).toBe('forbidden');
    expect(dump(t.db)).toEqual(before);

    const closedAt = at('2026-11-25');
    const closed = apply(item, WHO.principal, { type: 'approve', note: '同意销号' }, closedAt);
    expect(closed).toMatchObject({ state: 'closed', reviewStage: null, closedAt: closedAt.toISOString() });
    expect(
      listHistory(t.db, item.id)
        .filter((h) => h.action === 'approve')
        .map((h) => [h.actorId, h.fromState, h.toState, h.changes.reviewStage]),
    ).toEqual([
      [WHO.leader, 'under_review', 'under_review', ['leader', 'principal']],
      [WHO.principal, 'under_review', 'closed', ['principal', null]],
    ]);
    expect(auditCount()).toBe(n + 2);
  });

  it('a principal’s return sends the item back; the next submission starts again at the leader', () => {
    const item = underReview({ important: true, title: '一流专业建设' });
    apply(item, WHO.leader, { type: 'approve' }, at('2026-11-21'));
    // At the principal stage the leader in charge can no longer return it; a principal (or the office) can.
    expect(refusal(() => apply(item, WHO.leader, { type: 'return', reason: '再改改', newDeadline: '2026-12-31' })).code).toBe('forbidden');
    const returned = apply(item, WHO.principal, { type: 'return', reason: '成效不明显', newDeadline: '2027-01-15' }, at('2026-11-22'));
    expect(returned).toMatchObject({ state: 'in_progress', reviewStage: null, deadline: '2027-01-15', originalDeadline: '2026-12-31' });
    const again = apply(item, WHO.liaison, { type: 'submit_completion', selfAssessment: '已补充', materials: [] }, at('2026-12-10'));
    expect(again.reviewStage).toBe('leader');
    expect(refusal(() => apply(item, WHO.principal, { type: 'approve' }, at('2026-12-11'))).code).toBe('forbidden');
    expect(apply(item, WHO.leader, { type: 'approve' }, at('2026-12-11')).reviewStage).toBe('principal');
    expect(apply(item, WHO.principal, { type: 'approve' }, at('2026-12-12')).state).toBe('closed');
  });

  it('an ordinary item closes on the leader’s approval alone', () => {
    const item = underReview();
    expect(apply(item, WHO.leader, { type: 'approve' }, at('2026-11-21'))).toMatchObject({ state: 'closed', reviewStage: null });
  });
});

describe('merge (合并)', () => {
  it('the source becomes merged; the target carries its sources, marked with the source’s number', () => {
    const target = register({ title: '本科教学审核评估整改', source: { category: 'committee', ref: '党委会 2026-05' } });
    const source = register({ title: '评估整改（教代会提案）', source: { category: 'congress', ref: '教代会提案 第 8 号' } });
    apply(target, WHO.supervisor, { type: 'send_slip' });
    const targetBefore = findItem(t.db, target.id)!;
    const n = auditCount();

    const merged = apply(source, WHO.supervisor, { type: 'merge', targetId: target.id }, at('2026-11-12'));
    expect(merged).toMatchObject({ state: 'merged', mergedIntoId: target.id, pendingExtension: null, reviewStage: null });
    const targetAfter = findItem(t.db, target.id)!;
    expect(targetAfter.sources).toEqual([
      { category: 'committee', ref: '党委会 2026-05' },
      { category: 'congress', ref: '教代会提案 第 8 号', mergedFrom: source.number },
    ]);
    expect(targetAfter).toMatchObject({ state: 'assigned', version: targetBefore.version + 1, deadline: targetBefore.deadline });

    // Two audit rows: merge on the source, merge_in on the target.
    expect(auditCount()).toBe(n + 2);
    expect(listHistory(t.db, source.id).at(-1)).toMatchObject({
      action: 'merge',
      actorId: WHO.supervisor,
      fromState: 'registered',
      toState: 'merged',
      changes: { state: ['registered', 'merged'], mergedIntoId: [null, target.id] },
    });
    expect(listHistory(t.db, target.id).at(-1)).toMatchObject({
      action: 'merge_in',
      actorId: WHO.supervisor,
      channel: 'card',
      fromState: 'assigned',
      toState: 'assigned',
      changes: { mergedFrom: source.number, sources: [targetBefore.sources, targetAfter.sources] },
    });

    // A merged item is no longer open: nothing more can be done to it, and its title is free again.
    expect(refusal(() => apply(source, WHO.supervisor, { type: 'send_slip' })).code).toBe('invalid_state');
    expect(refusal(() => apply(source, WHO.supervisor, { type: 'merge', targetId: target.id })).code).toBe('invalid_state');
  });

  it('merging twice keeps where each source first came from', () => {
    const a = register({ title: 'A 事项', source: { category: 'petition', ref: '信访 1' } });
    const b = register({ title: 'B 事项', source: { category: 'meeting', ref: '调度会 3' } });
    const c = register({ title: 'C 事项', source: { category: 'annual_plan', ref: '年度要点 5' } });
    apply(a, WHO.supervisor, { type: 'merge', targetId: b.id });
    apply(b, WHO.admin, { type: 'merge', targetId: c.id });
    expect(findItem(t.db, c.id)!.sources).toEqual([
      { category: 'annual_plan', ref: '年度要点 5' },
      { category: 'meeting', ref: '调度会 3', mergedFrom: b.number },
      { category: 'petition', ref: '信访 1', mergedFrom: a.number },
    ]);
    expect(findItem(t.db, b.id)).toMatchObject({ state: 'merged', mergedIntoId: c.id });
  });

  it('withdraws the source’s pending extension request', () => {
    const target = register({ title: '目标事项' });
    const source = register({ title: '来源事项' });
    apply(source, WHO.supervisor, { type: 'send_slip' });
    apply(source, WHO.unitHead, { type: 'claim' });
    apply(source, WHO.unitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-03-01' });
    apply(source, WHO.supervisor, { type: 'merge', targetId: target.id });
    expect(listExtensions(t.db, source.id)).toEqual([expect.objectContaining({ status: 'withdrawn', decidedBy: WHO.supervisor })]);
    expect(findItem(t.db, source.id)!.pendingExtension).toBeNull();
  });

  it('refuses a merge into a closed item, into itself, into nothing, or by a unit — changing nothing', () => {
    const closed = underReview({ title: '已办结事项' });
    apply(closed, WHO.leader, { type: 'approve' }, at('2026-11-21'));
    const source = register({ title: '新事项' });
    const before = dump(t.db);

    const intoClosed = refusal(() => apply(source, WHO.supervisor, { type: 'merge', targetId: closed.id }));
    expect(intoClosed.code).toBe('invalid_state');
    expect(intoClosed.message).toContain(closed.number);
    expect(refusal(() => apply(source, WHO.supervisor, { type: 'merge', targetId: source.id })).code).toBe('invalid_input');
    expect(refusal(() => apply(source, WHO.supervisor, { type: 'merge', targetId: 99_999 })).code).toBe('not_found');
    expect(dump(t.db)).toEqual(before);
    const open = register({ title: '另一在办事项' });
    const before2 = dump(t.db);
    expect(refusal(() => apply(source, WHO.unitHead, { type: 'merge', targetId: open.id })).code).toBe('forbidden');
    expect(refusal(() => apply(source, WHO.leader, { type: 'merge', targetId: open.id })).code).toBe('forbidden');
    expect(dump(t.db)).toEqual(before2);

    // The closed target was not touched.
    expect(findItem(t.db, closed.id)).toMatchObject({ state: 'closed', sources: closed.sources });
    expect(findItem(t.db, source.id)).toMatchObject({ state: 'registered', mergedIntoId: null, version: 1 });
  });
});

describe('cancel (撤销)', () => {
  it('records the reason and withdraws a pending extension', () => {
    const item = register();
    apply(item, WHO.supervisor, { type: 'send_slip' });
    apply(item, WHO.liaison, { type: 'claim' });
    apply(item, WHO.liaison, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-02-01' });
    const n = auditCount();
    const cancelled = apply(item, WHO.supervisor, { type: 'cancel', reason: '  上级已撤回该项部署 ' }, at('2026-11-15'));
    expect(cancelled).toMatchObject({ state: 'cancelled', pendingExtension: null });
    expect(auditCount()).toBe(n + 1);
    expect(listHistory(t.db, item.id).at(-1)).toMatchObject({
      action: 'cancel',
      actorId: WHO.supervisor,
      fromState: 'in_progress',
      toState: 'cancelled',
      note: '上级已撤回该项部署',
    });
    expect(listExtensions(t.db, item.id)[0]).toMatchObject({ status: 'withdrawn' });
  });

  it('refuses a cancel without a reason, by a unit or a leader, or of a closed item', () => {
    const item = register();
    const before = dump(t.db);
    expect(refusal(() => apply(item, WHO.supervisor, { type: 'cancel', reason: '   ' })).code).toBe('invalid_input');
    expect(refusal(() => apply(item, WHO.unitHead, { type: 'cancel', reason: '不想做' })).code).toBe('forbidden');
    expect(refusal(() => apply(item, WHO.leader, { type: 'cancel', reason: '不做了' })).code).toBe('forbidden');
    expect(dump(t.db)).toEqual(before);
    const closed = underReview({ title: '已办结事项' });
    apply(closed, WHO.leader, { type: 'approve' }, at('2026-11-21'));
    expect(refusal(() => apply(closed, WHO.supervisor, { type: 'cancel', reason: '误登记' })).code).toBe('invalid_state');
  });
});
