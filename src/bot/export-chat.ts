/**
 * `/督办 导出 [筛选]` and `/督办 导入模板` in chat: the conditions are checked and the request recorded in the
 * event's transaction; the file follows as soon as it is written (services/document-requests.ts), as a reply to
 * the message. A ledger asked for in a group holds no confidential item (services/export-ledger.ts ledgerFor).
 */
import { DubanError, ErrorCode } from '../domain/errors';
import { SOURCE_LABELS, SourceCategories, type SourceCategory } from '../domain/item';
import { canRegister } from '../domain/permissions';
import { loadActor } from '../db/org-repository';
import { requestImportTemplate, requestLedgerExport } from '../services/document-requests';
import type { LedgerFilter } from '../services/export-ledger';
import type { Conversation } from './conversation';
import type { BotDeps } from './deps';
import type { ExportFilterText } from './parse-export';
import { resolveUnit } from './resolve';

/** 归档类别 as typed: a 来源类别 label (or its start), or its code. */
function archiveCategoryOf(text: string): SourceCategory {
  const t = text.trim();
  if ((SourceCategories as readonly string[]).includes(t)) return t as SourceCategory;
  const hits = SourceCategories.filter((c) => SOURCE_LABELS[c] === t || SOURCE_LABELS[c].startsWith(t) || SOURCE_LABELS[c].split('/').includes(t));
  if (hits.length === 1) return hits[0]!;
  throw new DubanError(ErrorCode.InvalidInput, `归档类别“${t.slice(0, 20)}”无法识别，可选：${SourceCategories.map((c) => SOURCE_LABELS[c]).join('、')}`);
}

export function answerExport(deps: BotDeps, f: ExportFilterText, conv: Conversation, now: Date) {
  const db = deps.ctx.db;
  const filter: LedgerFilter = {};
  if (f.units?.length) filter.unitIds = [...new Set(f.units.map((u) => resolveUnit(db, u).id))];
  if (f.states?.length) filter.states = f.states;
  if (f.year !== undefined) filter.year = f.year;
  if (f.archiveYear !== undefined) filter.archiveYear = f.archiveYear;
  if (f.archiveCategory !== undefined) filter.archiveCategory = archiveCategoryOf(f.archiveCategory);
  requestLedgerExport(db, { actorId: conv.sender, messageId: conv.messageId, inGroup: conv.inGroup }, filter, now);
}

export function answerImportTemplate(deps: BotDeps, conv: Conversation, now: Date) {
  const db = deps.ctx.db;
  if (!canRegister(loadActor(db, conv.sender))) throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以批量登记事项');
  requestImportTemplate(db, { actorId: conv.sender, messageId: conv.messageId, inGroup: conv.inGroup }, now);
}
