/**
 * A bot with items in every state, and the means to prove that nothing leaks: everything said, sent or answered
 * is checked against who may see each item, written out by hand below (the spec, not the code's canView).
 *
 * The bot is the real one (tests/e2e/harness.ts startBot: compose(), a real SQLite file, the real SDK against the
 * local fake Feishu, signed and encrypted requests). Two things are added for speed: the outbox's rate limiter is
 * opened up (the matrix sends more than Feishu's 1000 a minute, and pacing is tested elsewhere), and the database
 * can be put back to a snapshot between combinations instead of starting a bot per combination.
 */
import { expect } from 'vitest';
import { textOf } from '../../src/cards/cards';
import type { Item } from '../../src/domain/item';
import { findItem } from '../../src/db/item-repository';
import { createLogger } from '../../src/logger';
import type { RateLimits } from '../../src/messenger/rate-limiter';
import { runJob } from '../../src/scheduler/cron';
import { type Bot, VERIFICATION_TOKEN, buttonValue, startBot } from '../e2e/harness';
import type { SentMessage } from '../support/fake-feishu';
import { messageEvent } from '../support/feishu-signer';
import { WHO } from '../support/fixtures';

export type Role = keyof typeof WHO;
export const ROLES = Object.keys(WHO) as Role[];

/**
 * Who may see an item of this world (lead 教务处, coop 科研处, leader in charge 李副校长), by hand from DOMAIN.md:
 * a confidential (涉密) item only the supervisors, the leader in charge, principals and the people of the lead and
 * cooperating units; a normal item also any other leader, admins and observers. Another unit sees neither, nor
 * does anyone outside the organisation.
 */
export const SEES: Record<Role, { normal: boolean; confidential: boolean }> = {
  supervisor: { normal: true, confidential: true },
  leader: { normal: true, confidential: true },
  principal: { normal: true, confidential: true },
  unitHead: { normal: true, confidential: true },
  liaison: { normal: true, confidential: true },
  coopHead: { normal: true, confidential: true },
  otherLeader: { normal: true, confidential: false },
  observer: { normal: true, confidential: false },
  admin: { normal: true, confidential: false },
  otherUnitHead: { normal: false, confidential: false },
  stranger: { normal: false, confidential: false },
};
export const sees = (role: Role, confidential: boolean) => SEES[role][confidential ? 'confidential' : 'normal'];

/** How each role stands to an item of this world, in the terms of the domain's permission table. By hand. */
export const RELATIONS: Record<Role, readonly string[]> = {
  supervisor: ['supervisor'],
  leader: ['leaderInCharge'],
  otherLeader: [],
  principal: ['principal'],
  unitHead: ['leadUnit'],
  liaison: ['leadUnit'],
  coopHead: ['coopUnit'],
  otherUnitHead: [],
  observer: ['observer'],
  admin: ['admin'],
  stranger: [],
};

/** Everyone who can receive a message, by open_id, with the standing that decides what they may see. */
const STANDING: Record<string, Role> = {
  ...Object.fromEntries(Object.entries(WHO).map(([role, id]) => [id, role as Role])),
  ou_liaison_kyc: 'coopHead', // 科研处's liaison is not in WHO; they stand as the cooperating unit does
};
export const roleOf = (openId: string): Role => {
  const r = STANDING[openId];
  if (!r) throw new Error(`a message went to ${openId}, whom this world does not know`);
  return r;
};

export type Scope = 'mine' | 'unit' | 'overdue' | 'review' | 'all';
/** Every way to ask for each list (Chinese, English aliases, glued, bare, full-width slash, after a mention). */
export const LIST_FORMS: Array<[string, Scope]> = [
  ['/督办 列表', 'mine'],
  ['/督办 列表 我的', 'mine'],
  ['/duban list mine', 'mine'],
  ['/督办 list my', 'mine'],
  ['/督办列表', 'mine'],
  ['/督办 列表 本单位', 'unit'],
  ['/督办 列表 单位', 'unit'],
  ['/duban ls unit', 'unit'],
  ['/督办 列表 逾期', 'overdue'],
  ['/DUBAN LIST OVERDUE', 'overdue'],
  ['/督办 列表 待审核', 'review'],
  ['/督办 列表 审核', 'review'],
  ['/duban list review', 'review'],
  ['/督办 列表 全部', 'all'],
  ['/督办 列表 所有', 'all'],
  ['/duban list all', 'all'],
  ['／督办 ls all', 'all'],
  ['督办 列表 全部', 'all'],
  ['@_user_1 /督办 列表 全部', 'all'],
];

