/**
 * Cards that stay true: when an item changes, every card the bot sent about it that still offers something to do
 * is redrawn for the person who holds it and updated in place (PATCH /open-apis/im/v1/messages/:id).
 *
 * Which messages are live: the item's cards sent privately, less than LIVE_CARD_WINDOW_MS ago, that were planned
 * with a live key (`live:<item id>:<purpose>:…`, see `liveKey`; notifications.ts gives one to each), and the
 * reminders about the item the sweep recorded in `chases`. Both are found through indexes (the outbox's partial
 * unique index on dedupe_key, chases_item), never by scanning the outbox:
 *
 * - `slip` — the 督办单 to the lead unit's head and liaisons and to the cooperating units (also the one a new unit
 *   gets after 转办): drawn for how the holder stands to the item now (lead, cooperating, neither), under a line
 *   saying what just changed;
 * - `urge` — a supervisor's 催办 by hand (a 督办单 under the supervisor's words, which it keeps);
 * - `extension_review`, `completion_review` — the review cards: the form while that person may still decide,
 *   the decision (and no buttons) once anyone decided, or who decides instead;
 * - `notice:<kind>` — the supervisors' notices (notifications.ts): the item's current state under the notice;
 * - `chase:<kind>` — a reminder card about one item, redrawn by the scheduler's own renderer when one is given
 *   (`LiveCardOptions.redrawChase`), as of the moment it was planned but with the item's present state and version;
 *   a reminder that no longer applies (the item was claimed, submitted, closed) loses its buttons.
 *
 * Left as sent: receipts, detail cards and answers (their only buttons, 查看详情 and 返回, never check the version,
 * so they are never "已过期"; a receipt is the record of a moment), the daily batches listing many items (no
 * single item: `item_id` is null), digests and summaries (a picture of one day), and anything sent to a group chat.
 *
 * A holder who may no longer see the item (the old unit after 转办, a unit no longer cooperating, a leader no longer
 * in charge of a confidential item) gets a card saying so, without buttons, and without the item's details if it
 * is confidential.
 *
 * Feishu's limits: an update is refused for a message 14 days old or more; a message older than
 * LIVE_CARD_WINDOW_MS (a day short of that, so a patch waiting in the queue cannot reach Feishu too late) is left
 * alone. At most 5 updates a second per message: the outbox keys its rate lanes by the target message id, so
 * patches to one message wait their turn (messenger/outbox.ts, rate-limiter.ts). A patch not yet taken by the
 * sender is replaced by the newer one (marked `skipped`), so a burst of changes costs a message one update, and a
 * patch whose card equals what the message shows (or will show) already is not planned at all.
 */
import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, like, lt, sql } from 'drizzle-orm';
import { type Card, completionReviewCard, extensionReviewCard, receiptCard, slipCard } from '../cards/cards';
import { movedCard } from '../cards/item-cards';
import { formatDate } from '../cards/format';
import { type Actor, hasRole, unitsOf } from '../domain/actor';
import type { WorkCalendar } from '../domain/calendar';
import type { Item, ReviewStage } from '../domain/item';
import { canView, relationsTo } from '../domain/permissions';
import type { Tx } from '../db/client';
import { listCompletions, listExtensions, listHistory } from '../db/history-repository';
import { loadActor } from '../db/org-repository';
import { filesOfItem } from '../db/file-repository';
import { chases, outbox } from '../db/schema';
import { type OutboxRow, enqueue } from '../messenger/outbox-queue';
import { cardContext } from './card-context';

const DAY_MS = 86_400_000;
type CompletionRow = ReturnType<typeof listCompletions>[number];
/** Feishu updates a card message only while it is less than 14 days old. */
export const FEISHU_UPDATE_WINDOW_MS = 14 * DAY_MS;
/** Messages refreshed: sent less than this long ago (a day's margin for a patch that waits in the queue). */
export const LIVE_CARD_WINDOW_MS = FEISHU_UPDATE_WINDOW_MS - DAY_MS;

/** Purposes of the cards kept true, besides `notice:*` and `chase:*` (see above). */
export const LIVE_CARD_PURPOSES = ['slip', 'urge', 'extension_review', 'completion_review'] as const;

/**
 * The dedupe key that makes a message live: `live:<item id>:<purpose>:<what it is about>:<to>`. Unique per
 * message (a person is asked once about one request; told once of one change), and the item's live messages are
 * one range of the index on dedupe_key.
 */
export const liveKey = (itemId: number, purpose: string, about: string, to: string) => `live:${itemId}:${purpose}:${about}:${to}`;

