import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { silentLarkLogger, startFakeFeishu, type FakeFeishu } from './fake-feishu';
import {
  cardActionEvent,
  decryptBody,
  encryptBody,
  messageEvent,
  signedRequest,
  signHeaders,
  urlVerification,
} from './feishu-signer';

// ─── helpers ─────────────────────────────────────────────────────────────────

interface HttpErrorLike {
  isAxiosError?: boolean;
  code?: string;
  message: string;
  response?: { status: number; data: { code?: number; msg?: string }; headers: Record<string, string | undefined> };
}

async function rejection(p: Promise<unknown>): Promise<HttpErrorLike> {
  try {
    await p;
  } catch (e) {
    return e as HttpErrorLike;
  }
  throw new Error('expected the promise to reject');
}

const card = (title: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: `**${title}**` }] },
  ...extra,
});

let fake: FakeFeishu;
let client: lark.Client;

function newClient(f: FakeFeishu, appSecret = f.appSecret): lark.Client {
  return new lark.Client({
    appId: f.appId,
    appSecret,
    domain: f.url,
    cache: new lark.DefaultCache(),
    logger: silentLarkLogger,
  });
}

const sendCard = (title: string, receiveId = 'ou_alice', uuid?: string) =>
  client.im.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: receiveId, msg_type: 'interactive', content: JSON.stringify(card(title)), ...(uuid ? { uuid } : {}) },
  });

beforeAll(async () => {
  fake = await startFakeFeishu({
    directory: {
      departments: [
        { department_id: 'd_jwc', open_department_id: 'od_jwc', name: '教务处', leader_user_id: 'u_lead', chat_id: 'oc_jwc' },
      ],
      users: [
        { open_id: 'ou_lead', user_id: 'u_lead', name: '王处长', email: 'lead@univ.edu', department_ids: ['od_jwc'] },
        { open_id: 'ou_a', user_id: 'u_a', name: 'A', email: 'a@univ.edu', mobile: '+8613800000001', department_ids: ['od_jwc'] },
        { open_id: 'ou_b', user_id: 'u_b', name: 'B', department_ids: ['od_jwc'] },
      ],
    },
  });
  client = newClient(fake);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(false);
});

// ─── outbound: the real SDK against the fake ─────────────────────────────────

