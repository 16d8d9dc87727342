import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { escalationsOfItem, escalationsOfItems } from '../../src/db/escalation-repository';
import { runChaseSweep } from '../../src/scheduler/chase-sweep';
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '../../src/scheduler/schedule-config';
import { drillDown, loadStats } from '../../src/services/statistics';
import { WHO, at } from '../support/fixtures';
import { type Bot, cardText, buttonLabels, buttonValue, startBot } from '../e2e/harness';

let h: Bot;
afterEach(async () => {
  await h?.close();
});

const replyText = (h: Bot, messageId: string) => h.repliesTo(messageId).map(cardText).join('\n');

/** Registers an item due 2026-11-20 on Monday 2026-11-16 and has the unit head claim it; returns its id. */
async function claimedItem(title: string, o: { confidential?: boolean; deadline?: string } = {}): Promise<number> {
  h.setNow('2026-11-16');
  await h.say(WHO.supervisor, `/督办 新建 ${title} 主办:教务处 截止:${o.deadline ?? '2026-11-20'} 分管:李副校长${o.confidential ? ' 涉密' : ''}`);
  const id = h.db.$client.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number;
  const slip = h.sentTo(WHO.unitHead).filter((m) => cardText(m).includes(title)).at(-1)!;
  await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  return id;
}

const numberOf = (id: number) => (h.db.$client.prepare('SELECT number FROM items WHERE id = ?').pluck().get(id) as string).replace(/督办〔(\d+)〕(\d+)号/, '$1-$2');

async function sweep(date: string, schedule: ScheduleConfig = DEFAULT_SCHEDULE) {
  h.setNow(date);
  const r = await runChaseSweep(h.db, h.bot.ctx.calendar, h.now, schedule);
  await h.flush();
  return r;
}

/** The Word files a person was sent, read back: file name and paragraphs. */
async function filesTo(openId: string) {
  const out: Array<{ name: string; lines: string[] }> = [];
  for (const m of h.sentTo(openId).filter((x) => x.msg_type === 'file')) {
    const up = h.fake.files.find((f) => f.file_key === (m.content as { file_key?: string }).file_key)!;
    const zip = await JSZip.loadAsync(up.data);
    const xml = await zip.file('word/document.xml')!.async('string');
    const lines = (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('')).filter(Boolean);
    out.push({ name: up.file_name, lines });
  }
  return out;
}

