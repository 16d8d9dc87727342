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

/** Everything the rules need to know about a person, read from the org tables. Unknown people get no powers. */
export function loadActor(db: DbOrTx, id: string): Actor {
  const person = findPerson(db, id);
  const headOf = db
    .select({ id: units.id })
    .from(units)
    .where(eq(units.headId, id))
    .all()
    .map((u) => u.id);
  const liaisonOf = db
    .select({ id: units.id })
    .from(units)
    .where(sql`EXISTS (SELECT 1 FROM json_each(${units.liaisonIds}) WHERE value = ${id})`)
    .all()
    .map((u) => u.id);
  return {
    id,
    name: person?.name ?? id,
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
