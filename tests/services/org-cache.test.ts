import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { findUnit, findUnitByChat, loadActor, personNamer } from '../../src/db/org-repository';
import { bindUnitChat } from '../../src/services/bind-chat';
import { importOrg } from '../../src/services/import-org';
import { TEST_ORG, WHO, openTestDb } from '../support/fixtures';

/**
 * The organisation is held in memory (db/org-cache.ts) and must never be staler than the tables: a change made by
 * another process on the same file (the `org import` command while the server runs), by this process, or inside a
 * transaction (seen by that transaction, gone again if it rolls back) is what the next read sees.
 */
const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

const withNewSupervisor = {
  ...TEST_ORG,
  people: [...TEST_ORG.people, { id: WHO.stranger, name: '新来的督查员', roles: ['supervisor' as const], leads: [] }],
};

describe('the organisation held in memory follows every change', () => {
  it('sees a person another process imports while this one runs, at its next read', () => {
    const server = openTestDb();
    opened.push(server);
    expect(loadActor(server.db, WHO.stranger).roles).toEqual([]); // read once: now held in memory
    const cli = openDatabase(server.path);
    opened.push({ close: () => cli.$client.close() });
    importOrg(cli, withNewSupervisor, 'cli', new Date('2026-11-02T00:00:00Z'));
    const actor = loadActor(server.db, WHO.stranger);
    expect(actor.roles).toEqual(['supervisor']);
    expect(personNamer(server.db)(WHO.stranger)).toBe('新来的督查员');
  });

  it('sees a chat bound in this process at once, and inside a transaction that then rolls back only until it does', () => {
    const t = openTestDb();
    opened.push(t);
    expect(findUnitByChat(t.db, 'oc_new_rsc')).toBeNull();
    expect(() =>
      t.db.transaction((tx) => {
        t.db.$client.prepare("UPDATE units SET chat_id = 'oc_new_rsc', name = '人事处（新）' WHERE id = 'rsc'").run();
        expect(findUnit(tx, 'rsc')?.name).toBe('人事处（新）');
        expect(findUnitByChat(tx, 'oc_new_rsc')?.id).toBe('rsc');
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(findUnit(t.db, 'rsc')?.name).toBe('人事处');
    expect(findUnitByChat(t.db, 'oc_new_rsc')).toBeNull();
    bindUnitChat(t.ctx, findUnit(t.db, 'rsc')!, 'oc_new_rsc', WHO.supervisor, new Date('2026-11-03T00:00:00Z'));
    expect(findUnitByChat(t.db, 'oc_new_rsc')?.id).toBe('rsc');
  });
});