const rows = (table: string) => h.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('约谈通知单 level 1 from the 约谈建议 card', () => {
  it('opens a prefilled form, numbers the notice, sends card and Word file to the unit head, copies the leaders, and records it', async () => {
    h = await startBot();
    const id = await claimedItem('修订本科生培养方案');
    // Ten working days overdue on 2026-12-07: the sweep proposes the interview to the office.
    await sweep('2026-12-07');
    const proposal = h.sentTo(WHO.supervisor).filter((m) => cardText(m).includes('约谈建议')).at(-1)!;
    const open = await h.click(WHO.supervisor, buttonValue(proposal.content, '签发约谈通知'), { messageId: proposal.message_id });
    // The form comes privately as a message of its own (the proposal card stays as it is).
    expect(open.answer).toEqual({ toast: { type: 'info', content: '约谈通知单已私信发送给您，填写约谈时间、地点后签发' } });
    const formMessage = h.lastTo(WHO.supervisor);
    const form = formMessage.content;
    expect(textOf(form)).toContain('签发一级约谈通知单');
    expect(JSON.stringify(form)).toContain('"default_value":"李副校长"');
    expect(JSON.stringify(form)).toContain('"default_value":"修订本科生培养方案"');
    expect(rows('escalations')).toBe(0); // opening the form changes nothing

    h.setNow('2026-12-07', '10:00');
    const issued = await h.click(WHO.supervisor, buttonValue(form, '签发约谈通知单'), {
      messageId: formMessage.message_id,
      form: { level: 'interview1', time: '2026-12-09 15:00', place: '行政楼301会议室', interviewer: '李副校长', reason: '修订本科生培养方案' },
    });
    expect(issued.answer.toast).toMatchObject({ type: 'success' });
    expect(issued.answer.toast!.content).toContain('(2026) 督字 (1) 号');
    // The form is replaced by the receipt: nothing left to submit twice.
    expect(buttonLabels(issued.answer.card!.data)).not.toContain('签发约谈通知单');

    // The unit head: the notice card, then the Word file with the notice and its stub.
    const head = h.sentTo(WHO.unitHead).slice(-2);
    expect(head.map((m) => m.msg_type)).toEqual(['interactive', 'file']);
    expect(cardText(head[0]!)).toContain('因修订本科生培养方案工作在催办后仍未按期完成，2026年12月9日15:00由李副校长在行政楼301会议室进行工作约谈。');
    const [doc] = await filesTo(WHO.unitHead);
    expect(doc!.name).toBe('约谈通知单(2026)督字(1)号.docx');
    expect(doc!.lines.filter((l) => l === '(2026) 督字 (1) 号')).toHaveLength(2);
    expect(doc!.lines).toContain('存根');
    expect(doc!.lines).toContain('教务处:');
    // It went through the real upload (multipart, file_type doc) and send calls.
    expect(h.fake.callsTo('/open-apis/im/v1/files', 'POST')).toHaveLength(1);
    expect(h.fake.files[0]!.file_type).toBe('doc');

    // 抄送：校领导 — every leader and principal gets the card marked as a copy, and the file (uploaded once).
    for (const who of [WHO.leader, WHO.otherLeader, WHO.principal]) {
      const got = h.sentTo(who).filter((m) => m.msg_type === 'file' || cardText(m).includes('抄送'));
      expect(got.map((m) => m.msg_type), who).toEqual(['interactive', 'file']);
    }
    expect(h.sentTo(WHO.observer)).toHaveLength(0);

    // The step: its row, its history line (detail card), and the drill-down function.
    const [row] = escalationsOfItem(h.db, id);
    expect(row).toMatchObject({ step: 'interview1', number: '(2026) 督字 (1) 号', addresseeId: WHO.unitHead, issuedBy: WHO.supervisor, interviewerIds: [WHO.leader] });
    expect(escalationsOfItems(h.db, [id, 999]).get(id)?.map((r) => r.step)).toEqual(['interview1']);
    const view = await h.say(WHO.supervisor, `/督办 查看 ${numberOf(id)}`);
    expect(replyText(h, view.messageId)).toContain('签发约谈通知单（一级）');

    // A second click on the same form issues nothing more.
    const again = await h.click(WHO.supervisor, buttonValue(form, '签发约谈通知单'), { messageId: proposal.message_id, form: { level: 'interview1', time: '2026-12-09 15:00', place: '行政楼301会议室', interviewer: '李副校长' } });
    expect(again.answer.toast?.content).toMatch(/已签发，无需重复/);
    expect(rows('escalations')).toBe(1);
  }, 60_000);

  it('only the leader in charge or the office may open the form; the others are refused and nothing changes', async () => {
    h = await startBot();
    const id = await claimedItem('建设智慧教室');
    h.setNow('2026-12-07');
    const v = h.db.$client.prepare('SELECT version FROM items WHERE id = ?').pluck().get(id) as number;
    for (const who of [WHO.unitHead, WHO.liaison, WHO.principal, WHO.otherLeader, WHO.admin, WHO.observer]) {
      const before = h.fake.sent.length;
      const r = await h.click(who, { a: 'issue_interview', id, v });
      expect(r.answer.toast?.type, who).toBe('error');
      expect(r.answer.card).toBeUndefined();
      expect(h.fake.sent.length, `${who}: no form sent`).toBe(before);
      const s = await h.click(who, { a: 'submit_interview', id, v }, { form: { level: 'interview1', time: '2026-12-09 15:00', place: 'x', interviewer: 'y' } });
      expect(s.answer.toast?.type, who).toBe('error');
    }
    expect(rows('escalations')).toBe(0);
    // The leader in charge holds the interview and may issue it.
    const ok = await h.click(WHO.leader, { a: 'submit_interview', id, v }, { form: { level: 'interview1', time: '2026-12-09 15:00', place: '行政楼301', interviewer: '李副校长' } });
    expect(ok.answer.toast?.type).toBe('success');
  }, 60_000);

  it('a confidential item: copies only to its readers (the leader in charge, the principals), never to other leaders', async () => {
    h = await startBot();
    const id = await claimedItem('保密课题评审整改', { confidential: true });
    h.setNow('2026-12-07');
    const r = await h.say(WHO.supervisor, `/督办 约谈 ${numberOf(id)} 时间:2026-12-09 15:00 地点:行政楼301`);
    expect(replyText(h, r.messageId)).toContain('(2026) 督字 (1) 号');
    expect(h.sentTo(WHO.otherLeader).filter((m) => m.msg_type === 'file' || cardText(m).includes('约谈'))).toHaveLength(0);
    expect(h.sentTo(WHO.leader).map((m) => m.msg_type)).toContain('file');
    expect(h.sentTo(WHO.principal).map((m) => m.msg_type)).toContain('file');
    expect(h.fake.sent.filter((m) => m.msg_type === 'file').every((m) => m.receive_id_type === 'open_id')).toBe(true);
  }, 60_000);
});

