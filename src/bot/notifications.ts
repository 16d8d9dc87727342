import { desc, eq } from 'drizzle-orm';
import {
  type Audience,
  completionReviewCard,
  extensionReviewCard,
  receiptCard,
  slipCard,
} from '../cards/cards';
import type { WorkCalendar } from '../domain/calendar';
import { STATE_LABELS, type Item } from '../domain/item';
import type { Tx } from '../db/client';
import { findUnit, peopleWithRole } from '../db/org-repository';
import { completions, extensions } from '../db/schema';
import { type OutboxWorker, enqueue, personAddress } from '../messenger/outbox';
import { recordManualChase } from '../services/chase-records';
import type { EventSink, ItemEvent } from '../services/context';
import { cardContext } from './card-context';

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
export function notificationSink(calendar: WorkCalendar, worker?: () => OutboxWorker | null): EventSink {
  return {
    record(tx, e) {
      for (const m of plan(tx, e, calendar)) {
        const id = enqueue(tx, { to: personAddress(m.to), msgType: 'interactive', content: m.card, purpose: m.purpose, itemId: e.item.id }, e.now);
        if (m.purpose === 'urge') recordManualChase(tx, e.item.id, e.actor.id, m.to, id, e.now);
      }
    },
    afterCommit() {
      worker?.()?.kick();
    },
  };
}

interface Note {
  to: string;
  card: object;
  purpose: string;
}

function plan(tx: Tx, e: ItemEvent, calendar: WorkCalendar): Note[] {
  const c = cardContext(tx, calendar, e.now);
  const item = e.item;
  const notes: Note[] = [];
  const toUnit = (unitId: string, audience: Audience, purpose: string, note?: string) => {
    for (const p of unitPeople(tx, unitId)) if (p !== e.actor.id) notes.push({ to: p, card: slipCard(item, c, audience, note), purpose });
  };
  const toLead = (purpose: string, note: string) => toUnit(item.leadUnitId, 'lead', purpose, note);

  switch (e.type) {
    case 'send_slip':
      toUnit(item.leadUnitId, 'lead', 'slip');
      for (const u of item.coopUnitIds) toUnit(u, 'coop', 'slip');
      break;
    case 'urge': {
      const note = e.command?.type === 'urge' && e.command.note ? `⏰ 催办：${e.command.note}` : '⏰ 督查室催办：请抓紧办理并及时报送进展';
      toLead('urge', note);
      break;
    }
    case 'claim':
      if (item.createdBy !== e.actor.id) {
        notes.push({ to: item.createdBy, card: receiptCard(item, c, `${c.unitName(item.leadUnitId)}已认领（${e.actor.name}）`), purpose: 'receipt' });
      }
      break;
    case 'request_extension': {
      const ext = tx.select().from(extensions).where(eq(extensions.itemId, item.id)).orderBy(desc(extensions.id)).get()!;
      notes.push({ to: item.leaderId, card: extensionReviewCard(item, ext, c), purpose: 'extension_review' });
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
        if (item.createdBy !== e.actor.id) notes.push({ to: item.createdBy, card: receiptCard(item, c, '已销号'), purpose: 'receipt' });
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
        // 转办: the old unit is told it no longer holds the item; the new unit receives the 督办单 to claim.
        for (const p of unitPeople(tx, before.leadUnitId)) {
          if (p !== e.actor.id) notes.push({ to: p, card: receiptCard(item, c, `↪️ 该事项已转办至${c.unitName(item.leadUnitId)}（${reason}），贵单位无需再办理`), purpose: 'receipt' });
        }
        toUnit(item.leadUnitId, 'lead', 'slip', `↪️ 由${c.unitName(before.leadUnitId)}转办至贵单位：${reason}`);
      } else {
        toLead('receipt', `✏️ 督查室修改了${what}：${reason}`);
      }
      const addedCoop = item.coopUnitIds.filter((u) => !before.coopUnitIds.includes(u));
      for (const u of item.coopUnitIds) toUnit(u, 'coop', addedCoop.includes(u) ? 'slip' : 'receipt', addedCoop.includes(u) ? undefined : `✏️ 督查室修改了${what}：${reason}`);
      if (before.leaderId !== item.leaderId) {
        notes.push({ to: item.leaderId, card: receiptCard(item, c, `您已成为该事项的分管校领导（${reason}）`), purpose: 'receipt' });
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
  const reviewers = item.reviewStage === 'principal' ? peopleWithRole(tx, 'principal').map((p) => p.id) : [item.leaderId];
  return reviewers.map((to) => ({ to, card: completionReviewCard(item, sub, c), purpose: 'completion_review' }));
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
