/**
 * What a statistics period needs, in two queries: the items that can count in it, and the history rows that can
 * change what they were at its end. Prepared once per connection.
 */
import type { StatsHistoryRow, StatsItem } from '../domain/statistics';
import type { Db } from './client';

/**
 * Items that can count in a period starting at `startIso` and ending before `endIso`: sent at some time
 * (assigned_at is set by the 督办单 and never cleared), created before the end, not closed before the start, not
 * cancelled or merged before the start (such an item is not touched after, so updated_at is then the moment it ended).
 */
const ITEM_FILTER = `
  i.assigned_at IS NOT NULL
  AND i.created_at < @endIso
  AND (i.closed_at IS NULL OR i.closed_at >= @startIso)
  AND NOT (i.state IN ('merged', 'cancelled') AND i.updated_at < @startIso)`;

/**
 * Actions whose changes the statistics never need (closing, submitting and the first sending are read from the item's
 * own columns). Everything else is read, so a new kind of change to a deadline or a unit is never missed.
 */
const IGNORED_ACTIONS = [
  'register',
  'send_slip',
  'claim',
  'report_progress',
  'request_extension',
  'reject_extension',
  'submit_completion',
  'approve',
  'urge',
  'promote',
  'archive',
  'merge_in',
  'issue_interview',
  'mark_typical',
  'unmark_typical',
];

const ITEMS_SQL = `
  SELECT i.id, i.number, i.title, i.confidential, i.leader_id, i.lead_unit_id, i.coop_unit_ids, i.deadline,
         i.original_deadline, i.assigned_at, i.submitted_at, i.closed_at
  FROM items i WHERE ${ITEM_FILTER} ORDER BY i.id`;

const HISTORY_SQL = `
  SELECT a.item_id, a.action, a.at, a.changes
  FROM audit_log a JOIN items i ON i.id = a.item_id
  WHERE ${ITEM_FILTER} AND a.action NOT IN (${IGNORED_ACTIONS.map((a) => `'${a}'`).join(', ')})
  ORDER BY a.item_id, a.id`;

type Statements = { items: ReturnType<Db['$client']['prepare']>; history: ReturnType<Db['$client']['prepare']> };
const prepared = new WeakMap<object, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db.$client);
  if (!s) {
    s = { items: db.$client.prepare(ITEMS_SQL).raw(true), history: db.$client.prepare(HISTORY_SQL).raw(true) };
    prepared.set(db.$client, s);
  }
  return s;
}

const parseList = (text: string): string[] => (text === '[]' ? [] : (JSON.parse(text) as string[]));

/** The items that can count in the period, each with the history rows that matter, oldest first. */
export function loadStatsItems(db: Db, startIso: string, endIso: string): StatsItem[] {
  const s = statements(db);
  const params = { startIso, endIso };
  const out: StatsItem[] = [];
  const byId = new Map<number, StatsItem>();
  for (const r of s.items.all(params) as unknown[][]) {
    const item: StatsItem = {
      id: r[0] as number,
      number: r[1] as string,
      title: r[2] as string,
      confidential: r[3] === 1,
      leaderId: r[4] as string,
      leadUnitId: r[5] as string,
      coopUnitIds: parseList(r[6] as string),
      deadline: r[7] as string,
      originalDeadline: r[8] as string,
      assignedAt: r[9] as string | null,
      submittedAt: r[10] as string | null,
      closedAt: r[11] as string | null,
      history: [],
    };
    out.push(item);
    byId.set(item.id, item);
  }
  for (const r of s.history.all(params) as unknown[][]) {
    const row: StatsHistoryRow = { action: r[1] as string, at: r[2] as string, changes: JSON.parse(r[3] as string) as Record<string, unknown> };
    byId.get(r[0] as number)?.history.push(row);
  }
  return out;
}
