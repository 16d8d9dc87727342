/**
 * `/督办 导出` and `/督办 导入模板` through signed webhooks: the file is written after the command's commit, uploaded
 * to the fake Feishu through the real SDK (`POST /open-apis/im/v1/files`) and sent as a `file` reply; what the file
 * holds depends on who asked and where (a group never gets a confidential item).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, startBot } from '../e2e/harness';
import { WHO } from '../support/fixtures';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
  for (const cmd of [
    '/督办 新建 修订本科生培养方案 主办:教务处 协办:科研处 截止:2027-06-30',
    '/督办 新建 专项巡视问题整改 主办:教务处 截止:2026-12-31 涉密',
    '/督办 新建 人才引进年度计划 主办:人事处 截止:2026-12-15',
  ]) {
    await h.say(WHO.supervisor, cmd);
  }
  h.fake.reset();
});
afterEach(() => h.close());

/** The workbook sent as a file reply to `messageId`, downloaded from what the fake Feishu received. */
async function fileReplyTo(messageId: string) {
  const replies = h.repliesTo(messageId).filter((m) => m.msg_type === 'file');
  expect(replies, 'one file reply').toHaveLength(1);
  const key = String(replies[0]!.content.file_key);
  const upload = h.fake.files.find((f) => f.file_key === key)!;
  expect(upload.file_type).toBe('xls');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(upload.data as unknown as ArrayBuffer);
  return { name: upload.file_name, wb };
}

const numbersIn = (wb: ExcelJS.Workbook) => {
  const sheet = wb.getWorksheet('台账')!;
  const out: string[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) out.push(String(sheet.getCell(r, 2).value));
  return out;
};

describe('/督办 导出', () => {
  it('sends the supervisor the whole ledger as a file, privately', async () => {
    const { messageId } = await h.say(WHO.supervisor, '/督办 导出');
    const { name, wb } = await fileReplyTo(messageId);
    expect(name).toBe('督办台账-2026-11-23.xlsx');
    expect(numbersIn(wb)).toEqual(['修订本科生培养方案', '专项巡视问题整改', '人才引进年度计划']);
    expect(h.fake.callsTo('/open-apis/im/v1/files', 'POST')).toHaveLength(1);
  });

  it('in a group chat sends a ledger without the confidential item, and says so privately', async () => {
    const { messageId } = await h.say(WHO.supervisor, '/督办 导出', { chatType: 'group', chatId: 'oc_jwc' });
    const { wb } = await fileReplyTo(messageId);
    expect(numbersIn(wb)).toEqual(['修订本科生培养方案', '人才引进年度计划']);
    expect(JSON.stringify(wb.worksheets.map((s) => s.getSheetValues()))).not.toContain('专项巡视');
    const told = h.sentTo(WHO.supervisor).map((m) => m.rawContent).join('\n');
    expect(told).toContain('群聊中发送的台账未包含 1 项涉密事项');
  });

  it('gives a unit only its own items, filtered as asked', async () => {
    const { messageId } = await h.say(WHO.otherUnitHead, '/督办 导出');
    expect(numbersIn((await fileReplyTo(messageId)).wb)).toEqual(['人才引进年度计划']);
    const asked = await h.say(WHO.supervisor, '/督办 导出 单位:教务处 状态:待认领 年份:2026');
    const { name, wb } = await fileReplyTo(asked.messageId);
    expect(name).toBe('督办台账-2026年-教务处-2026-11-23.xlsx');
    expect(numbersIn(wb)).toEqual(['修订本科生培养方案', '专项巡视问题整改']);
  });

  it('answers a condition it cannot read with what to write, and sends no file', async () => {
    const { messageId } = await h.say(WHO.supervisor, '/督办 导出 单位:宣传部');
    expect(h.repliesTo(messageId).map((m) => m.msg_type)).toEqual(['interactive']);
    expect(h.repliesTo(messageId)[0]!.rawContent).toContain('没有找到单位“宣传部”');
    const lights = await h.say(WHO.supervisor, '/督办 导出 红');
    expect(h.repliesTo(lights.messageId)[0]!.rawContent).toContain('导出不按红黄绿灯筛选');
    expect(h.fake.files).toHaveLength(0);
  });

  it('says so when nothing matches', async () => {
    const { messageId } = await h.say(WHO.supervisor, '/督办 导出 年份:2025');
    expect(h.repliesTo(messageId).map((m) => m.msg_type)).toEqual(['interactive']);
    expect(h.repliesTo(messageId)[0]!.rawContent).toContain('没有符合条件的事项（年份 2025）');
    const archived = await h.say(WHO.supervisor, '/督办 导出 归档年度:2026 归档类别:学校年度工作要点');
    expect(h.repliesTo(archived.messageId)[0]!.rawContent).toContain('没有符合条件的事项（归档年度 2026；归档类别 学校年度工作要点）');
    const unknown = await h.say(WHO.supervisor, '/督办 导出 归档类别:随便');
    expect(h.repliesTo(unknown.messageId)[0]!.rawContent).toContain('归档类别“随便”无法识别');
  });

  it('records who exported what, and answers a re-delivered event once', async () => {
    const { messageId } = await h.say(WHO.supervisor, '/督办 导出 年份:2026', { eventId: 'ev-export-1' });
    await h.say(WHO.supervisor, '/督办 导出 年份:2026', { eventId: 'ev-export-1' });
    expect(h.repliesTo(messageId).filter((m) => m.msg_type === 'file')).toHaveLength(1);
    const rows = h.db.$client.prepare("SELECT actor_id AS actor, action, changes FROM audit_log WHERE item_id IS NULL AND action IN ('ledger_export', 'document_sent') ORDER BY id").all() as Array<{ actor: string; action: string; changes: string }>;
    expect(rows.map((r) => [r.actor, r.action])).toEqual([
      [WHO.supervisor, 'ledger_export'],
      ['system', 'document_sent'],
    ]);
    expect(JSON.parse(rows[0]!.changes)).toMatchObject({ filter: { year: 2026 }, inGroup: false });
    expect(JSON.parse(rows[1]!.changes)).toMatchObject({ items: 3, withheld: 0 });
  });
});

describe('/督办 导入模板', () => {
  it('sends the supervisor the template with its drop-down lists', async () => {
    const { messageId } = await h.say(WHO.supervisor, '/督办 导入模板');
    const { name, wb } = await fileReplyTo(messageId);
    expect(name).toBe('督办事项批量登记模板.xlsx');
    const v = wb.getWorksheet('督办事项')!.getCell('B2').dataValidation;
    expect(v).toMatchObject({ type: 'list', formulae: ["'选项'!$A$2:$A$4"] });
    expect(wb.getWorksheet('选项')!.getColumn(1).values).toEqual([undefined, '单位', '教务处', '科研处', '人事处']);
  });

  it('is refused to someone who may not register', async () => {
    const { messageId } = await h.say(WHO.unitHead, '/督办 导入模板');
    expect(h.repliesTo(messageId)[0]!.rawContent).toContain('只有督办人员可以批量登记事项');
    expect(h.fake.files).toHaveLength(0);
  });
});
