import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../src/db/client';
import { createWorkCalendar } from '../../src/domain/calendar';
import type { OrgFile } from '../../src/org/parse-org';
import { type EventSink, type ItemEvent, type ServiceContext, noEvents } from '../../src/services/context';
import { importOrg } from '../../src/services/import-org';

/** A small organisation with one person in each standing an item can give. */
export const TEST_ORG: OrgFile = {
  units: [
    { id: 'jwc', name: '教务处', head: 'ou_head_jwc', liaisons: ['ou_liaison_jwc'], chat: 'oc_jwc' },
    { id: 'kyc', name: '科研处', head: 'ou_head_kyc', liaisons: ['ou_liaison_kyc'], chat: 'oc_kyc' },
    { id: 'rsc', name: '人事处', head: 'ou_head_rsc', liaisons: [], chat: null },
  ],
  people: [
    { id: 'ou_sup', name: '王督查', roles: ['supervisor'], leads: [] },
    { id: 'ou_vp1', name: '李副校长', roles: ['leader'], leads: ['jwc', 'kyc'] },
    { id: 'ou_vp2', name: '赵副校长', roles: ['leader'], leads: ['rsc'] },
    { id: 'ou_pres', name: '张校长', roles: ['principal'], leads: [] },
    { id: 'ou_obs', name: '纪委办刘', roles: ['observer'], leads: [] },
    { id: 'ou_admin', name: '系统管理员', roles: ['admin'], leads: [] },
    { id: 'ou_head_jwc', name: '教务处处长', roles: [], leads: [] },
    { id: 'ou_liaison_jwc', name: '教务处联络人', roles: [], leads: [] },
    { id: 'ou_head_kyc', name: '科研处处长', roles: [], leads: [] },
  ],
};

/** Who stands how to an item registered with `baseInput` (lead 教务处, coop 科研处, leader 李副校长). */
export const WHO = {
  supervisor: 'ou_sup',
  leader: 'ou_vp1',
  otherLeader: 'ou_vp2',
  principal: 'ou_pres',
  unitHead: 'ou_head_jwc',
  liaison: 'ou_liaison_jwc',
  coopHead: 'ou_head_kyc',
  otherUnitHead: 'ou_head_rsc',
  observer: 'ou_obs',
  admin: 'ou_admin',
  stranger: 'ou_nobody',
} as const;

export { baseInput } from './items';

/** Records events handed to the sink, to assert that the transaction reported what it did. */
export function recordingSink(): EventSink & { events: ItemEvent[] } {
  const events: ItemEvent[] = [];
  return { events, record: (_tx, e) => void events.push(e) };
}

export interface TestDb {
  db: Db;
  path: string;
  dir: string;
  ctx: ServiceContext;
  close(): void;
}

/** A real SQLite file in a temp folder, migrated by the real migrations, with TEST_ORG loaded. */
export function openTestDb(events: EventSink = noEvents, org: OrgFile = TEST_ORG): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
  const path = join(dir, 'duban.db');
  const db = openDatabase(path);
  importOrg(db, org, 'test', new Date('2026-11-01T00:00:00Z'));
  const ctx: ServiceContext = { db, calendar: createWorkCalendar(), events };
  return {
    db,
    path,
    dir,
    ctx,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** 09:00 in Beijing on a given date. */
export const at = (date: string, time = '09:00') => new Date(`${date}T${time}:00+08:00`);
