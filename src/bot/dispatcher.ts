import { recordEvent } from '../db/event-repository';
import { transact } from '../db/transaction';
import type { Dispatcher, InboundEvent } from '../feishu/receiver';
import type { Logger } from '../logger';
import type { BotDeps } from './deps';
import { handleCardAction } from './handle-card-action';
import { handleMessage } from './handle-message';

/** A handler does all its work synchronously, inside the dispatcher's transaction, and returns the answer. */
export type Handler = (deps: BotDeps, event: Record<string, unknown>, log: Logger) => object;

/** Event types the bot answers; anything else is acknowledged and ignored. */
const HANDLERS: Record<string, Handler> = {
  'im.message.receive_v1': handleMessage,
  'card.action.trigger': handleCardAction,
};

/** Events handled under one commit at most; the rest wait for the next turn of the event loop. */
export const MAX_BATCH = 64;

interface Job {
  e: InboundEvent;
  log: Logger;
  handler: Handler;
  resolve: (answer: object) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; answer: object | null } | { ok: false; error: unknown };

/**
 * `handlers` defaults to the bot's; tests pass their own to prove what a failing handler leaves behind.
 *
 * One event, one savepoint: its id (Feishu re-pushes for hours, so it is de-duplicated in the database) and
 * everything the handler writes (the change, its audit rows, the messages to send) stand together or not at all.
 * A handler that throws rolls back its own savepoint only, and its request gets the error.
 *
 * Events that arrive together share one commit (group commit): each request's event is queued, and once the
 * event loop has read everything that came in, the queue is handled in one write transaction, one savepoint per
 * event, in arrival order — as if handled one after another. The commit (its WAL write, and now and then a
 * checkpoint with its fsyncs) was a fifth of a card callback's time when every event had its own. No answer is
 * given before its commit: a crash before it leaves no trace (Feishu's retry does the work), a crash after it
 * finds the ids and does nothing. Services open their own transactions; inside this one they become savepoints.
 */
export function createDispatcher(deps: BotDeps, handlers: Record<string, Handler> = HANDLERS): Dispatcher {
  const db = deps.ctx.db;
  let queue: Job[] = [];
  let scheduled = false;

  const one = (job: Job): object | null =>
    transact(db, (tx) => {
      if (!recordEvent(tx, job.e.eventId, job.e.eventType, deps.now().toISOString())) return null;
      return job.handler(deps, job.e.event, job.log);
    });

  const flush = () => {
    scheduled = false;
    const jobs = queue.length > MAX_BATCH ? queue.splice(0, MAX_BATCH) : queue;
    if (jobs === queue) queue = [];
    else schedule();
    let outcomes: Outcome[];
    try {
      outcomes = transact(db, () => {
        const done: Outcome[] = [];
        for (const job of jobs) {
          try {
            done.push({ ok: true, answer: one(job) });
          } catch (error) {
            done.push({ ok: false, error });
            // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction: what follows
            // would run outside it, committed one statement at a time. Stop; the commit then fails for all.
            if (!db.$client.inTransaction) throw error;
          }
        }
        return done;
      });
    } catch (error) {
      // The commit itself failed (or BEGIN could not get the lock): nothing of the batch was written.
      for (const job of jobs) job.reject(error);
      return;
    }
    // Only now are the messages durable: wake the sender, once for the batch.
    if (outcomes.some((o) => o.ok && o.answer !== null)) deps.kick();
    outcomes.forEach((o, i) => {
      const job = jobs[i]!;
      if (!o.ok) return job.reject(o.error);
      if (o.answer === null) {
        job.log.info('duplicate event ignored');
        return job.resolve({});
      }
      job.resolve(o.answer);
    });
  };

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // After the I/O callbacks of this turn: every request read in it is queued by then.
    setImmediate(flush);
  }

  return {
    dispatch(e: InboundEvent, log: Logger) {
      const handler = handlers[e.eventType];
      if (!handler) return Promise.resolve({});
      return new Promise<object>((resolve, reject) => {
        queue.push({ e, log, handler, resolve, reject });
        schedule();
      });
    },
  };
}
