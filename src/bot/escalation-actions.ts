/**
 * The buttons of the escalation ladder: 签发约谈通知 (on the 约谈建议 and 二级约谈建议 cards) opens the form for
 * the next level; its submit issues the notice; 移交问责 (on the 问责移交建议 card) issues the referral. Who
 * clicked is checked before anything else (the services load the operator, never the card's payload), then
 * whether the card is current.
 */
import { receiptCard } from '../cards/cards';
import { interviewFormCard } from '../cards/escalation-cards';
import type { Card } from '../cards/types';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item } from '../domain/item';
import { findItem } from '../db/item-repository';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import { DEFAULT_SCHEDULE } from '../scheduler/schedule-config';
import { type EscalationSettings, issueEscalation, namesFor, prepareEscalation } from '../services/escalations';
import type { BotDeps } from './deps';

export interface EscalationClick {
  deps: BotDeps;
  operator: string;
  item: Item | null;
  version: number;
  form: Record<string, unknown>;
  now: Date;
}

type Answer = { toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }; card?: { type: 'raw'; data: Card } };

export const escalationSettings = (deps: BotDeps): EscalationSettings =>
  deps.escalation ?? { school: DEFAULT_SCHEDULE.escalation.school, office: deps.bulletin?.office ?? DEFAULT_SCHEDULE.bulletin.office };

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const need = (a: EscalationClick) => {
  if (!a.item) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项');
  return a.item;
};
const stale = (item: Item) => new DubanError(ErrorCode.Conflict, `${item.number} 已有新的变化，此卡片已过期，已为您刷新`);

/** Tells what was issued, in the words the issuer will look for. */
export function issuedText(step: string, number: string | null, itemNumber: string, to: string): string {
  if (step === 'referral') return `✅ ${itemNumber} 已移交问责，事项情况及全部办理记录已发送纪委办、监察处、组织部`;
  return `✅ 已签发${step === 'interview1' ? '一级' : '二级'}约谈通知单 ${number}，送达${to}并抄送校领导；Word 文件随后发送`;
}

export const ESCALATION_HANDLERS = {
  issue_interview: (a: EscalationClick): Answer => {
    const current = need(a);
    // Permission and state first (prepare refuses as issuing would), then whether the card is current.
    const p = prepareEscalation(a.deps.ctx.db, current.id, a.operator, a.now);
    if (p.step === 'referral') throw new DubanError(ErrorCode.InvalidState, `${current.number} 的两级约谈均已签发，请使用「移交问责」`);
    if (current.version !== a.version) throw stale(current);
    const c = namesFor(a.deps.ctx.db, a.deps.ctx.calendar, a.now);
    const card = interviewFormCard(p.item, c, { level: p.step === 'interview1' ? 1 : 2, addressee: p.addressee, interviewer: p.interviewer, reason: p.reason });
    // The form comes as a message of its own: the button may sit on the office's list of many items (督办提醒),
    // which an answer in place would replace.
    enqueue(a.deps.ctx.db, { to: personAddress(a.operator), msgType: 'interactive', content: card, purpose: 'interview_form', itemId: current.id }, a.now);
    return { toast: { type: 'info', content: '约谈通知单已私信发送给您，填写约谈时间、地点后签发' } };
  },
  submit_interview: (a: EscalationClick): Answer => {
    const current = need(a);
    // The form names its level, so a level-1 form submitted after someone else issued level 1 cannot issue level 2.
    const level = str(a.form.level);
    const step = level === 'interview2' ? 'interview2' : 'interview1';
    const p = prepareEscalation(a.deps.ctx.db, current.id, a.operator, a.now, step);
    const { row } = issueEscalation(
      a.deps.ctx,
      escalationSettings(a.deps),
      { itemId: current.id, actorId: a.operator, channel: 'card', step, time: str(a.form.time), place: str(a.form.place), interviewer: str(a.form.interviewer), reason: str(a.form.reason), expectedVersion: a.version },
      a.now,
    );
    const text = issuedText(row.step, row.number, current.number, p.addressee);
    // The form is replaced by the receipt, so it cannot be submitted again by mistake.
    const receipt = receiptCard(findItem(a.deps.ctx.db, current.id)!, namesFor(a.deps.ctx.db, a.deps.ctx.calendar, a.now), text);
    return { toast: { type: 'success', content: text }, card: { type: 'raw', data: receipt } };
  },
  issue_referral: (a: EscalationClick): Answer => {
    const current = need(a);
    const { row } = issueEscalation(a.deps.ctx, escalationSettings(a.deps), { itemId: current.id, actorId: a.operator, channel: 'card', step: 'referral', expectedVersion: a.version }, a.now);
    return { toast: { type: 'success', content: issuedText(row.step, row.number, current.number, '') } };
  },
};
