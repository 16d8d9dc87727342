/** The worker that sends what ./outbox-queue.ts recorded: leases, order per receiver, rate limits, retries, files. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { fileById, setFeishuFileKey } from '../db/file-repository';
import { feishuFileType, readFileBytes } from '../files/file-store';
import { peopleWithRole } from '../db/org-repository';
import { outbox } from '../db/schema';
import { prepared, statement } from '../db/prepared';
import type { Logger } from '../logger';
import { type Messenger, type MsgType, type ReceiveIdType, SendError } from './messenger';
import { type OutboxRow, enqueue, personAddress, queuedOn } from './outbox-queue';
import { RateLimiter } from './rate-limiter';

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

/** Whether a row's drawn-at-send description asks for 加急 (`"urgent":1`, set by the sweep). */
const isUrgent = (row: OutboxRow) => !!row.render && row.render.includes('"urgent":1');

const noneDrained = (): DrainResult => ({ sent: 0, retried: 0, failed: 0, skipped: 0 });

const backoffMs = (attempt: number) => Math.min(300_000, 1000 * 2 ** (attempt - 1));

/**
 * The workers alive in this process, by instance id. A lease owner with our pid and an instance not listed here
 * was a previous process that had the same pid (a restarted container often gets the pid it had before).
 */
const liveInstances = new Set<string>();

/**
 * Whether the worker that wrote `owner` (`pid:instance`) is certainly gone, so its leases can be taken back now
 * rather than when they run out. Only a sure answer counts: a pid that exists (even another user's: EPERM) may be
 * the owner, and a pid reused by an unrelated process just leaves the lease to expire.
 */
