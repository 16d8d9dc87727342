/**
 * The draft's file is written after the transaction that recorded the draft: a crash in between leaves a draft
 * without a file that the next run writes, and two writers at once write it once. An empty period still makes a
 * proper 通报 (rates “—”, each section saying there is nothing).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { draftsWithoutFile } from '../../src/db/bulletin-repository';
import { bimonthly } from '../../src/domain/stats-periods';
import { readFileBytes } from '../../src/files/file-store';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { publishBulletin, requestBulletin, writePendingBulletins } from '../../src/services/bulletins';
import { type TestDb, WHO, at, openTestDb } from '../support/fixtures';
import { docxParagraphs, docxTableRows } from './docx-text';

let t: TestDb;
beforeEach(() => {
  t = openTestDb();
});
afterEach(() => t.close());

const outbox = () => t.db.$client.prepare("SELECT receive_id, msg_type, purpose FROM outbox WHERE purpose = 'bulletin_draft' ORDER BY id").all();

describe('writing the draft', () => {
  it('a draft recorded before a crash is written by the next run, once', async () => {
    const b = requestBulletin(t.ctx, { actorId: WHO.supervisor, period: bimonthly(2026, 5), channel: 'command' }, at('2026-11-03'));
    expect(b.number).toBe('督查通报〔2026〕第1期');
    // The process died here: the draft is recorded, its number taken, no file, nothing sent.
    expect(draftsWithoutFile(t.db).map((d) => d.id)).toEqual([b.id]);
    expect(outbox()).toEqual([]);

    expect(await writePendingBulletins(t.ctx, DEFAULT_SCHEDULE.bulletin)).toBe(1);
    expect(await writePendingBulletins(t.ctx, DEFAULT_SCHEDULE.bulletin)).toBe(0);
    expect(outbox()).toEqual([
      { receive_id: WHO.supervisor, msg_type: 'file', purpose: 'bulletin_draft' },
      { receive_id: WHO.supervisor, msg_type: 'interactive', purpose: 'bulletin_draft' },
    ]);
    const file = t.db.$client.prepare("SELECT f.* FROM files f JOIN bulletins b ON b.file_id = f.id").get() as { sha256: string; mime: string; name: string; kind: string };
    expect([file.name, file.kind, file.mime]).toEqual(['督查通报〔2026〕第1期.docx', 'bulletin', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);

    // Nothing was registered: every section says so, and the rates are “—”, never 0%.
    const bytes = readFileBytes(t.db, file.sha256);
    const p = await docxParagraphs(bytes);
    expect(p).toContain('2026年9–10月，全校在办督办事项 0 项，本期无应办结事项。');
    for (const line of ['本期无办结事项。', '本期无逾期未办结事项。', '本期暂无督查室标记的典型经验。', '本期未发现需要通报的问题。']) expect(p).toContain(line);
    expect((await docxTableRows(bytes)).at(-1)).toEqual(['全校合计', '0', '0', '0', '0', '0', '0', '0', '—', '—']);
  });

  it('two writers at once (two processes on one database) write the file and send the draft once', async () => {
    requestBulletin(t.ctx, { actorId: WHO.supervisor, period: bimonthly(2026, 5), channel: 'command' }, at('2026-11-03'));
    const second = openDatabase(t.path);
    try {
      const [a, b] = await Promise.all([
        writePendingBulletins(t.ctx, DEFAULT_SCHEDULE.bulletin),
        writePendingBulletins({ db: second, calendar: t.ctx.calendar }, DEFAULT_SCHEDULE.bulletin),
      ]);
      expect(a + b).toBe(1);
    } finally {
      second.$client.close();
    }
    expect(outbox()).toHaveLength(2);
    expect(t.db.$client.prepare("SELECT count(*) FROM files WHERE kind = 'bulletin'").pluck().get()).toBe(1);
    expect(t.db.$client.prepare("SELECT count(*) FROM audit_log WHERE action = 'bulletin_file'").pluck().get()).toBe(1);
  });

  it('published at night: the publisher has it at once, everyone else at 08:00 the next working day', async () => {
    const b = requestBulletin(t.ctx, { actorId: WHO.supervisor, period: bimonthly(2026, 5), channel: 'command' }, at('2026-11-05', '21:00'));
    await writePendingBulletins(t.ctx, DEFAULT_SCHEDULE.bulletin);
    const night = at('2026-11-06', '21:30'); // a Friday: the next working day is Monday 11-09
    publishBulletin(t.ctx, { ...DEFAULT_SCHEDULE.bulletin, quietHours: DEFAULT_SCHEDULE.quietHours }, { bulletinId: b.id, actorId: WHO.supervisor, channel: 'card' }, night);
    const rows = t.db.$client.prepare("SELECT receive_id, next_attempt_at FROM outbox WHERE purpose = 'bulletin'").all() as { receive_id: string; next_attempt_at: string }[];
    const when = new Map(rows.map((r) => [r.receive_id, r.next_attempt_at]));
    expect(when.get(WHO.supervisor)).toBe(night.toISOString());
    expect(when.get(WHO.observer)).toBe(at('2026-11-09', '08:00').toISOString());
    expect(when.get('ou_head_rsc')).toBe(at('2026-11-09', '08:00').toISOString());
    expect(rows.length).toBe(2 * when.size);
  });
});

