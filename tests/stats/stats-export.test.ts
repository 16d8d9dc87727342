/**
 * 导出 Excel after the click: every request is answered once — the workbook stored and queued as a file message to
 * the person, or, when it cannot be made for them any more, a notice saying why — and running the writer again
 * (another kick, a restart, a second process) answers nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAudit } from '../../src/db/history-repository';
import { StatsExportWriter, requestStatsExport, writePendingStatsExports } from '../../src/services/stats-export';
import { createLogger } from '../../src/logger';
import { type TestDb, WHO, at, openTestDb } from '../support/fixtures';
import { scriptSemester } from './semester';

let t: TestDb;
beforeAll(() => {
  t = openTestDb();
  scriptSemester(t.ctx);
});
afterAll(() => t.close());

const outbox = () => t.db.$client.prepare("SELECT receive_id, msg_type, content, dedupe_key FROM outbox WHERE purpose = 'stats_workbook' ORDER BY id").all() as Array<{ receive_id: string; msg_type: string; content: string; dedupe_key: string }>;

describe('statistics workbooks asked for from a card', () => {
  it('answers each request once: the file to the person, or the reason', async () => {
    const now = at('2027-01-20');
    expect(requestStatsExport(t.db, { actorId: WHO.supervisor, channel: 'card', from: '2026-09-01', to: '2026-10-31', unitId: null }, now)).toBe(true);
    // A double click while it is being written records nothing more.
    expect(requestStatsExport(t.db, { actorId: WHO.supervisor, channel: 'card', from: '2026-09-01', to: '2026-10-31', unitId: null }, now)).toBe(false);
    expect(() => requestStatsExport(t.db, { actorId: WHO.stranger, channel: 'card', from: '2026-09-01', to: '2026-10-31', unitId: null }, now)).toThrow('统计仅供');
    // A request whose person may no longer have statistics when it is written (recorded, then their roles went).
    insertAudit(t.db, { itemId: null, actorId: WHO.stranger, channel: 'card', action: 'stats_export', changes: { from: '2026-09-01', to: '2026-10-31', unitId: null }, at: now.toISOString() });

    const first = await writePendingStatsExports(t.ctx);
    expect(first.sent).toBe(1);
    const rows = outbox();
    expect(rows.map((r) => [r.receive_id, r.msg_type])).toEqual([[WHO.supervisor, 'file'], [WHO.stranger, 'interactive']]);
    const fileId = (JSON.parse(rows[0]!.content) as { fileId: number }).fileId;
    const file = t.db.$client.prepare('SELECT name, kind, mime FROM files WHERE id = ?').get(fileId);
    expect(file).toEqual({ name: '督查督办统计-2026年9–10月.xlsx', kind: 'stats', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(rows[1]!.content).toContain('统计仅供');

    // Again, from the start (a restart) and through a writer: nothing more.
    expect((await writePendingStatsExports(t.ctx)).sent).toBe(0);
    const writer = new StatsExportWriter(t.ctx, createLogger('silent'), () => {});
    writer.kick();
    await writer.idle();
    expect(outbox()).toHaveLength(2);
    const answers = t.db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'stats_export%' ORDER BY id").pluck().all();
    expect(answers).toEqual(['stats_export', 'stats_export', 'stats_export_sent', 'stats_export_failed']);
  });
});
