import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Handler, MAX_BATCH, createDispatcher } from '../../src/bot/dispatcher';
import { clientOf } from '../../src/db/prepared';
import { findItemByNumber } from '../../src/db/item-repository';
import { createLogger } from '../../src/logger';
import { applyCommand } from '../../src/services/apply-command';
import { WHO } from '../support/fixtures';
import { type Bot, buttonValue, startBot } from './harness';

/**
 * Events that arrive together share one commit (bot/dispatcher.ts). What a person or Feishu could notice must be
 * what it was with one transaction per event: each event all or nothing, nothing answered before it is durable,
 * a duplicate handled once, one failure costing nobody else their answer.
 */
let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

const log = createLogger('silent');
const count = (sql: string) => (h.db.$client.prepare(sql).pluck().get() as number) ?? 0;

async function claimedItem() {
  await h.say(WHO.supervisor, '/督办 新建 完善实验室安全管理制度 主办:教务处 截止:2026-12-31');
  const slip = h.lastTo(WHO.unitHead);
  await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  return findItemByNumber(h.db, 2026, 1)!;
}

const ev = (eventId: string, event: Record<string, unknown>) => ({ eventId, eventType: 'test.progress', event });

/** Reports progress on the event's item; `fail: true` throws after writing, as a crashing handler would. */
const report: Handler = (deps, event) => {
  applyCommand(deps.ctx, { itemId: event.itemId as number, actorId: WHO.unitHead, channel: 'card', command: { type: 'report_progress', text: String(event.text) }, now: deps.now() });
  if (event.fail) throw new Error(`handler failed on ${String(event.text)}`);
  return { toast: { type: 'success', content: String(event.text) } };
};

describe('events arriving together share a commit and stay separate in every other way', () => {
  it('a failing event in the middle of a batch rolls back only itself; the others are written and answered', async () => {
    const item = await claimedItem();
    const d = createDispatcher(h.bot.deps, { 'test.progress': report });
    const results = await Promise.allSettled([
      d.dispatch(ev('ev-a', { itemId: item.id, text: '第一条' }), log),
      d.dispatch(ev('ev-b', { itemId: item.id, text: '第二条', fail: true }), log),
      d.dispatch(ev('ev-c', { itemId: item.id, text: '第三条' }), log),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<{ toast: { content: string } }>).value.toast.content).toBe('第一条');
    const texts = h.db.$client.prepare("SELECT text FROM progress_reports ORDER BY id").pluck().all();
    expect(texts).toEqual(['第一条', '第三条']);
    expect(count("SELECT count(*) FROM processed_events WHERE event_id IN ('ev-a','ev-b','ev-c')")).toBe(2);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'report_progress'")).toBe(2);
    // Feishu pushes the failed one again: it is done once, the others are not done twice.
    await d.dispatch(ev('ev-b', { itemId: item.id, text: '第二条' }), log);
    await d.dispatch(ev('ev-a', { itemId: item.id, text: '第一条' }), log);
    expect(h.db.$client.prepare("SELECT text FROM progress_reports ORDER BY id").pluck().all()).toEqual(['第一条', '第三条', '第二条']);
  });

  it('the same event twice in one batch is handled once; the copy is acknowledged with nothing', async () => {
    const item = await claimedItem();
    const d = createDispatcher(h.bot.deps, { 'test.progress': report });
    const [first, again] = await Promise.all([
      d.dispatch(ev('ev-dup', { itemId: item.id, text: '进展' }), log),
      d.dispatch(ev('ev-dup', { itemId: item.id, text: '进展' }), log),
    ]);
    expect(first).toEqual({ toast: { type: 'success', content: '进展' } });
    expect(again).toEqual({});
    expect(count('SELECT count(*) FROM progress_reports')).toBe(1);
  });

  it('no answer is given before its event is committed: another connection already sees it', async () => {
    const item = await claimedItem();
    const other = new Database(clientOf(h.db).name, { readonly: true });
    try {
      const d = createDispatcher(h.bot.deps, { 'test.progress': report });
      const seenAtAnswer: number[] = [];
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          d.dispatch(ev(`ev-${i}`, { itemId: item.id, text: `第${i}条` }), log).then(() => {
            seenAtAnswer.push(other.prepare('SELECT count(*) FROM progress_reports').pluck().get() as number);
          }),
        ),
      );
      // All five were handled together, and each answer came after all five were on disk.
      expect(seenAtAnswer).toEqual([5, 5, 5, 5, 5]);
    } finally {
      other.close();
    }
  });

  it(`more than ${MAX_BATCH} events at once are all handled, in the order they came`, async () => {
    const item = await claimedItem();
    const d = createDispatcher(h.bot.deps, { 'test.progress': report });
    const n = MAX_BATCH * 2 + 5;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => d.dispatch(ev(`ev-many-${i}`, { itemId: item.id, text: `#${i}` }), log)));
    expect(answers).toHaveLength(n);
    const texts = h.db.$client.prepare('SELECT text FROM progress_reports ORDER BY id').pluck().all();
    expect(texts).toEqual(Array.from({ length: n }, (_, i) => `#${i}`));
  });

  it('signed card callbacks sent at once through HTTP are each answered with their own redrawn slip', async () => {
    const item = await claimedItem();
    const slip = h.lastTo(WHO.unitHead);
    const value = buttonValue(slip.content, '填报进展');
    const clicks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.click(WHO.unitHead, { ...value, a: 'submit_progress', v: findItemByNumber(h.db, 2026, 1)!.version }, { form: { text: `并发进展 ${i}` }, messageId: slip.message_id }),
      ),
    );
    for (const c of clicks) {
      expect(c.status).toBe(200);
      expect(c.answer.toast?.content).toBe('✅ 进展已记录');
      expect(JSON.stringify(c.answer.card?.data)).toContain(item.number);
    }
    expect(count('SELECT count(*) FROM progress_reports')).toBe(8);
  });
});
