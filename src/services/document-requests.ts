/**
 * Files asked for in chat: `/督办 导出 [筛选]` (the 台账) and `/督办 导入模板` (the batch-registration template).
 * A chat command runs in one synchronous transaction and writing an .xlsx is asynchronous (exceljs zips), so the
 * command records the request as a history row (who asked, where, what for: an export is itself worth a record),
 * and {@link DocumentWriter} makes and sends the file after the commit: woken at once, and again at start, it answers
 * every request not yet answered; the answer is written with its own history row in one transaction, checked
 * again there, so a crash between the two, or two writers, answer a request once.
 */
import { noticeCard } from '../cards/cards';
import type { DbOrTx, Tx } from '../db/client';
import { insertAudit } from '../db/history-repository';
import { type DocumentRequestKind, DOCUMENT_SENT, type HistoryRow, documentRequestAnswered, pendingDocumentRequests } from '../db/ledger-repository';
import { unitNamer } from '../db/org-repository';
import { TEMPLATE_FILE_NAME, templateXlsx } from '../documents/import-template';
import { XLSX_MIME } from '../documents/ledger-xlsx';
import { storeFile } from '../files/file-store';
import type { Logger } from '../logger';
import { type Envelope, enqueue, personAddress } from '../messenger/outbox-queue';
import type { ServiceContext } from './context';
import { LEDGER_MAX_ITEMS, type LedgerFilter, ledgerBytes, ledgerFileName, ledgerFor } from './export-ledger';
import { templateOptions } from './import-items';
import { BackgroundWriter } from './background-writer';

export const LEDGER_PURPOSE = 'ledger';
export const TEMPLATE_PURPOSE = 'import_template';

/** Where the request came from: the message to answer, and whether it was in a group chat. */
export interface RequestOrigin {
  actorId: string;
  messageId: string;
  inGroup: boolean;
}

interface RequestChanges {
  messageId: string;
  inGroup: boolean;
  filter?: LedgerFilter;
}

function record(tx: DbOrTx, kind: DocumentRequestKind, o: RequestOrigin, now: Date, filter?: LedgerFilter) {
  const changes: RequestChanges = { messageId: o.messageId, inGroup: o.inGroup, ...(filter ? { filter } : {}) };
  insertAudit(tx, { itemId: null, actorId: o.actorId, channel: 'command', action: kind, changes: changes as unknown as Record<string, unknown>, at: now.toISOString() });
}

/** `/督办 导出`: recorded now, the file follows (the writer cuts it to what the person may see where they asked). */
export const requestLedgerExport = (tx: DbOrTx, o: RequestOrigin, filter: LedgerFilter, now: Date) => record(tx, 'ledger_export', o, now, filter);
/** `/督办 导入模板`: recorded now, the template follows. */
export const requestImportTemplate = (tx: DbOrTx, o: RequestOrigin, now: Date) => record(tx, 'import_template', o, now);

const replyTo = (c: RequestChanges): Envelope => ({ op: 'reply', targetMessageId: c.messageId, inGroup: c.inGroup });

/** What one request is answered with: made outside any transaction, written in one. */
interface Answer {
  file?: { bytes: Buffer; name: string; kind: 'ledger' | 'template' };
  /** A card to the same place, after the file (or instead of it). */
  notice?: { title: string; text: string };
  /** A card to the person privately (what a group may not be told). */
  privateNotice?: { title: string; text: string };
  summary: Record<string, unknown>;
}

async function answerFor(ctx: ServiceContext, r: HistoryRow, c: RequestChanges, yellowWithin: number): Promise<Answer> {
  const at = new Date(r.at);
  if (r.action === 'import_template') {
    return { file: { bytes: await templateXlsx(templateOptions(ctx.db)), name: TEMPLATE_FILE_NAME, kind: 'template' }, summary: {} };
  }
  const filter = c.filter ?? {};
  const ledger = ledgerFor(ctx.db, ctx.calendar, { personId: r.actorId, inGroup: c.inGroup }, filter, at, yellowWithin);
  const summary = { items: ledger.entries.length, withheld: ledger.withheld, truncated: ledger.truncated };
  const privateNotice = ledger.withheld
    ? { title: '台账未含涉密事项', text: `群聊中发送的台账未包含 ${ledger.withheld} 项涉密事项。如需完整台账，请私聊机器人发送“/督办 导出”。` }
    : undefined;
  if (!ledger.entries.length) return { notice: { title: '台账', text: `没有符合条件的事项（${ledger.filterText}）。` }, privateNotice, summary };
  const file = { bytes: await ledgerBytes(ledger), name: ledgerFileName(filter, at, unitNamer(ctx.db)), kind: 'ledger' as const };
  const notice = ledger.truncated
    ? { title: '台账未导出完整', text: `符合条件的事项超过 ${LEDGER_MAX_ITEMS} 项，只导出了前 ${LEDGER_MAX_ITEMS} 项。请加上年份或单位等条件分次导出。` }
    : undefined;
  return { file, notice, privateNotice, summary };
}

