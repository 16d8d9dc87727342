/**
 * 归档 (NWU art. 6(四)): closed items are filed by the year they were closed and their source category, by
 * `/督办 归档 2026` and by the daily job at a fixed clock; a filed item is read-only for every command, button and
 * file; lists find it by 归档:年度 and 类别:. Driven through signed webhook requests.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../src/cards/types';
import { findItemByNumber } from '../../src/db/item-repository';
import { auditLog, items } from '../../src/db/schema';
import { runJob } from '../../src/scheduler/cron';
import { createLogger } from '../../src/logger';
import { messageEvent } from '../support/feishu-signer';
import { WHO } from '../support/fixtures';
import { type Bot, cardText, VERIFICATION_TOKEN, buttonValue, startBot } from '../e2e/harness';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.bot.downloader.stop();
  await h.close();
});

const reply = async (who: string, text: string) => {
  const s = await h.say(who, text);
  return h.repliesTo(s.messageId).map(cardText).join('\n');
};

/** Registers, claims, submits and closes (销号) an item; returns it as closed, and the unit head's slip. */
async function closedItem(title: string, source: string) {
  const receipt = await reply(WHO.supervisor, `/督办 新建 ${title} 主办:教务处 截止:2026-12-31 来源:${source}`);
  const number = /督办〔2026〕(\d+)号/.exec(receipt)![1]!;
  const slip = h.lastTo(WHO.unitHead);
  await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  const it = () => findItemByNumber(h.db, 2026, Number(number))!;
  const f = await h.click(WHO.unitHead, { a: 'completion_form', id: it().id, v: it().version }, { messageId: slip.message_id });
  await h.click(WHO.unitHead, buttonValue(f.answer.card!.data, '提交办结申请'), { messageId: slip.message_id, form: { assessment: '已完成', materials: '总结' } });
  const review = h.lastTo(WHO.leader);
  const closed = await h.click(WHO.leader, buttonValue(review.content, '销号'), { messageId: review.message_id, form: { note: '同意' } });
  expect(closed.answer.toast?.content).toContain('销号');
  return { item: it(), slip, ref: `2026-${number}` };
}

describe('归档 by command', () => {
  it('files the year’s closed items under their categories, with a history row each, once; only the office may', async () => {
    const a = await closedItem('修订培养方案', '校长办公会纪要');
    const b = await closedItem('落实巡视整改', '上级交办');
    const open = await reply(WHO.supervisor, '/督办 新建 仍在办理 主办:教务处 截止:2026-12-31');
    expect(open).toContain('已立项');

    expect(await reply(WHO.unitHead, '/督办 归档 2026')).toContain('只有督办人员可以归档');
    expect(await reply(WHO.supervisor, '/督办 归档 26')).toContain('不是有效的年份');

    const said = await reply(WHO.supervisor, '/督办 归档 2026');
    expect(said).toContain('已将 2026 年已销号的 2 项督办事项归档');
    expect(said).toContain('党委会/常委会/校长办公会决议：1 项');
    expect(said).toContain('上级决策部署/批示/交办转办：1 项');
    const filed = h.db.select().from(items).where(eq(items.state, 'archived')).all();
    expect(filed.map((r) => [r.number, r.archiveYear, r.archiveCategory, r.archivedAt])).toEqual([
      [a.item.number, 2026, 'committee', h.now.toISOString()],
      [b.item.number, 2026, 'superior', h.now.toISOString()],
    ]);
    const rows = h.db.select().from(auditLog).where(eq(auditLog.action, 'archive')).all();
    expect(rows.map((r) => [r.itemId, r.actorId, r.channel, r.fromState, r.toState])).toEqual([
      [a.item.id, WHO.supervisor, 'command', 'closed', 'archived'],
      [b.item.id, WHO.supervisor, 'command', 'closed', 'archived'],
    ]);
    // Again: nothing more to file.
    expect(await reply(WHO.supervisor, '/督办 归档 2026')).toContain('没有待归档的已销号事项');
    expect(await reply(WHO.supervisor, '/督办 归档 2025')).toContain('2025年没有待归档');
  });
});

describe('归档 automatically', () => {
  it('files an item archiveAfterDays (30) after 销号, at the job’s run, as the system; a second run files nothing', async () => {
    const { item } = await closedItem('修订培养方案', '校长办公会纪要');
    const job = h.bot.jobs.find((j) => j.name === 'archive')!;
    expect(job.cron).toBe('30 7 * * *');
    const log = createLogger('silent');
    // Closed 2026-11-23 09:00 (Beijing): 29 days later it is still closed.
    expect(await runJob(job, h.bot.jobDeps, new Date('2026-12-22T07:30:00+08:00'), log)).toMatchObject({ archived: 0 });
    expect(findItemByNumber(h.db, 2026, 1)!.state).toBe('closed');
    expect(await runJob(job, h.bot.jobDeps, new Date('2026-12-24T07:30:00+08:00'), log)).toMatchObject({ archived: 1, byCategory: { committee: 1 } });
    expect(findItemByNumber(h.db, 2026, 1)).toMatchObject({ state: 'archived', archiveYear: 2026, archiveCategory: 'committee' });
    const row = h.db.select().from(auditLog).where(eq(auditLog.action, 'archive')).get()!;
    expect(row).toMatchObject({ itemId: item.id, actorId: 'system', channel: 'scheduler' });
    expect(await runJob(job, h.bot.jobDeps, new Date('2026-12-25T07:30:00+08:00'), log)).toMatchObject({ archived: 0 });
    // The history names the filing as the system's, not as an unknown person.
    expect(await reply(WHO.supervisor, '/督办 查看 2026-1')).toContain('系统（自动）　归档（已销号 → 已归档）');
  });
});

