/** Form cards: what a unit fills in (progress, extension, completion) and the office's registration form. */
import { type Item, SOURCE_LABELS, SourceCategories } from '../domain/item';
import { fitCard } from './format';
import { inline, itemFacts } from './item-view';
import { renderCard } from './templates';
import type { Card, CardContext } from './types';

/** 填报进展: one multi-line field `text`. */
export function progressFormCard(item: Item, c: CardContext): Card {
  return fitCard((k) => renderCard('progress-form', itemFacts(item, c, k)));
}

/** 申请延期: fields `reason` (multi-line) and `date` (date picker, yyyy-MM-dd). */
export function extensionFormCard(item: Item, c: CardContext): Card {
  return fitCard((k) => renderCard('extension-form', itemFacts(item, c, k)));
}

/** 申请办结: fields `assessment` (multi-line) and `materials` (multi-line, one per line). */
export function completionFormCard(item: Item, c: CardContext): Card {
  const reviewNote = item.important
    ? '提交后由分管校领导审核，本事项为重要事项，还须主要领导销号；审核期间不能再填报进展或申请延期。'
    : '提交后由分管校领导审核：同意即销号，不同意将退回并限定新的完成时限；审核期间不能再填报进展或申请延期。';
  return fitCard((k) => renderCard('completion-form', { ...itemFacts(item, c, k), reviewNote }));
}

/**
 * 立项登记 form. Fields: `title`, `requirements`, `source` (a SourceCategory), `ref`, `lead` (unit id), `coop`
 * (unit ids), `leader` (person id), `deadline` (yyyy-MM-dd), `flags` (important | flagged | confidential).
 */
export function registerFormCard(o: {
  units: { id: string; name: string }[];
  leaders: { id: string; name: string }[];
  error?: string;
}): Card {
  return fitCard((k) => {
    const n = Math.max(8, Math.floor(40 * k));
    return renderCard('register-form', {
      error: inline(o.error, 300),
      sources: SourceCategories.map((id) => ({ id, name: SOURCE_LABELS[id] })),
      units: o.units.map((u) => ({ id: u.id, name: inline(u.name, n) || u.id })),
      leaders: o.leaders.map((l) => ({ id: l.id, name: inline(l.name, n) || l.id })),
    });
  });
}
