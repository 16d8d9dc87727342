/**
 * Cards that stay true, through signed Feishu requests against the fake Open API: the copies of a card held by
 * others are updated in place (PATCH /open-apis/im/v1/messages/:id) when one person acts, carry the item's new
 * version, and lose the buttons their holder may no longer use; within Feishu's limits (5 updates a second per
 * message, messages younger than 14 days).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { notificationSink, type NotificationOptions } from '../../src/bot/notifications';
import { findItemByNumber } from '../../src/db/item-repository';
import { chaseCardRenderer } from '../../src/scheduler/chase-card-render';
import { runJob } from '../../src/scheduler/cron';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { applyCommand } from '../../src/services/apply-command';
import { allSinks, chaseAnswers } from '../../src/services/chase-records';
import { createLogger } from '../../src/logger';
import type { SentMessage } from '../support/fake-feishu';
import { WHO } from '../support/fixtures';
import { type Bot, buttonLabels, buttonValue, startBot } from './harness';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

const text = (m: { content: unknown }) => textOf(m.content as Record<string, unknown>);
/** The fake keeps each message's current content: a PATCH replaces it. */
const patchesOf = (m: SentMessage) => h.fake.patches.filter((p) => p.message_id === m.message_id);
const current = () => findItemByNumber(h.db, 2026, 1)!;
const headline = (m: SentMessage) => ((m.content.header as { title?: { content?: string } } | undefined)?.title?.content ?? '');
const versionsOn = (m: SentMessage) => new Set(JSON.stringify(m.content).match(/"v":\d+/g));

/** Other sinks for the same bot: the options the lead wires from the schedule file. */
function rewire(opts: NotificationOptions) {
  h.bot.ctx.events = allSinks(notificationSink(h.bot.ctx.calendar, () => h.bot.worker, opts), chaseAnswers);
}

async function register(extra = '') {
  await h.say(WHO.supervisor, `/督办 新建 修订本科生培养方案 主办:教务处 协办:科研处 截止:2026-12-31 ${extra}`.trim());
  return { head: h.lastTo(WHO.unitHead), liaison: h.lastTo(WHO.liaison), coop: h.lastTo(WHO.coopHead) };
}

