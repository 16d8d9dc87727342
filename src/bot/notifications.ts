import { and, desc, eq } from 'drizzle-orm';
import { filesOfItem } from '../db/file-repository';
import {
  type Audience,
  completionReviewCard,
  extensionReviewCard,
  receiptCard,
  slipCard,
} from '../cards/cards';
import { formatDate } from '../cards/format';
import { movedCard } from '../cards/item-cards';
import type { WorkCalendar } from '../domain/calendar';
import { type QuietHours, quietNotBefore } from '../domain/quiet-hours';
import { SUPERVISOR_NOTICE_KINDS, type SupervisorNoticeKind } from '../domain/supervisor-notices';
import { STATE_LABELS, type Item } from '../domain/item';
import type { Tx } from '../db/client';
import { findItem } from '../db/item-repository';
import { findUnit, peopleWithRole } from '../db/org-repository';
import { auditLog, completions, extensions } from '../db/schema';
import { type OutboxWorker } from '../messenger/outbox';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import { recordManualChase } from '../services/chase-records';
import type { EventSink, ItemEvent } from '../services/context';
import { cardContext } from './card-context';
import { type ChaseRedraw, NOTICE_HEADLINES, liveKey, refreshLiveCards, urgeNote } from './live-cards';

export { SUPERVISOR_NOTICE_KINDS, type SupervisorNoticeKind } from '../domain/supervisor-notices';
export const DEFAULT_SUPERVISOR_NOTICES: ReadonlySet<SupervisorNoticeKind> = new Set(SUPERVISOR_NOTICE_KINDS);

export interface NotificationOptions {
  /** Which moments the supervisors hear of at once (default: all four). An empty set: only the daily summary. */
  supervisorNotices?: ReadonlySet<SupervisorNoticeKind>;
  /**
   * Redraws a reminder card from its stored description (the outbox's `render` option, chaseCardRenderer), so
   * reminders about an item are kept true too. Without it they stay as they were sent.
   */
  redrawChase?: ChaseRedraw;
  /**
   * Quiet hours (the schedule file's): what is planned here goes to other people, not as an answer to the person
   * who acted, so it waits for the next allowed moment. Updates of cards already sent are not held.
   */
  quietHours?: QuietHours | null;
}

/** The people who act for a unit: its head and liaisons. */
export function unitPeople(tx: Tx, unitId: string): string[] {
  const u = findUnit(tx, unitId);
  if (!u) return [];
  return [...new Set([u.headId, ...u.liaisonIds].filter((x): x is string => !!x))];
}

/**
 * Decides who hears about each change and writes those messages to the outbox in the change's own transaction.
 * Only private messages: nothing here goes to a group chat, so a confidential item cannot leak into one.
 */
export function notificationSink(calendar: WorkCalendar, worker?: () => OutboxWorker | null, opts: NotificationOptions = {}): EventSink {
  const notices = opts.supervisorNotices ?? DEFAULT_SUPERVISOR_NOTICES;
  return {
    record(tx, e) {
      const notBefore = opts.quietHours ? quietNotBefore(e.now, calendar, opts.quietHours) : undefined; // null/absent: not held
      for (const m of plan(tx, e, calendar, notices)) {
        const id = enqueue(
          tx,
          { to: personAddress(m.to), msgType: 'interactive', content: m.card, purpose: m.purpose, itemId: e.item.id, notBefore, ...(m.key ? { dedupeKey: m.key } : {}) },
          e.now,
        );
        if (m.purpose === 'urge') recordManualChase(tx, e.item.id, e.actor.id, m.to, id, e.now);
      }
      // The cards already sent about the item are brought up to date in place. A progress report or a chase
      // changes nothing on the item (its version stays), so nothing the cards show.
      if (e.before && e.before.version !== e.item.version) {
        const c = cardContext(tx, calendar, e.now);
        refreshLiveCards(tx, { item: e.item, now: e.now, note: changeNote(e, c) }, calendar, opts);
      }
      // A merge changes the target too (it takes the sources): its cards carry its new version.
      if (e.command?.type === 'merge') {
        const target = findItem(tx, e.command.target.id);
        if (target) refreshLiveCards(tx, { item: target, now: e.now }, calendar, opts);
      }
    },
    afterCommit() {
      worker?.()?.wake();
    },
  };
}

interface Note {
  to: string;
  card: object;
  purpose: string;
  /**
   * For a live card (slip, 催办, review, supervisors' notice): its live key (live-cards.ts `liveKey`), saying what it
   * is about (the review's request and sign-off, the 催办's history row, the version a slip was sent at), so it can
   * be found and redrawn for its holder when the item changes. Also makes it unique: one person is asked once about
   * one request, and gets one 督办单 per change even when they act for both the lead and a cooperating unit.
   */
  key?: string;
}