describe('fake Feishu Open API with the real SDK', () => {
  it('fetches a tenant token once and sends it as Bearer on every call', async () => {
    const c = newClient(fake); // fresh cache → must fetch
    await c.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    await c.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    const tokenCalls = fake.callsTo('/open-apis/auth/v3/tenant_access_token/internal', 'POST');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.body).toEqual({ app_id: 'cli_test', app_secret: 'secret_test' });
    const botCalls = fake.callsTo('/open-apis/bot/v3/info', 'GET');
    expect(botCalls).toHaveLength(2);
    for (const call of botCalls) expect(call.headers.authorization).toBe(`Bearer ${fake.token}`);
  });

  it('rejects a wrong app secret the way Feishu does (HTTP 200, code 10014 → SDK throws)', async () => {
    const bad = newClient(fake, 'wrong');
    const e = await rejection(bad.request({ method: 'GET', url: '/open-apis/bot/v3/info' }));
    expect(e.message).toContain('code: 10014');
    expect(fake.callsTo('/open-apis/bot')).toHaveLength(0);
  });

  it('answers a missing or stale token with HTTP 400 and 99991661 / 99991663', async () => {
    const missing = await fetch(`${fake.url}/open-apis/bot/v3/info`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: number }).code).toBe(99991661);

    const c = newClient(fake);
    await c.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    fake.invalidateToken();
    const e = await rejection(c.request({ method: 'GET', url: '/open-apis/bot/v3/info' })); // SDK keeps its cached token
    expect(e.isAxiosError).toBe(true);
    expect(e.response?.status).toBe(400);
    expect(e.response?.data.code).toBe(99991663);
    // a client with a fresh cache picks up the new token; the shared one is re-created for later tests
    client = newClient(fake);
    await expect(client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })).resolves.toMatchObject({ code: 0 });
  });

  it('bot info returns the configured open_id', async () => {
    const r = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as { code: number; bot: { open_id: string } };
    expect(r.code).toBe(0);
    expect(r.bot.open_id).toBe('ou_bot');
  });

  it('message create returns a message_id and records the parsed card', async () => {
    const r = await sendCard('督办提醒');
    expect(r.code).toBe(0);
    const id = r.data?.message_id;
    expect(id).toMatch(/^om_/);
    expect(fake.sent).toHaveLength(1);
    const s = fake.sent[0]!;
    expect(s).toMatchObject({ message_id: id, receive_id: 'ou_alice', receive_id_type: 'open_id', msg_type: 'interactive' });
    expect(s.content).toEqual(card('督办提醒'));
    const call = fake.callsTo('/open-apis/im/v1/messages', 'POST')[0]!;
    expect(call.query).toEqual({ receive_id_type: 'open_id' });
  });

  it('de-duplicates by uuid: same message_id, one entry in sent', async () => {
    const a = await sendCard('once', 'ou_alice', 'task-1-remind-2024-06-01');
    const b = await sendCard('once', 'ou_alice', 'task-1-remind-2024-06-01');
    const c = await sendCard('other', 'ou_alice', 'task-2');
    expect(b.data?.message_id).toBe(a.data?.message_id);
    expect(c.data?.message_id).not.toBe(a.data?.message_id);
    expect(fake.sent.map((s) => s.uuid)).toEqual(['task-1-remind-2024-06-01', 'task-2']);
  });

  it('reply is recorded with reply_to (and the chat when the parent is known)', async () => {
    fake.rememberMessage('om_user_msg', 'oc_group');
    const r = await client.im.message.reply({
      path: { message_id: 'om_user_msg' },
      data: { msg_type: 'text', content: JSON.stringify({ text: '收到' }), uuid: 'reply-1' },
    });
    expect(r.code).toBe(0);
    expect(r.data?.parent_id).toBe('om_user_msg');
    const again = await client.im.message.reply({
      path: { message_id: 'om_user_msg' },
      data: { msg_type: 'text', content: JSON.stringify({ text: '收到' }), uuid: 'reply-1' },
    });
    expect(again.data?.message_id).toBe(r.data?.message_id);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ reply_to: 'om_user_msg', receive_id: 'oc_group', chat_id: 'oc_group', content: { text: '收到' } });
  });

  it('PATCH updates a sent card; an unknown message id fails', async () => {
    const r = await sendCard('v1');
    const id = r.data!.message_id!;
    const p = await client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card('v2')) } });
    expect(p.code).toBe(0);
    expect(fake.sent[0]!.content).toEqual(card('v2'));
    expect(fake.sent[0]!.updates).toBe(1);
    expect(fake.patches).toHaveLength(1);
    const e = await rejection(client.im.message.patch({ path: { message_id: 'om_nope' }, data: { content: '{}' } }));
    expect(e.response?.status).toBe(400);
    expect(e.response?.data.code).toBe(230001);
  });

  it('card update through client.request', async () => {
    const r = (await client.request({
      method: 'POST',
      url: '/open-apis/interactive/v1/card/update',
      data: { token: 'c-abc', card: card('done') },
    })) as { code: number };
    expect(r.code).toBe(0);
    expect(fake.cardUpdates).toEqual([{ token: 'c-abc', card: card('done'), at: expect.any(Number) }]);
  });

  it('a card over 30 KB is refused with HTTP 400 / 230025', async () => {
    const big = card('big', { body: { elements: [{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }] } });
    const e = await rejection(
      client.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: 'oc_1', msg_type: 'interactive', content: JSON.stringify(big) },
      }),
    );
    expect(e.response?.status).toBe(400);
    expect(e.response?.data.code).toBe(230025);
    expect(fake.sent).toHaveLength(0);
  });

  it('uploads a file (multipart) and returns a file_key', async () => {
    const r = await client.im.file.create({
      data: { file_type: 'xls', file_name: '督办台账.xlsx', file: Buffer.from('PK fake spreadsheet') },
    });
    expect(r?.file_key).toMatch(/^file_v3_/);
    expect(fake.files).toHaveLength(1);
    expect(fake.files[0]).toMatchObject({ file_key: r?.file_key, file_type: 'xls', file_name: '督办台账.xlsx' });
    expect(fake.files[0]!.data.toString()).toBe('PK fake spreadsheet');
  });

  it('serves departments, users by department (paged) and batch_get_id', async () => {
    const d = await client.contact.department.get({ path: { department_id: 'od_jwc' }, params: { department_id_type: 'open_department_id' } });
    expect(d.data?.department).toMatchObject({ name: '教务处', leader_user_id: 'u_lead', chat_id: 'oc_jwc' });

    const page1 = await client.contact.user.findByDepartment({ params: { department_id: 'od_jwc', page_size: 2 } });
    expect(page1.data?.items?.map((u) => u.open_id)).toEqual(['ou_lead', 'ou_a']);
    expect(page1.data?.has_more).toBe(true);
    const all: string[] = [];
    for await (const page of await client.contact.user.findByDepartmentWithIterator({ params: { department_id: 'od_jwc', page_size: 2 } })) {
      for (const u of page?.items ?? []) all.push(u.open_id ?? '');
    }
    expect(all).toEqual(['ou_lead', 'ou_a', 'ou_b']);

    const ids = await client.contact.user.batchGetId({
      params: { user_id_type: 'user_id' },
      data: { emails: ['a@univ.edu', 'nobody@univ.edu'], mobiles: ['+8613800000001'] },
    });
    expect(ids.data?.user_list).toEqual([
      { user_id: 'u_a', email: 'a@univ.edu' },
      { email: 'nobody@univ.edu' },
      { user_id: 'u_a', mobile: '+8613800000001' },
    ]);
    // generated GET methods send a `{}` body; the fake accepted it
    expect(fake.callsTo('/open-apis/contact/v3/departments/od_jwc')[0]!.body).toEqual({});
  });
});

