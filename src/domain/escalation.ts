/**
 * The end of the escalation ladder (NWU art. 7; LZU art. 7(四)): the 约谈通知单 at level 1 and 2, and the 问责
 * referral. Pure: who may issue which step, when the next one is proposed, the notice's number and wording.
 *
 * Decisions (read from the regulations):
 * - Level 1 (NWU art. 7(一)): "由党委办公室、校长办公室协调分管工作校领导向相关单位发送": the leader in charge issues
 *   it, and the office may issue it on the leader's behalf (it coordinates the sending). Only for an open item
 *   past its deadline (第七条 对逾期未办结事项).
 * - Level 2 (art. 7(二)): "协调校党委书记或校长…与有关单位主要负责人进行约谈": a principal (书记/校长) issues it, or
 *   the office on their behalf; only after level 1. The org data has one head per unit, the unit's 主要负责人
 *   (DOMAIN.md: 单位主要负责人 = unitHead), so both levels are addressed to the lead unit's head; level 2 differs in
 *   who holds the interview.
 * - 问责 referral (art. 7(三) "约谈后仍不能按时、按要求完成的…责任追究"): the office only, after level 2, to the
 *   observers (纪委办、监察处、组织部). A confidential item is never sent to them through the bot (they are not its
 *   readers): the office hands it over off-line.
 * - Admins (a technical role) issue nothing here.
 * - The scheduler proposes level 2 `interview2After` working days after level 1, and the referral `referralAfter`
 *   working days after level 2, while the item is still open; each proposal once. Issuing does not wait for the
 *   proposal: a principal may act on 敷衍推诿 at once (art. 7(二) is about conduct, not time).
 */
import { type Actor, hasRole } from './actor';
import type { WorkCalendar } from './calendar';
import { type Item, isOpen } from './item';
import { canView } from './permissions';

export type EscalationStep = 'interview1' | 'interview2' | 'referral';
export const ESCALATION_STEPS: readonly EscalationStep[] = ['interview1', 'interview2', 'referral'];

export const STEP_LABELS: Record<EscalationStep, string> = {
  interview1: '约谈通知单（分管校领导约谈）',
  interview2: '约谈通知单（书记、校长约谈）',
  referral: '问责移交',
};

/** The audit_log actions of the issued steps, and how the history names them. */
export const ESCALATION_ACTIONS: Record<EscalationStep, string> = {
  interview1: 'issue_interview1',
  interview2: 'issue_interview2',
  referral: 'issue_referral',
};
export const ESCALATION_ACTION_LABELS: Record<string, string> = {
  issue_interview1: '签发约谈通知单（一级）',
  issue_interview2: '签发约谈通知单（二级）',
  issue_referral: '移交问责',
};

/** The chase kinds of the scheduler's proposals (chases.kind), and their names in the detail card. */
export type ProposalKind = 'interview2_proposal' | 'referral_proposal';
export const PROPOSAL_LABELS: Record<ProposalKind, string> = {
  interview2_proposal: '二级约谈建议',
  referral_proposal: '问责移交建议',
};

export interface EscalationTiming {
  /** Working days after level 1 while the item is open → level 2 is proposed to the office. Default 10. */
  interview2After: number;
  /** Working days after level 2 while the item is open → the referral is proposed. Default 10. */
  referralAfter: number;
}
export const DEFAULT_ESCALATION_TIMING: EscalationTiming = { interview2After: 10, referralAfter: 10 };

/** `(2026) 督字 (N) 号`, as printed on the NWU form. */
export const noticeNumber = (year: number, seq: number) => `(${year}) 督字 (${seq}) 号`;

/** What has been issued for one item, as the rules need it. */
export interface IssuedStep {
  id: number;
  step: EscalationStep;
  issuedAt: string;
}

/** The next step to issue after `issued`, or null when the ladder is at its end. */
export function nextStep(issued: readonly Pick<IssuedStep, 'step'>[]): EscalationStep | null {
  const done = new Set(issued.map((s) => s.step));
  return ESCALATION_STEPS.find((s) => !done.has(s)) ?? null;
}

