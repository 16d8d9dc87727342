/**
 * The 督查通报 end to end: the autumn semester (tests/stats/semester.ts) scripted through the real services, 典型经验
 * marked with the detail card's button, `/督办 通报` typed by the office through signed webhook requests, the Word
 * draft uploaded to the fake Feishu and sent as a file with its card, read back paragraph by paragraph; then 发布
 * (recipients and observers get the file), 作废, 修改后上传, and who may do any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findItem } from '../../src/db/item-repository';
import { readFileBytes } from '../../src/files/file-store';
import { insertProgress } from '../../src/db/history-repository';
import { bulletinOfMessage, replaceBulletinFile, writePendingBulletins } from '../../src/services/bulletins';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { type Bot, VERIFICATION_TOKEN, buttonLabels, buttonValue, startBot } from '../e2e/harness';
import { messageEvent } from '../support/feishu-signer';
import { WHO, at } from '../support/fixtures';
import { HEAD, type Semester, scriptSemester } from '../stats/semester';
import { docxParagraphs, docxTableRows } from './docx-text';

let h: Bot;
let sem: Semester;
const ref = (key: keyof Semester['ids']) => {
  const i = findItem(h.db, sem.ids[key])!;
  return `${i.year}-${i.seq}`;
};
const bulletins = () => h.db.$client.prepare('SELECT * FROM bulletins ORDER BY id').all() as Array<Record<string, unknown>>;
const audits = (action: string) => h.db.$client.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<Record<string, unknown>>;
const cardText = (m: { content: unknown }) => JSON.stringify(m.content);

/** Types the command, waits for the draft to be written and sent; returns the draft card and file messages. */
async function draft(text: string, who: string = WHO.supervisor) {
  const before = h.fake.sent.length;
  const said = await h.say(who, text);
  await h.bot.bulletins.idle();
  await h.flush();
  const mine = h.fake.sent.slice(before).filter((m) => m.receive_id === who);
  return { said, card: mine.find((m) => m.msg_type === 'interactive' && cardText(m).includes('督查通报 · ')), file: mine.find((m) => m.msg_type === 'file') };
}

