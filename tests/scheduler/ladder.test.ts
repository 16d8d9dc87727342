import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { addDays } from '../../src/domain/dates';
import { findItemByNumber } from '../../src/db/item-repository';
import { runJob } from '../../src/scheduler/cron';
import { runChaseSweep } from '../../src/scheduler/chase-sweep';
import { openDatabase } from '../../src/db/client';
import { createLogger } from '../../src/logger';
import { type Bot, buttonValue, startBot } from '../e2e/harness';
import { WHO, at } from '../support/fixtures';

const log = createLogger('silent');
let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

/** Runs every job at 09:00 Beijing on `date`, as the server's cron would, and sends what they planned. */
async function morning(date: string) {
  h.setNow(date);
  for (const job of h.bot.jobs) await runJob(job, h.bot.jobDeps, h.now, log);
  await h.flush();
}

const chaseCards = (openId: string) =>
  h.sentTo(openId).filter((m) => /提醒|催办|预警|约谈|逾期/.test(JSON.stringify((m.content as { header?: unknown }).header ?? '')));

function headerOf(m: { content: unknown }): string {
  return JSON.stringify((m.content as { header?: unknown }).header);
}

describe('the chase ladder across the 2026 National Day holiday', () => {
  it('walks one item from 督办单 to 约谈 proposal, on working days only, each step once', async () => {
    h.setNow('2026-09-18');
    await h.say(WHO.supervisor, '/督办 新建 迎新季校园安全排查 主办:教务处 截止:2026-10-09');
    const item = findItemByNumber(h.db, 2026, 1)!;
    const log: Array<[string, string, string]> = []; // [date, to, header]
    const seen = new Set<string>();
    const record = (date: string) => {
      for (const who of [WHO.unitHead, WHO.leader, WHO.supervisor]) {
        for (const m of h.sentTo(who)) {
          if (seen.has(m.message_id)) continue;
          seen.add(m.message_id);
          log.push([date, who, headerOf(m)]);
        }
      }
    };
    record('2026-09-18');
    log.length = 0;
    for (let d = '2026-09-18'; d <= '2026-10-23'; d = addDays(d, 1)) {
      if (d === '2026-09-21') {
        await morning(d);
        record(d);
        // The unit claims in the afternoon, from the reminder card.
        h.setNow(d, '15:00');
        const reminder = h.lastTo(WHO.unitHead);
        await h.click(WHO.unitHead, buttonValue(reminder.content, '认领'), { messageId: reminder.message_id });
        record(d);
        continue;
      }
      await morning(d);
      record(d);
    }
    const toHead = log.filter(([, who, header]) => who === WHO.unitHead && !header.includes('已认领')).map(([d, , header]) => [d, kindOf(header)]);
    expect(toHead).toEqual([
      ['2026-09-20', '认领提醒'], // a Sunday, but a make-up working day
      ['2026-09-21', '认领提醒'],
      ['2026-09-29', '到期提醒'], // 3 working days left: 30th, 8th, 9th (1–7 Oct off)
      ['2026-10-08', '到期提醒'], // 1 working day left
      ['2026-10-09', '今日到期'],
      ['2026-10-10', '逾期催办'], // a Saturday, but a make-up working day
      ['2026-10-12', '逾期催办'],
      ['2026-10-13', '逾期预警'], // 3rd working day overdue: that day's 逾期催办 is in the same one message
      ['2026-10-14', '逾期催办'],
      ['2026-10-15', '逾期催办'],
      ['2026-10-16', '逾期催办'],
      ['2026-10-19', '逾期催办'],
      ['2026-10-20', '逾期催办'],
      ['2026-10-21', '逾期催办'],
      ['2026-10-22', '逾期催办'],
      ['2026-10-23', '逾期催办'],
    ]);
    // The leader in charge hears of the warning; the supervisors get the 约谈 proposal on the 10th working day.
    expect(log.filter(([, who]) => who === WHO.leader).map(([d, , hd]) => [d, kindOf(hd)])).toContainEqual(['2026-10-13', '逾期预警']);
    expect(log.filter(([, who, hd]) => who === WHO.supervisor && hd.includes('约谈')).map(([d]) => d)).toEqual(['2026-10-22']);
    // Nothing at all on the holiday or on weekends that are not make-up days.
    expect(log.filter(([d]) => d >= '2026-10-01' && d <= '2026-10-07')).toEqual([]);
    expect(log.filter(([d]) => d === '2026-10-11' || d === '2026-10-17' || d === '2026-10-18')).toEqual([]);

    // Every step is a 催办 record with its message id; the supervisors' line for the warning is recorded too.
    const rows = h.db.$client
      .prepare('SELECT c.kind, c.recipient, c.automatic, o.message_id FROM chases c LEFT JOIN outbox o ON o.id = c.outbox_id WHERE c.item_id = ? ORDER BY c.id')
      .all(item.id) as { kind: string; recipient: string; automatic: number; message_id: string | null }[];
    expect(rows.filter((r) => r.recipient !== 'supervisors').every((r) => r.message_id && r.automatic === 1)).toBe(true);
    expect(rows.filter((r) => r.recipient === 'supervisors').map((r) => r.kind)).toEqual(['warning']);
    // Claiming answered the 认领 reminders.
    const answered = h.db.$client.prepare("SELECT count(*) FROM chases WHERE kind = 'unclaimed' AND answered_at IS NOT NULL").pluck().get();
    expect(answered).toBe(4); // two days × head and liaison
  });

  it('a second sweep at the same moment, and two overlapping sweeps, send each card once', async () => {
    h.setNow('2026-11-23');
    await h.say(WHO.supervisor, '/督办 新建 完善教学督导制度 主办:教务处 截止:2026-11-26');
    await morning('2026-11-23'); // 3 working days left → 到期提醒
    const first = h.fake.sent.length;
    expect(chaseCards(WHO.unitHead)).toHaveLength(1);
    await morning('2026-11-23');
    expect(h.fake.sent.length).toBe(first);

    // Two sweeps at once, one through each of two connections to the same file.
    h.setNow('2026-11-25');
    const other = openDatabase(h.db.$client.name);
    try {
      const sweep = h.bot.jobs.find((j) => j.name === 'chase-sweep')!;
      const results = await Promise.all([
        runJob(sweep, h.bot.jobDeps, h.now, log),
        runJob(sweep, { ...h.bot.jobDeps, db: other }, h.now, log),
        Promise.resolve(runChaseSweep(other, h.bot.jobDeps.calendar, h.now, h.bot.jobDeps.schedule)),
      ]);
      expect(results.length).toBe(3);
    } finally {
      other.$client.close();
    }
    await h.flush();
    // 1 working day left (and still unclaimed) → one message each, whoever ran the sweep: the 到期提醒, which
    // says the item is unclaimed and offers 认领 (the 认领提醒 of the day is in it).
    expect(chaseCards(WHO.unitHead).map((m) => kindOf(headerOf(m)))).toEqual(['到期提醒', '到期提醒']);
    const last = chaseCards(WHO.unitHead).at(-1)!;
    expect(textOf(last.content as Record<string, unknown>)).toContain('督办单尚未认领，请先认领');
    expect(buttonValue(last.content, '认领').a).toBe('claim');
    expect(chaseCards(WHO.liaison)).toHaveLength(2);
    const steps = h.db.$client.prepare("SELECT kind, recipient, outbox_id FROM chases WHERE at = ? ORDER BY id").all(h.now.toISOString()) as { kind: string; recipient: string; outbox_id: number }[];
    expect(steps.map((r) => [r.kind, r.recipient]).sort()).toEqual([
      ['due_soon', WHO.unitHead],
      ['due_soon', WHO.liaison],
      ['unclaimed', WHO.unitHead],
      ['unclaimed', WHO.liaison],
    ]);
    // Both of a person's steps point at that person's one message.
    for (const who of [WHO.unitHead, WHO.liaison]) {
      expect(new Set(steps.filter((r) => r.recipient === who).map((r) => r.outbox_id)).size).toBe(1);
    }
    const uuids = h.fake.sent.map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('a pending extension pauses the ladder; closed items are never chased', async () => {
    h.setNow('2026-11-23');
    await h.say(WHO.supervisor, '/督办 新建 实验室安全检查 主办:教务处 截止:2026-11-26');
    await h.say(WHO.supervisor, '/督办 新建 教材选用审核 主办:科研处 截止:2026-11-26');
    const slip = h.lastTo(WHO.unitHead);
    await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
    const item = findItemByNumber(h.db, 2026, 1)!;
    await h.click(WHO.unitHead, { a: 'submit_extension', id: item.id, v: item.version }, { form: { reason: '等待设备到货', date: '2026-12-18' } });
    // The second item is withdrawn.
    const { applyCommand } = await import('../../src/services/apply-command');
    applyCommand(h.bot.ctx, { itemId: findItemByNumber(h.db, 2026, 2)!.id, actorId: WHO.supervisor, channel: 'api', command: { type: 'cancel', reason: '任务调整' }, now: h.now });
    await h.flush();
    const before = h.fake.sent.length;
    for (const d of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30']) await morning(d);
    // Only the weekly digest in the unit chat and the supervisors' summary: no chase to anyone.
    expect(h.fake.sent.slice(before).filter((m) => m.receive_id !== WHO.supervisor && m.receive_id_type !== 'chat_id')).toEqual([]);
  });

  it('a reply to a reminder records progress and answers the chase', async () => {
    h.setNow('2026-11-23');
    await h.say(WHO.supervisor, '/督办 新建 推进智慧课堂建设 主办:教务处 截止:2026-11-26');
    await h.click(WHO.unitHead, buttonValue(h.lastTo(WHO.unitHead).content, '认领'));
    await morning('2026-11-23');
    const reminder = chaseCards(WHO.unitHead).at(-1)!;
    expect(textOf(reminder.content as Record<string, unknown>)).toContain('回复本消息');
    await h.say(WHO.unitHead, '已完成 80% 教室改造', { parentId: reminder.message_id });
    const progress = h.db.$client.prepare("SELECT text, channel FROM progress_reports").all();
    expect(progress).toEqual([{ text: '已完成 80% 教室改造', channel: 'chat' }]);
    const open = h.db.$client.prepare('SELECT count(*) FROM chases WHERE answered_at IS NULL').pluck().get();
    expect(open).toBe(0);
  });
});

describe('cards drawn when sent', () => {
  it('a reminder planned before the unit claimed shows the item as it is when it goes out; one that no longer applies is skipped', async () => {
    h.setNow('2026-11-23');
    await h.say(WHO.supervisor, '/督办 新建 修订学籍管理规定 主办:教务处 截止:2026-11-27');
    h.setNow('2026-11-24');
    const sweep = h.bot.jobs.find((j) => j.name === 'chase-sweep')!;
    // Plans 到期提醒 (3 working days left) with the day's 认领提醒 in it, one message each to the head and the
    // liaison, not yet sent.
    await runJob(sweep, h.bot.jobDeps, h.now, log);
    const planned = h.db.$client.prepare("SELECT purpose, content, render FROM outbox WHERE purpose LIKE 'chase:%' ORDER BY id").all() as { purpose: string; content: string; render: string }[];
    expect(planned.map((r) => r.purpose)).toEqual(['chase:due_soon', 'chase:due_soon']);
    expect(planned.every((r) => r.content === '')).toBe(true);
    expect(planned.map((r) => JSON.parse(r.render))).toEqual([
      { card: 'chase', kind: 'due_soon', also: ['unclaimed'] },
      { card: 'chase', kind: 'due_soon', also: ['unclaimed'] },
    ]);
    // The head claims from the 督办单 before the sender gets to the reminders.
    const slip = h.sentTo(WHO.unitHead).find((m) => JSON.stringify(m.content).includes('认领'))!;
    await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
    const toLiaison = h.sentTo(WHO.liaison).map(headerOf);
    expect(toLiaison.some((t) => t.includes('到期提醒'))).toBe(true);
    expect(toLiaison.some((t) => t.includes('认领提醒'))).toBe(false);
    const reminder = h.sentTo(WHO.liaison).find((m) => headerOf(m).includes('到期提醒'))!;
    expect(JSON.stringify(reminder.content)).not.toContain('"认领"');
    expect(JSON.stringify(reminder.content)).not.toContain('尚未认领');
    expect(JSON.stringify(reminder.content)).toContain('办理中');
  });

  it('a message whose only step no longer applies is skipped with the reason', async () => {
    h.setNow('2026-11-20');
    await h.say(WHO.supervisor, '/督办 新建 修订学籍管理规定 主办:教务处 截止:2026-12-31');
    h.setNow('2026-11-24');
    const sweep = h.bot.jobs.find((j) => j.name === 'chase-sweep')!;
    await runJob(sweep, h.bot.jobDeps, h.now, log); // 认领提醒 only, to the head and the liaison
    const slip = h.sentTo(WHO.unitHead).find((m) => JSON.stringify(m.content).includes('认领'))!;
    await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
    expect(h.sentTo(WHO.liaison).map(headerOf).some((t) => t.includes('认领提醒'))).toBe(false);
    const skipped = h.db.$client.prepare("SELECT status, last_error FROM outbox WHERE purpose = 'chase:unclaimed'").all() as { status: string; last_error: string }[];
    expect(skipped).toEqual([
      { status: 'skipped', last_error: expect.stringContaining('已认领') },
      { status: 'skipped', last_error: expect.stringContaining('已认领') },
    ]);
  });

  it('reminders planned for an item that is withdrawn or put on hold before they go out are not sent', async () => {
    h.setNow('2026-11-23');
    await h.say(WHO.supervisor, '/督办 新建 校园安全隐患排查 主办:教务处 截止:2026-11-27');
    await h.click(WHO.unitHead, buttonValue(h.lastTo(WHO.unitHead).content, '认领'));
    await h.say(WHO.supervisor, '/督办 新建 实验室危化品清查 主办:教务处 截止:2026-11-27');
    await h.click(WHO.unitHead, buttonValue(h.lastTo(WHO.unitHead).content, '认领'));
    await h.flush();
    h.setNow('2026-11-24');
    const before = h.fake.sent.length;
    const sweep = h.bot.jobs.find((j) => j.name === 'chase-sweep')!;
    await runJob(sweep, h.bot.jobDeps, h.now, log); // 到期提醒 for both, one message each to the head and the liaison, not yet sent
    const [first, second] = [findItemByNumber(h.db, 2026, 1)!, findItemByNumber(h.db, 2026, 2)!];
    const { applyCommand } = await import('../../src/services/apply-command');
    // Both change before the sender's next turn: in one transaction, so the first change's notifications do not
    // wake the sender (which would draw the batched card, with the second item still in it) before the second.
    h.db.transaction(() => {
      applyCommand(h.bot.ctx, { itemId: first.id, actorId: WHO.supervisor, channel: 'api', command: { type: 'cancel', reason: '任务调整' }, now: h.now });
      applyCommand(h.bot.ctx, { itemId: second.id, actorId: WHO.unitHead, channel: 'api', command: { type: 'request_extension', reason: '等待设备到货', proposedDeadline: '2026-12-18' }, now: h.now });
    });
    await h.flush();
    const reminders = h.fake.sent.slice(before).filter((m) => /到期提醒|督办提醒/.test(headerOf(m)));
    expect(reminders).toEqual([]);
    const rows = h.db.$client.prepare("SELECT item_id, status, last_error FROM outbox WHERE purpose LIKE 'chase:%' ORDER BY id").all() as { item_id: number | null; status: string; last_error: string }[];
    // One batched message each (two items), neither item chased any more by the time it is drawn: skipped, with why.
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ item_id: null, status: 'skipped' });
      expect(r.last_error).toContain('2 项事项均已不再催办');
      expect(r.last_error).toContain('已撤销');
      expect(r.last_error).toContain('延期申请');
    }
    const chases = h.db.$client.prepare("SELECT count(*) FROM chases WHERE kind = 'due_soon' AND outbox_id IN (SELECT id FROM outbox WHERE purpose = 'chase:batch')").pluck().get();
    expect(chases).toBe(4); // two items × head and liaison, every step recorded
  });

  it('a card that cannot be drawn is parked and the admins are told', async () => {
    h.setNow('2026-11-24');
    const { enqueue, personAddress } = await import('../../src/messenger/outbox-queue');
    h.db.transaction((tx) => {
      enqueue(tx, { to: personAddress(WHO.unitHead), msgType: 'interactive', content: {}, render: { card: 'nonsense' }, purpose: 'chase:x' }, h.now);
    });
    await h.flush();
    const row = h.db.$client.prepare("SELECT status, last_error FROM outbox WHERE purpose = 'chase:x'").get() as { status: string; last_error: string };
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('render');
    expect(JSON.stringify(h.lastTo(WHO.admin).content)).toContain('发送失败');
  });
});

