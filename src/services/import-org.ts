import { notInArray } from 'drizzle-orm';
import { type OrgFile, OrgFileError } from '../org/parse-org';
import type { Db } from '../db/client';
import { insertAudit } from '../db/history-repository';
import { listPeople, listUnits } from '../db/org-repository';
import { people, units } from '../db/schema';

export interface OrgImportResult {
  unitsAdded: number;
  unitsUpdated: number;
  peopleAdded: number;
  peopleUpdated: number;
  /** People listed before but not in this file: their roles are withdrawn (the row stays, history refers to it). */
  peopleRetired: number;
  /** Units missing from this file: kept, since items refer to them. */
  unitsNotInFile: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Upserts the organisation from a parsed file. Idempotent: loading the same file twice changes nothing (no
 * writes, no audit row). All or nothing: one transaction.
 */
export function importOrg(db: Db, org: OrgFile, actorId: string, now: Date): OrgImportResult {
  const at = now.toISOString();
  return db.transaction(
    (tx) => {
      const r: OrgImportResult = { unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, peopleRetired: 0, unitsNotInFile: [] };
      const oldUnits = new Map(listUnits(tx).map((u) => [u.id, u]));
      for (const u of org.units) {
        const holder = [...oldUnits.values()].find((o) => o.name === u.name && o.id !== u.id);
        if (holder && !org.units.some((x) => x.id === holder.id && x.name !== u.name)) {
          throw new OrgFileError([{ line: null, path: `units(${u.id}).name`, message: `单位名称“${u.name}”已被单位 ${holder.id} 使用；如需更换单位 id，请先为 ${holder.id} 改名` }]);
        }
      }
      for (const u of org.units) {
        const row = { id: u.id, name: u.name, headId: u.head, liaisonIds: u.liaisons, chatId: u.chat };
        const old = oldUnits.get(u.id);
        if (!old) {
          r.unitsAdded++;
        } else if (
          old.name !== row.name ||
          old.headId !== row.headId ||
          old.chatId !== row.chatId ||
          !same(old.liaisonIds, row.liaisonIds)
        ) {
          r.unitsUpdated++;
        } else continue;
        tx.insert(units)
          .values({ ...row, updatedAt: at })
          .onConflictDoUpdate({ target: units.id, set: { ...row, updatedAt: at } })
          .run();
      }
      const inFile = new Set(org.units.map((u) => u.id));
      r.unitsNotInFile = [...oldUnits.keys()].filter((id) => !inFile.has(id));

      const oldPeople = new Map(listPeople(tx).map((p) => [p.id, p]));
      for (const p of org.people) {
        const row = { id: p.id, name: p.name, roles: [...p.roles], leads: p.leads };
        const old = oldPeople.get(p.id);
        if (!old) r.peopleAdded++;
        else if (old.name !== row.name || !same(old.roles, row.roles) || !same(old.leads, row.leads)) r.peopleUpdated++;
        else continue;
        tx.insert(people)
          .values({ ...row, updatedAt: at })
          .onConflictDoUpdate({ target: people.id, set: { ...row, updatedAt: at } })
          .run();
      }
      const listed = org.people.map((p) => p.id);
      const retired = [...oldPeople.values()].filter((p) => !listed.includes(p.id) && (p.roles.length || p.leads.length));
      if (retired.length) {
        tx.update(people)
          .set({ roles: [], leads: [], updatedAt: at })
          .where(notInArray(people.id, listed.length ? listed : ['']))
          .run();
        r.peopleRetired = retired.length;
      }
      const changed = r.unitsAdded + r.unitsUpdated + r.peopleAdded + r.peopleUpdated + r.peopleRetired;
      if (changed) {
        insertAudit(tx, { itemId: null, actorId, channel: 'cli', action: 'org_import', changes: { ...r }, at });
      }
      return r;
    },
    { behavior: 'immediate' },
  );
}
