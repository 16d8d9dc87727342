import { supervisorSummaryCard, unitDigestCard } from '../cards/cards';
import type { WorkCalendar } from '../domain/calendar';
import { addDays, chinaDate } from '../domain/dates';
import type { Item } from '../domain/item';
import { quietNotBefore } from '../domain/quiet-hours';
import type { Db } from '../db/client';
import { namesConfidential } from '../domain/disclosure';
import { confidentialMarks, hydrate, listItems } from '../db/item-repository';
import { listUnits, peopleWithRole } from '../db/org-repository';
import { items } from '../db/schema';
import { cardContext } from '../bot/card-context';
import { chatAddress, enqueue, personAddress } from '../messenger/outbox-queue';
import { and, inArray, sql } from 'drizzle-orm';
import type { ScheduleConfig } from './schedule-config';

export interface DigestResult {
  date: string;
  skipped?: string;
  planned: number;
  /** Units whose digest was not sent because it would still have named a confidential item (e.g. in its name). */
  withheld?: string[];
}

/** Monday of the week `date` falls in (the digest is once a week, on its first working day). */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}


const OPEN: Item['state'][] = ['assigned', 'in_progress', 'under_review'];

/**
 * The weekly digest in each unit's bound group chat: its open items with lights and days left. Confidential items
 * are left out here, before the card is built (the card refuses them too): a group chat is never told of them. So
 * is an item whose number or title contains a confidential one's (校园安全隐患排查 when 校园安全 is secret): the
 * outbox would refuse the card, and one such item must not stop every unit's digest, week after week.
 */
export function runUnitDigests(db: Db, calendar: WorkCalendar, now: Date, cfg: ScheduleConfig): DigestResult {
  const date = chinaDate(now);
  if (!calendar.isWorkday(date)) return { date, skipped: '非工作日', planned: 0 };
  const week = weekStart(date);
  const c = { ...cardContext(db, calendar, now), yellowWithin: cfg.yellowWithin };
  const notBefore = quietNotBefore(now, calendar, cfg.quietHours); // run in quiet hours: the digest waits
  let planned = 0;
  const withheld: string[] = [];
  db.transaction((tx) => {
    const marks = confidentialMarks(tx);
    for (const unit of listUnits(tx)) {
      if (!unit.chatId) continue;
      const mine = listItems(tx, { unitIds: [unit.id], states: OPEN, limit: 5000 }).filter(
        (i) => !i.confidential && !namesConfidential(`${i.number}\n${i.title}`, marks),
      );
      if (mine.length === 0) continue;
      const card = unitDigestCard(unit.name, mine, unit.id, c, `${week} 当周`);
      // Still naming one (the unit's own name contains a secret title): this unit's digest is held back, the others go.
      if (namesConfidential(JSON.stringify(card), marks)) {
        withheld.push(unit.id);
        continue;
      }
      if (enqueue(tx, { to: chatAddress(unit.chatId), msgType: 'interactive', content: card, purpose: 'digest', dedupeKey: `digest:${unit.id}:${week}`, notBefore }, now)) planned++;
    }
  });
  return { date, planned, ...(withheld.length ? { withheld } : {}) };
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
  const notBefore = quietNotBefore(now, calendar, cfg.quietHours);
  let planned = 0;
  db.transaction((tx) => {
    for (const p of peopleWithRole(tx, 'supervisor')) {
      if (enqueue(tx, { to: personAddress(p.id), msgType: 'interactive', content: card, purpose: 'summary', dedupeKey: `summary:${date}:${p.id}`, notBefore }, now)) planned++;
    }
  });
  return { date, planned };
}
