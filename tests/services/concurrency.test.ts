/**
 * Optimistic concurrency: a decision is made on the version of the item the person saw. When two people decide on
 * the same version, the first wins and the second is refused with 'conflict', changing nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/domain/item';
import { type Db, openDatabase } from '../../src/db/client';
import { listHistory } from '../../src/db/history-repository';
import { findItem, updateItem } from '../../src/db/item-repository';
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


const apply = (item: Item, actorId: string, command: ServiceCommand, expectedVersion?: number, now = at('2026-11-20')) =>
  applyCommand(t.ctx, { itemId: item.id, actorId, channel: 'card', command, now, expectedVersion });

function underReview(): Item {
  const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
  apply(item, WHO.supervisor, { type: 'send_slip' });
  apply(item, WHO.unitHead, { type: 'claim' });
  return apply(item, WHO.unitHead, { type: 'submit_completion', selfAssessment: '已完成', materials: [] });
}

describe('two decisions on the same version', () => {
  it('the first wins; the second gets conflict and nothing changes', () => {
    const seen = underReview();
    // The leader and the office both open the review card showing version `seen.version`.
    const closed = apply(seen, WHO.leader, { type: 'approve', note: '同意' }, seen.version, at('2026-11-21'));
    expect(closed).toMatchObject({ state: 'closed', version: seen.version + 1 });

    const before = dump(t.db);
    const err = refusal(() =>
      apply(seen, WHO.supervisor, { type: 'return', reason: '材料不全', newDeadline: '2026-12-31' }, seen.version, at('2026-11-21')),
    );
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(seen.number);
    expect(dump(t.db)).toEqual(before);
    expect(listHistory(t.db, seen.id).map((h) => h.action)).toEqual(['register', 'send_slip', 'claim', 'submit_completion', 'approve']);
  });

  it('the version check comes before every other rule, so the loser learns the card is stale', () => {
    const seen = underReview();
    apply(seen, WHO.supervisor, { type: 'return', reason: '材料不全', newDeadline: '2026-12-31' }, seen.version);
    // The leader's approve would now also be in the wrong state; the stale card is what they are told about.
    const err = refusal(() => apply(seen, WHO.leader, { type: 'approve' }, seen.version));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('卡片已过期');
  });

  it('two extension decisions: approve wins, the reject on the same card is refused', () => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
    apply(item, WHO.supervisor, { type: 'send_slip' });
    apply(item, WHO.unitHead, { type: 'claim' });
    const seen = apply(item, WHO.unitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-01-31' });
    apply(seen, WHO.leader, { type: 'approve_extension' }, seen.version);
    const before = dump(t.db);
    expect(refusal(() => apply(seen, WHO.leader, { type: 'reject_extension' }, seen.version)).code).toBe('conflict');
    expect(dump(t.db)).toEqual(before);
    expect(findItem(t.db, item.id)!.deadline).toBe('2027-01-31');
  });
});

describe('stale cards', () => {
  it('a card older than the item is refused; the current one is accepted', () => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
    const slip = apply(item, WHO.supervisor, { type: 'send_slip' });
    // The slip card shows slip.version. The liaison claims from it…
    apply(item, WHO.liaison, { type: 'claim' }, slip.version);
    // …and the head, a moment later, presses claim on the same (now stale) card.
    const before = dump(t.db);
    const err = refusal(() => apply(item, WHO.unitHead, { type: 'claim' }, slip.version));
    expect(err.code).toBe('conflict');
    expect(dump(t.db)).toEqual(before);
    // A progress report from an up-to-date card goes through, and leaves that card current.
    const current = findItem(t.db, item.id)!;
    expect(apply(item, WHO.unitHead, { type: 'report_progress', text: '进展' }, current.version).version).toBe(current.version);
    expect(apply(item, WHO.unitHead, { type: 'request_extension', reason: '等待批复', proposedDeadline: '2027-01-31' }, current.version).version).toBe(current.version + 1);
  });

  it('a card from the future (a version never written) is refused too', () => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
    expect(refusal(() => apply(item, WHO.supervisor, { type: 'send_slip' }, item.version + 5)).code).toBe('conflict');
    expect(findItem(t.db, item.id)).toMatchObject({ state: 'registered', version: 1 });
  });

  it('without an expected version, the second decision is judged on the current state, never on a stale copy', () => {
    const seen = underReview();
    apply(seen, WHO.leader, { type: 'approve' });
    const before = dump(t.db);
    expect(refusal(() => apply(seen, WHO.supervisor, { type: 'return', reason: '材料不全', newDeadline: '2026-12-31' })).code).toBe(
      'invalid_state',
    );
    expect(dump(t.db)).toEqual(before);
  });
});

describe('updateItem (repository) with a stale Item', () => {
  it('writes when the version matches and refuses a stale copy', () => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
    const a = findItem(t.db, item.id)!;
    const b = findItem(t.db, item.id)!;
    const v = t.db.transaction((tx) => updateItem(tx, a, { requirements: '第一次修改' }, '2026-11-03T00:00:00.000Z'));
    expect(v).toBe(a.version + 1);
    const afterFirst = findItem(t.db, item.id)!;
    expect(afterFirst).toMatchObject({ requirements: '第一次修改', version: 2, updatedAt: '2026-11-03T00:00:00.000Z' });

    const before = dump(t.db);
    const err = refusal(() => t.db.transaction((tx) => updateItem(tx, b, { requirements: '第二次修改' }, '2026-11-04T00:00:00.000Z')));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(item.number);
    // Outside a transaction as well.
    expect(refusal(() => updateItem(t.db, b, { title: '改名' }, '2026-11-04T00:00:00.000Z')).code).toBe('conflict');
    expect(dump(t.db)).toEqual(before);
  });

  it('ignores attempts to patch identity and version fields', () => {
    const item = findItem(t.db, registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') }).id)!;
    updateItem(t.db, item, { id: 999, number: 'X', year: 1999, seq: 42, version: 77, requirements: '新要求' }, '2026-11-03T00:00:00.000Z');
    expect(findItem(t.db, item.id)).toMatchObject({ id: item.id, number: item.number, year: 2026, seq: 1, version: 2, requirements: '新要求' });
  });

  it('a second connection to the same file sees the conflict (two processes, one item)', () => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
    const other = openDatabase(t.path);
    try {
      const readHere = findItem(t.db, item.id)!;
      const readThere = findItem(other, item.id)!;
      updateItem(other, readThere, { measures: '由另一连接写入' }, '2026-11-03T00:00:00.000Z');
      expect(refusal(() => updateItem(t.db, readHere, { measures: '本连接写入' }, '2026-11-03T00:00:01.000Z')).code).toBe('conflict');
      expect(findItem(t.db, item.id)).toMatchObject({ measures: '由另一连接写入', version: 2 });
      // applyCommand reads inside its own transaction, so it decides on what the other connection wrote.
      const slipped = applyCommand(
        { ...t.ctx, db: other },
        { itemId: item.id, actorId: WHO.supervisor, channel: 'card', command: { type: 'send_slip' }, now: at('2026-11-03') },
      );
      expect(slipped.version).toBe(3);
      expect(refusal(() => apply(item, WHO.supervisor, { type: 'send_slip' }, readHere.version)).code).toBe('conflict');
      expect(refusal(() => apply(item, WHO.supervisor, { type: 'send_slip' })).code).toBe('invalid_state');
    } finally {
      other.$client.close();
    }
  });
});
