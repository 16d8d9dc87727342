import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DbOrTx } from '../db/client';
import { type FileRow, insertFile } from '../db/file-repository';

export type StoredFile = FileRow;
export { fileById, filesOfItem } from '../db/file-repository';

/** What a file is for (files.kind). */
export type FileKind = 'evidence' | 'notice' | 'referral' | 'ledger' | 'import_report' | 'template' | 'stats' | 'bulletin' | 'archive';

/** Feishu takes at most 30 MB per upload (FEISHU.md), so nothing larger is kept to be sent. */
export const FEISHU_UPLOAD_MAX_BYTES = 30 * 1024 * 1024;

/**
 * The folder of stored files: `files/` beside the database, so the data directory holds everything a backup needs
 * and a test's temporary database gets its own. The Drizzle handle knows its file (better-sqlite3's `name`).
 */
export function filesDir(db: DbOrTx): string {
  const name = (db as unknown as { $client?: { name?: string } }).$client?.name ?? (db as unknown as { session?: { client?: { name?: string } } }).session?.client?.name;
  if (!name || name === ':memory:' || name === '') throw new Error('stored files need a database on disk (an in-memory database has no data directory)');
  return join(dirname(resolve(name)), 'files');
}

/** Where a file with this digest lives: `files/ab/abcdef…` (two-character fan-out keeps folders small). */
export const storedPath = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/**
 * The bytes are written before the row (to a temporary name, then renamed, so a crash never leaves half a file
 * under a digest name); a rolled-back transaction leaves at most an unreferenced file, never a row without bytes.
 */
export function storeFile(
  db: DbOrTx,
  f: { bytes: Buffer; name: string; kind: FileKind; itemId?: number | null; createdBy: string; sourceMessageId?: string | null; mime?: string },
  now: Date,
): { file: StoredFile; created: boolean } {
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  const path = storedPath(filesDir(db), sha256);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.bytes);
    renameSync(tmp, path);
  }
  return insertFile(db, {
    sha256,
    size: f.bytes.length,
    mime: f.mime ?? 'application/octet-stream',
    name: safeFileName(f.name),
    kind: f.kind,
    itemId: f.itemId ?? null,
    createdBy: f.createdBy,
    sourceMessageId: f.sourceMessageId ?? null,
    createdAt: now.toISOString(),
  });
}

/** The bytes of a stored file, checked against their digest (a damaged copy is an error, never sent). */
export function readFileBytes(db: DbOrTx, sha256: string): Buffer {
  const bytes = readFileSync(storedPath(filesDir(db), sha256));
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error(`stored file ${sha256.slice(0, 12)}… is damaged`);
  return bytes;
}

/** The type by content (magic numbers), never by name; null when the content says nothing (plain text, unknown). */
export async function detectFileType(bytes: Buffer): Promise<{ mime: string; ext: string } | null> {
  // Loaded when a file is first checked, not at start (it and its readers are a few MB the idle server need not hold).
  const { fileTypeFromBuffer } = await import('file-type');
  const t = await fileTypeFromBuffer(bytes);
  return t ? { mime: t.mime, ext: t.ext } : null;
}

/** A name safe to show and to send: no folders, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  const clean = base === '' || base === '.' || base === '..' ? 'file' : base;
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 120 - ext.length) + ext;
}

/** Feishu's `file_type` for an upload, from the name: its documented kinds, else `stream`. */
export function feishuFileType(name: string): 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream' {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'xls' || ext === 'xlsx' || ext === 'csv') return 'xls';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  if (ext === 'mp4') return 'mp4';
  if (ext === 'opus') return 'opus';
  return 'stream';
}
