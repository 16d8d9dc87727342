/**
 * What handling costs without the network: `tsx scripts/bench-handlers.ts card|message [rounds]` composes the
 * server in this process (webhook mode, fake Feishu, 20,000 items seeded like the benchmark's) and hands the
 * dispatcher the same events the benchmark signs, 20 at a time as a loaded server gets them, printing CPU µs per
 * event per round. With `--cpu-prof` (node's flag, e.g. `node --cpu-prof --import tsx scripts/bench-handlers.ts`)
 * the profile shows the handler alone, without the HTTP and crypto around it. Not part of `npm run bench`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { compose } from '../src/compose';
import { openDatabase } from '../src/db/client';
import { createWorkCalendar } from '../src/domain/calendar';
import { chinaDate } from '../src/domain/dates';
import { createLogger } from '../src/logger';
import { DEFAULT_SCHEDULE } from '../src/scheduler/schedule-config';
import { importOrg } from '../src/services/import-org';
import { startFakeFeishu } from '../tests/support/fake-feishu';
import { ENCRYPT_KEY, VERIFICATION_TOKEN, progressCallbacks, viewMessages } from './bench-http';
import { benchOrg, seedItems } from './bench-lib';
import { decryptPayload } from '../src/feishu/verify';

const what = process.argv[2] === 'message' ? 'message' : 'card';
const rounds = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'duban-handlers-'));
const db = openDatabase(join(dir, 'h.db'));
const bo = benchOrg();
importOrg(db, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
seedItems(db, bo, { count: 20_000, today: chinaDate(new Date()), seed: 11 });
const pool = (db.$client.prepare(`SELECT id, lead_unit_id AS unit, version AS v, number FROM items WHERE state = 'in_progress' AND confidential = 0 ORDER BY id`).all() as Array<{
  id: number; unit: string; v: number; number: string;
}>).map((r) => ({ id: r.id, head: `ou_bench_head_${r.unit}`, v: r.v, number: r.number }));
const fake = await startFakeFeishu();
const bot = await compose(
  {
    port: 0, host: '127.0.0.1', databasePath: join(dir, 'h.db'), orgFile: null, calendarFile: null, scheduleFile: null, logLevel: 'silent',
    feishu: { appId: fake.appId, appSecret: fake.appSecret, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.url, mode: 'webhook' },
  },
  { db, calendar: createWorkCalendar(), schedule: { ...DEFAULT_SCHEDULE, quietHours: null } },
  createLogger('silent'),
  { larkCache: new lark.DefaultCache() },
);
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
