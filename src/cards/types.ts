import type { auditLog, progressReports } from '../db/schema';
import type { WorkCalendar } from '../domain/calendar';

/** What the card builders need besides the item: the moment, the working calendar and how to name ids. */
export interface CardContext {
  now: Date;
  calendar: WorkCalendar;
  unitName(id: string): string;
  personName(id: string): string;
  /** Working days before the deadline from which the light turns yellow; 3 unless given. */
  yellowWithin?: number;
}

export const CARD_ACTIONS = [
  'claim',
  'progress_form',
  'extension_form',
  'completion_form',
  'submit_progress',
  'submit_extension',
  'submit_completion',
  'approve_extension',
  'reject_extension',
  'approve',
  'return',
  'detail',
  'back',
  'register',
  'register_anyway',
  'register_merge',
  'edit_form',
  'submit_edit',
  'cancel_form',
  'confirm_cancel',
  'issue_interview',
  'submit_interview',
  'issue_referral',
  'list_page',
  'send_evidence',
  'mark_typical',
  'publish_bulletin',
  'upload_bulletin',
  'void_bulletin',
  'stats_overview',
  'stats_unit',
  'stats_items',
  'stats_excel',
] as const;
/** Every action a button may carry; the card-action handler has one function per entry. */
export type CardAction = (typeof CARD_ACTIONS)[number];

/** What every button carries: the action, the item id and the item version the card showed. Nothing else. */
export interface ButtonValue {
  a: CardAction;
  id: number;
  v: number;
}

/** How the receiver of a slip stands to the item: its lead unit, a cooperating unit, or anyone else. */
export type Audience = 'lead' | 'coop' | 'other';

/** A card JSON 2.0 object, ready for `JSON.stringify` into a message's `content`. */
export type Card = Record<string, unknown>;

export type HistoryRow = typeof auditLog.$inferSelect;
export type ProgressRow = typeof progressReports.$inferSelect;
