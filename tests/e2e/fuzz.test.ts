/**
 * Property-based fuzzing of both webhook routes (/feishu/events and /feishu/cards), through the whole request handling (tests/support/inject.ts) on the whole
 * product (tests/e2e/harness.ts: a real SQLite file, the real SDK against a local fake Feishu), on top of a small
 * realistic organisation with items in several states, so fuzzed commands and clicks hit real items.
 *
 * Properties:
 * 1. A request that is not valid (garbage, wrong content type, truncated, too large, bad base64 or key, missing,
 *    stale or garbage signature headers, plaintext, wrong token, malformed event) gets a 4xx, within a bound, and
 *    changes no table at all (processed_events included).
 * 2. A valid signed event (commands with absurd dates, numbers and strings; clicks with real and forged values and
 *    form fields) never gets a 5xx, is answered within a bound, and leaves the database consistent.
 * 3. Re-sending a valid event (same event_id, a fresh signature: what a Feishu re-push looks like) changes nothing.
 *
 * Deterministic: every property has a fixed seed and a bounded number of runs. To reproduce a failure, fast-check
 * prints the seed and the path; pass them as `{ seed, path }` to that property.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../src/cards/cards';
import { dumpTables } from '../support/assertions';
import {
  cardActionEvent,
  encryptBody,
  encryptText,
  messageEvent,
  signHeaders,
  signedRequest,
  timestampFromNow,
  urlVerification,
} from '../support/feishu-signer';
import { WHO } from '../support/fixtures';
import { type Bot, ENCRYPT_KEY, VERIFICATION_TOKEN, startBot } from './harness';
import { injectAll } from '../support/inject';

const SEED = 20_261_123;
/** Feishu gives up after 3 s: every answer must come well within that. */
const BOUND_MS = 2_500;
const ROUTES = ['/feishu/events', '/feishu/cards'] as const;

let h: Bot;
/** Button values and message ids from cards the bot really sent: fuzzed clicks and replies start from these. */
const seen = { buttons: [] as Record<string, unknown>[], messageIds: [] as string[] };

type Req = { url: string; headers: Record<string, string>; payload: string };

/** Injects with a bound: the answer must arrive (no hang) and in time. */
async function send(req: Req) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${BOUND_MS} ms`)), BOUND_MS);
  });
  try {
    const res = await Promise.race([injectAll(h.bot.app, { method: 'POST', url: req.url, headers: req.headers, payload: req.payload }), timeout]);
    const ms = performance.now() - started;
    expect(ms, `answered after ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    return res;
  } finally {
    clearTimeout(timer);
  }
}

const dump = () => dumpTables(h.db);

/** Long strings in a counterexample are cut, so a failure stays readable. */
const shorten = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > 120 ? `${x.slice(0, 60)}…(${x.length} chars)…${x.slice(-20)}` : x));

/** fast-check's settings for one property: a fixed seed, bounded runs, and a readable report on failure. */
function settings<T>(seed: number, numRuns: number): fc.Parameters<T> {
  return {
    seed,
    numRuns,
    reporter(details) {
      if (!details.failed) return;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `property failed (seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} runs, shrunk ${details.numShrinks} times)\n` +
          `counterexample: ${shorten(details.counterexample)}\ncause: ${cause.slice(0, 2_000)}`,
      );
    },
  };
}

/** The database is sound: SQLite's own checks, and every item has the audit row of its registration. */
function expectConsistent() {
  const c = h.db.$client;
  expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(c.pragma('foreign_key_check')).toEqual([]);
  const unregistered = c
    .prepare("SELECT id FROM items WHERE id NOT IN (SELECT item_id FROM audit_log WHERE action = 'register' AND item_id IS NOT NULL)")
    .all();
  expect(unregistered).toEqual([]);
}

/** Cards the bot answered callbacks with (they replace the clicked card in place, so they are not in fake.sent). */
const answerCards: unknown[] = [];

/** Every button value on every card sent or answered so far, and every message id sent. */
function harvest() {
  const buttons = new Map<string, Record<string, unknown>>();
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'button') {
      const v = (o.behaviors as { value?: Record<string, unknown> }[] | undefined)?.[0]?.value;
      // The newest version of each button: older ones are stale (the bent values below make stale ones too).
      const key = `${String(v?.a)}:${String(v?.id)}`;
      if (v && !(Number(buttons.get(key)?.v) > Number(v.v))) buttons.set(key, v);
    }
    for (const v of Object.values(o)) walk(v);
  };
  for (const m of h.fake.sent) walk(m.content);
  for (const c of answerCards) walk(c);
  seen.buttons = [...buttons.values()];
  seen.messageIds = [...new Set(h.fake.sent.map((m) => m.message_id))];
}

function remember(answer: unknown) {
  const card = (answer as { card?: { data?: unknown } } | null)?.card?.data;
  if (card) answerCards.push(card);
  if (answerCards.length > 60) answerCards.splice(0, answerCards.length - 60);
}

