/**
 * A separate OS process that registers items in a shared SQLite file, for the numbering test. Started with
 * child_process.fork and `execArgv: ['--import', 'tsx']`, i.e.
 * `node --import tsx tests/services/register-worker.ts <db> <worker> <count> <date> [pauseMs]`.
 *
 * Protocol (IPC): the worker opens the database and sends { type: 'ready' }; on { type: 'go', at } it waits until
 * `at` (ms since the epoch), then registers
 * <count> items dated <date>, then sends { type: 'done', numbers, errors } and exits. With pauseMs > 0 it waits a
 * random 0..pauseMs between registrations so that processes take turns; with 0 it registers in a tight loop (one
 * process keeps re-taking the write lock while the others wait in SQLite's busy handler, busy_timeout 5000).
 */
import { openDatabase } from '../../src/db/client';
import { createWorkCalendar } from '../../src/domain/calendar';
import { type ServiceContext, noEvents } from '../../src/services/context';
import { registerItem } from '../../src/services/register-item';
import { WHO, at, baseInput } from '../support/fixtures';

export interface WorkerDone {
  type: 'done';
  worker: string;
  numbers: string[];
  errors: string[];
}

const [dbPath, worker, countText, date, pauseText = '0'] = process.argv.slice(2);
const pauseMs = Number(pauseText);
if (!dbPath || !worker || !countText || !date || !process.send) {
  console.error('usage: fork(register-worker.ts, [db, worker, count, date, pauseMs?]) with an IPC channel');
  process.exit(2);
}
const send = (msg: unknown) => process.send!(msg);

const db = openDatabase(dbPath);
const ctx: ServiceContext = { db, calendar: createWorkCalendar(), events: noEvents };

const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * pauseMs));

process.on('message', async (msg: { type?: string; at?: number }) => {
  if (msg?.type !== 'go') return;
  // All workers start at the parent's moment, however late each got the message.
  if (msg.at) await new Promise((resolve) => setTimeout(resolve, Math.max(0, msg.at! - Date.now())));
  const numbers: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < Number(countText); i++) {
    if (pauseMs > 0) await pause();
    try {
      const item = registerItem(ctx, {
        actorId: WHO.supervisor,
        channel: 'cli',
        input: baseInput({ title: `并发登记 ${worker}-${i}` }),
        now: at(date),
      });
      numbers.push(item.number);
    } catch (e) {
      errors.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    }
  }
  db.$client.close();
  const done: WorkerDone = { type: 'done', worker, numbers, errors };
  process.send!(done, () => process.exit(0));
});

send({ type: 'ready', worker });
