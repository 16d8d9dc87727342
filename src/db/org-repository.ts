import type { Actor, OrgRole } from '../domain/actor';
import type { DbOrTx } from './client';
import { headedBy, liaisedBy, orgSnapshot } from './org-cache';
import { people, units } from './schema';

export type UnitRow = typeof units.$inferSelect;
export type PersonRow = typeof people.$inferSelect;

// Reads come from the organisation held in memory (org-cache.ts), refreshed when units or people change.
export const listUnits = (db: DbOrTx): UnitRow[] => [...orgSnapshot(db).units];
export const listPeople = (db: DbOrTx): PersonRow[] => [...orgSnapshot(db).people];
export const findUnit = (db: DbOrTx, id: string): UnitRow | null => orgSnapshot(db).unitById.get(id) ?? null;
export const findPerson = (db: DbOrTx, id: string): PersonRow | null => orgSnapshot(db).personById.get(id) ?? null;
/** The unit a group chat is bound to (at most one: units_chat is unique). */
export const findUnitByChat = (db: DbOrTx, chatId: string): UnitRow | null => orgSnapshot(db).unitByChat.get(chatId) ?? null;

/** Shown where a person has no known name and holds no post: never the raw open_id. */
export const UNNAMED_PERSON = '未登记姓名的人员';

/**
 * What a person is called on cards and in history: their name; without one, their post (教务处负责人,
 * 教务处联络人); failing that {@link UNNAMED_PERSON}. Never the id: an `ou_…` means nothing to a reader.
 */
export function personLabel(name: string | null | undefined, headOf: readonly string[], liaisonOf: readonly string[]): string {
  if (name) return name;
  if (headOf.length) return `${headOf[0]}负责人`;
  if (liaisonOf.length) return `${liaisonOf[0]}联络人`;
  return UNNAMED_PERSON;
}

/** How the history names the server acting by itself (audit rows with actor 'system'). */
export const SYSTEM_NAME = '系统（自动）';

/** Unit names by id (for cards), from the organisation held in memory; an unknown id is shown as itself. */
export function unitNamer(db: DbOrTx): (id: string) => string {
  const org = orgSnapshot(db);
  return (id) => org.unitById.get(id)?.name ?? id;
}

/** Names for every person id at once (for cards), from the organisation held in memory. */
export function personNamer(db: DbOrTx): (id: string) => string {
  const org = orgSnapshot(db);
  return (id) => {
    const name = org.personById.get(id)?.name;
    if (name) return name;
    // What the server does by itself (the daily 归档, documents it writes) is recorded as 'system'.
    if (id === 'system') return SYSTEM_NAME;
    return personLabel(null, headedBy(org, id).map((u) => u.name), liaisedBy(org, id).map((u) => u.name));
  };
}

/** Everything the rules need to know about a person, from the organisation held in memory. Unknown people get no powers. */
export function loadActor(db: DbOrTx, id: string): Actor {
  const org = orgSnapshot(db);
  const person = org.personById.get(id);
  const heads = headedBy(org, id);
  const liaisons = liaisedBy(org, id);
  return {
    id,
    name: personLabel(person?.name, heads.map((u) => u.name), liaisons.map((u) => u.name)),
    roles: [...(person?.roles ?? [])] as OrgRole[],
    headOf: heads.map((u) => u.id),
    liaisonOf: liaisons.map((u) => u.id),
  };
}

/** People holding a role (supervisors to chase with, principals to sign off, admins to alert). */
export function peopleWithRole(db: DbOrTx, role: OrgRole): PersonRow[] {
  return orgSnapshot(db).people.filter((p) => p.roles.includes(role));
}

/** The leader who is in charge of a unit per the org file, when exactly one is. */
export function leaderOfUnit(db: DbOrTx, unitId: string): PersonRow | null {
  const rows = orgSnapshot(db).people.filter((p) => p.leads.includes(unitId) && p.roles.includes('leader'));
  return rows.length === 1 ? rows[0]! : null;
}
