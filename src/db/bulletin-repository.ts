import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { prepared } from './prepared';
import { bulletins, docSequences, items, progressReports } from './schema';
import { noteWritten } from './write-signals';

export type BulletinRow = typeof bulletins.$inferSelect;
export type BulletinState = 'draft' | 'published' | 'void';

/**
 * The next number of a kind of document for a year (doc_sequences), inside the caller's transaction. Numbers only
 * grow: a voided 通报 keeps its number, the next draft takes the one after.
 */
export function nextDocNumber(tx: DbOrTx, kind: string, year: number): number {
  const row = tx.get<{ last: number }>(sql`
    INSERT INTO doc_sequences (kind, year, last) VALUES (${kind}, ${year}, 1)
    ON CONFLICT (kind, year) DO UPDATE SET last = last + 1
    RETURNING last`);
  return row.last;
}

export const lastDocNumber = (db: DbOrTx, kind: string, year: number): number =>
  db.select({ last: docSequences.last }).from(docSequences).where(and(eq(docSequences.kind, kind), eq(docSequences.year, year))).get()?.last ?? 0;

export function insertBulletin(tx: DbOrTx, row: Omit<typeof bulletins.$inferInsert, 'id'>): BulletinRow {
  noteWritten(tx, 'bulletin'); // its Word file is written after the commit (services/bulletins.ts)
  return tx.insert(bulletins).values(row).returning().get();
}

export const findBulletin = (db: DbOrTx, id: number): BulletinRow | null =>
  db.select().from(bulletins).where(eq(bulletins.id, id)).get() ?? null;

/** Drafts whose document is not written yet (the writing happens after the transaction that made the draft). */
// Asked after every request (the writer's kick): prepared once per connection (prepared.ts).
export const draftsWithoutFile = (db: DbOrTx): BulletinRow[] =>
  prepared(db, 'bulletin-repository.draftsWithoutFile', (d) =>
    d.select().from(bulletins).where(and(eq(bulletins.state, 'draft'), isNull(bulletins.fileId))).orderBy(asc(bulletins.id)).prepare(),
  ).all();

/**
 * Moves a bulletin on only from the state the caller read (a second click, or two supervisors at once, changes
 * nothing the second time). Returns whether it moved.
 */
export function updateBulletinFrom(tx: DbOrTx, id: number, from: BulletinState, patch: Partial<typeof bulletins.$inferInsert>): boolean {
  return tx.update(bulletins).set(patch).where(and(eq(bulletins.id, id), eq(bulletins.state, from))).run().changes === 1;
}

/** Sets a draft's file only while it has none (two renderers racing: the first one wins). */
export function setFirstBulletinFile(tx: DbOrTx, id: number, fileId: number): boolean {
  return tx
    .update(bulletins)
    .set({ fileId })
    .where(and(eq(bulletins.id, id), eq(bulletins.state, 'draft'), isNull(bulletins.fileId)))
    .run().changes === 1;
}

export const progressById = (db: DbOrTx, id: number) => db.select().from(progressReports).where(eq(progressReports.id, id)).get() ?? null;

export function setTypical(tx: DbOrTx, progressId: number, by: string | null, at: string | null): void {
  tx.update(progressReports).set({ typicalBy: by, typicalAt: at }).where(eq(progressReports.id, progressId)).run();
}

export interface TypicalReport {
  progressId: number;
  itemId: number;
  number: string;
  title: string;
  confidential: boolean;
  leadUnitId: string;
  unitId: string | null;
  text: string;
  createdAt: string;
}

/**
 * Progress reports marked 典型经验 and written within [fromIso, toIso) (UTC instants of the period's China days),
 * of items that were not merged away, oldest first.
 */
export function typicalReports(db: DbOrTx, fromIso: string, toIso: string, limit = 200): TypicalReport[] {
  return db
    .select({
      progressId: progressReports.id,
      itemId: items.id,
      number: items.number,
      title: items.title,
      confidential: items.confidential,
      leadUnitId: items.leadUnitId,
      unitId: progressReports.unitId,
      text: progressReports.text,
      createdAt: progressReports.createdAt,
    })
    .from(progressReports)
    .innerJoin(items, eq(items.id, progressReports.itemId))
    .where(
      and(
        isNotNull(progressReports.typicalAt),
        sql`${progressReports.createdAt} >= ${fromIso} AND ${progressReports.createdAt} < ${toIso}`,
      ),
    )
    .orderBy(asc(progressReports.createdAt), asc(progressReports.id))
    .limit(limit)
    .all();
}
