/**
 * Counts the SQL one request runs: `tsx scripts/bench-queries.ts` composes the server in this process (webhook
 * mode, fake Feishu, a database seeded like the benchmark's), sends one card callback (progress) and one 查看
 * message through the signed webhook, and lists every statement prepared and every statement executed while each
 * was handled. Not part of `npm run bench`; for keeping the request paths cheap.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

const dir = mkdtempSync(join(tmpdir(), 'duban-queries-'));
const db = openDatabase(join(dir, 'q.db'));
const bo = benchOrg();
importOrg(db, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
seedItems(db, bo, { count: 2000, today: chinaDate(new Date()), seed: 11 });
const pool = (db.$client.prepare(`SELECT id, lead_unit_id AS unit, version AS v, number FROM items WHERE state = 'in_progress' ORDER BY id LIMIT 50`).all() as Array<{
  id: number; unit: string; v: number; number: string;
}>).map((r) => ({ id: r.id, head: `ou_bench_head_${r.unit}`, v: r.v, number: r.number }));

let log: string[] | null = null;
const proto = Database.prototype as unknown as { prepare(sql: string): unknown };
const origPrepare = proto.prepare;
proto.prepare = function (this: Database.Database, sql: string) {
  const stmt = origPrepare.call(this, sql) as Record<string, (...a: unknown[]) => unknown>;
  log?.push(`prepare  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
  for (const m of ['run', 'get', 'all', 'iterate']) {
    const f = stmt[m]!;
    stmt[m] = function (this: unknown, ...a: unknown[]) {
      log?.push(`  ${m.padEnd(7)} ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      return f.apply(this, a);
    };
  }
  return stmt;
};
const pragma = (Database.prototype as unknown as { exec: (s: string) => unknown }).exec;
void pragma;

const fake = await startFakeFeishu();
const bot = await compose(
  {
    port: 0, host: '127.0.0.1', databasePath: join(dir, 'q.db'), orgFile: null, calendarFile: null, scheduleFile: null, logLevel: 'silent',
    feishu: { appId: fake.appId, appSecret: fake.appSecret, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.url, mode: 'webhook' },
  },
  { db, calendar: createWorkCalendar(), schedule: { ...DEFAULT_SCHEDULE, quietHours: null } },
  createLogger('silent'),
  { larkCache: new lark.DefaultCache() },
);
const card = progressCallbacks(pool);
const msg = viewMessages(pool);
const send = async (r: { path: string; headers: Record<string, string>; body: string }) =>
  bot.app.inject({ method: 'POST', url: r.path, headers: r.headers, payload: r.body });
// Warm: first requests prepare what later ones reuse.
for (let i = 0; i < 3; i++) {
  await send(card(i));
  await send(msg(i));
}
await new Promise((r) => setTimeout(r, 50));
for (const [name, req] of [['card callback (progress)', card(10)], ['message (查看)', msg(10)]] as const) {
  log = [];
  const res = await send(req);
  await new Promise((r) => setTimeout(r, 30)); // the outbox kick, if any
  const lines = log;
  log = null;
  console.log(`── ${name}: HTTP ${res.statusCode}; ${lines.filter((l) => l.startsWith('prepare')).length} statements prepared, ${lines.filter((l) => !l.startsWith('prepare')).length} executed`);
  for (const l of lines) console.log(l);
}
await bot.worker.stop();
await fake.close();
db.$client.close();
process.exit(0);
