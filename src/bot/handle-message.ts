import { cancelConfirmCard, helpCard, noticeCard, receiptCard, registerFormCard } from '../cards/cards';
import { chinaDate } from '../domain/dates';
import type { Item } from '../domain/item';
import type { RegistrationInput } from '../domain/registration';
import { DubanError, ErrorCode, toDubanError } from '../domain/errors';
import { canRegister } from '../domain/permissions';
import { assertAllowed } from '../domain/transitions';
import { isStranger } from '../domain/actor';
import { listPeople, listUnits, loadActor } from '../db/org-repository';
import type { Logger } from '../logger';
import { findSentMessage } from '../messenger/outbox-queue';
import { handleFileMessage } from './handle-file-message';
import { archiveAnswer } from './archive-answer';
import { archiveYear } from '../services/archive';
import { bindUnitChat } from '../services/bind-chat';
import { applyCommand } from '../services/apply-command';
import { getVisibleItem } from '../services/item-queries';
import { registerAndSendSlip } from '../services/register-item';
import { bulletinOfMessage, requestBulletin } from '../services/bulletins';
import { queueBulletinUpload } from './bulletin-upload';
import { answerStats } from './stats-chat';
import { answerExport, answerImportTemplate } from './export-chat';
import { parsePeriod, previousBimonthly } from '../domain/stats-periods';
import { cardContext } from './card-context';
import { answerList } from './list-pages';
import { classifySource } from './classify-source';
import { type Conversation, answer, answerError } from './conversation';
import { answerDetail } from './detail-answer';
import type { BotDeps } from './deps';
import { type ParsedCommand, parseCommand } from './parse-command';
import { assertMayRegister, duplicatesOf, formValuesOf, registrationForm } from './register-form';
import { resolveItemFields } from './resolve-fields';
import { escalationSettings, issuedText } from './escalation-actions';
import type { EscalationCommand } from './parse-escalation';
import { issueEscalation } from '../services/escalations';
import { resolveLeader, resolveUnit } from './resolve';

/** The answer to a number that names no item the person may see. */
export const NOT_FOUND = '没有找到该督办事项，或您无权查看。请核对编号，例如 2026-17';

/** The longest message read as a command or a progress report; longer ones are refused before any parsing. */
export const MAX_MESSAGE_CHARS = 5000;

interface MessageEvent {
  sender?: { sender_id?: { open_id?: string }; sender_type?: string };
  message?: {
    message_id?: string;
    parent_id?: string;
    root_id?: string;
    chat_id?: string;
    chat_type?: string;
    message_type?: string;
    content?: string;
  };
}

/** The item a message replies to, when it replies (directly or in a thread) to a card the bot sent about one. */
export function itemRepliedTo(deps: BotDeps, parentId?: string, rootId?: string): number | null {
  for (const id of [parentId, rootId]) {
    if (!id) continue;
    const itemId = findSentMessage(deps.ctx.db, id)?.itemId;
    if (itemId) return itemId;
  }
  return null;
}

const textOf = (msg: NonNullable<MessageEvent['message']>): string => {
  try {
    const t = (JSON.parse(msg.content ?? '{}') as { text?: unknown } | null)?.text;
    return typeof t === 'string' ? t : '';
  } catch {
    return '';
  }
};

/** Looks like it is addressed to the bot, without parsing it (for refusals that must not cost a parse). */
const looksLikeCommand = (text: string) => /^\s*(?:@_user_\d+\s*)*[/／、]?\s*(?:督办|duban)/i.test(text.slice(0, 200));

/**
 * im.message.receive_v1: a /督办 command, or a reply to one of our cards (which records progress). Runs inside the
 * dispatcher's transaction; every answer goes through `answer`, which keeps confidential items out of groups.
 */
