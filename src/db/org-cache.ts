import type Database from 'better-sqlite3';
import type { DbOrTx } from './client';
import { clientOf, statement } from './prepared';
import { people, units } from './schema';

type UnitRow = typeof units.$inferSelect;
type PersonRow = typeof people.$inferSelect;

/** The organisation as read at one org_version token: every unit and person, and who holds which post. */
export interface OrgSnapshot {
  token: number;
  units: readonly UnitRow[];
  people: readonly PersonRow[];
  unitById: ReadonlyMap<string, UnitRow>;
  unitByChat: ReadonlyMap<string, UnitRow>;
  personById: ReadonlyMap<string, PersonRow>;
  /** Units a person heads / is a liaison of, in unit id order (as the tables list them). */
  headOf: ReadonlyMap<string, readonly UnitRow[]>;
  liaisonOf: ReadonlyMap<string, readonly UnitRow[]>;
}

const snapshots = new WeakMap<Database.Database, OrgSnapshot>();
const EMPTY: readonly UnitRow[] = [];

/**
 * The organisation (units, people, posts), held in memory per connection and read again only when it changed.
 * Whether it changed is one indexed read of `org_version`, whose token triggers replace in the same transaction as
 * any write to units or people: by this process or another (a `tick` or `org import` run on the same file), and
 * inside a transaction the uncommitted change is seen by its own connection, as a direct read would see it. A
 * change rolled back restores the old token, and the snapshot read meanwhile is dropped at the next look.
 */
export function orgSnapshot(db: DbOrTx): OrgSnapshot {
  const client = clientOf(db);
  const token = (statement(db, 'SELECT token FROM org_version WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const cached = snapshots.get(client);
  if (cached && cached.token === token) return cached;
  const snap = load(db, token);
  snapshots.set(client, snap);
  return snap;
}

/** Rows are shared by every reader until the next change: frozen, so a caller that would alter one fails loudly. */
function freeze<T extends object>(row: T): T {
  for (const v of Object.values(row)) if (Array.isArray(v)) Object.freeze(v);
  return Object.freeze(row);
}

function load(db: DbOrTx, token: number): OrgSnapshot {
  const unitRows = db.select().from(units).orderBy(units.id).all().map(freeze);
  const personRows = db.select().from(people).orderBy(people.id).all().map(freeze);
  const headOf = new Map<string, UnitRow[]>();
  const liaisonOf = new Map<string, UnitRow[]>();
  const add = (m: Map<string, UnitRow[]>, id: string, u: UnitRow) => {
    const list = m.get(id);
    if (list) list.push(u);
    else m.set(id, [u]);
  };
  const unitByChat = new Map<string, UnitRow>();
  for (const u of unitRows) {
    if (u.headId) add(headOf, u.headId, u);
    // A person listed twice as liaison of one unit is one post (as the json_each query found the unit once).
    for (const l of new Set(u.liaisonIds)) add(liaisonOf, l, u);
    if (u.chatId) unitByChat.set(u.chatId, u);
  }
  return {
    token,
    units: unitRows,
    people: personRows,
    unitById: new Map(unitRows.map((u) => [u.id, u])),
    unitByChat,
    personById: new Map(personRows.map((p) => [p.id, p])),
    headOf,
    liaisonOf,
  };
}

export const headedBy = (s: OrgSnapshot, personId: string) => s.headOf.get(personId) ?? EMPTY;
export const liaisedBy = (s: OrgSnapshot, personId: string) => s.liaisonOf.get(personId) ?? EMPTY;
