/**
 * The statistics reports' catch-up at start on a large installation: 20,000 open items and the ended periods not
 * yet sent (a server that was down on the report days, or a first start after an upgrade). The built server runs
 * as `npm start` runs it (128 MB heap). Before the workbook was streamed to a file this killed the server within
 * seconds of starting (heap out of memory): the test waits for every due report to be written and queued, and
 * the server to be alive and answering afterwards.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { benchOrg, seedItems } from '../../scripts/bench-lib';
import { openDatabase } from '../../src/db/client';
import { createWorkCalendar } from '../../src/domain/calendar';
import { chinaDate } from '../../src/domain/dates';
import { duePeriods } from '../../src/scheduler/stats-reports';
import { importOrg } from '../../src/services/import-org';
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu';
import { type Build, type ServerProc, buildServer, kill, sleep, startServer, webhookEnv } from './server-process';

let fake: FakeFeishu;
let build: Build;
let dir: string;
let server: ServerProc | undefined;

beforeAll(async () => {
  fake = await startFakeFeishu();
  build = buildServer();
  dir = mkdtempSync(join(tmpdir(), 'duban-catch-up-'));
});

afterAll(async () => {
  if (server) await kill(server);
  await fake?.close();
  build?.remove();
  rmSync(dir, { recursive: true, force: true });
});

it('a start with 20,000 items and the ended periods unsent writes every due report and stays up (128 MB heap)', async () => {
  const dbPath = join(dir, 'big.db');
  const db = openDatabase(dbPath);
  const bo = benchOrg();
  importOrg(db, bo.org, 'test', new Date('2026-01-05T00:00:00Z'));
  const now = new Date();
  // CATCHUP_ITEMS=100000 runs the same check on a larger ledger (it passes, peak RSS about 280 MB, mostly outside the heap).
  seedItems(db, bo, { count: Number(process.env.CATCHUP_ITEMS ?? 20_000), today: chinaDate(now), seed: 7 });
  const due = duePeriods(db, createWorkCalendar(), now);
  db.$client.close();
  // The seed reaches back 150 days: at least two two-month periods have ended and are due.
  expect(due.length).toBeGreaterThanOrEqual(2);

  const env = webhookEnv(fake, dbPath);
  delete env.ORG_FILE; // the organisation is the bench's, already in the database
  server = await startServer(build, env);
  const ro = new Database(dbPath, { readonly: true, fileMustExist: true });
  ro.pragma('busy_timeout = 5000');
  try {
    const until = Date.now() + 60_000;
    let sent = 0;
    while (Date.now() < until && server.alive()) {
      sent = ro.prepare('SELECT count(*) FROM stats_reports').pluck().get() as number;
      if (sent >= due.length) break;
      await sleep(200);
    }
    expect(server.alive(), server.output().slice(-3000)).toBe(true);
    expect(sent).toBe(due.length);
    // Each report's workbook is stored and queued as a file to every supervisor, leader and principal.
    const files = ro.prepare(`SELECT count(*) FROM files WHERE kind = 'stats'`).pluck().get() as number;
    expect(files).toBe(due.length);
    const queued = ro.prepare(`SELECT count(*) FROM outbox WHERE purpose = 'stats_report' AND msg_type = 'file'`).pluck().get() as number;
    expect(queued).toBe(due.length * 12); // 3 supervisors, 8 leaders, 1 principal
    const res = await fetch(`${server.url}/healthz`);
    expect(res.ok).toBe(true);
  } finally {
    ro.close();
  }
}, 90_000);
