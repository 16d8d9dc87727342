/**
 * Issuing the escalation ladder's last steps: the 约谈通知单 (level 1 and 2) and the 问责 referral.
 *
 * One transaction records the step: the 督字 number taken from doc_sequences, the escalations row, its audit_log
 * row, and the cards to the addressee and the copied leaders (or, for a referral, the observers) in the outbox.
 * The Word document is made right after the commit (docx writes asynchronously, and bot handlers run inside one
 * synchronous transaction): services/escalation-documents.ts finds the step without a file, stores the document
 * and queues the file messages in a second transaction, once. The number is the notice's from the first commit on;
 * a document or a send that fails later is retried, never renumbered.
 */
import type { Actor } from '../domain/actor';
import type { CardContext } from '../cards/types';
import { interviewNoticeCard, referralCard } from '../cards/escalation-cards';
import { chinaDate } from '../domain/dates';
import { DubanError, ErrorCode } from '../domain/errors';
import {
  ESCALATION_ACTIONS,
  type EscalationStep,
  NOTICE_LIMITS,
  type NoticeText,
  chinaDateOf,
  noticeNumber,
  noticeText,
  mayIssue,
  nextStep,
  parseInterviewTime,
  refusal,
} from '../domain/escalation';
import type { Item } from '../domain/item';
import { canView } from '../domain/permissions';
import type { DbOrTx } from '../db/client';
import { type EscalationRow, escalationsOfItem, insertEscalation, nextNoticeSeq } from '../db/escalation-repository';
import { cardContext } from '../bot/card-context';
import { type Channel, insertAudit } from '../db/history-repository';
import { findItem } from '../db/item-repository';
import { findUnit, listPeople, loadActor, peopleWithRole, personNamer } from '../db/org-repository';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import type { WorkCalendar } from '../domain/calendar';
import { type QuietHours, quietNotBefore } from '../domain/quiet-hours';
import type { ServiceContext } from './context';

export interface EscalationSettings {
  /** The school's name in the form's title (西北大学督办工作约谈通知单); '' leaves it out. */
  school: string;
  /** Who signs the referral (the office's name). */
  office: string;
  /** Quiet hours (schedule `quietHours`): the notices to others wait for them, as every notification does. */
  quietHours?: QuietHours | null;
}

/** When messages to people other than the issuer may go out. */
export const notBeforeOf = (s: EscalationSettings, calendar: WorkCalendar, now: Date) => (s.quietHours ? quietNotBefore(now, calendar, s.quietHours) : undefined);

export interface IssueInput {
  itemId: number;
  actorId: string;
  channel: Channel;
  /** The step asked for; the next one on the ladder when not given (a card's button). */
  step?: EscalationStep;
  /** Notices only: what the issuer wrote. */
  time?: string;
  place?: string;
  interviewer?: string;
  reason?: string;
  /** A card's item version: an out-of-date card issues nothing. */
  expectedVersion?: number;
}

// A step already issued is not a stale card (Conflict makes the card handler redraw the card clicked, which may be
// the office's list of many items): it is refused as the item's state.
const ERROR_CODES = { forbidden: ErrorCode.Forbidden, invalid_state: ErrorCode.InvalidState, conflict: ErrorCode.InvalidState } as const;

/** Card names for ids, read within the transaction (the same names every card uses). */
export const namesFor = cardContext;

/**
 * What the issuer may do next on the item, for opening the form: the step, whom it goes to, and the prefilled
 * 约谈人 and reason. Throws the same refusals issuing would (so nobody fills in a form to be refused at the end).
 */
export function prepareEscalation(db: DbOrTx, itemId: number, actorId: string, now: Date, step?: EscalationStep) {
  const { item, actor, issued, next } = load(db, itemId, actorId, now, step);
  const unit = findUnit(db, item.leadUnitId);
  return {
    item,
    step: next,
    issued,
    addressee: unit?.name ?? item.leadUnitId,
    interviewer: defaultInterviewer(db, item, actor, next),
    reason: item.title.slice(0, NOTICE_LIMITS.reason),
  };
}

function load(db: DbOrTx, itemId: number, actorId: string, now: Date, step?: EscalationStep) {
  const item = findItem(db, itemId);
  const actor: Actor = loadActor(db, actorId);
  if (!item || !canView(actor, item)) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
  const issued = escalationsOfItem(db, item.id);
  const next = step ?? nextStep(issued);
  const why = refusal(actor, item, issued, chinaDate(now), next);
  if (why) {
    // Not naming a level: someone who may only issue a level already issued (the leader in charge, once level 1 is
    // out) hears that it is issued, and who issues the next one.
    const theirs = !step && why.code === 'forbidden' ? issued.find((r) => mayIssue(actor, item, r.step)) : undefined;
    if (theirs && theirs.step !== 'referral') {
      throw new DubanError(ErrorCode.InvalidState, `${item.number} 的${theirs.step === 'interview1' ? '一' : '二'}级约谈通知单已签发，无需重复操作；${why.message}`);
    }
    throw new DubanError(ERROR_CODES[why.code], why.message);
  }
  return { item, actor, issued, next: next! };
}


