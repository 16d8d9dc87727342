/**
 * The server composed in this process, for the scripts that look inside a request (bench-queries: the statements
 * it runs; bench-handlers: what handling costs without the network): a database seeded like the benchmark's, the
 * fake Feishu on loopback, and compose() in webhook mode. Two steps, so a script can hook SQLite in between.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { compose } from '../src/compose';
import { type Db, openDatabase } from '../src/db/client';
import { createWorkCalendar } from '../src/domain/calendar';
import { chinaDate } from '../src/domain/dates';
import { createLogger } from '../src/logger';
import { DEFAULT_SCHEDULE } from '../src/scheduler/schedule-config';
import { importOrg } from '../src/services/import-org';
import { startFakeFeishu } from '../tests/support/fake-feishu';
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from './bench-http';
import { type PoolItem, benchOrg, claimedPool, seedItems } from './bench-lib';

export interface Seeded {
  dir: string;
  path: string;
  db: Db;
  /** Open claimed items, as bench-http's pool: what the benchmark's events act on. */
  pool: PoolItem[];
}

/** A fresh file with the bench organisation and `count` open items. */
export function seededDatabase(name: string, count: number): Seeded {
  const dir = mkdtempSync(join(tmpdir(), `duban-${name}-`));
  const path = join(dir, `${name}.db`);
  const db = openDatabase(path);
  const bo = benchOrg();
  importOrg(db, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
  seedItems(db, bo, { count, today: chinaDate(new Date()), seed: 11 });
  return { dir, path, db, pool: claimedPool(db) };
}

/** compose() on that file in webhook mode against a fake Feishu started here; close `fake` when done. */
export async function composeInProcess(s: Seeded) {
  const fake = await startFakeFeishu();
  const bot = await compose(
    {
      port: 0, host: '127.0.0.1', databasePath: s.path, orgFile: null, calendarFile: null, scheduleFile: null, logLevel: 'silent',
      feishu: { appId: fake.appId, appSecret: fake.appSecret, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.url, mode: 'webhook' },
    },
    { db: s.db, calendar: createWorkCalendar(), schedule: { ...DEFAULT_SCHEDULE, quietHours: null } },
    createLogger('silent'),
    { larkCache: new lark.DefaultCache() },
  );
  return { fake, bot };
}
