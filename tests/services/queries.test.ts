/**
 * The lists behind `/督办 列表` and single-item look-ups, each cut down to what the person may see. A confidential
 * (涉密) item never shows to anyone outside it, and looking it up reads exactly like a number that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../src/domain/item';
import type { RegistrationInput } from '../../src/domain/registration';
import { type ServiceCommand, applyCommand } from '../../src/services/apply-command';
import { type ListScope, ListScopes, awaitsDecisionBy, getItemDetail, getVisibleItem, listForActor } from '../../src/services/item-queries';
import { registerItem } from '../../src/services/register-item';
import { loadActor } from '../../src/db/org-repository';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';
import { refusal } from '../support/assertions';

let t: TestDb;
const I: Record<string, Item> = {};
const NOW = at('2026-11-20');


/**
 * The picture on 2026-11-20:
 *   A  lead jwc, coop kyc, leader vp1, in progress, due 12-31
 *   B  lead rsc, leader vp2, in progress with an extension awaiting vp2, due 12-20
 *   C  lead kyc, leader vp1, in progress, due 11-10 (overdue)
 *   D  lead jwc, leader vp1, under review at the leader, due 12-15
 *   E  lead rsc, leader vp2, closed
 *   F  lead jwc, leader vp1, CONFIDENTIAL, in progress, due 11-12 (overdue)
 *   G  lead jwc, coop kyc, leader vp1, important, under review at the principal, due 12-25
 *   R  lead kyc, leader vp1, registered only (slip not sent), due 12-10
 */
beforeAll(() => {
  t = openTestDb();
  const reg = (key: string, over: Partial<RegistrationInput>) => {
    I[key] = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title: `事项 ${key}`, coopUnitIds: [], ...over }), now: at('2026-11-02') });
  };
  const go = (key: string, actorId: string, command: ServiceCommand, now = at('2026-11-05')) => {
    I[key] = applyCommand(t.ctx, { itemId: I[key]!.id, actorId, channel: 'card', command, now });
  };
  const start = (key: string, claimer: string) => {
    go(key, WHO.supervisor, { type: 'send_slip' }, at('2026-11-02', '10:00'));
    go(key, claimer, { type: 'claim' }, at('2026-11-03'));
  };
  const submit = (key: string, by: string) => go(key, by, { type: 'submit_completion', selfAssessment: '已完成', materials: [] }, at('2026-11-06'));

  reg('A', { coopUnitIds: ['kyc'], deadline: '2026-12-31' });
  start('A', WHO.unitHead);
  reg('B', { leadUnitId: 'rsc', leaderId: WHO.otherLeader, deadline: '2026-12-20' });
  start('B', WHO.otherUnitHead);
  go('B', WHO.otherUnitHead, { type: 'request_extension', reason: '原因', proposedDeadline: '2027-01-31' });
  reg('C', { leadUnitId: 'kyc', deadline: '2026-11-10' });
  start('C', WHO.coopHead);
  reg('D', { deadline: '2026-12-15' });
  start('D', WHO.liaison);
  submit('D', WHO.liaison);
  reg('E', { leadUnitId: 'rsc', leaderId: WHO.otherLeader, deadline: '2026-11-30' });
  start('E', WHO.otherUnitHead);
  submit('E', WHO.otherUnitHead);
  go('E', WHO.otherLeader, { type: 'approve' }, at('2026-11-07'));
  reg('F', { confidential: true, deadline: '2026-11-12' });
  start('F', WHO.unitHead);
  reg('G', { coopUnitIds: ['kyc'], important: true, deadline: '2026-12-25' });
  start('G', WHO.unitHead);
  submit('G', WHO.unitHead);
  go('G', WHO.leader, { type: 'approve' }, at('2026-11-07'));
  reg('R', { leadUnitId: 'kyc', deadline: '2026-12-10' });
});
afterAll(() => t.close());

const keyOf = (item: Item) => Object.keys(I).find((k) => I[k]!.id === item.id)!;
const list = (actorId: string, scope: ListScope) => listForActor(t.ctx, actorId, scope, NOW).map(keyOf).sort();

describe('the picture', () => {
  it('is as described', () => {
    expect(Object.fromEntries(Object.entries(I).map(([k, v]) => [k, [v.state, v.reviewStage, !!v.pendingExtension]]))).toEqual({
      A: ['in_progress', null, false],
      B: ['in_progress', null, true],
      C: ['in_progress', null, false],
      D: ['under_review', 'leader', false],
      E: ['closed', null, false],
      F: ['in_progress', null, false],
      G: ['under_review', 'principal', false],
      R: ['registered', null, false],
    });
  });
});