describe('the steps in the statistics drill-downs', () => {
  it('the rows of an overdue item say which steps were issued by the end of the period, and a period before says none', async () => {
    h = await startBot();
    const id = await claimedItem('整改实验室安全隐患');
    h.setNow('2026-12-07');
    await h.say(WHO.supervisor, `/督办 约谈 ${numberOf(id)} 时间:2026-12-09 15:00 地点:行政楼301`);
    const overdueRule = (to: string) =>
      drillDown(loadStats(h.db, { from: '2026-11-01', to }, null, { calendar: h.bot.ctx.calendar, now: at('2027-01-10') }), 'overdue', null).rows.find((r) => r.item?.id === id)!.item!.rule;
    expect(overdueRule('2026-12-31')).toMatch(/；已一级约谈（\(2026\) 督字 \(1\) 号，2026-12-07）$/);
    expect(overdueRule('2026-12-04')).not.toContain('约谈');
  }, 60_000);
});

describe('/督办 约谈 in chat', () => {
  it('says clearly what is wrong, changes nothing then; numbers run on per year and are never reused', async () => {
    h = await startBot();
    const id = await claimedItem('完成审核评估整改');
    const notDue = await claimedItem('筹备年度工作会议', { deadline: '2026-12-31' });
    const ref = numberOf(id);
    h.setNow('2026-12-07');
    const says = async (who: string, text: string) => replyText(h, (await h.say(who, text)).messageId);
    expect(await says(WHO.supervisor, `/督办 约谈 ${ref} 地点:行政楼301`)).toContain('缺少约谈时间');
    expect(await says(WHO.supervisor, `/督办 约谈 ${ref} 时间:下周三 地点:行政楼301`)).toContain('无法识别约谈时间「下周三」');
    expect(await says(WHO.supervisor, `/督办 约谈 ${ref} 时间:2026-12-04 15:00 地点:行政楼301`)).toContain('已过，请填写今后的时间');
    expect(await says(WHO.supervisor, `/督办 约谈 2026-99 时间:2026-12-09 15:00 地点:行政楼301`)).toContain('没有找到');
    expect(await says(WHO.liaison, `/督办 约谈 ${ref} 时间:2026-12-09 15:00 地点:行政楼301`)).toContain('只有分管校领导或督查室');
    expect(await says(WHO.supervisor, `/督办 约谈 ${numberOf(notDue)} 时间:2026-12-09 15:00 地点:行政楼301`)).toContain('尚未逾期');
    expect(await says(WHO.supervisor, `/督办 约谈 ${ref} 二级 时间:2026-12-09 15:00 地点:行政楼301`)).toContain('尚未进行一级约谈');
    expect(await says(WHO.supervisor, `/督办 问责 ${ref}`)).toContain('尚未进行二级约谈');
    expect(rows('escalations')).toBe(0);
    expect(h.db.$client.prepare("SELECT count(*) FROM doc_sequences WHERE kind = 'interview'").pluck().get()).toBe(0);

    // Issued: (1). The upload fails for good (a 400 from Feishu): the notice keeps its number, the next one is (2).
    h.fake.failNext(1, { status: 400, code: 234001, msg: 'invalid file' }, { path: '/open-apis/im/v1/files' });
    expect(await says(WHO.leader, `/督办 约谈 ${ref} 时间:12月9日下午3点 地点:行政楼301 约谈人:李副校长`)).toContain('(2026) 督字 (1) 号');
    expect(h.fake.sent.filter((m) => m.msg_type === 'file' && m.receive_id === WHO.unitHead)).toHaveLength(0);
    expect(await says(WHO.leader, `/督办 约谈 ${ref} 时间:2026-12-09 15:00 地点:行政楼301`)).toContain('无需重复');
    const other = await claimedItem('更新实验室安全制度');
    h.setNow('2026-12-07');
    expect(await says(WHO.supervisor, `/督办 约谈 ${numberOf(other)} 时间:2026-12-10 10:00 地点:行政楼302`)).toContain('(2026) 督字 (2) 号');
    // The history of the first item says who issued it, by chat.
    const history = h.db.$client.prepare("SELECT actor_id, channel, note FROM audit_log WHERE action = 'issue_interview1' ORDER BY id").all() as Array<{ actor_id: string; channel: string; note: string }>;
    expect(history.map((x) => [x.actor_id, x.channel])).toEqual([[WHO.leader, 'command'], [WHO.supervisor, 'command']]);
    expect(history[0]!.note).toContain('2026-12-09 15:00 由李副校长在行政楼301约谈');

    // A new year starts at (1) again; (2026) numbers are not touched.
    const third = await claimedItem('修订学籍管理规定', { deadline: '2026-12-18' });
    h.setNow('2027-01-05');
    expect(await says(WHO.supervisor, `/督办 约谈 ${numberOf(third)} 时间:2027-01-07 15:00 地点:行政楼301`)).toContain('(2027) 督字 (1) 号');
    expect(h.db.$client.prepare('SELECT number FROM escalations ORDER BY id').pluck().all()).toEqual(['(2026) 督字 (1) 号', '(2026) 督字 (2) 号', '(2027) 督字 (1) 号']);
  }, 90_000);
});