/** The line at the top of a 催办 by hand. */
export const urgeNote = (note: string | null | undefined) => (note?.trim() ? `⏰ 催办：${note.trim()}` : '⏰ 督查室催办：请抓紧办理并及时报送进展');

/** A live key's parts after the purpose: `liveKey`'s `about` split at ':', then the receiver (read from the front). */
const about = (row: OutboxRow): string[] => (row.dedupeKey ?? '').split(':').slice(3);

/** What ends a review: a sign-off, a return, or the item withdrawn or merged. */
const DECISIONS = ['approve', 'return', 'cancel', 'merge'];

/** Redraws a reminder from the description the sweep stored with it (the outbox's `render` option). */
export type ChaseRedraw = (description: unknown, row: OutboxRow) => string | { skip: string };

export interface LiveCardOptions {
  /** Without it, reminder cards stay as they were sent. */
  redrawChase?: ChaseRedraw;
}

/** What changed: the item as it is now, the moment, and a line for the top of the slips (e.g. '✅ 张三已认领'). */
export interface LiveChange {
  item: Item;
  now: Date;
  note?: string;
}

/** Headlines of the supervisors' notices, by kind (the purpose is `notice:<kind>`), and their colour. */
export const NOTICE_HEADLINES: Record<string, { text: string; tone: 'green' | 'blue' | 'red' }> = {
  submit_completion: { text: '📤 办结申请待审核', tone: 'blue' },
  approve_extension: { text: '✅ 延期申请已同意', tone: 'green' },
  reject_extension: { text: '❌ 延期申请未获同意', tone: 'red' },
  closed: { text: '✅ 已销号', tone: 'green' },
};

/**
 * Plans the updates of every live card about `change.item`, inside the caller's transaction (so they are written
 * with the change, or not at all). Returns how many patches were planned.
 */
export function refreshLiveCards(tx: Tx, change: LiveChange, calendar: WorkCalendar, opts: LiveCardOptions = {}): number {
  const { item, now } = change;
  const rows = liveMessages(tx, item.id, now, opts);
  if (rows.length === 0) return 0;
  const draw = copyDrawer(tx, change, calendar, opts);
  let planned = 0;
  for (const row of rows) {
    const content = draw(row);
    if (content === null) continue;
    if (planPatch(tx, row, content, item.id, now)) planned++;
  }
  return planned;
}

/** The item's live messages: sent privately as cards, with a message id, less than LIVE_CARD_WINDOW_MS ago. */
function liveMessages(tx: Tx, itemId: number, now: Date, opts: LiveCardOptions): OutboxRow[] {
  const cutoff = new Date(now.getTime() - LIVE_CARD_WINDOW_MS).toISOString();
  const sentPrivately = and(
    eq(outbox.op, 'send'),
    eq(outbox.msgType, 'interactive'),
    isNotNull(outbox.messageId),
    gte(outbox.sentAt, cutoff),
    inArray(outbox.receiveIdType, ['open_id', 'email']),
    eq(outbox.itemId, itemId),
  );
  // `+status` keeps SQLite on the dedupe_key range rather than on any index of status.
  const keyed = tx
    .select()
    .from(outbox)
    .where(and(gt(outbox.dedupeKey, `live:${itemId}:`), lt(outbox.dedupeKey, `live:${itemId};`), sql`+${outbox.status} = 'sent'`, sentPrivately))
    .all();
  if (!opts.redrawChase) return keyed.sort((a, b) => a.id - b.id);
  // Reminders: the sweep records each with its message in `chases` (a day's grace: a reminder may go out after
  // the moment it was recorded, in the morning after quiet hours). Batched cards (many items, no item id) are left.
  const ids = tx
    .selectDistinct({ id: chases.outboxId })
    .from(chases)
    .where(and(eq(chases.itemId, itemId), isNotNull(chases.outboxId), gte(chases.at, new Date(now.getTime() - LIVE_CARD_WINDOW_MS - DAY_MS).toISOString())))
    .all()
    .map((r) => r.id!);
  const reminders: OutboxRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    reminders.push(
      ...tx
        .select()
        .from(outbox)
        .where(and(inArray(outbox.id, ids.slice(i, i + 500)), sql`${outbox.status} = 'sent'`, like(outbox.purpose, 'chase:%'), isNotNull(outbox.render), sentPrivately))
        .all(),
    );
  }
  return [...keyed, ...reminders].sort((a, b) => a.id - b.id);
}

/**
 * Plans one patch unless the message shows (or is about to show) the same card already. A pending patch of the
 * same message that no worker has taken yet is replaced by this one.
 */
