/**
 * Loading the organisation file (examples/org.yaml) into the database: idempotent, reports what changed, retires
 * people who left the file, and loadActor then knows who heads and who liaises for which unit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { UNNAMED_PERSON, findPerson, findUnit, leaderOfUnit, loadActor, peopleWithRole } from '../../src/db/org-repository';
import { type OrgFile, parseOrg } from '../../src/org/parse-org';
import { importOrg } from '../../src/services/import-org';
import { bindUnitChat } from '../../src/services/bind-chat';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { describeImport, openRuntime } from '../../src/runtime';
import { type TestDb, openTestDb } from '../support/fixtures';
import { dumpTables } from '../support/assertions';

const EXAMPLE = parseOrg(readFileSync(new URL('../../examples/org.yaml', import.meta.url), 'utf8'));
const EMPTY: OrgFile = { units: [], people: [] };
/** An import that changed nothing; tests spread the counts they expect over it. */
const NONE = { unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, peopleRetired: 0, namesSet: 0, unitsNotInFile: [], chatChanges: [] };

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
    expect(r).toEqual({ ...NONE, unitsAdded: EXAMPLE.units.length, peopleAdded: EXAMPLE.people.length, namesSet: EXAMPLE.names!.length });
    expect(EXAMPLE.units.length).toBe(12);
    expect(EXAMPLE.names!.length).toBe(3);
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
    expect(again).toEqual(NONE);
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
    expect(r).toEqual({ ...NONE, unitsUpdated: 1 });
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
    expect(r).toEqual({
      ...NONE,
      unitsUpdated: 3,
      peopleAdded: 1,
      peopleUpdated: 2,
      chatChanges: [{ unitId: 'rsc', unitName: '人事处', chatId: 'oc_rsc_duban', previousChatId: null, movedFrom: null }],
    });
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
    expect(r).toEqual({ ...NONE, peopleRetired: 2 });
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
    expect(loadActor(t.db, 'ou_jwc_head')).toEqual({ id: 'ou_jwc_head', name: '陈明', roles: [], headOf: ['jwc'], liaisonOf: [] });
    // Known by open_id only: named by the post, never by the id.
    expect(loadActor(t.db, 'ou_kyc_liaison2')).toMatchObject({ name: '科研处联络人', roles: [], headOf: [], liaisonOf: ['kyc'] });
    expect(loadActor(t.db, 'ou_rsc_head').name).toBe('人事处负责人');
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
    expect(loadActor(t.db, 'ou_nobody')).toEqual({ id: 'ou_nobody', name: UNNAMED_PERSON, roles: [], headOf: [], liaisonOf: [] });
  });

  it('a person who heads one unit and liaises for another has both', () => {
    const org = clone(EXAMPLE);
    org.units.find((u) => u.id === 'gjc')!.liaisons.push('ou_wxy_head');
    importOrg(t.db, org, 'ou_xxhc_xu', new Date('2026-11-05T01:00:00Z'));
    expect(loadActor(t.db, 'ou_wxy_head')).toMatchObject({ headOf: ['wxy'], liaisonOf: ['gjc'] });
  });
});

