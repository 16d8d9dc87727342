/**
 * The background writers are woken after every event but run only when this process wrote a row they answer
 * (db/write-signals.ts): a plain chat command starts none of them; a request for the ledger starts the document
 * writer, which sends the file; the writers' start-up and periodic runs (kick) still find rows of other processes.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { insertAudit } from '../../src/db/history-repository';
import { WriteGate } from '../../src/db/write-signals';
import { type Bot, startBot } from '../e2e/harness';
import { WHO, openTestDb } from '../support/fixtures';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

it('a gate moves once per batch of rows written, and only for its kinds', () => {
  const t = openTestDb();
  const gate = new WriteGate(t.db, ['request']);
  expect(gate.moved()).toBe(true); // the first wake runs (what is pending at start)
  expect(gate.moved()).toBe(false);
  t.db.transaction((tx) => insertAudit(tx, { itemId: null, actorId: WHO.supervisor, channel: 'command', action: 'export_ledger', changes: {}, at: new Date().toISOString() }));
  expect(gate.moved()).toBe(true);
  expect(gate.moved()).toBe(false);
  // The items' own history is not a request: nothing to wake for.
  const item = t.db.$client.prepare('SELECT id FROM items LIMIT 1').pluck().get() as number | undefined;
  if (item !== undefined) {
    insertAudit(t.db, { itemId: item, actorId: WHO.supervisor, channel: 'command', action: 'urge', changes: {}, at: new Date().toISOString() });
    expect(gate.moved()).toBe(false);
  }
  expect(new WriteGate(t.db, ['bulletin', 'escalation', 'inbound']).moved()).toBe(true);
});

it('a command that asks for no file wakes no writer; /督办 导出 wakes the document writer once, and the file is sent', async () => {
  await h.say(WHO.supervisor, '/督办 新建 人才引进年度计划 主办:人事处 截止:2026-12-15');
  await h.flush();
  const spies = [h.bot.documents, h.bot.statsExports, h.bot.bulletins, h.bot.escalations, h.bot.downloader].map((w) => vi.spyOn(w, 'kick'));
  await h.say(WHO.supervisor, '/督办 帮助');
  await h.say(WHO.supervisor, '/督办 列表');
  await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2027-06-30');
  await h.flush();
  expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);

  const { messageId } = await h.say(WHO.supervisor, '/督办 导出');
  await h.bot.documents.idle();
  await h.flush();
  // The document writer and the statistics exports share the kind (an audit row of no item); the rest stay asleep.
  expect(spies.map((s) => s.mock.calls.length)).toEqual([1, 1, 0, 0, 0]);
  expect(h.repliesTo(messageId).some((m) => m.msg_type === 'file')).toBe(true);
});
