/**
 * `/督办 绑定`: one chat belongs to at most one unit. Binding a chat another unit holds is refused with how to
 * confirm; confirmed, the chat moves in one transaction with its audit row. The database enforces it too.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { findUnit, findUnitByChat } from '../../src/db/org-repository';
import { units } from '../../src/db/schema';
import { ErrorCode } from '../../src/domain/errors';
import { BIND_CONFIRM_WORD, type BindChatResult, bindUnitChat } from '../../src/services/bind-chat';
import { dumpTables, refusal } from '../support/assertions';
import { type TestDb, WHO, openTestDb } from '../support/fixtures';

let t: TestDb;
beforeEach(() => {
  t = openTestDb(); // TEST_ORG: 教务处 oc_jwc, 科研处 oc_kyc, 人事处 without a chat
});
afterEach(() => t.close());

const NOW = new Date('2026-11-02T02:00:00Z');
const binds = () =>
  t.db.$client.prepare("SELECT actor_id, channel, changes, at FROM audit_log WHERE action = 'bind_chat' ORDER BY id").all() as {
    actor_id: string;
    changes: string;
  }[];

describe('bindUnitChat', () => {
  it('binds a free chat, audited, and hands the result to `then` inside the transaction', () => {
    const seen: BindChatResult[] = [];
    const r = bindUnitChat(t.ctx, findUnit(t.db, 'rsc')!, 'oc_rsc', WHO.supervisor, NOW, (_tx, res) => void seen.push(res));
    expect(r).toMatchObject({ previousChatId: null, movedFrom: null, unchanged: false, unit: { id: 'rsc', chatId: 'oc_rsc' } });
    expect(seen).toEqual([r]);
    expect(findUnit(t.db, 'rsc')).toMatchObject({ chatId: 'oc_rsc', updatedAt: NOW.toISOString() });
    expect(binds().map((b) => JSON.parse(b.changes))).toEqual([{ unit: 'rsc', chatId: [null, 'oc_rsc'] }]);
  });

  it("refuses a chat another unit holds, naming that unit and how to confirm; nothing changes", () => {
    const before = dumpTables(t.db);
    let thenRan = false;
    const e = refusal(() => bindUnitChat(t.ctx, findUnit(t.db, 'jwc')!, 'oc_kyc', WHO.supervisor, NOW, () => void (thenRan = true)));
    expect(e.code).toBe(ErrorCode.Conflict);
    expect(e.message).toContain('科研处');
    expect(e.message).toContain(`/督办 绑定 教务处 ${BIND_CONFIRM_WORD}`);
    expect(e.details).toEqual({ chatId: 'oc_kyc', unit: 'jwc', heldBy: 'kyc' });
    expect(thenRan).toBe(false);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('with confirm, moves the chat: the other unit loses it, in one audited transaction', () => {
    const r = bindUnitChat(t.ctx, findUnit(t.db, 'rsc')!, 'oc_kyc', WHO.supervisor, NOW, undefined, { confirm: true });
    expect(r).toMatchObject({ previousChatId: null, unchanged: false, movedFrom: { id: 'kyc', name: '科研处', chatId: null } });
    expect(findUnit(t.db, 'rsc')!.chatId).toBe('oc_kyc');
    expect(findUnit(t.db, 'kyc')).toMatchObject({ chatId: null, updatedAt: NOW.toISOString() });
    expect(findUnitByChat(t.db, 'oc_kyc')!.id).toBe('rsc');
    expect(binds().map((b) => JSON.parse(b.changes))).toEqual([{ unit: 'rsc', chatId: [null, 'oc_kyc'], movedFrom: 'kyc' }]);
  });

  it('with confirm, a unit that had a chat gets the new one (its old chat becomes free)', () => {
    bindUnitChat(t.ctx, findUnit(t.db, 'jwc')!, 'oc_kyc', WHO.supervisor, NOW, undefined, { confirm: true });
    expect([findUnit(t.db, 'jwc')!.chatId, findUnit(t.db, 'kyc')!.chatId]).toEqual(['oc_kyc', null]);
    expect(findUnitByChat(t.db, 'oc_jwc')).toBeNull();
  });

  it('binding the chat the unit already has writes nothing, and still runs `then` (the reply)', () => {
    const before = dumpTables(t.db);
    let ran: BindChatResult | null = null;
    const r = bindUnitChat(t.ctx, findUnit(t.db, 'jwc')!, 'oc_jwc', WHO.unitHead, NOW, (_tx, res) => void (ran = res));
    expect(r).toMatchObject({ unchanged: true, movedFrom: null, previousChatId: 'oc_jwc' });
    expect(ran).toEqual(r);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('reads the unit afresh: a stale row does not undo a binding made meanwhile', () => {
    const stale = findUnit(t.db, 'rsc')!;
    bindUnitChat(t.ctx, stale, 'oc_rsc', WHO.supervisor, NOW);
    const r = bindUnitChat(t.ctx, stale, 'oc_rsc2', WHO.supervisor, NOW);
    expect(r.previousChatId).toBe('oc_rsc');
  });

  it('is still only for supervisors, admins and the unit head', () => {
    expect(refusal(() => bindUnitChat(t.ctx, findUnit(t.db, 'rsc')!, 'oc_x', WHO.liaison, NOW)).code).toBe(ErrorCode.Forbidden);
  });
});

describe('units_chat: the database keeps one unit per chat', () => {
  it('refuses a second unit with the same chat', () => {
    expect(() => t.db.update(units).set({ chatId: 'oc_jwc' }).where(eq(units.id, 'rsc')).run()).toThrow(/UNIQUE/);
  });

  it('migration 0009 keeps a chat bound twice before it with the unit that got it last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-0009-'));
    try {
      // The migrations up to 0008, as an existing installation has them.
      const folder = join(dir, 'drizzle');
      cpSync(fileURLToPath(new URL('../../drizzle/', import.meta.url)), folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      journal.entries = journal.entries.filter((e) => e.tag < '0009');
      writeFileSync(journalPath, JSON.stringify(journal));
      const path = join(dir, 'old.db');
      const old = new Database(path);
      migrate(drizzle(old), { migrationsFolder: folder });
      const ins = old.prepare('INSERT INTO units (id, name, chat_id, updated_at) VALUES (?, ?, ?, ?)');
      ins.run('a', '甲', 'oc_x', '2026-01-01T00:00:00.000Z');
      ins.run('b', '乙', 'oc_x', '2026-03-01T00:00:00.000Z');
      ins.run('c', '丙', 'oc_y', '2026-01-01T00:00:00.000Z');
      old.close();

      const db = openDatabase(path);
      try {
        const rows = db.$client.prepare('SELECT id, chat_id FROM units ORDER BY id').all();
        expect(rows).toEqual([
          { id: 'a', chat_id: null },
          { id: 'b', chat_id: 'oc_x' },
          { id: 'c', chat_id: 'oc_y' },
        ]);
        expect(db.$client.prepare("SELECT name_checked_at, name_error FROM people LIMIT 0").columns().map((c) => c.name)).toEqual([
          'name_checked_at',
          'name_error',
        ]);
      } finally {
        db.$client.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