/** Who may issue `step` on `item`, in terms of how they stand to it (see the module comment). */
export function mayIssue(actor: Actor, item: Pick<Item, 'leaderId' | 'leadUnitId' | 'coopUnitIds' | 'confidential'>, step: EscalationStep): boolean {
  if (!canView(actor, item)) return false;
  const office = hasRole(actor, 'supervisor');
  if (step === 'interview1') return office || item.leaderId === actor.id;
  if (step === 'interview2') return office || hasRole(actor, 'principal');
  return office;
}

const WHO_MAY: Record<EscalationStep, string> = {
  interview1: '只有分管校领导或督查室可以签发一级约谈通知单',
  interview2: '只有书记、校长或督查室可以签发二级约谈通知单',
  referral: '只有督查室可以移交问责',
};

/**
 * Why `actor` may not issue the next step on `item` now, or null when they may. Order: permission, then the item's
 * state, then the ladder. `step` is the step asked for (a card names none: the next one is meant).
 */
export function refusal(
  actor: Actor,
  item: Item,
  issued: readonly Pick<IssuedStep, 'step'>[],
  today: string,
  step: EscalationStep | null = nextStep(issued),
): { code: 'forbidden' | 'invalid_state' | 'conflict'; message: string } | null {
  const wanted = step ?? 'referral';
  if (!mayIssue(actor, item, wanted)) return { code: 'forbidden', message: WHO_MAY[wanted] };
  if (!isOpen(item.state)) return { code: 'invalid_state', message: `${item.number} 已不在办理中，无需约谈或问责` };
  if (step === null) return { code: 'conflict', message: `${item.number} 已移交问责，督办约谈已到最后一步` };
  const done = new Set(issued.map((s) => s.step));
  if (done.has(step)) {
    const what = step === 'referral' ? '已移交问责' : `的${step === 'interview1' ? '一' : '二'}级约谈通知单已签发`;
    return { code: 'conflict', message: `${item.number} ${what}，无需重复操作` };
  }
  if (step === 'interview1' && today <= item.deadline) return { code: 'invalid_state', message: `${item.number} 尚未逾期（完成时限 ${item.deadline}），无需约谈` };
  if (step === 'interview2' && !done.has('interview1')) return { code: 'invalid_state', message: `${item.number} 尚未进行一级约谈，请先签发一级约谈通知单` };
  if (step === 'referral' && !done.has('interview2')) return { code: 'invalid_state', message: `${item.number} 尚未进行二级约谈，暂不能移交问责` };
  if (step === 'referral' && item.confidential) {
    return { code: 'invalid_state', message: `${item.number} 为涉密事项，不通过督办助手移交，请按保密规定线下移交纪委办、监察处、组织部` };
  }
  return null;
}

/**
 * The proposal due for an open item at `today` (a working day), or null: level 2 once `interview2After` working
 * days have passed since level 1 with no level 2; the referral likewise after level 2. Keyed by the step it
 * follows, so it is proposed once.
 */
export function dueProposal(
  item: Pick<Item, 'id' | 'state'>,
  issued: readonly IssuedStep[],
  today: string,
  cal: WorkCalendar,
  timing: EscalationTiming = DEFAULT_ESCALATION_TIMING,
): { kind: ProposalKind; key: string } | null {
  if (!isOpen(item.state)) return null;
  const of = (s: EscalationStep) => issued.find((x) => x.step === s);
  const referral = of('referral');
  const second = of('interview2');
  const first = of('interview1');
  if (referral) return null;
  const waited = (s: IssuedStep) => cal.workdaysBetween(chinaDateOf(s.issuedAt), today);
  if (second) return waited(second) >= timing.referralAfter ? { kind: 'referral_proposal', key: `referral_proposal:${item.id}:${second.id}` } : null;
  if (first) return waited(first) >= timing.interview2After ? { kind: 'interview2_proposal', key: `interview2_proposal:${item.id}:${first.id}` } : null;
  return null;
}

