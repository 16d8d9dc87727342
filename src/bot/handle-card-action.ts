import { z } from 'zod';
import {
  type Audience,
  type Card,
  type CardAction,
  CARD_ACTIONS,
  completionFormCard,
  completionReviewCard,
  extensionFormCard,
  extensionReviewCard,
  itemDetailCard,
  progressFormCard,
  slipCard,
  editFormCard,
  cancelConfirmCard,
} from '../cards/cards';
import type { CommandType } from '../domain/commands';
import { chinaDate, parseDateInput } from '../domain/dates';
import { DubanError, ErrorCode, toDubanError } from '../domain/errors';
import type { Item } from '../domain/item';
import { namesConfidential } from '../domain/disclosure';
import { canRegister, canView, relationsTo } from '../domain/permissions';
import { archivedRefusal, assertAllowed, assertPermitted } from '../domain/transitions';
import type { Db } from '../db/client';
import { latestCompletion, latestExtension } from '../db/history-repository';
import { confidentialMarks, findItem } from '../db/item-repository';
import { listPeople, listUnits, loadActor } from '../db/org-repository';
import type { Logger } from '../logger';
import { enqueue, findSentMessage, personAddress } from '../messenger/outbox-queue';
import { type ServiceCommand, applyCommand } from '../services/apply-command';
import { getItemCardDetail, getVisibleItem } from '../services/item-queries';
import { openAttachWindow } from '../db/inbound-file-repository';
import { fileById } from '../db/file-repository';
import { mayReceiveEvidence } from '../domain/evidence';
import { canIssueBulletin } from '../domain/bulletin';
import { toggleTypical } from '../services/mark-typical';
import { BULLETIN_HANDLERS } from './bulletin-actions';
import { ESCALATION_HANDLERS } from './escalation-actions';
import { STATS_HANDLERS } from './stats-actions';
import { cardContext } from './card-context';
import { listPage } from './list-pages';
import { readEditForm, submitRegistration } from './register-form';
import { NOT_SHOWN, hiddenFrom } from './conversation';
import type { BotDeps } from './deps';
import { withJson } from '../feishu/answer-json';
import { sendDetailPrivately } from './detail-answer';

/** A button carries only which item, which version the card showed, and what to do. Anything else is refused. */
const buttonValue = z.strictObject({ a: z.enum(CARD_ACTIONS), id: z.number().int().min(0), v: z.number().int().min(0) });

interface CardEvent {
  operator?: { open_id?: string };
  action?: { value?: unknown; form_value?: Record<string, unknown>; name?: string };
  context?: { open_message_id?: string; open_chat_id?: string };
}

type Answer = { toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }; card?: { type: 'raw'; data: Card } };

interface ActionCtx {
  deps: BotDeps;
  db: Db;
  operator: string;
  item: Item | null;
  version: number;
  form: Record<string, unknown>;
  now: Date;
}

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : v == null ? '' : String(v));
/** Feishu's date_picker submits "2026-12-31 +0800"; people type all sorts. */
const formDate = (v: unknown, today: string) => parseDateInput(str(v).slice(0, 10), today) ?? parseDateInput(str(v), today) ?? str(v).trim();

const answerCard = (card: Card, toast?: Answer['toast']): Answer => ({ ...(toast ? { toast } : {}), card: { type: 'raw', data: card } });
const ok = (content: string) => ({ type: 'success' as const, content });

function audienceOf(db: Db, operator: string, item: Item): Audience {
  const rel = relationsTo(loadActor(db, operator), item);
  return rel.has('leadUnit') ? 'lead' : rel.has('coopUnit') ? 'coop' : 'other';
}

function need(a: ActionCtx): Item {
  if (!a.item) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项');
  return a.item;
}

/** Runs a command as the clicking operator, refusing a stale card, and answers with the refreshed slip. */
function act(a: ActionCtx, command: ServiceCommand, note: string): Answer {
  // The item read above (in this same transaction, the dispatcher's) is handed on rather than read again.
  const item = applyCommand(a.deps.ctx, { itemId: need(a).id, actorId: a.operator, channel: 'card', command, now: a.now, expectedVersion: a.version, loaded: a.item ?? undefined });
  const c = cardContext(a.db, a.deps.ctx.calendar, a.now);
  return answerCard(slipCard(item, c, audienceOf(a.db, a.operator, item), note), ok(note));
}