/** Clicks the newest button with action `a` on item `itemId` as `who` (skipped if no card offers it). */
async function clickAction(who: string, a: string, itemId: number, form?: Record<string, unknown>) {
  harvest();
  const value = [...seen.buttons].reverse().find((b) => b.a === a && b.id === itemId);
  if (!value) return;
  const r = await h.click(who, value, { form });
  remember(r.answer);
}

beforeAll(async () => {
  h = await startBot();
  // A small realistic state: five items from the supervisor, in several states.
  await h.say(WHO.supervisor, '/督办 新建 完善实验室安全管理制度 主办:教务处 协办:科研处 截止:2026-12-31');
  await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2027-03-31 重要');
  await h.say(WHO.supervisor, '/督办 新建 专项审计整改 主办:科研处 截止:2026-12-15 涉密');
  await h.say(WHO.supervisor, '/督办 新建 人才引进计划 主办:人事处 截止:2027-06-30 挂牌');
  await h.say(WHO.supervisor, '/督办 新建 教学楼改造 主办:教务处 截止:2026-11-30');
  await h.say(WHO.unitHead, '/督办 绑定 教务处', { chatType: 'group', chatId: 'oc_jwc' });
  // 1: claimed, progress reported, an extension asked for.
  await clickAction(WHO.unitHead, 'claim', 1);
  await h.say(WHO.unitHead, '/督办 进展 2026-1 已完成调研，形成初稿');
  await clickAction(WHO.unitHead, 'extension_form', 1);
  await clickAction(WHO.unitHead, 'submit_extension', 1, { reason: '需要校外专家评审', date: '2027-01-31 +0800' });
  // 2: claimed and submitted for completion (awaiting review).
  await clickAction(WHO.liaison, 'claim', 2);
  await clickAction(WHO.liaison, 'completion_form', 2);
  await clickAction(WHO.liaison, 'submit_completion', 2, { assessment: '已完成修订', materials: '培养方案2026版' });
  // 3: claimed by 科研处.
  await clickAction(WHO.coopHead, 'claim', 3);
  await h.flush();
  harvest();
  expect(h.db.$client.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 5 });
  expectConsistent();
});

afterAll(async () => {
  await h?.close();
});

// ───────────────────────────── generators: values ─────────────────────────────

/** null most of the time, a value `1 / (1 + nullWeight)` of the time. (fc.option's `freq` is the other way round.) */
const sometimes = <T,>(arb: fc.Arbitrary<T>, nullWeight: number) => fc.oneof({ weight: nullWeight, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/** Awkward text: any unicode, lone surrogates, control and bidi characters, quotes, injections. */
const weird = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e反转',
    '\ud800',
    '🙂🙂🙂',
    "'); DROP TABLE items;--",
    '<script>alert(1)</script>',
    '${process.exit()}',
    '%s%n%x',
    '\\',
    '“',
    '”',
    '０１２３',
    '\r\n\t',
    '@_user_1',
    '@_all',
    '/督办',
    '主办:',
    '截止:',
  ),
);
/** Long text, bounded so a whole message stays under Feishu's 150 KB. */
const huge = fc.constantFrom(1_000, 8_000, 40_000).chain((n) => fc.constantFrom('x'.repeat(n), '督'.repeat(n), '“'.repeat(Math.min(n, 200)) + 'a'.repeat(n)));
const text = fc.oneof({ weight: 4, arbitrary: weird }, { weight: 1, arbitrary: huge });

/** Dates as people type them, and absurd ones. */
const dateText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('2026-12-31', '2027-01-15', '2026-12-01', '2027-06-30', '2026-12-31 +0800', '2027-02-28') },
  fc.constantFrom(
    '2026-12-31',
    '2027-01-15',
    '2026-11-23',
    '2026-11-22',
    '2031-11-23',
    '2099-12-31',
    '2100-01-01',
    '9999-12-31',
    '0000-00-00',
    '2026-02-30',
    '2026-13-01',
    '1900-01-01',
    '1970-01-01',
    '-2026-01-01',
    '２０２６-１２-３１',
    '明天',
    '下周五',
    '月底',
    '2026/12/31',
    '2026年12月31日',
    '12-31',
    '31/12/2026',
    '2026-12-31 +0800',
    '2026-12-31T00:00:00Z',
    '1e10',
    'NaN',
    'Infinity',
    '',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 33 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.integer({ min: 2027, max: 2200 }).map((y) => `${y}-06-30`),
  weird,
);

