/**
 * Counts the SQL one request runs: `tsx scripts/bench-queries.ts` composes the server in this process (webhook
 * mode, fake Feishu, a database seeded like the benchmark's), sends one card callback (progress) and one 查看
 * message through the signed webhook, and lists every statement prepared and every statement executed while each
 * was handled. Not part of `npm run bench`; for keeping the request paths cheap.
 */
import Database from 'better-sqlite3';
import { progressCallbacks, viewMessages } from './bench-http';
import { composeInProcess, seededDatabase } from './bench-inprocess';
import { injectAll } from '../tests/support/inject';

const seeded = seededDatabase('queries', 2000);
const { db, pool } = seeded;

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
const { fake, bot } = await composeInProcess(seeded);
const card = progressCallbacks(pool);
const msg = viewMessages(pool);
const send = async (r: { path: string; headers: Record<string, string>; body: string }) =>
  injectAll(bot.app, { method: 'POST', url: r.path, headers: r.headers, payload: r.body });
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
