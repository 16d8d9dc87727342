import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { DisclosureRefused, namesConfidential } from '../domain/disclosure';
import { confidentialMarks } from '../db/item-repository';
import { peopleWithRole } from '../db/org-repository';
import { outbox } from '../db/schema';
import type { Logger } from '../logger';
import { type Messenger, type MsgType, type ReceiveIdType, SendError } from './messenger';
import { RateLimiter } from './rate-limiter';

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
  if (namesConfidential(content + (m.render ? JSON.stringify(m.render) : ''), confidentialMarks(tx), m.itemId)) {
    throw new DisclosureRefused(m.purpose);
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
  // Written out because the unique index on dedupe_key is partial (schema.ts): SQLite wants the conflict target to
  // repeat the index's condition, which Drizzle's builder would put after DO NOTHING.
  const row = tx.get<{ id: number } | undefined>(sql`
    INSERT INTO outbox (uuid, dedupe_key, op, receive_id_type, receive_id, target_message_id, audience, msg_type, content,
      render, item_id, purpose, next_attempt_at, created_at)
    VALUES (${r.uuid}, ${r.dedupeKey}, ${r.op}, ${r.receiveIdType}, ${r.receiveId}, ${r.targetMessageId}, ${r.audience},
      ${r.msgType}, ${r.content}, ${r.render}, ${r.itemId}, ${r.purpose}, ${r.nextAttemptAt}, ${r.createdAt})
    ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
    RETURNING id`);
  return row?.id ?? null;
}

/** What we know of a message the bot sent, by its Feishu message id: the item it was about and who could read it. */
export function findSentMessage(db: DbOrTx, messageId: string): { itemId: number | null; audience: 'group' | 'private' | null; receiveId: string | null } | null {
  const row = db
    .select({ itemId: outbox.itemId, audience: outbox.audience, receiveId: outbox.receiveId })
    .from(outbox)
    .where(eq(outbox.messageId, messageId))
    .get();
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
    nextAttemptAt: at,
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
      content, renderJson, m.itemId ?? null, m.purpose, at, at);
    return Number(res.lastInsertRowid);
  };
}

export interface OutboxOptions {
  maxAttempts?: number;
  /** Sends in flight at once; rows to the same receiver still go one after another, in order. */
  concurrency?: number;
  batchSize?: number;
  leaseMs?: number;
  limiter?: RateLimiter;
  /** The moment used to decide what is due (the scheduler's clock, so time can be driven in tests and `tick`). */
  clock?: () => Date;
  /**
   * Draws a row's card from its `render` description, just before sending: the content to send, as JSON, or a
   * `{ skip }` reason when the message no longer applies (the item was closed or paused after it was planned).
   */
  render?: (description: unknown, row: OutboxRow) => string | { skip: string };
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  /** Not sent because they no longer applied when their turn came (status 'skipped', the reason in last_error). */
  skipped: number;
}

const noneDrained = (): DrainResult => ({ sent: 0, retried: 0, failed: 0, skipped: 0 });

const backoffMs = (attempt: number) => Math.min(300_000, 1000 * 2 ** (attempt - 1));

/**
 * Sends what the outbox holds. Each row is leased by a conditional update before it is sent, so two workers (the
 * server and a `tick` run) never send the same row at once; the uuid covers the crash between send and mark.
 */
