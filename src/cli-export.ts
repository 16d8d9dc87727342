/**
 * `npm run duban -- export ledger --out FILE.xlsx [--year 2026] [--unit <id|名称>] [--state <状态>[,<状态>]]
 * [--archive-year 2025] [--archive-category <来源类别>] [--at <YYYY-MM-DD>] [--force]`: the 台账 written to a file on
 * the office's own machine, which exports everything (confidential items too); the same query as the chat export.
 */
import { readFlags } from './cli-flags';
import { existsSync, writeFileSync } from 'node:fs';
import type { Config } from './config';
import { openDatabase } from './db/client';
import { listUnits } from './db/org-repository';
import { isValidDate } from './domain/dates';
import { type ItemState, ItemStates, SOURCE_LABELS, STATE_LABELS, SourceCategories } from './domain/item';
import { loadCalendar } from './runtime';
import { type LedgerFilter, ledgerBytes, ledgerFor } from './services/export-ledger';

export const EXPORT_USAGE = `用法：npm run duban -- export ledger --out <FILE.xlsx> [--year <年份>] [--unit <单位id或名称>] [--state <状态>[,<状态>]]
                     [--archive-year <年份>] [--archive-category <来源类别>] [--at <YYYY-MM-DD>] [--force]
  例如 npm run duban -- export ledger --out 台账.xlsx --year 2026 --state 办理中,待审核
  状态可写：${ItemStates.map((s) => STATE_LABELS[s]).join('、')}（或 registered、in_progress 等）；已办结 = 已销号、已归档
  --at 按该日计算红黄绿灯和剩余工作日（默认今天）；FILE 已存在时须加 --force 才覆盖`;

interface ExportArgs {
  out: string;
  year?: string;
  unit?: string;
  state?: string;
  archiveYear?: string;
  archiveCategory?: string;
  at?: string;
  force: boolean;
}

export function parseExportArgs(args: string[]): ExportArgs | string {
  if (args[0] !== 'ledger') return '请写 export ledger（目前可导出的只有台账）';
  const read = readFlags(args.slice(1), {
    valued: { '--out': 'out', '--year': 'year', '--unit': 'unit', '--state': 'state', '--archive-year': 'archiveYear', '--archive-category': 'archiveCategory', '--at': 'at' },
    switches: { '--force': 'force' },
    maxLength: 500,
  });
  if (typeof read === 'string') return read;
  const out: Partial<ExportArgs> = { ...read.values, force: read.switches.force ?? false };
  if (!out.out) return '请用 --out 给出要写入的文件，如 --out 台账.xlsx';
  if (!/\.xlsx$/i.test(out.out)) return `--out 的文件名应以 .xlsx 结尾：${out.out}`;
  if (out.at !== undefined && !isValidDate(out.at)) return '--at 应为有效日期，格式如 2026-11-02';
  return out as ExportArgs;
}

const yearOf = (flag: string, v: string): number | string => (/^\d{4}$/.test(v) && Number(v) >= 2000 && Number(v) <= 2099 ? Number(v) : `${flag} 应为四位年份，如 2026`);

function statesOf(text: string): ItemState[] | string {
  const out = new Set<ItemState>();
  for (const word of text.split(/[,，、\s]+/).filter(Boolean)) {
    if (word === '已办结' || word === '办结') {
      out.add('closed');
      out.add('archived');
      continue;
    }
    const s = ItemStates.find((x) => x === word || STATE_LABELS[x] === word);
    if (!s) return `无法识别的状态：${word}（可写：${ItemStates.map((x) => STATE_LABELS[x]).join('、')}、已办结）`;
    out.add(s);
  }
  return [...out];
}

export async function exportCommand(config: Config, args: string[]): Promise<number> {
  const parsed = parseExportArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${EXPORT_USAGE}`);
    return 2;
  }
  if (existsSync(parsed.out) && !parsed.force) {
    console.error(`文件已存在：${parsed.out}（加 --force 覆盖）`);
    return 2;
  }
  const db = openDatabase(config.databasePath);
  try {
    const filter: LedgerFilter = {};
    const problems: string[] = [];
    for (const [flag, v, set] of [
      ['--year', parsed.year, (y: number) => (filter.year = y)],
      ['--archive-year', parsed.archiveYear, (y: number) => (filter.archiveYear = y)],
    ] as const) {
      if (v === undefined) continue;
      const y = yearOf(flag, v);
      if (typeof y === 'string') problems.push(y);
      else set(y);
    }
    if (parsed.unit !== undefined) {
      const unit = listUnits(db).find((u) => u.id === parsed.unit || u.name === parsed.unit);
      if (!unit) problems.push(`没有找到单位“${parsed.unit}”（可写单位 id 或名称）`);
      else filter.unitIds = [unit.id];
    }
    if (parsed.state !== undefined) {
      const s = statesOf(parsed.state);
      if (typeof s === 'string') problems.push(s);
      else filter.states = s;
    }
    if (parsed.archiveCategory !== undefined) {
      const c = SourceCategories.find((x) => x === parsed.archiveCategory || SOURCE_LABELS[x] === parsed.archiveCategory);
      if (!c) problems.push(`无法识别的归档类别：${parsed.archiveCategory}（可写：${SourceCategories.map((x) => SOURCE_LABELS[x]).join('、')}）`);
      else filter.archiveCategory = c;
    }
    if (problems.length) {
      console.error(problems.join('\n'));
      return 2;
    }
    const now = parsed.at ? new Date(`${parsed.at}T09:00:00+08:00`) : new Date();
    const ledger = ledgerFor(db, loadCalendar(config.calendarFile), 'office', filter, now);
    writeFileSync(parsed.out, await ledgerBytes(ledger));
    console.log(`台账已导出：${parsed.out}（${ledger.filterText}；事项 ${ledger.entries.length} 项，办理记录 ${ledger.history.length} 条）`);
    if (ledger.truncated) console.log(`注意：符合条件的事项超过 ${ledger.entries.length} 项，只导出了前 ${ledger.entries.length} 项；请加条件分次导出`);
    return 0;
  } finally {
    db.$client.close();
  }
}
