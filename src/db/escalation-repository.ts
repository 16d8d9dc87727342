import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { EscalationStep } from '../domain/escalation';
import type { DbOrTx } from './client';
import { prepared } from './prepared';
import { escalations } from './schema';
import { noteWritten } from './write-signals';

/** A row, with `step` as the domain names it (the column is text; only this repository writes it). */
export type EscalationRow = Omit<typeof escalations.$inferSelect, 'step'> & { step: EscalationStep };
export type NewEscalation = Omit<typeof escalations.$inferInsert, 'id'>;

/** doc_sequences kind of the 约谈通知单: one sequence per year for both levels (督字 N 号). */
export const NOTICE_SEQUENCE = 'interview';

/**
 * The next 督字 number of `year`, inside the caller's transaction. It only grows: once the issuing transaction has
 * committed, the number is the notice's for good, whatever happens to its file or its messages afterwards.
 */
export function nextNoticeSeq(tx: DbOrTx, year: number): number {
  return tx.get<{ last: number }>(sql`
    INSERT INTO doc_sequences (kind, year, last) VALUES (${NOTICE_SEQUENCE}, ${year}, 1)
    ON CONFLICT (kind, year) DO UPDATE SET last = last + 1
    RETURNING last`).last;
}

export function insertEscalation(tx: DbOrTx, row: NewEscalation): EscalationRow {
  noteWritten(tx, 'escalation'); // its file is written after the commit (services/escalation-documents.ts)
  return tx.insert(escalations).values(row).returning().get() as EscalationRow;
}

export const escalationById = (db: DbOrTx, id: number): EscalationRow | null =>
  (db.select().from(escalations).where(eq(escalations.id, id)).get() as EscalationRow | undefined) ?? null;

/** One item's issued steps, oldest first. */
export const escalationsOfItem = (db: DbOrTx, itemId: number): EscalationRow[] =>
  db.select().from(escalations).where(eq(escalations.itemId, itemId)).orderBy(asc(escalations.id)).all() as EscalationRow[];

/**
 * The issued steps of many items (the statistics drill-downs: which of a unit's items reached 约谈 or 问责), grouped
 * by item, oldest first. Asked in slices so a long list of ids stays within SQLite's variable limit.
 */
export function escalationsOfItems(db: DbOrTx, itemIds: readonly number[]): Map<number, EscalationRow[]> {
  const out = new Map<number, EscalationRow[]>();
  const ids = [...new Set(itemIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select()
      .from(escalations)
      .where(inArray(escalations.itemId, ids.slice(i, i + 500)))
      .orderBy(asc(escalations.id))
      .all() as EscalationRow[];
    for (const r of rows) {
      const list = out.get(r.itemId);
      if (list) list.push(r);
      else out.set(r.itemId, [r]);
    }
  }
  return out;
}

/** Steps whose document is still to be made (the issuing transaction records the step; the file follows). */
// Asked after every request (the finisher's kick): prepared once per connection (prepared.ts).
export const escalationsWithoutFile = (db: DbOrTx, limit = 20): EscalationRow[] =>
  prepared(db, 'escalation-repository.escalationsWithoutFile', (d) =>
    d.select().from(escalations).where(isNull(escalations.fileId)).orderBy(asc(escalations.id)).limit(sql.placeholder('limit')).prepare(),
  ).all({ limit }) as EscalationRow[];

/** Attaches the document once: false when another run attached one first. */
export const attachFile = (tx: DbOrTx, id: number, fileId: number): boolean =>
  tx.update(escalations).set({ fileId }).where(and(eq(escalations.id, id), isNull(escalations.fileId))).run().changes === 1;

/**
 * Interviews still to be put in the calendar: notices with a time after `nowIso` and no event yet. Once the time
 * has passed an invitation is no use, so a calendar configured later does not fill up with old interviews.
 */
export const interviewsWithoutEvent = (db: DbOrTx, nowIso: string, limit = 20): EscalationRow[] =>
  db
    .select()
    .from(escalations)
    .where(sql`${escalations.step} != 'referral' AND ${escalations.startsAt} > ${nowIso} AND ${escalations.calendarEventIds} = '[]'`)
    .orderBy(asc(escalations.id))
    .limit(limit)
    .all() as EscalationRow[];

export const setCalendarEvents = (tx: DbOrTx, id: number, eventIds: string[]): boolean =>
  tx
    .update(escalations)
    .set({ calendarEventIds: eventIds })
    .where(and(eq(escalations.id, id), sql`${escalations.calendarEventIds} = '[]'`))
    .run().changes === 1;
