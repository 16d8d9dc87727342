/**
 * What to send, recorded in the caller's transaction: addresses, the group-chat disclosure guard, enqueue (one
 * message) and bulkEnqueuer (the sweep's many). The worker that sends them is ./outbox.ts.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { DisclosureRefused, namesConfidential } from '../domain/disclosure';
import { fileById } from '../db/file-repository';
import { confidentialMarks } from '../db/item-repository';
import { outbox } from '../db/schema';
import { clientOf, prepared, statement } from '../db/prepared';
import type { MsgType, ReceiveIdType } from './messenger';

export type OutboxRow = typeof outbox.$inferSelect;

/** Where a message goes. A reply or an update lands in the chat of its target: the caller says whether that is a group. */
export type Envelope =
  | { op: 'send'; receiveIdType: ReceiveIdType; receiveId: string }
  | { op: 'reply'; targetMessageId: string; inGroup: boolean }
  | { op: 'patch'; targetMessageId: string; inGroup: boolean };

/** Who can read a message sent to this address. */
export function audienceOf(to: Envelope): 'group' | 'private' {
  if (to.op === 'send') return to.receiveIdType === 'chat_id' ? 'group' : 'private';
  return to.inGroup ? 'group' : 'private';
}

/**
 * The last line of the confidentiality rule (domain/disclosure.ts): a message for a group chat that names a
 * confidential item is refused, never written. Callers filter or redirect before they get here; this catches a
 * path that forgot.
 */
function guardGroupMessage(tx: DbOrTx, m: PlannedMessage, content: string) {
  if (audienceOf(m.to) !== 'group') return;
  const marks = confidentialMarks(tx);
  if (namesConfidential(content + (m.render ? JSON.stringify(m.render) : ''), marks, m.itemId)) {
    throw new DisclosureRefused(m.purpose);
  }
  // A file is about its item and named by its name; a file about many items (a ledger) is the maker's to filter.
  if (m.msgType === 'file') {
    const file = fileById(tx, (JSON.parse(content) as { fileId: number }).fileId);
    if (file && namesConfidential(file.name, marks, file.itemId)) throw new DisclosureRefused(m.purpose);
  }
}

export interface PlannedMessage {
  to: Envelope;
  msgType: MsgType;
  /** A card object, or {text}; or the same already serialised (one card rendered once for many people). */
  content: object | string;
  purpose: string;
  itemId?: number | null;
  /** When set, the same key is never planned twice (scheduler steps, digests). */
  dedupeKey?: string;
  /** Draw the card when it is sent, from this description (see OutboxOptions.render); `content` is then ignored. */
  render?: object;
  /** Not to be sent before this moment (quiet hours: an automatic message waits for the next allowed time). */
  notBefore?: Date;
}

/** How a person id from the org file is addressed. */
export function personAddress(id: string): Envelope {
  if (id.startsWith('email:')) return { op: 'send', receiveIdType: 'email', receiveId: id.slice(6) };
  return { op: 'send', receiveIdType: 'open_id', receiveId: id };
}
export const chatAddress = (chatId: string): Envelope => ({ op: 'send', receiveIdType: 'chat_id', receiveId: chatId });

/**
 * Records a message to send, inside the caller's transaction. Returns its outbox id, or null when its dedupe key
 * was already planned (so a second sweep plans nothing).
 */
export function enqueue(tx: DbOrTx, m: PlannedMessage, now: Date): number | null {
  const r = outboxRow(m, now);
  guardGroupMessage(tx, m, r.content);
  // Written out because the unique index on dedupe_key is partial (schema-outbox.ts): SQLite wants the conflict target to
  // repeat the index's condition, which Drizzle's builder would put after DO NOTHING. Prepared once per connection.
  const row = statement(tx, `INSERT INTO outbox (uuid, dedupe_key, op, receive_id_type, receive_id, target_message_id, audience, msg_type, content,
      render, item_id, purpose, next_attempt_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
    RETURNING id`).get(r.uuid, r.dedupeKey, r.op, r.receiveIdType, r.receiveId, r.targetMessageId, r.audience, r.msgType, r.content, r.render, r.itemId, r.purpose, r.nextAttemptAt, r.createdAt) as
    | { id: number }
    | undefined;
  if (row) noteQueued(tx);
  return row?.id ?? null;
}

