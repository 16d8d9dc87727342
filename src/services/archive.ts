import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { archiveCategoryOf, archiveYearOf, dueForArchive } from '../domain/archive';
import { type Actor, hasRole } from '../domain/actor';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item, SourceCategory } from '../domain/item';
import { canView } from '../domain/permissions';
import { decide } from '../domain/transitions';
import type { Channel } from '../db/history-repository';
import { insertAudit } from '../db/history-repository';
import { hydrate, updateItem } from '../db/item-repository';
import { loadActor } from '../db/org-repository';
import { items } from '../db/schema';
import type { Tx } from '../db/client';
import type { ServiceContext } from './context';

/** At most this many items are filed in one transaction; a run files the rest in further batches. */
const BATCH = 200;

export interface ArchiveResult {
  archived: number;
  /** Filed items by category. */
  byCategory: Partial<Record<SourceCategory, number>>;
  /** The items filed (ids and numbers), for the answer and the log. */
  numbers: string[];
}

/** Who may file items by hand (`/督办 归档 2026`): the office and admins. */
export const mayArchive = (actor: Actor) => hasRole(actor, 'supervisor') || hasRole(actor, 'admin');

/** Closed items not yet filed, oldest first, closed on or before `closedBy` (ISO), in the given year (Beijing). */
function closedUnfiled(tx: Tx, o: { year?: number; closedBy?: string; limit: number; afterId: number }): Item[] {
  const conds = [eq(items.state, 'closed'), isNull(items.archivedAt), sql`${items.id} > ${o.afterId}`];
  if (o.closedBy) conds.push(lte(items.closedAt, o.closedBy));
  // closed_at is UTC; the year is the Beijing year it was closed in.
  if (o.year !== undefined) conds.push(sql`strftime('%Y', ${items.closedAt}, '+8 hours') = ${String(o.year)}`);
  return hydrate(tx, tx.select().from(items).where(and(...conds)).orderBy(asc(items.id)).limit(o.limit).all());
}

/** Files one item: the 'archive' transition (closed → archived) with its year and category, and its history row. */
function fileItem(tx: Tx, item: Item, actor: Actor, channel: Channel, now: Date, checkActor: boolean): boolean {
  const at = now.toISOString();
  // The job files as the system (no person's rights apply); a person's command is checked as the transition table says.
  const decision = checkActor ? decide(item, { type: 'archive' }, actor, now) : null;
  if (!decision && item.state !== 'closed') return false;
  const year = archiveYearOf(item)!;
  const category = archiveCategoryOf(item);
  updateItem(tx, item, { state: 'archived', archivedAt: at, archiveYear: year, archiveCategory: category }, at);
  insertAudit(tx, {
    itemId: item.id,
    actorId: actor.id,
    channel,
    action: 'archive',
    fromState: 'closed',
    toState: 'archived',
    changes: { state: ['closed', 'archived'], archiveYear: year, archiveCategory: category },
    at,
  });
  return true;
}

/**
 * `/督办 归档 <年份>`: files every closed item of that year (closed in it, Beijing time) that the person may file
 * (the office; an item they may not see is left for the daily job). One transaction per batch of 200, each change
 * with its audit row.
 */
export function archiveYear(ctx: ServiceContext, r: { actorId: string; year: number; channel: Channel; now: Date }): ArchiveResult {
  const actor = loadActor(ctx.db, r.actorId);
  if (!mayArchive(actor)) throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以归档');
  if (!Number.isInteger(r.year) || r.year < 2000 || r.year > 2099) throw new DubanError(ErrorCode.InvalidInput, '年份应为四位数字，如 /督办 归档 2026');
  return runBatches(ctx, (tx, afterId) => closedUnfiled(tx, { year: r.year, limit: BATCH, afterId }), (tx, item) => canView(actor, item) && fileItem(tx, item, actor, r.channel, r.now, true));
}

/** The daily job: files every item closed at least `afterDays` days ago. Running it twice files nothing more. */
export function archiveDue(ctx: ServiceContext, now: Date, afterDays: number): ArchiveResult {
  const closedBy = new Date(now.getTime() - afterDays * 86_400_000).toISOString();
  const system: Actor = { id: 'system', name: '系统', roles: [], headOf: [], liaisonOf: [] };
  return runBatches(ctx, (tx, afterId) => closedUnfiled(tx, { closedBy, limit: BATCH, afterId }), (tx, item) => dueForArchive(item, now, afterDays) && fileItem(tx, item, system, 'scheduler', now, false));
}

function runBatches(ctx: ServiceContext, next: (tx: Tx, afterId: number) => Item[], file: (tx: Tx, item: Item) => boolean): ArchiveResult {
  const out: ArchiveResult = { archived: 0, byCategory: {}, numbers: [] };
  let afterId = 0;
  for (;;) {
    const batch = ctx.db.transaction(
      (tx) => {
        const rows = next(tx, afterId);
        for (const item of rows) {
          if (!file(tx, item)) continue;
          const c = archiveCategoryOf(item);
          out.byCategory[c] = (out.byCategory[c] ?? 0) + 1;
          out.archived++;
          out.numbers.push(item.number);
        }
        return rows;
      },
      { behavior: 'immediate' },
    );
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1]!.id;
  }
  return out;
}
