/** The tables of the files the server keeps and the documents it makes from them (约谈通知单, 问责, 通报, statistics). */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { items } from './schema-items';

/**
 * Every file the server keeps: evidence a unit sent, and documents it made (约谈通知单, ledgers, reports, 通报).
 * The bytes live under the data directory, named by their SHA-256 (files/file-store.ts); this row says what they are.
 */
export const files = sqliteTable(
  'files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** Detected from the content, never taken from the name. */
    mime: text('mime').notNull(),
    /** The name shown and used when the file is sent. */
    name: text('name').notNull(),
    /** evidence | notice | referral | ledger | import_report | template | stats | bulletin | archive */
    kind: text('kind').notNull(),
    itemId: integer('item_id').references(() => items.id),
    /** Who sent it (an open_id), or 'system' for a document the server made. */
    createdBy: text('created_by').notNull(),
    /** The Feishu message it came in (evidence), to ignore a second delivery of the same message. */
    sourceMessageId: text('source_message_id'),
    /** Feishu's key for the uploaded copy, kept so a retry or a second send does not upload again. */
    feishuFileKey: text('feishu_file_key'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('files_item').on(t.itemId, t.kind),
    // The same evidence sent twice for one item is recorded once.
    uniqueIndex('files_item_evidence').on(t.itemId, t.sha256).where(sql`${t.kind} = 'evidence'`),
  ],
);

/** Numbers of documents other than items, per kind and year, never reused: 约谈通知单 督字 (N) 号, 督查通报 第N期. */
export const docSequences = sqliteTable(
  'doc_sequences',
  {
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('doc_sequences_kind_year').on(t.kind, t.year)],
);

/**
 * The escalation ladder's issued steps (NWU art. 7, LZU art. 7(四)): 约谈通知单 level 1 and 2, and the 问责 referral.
 * The proposal cards and reminders are chases; this is what was actually issued.
 */
export const escalations = sqliteTable(
  'escalations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    /** interview1 | interview2 | referral */
    step: text('step').notNull(),
    /** (2026) 督字 (N) 号 for a notice; null for a referral. */
    year: integer('year'),
    seq: integer('seq'),
    number: text('number'),
    /** The interview's time as the issuer wrote it, and as an ISO moment when it could be read (for the calendar). */
    timeText: text('time_text'),
    startsAt: text('starts_at'),
    place: text('place'),
    /** 约谈人: names as written; ids where they are people of the organisation. */
    interviewer: text('interviewer'),
    interviewerIds: text('interviewer_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    reason: text('reason').notNull().default(''),
    /** Who the notice is addressed to (the unit head, or the unit's principal person in charge at level 2). */
    addresseeId: text('addressee_id'),
    issuedBy: text('issued_by').notNull(),
    issuedAt: text('issued_at').notNull(),
    fileId: integer('file_id').references(() => files.id),
    /** Feishu calendar event ids, when the calendar is configured. */
    calendarEventIds: text('calendar_event_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [
    index('escalations_item').on(t.itemId, t.step),
    uniqueIndex('escalations_number').on(t.year, t.seq).where(sql`${t.seq} IS NOT NULL`),
  ],
);

/** 督查通报 (LZU art. 7(二)): drafted, then published or voided. */
export const bulletins = sqliteTable(
  'bulletins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** 督查通报〔2026〕第N期 */
    number: text('number').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    /** draft | published | void */
    state: text('state').notNull(),
    draftedBy: text('drafted_by').notNull(),
    draftedAt: text('drafted_at').notNull(),
    /** The current text: the draft, or the corrected file a supervisor uploaded. */
    fileId: integer('file_id').references(() => files.id),
    publishedBy: text('published_by'),
    publishedAt: text('published_at'),
    voidedBy: text('voided_by'),
    voidedAt: text('voided_at'),
  },
  (t) => [uniqueIndex('bulletins_year_seq').on(t.year, t.seq)],
);

/** The automatic statistics reports sent: one row per period, so a report goes once however often the job runs. */
export const statsReports = sqliteTable('stats_reports', {
  /** e.g. 2026-09..2026-10, or 2026 for the year */
  periodKey: text('period_key').primaryKey(),
  periodFrom: text('period_from').notNull(),
  periodTo: text('period_to').notNull(),
  sentAt: text('sent_at').notNull(),
});

/**
 * Files people sent that the bot still has to fetch (bot/handle-file-message.ts). An event is handled in one
 * synchronous transaction, a download is not: the event writes this row, and the downloader (files/
 * inbound-downloader.ts) fetches, checks and stores the file after the commit, in its own transaction with the
 * evidence record, its audit row and the answer. One row per (message, key): a second delivery of the same
 * message plans nothing, a crash before the download leaves the row pending for the next start.
 */
export const inboundFiles = sqliteTable(
  'inbound_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull(),
    fileKey: text('file_key').notNull(),
    /** file | image (Feishu's resource type) */
    resourceType: text('resource_type').notNull(),
    /** As the sender's client named it (images have none: a name is made up). */
    fileName: text('file_name').notNull(),
    /** evidence (the only use so far; the import and the 通报 replacement could queue here too) */
    purpose: text('purpose').notNull(),
    itemId: integer('item_id').references(() => items.id),
    senderId: text('sender_id').notNull(),
    /** Whether the message came in a group chat (the answer is a reply to it, and must say nothing confidential). */
    inGroup: integer('in_group', { mode: 'boolean' }).notNull().default(false),
    /** pending | stored | refused (type, size, permission when fetched) | failed (gave up after retries) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    leaseUntil: text('lease_until'),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    fileId: integer('file_id').references(() => files.id),
    createdAt: text('created_at').notNull(),
    doneAt: text('done_at'),
  },
  (t) => [uniqueIndex('inbound_files_message_key').on(t.messageId, t.fileKey), index('inbound_files_due').on(t.status, t.nextAttemptAt)],
);

/**
 * A completion form the person has open (办结申请): files they send the bot privately in the next minutes, not as
 * a reply to a card, are evidence for that item. One row per person, replaced when they open another form.
 */
export const attachWindows = sqliteTable('attach_windows', {
  personId: text('person_id').primaryKey(),
  itemId: integer('item_id')
    .notNull()
    .references(() => items.id),
  openedAt: text('opened_at').notNull(),
});