describe('progress-report cycles', () => {
  it('asks on each due working day, a reply answers, a missing answer is recorded and reported', async () => {
    h.setNow('2026-11-02');
    await h.say(WHO.supervisor, '/督办 新建 推进专业认证 主办:教务处 截止:2026-12-31 周期:每周');
    await h.click(WHO.unitHead, buttonValue(h.lastTo(WHO.unitHead).content, '认领'));
    const requests = () => h.sentTo(WHO.unitHead).filter((m) => headerOf(m).includes('进展报送提醒'));
    for (const d of ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']) await morning(d);
    expect(requests()).toHaveLength(0);
    await morning('2026-11-09'); // a week after the claim
    expect(requests()).toHaveLength(1);
    await h.say(WHO.liaison, '本周完成了自评报告初稿', { parentId: requests()[0]!.message_id });
    for (const d of ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16']) await morning(d);
    expect(requests()).toHaveLength(2);
    // No answer to the 11-16 request: on the next due day it is recorded as missed, and the supervisors are told.
    for (const d of ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23']) await morning(d);
    const missed = h.db.$client.prepare("SELECT step_key FROM chases WHERE kind = 'progress_missed'").pluck().all();
    expect(missed).toEqual([expect.stringContaining('2026-11-16')]);
    const summary = textOf(h.lastTo(WHO.supervisor).content as Record<string, unknown>);
    expect(summary.slice(summary.lastIndexOf('进展未报送'))).toContain('推进专业认证');
  });
});

describe('digests', () => {
  it('each bound unit chat gets one weekly digest without confidential items; supervisors get the day’s summary', async () => {
    h.setNow('2026-11-20');
    await h.say(WHO.supervisor, '/督办 新建 本科教学审核评估整改 主办:教务处 截止:2026-11-25');
    await h.say(WHO.supervisor, '/督办 新建 巡视反馈问题整改 主办:教务处 截止:2026-12-20 涉密');
    await morning('2026-11-23'); // Monday
    const digests = h.fake.sent.filter((m) => m.receive_id === 'oc_jwc');
    expect(digests).toHaveLength(1);
    const text = JSON.stringify(digests[0]!.content);
    expect(text).toContain('本科教学审核评估整改');
    expect(text).not.toContain('巡视反馈问题整改');
    // The rest of the week: no second digest.
    for (const d of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) await morning(d);
    expect(h.fake.sent.filter((m) => m.receive_id === 'oc_jwc')).toHaveLength(1);
    // The item turned red on the 26th (first working day overdue): the supervisors' summary says so that day.
    const summaries = h.sentTo(WHO.supervisor).filter((m) => JSON.stringify(m.content).includes('今日转红'));
    const red = summaries.find((m) => JSON.stringify(m.content).includes('本科教学审核评估整改') && JSON.stringify(m.content).includes('2026年11月26日'));
    expect(red ?? summaries.map((m) => JSON.stringify(m.content).slice(0, 200))).toBeDefined();
  });
});

function kindOf(header: string): string {
  for (const k of ['认领提醒', '到期提醒', '今日到期', '逾期催办', '逾期预警', '约谈建议', '进展报送提醒']) if (header.includes(k)) return k;
  return header;
}

it('at() helper is Beijing time', () => {
  expect(at('2026-10-10').toISOString()).toBe('2026-10-10T01:00:00.000Z');
});
