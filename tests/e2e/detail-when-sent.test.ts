/**
 * A detail card asked for privately (`/督办 查看 …`, 查看详情) is drawn when it is sent (bot/detail-answer.ts): the
 * question records who asked about which item, and the card shows the item as it is when the answer goes out,
 * to the person as they stand then. Here the answer's first send fails (Feishu is down), the item changes while
 * it waits, and the retry carries the change; someone who may no longer see the item gets the refusal, not the
 * card. In a group chat the card is drawn at the question, where the group's disclosure check reads it.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { applyCommand } from '../../src/services/apply-command';
import { registerAndSendSlip } from '../../src/services/register-item';
import { WHO, at, baseInput } from '../support/fixtures';
import { type Bot, cardText, buttonValue, startBot } from './harness';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

const detailRows = () => h.db.select().from(outbox).where(eq(outbox.purpose, 'detail')).all();

function claimedItem() {
  const item = registerAndSendSlip(h.bot.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-23', '08:00') });
  applyCommand(h.bot.ctx, { itemId: item.id, actorId: WHO.unitHead, channel: 'command', command: { type: 'claim' }, now: at('2026-11-23', '08:10') });
  return item;
}

/** Feishu refuses the next message sends, so an answer waits in the outbox for its retry. */
const feishuDownFor = (n: number) => h.fake.failNext(n, { status: 500, code: 1, msg: 'fake outage' });

/** The clock moves past the outbox's retry delay, and whatever waits is sent. */
async function later(minutes: number) {
  h.setNow('2026-11-23', `09:${String(minutes).padStart(2, '0')}`);
  await h.flush();
}

describe('a detail card asked for privately is drawn when it is sent', () => {
  it('records who asked about which item, and the card that goes out shows what happened while it waited', async () => {
    const item = claimedItem();
    await h.flush();
    feishuDownFor(1);
    const asked = await h.say(WHO.unitHead, `/督办 查看 ${item.number}`);
    expect(asked.res.statusCode).toBe(200);
    expect(h.repliesTo(asked.messageId)).toHaveLength(0);
    // What the question wrote: a description, not a card.
    const [row] = detailRows();
    expect(row).toMatchObject({ status: 'pending', content: '', itemId: item.id, targetMessageId: asked.messageId });
    expect(JSON.parse(row!.render!)).toEqual({ card: 'detail', viewer: WHO.unitHead });

    // While the answer waits, the unit reports progress.
    applyCommand(h.bot.ctx, { itemId: item.id, actorId: WHO.unitHead, channel: 'command', command: { type: 'report_progress', text: '已完成第一轮调研' }, now: h.now });
    await later(10);
    const [reply] = h.repliesTo(asked.messageId);
    expect(cardText(reply!)).toContain('修订本科生培养方案');
    expect(cardText(reply!)).toContain('已完成第一轮调研');
    expect(detailRows()[0]!.status).toBe('sent');
  });

  it('someone who may no longer see the item when the answer goes out is refused, and shown nothing of it', async () => {
    const item = claimedItem();
    await h.flush();
    feishuDownFor(1);
    const asked = await h.say(WHO.unitHead, `/督办 查看 ${item.number}`);
    // 转办: the item moves to 人事处 (and 科研处 stays the cooperating unit); 教务处's head is no longer related to it.
    applyCommand(h.bot.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'command', command: { type: 'edit', changes: { leadUnitId: 'rsc' }, reason: '职责调整' }, now: h.now });
    await later(10);
    const [reply] = h.repliesTo(asked.messageId);
    expect(cardText(reply!)).toContain('无权查看');
    expect(cardText(reply!)).not.toContain('修订本科生培养方案');
  });

  it('查看详情 on a card sends the detail privately, drawn when sent', async () => {
    const item = claimedItem();
    await h.flush();
    const slip = h.lastTo(WHO.unitHead);
    feishuDownFor(1);
    const clicked = await h.click(WHO.unitHead, buttonValue(slip.content, '查看详情'), { messageId: slip.message_id });
    expect(clicked.answer.toast?.content).toContain('私信');
    expect(detailRows().map((r) => [r.content, r.receiveId, JSON.parse(r.render!)])).toEqual([['', WHO.unitHead, { card: 'detail', viewer: WHO.unitHead }]]);
    applyCommand(h.bot.ctx, { itemId: item.id, actorId: WHO.unitHead, channel: 'command', command: { type: 'report_progress', text: '初稿已形成' }, now: h.now });
    await later(10);
    expect(cardText(h.lastTo(WHO.unitHead))).toContain('初稿已形成');
  });

  it('in a group chat the card is drawn at the question (the group check reads the card itself)', async () => {
    const item = claimedItem();
    await h.flush();
    const asked = await h.say(WHO.unitHead, `/督办 查看 ${item.number}`, { chatType: 'group', chatId: 'oc_jwc' });
    const [row] = detailRows();
    expect(row!.render).toBeNull();
    expect(row!.content).toContain('修订本科生培养方案');
    expect(cardText(h.repliesTo(asked.messageId)[0]!)).toContain('修订本科生培养方案');
  });

  it('an unknown or hidden number is answered at once, drawn at the question', async () => {
    claimedItem();
    await h.flush();
    const asked = await h.say(WHO.otherUnitHead, '/督办 查看 2026-1');
    expect(detailRows()).toHaveLength(0);
    expect(cardText(h.repliesTo(asked.messageId)[0]!)).toContain('无权查看');
  });
});
