/**
 * 导出 Excel from a statistics card. A card action runs in one synchronous transaction and writing a workbook is
 * asynchronous (exceljs zips), so the click records the request (audit row `stats_export`, with who, the period and
 * the unit) and {@link StatsExportWriter} writes the workbook after the commit: stores it (files, kind `stats`),
 * queues it as a file message to the person (the outbox uploads it once and sends it) and records
 * `stats_export_sent`, in one transaction. Woken at once after the click, and again on every kick: a crash in between
 * leaves a request the next run completes, and the message's dedupe key makes a second writer send nothing.
 */
import type { WorkCalendar } from '../domain/calendar';
import { DubanError, ErrorCode } from '../domain/errors';
import { checkRange } from '../domain/stats-periods';
import type { Db } from '../db/client';
import { type Channel, insertAudit } from '../db/history-repository';
import { loadActor } from '../db/org-repository';
import { pendingStatsExports } from '../db/stats-repository';
import { XLSX_MIME, statsFileName, statsWorkbook } from '../documents/stats-workbook';
import { storeFile } from '../files/file-store';
import type { Logger } from '../logger';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import { noticeCard } from '../cards/message-cards';
import { loadStats, statsScope } from './statistics';
import { BackgroundWriter } from './background-writer';

export const STATS_EXPORT_PURPOSE = 'stats_workbook';

interface Deps {
  db: Db;
  calendar: WorkCalendar;
}

/**
 * Records an export request in the caller's transaction, after checking the person may have statistics at all and
 * the period is a real one. Returns false when the same request is already waiting (a double click writes nothing).
 */
export function requestStatsExport(tx: Db, r: { actorId: string; channel: Channel; from: string; to: string; unitId: string | null }, now: Date): boolean {
  if (!statsScope(loadActor(tx, r.actorId))) throw new DubanError(ErrorCode.Forbidden, '统计仅供督查室、校领导、各单位负责人和联络人查看');
  const range = checkRange(r.from, r.to);
  if (typeof range === 'string') throw new DubanError(ErrorCode.InvalidInput, range);
  const waiting = pendingStatsExports(tx, 1000).some((p) => p.actorId === r.actorId && p.from === r.from && p.to === r.to && p.unitId === r.unitId);
  if (waiting) return false;
  insertAudit(tx, {
    itemId: null,
    actorId: r.actorId,
    channel: r.channel,
    action: 'stats_export',
    changes: { from: r.from, to: r.to, unitId: r.unitId },
    at: now.toISOString(),
  });
  return true;
}

/**
 * Writes every waiting workbook after request `afterId`; returns how many were sent and the last request answered
 * (every one is answered, sent or refused, in order, unless the database fails under it). One that cannot be
 * written is answered with the reason and recorded.
 */
export async function writePendingStatsExports(d: Deps, log?: Logger, afterId = 0): Promise<{ sent: number; answeredUpTo: number }> {
  let sent = 0;
  let answeredUpTo = afterId;
  for (const req of pendingStatsExports(d.db, 20, afterId)) {
    const at = new Date(req.at);
    let bytes: Buffer;
    let name: string;
    try {
      // As the person may see it now, and as things stood when they asked (a period still running stops there).
      const report = loadStats(d.db, { from: req.from, to: req.to, unitId: req.unitId ?? undefined }, loadActor(d.db, req.actorId), { calendar: d.calendar, now: at });
      bytes = await statsWorkbook(report, at);
      name = statsFileName(report);
    } catch (err) {
      const message = err instanceof DubanError ? err.message : '生成失败，请稍后重试';
      log?.warn({ err, requestId: req.id }, 'stats workbook could not be written');
      d.db.transaction(
        (tx) => {
          insertAudit(tx, { itemId: null, actorId: 'system', channel: 'scheduler', action: 'stats_export_failed', changes: { requestId: req.id }, note: message, at: req.at });
          enqueue(tx, { to: personAddress(req.actorId), msgType: 'interactive', content: noticeCard('统计 Excel 未能生成', message), purpose: STATS_EXPORT_PURPOSE, dedupeKey: `stats_export:${req.id}:failed` }, at);
        },
        { behavior: 'immediate' },
      );
      answeredUpTo = req.id;
      continue;
    }
    d.db.transaction(
      (tx) => {
        const { file } = storeFile(tx, { bytes, name, kind: 'stats', createdBy: 'system', mime: XLSX_MIME }, at);
        enqueue(tx, { to: personAddress(req.actorId), msgType: 'file', content: { fileId: file.id }, purpose: STATS_EXPORT_PURPOSE, dedupeKey: `stats_export:${req.id}` }, at);
        insertAudit(tx, { itemId: null, actorId: 'system', channel: 'scheduler', action: 'stats_export_sent', changes: { requestId: req.id, fileId: file.id }, at: req.at });
      },
      { behavior: 'immediate' },
    );
    sent++;
    answeredUpTo = req.id;
  }
  return { sent, answeredUpTo };
}

/** Runs {@link writePendingStatsExports} one at a time in this process; a kick during a run runs once more after. */
export class StatsExportWriter extends BackgroundWriter {
  /** Requests up to this id are answered: the kick after every event looks only past it. 0 at start: all are checked once. */
  private answeredUpTo = 0;
  constructor(
    private readonly d: Deps,
    private readonly log: Logger,
    private readonly after: () => void,
  ) {
    super(d.db, ['request']);
  }

  protected async runOnce(): Promise<void> {
    const n = await writePendingStatsExports(this.d, this.log, this.answeredUpTo).then(
      (r) => {
        this.answeredUpTo = r.answeredUpTo;
        return r.sent;
      },
      (err) => {
        // Left where it was: the request that failed is looked at again on the next kick.
        this.log.error({ err }, 'stats export writer failed');
        return 1;
      },
    );
    if (n) this.after();
  }
}
