/**
 * items.last_progress_at (db/schema-items.ts, migration 0018) is derived from progress_reports by triggers: the daily
 * sweep reads it to decide 进展未报送 for every item on a report cycle, so a value behind the reports sends a unit a
 * false "no report" to the supervisors, and a value ahead of them hides a missed one. Whoever writes the reports
 * (a service, a restore, SQL typed by hand) it is the latest report's created_at, or null for none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { WHO, at, baseInput, openTestDb } from '../support/fixtures';
import { insertItemRow } from '../support/item-rows';
import { databaseBefore } from '../support/migrations';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

/** Every item's latest report, worked out from progress_reports itself, beside what items holds. */
function check(c: Database.Database) {
  const rows = c
    .prepare('SELECT id, last_progress_at AS held, (SELECT max(created_at) FROM progress_reports p WHERE p.item_id = items.id) AS derived FROM items ORDER BY id')
    .all() as Array<{ id: number; held: string | null; derived: string | null }>;
  expect(rows.map((r) => [r.id, r.held])).toEqual(rows.map((r) => [r.id, r.derived]));
}

const report = (c: Database.Database, itemId: number, createdAt: string) =>
  c
    .prepare("INSERT INTO progress_reports (item_id, unit_id, author_id, text, channel, created_at) VALUES (?, 'jwc', 'ou_head', '进展', 'chat', ?)")
    .run(itemId, createdAt);

/** Instants out of order and repeated, as reports restored from a backup or typed by hand could be. */
const instant = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2026, 9, 1) + d * 43_200_000).toISOString());
type Op =
  | { op: 'report'; pick: number; at: string }
  | { op: 'move'; pick: number; to: number }
  | { op: 'redate'; pick: number; at: string }
  | { op: 'delete'; pick: number };
const pick = fc.nat();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('report' as const), pick, at: instant }),
  fc.record({ op: fc.constant('move' as const), pick, to: pick }),
  fc.record({ op: fc.constant('redate' as const), pick, at: instant }),
  fc.record({ op: fc.constant('delete' as const), pick }),
);

describe('items.last_progress_at follows every write to progress_reports', () => {
  it('after any sequence of reports, moves to another item, new dates and deletes, by SQL outside the application', () => {
    const t = openTestDb();
    opened.push(t);
    const c = t.db.$client;
    const items = [1, 2, 3].map((seq) => insertItemRow(c, seq, 'jwc', []));
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        c.exec('DELETE FROM progress_reports');
        check(c);
        for (const o of ops) {
          const reports = c.prepare('SELECT id FROM progress_reports ORDER BY id').pluck().all() as number[];
          if (o.op === 'report') report(c, items[o.pick % items.length]!, o.at);
          else if (reports.length === 0) continue;
          else {
            const id = reports[o.pick % reports.length]!;
            if (o.op === 'move') c.prepare('UPDATE progress_reports SET item_id = ? WHERE id = ?').run(items[o.to % items.length]!, id);
            else if (o.op === 'redate') c.prepare('UPDATE progress_reports SET created_at = ? WHERE id = ?').run(o.at, id);
            else c.prepare('DELETE FROM progress_reports WHERE id = ?').run(id);
          }
          check(c);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a report rolled back leaves it as it was', () => {
    const t = openTestDb();
    opened.push(t);
    const c = t.db.$client;
    const id = insertItemRow(c, 1, 'jwc', []);
    report(c, id, '2026-11-02T01:00:00.000Z');
    expect(() =>
      c.transaction(() => {
        report(c, id, '2026-11-09T01:00:00.000Z');
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(c.prepare('SELECT last_progress_at FROM items WHERE id = ?').pluck().get(id)).toBe('2026-11-02T01:00:00.000Z');
  });

  it('through the services: a unit head’s 报送进展 sets it to that report', () => {
    const t = openTestDb();
    opened.push(t);
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ progressCycle: 'weekly' }), now: at('2026-11-02') });
    const act = (actorId: string, command: Parameters<typeof applyCommand>[1]['command'], now: Date) => applyCommand(t.ctx, { itemId: item.id, actorId, channel: 'card', command, now });
    act(WHO.supervisor, { type: 'send_slip' }, at('2026-11-02', '09:30'));
    act(WHO.unitHead, { type: 'claim' }, at('2026-11-02', '10:00'));
    expect(t.db.$client.prepare('SELECT last_progress_at FROM items WHERE id = ?').pluck().get(item.id)).toBeNull();
    act(WHO.unitHead, { type: 'report_progress', text: '完成自评' }, at('2026-11-09', '15:30'));
    expect(t.db.$client.prepare('SELECT last_progress_at FROM items WHERE id = ?').pluck().get(item.id)).toBe(at('2026-11-09', '15:30').toISOString());
    check(t.db.$client);
  });
});

describe('migration 0018 on a database that already has reports', () => {
  it('fills last_progress_at from the reports already there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-0018-'));
    opened.push({ close: () => rmSync(dir, { recursive: true, force: true }) });
    const { path, c } = databaseBefore(dir, '0018_');
    c.prepare("INSERT INTO units (id, name) VALUES ('jwc', '教务处')").run();
    const [a, b] = [insertItemRow(c, 1, 'jwc', []), insertItemRow(c, 2, 'jwc', [])];
    report(c, a, '2026-11-09T01:00:00.000Z');
    report(c, a, '2026-11-02T01:00:00.000Z');
    c.close();

    const db = openDatabase(path);
    opened.push({ close: () => db.$client.close() });
    const held = db.$client.prepare('SELECT id, last_progress_at FROM items ORDER BY id').raw().all();
    expect(held).toEqual([
      [a, '2026-11-09T01:00:00.000Z'],
      [b, null],
    ]);
    report(db.$client, b, '2026-11-10T01:00:00.000Z');
    check(db.$client);
  });
});
