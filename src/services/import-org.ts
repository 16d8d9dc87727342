import { inArray } from 'drizzle-orm';
import { type OrgFile, OrgFileError } from '../org/parse-org';
import type { Db } from '../db/client';
import { insertAudit } from '../db/history-repository';
import { listPeople, listUnits } from '../db/org-repository';
import { people, units } from '../db/schema';

/** A chat binding the import changed on a unit that was already there (new units just get theirs). */
export interface ChatChange {
  unitId: string;
  unitName: string;
  /** The chat the file binds to the unit. */
  chatId: string;
  /** The chat the unit had before (null: none). */
  previousChatId: string | null;
  /** The unit that held this chat until now and lost it (one chat belongs to at most one unit). */
  movedFrom: { unitId: string; unitName: string } | null;
}

export interface OrgImportResult {
  unitsAdded: number;
  unitsUpdated: number;
  peopleAdded: number;
  peopleUpdated: number;
  /** People listed before but not in this file: their roles are withdrawn (the row stays, history refers to it). */
  peopleRetired: number;
  /**
   * Heads and liaisons named under `units` (`{id, name}`, not listed under `people`) whose name was stored or changed
   * (counted apart from peopleAdded/peopleUpdated, which are about the `people` list).
   */
  namesSet: number;
  /** Units missing from this file: kept, since items refer to them. */
  unitsNotInFile: string[];
  /**
   * Chat bindings the file changed: a unit of the file whose `chat:` differs from its binding, and any chat moved
   * away from the unit that held it. Units without `chat:` keep their binding and are not listed.
   */
  chatChanges: ChatChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Upserts the organisation from a parsed file. Idempotent: loading the same file twice changes nothing (no
 * writes, no audit row). All or nothing: one transaction.
 *
 * - Chat bindings are data: a unit's `chat:` sets its binding; a unit without one keeps the binding it has (made
 *   with `/督办 绑定` or by an earlier file). A chat the file gives to a unit is taken from whichever unit held it.
 * - People: those under `people` get their name, roles and leads. Heads and liaisons named under `units`
 *   (`{id, name}`) get their name and no role. Anyone else keeps their row (history refers to it), and loses any
 *   role they had (retired).
 */
