/**
 * Files asked for in chat are made after the command's commit: a request left unanswered by a crash is answered by
 * the next writer (at start), once, however many writers run; a request that cannot be made is answered with a
 * failure and not tried for ever.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { DocumentWriter, requestImportTemplate, requestLedgerExport, writePendingDocuments } from '../../src/services/document-requests';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

let t: TestDb;
const NOW = at('2026-11-26');
beforeEach(() => {
  t = openTestDb();
  registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput(), now: at('2026-11-02') });
});
afterEach(() => t.close());

const rows = () => t.db.$client.prepare('SELECT msg_type AS type, target_message_id AS target, purpose FROM outbox ORDER BY id').all() as Array<{ type: string; target: string; purpose: string }>;
const origin = (messageId: string) => ({ actorId: WHO.supervisor, messageId, inGroup: false });

describe('document requests', () => {
  it('a request recorded before a crash is answered by the next writer, once', async () => {
    t.db.transaction((tx) => {
      requestLedgerExport(tx, origin('om_1'), { year: 2026 }, NOW);
      requestImportTemplate(tx, origin('om_2'), NOW);
    });
    // Two writers (a restarted process and a kick) race: each request is answered once.
    const [a, b] = await Promise.all([writePendingDocuments(t.ctx), writePendingDocuments(t.ctx)]);
    expect(a + b).toBe(2);
    expect(rows()).toEqual([
      { type: 'file', target: 'om_1', purpose: 'ledger' },
      { type: 'file', target: 'om_2', purpose: 'import_template' },
    ]);
    expect(await writePendingDocuments(t.ctx)).toBe(0);
    const w = new DocumentWriter(t.ctx, createLogger('silent'), () => {});
    w.kick();
    await w.idle();
    expect(rows()).toHaveLength(2);
  });

  it('a request that cannot be made is answered with the failure and closed', async () => {
    t.db.transaction((tx) => requestLedgerExport(tx, origin('om_3'), {}, NOW));
    // The data directory is gone (a full or unmounted disk): the file cannot be stored.
    rmSync(join(t.dir, 'files'), { recursive: true, force: true });
    writeFileSync(join(t.dir, 'files'), 'not a folder');
    expect(await writePendingDocuments(t.ctx, createLogger('silent'))).toBe(1);
    expect(rows()).toEqual([{ type: 'interactive', target: 'om_3', purpose: 'reply' }]);
    expect(await writePendingDocuments(t.ctx)).toBe(0);
  });
});