function send(tx: Tx, r: HistoryRow, c: RequestChanges, a: Answer, now: Date) {
  const to = replyTo(c);
  let fileId: number | null = null;
  if (a.file) {
    const { file } = storeFile(tx, { bytes: a.file.bytes, name: a.file.name, kind: a.file.kind, createdBy: 'system', mime: XLSX_MIME }, now);
    fileId = file.id;
    enqueue(tx, { to, msgType: 'file', content: { fileId }, purpose: a.file.kind === 'ledger' ? LEDGER_PURPOSE : TEMPLATE_PURPOSE }, now);
  }
  if (a.notice) enqueue(tx, { to, msgType: 'interactive', content: noticeCard(a.notice.title, a.notice.text), purpose: 'reply' }, now);
  if (a.privateNotice) enqueue(tx, { to: personAddress(r.actorId), msgType: 'interactive', content: noticeCard(a.privateNotice.title, a.privateNotice.text), purpose: 'reply' }, now);
  insertAudit(tx, { itemId: null, actorId: 'system', channel: 'scheduler', action: DOCUMENT_SENT, changes: { requestId: r.id, kind: r.action, fileId, ...a.summary }, at: now.toISOString() });
}

/**
 * Answers every request not yet answered after request `from.afterId` (0: all of them, as at start); returns how
 * many were answered, and moves `from.afterId` past every request answered here or elsewhere.
 */
export async function writePendingDocuments(ctx: ServiceContext, log?: Logger, yellowWithin = 3, from = { afterId: 0 }): Promise<number> {
  let answered = 0;
  for (;;) {
    const batch = pendingDocumentRequests(ctx.db, from.afterId);
    if (!batch.length) return answered;
    for (const r of batch) {
      const c = r.changes as unknown as RequestChanges;
      // The moment of the request: the light, the days left and the file's date are as the person asked.
      const at = new Date(r.at);
      let a: Answer;
      try {
        a = await answerFor(ctx, r, c, yellowWithin);
      } catch (err) {
        // One request that cannot be made must not stop the others, nor be tried for ever.
        log?.error({ err, requestId: r.id }, 'document request failed');
        a = { notice: { title: '文件生成失败', text: '文件生成失败，请稍后重试或联系管理员。' }, summary: { failed: true } };
      }
      const answer = (x: Answer) =>
        ctx.db.transaction(
          (tx) => {
            if (documentRequestAnswered(tx, r.id)) return false;
            send(tx, r, c, x, at);
            return true;
          },
          { behavior: 'immediate' },
        );
      let done: boolean;
      try {
        done = answer(a);
      } catch (err) {
        // Refused when written (the outbox's last check): the person is told it failed, and the request is closed.
        log?.error({ err, requestId: r.id }, 'document could not be sent');
        done = answer({ notice: { title: '文件生成失败', text: '文件生成失败，请稍后重试或联系管理员。' }, summary: { failed: true } });
      }
      if (done) answered++;
      from.afterId = r.id;
    }
  }
}

/**
 * Runs {@link writePendingDocuments} one at a time in this process: `kick()` after a commit that may have recorded
 * a request; a kick while a run is under way runs once more after it. `after` wakes the sender.
 */
export class DocumentWriter extends BackgroundWriter {
  /** The last request answered by this writer: the next runs look only after it (the first run, at start, at all). */
  private readonly from = { afterId: 0 };
  constructor(
    private readonly ctx: ServiceContext,
    private readonly log: Logger,
    private readonly after: () => void,
    private readonly yellowWithin = 3,
  ) {
    super(ctx.db, ['request']);
  }

  protected async runOnce(): Promise<void> {
    const n = await writePendingDocuments(this.ctx, this.log, this.yellowWithin, this.from).catch((err) => {
      this.log.error({ err }, 'document writer failed');
      return 0;
    });
    if (n) this.after();
  }
}
