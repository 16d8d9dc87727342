import { eq, sql } from 'drizzle-orm';
import type { Actor, OrgRole } from '../domain/actor';
import type { DbOrTx } from './client';
import { people, units } from './schema';

export type UnitRow = typeof units.$inferSelect;
export type PersonRow = typeof people.$inferSelect;

export const listUnits = (db: DbOrTx): UnitRow[] => db.select().from(units).orderBy(units.id).all();
export const listPeople = (db: DbOrTx): PersonRow[] => db.select().from(people).orderBy(people.id).all();
export const findUnit = (db: DbOrTx, id: string) => db.select().from(units).where(eq(units.id, id)).get() ?? null;
export const findPerson = (db: DbOrTx, id: string) => db.select().from(people).where(eq(people.id, id)).get() ?? null;
/** The unit a group chat is bound to (at most one: units_chat is unique). */
export const findUnitByChat = (db: DbOrTx, chatId: string) => db.select().from(units).where(eq(units.chatId, chatId)).get() ?? null;

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

/** Names for every person id at once (for cards): a lookup that reads the tables once, on first use. */
export function personNamer(db: DbOrTx): (id: string) => string {
  let named: Map<string, string> | null = null;
  let posts: Map<string, { headOf: string[]; liaisonOf: string[] }> | null = null;
  return (id) => {
    named ??= new Map(listPeople(db).filter((p) => p.name !== '').map((p) => [p.id, p.name]));
    const name = named.get(id);
    if (name) return name;
    if (!posts) {
      posts = new Map();
      const post = (pid: string) => posts!.get(pid) ?? (posts!.set(pid, { headOf: [], liaisonOf: [] }), posts!.get(pid)!);
      for (const u of listUnits(db)) {
        if (u.headId) post(u.headId).headOf.push(u.name);
        for (const l of u.liaisonIds) post(l).liaisonOf.push(u.name);
      }
    }
    const p = posts.get(id);
    return personLabel(null, p?.headOf ?? [], p?.liaisonOf ?? []);
  };
}

/** Everything the rules need to know about a person, read from the org tables. Unknown people get no powers. */
export function loadActor(db: DbOrTx, id: string): Actor {
  const person = findPerson(db, id);
  const heads = db.select({ id: units.id, name: units.name }).from(units).where(eq(units.headId, id)).all();
  const liaisons = db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(sql`EXISTS (SELECT 1 FROM json_each(${units.liaisonIds}) WHERE value = ${id})`)
    .all();
  const headOf = heads.map((u) => u.id);
  const liaisonOf = liaisons.map((u) => u.id);
  return {
    id,
    name: personLabel(person?.name, heads.map((u) => u.name), liaisons.map((u) => u.name)),
    roles: (person?.roles ?? []) as OrgRole[],
    headOf,
    liaisonOf,
  };
}

/** People holding a role (supervisors to chase with, principals to sign off, admins to alert). */
export function peopleWithRole(db: DbOrTx, role: OrgRole): PersonRow[] {
  return db
    .select()
    .from(people)
    .where(sql`EXISTS (SELECT 1 FROM json_each(${people.roles}) WHERE value = ${role})`)
    .all();
}

/** The leader who is in charge of a unit per the org file, when exactly one is. */
export function leaderOfUnit(db: DbOrTx, unitId: string): PersonRow | null {
  const rows = db
    .select()
    .from(people)
    .where(sql`EXISTS (SELECT 1 FROM json_each(${people.leads}) WHERE value = ${unitId})`)
    .all()
    .filter((p) => p.roles.includes('leader'));
  return rows.length === 1 ? rows[0]! : null;
}
