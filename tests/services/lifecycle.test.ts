/**
 * The whole life of one item on a real SQLite file, through the services: every transition writes exactly one
 * audit row (who, channel, from, to, what changed) in the same transaction, and the side tables keep the evidence.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/domain/item';
import type { Channel } from '../../src/db/history-repository';
import { listCompletions, listExtensions, listHistory, listProgress } from '../../src/db/history-repository';
import { findItem } from '../../src/db/item-repository';
import { type ServiceCommand, applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb, recordingSink } from '../support/fixtures';
import { refusal } from '../support/assertions';

let t: TestDb;
let sink: ReturnType<typeof recordingSink>;

beforeEach(() => {
  sink = recordingSink();
  t = openTestDb(sink);
});
afterEach(() => t.close());

const auditCount = () => (t.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;


describe('lifecycle: register → … → archived', () => {
  it('walks every step, one audit row per transition, history kept', () => {
    const registeredAt = at('2026-11-02');
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: registeredAt });
    expect(item).toMatchObject({
      number: '督办〔2026〕1号',
      year: 2026,
      seq: 1,
      state: 'registered',
      deadline: '2026-12-31',
      originalDeadline: '2026-12-31',
      leadUnitId: 'jwc',
      coopUnitIds: ['kyc'],
      leaderId: WHO.leader,
      createdBy: WHO.supervisor,
      version: 1,
      pendingExtension: null,
    });

    let audits = auditCount();
    let version = item.version;
    /** Applies a command and checks the invariants every transition must keep. */
    const step = (actorId: string, command: ServiceCommand, now: Date, channel: Channel = 'card'): Item => {
      const after = applyCommand(t.ctx, { itemId: item.id, actorId, channel, command, now });
      expect(auditCount(), `${command.type} writes exactly one audit row`).toBe(audits + 1);
      // Progress reports leave the item (and so every card showing it) as it was; everything else bumps the version.
      const bump = command.type === 'report_progress' ? 0 : 1;
      expect(after.version, `${command.type} bumps the version by ${bump}`).toBe(version + bump);
      if (bump) expect(after.updatedAt).toBe(now.toISOString());
      expect(findItem(t.db, item.id)).toEqual(after);
      audits += 1;
      version += bump;
      return after;
    };
    const lastAudit = () => listHistory(t.db, item.id).at(-1)!;

    // 发送督办单
    let it1 = step(WHO.supervisor, { type: 'send_slip' }, at('2026-11-02', '10:00'), 'command');
    expect(it1.state).toBe('assigned');

    // 认领 (挂号) by the lead unit's liaison
    const claimedAt = at('2026-11-03');
    it1 = step(WHO.liaison, { type: 'claim' }, claimedAt);
    expect(it1).toMatchObject({ state: 'in_progress', claimedBy: WHO.liaison, claimedAt: claimedAt.toISOString() });
    expect(lastAudit().changes).toEqual({
      state: ['assigned', 'in_progress'],
      claimedBy: [null, WHO.liaison],
      claimedAt: [null, claimedAt.toISOString()],
    });

    // 填报进展: the lead unit, then a cooperating unit
    it1 = step(WHO.unitHead, { type: 'report_progress', text: '  已完成初稿，正在征求意见  ' }, at('2026-11-10'), 'chat');
    it1 = step(WHO.coopHead, { type: 'report_progress', text: '科研处已提交科研育人部分' }, at('2026-11-12'));
    expect(it1.state).toBe('in_progress');
    expect(listProgress(t.db, item.id).map((p) => [p.unitId, p.authorId, p.text, p.channel])).toEqual([
      ['jwc', WHO.unitHead, '已完成初稿，正在征求意见', 'chat'],
      ['kyc', WHO.coopHead, '科研处已提交科研育人部分', 'card'],
    ]);
    expect(lastAudit()).toMatchObject({ action: 'report_progress', note: '科研处已提交科研育人部分', changes: {} });

    // 申请延期 → 同意: the deadline moves, the original stays, the request is closed as approved
    it1 = step(WHO.liaison, { type: 'request_extension', reason: '需等待教育部新标准发布', proposedDeadline: '2027-01-31' }, at('2026-12-01'));
    expect(it1.deadline).toBe('2026-12-31');
    expect(it1.pendingExtension).toMatchObject({ requestedBy: WHO.liaison, reason: '需等待教育部新标准发布', proposedDeadline: '2027-01-31' });
    expect(listExtensions(t.db, item.id)).toHaveLength(1);
    expect(listExtensions(t.db, item.id)[0]).toMatchObject({ status: 'pending', previousDeadline: '2026-12-31' });

    const approvedAt = at('2026-12-02');
    it1 = step(WHO.leader, { type: 'approve_extension', note: '同意' }, approvedAt);
    expect(it1).toMatchObject({ deadline: '2027-01-31', originalDeadline: '2026-12-31', pendingExtension: null, state: 'in_progress' });
    expect(lastAudit()).toMatchObject({ action: 'approve_extension', actorId: WHO.leader, note: '同意' });
    expect(lastAudit().changes.deadline).toEqual(['2026-12-31', '2027-01-31']);
    expect(listExtensions(t.db, item.id)).toEqual([
      expect.objectContaining({
        requestedBy: WHO.liaison,
        reason: '需等待教育部新标准发布',
        previousDeadline: '2026-12-31',
        proposedDeadline: '2027-01-31',
        status: 'approved',
        decidedBy: WHO.leader,
        decidedAt: approvedAt.toISOString(),
        note: '同意',
      }),
    ]);

    // 再次申请延期 → 不同意: the deadline does not move
    it1 = step(WHO.unitHead, { type: 'request_extension', reason: '征求意见周期较长', proposedDeadline: '2027-03-31' }, at('2027-01-10'));
    it1 = step(WHO.leader, { type: 'reject_extension', note: '请按期完成' }, at('2027-01-11'));
    expect(it1).toMatchObject({ deadline: '2027-01-31', originalDeadline: '2026-12-31', pendingExtension: null });
    expect(lastAudit().changes.deadline).toBeUndefined();
    expect(listExtensions(t.db, item.id).map((e) => [e.status, e.previousDeadline, e.proposedDeadline, e.decidedBy])).toEqual([
      ['approved', '2026-12-31', '2027-01-31', WHO.leader],
      ['rejected', '2027-01-31', '2027-03-31', WHO.leader],
    ]);

    // 申请办结 → 退回 with a reason and a new deadline (责令限期办理)
    const submittedAt = at('2027-01-20');
    it1 = step(WHO.liaison, { type: 'submit_completion', selfAssessment: '已按要求完成', materials: [' 培养方案.pdf ', ''] }, submittedAt);
    expect(it1).toMatchObject({ state: 'under_review', reviewStage: 'leader', submittedAt: submittedAt.toISOString() });
    it1 = step(WHO.leader, { type: 'return', reason: '缺少专业论证材料', newDeadline: '2027-02-28' }, at('2027-01-22'));
    expect(it1).toMatchObject({
      state: 'in_progress',
      reviewStage: null,
      submittedAt: null,
      deadline: '2027-02-28',
      originalDeadline: '2026-12-31',
    });
    expect(lastAudit()).toMatchObject({ action: 'return', note: '缺少专业论证材料', fromState: 'under_review', toState: 'in_progress' });
    expect(lastAudit().changes.deadline).toEqual(['2027-01-31', '2027-02-28']);

    // 再次申请办结 → 销号 → 归档
    it1 = step(WHO.unitHead, { type: 'submit_completion', selfAssessment: '已补充论证材料', materials: ['论证报告.pdf'] }, at('2027-02-20'));
    const closedAt = at('2027-02-25');
    it1 = step(WHO.leader, { type: 'approve', note: '同意销号' }, closedAt);
    expect(it1).toMatchObject({ state: 'closed', reviewStage: null, closedAt: closedAt.toISOString() });
    it1 = step(WHO.supervisor, { type: 'archive' }, at('2027-03-01'), 'cli');
    expect(it1.state).toBe('archived');
    expect(it1.version).toBe(version);
    expect(version).toBeGreaterThan(8);
    // The item's own fields that no step should touch.
    expect(it1).toMatchObject({ number: item.number, title: item.title, createdAt: item.createdAt, createdBy: WHO.supervisor, sources: item.sources });

    expect(listCompletions(t.db, item.id).map((c) => [c.submittedBy, c.selfAssessment, c.materials])).toEqual([
      [WHO.liaison, '已按要求完成', ['培养方案.pdf']],
      [WHO.unitHead, '已补充论证材料', ['论证报告.pdf']],
    ]);

    // The history, in order: who, from where, from which state to which, when.
    const history = listHistory(t.db, item.id);
    expect(history.map((h) => [h.action, h.actorId, h.channel, h.fromState, h.toState])).toEqual([
      ['register', WHO.supervisor, 'command', null, 'registered'],
      ['send_slip', WHO.supervisor, 'command', 'registered', 'assigned'],
      ['claim', WHO.liaison, 'card', 'assigned', 'in_progress'],
      ['report_progress', WHO.unitHead, 'chat', 'in_progress', 'in_progress'],
      ['report_progress', WHO.coopHead, 'card', 'in_progress', 'in_progress'],
      ['request_extension', WHO.liaison, 'card', 'in_progress', 'in_progress'],
      ['approve_extension', WHO.leader, 'card', 'in_progress', 'in_progress'],
      ['request_extension', WHO.unitHead, 'card', 'in_progress', 'in_progress'],
      ['reject_extension', WHO.leader, 'card', 'in_progress', 'in_progress'],
      ['submit_completion', WHO.liaison, 'card', 'in_progress', 'under_review'],
      ['return', WHO.leader, 'card', 'under_review', 'in_progress'],
      ['submit_completion', WHO.unitHead, 'card', 'in_progress', 'under_review'],
      ['approve', WHO.leader, 'card', 'under_review', 'closed'],
      ['archive', WHO.supervisor, 'cli', 'closed', 'archived'],
    ]);
    expect(history[0]!.changes).toEqual({ number: '督办〔2026〕1号', title: '修订本科生培养方案', deadline: '2026-12-31', leadUnitId: 'jwc' });
    expect(history[0]!.at).toBe(registeredAt.toISOString());
    const times = history.map((h) => h.at);
    expect([...times].sort()).toEqual(times);
    expect(history.filter((h) => h.action !== 'register' && h.changes.deadline).map((h) => [h.action, h.changes.deadline])).toEqual([
      ['approve_extension', ['2026-12-31', '2027-01-31']],
      ['return', ['2027-01-31', '2027-02-28']],
    ]);
    // Only the org import wrote anything else.
    expect(auditCount()).toBe(history.length + 1);

    // The sink heard every transition, in order, with the state before and after.
    expect(sink.events.map((e) => e.type)).toEqual(history.map((h) => h.action));
    const approveEvent = sink.events.find((e) => e.type === 'approve')!;
    expect(approveEvent.before?.state).toBe('under_review');
    expect(approveEvent.item.state).toBe('closed');
    expect(approveEvent.actor.id).toBe(WHO.leader);

    // Nothing more can happen to an archived item.
    const before = auditCount();
    expect(refusal(() => applyCommand(t.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'card', command: { type: 'archive' }, now: at('2027-03-02') })).code).toBe('invalid_state');
    expect(refusal(() => applyCommand(t.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'card', command: { type: 'cancel', reason: 'x' }, now: at('2027-03-02') })).code).toBe('invalid_state');
    expect(auditCount()).toBe(before);
  });

  it('submitting completion while an extension is pending withdraws the request, still one audit row', () => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
    const apply = (actorId: string, command: ServiceCommand, now: Date) =>
      applyCommand(t.ctx, { itemId: item.id, actorId, channel: 'card', command, now });
    apply(WHO.supervisor, { type: 'send_slip' }, at('2026-11-02'));
    apply(WHO.unitHead, { type: 'claim' }, at('2026-11-03'));
    apply(WHO.unitHead, { type: 'request_extension', reason: '材料未齐', proposedDeadline: '2027-01-15' }, at('2026-11-04'));
    const n = auditCount();
    const after = apply(WHO.liaison, { type: 'submit_completion', selfAssessment: '提前完成', materials: [] }, at('2026-11-20'));
    expect(auditCount()).toBe(n + 1);
    expect(after).toMatchObject({ state: 'under_review', pendingExtension: null, deadline: '2026-12-31' });
    expect(listExtensions(t.db, item.id)).toEqual([
      expect.objectContaining({ status: 'withdrawn', decidedBy: WHO.liaison, note: '已申请办结' }),
    ]);
    expect(listHistory(t.db, item.id).at(-1)!.changes).toMatchObject({ state: ['in_progress', 'under_review'] });
  });

  it('refuses the steps the regulations do not allow, writing nothing', () => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
    const apply = (actorId: string, command: ServiceCommand, now = at('2026-11-05')) =>
      applyCommand(t.ctx, { itemId: item.id, actorId, channel: 'card', command, now });
    const n = auditCount();
    // claim before the slip is sent
    expect(refusal(() => apply(WHO.unitHead, { type: 'claim' })).code).toBe('invalid_state');
    apply(WHO.supervisor, { type: 'send_slip' });
    // only the lead unit claims; a cooperating unit cannot
    expect(refusal(() => apply(WHO.coopHead, { type: 'claim' })).code).toBe('forbidden');
    apply(WHO.liaison, { type: 'claim' });
    // only the lead unit submits completion
    expect(refusal(() => apply(WHO.coopHead, { type: 'submit_completion', selfAssessment: '完成', materials: [] })).code).toBe('forbidden');
    // only the leader in charge decides an extension
    apply(WHO.unitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-01-31' });
    expect(refusal(() => apply(WHO.otherLeader, { type: 'approve_extension' })).code).toBe('forbidden');
    expect(refusal(() => apply(WHO.supervisor, { type: 'approve_extension' })).code).toBe('forbidden');
    // one pending request at a time
    expect(refusal(() => apply(WHO.unitHead, { type: 'request_extension', reason: '再次', proposedDeadline: '2027-02-28' })).code).toBe('extension_pending');
    apply(WHO.leader, { type: 'reject_extension' });
    expect(refusal(() => apply(WHO.leader, { type: 'approve_extension' })).code).toBe('no_pending_extension');
    // after the deadline an extension can no longer be requested
    expect(
      refusal(() => apply(WHO.unitHead, { type: 'request_extension', reason: '晚了', proposedDeadline: '2027-02-28' }, at('2027-01-01'))).code,
    ).toBe('deadline_passed');
    // the new date must be later than the current deadline
    expect(refusal(() => apply(WHO.unitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2026-12-31' })).code).toBe('invalid_input');
    // a return needs a reason and a future deadline
    apply(WHO.unitHead, { type: 'submit_completion', selfAssessment: '完成', materials: [] });
    expect(refusal(() => apply(WHO.leader, { type: 'return', reason: ' ', newDeadline: '2027-01-31' })).code).toBe('invalid_input');
    expect(refusal(() => apply(WHO.leader, { type: 'return', reason: '不合格', newDeadline: '2026-11-05' })).code).toBe('invalid_input');
    // the unit cannot sign off its own item
    expect(refusal(() => apply(WHO.unitHead, { type: 'approve' })).code).toBe('forbidden');
    // 5 successful steps (slip, claim, request, reject, submit), no rows for the refusals
    expect(auditCount()).toBe(n + 5);
    expect(listExtensions(t.db, item.id)).toHaveLength(1);
    expect(listCompletions(t.db, item.id)).toHaveLength(1);
  });
});
