/**
 * The query planner's statistics (db/client.ts refreshPlannerStats): lists find a unit's or a person's items through
 * item_units and the items indexes only when SQLite knows how the rows are spread (scripts/bench-lists.ts: without
 * them a unit head's 我的 read every open item). They are taken when a file is opened and again after each daily
 * sweep, so a file that started empty and filled up is described as it is now, not as it was at the start.
 */
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { jobs } from '../../src/scheduler/jobs';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { type TestDb, at, openTestDb } from '../support/fixtures';
import { insertItemRow } from '../support/item-rows';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

/** 2,000 open items across the test units, as another writer would add them. */
function fill(t: TestDb) {
  const units = ['jwc', 'kyc', 'rsc'];
  t.db.$client.transaction(() => {
    for (let i = 1; i <= 2000; i++) insertItemRow(t.db.$client, i, units[i % 3]!, [units[(i + 1) % 3]!]);
  })();
}

/** The row count sqlite_stat1 records for a table's indexes (the first figure of each stat), or null if none. */
function statRows(c: Database.Database, table: string): number | null {
  const stats = c.prepare('SELECT stat FROM sqlite_stat1 WHERE tbl = ?').pluck().all(table) as string[];
  return stats.length ? Number(stats[0]!.split(' ')[0]) : null;
}

it('a file opened with items in it has statistics on items and item_units at once', () => {
  const t = openTestDb();
  opened.push(t);
  fill(t);
  const again = openDatabase(t.path);
  opened.push({ close: () => again.$client.close() });
  expect(statRows(again.$client, 'items')).toBe(2000);
  expect(statRows(again.$client, 'item_units')).toBe(4000);
});

it('the daily sweep job takes them again for a table that grew since the file was opened', async () => {
  const t = openTestDb();
  opened.push(t);
  expect(statRows(t.db.$client, 'items') ?? 0).toBe(0); // opened empty
  fill(t);
  const sweep = jobs(DEFAULT_SCHEDULE).find((j) => j.name === 'chase-sweep')!;
  await sweep.run({ db: t.db, calendar: t.ctx.calendar, schedule: DEFAULT_SCHEDULE }, at('2026-12-01'));
  expect(statRows(t.db.$client, 'items')).toBe(2000);
});

it('a file another process keeps locked is still opened, without new statistics (they only speed queries up)', () => {
  const t = openTestDb();
  opened.push(t);
  fill(t);
  t.db.$client.exec('DELETE FROM sqlite_stat1'); // as a file that has never had them
  const holder = new Database(t.path);
  opened.push({ close: () => holder.close() });
  holder.exec('BEGIN IMMEDIATE'); // another process mid-transaction (the server's sweep, an import)
  try {
    const again = openDatabase(t.path); // waits out the busy timeout for the statistics, then goes on without them
    opened.push({ close: () => again.$client.close() });
    expect(again.$client.prepare('SELECT count(*) FROM items').pluck().get()).toBe(2000);
    expect(statRows(again.$client, 'items')).toBeNull();
  } finally {
    holder.exec('ROLLBACK');
  }
});
