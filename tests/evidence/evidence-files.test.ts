/**
 * Evidence files end to end: a unit replies to its 督办单 with a file through a signed webhook; the bot fetches it
 * from the fake Feishu through the real SDK call after the event's commit, checks it by content, stores it, lists
 * it on the detail card, and sends it to a reviewer who asks (real upload + send). Refusals keep nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evidenceSettler } from '../../src/bot/handle-file-message';
import { findItemByNumber } from '../../src/db/item-repository';
import { auditLog, files, inboundFiles, items } from '../../src/db/schema';
import ExcelJS from 'exceljs';
import { TEMPLATE_COLUMNS, templateXlsx } from '../../src/documents/import-template';
import { templateOptions } from '../../src/services/import-items';
import { InboundDownloader } from '../../src/files/inbound-downloader';
import { filesDir, readFileBytes } from '../../src/files/file-store';
import { createLogger } from '../../src/logger';
import * as lark from '@larksuiteoapi/node-sdk';
import { compose } from '../../src/compose';
import type { Config } from '../../src/config';
import { openDatabase } from '../../src/db/client';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { messageEvent } from '../support/feishu-signer';
import { WHO } from '../support/fixtures';
import { type Bot, cardText, ENCRYPT_KEY, VERIFICATION_TOKEN, buttonLabels, buttonValue, startBot } from '../e2e/harness';

let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.bot.downloader.stop();
  await h.close();
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '00'.repeat(40), 'hex');
const EXE = Buffer.from('MZ\u0090\u0000'.padEnd(400, '\u0000'), 'latin1');
let seq = 0;

/** An item in hand (claimed by 教务处), and the 督办单 message its head holds. */
async function claimedItem(title = '修订本科生培养方案') {
  await h.say(WHO.supervisor, `/督办 新建 ${title} 主办:教务处 协办:科研处 截止:2026-12-31`);
  const slip = h.lastTo(WHO.unitHead);
  await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  return { slip, item: findItemByNumber(h.db, 2026, 1)! };
}

/** Someone sends a file (or an image) in chat, optionally as a reply; Feishu holds its bytes for the download. */
async function sendFile(from: string, o: { bytes: Buffer; name?: string; parentId?: string; image?: boolean; messageId?: string; eventId?: string; chatType?: 'p2p' | 'group' }) {
  const messageId = o.messageId ?? `om_file_${++seq}`;
  const key = o.image ? `img_v3_${messageId}` : `file_v3_${messageId}`;
  h.fake.addResource(messageId, key, o.bytes);
  const ev = messageEvent({
    token: VERIFICATION_TOKEN,
    eventId: o.eventId,
    senderOpenId: from,
    chatId: o.chatType === 'group' ? 'oc_jwc' : `oc_p2p_${from}`,
    chatType: o.chatType ?? 'p2p',
    messageType: o.image ? 'image' : 'file',
    content: o.image ? { image_key: key } : { file_key: key, file_name: o.name ?? 'file.pdf' },
    messageId,
    parentId: o.parentId,
  });
  const res = await h.post(ev);
  expect(res.statusCode).toBe(200);
  await settle();
  return { messageId, key };
}

/** Lets the downloader fetch what was queued, then sends the answers. */
async function settle() {
  await h.bot.downloader.idle();
  await h.bot.downloader.drain();
  await h.flush();
}

const evidenceRows = () => h.db.select().from(files).where(eq(files.kind, 'evidence')).all();
const storedOnDisk = () => {
  const dir = filesDir(h.db);
  return existsSync(dir) ? readdirSync(dir).flatMap((d) => readdirSync(join(dir, d))) : [];
};