/** Level 1: the leader in charge; level 2: the issuing principal, or the principals when the office issues. */
function defaultInterviewer(db: DbOrTx, item: Item, actor: Actor, step: EscalationStep): string {
  const names = personNamer(db);
  if (step === 'interview1') return names(item.leaderId);
  if (step === 'interview2') {
    if (actor.roles.includes('principal')) return actor.name;
    return peopleWithRole(db, 'principal').map((p) => p.name).filter(Boolean).join('、');
  }
  return '';
}

/** Issues the next step (or `input.step`); returns the recorded row and the item. */
export function issueEscalation(ctx: ServiceContext, settings: EscalationSettings, input: IssueInput, now: Date): { row: EscalationRow; item: Item } {
  return ctx.db.transaction(
    (tx) => {
      const { item, actor, issued, next } = load(tx, input.itemId, input.actorId, now, input.step);
      if (input.expectedVersion !== undefined && input.expectedVersion !== item.version) {
        throw new DubanError(ErrorCode.Conflict, `${item.number} 已有新的变化，此卡片已过期，已为您刷新`);
      }
      const at = now.toISOString();
      const c = namesFor(tx, ctx.calendar, now);
      if (next === 'referral') return issueReferral(tx, c, settings, item, actor, issued, input.channel, at);
      const fields = readNoticeFields(tx, item, actor, next, input, now);
      const unit = findUnit(tx, item.leadUnitId);
      if (!unit?.headId) {
        throw new DubanError(ErrorCode.InvalidState, `主办单位 ${c.unitName(item.leadUnitId)} 未登记负责人，约谈通知单无法送达，请先在组织架构中补充`);
      }
      const year = Number(chinaDate(now).slice(0, 4));
      const seq = nextNoticeSeq(tx, year);
      const number = noticeNumber(year, seq);
      const row = insertEscalation(tx, {
        itemId: item.id,
        step: next,
        year,
        seq,
        number,
        timeText: fields.timeText,
        startsAt: fields.when.startsAt,
        place: fields.place,
        interviewer: fields.interviewer,
        interviewerIds: fields.interviewerIds,
        reason: fields.reason,
        addresseeId: unit.headId,
        issuedBy: actor.id,
        issuedAt: at,
        fileId: null,
        calendarEventIds: [],
      });
      insertAudit(tx, {
        itemId: item.id,
        actorId: actor.id,
        channel: input.channel,
        action: ESCALATION_ACTIONS[next],
        fromState: item.state,
        toState: item.state,
        changes: { escalationId: row.id, number },
        note: `${number}；${fields.when.date} ${fields.when.time} 由${fields.interviewer}在${fields.place}约谈`,
        at,
      });
      const t = noticeOf(row, item, c, settings);
      const level = next === 'interview1' ? 1 : 2;
      const { to, copy } = escalationRecipients(tx, item, row);
      const notBefore = notBeforeOf(settings, ctx.calendar, now);
      for (const person of to) {
        enqueue(tx, { to: personAddress(person), msgType: 'interactive', content: interviewNoticeCard(item, c, t, { level, copy: false, fileReady: false }), purpose: 'interview_notice', itemId: item.id, notBefore }, now);
      }
      for (const person of copy) {
        enqueue(tx, { to: personAddress(person), msgType: 'interactive', content: interviewNoticeCard(item, c, t, { level, copy: true, fileReady: false }), purpose: 'interview_notice_copy', itemId: item.id, notBefore }, now);
      }
      return { row, item };
    },
    { behavior: 'immediate' },
  );
}

function issueReferral(tx: DbOrTx, c: CardContext, settings: EscalationSettings, item: Item, actor: Actor, issued: EscalationRow[], channel: Channel, at: string) {
  const observers = peopleWithRole(tx, 'observer');
  if (observers.length === 0) throw new DubanError(ErrorCode.InvalidState, '组织架构中没有抄送单位（纪委办、监察处、组织部）人员，无法移交问责，请先在组织架构中补充');
  const row = insertEscalation(tx, {
    itemId: item.id,
    step: 'referral',
    year: null,
    seq: null,
    number: null,
    reason: item.title,
    addresseeId: null,
    issuedBy: actor.id,
    issuedAt: at,
    fileId: null,
    calendarEventIds: [],
  });
  insertAudit(tx, {
    itemId: item.id,
    actorId: actor.id,
    channel,
    action: ESCALATION_ACTIONS.referral,
    fromState: item.state,
    toState: item.state,
    changes: { escalationId: row.id },
    note: `移交纪委办、监察处、组织部（${observers.map((p) => p.name || '抄送单位').join('、')}）`,
    at,
  });
  const now = new Date(at);
  const steps = issued.map((r) => `${r.step === 'interview1' ? '一级' : '二级'}约谈（${r.number}）`);
  const card = referralCard(item, c, { steps, office: settings.office });
  const notBefore = notBeforeOf(settings, c.calendar, now);
  for (const person of escalationRecipients(tx, item, row).to) {
    enqueue(tx, { to: personAddress(person), msgType: 'interactive', content: card, purpose: 'referral', itemId: item.id, notBefore }, now);
  }
  return { row, item };
}