/** The kind of supervisors' notice an event is, if any. */
function noticeKind(e: ItemEvent): SupervisorNoticeKind | null {
  if (e.type === 'approve') return e.item.state === 'closed' ? 'closed' : null;
  return e.type === 'submit_completion' || e.type === 'approve_extension' || e.type === 'reject_extension' ? e.type : null;
}

/** The line at the top of the refreshed slips: what just changed, in a few words. */
function changeNote(e: ItemEvent, c: ReturnType<typeof cardContext>): string | undefined {
  const item = e.item;
  const who = c.personName(e.actor.id);
  switch (e.type) {
    case 'claim':
      return `✅ ${who}已认领`;
    case 'approve_extension':
      return `✅ 延期申请已同意，完成时限延至 ${formatDate(item.deadline)}`;
    case 'reject_extension':
      return `❌ 延期申请未获同意，完成时限仍为 ${formatDate(item.deadline)}`;
    case 'submit_completion':
      return `📤 ${who}已申请办结，等待审核`;
    case 'approve':
      return item.state === 'closed' ? '✅ 已销号' : '✅ 分管校领导已审核同意，待主要领导销号';
    case 'return':
      return `↩️ 办结申请被退回，请于 ${formatDate(item.deadline)} 前办结`;
    case 'merge':
      return e.command?.type === 'merge' ? `该事项已并入 ${e.command.target.number}` : '该事项已合并';
    case 'cancel':
      return '该事项已撤销';
    case 'edit':
      return e.before ? `✏️ 督查室修改了${changedLabels(e.before, item).join('、')}` : undefined;
    default:
      return undefined;
  }
}

function plan(tx: Tx, e: ItemEvent, calendar: WorkCalendar, notices: ReadonlySet<SupervisorNoticeKind>): Note[] {
  const c = cardContext(tx, calendar, e.now);
  const item = e.item;
  const notes: Note[] = [];
  // The supervisors hear at once of what awaits them or was decided (each kind may be switched off).
  const kind = noticeKind(e);
  const noticed = new Set<string>();
  if (kind && notices.has(kind)) {
    const h = NOTICE_HEADLINES[kind]!;
    for (const p of peopleWithRole(tx, 'supervisor')) {
      if (p.id === e.actor.id) continue;
      noticed.add(p.id);
      notes.push({ to: p.id, card: receiptCard(item, c, h.text, h.tone), purpose: `notice:${kind}`, key: liveKey(item.id, `notice:${kind}`, `v${item.version}`, p.id) });
    }
  }
  // A slip or a 催办 is a live card (kept true by live-cards.ts): its key says which change or which 催办 it is.
  const liveAbout = (purpose: string): string | null => {
    if (purpose === 'slip') return `v${item.version}`;
    if (purpose !== 'urge') return null;
    const urged = tx.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.itemId, item.id), eq(auditLog.action, 'urge'))).orderBy(desc(auditLog.id)).get();
    return urged ? `a${urged.id}` : null;
  };
  const toUnit = (unitId: string, audience: Audience, purpose: string, note?: string) => {
    const about = liveAbout(purpose);
    for (const p of unitPeople(tx, unitId)) {
      if (p !== e.actor.id) notes.push({ to: p, card: slipCard(item, c, audience, note), purpose, ...(about ? { key: liveKey(item.id, purpose, about, p) } : {}) });
    }
  };
  const toLead = (purpose: string, note: string) => toUnit(item.leadUnitId, 'lead', purpose, note);

  switch (e.type) {
    case 'send_slip':
      toUnit(item.leadUnitId, 'lead', 'slip');
      for (const u of item.coopUnitIds) toUnit(u, 'coop', 'slip');
      // 报送分管校领导: the leader in charge is told of every new item in their area, to read (their decisions come later).
      if (item.leaderId !== e.actor.id) {
        notes.push({ to: item.leaderId, card: receiptCard(item, c, `📋 新立项督办事项，报送分管校领导：主办${c.unitName(item.leadUnitId)}`), purpose: 'leader_copy' });
      }
      break;
    case 'urge': {
      toLead('urge', urgeNote(e.command?.type === 'urge' ? e.command.note : null));
      break;
    }
    case 'claim':
      if (item.createdBy !== e.actor.id) {
        notes.push({ to: item.createdBy, card: receiptCard(item, c, `${c.unitName(item.leadUnitId)}已认领（${e.actor.name}）`), purpose: 'receipt' });
      }
      break;
    case 'request_extension': {
      const ext = tx.select().from(extensions).where(eq(extensions.itemId, item.id)).orderBy(desc(extensions.id)).get()!;
      notes.push(extensionRequest(item, ext, c));
      break;
    }
    case 'approve_extension':
      toLead('receipt', `✅ 延期申请已同意，新的完成时限：${item.deadline}`);
      break;
    case 'reject_extension':
      toLead('receipt', `❌ 延期申请未获同意，完成时限仍为 ${item.deadline}`);
      break;
    case 'submit_completion':
      notes.push(...reviewRequests(tx, item, c));
      break;
    case 'approve':
      if (item.state === 'under_review') notes.push(...reviewRequests(tx, item, c));
      else {
        toLead('receipt', '✅ 已销号，感谢办理');
        // The registrant hears of it once: by the supervisors' notice when they had one.
        if (item.createdBy !== e.actor.id && !noticed.has(item.createdBy)) notes.push({ to: item.createdBy, card: receiptCard(item, c, '已销号'), purpose: 'receipt' });
      }
      break;
    case 'return': {
      const reason = e.command?.type === 'return' ? e.command.reason : '';
      toLead('receipt', `↩️ 办结申请被退回：${reason}。请于 ${item.deadline} 前办结`);
      break;
    }
    case 'merge':
    case 'cancel':
      toLead('receipt', `该事项${STATE_LABELS[item.state]}`);
      break;
    case 'edit': {
      const before = e.before!;
      const reason = e.command?.type === 'edit' ? e.command.reason : '';
      const what = changedLabels(before, item).join('、');
      if (before.leadUnitId !== item.leadUnitId) {
        // 转办: the old unit is told it no longer holds the item (it may no longer see it: a confidential item is
        // named by its number only); the new unit receives the 督办单 to claim.
        const moved = item.confidential
          ? '↪️ 该事项已转办，贵单位无需再办理'
          : `↪️ 该事项已转办至${c.unitName(item.leadUnitId)}（${reason}），贵单位无需再办理`;
        for (const p of unitPeople(tx, before.leadUnitId)) {
          if (p !== e.actor.id) notes.push({ to: p, card: movedCard(item, c, moved), purpose: 'receipt' });
        }
        toUnit(item.leadUnitId, 'lead', 'slip', `↪️ 由${c.unitName(before.leadUnitId)}转办至贵单位：${reason}`);
      } else {
        toLead('receipt', `✏️ 督查室修改了${what}：${reason}`);
      }
      const addedCoop = item.coopUnitIds.filter((u) => !before.coopUnitIds.includes(u));
      for (const u of item.coopUnitIds) toUnit(u, 'coop', addedCoop.includes(u) ? 'slip' : 'receipt', addedCoop.includes(u) ? undefined : `✏️ 督查室修改了${what}：${reason}`);
      if (before.leaderId !== item.leaderId) {
        notes.push({ to: item.leaderId, card: receiptCard(item, c, `您已成为该事项的分管校领导（${reason}）`), purpose: 'receipt' });
        // What awaited the old leader's decision now awaits the new one's (the old one's card says so).
        if (item.pendingExtension && item.state === 'in_progress') {
          const ext = tx.select().from(extensions).where(eq(extensions.id, item.pendingExtension.id)).get();
          if (ext) notes.push(extensionRequest(item, ext, c));
        }
        if (item.state === 'under_review' && item.reviewStage === 'leader') notes.push(...reviewRequests(tx, item, c));
      }
      break;
    }
  }
  return notes;
}

