import { randomBytes } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { compose } from '../../src/compose';
import type { Config } from '../../src/config';
import { findItemByNumber } from '../../src/db/item-repository';
import { feishuReceiver, inboundFromFlattened } from '../../src/feishu/receiver';
import { decryptPayload } from '../../src/feishu/verify';
import { createLogger } from '../../src/logger';
import { quietLarkLogger } from '../../src/messenger/feishu-messenger';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { cardActionEvent, encryptBody, messageEvent, signHeaders, signedRequest, signedText, timestampFromNow, urlVerification } from '../support/feishu-signer';
import { dumpTables } from '../support/assertions';
import { WHO, openTestDb } from '../support/fixtures';
import { type Bot, ENCRYPT_KEY, VERIFICATION_TOKEN, buttonValue, startBot } from './harness';
import { injectAll } from '../support/inject';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

/** Every table; with `seen`, leaving out the ledger of verified event ids (a refused click is still remembered). */
const dump = (seen = false) => dumpTables(h.db, seen ? ['processed_events'] : []);

async function registered() {
  await h.say(WHO.supervisor, '/督办 新建 完善实验室安全管理制度 主办:教务处 截止:2026-12-31');
  const item = findItemByNumber(h.db, 2026, 1)!;
  return { item, slip: h.lastTo(WHO.unitHead) };
}

const listEvent = (eventId?: string) =>
  messageEvent({ token: VERIFICATION_TOKEN, eventId, senderOpenId: WHO.supervisor, chatId: 'oc_x', chatType: 'p2p', text: '/督办 新建 重复事项 主办:教务处 截止:2026-12-31' });

