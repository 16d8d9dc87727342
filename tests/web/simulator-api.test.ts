import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer } from './local-server';

/** The simulator's own API: what it refuses, with a message a person can act on, and that it changes nothing then. */
let server: Awaited<ReturnType<typeof startLocalServer>>;
const post = (url: string, payload: unknown) => server.bot.app.inject({ method: 'POST', url, payload: payload as object });
const count = (sql: string) => server.db.$client.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  server = await startLocalServer(new Date('2026-11-23T09:30:00+08:00'));
});
afterAll(async () => server?.close());

describe('the simulator API', () => {
  it('lists everyone with their posts and the group chats of their units', async () => {
    const res = await server.bot.app.inject({ url: '/sim/api/people' });
    const people = (res.json() as { people: Array<{ id: string; name: string; posts: string[]; groups: Array<{ chatId: string }> }> }).people;
    expect(people.find((p) => p.id === 'ou_jwc_head')).toMatchObject({ name: '陈明', posts: ['教务处负责人'], groups: [{ chatId: 'oc_jwc_duban' }] });
    expect(people.find((p) => p.id === 'ou_dcs_wang')).toMatchObject({ posts: ['督办人员'], groups: [] });
  });

  it('typing into a chat the person is not in, too long a text, or no person at all is refused and dispatches nothing', async () => {
    const events = () => count('SELECT count(*) FROM processed_events');
    const before = events();
    const notMember = await post('/sim/api/say', { as: 'ou_dcs_wang', chatId: 'oc_jwc_duban', text: '/督办 帮助' });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().error).toBe('这个人不在这个会话中');
    expect((await post('/sim/api/say', { as: 'ou_dcs_wang', chatId: 'oc_sim_p2p_ou_dcs_wang', text: 'x'.repeat(10_001) })).statusCode).toBe(400);
    expect((await post('/sim/api/say', { as: 'nobody', chatId: 'oc_sim_p2p_nobody', text: 'hi' })).json().error).toContain('open_id');
    expect(events()).toBe(before);
  });

  it('a click on a card the person cannot see is refused before any handler runs', async () => {
    await post('/sim/api/say', { as: 'ou_dcs_wang', chatId: 'oc_sim_p2p_ou_dcs_wang', text: '/督办 新建 完善实验室安全制度 主办:教务处 截止:2026-12-31' });
    await server.bot.worker.drain();
    const chats = (await server.bot.app.inject({ url: '/sim/api/chats?as=ou_jwc_head' })).json() as { messages: Array<{ messageId: string; sender: string }> };
    const slip = chats.messages.find((m) => m.sender === 'bot')!;
    const before = count('SELECT count(*) FROM processed_events');
    const res = await post('/sim/api/click', { as: 'ou_wxy_head', messageId: slip.messageId, value: { a: 'claim', id: 1, v: 2 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('看不到');
    expect(count('SELECT count(*) FROM processed_events')).toBe(before);
    // The head's own click goes through the dispatcher and is answered as Feishu answers a callback.
    const item = server.db.$client.prepare('SELECT id, version FROM items').get() as { id: number; version: number };
    const ok = await post('/sim/api/click', { as: 'ou_jwc_head', messageId: slip.messageId, value: { a: 'claim', id: item.id, v: item.version } });
    expect(ok.json()).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw' } });
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'claim' AND channel = 'card' AND actor_id = 'ou_jwc_head'")).toBe(1);
  });

  it('an empty or oversized file is refused', async () => {
    const file = (base64: string) => post('/sim/api/file', { as: 'ou_jwc_head', chatId: 'oc_sim_p2p_ou_jwc_head', name: 'a.pdf', base64 });
    expect((await file('')).json().error).toBe('文件是空的');
    expect((await file('not base64!')).statusCode).toBe(400);
  });

  it('the live stream sends the bot’s messages for the person’s chats as they are sent, and ends when the server closes', { timeout: 90_000 }, async () => {
    const local = await startLocalServer(new Date('2026-11-23T09:30:00+08:00'));
    const res = await fetch(`${local.url}/sim/api/stream?as=ou_dcs_wang`);
    const reader = res.body!.getReader();
    let text = '';
    await fetch(`${local.url}/sim/api/say`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'ou_dcs_wang', chatId: 'oc_sim_p2p_ou_dcs_wang', text: '/督办 帮助' }) });
    while (!text.includes('督办助手使用说明')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: message');
    const closed = local.close();
    for (;;) if ((await reader.read()).done) break;
    await closed;
  });

  it('a download of a file nobody sent is 404', async () => {
    expect((await server.bot.app.inject({ url: '/sim/api/files/file_nope' })).statusCode).toBe(404);
  });
});
