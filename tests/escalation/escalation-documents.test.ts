import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { escalationsOfItem } from '../../src/db/escalation-repository';
import { parseScheduleConfig } from '../../src/scheduler/schedule-config';
import { type FinisherDeps, writePendingDocuments } from '../../src/services/escalation-documents';
import { issueEscalation } from '../../src/services/escalations';
import { registerItem } from '../../src/services/register-item';
import { applyCommand } from '../../src/services/apply-command';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

let t: TestDb;
afterEach(() => t?.close());

const settings = { school: '西北大学', office: '督查室' };

function overdueItem(): number {
  const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ deadline: '2026-11-20' }), now: at('2026-11-16') });
  applyCommand(t.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'command', command: { type: 'send_slip' }, now: at('2026-11-16') });
  applyCommand(t.ctx, { itemId: item.id, actorId: WHO.unitHead, channel: 'command', command: { type: 'claim' }, now: at('2026-11-16') });
  return item.id;
}

const deps = (): FinisherDeps => ({ db: t.db, calendar: t.ctx.calendar, settings, feishuCalendar: null, log: createLogger('silent'), clock: () => at('2026-12-07', '10:00') });
const count = (sql: string) => t.db.$client.prepare(sql).pluck().get() as number;

describe('the documents after the commit', () => {
  it('a notice recorded before a crash gets its file on the next run, once, even with two runs at the same time', async () => {
    t = openTestDb();
    const id = overdueItem();
    // The issuing transaction committed; the process died before writing the document.
    const { row } = issueEscalation(t.ctx, settings, { itemId: id, actorId: WHO.supervisor, channel: 'command', time: '2026-12-09 15:00', place: '行政楼301' }, at('2026-12-07'));
    expect(row.fileId).toBeNull();
    expect(count("SELECT count(*) FROM outbox WHERE msg_type = 'file'")).toBe(0);
    // The cards went with the step, in its transaction.
    expect(count("SELECT count(*) FROM outbox WHERE purpose = 'interview_notice' AND receive_id = 'ou_head_jwc'")).toBe(1);

    const [a, b] = await Promise.all([writePendingDocuments(deps()), writePendingDocuments(deps())]);
    expect(a + b).toBe(1);
    const [after] = escalationsOfItem(t.db, id);
    expect(after!.fileId).not.toBeNull();
    expect(count("SELECT count(*) FROM files WHERE kind = 'notice'")).toBe(1);
    // One file message per recipient: the unit head and the three leaders (李副校长, 赵副校长, 张校长).
    const files = t.db.$client.prepare("SELECT receive_id FROM outbox WHERE msg_type = 'file' ORDER BY receive_id").pluck().all();
    expect(files).toEqual(['ou_head_jwc', 'ou_pres', 'ou_vp1', 'ou_vp2']);
    expect(await writePendingDocuments(deps())).toBe(0);
    expect(count("SELECT count(*) FROM outbox WHERE msg_type = 'file'")).toBe(4);
  });

  it('a refused issue leaves nothing behind: no number taken, no row, no message, no history', async () => {
    t = openTestDb();
    const id = overdueItem();
    const before = count('SELECT count(*) FROM audit_log');
    expect(() => issueEscalation(t.ctx, settings, { itemId: id, actorId: WHO.supervisor, channel: 'command', time: '2026-12-09 15:00', place: '' }, at('2026-12-07'))).toThrow(/请填写约谈地点/);
    expect(count('SELECT count(*) FROM doc_sequences')).toBe(0);
    expect(count('SELECT count(*) FROM escalations')).toBe(0);
    expect(count("SELECT count(*) FROM outbox WHERE purpose LIKE 'interview%'")).toBe(0);
    expect(count('SELECT count(*) FROM audit_log')).toBe(before);
  });
});

describe('the schedule file', () => {
  it('reads escalation.interview2After, referralAfter, school and calendarId, and refuses bad values naming them', () => {
    const cfg = parseScheduleConfig('escalation:\n  interview2After: 5\n  referralAfter: 15\n  school: 西江大学\n  calendarId: feishu.cn_abc@group.calendar.feishu.cn\n');
    expect(cfg.escalation).toEqual({ interview2After: 5, referralAfter: 15, school: '西江大学', calendarId: 'feishu.cn_abc@group.calendar.feishu.cn' });
    expect(parseScheduleConfig('').escalation).toEqual({ interview2After: 10, referralAfter: 10, school: '', calendarId: null });
    expect(() => parseScheduleConfig('escalation:\n  interview2After: -1\n')).toThrow(/escalation\.interview2After/);
    expect(() => parseScheduleConfig('escalation:\n  calender: x\n')).toThrow(/escalation/);
  });
});
