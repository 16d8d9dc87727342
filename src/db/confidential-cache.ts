import type Database from 'better-sqlite3';
import type { ConfidentialMarks } from '../domain/disclosure';
import type { DbOrTx } from './client';
import { clientOf, statement } from './prepared';

/** A confidential item as the disclosure checks read it: what names it and what decides who may see it. */
export interface ConfidentialRow {
  readonly id: number;
  readonly number: string;
  readonly title: string;
  readonly leaderId: string;
  readonly leadUnitId: string;
  /** Frozen: shared by every reader. */
  readonly coopUnitIds: string[];
}

interface Snapshot {
  token: number;
  rows: readonly ConfidentialRow[];
  marks: ConfidentialMarks;
}

const snapshots = new WeakMap<Database.Database, Snapshot>();

/**
 * The confidential items, held per connection and read again only when `confidential_version` changed (triggers
 * of migration 0015, in the same transaction as the change, whoever writes). Every answer a person gets is checked
 * against them — twice for a card callback — so they were read from the items on every request; now one indexed
 * read of the token. Inside a transaction its own uncommitted change is seen, as a direct read would see it; a
 * change rolled back restores the old token and the snapshot read meanwhile is dropped at the next look.
 */
export function confidentialSnapshot(db: DbOrTx): Snapshot {
  const client = clientOf(db);
  const token = (statement(db, 'SELECT token FROM confidential_version WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const cached = snapshots.get(client);
  if (cached && cached.token === token) return cached;
  const raw = statement(db, 'SELECT id, number, title, leader_id, lead_unit_id, coop_unit_ids FROM items WHERE confidential = 1 ORDER BY id').all() as Array<{
    id: number; number: string; title: string; leader_id: string; lead_unit_id: string; coop_unit_ids: string;
  }>;
  const rows = raw.map((r) =>
    Object.freeze({
      id: r.id,
      number: r.number,
      title: r.title,
      leaderId: r.leader_id,
      leadUnitId: r.lead_unit_id,
      coopUnitIds: Object.freeze(JSON.parse(r.coop_unit_ids)) as string[],
    }),
  );
  const snap: Snapshot = {
    token,
    rows: Object.freeze(rows),
    marks: { ids: new Set(rows.map((r) => r.id)), words: Object.freeze(rows.flatMap((r) => [r.number, r.title])) },
  };
  snapshots.set(client, snap);
  return snap;
}
