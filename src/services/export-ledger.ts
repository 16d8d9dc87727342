/**
 * The 台账 export: which items, for whom. `ledgerFor` is the one query every export path uses (chat, CLI), and the
 * one place the confidentiality rule is applied to a ledger: a person gets only what `canView` lets them see, and a
 * ledger for a group chat holds no confidential item; only the office's own machine (the CLI) exports everything.
 */
import type { Actor } from '../domain/actor';
import type { WorkCalendar } from '../domain/calendar';
import { deadlineStatus } from '../domain/deadline';
import { namesConfidential } from '../domain/disclosure';
import { type ItemState, SOURCE_LABELS, STATE_LABELS, type SourceCategory } from '../domain/item';
import { canView } from '../domain/permissions';
import type { DbOrTx } from '../db/client';
import { confidentialMarks } from '../db/item-repository';
import { historyOf, ledgerItems, progressSummaries } from '../db/ledger-repository';
import { loadActor, personNamer, unitNamer } from '../db/org-repository';
import { type LedgerDocument, ledgerXlsx } from '../documents/ledger-xlsx';

/** The rows one ledger may hold: past this the export says it was cut (and the filters narrow it). */
export const LEDGER_MAX_ITEMS = 10_000;
/** The history rows one ledger may hold (a sheet stays openable): past this the history sheet says it was cut. */
export const LEDGER_MAX_HISTORY = 100_000;

/** What a ledger is cut by; every condition given must hold. Units are ids. */
export interface LedgerFilter {
  year?: number;
  unitIds?: string[];
  states?: ItemState[];
  archiveYear?: number;
  archiveCategory?: string;
}

/** Who the ledger is for: a person (what they may see), or the office's own machine (everything). */
export type LedgerViewer = { personId: string; inGroup?: boolean } | 'office';

export interface Ledger extends LedgerDocument {
  /** Confidential items the person may see that were left out because the ledger is for a group chat. */
  withheld: number;
  /** Whether any row is a confidential item (such a ledger never goes to a group). */
  hasConfidential: boolean;
  /** More items matched than LEDGER_MAX_ITEMS. */
  truncated: boolean;
}

/** The conditions in words, as the workbook and the answers name them. */
export function ledgerFilterText(f: LedgerFilter, unitName: (id: string) => string): string {
  const parts: string[] = [];
  if (f.year !== undefined) parts.push(`年份 ${f.year}`);
  if (f.unitIds?.length) parts.push(`单位 ${f.unitIds.map(unitName).join('、')}`);
  if (f.states?.length) parts.push(`状态 ${f.states.map((s) => STATE_LABELS[s]).join('、')}`);
  if (f.archiveYear !== undefined) parts.push(`归档年度 ${f.archiveYear}`);
  if (f.archiveCategory !== undefined) parts.push(`归档类别 ${SOURCE_LABELS[f.archiveCategory as SourceCategory] ?? f.archiveCategory}`);
  return parts.length ? parts.join('；') : '全部事项';
}

/** The ledger as `viewer` may have it, as things stood at `now` (the light and days left are computed for then). */
export function ledgerFor(db: DbOrTx, calendar: WorkCalendar, viewer: LedgerViewer, filter: LedgerFilter, now: Date, yellowWithin = 3): Ledger {
  const actor: Actor | null = viewer === 'office' ? null : loadActor(db, viewer.personId);
  const inGroup = viewer !== 'office' && !!viewer.inGroup;
  const found = ledgerItems(db, { ...filter, limit: LEDGER_MAX_ITEMS + 1 });
  const truncated = found.length > LEDGER_MAX_ITEMS;
  let rows = (truncated ? found.slice(0, LEDGER_MAX_ITEMS) : found).filter((i) => !actor || canView(actor, i));
  let withheld = 0;
  if (inGroup) {
    // A group sees no confidential item, nor one whose number or title names one (as the outbox judges it).
    const marks = confidentialMarks(db);
    const shareable = rows.filter((i) => !i.confidential && !namesConfidential(`${i.number}\n${i.title}`, marks));
    withheld = rows.length - shareable.length;
    rows = shareable;
  }
  const ids = rows.map((i) => i.id);
  const progress = progressSummaries(db, ids);
  const history = historyOf(db, ids, LEDGER_MAX_HISTORY + 1);
  const unitName = unitNamer(db);
  return {
    entries: rows.map((item) => ({ item, status: deadlineStatus(item, now, calendar, yellowWithin), progress: progress.get(item.id) ?? null })),
    history: history.slice(0, LEDGER_MAX_HISTORY),
    historyTruncated: history.length > LEDGER_MAX_HISTORY,
    names: { unitName, personName: personNamer(db) },
    filterText: ledgerFilterText(filter, unitName),
    generatedAt: now,
    withheld,
    hasConfidential: rows.some((i) => i.confidential),
    truncated,
  };
}

/** The ledger's file name: the date, and the year or unit when the ledger is cut by one. */
export function ledgerFileName(f: LedgerFilter, now: Date, unitName: (id: string) => string): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const cut = [f.year !== undefined ? `${f.year}年` : '', f.unitIds?.length === 1 ? unitName(f.unitIds[0]!) : ''].filter(Boolean).join('-');
  return `督办台账${cut ? `-${cut}` : ''}-${day}.xlsx`;
}

export async function ledgerBytes(ledger: Ledger): Promise<Buffer> {
  return ledgerXlsx(ledger);
}