export function importOrg(db: Db, org: OrgFile, actorId: string, now: Date): OrgImportResult {
  const at = now.toISOString();
  return db.transaction(
    (tx) => {
      const r: OrgImportResult = {
        unitsAdded: 0,
        unitsUpdated: 0,
        peopleAdded: 0,
        peopleUpdated: 0,
        peopleRetired: 0,
        namesSet: 0,
        unitsNotInFile: [],
        chatChanges: [],
      };
      const oldUnits = new Map(listUnits(tx).map((u) => [u.id, u]));
      for (const u of org.units) {
        const holder = [...oldUnits.values()].find((o) => o.name === u.name && o.id !== u.id);
        if (holder && !org.units.some((x) => x.id === holder.id && x.name !== u.name)) {
          throw new OrgFileError([{ line: null, path: `units(${u.id}).name`, message: `单位名称“${u.name}”已被单位 ${holder.id} 使用；如需更换单位 id，请先为 ${holder.id} 改名` }]);
        }
      }

      const doubled = org.units.find((u, i) => u.chat !== null && org.units.findIndex((x) => x.chat === u.chat) !== i);
      if (doubled) {
        throw new OrgFileError([{ line: null, path: `units(${doubled.id}).chat`, message: `群聊 ID "${doubled.chat}" 用于多个单位：一个群聊只能绑定一个单位` }]);
      }

      // Where every chat ends up: the file's chat where it gives one, the current binding elsewhere, and none for a
      // unit whose chat the file gives to another unit.
      const fileChat = new Map(org.units.filter((u) => u.chat !== null).map((u) => [u.chat!, u.id]));
      const finalChat = new Map<string, string | null>();
      for (const o of oldUnits.values()) finalChat.set(o.id, o.chatId);
      for (const u of org.units) finalChat.set(u.id, u.chat ?? oldUnits.get(u.id)?.chatId ?? null);
      for (const [id, chat] of finalChat) {
        const taker = chat !== null ? fileChat.get(chat) : undefined;
        if (taker !== undefined && taker !== id) finalChat.set(id, null);
      }

      const nameOf = (id: string) => org.units.find((u) => u.id === id)?.name ?? oldUnits.get(id)?.name ?? id;
      for (const u of org.units) {
        const old = oldUnits.get(u.id);
        const chat = finalChat.get(u.id) ?? null;
        if (!old || old.chatId === chat || chat === null) continue;
        const from = [...oldUnits.values()].find((o) => o.chatId === chat && o.id !== u.id);
        r.chatChanges.push({
          unitId: u.id,
          unitName: u.name,
          chatId: chat,
          previousChatId: old.chatId,
          movedFrom: from ? { unitId: from.id, unitName: nameOf(from.id) } : null,
        });
      }
      for (const u of org.units) {
        if (oldUnits.has(u.id) || u.chat === null) continue;
        const from = [...oldUnits.values()].find((o) => o.chatId === u.chat);
        if (from) {
          r.chatChanges.push({ unitId: u.id, unitName: u.name, chatId: u.chat, previousChatId: null, movedFrom: { unitId: from.id, unitName: nameOf(from.id) } });
        }
      }

      // A chat is unique to a unit (units_chat), so chats that change hands are first let go, then set.
      // A unit of the file is rewritten below anyway; one not in the file that lost its chat counts as updated here.
      const letGo = [...oldUnits.values()].filter((o) => o.chatId !== null && finalChat.get(o.id) !== o.chatId).map((o) => o.id);
      if (letGo.length) tx.update(units).set({ chatId: null, updatedAt: at }).where(inArray(units.id, letGo)).run();
      const inFile = new Set(org.units.map((u) => u.id));
      r.unitsUpdated += letGo.filter((id) => !inFile.has(id)).length;

      for (const u of org.units) {
        const row = { id: u.id, name: u.name, headId: u.head, liaisonIds: u.liaisons, chatId: finalChat.get(u.id) ?? null };
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
      r.unitsNotInFile = [...oldUnits.keys()].filter((id) => !inFile.has(id));

      const oldPeople = new Map(listPeople(tx).map((p) => [p.id, p]));
      const listedPeople = new Set(org.people.map((p) => p.id));
      const entries = [
        ...org.people.map((p) => ({ id: p.id, name: p.name, roles: [...p.roles] as string[], leads: p.leads, named: false })),
        // Heads and liaisons named under units: their name, and no role (roles come from `people` only).
        ...(org.names ?? [])
          .filter((n) => !listedPeople.has(n.id))
          .map((n) => ({ id: n.id, name: n.name, roles: [] as string[], leads: [] as string[], named: true })),
      ];
      for (const { named, ...row } of entries) {
        const old = oldPeople.get(row.id);
        const changed = !old || old.name !== row.name || !same(old.roles, row.roles) || !same(old.leads, row.leads);
        if (!changed) continue;
        if (named) {
          if (!old || old.name !== row.name) r.namesSet++;
          // Left `people` but still a head or liaison: the roles go, as for anyone who left the list.
          if (old && (old.roles.length || old.leads.length)) r.peopleRetired++;
        } else if (!old) r.peopleAdded++;
        else r.peopleUpdated++;
        tx.insert(people)
          .values({ ...row, updatedAt: at })
          .onConflictDoUpdate({ target: people.id, set: { ...row, updatedAt: at } })
          .run();
      }
      const listed = new Set(entries.map((p) => p.id));
      const retired = [...oldPeople.values()].filter((p) => !listed.has(p.id) && (p.roles.length || p.leads.length)).map((p) => p.id);
      if (retired.length) {
        tx.update(people).set({ roles: [], leads: [], updatedAt: at }).where(inArray(people.id, retired)).run();
        r.peopleRetired = retired.length;
      }
      const changed = r.unitsAdded + r.unitsUpdated + r.peopleAdded + r.peopleUpdated + r.peopleRetired + r.namesSet;
      if (changed) {
        insertAudit(tx, { itemId: null, actorId, channel: 'cli', action: 'org_import', changes: { ...r }, at });
      }
      return r;
    },
    { behavior: 'immediate' },
  );
}
