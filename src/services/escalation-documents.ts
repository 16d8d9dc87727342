/**
 * What follows the commit of an issued step, outside any transaction because it is asynchronous:
 *
 * 1. The Word document (约谈通知单, or the referral with the item's whole history): made from the escalations row,
 *    stored (files, kind notice | referral) and attached, and its file messages queued to the same people as the
 *    cards, in one transaction that first checks the row has no file yet — so however often this runs (a kick,
 *    the timer, a second process, a restart after a crash) the file is attached and sent once.
 * 2. The calendar (optional, only when `escalation.calendarId` is set): the interview on the bot's calendar with
 *    the unit head and the 约谈人 invited. The event is created with an idempotency key derived from the row, so a
 *    crash between creating it and recording its id makes the retry find the same event, never a second one.
 *
 * A failure is logged and tried again on the next run (every minute, and on every kick).
 */
import type { CardContext } from '../cards/types';
import type { WorkCalendar } from '../domain/calendar';
import { COMMAND_LABELS } from '../domain/commands';
import { ESCALATION_ACTION_LABELS, chinaDateOf } from '../domain/escalation';
import { type Item, SOURCE_LABELS, STATE_LABELS } from '../domain/item';
import type { Db } from '../db/client';
import {
  type EscalationRow,
  attachFile,
  escalationById,
  escalationsOfItem,
  escalationsWithoutFile,
  interviewsWithoutEvent,
  setCalendarEvents,
} from '../db/escalation-repository';
import { listHistory } from '../db/history-repository';
import { findItem } from '../db/item-repository';
import { interviewNoticeDocx, noticeFileName } from '../documents/interview-notice-docx';
import { referralDocx, referralFileName } from '../documents/referral-docx';
import { storeFile } from '../files/file-store';
import type { Logger } from '../logger';
import type { CalendarPort } from '../messenger/feishu-calendar';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import { type EscalationSettings, escalationRecipients, namesFor, noticeOf, notBeforeOf } from './escalations';
import { BackgroundWriter } from './background-writer';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** An interview is put in the calendar as one hour. */
const INTERVIEW_MS = 60 * 60_000;

export interface FinisherDeps {
  db: Db;
  calendar: WorkCalendar;
  settings: EscalationSettings;
  /** The Feishu calendar, when configured; null: no events. */
  feishuCalendar: CalendarPort | null;
  log: Logger;
  clock: () => Date;
}

/** Makes, stores and sends the documents still missing; returns how many were attached. */
export async function writePendingDocuments(d: FinisherDeps): Promise<number> {
  let attached = 0;
  const failed = new Set<number>();
  for (;;) {
    const rows = escalationsWithoutFile(d.db).filter((r) => !failed.has(r.id));
    if (rows.length === 0) return attached;
    for (const row of rows) {
      try {
        if (await writeDocument(d, row)) attached++;
      } catch (err) {
        failed.add(row.id);
        d.log.error({ err, escalationId: row.id }, 'escalation document failed; retried on the next run');
      }
    }
  }
}

async function writeDocument(d: FinisherDeps, row: EscalationRow): Promise<boolean> {
  const now = d.clock();
  const item = findItem(d.db, row.itemId);
  if (!item) throw new Error(`escalation ${row.id}: no item ${row.itemId}`);
  const c = namesFor(d.db, d.calendar, now);
  const { bytes, name } = row.step === 'referral' ? await referralFile(d, row, item, c) : await noticeFile(d, row, item, c);
  return d.db.transaction(
    (tx) => {
      // Another run (or process) that got here first attached its file: this one stores nothing.
      if (escalationById(tx, row.id)?.fileId != null) return false;
      const { file } = storeFile(tx, { bytes, name, kind: row.step === 'referral' ? 'referral' : 'notice', itemId: item.id, createdBy: 'system', mime: DOCX_MIME }, now);
      if (!attachFile(tx, row.id, file.id)) return false;
      const { to, copy } = escalationRecipients(tx, item, row);
      // After the card it follows (same recipient, in order), and never in quiet hours.
      const notBefore = notBeforeOf(d.settings, d.calendar, now);
      for (const person of [...to, ...copy]) {
        enqueue(tx, { to: personAddress(person), msgType: 'file', content: { fileId: file.id }, purpose: row.step === 'referral' ? 'referral_file' : 'interview_notice_file', itemId: item.id, notBefore }, now);
      }
      return true;
    },
    { behavior: 'immediate' },
  );
}

async function noticeFile(d: FinisherDeps, row: EscalationRow, item: Item, c: CardContext) {
  const t = noticeOf(row, item, c, d.settings);
  return { bytes: await interviewNoticeDocx(t), name: noticeFileName(t) };
}

