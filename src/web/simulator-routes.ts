import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { chinaDate } from '../domain/dates';
import { checkEvent } from '../feishu/event-schemas';
import type { Dispatcher } from '../feishu/receiver';
import type { LocalClock } from '../local-clock';
import type { Logger } from '../logger';
import type { LocalMessenger } from '../messenger/local-messenger';
import type { OutboxWorker } from '../messenger/outbox';
import type { ServiceContext } from '../services/context';
import { directory } from './directory';
import { SimStore, p2pChatId } from './sim-store';
import { sendPage } from './static-files';

export interface SimulatorDeps {
  ctx: ServiceContext;
  dispatcher: Dispatcher;
  messenger: LocalMessenger;
  clock: LocalClock;
  worker: OutboxWorker;
  log: Logger;
}

/** The longest text a person may type in the simulator (Feishu's own limit for a text message is far higher). */
export const MAX_TEXT = 10_000;
const openId = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/, '应为 ou_ 开头的 open_id');
const messageId = z.string().min(1).max(100);
const sayBody = z.strictObject({ as: openId, chatId: z.string().min(1).max(100), text: z.string().min(1).max(MAX_TEXT), parentId: messageId.optional() });
const clickBody = z.strictObject({
  as: openId,
  messageId,
  value: z.record(z.string(), z.unknown()),
  formValue: z.record(z.string(), z.unknown()).optional(),
  name: z.string().max(100).optional(),
  tag: z.string().max(40).optional(),
});
const clockBody = z.strictObject({ at: z.string().max(40) });
/** The largest file a person may send from the simulator (it travels as base64 JSON and is kept in memory). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const fileBody = z.strictObject({
  as: openId,
  chatId: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  base64: z.string().max(Math.ceil(MAX_FILE_BYTES * 1.37) + 8).regex(/^[A-Za-z0-9+/]*={0,2}$/, '不是 base64'),
  parentId: messageId.optional(),
});

/** The `im.message.receive_v1` event Feishu would push for a message a person typed or a file they sent. */
function personMessage(as: string, chatId: string, id: string, parentId: string | undefined, type: 'text' | 'file', content: object, inGroup: boolean) {
  return {
    sender: { sender_id: { open_id: as }, sender_type: 'user' },
    message: {
      message_id: id,
      ...(parentId ? { parent_id: parentId, root_id: parentId } : {}),
      chat_id: chatId,
      chat_type: inGroup ? 'group' : 'p2p',
      message_type: type,
      content: JSON.stringify(content),
    },
  };
}

const bad = (reply: FastifyReply, error: string) => reply.code(400).send({ error });
const issue = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '请求'}：${i.message}`).join('；');

/** "2026-12-01T09:00+08:00" or any ISO moment with its offset; a date alone means 09:00 in Beijing. */
export function parseClockMoment(text: string): Date | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return new Date(`${t}T09:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([zZ]|[+-]\d{2}:\d{2})$/.test(t)) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Local mode's simulator: the page at `/`, the clock at `/local/clock`, and the API the page uses beside the
 * documented `/local/events` and `/local/messages`. Typing and clicking build the same schema 2.0 events Feishu would
 * send, checked by the same schemas, and go through the same dispatcher and handlers; the bot's messages come from
 * the local messenger, live over server-sent events. Never registered when a Feishu app is configured.
 */