/** Item numbers: real ones, near misses, absurd ones. */
const itemRef = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }).map((n) => `2026-${n}`) },
  fc.constantFrom('2026-1', '2026-2', '2026-3', '2026-4', '督办〔2026〕1号', '〔2026〕2号', '[2026]3', '2026-0', '2026--1', '2026-99999999999999999999', '9999-1', '0-0', '1e308', 'NaN', '2026-4.5'),
  fc.tuple(fc.integer({ min: -10, max: 100_000 }), fc.integer({ min: -10, max: Number.MAX_SAFE_INTEGER })).map(([y, s]) => `${y}-${s}`),
  weird,
);
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('教务处', '科研处', '人事处') },
  { weight: 1, arbitrary: fc.constantFrom('jwc', '教务', '不存在处', '') },
  { weight: 1, arbitrary: weird },
);
const unitId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('jwc', 'kyc', 'rsc') }, { weight: 1, arbitrary: unit });
const title = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('完善制度', '推进实验室建设', '“关于 重要 事项”', '落实巡视整改 第二批', '督办〔2026〕1号 相关工作') },
  { weight: 1, arbitrary: text },
);
const prose = fc.oneof({ weight: 2, arbitrary: fc.constantFrom('已完成调研', '正在推进，预计下周完成', '请尽快办理', '') }, { weight: 1, arbitrary: text });
const flag = fc.constantFrom('重要', '挂牌', '涉密', '[重要]', '【涉密】', 'important', '');
const person = fc.oneof(
  { weight: 4, arbitrary: fc.constant(WHO.supervisor) },
  { weight: 3, arbitrary: fc.constantFrom(WHO.unitHead, WHO.liaison) },
  { weight: 2, arbitrary: fc.constantFrom(WHO.coopHead, WHO.leader, WHO.principal) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.values(WHO)) },
  { weight: 1, arbitrary: fc.stringMatching(/^ou_[0-9a-f]{1,40}$/) },
);

/** A registration that should succeed (from a supervisor): varied titles, real units and leaders, sane dates. */
const cleanNew = fc
  .record({
    verb: fc.constantFrom('推进', '完善', '落实', '修订', '开展', '建设'),
    object: fc.constantFrom('实验室安全检查', '研究生招生宣传', '校园绿化提升', '教师培训计划', '巡视整改任务', '档案数字化'),
    n: fc.integer({ min: 1, max: 999 }),
    lead: fc.constantFrom('教务处', '科研处', '人事处'),
    coop: fc.subarray(['教务处', '科研处', '人事处'], { maxLength: 2 }),
    due: fc.constantFrom('2026-12-31', '2027-01-15', '2026-12-01', '2027-06-30', '2026-12-31 +0800', '下周五', '月底', '2031-11-23', '2099-12-31', '2100-01-01', '9999-12-31'),
    leader: sometimes(fc.constantFrom('李副校长', '赵副校长'), 1),
    flags: fc.subarray(['重要', '挂牌', '涉密'], { maxLength: 2 }),
  })
  .map(
    (r) =>
      `/督办 新建 ${r.verb}${r.object}（第${r.n}批） 主办:${r.lead}${r.coop.length ? ` 协办:${r.coop.join('、')}` : ''} 截止:${r.due}` +
      `${r.leader ? ` 分管:${r.leader}` : ''} ${r.flags.join(' ')}`,
  );

/** Chat commands: each subcommand with fuzzed arguments, plus free text. */
const command = fc.oneof(
  { weight: 4, arbitrary: cleanNew },
  fc
    .record({
      title,
      lead: unit,
      coop: fc.array(unit, { maxLength: 3 }),
      due: dateText,
      leader: fc.option(fc.constantFrom('李副校长', '赵副校长', '张校长', '王督查', '无此人')),
      source: fc.option(weird),
      flags: fc.array(flag, { maxLength: 3 }),
      colon: fc.constantFrom(':', '：', ' : '),
    })
    .map(
      (r) =>
        `/督办 新建 ${r.title} 主办${r.colon}${r.lead}${r.coop.length ? ` 协办:${r.coop.join('、')}` : ''} 截止${r.colon}${r.due}` +
        `${r.leader ? ` 分管:${r.leader}` : ''}${r.source !== null ? ` 来源:${r.source}` : ''} ${r.flags.join(' ')}`,
    ),
  fc.tuple(itemRef, prose).map(([r, t]) => `/督办 进展 ${r} ${t}`),
  itemRef.map((r) => `/督办 查看 ${r}`),
  itemRef.map((r) => `/督办 ${r}`),
  fc.tuple(itemRef, prose).map(([r, t]) => `/督办 催办 ${r} ${t}`),
  unit.map((u) => `/督办 绑定 ${u}`),
  fc.constantFrom('/督办 列表', '/督办 列表 全部', '/督办 列表 逾期', '/督办 列表 本单位', '/督办 列表 待审核', '/督办 列表 xyz', '/督办 新建'),
  fc.constantFrom('/督办', '/督办 帮助', '督办 列表', '/duban help', '/督办 删除 2026-1', '@_user_1 /督办 列表', '／督办 列表', '、督办 列表'),
  fc
    .tuple(fc.integer({ min: 100, max: 5_000 }), fc.constantFrom('“', '"', '「', '『', '‘', '“”'))
    .map(([n, q]) => `/督办 新建 ${q.repeat(n)} 主办:教务处 截止:2026-12-31 ${q.repeat(n / 10)}`),
  text,
);

