import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { auditLog, chases, completions, extensions, progressReports } from './schema';

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

export function insertAudit(tx: DbOrTx, e: AuditEntry) {
  tx.insert(auditLog)
    .values({ ...e, changes: e.changes ?? {}, fromState: e.fromState ?? null, toState: e.toState ?? null })
    .run();
}

export const listHistory = (db: DbOrTx, itemId: number) =>
  db.select().from(auditLog).where(eq(auditLog.itemId, itemId)).orderBy(asc(auditLog.id)).all();

export const listProgress = (db: DbOrTx, itemId: number) =>
  db.select().from(progressReports).where(eq(progressReports.itemId, itemId)).orderBy(asc(progressReports.id)).all();

export const listExtensions = (db: DbOrTx, itemId: number) =>
  db.select().from(extensions).where(eq(extensions.itemId, itemId)).orderBy(asc(extensions.id)).all();

export const listCompletions = (db: DbOrTx, itemId: number) =>
  db.select().from(completions).where(eq(completions.itemId, itemId)).orderBy(asc(completions.id)).all();

/**
 * The item's 催办 records, oldest first: every step of the ladder and every chase by hand, one row per recipient
 * (the index chases_item leads with the item id).
 */
export const listChases = (db: DbOrTx, itemId: number) =>
  db.select().from(chases).where(eq(chases.itemId, itemId)).orderBy(asc(chases.id)).all();

export function insertProgress(
  tx: DbOrTx,
  r: { itemId: number; unitId: string | null; authorId: string; text: string; channel: Channel; createdAt: string },
) {
  return tx.insert(progressReports).values(r).returning().get();
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

/** The newest extension request of an item, whatever its status. */
export const latestExtension = (db: DbOrTx, itemId: number) =>
  db.select().from(extensions).where(eq(extensions.itemId, itemId)).orderBy(desc(extensions.id)).get();

/** The newest completion submission of an item. */
export const latestCompletion = (db: DbOrTx, itemId: number) =>
  db.select().from(completions).where(eq(completions.itemId, itemId)).orderBy(desc(completions.id)).get();