export function simulatorPlugins(d: SimulatorDeps) {
  const store = new SimStore();
  // A file message names its upload by key; the page shows the file's name beside the download.
  const toStore = (m: Parameters<SimStore['fromBot']>[0]) => {
    const key = m.msgType === 'file' ? (m.content as { file_key?: string } | null)?.file_key : undefined;
    const name = key ? d.messenger.uploads.get(key)?.name : undefined;
    store.fromBot(name ? { ...m, content: { ...(m.content as object), file_name: name } } : m);
  };
  for (const m of d.messenger.messages) toStore(m);
  d.messenger.listeners.add(toStore);

  const chatsOf = (id: string) => {
    const me = directory(d.ctx.db).find((p) => p.id === id);
    return new Set([p2pChatId(id), ...(me?.groups.map((g) => g.chatId) ?? [])]);
  };
  const dispatch = async (eventType: string, event: Record<string, unknown>, log: Logger) => {
    const checked = checkEvent(eventType, event);
    if (checked.kind !== 'ok') throw new Error(checked.kind === 'malformed' ? checked.error : 'unknown event');
    return d.dispatcher.dispatch({ eventId: `sim-${randomUUID()}`, eventType, event: checked.event }, log);
  };

  return [
    (app: FastifyInstance) => {
      const streams = new Set<FastifyReply>();
      // Before the server waits for its connections to end: an open stream never would by itself.
      app.addHook('preClose', async () => {
        d.messenger.listeners.delete(toStore);
        for (const s of streams) s.raw.end();
      });

      app.get('/', (_req, reply) => sendPage(reply, 'simulator.html'));

      app.get('/local/clock', async () => ({ now: d.clock.now().toISOString() }));
      app.post('/local/clock', async (req, reply) => {
        const body = clockBody.safeParse(req.body);
        if (!body.success) return bad(reply, '应为 {"at": "2026-12-01T09:00+08:00"}');
        const at = parseClockMoment(body.data.at);
        if (!at) return bad(reply, `无法识别的时刻：${body.data.at}，请写作 2026-12-01T09:00+08:00`);
        try {
          const moved = await d.clock.moveTo(at);
          await d.worker.drain();
          return moved;
        } catch (err) {
          if (err instanceof RangeError) return bad(reply, err.message);
          throw err;
        }
      });

      // 下一个工作日 09:00: the calendar's next working day (holidays and 调休 known to the server, not the page).
      app.post('/sim/api/clock/next-workday', async () => {
        const next = d.ctx.calendar.addWorkdays(chinaDate(d.clock.now()), 1);
        const moved = await d.clock.moveTo(new Date(`${next}T09:00:00+08:00`));
        await d.worker.drain();
        return moved;
      });

      app.get('/sim/api/people', async () => ({ people: directory(d.ctx.db), now: d.clock.now().toISOString() }));

      app.get('/sim/api/chats', async (req, reply) => {
        const as = openId.safeParse((req.query as { as?: string }).as);
        if (!as.success) return bad(reply, '缺少 as（要扮演的人的 open_id）');
        const me = directory(d.ctx.db).find((p) => p.id === as.data);
        const chats = [
          { chatId: p2pChatId(as.data), kind: 'p2p', title: '督办助手' },
          ...(me?.groups ?? []).map((g) => ({ chatId: g.chatId, kind: 'group', title: `${g.unitName}督办群` })),
        ];
        return { chats, messages: store.inChats(new Set(chats.map((c) => c.chatId))), now: d.clock.now().toISOString() };
      });

      app.get('/sim/api/stream', (req, reply) => {
        const as = openId.safeParse((req.query as { as?: string }).as);
        if (!as.success) return bad(reply, '缺少 as（要扮演的人的 open_id）');
        const chats = chatsOf(as.data);
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
        reply.raw.write(': connected\n\n');
        const send = (e: { type: string; message: { chatId: string } }) => {
          if (chats.has(e.message.chatId)) reply.raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e.message)}\n\n`);
        };
        const heartbeat = setInterval(() => reply.raw.write(`event: clock\ndata: ${JSON.stringify({ now: d.clock.now().toISOString() })}\n\n`), 15_000);
        heartbeat.unref();
        store.listeners.add(send);
        streams.add(reply);
        req.raw.on('close', () => {
          clearInterval(heartbeat);
          store.listeners.delete(send);
          streams.delete(reply);
        });
      });

      app.post('/sim/api/say', async (req, reply) => {
        const body = sayBody.safeParse(req.body);
        if (!body.success) return bad(reply, issue(body.error));
        const { as, chatId, text, parentId } = body.data;
        if (!chatsOf(as).has(chatId)) return bad(reply, '这个人不在这个会话中');
        const inGroup = chatId !== p2pChatId(as);
        const id = `om_sim_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
        store.fromPerson({ messageId: id, chatId, sender: as, content: { text }, at: d.clock.now().toISOString(), parentId });
        await dispatch('im.message.receive_v1', personMessage(as, chatId, id, parentId, 'text', { text }, inGroup), req.log as Logger);
        return { messageId: id };
      });

      // Sending a file (evidence, a revised 通报): the bytes become the message's resource, as Feishu keeps them, and
      // the bot downloads them through the messenger like any file a person sends.
      app.post('/sim/api/file', { bodyLimit: Math.ceil(MAX_FILE_BYTES * 1.4) + 4096 }, async (req, reply) => {
        const body = fileBody.safeParse(req.body);
        if (!body.success) return bad(reply, issue(body.error));
        const { as, chatId, name, base64, parentId } = body.data;
        if (!chatsOf(as).has(chatId)) return bad(reply, '这个人不在这个会话中');
        const bytes = Buffer.from(base64, 'base64');
        if (bytes.length === 0) return bad(reply, '文件是空的');
        if (bytes.length > MAX_FILE_BYTES) return bad(reply, `模拟器中发送的文件最大 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
        const inGroup = chatId !== p2pChatId(as);
        const id = `om_sim_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
        const fileKey = `file_sim_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
        d.messenger.resources.set(`${id}/${fileKey}`, bytes);
        const content = { file_key: fileKey, file_name: name };
        store.fromPerson({ messageId: id, chatId, sender: as, content, at: d.clock.now().toISOString(), parentId }, 'file');
        await dispatch('im.message.receive_v1', personMessage(as, chatId, id, parentId, 'file', content, inGroup), req.log as Logger);
        return { messageId: id };
      });

      app.post('/sim/api/click', async (req, reply) => {
        const body = clickBody.safeParse(req.body);
        if (!body.success) return bad(reply, issue(body.error));
        const { as, messageId: target, value, formValue, name, tag } = body.data;
        const card = store.get(target);
        if (!card || !chatsOf(as).has(card.chatId)) return bad(reply, '没有这张卡片，或这个人看不到它');
        const answer = (await dispatch(
          'card.action.trigger',
          {
            operator: { open_id: as },
            token: `c-${randomUUID()}`,
            action: { value, tag: tag ?? 'button', ...(name ? { name } : {}), ...(formValue ? { form_value: formValue } : {}) },
            host: 'im_message',
            context: { open_message_id: target, open_chat_id: card.chatId },
          },
          req.log as Logger,
        )) as { card?: { type?: string; data?: unknown } };
        // Feishu redraws the card at once with the one a callback answers with.
        if (answer.card?.data) store.update(target, answer.card.data);
        return answer;
      });

      app.get('/sim/api/files/:key', async (req, reply) => {
        const key = (req.params as { key: string }).key;
        const sent = store.fileSentBy(key);
        const f = d.messenger.uploads.get(key) ?? (sent ? { name: sent.name, bytes: d.messenger.resources.get(`${sent.messageId}/${key}`)! } : undefined);
        if (!f) return reply.code(404).send({ error: '没有这个文件' });
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .send(f.bytes);
      });
    },
  ];
}