/** Where something was shown: a group chat (everyone in it), or one person. */
export type Audience = { group: string } | { person: string };

export interface Shown {
  to: Audience;
  /** Text as sent (card JSON) — searched raw and as decoded text. */
  content: unknown;
  what: string;
  /** Words the person themselves typed in the message being answered: echoing them back discloses nothing. */
  typed?: string;
}

export interface Said {
  status: number;
  messageId: string;
  chatId: string;
  /** Everything the bot sent during this step. */
  sent: SentMessage[];
  /** The bot's replies to this message, in the chat it was typed in. */
  replies: SentMessage[];
  /** Private messages to the sender during this step (an answer redirected out of a group lands here). */
  privately: SentMessage[];
}

export interface Clicked {
  status: number;
  answer: { toast?: { type: string; content: string }; card?: { type?: string; data: Record<string, unknown> } };
  sent: SentMessage[];
  privately: SentMessage[];
  /** Where the answer card is shown: on the clicked message, for everyone in its chat. */
  cardAudience: Audience;
}

/** All rows of all tables, for snapshots. */
type Snapshot = Array<{ table: string; columns: string[]; rows: unknown[][] }>;

const log = createLogger('silent');
const PRIVATE_CHAT = (openId: string) => `oc_p2p_${openId}`;

/** Every `{a, id, v}` value on a card. */
export function buttonValues(card: unknown): Array<{ a: string; id: number; v: number }> {
  const out: Array<{ a: string; id: number; v: number }> = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.type === 'callback' && o.value && typeof o.value === 'object') out.push(o.value as { a: string; id: number; v: number });
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return out;
}

/** The value of the page button labelled `label` on a list card, if it has one. */
export function pageButton(card: unknown, label: string): { a: string; id: number; v: number } | null {
  try {
    const b = buttonValue(card, label);
    return b.a === 'list_page' ? b : null;
  } catch {
    return null;
  }
}

export const cardText = (content: unknown) => (content && typeof content === 'object' ? textOf(content as Record<string, unknown>) : String(content ?? ''));