describe('a file sent in reply to a 督办单', () => {
  it('is downloaded through the SDK, stored with who and when, answered, listed on the detail card and sent to a reviewer who asks', async () => {
    const { slip, item } = await claimedItem();
    const sent = await sendFile(WHO.liaison, { bytes: PDF, name: '培养方案（2026版）.pdf', parentId: slip.message_id });

    // The real download call, with the message's id and key and type=file.
    const calls = h.fake.callsTo(`/open-apis/im/v1/messages/${sent.messageId}/resources/${sent.key}`, 'GET');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query.type).toBe('file');

    const [row] = evidenceRows();
    expect(row).toMatchObject({ itemId: item.id, name: '培养方案（2026版）.pdf', size: PDF.length, mime: 'application/pdf', createdBy: WHO.liaison, sourceMessageId: sent.messageId, createdAt: h.now.toISOString() });
    expect(readFileBytes(h.db, row!.sha256).equals(PDF)).toBe(true);
    const audit = h.db.select().from(auditLog).where(eq(auditLog.action, 'add_evidence')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ itemId: item.id, actorId: WHO.liaison, channel: 'chat' });
    const receipt = h.repliesTo(sent.messageId);
    expect(receipt).toHaveLength(1);
    expect(cardText(receipt[0]!)).toContain('已收到佐证材料“培养方案（2026版）.pdf”（3.9 KB），已记入 督办〔2026〕1号');

    // The detail card lists it: name, size, who, and a 发给我 button.
    const view = await h.say(WHO.leader, '/督办 查看 2026-1');
    const detail = h.repliesTo(view.messageId)[0]!;
    expect(cardText(detail)).toContain('培养方案（2026版）.pdf');
    expect(cardText(detail)).toContain("3.9 KB");
    expect(cardText(detail)).toContain('教务处联络人');
    expect(cardText(detail)).toContain('提交佐证材料');
    const ask = await h.click(WHO.leader, buttonValue(detail.content, '发给我'), { messageId: detail.message_id });
    expect(ask.answer.toast?.content).toContain('已私信发送给您');
    await h.flush();
    // Uploaded once through the real upload call, then sent as a file message to the leader privately.
    expect(h.fake.files).toHaveLength(1);
    expect(h.fake.files[0]!.data.equals(PDF)).toBe(true);
    expect(h.fake.files[0]).toMatchObject({ file_name: '培养方案（2026版）.pdf', file_type: 'pdf' });
    const fileMsgs = h.fake.sent.filter((m) => m.msg_type === 'file');
    expect(fileMsgs.map((m) => [m.receive_id, JSON.parse(m.rawContent).file_key])).toEqual([[WHO.leader, h.fake.files[0]!.file_key]]);
  });

  it('an image is kept with a name from its content', async () => {
    const { slip } = await claimedItem();
    const sent = await sendFile(WHO.unitHead, { bytes: PNG, image: true, parentId: slip.message_id });
    expect(h.fake.callsTo(`/open-apis/im/v1/messages/${sent.messageId}/resources/${sent.key}`, 'GET')[0]!.query.type).toBe('image');
    expect(evidenceRows().map((r) => [r.name, r.mime])).toEqual([['图片.png', 'image/png']]);
  });

  it('is refused when too big or not what its name says (a .pdf that is a program), with the reason, and nothing is kept', async () => {
    const { slip, item } = await claimedItem();
    const exe = await sendFile(WHO.unitHead, { bytes: EXE, name: '自评报告.pdf', parentId: slip.message_id });
    expect(cardText(h.repliesTo(exe.messageId)[0]!)).toContain('文件“自评报告.pdf”未保存：可执行程序不能作为佐证材料');
    const big = await sendFile(WHO.unitHead, { bytes: Buffer.alloc(30 * 1024 * 1024 + 1, 0x25), name: '录像.pdf', parentId: slip.message_id });
    expect(cardText(h.repliesTo(big.messageId)[0]!)).toContain('超过 30 MB 的大小上限');
    const zip = await sendFile(WHO.unitHead, { bytes: Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(100)]), name: '材料.docx', parentId: slip.message_id });
    expect(cardText(h.repliesTo(zip.messageId)[0]!)).toMatch(/未保存/);
    expect(evidenceRows()).toEqual([]);
    expect(storedOnDisk()).toEqual([]);
    expect(h.db.select().from(auditLog).where(eq(auditLog.action, 'add_evidence')).all()).toEqual([]);
    expect(h.db.select({ s: inboundFiles.status }).from(inboundFiles).all().map((r) => r.s)).toEqual(['refused', 'refused', 'refused']);
    expect(findItemByNumber(h.db, 2026, 1)!.version).toBe(item.version);
  });

  it('a second delivery of the same message is stored once and answered once; the same content again is not stored twice', async () => {
    const { slip } = await claimedItem();
    const first = await sendFile(WHO.unitHead, { bytes: PDF, name: 'a.pdf', parentId: slip.message_id, eventId: 'ev_a' });
    // Feishu delivers the same message again under a new event id.
    await sendFile(WHO.unitHead, { bytes: PDF, name: 'a.pdf', parentId: slip.message_id, messageId: first.messageId, eventId: 'ev_b' });
    expect(h.fake.callsTo(`/open-apis/im/v1/messages/${first.messageId}/resources/`, 'GET')).toHaveLength(1);
    expect(h.repliesTo(first.messageId)).toHaveLength(1);
    const again = await sendFile(WHO.liaison, { bytes: PDF, name: 'b.pdf', parentId: slip.message_id });
    expect(cardText(h.repliesTo(again.messageId)[0]!)).toContain('此前已提交');
    expect(evidenceRows()).toHaveLength(1);
    expect(h.db.select().from(auditLog).where(eq(auditLog.action, 'add_evidence')).all()).toHaveLength(1);
  });

  it('from someone who may see the item but is not its unit, or on an item not yet claimed: refused, nothing fetched', async () => {
    await h.say(WHO.supervisor, '/督办 新建 未认领事项 主办:教务处 截止:2026-12-31');
    const slip = h.lastTo(WHO.unitHead);
    const early = await sendFile(WHO.unitHead, { bytes: PDF, parentId: slip.message_id });
    expect(cardText(h.repliesTo(early.messageId)[0]!)).toContain('请先认领');
    const obs = await sendFile(WHO.observer, { bytes: PDF, parentId: slip.message_id });
    expect(cardText(h.repliesTo(obs.messageId)[0]!)).toContain('只有主办、协办单位可以');
    const outsider = await sendFile(WHO.otherUnitHead, { bytes: PDF, parentId: slip.message_id });
    expect(cardText(h.repliesTo(outsider.messageId)[0]!)).toContain('没有找到该督办事项');
    expect(h.fake.callsTo('/open-apis/im/v1/messages/om_file_', 'GET')).toEqual([]);
    expect(h.db.select().from(inboundFiles).all()).toEqual([]);
  });
});

