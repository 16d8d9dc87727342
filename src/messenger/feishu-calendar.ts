import type * as lark from '@larksuiteoapi/node-sdk';
import { classifyFailure } from './feishu-messenger';

/** An interview as a calendar event. */
export interface CalendarEvent {
  /** Makes a retried create return the first event instead of a second one (Feishu's `idempotency_key`). */
  idempotencyKey: string;
  summary: string;
  description: string;
  /** ISO instants. */
  start: string;
  end: string;
  location: string;
}

/** The port the escalation worker talks to: create an event on the bot's calendar, invite people to it. */
export interface CalendarPort {
  createEvent(e: CalendarEvent): Promise<{ eventId: string }>;
  addAttendees(eventId: string, openIds: string[]): Promise<void>;
}

const seconds = (iso: string) => String(Math.floor(new Date(iso).getTime() / 1000));

/**
 * Feishu's calendar API (FEISHU.md "Calendar"): `POST /open-apis/calendar/v4/calendars/:calendar_id/events` with an
 * `idempotency_key`, then `POST …/events/:event_id/attendees?user_id_type=open_id`. The calendar is the one
 * configured (`escalation.calendarId`: the bot's primary calendar id, or a shared one it may write to).
 */
export class FeishuCalendar implements CalendarPort {
  constructor(
    private readonly client: lark.Client,
    private readonly calendarId: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async call(url: string, data: object, params: object): Promise<{ code?: number; msg?: string; data?: Record<string, unknown> }> {
    try {
      const res = (await this.client.request({ method: 'POST', url, data, params, timeout: this.timeoutMs } as never)) as { code?: number; msg?: string; data?: Record<string, unknown> };
      if (res?.code !== 0) throw Object.assign(new Error(`calendar: code ${res?.code} ${res?.msg ?? ''}`), { response: { status: 200, data: res } });
      return res;
    } catch (err) {
      throw classifyFailure(err);
    }
  }

  async createEvent(e: CalendarEvent) {
    const res = await this.call(
      `/open-apis/calendar/v4/calendars/${encodeURIComponent(this.calendarId)}/events`,
      {
        summary: e.summary,
        description: e.description,
        start_time: { timestamp: seconds(e.start), timezone: 'Asia/Shanghai' },
        end_time: { timestamp: seconds(e.end), timezone: 'Asia/Shanghai' },
        location: { name: e.location },
        attendee_ability: 'none',
      },
      { idempotency_key: e.idempotencyKey, user_id_type: 'open_id' },
    );
    const event = res.data?.event as { event_id?: string } | undefined;
    if (!event?.event_id) throw new Error('calendar: no event_id in the reply');
    return { eventId: event.event_id };
  }

  async addAttendees(eventId: string, openIds: string[]) {
    if (openIds.length === 0) return;
    await this.call(
      `/open-apis/calendar/v4/calendars/${encodeURIComponent(this.calendarId)}/events/${encodeURIComponent(eventId)}/attendees`,
      { attendees: openIds.map((user_id) => ({ type: 'user', user_id })), need_notification: true },
      { user_id_type: 'open_id' },
    );
  }
}
