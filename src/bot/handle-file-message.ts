import { z } from 'zod';
import { noticeCard, receiptCard } from '../cards/cards';
import type { WorkCalendar } from '../domain/calendar';
import { isStranger } from '../domain/actor';
import { DubanError, ErrorCode, toDubanError } from '../domain/errors';
import { assertMayAddEvidence } from '../domain/evidence';
import { canRegister } from '../domain/permissions';
import type { Db } from '../db/client';
import { type InboundFileRow, openAttachWindowOf, queueInboundFile, settleInboundFile } from '../db/inbound-file-repository';
import { findItem } from '../db/item-repository';
import { loadActor } from '../db/org-repository';
import { checkEvidenceType } from '../files/evidence-type';
import { safeFileName } from '../files/file-store';
import type { Fetched, Settler } from '../files/inbound-downloader';
import type { Logger } from '../logger';
import { addEvidence } from '../services/add-evidence';
import type { ServiceContext } from '../services/context';
import { importItemsFromBytes } from '../services/import-items';
import { formatSize } from '../cards/evidence-view';
import { cardContext } from './card-context';
import { refreshLiveCards } from './live-cards';
import { type Conversation, answer, answerError } from './conversation';
import type { BotDeps } from './deps';

/**
 * How long after opening a completion form (办结申请) a file the person sends the bot privately, not as a reply,
 * counts as that item's evidence. Opening the form is recorded (attach_windows); a reply to a card always wins.
 */
export const ATTACH_WINDOW_MS = 30 * 60_000;

const KEY = z.string().min(1).max(256);
const fileContent = z.looseObject({ file_key: KEY, file_name: z.string().max(1_000).optional() });
const imageContent = z.looseObject({ image_key: KEY });

/** What a file or image message carries, or null when its content is not what Feishu sends. */
function resourceOf(type: string, content: string | undefined): { fileKey: string; resourceType: 'file' | 'image'; name: string } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(content ?? '');
  } catch {
    return null;
  }
  if (type === 'file') {
    const f = fileContent.safeParse(raw);
    return f.success ? { fileKey: f.data.file_key, resourceType: 'file', name: safeFileName(f.data.file_name ?? '文件') } : null;
  }
  const i = imageContent.safeParse(raw);
  // Images come without a name; the extension is set from the content once it is fetched.
  return i.success ? { fileKey: i.data.image_key, resourceType: 'image', name: '图片.png' } : null;
}

const HOW_TO = '如需提交佐证材料，请在督办单等卡片上“回复”并发送文件，或在填写办结申请时发送文件。';

/**
 * A file or image someone sent the bot (im.message.receive_v1, message_type file | image), inside the dispatcher's
 * transaction. A reply to a card about an item, or a file sent while the person's completion form is open, is
 * queued as that item's evidence, if they may add it (checked here, and again when it has been fetched); the file
 * is fetched after the commit (files/inbound-downloader.ts) and the sender is answered then.
 */
export function handleFileMessage(
  deps: BotDeps,
  msg: { message_id: string; message_type?: string; content?: string; chat_type?: string },
  sender: string,
  repliedItem: number | null,
  log: Logger,
): object {
  const db = deps.ctx.db;
  const now = deps.now();
  const conv: Conversation = { messageId: msg.message_id, inGroup: msg.chat_type === 'group', sender };
  const actor = loadActor(db, sender);
  if (isStranger(actor)) {
    if (!conv.inGroup) answer(db, conv, noticeCard('督办助手', '您不在督办助手的组织架构中，暂不能使用。如需使用，请联系督查室。'), now);
    return {};
  }
  const res = resourceOf(msg.message_type ?? '', msg.content);
  if (!res) {
    if (repliedItem || !conv.inGroup) answerError(db, conv, new DubanError(ErrorCode.InvalidInput, '无法读取该文件消息，请重新发送'), now);
    return {};
  }
  const itemId = repliedItem ?? (conv.inGroup ? null : openAttachWindowOf(db, sender, now, ATTACH_WINDOW_MS));
  if (!itemId) {
    if (conv.inGroup) return {};
    if (/\.xlsx$/i.test(res.name) && res.resourceType === 'file' && canRegister(actor)) {
      // A filled 批量登记 template: fetched after the commit and imported (services/import-items.ts), which answers.
      const queued = queueInboundFile(db, { messageId: msg.message_id, fileKey: res.fileKey, resourceType: 'file', fileName: res.name, purpose: 'import', itemId: null, senderId: sender, inGroup: conv.inGroup }, now);
      if (queued === null) log.info('import file already queued; ignored');
      return {};
    }
    answer(db, conv, noticeCard('未关联督办事项', `收到的文件没有关联到督办事项，未保存。${HOW_TO}`), now);
    return {};
  }
  try {
    const item = findItem(db, itemId);
    if (!item) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
    assertMayAddEvidence(item, actor);
    const queued = queueInboundFile(db, { messageId: msg.message_id, fileKey: res.fileKey, resourceType: res.resourceType, fileName: res.name, purpose: 'evidence', itemId: item.id, senderId: sender, inGroup: conv.inGroup }, now);
    if (queued === null) log.info('file message already queued; ignored');
  } catch (err) {
    const de = toDubanError(err);
    if (de.code === ErrorCode.Internal) throw err;
    log.info({ code: de.code }, 'evidence refused');
    answerError(db, conv, de, now);
  }
  return {};
}