/** Who receives a step's card and file: the unit head, copies to the leaders who may see the item; or the observers. */
export function escalationRecipients(db: DbOrTx, item: Item, row: EscalationRow): { to: string[]; copy: string[] } {
  if (row.step === 'referral') return { to: peopleWithRole(db, 'observer').map((p) => p.id).filter((id) => canView(loadActor(db, id), item)), copy: [] };
  const to = row.addresseeId ? [row.addresseeId] : [];
  // 抄送：校领导 — the leaders and principals; a confidential item only to those who are its readers.
  const copy = listPeople(db)
    .filter((p) => (p.roles.includes('leader') || p.roles.includes('principal')) && !to.includes(p.id))
    .map((p) => p.id)
    .filter((id) => canView(loadActor(db, id), item));
  return { to, copy };
}

/** The notice's blanks from its row (the document and the cards are drawn from the same). */
export function noticeOf(row: EscalationRow, item: Item, c: CardContext, settings: EscalationSettings): NoticeText {
  const startsAt = row.startsAt ?? row.issuedAt;
  const local = new Date(new Date(startsAt).getTime() + 8 * 3600_000).toISOString();
  return noticeText({
    school: settings.school,
    number: row.number ?? '',
    unitName: c.unitName(item.leadUnitId),
    reason: row.reason,
    when: { date: local.slice(0, 10), time: local.slice(11, 16) },
    interviewer: row.interviewer ?? '',
    place: row.place ?? '',
    issuedDate: chinaDateOf(row.issuedAt),
  });
}

/** Checks and bounds what the issuer wrote; clear Chinese messages for each fault. */
function readNoticeFields(db: DbOrTx, item: Item, actor: Actor, step: EscalationStep, input: IssueInput, now: Date) {
  const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const timeText = clean(input.time);
  if (!timeText) throw new DubanError(ErrorCode.InvalidInput, '请填写约谈时间，如 时间:2026-12-03 15:00');
  if (timeText.length > NOTICE_LIMITS.time) throw new DubanError(ErrorCode.InvalidInput, `约谈时间过长（不超过 ${NOTICE_LIMITS.time} 字），请写成 2026-12-03 15:00`);
  const when = parseInterviewTime(timeText, chinaDate(now));
  if (!when) throw new DubanError(ErrorCode.InvalidInput, `无法识别约谈时间「${timeText}」，请写成 2026-12-03 15:00 或 12月3日下午3点`);
  if (when.startsAt <= now.toISOString()) throw new DubanError(ErrorCode.InvalidInput, `约谈时间 ${when.date} ${when.time} 已过，请填写今后的时间`);
  const place = clean(input.place);
  if (!place) throw new DubanError(ErrorCode.InvalidInput, '请填写约谈地点，如 地点:行政楼301会议室');
  if (place.length > NOTICE_LIMITS.place) throw new DubanError(ErrorCode.InvalidInput, `约谈地点过长（不超过 ${NOTICE_LIMITS.place} 字）`);
  const interviewer = clean(input.interviewer) || defaultInterviewer(db, item, actor, step);
  if (!interviewer) throw new DubanError(ErrorCode.InvalidInput, '请填写约谈人，如 约谈人:王校长');
  if (interviewer.length > NOTICE_LIMITS.interviewer) throw new DubanError(ErrorCode.InvalidInput, `约谈人过长（不超过 ${NOTICE_LIMITS.interviewer} 字）`);
  const reason = clean(input.reason) || item.title.slice(0, NOTICE_LIMITS.reason);
  if (reason.length > NOTICE_LIMITS.reason) throw new DubanError(ErrorCode.InvalidInput, `事由过长（不超过 ${NOTICE_LIMITS.reason} 字）`);
  // 约谈人 who are people of the organisation (by their name) are invited in the calendar as well.
  const wanted = interviewer.split(/[、,，;；\s]+/).filter(Boolean);
  const interviewerIds = listPeople(db)
    .filter((p) => p.name && wanted.includes(p.name))
    .map((p) => p.id);
  if (step === 'interview1' && wanted.length === 1 && interviewerIds.length === 0 && interviewer === personNamer(db)(item.leaderId)) interviewerIds.push(item.leaderId);
  return { timeText, when, place, interviewer, interviewerIds: [...new Set(interviewerIds)], reason };
}

