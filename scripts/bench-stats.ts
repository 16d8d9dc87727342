/**
 * The statistics part of `npm run bench`: the figures of a year over BENCH_STATS_ITEMS (100,000) items, as the CLI
 * and the automatic reports compute them (services/statistics.ts: two prepared queries, the history replayed in
 * JavaScript), against a plain SQL `GROUP BY` over the same rows (target: at most 3×). Both are timed alternately,
 * five times each, on the same file; the verdict is the ratio of the medians. The drill-down rows (every item behind
 * every figure, as the card's 查看事项 and the workbook use them) are timed too, and reported.
 *
 * The year is seeded straight into the tables with prepared INSERTs, shaped like a year of the ledger: items sent
 * through the year, most closed (early, on the day, late), some extended (approve_extension rows moving the
 * deadline), returned with a new deadline, corrected, merged, cancelled, or still open.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client';
import { createWorkCalendar } from '../src/domain/calendar';
import { startOfChinaDay } from '../src/domain/statistics';
import { importOrg } from '../src/services/import-org';
import { loadStats } from '../src/services/statistics';
import { benchOrg, median, ms, pf, prng } from './bench-lib';

export interface StatsBench {
  items: number;
  historyRows: number;
  groupByMs: number;
  statsMs: number;
  detailMs: number;
  ratio: number;
  rows: string[][];
}

const iso = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The same items a year's statistics read, counted by lead unit in SQL: the baseline. */
const GROUP_BY_SQL = `
  SELECT i.lead_unit_id, count(*) AS in_hand,
         sum(i.deadline <= @T OR (i.closed_at IS NOT NULL AND i.closed_at < @endIso)) AS due,
         sum(i.closed_at IS NOT NULL AND i.closed_at < @endIso) AS closed,
         sum(i.closed_at IS NOT NULL AND i.closed_at < @endIso AND i.submitted_at <= i.original_deadline || 'T16:00:00.000Z') AS on_time,
         sum(i.deadline <= @T AND (i.closed_at IS NULL OR i.closed_at >= @endIso)) AS overdue
  FROM items i
  WHERE i.assigned_at IS NOT NULL AND i.created_at < @endIso AND (i.closed_at IS NULL OR i.closed_at >= @startIso)
    AND NOT (i.state IN ('merged', 'cancelled') AND i.updated_at < @startIso)
  GROUP BY i.lead_unit_id`;

/**
 * `withDetail` also times the report with every drill-down row (about 3.5 per item: some 100 MB of rows for 100,000
 * items, more than the bench's 128 MB heap holds beside the rest; BENCH_STATS_DETAIL=1, or run this file alone).
 */
