/**
 * Loading the organisation file (examples/org.yaml) into the database: idempotent, reports what changed, retires
 * people who left the file, and loadActor then knows who heads and who liaises for which unit.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { findPerson, findUnit, leaderOfUnit, loadActor, peopleWithRole } from '../../src/db/org-repository';
import { type OrgFile, parseOrg } from '../../src/org/parse-org';
import { importOrg } from '../../src/services/import-org';
import { type TestDb, openTestDb } from '../support/fixtures';
import { dumpTables } from '../support/assertions';

const EXAMPLE = parseOrg(readFileSync(new URL('../../examples/org.yaml', import.meta.url), 'utf8'));
const EMPTY: OrgFile = { units: [], people: [] };

const dump = (db: Db) => dumpTables(db);
const clone = (org: OrgFile): OrgFile => structuredClone(org);

let t: TestDb;
beforeEach(() => {
  // A migrated file with no organisation yet (importing an empty file changes nothing).
  t = openTestDb(undefined, EMPTY);
});
afterEach(() => t.close());

const imports = () => t.db.$client.prepare("SELECT * FROM audit_log WHERE action = 'org_import' ORDER BY id").all() as {
  actor_id: string;
  channel: string;
  item_id: number | null;
  changes: string;
  at: string;
}[];

describe('importOrg with examples/org.yaml', () => {
  it('the first import adds everything and writes one audit row', () => {
    expect(imports()).toHaveLength(0);
    const r = importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
    expect(r).toEqual({
      unitsAdded: EXAMPLE.units.length,
      unitsUpdated: 0,
      peopleAdded: EXAMPLE.people.length,
      peopleUpdated: 0,
      peopleRetired: 0,
      unitsNotInFile: [],
    });
    expect(EXAMPLE.units.length).toBe(12);
    const rows = imports();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: 'ou_xxhc_xu', channel: 'cli', item_id: null, at: '2026-11-01T01:00:00.000Z' });
    expect(JSON.parse(rows[0]!.changes)).toEqual(r);
    expect(findUnit(t.db, 'kyc')).toMatchObject({
      name: '科研处',
      headId: 'ou_kyc_head',
      liaisonIds: ['ou_kyc_liaison', 'ou_kyc_liaison2'],
      chatId: 'oc_kyc_duban',
      updatedAt: '2026-11-01T01:00:00.000Z',
    });
    expect(findUnit(t.db, 'rsc')).toMatchObject({ chatId: null });
    expect(findPerson(t.db, 'ou_vp_li')).toMatchObject({ name: '李副校长', roles: ['leader'], leads: ['jwc', 'yjsy', 'jsjxy'] });
  });

  it('importing the same file again reports zero changes and writes nothing', () => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
    const before = dump(t.db);
    const again = importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-02T01:00:00Z'));
    expect(again).toEqual({ unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, peopleRetired: 0, unitsNotInFile: [] });
    expect(dump(t.db)).toEqual(before); // updated_at untouched too
    expect(imports()).toHaveLength(1);
    // Re-parsing the file (fresh objects, same content) is just as quiet.
    const reparsed = parseOrg(readFileSync(new URL('../../examples/org.yaml', import.meta.url), 'utf8'));
    expect(importOrg(t.db, reparsed, 'ou_xxhc_xu', new Date('2026-11-03T01:00:00Z')).unitsUpdated).toBe(0);
    expect(dump(t.db)).toEqual(before);
  });

  it('a changed head is one unit updated; the new head gets headOf, the old one loses it', () => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
    expect(loadActor(t.db, 'ou_jwc_head').headOf).toEqual(['jwc']);
    const org = clone(EXAMPLE);
    org.units.find((u) => u.id === 'jwc')!.head = 'ou_jwc_newhead';
    const r = importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-05T01:00:00Z'));
    expect(r).toEqual({ unitsAdded: 0, unitsUpdated: 1, peopleAdded: 0, peopleUpdated: 0, peopleRetired: 0, unitsNotInFile: [] });
    expect(findUnit(t.db, 'jwc')).toMatchObject({ headId: 'ou_jwc_newhead', updatedAt: '2026-11-05T01:00:00.000Z' });
    // Only that unit was rewritten.
    expect(findUnit(t.db, 'kyc')!.updatedAt).toBe('2026-11-01T01:00:00.000Z');
    expect(loadActor(t.db, 'ou_jwc_newhead').headOf).toEqual(['jwc']);
    expect(loadActor(t.db, 'ou_jwc_head').headOf).toEqual([]);
    expect(imports()).toHaveLength(2);
    expect(JSON.parse(imports()[1]!.changes)).toMatchObject({ unitsUpdated: 1 });
  });

  it('liaisons, chats and names count as unit changes; roles and leads as person changes', () => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
    const org = clone(EXAMPLE);
    org.units.find((u) => u.id === 'kyc')!.liaisons = ['ou_kyc_liaison'];
    org.units.find((u) => u.id === 'rsc')!.chat = 'oc_rsc_duban';
    org.units.find((u) => u.id === 'wxy')!.name = '文学与新闻学院';
    org.people.find((p) => p.id === 'ou_vp_li')!.leads = ['jwc', 'yjsy'];
    org.people.find((p) => p.id === 'ou_dcs_zhao')!.roles = ['supervisor', 'admin'];
    org.people.push({ id: 'ou_new_sup', name: '新督查', roles: ['supervisor'], leads: [] });
    const r = importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-05T01:00:00Z'));
    expect(r).toEqual({ unitsAdded: 0, unitsUpdated: 3, peopleAdded: 1, peopleUpdated: 2, peopleRetired: 0, unitsNotInFile: [] });
    expect(loadActor(t.db, 'ou_kyc_liaison2').liaisonOf).toEqual([]);
    expect(loadActor(t.db, 'ou_dcs_zhao').roles).toEqual(['supervisor', 'admin']);
    expect(leaderOfUnit(t.db, 'jsjxy')).toBeNull();
    expect(importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-06T01:00:00Z'))).toMatchObject({ unitsUpdated: 0, peopleUpdated: 0, peopleAdded: 0 });
  });

  it('a person removed from the file loses roles and leads, but the row stays for history', () => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
    expect(leaderOfUnit(t.db, 'cwc')?.id).toBe('ou_vp_wu');
    const org = clone(EXAMPLE);
    org.people = org.people.filter((p) => p.id !== 'ou_vp_wu' && p.id !== 'ou_jcc_sun');
    const r = importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-05T01:00:00Z'));
    expect(r).toEqual({ unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, peopleRetired: 2, unitsNotInFile: [] });
    expect(findPerson(t.db, 'ou_vp_wu')).toMatchObject({ name: '吴副校长', roles: [], leads: [], updatedAt: '2026-11-05T01:00:00.000Z' });
    expect(loadActor(t.db, 'ou_vp_wu').roles).toEqual([]);
    expect(loadActor(t.db, 'ou_jcc_sun').roles).toEqual([]);
    expect(leaderOfUnit(t.db, 'cwc')).toBeNull();
    expect(peopleWithRole(t.db, 'observer').map((p) => p.id).sort()).toEqual(['ou_jwb_liu', 'ou_zzb_he']);
    // Importing that file again: nobody is retired twice, nothing is written.
    const before = dump(t.db);
    expect(importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-06T01:00:00Z')).peopleRetired).toBe(0);
    expect(dump(t.db)).toEqual(before);
    // Coming back is an update of the kept row.
    expect(importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-07T01:00:00Z'))).toMatchObject({ peopleAdded: 0, peopleUpdated: 2 });
    expect(loadActor(t.db, 'ou_vp_wu').roles).toEqual(['leader']);
  });

  it('a unit missing from the file is kept (items refer to it) and reported', () => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
    const org = clone(EXAMPLE);
    org.units = org.units.filter((u) => u.id !== 'wxy');
    for (const p of org.people) p.leads = p.leads.filter((u) => u !== 'wxy');
    const r = importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-05T01:00:00Z'));
    expect(r.unitsNotInFile).toEqual(['wxy']);
    expect(r.peopleUpdated).toBe(1); // 张副校长 no longer leads it
    expect(findUnit(t.db, 'wxy')).toMatchObject({ name: '文学院' });
  });

  it('a failing import is all or nothing', () => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
    const before = dump(t.db);
    // A new unit id under an existing unit's name is refused with the name and the unit that holds it.
    const org = clone(EXAMPLE);
    org.units.find((u) => u.id === 'jwc')!.head = 'ou_jwc_newhead'; // written before the failure
    org.units.push({ id: 'kyc2', name: '科研处', head: 'ou_x', liaisons: [], chat: null });
    org.units = org.units.filter((u) => u.id !== 'kyc');
    expect(() => importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-05T01:00:00Z'))).toThrow(/已被单位 kyc 使用/);
    expect(dump(t.db)).toEqual(before);
  });
});

describe('loadActor after the import', () => {
  beforeEach(() => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
  });

  it('knows heads and liaisons (who need not be listed under people)', () => {
    expect(loadActor(t.db, 'ou_jwc_head')).toEqual({ id: 'ou_jwc_head', name: 'ou_jwc_head', roles: [], headOf: ['jwc'], liaisonOf: [] });
    expect(loadActor(t.db, 'ou_kyc_liaison2')).toMatchObject({ roles: [], headOf: [], liaisonOf: ['kyc'] });
    expect(loadActor(t.db, 'ou_hqbzb_liaison')).toMatchObject({ headOf: [], liaisonOf: ['hqbzb'] });
    expect(loadActor(t.db, 'ou_jsjxy_head').headOf).toEqual(['jsjxy']);
  });

  it('combines a role with a unit: 徐工 is admin and the liaison of 信息化建设与管理处', () => {
    expect(loadActor(t.db, 'ou_xxhc_xu')).toEqual({ id: 'ou_xxhc_xu', name: '徐工', roles: ['admin'], headOf: [], liaisonOf: ['xxhc'] });
  });

  it('gives leaders and principals their roles, and unknown people nothing', () => {
    expect(loadActor(t.db, 'ou_vp_li')).toEqual({ id: 'ou_vp_li', name: '李副校长', roles: ['leader'], headOf: [], liaisonOf: [] });
    expect(loadActor(t.db, 'ou_xz_lin').roles).toEqual(['principal']);
    expect(peopleWithRole(t.db, 'supervisor').map((p) => p.id).sort()).toEqual(['ou_dbxb_qian', 'ou_dcs_wang', 'ou_dcs_zhao']);
    expect(leaderOfUnit(t.db, 'kyc')?.id).toBe('ou_vp_zhang');
    expect(loadActor(t.db, 'ou_nobody')).toEqual({ id: 'ou_nobody', name: 'ou_nobody', roles: [], headOf: [], liaisonOf: [] });
  });

  it('a person who heads one unit and liaises for another has both', () => {
    const org = clone(EXAMPLE);
    org.units.find((u) => u.id === 'gjc')!.liaisons.push('ou_wxy_head');
    importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-05T01:00:00Z'));
    expect(loadActor(t.db, 'ou_wxy_head')).toMatchObject({ headOf: ['wxy'], liaisonOf: ['gjc'] });
  });
});
