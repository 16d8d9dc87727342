/**
 * The product's cards (Feishu card JSON 2.0). Each function turns domain data into a view and renders one
 * template from `cards/`; buttons carry only {a, id, v} (ButtonValue). Every card stays under the 30 KB limit:
 * long user texts are clipped, and clipped harder when a card would still be too large.
 */
export type { Audience, ButtonValue, Card, CardAction, CardContext, HistoryRow, ProgressRow } from './types';
export { CARD_ACTIONS } from './types';
export { cardSize, textOf } from './format';
export { slipCard, itemDetailCard, receiptCard } from './item-cards';
export {
  progressFormCard,
  extensionFormCard,
  completionFormCard,
  registerFormCard,
  editFormCard,
  cancelConfirmCard,
  type RegisterFormValues,
} from './form-cards';
export { extensionReviewCard, completionReviewCard } from './review-cards';
export { listCard, errorCard, helpCard, noticeCard } from './message-cards';
export { reminderCard, overdueWarningCard, interviewProposalCard, unitDigestCard, supervisorSummaryCard, type ReminderKind } from './chase-cards';
