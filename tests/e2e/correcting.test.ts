import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { findItemByNumber } from '../../src/db/item-repository';
import { WHO } from '../support/fixtures';
import { type Bot, buttonLabels, buttonValue, startBot } from './harness';

/** The office corrects what was registered wrongly, from chat; each change recorded and everyone concerned told. */
let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

const text = (m: { content: unknown }) => textOf(m.content as Record<string, unknown>);
const replyText = (messageId: string) => h.repliesTo(messageId).map(text).join('\n');
const history = (itemId: number) =>
  h.db.$client.prepare('SELECT action, actor_id, note, changes FROM audit_log WHERE item_id = ? ORDER BY id').all(itemId) as Array<{ action: string; actor_id: string; note: string | null; changes: string }>;

async function claimed() {
  await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 协办:科研处 截止:2026-12-31');
  const slip = h.lastTo(WHO.unitHead);
  await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  return findItemByNumber(h.db, 2026, 1)!;
}

describe('修改', () => {
  it('corrects fields with a reason, records who and why, and tells the unit', async () => {
    const item = await claimed();
    const before = h.sentTo(WHO.unitHead).length;
    const r = await h.say(WHO.supervisor, '/督办 修改 2026-1 截止:2027-01-15 措施:每周调度 理由:校长办公会同意调整');
    expect(replyText(r.messageId)).toContain('已修改');
    expect(findItemByNumber(h.db, 2026, 1)).toMatchObject({ deadline: '2027-01-15', measures: '每周调度', originalDeadline: '2026-12-31', state: 'in_progress' });
    const last = history(item.id).at(-1)!;
    expect(last).toMatchObject({ action: 'edit', actor_id: WHO.supervisor, note: '校长办公会同意调整' });
    expect(JSON.parse(last.changes)).toMatchObject({ deadline: ['2026-12-31', '2027-01-15'] });
    expect(h.sentTo(WHO.unitHead).length).toBe(before + 1);
    expect(text(h.lastTo(WHO.unitHead))).toContain('完成时限');
    expect(text(h.lastTo(WHO.coopHead))).toContain('校长办公会同意调整');
  });

  it('refuses people outside the office and bad values, changing nothing', async () => {
    const item = await claimed();
    for (const [who, cmd, expected] of [
      [WHO.unitHead, '/督办 修改 2026-1 截止:2027-01-15 理由:想延期', '只有督办人员'],
      [WHO.supervisor, '/督办 修改 2026-1 截止:2206-01-15 理由:笔误', '过远'],
      [WHO.supervisor, '/督办 修改 2026-1 主办:不存在的处 理由:转办', '没有找到单位'],
      [WHO.supervisor, '/督办 修改 2026-1 截止:2026-12-31 理由:同样', '没有需要修改的内容'],
    ] as const) {
      const r = await h.say(who, cmd);
      expect(replyText(r.messageId), cmd).toContain(expected);
    }
    expect(findItemByNumber(h.db, 2026, 1)).toMatchObject({ deadline: '2026-12-31', version: item.version });
  });
});

