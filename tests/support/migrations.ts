import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/**
 * A database file at `dir/duban.db` with the committed migrations before the one tagged `tag` (e.g. '0018_'), as an
 * installation had it before that migration: for tests of what a migration does to the rows already there.
 * The caller fills it, closes it, and opens it with openDatabase, which applies the rest.
 */
export function databaseBefore(dir: string, tag: string): { path: string; c: Database.Database } {
  const old = join(dir, 'drizzle');
  cpSync(fileURLToPath(new URL('../../drizzle/', import.meta.url)), old, { recursive: true });
  const journalFile = join(old, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const upTo = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  if (upTo <= 0) throw new Error(`no migration ${tag} after the first`);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
  const path = join(dir, 'duban.db');
  const c = new Database(path);
  migrate(drizzle(c), { migrationsFolder: old });
  return { path, c };
}
