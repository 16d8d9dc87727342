/**
 * What one page of `/督办 列表` costs: `tsx scripts/bench-lists.ts [items]` seeds a file like the benchmark's
 * (default 20,000 open items) and prints the CPU time of one first page (count and rows, as the list card reads it)
 * for a unit head, a leader in charge and a supervisor in every scope, against a baseline measured in the same run:
 * an indexed count of the unit head's items as lead unit, the least such a list must read. Not part of `npm run
 * bench`; lists run on the message path once per command, and a slow one holds every other request back.
 */
import { refreshPlannerStats } from '../src/db/client';
import { listUnits, peopleWithRole } from '../src/db/org-repository';
import { createWorkCalendar } from '../src/domain/calendar';
import { type ListScope, ListScopes, listPageForActor } from '../src/services/item-queries';
import { seededDatabase } from './bench-inprocess';

const count = Number(process.argv[2] ?? 20_000);
const seeded = seededDatabase('lists', count);
const { db } = seeded;
// As the server finds the file at its start: the planner's statistics taken over the seeded tables (db/client.ts).
const analysed = performance.now();
refreshPlannerStats(db, 'every table');
console.log(`[lists] the planner's statistics over the seeded file: ${(performance.now() - analysed).toFixed(0)} ms`);
const ctx = { db, calendar: createWorkCalendar(), events: { emit: () => {} } } as unknown as Parameters<typeof listPageForActor>[0];
const now = new Date();
const unit = listUnits(db)[0]!;
const head = unit.headId!;
const leader = db.$client.prepare('SELECT leader_id FROM items WHERE lead_unit_id = ? LIMIT 1').pluck().get(unit.id) as string;
const supervisor = peopleWithRole(db, 'supervisor')[0]!.id;

/** CPU µs per call, the median of 5 rounds of `n` calls after a warm-up. */
function cpu(f: () => unknown, n = 20): number {
  for (let i = 0; i < 3; i++) f();
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const c = process.cpuUsage();
    for (let i = 0; i < n; i++) f();
    const u = process.cpuUsage(c);
    rounds.push((u.user + u.system) / n);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

const baselineStmt = db.$client.prepare('SELECT count(*) FROM items WHERE lead_unit_id = ?').pluck();
const baseline = cpu(() => baselineStmt.get(unit.id), 200);
console.log(`[lists] ${count} items; baseline (indexed count of ${unit.name}'s items as lead unit): ${baseline.toFixed(0)} µs`);
for (const [who, id] of [
  [`${unit.name} head`, head],
  ['leader in charge', leader],
  ['supervisor', supervisor],
] as const) {
  const cells = ListScopes.map((scope: ListScope) => {
    let total = 0;
    const us = cpu(() => (total = listPageForActor(ctx, id, { scope, filters: {} }, now, { page: 1, pageSize: 10 }).total));
    return `${scope} ${(us / 1000).toFixed(2)} ms (${total}, ${(us / baseline).toFixed(0)}×)`;
  });
  console.log(`[lists] ${who.padEnd(18)} ${cells.join('  ')}`);
}
db.$client.close();
