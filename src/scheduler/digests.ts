import { supervisorSummaryCard, unitDigestCard } from '../cards/cards';
import type { WorkCalendar } from '../domain/calendar';
import { addDays, chinaDate } from '../domain/dates';
import type { Item } from '../domain/item';
import type { Db } from '../db/client';
import { hydrate, listItems } from '../db/item-repository';
import { listUnits, peopleWithRole } from '../db/org-repository';
import { items } from '../db/schema';
import { cardContext } from '../bot/card-context';
import { chatAddress, enqueue, personAddress } from '../messenger/outbox';
import { and, inArray, sql } from 'drizzle-orm';
import type { ScheduleConfig } from './schedule-config';

export interface DigestResult {
  date: string;
  skipped?: string;
  planned: number;
}

/** Monday of the week `date` falls in (the digest is once a week, on its first working day). */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}


const OPEN: Item['state'][] = ['assigned', 'in_progress', 'under_review'];

/**
 * The weekly digest in each unit's bound group chat: its open items with lights and days left. Confidential items
 * are left out here, before the card is built (the card refuses them too): a group chat is never told of them.
 */
export function runUnitDigests(db: Db, calendar: WorkCalendar, now: Date, cfg: ScheduleConfig): DigestResult {
  const date = chinaDate(now);
  if (!calendar.isWorkday(date)) return { date, skipped: '非工作日', planned: 0 };
  const week = weekStart(date);
  const c = { ...cardContext(db, calendar, now), yellowWithin: cfg.yellowWithin };
  let planned = 0;
  db.transaction((tx) => {
    for (const unit of listUnits(tx)) {
      if (!unit.chatId) continue;
      const mine = listItems(tx, { unitIds: [unit.id], states: OPEN, limit: 5000 }).filter((i) => !i.confidential);
      if (mine.length === 0) continue;
      const card = unitDigestCard(unit.name, mine, unit.id, c, `${week} 当周`);
      if (enqueue(tx, { to: chatAddress(unit.chatId), msgType: 'interactive', content: card, purpose: 'digest', dedupeKey: `digest:${unit.id}:${week}` }, now)) planned++;
    }
  });
  return { date, planned };
}

/** The supervisors' day: what turned yellow or red, warnings issued, what awaits review, reports not sent. */
export function runSupervisorSummary(db: Db, calendar: WorkCalendar, now: Date, cfg: ScheduleConfig): DigestResult {
  const date = chinaDate(now);
  if (!calendar.isWorkday(date)) return { date, skipped: '非工作日', planned: 0 };
  const todays = (kind: string) =>
    new Set(
      db.$client
        .prepare("SELECT DISTINCT item_id FROM chases WHERE kind = ? AND recipient = 'supervisors' AND at >= ? AND at < ?")
        .pluck()
        .all(kind, `${addDays(date, -1)}T16:00:00.000Z`, `${date}T16:00:00.000Z`) as number[],
    );
  const warned = todays('warning');
  const missed = todays('progress_missed');
  // Only what can be in the summary is read (deadlines near today, reviews, items named by today's chases), so the
  // job stays small however many items are open.
  const named = JSON.stringify([...warned, ...missed]);
  const near = sql`(${items.deadline} BETWEEN ${addDays(date, -31)} AND ${addDays(date, 62)} OR ${items.state} = 'under_review' OR ${items.id} IN (SELECT value FROM json_each(${named})))`;
  const open = hydrate(db, db.select().from(items).where(and(inArray(items.state, OPEN), near)).all());
  const chasing = open.filter((i) => i.state === 'assigned' || i.state === 'in_progress');
  const s = {
    turnedYellow: chasing.filter((i) => i.deadline >= date && calendar.workdaysBetween(date, i.deadline) === cfg.yellowWithin),
    turnedRed: chasing.filter((i) => i.deadline < date && calendar.workdaysBetween(i.deadline, date) === 1),
    warnings: open.filter((i) => warned.has(i.id)),
    awaitingReview: open.filter((i) => i.state === 'under_review'),
    missedProgress: open.filter((i) => missed.has(i.id)),
  };
  if (Object.values(s).every((l) => l.length === 0)) return { date, skipped: '今日无需汇总的事项', planned: 0 };
  const c = { ...cardContext(db, calendar, now), yellowWithin: cfg.yellowWithin };
  const card = supervisorSummaryCard(date, s, c);
  let planned = 0;
  db.transaction((tx) => {
    for (const p of peopleWithRole(tx, 'supervisor')) {
      if (enqueue(tx, { to: personAddress(p.id), msgType: 'interactive', content: card, purpose: 'summary', dedupeKey: `summary:${date}:${p.id}` }, now)) planned++;
    }
  });
  return { date, planned };
}