/** Opens a form only for someone who could submit it, so nobody fills in a form to be refused at the end. */
function form(a: ActionCtx, type: CommandType, build: (item: Item, c: ReturnType<typeof cardContext>) => Card): Answer {
  const item = need(a);
  const actor = loadActor(a.db, a.operator);
  assertPermitted(item, type, actor);
  if (item.version !== a.version) throw stale(item);
  assertAllowed(item, type, actor);
  return answerCard(build(item, cardContext(a.db, a.deps.ctx.calendar, a.now)));
}

const leadersOf = (db: Db) => listPeople(db).filter((x) => x.roles.includes('leader') || x.roles.includes('principal'));

const stale = (item: Item) => new DubanError(ErrorCode.Conflict, `${item.number} 已有新的变化，此卡片已过期，已为您刷新`);

/** What a button may still do on an archived (归档, read-only) item: read it, and have its files sent. */
const READ_ON_ARCHIVED: ReadonlySet<CardAction> = new Set<CardAction>(['detail', 'back', 'send_evidence']);

/** One handler per button, keyed by the action name the card carries. */
const HANDLERS: Record<CardAction, (a: ActionCtx) => Answer> = {
  claim: (a) => act(a, { type: 'claim' }, '✅ 已认领，请按时办理并报送进展'),
  progress_form: (a) => form(a, 'report_progress', progressFormCard),
  extension_form: (a) => form(a, 'request_extension', extensionFormCard),
  completion_form: (a) => {
    const answer = form(a, 'submit_completion', completionFormCard);
    // While the form is open, a file the person sends the bot is this item's evidence (bot/handle-file-message.ts).
    openAttachWindow(a.db, a.operator, need(a).id, a.now);
    return answer;
  },
  submit_progress: (a) => act(a, { type: 'report_progress', text: str(a.form.text) }, '✅ 进展已记录'),
  submit_extension: (a) =>
    act(a, { type: 'request_extension', reason: str(a.form.reason), proposedDeadline: formDate(a.form.date, chinaDate(a.now)) }, '✅ 延期申请已提交，等待分管校领导审批'),
  submit_completion: (a) =>
    act(
      a,
      { type: 'submit_completion', selfAssessment: str(a.form.assessment), materials: str(a.form.materials).split(/\r?\n/) },
      '✅ 办结申请已提交，等待审核',
    ),
  approve_extension: (a) => decideExtension(a, true),
  reject_extension: (a) => decideExtension(a, false),
  approve: (a) => review(a, 'approve'),
  return: (a) => review(a, 'return'),
  detail: (a) => {
    // The detail goes to the operator privately, drawn when it is sent; the card they clicked stays as it is.
    sendDetailPrivately(a.deps.ctx, a.operator, need(a), a.now);
    return { toast: { type: 'info', content: '详情已私信发送给您' } };
  },
  back: (a) => {
    const item = getVisibleItem(a.deps.ctx, a.operator, need(a).id);
    return answerCard(slipCard(item, cardContext(a.db, a.deps.ctx.calendar, a.now), audienceOf(a.db, a.operator, item)));
  },
  register: (a) => submitRegistration(a.deps, a.operator, a.form, 'check'),
  register_anyway: (a) => submitRegistration(a.deps, a.operator, a.form, 'anyway'),
  register_merge: (a) => submitRegistration(a.deps, a.operator, a.form, 'merge'),
  edit_form: (a) => form(a, 'edit', (item, c) => editFormCard(item, c, { units: listUnits(a.db), leaders: leadersOf(a.db) })),
  submit_edit: (a) => act(a, { type: 'edit', ...readEditForm(a.form, chinaDate(a.now)) }, '✅ 修改已保存，已通知相关单位和人员'),
  cancel_form: (a) => form(a, 'cancel', (item, c) => cancelConfirmCard(item, c)),
  confirm_cancel: (a) => act(a, { type: 'cancel', reason: str(a.form.reason) }, '✅ 已撤销，已通知相关单位'),
  list_page: (a) => listPage(a.deps, a.operator, a.version, a.now),
  // `v` carries the file's id: it must be evidence of the item `id` names, which the operator must be able to see
  // (checked from the database before any handler runs); the file goes to the operator privately, never to a group.
  send_evidence: (a) => sendEvidence(a),
  // `v` carries the progress report's id (a mark is not a change of the item, so no version is checked); the
  // report must belong to the item `id` names, which the operator must be able to see.
  mark_typical: (a) => markTypical(a),
  ...BULLETIN_HANDLERS,
  ...STATS_HANDLERS,
  // 签发约谈通知 (the form), its submit, 移交问责: bot/escalation-actions.ts.
  ...ESCALATION_HANDLERS,
};

