/**
 * item_units (db/schema-items.ts, migration 0017) is derived from items by triggers: whoever writes items (a service, the CLI,
 * a restore, SQL typed by hand) it lists exactly each item's lead unit and cooperating units. Lists and visibility
 * find a unit's items through it, so a row missing there is an item missing from someone's list, and a row left
 * behind is an item shown to a unit that no longer has it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { applyCommand } from '../../src/services/apply-command';
import { listPageForActor } from '../../src/services/item-queries';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';
import { insertItemRow } from '../support/item-rows';
import { databaseBefore } from '../support/migrations';

const UNITS = ['jwc', 'kyc', 'rsc'] as const;
const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

/** What item_units must hold, worked out from items themselves. */
function derived(c: Database.Database): string[] {
  const rows = c.prepare('SELECT id, lead_unit_id, coop_unit_ids FROM items').all() as Array<{ id: number; lead_unit_id: string; coop_unit_ids: string }>;
  const pairs = new Set<string>();
  for (const r of rows) for (const u of [r.lead_unit_id, ...(JSON.parse(r.coop_unit_ids) as string[])]) pairs.add(`${u}:${r.id}`);
  return [...pairs].sort();
}
const held = (c: Database.Database) => (c.prepare("SELECT unit_id || ':' || item_id FROM item_units").pluck().all() as string[]).sort();

type Op =
  | { op: 'insert'; lead: string; coop: string[] }
  | { op: 'lead'; pick: number; lead: string }
  | { op: 'coop'; pick: number; coop: string[] }
  | { op: 'both'; pick: number; lead: string; coop: string[] }
  | { op: 'other'; pick: number }
  | { op: 'delete'; pick: number };

const unit = fc.constantFrom(...UNITS);
const coop = fc.array(unit, { maxLength: 4 }); // repeats and the lead unit itself included, as bad data could have them
const pick = fc.nat();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), lead: unit, coop }),
  fc.record({ op: fc.constant('lead' as const), pick, lead: unit }),
  fc.record({ op: fc.constant('coop' as const), pick, coop }),
  fc.record({ op: fc.constant('both' as const), pick, lead: unit, coop }),
  fc.record({ op: fc.constant('other' as const), pick }),
  fc.record({ op: fc.constant('delete' as const), pick }),
);

describe('item_units follows every write to items', () => {
  it('after any sequence of inserts, unit changes, other changes and deletes, by SQL outside the application', () => {
    const t = openTestDb();
    opened.push(t);
    const c = t.db.$client;
    let seq = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        c.exec('DELETE FROM items');
        for (const o of ops) {
          const ids = c.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
          const id = 'pick' in o && ids.length ? ids[o.pick % ids.length]! : null;
          if (o.op === 'insert') insertItemRow(c, ++seq, o.lead, o.coop);
          else if (id === null) continue;
          else if (o.op === 'lead') c.prepare('UPDATE items SET lead_unit_id = ? WHERE id = ?').run(o.lead, id);
          else if (o.op === 'coop') c.prepare('UPDATE items SET coop_unit_ids = ? WHERE id = ?').run(JSON.stringify(o.coop), id);
          else if (o.op === 'both') c.prepare('UPDATE items SET lead_unit_id = ?, coop_unit_ids = ? WHERE id = ?').run(o.lead, JSON.stringify(o.coop), id);
          else if (o.op === 'other') c.prepare("UPDATE items SET title = title || '改' WHERE id = ?").run(id);
          else c.prepare('DELETE FROM items WHERE id = ?').run(id);
          expect(held(c)).toEqual(derived(c));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a change rolled back leaves it as it was', () => {
    const t = openTestDb();
    opened.push(t);
    const c = t.db.$client;
    const id = insertItemRow(c, 1, 'jwc', ['kyc']);
    const before = held(c);
    expect(() =>
      c.transaction(() => {
        c.prepare('UPDATE items SET lead_unit_id = ?, coop_unit_ids = ? WHERE id = ?').run('rsc', '[]', id);
        expect(held(c)).toEqual([`rsc:${id}`]);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(held(c)).toEqual(before);
  });

  it('through the services: a 修改 that hands an item to another unit moves it between the two heads’ 本单位 lists', () => {
    const t: TestDb = openTestDb();
    opened.push(t);
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ coopUnitIds: [] }), now: at('2026-11-02') });
    const unitList = (who: string) =>
      listPageForActor(t.ctx, who, { scope: 'unit', filters: {} }, at('2026-11-03'), { page: 1, pageSize: 10 }).items.map((i) => i.number);
    expect(unitList(WHO.unitHead)).toEqual([item.number]);
    expect(unitList(WHO.otherUnitHead)).toEqual([]);
    applyCommand(t.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'command', command: { type: 'edit', changes: { leadUnitId: 'rsc' }, reason: '转办人事处' }, now: at('2026-11-03') });
    expect(unitList(WHO.unitHead)).toEqual([]);
    expect(unitList(WHO.otherUnitHead)).toEqual([item.number]);
    expect(held(t.db.$client)).toEqual(derived(t.db.$client));
  });
});

describe('migration 0017 on a database that already has items', () => {
  it('fills item_units from the items already there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-0017-'));
    opened.push({ close: () => rmSync(dir, { recursive: true, force: true }) });
    // The migrations up to 0016, as an installation had them before this one.
    const { path, c } = databaseBefore(dir, '0017_');
    expect(c.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'item_units'").pluck().get()).toBe(0);
    c.prepare("INSERT INTO units (id, name) VALUES ('jwc', '教务处'), ('kyc', '科研处'), ('rsc', '人事处')").run();
    insertItemRow(c, 1, 'jwc', ['kyc', 'rsc']);
    insertItemRow(c, 2, 'kyc', []);
    insertItemRow(c, 3, 'rsc', ['rsc', 'jwc', 'jwc']);
    c.close();

    const db = openDatabase(path);
    opened.push({ close: () => db.$client.close() });
    expect(held(db.$client)).toEqual(['jwc:1', 'jwc:3', 'kyc:1', 'kyc:2', 'rsc:1', 'rsc:3']);
    expect(held(db.$client)).toEqual(derived(db.$client));
  });
});
