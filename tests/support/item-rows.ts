import type Database from 'better-sqlite3';

/**
 * An open item row as another writer would insert it, past the services (a `tick`, a restore, SQL by hand): only the
 * columns without defaults, lead unit and cooperating units as given. For tests of what the database itself keeps
 * (triggers, planner statistics). Returns the new id.
 */
export function insertItemRow(c: Database.Database, seq: number, lead: string, coop: string[]): number {
  return Number(
    c
      .prepare(
        `INSERT INTO items (year, seq, number, title, kind, mode, sources, lead_unit_id, coop_unit_ids, leader_id, deadline, original_deadline, state, created_by, created_at, updated_at)
         VALUES (2026, ?, ?, '事项', 'ledger', 'routine', '[]', ?, ?, 'ou_vp1', '2027-06-30', '2027-06-30', 'in_progress', 'ou_sup', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
      )
      .run(seq, `督办〔2026〕${seq}号`, lead, JSON.stringify(coop)).lastInsertRowid,
  );
}
