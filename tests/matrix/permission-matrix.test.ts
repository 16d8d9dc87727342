/**
 * Every role × every chat command and every card action × a normal and a confidential item × a current and an
 * out-of-date card, through signed requests to the real bot. For each combination: only the allowed ones change
 * anything, the allowed ones do what they should, and nothing shown or sent names an item to someone who may not
 * see it (world.ts audits every answer, toast, card and message).
 *
 * What is allowed comes from the domain's own tables where they are the spec (PERMISSIONS, ALLOWED_STATES); who
 * may see an item is written out by hand (world.ts SEES), as are the few rules that live outside those tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_ACTIONS, type CardAction } from '../../src/cards/types';
import type { CommandType } from '../../src/domain/commands';
import type { Item } from '../../src/domain/item';
import { ALLOWED_STATES, PERMISSIONS } from '../../src/domain/transitions';
import { storeFile } from '../../src/files/file-store';
import { WHO } from '../support/fixtures';
import { type Clicked, LIST_FORMS, ROLES, type Scope, RELATIONS, type Role, type Said, type World, buildItem, buttonValues, cardText, sees, startWorld } from './world';

/** The items of the world, one per state an action needs, each normal and confidential. */
const KEYS = ['A', 'P', 'E', 'R', 'S', 'O'] as const;
type Key = (typeof KEYS)[number];
const TITLE: Record<Key, string> = { A: '甲认领', P: '乙办理', E: '丙延期', R: '丁审核', S: '戊二审', O: '己逾期' };
const titleOf = (k: Key, confidential: boolean) => `${confidential ? '保密课题' : '公开课题'}${TITLE[k]}`;

type Kind = 'view' | 'interview' | 'referral';
interface ActionCase {
  a: CardAction;
  on: Key;
  /** The domain command behind it (checked against PERMISSIONS and ALLOWED_STATES), or a rule outside the table. */
  does: CommandType | Kind;
  form?: Record<string, unknown>;
  /** Form actions: the submit button the opened form must carry. */
  opens?: CardAction;
  /** What the button carries as `v` when it is not the item's version (a file's id): the same on a stale card. */
  v?: (item: Item) => number;
}

const ACTIONS: ActionCase[] = [
  { a: 'claim', on: 'A', does: 'claim' },
  { a: 'progress_form', on: 'P', does: 'report_progress', opens: 'submit_progress' },
  { a: 'extension_form', on: 'P', does: 'request_extension', opens: 'submit_extension' },
  { a: 'completion_form', on: 'P', does: 'submit_completion', opens: 'submit_completion' },
  { a: 'submit_progress', on: 'P', does: 'report_progress', form: { text: '矩阵测试：完成第一阶段' } },
  { a: 'submit_extension', on: 'P', does: 'request_extension', form: { reason: '需等待上级文件', date: '2027-02-26 +0800' } },
  { a: 'submit_completion', on: 'P', does: 'submit_completion', form: { assessment: '已按要求完成', materials: '总结.pdf' } },
  { a: 'approve_extension', on: 'E', does: 'approve_extension', form: { note: '同意' } },
  { a: 'reject_extension', on: 'E', does: 'reject_extension', form: { note: '理由不充分' } },
  { a: 'approve', on: 'R', does: 'approve', form: { note: '同意销号' } },
  { a: 'return', on: 'R', does: 'return', form: { note: '材料不全', new_deadline: '2027-01-15 +0800' } },
  { a: 'approve', on: 'S', does: 'approve', form: { note: '同意销号' } },
  { a: 'return', on: 'S', does: 'return', form: { note: '材料不全', new_deadline: '2027-01-15 +0800' } },
  { a: 'detail', on: 'P', does: 'view' },
  { a: 'back', on: 'P', does: 'view' },
  { a: 'issue_interview', on: 'O', does: 'interview', opens: 'submit_interview' },
  { a: 'submit_interview', on: 'O', does: 'interview', form: { level: 'interview1', time: '2026-11-30 15:00', place: '行政楼 301 会议室', interviewer: '李副校长' } },
  // The overdue item has had no interview: the referral is refused to everyone (tests/escalation/ walks it through).
  { a: 'issue_referral', on: 'O', does: 'referral' },
  { a: 'edit_form', on: 'P', does: 'edit', opens: 'submit_edit' },
  { a: 'submit_edit', on: 'P', does: 'edit', form: { measures: '矩阵测试：每周调度', reason: '补充工作措施' } },
  { a: 'cancel_form', on: 'P', does: 'cancel', opens: 'confirm_cancel' },
  { a: 'confirm_cancel', on: 'P', does: 'cancel', form: { reason: '上级已撤回该任务' } },
  // 发给我 on an evidence file: whoever may see the item gets the file privately; `v` is the file's id.
  { a: 'send_evidence', on: 'P', does: 'view', v: (item) => evidenceOf.get(item.id)! },
];

/**
 * Who may sign off at each review stage (DOMAIN.md: the leader in charge reviews; an important item then goes to a
 * principal; a return may also come from the office). The table's approve/return rows are narrowed by the stage.
 */
const REVIEWERS: Record<'leader' | 'principal', { approve: string[]; return: string[] }> = {
  leader: { approve: ['leaderInCharge'], return: ['leaderInCharge', 'supervisor'] },
  principal: { approve: ['principal'], return: ['principal', 'supervisor'] },
};

/** Rules that live outside PERMISSIONS, by hand: who may issue an interview, register, bind a unit's chat. */
/** The 一级约谈通知单: the leader in charge, or the office on the leader's behalf (domain/escalation.ts). */
const MAY_ISSUE_INTERVIEW: Role[] = ['supervisor', 'leader'];
/** Registering: the office (and admins); a confidential item only by someone who may see one once it exists. */
const mayRegister = (role: Role, confidential: boolean) => (role === 'supervisor' || role === 'admin') && sees(role, confidential);
const MAY_BIND_JWC: Role[] = ['supervisor', 'admin', 'unitHead'];