export function benchStats(
  dir: string,
  count = Number(process.env.BENCH_STATS_ITEMS ?? 100_000),
  say: (s?: string) => void = console.log,
  withDetail = process.env.BENCH_STATS_DETAIL === '1',
): StatsBench {
  const db = openDatabase(join(dir, 'stats.db'));
  const bo = benchOrg();
  importOrg(db, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
  const units = bo.org.units.map((u) => u.id);
  const leader = bo.org.people.find((p) => p.roles.includes('leader'))!.id;
  const rand = prng(2026);
  const c = db.$client;
  const insItem = c.prepare(`INSERT INTO items (id, year, seq, number, title, kind, mode, sources, lead_unit_id, coop_unit_ids, leader_id,
      deadline, original_deadline, state, assigned_at, submitted_at, closed_at, created_by, created_at, updated_at)
    VALUES (?, 2026, ?, ?, ?, 'ledger', 'routine', '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ou_bench', ?, ?)`);
  const insAudit = c.prepare(`INSERT INTO audit_log (item_id, actor_id, channel, action, from_state, to_state, changes, at) VALUES (?, 'ou_bench', 'card', ?, ?, ?, ?, ?)`);
  let historyRows = 0;
  const t0 = performance.now();
  c.transaction(() => {
    for (let id = 1; id <= count; id++) {
      const sent = addDays('2026-01-05', Math.floor(rand() * 340));
      let deadline = addDays(sent, 10 + Math.floor(rand() * 90));
      const original = deadline;
      const lead = units[Math.floor(rand() * units.length)]!;
      const coop = rand() < 0.3 ? JSON.stringify([units[(units.indexOf(lead) + 1) % units.length]]) : '[]';
      // Written after the item (the audit row's foreign key), in the order they happened.
      const history: Array<[string, string, string, string, string]> = [];
      const audit = (action: string, at: string, changes: object, from = 'in_progress', to = 'in_progress') => {
        history.push([action, from, to, JSON.stringify(changes), at]);
      };
      audit('register', iso(sent, 8), { deadline, leadUnitId: lead }, '', 'registered');
      audit('send_slip', iso(sent), { assignedAt: [null, iso(sent)] }, 'registered', 'assigned');
      const r = rand();
      if (r < 0.15) {
        const next = addDays(deadline, 15 + Math.floor(rand() * 30));
        audit('approve_extension', iso(addDays(deadline, -3)), { deadline: [deadline, next] });
        deadline = next;
      } else if (r < 0.2) {
        const next = addDays(deadline, 20);
        audit('return', iso(addDays(deadline, -1)), { deadline: [deadline, next], submittedAt: [iso(addDays(deadline, -5)), null] }, 'under_review', 'in_progress');
        deadline = next;
      } else if (r < 0.23) {
        const next = addDays(deadline, 7);
        audit('edit', iso(addDays(sent, 2)), { deadline: [deadline, next] });
        deadline = next;
      }
      let state = 'in_progress';
      let submitted: string | null = null;
      let closed: string | null = null;
      let updated = iso(sent);
      const end = rand();
      if (end < 0.03) {
        state = 'cancelled';
        updated = iso(addDays(sent, 20));
        audit('cancel', updated, { state: ['in_progress', 'cancelled'] }, 'in_progress', 'cancelled');
      } else if (end < 0.05) {
        state = 'merged';
        updated = iso(addDays(sent, 15));
        audit('merge', updated, { state: ['in_progress', 'merged'], mergedIntoId: [null, Math.max(1, id - 1)] }, 'in_progress', 'merged');
      } else if (end < 0.75) {
        const doneDay = addDays(deadline, Math.floor(rand() * 30) - 20);
        submitted = iso(doneDay);
        closed = iso(addDays(doneDay, 2));
        state = 'closed';
        updated = closed;
      }
      insItem.run(id, id, `督办〔2026〕${id}号`, `基准事项 ${id}`, lead, coop, leader, deadline, original, state, iso(sent), submitted, closed, iso(sent, 8), updated);
      for (const h of history) insAudit.run(id, ...h);
      historyRows += history.length;
    }
  })();
  c.pragma('wal_checkpoint(TRUNCATE)');
  c.pragma('analyze');
  say(`[stats] seeded ${count.toLocaleString('en')} items and ${historyRows.toLocaleString('en')} audit rows in ${ms(performance.now() - t0)}`);

  const calendar = createWorkCalendar();
  const now = new Date('2027-01-10T09:00:00+08:00');
  const year = { from: '2026-01-01', to: '2026-12-31' };
  const params = { T: year.to, startIso: startOfChinaDay(year.from), endIso: startOfChinaDay('2027-01-01') };
  const groupBy = c.prepare(GROUP_BY_SQL);
  const times = { groupBy: [] as number[], stats: [] as number[], detail: [] as number[] };
  let sqlInHand = 0;
  let inHand = 0;
  let detailRows = 0;
  for (let run = 0; run < 5; run++) {
    let t = performance.now();
    sqlInHand = (groupBy.all(params) as Array<{ in_hand: number }>).reduce((n, r) => n + r.in_hand, 0);
    times.groupBy.push(performance.now() - t);
    t = performance.now();
    inHand = loadStats(db, year, null, { calendar, now, detail: false }).total.inHand;
    times.stats.push(performance.now() - t);
    if (withDetail) {
      t = performance.now();
      detailRows = loadStats(db, year, null, { calendar, now }).rows.length;
      times.detail.push(performance.now() - t);
    }
  }
  db.$client.close();
  const groupByMs = median(times.groupBy);
  const statsMs = median(times.stats);
  const detailMs = withDetail ? median(times.detail) : NaN;
  const ratio = statsMs / groupByMs;
  say(`[stats] a year's figures: ${ms(statsMs)} (median of 5; 在办 ${inHand.toLocaleString('en')}) vs plain GROUP BY ${ms(groupByMs)} (在办 ${sqlInHand.toLocaleString('en')}): ${ratio.toFixed(2)}×${withDetail ? `; with the drill-down rows (${detailRows.toLocaleString('en')}) ${ms(detailMs)}` : ''}`);
  return {
    items: count,
    historyRows,
    groupByMs,
    statsMs,
    detailMs,
    ratio,
    rows: [
      ['plain SQL GROUP BY, a year (median)', ms(groupByMs), '—', '—'],
      ['statistics of a year, figures (median)', `${ms(statsMs)}, ${ratio.toFixed(2)}× GROUP BY`, '≤ 3× GROUP BY', pf(ratio <= 3)],
      ...(withDetail ? [['statistics with drill-down rows', `${ms(detailMs)}, ${(detailMs / groupByMs).toFixed(2)}× GROUP BY`, '—', '—']] : []),
      ['same items in hand as SQL', `${inHand.toLocaleString('en')} / ${sqlInHand.toLocaleString('en')}`, 'equal', pf(inHand === sqlInHand)],
    ],
  };
}

// Run on its own: `npx tsx scripts/bench-stats.ts`.
if (process.argv[1]?.endsWith('bench-stats.ts')) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-stats-'));
  try {
    benchStats(dir, undefined, undefined, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
