/**
 * `npm run duban -- export archive --year 2026 --out DIR`: one folder per category with its ledger (read back),
 * every item's record as text and its evidence files byte for byte, and a 清单 whose SHA-256 lines check out.
 * Only the year's filed items; a non-empty folder or an empty year is refused with the reason and nothing written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli';
import { findItem } from '../../src/db/item-repository';
import { loadActor } from '../../src/db/org-repository';
import type { SourceCategory } from '../../src/domain/item';
import { addEvidence } from '../../src/services/add-evidence';
import { applyCommand } from '../../src/services/apply-command';
import { archiveYear } from '../../src/services/archive';
import { registerAndSendSlip } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

let t: TestDb;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
});

const PDF = (s: string) => Buffer.from(`%PDF-1.4\n${s}\n%%EOF\n`);

/** An item registered, claimed, with evidence, submitted and closed on `closeOn`. */
function closed(title: string, category: SourceCategory, closeOn: string, evidence: Array<[string, Buffer]> = []) {
  const now = at(closeOn);
  const ctx = t.ctx;
  const item = registerAndSendSlip(ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title, source: { category, ref: `${title}的来源` } }), now });
  applyCommand(ctx, { itemId: item.id, actorId: WHO.unitHead, channel: 'card', command: { type: 'claim' }, now });
  applyCommand(ctx, { itemId: item.id, actorId: WHO.liaison, channel: 'chat', command: { type: 'report_progress', text: `${title}：已完成调研` }, now });
  for (const [name, bytes] of evidence) {
    t.db.transaction((tx) => addEvidence(tx, { item: findItem(tx, item.id)!, actor: loadActor(tx, WHO.liaison), bytes, name, mime: 'application/pdf', sourceMessageId: `om_${name}`, channel: 'chat' }, now));
  }
  applyCommand(ctx, { itemId: item.id, actorId: WHO.unitHead, channel: 'card', command: { type: 'submit_completion', selfAssessment: '已完成', materials: ['总结'] }, now });
  applyCommand(ctx, { itemId: item.id, actorId: WHO.leader, channel: 'card', command: { type: 'approve', note: '同意销号' }, now });
  return findItem(t.db, item.id)!;
}

async function cli(args: string[]) {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
  vi.spyOn(console, 'error').mockImplementation((m: string) => void out.push(m));
  const code = await runCli(args, { DATABASE_PATH: t.path });
  vi.restoreAllMocks();
  return { code, out: out.join('\n') };
}

const tree = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();

describe('export archive', () => {
  it('writes one folder per category with its ledger, each item’s record and evidence, and a checked 清单', async () => {
    t = openTestDb();
    const a = closed('修订本科生培养方案', 'committee', '2026-06-10', [['培养方案.pdf', PDF('一')], ['会议纪要.pdf', PDF('二')]]);
    const b = closed('落实巡视整改', 'superior', '2026-07-01', [['整改报告.pdf', PDF('三')]]);
    const c = closed('建设智慧教室', 'committee', '2026-09-01');
    closed('去年的事项', 'committee', '2025-12-01');
    closed('尚未归档', 'superior', '2026-12-01');
    archiveYear(t.ctx, { actorId: WHO.supervisor, year: 2025, channel: 'command', now: at('2026-01-05') });
    // One closed in the next year: not in the 2026 archive.
    t.db.$client.prepare("UPDATE items SET closed_at = '2027-01-02T01:00:00.000Z' WHERE title = '尚未归档'").run();
    archiveYear(t.ctx, { actorId: WHO.supervisor, year: 2026, channel: 'command', now: at('2026-12-20') });

    const dir = join(t.dir, '归档2026');
    const r = await cli(['export', 'archive', '--year', '2026', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2026 年归档已导出');
    expect(r.out).toContain('事项 3 项，佐证材料 3 个');
    expect(r.out).toContain('党委会/常委会/校长办公会决议：2 项，佐证材料 2 个');

    const committee = '党委会、常委会、校长办公会决议';
    const superior = '上级决策部署、批示、交办转办';
    expect(tree(dir)).toEqual(
      [
        '归档清单.txt',
        `${committee}/督办台账-2026年归档-${committee}.xlsx`,
        `${committee}/${a.number} ${a.title}/办理记录.txt`,
        `${committee}/${a.number} ${a.title}/佐证材料/会议纪要.pdf`,
        `${committee}/${a.number} ${a.title}/佐证材料/培养方案.pdf`,
        `${committee}/${c.number} ${c.title}/办理记录.txt`,
        `${superior}/督办台账-2026年归档-${superior}.xlsx`,
        `${superior}/${b.number} ${b.title}/办理记录.txt`,
        `${superior}/${b.number} ${b.title}/佐证材料/整改报告.pdf`,
      ].sort(),
    );
    expect(readFileSync(join(dir, committee, `${a.number} ${a.title}`, '佐证材料', '培养方案.pdf')).equals(PDF('一'))).toBe(true);

    // The record reads as the history: facts, progress, evidence, every step with who and how, the filing.
    const record = readFileSync(join(dir, committee, `${a.number} ${a.title}`, '办理记录.txt'), 'utf8');
    for (const line of ['状态：已归档', '归档：2026年 · 党委会/常委会/校长办公会决议', '主办单位：教务处', '修订本科生培养方案：已完成调研', '培养方案.pdf（', '王督查 立项登记', '教务处联络人 提交佐证材料〔聊天〕', '李副校长 销号（待审核 → 已销号）：同意销号〔卡片〕', '王督查 归档（已销号 → 已归档）〔指令〕']) {
      expect(record).toContain(line);
    }

    // The ledger of a category holds its filed items only.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, committee, `督办台账-2026年归档-${committee}.xlsx`)) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const cells = sheet.getSheetValues().flat().map(String).join('\n');
    expect(cells).toContain(a.title);
    expect(cells).toContain(c.title);
    expect(cells).not.toContain(b.title);
    expect(cells).not.toContain('去年的事项');
    expect(sheet.actualRowCount).toBe(3);

    // Every file is in the 清单 with its SHA-256.
    const manifest = readFileSync(join(dir, '归档清单.txt'), 'utf8').split('\r\n').filter((l) => /^[0-9a-f]{64}  /.test(l));
    expect(manifest).toHaveLength(tree(dir).length - 1);
    for (const l of manifest) {
      const [sha, path] = [l.slice(0, 64), l.slice(66)];
      expect(createHash('sha256').update(readFileSync(join(dir, path))).digest('hex'), path).toBe(sha);
    }
  });

  it('refuses a folder that is not empty, a year with nothing filed and bad arguments, writing nothing', async () => {
    t = openTestDb();
    closed('修订本科生培养方案', 'committee', '2026-06-10');
    const full = join(t.dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'x');
    expect(await cli(['export', 'archive', '--year', '2026', '--out', full])).toMatchObject({ code: 1, out: expect.stringContaining('目录已存在且不为空') });
    expect(readdirSync(full)).toEqual(['keep.txt']);
    const empty = join(t.dir, 'none');
    expect(await cli(['export', 'archive', '--year', '2026', '--out', empty])).toMatchObject({ code: 1, out: expect.stringContaining('2026 年没有已归档的事项') });
    expect(existsSync(empty)).toBe(false);
    expect((await cli(['export', 'archive', '--year', '26', '--out', empty])).out).toContain('--year 应为四位年份');
    expect((await cli(['export', 'archive', '--out', empty])).out).toContain('请用 --year');
    expect((await cli(['export', 'archive', '--year', '2026'])).code).toBe(2);
  });
});
