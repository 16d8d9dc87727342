import { expect } from 'vitest';
import type { Db } from '../../src/db/client';
import { DubanError } from '../../src/domain/errors';

/**
 * Every row of every table: the proof that a refused request changed nothing. `except` leaves tables out (a
 * verified event's id is remembered even when the event is refused).
 */
export function dumpTables(db: Db, except: string[] = []) {
  const tables = (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).filter(
    ({ name }) => !except.includes(name),
  );
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}

/** Runs something that must be refused and returns the DubanError it was refused with. */
export function refusal(fn: () => unknown): DubanError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DubanError);
    return e as DubanError;
  }
  throw new Error('expected a refusal');
}
