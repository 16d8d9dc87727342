import { afterEach, describe, expect, it } from 'vitest';
import { hiddenFrom } from '../../src/bot/conversation';
import { openDatabase } from '../../src/db/client';
import { confidentialItems, confidentialMarks } from '../../src/db/item-repository';
import { applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

/**
 * The confidential items are held in memory (db/confidential-cache.ts) for the disclosure checks every answer
 * passes. They must never be staler than the table: an item made confidential, renamed, handed to another unit or
 * leader, made public or deleted — by this process, inside a transaction (seen there, gone if it rolls back), or
 * by another process on the same file — is what the next check sees.
 */
const opened: TestDb[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

function setup() {
  const t = openTestDb();
  opened.push(t);
  const reg = (title: string, confidential: boolean) =>
    registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title, coopUnitIds: [], confidential }), now: at('2026-11-02') });
  return { t, reg };
}

const numbers = (t: TestDb) => confidentialItems(t.db).map((r) => r.number);

describe('the confidential items held in memory follow every change', () => {
  it('a confidential item registered, renamed, made public: each is seen at the next check', () => {
    const { t, reg } = setup();
    reg('公开事项', false);
    expect(confidentialMarks(t.db).words).toEqual([]); // read once: now held
    const secret = reg('校园安全专项排查', true);
    expect(numbers(t)).toEqual([secret.number]);
    expect(confidentialMarks(t.db).words).toEqual([secret.number, '校园安全专项排查']);
    expect(hiddenFrom(t.db, WHO.otherUnitHead).words).toEqual([secret.number]);
    expect(hiddenFrom(t.db, WHO.unitHead).words).toEqual([]); // the lead unit's head may see it

    applyCommand(t.ctx, { itemId: secret.id, actorId: WHO.supervisor, channel: 'command', command: { type: 'edit', changes: { title: '安全专项排查（更名）' }, reason: '更名' }, now: at('2026-11-03') });
    expect(confidentialMarks(t.db).words).toEqual([secret.number, '安全专项排查（更名）']);

    // Handed to another unit: who may see it changes with it.
    applyCommand(t.ctx, { itemId: secret.id, actorId: WHO.supervisor, channel: 'command', command: { type: 'edit', changes: { leadUnitId: 'rsc' }, reason: '转办' }, now: at('2026-11-04') });
    expect(hiddenFrom(t.db, WHO.otherUnitHead).words).toEqual([]);
    expect(hiddenFrom(t.db, WHO.unitHead).words).toEqual([secret.number]);

    t.db.$client.prepare('UPDATE items SET confidential = 0 WHERE id = ?').run(secret.id);
    expect(numbers(t)).toEqual([]);
    expect(confidentialMarks(t.db).ids.has(secret.id)).toBe(false);
  });

  it('a change inside a transaction is seen there and gone again when it rolls back', () => {
    const { t, reg } = setup();
    const item = reg('普通事项', false);
    expect(numbers(t)).toEqual([]);
    expect(() =>
      t.db.transaction((tx) => {
        t.db.$client.prepare('UPDATE items SET confidential = 1 WHERE id = ?').run(item.id);
        expect(confidentialItems(tx).map((r) => r.id)).toEqual([item.id]);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(numbers(t)).toEqual([]);
  });

  it('another process making an item confidential, or deleting one, is seen by this one at its next check', () => {
    const { t, reg } = setup();
    const a = reg('甲事项', false);
    const b = reg('乙事项', true);
    expect(numbers(t)).toEqual([b.number]);
    const cli = openDatabase(t.path);
    try {
      cli.$client.prepare('UPDATE items SET confidential = 1 WHERE id = ?').run(a.id);
      expect(numbers(t)).toEqual([a.number, b.number]);
      cli.$client.pragma('foreign_keys = OFF'); // its history stays; only the item row goes
      cli.$client.prepare('DELETE FROM items WHERE id = ?').run(b.id);
      expect(numbers(t)).toEqual([a.number]);
    } finally {
      cli.$client.close();
    }
  });

  it('what is held cannot be changed by a caller', () => {
    const { t, reg } = setup();
    reg('丙事项', true);
    const row = confidentialItems(t.db)[0]!;
    expect(() => (row.coopUnitIds as string[]).push('jwc')).toThrow();
    expect(() => ((confidentialMarks(t.db).words as string[]).length = 0)).toThrow();
  });
});