function planPatch(tx: Tx, row: OutboxRow, content: string, itemId: number, now: Date): boolean {
  const messageId = row.messageId!;
  // What the message shows: its latest update that went out (a sent patch carries the message id too), or the
  // card it was sent with ('' for a card drawn when sent: unknown).
  const shown = tx.select({ id: outbox.id, content: outbox.content }).from(outbox).where(eq(outbox.messageId, messageId)).orderBy(desc(outbox.id)).get();
  const pending = tx
    .select({ id: outbox.id, content: outbox.content, leaseUntil: outbox.leaseUntil })
    .from(outbox)
    // 'pending' written into the SQL, not bound: status is in the condition of the outbox's partial indexes, and a
    // bound value compared with such a column makes SQLite prepare the statement again at every run.
    .where(and(sql`${outbox.status} = 'pending'`, eq(outbox.op, 'patch'), eq(outbox.targetMessageId, messageId)))
    .orderBy(outbox.id)
    .all();
  // One being sent now will be what the message shows.
  const inFlight = pending.filter((p) => p.leaseUntil !== null).at(-1);
  const current = inFlight && (!shown || inFlight.id > shown.id) ? inFlight.content : (shown?.content ?? '');
  const waiting = pending.filter((p) => p.leaseUntil === null).map((p) => p.id);
  if (waiting.length) {
    tx.update(outbox)
      .set({ status: 'skipped', lastError: 'superseded by a newer update of the same card' })
      .where(and(inArray(outbox.id, waiting), sql`${outbox.status} = 'pending'`, isNull(outbox.leaseUntil)))
      .run();
  }
  if (current === content) return false;
  enqueue(tx, { to: { op: 'patch', targetMessageId: messageId, inGroup: false }, msgType: 'interactive', content, purpose: `refresh:${row.purpose}`, itemId }, now);
  return true;
}