/**
 * The end of a fetched file: checked by its content, then — in one transaction — stored as the item's evidence
 * with its history row, the queue row settled and the sender answered; or refused with the reason and nothing
 * kept. The permission is checked again: the item may have been closed or moved to another unit meanwhile.
 */
export function evidenceSettler(db: Db, calendar: WorkCalendar, kick: () => void, log: Logger): Settler {
  return async (row: InboundFileRow, fetched: Fetched, owner: string, now: Date) => {
    // Rows queued for another use (a 通报 upload) are another settler's; compose routes them by purpose.
    if (row.purpose !== 'evidence') throw new Error(`inbound file ${row.id}: purpose ${row.purpose} is not evidence`);
    const check = fetched.kind === 'bytes' ? await checkEvidenceType(fetched.bytes, row.fileName) : null;
    db.transaction(
      (tx) => {
        const conv: Conversation = { messageId: row.messageId, inGroup: row.inGroup, sender: row.senderId };
        const refuse = (status: 'refused' | 'failed', reason: string) => {
          if (!settleInboundFile(tx, row.id, owner, { status, error: reason, attempts: row.attempts }, now)) return;
          answerError(tx, conv, new DubanError(ErrorCode.InvalidInput, `文件“${row.fileName}”未保存：${reason}`), now);
        };
        if (fetched.kind === 'too_large') return refuse('refused', `超过 ${Math.floor(fetched.maxBytes / 1024 / 1024)} MB 的大小上限，请压缩或拆分后重新发送`);
        if (fetched.kind === 'failed') return refuse('failed', `下载失败（${fetched.error.slice(0, 100)}），请重新发送`);
        if (!check?.ok) return refuse('refused', check?.reason ?? '无法识别文件类型');
        const item = row.itemId ? findItem(tx, row.itemId) : null;
        const actor = loadActor(tx, row.senderId);
        try {
          if (!item) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
          const { file, created } = addEvidence(
            tx,
            { item, actor, bytes: fetched.kind === 'bytes' ? fetched.bytes : Buffer.alloc(0), name: check.name, mime: check.mime, sourceMessageId: row.messageId, channel: 'chat' },
            now,
          );
          if (!settleInboundFile(tx, row.id, owner, { status: 'stored', fileId: file.id, attempts: row.attempts }, now)) {
            // Another holder settled it first: undo what this one wrote (the bytes on disk stay, shared by digest).
            throw new SettledElsewhere();
          }
          // The review cards people hold list the files: redraw them (cards that show no file change nothing).
          if (created) refreshLiveCards(tx, { item, now }, calendar);
          const said = created
            ? `✅ 已收到佐证材料“${file.name}”（${formatSize(file.size)}），已记入 ${item.number}`
            : `该文件此前已提交（“${file.name}”），未重复保存`;
          answer(tx, conv, receiptCard(item, cardContext(tx, calendar, now), said, created ? 'green' : 'blue'), now, item.id, 'receipt');
        } catch (err) {
          if (err instanceof SettledElsewhere) throw err;
          const de = toDubanError(err);
          if (de.code === ErrorCode.Internal) throw err;
          refuse('refused', de.message);
        }
      },
      { behavior: 'immediate' },
    );
    log.info({ inboundFileId: row.id }, 'file received and settled');
    kick();
  };
}

class SettledElsewhere extends Error {}

/**
 * A fetched 批量登记 file: the queue row is settled first, then the file imported (which checks the whole file,
 * registers in one transaction or nothing, and answers the sender privately). Settling first makes the import run
 * at most once: a crash in between loses the import (the row says so) rather than registering the items twice.
 */
export function importSettler(ctx: ServiceContext, kick: () => void, log: Logger): Settler {
  return async (row: InboundFileRow, fetched: Fetched, owner: string, now: Date) => {
    const conv: Conversation = { messageId: row.messageId, inGroup: row.inGroup, sender: row.senderId };
    const settled = ctx.db.transaction(
      (tx) => {
        const error = fetched.kind === 'too_large' ? `超过 ${Math.floor(fetched.maxBytes / 1024 / 1024)} MB 的大小上限` : fetched.kind === 'failed' ? `下载失败（${fetched.error.slice(0, 100)}），请重新发送` : null;
        if (!settleInboundFile(tx, row.id, owner, { status: error ? (fetched.kind === 'failed' ? 'failed' : 'refused') : 'stored', error, attempts: row.attempts }, now)) return false;
        if (error) answerError(tx, conv, new DubanError(ErrorCode.InvalidInput, `文件“${row.fileName}”未导入：${error}`), now);
        return !error;
      },
      { behavior: 'immediate' },
    );
    kick();
    if (!settled || fetched.kind !== 'bytes') return;
    const r = await importItemsFromBytes(ctx, fetched.bytes, row.senderId, { channel: 'chat' }, now);
    log.info({ inboundFileId: row.id, ok: r.ok, registered: r.registered.length, problems: r.problems.length }, 'import file settled');
    kick();
  };
}
