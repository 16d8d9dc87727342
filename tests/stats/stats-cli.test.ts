/**
 * `npm run duban -- stats …` as the office runs it (tsx src/cli.ts in a real process) over the semester's database:
 * the JSON has exactly the shape and the hand-worked figures; the table says the same; bad arguments get a
 * Chinese reason and exit code 2.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../support/fixtures';
import { scriptSemester } from './semester';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'cli.ts');

let t: TestDb;
beforeAll(() => {
  t = openTestDb();
  scriptSemester(t.ctx);
  t.db.$client.pragma('wal_checkpoint(TRUNCATE)');
});
afterAll(() => t.close());

function duban(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_PATH: t.path }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal ?? -1, stdout, stderr });
    });
  });
}

const KEYS = ['unitId', 'unitName', 'inHand', 'due', 'closed', 'closedOnTime', 'overdue', 'extended', 'coop', 'completionRate', 'onTimeRate', 'avgWorkingDaysToClose'];

describe('npm run duban -- stats', { timeout: 90_000 }, () => {
  it('--json prints {from, to, units, total} with the figures of 9–10月', async () => {
    const r = await duban(['stats', '--from', '2026-09-01', '--to', '2026-10-31', '--json', '--at', '2027-01-20']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { from: string; to: string; units: Array<Record<string, unknown>>; total: Record<string, unknown> };
    expect(Object.keys(json)).toEqual(['from', 'to', 'units', 'total']);
    expect([json.from, json.to]).toEqual(['2026-09-01', '2026-10-31']);
    for (const line of [...json.units, json.total]) expect(Object.keys(line)).toEqual(KEYS);
    expect(json.units.map((u) => u.unitId)).toEqual(['jwc', 'kyc', 'rsc']);
    expect(json.units[0]).toEqual({
      unitId: 'jwc', unitName: '教务处', inHand: 5, due: 5, closed: 4, closedOnTime: 3, overdue: 1, extended: 0, coop: 1,
      completionRate: 0.8, onTimeRate: 0.6, avgWorkingDaysToClose: 25.3,
    });
    // Nothing due at 人事处: the rates are null, not 0.
    expect(json.units[2]).toMatchObject({ due: 0, completionRate: null, onTimeRate: null, avgWorkingDaysToClose: null });
    expect(json.total).toMatchObject({ unitId: null, inHand: 14, due: 6, closed: 5, closedOnTime: 3, completionRate: 0.8333, onTimeRate: 0.5 });
  });

  it('prints a table, one unit with --unit (by name), the school total below it', async () => {
    const r = await duban(['stats', '--from', '2026-09-01', '--to', '2026-10-31', '--unit', '科研处', '--at', '2027-01-20']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('督查督办统计　2026年9–10月（2026-09-01 至 2026-10-31）');
    expect(lines[1]).toMatch(/^单位\s+在办\s+应办结\s+已办结\s+按时办结\s+逾期未办结\s+延期\s+协办\s+办结率\s+按时办结率\s+平均办结用时$/);
    expect(lines[2]!.split(/\s{2,}/)).toEqual(['科研处', '5', '1', '1', '0', '0', '1', '0', '100.0%', '0.0%', '32.0 个工作日']);
    expect(lines[3]!.split(/\s{2,}/)).toEqual(['全校合计', '14', '6', '5', '3', '1', '1', '2', '83.3%', '50.0%', '26.6 个工作日']);
  });

  it('refuses bad arguments with a Chinese reason and exit code 2', async () => {
    const cases: Array<[string[], string]> = [
      [['stats', '--from', '2026-09-01'], '请用 --from 和 --to 给出统计期间'],
      [['stats', '--from', '2026-10-31', '--to', '2026-09-01'], '开始日期 2026-10-31 晚于结束日期 2026-09-01'],
      [['stats', '--from', '2026-02-30', '--to', '2026-03-31'], '不是有效日期'],
      [['stats', '--from', '2026-09-01', '--to', '2026-10-31', '--unit', '财务处'], '没有找到单位“财务处”'],
      [['stats', '--from', '2026-09-01', '--to', '2026-10-31', '--colour'], '无法识别的参数：--colour'],
    ];
    for (const [args, message] of cases) {
      const r = await duban(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  });
});
