/**
 * What may be said where. A group chat is read by everyone in it, so nothing said there may name a confidential
 * (涉密) item: not its number, not its title. This is the one rule every group-bound answer passes through: the bot's
 * replies (bot/conversation.ts), card answers on a card that is not known to be private, and as a last line every
 * message written to the outbox for a group (messenger/outbox.ts).
 */

/** How confidential items can be recognised in a text: their ids, and their numbers and titles. */
export interface ConfidentialMarks {
  ids: ReadonlySet<number>;
  /** Numbers (督办〔2026〕17号) and titles. A number cannot be part of another (the 号 closes it). */
  words: readonly string[];
}

export const NO_MARKS: ConfidentialMarks = { ids: new Set(), words: [] };

/** Whether a message (its text or serialised card) names a confidential item, or is about one. */
export function namesConfidential(text: string, marks: ConfidentialMarks, itemId?: number | null): boolean {
  if (itemId != null && marks.ids.has(itemId)) return true;
  return marks.words.some((w) => w.length > 0 && text.includes(w));
}

/** Thrown when a message for a group chat would name a confidential item: a bug upstream, refused rather than sent. */
export class DisclosureRefused extends Error {
  override name = 'DisclosureRefused';
  constructor(readonly purpose: string) {
    super(`refused to write a ${purpose} message naming a confidential item into a group chat`);
  }
}