describe('a file sent while the completion form is open', () => {
  it('is that item’s evidence; without an open form or a reply it is not kept, and says how', async () => {
    const { slip, item } = await claimedItem();
    const lone = await sendFile(WHO.unitHead, { bytes: PDF, name: 'x.pdf' });
    expect(cardText(h.repliesTo(lone.messageId)[0]!)).toContain('没有关联到督办事项');
    await h.click(WHO.unitHead, { a: 'completion_form', id: item.id, v: findItemByNumber(h.db, 2026, 1)!.version }, { messageId: slip.message_id });
    const attached = await sendFile(WHO.unitHead, { bytes: PDF, name: '总结.pdf' });
    expect(cardText(h.repliesTo(attached.messageId)[0]!)).toContain('已记入 督办〔2026〕1号');
    // The form was opened by the head: the liaison's lone file is not attached to it.
    const other = await sendFile(WHO.liaison, { bytes: PNG, image: true });
    expect(cardText(h.repliesTo(other.messageId)[0]!)).toContain('没有关联到督办事项');
    // 30 minutes later the window has closed.
    h.setNow('2026-11-23', '09:31');
    const late = await sendFile(WHO.unitHead, { bytes: PNG, image: true });
    expect(cardText(h.repliesTo(late.messageId)[0]!)).toContain('没有关联到督办事项');
    expect(evidenceRows().map((r) => r.name)).toEqual(['总结.pdf']);
  });

  it('an .xlsx from the office that is not a reply is fetched and imported (批量登记), answered privately; from a unit it is not kept', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateXlsx(templateOptions(h.db))) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('督办事项')!;
    const col = (f: string) => TEMPLATE_COLUMNS.findIndex((c) => c.field === f) + 1;
    const row = { title: '建设智慧教室', lead: '教务处', deadline: '2027-06-30', source: '学校年度工作要点', requirements: '完成建设' };
    for (const [f, v] of Object.entries(row)) sheet.getCell(2, col(f)).value = v;
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await sendFile(WHO.supervisor, { bytes, name: '督办事项.xlsx' });
    await h.flush();
    expect(h.db.select().from(items).all().map((i) => i.title)).toEqual(['建设智慧教室']);
    expect(h.sentTo(WHO.supervisor).map(cardText).join('\n')).toContain('已登记 1 项');
    // The same message delivered again imports nothing more.
    expect(h.db.select().from(inboundFiles).all().map((r) => [r.purpose, r.status])).toEqual([['import', 'stored']]);
    const unit = await sendFile(WHO.unitHead, { bytes, name: '督办事项.xlsx' });
    expect(cardText(h.repliesTo(unit.messageId)[0]!)).toContain('没有关联到督办事项');
    expect(h.db.select().from(items).all()).toHaveLength(1);
  });

  it('lists the files on the completion-review card sent to the leader, with a button that sends each', async () => {
    const { slip, item } = await claimedItem();
    await sendFile(WHO.unitHead, { bytes: PDF, name: '总结.pdf', parentId: slip.message_id });
    const f = await h.click(WHO.unitHead, { a: 'completion_form', id: item.id, v: findItemByNumber(h.db, 2026, 1)!.version }, { messageId: slip.message_id });
    await h.click(WHO.unitHead, buttonValue(f.answer.card!.data, '提交办结申请'), { messageId: slip.message_id, form: { assessment: '已完成', materials: '总结.pdf' } });
    const review = h.lastTo(WHO.leader);
    expect(cardText(review)).toContain('总结.pdf');
    expect(buttonLabels(review.content)).toContain('发给我');
    // A file sent while the review is pending: the leader's card is redrawn in place with it.
    await sendFile(WHO.liaison, { bytes: PNG, image: true, parentId: slip.message_id });
    await h.flush();
    const redrawn = h.fake.sent.find((m) => m.message_id === review.message_id)!;
    expect(redrawn.updates).toBe(1);
    expect(cardText(redrawn)).toContain('图片.png');
    expect(buttonLabels(redrawn.content).filter((l) => l === '发给我')).toHaveLength(2);
  });
});

