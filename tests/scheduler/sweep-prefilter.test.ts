/**
 * The sweep leaves to SQLite the open items the ladder can give nothing today (chase-sweep.ts MAY_BE_DUE: claimed,
 * no report cycle, deadline beyond every rung). Whatever it leaves out must really have nothing due: day after day,
 * across the National Day holiday and a make-up working day, with the default ladder and with longer rungs, the
 * steps the sweep finds are exactly the ladder's own answer for every open item.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client';
import { addDays, createWorkCalendar } from '../../src/domain/calendar';
import { DEFAULT_LADDER, type LadderConfig, type LadderItem, dueSteps } from '../../src/domain/chase-ladder';
import { runChaseSweep } from '../../src/scheduler/chase-sweep';
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '../../src/scheduler/schedule-config';
import { importOrg } from '../../src/services/import-org';
import { benchOrg, seedItems } from '../../scripts/bench-lib';

const calendar = createWorkCalendar();
let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-sweep-prefilter-'));
  db = openDatabase(join(dir, 'duban.db'));
  const bo = benchOrg();
  importOrg(db, bo.org, 'test', new Date('2026-01-05T00:00:00Z'));
  // Deadlines from 40 days before to 200 days after, claimed up to 150 days before, cycles, 挂牌, unclaimed items.
  seedItems(db, bo, { count: 3000, today: '2026-09-25' });
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every open item as the ladder reads it, straight from the tables. */
function openItems(): LadderItem[] {
  const rows = db.$client
    .prepare(
      `SELECT i.id, i.state, i.deadline, i.flagged, i.assigned_at, i.claimed_at, i.progress_cycle,
         (SELECT max(created_at) FROM progress_reports p WHERE p.item_id = i.id) AS last,
         EXISTS (SELECT 1 FROM extensions e WHERE e.item_id = i.id AND e.status = 'pending') AS pending
       FROM items i WHERE i.state IN ('assigned', 'in_progress')`,
    )
    .raw()
    .all() as Array<[number, LadderItem['state'], string, number, string | null, string | null, LadderItem['progressCycle'], string | null, number]>;
  return rows.map(([id, state, deadline, flagged, assignedAt, claimedAt, progressCycle, lastProgressAt, pending]) => ({
    id, state, deadline, flagged: flagged === 1, assignedAt, claimedAt, progressCycle, lastProgressAt, hasPendingExtension: pending === 1,
  }));
}

const LONG_RUNGS: LadderConfig = {
  ...DEFAULT_LADDER,
  beforeDeadline: [12, 7],
  flagged: { ...DEFAULT_LADDER.flagged, beforeDeadline: [20, 9, 1] },
};

describe('the sweep leaves out only items with nothing due', { timeout: 60_000 }, () => {
  it.each([
    ['the default ladder', DEFAULT_LADDER],
    ['longer rungs before the deadline', LONG_RUNGS],
  ])('finds every step the ladder gives, day by day (%s)', async (_name, ladder) => {
    const cfg: ScheduleConfig = { ...DEFAULT_SCHEDULE, ladder };
    const items = openItems();
    let days = 0;
    // 2026-09-25 … 2026-10-20: the National Day holiday and the make-up working days around it.
    for (let d = '2026-09-25'; d <= '2026-10-20'; d = addDays(d, 1)) {
      if (!calendar.isWorkday(d)) continue;
      const now = new Date(`${d}T09:00:00+08:00`);
      const expected = items.reduce((n, item) => n + dueSteps(item, now, calendar, ladder).length, 0);
      const swept = await runChaseSweep(db, calendar, now, cfg);
      expect({ day: d, scanned: swept.scanned, due: swept.due }).toEqual({ day: d, scanned: items.length, due: expected });
      expect(expected).toBeGreaterThan(0);
      days++;
    }
    expect(days).toBeGreaterThan(8);
  });
});