/** What a card form may submit: text, dates, lists, checkers, absurd numbers. */
const formField = fc.oneof(
  weird,
  dateText,
  fc.constantFrom('x'.repeat(10_000), '督'.repeat(5_000)),
  fc.array(fc.oneof(unit, fc.constantFrom('important', 'flagged', 'confidential', 'jwc', 'kyc', 'rsc', ...Object.values(WHO))), { maxLength: 5 }),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
);
const oneOf = <T,>(likely: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: likely }, { weight: 1, arbitrary: formField });
/** Form text stays within what a form may submit (10 000 characters a field: more is refused at the edge). */
const formProse = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('已完成调研', '正在推进，预计下周完成', '同意', '') },
  { weight: 1, arbitrary: weird },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(10_000), '督'.repeat(10_000)) },
);
/** The fields of the bot's forms (progress, extension, completion, review, registration), realistic or not. */
const form = fc
  .tuple(
    fc.record(
      {
        text: oneOf(formProse),
        reason: oneOf(formProse),
        date: oneOf(dateText),
        deadline: oneOf(dateText),
        new_deadline: oneOf(dateText),
        note: oneOf(formProse),
        assessment: oneOf(formProse),
        materials: oneOf(fc.constantFrom('材料一\n材料二', '')),
        title: oneOf(fc.oneof(title.filter((t) => t.length <= 10_000))),
        requirements: oneOf(formProse),
        source: oneOf(fc.constantFrom('committee', 'leader', 'inspection', 'other')),
        ref: oneOf(formProse),
        lead: oneOf(unitId),
        coop: oneOf(fc.array(unitId, { maxLength: 3 })),
        leader: oneOf(fc.constantFrom(WHO.leader, WHO.otherLeader, WHO.principal, WHO.supervisor)),
        cycle: oneOf(fc.constantFrom('weekly', 'biweekly', 'monthly', 'none')),
        flags: oneOf(fc.array(fc.constantFrom('important', 'flagged', 'confidential'), { maxLength: 3 })),
      },
      { requiredKeys: [] },
    ),
    sometimes(fc.dictionary(fc.string({ maxLength: 12 }), formField, { maxKeys: 3 }), 3),
  )
  .map(([known, other]) => ({ ...other, ...known }));

/** Absurd numbers for `id` and `v`: JSON turns NaN and ±Infinity into null. */
const number = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, 1e-300, 0.5),
  fc.double(),
  fc.constantFrom('1', '', '1e3', null, true, [1], { n: 1 }),
);

/** A button value: a real one, a real one with its id/version/action bent, a forged one, or any JSON at all. */
const buttonValueGen = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((i) => ({ pick: i })) },
  {
    weight: 3,
    arbitrary: fc.record({
      pick: fc.nat(),
      a: sometimes(fc.constantFrom(...CARD_ACTIONS), 2),
      id: sometimes(number, 2),
      v: sometimes(number, 1),
      extra: sometimes(weird, 3),
    }),
  },
  { weight: 2, arbitrary: fc.record({ a: fc.oneof(fc.constantFrom(...CARD_ACTIONS), weird), id: number, v: number }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ raw: value })) },
);

type ButtonSpec =
  | { pick: number; a?: string | null; id?: unknown; v?: unknown; extra?: string | null }
  | { raw: unknown }
  | Record<string, unknown>;

function buttonFrom(spec: ButtonSpec): unknown {
  if ('raw' in spec) return spec.raw;
  if (!('pick' in spec)) return spec;
  const base = seen.buttons[(spec.pick as number) % Math.max(1, seen.buttons.length)] ?? { a: 'claim', id: 1, v: 1 };
  const out: Record<string, unknown> = { ...base };
  if (spec.a != null) out.a = spec.a;
  if (spec.id != null) out.id = spec.id;
  if (spec.v != null) out.v = spec.v;
  if (spec.extra != null) out.extra = spec.extra;
  return out;
}

const pickMessageId = (i: number | null) => (i === null || !seen.messageIds.length ? undefined : seen.messageIds[i % seen.messageIds.length]);

/** Extra keys Feishu might add, at the top of the event and inside it. */
const extras = sometimes(fc.dictionary(fc.stringMatching(/^x_[a-z]{1,8}$/), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), 4);

// ───────────────────────────── generators: events ─────────────────────────────

interface MessageSpec {
  kind: 'message';
  from: string;
  chatType: 'p2p' | 'group';
  chatId: string;
  text: string;
  messageType: string;
  parent: number | null;
  dup: number | null;
  extra: Record<string, unknown> | null;
  url: string;
}
interface ClickSpec {
  kind: 'click';
  from: string;
  value: ButtonSpec;
  form: Record<string, unknown> | null;
  messageId: number | null;
  dup: number | null;
  extra: Record<string, unknown> | null;
  url: string;
}