describe('every request is proved to come from Feishu before anything else happens', () => {
  it('answers the encrypted URL challenge only with the right token, and refuses a plaintext one', async () => {
    const challenge = (payload: object) => injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', payload });
    const enc = await challenge(encryptBody(ENCRYPT_KEY, urlVerification(VERIFICATION_TOKEN, 'xyz')));
    expect(enc.statusCode).toBe(200);
    expect(enc.json()).toEqual({ challenge: 'xyz' });
    // With an Encrypt Key configured Feishu encrypts the challenge too: a plaintext one is not from Feishu.
    const plain = await challenge(urlVerification(VERIFICATION_TOKEN, 'abc123'));
    expect(plain.statusCode).toBe(400);
    expect(plain.json()).not.toHaveProperty('challenge');
    expect((await challenge(encryptBody(ENCRYPT_KEY, urlVerification('not-the-token', 'abc')))).statusCode).toBe(401);
    expect((await challenge(encryptBody('someone-elses-key', urlVerification(VERIFICATION_TOKEN, 'abc')))).statusCode).toBe(401);
    expect((await challenge(urlVerification('not-the-token', 'abc'))).statusCode).toBe(400);
  });

  it('an unsigned body that decrypts to garbage under our key (a wrong key whose padding happens to be valid) gets 401; signed, 400', async () => {
    // What another key's ciphertext does about 1 time in 256: decrypt under ours without a padding error. Found
    // by trying random blocks, so the case the 1-in-256 chance hid is tested every time.
    // A padding error is the crypto's (not found yet); a SyntaxError is garbage that decrypted (found).
    const decryptsToNonObject = (e: string) => {
      try {
        const v: unknown = JSON.parse(decryptPayload(ENCRYPT_KEY, e));
        return typeof v !== 'object' || v === null || Array.isArray(v);
      } catch (err) {
        return err instanceof SyntaxError;
      }
    };
    let encrypt = randomBytes(48).toString('base64');
    while (!decryptsToNonObject(encrypt)) encrypt = randomBytes(48).toString('base64');
    const before = dump();
    const payload = JSON.stringify({ encrypt });
    const unsigned = await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers: { 'content-type': 'application/json' }, payload });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toEqual({ error: 'cannot decrypt' });
    const signed = await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers: signHeaders(ENCRYPT_KEY, payload), payload });
    expect(signed.statusCode).toBe(400);
    await h.flush();
    expect(dump()).toEqual(before);
  });

  it('a forged signature gets 401 and changes nothing', async () => {
    const before = dump();
    const { headers, body } = signedRequest(ENCRYPT_KEY, listEvent());
    const forged = { ...headers, 'x-lark-signature': 'f'.repeat(64) };
    const res = await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers: forged, payload: body });
    expect(res.statusCode).toBe(401);
    // Signed with another key, or with the body altered after signing.
    const other = signedRequest('someone-elses-key', listEvent());
    expect((await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers: other.headers, payload: other.body })).statusCode).toBe(401);
    // Change the first character of the ciphertext to another one (replacing it with a fixed letter is a no-op 1 time in 64).
    const tampered = body.replace(/"encrypt":"(.)/, (_m, c: string) => `"encrypt":"${c === 'A' ? 'B' : 'A'}`);
    expect((await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers, payload: tampered })).statusCode).toBe(401);
    const unsigned = await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers: { 'content-type': 'application/json' }, payload: body });
    expect(unsigned.statusCode).toBe(401);
    await h.flush();
    expect(dump()).toEqual(before);
    expect(h.fake.sent).toHaveLength(0);
  });

  it('a correctly signed body with the wrong verification token gets 401 and changes nothing', async () => {
    const before = dump();
    const ev = messageEvent({ token: 'wrong-token', senderOpenId: WHO.supervisor, chatId: 'oc_x', chatType: 'p2p', text: '/督办 新建 甲 主办:教务处 截止:2026-12-31' });
    const res = await h.post(ev);
    expect(res.statusCode).toBe(401);
    expect(dump()).toEqual(before);
  });

  it('a replayed event_id is acknowledged once and acted on once', async () => {
    const ev = listEvent('ev-replayed-1');
    expect((await h.post(ev)).statusCode).toBe(200);
    await h.flush();
    const after = dump();
    const sent = h.fake.sent.length;
    for (let i = 0; i < 3; i++) expect((await h.post(ev)).statusCode).toBe(200);
    await h.flush();
    expect(dump()).toEqual(after);
    expect(h.fake.sent).toHaveLength(sent);
    expect(findItemByNumber(h.db, 2026, 2)).toBeNull();
  });

  it('garbage bodies get a clear 4xx and change nothing', async () => {
    const before = dump();
    const cases = ['not json at all', '[]', '{"encrypt": "bm9wZQ=="}', '{"schema":"2.0"}', 'null'];
    for (const payload of cases) {
      const headers = signHeaders(ENCRYPT_KEY, payload);
      const res = await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers, payload });
      expect(res.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, payload).toBeLessThan(500);
    }
    // Signed and decryptable, but not an event we know: acknowledged, nothing done.
    const odd = signedRequest(ENCRYPT_KEY, { schema: '2.0', header: { event_id: 'x1', event_type: 'contact.user.created_v3', token: VERIFICATION_TOKEN }, event: {} });
    expect((await injectAll(h.bot.app, { method: 'POST', url: '/feishu/events', headers: odd.headers, payload: odd.body })).json()).toEqual({});
    expect(dump()).toEqual(before);
  });
});

describe('replays, plaintext and malformed events are refused at the edge, before anything is recorded', () => {
  const send = (req: { headers: Record<string, string>; body: string }, url = '/feishu/events') =>
    injectAll(h.bot.app, { method: 'POST', url, headers: req.headers, payload: req.body });
  const registerLine = (n: number) =>
    messageEvent({ token: VERIFICATION_TOKEN, senderOpenId: WHO.supervisor, chatId: 'oc_x', chatType: 'p2p', text: `/督办 新建 事项${n} 主办:教务处 截止:2026-12-31` });

  it('a signed request whose timestamp is outside the replay window, or not a number, gets 401 and changes nothing', async () => {
    const before = dump();
    const timestamps = [
      timestampFromNow(-301),
      timestampFromNow(-86_400), // a day old
      timestampFromNow(-10 * 365 * 86_400), // ten years old
      timestampFromNow(301),
      timestampFromNow(86_400), // from tomorrow
      String(Date.now()), // milliseconds, not seconds
      '0',
      '-1',
      'abc',
      '1e9',
      `${timestampFromNow(0)}.5`,
      '0x66000000',
      '9'.repeat(40),
    ];
    for (const [i, timestamp] of timestamps.entries()) {
      const res = await send(signedRequest(ENCRYPT_KEY, registerLine(i), { timestamp }));
      expect(res.statusCode, timestamp).toBe(401);
      expect(res.json().error, timestamp).toMatch(/timestamp/);
    }
    await h.flush();
    expect(dump()).toEqual(before);
    expect(h.fake.sent).toHaveLength(0);
  });

  it('a timestamp inside the window (clock skew either way) is accepted', async () => {
    expect((await send(signedRequest(ENCRYPT_KEY, registerLine(1), { timestamp: timestampFromNow(-290) }))).statusCode).toBe(200);
    expect((await send(signedRequest(ENCRYPT_KEY, registerLine(2), { timestamp: timestampFromNow(60) }))).statusCode).toBe(200);
    expect(findItemByNumber(h.db, 2026, 2)).not.toBeNull();
  });

  it('the window is configurable and measured against the receiver clock', async () => {
    const tdb = openTestDb();
    const seen: string[] = [];
    const dispatcher = { dispatch: async (e: { eventId: string }) => (seen.push(e.eventId), {}) };
    const clock = Date.parse('2030-01-01T00:00:00Z');
    const receiver = feishuReceiver({ encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, replayWindowSeconds: 30 }, dispatcher, { now: () => clock });
    const app = await buildApp({ ctx: tdb.ctx, log: createLogger('silent'), rawRoutes: receiver });
    try {
      const at = (offset: number, eventId: string) => {
        const req = signedRequest(ENCRYPT_KEY, messageEvent({ token: VERIFICATION_TOKEN, eventId, senderOpenId: 'ou_a', chatId: 'oc_a', chatType: 'p2p', text: 'hi' }), {
          timestamp: Math.floor(clock / 1000) + offset,
        });
        return injectAll(app, { method: 'POST', url: '/feishu/events', headers: req.headers, payload: req.body });
      };
      expect((await at(-30, 'in-past')).statusCode).toBe(200);
      expect((await at(30, 'in-future')).statusCode).toBe(200);
      expect((await at(-31, 'out-past')).statusCode).toBe(401);
      expect((await at(31, 'out-future')).statusCode).toBe(401);
      expect(seen).toEqual(['in-past', 'in-future']);
    } finally {
      await app.close();
      tdb.close();
    }
  });

  it('a webhook receiver cannot be built without an Encrypt Key (nothing would be signed)', () => {
    const dispatcher = { dispatch: async () => ({}) };
    expect(() => feishuReceiver({ encryptKey: '', verificationToken: VERIFICATION_TOKEN }, dispatcher)).toThrow(/Encrypt Key/);
  });

  it('a correctly signed but unencrypted event gets 400 and changes nothing', async () => {
    const before = dump();
    const plainMessage = signedRequest(ENCRYPT_KEY, registerLine(1), { encrypt: false });
    const res = await send(plainMessage);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/encrypt/);
    const plainClick = signedRequest(
      ENCRYPT_KEY,
      cardActionEvent({ token: VERIFICATION_TOKEN, operatorOpenId: WHO.supervisor, value: { a: 'claim', id: 1, v: 1 }, openMessageId: 'om_1' }),
      { encrypt: false },
    );
    expect((await send(plainClick, '/feishu/cards')).statusCode).toBe(400);
    await h.flush();
    expect(dump()).toEqual(before);
  });

  it('a signed body that decrypts to anything but a schema 2.0 event object gets 4xx and changes nothing', async () => {
    const before = dump();
    const header = { event_id: 'ev_bad_1', event_type: 'im.message.receive_v1', token: VERIFICATION_TOKEN };
    const good = registerLine(1).event;
    const texts = [
      'null',
      '[]',
      '"a string"',
      '42',
      'true',
      '',
      '{"schema":"2.0",',
      JSON.stringify({ schema: '2.0', header: null, event: good }),
      JSON.stringify({ schema: '2.0', header, event: null }),
      JSON.stringify({ schema: '2.0', header, event: [] }),
      JSON.stringify({ schema: '2.0', header, event: 'x' }),
      JSON.stringify({ schema: '2.0', header }),
      JSON.stringify({ schema: '1.0', header, event: good }),
      JSON.stringify({ schema: '2.0', header: { ...header, event_id: {} }, event: good }),
      JSON.stringify({ schema: '2.0', header: { ...header, event_id: '' }, event: good }),
      JSON.stringify({ schema: '2.0', header: { ...header, event_id: 'e'.repeat(129) }, event: good }),
      JSON.stringify({ schema: '2.0', header: { ...header, event_type: ['im.message.receive_v1'] }, event: good }),
    ];
    for (const text of texts) {
      const res = await send(signedText(ENCRYPT_KEY, text));
      expect(res.statusCode, text.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, text.slice(0, 80)).toBeLessThan(500);
    }
    expect((await send(signedText(ENCRYPT_KEY, 'null'))).statusCode).toBe(400);
    await h.flush();
    expect(dump()).toEqual(before);
  });

  it('an event with a field of the wrong type or size gets 400 naming the field, and changes nothing (not even processed_events)', async () => {
    const before = dump();
    const message = registerLine(1);
    const click = cardActionEvent({ token: VERIFICATION_TOKEN, operatorOpenId: WHO.supervisor, value: { a: 'claim', id: 1, v: 1 }, openMessageId: 'om_1', formValue: { text: 'ok' } });
    const cases: Array<[object, string, unknown]> = [
      [message, 'message.message_id', { $ne: '' }],
      [message, 'message.message_id', ['om_1']],
      [message, 'message.message_id', 12345],
      [message, 'message.message_id', null],
      [message, 'message.message_id', 'm'.repeat(129)],
      [message, 'message.parent_id', { a: 1 }],
      [message, 'message.parent_id', ['om_1', 'om_2']],
      [message, 'message.root_id', {}],
      [message, 'message.root_id', [1]],
      [message, 'sender.sender_id.open_id', { id: WHO.supervisor }],
      [message, 'sender.sender_id.open_id', [WHO.supervisor]],
      [message, 'sender.sender_id.open_id', null],
      [message, 'sender.sender_id', WHO.supervisor],
      [message, 'sender', null],
      [message, 'message.chat_id', 7],
      [message, 'message.chat_type', { p2p: true }],
      [message, 'message.content', { text: '/督办 列表' }],
      [message, 'message.content', 'x'.repeat(160_001)],
      [message, 'message.message_type', ['text']],
      [message, 'message.mentions', 'everyone'],
      [message, 'message.mentions', [{ key: {}, id: {}, name: 'x' }]],
      [message, 'message', null],
      [click, 'operator.open_id', { open_id: WHO.supervisor }],
      [click, 'operator.open_id', [WHO.supervisor]],
      [click, 'operator', null],
      [click, 'action', null],
      [click, 'action.form_value', []],
      [click, 'action.form_value', { text: { nested: 'object' } }],
      [click, 'action.form_value', { text: [{}] }],
      [click, 'action.form_value', { text: 'x'.repeat(10_001) }],
      [click, 'action.form_value', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, 'x']))],
      [click, 'action.name', { n: 1 }],
      [click, 'context.open_message_id', ['om_1']],
      [click, 'token', { t: 1 }],
    ];
    for (const [payload, path, value] of cases) {
      const ev = withField(payload, `event.${path}`, value);
      const url = path.startsWith('message') || path.startsWith('sender') ? '/feishu/events' : '/feishu/cards';
      const res = await send(signedRequest(ENCRYPT_KEY, ev), url);
      const label = `${path} = ${JSON.stringify(value).slice(0, 40)}`;
      expect(res.statusCode, label).toBe(400);
      expect(res.json().error, label).toContain(path.split('.').slice(0, 2).join('.'));
    }
    await h.flush();
    expect(dump()).toEqual(before);
    expect(h.fake.sent).toHaveLength(0);
  });

  it('keys Feishu may add are accepted, and null optional fields count as absent', async () => {
    const ev = registerLine(1) as unknown as { event: Record<string, Record<string, unknown>> } & Record<string, unknown>;
    const extended = {
      ...ev,
      new_top_level: { x: 1 },
      event: { ...ev.event, new_field: [1, 2], message: { ...ev.event.message, parent_id: null, user_agent: 'x', thread_id: 'omt_1' } },
    };
    expect((await h.post(extended)).statusCode).toBe(200);
    await h.flush();
    expect(findItemByNumber(h.db, 2026, 1)).not.toBeNull();
  });

  it('a chat type other than p2p is treated as a group chat: a confidential item stays hidden', async () => {
    await h.say(WHO.supervisor, '/督办 新建 专项审计整改 主办:教务处 截止:2026-12-31 涉密');
    const topic = await h.say(WHO.unitHead, '/督办 查看 2026-1', { chatType: 'topic_group' as 'group', chatId: 'oc_topic' });
    expect(topic.res.statusCode).toBe(200);
    expect(JSON.stringify(h.repliesTo(topic.messageId))).not.toContain('专项审计整改');
  });

  it('a body over 512 KiB gets 413; a 150 KB text message (about 200 KB encrypted) is accepted', async () => {
    const before = dump();
    const huge = signedText(ENCRYPT_KEY, JSON.stringify({ pad: 'x'.repeat(600 * 1024) }));
    const tooBig = await send(huge);
    expect(tooBig.statusCode).toBe(413);
    expect(dump()).toEqual(before);
    const text = '进'.repeat(50_000); // 150 000 bytes of UTF-8
    const long = signedRequest(ENCRYPT_KEY, messageEvent({ token: VERIFICATION_TOKEN, senderOpenId: WHO.unitHead, chatId: 'oc_p2p', chatType: 'p2p', text }));
    expect(long.body.length).toBeGreaterThan(190_000);
    expect((await send(long)).statusCode).toBe(200);
  });

  it('the long connection checks events with the same schemas, after the SDK has flattened them', async () => {
    const results: ReturnType<typeof inboundFromFlattened>[] = [];
    const record = async (data: unknown) => (results.push(inboundFromFlattened(data)), {});
    const sdk = new lark.EventDispatcher({ logger: quietLarkLogger }).register({ 'im.message.receive_v1': record, 'card.action.trigger': record });
    const invoke = (payload: object) => sdk.invoke(Object.assign(Object.create({ headers: {} }), payload), { needCheck: false });
    await invoke(messageEvent({ token: VERIFICATION_TOKEN, eventId: 'ev_ws_1', senderOpenId: 'ou_a', chatId: 'oc_a', chatType: 'p2p', text: 'hi' }));
    await invoke(withField(messageEvent({ token: VERIFICATION_TOKEN, eventId: 'ev_ws_2', senderOpenId: 'ou_a', chatId: 'oc_a', chatType: 'p2p', text: 'hi' }), 'event.message.message_id', {}));
    await invoke(cardActionEvent({ token: VERIFICATION_TOKEN, eventId: 'ev_ws_3', operatorOpenId: 'ou_a', value: { a: 'claim', id: 1, v: 1 }, openMessageId: 'om_1' }));
    await invoke(withField(cardActionEvent({ token: VERIFICATION_TOKEN, eventId: 'ev_ws_4', operatorOpenId: 'ou_a', value: {}, openMessageId: 'om_1' }), 'event.operator.open_id', ['ou_a']));
    expect(results.map((r) => r.kind)).toEqual(['ok', 'malformed', 'ok', 'malformed']);
    const first = results[0] as Extract<(typeof results)[number], { kind: 'ok' }>;
    expect(first.inbound.eventId).toBe('ev_ws_1');
    expect((first.inbound.event.message as { message_id: unknown }).message_id).toEqual(expect.any(String));
    expect(inboundFromFlattened(null).kind).toBe('malformed');
    expect(inboundFromFlattened({ event_id: 'x', event_type: 'contact.user.created_v3' }).kind).toBe('unknown');
  });

  it('local mode checks /local/events with the same schemas: 400 and nothing changed', async () => {
    const tdb = openTestDb();
    const config: Config = { port: 0, host: '127.0.0.1', databasePath: tdb.path, orgFile: null, calendarFile: null, scheduleFile: null, logLevel: 'silent', feishu: null };
    const local = await compose(config, { db: tdb.db, calendar: tdb.ctx.calendar, schedule: DEFAULT_SCHEDULE }, createLogger('silent'), { now: () => h.now });
    try {
      const before = dumpTables(tdb.db);
      const post = (payload: object) => local.app.inject({ method: 'POST', url: '/local/events', payload });
      const ev = registerLine(1);
      for (const [path, value] of [
        ['event.message.message_id', { $gt: '' }],
        ['event.message.parent_id', ['om_1']],
        ['event.sender.sender_id.open_id', {}],
        ['event', null],
        ['header.event_id', 1],
      ] as const) {
        const res = await post(withField(ev, path, value));
        expect(res.statusCode, path).toBe(400);
      }
      expect(dumpTables(tdb.db)).toEqual(before);
      expect((await post({ ...ev, header: { ...ev.header, event_type: 'contact.user.created_v3' } })).json()).toEqual({});
      expect((await post(ev)).statusCode).toBe(200);
      expect(findItemByNumber(tdb.db, 2026, 1)).not.toBeNull();
    } finally {
      await local.worker.stop();
      await local.app.close();
      tdb.close();
    }
  });
});

/** A deep copy of `payload` with the value at a dotted path replaced. */
function withField<T extends object>(payload: T, path: string, value: unknown): T {
  const copy = structuredClone(payload) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
  return copy as T;
}

describe('the server decides from who clicked, never from the card', () => {
  it('a click by someone not allowed is refused and changes nothing', async () => {
    const { slip } = await registered();
    const claim = buttonValue(slip.content, '认领');
    const before = dump(true);
    for (const who of [WHO.coopHead, WHO.otherUnitHead, WHO.observer, WHO.stranger, WHO.leader]) {
      const r = await h.click(who, claim, { messageId: slip.message_id });
      expect(r.status, who).toBe(200);
      expect(r.answer.toast?.type, who).toBe('error');
    }
    expect(dump(true)).toEqual(before);
  });

  it('a click on a stale card is refused, shows the current card, and changes nothing', async () => {
    const { slip } = await registered();
    const claim = buttonValue(slip.content, '认领');
    await h.click(WHO.liaison, claim, { messageId: slip.message_id });
    const before = dump(true);
    const late = await h.click(WHO.unitHead, claim, { messageId: slip.message_id });
    expect(late.answer.toast?.type).toBe('error');
    expect(late.answer.toast?.content).toContain('过期');
    expect(JSON.stringify(late.answer.card?.data)).not.toContain('"认领"');
    expect(dump(true)).toEqual(before);
  });

  it('a forged button value (extra fields, unknown action, wrong types) is refused', async () => {
    const { item, slip } = await registered();
    const before = dump(true);
    for (const value of [
      { a: 'claim', id: item.id, v: item.version + 1, role: 'supervisor' },
      { a: 'delete_everything', id: item.id, v: 1 },
      { a: 'claim', id: String(item.id), v: 1 },
      {},
    ]) {
      const r = await h.click(WHO.unitHead, value, { messageId: slip.message_id });
      expect(r.answer.toast?.type).toBe('error');
    }
    expect(dump(true)).toEqual(before);
  });

  it('card callbacks are accepted on /feishu/cards as well', async () => {
    const { slip } = await registered();
    const r = await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id, url: '/feishu/cards' });
    expect(r.answer.toast?.type).toBe('success');
    expect(findItemByNumber(h.db, 2026, 1)!.state).toBe('in_progress');
  });

  it('a confidential item is never shown in a group chat', async () => {
    await h.say(WHO.supervisor, '/督办 新建 专项审计整改 主办:教务处 截止:2026-12-31 涉密');
    const inGroup = await h.say(WHO.unitHead, '/督办 查看 2026-1', { chatType: 'group', chatId: 'oc_jwc' });
    const reply = h.repliesTo(inGroup.messageId)[0]!;
    expect(JSON.stringify(reply.content)).not.toContain('专项审计整改');
    const privately = await h.say(WHO.unitHead, '/督办 查看 2026-1');
    expect(JSON.stringify(h.repliesTo(privately.messageId)[0]!.content)).toContain('专项审计整改');
    // And someone outside the item cannot learn it exists.
    const probe = await h.say(WHO.otherUnitHead, '/督办 查看 2026-1');
    expect(JSON.stringify(h.repliesTo(probe.messageId)[0]!.content)).toContain('没有找到');
  });
});

describe('chat commands answer in Chinese, never guess', () => {
  it('unknown and ambiguous input is explained', async () => {
    const unknownUnit = await h.say(WHO.supervisor, '/督办 新建 测试事项 主办:教务 截止:2026-12-31');
    const text = JSON.stringify(h.repliesTo(unknownUnit.messageId)[0]!.content);
    expect(text).toContain('没有找到单位');
    expect(text).toContain('教务处');
    const badDate = await h.say(WHO.supervisor, '/督办 新建 测试事项 主办:教务处 截止:明年');
    expect(JSON.stringify(h.repliesTo(badDate.messageId)[0]!.content)).toContain('截止');
    const wrong = await h.say(WHO.unitHead, '/督办 删除 2026-1');
    expect(JSON.stringify(h.repliesTo(wrong.messageId)[0]!.content)).toContain('未知指令');
    const notAllowed = await h.say(WHO.unitHead, '/督办 新建 测试 主办:教务处 截止:2026-12-31');
    expect(JSON.stringify(h.repliesTo(notAllowed.messageId)[0]!.content)).toContain('督办人员');
    expect(findItemByNumber(h.db, 2026, 1)).toBeNull();
  });

  it('/督办 绑定 binds a group chat to a unit, by the unit head or a supervisor only', async () => {
    const stranger = await h.say(WHO.otherUnitHead, '/督办 绑定 教务处', { chatType: 'group', chatId: 'oc_new' });
    expect(JSON.stringify(h.repliesTo(stranger.messageId)[0]!.content)).toContain('只有');
    const ok = await h.say(WHO.unitHead, '/督办 绑定 教务处', { chatType: 'group', chatId: 'oc_new' });
    expect(JSON.stringify(h.repliesTo(ok.messageId)[0]!.content)).toContain('已绑定');
    const row = h.db.$client.prepare("SELECT chat_id FROM units WHERE id = 'jwc'").get() as { chat_id: string };
    expect(row.chat_id).toBe('oc_new');
  });

  it('/督办 催办 by a supervisor chases the unit and is recorded', async () => {
    await registered();
    await h.click(WHO.unitHead, buttonValue(h.lastTo(WHO.unitHead).content, '认领'));
    const before = h.sentTo(WHO.unitHead).length;
    await h.say(WHO.supervisor, '/督办 催办 2026-1 请本周内报送进展');
    expect(h.sentTo(WHO.unitHead).length).toBe(before + 1);
    expect(JSON.stringify(h.lastTo(WHO.unitHead).content)).toContain('请本周内报送进展');
    const rows = h.db.$client.prepare("SELECT actor_id, channel FROM audit_log WHERE action = 'urge'").all();
    expect(rows).toEqual([{ actor_id: WHO.supervisor, channel: 'command' }]);
    // A unit head cannot chase.
    const no = await h.say(WHO.unitHead, '/督办 催办 2026-1');
    expect(JSON.stringify(h.repliesTo(no.messageId)[0]!.content)).toContain('无权');
  });
});

it('card action events carry the operator, not anything from the card, as who acted', () => {
  // Guard for the harness itself: the operator is set from the event, the card value holds no identity.
  const ev = cardActionEvent({ token: VERIFICATION_TOKEN, operatorOpenId: 'ou_a', value: { a: 'claim', id: 1, v: 1 }, openMessageId: 'om_1' });
  expect(ev.event.operator.open_id).toBe('ou_a');
  expect(Object.keys(ev.event.action.value)).toEqual(['a', 'id', 'v']);
});
