import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export class BackupError extends Error {
  override name = 'BackupError';
}

/** The tables a backup reports, as the office reads them. */
const COUNTED: Array<[table: string, label: string, unit: string]> = [
  ['items', '督办事项', '条'],
  ['audit_log', '操作记录', '条'],
  ['progress_reports', '进展报送', '条'],
  ['chases', '催办记录', '条'],
  ['files', '文件', '个'],
  ['outbox', '消息', '条'],
  ['processed_events', '已处理事件', '条'],
  ['units', '单位', '个'],
  ['people', '人员', '人'],
];

export interface DatabaseCopy {
  path: string;
  bytes: number;
  /** PRAGMA integrity_check of the copy: 'ok' or the first problems found. */
  integrity: string;
  counts: Array<{ table: string; label: string; unit: string; rows: number }>;
  /** Messages still to be sent in the copy (they go out when a server is started on it). */
  pendingMessages: number;
}

/** The stored files (evidence, documents) a backup carries: the folder beside the copy, `FILE.files/`. */
export interface FilesCopy {
  dir: string;
  /** Files the copied database names, all present in `dir` and checked against their digest. */
  files: number;
  bytes: number;
  /** Copied this time (the rest were already there from an earlier backup to the same place). */
  copied: number;
  /** Named by the database but not found (or damaged) in the live store: reported, the backup still made. */
  missing: string[];
}

/**
 * What a backup is made of: the database, then the stored files it names, copied next to it after the database
 * (files are only ever added, so every file the copied database names is there to copy).
 */
export interface Backup {
  database: DatabaseCopy;
  files: FilesCopy;
}

export interface BackupOptions {
  /** Replace `dest` if it exists (and the -wal/-shm files an old database there may have left). */
  force?: boolean;
}

/** An online, consistent copy of the live database at `dest` (see copyDatabase). */
export async function backup(databasePath: string, dest: string, opts: BackupOptions = {}): Promise<Backup> {
  const database = await copyDatabase(databasePath, dest, opts);
  return { database, files: copyStoredFiles(database.path, join(dirname(resolve(databasePath)), 'files'), filesBackupDir(database.path)) };
}

/** Where a backup's files go: beside the copy, named after it (`duban-2026-12-01.db.files/`). */
export const filesBackupDir = (backupPath: string) => `${resolve(backupPath)}.files`;

/**
 * Copies every stored file the copied database names (files.sha256) from the live store (`files/` beside the
 * database) into `destDir`, in the store's own layout (`ab/abcdef…`), so restoring is copying the folder back.
 * Each copy is checked against its digest and written under a temporary name first; a file already there with the
 * right content (an earlier backup to the same place) is kept, so a nightly backup copies only what is new.
 */
export function copyStoredFiles(copiedDatabase: string, sourceDir: string, destDir: string): FilesCopy {
  const db = new Database(copiedDatabase, { readonly: true, fileMustExist: true });
  let digests: string[];
  try {
    const hasFiles = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'files'").pluck().get() as number;
    digests = hasFiles ? (db.prepare('SELECT DISTINCT sha256 FROM files ORDER BY sha256').pluck().all() as string[]) : [];
  } finally {
    db.close();
  }
  const out: FilesCopy = { dir: destDir, files: 0, bytes: 0, copied: 0, missing: [] };
  const digestOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  for (const sha of digests) {
    if (!/^[0-9a-f]{64}$/.test(sha)) {
      out.missing.push(sha);
      continue;
    }
    const rel = join(sha.slice(0, 2), sha);
    const target = join(destDir, rel);
    if (existsSync(target) && digestOf(target) === sha) {
      out.files++;
      out.bytes += statSync(target).size;
      continue;
    }
    const source = join(sourceDir, rel);
    if (!existsSync(source) || digestOf(source) !== sha) {
      out.missing.push(sha);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial-${process.pid}`;
    copyFileSync(source, partial);
    if (digestOf(partial) !== sha) {
      rmSync(partial, { force: true });
      throw new BackupError(`文件复制后校验不一致：${rel}`);
    }
    renameSync(partial, target);
    out.files++;
    out.copied++;
    out.bytes += statSync(target).size;
  }
  return out;
}

/**
 * Copies the database with SQLite's backup API while the server runs and writes. The copy is taken in one step,
 * i.e. one read transaction: it is the database as of one commit, and in WAL mode the server keeps writing
 * meanwhile (a copy made in many small steps restarts whenever another process writes, and might never finish).
 * The source is opened without migrating it: a newer CLI must not change the schema under an older server. The
 * copy is written beside `dest` and renamed into place once checked, so a failed backup never leaves a half file
 * under the name given, and it is a single self-contained file (journal mode DELETE, no -wal to carry along).
 */
export async function copyDatabase(databasePath: string, dest: string, opts: BackupOptions = {}): Promise<DatabaseCopy> {
  const source = resolve(databasePath);
  const target = resolve(dest);
  if (!existsSync(source)) throw new BackupError(`数据库文件不存在：${source}（请检查 DATABASE_PATH）`);
  if (!existsSync(dirname(target))) throw new BackupError(`备份目录不存在：${dirname(target)}`);
  if (existsSync(target)) {
    if (realpathSync(target) === realpathSync(source)) throw new BackupError(`备份文件不能是数据库本身：${target}`);
    if (!opts.force) throw new BackupError(`备份文件已存在：${target}。如需覆盖，请加 --force`);
  }
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    let src: Database.Database | undefined;
    try {
      src = new Database(source, { fileMustExist: true });
      src.pragma('busy_timeout = 5000');
      // The first step only measures; the next copies every remaining page at once.
      await src.backup(partial, { progress: () => 0x7fffffff });
    } catch (err) {
      throw new BackupError(`无法读取数据库（${source}）：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      src?.close();
    }
    const checked = inspect(partial);
    if (checked.integrity !== 'ok') throw new BackupError(`备份文件完整性检查未通过：${checked.integrity}`);
    if (opts.force) for (const leftover of [`${target}-wal`, `${target}-shm`]) rmSync(leftover, { force: true });
    renameSync(partial, target);
    return { path: target, bytes: statSync(target).size, ...checked };
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`备份失败（${target}）：${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Makes the copy self-contained and reads what it holds. */
function inspect(path: string): Omit<DatabaseCopy, 'path' | 'bytes'> {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const problems = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    const integrity = problems.map((p) => p.integrity_check).slice(0, 5).join('; ');
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const counts = COUNTED.filter(([table]) => tables.has(table)).map(([table, label, unit]) => ({
      table,
      label,
      unit,
      rows: db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number,
    }));
    const pendingMessages = tables.has('outbox') ? (db.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck().get() as number) : 0;
    return { integrity, counts, pendingMessages };
  } finally {
    db.close();
  }
}

/** "12.3 MB", "840 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