describe('fault injection', () => {
  it('HTTP 500 surfaces as an AxiosError with status 500 and nothing is sent', async () => {
    fake.failNext(1, { status: 500 });
    const e = await rejection(sendCard('x'));
    expect(e.isAxiosError).toBe(true);
    expect(e.response?.status).toBe(500);
    expect(fake.sent).toHaveLength(0);
    await expect(sendCard('x')).resolves.toMatchObject({ code: 0 }); // only the next one failed
  });

  it('HTTP 429 carries code 99991400 and x-ogw-ratelimit-reset', async () => {
    fake.failNext(1, { status: 429, code: 99991400, resetSeconds: 7 });
    const e = await rejection(sendCard('x'));
    expect(e.response?.status).toBe(429);
    expect(e.response?.data.code).toBe(99991400);
    expect(e.response?.headers['x-ogw-ratelimit-reset']).toBe('7');
  });

  it('HTTP 400 / 230020 (frequency limit of a chat)', async () => {
    fake.failNext(1, { status: 400, code: 230020 });
    const e = await rejection(sendCard('x'));
    expect(e.response?.status).toBe(400);
    expect(e.response?.data.code).toBe(230020);
  });

  it('HTTP 200 with a non-zero code resolves (the SDK does not throw)', async () => {
    fake.failNext(1, { status: 200, code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
    const r = await sendCard('x');
    expect(r.code).toBe(230002);
    expect(r.data).toBeUndefined();
    expect(fake.sent).toHaveLength(0);
  });

  it('a dropped connection rejects; afterProcessing still records the send', async () => {
    fake.failNext(1, { drop: true });
    const e = await rejection(sendCard('x'));
    expect(e.response).toBeUndefined();
    expect(e.code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|ECONNREFUSED|EPIPE/);
    expect(fake.sent).toHaveLength(0);

    fake.failNext(1, { drop: true, afterProcessing: true });
    await rejection(sendCard('y', 'ou_alice', 'u-drop'));
    expect(fake.sent).toHaveLength(1);
    const retry = await sendCard('y', 'ou_alice', 'u-drop'); // a retry with the same uuid gets the same message
    expect(retry.data?.message_id).toBe(fake.sent[0]!.message_id);
    expect(fake.sent).toHaveLength(1);
  });

  it('a slow reply can time out the caller while the message still lands', async () => {
    fake.failNext(1, { delayMs: 300 });
    const t0 = Date.now();
    const e = await rejection(
      client.request({
        method: 'POST',
        url: '/open-apis/im/v1/messages',
        params: { receive_id_type: 'open_id' },
        data: { receive_id: 'ou_alice', msg_type: 'text', content: JSON.stringify({ text: 'slow' }) },
        timeout: 100,
      }),
    );
    expect(e.code).toBe('ECONNABORTED');
    expect(Date.now() - t0).toBeLessThan(290);
    await new Promise((r) => setTimeout(r, 350));
    expect(fake.sent).toHaveLength(1);

    fake.failNext(1, { delayMs: 150 });
    const t1 = Date.now();
    await expect(sendCard('slow but fine')).resolves.toMatchObject({ code: 0 });
    expect(Date.now() - t1).toBeGreaterThanOrEqual(140);
  });

  it('faults target message sends by default; a path prefix targets other endpoints', async () => {
    fake.failNext(1, { status: 500 });
    await expect(client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })).resolves.toMatchObject({ code: 0 });
    fake.clearFaults();
    fake.failNext(1, { status: 503 }, { path: '/open-apis/bot' });
    const e = await rejection(client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }));
    expect(e.response?.status).toBe(503);
    fake.failWhen((c) => c.method === 'PATCH', { status: 200, code: 230031 }, 1);
    const sentMsg = await sendCard('p');
    const p = await client.im.message.patch({ path: { message_id: sentMsg.data!.message_id! }, data: { content: JSON.stringify(card('q')) } });
    expect(p.code).toBe(230031);
  });
});

