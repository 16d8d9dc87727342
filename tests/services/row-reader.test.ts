/**
 * One item is read on every request through a raw statement and db/row-reader.ts, not through Drizzle's select():
 * the reader must give exactly what Drizzle gives (the same keys, JSON parsed, booleans as booleans, NULL as null),
 * and the item's pending extension request must be the one the list path (hydrate) finds. Checked on random rows
 * written through Drizzle, against Drizzle reading them back.
 */
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { findItem, findItemByNumber, hydrate } from '../../src/db/item-repository';
import { rowReader } from '../../src/db/row-reader';
import { extensions, items, people } from '../../src/db/schema';
import { type TestDb, openTestDb } from '../support/fixtures';

const opened: TestDb[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('校园安全', '含 "引号" 与 \\ 反斜杠', '🏫 表情', ''));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const instant = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 3_600_000).toISOString());
const item = fc.record({
  title: text,
  requirements: text,
  flagged: fc.boolean(),
  important: fc.boolean(),
  confidential: fc.boolean(),
  sources: fc.array(fc.record({ category: fc.constantFrom('meeting', 'instruction', 'document'), ref: text }, { requiredKeys: ['category', 'ref'] }), { maxLength: 3 }),
  coopUnitIds: fc.uniqueArray(fc.constantFrom('jwc', 'kyc', 'xgc', 'cwc'), { maxLength: 3 }),
  stages: fc.array(fc.record({ name: text, deadline: fc.constantFrom('2026-12-31', '2027-03-01') }), { maxLength: 2 }),
  reviewStage: maybe(fc.constantFrom('leader', 'principal')),
  mergedIntoId: maybe(fc.integer({ min: 1, max: 9 })),
  claimedAt: maybe(instant),
  archiveYear: maybe(fc.integer({ min: 2020, max: 2030 })),
  // The extension requests on it, in the order made: pending or decided.
  requests: fc.array(fc.constantFrom('pending', 'approved', 'rejected'), { maxLength: 3 }),
});

describe('reading one item', () => {
  it('gives what Drizzle gives, with the newest pending extension request', () => {
    const t = openTestDb();
    opened.push(t);
    let seq = 0;
    fc.assert(
      fc.property(item, (r) => {
        seq++;
        const row = t.db
          .insert(items)
          .values({
            year: 2026, seq, number: `督办〔2026〕${seq}号`, title: r.title, requirements: r.requirements, kind: 'ledger', mode: 'routine',
            flagged: r.flagged, important: r.important, confidential: r.confidential, sources: r.sources as never, leadUnitId: 'jwc',
            coopUnitIds: r.coopUnitIds, leaderId: 'ou_vp1', deadline: '2027-06-30', originalDeadline: '2027-06-30', stages: r.stages,
            state: 'in_progress', reviewStage: r.reviewStage, mergedIntoId: r.mergedIntoId, claimedAt: r.claimedAt,
            archiveYear: r.archiveYear, createdBy: 'ou_sup', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z',
          })
          .returning()
          .get();
        for (const status of r.requests) {
          t.db.insert(extensions).values({ itemId: row.id, requestedBy: 'ou_head', reason: `理由${status}`, previousDeadline: '2027-06-30', proposedDeadline: '2027-09-30', status, createdAt: '2026-11-02T00:00:00Z' }).run();
        }
        const drizzle = hydrate(t.db, t.db.select().from(items).where(eq(items.id, row.id)).all())[0]!;
        const byId = findItem(t.db, row.id);
        expect(byId).toStrictEqual(drizzle);
        expect(findItemByNumber(t.db, 2026, seq)).toStrictEqual(drizzle);
        // The one a person would be asked to decide: the newest pending request, or none.
        const pending = t.db.select().from(extensions).where(eq(extensions.itemId, row.id)).all().filter((e) => e.status === 'pending').at(-1);
        expect(byId!.pendingExtension?.id ?? null).toBe(pending?.id ?? null);
        // The sweep's copy of the latest report is not part of an item.
        expect(Object.keys(byId!)).not.toContain('lastProgressAt');
      }),
      { numRuns: 150 },
    );
    expect(findItem(t.db, 9_999)).toBeNull();
    expect(findItemByNumber(t.db, 2026, 9_999)).toBeNull();
    expect(findItemByNumber(t.db, 2025, 1)).toBeNull();
  });

  it('reads any table as Drizzle does (people: JSON lists and NULLs)', () => {
    const t = openTestDb();
    opened.push(t);
    const reader = rowReader(people);
    const raw = t.db.$client.prepare(`SELECT ${reader.columns} FROM people ORDER BY id`).raw().all() as unknown[][];
    expect(raw.length).toBeGreaterThan(3);
    expect(raw.map((r) => reader.read(r))).toStrictEqual(t.db.select().from(people).orderBy(people.id).all());
    // Offset: a row after other columns of the query.
    const shifted = t.db.$client.prepare(`SELECT 1, 2, ${reader.columns} FROM people ORDER BY id LIMIT 1`).raw().get() as unknown[];
    expect(reader.read(shifted, 2)).toStrictEqual(t.db.select().from(people).orderBy(people.id).limit(1).get());
  });
});
