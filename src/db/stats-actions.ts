/**
 * History actions whose changes the statistics never need (closing, submitting and the first sending are read from
 * the item's own columns). Everything else is read, so a new kind of change to a deadline or a unit is never missed.
 * The partial index `audit_stats` (schema-items.ts) holds exactly the other rows; the statistics' queries name it with
 * INDEXED BY, so a list changed here without a migration that rebuilds the index fails loudly at prepare time
 * instead of quietly reading the whole audit log.
 */
export const STATS_IGNORED_ACTIONS = [
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
  'add_evidence',
] as const;

/** The rows the statistics read: `a.` is the audit log's alias in their queries and is dropped for the index. */
export const statsHistoryCondition = (alias: string) =>
  `${alias}item_id IS NOT NULL AND ${alias}action NOT IN (${STATS_IGNORED_ACTIONS.map((a) => `'${a}'`).join(', ')})`;
