/**
 * openDatabase: creates the file, sets the connection up (WAL, foreign keys, busy timeout), applies the real
 * migrations from drizzle/ once, and turns a failed migration into a MigrationError with a clear message.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, openDatabase } from '../../src/db/client';
import { importOrg } from '../../src/services/import-org';
import { TEST_ORG } from '../support/fixtures';

const MIGRATIONS = new URL('../../drizzle/', import.meta.url);
const JOURNAL = JSON.parse(readFileSync(new URL('meta/_journal.json', MIGRATIONS), 'utf8')) as {
  entries: { tag: string; when: number }[];
};
/** Every table the migrations create (new migrations add to it), plus drizzle's own bookkeeping table. */
const TABLES = [
  '__drizzle_migrations',
  ...JOURNAL.entries.flatMap((e) =>
    [...readFileSync(new URL(`${e.tag}.sql`, MIGRATIONS), 'utf8').matchAll(/CREATE TABLE [`"]?(\w+)[`"]?/g)].map((m) => m[1]!),
  ),
].sort();
/** The tables the services rely on, whatever later migrations add. */
const CORE = ['audit_log', 'completions', 'extensions', 'items', 'number_sequences', 'people', 'processed_events', 'progress_reports', 'units'];

let dir: string;
const opened: Database.Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-mig-'));
});
afterEach(() => {
  for (const c of opened.splice(0)) if (c.open) c.close();
  rmSync(dir, { recursive: true, force: true });
});
const open = (path: string) => {
  const db = openDatabase(path);
  opened.push(db.$client);
  return db;
};
const tablesOf = (c: Database.Database) =>
  (c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).sort();

describe('openDatabase on a fresh file', () => {
  it('creates the folder and the file, sets WAL and foreign keys, and applies every migration', () => {
    const path = join(dir, 'nested', 'deeper', 'duban.db');
    const db = open(path);
    const c = db.$client;
    expect(c.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(c.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(c.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(c.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(tablesOf(c)).toEqual(TABLES);
    expect(TABLES).toEqual(expect.arrayContaining(CORE));
    const applied = c.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY id').pluck().all();
    expect(applied.map(Number)).toEqual(JOURNAL.entries.map((e) => e.when));
    // WAL is a property of the file: another connection sees it too.
    const raw = new Database(path, { readonly: true });
    opened.push(raw);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('enforces foreign keys', () => {
    const c = open(join(dir, 'duban.db')).$client;
    expect(() =>
      c
        .prepare(
          `INSERT INTO items (year, seq, number, title, kind, mode, sources, lead_unit_id, leader_id, deadline, original_deadline, state, created_by, created_at, updated_at)
           VALUES (2026, 1, 'n', 't', 'ledger', 'routine', '[]', 'no_such_unit', 'ou_x', '2026-12-31', '2026-12-31', 'registered', 'ou_x', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    expect(() =>
      c.prepare(`INSERT INTO audit_log (item_id, actor_id, channel, action, at) VALUES (12345, 'ou_x', 'cli', 'x', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('also works in memory', () => {
    const db = open(':memory:');
    expect(tablesOf(db.$client)).toEqual(TABLES);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('re-opening an existing database', () => {
  it('keeps the data and does not apply the migrations again', () => {
    const path = join(dir, 'duban.db');
    const first = open(path);
    importOrg(first, TEST_ORG, 'test', new Date('2026-11-01T00:00:00Z'));
    first.$client.close();

    const again = open(path);
    expect(again.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(JOURNAL.entries.length);
    expect(again.$client.prepare('SELECT count(*) FROM units').pluck().get()).toBe(TEST_ORG.units.length);
    expect(again.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it.skipIf(JOURNAL.entries.length < 2)('brings a database made by older code up to date, keeping its data', () => {
    // Build the file as the previous release left it: every migration but the last, recorded as drizzle does.
    const path = join(dir, 'old.db');
    const migrations = readMigrationFiles({ migrationsFolder: fileURLToPath(MIGRATIONS) });
    const older = migrations.slice(0, -1);
    const raw = new Database(path);
    raw.exec('CREATE TABLE __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    for (const m of older) {
      for (const stmt of m.sql) raw.exec(stmt);
      raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(m.hash, m.folderMillis);
    }
    raw.prepare("INSERT INTO units (id, name) VALUES ('jwc', '教务处')").run();
    raw.close();

    const db = open(path);
    expect(tablesOf(db.$client)).toEqual(TABLES);
    expect(db.$client.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY id').pluck().all().map(Number)).toEqual(
      JOURNAL.entries.map((e) => e.when),
    );
    expect(db.$client.prepare('SELECT name FROM units').pluck().all()).toEqual(['教务处']);
  });

  it('can be opened by several connections at once (the server and the CLI)', () => {
    const path = join(dir, 'duban.db');
    const a = open(path);
    const b = open(path);
    importOrg(a, TEST_ORG, 'test', new Date('2026-11-01T00:00:00Z'));
    expect(b.$client.prepare('SELECT count(*) FROM people').pluck().get()).toBe(TEST_ORG.people.length);
    expect(b.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(JOURNAL.entries.length);
  });
});

describe('a failed migration', () => {
  it('throws MigrationError naming the file and the cause, and leaves no half-made schema', () => {
    // A file whose tables were made by hand (or by another tool): the migrations table says nothing is applied,
    // so the first migration's CREATE TABLE collides with what is there.
    const path = join(dir, 'hand-made.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE audit_log (id INTEGER PRIMARY KEY, note TEXT)');
    raw.prepare('INSERT INTO audit_log (note) VALUES (?)').run('old data');
    raw.close();

    let err: unknown;
    try {
      openDatabase(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MigrationError);
    const m = err as MigrationError;
    expect(m.name).toBe('MigrationError');
    expect(m.message).toContain('数据库迁移失败');
    expect(m.message).toContain(path);
    expect(m.message).toMatch(/table `audit_log` already exists/);

    // The migration ran in a transaction: nothing else was created, the old data is untouched.
    const after = new Database(path);
    opened.push(after);
    expect(tablesOf(after)).toEqual(['__drizzle_migrations', 'audit_log']);
    expect(after.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(0);
    expect(after.prepare('SELECT note FROM audit_log').pluck().all()).toEqual(['old data']);
  });

  it('a migrations table claiming nothing is applied, on a complete schema, fails the same way', () => {
    const path = join(dir, 'duban.db');
    open(path).$client.close();
    const raw = new Database(path);
    raw.exec('DELETE FROM __drizzle_migrations');
    raw.close();
    expect(() => openDatabase(path)).toThrow(MigrationError);
    expect(() => openDatabase(path)).toThrow(/already exists/);
  });

  it('a file that is not a database is refused', () => {
    const path = join(dir, 'corrupt.db');
    writeFileSync(path, 'this is not an SQLite database\n'.repeat(256));
    expect(() => openDatabase(path)).toThrow(/file is not a database/);
  });

  // BUG (src/db/client.ts): the pragmas run before the try/catch, so a corrupt file surfaces as a raw SqliteError
  // (SQLITE_NOTADB) instead of a MigrationError, and the connection opened by `new Database(path)` is never closed.
  it('a file that is not a database is a MigrationError too', () => {
    const path = join(dir, 'corrupt.db');
    writeFileSync(path, 'this is not an SQLite database\n'.repeat(256));
    expect(() => openDatabase(path)).toThrow(MigrationError);
  });
});
