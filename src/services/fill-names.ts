/**
 * Names for the heads and liaisons the org file gives by open_id only: asked once of Feishu's contact directory
 * and kept in `people`, so cards and history show a name instead of an `ou_…`.
 *
 * - Who: every head and liaison of a unit with no known name (no `people` row, or one whose name is '').
 * - Once: a name found is stored and never asked again (a name in the org file, `people` or `{id, name}`, wins
 *   over it at the next import).
 * - A failure (no permission, person outside the app's contact range, Feishu down) is stored on the person's row
 *   (`name_checked_at`, `name_error`) and asked again at most once a day ({@link NAME_RETRY_MS}), or at once with
 *   `retryFailed` (the server passes it on start, so fixing the scope and restarting fills the names).
 * - When Feishu cannot be reached at all (no answer), the run stops at the first such failure: the others are
 *   asked next time. Never throws for Feishu's sake; the counts say what happened.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { people } from '../db/schema';
import { isPersonRef } from '../org/parse-org';

/** Looks one open_id up; resolves with the name or throws (any error: it is recorded, not rethrown). */
export type NameLookup = (openId: string) => Promise<string>;

/** A failed lookup is asked again after this long (unless `retryFailed`). */
export const NAME_RETRY_MS = 24 * 60 * 60 * 1000;

export interface FillNamesOptions {
  /** Ask again for ids whose last lookup failed, however recently (on start). Default false. */
  retryFailed?: boolean;
  /** How long a failure is remembered before the id is asked again. Default {@link NAME_RETRY_MS}. */
  retryAfterMs?: number;
}

export interface FillNamesResult {
  /** Heads and liaisons without a known name before the run. */
  missing: number;
  /** Lookups made. */
  asked: number;
  /** Names found and stored. */
  filled: number;
  /** Lookups that failed (recorded on the person's row). */
  failed: number;
  /** Not asked: failed recently, or left for next time after Feishu could not be reached. */
  skipped: number;
  /** The first failure's message, for the log (e.g. `HTTP 400 code 41050: no user authority error`). */
  firstError?: string;
}

interface Candidate {
  id: string;
  checkedAt: string | null;
}

/** Heads and liaisons with no known name, with when they were last asked (null: never). */
export function peopleWithoutName(db: Db): Candidate[] {
  const rows = db.$client
    .prepare(
      `SELECT ids.id AS id, p.name_checked_at AS checkedAt
         FROM (SELECT head_id AS id FROM units WHERE head_id IS NOT NULL
               UNION SELECT j.value FROM units, json_each(units.liaison_ids) AS j) AS ids
         LEFT JOIN people AS p ON p.id = ids.id
        WHERE p.id IS NULL OR p.name = ''
        ORDER BY ids.id`,
    )
    .all() as Candidate[];
  return rows.filter((r) => typeof r.id === 'string' && isPersonRef(r.id));
}

function remember(db: Db, id: string, at: string, outcome: { name: string } | { error: string }): void {
  const name = 'name' in outcome ? outcome.name : '';
  const nameError = 'error' in outcome ? outcome.error.slice(0, 500) : null;
  db.insert(people)
    .values({ id, name, roles: [], leads: [], updatedAt: at, nameCheckedAt: at, nameError })
    .onConflictDoUpdate({
      target: people.id,
      // Only a row still without a name: a name the org file gave meanwhile stays.
      set: 'name' in outcome ? { name, updatedAt: at, nameCheckedAt: at, nameError } : { nameCheckedAt: at, nameError },
      where: sql`${people.name} = ''`,
    })
    .run();
}

/** No answer at all (connection refused, timeout, token endpoint unreachable): asking the next id would fail too. */
function unreachable(err: unknown): boolean {
  const e = err as { retryable?: boolean; code?: unknown; message?: string };
  return e?.retryable === true && e.code === undefined && /^network:/.test(e.message ?? '');
}

const running = new WeakMap<Db, Promise<FillNamesResult>>();

/**
 * Asks the contact directory for the names still missing (see the module comment). One run at a time per database:
 * a call while one runs gets that run's result.
 */
export function fillMissingNames(db: Db, lookup: NameLookup, now: Date, opts: FillNamesOptions = {}): Promise<FillNamesResult> {
  const current = running.get(db);
  if (current) return current;
  const run = fill(db, lookup, now, opts).finally(() => running.delete(db));
  running.set(db, run);
  return run;
}

async function fill(db: Db, lookup: NameLookup, now: Date, opts: FillNamesOptions): Promise<FillNamesResult> {
  const retryAfter = opts.retryAfterMs ?? NAME_RETRY_MS;
  const candidates = peopleWithoutName(db);
  const r: FillNamesResult = { missing: candidates.length, asked: 0, filled: 0, failed: 0, skipped: 0 };
  const at = now.toISOString();
  let stop = false;
  for (const c of candidates) {
    const recent = c.checkedAt !== null && now.getTime() - Date.parse(c.checkedAt) < retryAfter;
    if (stop || (recent && !opts.retryFailed)) {
      r.skipped++;
      continue;
    }
    r.asked++;
    try {
      const name = (await lookup(c.id)).trim();
      if (!name) throw new Error('contact: empty name');
      remember(db, c.id, at, { name });
      r.filled++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      r.firstError ??= message;
      r.failed++;
      try {
        remember(db, c.id, at, { error: message });
      } catch {
        // The database is the caller's problem elsewhere; this run only reports.
      }
      if (unreachable(err)) stop = true;
    }
  }
  return r;
}
