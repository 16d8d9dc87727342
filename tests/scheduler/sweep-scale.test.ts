/**
 * The sweep over a large ledger (30,000 open items, seeded as the benchmark seeds them): written in several small
 * transactions, so the chunked writes are exercised, and long enough that yielding matters.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client';
import { createWorkCalendar } from '../../src/domain/calendar';
import { runChaseSweep } from '../../src/scheduler/chase-sweep';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { importOrg } from '../../src/services/import-org';
import { benchOrg, seedItems } from '../../scripts/bench-lib';

const ITEMS = 30_000;
const calendar = createWorkCalendar();
let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-sweep-scale-'));
  db = openDatabase(join(dir, 'duban.db'));
  const bo = benchOrg();
  importOrg(db, bo.org, 'test', new Date('2026-01-05T00:00:00Z'));
  seedItems(db, bo, { count: ITEMS, today: '2026-12-01' });
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;

describe('a sweep over 30,000 open items', { timeout: 60_000 }, () => {
  it('records every due step once across its write chunks, and lets other work run between batches', async () => {
    let turns = 0;
    let sweeping = true;
    const spin = () => {
      if (!sweeping) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    // Small write transactions (2,000 chase rows, whole recipients each), so there are several.
    const first = await runChaseSweep(db, calendar, new Date('2026-12-01T09:00:00+08:00'), DEFAULT_SCHEDULE, { writeChunk: 2000 });
    sweeping = false;

    expect(first.scanned).toBe(ITEMS);
    expect(first.recorded).toBeGreaterThan(3 * 2000); // several write transactions' worth
    expect(count('SELECT count(*) FROM chases')).toBe(first.recorded);
    expect(count("SELECT count(*) FROM outbox WHERE purpose LIKE 'chase:%'")).toBe(first.planned);
    // No recipient is told of one step twice, and each hears once: one message per person, every step pointing at it.
    expect(count('SELECT count(*) FROM (SELECT step_key, recipient FROM chases GROUP BY 1, 2 HAVING count(*) > 1)')).toBe(0);
    expect(count("SELECT count(*) FROM (SELECT receive_id FROM outbox WHERE purpose LIKE 'chase:%' GROUP BY 1 HAVING count(*) > 1)")).toBe(0);
    expect(count("SELECT count(*) FROM chases WHERE recipient != 'supervisors' AND outbox_id IS NULL")).toBe(0);
    expect(count("SELECT count(*) FROM chases c JOIN outbox o ON o.id = c.outbox_id WHERE o.receive_id != c.recipient")).toBe(0);
    expect(first.planned).toBe(count("SELECT count(DISTINCT recipient) FROM chases WHERE recipient != 'supervisors'"));
    // 15 read batches: the event loop had a turn after each, so a card click would not wait for the whole sweep.
    expect(turns).toBeGreaterThanOrEqual(ITEMS / 2000 - 1);

    const again = await runChaseSweep(db, calendar, new Date('2026-12-01T09:00:00+08:00'), DEFAULT_SCHEDULE);
    expect(again).toMatchObject({ scanned: ITEMS, due: first.due, recorded: 0, planned: 0 });
  });
});
