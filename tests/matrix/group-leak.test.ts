/**
 * A group chat never learns of a confidential (涉密) item: not its number, not its title, not a button for it.
 * With confidential and normal items in every state, every role types every command and alias in a unit's group
 * chat (including the people who may see the item), replies there to cards about it, registers from a form card
 * posted there, clicks every action on messages in the group; then the scheduled jobs run through the jobs/tick
 * path at several moments up to well overdue. world.ts audits every message sent to any chat and every answer.
 * The people who may see the item still get what they asked for, privately; a list in a group says how many
 * items it left out.
 */
import { storeFile } from '../../src/files/file-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_ACTIONS, type CardAction } from '../../src/cards/types';
import type { Item } from '../../src/domain/item';
import { WHO } from '../support/fixtures';
import { LIST_FORMS, ROLES, type Role, type World, buildItem, buttonValues, cardText, sees, startWorld } from './world';

/**
 * The registration form's buttons carry no item: they are walked apart, with the form. So are the list's page
 * buttons (list-pages.test.ts walks them, in a group too).
 */
type RegisterAction = 'register' | 'register_anyway' | 'register_merge' | 'list_page';

const GROUP = 'oc_jwc'; // 教务处's bound group chat (TEST_ORG); 科研处's is oc_kyc

let w: World;
const s = {} as Record<'O' | 'A' | 'P' | 'E' | 'R' | 'X' | 'Sub', Item>;
const n = {} as Record<'O' | 'A' | 'P' | 'R' | 'Sup', Item>;

/** A bot with the items above: confidential and normal, in every state, some overdue, due soon, chased harder. */
async function build() {
  w = await startWorld();
  w.setNow('2026-11-02');
  s.O = await buildItem(w, '保密课题己逾期', { confidential: true, to: 'in_progress', deadline: '2026-11-13', extra: '挂牌' });
  n.O = await buildItem(w, '公开课题己逾期', { confidential: false, to: 'in_progress', deadline: '2026-11-13' });
  w.setNow('2026-11-23');
  s.A = await buildItem(w, '保密课题甲认领', { confidential: true, to: 'assigned' });
  s.P = await buildItem(w, '保密课题乙办理', { confidential: true, to: 'in_progress', extra: '周期:每周' });
  s.E = await buildItem(w, '保密课题丙延期', { confidential: true, to: 'extension' });
  s.R = await buildItem(w, '保密课题丁审核', { confidential: true, to: 'review' });
  // Markdown's special characters are escaped in card text: the title must still be recognised.
  s.X = await buildItem(w, '保密_课题*专[项]#庚', { confidential: true, to: 'in_progress' });
  // A normal item whose title contains a confidential one's: the group may not see it either.
  s.Sub = await buildItem(w, '校园安全', { confidential: true, to: 'in_progress', deadline: '2026-12-04' });
  n.Sup = await buildItem(w, '校园安全隐患排查', { confidential: false, to: 'in_progress', deadline: '2026-12-04' });
  n.A = await buildItem(w, '公开课题甲认领', { confidential: false, to: 'assigned' });
  n.P = await buildItem(w, '公开课题乙办理', { confidential: false, to: 'in_progress', extra: '周期:每周' });
  n.R = await buildItem(w, '公开课题丁审核', { confidential: false, to: 'review' });
  for (const k of Object.keys(s) as Array<keyof typeof s>) s[k] = w.item(s[k].id);
  for (const k of Object.keys(n) as Array<keyof typeof n>) n[k] = w.item(n[k].id);
  w.problems.length = 0;
}

beforeAll(build, 60_000);

afterAll(async () => {
  await w?.close();
});

