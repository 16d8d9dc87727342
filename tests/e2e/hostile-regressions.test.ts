import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { type Handler, createDispatcher } from '../../src/bot/dispatcher';
import { handleMessage } from '../../src/bot/handle-message';
import { findItemByNumber } from '../../src/db/item-repository';
import { createLogger } from '../../src/logger';
import { applyCommand } from '../../src/services/apply-command';
import { WHO } from '../support/fixtures';
import { type Bot, buttonValue, startBot } from './harness';

/** Defects a hostile test found in what was built; each test here failed before its fix. */
let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

const replyText = (messageId: string) => h.repliesTo(messageId).map((m) => textOf(m.content as Record<string, unknown>)).join('\n');
const count = (sql: string) => (h.db.$client.prepare(sql).pluck().get() as number) ?? 0;

async function claimedItem(title = '完善实验室安全管理制度') {
  await h.say(WHO.supervisor, `/督办 新建 ${title} 主办:教务处 截止:2026-12-31`);
  const slip = h.lastTo(WHO.unitHead);
  const claim = await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  return { slip, card: claim.answer.card!.data, item: findItemByNumber(h.db, 2026, 1)! };
}

describe('dates past the horizon are refused where they enter, and no stored date takes a page down', () => {
  it('新建 with 截止:2206-06-30 is refused with the limit, writes nothing and uses no number', async () => {
    const typo = await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2206-06-30');
    expect(typo.res.statusCode).toBe(200);
    expect(replyText(typo.messageId)).toContain('最晚可定为 2031-11-23');
    expect(count('SELECT count(*) FROM items')).toBe(0);
    await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2026-12-30');
    expect(findItemByNumber(h.db, 2026, 1)?.state).toBe('assigned');
  });

  it('an extension to 9999-12-31 and a return to 2100 are refused on the form, the item unchanged', async () => {
    const { slip, card, item } = await claimedItem();
    const form = await h.click(WHO.unitHead, buttonValue(card, '申请延期'), { messageId: slip.message_id });
    const asked = await h.click(WHO.unitHead, buttonValue(form.answer.card!.data, '提交延期申请'), {
      messageId: slip.message_id,
      form: { reason: '等待上级文件', date: '9999-12-31 +0800' },
    });
    expect(asked.answer.toast?.type).toBe('error');
    expect(asked.answer.toast?.content).toContain('过远');
    expect(findItemByNumber(h.db, 2026, 1)!.pendingExtension).toBeNull();

    h.db.$client.prepare("UPDATE items SET state = 'under_review', review_stage = 'leader', version = version + 1 WHERE id = ?").run(item.id);
    const v = findItemByNumber(h.db, 2026, 1)!.version;
    const ret = await h.click(WHO.leader, { a: 'return', id: item.id, v }, { form: { note: '材料不全', new_deadline: '2100-01-01 +0800' } });
    expect(ret.status).toBe(200);
    expect(ret.answer.toast?.content).toContain('过远');
    expect(findItemByNumber(h.db, 2026, 1)).toMatchObject({ state: 'under_review', deadline: '2026-12-31' });
  });

  it('an item stored with a deadline in 2206 (before dates were bounded) still lists, shows and can be decided on', async () => {
    const { item } = await claimedItem();
    h.db.$client.prepare("UPDATE items SET deadline = '2206-06-30' WHERE id = ?").run(item.id);
    for (const cmd of ['/督办 列表', '/督办 列表 全部', '/督办 查看 2026-1']) {
      const r = await h.say(WHO.unitHead, cmd);
      expect(r.res.statusCode, cmd).toBe(200);
      expect(replyText(r.messageId), cmd).toContain('督办〔2026〕1号');
    }
    const form = await h.say(WHO.supervisor, '/督办 新建');
    expect(form.res.statusCode).toBe(200);
    await h.bot.jobs[0]!.run(h.bot.jobDeps, h.now);
  });
});

