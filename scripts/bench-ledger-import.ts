/**
 * Times the Excel paths at the sizes an office meets: `tsx scripts/bench-ledger-import.ts` seeds a database like the
 * benchmark's (2,000 items with history and progress), exports the whole ledger (the CLI's ledgerFor + the
 * workbook), then imports a template of 1,000 good rows (the largest file accepted) in its one transaction, and
 * prints the times and the file size. Not part of `npm run bench`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/db/client';
import { TEMPLATE_COLUMNS, templateXlsx } from '../src/documents/import-template';
import { createWorkCalendar } from '../src/domain/calendar';
import { chinaDate } from '../src/domain/dates';
import { notificationSink } from '../src/bot/notifications';
import { ledgerBytes, ledgerFor } from '../src/services/export-ledger';
import { importItemsFromBytes, templateOptions } from '../src/services/import-items';
import { importOrg } from '../src/services/import-org';
import { benchOrg, seedItems } from './bench-lib';

const items = Number(process.argv[2] ?? 2000);
const rows = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'duban-xlsx-'));
const db = openDatabase(join(dir, 'x.db'));
const bo = benchOrg();
const now = new Date();
importOrg(db, bo.org, 'bench', new Date('2026-01-05T00:00:00Z'));
seedItems(db, bo, { count: items, today: chinaDate(now), seed: 11 });
const calendar = createWorkCalendar();

let t = performance.now();
const ledger = ledgerFor(db, calendar, 'office', {}, now);
const queried = performance.now() - t;
t = performance.now();
const bytes = await ledgerBytes(ledger);
console.log(`export: ${ledger.entries.length} items, ${ledger.history.length} history rows — query ${queried.toFixed(0)} ms, workbook ${(performance.now() - t).toFixed(0)} ms, ${(bytes.length / 1024).toFixed(0)} KB`);

const wb = new ExcelJS.Workbook();
await wb.xlsx.load((await templateXlsx(templateOptions(db))) as unknown as ArrayBuffer);
const sheet = wb.getWorksheet('督办事项')!;
const col = (f: string) => TEMPLATE_COLUMNS.findIndex((c) => c.field === f) + 1;
const units = bo.org.units;
const due = `${Number(chinaDate(now).slice(0, 4)) + 1}-06-30`;
for (let i = 0; i < rows; i++) {
  sheet.getCell(i + 2, col('title')).value = `年度工作要点第${i + 1}条：完成${units[i % units.length]!.name}第${i + 1}项重点任务（编号${(i * 7919) % 100000}）`;
  sheet.getCell(i + 2, col('lead')).value = units[i % units.length]!.name;
  sheet.getCell(i + 2, col('deadline')).value = due;
  sheet.getCell(i + 2, col('requirements')).value = '按学校年度工作要点分解落实，按月报送进展';
}
const file = Buffer.from(await wb.xlsx.writeBuffer());
const ctx = { db, calendar, events: notificationSink(calendar) };
t = performance.now();
const r = await importItemsFromBytes(ctx, file, 'ou_bench_sup1', { channel: 'cli', notify: false }, now);
console.log(`import: ${rows} rows (${(file.length / 1024).toFixed(0)} KB) — ${r.ok ? `${r.registered.length} registered` : `${r.problems.length} problems: ${r.problems.slice(0, 3).map((p) => p.message).join(' / ')}`} in ${(performance.now() - t).toFixed(0)} ms`);
