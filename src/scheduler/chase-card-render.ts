import { inArray } from 'drizzle-orm';
import { type BatchKind, type BatchRow, chaseBatchCard, interviewProposalCard, overdueWarningCard, reminderCard } from '../cards/chase-cards';
import { cardContext } from '../bot/card-context';
import { CHASED_STATES, type ChaseKind, mostUrgent } from '../domain/chase-ladder';
import type { WorkCalendar } from '../domain/calendar';
import type { Db } from '../db/client';
import { type Item, STATE_LABELS } from '../domain/item';
import { nextAllowedMoment } from '../domain/quiet-hours';
import { findItem, hydrate } from '../db/item-repository';
import { items } from '../db/schema';
import type { OutboxRow } from '../messenger/outbox-queue';
import type { ScheduleConfig } from './schedule-config';

/** What the sweep records for a chase card about one item; the card itself is drawn when the message is sent. */
export interface ChaseCardRef {
  card: 'chase';
  kind: ChaseKind;
  forLeader?: boolean;
  periodDue?: string;
  /** Other steps of the same item told to the same person in the same message (e.g. overdue with the warning). */
  also?: ChaseKind[];
  /** Also sent as 加急 to its receiver (the unit head, on the steps the schedule file names). */
  urgent?: 1;
}

/** One step on a batched card: item id, kind, for the leader (1), progress period due. Short keys: a card lists hundreds. */
export interface BatchEntryRef {
  i: number;
  k: ChaseKind;
  l?: 1;
  p?: string;
}

/** What the sweep records for the one message to a person told of several items in one sweep. */
export interface ChaseBatchRef {
  card: 'chase-batch';
  entries: BatchEntryRef[];
  urgent?: 1;
}

/** Kinds that say the item has been chased: reminders to the unit, by the ladder or by hand (not 约谈 records). */
const NOT_CHASES = "('interview', 'interview_proposal', 'progress_missed')";

/**
 * Draws a chase card for the outbox at send time. The sweep writes only a small description with each message (a
 * day's sweep plans one per person, each listing up to hundreds of steps), and the card shows the items as they
 * are when it goes out. Text about days left is as of the moment the steps were planned (or, planned in quiet
 * hours, were due to go out), so a retried card says what the steps said.
 *
 * A day's reminders can take a while to go out at Feishu's 1000 a minute. An item submitted, closed or put on hold
 * for an extension in the meantime is no longer chased: it is left off (a 认领提醒 once the item is claimed, too),
 * and a message none of whose steps still applies is skipped, not sent, with the reason.
 */