/** 发给我 on a listed evidence file: the stored file, sent to the clicker in their private chat with the bot. */
function sendEvidence(a: ActionCtx): Answer {
  const item = need(a);
  if (!mayReceiveEvidence(item, loadActor(a.db, a.operator))) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
  const file = fileById(a.db, a.version);
  if (!file || file.kind !== 'evidence' || file.itemId !== item.id) throw new DubanError(ErrorCode.NotFound, '没有找到该文件，请查看最新的事项详情');
  enqueue(a.db, { to: personAddress(a.operator), msgType: 'file', content: { fileId: file.id }, purpose: 'evidence', itemId: item.id }, a.now);
  return { toast: ok(`“${file.name}”已私信发送给您`) };
}

/** 典型经验 on or off; the detail card is redrawn in place with the new mark. */
function markTypical(a: ActionCtx): Answer {
  const r = toggleTypical(a.deps.ctx, { itemId: need(a).id, progressId: a.version, actorId: a.operator, channel: 'card' }, a.now);
  const d = getItemCardDetail(a.deps.ctx, a.operator, r.itemId);
  const actor = loadActor(a.db, a.operator);
  const card = itemDetailCard(d.item, d, cardContext(a.db, a.deps.ctx.calendar, a.now), canRegister(actor), canIssueBulletin(actor));
  return answerCard(card, ok(r.typical ? '已标为典型经验，将列入督查通报' : '已取消典型经验标记'));
}

function decideExtension(a: ActionCtx, approve: boolean): Answer {
  const before = need(a);
  const ext = before.pendingExtension;
  const note = str(a.form.note).trim() || undefined;
  const item = applyCommand(a.deps.ctx, {
    itemId: before.id,
    actorId: a.operator,
    channel: 'card',
    command: approve ? { type: 'approve_extension', note } : { type: 'reject_extension', note },
    now: a.now,
    expectedVersion: a.version,
  });
  const c = cardContext(a.db, a.deps.ctx.calendar, a.now);
  const text = approve ? `已同意延期至 ${item.deadline}` : '已不同意延期';
  return answerCard(extensionReviewCard(item, ext ?? latestExtension(a.db, item.id)!, c, text), ok(text));
}

function review(a: ActionCtx, kind: 'approve' | 'return'): Answer {
  const before = need(a);
  const command: ServiceCommand =
    kind === 'approve'
      ? { type: 'approve', note: str(a.form.note).trim() || undefined }
      : { type: 'return', reason: str(a.form.note), newDeadline: formDate(a.form.new_deadline, chinaDate(a.now)) };
  const item = applyCommand(a.deps.ctx, { itemId: before.id, actorId: a.operator, channel: 'card', command, now: a.now, expectedVersion: a.version });
  const c = cardContext(a.db, a.deps.ctx.calendar, a.now);
  const text =
    kind === 'return' ? `已退回，新的完成时限 ${item.deadline}` : item.state === 'closed' ? '已销号' : '已审核通过，待主要领导审阅销号';
  return answerCard(completionReviewCard(item, latestCompletion(a.db, item.id)!, c, text), ok(text));
}

/**
 * Where the answer may be shown. A card answer replaces the clicked card for everyone who can see that message, so
 * one that names a confidential item is shown in place only on a card the bot sent privately; anywhere else (a
 * group, a forwarded copy, a message we do not know) it goes to the operator privately and the click gets a toast.
 */