describe('chat bindings are data: the file sets them, chat commands keep theirs', () => {
  const bind = (unitId: string, chatId: string, confirm = false) =>
    bindUnitChat(t.ctx, findUnit(t.db, unitId)!, chatId, 'ou_dcs_wang', new Date('2026-11-02T02:00:00Z'), undefined, { confirm });

  beforeEach(() => {
    importOrg(t.db, EXAMPLE, 'ou_xxhc_xu', new Date('2026-11-01T01:00:00Z'));
  });

  it('a binding made in chat survives importing the file again (rsc has no chat: in the file)', () => {
    bind('rsc', 'oc_rsc_group');
    const r = importOrg(t.db, EXAMPLE, 'system', new Date('2026-11-03T01:00:00Z'));
    expect(r).toEqual(NONE);
    expect(findUnit(t.db, 'rsc')!.chatId).toBe('oc_rsc_group');
  });

  it('and a restart: openRuntime with ORG_FILE, twice, keeps it', () => {
    const file = join(t.dir, 'org.yaml');
    writeFileSync(file, readFileSync(new URL('../../examples/org.yaml', import.meta.url), 'utf8'));
    const dbPath = join(t.dir, 'restart.db');
    const config = loadConfig({ DATABASE_PATH: dbPath, ORG_FILE: file });
    const log = createLogger('silent');
    const first = openRuntime(config, log);
    bindUnitChat({ ...t.ctx, db: first.db }, findUnit(first.db, 'cwc')!, 'oc_cwc_group', 'ou_dcs_wang', new Date());
    first.db.$client.close();
    const second = openRuntime(config, log);
    try {
      expect(findUnit(second.db, 'cwc')!.chatId).toBe('oc_cwc_group');
      expect(findUnit(second.db, 'jwc')!.chatId).toBe('oc_jwc_duban');
    } finally {
      second.db.$client.close();
    }
  });

  it("the file's chat: moves a binding made in chat to its unit, and says so", () => {
    bind('rsc', 'oc_rsc_group');
    const org = clone(EXAMPLE);
    org.units.find((u) => u.id === 'cwc')!.chat = 'oc_rsc_group';
    const r = importOrg(t.db, org, 'system', new Date('2026-11-03T01:00:00Z'));
    expect(r).toEqual({
      ...NONE,
      unitsUpdated: 2,
      chatChanges: [{ unitId: 'cwc', unitName: '财务处', chatId: 'oc_rsc_group', previousChatId: null, movedFrom: { unitId: 'rsc', unitName: '人事处' } }],
    });
    expect(findUnit(t.db, 'cwc')).toMatchObject({ chatId: 'oc_rsc_group', updatedAt: '2026-11-03T01:00:00.000Z' });
    expect(findUnit(t.db, 'rsc')).toMatchObject({ chatId: null, updatedAt: '2026-11-03T01:00:00.000Z' });
    expect(describeImport(r)).toContain('群聊 财务处 → oc_rsc_group，自人事处移来');
    expect(JSON.parse(imports().at(-1)!.changes)).toMatchObject({ chatChanges: r.chatChanges });
    // The same file again: nothing to do.
    expect(importOrg(t.db, org, 'system', new Date('2026-11-04T01:00:00Z'))).toEqual(NONE);
  });

  it('a changed chat: replaces the old one; chats swapped between two units both move', () => {
    const org = clone(EXAMPLE);
    org.units.find((u) => u.id === 'jwc')!.chat = 'oc_kyc_duban';
    org.units.find((u) => u.id === 'kyc')!.chat = 'oc_jwc_duban';
    org.units.find((u) => u.id === 'xgb')!.chat = 'oc_xgb_new';
    const r = importOrg(t.db, org, 'system', new Date('2026-11-03T01:00:00Z'));
    expect(r.unitsUpdated).toBe(3);
    expect(r.chatChanges).toEqual([
      { unitId: 'jwc', unitName: '教务处', chatId: 'oc_kyc_duban', previousChatId: 'oc_jwc_duban', movedFrom: { unitId: 'kyc', unitName: '科研处' } },
      { unitId: 'kyc', unitName: '科研处', chatId: 'oc_jwc_duban', previousChatId: 'oc_kyc_duban', movedFrom: { unitId: 'jwc', unitName: '教务处' } },
      { unitId: 'xgb', unitName: '学生工作部（处）', chatId: 'oc_xgb_new', previousChatId: 'oc_xgb_duban', movedFrom: null },
    ]);
    expect(describeImport(r)).toContain('群聊 学生工作部（处） → oc_xgb_new（原 oc_xgb_duban）');
    expect([findUnit(t.db, 'jwc')!.chatId, findUnit(t.db, 'kyc')!.chatId]).toEqual(['oc_kyc_duban', 'oc_jwc_duban']);
  });

  it('a chat taken from a unit that is no longer in the file: that unit is updated too', () => {
    const org = clone(EXAMPLE);
    org.units = org.units.filter((u) => u.id !== 'hqbzb');
    for (const p of org.people) p.leads = p.leads.filter((u) => u !== 'hqbzb');
    org.units.find((u) => u.id === 'cwc')!.chat = 'oc_hqbzb_duban';
    const r = importOrg(t.db, org, 'system', new Date('2026-11-03T01:00:00Z'));
    expect(r).toMatchObject({ unitsUpdated: 2, unitsNotInFile: ['hqbzb'] });
    expect(r.chatChanges[0]!.movedFrom).toEqual({ unitId: 'hqbzb', unitName: '后勤保障部' });
    expect(findUnit(t.db, 'hqbzb')!.chatId).toBeNull();
  });

  it('a new unit given a held chat takes it and reports the move; two units with one chat are refused', () => {
    const org = clone(EXAMPLE);
    org.units.push({ id: 'bgs', name: '党政办公室', head: null, liaisons: [], chat: 'oc_wxy_group' });
    bind('wxy', 'oc_wxy_group');
    const r = importOrg(t.db, org, 'system', new Date('2026-11-03T01:00:00Z'));
    expect(r.chatChanges).toEqual([{ unitId: 'bgs', unitName: '党政办公室', chatId: 'oc_wxy_group', previousChatId: null, movedFrom: { unitId: 'wxy', unitName: '文学院' } }]);
    expect(findUnit(t.db, 'wxy')!.chatId).toBeNull();

    const before = dump(t.db);
    const bad = clone(org);
    bad.units.find((u) => u.id === 'rsc')!.chat = 'oc_jwc_duban';
    expect(() => importOrg(t.db, bad, 'system', new Date('2026-11-04T01:00:00Z'))).toThrow(/一个群聊只能绑定一个单位/);
    expect(dump(t.db)).toEqual(before);
  });
});