/** The sign-off request: to the leader in charge first, then (important items) to every principal. */
function reviewRequests(tx: Tx, item: Item, c: ReturnType<typeof cardContext>): Note[] {
  const sub = tx.select().from(completions).where(eq(completions.itemId, item.id)).orderBy(desc(completions.id)).get();
  if (!sub) return [];
  const stage = item.reviewStage === 'principal' ? 'principal' : 'leader';
  const reviewers = stage === 'principal' ? peopleWithRole(tx, 'principal').map((p) => p.id) : [item.leaderId];
  const evidence = filesOfItem(tx, item.id, 'evidence');
  return reviewers.map((to) => ({ to, card: completionReviewCard(item, sub, c, undefined, evidence), purpose: 'completion_review', key: liveKey(item.id, 'completion_review', `${sub.id}:${stage}`, to) }));
}

/** The extension request, to the leader in charge. */
function extensionRequest(item: Item, ext: typeof extensions.$inferSelect, c: ReturnType<typeof cardContext>): Note {
  const to = item.leaderId;
  return { to, card: extensionReviewCard(item, ext, c), purpose: 'extension_review', key: liveKey(item.id, 'extension_review', String(ext.id), to) };
}

const FIELD_LABELS: Partial<Record<keyof Item, string>> = {
  title: '事项名称',
  requirements: '工作要求',
  measures: '工作措施',
  responsiblePerson: '责任人',
  leaderId: '分管校领导',
  leadUnitId: '主办单位',
  coopUnitIds: '协办单位',
  deadline: '完成时限',
  mode: '督办方式',
  kind: '事项类型',
  flagged: '挂牌督办',
  important: '重要事项',
  progressCycle: '进展报送周期',
  stages: '阶段安排',
};

/** The fields an edit changed, in the words on the cards. */
function changedLabels(before: Item, after: Item): string[] {
  return (Object.keys(FIELD_LABELS) as Array<keyof Item>)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => FIELD_LABELS[k]!);
}
