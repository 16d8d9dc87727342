/**
 * What handling costs without the network: `tsx scripts/bench-handlers.ts card|message [rounds]` composes the
 * server in this process (webhook mode, fake Feishu, 20,000 items seeded like the benchmark's) and hands the
 * dispatcher the same events the benchmark signs, 20 at a time as a loaded server gets them, printing CPU µs per
 * event per round. With `--cpu-prof` (node's flag, e.g. `node --cpu-prof --import tsx scripts/bench-handlers.ts`)
 * the profile shows the handler alone, without the HTTP and crypto around it. Not part of `npm run bench`.
 */
import { progressCallbacks, viewMessages, ENCRYPT_KEY } from './bench-http';
import { composeInProcess, seededDatabase } from './bench-inprocess';
import { createLogger } from '../src/logger';
import { decryptPayload } from '../src/feishu/verify';

const what = process.argv[2] === 'message' ? 'message' : 'card';
const rounds = Number(process.argv[3] ?? 5);
const seeded = seededDatabase('handlers', 20_000);
const { db, pool } = seeded;
const { fake, bot } = await composeInProcess(seeded);
await bot.worker.stop(); // the handlers, not the sending
const make = what === 'card' ? progressCallbacks(pool) : viewMessages(pool);
const log = createLogger('silent');
const PER_ROUND = 4_000;
let k = 0;
const events = () =>
  Array.from({ length: PER_ROUND }, () => {
    const body = JSON.parse(decryptPayload(ENCRYPT_KEY, (JSON.parse(make(k++).body) as { encrypt: string }).encrypt)) as {
      header: { event_id: string; event_type: string }; event: Record<string, unknown>;
    };
    return { eventId: body.header.event_id, eventType: body.header.event_type, event: body.event };
  });
for (let r = 0; r <= rounds; r++) {
  const batch = events();
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < batch.length; i += 20) await Promise.all(batch.slice(i, i + 20).map((e) => bot.dispatcher.dispatch(e, log)));
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - t;
  console.log(`${r === 0 ? 'warm-up' : `round ${r}`}: ${what} ${(((used.user + used.system) / PER_ROUND)).toFixed(0)} µs CPU, ${((ms * 1000) / PER_ROUND).toFixed(0)} µs wall per event`);
}
await fake.close();
db.$client.close();
process.exit(0);