/** The China date (UTC+8, no daylight saving) of a stored instant. */
export function chinaDateOf(iso: string): string {
  const d = new Date(iso);
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}

/** An interview time read from what the issuer typed: the China date and time of day, and the instant. */
export interface InterviewTime {
  date: string;
  /** HH:MM, Beijing time. */
  time: string;
  startsAt: string;
}

/**
 * Reads `2026-12-03 15:00`, `2026/12/3 15:00`, `2026年12月3日 15:00`, `12月3日下午3点`, `12月3日 下午3点半`,
 * `2026-12-03T15:00` (the form's picker). A date without a year is the next such date on or after today. A time
 * of day is required (a notice names one). Null when it cannot be read.
 */
export function parseInterviewTime(text: string, today: string): InterviewTime | null {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (s.length === 0 || s.length > 60) return null;
  const m = /^(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?\s*(?:T|\s)?\s*(上午|下午|晚上|中午)?\s*(\d{1,2})\s*(?:[:：点时])\s*(\d{1,2}|半)?\s*分?(?:\s*\+0800)?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, half, h, mi] = m;
  let hour = Number(h);
  const minute = mi === undefined ? 0 : mi === '半' ? 30 : Number(mi);
  if ((half === '下午' || half === '晚上') && hour < 12) hour += 12;
  if (half === '中午' && hour < 11) hour += 12;
  if (hour > 23 || minute > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const build = (year: number) => `${year}-${pad(Number(mo))}-${pad(Number(d))}`;
  let date = build(y ? Number(y) : Number(today.slice(0, 4)));
  if (!y && date < today) date = build(Number(today.slice(0, 4)) + 1);
  if (!isRealDate(date)) return null;
  const time = `${pad(hour)}:${pad(minute)}`;
  return { date, time, startsAt: new Date(`${date}T${time}:00+08:00`).toISOString() };
}

function isRealDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** Bounds on what the issuer types, so a notice stays one page. */
export const NOTICE_LIMITS = { reason: 80, place: 40, interviewer: 40, time: 60 } as const;

/** The blanks of the NWU form, filled. */
export interface NoticeText {
  school: string;
  number: string;
  /** The line the notice is addressed to: the lead unit's name. */
  addressee: string;
  /** 因___工作: the item's work, as the issuer confirmed it. */
  reason: string;
  /** ____年__月__日___ */
  year: string;
  month: string;
  day: string;
  /** The time of day, e.g. 15:00. */
  time: string;
  interviewer: string;
  place: string;
  /** The issue date, ____年__月__日 under 特此通知. */
  issued: { year: string; month: string; day: string };
}

/** The notice's blanks from what was issued. `issuedDate` is the China date of issue. */
export function noticeText(o: {
  school: string;
  number: string;
  unitName: string;
  reason: string;
  when: Pick<InterviewTime, 'date' | 'time'>;
  interviewer: string;
  place: string;
  issuedDate: string;
}): NoticeText {
  const [y, m, d] = o.when.date.split('-');
  const [iy, im, id] = o.issuedDate.split('-');
  return {
    school: o.school,
    number: o.number,
    addressee: o.unitName,
    reason: o.reason,
    year: y!,
    month: String(Number(m)),
    day: String(Number(d)),
    time: o.when.time,
    interviewer: o.interviewer,
    place: o.place,
    issued: { year: iy!, month: String(Number(im)), day: String(Number(id)) },
  };
}

/** The sentence of the form with its blanks filled: 因…工作在催办后仍未按期完成，…进行工作约谈。 */
export const noticeSentence = (t: NoticeText) =>
  `因${t.reason}工作在催办后仍未按期完成，${t.year}年${t.month}月${t.day}日${t.time}由${t.interviewer}在${t.place}进行工作约谈。`;