const short = (i: Item) => `${i.year}-${i.seq}`;
const text = (m: { content: unknown }) => cardText(m.content);
const failures: string[] = [];
const check = (ok: boolean, label: string, detail: unknown = '') => {
  if (!ok) failures.push(`${label}${detail === '' ? '' : ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail).slice(0, 300)}`}`);
};
const confTitles = () => (w.db.$client.prepare('SELECT title FROM items WHERE confidential = 1').pluck().all() as string[]);
/** Items a group may not be shown: confidential ones, and any whose number or title contains a confidential one's. */
const groupMayNotSee = (number: string) => {
  const row = w.db.$client.prepare('SELECT title, confidential FROM items WHERE number = ?').get(number) as { title: string; confidential: number };
  return row.confidential === 1 || confTitles().some((t) => row.title.includes(t));
};
const numbersIn = (content: unknown) => [...new Set([...cardText(content).matchAll(/督办〔\d{4}〕\d+号/g)].map((m) => m[0]))];

describe('in a unit’s group chat, with confidential items present', () => {
  it('every command and alias, typed by every role, names no confidential item there; the asker gets it privately', async () => {
    let steps = 0;
    const say = async (role: Role, t: string, o: { parentId?: string } = {}) => {
      steps++;
      return w.say(WHO[role], t, { group: GROUP, ...o });
    };
    for (const role of ROLES) {
      const mayRegisterConf = role === 'supervisor';
      const commands = [
        '/督办',
        '/督办 帮助',
        '/duban help',
        '@_user_1 /督办 ?',
        '/督办 新建',
        '/duban new',
        `/督办 新建 群内公开新建${role} 主办:教务处 协办:科研处 截止:2026-12-30`,
        `/督办 删除 ${s.P.number}`,
        `/督办 列表 ${s.P.title}`,
        `/督办 查看 ${s.P.title}`,
        '/督办 查看',
        '/督办 绑定 教务处',
      ];
      for (const t of commands) await say(role, t);

      // 新建 … 涉密, in the group: registered for the office, the receipt privately, the group told only that.
      for (const flag of ['涉密', 'confidential', '【涉密】']) {
        const title = `群内保密新建${role}${flag.length}`;
        const r = await say(role, `/督办 新建 ${title} 主办:教务处 协办:科研处 截止:2026-12-30 ${flag}`);
        const made = w.db.$client.prepare('SELECT confidential FROM items WHERE title = ?').pluck().get(title);
        check((made === 1) === mayRegisterConf, `${role} 新建 … ${flag} in the group: registered only by the office`, made);
        if (mayRegisterConf) {
          check(r.privately.some((m) => text(m).includes(title)), `${role} 新建 … ${flag}: the receipt privately`);
          check(r.replies.length === 1 && !text(r.replies[0]!).includes(title), `${role} 新建 … ${flag}: the group told only that`, r.replies.map(text));
        }
      }

      // Every list, in the group and then privately: the group's leaves out what it may not show and says how many.
      for (const [t] of LIST_FORMS) {
        const inGroup = await say(role, t);
        if (role === 'stranger') continue;
        const priv = await w.say(WHO[role], t);
        // A list is shown a page at a time: every page of each, as the asker pages through it.
        const numbersOnPages = async (m: (typeof priv.replies)[number] | undefined) => [...new Set((await w.listPages(WHO[role], m)).flatMap(numbersIn))];
        const all = await numbersOnPages(priv.replies[0]);
        const left = all.filter(groupMayNotSee).length;
        const groupText = inGroup.replies.map(text).join('\n');
        const groupNumbers = await numbersOnPages(inGroup.replies[0]);
        check(inGroup.replies.length === 1 && inGroup.privately.length === 0, `${role} ${t} in the group: answered in the group`, groupText);
        check(JSON.stringify(groupNumbers.sort()) === JSON.stringify(all.filter((x) => !groupMayNotSee(x)).sort()), `${role} ${t}: the group sees the rest`, { group: groupNumbers, all });
        check(left === 0 ? !groupText.includes('涉密事项不在群聊中显示') : groupText.includes(`另有 ${left} 项涉密事项不在群聊中显示`), `${role} ${t}: says how many were left out (${left})`, groupText);
      }

      // 查看, 进展, 催办 of confidential items in every form: those who may see get it privately.
      for (const item of [s.P, s.X, s.Sub, s.A]) {
        const forms = [
          `/督办 查看 ${short(item)}`,
          `/督办 查看 ${item.number}`,
          `/督办 详情 ${short(item)}`,
          `/duban view ${item.number}`,
          `/duban show ${short(item)}`,
          `/督办 ${short(item)}`,
        ];
        for (const t of item === s.P ? forms : forms.slice(0, 2)) {
          const r = await say(role, t);
          if (sees(role, true)) check(r.privately.some((m) => text(m).includes(item.title)), `${role} ${t} in the group: the detail privately`, r.privately.map(text));
        }
        for (const t of [`/督办 进展 ${short(item)} 群内报送进展`, `/duban progress ${item.number} 群内报送进展`, `/督办 催办 ${short(item)} 群内催办`, `/duban urge ${item.number}`]) {
          const before = w.db.$client.prepare('SELECT count(*) FROM progress_reports WHERE item_id = ?').pluck().get(item.id) as number;
          const r = await say(role, t);
          const after = w.db.$client.prepare('SELECT count(*) FROM progress_reports WHERE item_id = ?').pluck().get(item.id) as number;
          if (t.includes('进展') || t.includes('progress')) {
            const may = sees(role, true) && ['unitHead', 'liaison', 'coopHead'].includes(role) && item.state === 'in_progress';
            check(after - before === (may ? 1 : 0), `${role} ${t} in the group: recorded only for the units`, after - before);
            if (may) check(r.privately.some((m) => text(m).includes('进展已记录')), `${role} ${t}: the receipt privately`, r.privately.map(text));
          }
        }
      }
      for (const item of [n.P, n.Sup]) {
        for (const t of [`/督办 查看 ${short(item)}`, `/督办 进展 ${short(item)} 群内报送进展`, `/督办 催办 ${short(item)}`]) await say(role, t);
      }

      // Someone who may not see a confidential item, asking for it by its full number in the group, gets there the
      // answer a number that does not exist gets: the group cannot tell which numbers are secret.
      if (!sees(role, true) && role !== 'stranger') {
        for (const cmd of ['查看', '进展', '催办']) {
          const secret = await say(role, `/督办 ${cmd} ${s.P.number} 群内`);
          const none = await say(role, `/督办 ${cmd} 督办〔2026〕999号 群内`);
          const norm = (x: string) => x.replaceAll(s.P.number, '<n>').replaceAll('督办〔2026〕999号', '<n>');
          check(
            secret.replies.length === 1 && secret.privately.length === none.privately.length && norm(secret.replies.map(text).join()) === norm(none.replies.map(text).join()),
            `${role} /督办 ${cmd} <confidential number> in the group: as for a number that does not exist`,
            [secret.replies.map(text), none.replies.map(text)],
          );
        }
      }

      // 修改, 撤销, 合并 of confidential items, typed in the group (the office's commands; snapshot and put back).
      const snap = w.snapshot();
      for (const t of [
        `/督办 修改 ${short(s.P)} 要求:群内修改 理由:群内测试`,
        `/duban edit ${s.P.number} 截止:2027-01-20 理由:群内测试`,
        `/督办 撤销 ${short(s.P)} 群内撤销`,
        `/督办 合并 ${short(s.A)} 到 ${short(s.P)}`,
        `/督办 合并 ${short(n.A)} 到 ${short(s.P)}`,
        `/督办 合并 ${short(s.A)} 到 ${short(n.P)}`,
        `/督办 约谈 ${short(s.O)} 时间:2026-11-30 15:00 地点:行政楼301`,
        `/督办 问责 ${short(s.O)}`,
        // A 督查通报 asked for in the group: the draft (its file names no confidential item anyway) goes privately.
        '/督办 通报 本期',
        '/督办 通报 2026年',
      ]) {
        const r = await say(role, t);
        if (role === 'supervisor' && !t.includes(`到 ${short(n.P)}`)) check(r.privately.length > 0, `${role} ${t} in the group: answered privately`, r.replies.map(text));
        // A 约谈通知单 (card or Word file) about a confidential item never goes to a group.
        if (t.includes('约谈')) {
          const leaked = w.fake.sent.filter((m) => w.groupChats.has(m.chat_id) && (m.msg_type === 'file' || text(m).includes(s.O.title) || /\(\d{4}\) 督字 \(\d+\) 号/.test(text(m))));
          check(leaked.length === 0, `${role} ${t}: no notice in a group`, leaked.map((m) => [m.msg_type, text(m).slice(0, 120)]));
        }
        w.restore(snap);
      }

      // Replies in the group: to a card about a confidential item (its slip, as if quoted there), to the bot's own
      // group messages (a list, the "answered privately" notice).
      const slip = w.privateCardAbout(WHO.unitHead, s.P.id)!.message_id;
      const before = w.db.$client.prepare('SELECT count(*) FROM progress_reports WHERE item_id = ?').pluck().get(s.P.id) as number;
      const r = await say(role, '@_user_1 群内回复卡片报送进展', { parentId: slip });
      const after = w.db.$client.prepare('SELECT count(*) FROM progress_reports WHERE item_id = ?').pluck().get(s.P.id) as number;
      const may = ['unitHead', 'liaison', 'coopHead'].includes(role);
      check(after - before === (may ? 1 : 0), `${role} replies in the group to the slip: recorded only for the units`, after - before);
      if (may) check(r.privately.some((m) => text(m).includes(s.P.title)), `${role} replies in the group: the receipt privately`, r.privately.map(text));
      const groupMessages = w.fake.sent.filter((m) => m.chat_id === GROUP);
      for (const parent of [groupMessages.find((m) => text(m).includes('督办事项 ·')), groupMessages.find((m) => text(m).includes('已私信'))]) {
        if (parent) await say(role, '@_user_1 群内回复机器人消息', { parentId: parent.message_id });
      }
    }
    console.log(`group commands typed: ${steps}`);
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 120_000);

  it('a click on a message in the group never answers there with a confidential item; registration from a form posted there', async () => {
    failures.length = 0;
    // A fresh bot: every click is undone by putting the database back, which is quick while the outbox is small.
    await w.close();
    await build();
    // The form card, posted in the group by the office.
    const asked = await w.say(WHO.supervisor, '/督办 新建', { group: GROUP });
    const form = asked.replies.find((m) => buttonValues(m.content).some((b) => b.a === 'register'))!;
    expect(form, 'the form card in the group').toBeTruthy();
    const base = w.snapshot();
    let clicks = 0;
    for (const role of ROLES) {
      for (const confidential of [true, false]) {
        const title = `群内表单登记${confidential ? '保密' : '公开'}`;
        const r = await w.click(WHO[role], { a: 'register', id: 0, v: 0 }, {
          messageId: form.message_id,
          form: { title, requirements: '按期完成', source: 'committee', ref: '党委会', lead: 'jwc', coop: ['kyc'], leader: WHO.leader, deadline: '2026-12-30 +0800', flags: confidential ? ['confidential'] : [] },
        });
        clicks++;
        const made = w.db.$client.prepare('SELECT count(*) FROM items WHERE title = ?').pluck().get(title) as number;
        const may = (role === 'supervisor' || (role === 'admin' && !confidential));
        check(made === (may ? 1 : 0), `${role} registers ${title} from the group's form`, made);
        if (may && confidential) {
          check(!r.answer.card, `${role} ${title}: the group's card is not replaced by the receipt`, r.answer.card && cardText(r.answer.card.data));
          check(r.privately.some((m) => text(m).includes(title)), `${role} ${title}: the receipt privately`);
        }
        w.restore(base);
      }
    }
    // Every action, on a confidential item, clicked on messages in the group (the form, a list), by every role.
    const list = (await w.say(WHO.unitHead, '/督办 列表 全部', { group: GROUP })).replies[0]!;
    const on: Record<Exclude<CardAction, RegisterAction>, Item> = {
      claim: s.A,
      progress_form: s.P,
      extension_form: s.P,
      completion_form: s.P,
      submit_progress: s.P,
      submit_extension: s.P,
      submit_completion: s.P,
      approve_extension: s.E,
      reject_extension: s.E,
      approve: s.R,
      return: s.R,
      detail: s.P,
      back: s.P,
      issue_interview: s.O,
      submit_interview: s.O,
      issue_referral: s.O,
      edit_form: s.P,
      submit_edit: s.P,
      cancel_form: s.P,
      confirm_cancel: s.P,
      // v is read as a progress report's id (mark) or a bulletin's (the others): whatever it names, nothing in the group.
      mark_typical: s.P,
      publish_bulletin: s.P,
      upload_bulletin: s.P,
      void_bulletin: s.P,
      // v is the id of an evidence file of the confidential item: it goes to the clicker privately, never here.
      send_evidence: s.P,
      // v is read as a packed statistics period (stats-cards.ts): whatever it names, no item's title in the group.
      stats_overview: s.P,
      stats_unit: s.P,
      stats_items: s.P,
      stats_excel: s.P,
    };
    const evidenceId = storeFile(w.db, { bytes: Buffer.from('%PDF-1.4\n保密材料\n%%EOF\n'), name: `${s.P.title}.pdf`, kind: 'evidence', itemId: s.P.id, createdBy: WHO.unitHead, mime: 'application/pdf' }, w.now).file.id;
    const forms: Partial<Record<CardAction, Record<string, unknown>>> = {
      submit_progress: { text: '群内卡片进展' },
      submit_extension: { reason: '需等待', date: '2027-02-26 +0800' },
      submit_completion: { assessment: '已完成', materials: '' },
      return: { note: '材料不全', new_deadline: '2027-01-15 +0800' },
      submit_edit: { measures: '群内修改', reason: '补充' },
      confirm_cancel: { reason: '撤回' },
      submit_interview: { level: 'interview1', time: '2026-11-30 15:00', place: '行政楼 301 会议室', interviewer: '李副校长' },
    };
    const snap = w.snapshot();
    for (const a of CARD_ACTIONS.filter((x): x is Exclude<CardAction, RegisterAction> => !x.startsWith('register') && x !== 'list_page')) {
      for (const role of ROLES) {
        for (const where of a === 'detail' || a === 'back' ? [form.message_id, list.message_id] : [form.message_id]) {
          for (const stale of [false, true]) {
            const item = w.item(on[a].id);
            const v = a === 'send_evidence' ? evidenceId : stale ? item.version - 1 : item.version;
            const r = await w.click(WHO[role], { a, id: item.id, v }, { messageId: where, form: forms[a] });
            clicks++;
            if (r.answer.card) check(!cardText(r.answer.card.data).includes(item.title), `${role} ${a} in the group: no card naming it`);
            check(!r.sent.some((m) => m.msg_type === 'file' && w.groupChats.has(m.chat_id)), `${role} ${a} in the group: no file sent to a group`);
            if (a === 'send_evidence' && sees(role, true)) check(r.privately.some((m) => m.msg_type === 'file'), `${role} ${a}: the file privately`);
            w.restore(snap);
          }
        }
      }
    }
    console.log(`group clicks: ${clicks}`);
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 120_000);

  it('the scheduled jobs, from the first digest to weeks overdue, post no confidential item in any group', async () => {
    failures.length = 0;
    w.problems.length = 0;
    const moments: Array<[string, string]> = [
      ['2026-11-23', '09:00'], // Monday: the week's digests; the overdue items are chased, warned
      ['2026-11-23', '17:00'], // the supervisors' summary
      ['2026-11-24', '09:00'],
      ['2026-11-30', '09:00'], // the next week's digests; 挂牌 item past its interview threshold
      ['2026-12-01', '09:00'], // 校园安全 due in 3 working days
      ['2026-12-04', '09:00'], // 校园安全 due today
      ['2026-12-07', '09:00'], // a new week: digests with items overdue
      ['2026-12-10', '17:00'],
      ['2026-12-28', '09:00'], // the others due soon
      ['2026-12-31', '09:00'], // due today
      ['2027-01-04', '09:00'], // overdue, a new week
      ['2027-01-07', '17:00'], // warnings
      ['2027-01-18', '09:00'], // interview proposals
    ];
    const digests = new Map<string, number>();
    for (const [date, time] of moments) {
      const { sent } = await w.tick(date, time);
      for (const m of sent) if (w.groupChats.has(m.chat_id)) digests.set(m.chat_id, (digests.get(m.chat_id) ?? 0) + 1);
    }
    // The digests did go out, to both bound groups, every week, with the normal items.
    check(digests.get('oc_jwc') === 6 && digests.get('oc_kyc') === 6, 'a digest each week in each bound group', Object.fromEntries(digests));
    const last = w.fake.sent.filter((m) => m.chat_id === 'oc_jwc').at(-1)!;
    check(text(last).includes(n.P.number), 'the digest lists the normal items', text(last));
    // The people who may see the confidential items were chased about them privately.
    check(w.privateCards(WHO.unitHead).some((m) => text(m).includes(s.O.title) && /逾期/.test(text(m))), 'the unit is chased privately about the overdue confidential item');
    check(w.privateCards(WHO.supervisor).some((m) => /约谈/.test(text(m)) && text(m).includes(s.O.title)), 'the office is told privately to hold an interview');
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 120_000);
});