export function chaseCardRenderer(db: Db, calendar: WorkCalendar, cfg: ScheduleConfig) {
  // 已催办 N 次: chases of the item, not messages to each person: a step told to the head and two liaisons is one
  // chase (one step key), a supervisor's 催办 by hand is one (one key for all it reached). The chases before the
  // card was planned: what the unit had been told before this warning (the day's own steps are on the card), and
  // the same figure however late the card goes out.
  const chases = db.$client.prepare(
    `SELECT count(DISTINCT step_key) FROM chases WHERE item_id = ? AND recipient != 'supervisors' AND kind NOT IN ${NOT_CHASES} AND at < ?`,
  ).pluck();
  const countChases = (itemId: number, row: OutboxRow) => chases.get(itemId, row.createdAt) as number;

  /**
   * The moment a card speaks of: when it was planned, or, for one planned in quiet hours, when it was due to go out
   * (a 今日到期 planned at 22:00 and sent the next morning says the item is now overdue). The same for every retry.
   */
  const context = (row: OutboxRow) => ({
    ...cardContext(db, calendar, nextAllowedMoment(new Date(row.createdAt), calendar, cfg.quietHours)),
    yellowWithin: cfg.yellowWithin,
  });

  /** Why a step about `item` no longer applies, or null if it does. */
  const stale = (item: Item, kind: ChaseKind): string | null => {
    if (!CHASED_STATES.includes(item.state)) return `事项${item.number}当前为“${STATE_LABELS[item.state]}”，不再催办`;
    if (item.pendingExtension) return `事项${item.number}有待审批的延期申请，催办暂停`;
    if (kind === 'unclaimed' && item.state !== 'assigned') return `事项${item.number}已认领，不再提醒认领`;
    return null;
  };

  const single = (ref: ChaseCardRef, row: OutboxRow): string | { skip: string } => {
    const item = row.itemId ? findItem(db, row.itemId) : null;
    if (!item) throw new Error(`item ${row.itemId} not found`);
    const kinds = [ref.kind, ...(ref.also ?? [])];
    const live = kinds.filter((k) => stale(item, k) === null);
    const kind = mostUrgent(live);
    if (!kind) return { skip: stale(item, ref.kind)! };
    const also = live.filter((k) => k !== kind);
    const c = context(row);
    switch (kind) {
      case 'warning':
        return JSON.stringify(overdueWarningCard(item, c, { chases: countChases(item.id, row), forLeader: !!ref.forLeader }));
      case 'interview_proposal':
        return JSON.stringify(interviewProposalCard(item, c, { chases: countChases(item.id, row) }));
      case 'unclaimed':
      case 'due_soon':
      case 'due_today':
      case 'overdue':
      case 'progress_request':
        return JSON.stringify(reminderCard(item, c, kind, { ...(ref.periodDue ? { periodDue: ref.periodDue } : {}), also }));
      default:
        throw new Error(`no card for chase kind ${kind}`);
    }
  };

  const batch = (ref: ChaseBatchRef, row: OutboxRow): string | { skip: string } => {
    const byItem = new Map<number, BatchEntryRef[]>();
    for (const e of ref.entries) {
      const list = byItem.get(e.i);
      if (list) list.push(e);
      else byItem.set(e.i, [e]);
    }
    const found = new Map(loadItems(db, [...byItem.keys()]).map((i) => [i.id, i]));
    const rows: BatchRow[] = [];
    const reasons: string[] = [];
    for (const [id, entries] of byItem) {
      const item = found.get(id);
      if (!item) throw new Error(`item ${id} not found`);
      const live = entries.filter((e) => {
        const why = stale(item, e.k);
        if (why && reasons.length < 4 && !reasons.includes(why)) reasons.push(why);
        return why === null && e.k !== 'progress_missed';
      });
      const kind = mostUrgent(live.map((e) => e.k)) as BatchKind | undefined;
      if (!kind) continue;
      const top = live.filter((e) => e.k === kind);
      rows.push({
        item,
        kind,
        ...(top.every((e) => e.l) ? { forLeader: true } : {}),
        ...(live.find((e) => e.p)?.p ? { periodDue: live.find((e) => e.p)!.p! } : {}),
        ...(kind === 'warning' || kind === 'interview_proposal' ? { chases: countChases(id, row) } : {}),
      });
    }
    if (rows.length === 0) {
      const why = reasons.length > 3 ? `${reasons.slice(0, 3).join('；')}等` : reasons.join('；');
      return { skip: `本条提醒所列 ${byItem.size} 项事项均已不再催办：${why}` };
    }
    return JSON.stringify(chaseBatchCard(rows, context(row)));
  };

  return (description: unknown, row: OutboxRow): string | { skip: string } => {
    const ref = description as ChaseCardRef | ChaseBatchRef | null;
    if (ref?.card === 'chase') return single(ref, row);
    if (ref?.card === 'chase-batch' && Array.isArray(ref.entries)) return batch(ref, row);
    throw new Error(`unknown card description ${JSON.stringify(description)}`);
  };
}

/** The items of a batched card, read in slices (a card may list a unit's whole ledger after a missed week). */
function loadItems(db: Db, ids: number[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    out.push(...hydrate(db, db.select().from(items).where(inArray(items.id, slice)).all()));
  }
  return out;
}