const messageSpec: fc.Arbitrary<MessageSpec> = fc.record({
  kind: fc.constant('message' as const),
  from: fc.oneof({ weight: 2, arbitrary: fc.constant(WHO.supervisor) }, { weight: 3, arbitrary: person }),
  chatType: fc.constantFrom('p2p' as const, 'p2p' as const, 'p2p' as const, 'group' as const),
  chatId: fc.constantFrom('oc_jwc', 'oc_kyc', 'oc_new', 'oc_p2p_x'),
  text: command,
  messageType: fc.oneof({ weight: 12, arbitrary: fc.constant('text') }, { weight: 1, arbitrary: fc.constantFrom('image', 'file', 'post', 'interactive', 'sticker') }),
  parent: sometimes(fc.nat(), 4),
  dup: sometimes(fc.nat({ max: 15 }), 6),
  extra: extras,
  url: fc.constantFrom(...ROUTES),
});

const clickSpec: fc.Arbitrary<ClickSpec> = fc.record({
  kind: fc.constant('click' as const),
  from: person,
  value: buttonValueGen,
  form: sometimes(form, 1),
  messageId: sometimes(fc.nat(), 1),
  dup: sometimes(fc.nat({ max: 15 }), 6),
  extra: extras,
  url: fc.constantFrom(...ROUTES),
});

const validSpec = fc.oneof(messageSpec, clickSpec);

let fresh = 0;
/** The schema 2.0 payload for a spec. `dup` makes the event id one of a few, so de-duplication is exercised. */
function payloadOf(spec: MessageSpec | ClickSpec): object {
  const eventId = spec.dup === null ? `ev_fuzz_${++fresh}` : `ev_fuzz_dup_${spec.kind}_${spec.dup}`;
  if (spec.kind === 'message') {
    const ev = messageEvent({
      token: VERIFICATION_TOKEN,
      eventId,
      senderOpenId: spec.from,
      chatType: spec.chatType,
      chatId: spec.chatId,
      text: spec.text,
      messageType: spec.messageType,
      messageId: `om_fuzz_${++fresh}`,
      parentId: pickMessageId(spec.parent),
    });
    return spec.extra ? { ...ev, ...spec.extra, event: { ...ev.event, ...spec.extra, message: { ...ev.event.message, ...spec.extra } } } : ev;
  }
  const ev = cardActionEvent({
    token: VERIFICATION_TOKEN,
    eventId,
    operatorOpenId: spec.from,
    value: buttonFrom(spec.value) as Record<string, unknown>,
    formValue: spec.form ?? undefined,
    openMessageId: pickMessageId(spec.messageId) ?? 'om_unknown',
  });
  return spec.extra ? { ...ev, event: { ...ev.event, ...spec.extra, action: { ...ev.event.action, ...spec.extra } } } : ev;
}

// ───────────────────────────── generators: invalid requests ─────────────────────────────

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json, text/plain',
  'application/octet-stream',
  '',
];

const baseMessage = () =>
  messageEvent({ token: VERIFICATION_TOKEN, eventId: `ev_bad_${++fresh}`, senderOpenId: WHO.supervisor, chatId: 'oc_x', chatType: 'p2p', text: '/督办 新建 不应出现的事项 主办:教务处 截止:2026-12-31' });
const baseClick = () => {
  const value = seen.buttons.find((b) => b.a === 'claim') ?? { a: 'claim', id: 1, v: 1 };
  return cardActionEvent({ token: VERIFICATION_TOKEN, eventId: `ev_bad_${++fresh}`, operatorOpenId: WHO.unitHead, value, openMessageId: 'om_x', formValue: { text: 'x' } });
};
const validBase = fc.constantFrom('message', 'click').map((k) => () => (k === 'message' ? baseMessage() : baseClick()));

/** Values that are not a (bounded) string, for fields that must be one. */
const notAString = (maxLength: number, nullable: boolean) =>
  fc.oneof(
    fc.object({ maxDepth: 1 }),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.integer(),
    fc.boolean(),
    fc.constant('y'.repeat(maxLength + 1)),
    ...(nullable ? [] : [fc.constant(null)]),
  );
const notAnObject = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.array(fc.integer(), { maxLength: 2 }), fc.constant(null), fc.boolean());