export function handleMessage(deps: BotDeps, event: Record<string, unknown>, log: Logger): object {
  const e = event as MessageEvent;
  const msg = e.message;
  const sender = e.sender?.sender_id?.open_id;
  if (!msg?.message_id || !sender || e.sender?.sender_type === 'app') return {};
  const now = deps.now();
  const db = deps.ctx.db;
  const conv: Conversation = { messageId: msg.message_id, inGroup: msg.chat_type === 'group', sender };
  const repliedItem = itemRepliedTo(deps, msg.parent_id, msg.root_id);

  if (msg.message_type === 'file' || msg.message_type === 'image') {
    // A file in reply to a 督查通报 draft's card or file is its corrected text (修改后上传), not evidence.
    const bulletinId = msg.parent_id ? bulletinOfMessage(db, msg.parent_id) : null;
    if (bulletinId) return queueBulletinUpload(deps, { ...msg, message_id: msg.message_id }, sender, bulletinId, log);
    return handleFileMessage(deps, { ...msg, message_id: msg.message_id }, sender, repliedItem, log);
  }
  if (msg.message_type !== 'text') {
    if (repliedItem) answerError(db, conv, new DubanError(ErrorCode.InvalidInput, '请用文字回复进展情况（图片、文件请在进展中写明链接）'), now);
    else if (!conv.inGroup) answer(db, conv, helpCard(), now);
    return {};
  }
  const text = textOf(msg);
  conv.typed = text;
  // Who is asking comes before any work on what they asked: someone outside the organisation gets one sentence.
  const actor = loadActor(db, sender);
  if (isStranger(actor)) {
    if (!conv.inGroup || looksLikeCommand(text)) {
      answer(db, conv, noticeCard('督办助手', '您不在督办助手的组织架构中，暂不能使用。如需使用，请联系督查室。'), now);
    }
    return {};
  }
  if (text.length > MAX_MESSAGE_CHARS) {
    if (repliedItem || !conv.inGroup || looksLikeCommand(text)) {
      answerError(db, conv, new DubanError(ErrorCode.InvalidInput, `消息过长（${text.length} 字），指令和进展每条最多 ${MAX_MESSAGE_CHARS} 字，请分条发送`), now);
    }
    return {};
  }

  const parsed = parseCommand(text, { mayRegister: canRegister(actor) });
  try {
    if (parsed.kind === 'not_command') {
      if (repliedItem) {
        const progress = text.replace(/@_user_\d+|@_all/g, '').trim();
        const item = applyCommand(deps.ctx, { itemId: repliedItem, actorId: sender, channel: 'chat', command: { type: 'report_progress', text: progress }, now });
        answer(db, conv, receiptCard(item, cardContext(db, deps.ctx.calendar, now), '✅ 已记录为办理进展'), now, item.id, 'receipt');
      } else if (!conv.inGroup) {
        answer(db, conv, helpCard('请以“/督办”开头输入指令'), now);
      }
    } else {
      runCommand(deps, parsed, conv, msg, now);
    }
  } catch (err) {
    const de = toDubanError(err);
    if (de.code === ErrorCode.Internal) throw err;
    log.info({ code: de.code }, 'command refused');
    // Not found and not allowed to see read the same and name nothing: neither the number typed (in a group, an
    // answer repeating a confidential number would have to go privately, telling everyone that it is one) nor the
    // number of the card replied to.
    answerError(db, conv, de.code === ErrorCode.NotFound ? new DubanError(ErrorCode.NotFound, NOT_FOUND) : de, now);
  }
  return {};
}

