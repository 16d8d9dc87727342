/**
 * /督办 统计 end to end: signed webhook requests into the composed server, the real SDK against the fake Feishu.
 * The semester is scripted through the services; then people ask in chat, drill into a unit and a figure, and get
 * the Excel file, which reaches Feishu through the real upload (POST /open-apis/im/v1/files) and a file message,
 * and is read back. Who may see what is checked on every click, from the clicker, never from the card.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackStats } from '../../src/cards/stats-cards';
import { buttonsOf } from '../cards/card-schema';
import { type Bot, buttonValue, startBot } from '../e2e/harness';
import { WHO } from '../support/fixtures';
import { type Semester, scriptSemester } from './semester';

let h: Bot;
let s: Semester;
beforeAll(async () => {
  h = await startBot();
  s = scriptSemester(h.bot.ctx);
  h.setNow('2027-01-20');
  await h.flush();
}, 60_000);
afterAll(async () => {
  await h.close();
});

const cardOf = (m: { content: Record<string, unknown> }) => m.content;
const textOf = (c: unknown) => JSON.stringify(c);

async function ask(from: string, text: string, o: { chatType?: 'p2p' | 'group'; chatId?: string } = {}) {
  const { messageId } = await h.say(from, text, o);
  const replies = h.repliesTo(messageId);
  expect(replies.length, `a reply to ${text}`).toBeGreaterThan(0);
  return replies.at(-1)!;
}

/** The button on a card whose packed value names this figure. */
function figureButton(card: unknown, figure: string) {
  for (const b of buttonsOf(card)) {
    const v = (b.behaviors as Array<{ value: { a: string; id: number; v: number } }>)[0]!.value;
    if (v.a === 'stats_items' && unpackStats(v.v)?.figure === figure) return v;
  }
  throw new Error(`no 查看事项 for ${figure}`);
}

describe('/督办 统计 in chat', { timeout: 60_000 }, () => {
  it('a supervisor gets the period card with the chart, drills into a unit and a figure', async () => {
    const reply = await ask(WHO.supervisor, '/督办 统计 2026年9-10月');
    const card = cardOf(reply);
    expect(textOf(card)).toContain('督查督办统计 · 2026年9–10月');
    expect(textOf(card)).toContain('"tag":"chart"');
    expect(textOf(card)).toContain('**全校合计**　办结率 **83.3%**　按时办结率 **50.0%**');

    const unit = await h.click(WHO.supervisor, buttonValue(card, '明细'), { messageId: reply.message_id });
    expect(unit.answer.card, JSON.stringify(unit.answer)).toBeTruthy();
    const unitCard = unit.answer.card!.data;
    expect(textOf(unitCard)).toContain('教务处 · 2026年9–10月');
    expect(textOf(unitCard)).toContain('**逾期未办结** 1 项');

    const items = await h.click(WHO.supervisor, figureButton(unitCard, 'overdue'), { messageId: reply.message_id });
    const itemsText = textOf(items.answer.card?.data ?? h.lastTo(WHO.supervisor).content);
    expect(itemsText).toContain('逾期未办结：截止 2026-10-30，统计截至 2026-10-31 未销号');
  });

  it('导出 Excel: the workbook is uploaded once and sent to the person as a file, and reads back', async () => {
    const reply = await ask(WHO.supervisor, '/督办 统计 2026年');
    const filesBefore = h.fake.files.length;
    const r = await h.click(WHO.supervisor, buttonValue(cardOf(reply), '导出 Excel'), { messageId: reply.message_id });
    expect(r.answer.toast?.content).toBe('Excel 正在生成，稍后私信发送给您');
    expect(h.fake.files.length).toBe(filesBefore + 1);
    const uploaded = h.fake.files.at(-1)!;
    expect(uploaded.file_name).toBe('督查督办统计-2026年.xlsx');
    expect(uploaded.file_type).toBe('xls');
    const sent = h.fake.sent.filter((m) => m.msg_type === 'file' && m.receive_id === WHO.supervisor);
    expect(sent.at(-1)!.content).toEqual({ file_key: uploaded.file_key });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(uploaded.data as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计', '事项明细']);
    const total = wb.getWorksheet('统计')!.getRow(8).values as unknown[];
    expect(total.slice(1)).toEqual(['全校合计', 16, 13, 10, 6, 3, 2, 2, 0.7692, 0.4615, 34.5]);
    // The request is answered once: running the writer and the sender again uploads and sends nothing more.
    h.bot.statsExports.kick();
    await h.flush();
    expect(h.fake.files.length).toBe(filesBefore + 1);
    expect(h.fake.sent.filter((m) => m.msg_type === 'file' && m.receive_id === WHO.supervisor)).toHaveLength(sent.length);
  });

  it('a unit head sees the totals and their unit, and may open nothing of another unit', async () => {
    const own = cardOf(await ask('ou_head_kyc', '/督办 统计 2026年9-10月'));
    expect(textOf(own)).toContain('**科研处**');
    expect(textOf(own)).not.toContain('**教务处**');
    const refused = cardOf(await ask('ou_head_kyc', '/督办 统计 2026年9-10月 教务处'));
    expect(textOf(refused)).toContain('您只能查看全校合计和本单位的统计');
    // The supervisor's card, clicked by the unit head: drawn for the clicker, so refused.
    const sup = await ask(WHO.supervisor, '/督办 统计 2026年9-10月');
    const click = await h.click('ou_head_kyc', buttonValue(cardOf(sup), '明细'), { messageId: sup.message_id });
    expect(click.answer.card).toBeUndefined();
    expect(click.answer.toast?.content).toContain('您只能查看全校合计和本单位的统计');
    const school = await h.click('ou_head_kyc', buttonValue(cardOf(sup), '全校明细'), { messageId: sup.message_id });
    expect(school.answer.toast?.content).toContain('您只能查看全校合计和本单位的统计');
  });

  it('someone outside the organisation, or without a standing, gets no figures', async () => {
    const sup = await ask(WHO.supervisor, '/督办 统计 2026年9-10月');
    const r = await h.click(WHO.stranger, buttonValue(cardOf(sup), '明细'), { messageId: sup.message_id });
    expect(r.answer.card).toBeUndefined();
    expect(textOf(r.answer)).not.toContain('教务处');
  });

  it('in a group: the card names no secret item, and a drill-down naming one goes to the clicker privately', async () => {
    const reply = await ask(WHO.supervisor, '@_user_1 /督办 统计 2026年9-10月', { chatType: 'group', chatId: 'oc_jwc' });
    expect(textOf(cardOf(reply))).not.toContain('考试安全专项整治');
    const unit = await h.click(WHO.supervisor, buttonValue(cardOf(reply), '明细'), { messageId: reply.message_id });
    const overdue = await h.click(WHO.supervisor, figureButton(unit.answer.card!.data, 'overdue'), { messageId: reply.message_id });
    expect(overdue.answer.card).toBeUndefined();
    expect(overdue.answer.toast?.content).toContain('私信');
    expect(textOf(h.lastTo(WHO.supervisor).content)).toContain('考试安全专项整治');
  });

  it('a bad period is answered in Chinese', async () => {
    const reply = cardOf(await ask(WHO.supervisor, '/督办 统计 2026年9-11月'));
    expect(textOf(reply)).toContain('不是双月统计期间');
    const future = cardOf(await ask(WHO.supervisor, '/督办 统计 2030年'));
    expect(textOf(future)).toContain('尚未开始');
    expect(s.ids.J5).toBeGreaterThan(0);
  });
});
