/**
 * 归档 (NWU art. 6(四): 已办结的督查事项须分类归档，妥善保管): a closed item is filed under the year it was closed and
 * its source category (来源类别); once filed it is read-only. Pure: takes `now`.
 */
import { chinaDate } from './dates';
import { type Item, SOURCE_LABELS, type SourceCategory, SourceCategories } from './item';

/** Days after 销号 before the daily job files an item, unless the schedule file says otherwise. */
export const DEFAULT_ARCHIVE_AFTER_DAYS = 30;

/** The category an item is filed under: its first (registered) source; one merged in later does not move it. */
export function archiveCategoryOf(item: Pick<Item, 'sources'>): SourceCategory {
  const c = item.sources[0]?.category;
  return c && (SourceCategories as readonly string[]).includes(c) ? c : 'other';
}

/** The year an item is filed under: the year (Beijing time) it was closed. */
export function archiveYearOf(item: Pick<Item, 'closedAt'>): number | null {
  return item.closedAt ? Number(chinaDate(new Date(item.closedAt)).slice(0, 4)) : null;
}

/** Whether the daily job files this item now: closed, and closed at least `afterDays` days before `now`. */
export function dueForArchive(item: Pick<Item, 'state' | 'closedAt'>, now: Date, afterDays: number): boolean {
  if (item.state !== 'closed' || !item.closedAt) return false;
  return Date.parse(item.closedAt) + afterDays * 86_400_000 <= now.getTime();
}

/** A category as typed (its label, a label's first part such as 校领导批示, or its code), or null. */
export function parseArchiveCategory(text: string): SourceCategory | null {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  for (const c of SourceCategories) {
    const label = SOURCE_LABELS[c];
    if (t === c || t === label.toLowerCase() || label.split('/').some((part) => part === t)) return c;
  }
  const partial = SourceCategories.filter((c) => SOURCE_LABELS[c].includes(text.trim()));
  return partial.length === 1 ? partial[0]! : null;
}

/** The folder name of a category in an archive export: its label, made safe for every file system. */
export const categoryFolderName = (c: string) => (SOURCE_LABELS[c as SourceCategory] ?? c).replace(/[\\/:*?"<>|]/g, '、');
