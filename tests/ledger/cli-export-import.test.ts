/**
 * `npm run duban -- import FILE.xlsx` and `npm run duban -- export ledger --out FILE.xlsx` as they are run: real
 * processes on a temporary database. A dry run registers nothing; a bad file is refused with every row and column
 * printed and the marked template written beside it; a good one registers every row and sends the slips; the
 * export, on the office's machine, holds everything, confidential items too.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { TEMPLATE_COLUMNS, type ImportField, templateXlsx } from '../../src/documents/import-template';
import { addDays, chinaDate } from '../../src/domain/dates';
import { importOrg } from '../../src/services/import-org';
import { templateOptions } from '../../src/services/import-items';
import { TEST_ORG } from '../support/fixtures';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'cli.ts');

let dir: string;
let dbPath: string;
// The CLI runs on the real clock: a deadline two months from today is always in the future.
const DUE = addDays(chinaDate(new Date()), 60);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-cli-xlsx-'));
  dbPath = join(dir, 'duban.db');
  const db = openDatabase(dbPath);
  importOrg(db, TEST_ORG, 'test', new Date('2026-11-01T00:00:00Z'));
  db.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duban(args: string[], ms = 60_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(TSX, [CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal ?? -1, stdout, stderr });
    });
  });
}

const count = (sql: string) => {
  const c = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return c.prepare(sql).pluck().get() as number;
  } finally {
    c.close();
  }
};

async function templateFile(name: string, rows: Array<Partial<Record<ImportField, string>>>): Promise<string> {
  const db = openDatabase(dbPath);
  const bytes = await templateXlsx(templateOptions(db));
  db.$client.close();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('督办事项')!;
  rows.forEach((r, i) => {
    for (const [f, v] of Object.entries(r)) sheet.getCell(i + 2, TEMPLATE_COLUMNS.findIndex((c) => c.field === f) + 1).value = v;
  });
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

const ROWS = [
  { title: '建设智慧教室 50 间', lead: '教务处', deadline: DUE, source: '学校年度工作要点' },
  { title: '引进高层次人才 20 名', lead: '人事处', deadline: DUE },
  { title: '专项审计问题整改', lead: '教务处', coop: '科研处', deadline: DUE, confidential: '是' },
];

describe('npm run duban -- import / export ledger', { timeout: 180_000 }, () => {
  it('a dry run lists what would be registered and registers nothing', async () => {
    const file = await templateFile('dry.xlsx', ROWS);
    const r = await duban(['import', file, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('试导入：文件无误，将登记 3 项（未登记）');
    expect(r.stdout).toContain(`第 3 行：引进高层次人才 20 名｜人事处｜${DUE}`);
    expect(count('SELECT count(*) FROM items')).toBe(0);
  });

  it('a bad file is refused with each row and column, the marked template beside it, and nothing registered', async () => {
    const file = await templateFile('bad.xlsx', [ROWS[0]!, { ...ROWS[1]!, lead: '财务处' }, { ...ROWS[2]!, deadline: '2020-01-01' }]);
    const r = await duban(['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('未导入：文件有 2 处问题，没有登记任何事项');
    expect(r.stderr).toContain('第 3 行「主办单位」：没有找到单位“财务处”');
    expect(r.stderr).toContain(`第 4 行「完成时限」：完成时限 2020-01-01 早于今天（${chinaDate(new Date())}）`);
    expect(existsSync(join(dir, 'bad-问题标注.xlsx'))).toBe(true);
    expect(count('SELECT count(*) FROM items')).toBe(0);
    expect(count('SELECT count(*) FROM outbox')).toBe(0);
  });

  it('a good file registers every row and sends the slips; the export holds everything', async () => {
    const file = await templateFile('good.xlsx', ROWS);
    const r = await duban(['import', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const year = chinaDate(new Date()).slice(0, 4);
    expect(r.stdout).toContain(`已登记 3 项（督办〔${year}〕1号 至 督办〔${year}〕3号）`);
    expect(r.stdout).toContain('督办单发送：成功');
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'register' AND channel = 'cli'")).toBe(3);
    expect(count("SELECT count(*) FROM outbox WHERE purpose = 'slip'")).toBeGreaterThanOrEqual(3);

    const out = join(dir, '台账.xlsx');
    const e = await duban(['export', 'ledger', '--out', out]);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(e.stdout).toContain(`台账已导出：${out}（全部事项；事项 3 项，办理记录 6 条）`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const titles = (wb.getWorksheet('台账')!.getColumn(2).values as unknown[]).slice(2);
    expect(titles).toEqual(ROWS.map((x) => x.title));

    const cut = await duban(['export', 'ledger', '--out', join(dir, 'rsc.xlsx'), '--unit', '人事处', '--state', '待认领', '--year', year]);
    expect(cut.stdout).toContain(`（年份 ${year}；单位 人事处；状态 待认领；事项 1 项`);
    const again = await duban(['export', 'ledger', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('文件已存在');
    const badState = await duban(['export', 'ledger', '--out', join(dir, 'x.xlsx'), '--state', '进行中']);
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain('无法识别的状态：进行中');
  });
});
