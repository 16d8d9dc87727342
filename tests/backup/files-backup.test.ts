/**
 * A backup carries the stored files: every file the copied database names is copied beside it (FILE.files/, in the
 * store's layout), checked against its digest; restored as the CLI says (the database at DATABASE_PATH, the folder
 * as files/ beside it), every file reads back whole.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli';
import { backup, filesBackupDir } from '../../src/db/backup';
import { openDatabase } from '../../src/db/client';
import { fileById, filesDir, readFileBytes, storeFile, storedPath } from '../../src/files/file-store';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

const NOW = at('2026-11-10');
let t: TestDb;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
});

function withFiles() {
  t = openTestDb();
  const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title: '材料' }), now: NOW });
  const a = storeFile(t.db, { bytes: Buffer.from('%PDF-1.4 一号材料'), name: '一号.pdf', kind: 'evidence', itemId: item.id, createdBy: WHO.unitHead }, NOW).file;
  const b = storeFile(t.db, { bytes: Buffer.alloc(200_000, 9), name: '台账.xlsx', kind: 'ledger', createdBy: 'system' }, NOW).file;
  return { a, b };
}

describe('backup with files', () => {
  it('copies every stored file beside the database copy, and a restore reads them back', async () => {
    const { a, b } = withFiles();
    const dest = join(t.dir, 'backup', 'duban-copy.db');
    mkdirSync(join(t.dir, 'backup'));
    const r = await backup(t.path, dest);
    expect(r.files).toMatchObject({ dir: filesBackupDir(dest), files: 2, copied: 2, missing: [] });
    expect(r.database.counts.find((c) => c.table === 'files')).toMatchObject({ label: '文件', rows: 2 });
    expect(r.files.bytes).toBe(a.size + b.size);
    expect(existsSync(storedPath(filesBackupDir(dest), a.sha256))).toBe(true);

    // A second backup to the same place copies nothing new.
    const again = await backup(t.path, dest, { force: true });
    expect(again.files).toMatchObject({ files: 2, copied: 0 });

    // Restore: the database at a new DATABASE_PATH, the folder as files/ beside it.
    const restored = join(t.dir, 'restored');
    mkdirSync(restored);
    cpSync(dest, join(restored, 'duban.db'));
    cpSync(filesBackupDir(dest), join(restored, 'files'), { recursive: true });
    const db = openDatabase(join(restored, 'duban.db'));
    try {
      expect(filesDir(db)).toBe(join(restored, 'files'));
      for (const f of [a, b]) expect(readFileBytes(db, fileById(db, f.id)!.sha256).equals(readFileBytes(t.db, f.sha256))).toBe(true);
    } finally {
      db.$client.close();
    }
  });

  it('reports a file the database names but the store has lost or damaged, and the CLI exits 1 saying so', async () => {
    const { a } = withFiles();
    writeFileSync(storedPath(filesDir(t.db), a.sha256), 'damaged');
    const dest = join(t.dir, 'b.db');
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void out.push(m));
    const code = await runCli(['backup', dest], { DATABASE_PATH: t.path });
    expect(code).toBe(1);
    expect(out.join('\n')).toContain('文件已备份');
    expect(out.join('\n')).toContain(`1 个文件在文件目录中缺失或已损坏，未能备份：${a.sha256.slice(0, 12)}`);
    expect(out.join('\n')).toContain('.files 文件夹复制为数据库旁的 files 文件夹');
    // The good file is there; the damaged one was not copied as if it were fine.
    expect(readdirSync(filesBackupDir(dest)).flatMap((d) => readdirSync(join(filesBackupDir(dest), d)))).toHaveLength(1);
    rmSync(dest, { force: true });
  });

  it('a database without stored files makes an empty files part', async () => {
    t = openTestDb();
    const r = await backup(t.path, join(t.dir, 'c.db'));
    expect(r.files).toMatchObject({ files: 0, copied: 0, missing: [] });
  });
});
