import { and, eq, isNotNull } from 'drizzle-orm';
import { bindUnitChat } from '../services/bind-chat';
import {
  helpCard,
  itemDetailCard,
  listCard,
  noticeCard,
  receiptCard,
  registerFormCard,
} from '../cards/cards';
import { chinaDate, parseDateInput } from '../domain/dates';
import { DubanError, ErrorCode, toDubanError } from '../domain/errors';
import { canRegister } from '../domain/permissions';
import { listPeople, listUnits, loadActor } from '../db/org-repository';
import { outbox } from '../db/schema';
import type { Logger } from '../logger';
import { applyCommand } from '../services/apply-command';
import { SCOPE_LABELS, getItemDetail, listForActor } from '../services/item-queries';
import { registerItem } from '../services/register-item';
import { cardContext } from './card-context';
import { classifySource } from './classify-source';
import type { BotDeps } from './deps';
import { type ParsedCommand, parseCommand } from './parse-command';
import { replyCard, replyError } from './replies';
import { resolveLeader, resolveUnit } from './resolve';

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
    const row = deps.ctx.db
      .select({ itemId: outbox.itemId })
      .from(outbox)
      .where(and(eq(outbox.messageId, id), isNotNull(outbox.itemId)))
      .get();
    if (row?.itemId) return row.itemId;
  }
  return null;
}

/** im.message.receive_v1: a /督办 command, or a reply to one of our cards (which records progress). */
export async function handleMessage(deps: BotDeps, event: Record<string, unknown>, log: Logger): Promise<object> {
  const e = event as MessageEvent;
  const msg = e.message;
  const sender = e.sender?.sender_id?.open_id;
  if (!msg?.message_id || !sender || e.sender?.sender_type === 'app') return {};
  const now = deps.now();
  const db = deps.ctx.db;
  const isGroup = msg.chat_type === 'group';
  const repliedItem = itemRepliedTo(deps, msg.parent_id, msg.root_id);

  let text = '';
  if (msg.message_type === 'text') {
    try {
      text = String((JSON.parse(msg.content ?? '{}') as { text?: unknown }).text ?? '');
    } catch {
      text = '';
    }
  } else {
    if (repliedItem) replyError(db, msg.message_id, new DubanError(ErrorCode.InvalidInput, '请用文字回复进展情况（图片、文件请在进展中写明链接）'), now);
    else if (!isGroup) replyCard(db, msg.message_id, helpCard(), now);
    deps.kick();
    return {};
  }

  const parsed = parseCommand(text);
  try {
    if (parsed.kind === 'not_command') {
      if (repliedItem) {
        const progress = text.replace(/@_user_\d+|@_all/g, '').trim();
        const item = applyCommand(deps.ctx, {
          itemId: repliedItem,
          actorId: sender,
          channel: 'chat',
          command: { type: 'report_progress', text: progress },
          now,
        });
        replyCard(db, msg.message_id, receiptCard(item, cardContext(db, deps.ctx.calendar, now), '✅ 已记录为办理进展'), now, item.id, 'receipt');
      } else if (!isGroup) {
        replyCard(db, msg.message_id, helpCard('请以“/督办”开头输入指令'), now);
      }
    } else {
      runCommand(deps, parsed, sender, msg, now);
    }
  } catch (err) {
    const de = toDubanError(err);
    if (de.code === ErrorCode.Internal) throw err;
    log.info({ code: de.code }, 'command refused');
    replyError(db, msg.message_id, de, now);
  }
  deps.kick();
  return {};
}