function runCommand(deps: BotDeps, p: Exclude<ParsedCommand, { kind: 'not_command' }>, conv: Conversation, msg: NonNullable<MessageEvent['message']>, now: Date) {
  const { ctx } = deps;
  const db = ctx.db;
  const sender = conv.sender;
  const c = cardContext(db, ctx.calendar, now);
  switch (p.kind) {
    case 'help':
      return answer(db, conv, helpCard(), now);
    case 'error':
      return answer(db, conv, helpCard(p.message), now);
    case 'new_form': {
      if (!canRegister(loadActor(db, sender))) throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以立项登记');
      const leaders = listPeople(db).filter((x) => x.roles.includes('leader') || x.roles.includes('principal'));
      return answer(db, conv, registerFormCard({ units: listUnits(db), leaders }), now);
    }
    case 'new_quick': {
      if (!canRegister(loadActor(db, sender))) throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以立项登记');
      const today = chinaDate(now);
      const f = resolveItemFields(db, { ...p, leader: p.leader ?? undefined, source: undefined }, today);
      const leadUnitId = f.leadUnitId!;
      const leaderId = f.leaderId ?? resolveLeader(db, null, leadUnitId);
      assertMayRegister(db, sender, { leaderId, leadUnitId, coopUnitIds: f.coopUnitIds ?? [], confidential: p.confidential });
      const input: RegistrationInput = {
        ...f,
        title: p.title,
        leadUnitId,
        coopUnitIds: f.coopUnitIds ?? [],
        leaderId,
        deadline: f.deadline!,
        source: p.source ? classifySource(p.source) : undefined,
        progressCycle: p.cycle,
        important: p.important,
        flagged: p.flagged,
        confidential: p.confidential,
      };
      let item: Item;
      try {
        item = registerAndSendSlip(ctx, { actorId: sender, channel: 'command', now, input });
      } catch (err) {
        // Like an open item: the registration form comes back filled in, with 并入 and (unless the same title) 仍然新建.
        const duplicates = err instanceof DubanError ? duplicatesOf(err) : undefined;
        if (!duplicates?.length) throw err;
        return answer(db, conv, registrationForm(db, { values: formValuesOf(input), duplicates }), now);
      }
      return answer(db, conv, receiptCard(item, c, `✅ 已立项 ${item.number}，督办单已发送至${c.unitName(item.leadUnitId)}`), now, item.id, 'receipt');
    }
    case 'edit': {
      const target = getVisibleItem(ctx, sender, p.ref);
      const changes = resolveItemFields(db, p.changes, chinaDate(now));
      const item = applyCommand(ctx, { itemId: target.id, actorId: sender, channel: 'command', command: { type: 'edit', changes, reason: p.reason }, now });
      return answer(db, conv, receiptCard(item, c, `✅ 已修改 ${item.number}，已通知相关单位和人员`), now, item.id, 'receipt');
    }
    case 'cancel': {
      // Withdrawing cannot be undone: the answer is the confirmation card, the reason filled in, 确认撤销 on it.
      const target = getVisibleItem(ctx, sender, p.ref);
      assertAllowed(target, 'cancel', loadActor(db, sender));
      return answer(db, conv, cancelConfirmCard(target, c, p.reason), now, target.id, 'cancel_confirm');
    }
    case 'merge': {
      const from = getVisibleItem(ctx, sender, p.ref);
      const into = getVisibleItem(ctx, sender, p.into);
      const item = applyCommand(ctx, { itemId: from.id, actorId: sender, channel: 'command', command: { type: 'merge', targetId: into.id }, now });
      return answer(db, conv, receiptCard(item, c, `✅ 已将 ${item.number} 并入 ${into.number}，来源和历史均已保留`), now, item.id, 'receipt');
    }
    case 'list':
      return answerList(deps, conv, p, now);
    case 'view':
      return answerDetail(ctx, conv, p.ref, now);
    case 'progress': {
      const target = getVisibleItem(ctx, sender, p.ref);
      const item = applyCommand(ctx, { itemId: target.id, actorId: sender, channel: 'command', command: { type: 'report_progress', text: p.text }, now });
      return answer(db, conv, receiptCard(item, c, '✅ 进展已记录'), now, item.id, 'receipt');
    }
    case 'urge': {
      const target = getVisibleItem(ctx, sender, p.ref);
      const item = applyCommand(ctx, { itemId: target.id, actorId: sender, channel: 'command', command: { type: 'urge', note: p.note ?? undefined }, now });
      return answer(db, conv, receiptCard(item, c, `✅ 已向${c.unitName(item.leadUnitId)}催办`), now, item.id, 'receipt');
    }
    case 'bind':
      return bindChat(deps, p.unit, p.confirm, conv, msg, now);
    case 'bulletin':
      return draftBulletin(deps, p.period, conv, now);
    case 'stats':
      return answerStats(deps, p, conv, now);
    case 'interview':
    case 'referral':
      return issueFromChat(deps, p, conv, now);
    case 'archive':
      return answer(db, conv, archiveAnswer(archiveYear(ctx, { actorId: sender, year: p.year, channel: 'command', now }), p.year), now);
    case 'export':
      return answerExport(deps, p.filters, conv, now);
    case 'import_template':
      return answerImportTemplate(deps, conv, now);
  }
}

