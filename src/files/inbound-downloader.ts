import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '../db/client';
import { type InboundFileRow, claimInboundFiles, releaseInboundLeases, retryInboundFile } from '../db/inbound-file-repository';
import type { Logger } from '../logger';
import { FILE_TOO_LARGE, type Messenger, SendError } from '../messenger/messenger';
import { WriteGate } from '../db/write-signals';

/** How a fetch ended, handed to the settler with the row. */
export type Fetched = { kind: 'bytes'; bytes: Buffer } | { kind: 'too_large'; maxBytes: number } | { kind: 'failed'; error: string };

/**
 * Decides what a fetched file becomes (stored as evidence, refused) and writes it, the row's end, its audit row
 * and the answer to the sender in one transaction (bot/handle-file-message.ts). Returns a promise only for the
 * content check (file-type reads the bytes asynchronously); the writing is synchronous.
 */
export type Settler = (row: InboundFileRow, fetched: Fetched, owner: string, now: Date) => Promise<void>;

export interface InboundDownloaderOptions {
  maxBytes: number;
  maxAttempts?: number;
  leaseMs?: number;
  clock?: () => Date;
}

/**
 * Files fetched side by side. Each is held whole in memory (up to FILE_MAX_MB, 30 MB) while it is checked and
 * stored, and the server runs in a small heap (npm start: 128 MB), so two at a time.
 */
const DOWNLOADS_AT_ONCE = 2;

const backoffMs = (attempt: number) => Math.min(600_000, 5_000 * 2 ** (attempt - 1));

/**
 * Fetches the files people sent (queued by the event handler in its transaction) after the commit: one row at a
 * time per lease, retried with backoff on network and server errors, settled once. A crash mid-download leaves the
 * row leased until the lease runs out; the next start (or another process) fetches it then. A file is stored once
 * (the row is settled only by its lease holder; the evidence record is unique per item and content).
 */
export class InboundDownloader {
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly clock: () => Date;
  readonly owner = `${process.pid}:${randomUUID().slice(0, 8)}`;
  private gate?: WriteGate;
  private running: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private halting = false;

  constructor(
    private readonly db: Db,
    private readonly messenger: Messenger,
    private readonly settle: Settler,
    private readonly log: Logger,
    private readonly opts: InboundDownloaderOptions,
  ) {
    this.maxAttempts = opts.maxAttempts ?? 6;
    // A 30 MB file over a slow link takes a while; the lease outlasts the SDK's timeout by far.
    this.leaseMs = opts.leaseMs ?? 10 * 60_000;
    this.clock = opts.clock ?? (() => new Date());
  }

  /** Fetches every row due at `now()`; returns how many were tried. */
  async drain(now: () => Date = this.clock): Promise<number> {
    let tried = 0;
    while (!this.halting) {
      const batch = this.db.transaction((tx) => claimInboundFiles(tx, now(), this.owner, this.leaseMs, DOWNLOADS_AT_ONCE), { behavior: 'immediate' });
      if (batch.length === 0) break;
      await Promise.all(batch.map((row) => this.fetchOne(row, now)));
      tried += batch.length;
    }
    return tried;
  }

  private async fetchOne(row: InboundFileRow, now: () => Date): Promise<void> {
    let fetched: Fetched;
    try {
      if (!this.messenger.download) throw new SendError('this messenger cannot download files', false);
      const bytes = await this.messenger.download(row.messageId, row.fileKey, row.resourceType as 'file' | 'image', this.opts.maxBytes);
      fetched = { kind: 'bytes', bytes };
    } catch (err) {
      const e = err instanceof SendError ? err : new SendError(err instanceof Error ? err.message : String(err), true);
      if (e.code === FILE_TOO_LARGE) fetched = { kind: 'too_large', maxBytes: this.opts.maxBytes };
      else if (e.retryable && row.attempts + 1 < this.maxAttempts) {
        if (this.halting) return;
        const next = new Date(now().getTime() + Math.max(e.retryAfterMs ?? 0, backoffMs(row.attempts + 1)));
        retryInboundFile(this.db, row.id, this.owner, row.attempts + 1, next, e.message);
        this.log.warn({ inboundFileId: row.id, attempts: row.attempts + 1, err: e.message }, 'file download failed, will retry');
        return;
      } else fetched = { kind: 'failed', error: e.message };
    }
    if (this.halting) return;
    try {
      await this.settle({ ...row, attempts: row.attempts + 1 }, fetched, this.owner, now());
    } catch (err) {
      // A database error: the row keeps its lease and is tried again when it runs out.
      this.log.error({ err, inboundFileId: row.id }, 'file received but could not be recorded; will retry');
    }
  }

  /**
   * After an event: fetches only when this process queued a file since the last run (db/write-signals.ts; before,
   * every event ran an empty write transaction here). The timer's kick finds retries and other processes' rows.
   */
  wake(): void {
    if ((this.gate ??= new WriteGate(this.db, ['inbound'])).moved()) this.kick();
  }

  /** Wakes the downloader after a commit (called inside a transaction, it waits for it to end). */
  kick(): void {
    if (this.halting) return;
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
        this.log.error({ err }, 'file downloads failed');
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Polls for rows whose retry time has come (and, after a restart, for what the last process left). */
  start(intervalMs = 5_000): void {
    if (this.halting) return;
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking rows, waits (bounded) for the downloads under way, and gives back the leases of the rest. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.halting = true;
    let t: NodeJS.Timeout | undefined;
    await Promise.race([this.running ?? Promise.resolve(0), new Promise((r) => (t = setTimeout(r, graceMs)))]);
    clearTimeout(t);
    try {
      releaseInboundLeases(this.db as DbOrTx, this.owner);
    } catch (err) {
      this.log.error({ err }, 'file downloads: could not release leases on stop');
    }
  }
}