function permitted(role: Role, c: ActionCase, item: Item): boolean {
  if (c.does === 'view') return true;
  if (c.does === 'interview') return MAY_ISSUE_INTERVIEW.includes(role);
  if (c.does === 'referral') return false;
  // The world built the item in a state where the command makes sense; a wrong build would test nothing.
  expect(ALLOWED_STATES[c.does], `${c.a} on ${item.number} (${item.state})`).toContain(item.state);
  let allowed: readonly string[] = PERMISSIONS[c.does];
  if (c.does === 'approve' || c.does === 'return') allowed = REVIEWERS[item.reviewStage === 'principal' ? 'principal' : 'leader'][c.does];
  return RELATIONS[role].some((r) => allowed.includes(r));
}

/** Actions that act on the item as the card showed it: refused when the card is out of date. Reading is not. */
const versionChecked = (a: CardAction) => a !== 'detail' && a !== 'back' && a !== 'send_evidence';

let w: World;
let base: ReturnType<World['snapshot']>;
let baseState: Record<string, unknown[]>;
const items = {} as Record<Key, Record<'n' | 's', Item>>;
const conf = (c: 'n' | 's') => c === 's';
/** The card about an item each person holds in their private chat, if any (where their clicks come from). */
const heldCard = new Map<string, string | undefined>();
/** The evidence file stored for each in-hand item (P), by item id. */
const evidenceOf = new Map<number, number>();

beforeAll(async () => {
  w = await startWorld();
  // The overdue items are registered three weeks earlier, due before "today" (Monday 2026-11-23).
  w.setNow('2026-11-02');
  for (const c of ['n', 's'] as const) {
    (items.O ??= {} as Record<'n' | 's', Item>)[c] = await buildItem(w, titleOf('O', conf(c)), { confidential: conf(c), to: 'in_progress', deadline: '2026-11-13' });
  }
  w.setNow('2026-11-23');
  const to = { A: 'assigned', P: 'in_progress', E: 'extension', R: 'review', S: 'principal_review' } as const;
  for (const k of ['A', 'P', 'E', 'R', 'S'] as const) {
    items[k] = {} as Record<'n' | 's', Item>;
    for (const c of ['n', 's'] as const) items[k][c] = await buildItem(w, titleOf(k, conf(c)), { confidential: conf(c), to: to[k] });
  }
  for (const k of KEYS) for (const c of ['n', 's'] as const) items[k][c] = w.item(items[k][c].id);
  for (const c of ['n', 's'] as const) {
    const bytes = Buffer.from(`%PDF-1.4\n${titleOf('P', conf(c))}\n%%EOF\n`);
    evidenceOf.set(items.P[c].id, storeFile(w.db, { bytes, name: '总结.pdf', kind: 'evidence', itemId: items.P[c].id, createdBy: WHO.unitHead, mime: 'application/pdf' }, w.now).file.id);
  }
  for (const role of ROLES) {
    for (const k of KEYS) for (const c of ['n', 's'] as const) heldCard.set(`${role}:${items[k][c].id}`, w.privateCardAbout(WHO[role], items[k][c].id)?.message_id);
  }
  w.expectNoProblems();
  base = w.snapshot();
  baseState = w.state();
}, 60_000);

afterAll(async () => {
  await w?.close();
});

/** What changed in the bot's tables since the snapshot: table → [rows before, rows after], for the tables that differ. */
function changes(): Record<string, { before: unknown[]; after: unknown[] }> {
  const now = w.state();
  const out: Record<string, { before: unknown[]; after: unknown[] }> = {};
  for (const t of new Set([...Object.keys(baseState), ...Object.keys(now)])) {
    if (JSON.stringify(baseState[t]) !== JSON.stringify(now[t])) out[t] = { before: baseState[t] ?? [], after: now[t] ?? [] };
  }
  return out;
}

/** Back to the world as built, if the last step changed anything at all. */
let lastOutbox = 0;
function reset() {
  if (Object.keys(changes()).length || w.lastOutboxId() !== lastOutbox) w.restore(base);
  lastOutbox = w.lastOutboxId();
}

