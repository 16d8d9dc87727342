/**
 * Reminders people don't mute, through the real pieces: the sweep on real SQLite at a given moment, the outbox
 * worker with the real card renderer against a messenger that records, and the e2e harness with the fake Feishu.
 *
 * - one message per person per sweep, listing every item due (one outbox row, every chase row pointing at it);
 * - a crash between the sweep's write transactions leaves nothing a re-run would double;
 * - an unclaimed overdue item is chased once a day, with 认领 on the card;
 * - 已催办 N 次 counts chases of the item, not messages to each person;
 * - quiet hours: nothing automatic goes out at night or on a rest day; it waits, and then goes, in order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { createLogger } from '../../src/logger';
import { LocalMessenger } from '../../src/messenger/local-messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { RateLimiter } from '../../src/messenger/rate-limiter';
import { chaseCardRenderer } from '../../src/scheduler/chase-card-render';
import { runChaseSweep } from '../../src/scheduler/chase-sweep';
import { runJob } from '../../src/scheduler/cron';
import { jobs } from '../../src/scheduler/jobs';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { type Bot, buttonValue, startBot } from '../e2e/harness';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

const log = createLogger('silent');

type Spec = { title: string; deadline: string; registered: string; claimed?: string };

/** Registers each item (slip sent the same day) and claims it by the unit head when `claimed` is given. */
function seed(t: TestDb, specs: Spec[]): number[] {
  return specs.map((s) => {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'api', input: baseInput({ title: s.title, deadline: s.deadline }), now: at(s.registered) });
    applyCommand(t.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'api', command: { type: 'send_slip' }, now: at(s.registered) });
    if (s.claimed) applyCommand(t.ctx, { itemId: item.id, actorId: WHO.unitHead, channel: 'api', command: { type: 'claim' }, now: at(s.claimed) });
    return item.id;
  });
}

/** A sender as the server has one: the real renderer, a messenger that records, a clock the test sets. */
function sender(t: TestDb) {
  const messenger = new LocalMessenger();
  const worker = new OutboxWorker(t.db, messenger, log, {
    render: chaseCardRenderer(t.db, t.ctx.calendar, DEFAULT_SCHEDULE),
    limiter: new RateLimiter({ perSecond: 10_000, perMinute: 100_000, perReceiverPerSecond: 10_000 }),
  });
  return { messenger, worker, to: (id: string) => messenger.messages.filter((m) => m.receiveId === id) };
}

const rows = <T>(t: TestDb, sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).all(...params) as T[];
const count = (t: TestDb, sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).pluck().get(...params) as number;
const header = (card: unknown) => JSON.stringify((card as { header?: unknown }).header ?? '');

