/**
 * `npm run duban -- export archive --year 2026 --out DIR`: the year's 归档 written as folders on the office's own
 * machine (services/export-archive.ts): one per source category with its 台账, each item's record and evidence.
 * The office's machine exports everything, confidential items too, as the ledger export does.
 */
import type { Config } from './config';
import { openDatabase } from './db/client';
import { formatBytes } from './db/backup';
import { loadCalendar } from './runtime';
import { ArchiveExportError, exportArchive } from './services/export-archive';

export const ARCHIVE_EXPORT_USAGE = `用法：npm run duban -- export archive --year <年份> --out <目录>
  将该年已归档的事项导出到一个新目录：每个来源类别一个文件夹，内含台账（.xlsx），每个事项一个文件夹（办理记录.txt 与佐证材料），
  顶层的 归档清单.txt 列出每个文件的 SHA-256。目录须不存在或为空。`;

export function parseArchiveExportArgs(args: string[]): { year: number; out: string } | string {
  let year: number | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag !== '--year' && flag !== '--out') return `无法识别的参数：${a}`;
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) return `${flag} 后面缺少取值`;
    if (value.length > 1000) return `${flag} 的取值过长`;
    if (flag === '--year') {
      if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2099) return `--year 应为四位年份，如 2026（收到 ${value}）`;
      year = Number(value);
    } else out = value;
  }
  if (year === undefined) return '请用 --year 给出归档年度，如 --year 2026';
  if (!out) return '请用 --out 给出导出目录，如 --out 归档2026';
  return { year, out };
}

export async function archiveExportCommand(config: Config, args: string[], now = new Date()): Promise<number> {
  const parsed = parseArchiveExportArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${ARCHIVE_EXPORT_USAGE}`);
    return 2;
  }
  const db = openDatabase(config.databasePath);
  try {
    const r = await exportArchive(db, loadCalendar(config.calendarFile), parsed.year, parsed.out, now);
    console.log(`${r.year} 年归档已导出：${r.dir}（事项 ${r.items} 项，佐证材料 ${r.evidenceFiles} 个，共 ${formatBytes(r.bytes)}）`);
    for (const c of r.categories) console.log(`  ${c.label}：${c.items} 项，佐证材料 ${c.files} 个`);
    return 0;
  } catch (err) {
    if (err instanceof ArchiveExportError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    db.$client.close();
  }
}
