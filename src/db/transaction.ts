import type Database from 'better-sqlite3';
import type { DbOrTx, Tx } from './client';
import { clientOf } from './prepared';

type Runner = Database.Transaction<(fn: () => unknown) => unknown>;
const runners = new WeakMap<Database.Database, Runner>();

/**
 * Runs `fn` in one transaction on the connection — BEGIN IMMEDIATE (or DEFERRED) when none is open, a savepoint
 * inside one — committing if it returns and rolling back if it throws, exactly as Drizzle's `db.transaction`.
 * Drizzle's builds a transaction object (a whole database facade) and better-sqlite3 a new transaction function on
 * every call: with a savepoint per event and one per service call, that was about a tenth of a card callback.
 * Here the better-sqlite3 function is made once per connection and `fn` queries through the handle it was given:
 * everything runs on the one connection, so that handle already sees (and writes into) the transaction.
 */
export function transact<T>(db: DbOrTx, fn: (tx: Tx) => T, behavior: 'immediate' | 'deferred' = 'immediate'): T {
  const client = clientOf(db);
  let run = runners.get(client);
  if (!run) runners.set(client, (run = client.transaction((f: () => unknown) => f())));
  const body = () => fn(db as Tx);
  return (behavior === 'immediate' ? run.immediate(body) : run.deferred(body)) as T;
}

