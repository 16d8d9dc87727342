/**
 * The office's command line as it is run: `npm run duban -- org import FILE`, i.e. `tsx src/cli.ts org import FILE`,
 * in a real process with a temporary database. Re-importing the same file changes nothing; a broken file is refused
 * with the line and the field, and the database is left as it was.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'cli.ts');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI to its end (killed after `ms`), with only PATH and the given variables in its environment. */
function duban(args: string[], env: Record<string, string>, ms = 45_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal ?? -1, stdout, stderr });
    });
  });
}

const count = (db: string, table: string) => {
  const c = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return c.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    c.close();
  }
};

describe('npm run duban -- org import', { timeout: 90_000 }, () => {
  it('imports examples/org.yaml, and a second import changes nothing', async () => {
    const db = join(dir, 'org', 'duban.db');
    const first = await duban(['org', 'import', 'examples/org.yaml'], { DATABASE_PATH: db });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('组织架构已导入（examples/org.yaml）');
    expect(first.stdout).toContain('单位 新增 12、更新 0');
    expect(first.stdout).toContain('人员 新增 14、更新 0、停用 0');
    expect(count(db, 'units')).toBe(12);

    const second = await duban(['org', 'import', 'examples/org.yaml'], { DATABASE_PATH: db });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('单位 新增 0、更新 0');
    expect(second.stdout).toContain('人员 新增 0、更新 0、停用 0');
    expect(count(db, 'units')).toBe(12);
  });

  it('a broken file exits 1 naming the line and the field, and imports nothing', async () => {
    const db = join(dir, 'broken', 'duban.db');
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      [
        'units:',
        '  - id: jwc',
        '    name: 教务处',
        '    head: ou_jwc_head',
        '    liaisons: [ou_jwc_liaison]',
        '  - id: kyc',
        '    name: 科研处',
        '    head: ou_kyc_head',
        '    liason: [ou_kyc_liaison]',
        'people: []',
        '',
      ].join('\n'),
    );
    const r = await duban(['org', 'import', file], { DATABASE_PATH: db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 9 行');
    expect(r.stderr).toContain('units[1].liason');
    expect(r.stdout).not.toContain('组织架构已导入');
    // Checked before touching the database: the good first unit was not half-imported.
    expect(count(db, 'units')).toBe(0);
  });
});