export class OutboxWorker {
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  readonly limiter: RateLimiter;
  private readonly clock: () => Date;
  private readonly render?: OutboxOptions['render'];
  private readonly heldStmt;
  private running: Promise<DrainResult> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly messenger: Messenger,
    private readonly log: Logger,
    opts: OutboxOptions = {},
  ) {
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.concurrency = opts.concurrency ?? 8;
    this.batchSize = opts.batchSize ?? 200;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.limiter = opts.limiter ?? new RateLimiter();
    this.clock = opts.clock ?? (() => new Date());
    this.render = opts.render;
    this.heldStmt = db.$client.prepare(`SELECT coalesce(receive_id, target_message_id) AS k, min(id) AS first FROM outbox
      WHERE status = 'pending' AND (next_attempt_at > ? OR (lease_until IS NOT NULL AND lease_until > ?)) GROUP BY k`);
  }

  /** Sends everything due at `now` (default: the clock), until nothing due is left. */
  async drain(now: () => Date = this.clock): Promise<DrainResult> {
    const total = noneDrained();
    for (;;) {
      const batch = this.claimBatch(now());
      if (batch.length === 0) return total;
      const r = await this.sendBatch(batch, now);
      for (const k of Object.keys(total) as Array<keyof DrainResult>) total[k] += r[k];
    }
  }

  /**
   * Wakes the worker after a commit; a drain already running picks the new rows up on its next round. Called inside
   * a transaction (a service inside the dispatcher's), it waits for the transaction to end: a drain started there
   * would lease, and send, rows that may yet be rolled back.
   */
  kick(): void {
    if (this.db.$client.inTransaction) {
      setImmediate(() => this.kick());
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err) => {
        this.log.error({ err }, 'outbox drain failed');
        return noneDrained();
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Polls for rows whose retry time has come. */
  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }

  /** Resolves once nothing is being sent (for tests and the CLI). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private claimBatch(now: Date): OutboxRow[] {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    return this.db.transaction(
      (tx) => {
        // Messages to one person or chat go in order: none overtakes an earlier one still waiting to retry or held
        // by another worker. Those are few, so they are found in one pass rather than kept in an index.
        const held = new Map<string, number>();
        for (const h of this.heldStmt.all(at, at) as Array<{ k: string; first: number }>) held.set(h.k, h.first);
        const due = tx
          .select()
          .from(outbox)
          .where(
            and(
              eq(outbox.status, 'pending'),
              lte(outbox.nextAttemptAt, at),
              or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, at)),
            ),
          )
          .orderBy(asc(outbox.id))
          .limit(this.batchSize * 4)
          .all()
          .filter((row) => {
            const first = held.get(row.receiveId ?? row.targetMessageId ?? '');
            return first === undefined || first > row.id;
          })
          .slice(0, this.batchSize);
        for (const row of due) tx.update(outbox).set({ leaseUntil }).where(eq(outbox.id, row.id)).run();
        return due;
      },
      { behavior: 'immediate' },
    );
  }

  private async sendBatch(batch: OutboxRow[], now: () => Date): Promise<DrainResult> {
    const r = noneDrained();
    // One queue per receiver keeps each person's messages in order; queues run side by side.
    const queues = new Map<string, OutboxRow[]>();
    for (const row of batch) {
      const key = row.receiveId ?? row.targetMessageId ?? String(row.id);
      queues.set(key, [...(queues.get(key) ?? []), row]);
    }
    const lanes = [...queues.entries()];
    const tried = new Set<number>();
    const worker = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        const [receiver, rows] = lane;
        for (const row of rows) {
          tried.add(row.id);
          const outcome = await this.sendOne(row, receiver, now);
          r[outcome]++;
          if (outcome === 'retried') break; // keep order: the rest of this lane waits for the retry
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, lanes.length) }, worker));
    // Rows left in a lane after a retry were leased but not tried: release them for the next round.
    const untried = batch.filter((b) => !tried.has(b.id)).map((b) => b.id);
    if (untried.length) this.db.update(outbox).set({ leaseUntil: null }).where(inArray(outbox.id, untried)).run();
    return r;
  }

  private async sendOne(row: OutboxRow, receiver: string, now: () => Date): Promise<keyof DrainResult> {
    let content = row.content;
    if (row.render) {
      try {
        if (!this.render) throw new Error('no renderer configured for cards drawn at send time');
        const drawn = this.render(JSON.parse(row.render), row);
        if (typeof drawn !== 'string') {
          this.db.update(outbox).set({ status: 'skipped', leaseUntil: null, lastError: drawn.skip }).where(eq(outbox.id, row.id)).run();
          this.log.info({ outboxId: row.id, purpose: row.purpose, reason: drawn.skip }, 'planned message no longer applies; not sent');
          return 'skipped';
        }
        content = drawn;
      } catch (err) {
        // A card that cannot be drawn will not be drawn by trying again: park it and tell the admins.
        this.park(row, row.attempts + 1, new SendError(`render: ${err instanceof Error ? err.message : String(err)}`, false), now());
        return 'failed';
      }
    }
    const done = await this.limiter.acquire(receiver);
    const message = { msgType: row.msgType as MsgType, content, uuid: row.uuid };
    try {
      let messageId: string | null = row.targetMessageId;
      if (row.op === 'send') {
        messageId = (await this.messenger.send({ receiveIdType: row.receiveIdType as ReceiveIdType, receiveId: row.receiveId! }, message)).messageId;
      } else if (row.op === 'reply') {
        messageId = (await this.messenger.reply(row.targetMessageId!, message)).messageId;
      } else {
        await this.messenger.patch(row.targetMessageId!, content);
      }
      done();
      this.db
        .update(outbox)
        .set({ status: 'sent', messageId, sentAt: now().toISOString(), attempts: row.attempts + 1, leaseUntil: null, lastError: null })
        .where(eq(outbox.id, row.id))
        .run();
      return 'sent';
    } catch (err) {
      done();
      const e = err instanceof SendError ? err : new SendError(String(err), true);
      const attempts = row.attempts + 1;
      if (e.retryAfterMs) this.limiter.pause(e.retryAfterMs);
      if (e.retryable && attempts < this.maxAttempts) {
        const next = new Date(now().getTime() + Math.max(e.retryAfterMs ?? 0, backoffMs(attempts)));
        this.db
          .update(outbox)
          .set({ attempts, nextAttemptAt: next.toISOString(), leaseUntil: null, lastError: e.message })
          .where(eq(outbox.id, row.id))
          .run();
        this.log.warn({ outboxId: row.id, attempts, err: e.message }, 'send failed, will retry');
        return 'retried';
      }
      this.park(row, attempts, e, now());
      return 'failed';
    }
  }

  /** Gives up on a row and tells the admins, so a lost message is a known one. */
  private park(row: OutboxRow, attempts: number, e: SendError, now: Date) {
    this.db.transaction((tx) => {
      tx.update(outbox).set({ status: 'failed', attempts, leaseUntil: null, lastError: e.message }).where(eq(outbox.id, row.id)).run();
      if (row.purpose === 'alert') return; // an alert that cannot be delivered must not breed more alerts
      const text = `【督办助手】消息发送失败（第 ${row.id} 条，${row.purpose}，已尝试 ${attempts} 次）：${e.message}`;
      for (const admin of peopleWithRole(tx, 'admin')) {
        enqueue(tx, { to: personAddress(admin.id), msgType: 'text', content: { text }, purpose: 'alert', dedupeKey: `alert:${row.id}:${admin.id}` }, now);
      }
    });
    this.log.error({ outboxId: row.id, attempts, err: e.message, code: e.code }, 'send failed for good; admins alerted');
  }
}