describe('quiet hours', () => {
  it('a notice issued at night: the issuer is answered at once, the unit head and the leaders hear at 08:00', async () => {
    h = await startBot();
    const id = await claimedItem('修缮学生宿舍');
    h.setNow('2026-12-07', '21:00');
    const r = await h.say(WHO.supervisor, `/督办 约谈 ${numberOf(id)} 时间:2026-12-09 15:00 地点:行政楼301`);
    expect(replyText(h, r.messageId)).toContain('(2026) 督字 (1) 号');
    const notices = () => h.fake.sent.filter((m) => !m.reply_to && m.receive_id !== WHO.supervisor && (m.msg_type === 'file' || cardText(m).includes('约谈通知单')));
    expect(notices()).toHaveLength(0);
    h.setNow('2026-12-08', '08:00');
    await h.flush();
    expect(h.sentTo(WHO.unitHead).slice(-2).map((m) => m.msg_type)).toEqual(['interactive', 'file']);
    expect(notices().length).toBe(8); // the unit head and three leaders: a card and a file each
  }, 60_000);
});

describe('level 2 and the 问责 referral', () => {
  it('proposed to the office on time, issued from the proposals, the observers get the item and its whole history', async () => {
    const schedule: ScheduleConfig = { ...DEFAULT_SCHEDULE, escalation: { ...DEFAULT_SCHEDULE.escalation, interview2After: 10, referralAfter: 5, school: '西北大学' } };
    h = await startBot({ schedule });
    const id = await claimedItem('推进一流学科建设');
    h.setNow('2026-12-07');
    await h.say(WHO.supervisor, `/督办 约谈 ${numberOf(id)} 时间:2026-12-09 15:00 地点:行政楼301`);

    // Level 2: nothing on the ninth working day after level 1, a proposal to the office on the tenth, once.
    const proposals = () => h.sentTo(WHO.supervisor).filter((m) => cardText(m).includes('二级约谈建议'));
    expect((await sweep('2026-12-18', schedule)).escalationProposals).toBeUndefined();
    expect(proposals()).toHaveLength(0);
    expect((await sweep('2026-12-21', schedule)).escalationProposals).toBe(1);
    expect((await sweep('2026-12-21', schedule)).escalationProposals).toBeUndefined();
    expect(proposals()).toHaveLength(1);
    const card = proposals()[0]!;
    expect(buttonLabels(card.content)).toEqual(['签发二级约谈通知', '查看详情']);

    // A unit head and the leader in charge may not issue level 2; the principal may, from the chat or the card.
    const v = h.db.$client.prepare('SELECT version FROM items WHERE id = ?').pluck().get(id) as number;
    expect((await h.click(WHO.leader, { a: 'issue_interview', id, v })).answer.toast?.content).toMatch(/只有书记、校长或督查室/);
    await h.click(WHO.supervisor, buttonValue(card.content, '签发二级约谈通知'), { messageId: card.message_id });
    const form2 = h.lastTo(WHO.supervisor).content;
    expect(textOf(form2 as Record<string, unknown>)).toContain('签发二级约谈通知单');
    expect(JSON.stringify(form2)).toContain('"default_value":"张校长"');
    const issued = await h.click(WHO.supervisor, buttonValue(form2, '签发约谈通知单'), {
      messageId: card.message_id,
      form: { level: 'interview2', time: '2026-12-23 10:00', place: '校长办公室', interviewer: '张校长', reason: '推进一流学科建设' },
    });
    expect(issued.answer.toast?.content).toContain('(2026) 督字 (2) 号');
    const notice = (await filesTo(WHO.unitHead)).at(-1)!;
    expect(notice.lines[0]).toBe('西北大学督办工作约谈通知单');
    expect(notice.lines).toContain('因推进一流学科建设工作在催办后仍未按期完成，2026年12月23日10:00由张校长在校长办公室进行工作约谈。');

    // The referral: five working days after level 2, to the office.
    const referralProposals = () => h.sentTo(WHO.supervisor).filter((m) => cardText(m).includes('问责移交建议'));
    await sweep(h.bot.ctx.calendar.addWorkdays('2026-12-21', 4), schedule);
    expect(referralProposals()).toHaveLength(0);
    const due = h.bot.ctx.calendar.addWorkdays('2026-12-21', 5);
    await sweep(due, schedule);
    expect(referralProposals()).toHaveLength(1);
    const rp = referralProposals()[0]!;
    const iv = h.db.$client.prepare('SELECT version FROM items WHERE id = ?').pluck().get(id) as number;
    expect((await h.click(WHO.principal, { a: 'issue_referral', id, v: iv })).answer.toast?.content).toMatch(/只有督查室可以移交问责/);
    const sent = await h.click(WHO.supervisor, buttonValue(rp.content, '移交问责'), { messageId: rp.message_id });
    expect(sent.answer.toast?.content).toContain('已移交问责');

    // The observers: a card, and the Word file with the item, both interviews and every history line.
    const obs = h.sentTo(WHO.observer);
    expect(obs.map((m) => m.msg_type)).toEqual(['interactive', 'file']);
    expect(cardText(obs[0]!)).toContain('督办事项问责移交');
    const [referral] = await filesTo(WHO.observer);
    expect(referral!.name).toBe(`问责移交督办〔2026〕1号.docx`);
    expect(referral!.lines).toContain('一级约谈：(2026) 督字 (1) 号，2026年12月9日15:00由李副校长在行政楼301约谈。');
    expect(referral!.lines.some((l) => /签发约谈通知单（二级）：\(2026\) 督字 \(2\) 号/.test(l))).toBe(true);
    const auditCount = h.db.$client.prepare('SELECT count(*) FROM audit_log WHERE item_id = ?').pluck().get(id) as number;
    expect(referral!.lines.filter((l) => /^\d+\. /.test(l))).toHaveLength(auditCount);
    expect(escalationsOfItem(h.db, id).map((r) => r.step)).toEqual(['interview1', 'interview2', 'referral']);
    // The end of the ladder: nothing more is proposed or issued.
    await sweep(h.bot.ctx.calendar.addWorkdays(due, 10), schedule);
    expect(referralProposals()).toHaveLength(1);
    const after = await h.say(WHO.supervisor, `/督办 问责 ${numberOf(id)}`);
    expect(replyText(h, after.messageId)).toContain('无需重复');
  }, 120_000);
});

