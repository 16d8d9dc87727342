/**
 * The organisation at start (openRuntime as the server calls it): local mode without ORG_FILE loads the project's
 * examples/org.yaml into an empty database, found from the module and not from the working directory; Feishu mode
 * never loads it; a start that leaves no unit says so, naming ORG_FILE and examples/org.yaml. The command line
 * (no `asServer`) does neither.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { exampleOrgFile, openRuntime } from '../src/runtime';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'duban-runtime-org-'));
  dirs.push(d);
  return d;
};

function open(env: Record<string, string>, opts: Parameters<typeof openRuntime>[2] = { asServer: true }) {
  const lines: Array<{ level: number; msg: string }> = [];
  const log = createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) });
  const config: Config = loadConfig({ DATABASE_PATH: join(tempDir(), 'duban.db'), ...env });
  const rt = openRuntime(config, log, opts);
  const units = () => rt.db.$client.prepare('SELECT count(*) FROM units').pluck().get() as number;
  return { rt, lines, units, config, close: () => rt.db.$client.close() };
}

const FEISHU = { FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'ws' };

describe('exampleOrgFile', () => {
  it('walks up from the module: src/ from source, dist/ (or any folder inside the checkout) when bundled', () => {
    const expected = join(ROOT, 'examples', 'org.yaml');
    expect(exampleOrgFile()).toBe(expected);
    expect(exampleOrgFile(join(ROOT, 'dist', 'main.mjs'))).toBe(expected);
    expect(exampleOrgFile(join(ROOT, 'tmp', 'build-x', 'main.mjs'))).toBe(expected);
  });

  it('is null outside a checkout', () => {
    expect(exampleOrgFile(join(tempDir(), 'a', 'main.mjs'))).toBeNull();
  });
});

describe('openRuntime: the organisation at start', () => {
  it('local mode, no ORG_FILE, empty database: loads examples/org.yaml and says so', () => {
    const o = open({});
    try {
      expect(o.units()).toBe(12);
      const line = o.lines.find((l) => l.msg.includes('已载入示例组织架构'));
      expect(line?.level).toBe(40);
      expect(line?.msg).toContain('单位 新增 12');
      expect(o.lines.some((l) => l.msg.includes('未载入组织架构'))).toBe(false);
    } finally {
      o.close();
    }
  });

  it('local mode, no ORG_FILE, a database with an organisation: the example does not replace it', () => {
    const d = tempDir();
    const file = join(d, 'org.yaml');
    writeFileSync(file, ['units:', '  - {id: cw, name: 财务处, head: ou_cw_head, liaisons: []}', 'people:', '  - {id: ou_boss, name: 管理员, roles: [admin]}', ''].join('\n'));
    const db = join(d, 'duban.db');
    openRuntime(loadConfig({ DATABASE_PATH: db, ORG_FILE: file }), createLogger('silent')).db.$client.close();
    const o = open({ DATABASE_PATH: db });
    try {
      expect(o.units()).toBe(1);
      expect(o.rt.db.$client.prepare("SELECT name FROM people WHERE id = 'ou_boss'").pluck().get()).toBe('管理员');
      expect(o.rt.db.$client.prepare("SELECT count(*) FROM people WHERE id = 'ou_dcs_wang'").pluck().get()).toBe(0);
      expect(o.lines.some((l) => l.msg.includes('已载入示例组织架构'))).toBe(false);
      expect(o.lines.some((l) => l.msg.includes('沿用数据库中已有的 1 个单位'))).toBe(true);
    } finally {
      o.close();
    }
  });

  it('Feishu mode, no ORG_FILE: nothing loaded, a warning naming ORG_FILE and examples/org.yaml', () => {
    const o = open(FEISHU);
    try {
      expect(o.units()).toBe(0);
      const warn = o.lines.find((l) => l.msg.includes('未载入组织架构'));
      expect(warn?.level).toBe(40);
      expect(warn?.msg).toContain('ORG_FILE');
      expect(warn?.msg).toContain('examples/org.yaml');
      expect(warn?.msg).toContain('没有找到单位');
    } finally {
      o.close();
    }
  });

  it('local mode without the example file (not in a checkout): the same warning', () => {
    const o = open({}, { asServer: true, exampleOrg: null });
    try {
      expect(o.units()).toBe(0);
      expect(o.lines.find((l) => l.msg.includes('未载入组织架构'))?.msg).toContain('examples/org.yaml');
    } finally {
      o.close();
    }
  });

  it('ORG_FILE given: it is imported as before and no example is involved', () => {
    const d = tempDir();
    mkdirSync(join(d, 'conf'));
    const file = join(d, 'conf', 'org.yaml');
    writeFileSync(file, ['units:', '  - {id: cw, name: 财务处, head: ou_cw_head, liaisons: []}', 'people: []', ''].join('\n'));
    const o = open({ ORG_FILE: file });
    try {
      expect(o.units()).toBe(1);
      expect(o.lines.some((l) => l.msg.includes('示例'))).toBe(false);
    } finally {
      o.close();
    }
  });

  it('the command line (not asServer) neither loads the example nor warns', () => {
    const o = open({}, {});
    try {
      expect(o.units()).toBe(0);
      expect(o.lines.some((l) => l.msg.includes('组织架构'))).toBe(false);
    } finally {
      o.close();
    }
  });
});