/**
 * How many rows this process has queued on a connection: a worker woken after a request looks at it and drains
 * only when it moved (wake()). Rows written by another process, or due later, are found by the worker's poll.
 */
const queuedCount = new WeakMap<object, number>();
const noteQueued = (db: DbOrTx) => {
  const c = clientOf(db);
  queuedCount.set(c, (queuedCount.get(c) ?? 0) + 1);
};
export const queuedOn = (db: DbOrTx): number => queuedCount.get(clientOf(db)) ?? 0;

/** What we know of a message the bot sent, by its Feishu message id: the item it was about and who could read it. */
export function findSentMessage(db: DbOrTx, messageId: string): { itemId: number | null; audience: 'group' | 'private' | null; receiveId: string | null } | null {
  const row = prepared(db, 'outbox.findSentMessage', (d) =>
    d
      .select({ itemId: outbox.itemId, audience: outbox.audience, receiveId: outbox.receiveId })
      .from(outbox)
      .where(eq(outbox.messageId, sql.placeholder('messageId')))
      .prepare(),
  ).get({ messageId });
  return row ? { ...row, audience: row.audience as 'group' | 'private' | null } : null;
}

/** The outbox columns that say where a message goes. */
function addressColumns(to: Envelope) {
  const audience = audienceOf(to);
  return to.op === 'send'
    ? { op: to.op, receiveIdType: to.receiveIdType, receiveId: to.receiveId, targetMessageId: null, audience }
    : { op: to.op, receiveIdType: null, receiveId: null, targetMessageId: to.targetMessageId, audience };
}

/** `content` as stored: empty for a card drawn when sent, else the JSON (passed through when already serialised). */
const contentColumn = (content: object | string, drawnWhenSent: boolean) =>
  drawnWhenSent ? '' : typeof content === 'string' ? content : JSON.stringify(content);

function outboxRow(m: PlannedMessage, now: Date) {
  const at = now.toISOString();
  return {
    uuid: randomUUID(),
    dedupeKey: m.dedupeKey ?? null,
    ...addressColumns(m.to),
    msgType: m.msgType,
    content: contentColumn(m.content, !!m.render),
    render: m.render ? JSON.stringify(m.render) : null,
    itemId: m.itemId ?? null,
    purpose: m.purpose,
    nextAttemptAt: m.notBefore && m.notBefore > now ? m.notBefore.toISOString() : at,
    createdAt: at,
  };
}

/**
 * `enqueue` for bulk writers (the sweep): one prepared statement reused for every row, the same rows. No dedupe
 * key: a bulk writer keeps its own record of what it planned (the sweep's chases). `content` may be passed
 * already serialised so one card can go to many people. Parameters are bound by position and the id read from
 * `lastInsertRowid`: named binding and RETURNING doubled the cost of writing a day's reminders.
 */
export function bulkEnqueuer(db: Db): (m: Omit<PlannedMessage, 'dedupeKey' | 'content'> & { content: object | string }, now: Date) => number {
  const stmt = db.$client.prepare(`INSERT INTO outbox (uuid, op, receive_id_type, receive_id, target_message_id, audience,
      msg_type, content, render, item_id, purpose, status, attempts, next_attempt_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`);
  // A sweep passes one `now` and, for the people of one unit, one card description: serialise each once.
  let lastNow: Date | null = null;
  let at = '';
  let lastRender: object | undefined;
  let renderJson: string | null = null;
  return (m, now) => {
    if (now !== lastNow) [lastNow, at] = [now, now.toISOString()];
    if (m.render !== lastRender) [lastRender, renderJson] = [m.render, m.render ? JSON.stringify(m.render) : null];
    const a = addressColumns(m.to);
    const content = contentColumn(m.content, renderJson !== null);
    if (a.audience === 'group') guardGroupMessage(db, { ...m, content }, content);
    const res = stmt.run(randomUUID(), a.op, a.receiveIdType, a.receiveId, a.targetMessageId, a.audience, m.msgType,
      content, renderJson, m.itemId ?? null, m.purpose, m.notBefore && m.notBefore > now ? m.notBefore.toISOString() : at, at);
    noteQueued(db);
    return Number(res.lastInsertRowid);
  };
}
