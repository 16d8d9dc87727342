import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ItemSource, Stage } from '../domain/item';
import { statsHistoryCondition } from './stats-actions';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const units = sqliteTable(
  'units',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull().unique(),
    headId: text('head_id'),
    liaisonIds: text('liaison_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** The unit's group chat (`oc_…`): set by the org file's `chat:` or by `/督办 绑定` in the chat. */
    chatId: text('chat_id'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  // One chat belongs to at most one unit (SQLite lets any number of units have none).
  (t) => [uniqueIndex('units_chat').on(t.chatId)],
);

/**
 * Everyone the bot names: people with roles (the org file's `people`), unit heads and liaisons named under `units`,
 * and those whose names were filled from Feishu's contact directory (services/fill-names.ts). A row is never deleted.
 */
export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  /** '' while the name is not known (a failed contact lookup is recorded on such a row). */
  name: text('name').notNull(),
  roles: text('roles', { mode: 'json' }).$type<string[]>().notNull().default([]),
  leads: text('leads', { mode: 'json' }).$type<string[]>().notNull().default([]),
  updatedAt: text('updated_at').notNull().default(now),
  /** When the contact directory was last asked for this person's name (set on success and on failure). */
  nameCheckedAt: text('name_checked_at'),
  /** Why the last lookup failed; null after a success or when never asked. */
  nameError: text('name_error'),
});

/**
 * One row: a token that changes whenever units or people change (triggers in migration 0013 set it to a new
 * random value in the same transaction as the change, whoever writes: the server, a `tick` or `org import` run).
 * The organisation is held in memory (db/org-cache.ts) and read again only when the token differs. Random, not a
 * counter: a rolled-back change must not leave behind a number the next change would reuse.
 */
export const orgVersion = sqliteTable('org_version', {
  id: integer('id').primaryKey(),
  token: integer('token').notNull(),
});

/**
 * One row, the same kind of token for the confidential (涉密) items: triggers in migration 0015 change it whenever a
 * confidential item is added, removed, made (not) confidential, or changes what names it or decides who may see it
 * (number, title, leader, lead and cooperating units). Every answer is checked against these items
 * (db/confidential-cache.ts holds them in memory and reads them again only when the token differs).
 */
export const confidentialVersion = sqliteTable('confidential_version', {
  id: integer('id').primaryKey(),
  token: integer('token').notNull(),
});

/** One row per year: the last number handed out. Numbers are never reused, so this only grows. */
export const numberSequences = sqliteTable('number_sequences', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull().unique(),
    title: text('title').notNull(),
    requirements: text('requirements').notNull().default(''),
    measures: text('measures').notNull().default(''),
    kind: text('kind').notNull(),
    mode: text('mode').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    important: integer('important', { mode: 'boolean' }).notNull().default(false),
    confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
    sources: text('sources', { mode: 'json' }).$type<ItemSource[]>().notNull(),
    leadUnitId: text('lead_unit_id')
      .notNull()
      .references(() => units.id),
    coopUnitIds: text('coop_unit_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    leaderId: text('leader_id').notNull(),
    responsiblePerson: text('responsible_person').notNull().default(''),
    deadline: text('deadline').notNull(),
    originalDeadline: text('original_deadline').notNull(),
    stages: text('stages', { mode: 'json' }).$type<Stage[]>().notNull().default([]),
    progressCycle: text('progress_cycle').notNull().default('none'),
    state: text('state').notNull(),
    reviewStage: text('review_stage'),
    mergedIntoId: integer('merged_into_id'),
    /** When the 督办单 was sent; the unclaimed reminder counts working days from here. */
    assignedAt: text('assigned_at'),
    claimedBy: text('claimed_by'),
    claimedAt: text('claimed_at'),
    submittedAt: text('submitted_at'),
    closedAt: text('closed_at'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
    /** 归档 (NWU art. 6(四)): when a closed item was filed; an archived item is read-only. */
    archivedAt: text('archived_at'),
    /** The archive it is filed under: the year it was closed and its source category (来源类别). */
    archiveYear: integer('archive_year'),
    archiveCategory: text('archive_category'),
  },
  (t) => [
    uniqueIndex('items_year_seq').on(t.year, t.seq),
    index('items_archive').on(t.archiveYear, t.archiveCategory).where(sql`${t.archiveYear} IS NOT NULL`),
    index('items_state_deadline').on(t.state, t.deadline),
    index('items_lead_unit').on(t.leadUnitId),
    // 我的 and every person's visibility are ORs of these and of item_units: with an index behind each term SQLite
    // reads the matching rows of each (MULTI-INDEX OR) instead of every row.
    index('items_leader').on(t.leaderId),
    index('items_created_by').on(t.createdBy),
    // Every answer is checked against the confidential items (disclosure.ts): few rows, read on every request, so
    // they are found through this small index instead of a scan of the whole table.
    index('items_confidential').on(t.id).where(sql`${t.confidential} = 1`),
  ],
);

/**
 * Which units an item involves (its lead unit and its cooperating units), one row each, so a unit's items are found
 * through an index: lists and visibility filtered by unit read them rather than scanning every item and its
 * coop_unit_ids JSON (76–94 ms a list page for a unit head at 20,000 items: scripts/bench-lists.ts). Derived data,
 * kept by triggers in migration 0017 in the same statement as any write to items (insert, a change of either
 * column, delete), whoever writes it; never written by the application.
 */
export const itemUnits = sqliteTable(
  'item_units',
  {
    unitId: text('unit_id').notNull(),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.itemId] }), index('item_units_item').on(t.itemId)],
);

export const extensions = sqliteTable(
  'extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    requestedBy: text('requested_by').notNull(),
    reason: text('reason').notNull(),
    previousDeadline: text('previous_deadline').notNull(),
    proposedDeadline: text('proposed_deadline').notNull(),
    /** pending | approved | rejected | withdrawn */
    status: text('status').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    note: text('note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('extensions_item').on(t.itemId, t.status)],
);

export const progressReports = sqliteTable(
  'progress_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    unitId: text('unit_id'),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    channel: text('channel').notNull(),
    createdAt: text('created_at').notNull(),
    /** A supervisor marked this report 典型经验 (good practice for the 督查通报): who and when. */
    typicalBy: text('typical_by'),
    typicalAt: text('typical_at'),
  },
  (t) => [index('progress_item').on(t.itemId, t.createdAt)],
);

export const completions = sqliteTable(
  'completions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    submittedBy: text('submitted_by').notNull(),
    selfAssessment: text('self_assessment').notNull(),
    materials: text('materials', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('completions_item').on(t.itemId)],
);

/** The history: one row per transition, written in the same transaction as the change. Never updated or deleted. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id').references(() => items.id),
    actorId: text('actor_id').notNull(),
    /** command | card | chat | scheduler | cli | api */
    channel: text('channel').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    changes: text('changes', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    note: text('note'),
    at: text('at').notNull(),
  },
  (t) => [
    index('audit_item').on(t.itemId, t.id),
    // The rows the statistics read (db/stats-actions.ts), with every column they read: a year's figures scan this
    // instead of the whole log, where progress reports and reminders far outnumber the changes that count.
    index('audit_stats').on(t.itemId, t.id, t.action, t.at, t.changes).where(sql.raw(statsHistoryCondition(''))),
  ],
);

export const processedEvents = sqliteTable('processed_events', {
  eventId: text('event_id').primaryKey(),
  eventType: text('event_type').notNull(),
  receivedAt: text('received_at').notNull(),
});


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