/** Draws each live message's card for the person who holds it; null when it is to be left as it is. */
function copyDrawer(tx: Tx, change: LiveChange, calendar: WorkCalendar, opts: LiveCardOptions) {
  const { item, now, note } = change;
  const c = cardContext(tx, calendar, now);
  const actors = new Map<string, Actor>();
  const actorOf = (id: string) => actors.get(id) ?? (actors.set(id, loadActor(tx, id)), actors.get(id)!);
  let history: ReturnType<typeof listHistory> | null = null;
  const historyOf = () => (history ??= listHistory(tx, item.id));
  let exts: ReturnType<typeof listExtensions> | null = null;
  let subs: CompletionRow[] | null = null;
  const json = (card: Card) => JSON.stringify(card);

  /** Why this person no longer holds the item, for one who may not see it any more. */
  const goneMessage = (who: Actor, purpose: string): string => {
    const mine = unitsOf(who);
    const movedFrom = historyOf().some((h) => {
      const lead = h.action === 'edit' ? (h.changes as { leadUnitId?: unknown }).leadUnitId : undefined;
      return Array.isArray(lead) && mine.includes(String(lead[0]));
    });
    if (movedFrom) return item.confidential ? '↪️ 该事项已转办，贵单位无需再办理' : `↪️ 已转办至${c.unitName(item.leadUnitId)}，贵单位无需再办理`;
    if (mine.length) return '贵单位已不再承办或协办该事项';
    if (purpose.endsWith('_review')) return '该事项已改由其他校领导审批';
    return '您已不再负责该事项';
  };

  const audienceOf = (who: Actor) => {
    const rel = relationsTo(who, item);
    return rel.has('leadUnit') ? 'lead' : rel.has('coopUnit') ? 'coop' : 'other';
  };
  const slipFor = (who: Actor): string => json(slipCard(item, c, audienceOf(who), note));

  /** A 催办 by hand keeps the supervisor's words (from its history row) above the item as it is now. */
  const urgeFor = (row: OutboxRow, who: Actor): string | null => {
    const auditId = Number(about(row)[0]?.replace(/^a/, ''));
    const urged = historyOf().find((r) => r.id === auditId);
    if (!urged) return null;
    return json(slipCard(item, c, audienceOf(who), urgeNote(urged.note)));
  };

  const extensionCopy = (row: OutboxRow, who: Actor): string | null => {
    exts ??= listExtensions(tx, item.id);
    // The request the card asked about, named by its key.
    const ext = exts.find((x) => x.id === Number(about(row)[0]));
    if (!ext) return null;
    const open = ext.status === 'pending' && item.pendingExtension?.id === ext.id && item.state === 'in_progress';
    if (open && item.leaderId === who.id) return json(extensionReviewCard(item, ext, c));
    const by = ext.decidedBy ? `（${c.personName(ext.decidedBy)}）` : '';
    const why = ext.note ? `：${ext.note}` : '';
    const decided =
      ext.status === 'approved'
        ? `已同意延期至 ${formatDate(ext.proposedDeadline)}${by}`
        : ext.status === 'rejected'
          ? `不同意延期${by}${why}`
          : ext.status === 'withdrawn'
            ? `申请已撤回${why}`
            : `已改由${c.personName(item.leaderId)}审批`;
    return json(extensionReviewCard(item, ext, c, decided));
  };

  /** The submission and the sign-off a completion review card asked for, and where that sign-off began in the history. */
  const reviewAsked = (row: OutboxRow): { sub: CompletionRow; stage: ReviewStage; start: number } | null => {
    subs ??= listCompletions(tx, item.id);
    const h = historyOf();
    const [subId, stage] = about(row) as [string, ReviewStage];
    // The k-th submission is the k-th 办结申请 in the history; the principal's sign-off begins with the leader's
    // approval that followed it.
    const k = subs.findIndex((x) => x.id === Number(subId));
    const submits = h.flatMap((r, i) => (r.action === 'submit_completion' ? [i] : []));
    if (k < 0 || submits.length !== subs.length || (stage !== 'leader' && stage !== 'principal')) return null;
    let start = submits[k]!;
    if (stage === 'principal') {
      const next = h.findIndex((r, i) => i > start && DECISIONS.includes(r.action));
      if (next < 0 || h[next]!.action !== 'approve' || h[next]!.toState !== 'under_review') return null;
      start = next;
    }
    return { sub: subs[k]!, stage, start };
  };

  const completionCopy = (row: OutboxRow, who: Actor): string | null => {
    const asked = reviewAsked(row);
    if (!asked) return null;
    const { sub, stage, start } = asked;
    const h = historyOf();
    const asItWas: Item = { ...item, reviewStage: stage };
    const decision = h.slice(start + 1).find((r) => DECISIONS.includes(r.action));
    if (!decision) {
      const mayDecide = stage === 'leader' ? item.leaderId === who.id : hasRole(who, 'principal');
      if (item.state === 'under_review' && item.reviewStage === stage && mayDecide) return json(completionReviewCard(item, sub, c, undefined, filesOfItem(tx, item.id, 'evidence')));
      return json(completionReviewCard(asItWas, sub, c, stage === 'leader' ? `已改由${c.personName(item.leaderId)}审核` : '已无需您审核'));
    }
    const by = c.personName(decision.actorId);
    const deadline = (decision.changes as { deadline?: unknown }).deadline;
    const newDeadline = Array.isArray(deadline) && typeof deadline[1] === 'string' ? `；新的完成时限 ${formatDate(deadline[1])}` : '';
    const text =
      decision.action === 'approve'
        ? decision.toState === 'closed'
          ? `已销号（${by}）`
          : `已审核同意，待主要领导销号（${by}）`
        : decision.action === 'return'
          ? `已退回（${by}）${decision.note ? `：${decision.note}` : ''}${newDeadline}`
          : decision.action === 'cancel'
            ? '该事项已撤销'
            : '该事项已合并';
    return json(completionReviewCard(asItWas, sub, c, text));
  };

  const chaseCopy = (row: OutboxRow, who: Actor): string | null => {
    if (!opts.redrawChase || !row.render) return null;
    let drawn: string | { skip: string };
    try {
      drawn = opts.redrawChase(JSON.parse(row.render), row);
    } catch {
      return null; // a reminder that cannot be drawn again keeps what it shows
    }
    if (typeof drawn === 'string') return drawn;
    // No longer applies (claimed, submitted, closed, paused): the item as it is, without the reminder's buttons.
    return json(receiptCard(item, c, canView(who, item) ? '此提醒已不再适用' : goneMessage(who, row.purpose), 'blue'));
  };

  return (row: OutboxRow): string | null => {
    const personId = row.receiveIdType === 'email' ? `email:${row.receiveId}` : row.receiveId!;
    const who = actorOf(personId);
    if (!canView(who, item)) return json(movedCard(item, c, goneMessage(who, row.purpose)));
    if (row.purpose === 'slip') return slipFor(who);
    if (row.purpose === 'urge') return urgeFor(row, who);
    if (row.purpose === 'extension_review') return extensionCopy(row, who);
    if (row.purpose === 'completion_review') return completionCopy(row, who);
    if (row.purpose.startsWith('notice:')) {
      const h = NOTICE_HEADLINES[row.purpose.slice('notice:'.length)];
      return h ? json(receiptCard(item, c, h.text, h.tone)) : null;
    }
    if (row.purpose.startsWith('chase:')) return chaseCopy(row, who);
    return null;
  };
}
