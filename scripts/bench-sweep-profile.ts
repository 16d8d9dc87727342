/**
 * Profiles the daily chase sweep as `npm run bench` measures it: BENCH_ITEMS (100,000) items seeded as the bench
 * seeds them, then per run a fresh copy, the previous day's sweep (the catch-up), the plain scan, the day's sweep and
 * its repeat. Prints wall and CPU time of each (CPU time is steadier than wall time when other work shares the
 * machine). Under `node --cpu-prof` it shows where the sweep's time goes:
 *
 *   npx esbuild scripts/bench-sweep-profile.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=dist/bench-sweep-profile.mjs && \
 *   node --max-old-space-size=128 --max-semi-space-size=2 --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench-sweep-profile.mjs
 *
 * (or `npx tsx scripts/bench-sweep-profile.ts` for the figures alone). Not part of the bench: it checks nothing.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client';
import { createWorkCalendar } from '../src/domain/calendar';
import { runChaseSweep } from '../src/scheduler/chase-sweep';
import { DEFAULT_SCHEDULE } from '../src/scheduler/schedule-config';
import { importOrg } from '../src/services/import-org';
import { benchOrg, seedItems } from './bench-lib';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NOW = new Date('2026-12-01T09:00:00+08:00');
const DAY_BEFORE = new Date('2026-11-30T09:00:00+08:00');
/** The bench's baseline (scripts/bench.ts plainScan). */
const SCAN_SQL = `SELECT id, state, deadline, flagged, assigned_at, claimed_at, progress_cycle FROM items WHERE state IN ('assigned','in_progress')`;

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
async function timed<T>(f: () => T | Promise<T>): Promise<{ r: T; wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await f();
  return { r, wall: performance.now() - t, cpu: cpuMs(process.cpuUsage(c)) };
}

const dir = mkdtempSync(join(tmpdir(), 'duban-sweep-profile-'));
const calendar = createWorkCalendar();
const bo = benchOrg();
const basePath = join(dir, 'base.db');
const base = openDatabase(basePath);
importOrg(base, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
seedItems(base, bo, { count: ITEMS, today: '2026-12-01' });
base.$client.pragma('wal_checkpoint(TRUNCATE)');
base.$client.close();
{
  // Warm-up on a small ledger, as the bench does, so the runs measure compiled code.
  const warm = openDatabase(join(dir, 'warm.db'));
  importOrg(warm, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
  seedItems(warm, bo, { count: 2000, today: '2026-12-01', seed: 7 });
  for (let i = 0; i < 2; i++) await runChaseSweep(warm, calendar, NOW, DEFAULT_SCHEDULE);
  warm.$client.close();
}

for (let k = 1; k <= RUNS; k++) {
  const path = join(dir, `copy-${k}.db`);
  copyFileSync(basePath, path);
  const db = openDatabase(path);
  await runChaseSweep(db, calendar, DAY_BEFORE, DEFAULT_SCHEDULE);
  const scan = await timed(() => {
    let n = 0;
    for (const r of db.$client.prepare(SCAN_SQL).iterate() as Iterable<{ id: number; state: string; deadline: string }>) n += r.id + r.state.length + r.deadline.length;
    return n;
  });
  const day = await timed(() => runChaseSweep(db, calendar, NOW, DEFAULT_SCHEDULE));
  const repeat = await timed(() => runChaseSweep(db, calendar, NOW, DEFAULT_SCHEDULE));
  const f = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)}; ${(t.wall / scan.wall).toFixed(2)}× / CPU ${(t.cpu / scan.cpu).toFixed(2)}× the scan)`;
  console.log(`run ${k}: scan ${scan.wall.toFixed(0)} ms (CPU ${scan.cpu.toFixed(0)}); daily sweep ${f(day)}, ${day.r.recorded} chase rows, ${day.r.planned} cards; repeat ${f(repeat)}`);
  db.$client.close();
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}
rmSync(dir, { recursive: true, force: true });
