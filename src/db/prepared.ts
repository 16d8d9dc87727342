import type Database from 'better-sqlite3';
import type { DbOrTx } from './client';

/**
 * Statements prepared once per connection, for the repositories' queries on the request and sweep paths. Drizzle
 * builds a query's SQL on every call and better-sqlite3 then compiles it again (~300 µs a query, ~20 a click); a
 * statement prepared once runs in a few µs. Cached by the better-sqlite3 connection, not by the Drizzle handle, so
 * one prepared on the database also serves every (nested) transaction on it: better-sqlite3 runs everything on the
 * one connection, and a transaction is only BEGIN/SAVEPOINT on it.
 */

/** The better-sqlite3 connection behind a Drizzle database or transaction handle. */
export function clientOf(db: DbOrTx): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const queries = new WeakMap<Database.Database, Map<string, unknown>>();

/** A better-sqlite3 statement for this SQL text, prepared on first use on this connection. */
export function statement(db: DbOrTx, sqlText: string): Database.Statement {
  const client = clientOf(db);
  let byText = statements.get(client);
  if (!byText) statements.set(client, (byText = new Map()));
  let stmt = byText.get(sqlText);
  if (!stmt) byText.set(sqlText, (stmt = client.prepare(sqlText)));
  return stmt;
}

/**
 * A Drizzle prepared query (built with `sql.placeholder`s and `.prepare()`), built on first use on this connection
 * under `key`. The key names the query uniquely within the repositories ('item-repository.findItem').
 */
export function prepared<T>(db: DbOrTx, key: string, build: (db: DbOrTx) => T): T {
  const client = clientOf(db);
  let byKey = queries.get(client);
  if (!byKey) queries.set(client, (byKey = new Map()));
  let q = byKey.get(key) as T | undefined;
  if (q === undefined) byKey.set(key, (q = build(db)));
  return q;
}