describe('the interview in the Feishu calendar', () => {
  it('when configured: one event on the configured calendar with the unit head and the 约谈人, retried after a failure without a second event', async () => {
    const schedule: ScheduleConfig = { ...DEFAULT_SCHEDULE, escalation: { ...DEFAULT_SCHEDULE.escalation, calendarId: 'feishu.cn_cal_duban' } };
    h = await startBot({ schedule });
    const id = await claimedItem('落实实验室安全整改');
    h.setNow('2026-12-07');
    // The first attendee call fails (Feishu down): the event exists, the row is not marked; the next run finishes it.
    h.fake.failNext(1, { status: 500, code: 1, msg: 'internal error' }, { path: /\/attendees$/ });
    await h.say(WHO.supervisor, `/督办 约谈 ${numberOf(id)} 时间:2026-12-09 15:00 地点:行政楼301 约谈人:李副校长`);
    expect(escalationsOfItem(h.db, id)[0]!.calendarEventIds).toEqual([]);
    h.bot.escalations.kick();
    await h.flush();
    expect(h.fake.calendarEvents).toHaveLength(1);
    const e = h.fake.calendarEvents[0]!;
    expect(e.calendar_id).toBe('feishu.cn_cal_duban');
    expect(e.start_time.timestamp).toBe(String(Date.parse('2026-12-09T15:00:00+08:00') / 1000));
    expect(e.location?.name).toBe('行政楼301');
    expect(e.summary).toContain('落实实验室安全整改');
    expect(e.attendees.sort()).toEqual([WHO.unitHead, WHO.leader].sort());
    expect(escalationsOfItem(h.db, id)[0]!.calendarEventIds).toEqual([e.event_id]);
    // Two creates went out, the second answered with the first event (same idempotency key).
    const creates = h.fake.callsTo('/open-apis/calendar/v4/calendars/feishu.cn_cal_duban/events', 'POST').filter((c) => !c.path.endsWith('/attendees'));
    expect(creates).toHaveLength(2);
    expect(new Set(creates.map((c) => c.query.idempotency_key)).size).toBe(1);
    // Runs after that do nothing more.
    h.bot.escalations.kick();
    await h.flush();
    expect(h.fake.callsTo('/open-apis/calendar').length).toBe(4);
  }, 60_000);

  it('when not configured: no calendar call at all', async () => {
    h = await startBot();
    const id = await claimedItem('清理历史遗留问题');
    h.setNow('2026-12-07');
    await h.say(WHO.supervisor, `/督办 约谈 ${numberOf(id)} 时间:2026-12-09 15:00 地点:行政楼301`);
    expect(rows('escalations')).toBe(1);
    expect(h.fake.callsTo('/open-apis/calendar')).toHaveLength(0);
    expect(h.fake.calendarEvents).toHaveLength(0);
  }, 60_000);
});