describe('an event is recorded in the transaction of its work', () => {
  const log = createLogger('silent');
  const progressEvent = (eventId: string, itemId: number) => ({ eventId, eventType: 'test.progress', event: { itemId } });

  it('a handler that writes and then throws leaves no trace, and the retry does the work once', async () => {
    const { item } = await claimedItem();
    let fail = true;
    const report: Handler = (deps, event) => {
      applyCommand(deps.ctx, { itemId: event.itemId as number, actorId: WHO.unitHead, channel: 'card', command: { type: 'report_progress', text: '第一阶段完成' }, now: deps.now() });
      if (fail) throw new Error('crash after the service committed its part');
      return {};
    };
    const dispatcher = createDispatcher(h.bot.deps, { 'test.progress': report });
    await expect(dispatcher.dispatch(progressEvent('ev-1', item.id), log)).rejects.toThrow('crash');
    expect(count("SELECT count(*) FROM progress_reports")).toBe(0);
    expect(count("SELECT count(*) FROM processed_events WHERE event_id = 'ev-1'")).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'report_progress'")).toBe(0);
    fail = false;
    await dispatcher.dispatch(progressEvent('ev-1', item.id), log); // Feishu's retry
    await dispatcher.dispatch(progressEvent('ev-1', item.id), log); // and a re-delivery
    expect(count('SELECT count(*) FROM progress_reports')).toBe(1);
    expect(count("SELECT count(*) FROM processed_events WHERE event_id = 'ev-1'")).toBe(1);
  });

  it('messages written by a failed event are never sent', async () => {
    const { item } = await claimedItem();
    const before = h.fake.sent.length;
    const urgeThenFail: Handler = (deps) => {
      applyCommand(deps.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'command', command: { type: 'urge', note: '请抓紧' }, now: deps.now() });
      throw new Error('fails after queueing a 催办');
    };
    await expect(createDispatcher(h.bot.deps, { 'test.urge': urgeThenFail }).dispatch({ eventId: 'ev-2', eventType: 'test.urge', event: {} }, log)).rejects.toThrow();
    await h.flush();
    expect(h.fake.sent.length).toBe(before);
    expect(count("SELECT count(*) FROM outbox WHERE purpose = 'urge'")).toBe(0);
  });

  it('the real message handler runs inside the event transaction', async () => {
    // A message handler that dies half-way (here: the reply cannot be written) rolls back the registration too.
    const broken: Handler = (deps, event, l) => {
      const answer = handleMessage(deps, event, l);
      throw new Error(`after ${JSON.stringify(answer)}`);
    };
    const ev = { sender: { sender_id: { open_id: WHO.supervisor }, sender_type: 'user' }, message: { message_id: 'om_x', chat_id: 'oc_p', chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: '/督办 新建 测试事项 主办:教务处 截止:2026-12-31' }) } };
    await expect(createDispatcher(h.bot.deps, { 'im.message.receive_v1': broken }).dispatch({ eventId: 'ev-3', eventType: 'im.message.receive_v1', event: ev }, log)).rejects.toThrow();
    expect(count('SELECT count(*) FROM items')).toBe(0);
    expect(count('SELECT count(*) FROM number_sequences')).toBe(0);
  });
});

describe('nobody can stall the server with one message', () => {
  it('120 KB of unmatched quotes after 新建 is refused at once with a clear message, before any parsing', async () => {
    const huge = `/督办 新建 ${'“'.repeat(40_000)}`;
    const started = performance.now();
    const r = await h.say(WHO.supervisor, huge);
    const ms = performance.now() - started;
    expect(r.res.statusCode).toBe(200);
    expect(replyText(r.messageId)).toContain('最多 5000 字');
    expect(count('SELECT count(*) FROM items')).toBe(0);
    // Not a speed target: a guard against the 7-second stall coming back (the refusal itself is microseconds).
    expect(ms).toBeLessThan(2000);
  });

  it('someone outside the organisation gets one sentence, whatever they send', async () => {
    const r = await h.say(WHO.stranger, `/督办 新建 ${'“'.repeat(4000)} 主办:教务处 截止:2026-12-31`);
    expect(replyText(r.messageId)).toContain('不在督办助手的组织架构中');
    const inGroup = await h.say(WHO.stranger, '随便聊聊', { chatType: 'group', chatId: 'oc_jwc' });
    expect(h.repliesTo(inGroup.messageId)).toHaveLength(0);
  });

  it('a unit head typing 新建 is refused without the arguments being parsed', async () => {
    const r = await h.say(WHO.unitHead, `/督办 新建 ${'“'.repeat(4000)}`);
    expect(replyText(r.messageId)).toContain('只有督办人员可以立项登记');
  });
});
