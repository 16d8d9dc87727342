/**
 * All or nothing: the change, its side records, its audit row and the events recorded for it stand or fall
 * together. A failure anywhere inside the transaction (here: the event sink) leaves every table as it was; a
 * refusal writes nothing at all.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DubanError } from '../../src/domain/errors';
import type { Item } from '../../src/domain/item';
import type { Db } from '../../src/db/client';
import { type ServiceCommand, applyCommand } from '../../src/services/apply-command';
import type { EventSink, ItemEvent, ServiceContext } from '../../src/services/context';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';
import { dumpTables } from '../support/assertions';

const dump = (db: Db) => dumpTables(db);

class SinkDown extends Error {
  override name = 'SinkDown';
}

/**
 * A sink that can be told to fail on the next event. While it works it writes a row of its own inside the
 * transaction (as an outbox would), so a rollback must take that row with it as well.
 */
function switchableSink() {
  const state = { failOn: null as ItemEvent['type'] | 'any' | null, afterCommits: 0, recorded: [] as ItemEvent['type'][] };
  const sink: EventSink = {
    record(tx, event) {
      state.recorded.push(event.type);
      // processed_events stands in for an outbox table: one row per recorded event, written in the transaction.
      tx.run(
        sql`INSERT INTO processed_events (event_id, event_type, received_at) VALUES (${`evt-${state.recorded.length}-${event.type}`}, 'outbox', ${event.now.toISOString()})`,
      );
      if (state.failOn === 'any' || state.failOn === event.type) throw new SinkDown(`消息队列不可用（${event.type}）`);
    },
    afterCommit() {
      state.afterCommits++;
    },
  };
  return { sink, state };
}

let t: TestDb;
let s: ReturnType<typeof switchableSink>;
let ctx: ServiceContext;

beforeEach(() => {
  s = switchableSink();
  t = openTestDb(s.sink);
  ctx = t.ctx;
});
afterEach(() => t.close());

const register = (title = '修订本科生培养方案', now = at('2026-11-02')) =>
  registerItem(ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title }), now });
const apply = (item: Item, actorId: string, command: ServiceCommand, now = at('2026-11-10')) =>
  applyCommand(ctx, { itemId: item.id, actorId, channel: 'card', command, now });

/** Runs `fn` with the sink failing; expects the sink's error to come out and every table to be unchanged. */
function expectRolledBack(fn: () => unknown) {
  const before = dump(t.db);
  const commits = s.state.afterCommits;
  s.state.failOn = 'any';
  try {
    expect(fn).toThrow(SinkDown);
  } finally {
    s.state.failOn = null;
  }
  expect(dump(t.db)).toEqual(before);
  expect(s.state.afterCommits, 'afterCommit is not called for a rolled-back change').toBe(commits);
}

