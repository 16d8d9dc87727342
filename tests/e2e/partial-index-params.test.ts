import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WHO } from '../support/fixtures';
import { type Bot, buttonValue, startBot } from './harness';

/**
 * A statement that compares a bound value with a column of a partial index's condition (files.kind for
 * files_item_evidence, items.confidential for items_confidential, chases.recipient for chases_summary) is prepared
 * again by SQLite at every run, to see whether the index applies to the value bound: 10 µs a run instead of 1.4 for
 * the evidence list on every 查看. Such comparisons on the request paths are written with the value in the SQL.
 * This walks the paths the benchmark measures and more (register, claim, the progress form, a reply in chat,
 * 查看, the extension form) and checks every statement they prepared.
 */
const prepared: string[] = [];
const proto = Database.prototype as unknown as { prepare(sql: string): unknown };
const original = proto.prepare;
let h: Bot;

beforeAll(async () => {
  proto.prepare = function (this: Database.Database, sql: string) {
    prepared.push(sql);
    return original.call(this, sql);
  };
  h = await startBot();
});
afterAll(async () => {
  proto.prepare = original;
  await h.close();
});

/**
 * table → the columns its partial indexes' conditions compare with a literal by `=` (kind = 'evidence',
 * confidential = 1, recipient = 'supervisors'): the comparisons that make SQLite look at a bound value to decide
 * whether the index applies. (`IS NOT NULL` conditions are implied by any `= ?`, and a `NOT IN` list was measured
 * not to cost a new preparation.)
 */
function partialIndexColumns(db: Database.Database): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const rows = db.prepare("SELECT tbl_name AS t, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'").all() as Array<{ t: string; sql: string }>;
  for (const { t, sql } of rows) {
    const condition = sql.slice(sql.toUpperCase().lastIndexOf(' WHERE ') + 7).replace(/"/g, '');
    for (const m of condition.matchAll(/(?:\w+\.)?(\w+)\s*=\s*('[^']*'|\d+)/g)) out.set(t, [...(out.get(t) ?? []), m[1]!]);
  }
  return out;
}

it('no statement on the request paths binds a value compared with a partial index condition’s column', async () => {
  await h.say(WHO.supervisor, '/督办 新建 完善实验室安全管理制度 主办:教务处 协办:科研处 截止:2026-12-31');
  const slip = h.lastTo(WHO.unitHead);
  const claim = await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  const form = await h.click(WHO.unitHead, buttonValue(claim.answer.card!.data, '填报进展'), { messageId: slip.message_id });
  const done = await h.click(WHO.unitHead, buttonValue(form.answer.card!.data, '提交进展'), { messageId: slip.message_id, form: { text: '已完成调研' } });
  expect(done.answer.toast?.content).toContain('进展已记录');
  await h.say(WHO.unitHead, '已召开专题会讨论初稿', { parentId: slip.message_id });
  await h.say(WHO.supervisor, '/督办 查看 2026-1');
  await h.click(WHO.unitHead, buttonValue(done.answer.card!.data, '申请延期'), { messageId: slip.message_id });
  expect(prepared.length).toBeGreaterThan(20);

  const partial = partialIndexColumns(h.db.$client);
  expect(partial.get('files')).toContain('kind'); // the check sees what it guards
  const offending: string[] = [];
  for (const sql of new Set(prepared)) {
    for (const [table, columns] of partial) {
      if (!new RegExp(`(FROM|JOIN|UPDATE|INTO)\\s+"?${table}"?\\b`, 'i').test(sql)) continue;
      for (const c of columns) {
        if (new RegExp(`"?\\b${c}"?\\s*(=|==|!=|<>|IN\\s*\\()\\s*(\\?|@|:|\\$)`, 'i').test(sql)) offending.push(`${table}.${c}: ${sql.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
    }
  }
  expect(offending).toEqual([]);
});