describe('one live 督办单', () => {
  it('one click updates the copies held by the unit head, the other liaison, the cooperating unit and the leader; their buttons work', async () => {
    const { head, liaison, coop } = await register();

    // The liaison claims: the head's and the cooperating unit's copies are updated, with the new version.
    await h.click(WHO.liaison, buttonValue(liaison.content, '认领'), { messageId: liaison.message_id });
    expect(patchesOf(head)).toHaveLength(1);
    expect(patchesOf(coop)).toHaveLength(1);
    expect(versionsOn(head)).toEqual(new Set([`"v":${current().version}`]));
    expect(buttonLabels(head.content)).toEqual(['填报进展', '申请延期', '申请办结', '查看详情']);
    expect(text(head)).toContain('教务处联络人已认领');
    expect(buttonLabels(coop.content)).toEqual(['填报进展', '查看详情']);

    // The head, who never clicked their copy before, asks for an extension from it: no "已过期".
    const form = await h.click(WHO.unitHead, buttonValue(head.content, '申请延期'), { messageId: head.message_id });
    expect(form.answer.toast).toBeUndefined();
    const asked = await h.click(WHO.unitHead, buttonValue(form.answer.card!.data, '提交延期申请'), {
      messageId: head.message_id,
      form: { reason: '需等待教育部新专业目录', date: '2027-01-29 +0800' },
    });
    expect(asked.answer.toast?.type).toBe('success');
    // The liaison's copy no longer offers 申请延期 (one is pending) and says so.
    expect(buttonLabels(liaison.content)).toEqual(['填报进展', '申请办结', '查看详情']);
    expect(text(liaison)).toContain('延期申请待分管校领导审批');

    // The leader approves on the review card: it shows the decision and no buttons; the unit's copies follow.
    const review = h.lastTo(WHO.leader);
    await h.click(WHO.leader, buttonValue(review.content, '同意'), { messageId: review.message_id });
    expect(buttonLabels(review.content)).toEqual(['查看详情']);
    expect(text(review)).toContain('已同意延期至 2027年1月29日');
    for (const m of [head, liaison, coop]) {
      expect(versionsOn(m)).toEqual(new Set([`"v":${current().version}`]));
      expect(text(m)).toContain('2027年1月29日');
    }

    // The cooperating unit reports progress from its refreshed copy: the form opens, the report is recorded.
    const pf = await h.click(WHO.coopHead, buttonValue(coop.content, '填报进展'), { messageId: coop.message_id });
    expect(pf.answer.toast).toBeUndefined();
    const done = await h.click(WHO.coopHead, buttonValue(pf.answer.card!.data, '提交进展'), { messageId: coop.message_id, form: { text: '科研处已提供意见' } });
    expect(done.answer.toast?.content).toContain('进展已记录');

    // The liaison submits completion from the copy: under review, nobody in the units has a button left but 查看详情.
    const cf = await h.click(WHO.liaison, buttonValue(liaison.content, '申请办结'), { messageId: liaison.message_id });
    await h.click(WHO.liaison, buttonValue(cf.answer.card!.data, '提交办结申请'), { messageId: liaison.message_id, form: { assessment: '已修订', materials: '' } });
    for (const m of [head, liaison, coop]) expect(buttonLabels(m.content)).toEqual(['查看详情']);
    expect(text(head)).toContain('教务处联络人已申请办结');

    // 销号 by the leader: the completion review card shows who closed it; every copy says 已办结.
    const completion = h.lastTo(WHO.leader);
    expect(buttonLabels(completion.content)).toContain('销号');
    await h.click(WHO.leader, buttonValue(completion.content, '销号'), { messageId: completion.message_id });
    expect(current().state).toBe('closed');
    expect(buttonLabels(completion.content)).toEqual(['查看详情']);
    expect(text(completion)).toContain('已销号（李副校长）');
    for (const m of [head, liaison, coop]) expect(text(m)).toContain('状态：已销号');
    // Nothing was sent twice; the copies were changed, not re-sent.
    const slips = h.db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE op = 'send' AND purpose = 'slip' AND receive_id = ?").get(WHO.liaison) as { n: number };
    expect(slips.n).toBe(1);
  });

  it('a 催办 by hand is kept true too, and keeps the supervisor’s words', async () => {
    const { liaison } = await register();
    await h.say(WHO.supervisor, '/督办 催办 2026-1 请本周内认领');
    const urged = h.lastTo(WHO.unitHead);
    expect(buttonLabels(urged.content)).toContain('认领');
    await h.click(WHO.liaison, buttonValue(liaison.content, '认领'), { messageId: liaison.message_id });
    expect(patchesOf(urged)).toHaveLength(1);
    expect(text(urged)).toContain('⏰ 催办：请本周内认领');
    expect(buttonLabels(urged.content)).toEqual(['填报进展', '申请延期', '申请办结', '查看详情']);
    expect(versionsOn(urged)).toEqual(new Set([`"v":${current().version}`]));
  });

  it("the leader's copy of a request the unit withdrew (by submitting completion) loses 同意 / 不同意", async () => {
    const { head, liaison } = await register();
    await h.click(WHO.unitHead, buttonValue(head.content, '认领'), { messageId: head.message_id });
    const ef = await h.click(WHO.liaison, buttonValue(liaison.content, '申请延期'), { messageId: liaison.message_id });
    await h.click(WHO.liaison, buttonValue(ef.answer.card!.data, '提交延期申请'), { form: { reason: '等待论证', date: '2027-01-29 +0800' } });
    const review = h.lastTo(WHO.leader);
    expect(buttonLabels(review.content)).toEqual(['同意', '不同意', '查看详情']);

    const cf = await h.click(WHO.unitHead, buttonValue(head.content, '申请办结'), { messageId: head.message_id });
    await h.click(WHO.unitHead, buttonValue(cf.answer.card!.data, '提交办结申请'), { form: { assessment: '提前完成', materials: '' } });
    expect(buttonLabels(review.content)).toEqual(['查看详情']);
    expect(text(review)).toContain('申请已撤回：已申请办结');
  });

  it('after 转办 the old unit’s copies say the item moved; a confidential one shows its number only', async () => {
    const { head, liaison } = await register('涉密');
    await h.click(WHO.unitHead, buttonValue(head.content, '认领'), { messageId: head.message_id });
    await h.say(WHO.supervisor, '/督办 修改 2026-1 主办:人事处 理由:职责调整');
    for (const m of [head, liaison]) {
      expect(buttonLabels(m.content)).toEqual([]);
      expect(text(m)).toContain('督办〔2026〕1号');
      expect(text(m)).toContain('已转办');
      expect(text(m)).not.toContain('修订本科生培养方案');
      expect(text(m)).not.toContain('人事处');
    }
    // The message telling them is just as discreet; the new unit's slip is a new message to claim.
    const told = h.lastTo(WHO.liaison);
    expect(told.message_id).not.toBe(liaison.message_id);
    expect(text(told)).not.toContain('修订本科生培养方案');
    expect(buttonLabels(h.lastTo(WHO.otherUnitHead).content)).toContain('认领');
    // The cooperating unit still holds it: its copy is the slip, for a cooperating unit.
    expect(text(h.sentTo(WHO.coopHead)[0]!)).toContain('协办单位');
  });

  it('after 转办 of an ordinary item the old unit’s copies name the new unit and keep no button', async () => {
    const { head } = await register();
    await h.say(WHO.supervisor, '/督办 修改 2026-1 主办:人事处 理由:职责调整');
    expect(buttonLabels(head.content)).toEqual([]);
    expect(text(head)).toContain('已转办至人事处');
    expect(text(head)).toContain('修订本科生培养方案');
  });
});