describe('rate limits', () => {
  it('5/s per receive_id → HTTP 400 / 230020', async () => {
    fake.setRateLimit(true);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => sendCard(`n${i}`, 'ou_same')));
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const e = (rejected[0] as PromiseRejectedResult).reason as HttpErrorLike;
    expect(e.response?.status).toBe(400);
    expect(e.response?.data.code).toBe(230020);
    expect(fake.sent).toHaveLength(5);
    await expect(sendCard('other user', 'ou_other')).resolves.toMatchObject({ code: 0 });
  });

  it('50/s per app → HTTP 429 / 99991400 with reset header; only accepted sends count', async () => {
    fake.setRateLimit({ perApp: 50, perReceiver: 5, windowMs: 1000 });
    fake.failNext(3, { status: 500 }); // not accepted: must not count
    await Promise.allSettled([sendCard('f1'), sendCard('f2'), sendCard('f3')]);
    const results = await Promise.allSettled(Array.from({ length: 51 }, (_, i) => sendCard(`n${i}`, `ou_${i}`)));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const e = rejected[0]!.reason as HttpErrorLike;
    expect(e.response?.status).toBe(429);
    expect(e.response?.data.code).toBe(99991400);
    expect(Number(e.response?.headers['x-ogw-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    expect(fake.sent).toHaveLength(50);
  });

  it('the window slides', async () => {
    fake.setRateLimit({ perReceiver: 2, windowMs: 200 });
    await sendCard('1', 'ou_x');
    await sendCard('2', 'ou_x');
    await rejection(sendCard('3', 'ou_x'));
    await new Promise((r) => setTimeout(r, 220));
    await expect(sendCard('4', 'ou_x')).resolves.toMatchObject({ code: 0 });
  });
});

// ─── inbound: playing Feishu against the SDK's own checks ────────────────────

describe('feishu-signer', () => {
  const ENCRYPT_KEY = 'test-encrypt-key';
  const VERIFY_TOKEN = 'test-verification-token';

  /** What FEISHU.md prescribes for handing a raw webhook body to the SDK. */
  const asSdkData = (headers: Record<string, string>, rawBody: string): object =>
    Object.assign(Object.create({ headers }) as object, JSON.parse(rawBody) as object);

  it('encryptBody is decrypted by the SDK AESCipher (and by decryptBody)', () => {
    const payload = { hello: '世界', n: 1 };
    const { encrypt } = encryptBody(ENCRYPT_KEY, payload);
    expect(JSON.parse(new lark.AESCipher(ENCRYPT_KEY).decrypt(encrypt))).toEqual(payload);
    expect(decryptBody(ENCRYPT_KEY, encrypt)).toEqual(payload);
    expect(encryptBody(ENCRYPT_KEY, payload).encrypt).not.toBe(encrypt); // random IV
  });

  it('signHeaders computes sha256(timestamp + nonce + key + body)', () => {
    const h = signHeaders('k', '{"a":1}', { timestamp: 1700000000, nonce: 'n1' });
    expect(h).toMatchObject({ 'x-lark-request-timestamp': '1700000000', 'x-lark-request-nonce': 'n1', 'content-type': 'application/json' });
    expect(h['x-lark-signature']).toBe(createHash('sha256').update('1700000000n1k{"a":1}').digest('hex'));
  });

  it('the SDK EventDispatcher (with encryptKey) accepts a signed, encrypted message event', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const dispatcher = new lark.EventDispatcher({ encryptKey: ENCRYPT_KEY, logger: silentLarkLogger }).register({
      'im.message.receive_v1': async (data) => {
        seen.push(data as unknown as Record<string, unknown>);
        return 'handled';
      },
    });
    const payload = messageEvent({
      eventId: 'ev_1',
      token: VERIFY_TOKEN,
      senderOpenId: 'ou_alice',
      chatId: 'oc_group',
      chatType: 'group',
      text: '@_user_1 /督办 列表',
      parentId: 'om_card',
      mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '督办助手' }],
    });
    const { headers, body } = signedRequest(ENCRYPT_KEY, payload);
    expect(JSON.parse(body)).toHaveProperty('encrypt');
    await expect(dispatcher.invoke(asSdkData(headers, body))).resolves.toBe('handled');
    expect(seen).toHaveLength(1);
    const flat = seen[0]! as { event_id: string; token: string; message: { chat_type: string; content: string; parent_id: string; mentions: unknown[] }; sender: { sender_id: { open_id: string } } };
    expect(flat.event_id).toBe('ev_1');
    expect(flat.token).toBe(VERIFY_TOKEN);
    expect(flat.sender.sender_id.open_id).toBe('ou_alice');
    expect(flat.message.chat_type).toBe('group');
    expect(flat.message.parent_id).toBe('om_card');
    expect(JSON.parse(flat.message.content)).toEqual({ text: '@_user_1 /督办 列表' });
    expect(flat.message.mentions).toHaveLength(1);

    // unencrypted but signed works too
    const plain = signedRequest(ENCRYPT_KEY, payload, { encrypt: false });
    await expect(dispatcher.invoke(asSdkData(plain.headers, plain.body))).resolves.toBe('handled');
  });

  it('the SDK refuses a tampered signature or a re-formatted body', async () => {
    let calls = 0;
    const dispatcher = new lark.EventDispatcher({ encryptKey: ENCRYPT_KEY, logger: silentLarkLogger }).register({
      'im.message.receive_v1': async () => {
        calls++;
        return 'handled';
      },
    });
    const payload = messageEvent({ token: VERIFY_TOKEN, senderOpenId: 'ou_a', chatId: 'oc_p', chatType: 'p2p', text: 'hi' });
    const { headers, body } = signedRequest(ENCRYPT_KEY, payload);
    const badSig = { ...headers, 'x-lark-signature': '0'.repeat(64) };
    await expect(dispatcher.invoke(asSdkData(badSig, body))).resolves.toBeUndefined();
    const wrongKey = signedRequest('another-key', payload, { encrypt: false });
    await expect(dispatcher.invoke(asSdkData(wrongKey.headers, wrongKey.body))).resolves.toBeUndefined();
    // signed over pretty-printed bytes: the SDK re-stringifies compactly and disagrees (FEISHU.md's caveat)
    const pretty = JSON.stringify(payload, null, 2);
    await expect(dispatcher.invoke(asSdkData(signHeaders(ENCRYPT_KEY, pretty), pretty))).resolves.toBeUndefined();
    expect(calls).toBe(0);
  });

  it('card.action.trigger: header token is the verification token, event.token the card token', async () => {
    const payload = cardActionEvent({
      token: VERIFY_TOKEN,
      operatorOpenId: 'ou_alice',
      value: { action: 'done', task_id: 42 },
      formValue: { note: '已完成' },
      cardToken: 'c-update-token',
      openMessageId: 'om_card',
      openChatId: 'oc_group',
    });
    expect(payload.header).toMatchObject({ event_type: 'card.action.trigger', token: VERIFY_TOKEN });
    let got: { token?: string; action?: { value?: unknown; form_value?: unknown; tag?: string }; context?: unknown; operator?: { open_id?: string } } = {};
    // `card.action.trigger` is not in the SDK's IHandles type: register it through the generic parameter
    const dispatcher = new lark.EventDispatcher({ encryptKey: ENCRYPT_KEY, logger: silentLarkLogger }).register<{
      'card.action.trigger': (data: unknown) => Promise<unknown>;
    }>({
      'card.action.trigger': async (data) => {
        got = data as typeof got;
        return { toast: { type: 'success', content: 'ok' } };
      },
    });
    const { headers, body } = signedRequest(ENCRYPT_KEY, payload);
    await expect(dispatcher.invoke(asSdkData(headers, body))).resolves.toEqual({ toast: { type: 'success', content: 'ok' } });
    expect(got.token).toBe('c-update-token'); // flattening overwrote header.token
    expect(got.operator?.open_id).toBe('ou_alice');
    expect(got.action).toMatchObject({ tag: 'button', value: { action: 'done', task_id: 42 }, form_value: { note: '已完成' } });
    expect(got.context).toEqual({ open_message_id: 'om_card', open_chat_id: 'oc_group' });
  });

  it('url verification: plain and encrypted challenges are recognised by the SDK', () => {
    const plain = urlVerification(VERIFY_TOKEN, 'ch-1');
    expect(lark.generateChallenge(plain, { encryptKey: ENCRYPT_KEY })).toEqual({ isChallenge: true, challenge: { challenge: 'ch-1' } });
    const enc = encryptBody(ENCRYPT_KEY, urlVerification(VERIFY_TOKEN, 'ch-2'));
    expect(lark.generateChallenge(enc, { encryptKey: ENCRYPT_KEY })).toEqual({ isChallenge: true, challenge: { challenge: 'ch-2' } });
  });
});