describe('crash-safety of the download', () => {
  it('a file whose event was answered before the process died is fetched by the next start; a retry after a server error stores it once', async () => {
    const { slip } = await claimedItem();
    // The downloader is gone (the process died right after the event's commit).
    await h.bot.downloader.stop();
    const sent = await sendFile(WHO.unitHead, { bytes: PDF, name: '总结.pdf', parentId: slip.message_id });
    expect(evidenceRows()).toEqual([]);
    expect(h.db.select({ s: inboundFiles.status }).from(inboundFiles).all()).toEqual([{ s: 'pending' }]);

    // The next start: a new downloader on the same database. Feishu fails once; the retry comes after the backoff.
    const log = createLogger('silent');
    const next = new InboundDownloader(h.db, h.bot.messenger, evidenceSettler(h.db, h.bot.ctx.calendar, () => h.bot.worker.kick(), log), log, { maxBytes: 30 * 1024 * 1024, clock: () => h.now });
    h.fake.failNext(1, { status: 500, code: 1, msg: 'boom' }, { method: 'GET', path: `/open-apis/im/v1/messages/${sent.messageId}/resources/${sent.key}` });
    expect(await next.drain()).toBe(1);
    expect(h.db.select({ s: inboundFiles.status, n: inboundFiles.attempts }).from(inboundFiles).all()).toEqual([{ s: 'pending', n: 1 }]);
    expect(await next.drain()).toBe(0); // not due yet
    h.setNow('2026-11-23', '09:01');
    expect(await next.drain()).toBe(1);
    await h.flush();
    expect(evidenceRows()).toHaveLength(1);
    expect(h.repliesTo(sent.messageId)).toHaveLength(1);
    expect(await next.drain()).toBe(0);
    await next.stop();
  });

  it('after a restart (a new server on the same database file) what was queued is fetched and answered once', async () => {
    const { slip } = await claimedItem();
    await h.bot.downloader.stop();
    await h.bot.worker.stop();
    const sent = await sendFile(WHO.unitHead, { bytes: PDF, name: '总结.pdf', parentId: slip.message_id });
    // The first server is gone before it fetched anything; a second one starts on the same file.
    const db = openDatabase(h.db.$client.name);
    const config: Config = {
      port: 0, host: '127.0.0.1', databasePath: h.db.$client.name, orgFile: null, calendarFile: null, scheduleFile: null, logLevel: 'silent',
      feishu: { appId: h.fake.appId, appSecret: h.fake.appSecret, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: h.fake.url, mode: 'webhook' },
    };
    const second = await compose(config, { db, calendar: h.bot.ctx.calendar, schedule: DEFAULT_SCHEDULE }, createLogger('silent'), { now: () => h.now, larkCache: new lark.DefaultCache() });
    try {
      second.downloader.start(60_000);
      await second.downloader.idle();
      await second.worker.idle();
      await second.worker.drain();
      expect(h.fake.callsTo(`/open-apis/im/v1/messages/${sent.messageId}/resources/${sent.key}`, 'GET')).toHaveLength(1);
      expect(evidenceRows().map((r) => r.name)).toEqual(['总结.pdf']);
      expect(h.repliesTo(sent.messageId).map(cardText)).toEqual([expect.stringContaining('已收到佐证材料“总结.pdf”')]);
    } finally {
      await second.downloader.stop();
      await second.worker.stop();
      await second.app.close();
      db.$client.close();
    }
  });

  it('a download left leased by a process that died mid-way is taken up once its lease has run out, and stored once', async () => {
    const { slip } = await claimedItem();
    await h.bot.downloader.stop();
    await sendFile(WHO.unitHead, { bytes: PDF, name: '总结.pdf', parentId: slip.message_id });
    h.db.update(inboundFiles).set({ leaseOwner: '999999:dead', leaseUntil: new Date(h.now.getTime() + 600_000).toISOString() }).run();
    const log = createLogger('silent');
    const next = new InboundDownloader(h.db, h.bot.messenger, evidenceSettler(h.db, h.bot.ctx.calendar, () => h.bot.worker.kick(), log), log, { maxBytes: 30 * 1024 * 1024, clock: () => h.now });
    expect(await next.drain()).toBe(0);
    h.setNow('2026-11-23', '09:11');
    expect(await next.drain()).toBe(1);
    expect(evidenceRows()).toHaveLength(1);
    await next.stop();
  });
});
