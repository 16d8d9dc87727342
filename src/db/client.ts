import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A Drizzle handle inside a transaction; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * The committed migrations, found by walking up from this module: `src/db/` when run from source, `dist/` when
 * bundled (see scripts/build.mjs).
 */
function migrationsFolder(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) throw new MigrationError('找不到数据库迁移文件（drizzle/）');
  }
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date. WAL lets readers run while the
 * scheduler writes; foreign keys are off by default in SQLite and we want them.
 */
export function openDatabase(path: string): Db {
  let sqlite: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // An 8 MB page cache, not better-sqlite3's 16 MB: the server fills whichever it has (its database outgrows both),
    // and the request paths lose nothing measurable with 8 MB. Measured on the bench server (20,000 items), alternating
    // runs: peak RSS 145–147 → 135–138 MB, card callback CPU 424–430 → 425–460 µs; the 100,000-item scan took the
    // same 250–320 ms with any cache from 2 to 16 MB, and the sweep and the year's statistics moved within the
    // noise. mmap stays off: mapped pages count as the process's resident memory. temp_store stays DEFAULT (files).
    sqlite.pragma('cache_size = -8000');
  } catch (err) {
    sqlite?.close();
    throw new MigrationError(`无法打开数据库（${path}）：${err instanceof Error ? err.message : String(err)}`);
  }
  const db = drizzle(sqlite, { schema }) as Db;
  try {
    migrate(db, { migrationsFolder: migrationsFolder() });
  } catch (err) {
    sqlite.close();
    const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new MigrationError(`数据库迁移失败（${path}）：${why}`);
  }
  refreshPlannerStats(db, 'every table');
  return db;
}

/**
 * Tells SQLite's query planner how large the tables are and how their indexed values are spread (sqlite_stat1 and,
 * in better-sqlite3's build, stat4), as SQLite advises for long-lived connections: at open for every table never
 * analysed or much changed since, and after each day's sweep (scheduler/jobs.ts). Without them the planner guessed
 * `state IN (…)` the narrowest way into items and read every open item for a unit head's 我的 list (45 ms at 20,000
 * items) where items_leader and item_units find their few hundred (0.6 ms). Each index is read whole, not sampled
 * (analysis_limit 0): a sample of 400 rows had 97% of items in progress look like a rare state, and a supervisor's
 * 待审核 read them all (45 ms, 0.07 ms with full statistics). Reading them costs once what a table's growth asks
 * for: 35 ms for items at 20,000; `PRAGMA optimize` skips a table that has not changed much.
 */
export function refreshPlannerStats(db: Db, scope: 'every table' | 'tables used' = 'tables used'): boolean {
  try {
    db.$client.pragma('analysis_limit = 0');
    db.$client.pragma(scope === 'every table' ? 'optimize = 0x10002' : 'optimize');
    return true;
  } catch {
    // Statistics only speed queries up: a file another process keeps busy past the busy timeout, or one opened
    // read-only, is opened (or swept) without new ones rather than not at all. The next open or sweep takes them.
    return false;
  }
}