describe('listForActor', () => {
  // scope → expected items, per person
  const table: [keyof typeof WHO, Record<ListScope, string[]>][] = [
    ['unitHead', { mine: ['A', 'D', 'F', 'G'], unit: ['A', 'D', 'F', 'G'], overdue: ['F'], review: [], all: ['A', 'D', 'F', 'G'] }],
    ['liaison', { mine: ['A', 'D', 'F', 'G'], unit: ['A', 'D', 'F', 'G'], overdue: ['F'], review: [], all: ['A', 'D', 'F', 'G'] }],
    ['coopHead', { mine: ['A', 'C', 'G', 'R'], unit: ['A', 'C', 'G', 'R'], overdue: ['C'], review: [], all: ['A', 'C', 'G', 'R'] }],
    ['otherUnitHead', { mine: ['B'], unit: ['B'], overdue: [], review: [], all: ['B', 'E'] }],
    ['leader', { mine: ['A', 'C', 'D', 'F', 'G', 'R'], unit: [], overdue: ['C', 'F'], review: ['D'], all: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'R'] }],
    ['otherLeader', { mine: ['B'], unit: [], overdue: ['C'], review: ['B'], all: ['A', 'B', 'C', 'D', 'E', 'G', 'R'] }],
    ['principal', { mine: ['G'], unit: [], overdue: ['C', 'F'], review: ['G'], all: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'R'] }],
    ['supervisor', { mine: ['A', 'B', 'C', 'D', 'F', 'G', 'R'], unit: [], overdue: ['C', 'F'], review: ['D', 'G'], all: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'R'] }],
    ['admin', { mine: [], unit: [], overdue: ['C'], review: [], all: ['A', 'B', 'C', 'D', 'E', 'G', 'R'] }],
    ['observer', { mine: [], unit: [], overdue: ['C'], review: [], all: ['A', 'B', 'C', 'D', 'E', 'G', 'R'] }],
    ['stranger', { mine: [], unit: [], overdue: [], review: [], all: [] }],
  ];
  for (const [who, scopes] of table) {
    it.each(ListScopes.map((s) => [s, scopes[s]] as const))(`${who}: %s`, (scope, expected) => {
      expect(list(WHO[who], scope)).toEqual(expected);
    });
  }

  it('a confidential item never appears for another unit’s head or an observer, in any scope', () => {
    for (const who of [WHO.otherUnitHead, WHO.observer, WHO.otherLeader, WHO.admin, WHO.stranger]) {
      for (const scope of ListScopes) expect(list(who, scope), `${who} ${scope}`).not.toContain('F');
    }
  });

  it('lists open work by earliest deadline, and “all” newest first', () => {
    const mine = listForActor(t.ctx, WHO.supervisor, 'mine', NOW).map((i) => i.deadline);
    expect([...mine].sort()).toEqual(mine);
    const all = listForActor(t.ctx, WHO.supervisor, 'all', NOW).map((i) => i.id);
    expect([...all].sort((a, b) => b - a)).toEqual(all);
  });

  it('a closed item drops out of every working list but stays in “all”', () => {
    for (const scope of ['mine', 'unit', 'overdue', 'review'] as const) expect(list(WHO.otherLeader, scope)).not.toContain('E');
    expect(list(WHO.otherLeader, 'all')).toContain('E');
  });

  it('an item stops being overdue once its deadline moves', () => {
    // Overdue means the day after the deadline: on 11-10 itself C is not yet overdue.
    expect(listForActor(t.ctx, WHO.supervisor, 'overdue', at('2026-11-10', '23:59')).map(keyOf)).not.toContain('C');
    expect(listForActor(t.ctx, WHO.supervisor, 'overdue', at('2026-11-11', '00:01')).map(keyOf)).toContain('C');
  });
});

describe('awaitsDecisionBy', () => {
  it('points at the leader in charge, then any principal, and at the leader for an extension', () => {
    const a = (id: string) => loadActor(t.db, id);
    expect(awaitsDecisionBy(I.D!, a(WHO.leader))).toBe(true);
    expect(awaitsDecisionBy(I.D!, a(WHO.principal))).toBe(false);
    expect(awaitsDecisionBy(I.G!, a(WHO.principal))).toBe(true);
    expect(awaitsDecisionBy(I.G!, a(WHO.leader))).toBe(false);
    expect(awaitsDecisionBy(I.B!, a(WHO.otherLeader))).toBe(true);
    expect(awaitsDecisionBy(I.A!, a(WHO.leader))).toBe(false);
  });
});

