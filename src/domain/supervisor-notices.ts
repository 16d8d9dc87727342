/**
 * The moments the 督查室 hears of at once, as they happen (besides the 17:00 summary): a completion awaiting review,
 * an extension approved or rejected, an item closed (销号). Each can be switched off in the schedule file.
 */
export const SUPERVISOR_NOTICE_KINDS = ['submit_completion', 'approve_extension', 'reject_extension', 'closed'] as const;
export type SupervisorNoticeKind = (typeof SUPERVISOR_NOTICE_KINDS)[number];