describe('review cards', () => {
  async function submitted(extra = '') {
    const { head } = await register(extra);
    await h.click(WHO.unitHead, buttonValue(head.content, '认领'), { messageId: head.message_id });
    const cf = await h.click(WHO.unitHead, buttonValue(head.content, '申请办结'), { messageId: head.message_id });
    await h.click(WHO.unitHead, buttonValue(cf.answer.card!.data, '提交办结申请'), { form: { assessment: '已完成', materials: '' } });
    return head;
  }

  it("an important item: the leader's card says it awaits the principal, the principal's card says who closed it", async () => {
    await submitted('重要');
    const leaderCard = h.lastTo(WHO.leader);
    await h.click(WHO.leader, buttonValue(leaderCard.content, '销号'), { messageId: leaderCard.message_id });
    expect(buttonLabels(leaderCard.content)).toEqual(['查看详情']);
    expect(text(leaderCard)).toContain('已审核同意，待主要领导销号（李副校长）');
    expect(text(leaderCard)).toContain('分管校领导审核');
    const principalCard = h.lastTo(WHO.principal);
    expect(buttonLabels(principalCard.content)).toEqual(['销号', '退回', '查看详情']);
    // A supervisor returns it instead (they may): the principal's copy shows the return, without buttons.
    await h.click(WHO.supervisor, { a: 'return', id: current().id, v: current().version }, { form: { note: '缺少论证意见', new_deadline: '2027-01-15 +0800' } });
    expect(current().state).toBe('in_progress');
    expect(buttonLabels(principalCard.content)).toEqual(['查看详情']);
    expect(text(principalCard)).toContain('已退回（王督查）：缺少论证意见；新的完成时限 2027年1月15日');
    expect(text(principalCard)).toContain('主要领导销号');
  });

  it('a new leader in charge gets the pending request; the old leader’s copy says who decides now', async () => {
    const { head } = await register();
    await h.click(WHO.unitHead, buttonValue(head.content, '认领'), { messageId: head.message_id });
    const ef = await h.click(WHO.unitHead, buttonValue(head.content, '申请延期'), { messageId: head.message_id });
    await h.click(WHO.unitHead, buttonValue(ef.answer.card!.data, '提交延期申请'), { form: { reason: '等待论证', date: '2027-01-29 +0800' } });
    const old = h.lastTo(WHO.leader);
    await h.say(WHO.supervisor, '/督办 修改 2026-1 分管:赵副校长 理由:分工调整');
    expect(buttonLabels(old.content)).toEqual(['查看详情']);
    expect(text(old)).toContain('已改由赵副校长审批');
    const fresh = h.sentTo(WHO.otherLeader).find((m) => buttonLabels(m.content).includes('同意'))!;
    const approved = await h.click(WHO.otherLeader, buttonValue(fresh.content, '同意'), { messageId: fresh.message_id });
    expect(approved.answer.toast?.type).toBe('success');
    expect(text(old)).toContain('已同意延期至 2027年1月29日（赵副校长）');
  });
});