export async function startWorld() {
  const h: Bot = await startBot();
  // Pacing is the rate limiter's own test; here it would only make the matrix wait.
  const unlimited: RateLimits = { perSecond: 1e9, perMinute: 1e9, perReceiverPerSecond: 1e9 };
  (h.bot.worker.limiter as unknown as { limits: RateLimits }).limits = unlimited;

  const groupChats = new Set<string>();
  for (const row of h.db.$client.prepare('SELECT chat_id FROM units WHERE chat_id IS NOT NULL').pluck().all() as string[]) groupChats.add(row);
  let seq = 0;
  let events = 0;
  const problems: string[] = [];

  const chatOfSent = (m: SentMessage): Audience => {
    if (groupChats.has(m.chat_id)) return { group: m.chat_id };
    if (m.chat_id.startsWith('oc_p2p_')) return { person: m.chat_id.slice('oc_p2p_'.length) };
    // A reply to a message the fake does not know the chat of: nobody can say who reads it.
    return { group: m.chat_id || `unknown chat (reply to ${m.reply_to})` };
  };
  const audienceOfMessage = (messageId: string): Audience => {
    const m = h.fake.sent.find((s) => s.message_id === messageId);
    // A message the bot did not send (a forwarded copy, a card it does not know): anyone might be reading it.
    return m ? chatOfSent(m) : { group: `unknown message ${messageId}` };
  };

  /** Every item now in the database, with the words that name it, and a check that it stands as SEES assumes. */
  const itemMarks = () =>
    (h.db.$client.prepare('SELECT id FROM items').pluck().all() as number[]).map((id) => {
      const item = findItem(h.db, id)!;
      if (item.leadUnitId !== 'jwc' || item.leaderId !== WHO.leader || item.coopUnitIds.join() !== 'kyc') {
        throw new Error(`item ${item.number} does not stand as the world assumes (lead jwc, coop kyc, leader ${WHO.leader})`);
      }
      return { id, confidential: item.confidential, words: [item.number, item.title] };
    });

  /** Names any item to an audience that may not see it? Appends to `problems` and returns what was wrong. */
  function audit(label: string, shown: Shown[]): string[] {
    const found: string[] = [];
    const marks = itemMarks();
    for (const s of shown) {
      const raw = typeof s.content === 'string' ? s.content : JSON.stringify(s.content ?? '');
      const text = `${raw}\n${cardText(s.content)}`;
      const inGroup = 'group' in s.to;
      const who = 'person' in s.to ? s.to.person : null;
      const buttons = buttonValues(s.content);
      // Words of items this audience may see are taken out first, unless they are part of a hidden one: a normal
      // item whose title contains a confidential one's may be shown to a person who may see it (not in a group).
      const hidden = marks.filter((m) => !(inGroup ? !m.confidential : sees(roleOf(who!), m.confidential)));
      const hiddenWords = hidden.flatMap((m) => m.words);
      let scan = text;
      if (!inGroup) {
        const visibleWords = marks
          .filter((m) => !hidden.includes(m))
          .flatMap((m) => m.words)
          .filter((v) => !hiddenWords.some((hw) => hw.includes(v)))
          .sort((a, b) => b.length - a.length);
        for (const v of visibleWords) scan = scan.replaceAll(v, '·');
      }
      for (const m of hidden) {
        for (const word of m.words) {
          if (!scan.includes(word)) continue;
          if (!inGroup && s.typed?.includes(word)) continue;
          found.push(`${label}: ${s.what} to ${JSON.stringify(s.to)} names ${word}`);
        }
        if (buttons.some((b) => b.id === m.id)) found.push(`${label}: ${s.what} to ${JSON.stringify(s.to)} carries a button for item ${m.id}`);
      }
    }
    problems.push(...found);
    return found;
  }

  const sentSince = (mark: number) => h.fake.sent.slice(mark);
  const shownOf = (msgs: SentMessage[], typedBy?: { person: string; text: string }): Shown[] =>
    msgs.map((m) => {
      const to = chatOfSent(m);
      const typed = typedBy && 'person' in to && to.person === typedBy.person ? typedBy.text : undefined;
      return { to, content: m.content, what: `message ${m.message_id}${m.reply_to ? ` (reply to ${m.reply_to})` : ''}`, typed };
    });

  /** Nothing may be left unsent or parked once a step is over: an answer refused by the outbox is a lost answer. */
  function checkNothingLost(label: string) {
    const stuck = h.db.$client.prepare("SELECT id, purpose, status, last_error FROM outbox WHERE status NOT IN ('sent', 'skipped')").all();
    if (stuck.length) problems.push(`${label}: outbox rows not sent: ${JSON.stringify(stuck)}`);
  }

  const w = {
    h,
    db: h.db,
    fake: h.fake,
    problems,
    groupChats,
    setNow: (date: string, time = '09:00') => h.setNow(date, time),
    get now() {
      return h.now;
    },
    item: (id: number) => findItem(h.db, id)!,
    audit,

    /**
     * Someone types in a chat: private by default, or in the group chat `group`. The fake is told which chat the
     * message is in, so a reply to it is recorded with that chat and can be audited.
     */
    async say(from: string, text: string, o: { group?: string; parentId?: string } = {}): Promise<Said> {
      const chatId = o.group ?? PRIVATE_CHAT(from);
      if (o.group) groupChats.add(o.group);
      const messageId = `om_in_${++seq}`;
      h.fake.rememberMessage(messageId, chatId);
      const mark = h.fake.sent.length;
      const ev = messageEvent({
        token: VERIFICATION_TOKEN,
        eventId: `ev_matrix_${++events}`,
        senderOpenId: from,
        chatId,
        chatType: o.group ? 'group' : 'p2p',
        text,
        messageId,
        parentId: o.parentId,
      });
      const res = await h.post(ev);
      await h.flush();
      const sent = sentSince(mark);
      const label = `${o.group ? `in ${o.group}` : 'privately'} ${roleName(from)} says “${text.slice(0, 80)}”`;
      if (res.statusCode !== 200) problems.push(`${label}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
      audit(label, shownOf(sent, { person: from, text }));
      checkNothingLost(label);
      return {
        status: res.statusCode,
        messageId,
        chatId,
        sent,
        replies: sent.filter((m) => m.reply_to === messageId),
        privately: sent.filter((m) => m.chat_id === PRIVATE_CHAT(from) && m.reply_to !== messageId),
      };
    },

    /** Someone clicks a button on a message (a card the bot sent, or one it does not know). */
    async click(from: string, value: object, o: { messageId?: string; form?: Record<string, unknown> } = {}): Promise<Clicked> {
      const messageId = o.messageId ?? 'om_not_sent_by_the_bot';
      const mark = h.fake.sent.length;
      const r = await h.click(from, value, { messageId, form: o.form, eventId: `ev_matrix_${++events}` });
      const sent = sentSince(mark);
      const cardAudience = audienceOfMessage(messageId);
      const label = `${roleName(from)} clicks ${JSON.stringify(value)} on ${JSON.stringify(cardAudience)}`;
      if (r.status !== 200) problems.push(`${label}: HTTP ${r.status}`);
      // What they typed into the card's form is theirs: echoing it back to them (a form refused and shown again) is
      // not a disclosure, as with a typed message; in a group it still is.
      const typed = JSON.stringify(o.form ?? {});
      const shown: Shown[] = [...shownOf(sent, { person: from, text: typed })];
      if (r.answer.toast) shown.push({ to: { person: from }, content: r.answer.toast.content, what: 'toast', typed });
      if (r.answer.card) shown.push({ to: cardAudience, content: r.answer.card.data, what: 'answer card', typed });
      audit(label, shown);
      checkNothingLost(label);
      return { status: r.status, answer: r.answer as Clicked['answer'], sent, privately: sent.filter((m) => m.chat_id === PRIVATE_CHAT(from)), cardAudience };
    },

    /** Runs every scheduled job at a moment, as `npm run duban -- tick --at` does, sends what they planned, audits it. */
    async tick(date: string, time = '09:00') {
      h.setNow(date, time);
      const mark = h.fake.sent.length;
      const results: object[] = [];
      const label = `tick ${date} ${time}`;
      for (const job of h.bot.jobs) {
        try {
          results.push(await runJob(job, h.bot.jobDeps, h.now, log));
        } catch (err) {
          // A job that throws sends nothing it planned: a stall, whatever the reason.
          problems.push(`${label}: job ${job.name} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
        }
      }
      await h.flush();
      const sent = sentSince(mark);
      audit(label, shownOf(sent));
      checkNothingLost(label);
      return { results, sent };
    },

    /**
     * Every page of a list the bot answered with: the card sent, then what the asker sees after each 下一页 on that
     * message, until there is none (each click audited as any other).
     */
    async listPages(from: string, message: SentMessage | undefined): Promise<unknown[]> {
      if (!message) return [];
      const cards: unknown[] = [message.content];
      for (let card: unknown = message.content; cards.length < 200; ) {
        const next = pageButton(card, '下一页');
        if (!next) break;
        const r = await w.click(from, next, { messageId: message.message_id });
        card = r.answer.card?.data ?? r.privately.at(-1)?.content;
        if (!card) {
          problems.push(`${roleName(from)} 下一页 on ${message.message_id}: no page came back (${JSON.stringify(r.answer.toast)})`);
          break;
        }
        cards.push(card);
      }
      return cards;
    },

    /** Cards a person got in their private chat, newest first. */
    privateCards: (openId: string) => h.fake.sent.filter((m) => m.chat_id === PRIVATE_CHAT(openId)).reverse(),

    /** The newest card in a person's private chat carrying a button for the item, if any. */
    privateCardAbout(openId: string, itemId: number): SentMessage | undefined {
      return w.privateCards(openId).find((m) => buttonValues(m.content).some((b) => b.id === itemId));
    },

    /** Every row of every table. */
    snapshot(): Snapshot {
      const tables = h.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
      return tables.map((table) => {
        const stmt = h.db.$client.prepare(`SELECT * FROM "${table}"`).raw(true);
        return { table, columns: stmt.columns().map((c) => c.name), rows: stmt.all() as unknown[][] };
      });
    },

    /** Puts every table back as it was in the snapshot (the bot must be idle: call after a step). */
    restore(snap: Snapshot) {
      const c = h.db.$client;
      c.pragma('foreign_keys = OFF');
      try {
        c.transaction(() => {
          for (const { table, columns, rows } of snap) {
            c.prepare(`DELETE FROM "${table}"`).run();
            if (!rows.length) continue;
            const ins = c.prepare(`INSERT INTO "${table}" (${columns.map((x) => `"${x}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
            for (const row of rows) ins.run(...row);
          }
        })();
      } finally {
        c.pragma('foreign_keys = ON');
      }
    },

    /** The tables that say what the bot did, without the ledger of seen event ids and the outbox. */
    state(): Record<string, unknown[]> {
      const tables = (h.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
        // org_version and confidential_version are the caches' change tokens (db/org-cache.ts, db/confidential-cache.ts): a restore rewrites them, nothing the bot did.
        (t) => !['processed_events', 'outbox', 'job_locks', 'sqlite_sequence', 'org_version', 'confidential_version'].includes(t) && !t.startsWith('__drizzle'),
      );
      return Object.fromEntries(tables.map((t) => [t, h.db.$client.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
    },

    /** Outbox rows written after id `after`. */
    outboxAfter(after: number) {
      return h.db.$client.prepare('SELECT * FROM outbox WHERE id > ? ORDER BY id').all(after) as Array<Record<string, unknown>>;
    },
    lastOutboxId: () => (h.db.$client.prepare('SELECT coalesce(max(id), 0) FROM outbox').pluck().get() as number) ?? 0,

    /** Fails the test with every problem found so far, one per line. */
    expectNoProblems() {
      expect(problems.slice(0, 60).join('\n')).toBe('');
    },

    close: () => h.close(),
  };
  return w;
}

export type World = Awaited<ReturnType<typeof startWorld>>;

const NAME_OF: Record<string, string> = Object.fromEntries(Object.entries(WHO).map(([role, id]) => [id, role]));
export const roleName = (openId: string) => NAME_OF[openId] ?? openId;

/**
 * Registers an item by the supervisor's one-line command (in a private chat), and drives it by clicks to a state:
 * assigned, in_progress, pending extension, under_review (leader stage), under_review (principal stage).
 */
export async function buildItem(
  w: World,
  title: string,
  o: { confidential: boolean; to: 'assigned' | 'in_progress' | 'extension' | 'review' | 'principal_review'; deadline?: string; extra?: string },
): Promise<Item> {
  const flags = [o.extra ?? '', o.confidential ? '涉密' : '', o.to === 'principal_review' ? '重要' : ''].filter(Boolean).join(' ');
  const r = await w.say(WHO.supervisor, `/督办 新建 “${title}” 主办:教务处 协办:科研处 截止:${o.deadline ?? '2026-12-31'} ${flags}`.trim());
  const number = /督办〔\d{4}〕\d+号/.exec(cardText(r.replies[0]?.content))?.[0];
  if (!number) throw new Error(`registration of ${title} failed: ${cardText(r.replies[0]?.content)}`);
  const id = itemIdOf(w, number);
  const click = async (who: string, a: string, form?: Record<string, unknown>) => {
    const res = await w.click(who, { a, id, v: w.item(id).version }, { messageId: w.privateCardAbout(who, id)?.message_id, form });
    if (res.answer.toast?.type !== 'success') throw new Error(`${a} on ${title} by ${who} failed: ${JSON.stringify(res.answer.toast)}`);
  };
  if (o.to === 'assigned') return w.item(id);
  await click(WHO.unitHead, 'claim');
  if (o.to === 'extension') await click(WHO.unitHead, 'submit_extension', { reason: '需等待上级文件', date: '2027-01-29 +0800' });
  if (o.to === 'review' || o.to === 'principal_review') await click(WHO.unitHead, 'submit_completion', { assessment: '已按要求完成', materials: '报告.pdf' });
  if (o.to === 'principal_review') await click(WHO.leader, 'approve', { note: '同意' });
  return w.item(id);
}

function itemIdOf(w: World, number: string): number {
  return w.db.$client.prepare('SELECT id FROM items WHERE number = ?').pluck().get(number) as number;
}
