import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { findItemByNumber } from '../../src/db/item-repository';
import { auditLog, items } from '../../src/db/schema';
import { WHO } from '../support/fixtures';
import { type Bot, cardText, buttonLabels, buttonValue, startBot } from './harness';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});


describe('an item from registration to 销号, driven only through signed Feishu requests', () => {
  it('one-line registration → slip → claim → progress (form and chat reply) → extension → completion → return → resubmit → 销号', async () => {
    // Registration by one line, in a private chat with the bot.
    const reg = await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 协办:科研处 截止:2026-12-31 来源:校长办公会纪要');
    expect(reg.res.statusCode).toBe(200);
    const receipt = h.repliesTo(reg.messageId);
    expect(receipt).toHaveLength(1);
    expect(cardText(receipt[0]!)).toContain('督办〔2026〕1号');

    // The 督办单 reaches the lead unit's head and liaison, and (marked 协办) the cooperating unit.
    const slip = h.lastTo(WHO.unitHead);
    expect(cardText(slip)).toContain('修订本科生培养方案');
    expect(buttonLabels(slip.content)).toContain('认领');
    expect(h.sentTo(WHO.liaison)).toHaveLength(1);
    const coopSlip = h.lastTo(WHO.coopHead);
    expect(cardText(coopSlip)).toContain('协办');
    expect(buttonLabels(coopSlip.content)).not.toContain('认领');
    // Every send carried a uuid, so a retry could not duplicate it.
    expect(h.fake.callsTo('/open-apis/im/v1/messages').every((c) => typeof (c.body as { uuid?: string }).uuid === 'string')).toBe(true);

    // Claim: the card updates in place (the callback's answer) and no longer offers 认领.
    const claim = await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
    expect(claim.status).toBe(200);
    expect(claim.answer.toast?.type).toBe('success');
    expect(buttonLabels(claim.answer.card!.data)).not.toContain('认领');
    expect(buttonLabels(claim.answer.card!.data)).toContain('填报进展');

    // Progress by the form on the card.
    const form = await h.click(WHO.unitHead, buttonValue(claim.answer.card!.data, '填报进展'), { messageId: slip.message_id });
    expect(textOf(form.answer.card!.data)).toContain('进展');
    const submitted = await h.click(WHO.unitHead, buttonValue(form.answer.card!.data, '提交进展'), {
      messageId: slip.message_id,
      form: { text: '已完成调研，形成初稿' },
    });
    expect(submitted.answer.toast?.content).toContain('进展已记录');

    // Progress by replying to the slip in chat; the cooperating unit's reply counts too.
    const reply = await h.say(WHO.liaison, '已召开专题会讨论初稿', { parentId: slip.message_id });
    expect(cardText(h.repliesTo(reply.messageId)[0]!)).toContain('已记录');
    await h.say(WHO.coopHead, '科研处已提供科研育人意见', { parentId: coopSlip.message_id });
    const item = findItemByNumber(h.db, 2026, 1)!;
    const progress = h.db.select().from(auditLog).where(eq(auditLog.action, 'report_progress')).all();
    expect(progress.map((p) => [p.actorId, p.channel])).toEqual([
      [WHO.unitHead, 'card'],
      [WHO.liaison, 'chat'],
      [WHO.coopHead, 'chat'],
    ]);

    // Extension: asked on the card, decided by the leader in charge on the card sent to them.
    let card = submitted.answer.card!.data;
    const extForm = await h.click(WHO.unitHead, buttonValue(card, '申请延期'), { messageId: slip.message_id });
    const asked = await h.click(WHO.unitHead, buttonValue(extForm.answer.card!.data, '提交延期申请'), {
      messageId: slip.message_id,
      form: { reason: '需等待教育部新专业目录', date: '2027-01-29 +0800' },
    });
    expect(asked.answer.toast?.type).toBe('success');
    const extReview = h.lastTo(WHO.leader);
    expect(cardText(extReview)).toContain('需等待教育部新专业目录');
    const approved = await h.click(WHO.leader, buttonValue(extReview.content, '同意'), { messageId: extReview.message_id });
    expect(approved.answer.toast?.content).toContain('2027-01-29');
    expect(buttonLabels(approved.answer.card!.data)).not.toContain('同意');
    expect(findItemByNumber(h.db, 2026, 1)!.deadline).toBe('2027-01-29');
    expect(cardText(h.lastTo(WHO.unitHead))).toContain('2027-01-29');

    // Completion, returned with a reason and a new deadline, resubmitted, then 销号.
    card = asked.answer.card!.data;
    const fresh = findItemByNumber(h.db, 2026, 1)!;
    const complete = async () => {
      const f = await h.click(WHO.unitHead, { a: 'completion_form', id: fresh.id, v: findItemByNumber(h.db, 2026, 1)!.version }, { messageId: slip.message_id });
      return h.click(WHO.unitHead, buttonValue(f.answer.card!.data, '提交办结申请'), {
        messageId: slip.message_id,
        form: { assessment: '培养方案已修订并经校长办公会审议通过', materials: '西江大学本科培养方案（2026版）.pdf\n会议纪要.pdf' },
      });
    };
    expect((await complete()).answer.toast?.type).toBe('success');
    const review = h.lastTo(WHO.leader);
    expect(cardText(review)).toContain('培养方案已修订');
    const returned = await h.click(WHO.leader, buttonValue(review.content, '退回'), {
      messageId: review.message_id,
      form: { note: '缺少专家论证意见', new_deadline: '2027-01-15 +0800' },
    });
    expect(returned.answer.toast?.content).toContain('退回');
    expect(findItemByNumber(h.db, 2026, 1)).toMatchObject({ state: 'in_progress', deadline: '2027-01-15' });
    expect(cardText(h.lastTo(WHO.unitHead))).toContain('缺少专家论证意见');

    expect((await complete()).answer.toast?.type).toBe('success');
    const review2 = h.lastTo(WHO.leader);
    const closed = await h.click(WHO.leader, buttonValue(review2.content, '销号'), { messageId: review2.message_id, form: { note: '同意销号' } });
    expect(closed.answer.toast?.content).toContain('销号');
    expect(findItemByNumber(h.db, 2026, 1)!.state).toBe('closed');

    // The history tells the whole story, in order, with the channel each step came through.
    const history = h.db.select().from(auditLog).where(eq(auditLog.itemId, item.id)).all();
    expect(history.map((r) => r.action)).toEqual([
      'register',
      'send_slip',
      'claim',
      'report_progress',
      'report_progress',
      'report_progress',
      'request_extension',
      'approve_extension',
      'submit_completion',
      'return',
      'submit_completion',
      'approve',
    ]);
    expect(history.find((r) => r.action === 'claim')).toMatchObject({ actorId: WHO.unitHead, channel: 'card' });
    // Every message the bot meant to send was sent, exactly once.
    const uuids = h.fake.sent.map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('registration by the form card, and an important item needing the principal’s second sign-off', async () => {
    const ask = await h.say(WHO.supervisor, '/督办 新建');
    const formCard = h.repliesTo(ask.messageId)[0]!;
    expect(cardText(formCard)).toContain('主办单位');
    const done = await h.click(WHO.supervisor, buttonValue(formCard.content, '提交登记'), {
      messageId: formCard.message_id,
      form: {
        title: '推进“双一流”学科建设中期评估',
        requirements: '完成中期自评报告',
        source: 'committee',
        ref: '党委常委会 2026 年第 20 次会议',
        lead: 'kyc',
        coop: ['jwc'],
        leader: WHO.leader,
        deadline: '2026-12-20 +0800',
        flags: ['important', 'flagged'],
      },
    });
    expect(done.answer.toast?.content).toContain('督办〔2026〕1号');
    const item = findItemByNumber(h.db, 2026, 1)!;
    expect(item).toMatchObject({ important: true, flagged: true, leadUnitId: 'kyc', state: 'assigned' });

    const slip = h.lastTo(WHO.coopHead); // 科研处处长 heads the lead unit here
    await h.click(WHO.coopHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
    const f = await h.click(WHO.coopHead, { a: 'completion_form', id: item.id, v: findItemByNumber(h.db, 2026, 1)!.version });
    await h.click(WHO.coopHead, buttonValue(f.answer.card!.data, '提交办结申请'), { form: { assessment: '自评报告已完成', materials: '' } });

    const leaderReview = h.lastTo(WHO.leader);
    const first = await h.click(WHO.leader, buttonValue(leaderReview.content, '销号'), { messageId: leaderReview.message_id });
    expect(first.answer.toast?.content).toContain('主要领导');
    expect(findItemByNumber(h.db, 2026, 1)).toMatchObject({ state: 'under_review', reviewStage: 'principal' });

    // The leader cannot sign the second level too; the principal gets the card and closes it.
    const again = await h.click(WHO.leader, { a: 'approve', id: item.id, v: findItemByNumber(h.db, 2026, 1)!.version });
    expect(again.answer.toast?.type).toBe('error');
    const principalReview = h.lastTo(WHO.principal);
    expect(cardText(principalReview)).toContain('推进“双一流”学科建设中期评估');
    const second = await h.click(WHO.principal, buttonValue(principalReview.content, '销号'), { messageId: principalReview.message_id });
    expect(second.answer.toast?.content).toContain('已销号');
    expect(findItemByNumber(h.db, 2026, 1)!.state).toBe('closed');
  });

  it('merge keeps both sources; lists and detail by command', async () => {
    await h.say(WHO.supervisor, '/督办 新建 建设智慧教室 主办:教务处 截止:2026-12-31 来源:教代会提案第12号');
    await h.say(WHO.supervisor, '/督办 新建 智慧教室改造 主办:教务处 截止:2026-12-31 来源:学校年度工作要点');
    const [a, b] = [findItemByNumber(h.db, 2026, 1)!, findItemByNumber(h.db, 2026, 2)!];
    // Merging is an office action through the service (no chat command asked for it); the bot tells the unit.
    const { applyCommand } = await import('../../src/services/apply-command');
    applyCommand(h.bot.ctx, { itemId: b.id, actorId: WHO.supervisor, channel: 'api', command: { type: 'merge', targetId: a.id }, now: h.now });
    await h.flush();
    const merged = h.db.select().from(items).where(eq(items.id, a.id)).get()!;
    expect(merged.sources.map((s) => s.category)).toEqual(['congress', 'annual_plan']);
    expect(merged.sources[1]!.mergedFrom).toBe('督办〔2026〕2号');

    const list = await h.say(WHO.unitHead, '/督办 列表 本单位');
    const listText = cardText(h.repliesTo(list.messageId)[0]!);
    expect(listText).toContain('建设智慧教室');
    expect(listText).not.toContain('智慧教室改造');

    const view = await h.say(WHO.unitHead, '/督办 查看 2026-1');
    const detail = cardText(h.repliesTo(view.messageId)[0]!);
    expect(detail).toContain('教代会提案第12号');
    expect(detail).toContain('学校年度工作要点');
  });
});