describe("within Feishu's limits", () => {
  it('a burst of changes never updates one message more than 5 times a second', async () => {
    const { head } = await register();
    await h.click(WHO.unitHead, buttonValue(head.content, '认领'), { messageId: head.message_id });
    for (let i = 1; i <= 7; i++) await h.say(WHO.supervisor, `/督办 修改 2026-1 措施:第${i}版措施 理由:调整`);
    const at = patchesOf(head).map((p) => p.at);
    expect(at).toHaveLength(8);
    for (let i = 0; i + 5 < at.length; i++) expect(at[i + 5]! - at[i]!).toBeGreaterThanOrEqual(990);
    expect(versionsOn(head)).toEqual(new Set([`"v":${current().version}`]));
    expect(text(head)).toContain('第7版措施');
  });

  it('changes made before the sender runs cost a message one update: a waiting patch is replaced by the newer one', async () => {
    const { head, coop } = await register();
    const item = current();
    for (let i = 1; i <= 4; i++) {
      applyCommand(h.bot.ctx, {
        itemId: item.id,
        actorId: WHO.supervisor,
        channel: 'api',
        command: { type: 'edit', changes: { measures: `第${i}版` }, reason: '调整' },
        now: h.now,
      });
    }
    await h.flush();
    // The first change's update was taken by the sender at once (the worker wakes after each commit); the second and
    // third waited and were replaced by the fourth.
    const statuses = (m: SentMessage) =>
      (h.db.$client.prepare("SELECT status FROM outbox WHERE op = 'patch' AND target_message_id = ? ORDER BY id").all(m.message_id) as Array<{ status: string }>).map((r) => r.status);
    for (const m of [head, coop]) {
      expect(statuses(m)).toEqual(['sent', 'skipped', 'skipped', 'sent']);
      expect(patchesOf(m)).toHaveLength(2);
      expect(text(m)).toContain('第4版');
      expect(versionsOn(m)).toEqual(new Set([`"v":${current().version}`]));
    }
  });

  it('a progress report changes nothing on the cards: no update is sent', async () => {
    const { head, liaison } = await register();
    await h.click(WHO.unitHead, buttonValue(head.content, '认领'), { messageId: head.message_id });
    const before = h.fake.patches.length;
    await h.say(WHO.liaison, '已完成调研', { parentId: liaison.message_id });
    expect(h.fake.patches.length).toBe(before);
  });

  it('a message 14 days old or more is not updated (Feishu refuses); one 12 days old is', async () => {
    const { head, liaison } = await register(); // sent 2026-11-23
    h.setNow('2026-12-05');
    await h.click(WHO.liaison, buttonValue(liaison.content, '认领'), { messageId: liaison.message_id });
    expect(patchesOf(head)).toHaveLength(1);
    h.setNow('2026-12-08');
    await h.say(WHO.supervisor, '/督办 修改 2026-1 措施:每周调度 理由:调整');
    expect(patchesOf(head)).toHaveLength(1);
    const planned = h.db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE op = 'patch' AND target_message_id = ? AND created_at >= '2026-12-07'").get(head.message_id) as { n: number };
    expect(planned.n).toBe(0);
  });
});

