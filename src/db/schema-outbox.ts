/** The tables of what the bot sends and when: the outbox, the chase ladder's record of who was told what, job locks. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { items } from './schema-items';

/**
 * Every message the bot means to send, written before it is sent (in the transaction of the change that caused
 * it). A worker sends due rows with their `uuid`, so a retry after a crash or an outage cannot send twice.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * Feishu's idempotency key for this send: fixed at insert, reused by every retry. Random, so unique without an
     * index (an index on random keys was the costliest part of writing a day's reminders).
     */
    uuid: text('uuid').notNull(),
    /** Makes a planned message unique (a digest or summary is planned once however often its job runs). */
    dedupeKey: text('dedupe_key'),
    /** send | reply | patch */
    op: text('op').notNull(),
    receiveIdType: text('receive_id_type'),
    receiveId: text('receive_id'),
    /** The message replied to (reply) or updated (patch). */
    targetMessageId: text('target_message_id'),
    msgType: text('msg_type').notNull(),
    content: text('content').notNull(),
    /**
     * Set instead of `content` for cards drawn when sent (the scheduler's reminders): what to draw, as JSON. The
     * row is still the record of the message; the card shows the item as it is when it goes out.
     */
    render: text('render'),
    itemId: integer('item_id').references(() => items.id),
    /** What the message is for: slip, review, receipt, reminder, digest, alert, … */
    purpose: text('purpose').notNull(),
    /** pending | sent | failed (parked after its last try) | skipped (no longer applied when its turn came) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** A worker holds a row until then; another worker leaves it alone. */
    leaseUntil: text('lease_until'),
    /**
     * Which worker holds the lease: `pid:instance`. A row leased by a process that is gone (killed, crashed) is taken
     * back at once instead of waiting for the lease to run out (messenger/outbox.ts).
     */
    leaseOwner: text('lease_owner'),
    /**
     * Who can read the message: 'group' (a group chat: a chat_id, or a reply into a group) or 'private'. Group rows
     * are checked for confidential items before they are written (messenger/disclosure-guard.ts).
     */
    audience: text('audience'),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [
    // The worker's claim walks the pending rows in id order and stops once it has a batch: the index holds what it
    // filters on, so rows it passes over (not due yet, leased) are never read, and a sent row leaves the index.
    // (An index on (status, next_attempt_at) made every claim read and sort all pending rows: 41 ms at 1,000, 178 ms
    // at 30,000, the event loop waiting; scripts/bench-claim.ts.)
    index('outbox_pending')
      .on(t.id, t.nextAttemptAt, t.leaseUntil, t.receiveId, t.targetMessageId)
      .where(sql`${t.status} = 'pending'`),
    // The rows that hold their receiver's queue (waiting for a retry, or leased): few, whatever the queue's length.
    index('outbox_held')
      .on(t.id)
      .where(sql`${t.status} = 'pending' AND (${t.attempts} > 0 OR ${t.leaseUntil} IS NOT NULL)`),
    // Most rows have no dedupe key, and none has a message id until it is sent: indexing only the rows that do
    // keeps a day's reminders (tens of thousands of inserts) from writing two index entries each for nothing.
    uniqueIndex('outbox_dedupe').on(t.dedupeKey).where(sql`${t.dedupeKey} IS NOT NULL`),
    index('outbox_message').on(t.messageId).where(sql`${t.messageId} IS NOT NULL`),
  ],
);

/**
 * 催办 records: every step of the chase ladder and every manual chase, one row per recipient. The unique key makes
 * a step happen once however many sweeps (or processes) compute it.
 */
export const chases = sqliteTable(
  'chases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    /** unclaimed | due_soon | due_today | overdue | warning | interview_proposal | progress_request | progress_missed | manual */
    kind: text('kind').notNull(),
    stepKey: text('step_key').notNull(),
    /** An open_id, or 'supervisors' for a step that is only recorded for the daily summary. */
    recipient: text('recipient').notNull(),
    automatic: integer('automatic', { mode: 'boolean' }).notNull(),
    actorId: text('actor_id'),
    at: text('at').notNull(),
    outboxId: integer('outbox_id').references(() => outbox.id),
    /** Set when the unit answers (progress, claim, extension request, completion) after this chase. */
    answeredAt: text('answered_at'),
  },
  (t) => [
    uniqueIndex('chases_step_recipient').on(t.stepKey, t.recipient),
    index('chases_item').on(t.itemId, t.answeredAt),
    // Only the supervisors' lines are looked up by kind and day (the daily summary); indexing just those keeps a
    // day's sweep from writing an index entry per reminder.
    index('chases_summary').on(t.kind, t.at).where(sql`${t.recipient} = 'supervisors'`),
  ],
);

/** Keeps one run of a job at a time across processes (the server and a `tick`). */
export const jobLocks = sqliteTable('job_locks', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: text('until').notNull(),
});