function ownerIsGone(owner: string): boolean {
  const colon = owner.indexOf(':');
  const pid = Number(owner.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !liveInstances.has(owner.slice(colon + 1));
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A send that was not made because the worker is stopping: its row is released, not counted. */
type Outcome = keyof DrainResult | 'untried';

/**
 * Sends what the outbox holds. Each row is leased by a conditional update before it is sent, so two workers (the
 * server and a `tick` run) never send the same row at once; the uuid covers the crash between send and mark.
 * A lease names its worker (`pid:instance`), so the rows of a worker that was killed are taken back at once.
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
  private readonly dueStmt;
  private readonly releaseOwnerStmt;
  private readonly instance = randomUUID().slice(0, 8);
  /** Written into every lease this worker takes. */
  readonly owner = `${process.pid}:${this.instance}`;
  private running: Promise<DrainResult> | null = null;
  /** The count of rows queued in this process (queuedOn) when the worker was last kicked. */
  private seenQueued = -1;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** Every drain in progress (kicked, or called by a test or the CLI), so stop() can wait for all of them. */
  private readonly active = new Set<Promise<DrainResult>>();
  /** Rows whose send has gone out and not come back: their outcome is unknown until it does. */
  private readonly inFlight = new Set<number>();
  /** Set by stop(): take no new row, start no new send. */
  private halting = false;
  /** Sends waiting for a rate-limit slot; stop() tells them to give up. */
  private readonly waiting = new Set<() => void>();
  /** Set when stop() returns: the database is the caller's again (it may close it), so nothing more is written. */
  private released = false;
  private stopped: Promise<void> | null = null;

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
    liveInstances.add(this.instance);
    // One pass finds both the receivers whose queue is held and who holds the live leases (a few owners at most).
    // A row waiting for a retry holds its receiver's queue; one merely waiting for its time (quiet hours: attempts
    // still 0) does not, so an answer to a person is never stuck behind a reminder deferred to the morning.
    // Through the index of such rows (schema-outbox.ts outbox_held): its condition is repeated word for word, so SQLite
    // may use it, and INDEXED BY makes a change that stops it from doing so fail at once rather than scan the queue.
    this.heldStmt = db.$client.prepare(`SELECT coalesce(receive_id, target_message_id) AS k, min(id) AS first,
        group_concat(DISTINCT CASE WHEN lease_until > @at THEN lease_owner END) AS owners
      FROM outbox INDEXED BY outbox_held
      WHERE status = 'pending' AND (attempts > 0 OR lease_until IS NOT NULL)
        AND ((next_attempt_at > @at AND attempts > 0) OR (lease_until IS NOT NULL AND lease_until > @at))
      GROUP BY k`);
    // The first due rows in id order, read from the index alone (schema-outbox.ts outbox_pending), stopping at the limit.
    this.dueStmt = db.$client.prepare(`SELECT id, coalesce(receive_id, target_message_id) AS k
      FROM outbox INDEXED BY outbox_pending
      WHERE status = 'pending' AND next_attempt_at <= @at AND (lease_until IS NULL OR lease_until <= @at)
      ORDER BY id LIMIT @limit`);
    this.releaseOwnerStmt = db.$client.prepare(`UPDATE outbox SET lease_until = NULL, lease_owner = NULL WHERE status = 'pending' AND lease_owner = ?`);
  }

  /** Sends everything due at `now` (default: the clock), until nothing due is left or the worker is stopped. */
  drain(now: () => Date = this.clock): Promise<DrainResult> {
    const run = this.drainRounds(now);
    const forget = () => void this.active.delete(run);
    this.active.add(run);
    run.then(forget, forget);
    return run;
  }

  private async drainRounds(now: () => Date): Promise<DrainResult> {
    const total = noneDrained();
    while (!this.halting) {
      const batch = this.claimBatch(now());
      if (batch.length === 0) break;
      const r = await this.sendBatch(batch, now);
      for (const k of Object.keys(total) as Array<keyof DrainResult>) total[k] += r[k];
    }
    return total;
  }

  /**
   * Wakes the worker after a commit; a drain already running picks the new rows up on its next round. Called inside
   * a transaction (a service inside the dispatcher's), it waits for the transaction to end: a drain started there
   * would lease, and send, rows that may yet be rolled back. A stopped worker ignores it.
   */
  kick(): void {
    if (this.halting) return;
    this.seenQueued = queuedOn(this.db);
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

  /**
   * kick(), but only if this process queued something on the worker's database since the worker last looked: what
   * a request calls after its commit, so a request that queued nothing costs the sender nothing, and one that woke
   * it twice (its service's afterCommit and the dispatcher) starts one drain. Rows due later, or written by
   * another process, are the poll's (start).
   */
  wake(): void {
    if (this.halting || (queuedOn(this.db)) === this.seenQueued) return;
    this.kick();
  }

  /** Polls for rows whose retry time has come. */
  start(intervalMs = 1000): void {
    if (this.halting) return;
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /**
   * Stops for a shutdown: no new row is taken and no new send starts; the sends already out are waited for (at
   * most `graceMs`: the messenger's own timeout ends them before that), and every row leased but not sent is
   * released, so the next start sends it at once. Not a drain: what is still queued stays queued. Once it has
   * resolved the worker writes nothing more, and the caller may close the database. Calling it again returns the
   * same promise.
   */
  stop(graceMs = 12_000): Promise<void> {
    this.stopped ??= this.shutdown(graceMs);
    return this.stopped;
  }

  private async shutdown(graceMs: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.halting = true;
    for (const giveUp of this.waiting) giveUp();
    this.waiting.clear();
    let timeout: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), graceMs)));
    const finished = await Promise.race([Promise.allSettled([...this.active]).then(() => true), outOfTime]);
    clearTimeout(timeout);
    // A send still out after the grace keeps its lease: its outcome is unknown, and once this process is gone the
    // next worker takes the row back at once and resends it with the same uuid.
    let releasedRows = 0;
    try {
      releasedRows = this.db
        .update(outbox)
        .set({ leaseUntil: null, leaseOwner: null })
        .where(and(sql`${outbox.status} = 'pending'`, eq(outbox.leaseOwner, this.owner), notInArray(outbox.id, [...this.inFlight])))
        .run().changes;
    } catch (err) {
      this.log.error({ err }, 'outbox: could not release leases on stop');
    }
    this.released = true;
    liveInstances.delete(this.instance);
    this.log.info({ releasedRows, stillInFlight: finished ? 0 : this.inFlight.size }, 'outbox stopped');
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
        // by another worker. Those are few, and kept in an index of their own, so this reads only them.
        type Held = { k: string; first: number; owners: string | null };
        let heldRows = this.heldStmt.all({ at }) as Held[];
        // The leases of a worker that is gone are taken back first, so they neither wait to run out nor hold up
        // their receivers' queues.
        if (this.releaseGone(heldRows)) heldRows = this.heldStmt.all({ at }) as Held[];
        const held = new Map<string, number>();
        for (const h of heldRows) held.set(h.k, h.first);
        const ids: number[] = [];
        for (const row of this.dueStmt.all({ at, limit: this.batchSize * 4 }) as Array<{ id: number; k: string | null }>) {
          const first = held.get(row.k ?? '');
          if (first === undefined || first > row.id) ids.push(row.id);
          if (ids.length === this.batchSize) break;
        }
        if (ids.length === 0) return [];
        const idList = JSON.stringify(ids);
        // Whole rows only for the batch taken. Prepared once per connection (db/prepared.ts).
        const due = prepared(tx, 'outbox.claimed', (d) =>
          d
            .select()
            .from(outbox)
            .where(sql`${outbox.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)
            .orderBy(asc(outbox.id))
            .prepare(),
        ).all({ ids: idList });
        statement(tx, 'UPDATE outbox SET lease_until = ?, lease_owner = ? WHERE id IN (SELECT value FROM json_each(?))').run(leaseUntil, this.owner, idList);
        return due;
      },
      { behavior: 'immediate' },
    );
  }

  /** Releases the rows leased by owners that are gone; true if there were any. */
  private releaseGone(held: Array<{ owners: string | null }>): boolean {
    const owners = new Set<string>();
    for (const h of held) if (h.owners) for (const o of h.owners.split(',')) owners.add(o);
    let any = false;
    for (const owner of owners) {
      if (owner === this.owner || !ownerIsGone(owner)) continue;
      const rows = this.releaseOwnerStmt.run(owner).changes;
      this.log.info({ owner, rows }, 'outbox: took back the leases of a worker that is gone');
      any = true;
    }
    return any;
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
      for (let lane = lanes.shift(); lane && !this.halting; lane = lanes.shift()) {
        const [receiver, rows] = lane;
        for (const row of rows) {
          if (this.halting) break;
          const outcome = await this.sendOne(row, receiver, now);
          if (outcome === 'untried') break;
          tried.add(row.id);
          r[outcome]++;
          if (outcome === 'retried') break; // keep order: the rest of this lane waits for the retry
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, lanes.length) }, worker));
    // Rows left in a lane after a retry, or when the worker stopped, were leased but not tried: release them.
    const untried = batch.filter((b) => !tried.has(b.id)).map((b) => b.id);
    if (untried.length && !this.released) {
      this.db.update(outbox).set({ leaseUntil: null, leaseOwner: null }).where(inArray(outbox.id, untried)).run();
    }
    return r;
  }

  /**
   * A rate-limit slot for `receiver`, or null if the worker stops first: the limiter may make a send wait many
   * seconds (1,000 a minute), and a shutdown does not wait for that. A slot that comes after giving up is handed
   * back at once.
   */
  private slot(receiver: string): Promise<(() => void) | null> {
    if (this.halting) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const giveUp = () => resolve(null);
      this.waiting.add(giveUp);
      this.limiter.acquire(receiver).then(
        (done) => {
          if (this.waiting.delete(giveUp)) resolve(done);
          else done();
        },
        (err: unknown) => {
          this.waiting.delete(giveUp);
          reject(err);
        },
      );
    });
  }

  private async sendOne(row: OutboxRow, receiver: string, now: () => Date): Promise<Outcome> {
    let content = row.content;
    if (row.render) {
      try {
        if (!this.render) throw new Error('no renderer configured for cards drawn at send time');
        const drawn = this.render(JSON.parse(row.render), row);
        if (typeof drawn !== 'string') {
          this.db.update(outbox).set({ status: 'skipped', leaseUntil: null, leaseOwner: null, lastError: drawn.skip }).where(eq(outbox.id, row.id)).run();
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
    const done = await this.slot(receiver);
    if (!done || this.halting) {
      done?.();
      return 'untried';
    }
    this.inFlight.add(row.id);
    try {
      // A stored file is uploaded once (its key is kept), then sent as a `file` message.
      if (row.msgType === 'file') content = JSON.stringify({ file_key: await this.fileKeyOf(row) });
      const message = { msgType: row.msgType as MsgType, content, uuid: row.uuid };
      let messageId: string | null = row.targetMessageId;
      if (row.op === 'send') {
        messageId = (await this.messenger.send({ receiveIdType: row.receiveIdType as ReceiveIdType, receiveId: row.receiveId! }, message)).messageId;
      } else if (row.op === 'reply') {
        messageId = (await this.messenger.reply(row.targetMessageId!, message)).messageId;
      } else {
        await this.messenger.patch(row.targetMessageId!, content);
      }
      done();
      this.inFlight.delete(row.id);
      // Stopped while this send was out: the database may be closed. The row keeps its lease; the uuid makes the
      // next worker's resend harmless.
      if (this.released) return 'untried';
      statement(this.db, "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, attempts = ?, lease_until = NULL, lease_owner = NULL, last_error = NULL WHERE id = ?").run(
        messageId ?? null,
        now().toISOString(),
        row.attempts + 1,
        row.id,
      );
      if (messageId && row.op === 'send' && row.receiveIdType === 'open_id' && isUrgent(row)) await this.makeUrgent(row, messageId);
      return 'sent';
    } catch (err) {
      done();
      this.inFlight.delete(row.id);
      if (this.released) return 'untried';
      const e = err instanceof SendError ? err : new SendError(String(err), true);
      const attempts = row.attempts + 1;
      if (e.retryAfterMs) this.limiter.pause(e.retryAfterMs);
      if (e.retryable && attempts < this.maxAttempts) {
        const next = new Date(now().getTime() + Math.max(e.retryAfterMs ?? 0, backoffMs(attempts)));
        this.db
          .update(outbox)
          .set({ attempts, nextAttemptAt: next.toISOString(), leaseUntil: null, leaseOwner: null, lastError: e.message })
          .where(eq(outbox.id, row.id))
          .run();
        this.log.warn({ outboxId: row.id, attempts, err: e.message }, 'send failed, will retry');
        return 'retried';
      }
      this.park(row, attempts, e, now());
      return 'failed';
    }
  }

  /** The Feishu key of the row's stored file (`content` `{fileId}`), uploading it the first time. */
  private async fileKeyOf(row: OutboxRow): Promise<string> {
    const { fileId } = JSON.parse(row.content) as { fileId?: number };
    const file = typeof fileId === 'number' ? fileById(this.db, fileId) : null;
    if (!file) throw new SendError(`file message: no stored file ${String(fileId)}`, false);
    if (file.feishuFileKey) return file.feishuFileKey;
    // Rows sent at once share one upload (a ledger to ten people is uploaded once); another process may upload
    // the same file again, which costs a request and nothing else.
    let upload = this.uploading.get(file.id);
    if (!upload) {
      upload = this.upload(file);
      this.uploading.set(file.id, upload);
      const forget = () => this.uploading.delete(file.id);
      upload.then(forget, forget);
    }
    return upload;
  }
  private readonly uploading = new Map<number, Promise<string>>();

  private async upload(file: { id: number; name: string; sha256: string }): Promise<string> {
    if (!this.messenger.uploadFile) throw new SendError('file message: this messenger cannot upload files', false);
    let bytes: Buffer;
    try {
      bytes = readFileBytes(this.db, file.sha256);
    } catch (err) {
      throw new SendError(`file message: ${err instanceof Error ? err.message : String(err)}`, false);
    }
    const { fileKey } = await this.messenger.uploadFile({ name: file.name, bytes, fileType: feishuFileType(file.name) });
    if (!this.released) setFeishuFileKey(this.db, file.id, fileKey);
    return fileKey;
  }

  /**
   * 加急: the row's description asked for it (the sweep marks the unit head's 逾期预警 when the schedule file says so).
   * Once, after the send: a failure is logged, not retried, since the card itself was delivered.
   */
  private async makeUrgent(row: OutboxRow, messageId: string) {
    if (!this.messenger.urgent) return;
    try {
      await this.messenger.urgent(messageId, [row.receiveId!]);
      this.log.info({ outboxId: row.id, purpose: row.purpose }, 'sent as urgent (加急)');
    } catch (err) {
      this.log.warn({ outboxId: row.id, err: err instanceof Error ? err.message : String(err) }, 'urgent (加急) failed; the card itself was delivered');
    }
  }

  /** Gives up on a row and tells the admins, so a lost message is a known one. */
  private park(row: OutboxRow, attempts: number, e: SendError, now: Date) {
    this.db.transaction((tx) => {
      tx.update(outbox).set({ status: 'failed', attempts, leaseUntil: null, leaseOwner: null, lastError: e.message }).where(eq(outbox.id, row.id)).run();
      if (row.purpose === 'alert') return; // an alert that cannot be delivered must not breed more alerts
      const text = `【督办助手】消息发送失败（第 ${row.id} 条，${row.purpose}，已尝试 ${attempts} 次）：${e.message}`;
      for (const admin of peopleWithRole(tx, 'admin')) {
        enqueue(tx, { to: personAddress(admin.id), msgType: 'text', content: { text }, purpose: 'alert', dedupeKey: `alert:${row.id}:${admin.id}` }, now);
      }
    });
    this.log.error({ outboxId: row.id, attempts, err: e.message, code: e.code }, 'send failed for good; admins alerted');
  }
}