function runCommand(deps: BotDeps, p: Exclude<ParsedCommand, { kind: 'not_command' }>, sender: string, msg: NonNullable<MessageEvent['message']>, now: Date) {
  const { ctx } = deps;
  const db = ctx.db;
  const messageId = msg.message_id!;
  const c = cardContext(db, ctx.calendar, now);
  switch (p.kind) {
    case 'help':
      return replyCard(db, messageId, helpCard(), now);
    case 'error':
      return replyCard(db, messageId, helpCard(p.message), now);
    case 'new_form': {
      if (!canRegister(loadActor(db, sender))) throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以立项登记');
      const leaders = listPeople(db).filter((x) => x.roles.includes('leader') || x.roles.includes('principal'));
      return replyCard(db, messageId, registerFormCard({ units: listUnits(db), leaders }), now);
    }
    case 'new_quick': {
      const lead = resolveUnit(db, p.lead);
      const coop = p.coop.map((u) => resolveUnit(db, u).id);
      const deadline = parseDateInput(p.deadline, chinaDate(now));
      if (!deadline) throw new DubanError(ErrorCode.InvalidInput, `截止日期“${p.deadline}”无法识别，请写作 2026-12-31`);
      const source = p.source ? classifySource(p.source) : undefined;
      const registered = registerItem(ctx, {
        actorId: sender,
        channel: 'command',
        now,
        input: {
          title: p.title,
          leadUnitId: lead.id,
          coopUnitIds: coop,
          leaderId: resolveLeader(db, p.leader, lead.id),
          deadline,
          source,
          progressCycle: p.cycle,
          important: p.important,
          flagged: p.flagged,
          confidential: p.confidential,
        },
      });
      const item = applyCommand(ctx, { itemId: registered.id, actorId: sender, channel: 'command', command: { type: 'send_slip' }, now });
      return replyCard(db, messageId, receiptCard(item, c, `✅ 已立项 ${item.number}，督办单已发送至${c.unitName(item.leadUnitId)}`), now, item.id, 'receipt');
    }
    case 'list': {
      const items = listForActor(ctx, sender, p.scope, now);
      return replyCard(db, messageId, listCard(`督办事项 · ${SCOPE_LABELS[p.scope]}`, items, c), now);
    }
    case 'view': {
      const d = getItemDetail(ctx, sender, p.ref);
      // A confidential item's detail never goes into a group chat; it is sent privately instead.
      if (d.item.confidential && msg.chat_type === 'group') {
        throw new DubanError(ErrorCode.Forbidden, '涉密事项不在群聊中显示，请私聊机器人查看');
      }
      return replyCard(db, messageId, itemDetailCard(d.item, d, c), now, d.item.id, 'detail');
    }
    case 'progress': {
      const target = getItemDetail(ctx, sender, p.ref).item;
      const item = applyCommand(ctx, { itemId: target.id, actorId: sender, channel: 'command', command: { type: 'report_progress', text: p.text }, now });
      return replyCard(db, messageId, receiptCard(item, c, '✅ 进展已记录'), now, item.id, 'receipt');
    }
    case 'urge': {
      const target = getItemDetail(ctx, sender, p.ref).item;
      const item = applyCommand(ctx, { itemId: target.id, actorId: sender, channel: 'command', command: { type: 'urge', note: p.note ?? undefined }, now });
      return replyCard(db, messageId, receiptCard(item, c, `✅ 已向${c.unitName(item.leadUnitId)}催办`), now, item.id, 'receipt');
    }
    case 'bind':
      return bindChat(deps, p.unit, sender, msg, now);
  }
}

/** `/督办 绑定 <单位>`: this group chat becomes the unit's, for digests. */
function bindChat(deps: BotDeps, unitText: string, sender: string, msg: NonNullable<MessageEvent['message']>, now: Date) {
  if (msg.chat_type !== 'group' || !msg.chat_id) throw new DubanError(ErrorCode.InvalidInput, '请在单位的群聊中 @机器人 使用“绑定”');
  const unit = resolveUnit(deps.ctx.db, unitText);
  bindUnitChat(deps.ctx, unit, msg.chat_id, sender, now, (tx) =>
    replyCard(tx, msg.message_id!, noticeCard('群聊已绑定', `本群已绑定为“${unit.name}”的督办群，将定期收到本单位督办事项汇总（涉密事项不在群内显示）。`), now),
  );
}
