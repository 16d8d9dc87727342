/**
 * `export archive --year 2026 --out DIR`: the year's archive as folders the office keeps (NWU art. 6(四) 分类归档，
 * 妥善保管): one folder per source category with its 台账 (the ledger of that category's filed items), and per item a
 * folder with its whole record as text and its evidence files; a 清单 at the top lists every file with its SHA-256.
 * Written under a temporary name beside DIR and renamed into place, so a failed export leaves no half folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { categoryFolderName } from '../domain/archive';
import type { WorkCalendar } from '../domain/calendar';
import { SOURCE_LABELS, type SourceCategory, SourceCategories } from '../domain/item';
import type { Db } from '../db/client';
import { filesOfItem } from '../db/file-repository';
import { listCompletions, listExtensions, listHistory, listProgress } from '../db/history-repository';
import { hydrate } from '../db/item-repository';
import { personNamer, unitNamer } from '../db/org-repository';
import { items } from '../db/schema';
import { itemHistoryText } from '../documents/item-history-text';
import { readFileBytes, safeFileName } from '../files/file-store';
import { ledgerBytes, ledgerFor } from './export-ledger';

export class ArchiveExportError extends Error {
  override name = 'ArchiveExportError';
}

export interface ArchiveExport {
  dir: string;
  year: number;
  categories: Array<{ category: SourceCategory; label: string; items: number; files: number }>;
  items: number;
  evidenceFiles: number;
  bytes: number;
}

/** A name safe as a folder on Windows, macOS and Linux, at most `max` characters. */
function folderName(text: string, max = 60): string {
  const clean = text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/[. ]+$/, '').trim();
  return Array.from(clean).slice(0, max).join('') || '_';
}

/** `name`, or `name (2)`… when the folder already holds one by that name (two evidence files may share a name). */
function uniqueName(taken: Set<string>, name: string): string {
  let candidate = name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export async function exportArchive(db: Db, calendar: WorkCalendar, year: number, outDir: string, now: Date): Promise<ArchiveExport> {
  const target = resolve(outDir);
  if (existsSync(target) && readdirSync(target).length) throw new ArchiveExportError(`目录已存在且不为空：${target}（请指定新目录）`);
  if (!existsSync(dirname(target))) throw new ArchiveExportError(`上级目录不存在：${dirname(target)}`);
  const filed = hydrate(db, db.select().from(items).where(and(eq(items.state, 'archived'), eq(items.archiveYear, year))).orderBy(asc(items.year), asc(items.seq)).all());
  if (!filed.length) throw new ArchiveExportError(`${year} 年没有已归档的事项（可先在飞书中发送“/督办 归档 ${year}”，或等待自动归档）`);

  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const names = { unitName: unitNamer(db), personName: personNamer(db) };
  const manifest: string[] = [];
  const out: ArchiveExport = { dir: target, year, categories: [], items: 0, evidenceFiles: 0, bytes: 0 };
  const write = (path: string, bytes: Buffer | string) => {
    const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, b);
    out.bytes += b.length;
    manifest.push(`${createHash('sha256').update(b).digest('hex')}  ${relative(partial, path).split('\\').join('/')}`);
  };
  try {
    for (const category of SourceCategories) {
      const inCategory = filed.filter((i) => i.archiveCategory === category);
      if (!inCategory.length) continue;
      const catDir = join(partial, categoryFolderName(category));
      const ledger = ledgerFor(db, calendar, 'office', { archiveYear: year, archiveCategory: category }, now);
      write(join(catDir, `督办台账-${year}年归档-${categoryFolderName(category)}.xlsx`), await ledgerBytes(ledger));
      let files = 0;
      const taken = new Set<string>();
      for (const item of inCategory) {
        const itemDir = join(catDir, uniqueName(taken, folderName(`${item.number} ${item.title}`)));
        const evidence = filesOfItem(db, item.id, 'evidence');
        const record = { item, history: listHistory(db, item.id), progress: listProgress(db, item.id), extensions: listExtensions(db, item.id), completions: listCompletions(db, item.id), evidence };
        write(join(itemDir, '办理记录.txt'), itemHistoryText(record, names));
        const inFolder = new Set<string>();
        for (const f of evidence) {
          // Checked against its digest on the way out: a damaged copy stops the export rather than being filed.
          write(join(itemDir, '佐证材料', uniqueName(inFolder, safeFileName(f.name))), readFileBytes(db, f.sha256));
          files++;
        }
        out.items++;
      }
      out.evidenceFiles += files;
      out.categories.push({ category, label: SOURCE_LABELS[category], items: inCategory.length, files });
    }
    const header = [
      `督办事项归档 ${year} 年`,
      `导出时间：${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`,
      `事项 ${out.items} 项，佐证材料 ${out.evidenceFiles} 个；按来源类别：${out.categories.map((c) => `${c.label} ${c.items} 项`).join('，')}`,
      '下列为每个文件的 SHA-256 校验值（可用 sha256sum -c 核对）：',
      '',
    ];
    writeFileSync(join(partial, '归档清单.txt'), `${header.join('\r\n')}${manifest.join('\r\n')}\r\n`);
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(partial, target);
    return out;
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    if (err instanceof ArchiveExportError) throw err;
    throw new ArchiveExportError(`归档导出失败：${err instanceof Error ? err.message : String(err)}`);
  }
}