/** Every button's value on a card, in order. */
function buttons(card: unknown): Array<{ a: string; id: number; v: number }> {
  const out: Array<{ a: string; id: number; v: number }> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button') out.push((o.behaviors as Array<{ value: { a: string; id: number; v: number } }>)[0]!.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

// Tuesday 2026-11-24, 09:00 in Beijing: five items of 教务处, each with one step due today.
const TUESDAY = at('2026-11-24');
const FIVE: Spec[] = [
  { title: '修订本科生培养方案', deadline: '2026-11-20', registered: '2026-11-02', claimed: '2026-11-03' }, // 2 working days overdue
  { title: '完善实验室安全制度', deadline: '2026-11-24', registered: '2026-11-02', claimed: '2026-11-03' }, // due today
  { title: '推进课程思政建设', deadline: '2026-11-27', registered: '2026-11-02', claimed: '2026-11-03' }, // 3 working days left
  { title: '修订学籍管理规定', deadline: '2026-11-25', registered: '2026-11-02', claimed: '2026-11-03' }, // 1 working day left
  { title: '编制十五五学科规划', deadline: '2026-12-31', registered: '2026-11-20' }, // unclaimed for 2 working days
];

describe('one message per person per sweep', () => {
  let t: TestDb;
  beforeEach(() => {
    t = openTestDb();
  });
  afterEach(() => t.close());

  it('a person with five items due gets one card listing them by urgency: one outbox row, five chase rows pointing at it', async () => {
    const ids = seed(t, FIVE);
    const before = count(t, 'SELECT count(*) FROM outbox');
    const r = await runChaseSweep(t.db, t.ctx.calendar, TUESDAY, DEFAULT_SCHEDULE);
    expect(r).toMatchObject({ due: 5, recorded: 10, planned: 2, byKind: { overdue: 2, due_today: 2, due_soon: 4, unclaimed: 2 } });
    expect(count(t, 'SELECT count(*) FROM outbox') - before).toBe(2); // the head and the liaison

    for (const who of [WHO.unitHead, WHO.liaison]) {
      const mine = rows<{ item_id: number; kind: string; outbox_id: number }>(t, 'SELECT item_id, kind, outbox_id FROM chases WHERE recipient = ? ORDER BY item_id', who);
      expect(mine.map((c) => [c.item_id, c.kind])).toEqual([
        [ids[0], 'overdue'],
        [ids[1], 'due_today'],
        [ids[2], 'due_soon'],
        [ids[3], 'due_soon'],
        [ids[4], 'unclaimed'],
      ]);
      expect(new Set(mine.map((c) => c.outbox_id)).size).toBe(1);
      const row = rows<{ receive_id: string; purpose: string; item_id: number | null; render: string }>(t, 'SELECT receive_id, purpose, item_id, render FROM outbox WHERE id = ?', mine[0]!.outbox_id)[0]!;
      expect(row).toMatchObject({ receive_id: who, purpose: 'chase:batch', item_id: null });
      expect(JSON.parse(row.render).entries).toHaveLength(5);
    }

    const s = sender(t);
    await s.worker.drain(() => TUESDAY);
    const toHead = s.to(WHO.unitHead).filter((m) => header(m.content).includes('督办提醒'));
    expect(toHead).toHaveLength(1);
    const card = toHead[0]!.content;
    expect(header(card)).toContain('【督办提醒】5 项督办事项需要您关注');
    const text = textOf(card as Record<string, unknown>);
    // Grouped by urgency, most urgent first, each item with its number, title and days.
    const order = ['逾期（1 项）', '修订本科生培养方案', '今日到期（1 项）', '完善实验室安全制度', '即将到期（2 项）', '修订学籍管理规定', '推进课程思政建设', '待认领（1 项）', '编制十五五学科规划'].map((x) => text.indexOf(x));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('已逾期 2 个工作日');
    expect(text).toContain('剩余 1 个工作日');
    expect(text).toContain('督办〔2026〕1号');
    // Each item its action and 查看详情, carrying {a, id, v}: 认领 for the unclaimed one, 填报进展 for the rest.
    const versions = new Map(rows<{ id: number; version: number }>(t, 'SELECT id, version FROM items').map((i) => [i.id, i.version]));
    const expected = [ids[0], ids[1], ids[3], ids[2]].flatMap((id) => [
      { a: 'progress_form', id, v: versions.get(id!) },
      { a: 'detail', id, v: versions.get(id!) },
    ]);
    expect(buttons(card)).toEqual([...expected, { a: 'claim', id: ids[4], v: versions.get(ids[4]!) }, { a: 'detail', id: ids[4], v: versions.get(ids[4]!) }]);
    expect(s.to(WHO.liaison).filter((m) => header(m.content).includes('督办提醒'))).toHaveLength(1);

    // A second sweep the same day records and plans nothing.
    const again = await runChaseSweep(t.db, t.ctx.calendar, at('2026-11-24', '15:00'), DEFAULT_SCHEDULE);
    expect(again).toMatchObject({ due: 5, recorded: 0, planned: 0 });
  });

  it('a single item keeps its own card, with everything the person hears of it that day in it', async () => {
    const [id] = seed(t, [{ title: '修订本科生培养方案', deadline: '2026-11-26', registered: '2026-11-20' }]); // unclaimed, 1 left on 11-25
    const r = await runChaseSweep(t.db, t.ctx.calendar, at('2026-11-25'), DEFAULT_SCHEDULE);
    expect(r).toMatchObject({ recorded: 4, planned: 2, byKind: { unclaimed: 2, due_soon: 2 } });
    const s = sender(t);
    await s.worker.drain(() => at('2026-11-25'));
    const [card] = s.to(WHO.unitHead).map((m) => m.content);
    expect(header(card)).toContain('【到期提醒】修订本科生培养方案');
    expect(textOf(card as Record<string, unknown>)).toContain('距完成时限还有 1 个工作日；督办单尚未认领，请先认领');
    expect(buttons(card).map((b) => b.a)).toEqual(['claim', 'detail']);
    expect(rows(t, 'SELECT DISTINCT item_id FROM outbox WHERE purpose LIKE ?', 'chase:%')).toEqual([{ item_id: id }]);
  });

  it('a person with many items gets at most 20 rows and 另有 N 项, under 30 KB', async () => {
    const many: Spec[] = Array.from({ length: 26 }, (_, i) => ({
      title: `${'十五五规划重点任务'.repeat(6)}第${i + 1}项`,
      deadline: '2026-11-20',
      registered: '2026-11-02',
      claimed: '2026-11-03',
    }));
    seed(t, many);
    await runChaseSweep(t.db, t.ctx.calendar, TUESDAY, DEFAULT_SCHEDULE);
    const s = sender(t);
    await s.worker.drain(() => TUESDAY);
    const [m] = s.to(WHO.unitHead);
    const text = textOf(m!.content as Record<string, unknown>);
    expect(text).toContain('逾期（26 项）');
    expect(text).toContain('另有 6 项未显示');
    expect(buttons(m!.content).filter((b) => b.a === 'detail')).toHaveLength(20);
    expect(Buffer.byteLength(JSON.stringify(m!.content))).toBeLessThan(30 * 1024);
  });

  it('a crash between write transactions leaves each person planned fully or not at all; the re-run completes, nothing twice', async () => {
    seed(t, FIVE);
    // Every recipient in a transaction of its own, and the liaison's fails (the process "dies" there).
    t.db.$client.exec(`CREATE TEMP TRIGGER crash BEFORE INSERT ON chases WHEN NEW.recipient = '${WHO.liaison}' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    await expect(runChaseSweep(t.db, t.ctx.calendar, TUESDAY, DEFAULT_SCHEDULE, { writeChunk: 1 })).rejects.toThrow(/simulated crash/);
    // The head's steps and their one message are there; nothing at all for the liaison (no message without its
    // chase rows, no chase rows without their message).
    expect(rows(t, "SELECT recipient, count(*) AS n, count(DISTINCT outbox_id) AS messages FROM chases GROUP BY recipient")).toEqual([
      { recipient: WHO.unitHead, n: 5, messages: 1 },
    ]);
    expect(count(t, "SELECT count(*) FROM outbox WHERE purpose LIKE 'chase:%'")).toBe(1);

    t.db.$client.exec('DROP TRIGGER crash');
    const rerun = await runChaseSweep(t.db, t.ctx.calendar, TUESDAY, DEFAULT_SCHEDULE, { writeChunk: 1 });
    expect(rerun).toMatchObject({ recorded: 5, planned: 1 });
    expect(rows(t, "SELECT recipient, count(*) AS n, count(DISTINCT outbox_id) AS messages FROM chases GROUP BY recipient ORDER BY recipient")).toEqual([
      { recipient: WHO.unitHead, n: 5, messages: 1 },
      { recipient: WHO.liaison, n: 5, messages: 1 },
    ]);
    expect(count(t, 'SELECT count(*) FROM chases WHERE outbox_id IS NULL')).toBe(0);
    const s = sender(t);
    await s.worker.drain(() => TUESDAY);
    expect(s.to(WHO.unitHead).filter((m) => header(m.content).includes('督办提醒'))).toHaveLength(1);
    expect(s.to(WHO.liaison).filter((m) => header(m.content).includes('督办提醒'))).toHaveLength(1);
    expect(await runChaseSweep(t.db, t.ctx.calendar, TUESDAY, DEFAULT_SCHEDULE)).toMatchObject({ recorded: 0, planned: 0 });
  });

  it('an item closed meanwhile is left off the card; a card none of whose items applies is skipped with why', async () => {
    const ids = seed(t, FIVE.slice(0, 2));
    await runChaseSweep(t.db, t.ctx.calendar, TUESDAY, DEFAULT_SCHEDULE);
    applyCommand(t.ctx, { itemId: ids[0]!, actorId: WHO.supervisor, channel: 'api', command: { type: 'cancel', reason: '任务调整' }, now: TUESDAY });
    const s = sender(t);
    await s.worker.drain(() => TUESDAY);
    const text = textOf(s.to(WHO.unitHead)[0]!.content as Record<string, unknown>);
    expect(text).toContain('完善实验室安全制度');
    expect(text).not.toContain('修订本科生培养方案');

    // The next day both are gone before the sender's turn.
    await runChaseSweep(t.db, t.ctx.calendar, at('2026-11-25'), DEFAULT_SCHEDULE);
    applyCommand(t.ctx, { itemId: ids[1]!, actorId: WHO.supervisor, channel: 'api', command: { type: 'cancel', reason: '任务调整' }, now: at('2026-11-25') });
    const r = await s.worker.drain(() => at('2026-11-25'));
    expect(r.skipped).toBeGreaterThanOrEqual(1);
  });
});

describe('quiet hours: nothing automatic at night or on a rest day', () => {
  let t: TestDb;
  beforeEach(() => {
    t = openTestDb();
  });
  afterEach(() => t.close());

  it('jobs run on Friday at 21:00 plan for Monday 08:00; the sender sends nothing before then and everything after, in order', async () => {
    seed(t, [
      { title: '修订本科生培养方案', deadline: '2026-11-30', registered: '2026-11-02', claimed: '2026-11-03' }, // 1 left on Fri 11-27
      { title: '完善实验室安全制度', deadline: '2026-12-02', registered: '2026-11-02', claimed: '2026-11-03' }, // 3 left, turns yellow
      { title: '编制十五五学科规划', deadline: '2026-12-31', registered: '2026-11-20' }, // unclaimed
    ]);
    const friday9pm = at('2026-11-27', '21:00');
    const deps = { db: t.db, calendar: t.ctx.calendar, schedule: DEFAULT_SCHEDULE };
    const before = count(t, 'SELECT coalesce(max(id), 0) FROM outbox');
    const results: Array<Record<string, unknown>> = [];
    for (const job of jobs(DEFAULT_SCHEDULE)) results.push((await runJob(job, deps, friday9pm, log)) as Record<string, unknown>);
    expect(results[0]).toMatchObject({ job: 'chase-sweep', planned: 2, notBefore: '2026-11-30T00:00:00.000Z' });
    const planned = rows<{ id: number; purpose: string; receive_id: string; next_attempt_at: string }>(t, 'SELECT id, purpose, receive_id, next_attempt_at FROM outbox WHERE id > ? ORDER BY id', before);
    // The head's and the liaison's reminders, the weekly digests of 教务处 and of the cooperating 科研处, the summary.
    expect(planned.map((p) => p.purpose)).toEqual(['chase:batch', 'chase:batch', 'digest', 'digest', 'summary']);
    expect(planned.every((p) => p.next_attempt_at === '2026-11-30T00:00:00.000Z')).toBe(true); // Monday 08:00 Beijing

    const s = sender(t);
    for (const moment of [friday9pm, at('2026-11-27', '23:59'), at('2026-11-28', '10:00'), at('2026-11-29', '20:00'), new Date('2026-11-30T07:59:59+08:00')]) {
      expect(await s.worker.drain(() => moment)).toMatchObject({ sent: 0 });
    }
    expect(s.messenger.messages).toEqual([]);

    const r = await s.worker.drain(() => at('2026-11-30', '08:00'));
    expect(r).toMatchObject({ sent: 5, skipped: 0 });
    expect(s.messenger.messages.map((m) => m.receiveId).sort()).toEqual(planned.map((p) => p.receive_id).sort());
    const sentIds = rows<{ id: number }>(t, "SELECT id FROM outbox WHERE id > ? AND status = 'sent' ORDER BY sent_at, id", before).map((x) => x.id);
    expect(sentIds).toEqual(planned.map((p) => p.id));
  });

  it('a card planned at night speaks of the morning it goes out in: 今日到期 planned Tuesday 22:00 is overdue on Wednesday', async () => {
    seed(t, [{ title: '修订本科生培养方案', deadline: '2026-12-01', registered: '2026-11-02', claimed: '2026-11-03' }]);
    await runChaseSweep(t.db, t.ctx.calendar, at('2026-12-01', '22:00'), DEFAULT_SCHEDULE);
    const s = sender(t);
    expect(await s.worker.drain(() => at('2026-12-01', '23:00'))).toMatchObject({ sent: 0 });
    await s.worker.drain(() => at('2026-12-02', '08:00'));
    const text = textOf(s.to(WHO.unitHead)[0]!.content as Record<string, unknown>);
    expect(text).toContain('已逾期 1 个工作日');
    expect(text).not.toContain('今日到期，请抓紧办理');
  });

  it('a job run in the day plans for at once', async () => {
    seed(t, [{ title: '修订本科生培养方案', deadline: '2026-11-30', registered: '2026-11-02', claimed: '2026-11-03' }]);
    const r = await runChaseSweep(t.db, t.ctx.calendar, at('2026-11-27', '19:59'), DEFAULT_SCHEDULE);
    expect(r.notBefore).toBeUndefined();
    expect(rows(t, "SELECT next_attempt_at FROM outbox WHERE purpose LIKE 'chase:%'")).toEqual([
      { next_attempt_at: at('2026-11-27', '19:59').toISOString() },
      { next_attempt_at: at('2026-11-27', '19:59').toISOString() },
    ]);
  });

  it('follows the schedule file: quiet from 18:00', async () => {
    seed(t, [{ title: '修订本科生培养方案', deadline: '2026-11-30', registered: '2026-11-02', claimed: '2026-11-03' }]);
    const cfg = { ...DEFAULT_SCHEDULE, quietHours: { start: '18:00', end: '08:30' } };
    const r = await runChaseSweep(t.db, t.ctx.calendar, at('2026-11-27', '19:00'), cfg);
    expect(r.notBefore).toBe(at('2026-11-30', '08:30').toISOString());
  });
});

describe('through the bot (fake Feishu)', () => {
  let h: Bot;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.close();
  });
  async function morning(date: string) {
    h.setNow(date);
    for (const job of h.bot.jobs) await runJob(job, h.bot.jobDeps, h.now, log);
    await h.flush();
  }
  const chaseCards = (openId: string, since = 0) =>
    h.sentTo(openId).slice(since).filter((m) => /提醒|催办|预警|约谈|逾期/.test(header(m.content)));

  it('an unclaimed overdue item gets one reminder a day (逾期催办), and it offers 认领', async () => {
    h.setNow('2026-11-16');
    await h.say(WHO.supervisor, '/督办 新建 修订学籍管理规定 主办:教务处 截止:2026-11-20');
    const before = h.sentTo(WHO.unitHead).length;
    await morning('2026-11-23'); // 1 working day overdue, never claimed
    const cards = chaseCards(WHO.unitHead, before);
    expect(cards).toHaveLength(1);
    expect(header(cards[0]!.content)).toContain('逾期催办');
    expect(textOf(cards[0]!.content as Record<string, unknown>)).toContain('已逾期 1 个工作日，请尽快办理；督办单尚未认领，请先认领');
    expect(h.db.$client.prepare("SELECT kind, recipient FROM chases ORDER BY id").all()).toEqual([
      { kind: 'overdue', recipient: WHO.unitHead },
      { kind: 'overdue', recipient: WHO.liaison },
    ]);
    const r = await h.click(WHO.unitHead, buttonValue(cards[0]!.content, '认领'), { messageId: cards[0]!.message_id });
    expect(r.status).toBe(200);
    expect(h.db.$client.prepare('SELECT state FROM items').pluck().get()).toBe('in_progress');
    const mark = h.sentTo(WHO.unitHead).length;
    await morning('2026-11-24');
    const next = chaseCards(WHO.unitHead, mark);
    expect(next.map((m) => header(m.content).includes('逾期催办'))).toEqual([true]);
    expect(JSON.stringify(next[0]!.content)).not.toContain('"认领"');
  });

  it('已催办 N 次 counts the chases of the item, not the messages to each person', async () => {
    h.setNow('2026-11-16');
    await h.say(WHO.supervisor, '/督办 新建 完善教学督导制度 主办:教务处 截止:2026-11-26');
    await h.click(WHO.unitHead, buttonValue(h.lastTo(WHO.unitHead).content, '认领'));
    for (const d of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) await morning(d);
    // A supervisor chases by hand too: one chase, to the head and the liaison.
    h.setNow('2026-11-27', '10:00');
    await h.say(WHO.supervisor, '/督办 催办 2026-1 请本周内报送');
    await morning('2026-11-30');
    await morning('2026-12-01'); // 3rd working day overdue → 逾期预警
    // Before the warning: 到期提醒 ×2 (11-23, 11-25), 今日到期 (11-26), 逾期催办 ×2 (11-27, 11-30), the 催办 by
    // hand — six chases, each told to two people (twelve chase rows, twelve messages).
    expect(h.db.$client.prepare("SELECT count(*) FROM chases WHERE at < ? AND recipient != 'supervisors'").pluck().get(h.now.toISOString())).toBe(12);
    const warning = chaseCards(WHO.unitHead).at(-1)!;
    expect(header(warning.content)).toContain('逾期预警');
    expect(textOf(warning.content as Record<string, unknown>)).toContain('已逾期 3 个工作日，已催办 6 次仍未办结');
    const toLeader = h.sentTo(WHO.leader).filter((m) => header(m.content).includes('逾期预警'));
    expect(textOf(toLeader.at(-1)!.content as Record<string, unknown>)).toContain('已催办 6 次仍未办结');
  });
});
