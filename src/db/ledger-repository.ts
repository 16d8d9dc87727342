/**
 * The reads behind the 台账 export: items by the ledger's filters, their progress (count and latest line) and their
 * history, each in one query for the whole export rather than one per item.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Item, ItemState } from '../domain/item';
import type { DbOrTx } from './client';
import { statement } from './prepared';
import { hydrate, involvesUnits } from './item-repository';
import { auditLog, items, progressReports } from './schema';

/** What a ledger is cut by; every condition given must hold. */
export interface LedgerQuery {
  /** The year of the number, 督办〔2026〕…. */
  year?: number;
  /** Lead or cooperating unit among these. */
  unitIds?: string[];
  states?: ItemState[];
  /** 归档 filters: the archive's year and category (items.archive_year / archive_category). */
  archiveYear?: number;
  archiveCategory?: string;
  /** At most this many rows (the caller says so when a ledger is cut). */
  limit: number;
}

export function ledgerItems(db: DbOrTx, q: LedgerQuery): Item[] {
  const conds = [];
  if (q.year !== undefined) conds.push(eq(items.year, q.year));
  if (q.states) conds.push(q.states.length ? inArray(items.state, q.states) : sql`0`);
  if (q.unitIds?.length) conds.push(involvesUnits(q.unitIds));
  if (q.archiveYear !== undefined) conds.push(eq(items.archiveYear, q.archiveYear));
  if (q.archiveCategory !== undefined) conds.push(eq(items.archiveCategory, q.archiveCategory));
  const rows = db
    .select()
    .from(items)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(items.year), asc(items.seq))
    .limit(q.limit)
    .all();
  return hydrate(db, rows);
}

export interface ProgressSummary {
  count: number;
  lastText: string;
  lastAt: string;
}

/** Per item: how many progress reports, and the latest one. */
export function progressSummaries(db: DbOrTx, itemIds: number[]): Map<number, ProgressSummary> {
  const out = new Map<number, ProgressSummary>();
  if (!itemIds.length) return out;
  const ids = JSON.stringify(itemIds);
  const rows = db.all<{ itemId: number; n: number; text: string; at: string }>(sql`
    SELECT p.item_id AS itemId, c.n AS n, p.text AS text, p.created_at AS at
    FROM progress_reports p
    JOIN (SELECT item_id, count(*) AS n, max(id) AS last FROM ${progressReports}
          WHERE item_id IN (SELECT value FROM json_each(${ids})) GROUP BY item_id) c ON c.last = p.id`);
  for (const r of rows) out.set(r.itemId, { count: r.n, lastText: r.text, lastAt: r.at });
  return out;
}

export type HistoryRow = typeof auditLog.$inferSelect;

/** The history of these items, item by item, oldest first; at most `limit` rows. */
export function historyOf(db: DbOrTx, itemIds: number[], limit: number): HistoryRow[] {
  if (!itemIds.length) return [];
  const ids = JSON.stringify(itemIds);
  return db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.itemId} IN (SELECT value FROM json_each(${ids}))`)
    .orderBy(asc(auditLog.itemId), asc(auditLog.id))
    .limit(limit)
    .all();
}

/** A document someone asked for in chat, recorded with the command and made after it commits. */
export const DOCUMENT_REQUESTS = ['ledger_export', 'import_template'] as const;
export type DocumentRequestKind = (typeof DOCUMENT_REQUESTS)[number];
/** The audit action that says a request was answered (its file sent, or why not). */
export const DOCUMENT_SENT = 'document_sent';

/**
 * Requests not yet answered after `afterId`, oldest first. Requests are history rows about no item (item_id NULL,
 * which the audit_item index finds), answered when a later `document_sent` row names them: the answer is looked
 * for only after the request (an index range), and the writer passes the last request it answered, so a kick
 * after every event reads the few newest rows, not every export ever made.
 */
export function pendingDocumentRequests(db: DbOrTx, afterId = 0, limit = 20): HistoryRow[] {
  const kinds = JSON.stringify(DOCUMENT_REQUESTS);
  // Asked after every request (the writer's kick): prepared once per connection (prepared.ts).
  const rows = statement(
    db,
    `SELECT r.id, r.item_id AS itemId, r.actor_id AS actorId, r.channel, r.action, r.from_state AS fromState, r.to_state AS toState,
      r.changes, r.note, r.at
    FROM audit_log r
    WHERE r.item_id IS NULL AND r.id > ? AND r.action IN (SELECT value FROM json_each(?))
      AND NOT EXISTS (SELECT 1 FROM audit_log d WHERE d.item_id IS NULL AND d.id > r.id AND d.action = ?
                      AND json_extract(d.changes, '$.requestId') = r.id)
    ORDER BY r.id LIMIT ?`,
  ).all(afterId, kinds, DOCUMENT_SENT, limit) as HistoryRow[];
  return rows.map((r) => ({ ...r, changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as Record<string, unknown>) : r.changes }));
}

/** Whether a request has been answered (checked again inside the transaction that answers it). */
export function documentRequestAnswered(db: DbOrTx, requestId: number): boolean {
  return !!db.get(sql`SELECT 1 FROM audit_log WHERE item_id IS NULL AND id > ${requestId} AND action = ${DOCUMENT_SENT} AND json_extract(changes, '$.requestId') = ${requestId}`);
}

/** The open items as a batch registration compares titles with them: what `canView` and the answer need. */
export function openItemTitles(db: DbOrTx) {
  return db
    .select({ id: items.id, number: items.number, title: items.title, leaderId: items.leaderId, leadUnitId: items.leadUnitId, coopUnitIds: items.coopUnitIds, confidential: items.confidential })
    .from(items)
    .where(sql`${items.state} IN ('registered', 'assigned', 'in_progress', 'under_review')`)
    .all();
}