describe('a failure inside the transaction rolls the whole change back', () => {
  it('the sink writes inside the transaction when all goes well, and afterCommit runs once', () => {
    const item = register();
    expect(s.state.afterCommits).toBe(1);
    apply(item, WHO.supervisor, { type: 'send_slip' });
    expect(s.state.afterCommits).toBe(2);
    expect(t.db.$client.prepare("SELECT event_id FROM processed_events WHERE event_type = 'outbox' ORDER BY rowid").pluck().all()).toEqual([
      'evt-1-register',
      'evt-2-send_slip',
    ]);
  });

  it('registration: no item, no audit row, no outbox row, and the number is not used up', () => {
    register('第一项');
    expectRolledBack(() => register('第二项'));
    expect(register('第二项').number).toBe('督办〔2026〕2号');
    // The first registration of a new year, rolled back, leaves no sequence row behind either.
    expectRolledBack(() => registerItem(ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title: '新年', deadline: '2027-03-01' }), now: at('2027-01-04') }));
    expect(t.db.$client.prepare('SELECT year FROM number_sequences').pluck().all()).toEqual([2026]);
  });

  it('every kind of transition and its side tables', () => {
    const item = register();
    expectRolledBack(() => apply(item, WHO.supervisor, { type: 'send_slip' }));
    apply(item, WHO.supervisor, { type: 'send_slip' });
    expectRolledBack(() => apply(item, WHO.unitHead, { type: 'claim' }));
    apply(item, WHO.unitHead, { type: 'claim' });
    // progress_reports
    expectRolledBack(() => apply(item, WHO.coopHead, { type: 'report_progress', text: '进展' }));
    // extensions: the insert…
    expectRolledBack(() => apply(item, WHO.unitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-01-31' }));
    apply(item, WHO.unitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-01-31' });
    // …the decision (status update and deadline move)…
    expectRolledBack(() => apply(item, WHO.leader, { type: 'approve_extension' }));
    expectRolledBack(() => apply(item, WHO.leader, { type: 'reject_extension' }));
    // …and the withdrawal plus a completions row on submit.
    expectRolledBack(() => apply(item, WHO.unitHead, { type: 'submit_completion', selfAssessment: '完成', materials: ['a.pdf'] }));
    apply(item, WHO.leader, { type: 'approve_extension' });
    apply(item, WHO.unitHead, { type: 'submit_completion', selfAssessment: '完成', materials: ['a.pdf'] });
    expectRolledBack(() => apply(item, WHO.leader, { type: 'return', reason: '不合格', newDeadline: '2027-02-28' }));
    expectRolledBack(() => apply(item, WHO.leader, { type: 'approve' }));
    apply(item, WHO.leader, { type: 'approve' });
    expectRolledBack(() => apply(item, WHO.supervisor, { type: 'archive' }));
    // The item is where the successful steps left it.
    expect(t.db.$client.prepare('SELECT state, deadline, version FROM items WHERE id = ?').get(item.id)).toEqual({
      state: 'closed',
      deadline: '2027-01-31',
      version: 7,
    });
  });

  it('a merge: neither the source nor the target (sources, merge_in row) changes', () => {
    const target = register('目标事项');
    const source = register('来源事项');
    // The sink runs after the target's merge_in row and the source's merge row are both written.
    expectRolledBack(() => apply(source, WHO.supervisor, { type: 'merge', targetId: target.id }));
    expect(t.db.$client.prepare('SELECT sources, version FROM items WHERE id = ?').get(target.id)).toEqual({
      sources: JSON.stringify(target.sources),
      version: 1,
    });
    // And it still works afterwards: the connection is not left inside a broken transaction.
    expect(apply(source, WHO.supervisor, { type: 'merge', targetId: target.id }).state).toBe('merged');
    expect(t.db.$client.inTransaction).toBe(false);
  });

  it('cancel with a pending extension: the withdrawal is rolled back with it', () => {
    const item = register();
    apply(item, WHO.supervisor, { type: 'send_slip' });
    apply(item, WHO.liaison, { type: 'claim' });
    apply(item, WHO.liaison, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-01-31' });
    expectRolledBack(() => apply(item, WHO.supervisor, { type: 'cancel', reason: '撤回' }));
    expect(t.db.$client.prepare('SELECT status FROM extensions').pluck().all()).toEqual(['pending']);
  });
});

describe('refusals change nothing', () => {
  it('each refusal leaves every table exactly as it was, and records no event', () => {
    const item = register();
    apply(item, WHO.supervisor, { type: 'send_slip' });
    apply(item, WHO.unitHead, { type: 'claim' });
    apply(item, WHO.unitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-01-31' });
    const closed = register('已销号事项');
    apply(closed, WHO.supervisor, { type: 'send_slip' });
    apply(closed, WHO.unitHead, { type: 'claim' });
    apply(closed, WHO.unitHead, { type: 'submit_completion', selfAssessment: '完成', materials: [] });
    apply(closed, WHO.leader, { type: 'approve' });

    const before = dump(t.db);
    const recorded = s.state.recorded.length;
    const commits = s.state.afterCommits;
    const refusals: [string, () => unknown, string][] = [
      ['missing item', () => applyCommand(ctx, { itemId: 424242, actorId: WHO.supervisor, channel: 'card', command: { type: 'send_slip' }, now: at('2026-11-10') }), 'not_found'],
      ['stranger', () => apply(item, WHO.stranger, { type: 'report_progress', text: 'x' }), 'not_found'],
      ['other unit', () => apply(item, WHO.otherUnitHead, { type: 'report_progress', text: 'x' }), 'not_found'],
      ['observer acts', () => apply(item, WHO.observer, { type: 'report_progress', text: 'x' }), 'forbidden'],
      ['wrong leader', () => apply(item, WHO.otherLeader, { type: 'approve_extension' }), 'forbidden'],
      ['wrong state', () => apply(item, WHO.supervisor, { type: 'send_slip' }), 'invalid_state'],
      ['empty progress', () => apply(item, WHO.unitHead, { type: 'report_progress', text: '  ' }), 'invalid_input'],
      ['second request', () => apply(item, WHO.unitHead, { type: 'request_extension', reason: 'r', proposedDeadline: '2027-02-01' }), 'extension_pending'],
      ['empty self-assessment', () => apply(item, WHO.unitHead, { type: 'submit_completion', selfAssessment: '', materials: [] }), 'invalid_input'],
      ['merge into closed', () => apply(item, WHO.supervisor, { type: 'merge', targetId: closed.id }), 'invalid_state'],
      ['stale card', () => applyCommand(ctx, { itemId: item.id, actorId: WHO.leader, channel: 'card', command: { type: 'approve_extension' }, now: at('2026-11-10'), expectedVersion: 1 }), 'conflict'],
      ['duplicate title', () => register('修订本科生培养方案'), 'conflict'],
      ['bad registration', () => register(''), 'invalid_input'],
      ['unit registers', () => registerItem(ctx, { actorId: WHO.unitHead, channel: 'command', input: baseInput({ title: '新' }), now: at('2026-11-10') }), 'forbidden'],
    ];
    for (const [what, fn, code] of refusals) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(err, what).toBeInstanceOf(DubanError);
      expect((err as DubanError).code, what).toBe(code);
      expect(dump(t.db), what).toEqual(before);
    }
    expect(s.state.recorded.length).toBe(recorded);
    expect(s.state.afterCommits).toBe(commits);
  });

  it('an extension request after the deadline is refused before anything is written', () => {
    const item = register();
    apply(item, WHO.supervisor, { type: 'send_slip' });
    apply(item, WHO.unitHead, { type: 'claim' });
    const before = dump(t.db);
    let err: unknown;
    try {
      apply(item, WHO.unitHead, { type: 'request_extension', reason: '来不及', proposedDeadline: '2027-03-01' }, at('2027-01-01'));
    } catch (e) {
      err = e;
    }
    expect((err as DubanError).code).toBe('deadline_passed');
    expect(dump(t.db)).toEqual(before);
  });
});