/** One way to break an event's shape: [event type, dotted path inside `event`, a value that is invalid there]. */
const malformation: fc.Arbitrary<[string, string, unknown]> = fc.oneof<fc.Arbitrary<[string, string, unknown]>[]>(
  fc.tuple(fc.constant('message'), fc.constantFrom('message.message_id', 'message.chat_id', 'sender.sender_id.open_id'), fc.oneof(notAString(128, false), fc.constant(''))),
  fc.tuple(fc.constant('message'), fc.constantFrom('message.parent_id', 'message.root_id'), notAString(128, true)),
  fc.tuple(fc.constant('message'), fc.constant('message.content'), fc.oneof(notAString(160_000, false))),
  fc.tuple(fc.constant('message'), fc.constantFrom('message.message_type', 'message.chat_type', 'sender.sender_type'), notAString(64, false)),
  fc.tuple(fc.constant('message'), fc.constantFrom('message', 'sender', 'sender.sender_id'), notAnObject),
  fc.tuple(fc.constant('message'), fc.constant('message.mentions'), fc.oneof(fc.string(), fc.constant([{ key: {}, id: {} }]), fc.constant([{ key: 'k', id: { open_id: [] } }]))),
  fc.tuple(fc.constant('click'), fc.constant('operator.open_id'), fc.oneof(notAString(128, false), fc.constant(''))),
  fc.tuple(fc.constant('click'), fc.constantFrom('operator', 'action'), notAnObject),
  fc.tuple(fc.constant('click'), fc.constantFrom('action.name', 'context.open_message_id', 'context.open_chat_id', 'token'), notAString(512, true)),
  fc.tuple(fc.constant('click'), fc.constant('context'), fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 2 }))),
  fc.tuple(
    fc.constant('click'),
    fc.constant('action.form_value'),
    fc.oneof(
      fc.array(fc.string(), { maxLength: 2 }),
      fc.string(),
      fc.record({ text: fc.oneof(fc.object({ maxDepth: 1 }), fc.array(fc.object({ maxDepth: 1 }), { minLength: 1, maxLength: 2 }), fc.constant('z'.repeat(10_001))) }),
      fc.constant(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, 'x']))),
    ),
  ),
  fc.tuple(fc.constantFrom('message', 'click'), fc.constant(''), notAnObject),
);

function withField<T extends object>(payload: T, path: string, value: unknown): T {
  const copy = structuredClone(payload) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
  return copy as T;
}

const garbageText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
  fc.constantFrom('', 'null', '[]', '{}', '{"encrypt":null}', '{"encrypt":{}}', '{"encrypt":""}', '{"type":"url_verification"}', '\u0000', '{"a":1}{"b":2}'),
);
const hex = fc.stringMatching(/^[0-9a-f]{0,80}$/);
const staleOffset = fc.oneof(fc.integer({ min: 301, max: 20 * 365 * 86_400 }), fc.integer({ min: -20 * 365 * 86_400, max: -301 }));
const junkTimestamp = fc.oneof(
  fc.string({ maxLength: 20 }).filter((s) => !/^\d+$/.test(s.trim())),
  fc.constantFrom('1e9', '-1', '0', '0x66000000', ' ', '9'.repeat(30), String(Date.now())),
);
const bigSize = fc.constantFrom(520 * 1024, 2 * 1024 * 1024, 6 * 1024 * 1024);
const bigBodies = new Map<number, string>();
const bigBody = (n: number) => bigBodies.get(n) ?? (bigBodies.set(n, `{"encrypt":"${'A'.repeat(n)}"}`), bigBodies.get(n)!);

/** A description of a request that must be refused; `build` turns it into one (signing needs the current time). */
type Invalid = { family: string; build: () => Req };

const signedJson = (body: string, url: string, contentType = 'application/json'): Req => ({ url, headers: { ...signHeaders(ENCRYPT_KEY, body), 'content-type': contentType }, payload: body });