describe('转办', () => {
  it('moves the item to another unit: the old unit is told, the new one claims it', async () => {
    const item = await claimed();
    await h.say(WHO.supervisor, '/督办 修改 2026-1 主办:人事处 理由:职责调整，改由人事处牵头');
    const moved = findItemByNumber(h.db, 2026, 1)!;
    expect(moved).toMatchObject({ leadUnitId: 'rsc', state: 'assigned', claimedBy: null });
    expect(text(h.lastTo(WHO.unitHead))).toContain('已转办至人事处');
    const slip = h.lastTo(WHO.otherUnitHead);
    expect(text(slip)).toContain('转办');
    expect(buttonLabels(slip.content)).toContain('认领');
    // The old unit's buttons no longer work; the new unit's do.
    const old = await h.click(WHO.unitHead, { a: 'progress_form', id: item.id, v: moved.version });
    expect(old.answer.toast?.type).toBe('error');
    const claim = await h.click(WHO.otherUnitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
    expect(claim.answer.toast?.type).toBe('success');
    expect(findItemByNumber(h.db, 2026, 1)!.state).toBe('in_progress');
  });
});

describe('撤销 and 合并', () => {
  it('撤销 asks first, then cancels the item with the reason and tells the unit', async () => {
    const item = await claimed();
    const r = await h.say(WHO.supervisor, '/督办 撤销 2026-1 上级已撤回该任务');
    const confirm = h.repliesTo(r.messageId)[0]!;
    expect(text(confirm)).toContain('撤销后该事项不再督办');
    expect(findItemByNumber(h.db, 2026, 1)!.state).toBe('in_progress');
    const done = await h.click(WHO.supervisor, buttonValue(confirm.content, '确认撤销'), { messageId: confirm.message_id, form: { reason: '上级已撤回该任务' } });
    expect(done.answer.toast?.content).toContain('已撤销');
    expect(findItemByNumber(h.db, 2026, 1)!.state).toBe('cancelled');
    expect(history(item.id).at(-1)).toMatchObject({ action: 'cancel', note: '上级已撤回该任务' });
    expect(text(h.lastTo(WHO.unitHead))).toContain('已撤销');
  });

  it('合并 keeps both items\' sources and history', async () => {
    await claimed();
    await h.say(WHO.supervisor, '/督办 新建 本科培养方案修订 主办:教务处 截止:2026-12-31 来源:教代会提案');
    const r = await h.say(WHO.supervisor, '/督办 合并 2026-2 到 2026-1');
    expect(replyText(r.messageId)).toContain('并入');
    const target = findItemByNumber(h.db, 2026, 1)!;
    const merged = findItemByNumber(h.db, 2026, 2)!;
    expect(merged).toMatchObject({ state: 'merged', mergedIntoId: target.id });
    expect(target.sources.map((s) => s.mergedFrom ?? null)).toEqual([null, '督办〔2026〕2号']);
    expect(history(merged.id).map((x) => x.action)).toEqual(['register', 'send_slip', 'merge']);
  });
});

describe('near-duplicates at registration', () => {
  const form = { lead: 'jwc', coop: ['kyc'], leader: WHO.leader, source: 'congress', ref: '教代会提案 12 号', deadline: '2027-03-31 +0800', flags: [] };

  it('a one-line registration that resembles an open item comes back as the form, filled in, with 并入 and 仍然新建', async () => {
    await h.say(WHO.supervisor, '/督办 新建 推进智慧校园二期建设 主办:教务处 截止:2027-06-30');
    const r = await h.say(WHO.supervisor, '/督办 新建 推进智慧校园二期建设项目 主办:教务处 截止:2027-03-31 措施:每月调度');
    const card = h.repliesTo(r.messageId)[0]!;
    expect(text(card)).toContain('疑似重复');
    expect(text(card)).toContain('督办〔2026〕1号');
    expect(JSON.stringify(card.content)).toContain('"default_value":"每月调度"');
    expect(buttonLabels(card.content)).toEqual(expect.arrayContaining(['并入所选事项', '不是重复，仍然新建']));
    expect(findItemByNumber(h.db, 2026, 2)).toBeNull();
  });

  it('并入 adds the new source to the open item and numbers nothing; 仍然新建 registers it', async () => {
    await h.say(WHO.supervisor, '/督办 新建 推进智慧校园二期建设 主办:教务处 协办:科研处 截止:2027-06-30');
    const first = findItemByNumber(h.db, 2026, 1)!;
    const warned = await h.click(WHO.supervisor, { a: 'register', id: 0, v: 0 }, { form: { ...form, title: '推进智慧校园（二期）建设工作' } });
    expect(warned.answer.toast?.type).toBe('warning');
    expect(findItemByNumber(h.db, 2026, 2)).toBeNull();

    const merged = await h.click(WHO.supervisor, { a: 'register_merge', id: 0, v: 0 }, { form: { ...form, title: '推进智慧校园（二期）建设工作', merge_target: String(first.id) } });
    expect(merged.answer.toast?.content).toContain('已并入 督办〔2026〕1号');
    const after = findItemByNumber(h.db, 2026, 1)!;
    expect(after.sources.map((s) => s.ref)).toEqual(['', '教代会提案 12 号']);
    expect(history(first.id).at(-1)).toMatchObject({ action: 'merge_in', actor_id: WHO.supervisor });
    expect(findItemByNumber(h.db, 2026, 2)).toBeNull();

    const anyway = await h.click(WHO.supervisor, { a: 'register_anyway', id: 0, v: 0 }, { form: { ...form, title: '推进智慧校园二期建设（第二批）' } });
    expect(anyway.answer.toast?.content).toContain('已立项 督办〔2026〕2号');
  });

  it('an identical title offers merging only, and 仍然新建 is still refused', async () => {
    await h.say(WHO.supervisor, '/督办 新建 推进智慧校园二期建设 主办:教务处 截止:2027-06-30');
    const r = await h.click(WHO.supervisor, { a: 'register', id: 0, v: 0 }, { form: { ...form, title: '推进智慧校园二期建设' } });
    expect(buttonLabels(r.answer.card!.data)).toContain('并入所选事项');
    expect(buttonLabels(r.answer.card!.data)).not.toContain('不是重复，仍然新建');
    const forced = await h.click(WHO.supervisor, { a: 'register_anyway', id: 0, v: 0 }, { form: { ...form, title: '推进智慧校园二期建设' } });
    expect(forced.answer.toast?.type).toBe('error');
    expect(findItemByNumber(h.db, 2026, 2)).toBeNull();
  });
});

describe('绑定 确认', () => {
  it('a chat held by another unit moves only with 确认, and the reply says from which', async () => {
    const first = await h.say(WHO.supervisor, '/督办 绑定 人事处', { chatType: 'group', chatId: 'oc_jwc' });
    expect(replyText(first.messageId)).toContain('教务处');
    expect(replyText(first.messageId)).toContain('确认');
    const moved = await h.say(WHO.supervisor, '/督办 绑定 人事处 确认', { chatType: 'group', chatId: 'oc_jwc' });
    expect(replyText(moved.messageId)).toContain('原为“教务处”的督办群');
    const rows = h.db.$client.prepare('SELECT id, chat_id FROM units ORDER BY id').all();
    expect(rows).toContainEqual({ id: 'rsc', chat_id: 'oc_jwc' });
    expect(rows).toContainEqual({ id: 'jwc', chat_id: null });
  });
});

describe('修改 and 撤销 from cards', () => {
  it('the edit form changes what differs and keeps the reason; a stale form is refused', async () => {
    const item = await claimed();
    const opened = await h.click(WHO.supervisor, { a: 'edit_form', id: item.id, v: item.version });
    const form = opened.answer.card!.data;
    expect(JSON.stringify(form)).toContain('"default_value":"修订本科生培养方案"');
    const saved = await h.click(WHO.supervisor, buttonValue(form, '保存修改'), {
      form: { title: '修订本科生培养方案', measures: '每周调度', lead: 'jwc', coop: ['kyc'], leader: WHO.leader, deadline: '2027-01-15 +0800', reason: '校长办公会同意调整' },
    });
    expect(saved.answer.toast?.type).toBe('success');
    expect(findItemByNumber(h.db, 2026, 1)).toMatchObject({ measures: '每周调度', deadline: '2027-01-15', originalDeadline: '2026-12-31' });
    const again = await h.click(WHO.supervisor, buttonValue(form, '保存修改'), { form: { measures: '又改', reason: '再改' } });
    expect(again.answer.toast?.content).toContain('过期');
    // Not the office: refused before the form opens.
    const unit = await h.click(WHO.unitHead, { a: 'edit_form', id: item.id, v: findItemByNumber(h.db, 2026, 1)!.version });
    expect(unit.answer.toast?.type).toBe('error');
    expect(unit.answer.card).toBeUndefined();
  });
});

describe('the office\'s item card', () => {
  it('查看 gives the office 修改 and 撤销 on the detail card, and nobody else', async () => {
    await claimed();
    const sup = await h.say(WHO.supervisor, '/督办 查看 2026-1');
    expect(buttonLabels(h.repliesTo(sup.messageId)[0]!.content)).toEqual(expect.arrayContaining(['修改', '撤销']));
    const unit = await h.say(WHO.unitHead, '/督办 查看 2026-1');
    expect(buttonLabels(h.repliesTo(unit.messageId)[0]!.content)).not.toContain('修改');
    const opened = await h.click(WHO.supervisor, buttonValue(h.repliesTo(sup.messageId)[0]!.content, '撤销'));
    expect(buttonLabels(opened.answer.card!.data)).toContain('确认撤销');
  });
});
