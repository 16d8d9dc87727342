/**
 * The sweep writes its chase rows a hundred per statement and counts them as written. Should the unique
 * (step_key, recipient) index refuse one (the last guard: another writer recorded it in between), the count is
 * what the table holds, not what was asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client';
import type { ChaseKind } from '../../src/domain/chase-ladder';
import { CHASE_ROWS_PER_INSERT, insertAutomaticChases } from '../../src/db/sweep-repository';
import { importOrg } from '../../src/services/import-org';
import { benchOrg, seedItems } from '../../scripts/bench-lib';

let db: Db;
beforeAll(() => {
  db = openDatabase(':memory:');
  const bo = benchOrg();
  importOrg(db, bo.org, 'test', new Date('2026-01-05T00:00:00Z'));
  seedItems(db, bo, { count: 3, today: '2026-12-01' });
});
afterAll(() => db.$client.close());

const AT = '2026-12-01T01:00:00.000Z';
const count = () => db.$client.prepare('SELECT count(*) FROM chases').pluck().get() as number;

function rows(keys: string[], kind: ChaseKind): { params: unknown[]; kinds: ChaseKind[] } {
  return { params: keys.flatMap((k) => [1, kind, k, 'ou_someone', AT, null]), kinds: keys.map(() => kind) };
}

describe('writing chase rows many at a time', () => {
  it('counts every row of a statement when all are new, and only those written when the index refuses some', () => {
    const keys = Array.from({ length: CHASE_ROWS_PER_INSERT }, (_, i) => `overdue:1:2026-11-20:k${i}`);
    const first = rows(keys, 'overdue');
    expect(db.transaction(() => insertAutomaticChases(db, CHASE_ROWS_PER_INSERT, first.params, first.kinds))).toHaveLength(CHASE_ROWS_PER_INSERT);
    expect(count()).toBe(CHASE_ROWS_PER_INSERT);

    // Half the keys already recorded: only the other half is written, and only they are counted.
    const mixed = rows([...keys.slice(0, 50), ...Array.from({ length: 50 }, (_, i) => `due_soon:1:2026-12-04:k${i}`)], 'due_soon');
    const written = db.transaction(() => insertAutomaticChases(db, CHASE_ROWS_PER_INSERT, mixed.params, mixed.kinds));
    expect(written).toEqual(Array(50).fill('due_soon'));
    expect(count()).toBe(CHASE_ROWS_PER_INSERT + 50);

    const again = rows([keys[0]!], 'overdue');
    expect(db.transaction(() => insertAutomaticChases(db, 1, again.params, again.kinds))).toEqual([]);
    expect(count()).toBe(CHASE_ROWS_PER_INSERT + 50);
  });
});