const failures: string[] = [];
const check = (ok: boolean, label: string, detail: unknown = '') => {
  if (!ok) failures.push(`${label}${detail === '' ? '' : ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail).slice(0, 300)}`}`);
};
const rowsAdded = (t: string) => {
  const c = changes()[t];
  return c ? (c.after as Array<Record<string, unknown>>).slice(c.before.length) : [];
};

/** The card a click answered with: on the clicked message, or (a confidential item, not a private card) privately. */
const answeredCard = (r: Clicked) => r.answer.card?.data ?? r.privately.at(-1)?.content;

describe('card actions: every role × action × normal/confidential × current/stale card', () => {
  // The statistics buttons carry no item (id 0, the period packed in v): tests/stats/stats-chat.test.ts walks
  // every role through them.
  const STATS_ACTIONS = ['stats_overview', 'stats_unit', 'stats_items', 'stats_excel'];
  it('covers every action the cards carry', () => {
    // The registration form's buttons are walked below; the list's page buttons carry no item (list-pages.test.ts).
    // 典型经验 and the 督查通报's buttons carry another id in `v` and are walked in their own test below.
    expect(new Set([...ACTIONS.map((c) => c.a), 'register', 'register_anyway', 'register_merge', 'list_page', ...OFFICE_ACTIONS, ...STATS_ACTIONS])).toEqual(new Set(CARD_ACTIONS));
  });

  it('allows exactly what the tables allow, does it, and shows nobody what they may not see', async () => {
    failures.length = 0;
    w.problems.length = 0;
    lastOutbox = w.lastOutboxId();
    // Someone who may not see an item learns what they would about an item that does not exist.
    const nobody = await w.click(WHO.observer, { a: 'detail', id: 99_999, v: 1 });
    const notFoundToast = nobody.answer.toast?.content;
    let combos = 0;
    for (const c of ACTIONS) {
      for (const ck of ['n', 's'] as const) {
        for (const stale of [false, true]) {
          for (const role of ROLES) {
            combos++;
            const who = WHO[role];
            const item = items[c.on][ck];
            const v = c.v ? c.v(item) : stale ? item.version - 1 : item.version;
            const label = `${role} ${c.a} on ${ck === 's' ? 'confidential' : 'normal'} ${item.state}${item.reviewStage ? `/${item.reviewStage}` : ''} ${stale ? 'stale' : 'current'} card`;
            const outboxBefore = w.lastOutboxId();
            const r = await w.click(who, { a: c.a, id: item.id, v }, { messageId: heldCard.get(`${role}:${item.id}`), form: c.form });
            const changed = Object.keys(changes());
            const newRows = w.outboxAfter(outboxBefore);
            const visible = sees(role, conf(ck));
            const allowed = visible && permitted(role, c, item);
            const acts = allowed && !(stale && versionChecked(c.a));

            if (!visible) {
              check(r.answer.toast?.type === 'error' && !r.answer.card, `${label}: refused without a card`, r.answer);
              check(r.answer.toast?.content === notFoundToast, `${label}: reads as an item that does not exist`, r.answer.toast);
            } else if (!allowed) {
              check(r.answer.toast?.type === 'error' && !r.answer.card, `${label}: refused`, r.answer);
            } else if (!acts) {
              check(r.answer.toast?.type === 'error' && /过期/.test(r.answer.toast.content), `${label}: refused as out of date`, r.answer.toast);
              check(cardText(answeredCard(r)).includes(item.title), `${label}: shown the current card`, answeredCard(r));
            }
            if (!acts) {
              check(changed.length === 0, `${label}: changes nothing`, changed);
              // The only message a refusal may write is the current card, to the person, when it cannot be shown in place.
              check(newRows.every((m) => m.receive_id === who && m.purpose === 'card_answer'), `${label}: writes no message`, newRows.map((m) => [m.purpose, m.receive_id]));
            } else {
              checkEffect(label, c, role, item, r, changed, newRows);
            }
            reset();
          }
        }
      }
    }
    // Registration from the form card: the new item normal or confidential; the card carries no item and no version.
    for (const ck of ['n', 's'] as const) {
      for (const role of ROLES) {
        combos++;
        const who = WHO[role];
        const label = `${role} register ${ck === 's' ? 'confidential' : 'normal'} item`;
        const title = ck === 's' ? '新立保密事项' : '新立公开事项';
        const r = await w.click(who, { a: 'register', id: 0, v: 0 }, {
          messageId: w.privateCardAbout(who, 0)?.message_id,
          form: { title, requirements: '按期完成', source: 'committee', ref: '党委会', lead: 'jwc', coop: ['kyc'], leader: WHO.leader, deadline: '2026-12-30 +0800', flags: ck === 's' ? ['confidential'] : [] },
        });
        const added = rowsAdded('items');
        if (mayRegister(role, conf(ck))) {
          check(added.length === 1 && added[0]!.title === title && Boolean(added[0]!.confidential) === conf(ck) && added[0]!.state === 'assigned', `${label}: registers and sends the slip`, added);
          check(r.answer.toast?.type === 'success', `${label}: confirmed`, r.answer.toast);
        } else {
          check(added.length === 0 && Object.keys(changes()).length === 0, `${label}: changes nothing`, Object.keys(changes()));
          check(r.answer.toast?.type === 'error', `${label}: refused`, r.answer.toast);
          if (mayRegister(role, false)) check(/涉密事项须由/.test(r.answer.toast?.content ?? ''), `${label}: refused as a confidential registration`, r.answer.toast);
        }
        reset();
      }
    }
    // The form with the title of an open item: refused as a duplicate, naming that item only to who may see it.
    for (const ck of ['n', 's'] as const) {
      for (const role of ROLES) {
        combos++;
        const twin = items.P[ck];
        const r = await w.click(WHO[role], { a: 'register', id: 0, v: 0 }, {
          form: { title: twin.title, requirements: '按期完成', source: 'committee', ref: '党委会', lead: 'jwc', coop: ['kyc'], leader: WHO.leader, deadline: '2026-12-30 +0800', flags: [] },
        });
        const label = `${role} registers the title of the ${ck === 's' ? 'confidential' : 'normal'} ${twin.number} from the form`;
        check(rowsAdded('items').length === 0 && r.answer.toast?.type === 'error', `${label}: refused`, r.answer.toast);
        reset();
      }
    }
    // The form's answers to a near-duplicate: 并入 an open item (normal or confidential), or 仍然新建.
    for (const ck of ['n', 's'] as const) {
      for (const role of ROLES) {
        combos++;
        const target = items.P[ck];
        const label = `${role} merges a registration into the ${ck === 's' ? 'confidential' : 'normal'} ${target.number}`;
        const r = await w.click(WHO[role], { a: 'register_merge', id: 0, v: 0 }, {
          form: { title: `${target.title}（另一来源）`, source: 'congress', ref: '教代会提案 12 号', lead: 'jwc', coop: ['kyc'], leader: WHO.leader, deadline: '2026-12-30 +0800', flags: [], merge_target: String(target.id) },
        });
        const after = w.item(target.id);
        if (mayRegister(role, false) && sees(role, conf(ck))) {
          check(rowsAdded('items').length === 0 && after.sources.length === target.sources.length + 1, `${label}: the source joins it, nothing is numbered`, after.sources);
          check(r.answer.toast?.type === 'success', `${label}: confirmed`, r.answer.toast);
        } else {
          check(Object.keys(changes()).length === 0, `${label}: changes nothing`, Object.keys(changes()));
          check(r.answer.toast?.type !== 'success', `${label}: refused`, r.answer.toast);
        }
        reset();
      }
    }
    for (const role of ROLES) {
      combos++;
      const label = `${role} registers a near-duplicate anyway`;
      const r = await w.click(WHO[role], { a: 'register_anyway', id: 0, v: 0 }, {
        form: { title: `${items.P.n.title}（二期）`, requirements: '按期完成', source: 'committee', lead: 'jwc', coop: ['kyc'], leader: WHO.leader, deadline: '2026-12-30 +0800', flags: [] },
      });
      const added = rowsAdded('items').length;
      if (mayRegister(role, false)) check(added === 1 && r.answer.toast?.type === 'success', `${label}: registered`, r.answer.toast);
      else check(added === 0 && r.answer.toast?.type === 'error', `${label}: refused`, r.answer.toast);
      reset();
    }
    console.log(`card-action combinations: ${combos}`);
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 120_000);
});

/** Buttons whose `v` names a progress report (典型经验) or a 督查通报; only the 督查室 may use them. */
const OFFICE_ACTIONS = ['mark_typical', 'publish_bulletin', 'upload_bulletin', 'void_bulletin'] as const;

describe('典型经验 and 督查通报 buttons: every role × normal/confidential item', () => {
  it('only the office marks a report or publishes, uploads or voids a 通报; nobody learns of an item they may not see', async () => {
    failures.length = 0;
    w.problems.length = 0;
    w.restore(base);
    const notFound = (await w.click(WHO.observer, { a: 'detail', id: 99_999, v: 1 })).answer.toast?.content;
    const ins = w.db.$client.prepare("INSERT INTO progress_reports (item_id, unit_id, author_id, text, channel, created_at) VALUES (?, 'jwc', ?, ?, 'chat', ?)");
    const progressOf = { n: 0, s: 0 };
    for (const ck of ['n', 's'] as const) {
      progressOf[ck] = Number(ins.run(items.P[ck].id, WHO.unitHead, `矩阵进展${ck}`, w.now.toISOString()).lastInsertRowid);
    }
    // A 通报 draft with its file, as /督办 通报 leaves it once written.
    const { requestBulletin, writePendingBulletins } = await import('../../src/services/bulletins');
    const { DEFAULT_SCHEDULE } = await import('../../src/scheduler/schedule-config');
    const ctx = w.h.bot.ctx;
    const draft = requestBulletin(ctx, { actorId: WHO.supervisor, period: { from: '2026-09-01', to: '2026-10-31', label: '2026年9–10月', key: '2026-09..2026-10' }, channel: 'command' }, w.now);
    await writePendingBulletins(ctx, DEFAULT_SCHEDULE.bulletin);
    await w.h.flush();
    const mine = w.snapshot();
    const typicalAt = (id: number) => w.db.$client.prepare('SELECT typical_at FROM progress_reports WHERE id = ?').pluck().get(id);
    const stateOf = () => w.db.$client.prepare('SELECT state FROM bulletins WHERE id = ?').pluck().get(draft.id);
    let combos = 0;
    for (const role of ROLES) {
      const who = WHO[role];
      const office = role === 'supervisor';
      for (const ck of ['n', 's'] as const) {
        combos++;
        const label = `${role} mark_typical on a ${ck === 's' ? 'confidential' : 'normal'} item`;
        const r = await w.click(who, { a: 'mark_typical', id: items.P[ck].id, v: progressOf[ck] });
        if (!sees(role, conf(ck))) check(r.answer.toast?.content === notFound, `${label}: reads as an item that does not exist`, r.answer.toast);
        else if (!office) check(r.answer.toast?.type === 'error' && typicalAt(progressOf[ck]) === null, `${label}: refused`, r.answer.toast);
        else check(r.answer.toast?.type === 'success' && typicalAt(progressOf[ck]) !== null, `${label}: marked`, r.answer.toast);
        w.restore(mine);
      }
      for (const a of ['publish_bulletin', 'upload_bulletin', 'void_bulletin'] as const) {
        combos++;
        const label = `${role} ${a}`;
        const before = w.lastOutboxId();
        const r = await w.click(who, { a, id: 0, v: draft.id });
        const rows = w.outboxAfter(before);
        if (!office) {
          check(r.answer.toast?.type === 'error' && !r.answer.card && stateOf() === 'draft' && rows.length === 0, `${label}: refused, nothing sent`, r.answer.toast);
        } else if (a === 'publish_bulletin') {
          check(stateOf() === 'published' && rows.some((m) => m.receive_id === WHO.observer && m.msg_type === 'file'), `${label}: published, the observer copied`, rows.length);
        } else if (a === 'void_bulletin') {
          check(stateOf() === 'void' && rows.length === 0, `${label}: voided`, stateOf());
        } else {
          check(r.answer.toast?.type === 'info' && stateOf() === 'draft', `${label}: how to upload`, r.answer.toast);
        }
        w.restore(mine);
      }
    }
    w.restore(base);
    console.log(`office-button combinations: ${combos}`);
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 60_000);
});

function checkEffect(label: string, c: ActionCase, role: Role, before: Item, r: Clicked, changed: string[], newRows: Array<Record<string, unknown>>) {
  const who = WHO[role];
  const after = w.item(before.id);
  const card = answeredCard(r);
  const ok = r.answer.toast?.type === 'success' || r.answer.toast?.type === 'info' || (!r.answer.toast && !!r.answer.card);
  check(ok, `${label}: answered without an error`, r.answer.toast);
  const readOnly = () => check(changed.length === 0, `${label}: changes nothing`, changed);
  switch (c.a) {
    case 'claim':
      check(after.state === 'in_progress' && after.claimedBy === who, `${label}: claimed`, after);
      break;
    case 'completion_form': {
      // Opening the completion form records that it is open (a file sent beside it is its evidence), nothing else.
      const opened = rowsAdded('attach_windows');
      check(changed.every((t) => t === 'attach_windows') && opened.length === 1 && opened[0]!.person_id === who && opened[0]!.item_id === before.id, `${label}: records only the open form`, changed);
      check(buttonValues(card).some((b) => b.a === c.opens && b.id === before.id), `${label}: opens the form`, cardText(card));
      break;
    }
    case 'send_evidence': {
      // Only the Feishu key of the uploaded copy is kept (files.feishu_file_key), so a second send does not upload.
      const f = changes().files;
      const keyOnly = (rows: unknown[]) => JSON.stringify(rows.map((r) => ({ ...(r as object), feishu_file_key: null })));
      check(changed.every((t) => t === 'files') && (!f || keyOnly(f.before) === keyOnly(f.after)), `${label}: changes nothing but the upload key`, changed);
      const files = newRows.filter((m) => m.msg_type === 'file');
      check(files.length === 1 && files[0]!.receive_id === who && files[0]!.audience === 'private', `${label}: the file goes to the clicker privately`, newRows.map((m) => [m.msg_type, m.receive_id]));
      break;
    }
    case 'progress_form':
    case 'extension_form':
    case 'edit_form':
    case 'cancel_form':
      readOnly();
      check(buttonValues(card).some((b) => b.a === c.opens && b.id === before.id), `${label}: opens the form`, cardText(card));
      break;
    case 'submit_progress': {
      const p = rowsAdded('progress_reports');
      check(p.length === 1 && p[0]!.author_id === who && p[0]!.text === c.form!.text, `${label}: progress recorded`, p);
      check(after.version === before.version, `${label}: the cards people hold stay valid`);
      break;
    }
    case 'submit_extension': {
      const e = rowsAdded('extensions');
      check(e.length === 1 && e[0]!.requested_by === who && e[0]!.status === 'pending' && e[0]!.proposed_deadline === '2027-02-26', `${label}: extension requested`, e);
      check(newRows.some((m) => m.receive_id === WHO.leader && m.purpose === 'extension_review'), `${label}: the leader is asked`);
      break;
    }
    case 'submit_completion':
      check(after.state === 'under_review' && after.reviewStage === 'leader', `${label}: submitted for review`, after.state);
      check(newRows.some((m) => m.receive_id === WHO.leader && m.purpose === 'completion_review'), `${label}: the leader is asked`);
      break;
    case 'approve_extension':
      check(after.deadline === '2027-01-29' && after.pendingExtension === null, `${label}: deadline moved`, after.deadline);
      break;
    case 'reject_extension':
      check(after.deadline === before.deadline && after.pendingExtension === null, `${label}: request closed, deadline kept`, after.deadline);
      break;
    case 'approve':
      check(after.state === 'closed', `${label}: 销号`, after.state);
      break;
    case 'return':
      check(after.state === 'in_progress' && after.deadline === '2027-01-15', `${label}: returned with a new deadline`, [after.state, after.deadline]);
      break;
    case 'detail': {
      readOnly();
      const sent = r.privately.filter((m) => cardText(m.content).includes(before.title));
      check(sent.length === 1 && !r.answer.card, `${label}: the detail goes privately`, r.privately.length);
      break;
    }
    case 'back':
      readOnly();
      check(cardText(card).includes(before.title), `${label}: the slip again`);
      break;
    case 'submit_edit':
      check(after.measures === '矩阵测试：每周调度' && after.state === before.state, `${label}: the measures corrected, nothing else`, after.measures);
      check(rowsAdded('audit_log').some((x) => x.action === 'edit' && x.note === '补充工作措施'), `${label}: recorded with its reason`);
      break;
    case 'confirm_cancel':
      check(after.state === 'cancelled', `${label}: cancelled`, after.state);
      break;
    case 'issue_interview':
      readOnly();
      check(buttonValues(card).some((b) => b.a === c.opens && b.id === before.id), `${label}: opens the form`, cardText(card));
      break;
    case 'submit_interview': {
      const e = rowsAdded('escalations');
      check(e.length === 1 && e[0]!.step === 'interview1' && e[0]!.issued_by === who && /^\(2026\) 督字 \(\d+\) 号$/.test(String(e[0]!.number)), `${label}: the notice issued and numbered`, e);
      check(newRows.some((m) => m.receive_id === WHO.unitHead && m.purpose === 'interview_notice'), `${label}: the unit head gets the notice`);
      check(rowsAdded('audit_log').some((x) => x.action === 'issue_interview1'), `${label}: in the history`);
      break;
    }
    default:
      failures.push(`${label}: no expectation written`);
  }
}

// ───────────────────────────── chat commands ─────────────────────────────

/**
 * What each list holds for each role in this world, by hand: 我的 = what one leads, registered, answers for or must
 * decide; 本单位 = one's units' items; 逾期 = past the deadline; 待审核 = awaiting one's decision (the office: every
 * completion under review); 全部 = everything one may see. Always cut down to what the role may see.
 */
function expectedList(role: Role, scope: Scope): Key[] {
  const unitPeople: Role[] = ['unitHead', 'liaison', 'coopHead'];
  switch (scope) {
    case 'all':
      return [...KEYS];
    case 'mine':
      if (role === 'leader' || role === 'supervisor' || unitPeople.includes(role)) return [...KEYS];
      return role === 'principal' ? ['S'] : [];
    case 'unit':
      return unitPeople.includes(role) ? [...KEYS] : [];
    case 'overdue':
      return ['O'];
    case 'review':
      if (role === 'leader') return ['E', 'R'];
      if (role === 'principal') return ['S'];
      if (role === 'supervisor') return ['R', 'S'];
      return [];
  }
}

const numbersIn = (content: unknown) => [...cardText(content).matchAll(/督办〔\d{4}〕\d+号/g)].map((m) => m[0]);
const shortRef = (i: Item) => `${i.year}-${i.seq}`;
const replyText = (s: Said) => s.replies.map((m) => cardText(m.content)).join('\n');

describe('chat commands: every role × command × normal/confidential item', () => {
  it('answers each as the tables allow, changes only what is allowed, and names nothing to the wrong person', async () => {
    failures.length = 0;
    w.problems.length = 0;
    lastOutbox = w.lastOutboxId();
    let combos = 0;
    const say = async (role: Role, text: string, o: { group?: string; parentId?: string } = {}) => {
      combos++;
      const before = w.lastOutboxId();
      const s = await w.say(WHO[role], text, o);
      const rows = w.outboxAfter(before);
      return { s, rows, changed: Object.keys(changes()) };
    };
    /** A refusal or a read-only answer: nothing changes, and the only message is the answer to the asker. */
    const onlyAnswered = (label: string, role: Role, r: Awaited<ReturnType<typeof say>>) => {
      check(r.changed.length === 0, `${label}: changes nothing`, r.changed);
      check(r.s.replies.length === 1, `${label}: one answer`, r.s.sent.length);
      check(
        r.rows.every((m) => m.target_message_id === r.s.messageId || m.receive_id === WHO[role]),
        `${label}: writes no message to anyone else`,
        r.rows.map((m) => [m.purpose, m.receive_id]),
      );
    };
    const nonexistent = '2026-99';

    for (const role of ROLES) {
      const stranger = role === 'stranger';
      const org = (label: string, r: Awaited<ReturnType<typeof say>>) => {
        if (!stranger) return false;
        check(replyText(r.s).includes('不在督办助手的组织架构中'), `${label}: a stranger gets one sentence`, replyText(r.s));
        onlyAnswered(label, role, r);
        return true;
      };

      for (const text of ['/督办 帮助', '/duban help', '/督办', '/督办 ?']) {
        const r = await say(role, text);
        if (org(`${role} ${text}`, r)) continue;
        check(replyText(r.s).includes('督办助手使用说明'), `${role} ${text}: the help card`);
        onlyAnswered(`${role} ${text}`, role, r);
        reset();
      }

      for (const text of ['/督办 新建', '/duban new']) {
        const r = await say(role, text);
        if (!org(`${role} ${text}`, r)) {
          const form = r.s.replies.some((m) => buttonValues(m.content).some((b) => b.a === 'register'));
          check(form === mayRegister(role, false), `${role} ${text}: the form only for the office`, replyText(r.s));
          onlyAnswered(`${role} ${text}`, role, r);
        }
        reset();
      }

      for (const ck of ['n', 's'] as const) {
        const title = ck === 's' ? '新立保密事项' : '新立公开事项';
        const text = `/督办 新建 ${title} 主办:教务处 协办:科研处 截止:2026-12-30${ck === 's' ? ' 涉密' : ''}`;
        const r = await say(role, text);
        const label = `${role} ${text}`;
        const added = rowsAdded('items');
        if (org(label, r)) {
          reset();
          continue;
        }
        if (mayRegister(role, conf(ck))) {
          check(added.length === 1 && Boolean(added[0]!.confidential) === conf(ck) && added[0]!.state === 'assigned', `${label}: registered, slip sent`, added);
          check(r.rows.some((m) => m.receive_id === WHO.unitHead && m.purpose === 'slip'), `${label}: the slip goes to the lead unit`);
        } else {
          check(added.length === 0, `${label}: nothing registered`, added);
          onlyAnswered(label, role, r);
          // Refused for what it is, before a number is handed out: not as “no such item 督办〔2026〕N号”.
          if (mayRegister(role, false)) check(replyText(r.s).includes('涉密事项须由') && !/督办〔/.test(replyText(r.s)), `${label}: refused as a confidential registration`, replyText(r.s));
        }
        reset();
      }

      // 一事一项: registering a title an open item already has is refused; naming that item only to who may see it.
      for (const ck of ['n', 's'] as const) {
        const twin = items.P[ck];
        const r = await say(role, `/督办 新建 ${twin.title} 主办:教务处 协办:科研处 截止:2026-12-30`);
        const label = `${role} 新建 with the title of the ${ck === 's' ? 'confidential' : 'normal'} ${twin.number}`;
        if (!org(label, r)) {
          check(rowsAdded('items').length === 0, `${label}: nothing registered`);
          onlyAnswered(label, role, r);
        }
        reset();
      }

      for (const [text, scope] of LIST_FORMS) {
        const r = await say(role, text);
        const label = `${role} ${text}`;
        if (org(label, r)) continue;
        onlyAnswered(label, role, r);
        const expected = expectedList(role, scope)
          .flatMap((k) => (['n', 's'] as const).filter((c) => sees(role, conf(c))).map((c) => items[k][c].number))
          .sort();
        check(JSON.stringify([...new Set(numbersIn(r.s.replies[0]?.content))].sort()) === JSON.stringify(expected), `${label}: lists what the role may see`, {
          got: numbersIn(r.s.replies[0]?.content),
          expected,
        });
        reset();
      }

      for (const ck of ['n', 's'] as const) {
        const item = items.P[ck];
        const visible = sees(role, conf(ck));
        const forms = [
          `/督办 查看 ${shortRef(item)}`,
          `/督办 查看 ${item.number}`,
          `/督办 详情 ${shortRef(item)}`,
          `/duban view ${shortRef(item)}`,
          `/duban show ${item.number}`,
          `/督办 ${shortRef(item)}`,
        ];
        for (const text of forms) {
          const r = await say(role, text);
          const label = `${role} ${text} (${ck === 's' ? 'confidential' : 'normal'})`;
          if (org(label, r)) continue;
          onlyAnswered(label, role, r);
          if (visible) check(replyText(r.s).includes(item.title), `${label}: the detail`, replyText(r.s));
          else {
            // As for a number that does not exist: the same words, with the number they typed.
            const probe = await say(role, text.replace(shortRef(item), nonexistent).replace(item.number, `督办〔2026〕99号`));
            const norm = (s: string) => s.replaceAll(shortRef(item), '<ref>').replaceAll(item.number, '<ref>').replaceAll(nonexistent, '<ref>').replaceAll('督办〔2026〕99号', '<ref>');
            check(norm(replyText(r.s)) === norm(replyText(probe.s)), `${label}: reads as a number that does not exist`, [replyText(r.s), replyText(probe.s)]);
          }
          reset();
        }

        // 进展: the lead and cooperating units, on an item in hand.
        for (const text of [`/督办 进展 ${shortRef(item)} 矩阵：本周完成初稿`, `/duban progress ${item.number} 矩阵：本周完成初稿`]) {
          const r = await say(role, text);
          const label = `${role} ${text}`;
          if (!org(label, r)) {
            const p = rowsAdded('progress_reports');
            if (visible && RELATIONS[role].some((x) => (PERMISSIONS.report_progress as readonly string[]).includes(x))) {
              check(p.length === 1 && p[0]!.author_id === WHO[role] && p[0]!.text === '矩阵：本周完成初稿', `${label}: recorded`, p);
            } else {
              check(p.length === 0, `${label}: not recorded`, p);
              onlyAnswered(label, role, r);
            }
          }
          reset();
        }

        // 催办: the office, on an item in hand.
        for (const text of [`/督办 催办 ${shortRef(item)} 请加快`, `/duban urge ${item.number}`]) {
          const r = await say(role, text);
          const label = `${role} ${text}`;
          if (!org(label, r)) {
            const mayUrge = visible && RELATIONS[role].some((x) => (PERMISSIONS.urge as readonly string[]).includes(x));
            const urged = rowsAdded('audit_log').filter((a) => a.action === 'urge');
            if (mayUrge) {
              check(urged.length === 1 && urged[0]!.actor_id === WHO[role], `${label}: recorded`, urged);
              check(r.rows.some((m) => m.receive_id === WHO.unitHead && m.purpose === 'urge'), `${label}: the unit is chased`);
            } else {
              check(urged.length === 0, `${label}: not recorded`, urged);
              onlyAnswered(label, role, r);
            }
          }
          reset();
        }

        // 修改, 撤销: the office (PERMISSIONS.edit / cancel), on an item it may see.
        const office = (cmd: 'edit' | 'cancel') => visible && RELATIONS[role].some((x) => (PERMISSIONS[cmd] as readonly string[]).includes(x));
        for (const [text, done] of [
          [`/督办 修改 ${shortRef(item)} 要求:矩阵修改后的要求 理由:矩阵测试`, (i: Item) => i.requirements === '矩阵修改后的要求'],
          [`/duban edit ${item.number} 截止:2027-01-20 理由:矩阵测试`, (i: Item) => i.deadline === '2027-01-20'],
        ] as const) {
          const r = await say(role, text);
          const label = `${role} ${text}`;
          if (!org(label, r)) {
            const may = office('edit');
            check(done(w.item(item.id)) === may, `${label}: ${may ? 'done' : 'refused'}`, replyText(r.s));
            if (!may) onlyAnswered(label, role, r);
          }
          reset();
        }
        // 撤销 asks first: the office gets the confirmation (nothing changes yet), anyone else a refusal.
        {
          const text = `/督办 撤销 ${shortRef(item)} 矩阵测试撤销`;
          const r = await say(role, text);
          const label = `${role} ${text}`;
          if (!org(label, r)) {
            const may = office('cancel');
            const asked = r.s.replies.some((m) => buttonValues(m.content).some((b) => b.a === 'confirm_cancel' && b.id === item.id));
            check(asked === may && w.item(item.id).state === item.state, `${label}: ${may ? 'asks to confirm' : 'refused'}`, replyText(r.s));
            if (!may) onlyAnswered(label, role, r);
          }
          reset();
        }
        // 合并 <from> 到 <into>: both must be visible; a confidential item never goes into a normal one.
        for (const into of ['n', 's'] as const) {
          const from = items.A[ck];
          const target = items.P[into];
          const text = `/督办 合并 ${shortRef(from)} 到 ${shortRef(target)}`;
          const r = await say(role, text);
          const label = `${role} ${text} (${ck} into ${into})`;
          if (!org(label, r)) {
            const may = sees(role, conf(ck)) && sees(role, conf(into)) && RELATIONS[role].some((x) => (PERMISSIONS.merge as readonly string[]).includes(x)) && !(conf(ck) && !conf(into));
            const after = w.item(from.id);
            check((after.state === 'merged' && after.mergedIntoId === target.id) === may, `${label}: ${may ? 'merged' : 'refused'}`, replyText(r.s));
            if (!may) onlyAnswered(label, role, r);
          }
          reset();
        }

        // A reply to a card about the item (their own card, or the lead unit's as if forwarded to them).
        const parent = heldCard.get(`${role}:${item.id}`) ?? heldCard.get(`unitHead:${item.id}`)!;
        {
          const text = '矩阵：回复卡片报送进展';
          const r = await say(role, text, { parentId: parent });
          const label = `${role} replies to a card about the ${ck === 's' ? 'confidential' : 'normal'} item`;
          if (!org(label, r)) {
            const p = rowsAdded('progress_reports');
            if (visible && RELATIONS[role].some((x) => (PERMISSIONS.report_progress as readonly string[]).includes(x))) {
              check(p.length === 1 && p[0]!.author_id === WHO[role] && p[0]!.channel === 'chat', `${label}: recorded`, p);
            } else {
              check(p.length === 0, `${label}: not recorded`, p);
              onlyAnswered(label, role, r);
            }
          }
          reset();
        }
      }

      // 绑定: in a group chat; the office, admins or the unit's own head.
      for (const text of ['/督办 绑定 教务处', '/duban bind 教务处']) {
        const group = `oc_bind_${role}`;
        const r = await say(role, text, { group });
        const label = `${role} ${text} in a group`;
        if (stranger) {
          check(r.changed.length === 0, `${label}: changes nothing`, r.changed);
        } else if (MAY_BIND_JWC.includes(role)) {
          const chat = w.db.$client.prepare("SELECT chat_id FROM units WHERE id = 'jwc'").pluck().get();
          check(chat === group, `${label}: bound`, chat);
        } else {
          onlyAnswered(label, role, r);
        }
        reset();
        const priv = await say(role, text);
        if (!org(`${role} ${text} privately`, priv)) onlyAnswered(`${role} ${text} privately`, role, priv);
        reset();
      }
    }
    console.log(`chat-command combinations: ${combos}`);
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 120_000);
});

// ───────────────────────────── archived (归档) items ─────────────────────────────

describe('archived items: every role × every card action and chat command × normal/confidential', () => {
  it('refuses everything that would act on a filed item (naming nothing to who may not see it); reading still works', async () => {
    failures.length = 0;
    w.problems.length = 0;
    // Two items closed and filed, normal and confidential; each role's card about it (the slip or the review).
    const filed = {} as Record<'n' | 's', Item>;
    for (const c of ['n', 's'] as const) {
      const item = await buildItem(w, `${conf(c) ? '保密课题' : '公开课题'}庚归档`, { confidential: conf(c), to: 'review' });
      const review = w.privateCardAbout(WHO.leader, item.id)!;
      await w.click(WHO.leader, { a: 'approve', id: item.id, v: w.item(item.id).version }, { messageId: review.message_id, form: { note: '同意' } });
    }
    await w.say(WHO.supervisor, '/督办 归档 2026');
    for (const c of ['n', 's'] as const) {
      const id = w.db.$client.prepare('SELECT id FROM items WHERE title = ?').pluck().get(`${conf(c) ? '保密课题' : '公开课题'}庚归档`) as number;
      filed[c] = w.item(id);
      check(filed[c].state === 'archived', `${c} item filed`, filed[c].state);
    }
    const snap = w.snapshot();
    const before = JSON.stringify(w.state());
    const unchanged = (label: string) => {
      const now = JSON.stringify(w.state());
      // Sending a stored file keeps its Feishu key (files.feishu_file_key); nothing else may change.
      check(now === before || label.includes('send_evidence'), `${label}: changes nothing`);
    };
    const nobody = await w.click(WHO.observer, { a: 'detail', id: 99_999, v: 1 });
    let combos = 0;
    const acting = CARD_ACTIONS.filter((a) => !['register', 'register_anyway', 'register_merge', 'list_page'].includes(a) && !a.startsWith('stats_'));
    for (const a of acting) {
      for (const c of ['n', 's'] as const) {
        for (const role of ROLES) {
          combos++;
          const item = filed[c];
          const label = `${role} ${a} on an archived ${c === 's' ? 'confidential' : 'normal'} item`;
          const r = await w.click(WHO[role], { a, id: item.id, v: item.version }, { messageId: w.privateCardAbout(WHO[role], item.id)?.message_id, form: { note: '同意', text: '进展', reason: '理由', assessment: '完成' } });
          if (!sees(role, conf(c))) {
            check(r.answer.toast?.content === nobody.answer.toast?.content && !r.answer.card, `${label}: reads as an item that does not exist`, r.answer);
          } else if (a === 'detail' || a === 'back' || a === 'send_evidence') {
            check(r.answer.toast?.type !== 'error' || a === 'send_evidence', `${label}: may still read`, r.answer.toast);
          } else {
            check(r.answer.toast?.type === 'error' && r.answer.toast.content.includes(`${item.number} 已归档`) && !r.answer.card, `${label}: refused as archived`, r.answer);
          }
          unchanged(label);
          w.restore(snap);
        }
      }
    }
    const ref = (i: Item) => `${i.year}-${i.seq}`;
    for (const c of ['n', 's'] as const) {
      const item = filed[c];
      for (const role of ROLES) {
        const commands: Array<[string, CommandType]> = [
          [`/督办 进展 ${ref(item)} 补充`, 'report_progress'],
          [`/督办 催办 ${ref(item)}`, 'urge'],
          [`/督办 修改 ${ref(item)} 截止:2027-03-01 理由:调整`, 'edit'],
          [`/督办 撤销 ${ref(item)} 重复`, 'cancel'],
          [`/督办 合并 ${ref(item)} 到 ${ref(items.P.n)}`, 'merge'],
        ];
        for (const [text, type] of commands) {
          combos++;
          const s = await w.say(WHO[role], text);
          const said = replyText(s);
          const label = `${role} ${text} (${c})`;
          // Who first: someone who may not give the command is refused as such; whoever may is told it is filed.
          const may = RELATIONS[role].some((x) => (PERMISSIONS[type] as readonly string[]).includes(x));
          if (role !== 'stranger' && sees(role, conf(c))) {
            if (may) check(said.includes(`${item.number} 已归档`), `${label}: refused as archived`, said);
            else check(/无权|只有督办人员/.test(said), `${label}: refused as not allowed`, said);
          }
          if (!sees(role, conf(c))) check(!said.includes(item.title), `${label}: names nothing`, said);
          unchanged(label);
          w.restore(snap);
        }
      }
    }
    console.log(`archived-item combinations: ${combos}`);
    w.restore(base);
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 120_000);
});