describe('getVisibleItem', () => {
  it('returns an item by id, by full number and by shortcut to those who may see it', () => {
    expect(getVisibleItem(t.ctx, WHO.unitHead, I.F!.id).id).toBe(I.F!.id);
    expect(getVisibleItem(t.ctx, WHO.leader, I.F!.number).id).toBe(I.F!.id);
    expect(getVisibleItem(t.ctx, WHO.coopHead, `2026-${I.A!.seq}`).id).toBe(I.A!.id);
    expect(getVisibleItem(t.ctx, WHO.observer, `〔2026〕${I.E!.seq}号`).id).toBe(I.E!.id);
  });

  it('a confidential item reads as not_found for outsiders — the same as a number that does not exist', () => {
    const missingId = 987_654;
    const missingNumber = '督办〔2026〕999号';
    for (const who of [WHO.otherUnitHead, WHO.observer, WHO.otherLeader, WHO.admin, WHO.stranger]) {
      const byId = refusal(() => getVisibleItem(t.ctx, who, I.F!.id));
      const missingById = refusal(() => getVisibleItem(t.ctx, who, missingId));
      expect(byId.code).toBe('not_found');
      expect(byId.message).toBe(missingById.message);
      expect(byId.details).toEqual(missingById.details);

      const byNumber = refusal(() => getVisibleItem(t.ctx, who, I.F!.number));
      const missingByNumber = refusal(() => getVisibleItem(t.ctx, who, missingNumber));
      expect(byNumber.code).toBe('not_found');
      expect(byNumber.message.replace(I.F!.number, '#')).toBe(missingByNumber.message.replace(missingNumber, '#'));
      expect(byNumber.message).not.toContain(I.F!.title);

      expect(refusal(() => getItemDetail(t.ctx, who, `2026-${I.F!.seq}`)).code).toBe('not_found');
    }
  });

  it('another unit’s ordinary item is not_found for a unit head, but visible to leaders and observers', () => {
    expect(refusal(() => getVisibleItem(t.ctx, WHO.otherUnitHead, I.A!.id)).code).toBe('not_found');
    expect(getVisibleItem(t.ctx, WHO.otherLeader, I.A!.id).id).toBe(I.A!.id);
    expect(getVisibleItem(t.ctx, WHO.observer, I.A!.id).id).toBe(I.A!.id);
  });

  it('something that is not a number is invalid_input', () => {
    expect(refusal(() => getVisibleItem(t.ctx, WHO.supervisor, '培养方案')).code).toBe('invalid_input');
  });

  it('the detail carries the history and side records', () => {
    const d = getItemDetail(t.ctx, WHO.otherLeader, I.B!.number);
    expect(d.item.id).toBe(I.B!.id);
    expect(d.history.map((h) => h.action)).toEqual(['register', 'send_slip', 'claim', 'request_extension']);
    expect(d.extensions).toEqual([expect.objectContaining({ status: 'pending', proposedDeadline: '2027-01-31' })]);
    expect(d.progress).toEqual([]);
    expect(d.completions).toEqual([]);
  });
});

describe('lists on a database with years of history', () => {
  it('“all” still shows this year’s item after 600 archived items of another unit', () => {
    const h = openTestDb();
    try {
      const c = h.db.$client;
      const ins = c.prepare(
        `INSERT INTO items (year, seq, number, title, kind, mode, sources, lead_unit_id, leader_id, deadline, original_deadline,
           state, created_by, created_at, updated_at)
         VALUES (2025, ?, ?, ?, 'ledger', 'routine', '[]', 'rsc', 'ou_vp2', '2025-06-30', '2025-06-30', 'archived', 'ou_sup', ?, ?)`,
      );
      c.transaction(() => {
        for (let i = 1; i <= 600; i++) ins.run(i, `督办〔2025〕${i}号`, `旧事项 ${i}`, '2025-01-01T00:00:00Z', '2025-07-01T00:00:00Z');
      })();
      const item = registerItem(h.ctx, { actorId: WHO.supervisor, channel: 'cli', input: baseInput(), now: at('2026-11-02') });
      expect(listForActor(h.ctx, WHO.supervisor, 'all', NOW).map((i) => i.id)).toContain(item.id);
      expect(listForActor(h.ctx, WHO.unitHead, 'all', NOW).map((i) => i.id)).toEqual([item.id]);
    } finally {
      h.close();
    }
  });
});