const HISTORY_LABELS: Record<string, string> = { ...COMMAND_LABELS, merge_in: '并入事项', issue_interview: '约谈（已签发）', ...ESCALATION_ACTION_LABELS };
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

async function referralFile(d: FinisherDeps, row: EscalationRow, item: Item, c: CardContext) {
  const notices = escalationsOfItem(d.db, item.id)
    .filter((r) => r.step !== 'referral')
    .map((r) => {
      const t = noticeOf(r, item, c, d.settings);
      return { number: r.number ?? '', level: r.step === 'interview1' ? '一级约谈' : '二级约谈', when: `${t.year}年${t.month}月${t.day}日${t.time}`, interviewer: t.interviewer, place: t.place };
    });
  const history = listHistory(d.db, item.id).map((h) => ({
    at: shanghai(h.at),
    actor: h.actorId === 'system' || h.actorId === 'scheduler' ? '系统' : c.personName(h.actorId),
    action: HISTORY_LABELS[h.action] ?? h.action,
    note: [h.fromState && h.toState && h.fromState !== h.toState ? `${STATE_LABELS[h.fromState as Item['state']] ?? h.fromState} → ${STATE_LABELS[h.toState as Item['state']] ?? h.toState}` : '', h.note ?? '']
      .filter(Boolean)
      .join('；')
      .slice(0, 300),
  }));
  const content = {
    school: d.settings.school,
    office: d.settings.office,
    date: chinaDateOf(row.issuedAt),
    item: {
      number: item.number,
      title: item.title,
      requirements: item.requirements,
      lead: c.unitName(item.leadUnitId),
      coop: item.coopUnitIds.map((u) => c.unitName(u)).join('、'),
      leader: c.personName(item.leaderId),
      responsible: item.responsiblePerson,
      deadline: item.deadline,
      originalDeadline: item.originalDeadline,
      state: STATE_LABELS[item.state],
      sources: item.sources.map((s) => `${SOURCE_LABELS[s.category] ?? s.category}${s.ref ? `（${s.ref}）` : ''}`).join('；'),
    },
    notices,
    history,
  };
  return { bytes: await referralDocx(content), name: referralFileName(item.number) };
}

/** Puts the interviews still to come in the calendar; returns how many events were recorded. */
export async function addPendingInterviews(d: FinisherDeps): Promise<number> {
  const cal = d.feishuCalendar;
  if (!cal) return 0;
  let added = 0;
  for (const row of interviewsWithoutEvent(d.db, d.clock().toISOString())) {
    try {
      const item = findItem(d.db, row.itemId);
      if (!item) continue;
      const c = namesFor(d.db, d.calendar, d.clock());
      const unit = c.unitName(item.leadUnitId);
      // The summary is seen by the invited only (the unit head and the 约谈人, all readers of the item); a
      // confidential item's title is still left out of it, as it is of every message outside the bot.
      const summary = item.confidential ? `督办约谈：${unit}（${row.number}）` : `督办约谈：${unit} · ${item.title.slice(0, 40)}`;
      const { eventId } = await cal.createEvent({
        idempotencyKey: `duban-escalation-${row.id}-${row.number ?? ''}`.replace(/[^\w-]/g, '').slice(0, 64) || `duban-escalation-${row.id}`,
        summary,
        description: `${row.number} 约谈通知单。约谈人：${row.interviewer ?? ''}。督办事项 ${item.number}。`,
        start: row.startsAt!,
        end: new Date(new Date(row.startsAt!).getTime() + INTERVIEW_MS).toISOString(),
        location: row.place ?? '',
      });
      const attendees = [...new Set([row.addresseeId, ...row.interviewerIds].filter((x): x is string => !!x))];
      await cal.addAttendees(eventId, attendees);
      if (d.db.transaction((tx) => setCalendarEvents(tx, row.id, [eventId]), { behavior: 'immediate' })) added++;
    } catch (err) {
      d.log.warn({ err, escalationId: row.id }, 'interview calendar event failed; retried on the next run');
    }
  }
  return added;
}

/**
 * Runs the two after a commit (kick) and every minute (start), one run at a time; `after` wakes the outbox when
 * file messages were queued.
 */
export class EscalationFinisher extends BackgroundWriter {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly d: FinisherDeps,
    private readonly after: () => void,
  ) {
    super(d.db, ['escalation']);
  }

  protected async runOnce(): Promise<void> {
    const n = await writePendingDocuments(this.d).catch((err) => {
      this.d.log.error({ err }, 'escalation documents failed');
      return 0;
    });
    if (n) this.after();
    await addPendingInterviews(this.d).catch((err) => this.d.log.error({ err }, 'interview calendar failed'));
  }

  /** At start (a step recorded before a crash is finished now) and then every `intervalMs`. */
  start(intervalMs = 60_000): void {
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }
}