/**
 * `/督办 约谈 <编号> 时间:… 地点:… 约谈人:…` and `/督办 问责 <编号>`: issued at once (bot/parse-escalation.ts); the
 * Word file follows privately to the addressee and the copied leaders once written (services/escalation-documents.ts).
 */
function issueFromChat(deps: BotDeps, p: EscalationCommand, conv: Conversation, now: Date) {
  const target = getVisibleItem(deps.ctx, conv.sender, p.ref);
  const settings = escalationSettings(deps);
  const { row, item } =
    p.kind === 'referral'
      ? issueEscalation(deps.ctx, settings, { itemId: target.id, actorId: conv.sender, channel: 'command', step: 'referral' }, now)
      : issueEscalation(deps.ctx, settings, { itemId: target.id, actorId: conv.sender, channel: 'command', step: p.step, time: p.time, place: p.place, interviewer: p.interviewer, reason: p.reason }, now);
  const c = cardContext(deps.ctx.db, deps.ctx.calendar, now);
  return answer(deps.ctx.db, conv, receiptCard(item, c, issuedText(row.step, row.number, item.number, c.unitName(item.leadUnitId))), now, item.id, 'receipt');
}

/**
 * `/督办 通报 [期间]`: the draft is recorded now (its number taken); the Word file and the card with 发布 / 修改后上传 /
 * 作废 follow privately once written (services/bulletins.ts BulletinWriter, woken after this transaction commits).
 */
function draftBulletin(deps: BotDeps, text: string, conv: Conversation, now: Date) {
  const today = chinaDate(now);
  const period = text ? parsePeriod(text, today) : previousBimonthly(today);
  if (typeof period === 'string') throw new DubanError(ErrorCode.InvalidInput, period);
  const b = requestBulletin(deps.ctx, { actorId: conv.sender, period, channel: 'command' }, now);
  return answer(deps.ctx.db, conv, noticeCard('督查通报草稿', `已编号 ${b.number}（${period.label}），文稿生成后将私信发送给您。`), now);
}

/**
 * `/督办 绑定 <单位> [确认]`: this group chat becomes the unit's, for digests. A chat another unit holds is moved only
 * with 确认 (the service refuses, naming that unit, without it).
 */
function bindChat(deps: BotDeps, unitText: string, confirm: boolean, conv: Conversation, msg: NonNullable<MessageEvent['message']>, now: Date) {
  if (!conv.inGroup || !msg.chat_id) throw new DubanError(ErrorCode.InvalidInput, '请在单位的群聊中 @机器人 使用“绑定”');
  const unit = resolveUnit(deps.ctx.db, unitText);
  bindUnitChat(
    deps.ctx,
    unit,
    msg.chat_id,
    conv.sender,
    now,
    (tx, r) => {
      const said = r.unchanged
        ? `本群已是“${unit.name}”的督办群。`
        : `本群已绑定为“${unit.name}”的督办群${r.movedFrom ? `（原为“${r.movedFrom.name}”的督办群）` : ''}，将定期收到本单位督办事项汇总（涉密事项不在群内显示）。`;
      answer(tx, conv, noticeCard('群聊已绑定', said), now);
    },
    { confirm },
  );
}
