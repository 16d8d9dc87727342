import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { prepared } from './prepared';
import { attachWindows, inboundFiles } from './schema';
import { noteWritten } from './write-signals';

export type InboundFileRow = typeof inboundFiles.$inferSelect;

export interface WantedFile {
  messageId: string;
  fileKey: string;
  resourceType: 'file' | 'image';
  fileName: string;
  /** evidence for `itemId`; `import`: a filled 批量登记 template; or `bulletin:<id>`: a corrected 督查通报 for that draft (bot/bulletin-upload.ts). */
  purpose: 'evidence' | 'import' | `bulletin:${number}`;
  itemId: number | null;
  senderId: string;
  inGroup: boolean;
}

/** Records a file to fetch; null when this message's file was already queued (Feishu delivered the message again). */
export function queueInboundFile(tx: DbOrTx, f: WantedFile, now: Date): number | null {
  const at = now.toISOString();
  const row = tx
    .insert(inboundFiles)
    .values({ ...f, status: 'pending', nextAttemptAt: at, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: inboundFiles.id })
    .get();
  if (row) noteWritten(tx, 'inbound'); // fetched after the commit (files/inbound-downloader.ts)
  return row?.id ?? null;
}

/**
 * Leases up to `limit` due rows for `owner` by a conditional update, so two downloaders (two processes) never fetch
 * the same row at once. A lease that ran out (its holder died mid-download) makes the row due again.
 */
export function claimInboundFiles(tx: DbOrTx, now: Date, owner: string, leaseMs: number, limit: number): InboundFileRow[] {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  // Asked after every request (the downloader's kick): prepared once per connection (prepared.ts).
  const due = prepared(tx, 'inbound-file-repository.due', (d) =>
    d
      .select({ id: inboundFiles.id })
      .from(inboundFiles)
      .where(
        and(
          eq(inboundFiles.status, 'pending'),
          lte(inboundFiles.nextAttemptAt, sql.placeholder('at')),
          or(isNull(inboundFiles.leaseUntil), lte(inboundFiles.leaseUntil, sql.placeholder('at'))),
        ),
      )
      .orderBy(asc(inboundFiles.id))
      .limit(sql.placeholder('limit'))
      .prepare(),
  ).all({ at, limit });
  const claimed: InboundFileRow[] = [];
  for (const { id } of due) {
    const row = tx
      .update(inboundFiles)
      .set({ leaseUntil: until, leaseOwner: owner })
      .where(and(eq(inboundFiles.id, id), eq(inboundFiles.status, 'pending'), or(isNull(inboundFiles.leaseUntil), lte(inboundFiles.leaseUntil, at))))
      .returning()
      .get();
    if (row) claimed.push(row);
  }
  return claimed;
}

/** The row's end: stored (with its file), refused or failed (with the reason). Only the lease holder may settle it. */
export function settleInboundFile(tx: DbOrTx, id: number, owner: string, s: { status: 'stored' | 'refused' | 'failed'; fileId?: number | null; error?: string | null; attempts: number }, now: Date): boolean {
  return (
    tx
      .update(inboundFiles)
      .set({ status: s.status, fileId: s.fileId ?? null, lastError: s.error ?? null, attempts: s.attempts, leaseUntil: null, leaseOwner: null, doneAt: now.toISOString() })
      .where(and(eq(inboundFiles.id, id), eq(inboundFiles.status, 'pending'), eq(inboundFiles.leaseOwner, owner)))
      .run().changes === 1
  );
}

/** A failed try: the row waits until `next` and is tried again. */
export function retryInboundFile(tx: DbOrTx, id: number, owner: string, attempts: number, next: Date, error: string): void {
  tx.update(inboundFiles)
    .set({ attempts, nextAttemptAt: next.toISOString(), lastError: error.slice(0, 500), leaseUntil: null, leaseOwner: null })
    .where(and(eq(inboundFiles.id, id), eq(inboundFiles.leaseOwner, owner)))
    .run();
}

/** Gives back the leases of a downloader that is stopping (the next start fetches those rows at once). */
export function releaseInboundLeases(tx: DbOrTx, owner: string): number {
  return tx.update(inboundFiles).set({ leaseUntil: null, leaseOwner: null }).where(and(eq(inboundFiles.status, 'pending'), eq(inboundFiles.leaseOwner, owner))).run().changes;
}

export const inboundFileById = (db: DbOrTx, id: number): InboundFileRow | null => db.select().from(inboundFiles).where(eq(inboundFiles.id, id)).get() ?? null;

export const pendingInboundCount = (db: DbOrTx): number =>
  db.select({ n: sql<number>`count(*)` }).from(inboundFiles).where(eq(inboundFiles.status, 'pending')).get()?.n ?? 0;

/** The person opened the completion form of this item (replaces any form they had open before). */
export function openAttachWindow(tx: DbOrTx, personId: string, itemId: number, now: Date): void {
  const openedAt = now.toISOString();
  tx.insert(attachWindows).values({ personId, itemId, openedAt }).onConflictDoUpdate({ target: attachWindows.personId, set: { itemId, openedAt } }).run();
}

/** The item whose completion form the person opened within `withinMs` before `now`, if any. */
export function openAttachWindowOf(db: DbOrTx, personId: string, now: Date, withinMs: number): number | null {
  const row = db.select().from(attachWindows).where(eq(attachWindows.personId, personId)).get();
  if (!row) return null;
  const age = now.getTime() - Date.parse(row.openedAt);
  return age >= 0 && age <= withinMs ? row.itemId : null;
}

export function closeAttachWindow(tx: DbOrTx, personId: string): void {
  tx.delete(attachWindows).where(eq(attachWindows.personId, personId)).run();
}
