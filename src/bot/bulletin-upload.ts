/**
 * 修改后上传: a supervisor sends a corrected .docx in reply to a 督查通报 draft's card or file. Inside the event's
 * transaction the file is only queued (inbound_files, purpose `bulletin:<id>`), after checking who sent it and that
 * the draft is still a draft; the downloader fetches it after the commit and {@link bulletinUploadSettler} replaces
 * the draft's file with it (services/bulletins.ts replaceBulletinFile), answering in the chat either way.
 */
import { z } from 'zod';
import { assertDraft, canIssueBulletin } from '../domain/bulletin';
import type { WorkCalendar } from '../domain/calendar';
import { DubanError, ErrorCode, toDubanError } from '../domain/errors';
import type { Db } from '../db/client';
import { findBulletin } from '../db/bulletin-repository';
import { type InboundFileRow, queueInboundFile, settleInboundFile } from '../db/inbound-file-repository';
import { loadActor } from '../db/org-repository';
import { safeFileName } from '../files/file-store';
import type { Fetched, Settler } from '../files/inbound-downloader';
import type { Logger } from '../logger';
import { replaceBulletinFile } from '../services/bulletins';
import { type Conversation, answerError } from './conversation';
import type { BotDeps } from './deps';

const PURPOSE = /^bulletin:(\d{1,12})$/;
export const bulletinUploadPurpose = (bulletinId: number) => `bulletin:${bulletinId}` as const;
/** The 通报 a queued file is for, or null for any other inbound file. */
export const bulletinOfUpload = (row: Pick<InboundFileRow, 'purpose'>): number | null => {
  const m = PURPOSE.exec(row.purpose);
  return m ? Number(m[1]) : null;
};

const fileContent = z.looseObject({ file_key: z.string().min(1).max(256), file_name: z.string().max(1_000).optional() });

/** The reply to a draft: refused at once if it cannot replace it (who, state, not a .docx), else queued. */
export function queueBulletinUpload(
  deps: BotDeps,
  msg: { message_id: string; message_type?: string; content?: string; chat_type?: string },
  sender: string,
  bulletinId: number,
  log: Logger,
): object {
  const db = deps.ctx.db;
  const now = deps.now();
  const conv: Conversation = { messageId: msg.message_id, inGroup: msg.chat_type === 'group', sender };
  try {
    if (!canIssueBulletin(loadActor(db, sender))) throw new DubanError(ErrorCode.Forbidden, '只有督查室人员可以修改督查通报');
    const b = findBulletin(db, bulletinId);
    if (!b) throw new DubanError(ErrorCode.NotFound, '没有找到该督查通报');
    assertDraft(b.state, b.number);
    let raw: unknown = null;
    try {
      raw = JSON.parse(msg.content ?? '');
    } catch {
      // answered below as unreadable
    }
    const f = msg.message_type === 'file' ? fileContent.safeParse(raw) : null;
    if (!f?.success) throw new DubanError(ErrorCode.InvalidInput, '请以文件形式发送修改后的 Word 文档（.docx）');
    const name = safeFileName(f.data.file_name ?? '');
    if (!/\.docx$/i.test(name)) throw new DubanError(ErrorCode.InvalidInput, `“${name}”不是 .docx 文件：请发送用 Word 修改后的 .docx 文档`);
    const queued = queueInboundFile(
      db,
      { messageId: msg.message_id, fileKey: f.data.file_key, resourceType: 'file', fileName: name, purpose: bulletinUploadPurpose(b.id), itemId: null, senderId: sender, inGroup: conv.inGroup },
      now,
    );
    if (queued === null) log.info('bulletin upload already queued; ignored');
  } catch (err) {
    const de = toDubanError(err);
    if (de.code === ErrorCode.Internal) throw err;
    log.info({ code: de.code, bulletinId }, 'bulletin upload refused');
    answerError(db, conv, de, now);
  }
  return {};
}

class SettledElsewhere extends Error {}

/**
 * Settles a fetched 通报 file: replaced (the new file and card go to the supervisor) or refused with the reason; the
 * queue row settled in the same transaction. Checked again here: the draft may have been published meanwhile.
 */
export function bulletinUploadSettler(d: { db: Db; calendar: WorkCalendar }, kick: () => void, log: Logger): Settler {
  return async (row: InboundFileRow, fetched: Fetched, owner: string, now: Date) => {
    const bulletinId = bulletinOfUpload(row)!;
    try {
      d.db.transaction(
        (tx) => {
          const conv: Conversation = { messageId: row.messageId, inGroup: row.inGroup, sender: row.senderId };
          const refuse = (status: 'refused' | 'failed', reason: string) => {
            if (!settleInboundFile(tx, row.id, owner, { status, error: reason, attempts: row.attempts }, now)) return;
            answerError(tx, conv, new DubanError(ErrorCode.InvalidInput, `文件“${row.fileName}”未替换通报文稿：${reason}`), now);
          };
          if (fetched.kind === 'too_large') return refuse('refused', `超过 ${Math.floor(fetched.maxBytes / 1024 / 1024)} MB 的大小上限`);
          if (fetched.kind === 'failed') return refuse('failed', `下载失败（${fetched.error.slice(0, 100)}），请重新发送`);
          try {
            const b = replaceBulletinFile(d, bulletinId, row.senderId, fetched.bytes, row.fileName, now);
            if (!settleInboundFile(tx, row.id, owner, { status: 'stored', fileId: b.fileId, attempts: row.attempts }, now)) throw new SettledElsewhere();
          } catch (err) {
            if (err instanceof SettledElsewhere) throw err;
            const de = toDubanError(err);
            if (de.code === ErrorCode.Internal) throw err;
            refuse('refused', de.message);
          }
        },
        { behavior: 'immediate' },
      );
    } catch (err) {
      if (!(err instanceof SettledElsewhere)) throw err;
    }
    log.info({ inboundFileId: row.id, bulletinId }, 'bulletin upload settled');
    kick();
  };
}