describe('heads and liaisons named under units', () => {
  const file = (head: string, extra: string[] = []) =>
    parseOrg(['units:', '  - id: jwc', '    name: 教务处', `    head: ${head}`, '    liaisons: [ou_l]', 'people:', '  - {id: ou_sup, name: 王督查, roles: [supervisor]}', ...extra, ''].join('\n'));

  it('are stored with their name, counted apart from people, and not retired for being absent from people', () => {
    const r = importOrg(t.db, file('{id: ou_h, name: 陈处长}'), 'system', new Date('2026-11-01T01:00:00Z'));
    expect(r).toMatchObject({ peopleAdded: 1, namesSet: 1, peopleRetired: 0 });
    expect(findPerson(t.db, 'ou_h')).toMatchObject({ name: '陈处长', roles: [], leads: [] });
    expect(loadActor(t.db, 'ou_h')).toMatchObject({ name: '陈处长', headOf: ['jwc'] });
    expect(describeImport(r)).toContain('单位负责人、联络人姓名 登记 1');
    // Again: nothing. A new name: one name set, the row updated.
    expect(importOrg(t.db, file('{id: ou_h, name: 陈处长}'), 'system', new Date('2026-11-02T01:00:00Z'))).toEqual(NONE);
    expect(importOrg(t.db, file('{id: ou_h, name: 陈明}'), 'system', new Date('2026-11-03T01:00:00Z'))).toEqual({ ...NONE, namesSet: 1 });
    expect(findPerson(t.db, 'ou_h')!.name).toBe('陈明');
    // Written by id only now: the name stays (history keeps naming them), nothing is retired.
    expect(importOrg(t.db, file('ou_h'), 'system', new Date('2026-11-04T01:00:00Z'))).toEqual(NONE);
    expect(findPerson(t.db, 'ou_h')!.name).toBe('陈明');
  });

  it('someone who leaves people but stays a named head loses the roles (retired) and keeps the name', () => {
    importOrg(t.db, file('ou_sup'), 'system', new Date('2026-11-01T01:00:00Z'));
    const org = parseOrg(['units:', '  - id: jwc', '    name: 教务处', '    head: {id: ou_sup, name: 王督查}', 'people: []', ''].join('\n'));
    const r = importOrg(t.db, org, 'system', new Date('2026-11-02T01:00:00Z'));
    expect(r).toMatchObject({ peopleRetired: 1, namesSet: 0 });
    expect(findPerson(t.db, 'ou_sup')).toMatchObject({ name: '王督查', roles: [] });
  });
});
