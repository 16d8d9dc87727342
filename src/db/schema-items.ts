/** The tables of the organisation, the items and their history (extensions, progress, completions, the audit log). */
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
    /**
     * When the latest progress report was made (its created_at), or null: the daily sweep's 进展未报送 check reads
     * it for every item on a report cycle. Kept by triggers on progress_reports (migration 0018) in the statement
     * that writes the report, whoever writes it; the services never set it.
     */
    lastProgressAt: text('last_progress_at'),
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