function placeAnswer(a: ActionCtx, openMessageId: string | undefined, answer: Answer, answerJson: string): Answer {
  if (!answer.card) return answer;
  // The whole answer's JSON, already made for the operator's check (guardForOperator), not the card's made again: a
  // toast naming the item as well only ever sends the card privately. Asked first: an answer that names no
  // confidential item is shown wherever it was clicked, and most do not, so most clicks look up no message.
  if (!namesConfidential(answerJson, confidentialMarks(a.db), a.item?.id)) return answer;
  const where = openMessageId ? findSentMessage(a.db, openMessageId) : null;
  // A private card sent to this operator (or a reply in their private chat with the bot, which has no receive id).
  if (where?.audience === 'private' && (where.receiveId === null || where.receiveId === a.operator)) return answer;
  const content = JSON.stringify(answer.card.data);
  enqueue(a.db, { to: personAddress(a.operator), msgType: 'interactive', content, purpose: 'card_answer', itemId: a.item?.id ?? null }, a.now);
  return { toast: { type: answer.toast?.type ?? 'info', content: `${answer.toast?.content ?? '已处理'}（涉密事项，卡片已私信发送给您）` } };
}

/**
 * card.action.trigger: decides from the operator (never from the card) whether the click is allowed. Runs inside
 * the dispatcher's transaction. Order: who clicked, on what → may they see it → may they do it → is the card current.
 */
export function handleCardAction(deps: BotDeps, event: Record<string, unknown>, log: Logger): object {
  const e = event as CardEvent;
  const operator = e.operator?.open_id;
  const parsed = buttonValue.safeParse(e.action?.value);
  if (!operator || !parsed.success) {
    log.warn({ value: e.action?.value }, 'card action with an unknown value');
    return { toast: { type: 'error', content: '无法识别的操作，请使用最新的卡片' } };
  }
  const { a, id, v } = parsed.data;
  const now = deps.now();
  const db = deps.ctx.db;
  const item = id ? findItem(db, id) : null;
  // Someone who may not see the item learns nothing: not its title, not that the card is out of date.
  if (id && (!item || !canView(loadActor(db, operator), item))) {
    log.info({ action: a, itemId: id }, 'card action on an item the operator cannot see');
    return { toast: { type: 'error', content: '没有找到该督办事项，或您无权查看' } };
  }
  // A filed item is read-only: every button that would act on it is refused here, the one place all clicks pass.
  if (item?.state === 'archived' && !READ_ON_ARCHIVED.has(a)) {
    log.info({ action: a, itemId: id }, 'card action on an archived item');
    return { toast: { type: 'error', content: archivedRefusal(item) } };
  }
  const ctx: ActionCtx = { deps, db, operator, item, version: v, form: formValues(e.action?.form_value), now };
  // Nothing in an answer may name a confidential item the operator may not see (an error about another item, a
  // registration refused as a duplicate of one); then it is placed where it may be shown.
  const place = (answer: Answer) => {
    const guarded = guardForOperator(db, operator, ctx.form, answer, log);
    const placed = placeAnswer(ctx, e.context?.open_message_id, guarded.answer, guarded.json);
    // Given as it was checked: the text the checks read is the text sent.
    return placed === answer && guarded.json ? withJson(placed, guarded.json) : placed;
  };
  try {
    return place(HANDLERS[a](ctx));
  } catch (err) {
    const de = toDubanError(err);
    if (de.code === ErrorCode.Internal) throw err;
    log.info({ code: de.code, action: a, itemId: id }, 'card action refused');
    const toast = { type: 'error' as const, content: de.message };
    // A stale card is replaced by the current one, so the person sees what changed. Only someone allowed to act
    // gets here: permission is checked before the version.
    if (de.code === ErrorCode.Conflict && item) {
      const fresh = findItem(db, item.id)!;
      return place(answerCard(slipCard(fresh, cardContext(db, deps.ctx.calendar, now), audienceOf(db, operator, fresh)), toast));
    }
    return { toast };
  }
}

/** An answer that would name a confidential item the operator may not see (words they typed aside) is not given. */
function guardForOperator(db: Db, operator: string, form: Record<string, unknown>, answer: Answer, log: Logger): { answer: Answer; json: string } {
  // Serialised once here (a redrawn slip is several KB); placeAnswer reads the same text.
  const json = JSON.stringify(answer);
  if (!namesConfidential(json, hiddenFrom(db, operator, JSON.stringify(form)))) return { answer, json };
  log.warn('card answer naming a confidential item the operator may not see; withheld');
  return { answer: { toast: { type: 'error', content: NOT_SHOWN } }, json: '' };
}

/** Form values as the handlers read them: an object, or nothing. */
const formValues = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