describe("the supervisors' notices", () => {
  const noticesTo = (who: string) =>
    (h.db.$client.prepare("SELECT purpose FROM outbox WHERE receive_id = ? AND purpose LIKE 'notice:%' ORDER BY id").all(who) as Array<{ purpose: string }>).map((r) => r.purpose);

  /** Claim, an extension approved, one rejected, completion submitted, 销号: each kind once. */
  async function wholeStory() {
    const { head } = await register();
    await h.click(WHO.unitHead, buttonValue(head.content, '认领'), { messageId: head.message_id });
    for (const [date, answer] of [['2027-01-29', '同意'], ['2027-02-26', '不同意']] as const) {
      const f = await h.click(WHO.unitHead, buttonValue(head.content, '申请延期'), { messageId: head.message_id });
      await h.click(WHO.unitHead, buttonValue(f.answer.card!.data, '提交延期申请'), { form: { reason: '等待论证', date: `${date} +0800` } });
      const review = h.lastTo(WHO.leader);
      await h.click(WHO.leader, buttonValue(review.content, answer), { messageId: review.message_id });
    }
    const cf = await h.click(WHO.unitHead, buttonValue(head.content, '申请办结'), { messageId: head.message_id });
    await h.click(WHO.unitHead, buttonValue(cf.answer.card!.data, '提交办结申请'), { form: { assessment: '已完成', materials: '' } });
    const review = h.lastTo(WHO.leader);
    await h.click(WHO.leader, buttonValue(review.content, '销号'), { messageId: review.message_id });
    expect(current().state).toBe('closed');
  }

  it('hear as it happens of an extension approved or rejected, a completion to review and an item closed', async () => {
    await wholeStory();
    expect(noticesTo(WHO.supervisor)).toEqual(['notice:approve_extension', 'notice:reject_extension', 'notice:submit_completion', 'notice:closed']);
    expect(h.sentTo(WHO.supervisor).map(headline)).toEqual([
      '教务处已认领（教务处处长）',
      '✅ 延期申请已同意',
      '❌ 延期申请未获同意',
      '📤 办结申请待审核',
      '✅ 已销号', // the registrant hears of 销号 once: by the notice, not also by a receipt
    ]);
    // The notices are kept true: the one of the completion to review now says the item is closed.
    const awaiting = h.sentTo(WHO.supervisor).find((m) => headline(m) === '📤 办结申请待审核')!;
    expect(text(awaiting)).toContain('状态：已销号');
    expect(versionsOn(awaiting)).toEqual(new Set([`"v":${current().version}`]));
  });

  it('hear nothing of the kinds switched off (the 17:00 summary still tells them)', async () => {
    rewire({ supervisorNotices: new Set(['closed']) });
    await wholeStory();
    expect(noticesTo(WHO.supervisor)).toEqual(['notice:closed']);
  });

  it('all switched off: no notice at all, and the registrant gets the 销号 receipt as before', async () => {
    rewire({ supervisorNotices: new Set() });
    await wholeStory();
    expect(noticesTo(WHO.supervisor)).toEqual([]);
    expect(h.sentTo(WHO.supervisor).map(headline)).toEqual(['教务处已认领（教务处处长）', '已销号']);
  });
});

describe('reminders in the history', () => {
  const log = createLogger('silent');
  const sweep = () => runJob(h.bot.jobs.find((j) => j.name === 'chase-sweep')!, h.bot.jobDeps, h.now, log);

  it('the detail card lists the automatic reminders, grouped by step with their counts, and the chase by hand', async () => {
    await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2026-11-24');
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) {
      h.setNow(day);
      await sweep();
      await h.flush();
    }
    await h.say(WHO.supervisor, '/督办 催办 2026-1 请本周内报送');
    const view = await h.say(WHO.supervisor, '/督办 查看 2026-1');
    const detail = text(h.repliesTo(view.messageId)[0]!);
    expect(detail).toContain('催办记录');
    expect(detail).toMatch(/逾期催办 ×3（自动，致 教务处处长、教务处联络人；最近 11月27日，未回应）/);
    expect(detail).toMatch(/逾期预警 ×1（自动，致 教务处处长、李副校长/);
    expect(detail).toMatch(/督查室催办 ×1（王督查，致 教务处处长、教务处联络人；11月27日，未回应）/);

    // The unit acts: the chases are answered, and the detail says so.
    await h.click(WHO.unitHead, { a: 'claim', id: current().id, v: current().version });
    const again = await h.say(WHO.supervisor, '/督办 查看 2026-1');
    expect(text(h.repliesTo(again.messageId)[0]!)).toMatch(/逾期催办 ×3（[^）]*已回应）/);
  });

  it('with the reminders’ renderer wired, a reminder about the item is kept true too: 认领 goes once claimed', async () => {
    rewire({ redrawChase: chaseCardRenderer(h.db, h.bot.ctx.calendar, DEFAULT_SCHEDULE) });
    await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2026-12-31');
    h.setNow('2026-11-24');
    await sweep();
    await h.flush();
    const reminder = h.lastTo(WHO.liaison);
    expect(text(reminder)).toContain('认领提醒');
    expect(buttonLabels(reminder.content)).toContain('认领');
    await h.click(WHO.unitHead, buttonValue(h.lastTo(WHO.unitHead).content, '认领'));
    expect(patchesOf(reminder)).toHaveLength(1);
    expect(buttonLabels(reminder.content)).toEqual(['查看详情']);
    expect(text(reminder)).toContain('此提醒已不再适用');
  });
});