const invalidRequest: fc.Arbitrary<Invalid> = fc.oneof(
  // Random bytes and JSON of every kind, under every content type, signed or not.
  fc.record({ body: garbageText, ct: fc.constantFrom(...CONTENT_TYPES), sign: fc.boolean(), url: fc.constantFrom(...ROUTES) }).map((r) => ({
    family: 'garbage',
    build: () => {
      const headers: Record<string, string> = r.sign ? signHeaders(ENCRYPT_KEY, r.body) : {};
      if (r.ct) headers['content-type'] = r.ct;
      else delete headers['content-type'];
      return { url: r.url, headers, payload: r.body };
    },
  })),
  // A valid request, truncated: signed over the cut body (valid signature, broken JSON) or over the whole one.
  fc.record({ base: validBase, cut: fc.double({ min: 0, max: 0.999, noNaN: true }), signCut: fc.boolean(), url: fc.constantFrom(...ROUTES) }).map((r) => ({
    family: 'truncated',
    build: () => {
      const full = signedRequest(ENCRYPT_KEY, r.base());
      const payload = full.body.slice(0, Math.floor(full.body.length * r.cut));
      return { url: r.url, headers: r.signCut ? signHeaders(ENCRYPT_KEY, payload) : full.headers, payload };
    },
  })),
  // `encrypt` that is not base64, too short, random bytes, encrypted with another key, or decrypting to a non-event.
  fc
    .record({
      enc: fc.oneof(
        fc.string({ maxLength: 200 }).map((s) => ({ encrypt: s })),
        fc.uint8Array({ minLength: 0, maxLength: 200 }).map((b) => ({ encrypt: Buffer.from(b).toString('base64') })),
        fc.tuple(validBase, fc.string({ minLength: 1, maxLength: 20 })).map(([b, key]) => ({ encrypt: encryptBody(`other-${key}`, b()).encrypt })),
        garbageText.map((t) => encryptText(ENCRYPT_KEY, t)),
        fc.jsonValue({ maxDepth: 2 }).map((v) => ({ encrypt: v })),
      ),
      url: fc.constantFrom(...ROUTES),
    })
    .map((r) => ({ family: 'bad-encrypt', build: () => signedJson(JSON.stringify(r.enc), r.url) })),
  // Missing, stale, garbage or wrong signature headers on a valid encrypted body.
  fc
    .record({
      base: validBase,
      how: fc.oneof(
        fc.constantFrom('no-timestamp', 'no-nonce', 'no-signature', 'none', 'nonce-changed', 'other-key', 'upper-case', 'body-changed').map((k) => ({ k })),
        staleOffset.map((offset) => ({ k: 'stale', offset })),
        junkTimestamp.map((ts) => ({ k: 'junk-timestamp', ts })),
        hex.map((sig) => ({ k: 'junk-signature', sig })),
      ),
      url: fc.constantFrom(...ROUTES),
    })
    .map((r) => ({
      family: `signature:${r.how.k}`,
      build: () => {
        const how = r.how as { k: string; offset?: number; ts?: string; sig?: string };
        const payload = r.base();
        const opts = how.k === 'stale' ? { timestamp: timestampFromNow(how.offset!) } : how.k === 'junk-timestamp' ? { timestamp: how.ts! } : {};
        const req = signedRequest(how.k === 'other-key' ? 'someone-elses-key' : ENCRYPT_KEY, payload, opts);
        const headers = { ...req.headers };
        let body = req.body;
        if (how.k === 'no-timestamp' || how.k === 'none') delete headers['x-lark-request-timestamp'];
        if (how.k === 'no-nonce' || how.k === 'none') delete headers['x-lark-request-nonce'];
        if (how.k === 'no-signature' || how.k === 'none') delete headers['x-lark-signature'];
        if (how.k === 'nonce-changed') headers['x-lark-request-nonce'] += 'x';
        if (how.k === 'upper-case') headers['x-lark-signature'] = headers['x-lark-signature']!.toUpperCase();
        if (how.k === 'junk-signature') headers['x-lark-signature'] = how.sig!;
        if (how.k === 'body-changed') body = JSON.stringify(encryptBody(ENCRYPT_KEY, payload));
        return { url: r.url, headers, payload: body };
      },
    })),
  // Correctly signed, but plaintext: events and the URL challenge.
  fc.record({ base: validBase, challenge: fc.boolean(), url: fc.constantFrom(...ROUTES) }).map((r) => ({
    family: r.challenge ? 'plaintext-challenge' : 'plaintext',
    build: () =>
      r.challenge
        ? { url: r.url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(urlVerification(VERIFICATION_TOKEN, 'c')) }
        : (({ headers, body }) => ({ url: r.url, headers, payload: body }))(signedRequest(ENCRYPT_KEY, r.base(), { encrypt: false })),
  })),
  // Encrypted and signed, but with the wrong verification token (or none).
  fc.record({ base: validBase, token: fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.object({ maxDepth: 1 }))), url: fc.constantFrom(...ROUTES) }).map((r) => ({
    family: 'token',
    build: () => {
      const p = r.base() as unknown as { header: Record<string, unknown> };
      const token = r.token === VERIFICATION_TOKEN ? 'nope' : r.token;
      const { headers, body } = signedRequest(ENCRYPT_KEY, { ...p, header: { ...p.header, token: token ?? undefined } });
      return { url: r.url, headers, payload: body };
    },
  })),
  // Proved to come from Feishu, but the event's shape is wrong.
  fc.record({ m: malformation, extraHeader: fc.boolean(), url: fc.constantFrom(...ROUTES) }).map(({ m: [kind, path, value], extraHeader, url }) => ({
    family: `malformed:${kind}:${path || 'event'}`,
    build: () => {
      const base = kind === 'message' ? baseMessage() : baseClick();
      const broken = withField(base, path ? `event.${path}` : 'event', value);
      const payload = extraHeader ? { ...broken, header: { ...broken.header, x_new: [1] } } : broken;
      const { headers, body } = signedRequest(ENCRYPT_KEY, payload);
      return { url, headers, payload: body };
    },
  })),
  // A broken envelope: header fields of the wrong type, a schema other than 2.0.
  fc
    .record({
      field: fc.constantFrom('event_id', 'event_type', 'schema'),
      value: fc.oneof(fc.integer(), fc.object({ maxDepth: 1 }), fc.constant(''), fc.constant('e'.repeat(129)), fc.constant(null)),
      url: fc.constantFrom(...ROUTES),
    })
    .map((r) => ({
      family: `envelope:${r.field}`,
      build: () => {
        const p = baseMessage() as unknown as { header: Record<string, unknown> } & Record<string, unknown>;
        const broken = r.field === 'schema' ? { ...p, schema: r.value ?? '1.0' } : { ...p, header: { ...p.header, [r.field]: r.value } };
        const { headers, body } = signedRequest(ENCRYPT_KEY, broken);
        return { url: r.url, headers, payload: body };
      },
    })),
  // Bodies of several MB.
  fc.record({ size: bigSize, sign: fc.boolean(), url: fc.constantFrom(...ROUTES) }).map((r) => ({
    family: 'too-large',
    build: () => {
      const payload = bigBody(r.size);
      return { url: r.url, headers: r.sign ? signHeaders(ENCRYPT_KEY, payload) : { 'content-type': 'application/json' }, payload };
    },
  })),
  // Valid, but an event type the bot does not handle: acknowledged with {}, nothing done.
  fc.record({ type: fc.oneof(fc.constantFrom('contact.user.created_v3', 'im.chat.member.bot.added_v1', 'im.message.message_read_v1'), fc.stringMatching(/^[a-z.]{1,40}$/)), url: fc.constantFrom(...ROUTES) }).map((r) => ({
    family: 'unknown-type',
    build: () => {
      const type = r.type === 'im.message.receive_v1' || r.type === 'card.action.trigger' ? 'x.y' : r.type;
      const { headers, body } = signedRequest(ENCRYPT_KEY, { schema: '2.0', header: { event_id: `ev_u_${++fresh}`, event_type: type, token: VERIFICATION_TOKEN }, event: { anything: [1, { deep: true }] } });
      return { url: r.url, headers, payload: body };
    },
  })),
);

