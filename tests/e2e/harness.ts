import * as lark from '@larksuiteoapi/node-sdk';
import { textOf } from '../../src/cards/cards';
import { compose } from '../../src/compose';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '../../src/scheduler/schedule-config';
import { type SentMessage, startFakeFeishu } from '../support/fake-feishu';
import { cardActionEvent, messageEvent, signedRequest } from '../support/feishu-signer';
import { at, openTestDb } from '../support/fixtures';
import { injectAll } from '../support/inject';

export const ENCRYPT_KEY = 'test-encrypt-key-0123456789';
export const VERIFICATION_TOKEN = 'test-verification-token';

/**
 * The whole product as Feishu sees it: the server built by compose() with a real SQLite file, the real SDK pointed
 * at a local fake of the Open API, and helpers that play Feishu: signed, encrypted events and card callbacks.
 */
export async function startBot(o: { schedule?: ScheduleConfig } = {}) {
  const fake = await startFakeFeishu();
  const tdb = openTestDb();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databasePath: tdb.path,
    orgFile: null,
    calendarFile: null,
    scheduleFile: null,
    logLevel: 'silent',
    feishu: { appId: fake.appId, appSecret: fake.appSecret, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.url, mode: 'webhook' },
  };
  let clock = at('2026-11-23');
  const bot = await compose(config, { db: tdb.db, calendar: tdb.ctx.calendar, schedule: o.schedule ?? DEFAULT_SCHEDULE }, createLogger('silent'), {
    now: () => clock,
    larkCache: new lark.DefaultCache(),
  });
  let seq = 0;

  const h = {
    fake,
    db: tdb.db,
    bot,
    get now() {
      return clock;
    },
    setNow(date: string, time = '09:00') {
      clock = at(date, time);
    },
    /** POSTs a payload exactly as Feishu would: compact JSON, encrypted, signed. */
    async post(payload: object, url = '/feishu/events') {
      const { headers, body } = signedRequest(ENCRYPT_KEY, payload);
      return injectAll(bot.app, { method: 'POST', url, headers, payload: body });
    },
    /** Someone types in chat (private by default). Returns the HTTP response. */
    async say(from: string, text: string, o: { chatType?: 'p2p' | 'group'; chatId?: string; parentId?: string; eventId?: string } = {}) {
      const ev = messageEvent({
        token: VERIFICATION_TOKEN,
        eventId: o.eventId,
        senderOpenId: from,
        chatId: o.chatId ?? `oc_p2p_${from}`,
        chatType: o.chatType ?? 'p2p',
        text,
        messageId: `om_user_${++seq}`,
        parentId: o.parentId,
      });
      const res = await h.post(ev);
      await h.flush();
      return { res, messageId: ev.event.message.message_id };
    },
    /** Someone clicks a button (optionally submitting a form) on a card message. Returns the callback answer. */
    async click(from: string, value: object, o: { messageId?: string; form?: Record<string, unknown>; eventId?: string; url?: string } = {}) {
      const ev = cardActionEvent({
        token: VERIFICATION_TOKEN,
        eventId: o.eventId,
        operatorOpenId: from,
        value: value as Record<string, unknown>,
        formValue: o.form,
        openMessageId: o.messageId ?? 'om_unknown',
      });
      const res = await h.post(ev, o.url);
      await h.flush();
      return { status: res.statusCode, answer: res.json() as { toast?: { type: string; content: string }; card?: { data: Record<string, unknown> } } };
    },
    /** Sends whatever the outbox holds, as the running server would. */
    async flush() {
      // A 约谈通知单's file is made after its transaction (services/escalation-documents.ts), then sent.
      await bot.escalations.idle();
      // A statistics workbook asked for from a card is written after the click (services/stats-export.ts).
      await bot.statsExports.idle();
      // The 台账 and the import template asked for in chat (services/document-requests.ts).
      await bot.documents.idle();
      await bot.worker.idle();
      await bot.worker.drain();
    },
    /** Cards sent to a person (by open_id), oldest first. */
    sentTo(openId: string): SentMessage[] {
      return fake.sent.filter((m) => m.receive_id === openId);
    },
    lastTo(openId: string): SentMessage {
      const all = h.sentTo(openId);
      if (!all.length) throw new Error(`nothing was sent to ${openId}`);
      return all[all.length - 1]!;
    },
    /** Replies the bot made to a user's message. */
    repliesTo(messageId: string): SentMessage[] {
      return fake.sent.filter((m) => m.reply_to === messageId);
    },
    async close() {
      await bot.worker.stop();
      await bot.app.close();
      await fake.close();
      tdb.close();
    },
  };
  return h;
}

export type Bot = Awaited<ReturnType<typeof startBot>>;

/** Every text on a card message the fake received, as a person reads it. */
export const cardText = (m: { content: unknown }) => textOf(m.content as Record<string, unknown>);

/** The `{a, id, v}` value of the first button on a card whose text is `label`. */
export function buttonValue(card: unknown, label: string): { a: string; id: number; v: number } {
  let found: { a: string; id: number; v: number } | null = null;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button' && (o.text as { content?: string } | undefined)?.content === label) {
      const b = (o.behaviors as { value: { a: string; id: number; v: number } }[] | undefined)?.[0];
      if (b) found = b.value;
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  if (!found) throw new Error(`no button “${label}” on the card`);
  return found;
}

/** All button labels on a card. */
export function buttonLabels(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button') out.push(String((o.text as { content?: string } | undefined)?.content));
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return out;
}