describe('an archived item is read-only', () => {
  it('refuses every command, button, chat reply and file on it, clearly, changing nothing; reading and files still work', async () => {
    const { item, slip, ref } = await closedItem('修订培养方案', '校长办公会纪要');
    await reply(WHO.supervisor, '/督办 归档 2026');
    const archived = findItemByNumber(h.db, 2026, 1)!;
    const before = JSON.stringify(h.db.select().from(items).all());
    const audits = h.db.select().from(auditLog).all().length;

    for (const [who, text] of [
      [WHO.unitHead, `/督办 进展 ${ref} 补充材料`],
      [WHO.supervisor, `/督办 催办 ${ref}`],
      [WHO.supervisor, `/督办 修改 ${ref} 截止:2027-01-15 理由:调整`],
      [WHO.supervisor, `/督办 撤销 ${ref} 重复立项`],
      [WHO.supervisor, `/督办 归档 2026`],
    ] as const) {
      const said = await reply(who, text);
      if (text.includes('归档')) expect(said).toContain('没有待归档');
      else expect(said, text).toContain(`${item.number} 已归档（2026年），只读，不能再办理或修改`);
    }
    // A chat reply to the old slip (progress) and a file sent to it (evidence).
    const r = await h.say(WHO.unitHead, '又补充了一点', { parentId: slip.message_id });
    expect(h.repliesTo(r.messageId).map(cardText).join()).toContain('已归档');
    const ev = messageEvent({ token: VERIFICATION_TOKEN, senderOpenId: WHO.unitHead, chatId: 'oc_p2p', chatType: 'p2p', messageType: 'file', content: { file_key: 'file_v3_x', file_name: 'a.pdf' }, messageId: 'om_file_archived', parentId: slip.message_id });
    await h.post(ev);
    await h.flush();
    expect(h.repliesTo('om_file_archived').map(cardText).join()).toContain('已归档，只读');

    // Every button that acts, by each person who could have acted on it, on a current card.
    const readOnly = new Set(['detail', 'back', 'send_evidence', 'list_page', 'register', 'register_anyway', 'register_merge']);
    for (const a of CARD_ACTIONS) {
      if (readOnly.has(a) || a.startsWith('stats_')) continue;
      for (const who of [WHO.supervisor, WHO.unitHead, WHO.leader]) {
        const res = await h.click(who, { a, id: archived.id, v: archived.version }, { messageId: slip.message_id, form: { note: '同意', text: '进展', reason: '理由' } });
        expect(res.answer.toast, `${a} by ${who}`).toMatchObject({ type: 'error', content: `${item.number} 已归档（2026年），只读，不能再办理或修改` });
        expect(res.answer.card, `${a} by ${who}`).toBeUndefined();
      }
    }
    expect(JSON.stringify(h.db.select().from(items).all())).toBe(before);
    expect(h.db.select().from(auditLog).all()).toHaveLength(audits);

    // Reading still works: the detail shows the filing.
    const detail = await h.click(WHO.leader, { a: 'detail', id: archived.id, v: archived.version }, { messageId: slip.message_id });
    expect(detail.answer.toast?.content).toContain('详情已私信发送给您');
    expect(cardText(h.lastTo(WHO.leader))).toContain('已销号 → 已归档');
  });
});

describe('lists by archive year and category', () => {
  it('归档:2026 and 类别: find the filed items; with a light or 逾期 the list is refused', async () => {
    const a = await closedItem('修订培养方案', '校长办公会纪要');
    const b = await closedItem('落实巡视整改', '上级交办');
    await reply(WHO.supervisor, '/督办 归档 2026');
    await closedItem('尚未归档的事项', '校长办公会纪要');
    const all = await reply(WHO.supervisor, '/督办 列表 全部 归档:2026');
    expect(all).toContain(a.item.title);
    expect(all).toContain(b.item.title);
    expect(all).not.toContain('尚未归档的事项');
    expect(all).toContain('2026年归档');
    const committee = await reply(WHO.supervisor, '/督办 列表 全部 归档:2026 类别:校长办公会');
    expect(committee).toContain(a.item.title);
    expect(committee).not.toContain(b.item.title);
    expect(committee).toContain('类别 党委会/常委会/校长办公会决议');
    expect(await reply(WHO.supervisor, '/督办 列表 全部 归档:2025')).not.toContain(a.item.title);
    expect(await reply(WHO.supervisor, '/督办 列表 归档:2026 红')).toContain('已归档的事项没有红黄绿灯');
    expect(await reply(WHO.supervisor, '/督办 列表 逾期 归档:2026')).toContain('不能与“归档:2026”同用');
    expect(await reply(WHO.supervisor, '/督办 列表 类别:不存在的类别')).toContain('类别“不存在的类别”无法识别');
    // A unit sees its own filed items under 本单位.
    expect(await reply(WHO.unitHead, '/督办 列表 本单位 归档:2026')).toContain(a.item.title);
  });
});
