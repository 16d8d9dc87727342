/**
 * The round trip in chat, through signed webhooks and the real SDK against the fake Feishu: the office asks for the
 * template (uploaded and sent as a file), fills it in, sends it back as a file message; the bot downloads it
 * (`GET /open-apis/im/v1/messages/:id/resources/:key`), registers every row and sends the slips — or, for a bad
 * file, answers with the problems and the template with the bad cells marked, uploaded and sent as a file.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BAD_FILL, type ImportField, TEMPLATE_COLUMNS } from '../../src/documents/import-template';
import { type Bot, VERIFICATION_TOKEN, startBot } from '../e2e/harness';
import { messageEvent } from '../support/feishu-signer';
import { WHO } from '../support/fixtures';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(() => h.close());

const col = (f: ImportField) => TEMPLATE_COLUMNS.findIndex((c) => c.field === f) + 1;

/** The template as the bot sent it to the supervisor, read from what the fake Feishu received. */
async function templateFromBot(): Promise<ExcelJS.Workbook> {
  const { messageId } = await h.say(WHO.supervisor, '/督办 导入模板');
  const reply = h.repliesTo(messageId).find((m) => m.msg_type === 'file')!;
  const upload = h.fake.files.find((f) => f.file_key === reply.content.file_key)!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(upload.data as unknown as ArrayBuffer);
  return wb;
}

let seq = 0;
/** The supervisor sends a file in a private chat; Feishu holds its bytes for the download. */
async function sendBack(wb: ExcelJS.Workbook, name = '2027年工作要点分解.xlsx') {
  const messageId = `om_xlsx_${++seq}`;
  const key = `file_v3_${messageId}`;
  h.fake.addResource(messageId, key, Buffer.from(await wb.xlsx.writeBuffer()));
  const ev = messageEvent({ token: VERIFICATION_TOKEN, senderOpenId: WHO.supervisor, chatId: `oc_p2p_${WHO.supervisor}`, chatType: 'p2p', messageType: 'file', content: { file_key: key, file_name: name }, messageId });
  expect((await h.post(ev)).statusCode).toBe(200);
  await h.bot.downloader.idle();
  await h.bot.downloader.drain();
  await h.flush();
  expect(h.fake.callsTo(`/open-apis/im/v1/messages/${messageId}/resources/${key}`, 'GET')).toHaveLength(1);
}

function fill(wb: ExcelJS.Workbook, rows: Array<Partial<Record<ImportField, string>>>) {
  const sheet = wb.getWorksheet('督办事项')!;
  rows.forEach((r, i) => {
    for (const [f, v] of Object.entries(r)) sheet.getCell(i + 2, col(f as ImportField)).value = v;
  });
}

const count = (sql: string) => h.db.$client.prepare(sql).pluck().get() as number;

describe('批量登记 in chat', () => {
  it('the template the bot sent, filled in and sent back, registers every row and sends the slips', async () => {
    const wb = await templateFromBot();
    fill(wb, [
      { title: '建设智慧教室 50 间', lead: '教务处', coop: '科研处', deadline: '2027-06-30', important: '是' },
      { title: '引进高层次人才 20 名', lead: '人事处', deadline: '2027-12-31', leader: '赵副校长' },
    ]);
    await sendBack(wb);
    expect(count('SELECT count(*) FROM items')).toBe(2);
    const answer = h.sentTo(WHO.supervisor).filter((m) => m.rawContent.includes('批量登记完成'));
    expect(answer).toHaveLength(1);
    expect(answer[0]!.rawContent).toContain('已登记 2 项（督办〔2026〕1号 至 督办〔2026〕2号）');
    // The 督办单 reached the lead units' heads.
    expect(h.sentTo(WHO.unitHead).some((m) => m.rawContent.includes('建设智慧教室 50 间'))).toBe(true);
    expect(h.sentTo(WHO.otherUnitHead).some((m) => m.rawContent.includes('引进高层次人才 20 名'))).toBe(true);
  });

  it('a bad file registers nothing; the problems come as a card and the marked template as a file', async () => {
    const wb = await templateFromBot();
    fill(wb, [
      { title: '建设智慧教室 50 间', lead: '教务处', deadline: '2027-06-30' },
      { title: '引进高层次人才 20 名', lead: '人才办', deadline: '2027-12-31' },
    ]);
    const uploadsBefore = h.fake.files.length;
    await sendBack(wb);
    expect(count('SELECT count(*) FROM items')).toBe(0);
    const told = h.sentTo(WHO.supervisor);
    expect(told.some((m) => m.rawContent.includes('第 3 行「主办单位」：没有找到单位“人才办”'))).toBe(true);
    const file = told.filter((m) => m.msg_type === 'file').pop()!;
    const upload = h.fake.files.find((f) => f.file_key === file.content.file_key)!;
    expect(h.fake.files.length).toBe(uploadsBefore + 1);
    expect(upload.file_name).toBe('督办事项导入-问题标注.xlsx');
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.load(upload.data as unknown as ArrayBuffer);
    const cell = marked.getWorksheet('督办事项')!.getCell(3, col('lead'));
    expect(cell.value).toBe('人才办');
    expect(cell.fill).toMatchObject({ fgColor: { argb: BAD_FILL } });
    expect(String(cell.note)).toContain('没有找到单位“人才办”');
  });
});
