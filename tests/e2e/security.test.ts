import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findItemByNumber } from '../../src/db/item-repository';
import { cardActionEvent, encryptBody, messageEvent, signHeaders, signedRequest, urlVerification } from '../support/feishu-signer';
import { dumpTables } from '../support/assertions';
import { WHO } from '../support/fixtures';
import { type Bot, ENCRYPT_KEY, VERIFICATION_TOKEN, buttonValue, startBot } from './harness';

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
  it('answers the URL challenge (plain and encrypted) only with the right token', async () => {
    const plain = await h.bot.app.inject({ method: 'POST', url: '/feishu/events', payload: urlVerification(VERIFICATION_TOKEN, 'abc123') });
    expect(plain.json()).toEqual({ challenge: 'abc123' });
    const enc = await h.bot.app.inject({
      method: 'POST',
      url: '/feishu/events',
      payload: encryptBody(ENCRYPT_KEY, urlVerification(VERIFICATION_TOKEN, 'xyz')),
    });
    expect(enc.json()).toEqual({ challenge: 'xyz' });
    const wrong = await h.bot.app.inject({ method: 'POST', url: '/feishu/events', payload: urlVerification('not-the-token', 'abc') });
    expect(wrong.statusCode).toBe(401);
  });

  it('a forged signature gets 401 and changes nothing', async () => {
    const before = dump();
    const { headers, body } = signedRequest(ENCRYPT_KEY, listEvent());
    const forged = { ...headers, 'x-lark-signature': 'f'.repeat(64) };
    const res = await h.bot.app.inject({ method: 'POST', url: '/feishu/events', headers: forged, payload: body });
    expect(res.statusCode).toBe(401);
    // Signed with another key, or with the body altered after signing.
    const other = signedRequest('someone-elses-key', listEvent());
    expect((await h.bot.app.inject({ method: 'POST', url: '/feishu/events', headers: other.headers, payload: other.body })).statusCode).toBe(401);
    const tampered = body.replace(/"encrypt":"./, '"encrypt":"A');
    expect((await h.bot.app.inject({ method: 'POST', url: '/feishu/events', headers, payload: tampered })).statusCode).toBe(401);
    const unsigned = await h.bot.app.inject({ method: 'POST', url: '/feishu/events', headers: { 'content-type': 'application/json' }, payload: body });
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
      const res = await h.bot.app.inject({ method: 'POST', url: '/feishu/events', headers, payload });
      expect(res.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, payload).toBeLessThan(500);
    }
    // Signed and decryptable, but not an event we know: acknowledged, nothing done.
    const odd = signedRequest(ENCRYPT_KEY, { schema: '2.0', header: { event_id: 'x1', event_type: 'contact.user.created_v3', token: VERIFICATION_TOKEN }, event: {} });
    expect((await h.bot.app.inject({ method: 'POST', url: '/feishu/events', headers: odd.headers, payload: odd.body })).json()).toEqual({});
    expect(dump()).toEqual(before);
  });
});

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