// ───────────────────────────── properties ─────────────────────────────

describe('fuzzing the webhook routes', () => {
  it('a request that is not valid gets a 4xx in time and changes no table', async () => {
    const families = new Set<string>();
    const sentBefore = h.fake.sent.length;
    await fc.assert(
      fc.asyncProperty(invalidRequest, async (inv) => {
        families.add(inv.family.split(':')[0]!);
        const before = dump();
        const res = await send(inv.build());
        if (inv.family === 'unknown-type') {
          expect(res.statusCode).toBe(200);
          expect(res.json()).toEqual({});
        } else {
          expect(res.statusCode, `${inv.family}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, `${inv.family}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        }
        expect(dump()).toEqual(before);
      }),
      settings(SEED, 500),
    );
    // The generator reached every family.
    expect([...families].sort()).toEqual(
      ['bad-encrypt', 'envelope', 'garbage', 'malformed', 'plaintext', 'plaintext-challenge', 'signature', 'token', 'too-large', 'truncated', 'unknown-type'].sort(),
    );
    expect(h.fake.sent.length).toBe(sentBefore);
  });

  it('a valid signed event never gets a 5xx, is answered in time, and leaves the database consistent', async () => {
    const stats: Record<string, number> = {};
    const sentBefore = h.fake.sent.length;
    const itemsBefore = (h.db.$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    const auditBefore = (h.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        const payload = payloadOf(spec);
        const { headers, body } = signedRequest(ENCRYPT_KEY, payload);
        const res = await send({ url: spec.url, headers, payload: body });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        const answer = res.json() as Record<string, unknown>;
        const toast = (answer.toast as { type?: string } | undefined)?.type ?? 'none';
        stats[`${spec.kind}:${toast}`] = (stats[`${spec.kind}:${toast}`] ?? 0) + 1;
        expect(typeof answer === 'object' && answer !== null && !Array.isArray(answer)).toBe(true);
        // An acknowledged event is remembered, so Feishu's re-push does nothing.
        const id = (payload as { header: { event_id: string } }).header.event_id;
        expect(h.db.$client.prepare('SELECT count(*) AS n FROM processed_events WHERE event_id = ?').get(id)).toEqual({ n: 1 });
        await h.flush();
        expectConsistent();
        harvest();
      }),
      settings(SEED, 350),
    );
    // The fuzzing reached the handlers' real work, not only their refusals.
    const count = (sql: string) => (h.db.$client.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM items')).toBeGreaterThan(itemsBefore);
    expect(count('SELECT count(*) AS n FROM audit_log')).toBeGreaterThan(auditBefore + (count('SELECT count(*) AS n FROM items') - itemsBefore) * 2);
    expect((stats['click:success'] ?? 0) + (stats['click:info'] ?? 0)).toBeGreaterThan(0);
    expect(stats['click:error'] ?? 0).toBeGreaterThan(0);
    expect(h.fake.sent.length).toBeGreaterThan(sentBefore);
  });

  it('re-sending a valid event (same event_id, new signature) changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        const payload = payloadOf({ ...spec, dup: null });
        const first = signedRequest(ENCRYPT_KEY, payload);
        expect((await send({ url: spec.url, headers: first.headers, payload: first.body })).statusCode).toBe(200);
        await h.flush();
        const before = dump();
        const sent = h.fake.sent.length;
        const again = signedRequest(ENCRYPT_KEY, payload);
        const res = await send({ url: spec.url, headers: again.headers, payload: again.body });
        expect(res.statusCode).toBe(200);
        await h.flush();
        expect(dump()).toEqual(before);
        expect(h.fake.sent.length).toBe(sent);
        harvest();
      }),
      settings(SEED + 1, 50),
    );
  });
});
