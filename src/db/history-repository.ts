import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { prepared } from './prepared';
import { auditLog, chases, completions, extensions, progressReports } from './schema';
import { noteWritten } from './write-signals';

export type Channel = 'command' | 'card' | 'chat' | 'scheduler' | 'cli' | 'api' | 'console';

export interface AuditEntry {
  itemId: number | null;
  actorId: string;
  channel: Channel;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  changes?: Record<string, unknown>;
  note?: string | null;
  at: string;
}

const p = <N extends string>(name: N) => sql.placeholder(name);

// Every query here runs on the request paths: each is a statement prepared once per connection (prepared.ts).
export function insertAudit(tx: DbOrTx, e: AuditEntry) {
  prepared(tx, 'history-repository.insertAudit', (d) =>
    d
      .insert(auditLog)
      .values({
        itemId: p('itemId'), actorId: p('actorId'), channel: p('channel'), action: p('action'), fromState: p('fromState'),
        toState: p('toState'), changes: p('changes'), note: p('note'), at: p('at'),
      })
      .prepare(),
  ).run({
    itemId: e.itemId,
    actorId: e.actorId,
    channel: e.channel,
    action: e.action,
    fromState: e.fromState ?? null,
    toState: e.toState ?? null,
    changes: e.changes ?? {},
    note: e.note ?? null,
    at: e.at,
  });
  // A row of no item is a request a background writer answers (a document, a workbook): wake it (write-signals.ts).
  if (e.itemId === null) noteWritten(tx, 'request');
}

export const listHistory = (db: DbOrTx, itemId: number) =>
  prepared(db, 'history-repository.listHistory', (d) =>
    d.select().from(auditLog).where(eq(auditLog.itemId, p('itemId'))).orderBy(asc(auditLog.id)).prepare(),
  ).all({ itemId });

export const listProgress = (db: DbOrTx, itemId: number) =>
  prepared(db, 'history-repository.listProgress', (d) =>
    d.select().from(progressReports).where(eq(progressReports.itemId, p('itemId'))).orderBy(asc(progressReports.id)).prepare(),
  ).all({ itemId });

export const listExtensions = (db: DbOrTx, itemId: number) =>
  prepared(db, 'history-repository.listExtensions', (d) =>
    d.select().from(extensions).where(eq(extensions.itemId, p('itemId'))).orderBy(asc(extensions.id)).prepare(),
  ).all({ itemId });

export const listCompletions = (db: DbOrTx, itemId: number) =>
  prepared(db, 'history-repository.listCompletions', (d) =>
    d.select().from(completions).where(eq(completions.itemId, p('itemId'))).orderBy(asc(completions.id)).prepare(),
  ).all({ itemId });

/**
 * The item's 催办 records, oldest first: every step of the ladder and every chase by hand, one row per recipient
 * (the index chases_item leads with the item id).
 */
export const listChases = (db: DbOrTx, itemId: number) =>
  prepared(db, 'history-repository.listChases', (d) =>
    d.select().from(chases).where(eq(chases.itemId, p('itemId'))).orderBy(asc(chases.id)).prepare(),
  ).all({ itemId });

export function insertProgress(
  tx: DbOrTx,
  r: { itemId: number; unitId: string | null; authorId: string; text: string; channel: Channel; createdAt: string },
) {
  // Nothing reads the row back: no RETURNING (it was mapped into an object on every report for nobody).
  prepared(tx, 'history-repository.insertProgress', (d) =>
    d
      .insert(progressReports)
      .values({ itemId: p('itemId'), unitId: p('unitId'), authorId: p('authorId'), text: p('text'), channel: p('channel'), createdAt: p('createdAt') })
      .prepare(),
  ).run({ itemId: r.itemId, unitId: r.unitId, authorId: r.authorId, text: r.text, channel: r.channel, createdAt: r.createdAt });
}

export function insertExtension(
  tx: DbOrTx,
  r: {
    itemId: number;
    requestedBy: string;
    reason: string;
    previousDeadline: string;
    proposedDeadline: string;
    createdAt: string;
  },
) {
  return tx
    .insert(extensions)
    .values({ ...r, status: 'pending' })
    .returning()
    .get();
}

/** Closes the item's pending extension request (there is at most one). */
export function closePendingExtension(
  tx: DbOrTx,
  itemId: number,
  status: 'approved' | 'rejected' | 'withdrawn',
  by: string,
  at: string,
  note: string | null,
) {
  tx.update(extensions)
    .set({ status, decidedBy: by, decidedAt: at, note })
    .where(and(eq(extensions.itemId, itemId), eq(extensions.status, 'pending')))
    .run();
}

export function insertCompletion(
  tx: DbOrTx,
  r: { itemId: number; submittedBy: string; selfAssessment: string; materials: string[]; createdAt: string },
) {
  return tx.insert(completions).values(r).returning().get();
}

/** Marks the item's open chases answered (the unit acted). */
export function markChasesAnswered(tx: DbOrTx, itemId: number, at: string) {
  prepared(tx, 'history-repository.markChasesAnswered', (d) =>
    d.update(chases).set({ answeredAt: sql`${p('at')}` }).where(and(eq(chases.itemId, p('itemId')), isNull(chases.answeredAt))).prepare(),
  ).run({ itemId, at });
}

/** The newest extension request of an item, whatever its status. */
export const latestExtension = (db: DbOrTx, itemId: number) =>
  prepared(db, 'history-repository.latestExtension', (d) =>
    d.select().from(extensions).where(eq(extensions.itemId, p('itemId'))).orderBy(desc(extensions.id)).limit(1).prepare(),
  ).get({ itemId });

/** The newest completion submission of an item. */
export const latestCompletion = (db: DbOrTx, itemId: number) =>
  prepared(db, 'history-repository.latestCompletion', (d) =>
    d.select().from(completions).where(eq(completions.itemId, p('itemId'))).orderBy(desc(completions.id)).limit(1).prepare(),
  ).get({ itemId });