beforeAll(async () => {
  h = await startBot();
  sem = scriptSemester(h.bot.ctx);
  // Progress worth copying, on an ordinary item (K3, 科研处) and on a confidential one (J5, 教务处), written in 11–12 月.
  // (Written as they were recorded then: the script has already moved the items on to their end states.)
  insertProgress(h.db, { itemId: sem.ids.K3, unitId: 'kyc', authorId: HEAD.kyc, channel: 'chat', text: '逐项建立横向合同清理台账，每周调度', createdAt: at('2026-11-02').toISOString() });
  insertProgress(h.db, { itemId: sem.ids.J5, unitId: 'jwc', authorId: HEAD.jwc, channel: 'chat', text: '保密考场视频巡查全覆盖', createdAt: at('2026-11-03').toISOString() });
  await h.flush();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('典型经验', () => {
  it('the office marks a progress report from the detail card, and takes the mark off; nobody else can', async () => {
    h.setNow('2026-11-04');
    const asked = await h.say(WHO.supervisor, `/督办 查看 ${ref('K3')}`);
    const detail = h.repliesTo(asked.messageId)[0]!;
    expect(buttonLabels(detail.content)).toContain('标为典型经验');
    const mark = buttonValue(detail.content, '标为典型经验');
    expect(mark.a).toBe('mark_typical');

    // A unit head, a leader and an observer are refused, and nothing is marked.
    for (const who of [HEAD.kyc, WHO.leader, WHO.observer]) {
      const r = await h.click(who, mark, { messageId: detail.message_id });
      expect(r.answer.toast?.type, who).toBe('error');
    }
    expect(h.db.$client.prepare('SELECT count(*) FROM progress_reports WHERE typical_at IS NOT NULL').pluck().get()).toBe(0);

    const on = await h.click(WHO.supervisor, mark, { messageId: detail.message_id });
    expect(on.answer.toast).toEqual({ type: 'success', content: '已标为典型经验，将列入督查通报' });
    expect(JSON.stringify(on.answer.card?.data)).toContain('⭐ 典型经验');
    const off = await h.click(WHO.supervisor, buttonValue(on.answer.card!.data, '取消典型经验'), { messageId: detail.message_id });
    expect(off.answer.toast?.content).toBe('已取消典型经验标记');
    const again = await h.click(WHO.supervisor, buttonValue(off.answer.card!.data, '标为典型经验'), { messageId: detail.message_id });
    expect(again.answer.toast?.type).toBe('success');
    expect(audits('mark_typical').map((a) => a.actor_id)).toEqual([WHO.supervisor, WHO.supervisor]);
    expect(audits('unmark_typical')).toHaveLength(1);

    // A progress id of another item cannot be marked through this item's card.
    const j5Progress = h.db.$client.prepare('SELECT id FROM progress_reports WHERE item_id = ? ORDER BY id DESC').pluck().get(sem.ids.J5) as number;
    const wrong = await h.click(WHO.supervisor, { a: 'mark_typical', id: sem.ids.K3, v: j5Progress }, { messageId: detail.message_id });
    expect(wrong.answer.toast?.type).toBe('error');
    // The confidential item's report, marked from its own card.
    const conf = await h.click(WHO.supervisor, { a: 'mark_typical', id: sem.ids.J5, v: j5Progress });
    expect(conf.answer.toast?.type).toBe('success');
  });
});

describe('督查通报', () => {
  it('drafts 督查通报〔2027〕第1期 for 2026年11–12月 as a Word file that reads as the figures say, naming no confidential item', async () => {
    h.setNow('2027-01-05', '10:00');
    const uploadsBefore = h.fake.files.length;
    const { said, card, file } = await draft('/督办 通报 2026年11-12月');
    expect(JSON.stringify(h.repliesTo(said.messageId).map((m) => m.content))).toContain('督查通报〔2027〕第1期');
    expect(card, 'the draft card').toBeTruthy();
    expect(buttonLabels(card!.content)).toEqual(['发布', '修改后上传', '作废']);
    expect(file, 'the draft as a file message').toBeTruthy();
    // Through the real upload: one file, its key in the file message.
    const uploaded = h.fake.files.slice(uploadsBefore);
    expect(uploaded.map((f) => [f.file_name, f.file_type])).toEqual([['督查通报〔2027〕第1期.docx', 'doc']]);
    expect(file!.content).toEqual({ file_key: uploaded[0]!.file_key });

    const p = await docxParagraphs(uploaded[0]!.data);
    const text = p.join('\n');
    expect(p.slice(0, 3)).toEqual(['督查通报', '〔2027〕第1期', `督查室　　　　2027年1月5日`]);
    expect(p).toContain('关于2026年11–12月督办事项办理情况的通报');
    const headings = p.filter((x) => /^[一二三四五]、/.test(x));
    expect(headings).toEqual(['一、总体情况', '二、事项办结情况', '三、逾期未办结事项', '四、典型经验', '五、存在问题']);
    // The school line, by hand (tests/stats/semester.test.ts P2 total: 在办 9, 应办结 8, 已办结 5, 按时 3, 逾期 3).
    expect(text).toContain('全校在办督办事项 9 项，应办结 8 项，已办结 5 项，其中按时办结 3 项，逾期未办结 3 项；办结率 62.5%，按时办结率 37.5%');
    const rows = await docxTableRows(uploaded[0]!.data);
    expect(rows[0]).toEqual(['单位', '在办', '应办结', '已办结', '按时办结', '逾期未办结', '延期', '协办', '办结率', '按时办结率']);
    expect(rows).toContainEqual(['科研处', '3', '3', '2', '1', '1', '0', '0', '66.7%', '33.3%']);
    expect(rows).toContainEqual(['人事处', '3', '3', '2', '1', '1', '1', '1', '66.7%', '33.3%']);
    expect(rows.at(-1)).toEqual(['全校合计', '9', '8', '5', '3', '3', '1', '2', '62.5%', '37.5%']);
    // Closed in the period: K1 on time, K3 late (科研处); R2 late, R3 on time (人事处); R5 on time (教务处).
    expect(p.filter((x) => /^\d+\. 督办/.test(x) && x.includes('销号')).length).toBe(5);
    expect(p.find((x) => x.includes('横向项目合同清理') && x.includes('销号'))).not.toContain('按时办结。');
    expect(p.find((x) => x.includes('国家重点研发计划申报组织'))).toMatch(/按时办结。$/);
    // Overdue with the delay in working days: K5 due 11-30, 23 working days of December; R4 due on T itself.
    expect(text).toContain('实验室安全隐患排查整治：截止 2026-11-30，截至 2026-12-31 逾期 23 个工作日未办结。');
    expect(text).toContain('博士后进站管理办法修订：截止 2026-12-31，截至 2026-12-31 到期未办结。');
    // J5 is confidential: counted (the problem line of 教务处, 44 working days from 10-30), never named.
    expect(text).not.toContain('考试安全专项整治');
    expect(text).not.toContain('保密考场视频巡查全覆盖');
    expect(text).toContain('另有涉密事项 1 项，不在本通报中列明。');
    expect(text).toContain('另有涉密事项的典型经验 1 条，不在本通报中列明。');
    expect(text).toContain('1. 科研处（');
    expect(text).toContain('逐项建立横向合同清理台账，每周调度');
    expect(text).toContain('教务处有 1 项事项逾期未办结，最长逾期 44 个工作日。');
    expect(text).toContain('科研处有 1 项事项逾期未办结，最长逾期 23 个工作日。');
    expect(p.at(-1)).toBe('抄送：纪委办刘。');
    const b = bulletins();
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ number: '督查通报〔2027〕第1期', year: 2027, seq: 1, state: 'draft', period_from: '2026-11-01', period_to: '2026-12-31', drafted_by: WHO.supervisor });
    expect(audits('bulletin_draft')).toHaveLength(1);
    // Either message of the draft names it, for a corrected file sent in reply.
    expect(bulletinOfMessage(h.db, card!.message_id)).toBe(b[0]!.id);
    expect(bulletinOfMessage(h.db, file!.message_id)).toBe(b[0]!.id);
  });

  it('the draft is written once, however often the writer runs (a crash after the draft: the next run writes it)', async () => {
    const files = h.db.$client.prepare("SELECT count(*) FROM files WHERE kind = 'bulletin'").pluck().get();
    expect(await writePendingBulletins(h.bot.ctx, DEFAULT_SCHEDULE.bulletin)).toBe(0);
    expect(h.db.$client.prepare("SELECT count(*) FROM files WHERE kind = 'bulletin'").pluck().get()).toBe(files);
  });

  it('only the office may ask; a bad period is explained', async () => {
    for (const who of [WHO.leader, HEAD.jwc, WHO.observer, WHO.admin]) {
      const { said } = await draft('/督办 通报', who);
      expect(JSON.stringify(h.repliesTo(said.messageId).map((m) => m.content)), who).toContain('只有督查室人员');
    }
    const { said } = await draft('/督办 通报 2026年13月');
    expect(JSON.stringify(h.repliesTo(said.messageId).map((m) => m.content))).toContain('无法识别的统计期间');
    const { said: future } = await draft('/督办 通报 2027-03-01..2027-04-30');
    expect(JSON.stringify(h.repliesTo(future.messageId).map((m) => m.content))).toContain('尚未开始');
    expect(bulletins()).toHaveLength(1);
  });

  it('修改后上传 replaces the draft; 发布 sends the current file to the recipients and copies the observers, once', async () => {
    const b = bulletins()[0]!;
    const bytes = readFileBytes(h.db, (h.db.$client.prepare('SELECT sha256 FROM files WHERE id = ?').pluck().get(b.file_id) as string));
    expect(() => replaceBulletinFile(h.bot.ctx, b.id as number, WHO.supervisor, Buffer.from('%PDF-1.4'), '通报.pdf', h.now)).toThrow(/Word 文档/);
    expect(() => replaceBulletinFile(h.bot.ctx, b.id as number, WHO.leader, bytes, '通报.docx', h.now)).toThrow(/只有督查室人员/);
    // The corrected file: the same document with one more paragraph (any real .docx would do).
    const corrected = Buffer.concat([bytes]);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(corrected);
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('</w:body>', '<w:p><w:r><w:t>督查室补充意见：请各单位于1月15日前报送整改情况。</w:t></w:r></w:p></w:body>'));
    const edited = Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
    const before = h.fake.sent.length;
    const uploads = h.fake.files.length;
    replaceBulletinFile(h.bot.ctx, b.id as number, WHO.supervisor, edited, '督查通报第1期（修改稿）.docx', h.now);
    h.bot.deps.kick();
    await h.flush();
    const resent = h.fake.sent.slice(before).filter((m) => m.receive_id === WHO.supervisor);
    const card = resent.find((m) => m.msg_type === 'interactive')!;
    expect(cardText(card)).toContain('督查通报第1期（修改稿）.docx');
    expect(audits('bulletin_replace')).toHaveLength(1);

    // Only the office publishes.
    const publish = buttonValue(card.content, '发布');
    expect(publish).toEqual({ a: 'publish_bulletin', id: 0, v: b.id });
    const refused = await h.click(WHO.leader, publish, { messageId: card.message_id });
    expect(refused.answer.toast?.type).toBe('error');
    expect(bulletins()[0]!.state).toBe('draft');

    const sentBefore = h.fake.sent.length;
    const r = await h.click(WHO.supervisor, publish, { messageId: card.message_id });
    expect(r.answer.toast?.type).toBe('success');
    expect(buttonLabels(r.answer.card!.data)).toEqual([]);
    const out = h.fake.sent.slice(sentBefore);
    const filesTo = out.filter((m) => m.msg_type === 'file').map((m) => m.receive_id).sort();
    // Default recipients: supervisors, leaders, principals, unit heads; the observer copied.
    expect(filesTo).toEqual([WHO.supervisor, WHO.leader, WHO.otherLeader, WHO.principal, HEAD.jwc, HEAD.kyc, HEAD.rsc, WHO.observer].sort());
    // The corrected file, uploaded once (when it came back to the supervisor) and sent by its key to all of them.
    const newUploads = h.fake.files.slice(uploads);
    expect(newUploads).toHaveLength(1);
    expect((await docxParagraphs(newUploads[0]!.data)).at(-1)).toBe('督查室补充意见：请各单位于1月15日前报送整改情况。');
    expect(new Set(out.filter((m) => m.msg_type === 'file').map((m) => (m.content as { file_key: string }).file_key))).toEqual(new Set([newUploads[0]!.file_key]));
    expect(cardText(out.find((m) => m.receive_id === WHO.observer && m.msg_type === 'interactive')!)).toContain('（抄送）');
    expect(bulletins()[0]).toMatchObject({ state: 'published', published_by: WHO.supervisor });
    expect(audits('bulletin_publish')).toHaveLength(1);

    // A second click (or a stale card) publishes nothing again.
    const twice = await h.click(WHO.supervisor, publish, { messageId: card.message_id });
    expect(twice.answer.toast?.type).toBe('error');
    expect(h.fake.sent.length).toBe(sentBefore + out.length);
    expect(() => replaceBulletinFile(h.bot.ctx, b.id as number, WHO.supervisor, edited, 'x.docx', h.now)).toThrow(/已发布/);
  });

  it('作废 keeps the number: the next draft is 第3期 after a voided 第2期', async () => {
    const second = await draft('/督办 通报 2026年');
    const v = buttonValue(second.card!.content, '作废');
    expect((await h.click(WHO.liaison, v, { messageId: second.card!.message_id })).answer.toast?.type).toBe('error');
    const voided = await h.click(WHO.supervisor, v, { messageId: second.card!.message_id });
    expect(voided.answer.toast?.content).toBe('督查通报〔2027〕第2期 已作废，编号不再使用');
    expect((await h.click(WHO.supervisor, buttonValue(second.card!.content, '发布'), { messageId: second.card!.message_id })).answer.toast?.type).toBe('error');
    const third = await draft('/督办 通报 上期');
    expect(cardText(third.card!)).toContain('督查通报〔2027〕第3期');
    expect(bulletins().map((b) => [b.number, b.state])).toEqual([
      ['督查通报〔2027〕第1期', 'published'],
      ['督查通报〔2027〕第2期', 'void'],
      ['督查通报〔2027〕第3期', 'draft'],
    ]);
  });

  it('修改后上传 in chat: a .docx sent in reply to the draft card is fetched and replaces the draft; anything else is refused with the reason', async () => {
    const b = bulletins().at(-1)!;
    const card = h.fake.sent.filter((m) => m.receive_id === WHO.supervisor && m.msg_type === 'interactive' && cardText(m).includes('督查通报〔2027〕第3期')).at(-1)!;
    const original = readFileBytes(h.db, h.db.$client.prepare('SELECT sha256 FROM files WHERE id = ?').pluck().get(b.file_id) as string);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(original);
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('</w:body>', '<w:p><w:r><w:t>修改稿：补充第五部分。</w:t></w:r></w:p></w:body>'));
    const edited = Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));

    let seq = 0;
    const sendFile = async (from: string, bytes: Buffer, name: string, parentId = card.message_id) => {
      const messageId = `om_bulletin_file_${++seq}`;
      const key = `file_v3_${messageId}`;
      h.fake.addResource(messageId, key, bytes);
      const ev = messageEvent({ token: VERIFICATION_TOKEN, senderOpenId: from, chatId: `oc_p2p_${from}`, chatType: 'p2p', messageType: 'file', content: { file_key: key, file_name: name }, messageId, parentId });
      expect((await h.post(ev)).statusCode).toBe(200);
      await h.bot.downloader.idle();
      await h.bot.downloader.drain();
      await h.flush();
      return h.repliesTo(messageId).map((m) => cardText(m)).join('\n');
    };
    // Not the office, not a .docx by name: refused at once; a .docx by name that is not one: refused once fetched.
    expect(await sendFile(WHO.leader, edited, '改过的.docx')).toContain('只有督查室人员');
    expect(await sendFile(WHO.supervisor, Buffer.from('%PDF-1.4 …'), '通报.pdf')).toContain('不是 .docx 文件');
    expect(await sendFile(WHO.supervisor, Buffer.from('%PDF-1.4 …'), '通报.docx')).toContain('请发送 Word 文档（.docx）');
    expect(bulletins().at(-1)!.file_id).toBe(b.file_id);

    const before = h.fake.sent.length;
    await sendFile(WHO.supervisor, edited, '第3期（修改稿）.docx');
    const now = bulletins().at(-1)!;
    expect(now.file_id).not.toBe(b.file_id);
    const back = h.fake.sent.slice(before).filter((m) => m.receive_id === WHO.supervisor);
    expect(back.map((m) => m.msg_type).sort()).toEqual(['file', 'interactive']);
    expect(cardText(back.find((m) => m.msg_type === 'interactive')!)).toContain('第3期（修改稿）.docx');
    const upload = h.fake.files.at(-1)!;
    expect((await docxParagraphs(upload.data)).at(-1)).toBe('修改稿：补充第五部分。');
    expect(h.db.$client.prepare("SELECT status FROM inbound_files WHERE purpose = ? ORDER BY id").pluck().all(`bulletin:${b.id}`)).toEqual(['refused', 'stored']);
  });
});
