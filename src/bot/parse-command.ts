/**
 * The pure parser for chat commands typed to the bot. No I/O, no org lookups, no date checks: the handler resolves
 * units, people, item numbers and dates (it has the org and today) and answers with the errors that need them.
 *
 * Addressing (after mention placeholders are stripped, see stripMentions):
 * - `/督办` or `/duban` (any case) at the start of the message; the slash may also be the full-width `／` or `、`
 *   (what a Chinese IME types for the `/` key). `/督办` alone is help.
 * - `督办` without a slash counts only when followed by whitespace and a known subcommand word standing alone
 *   (`督办 列表`, `督办 新建 …`); from then on it is parsed, and reported, like the slashed form. Anything else that
 *   starts with 督办 (`督办〔2026〕17号进展如何`, `督办一下`) is ordinary chat → not_command, so the bot never
 *   answers conversation with an error.
 * - After a slash prefix a Chinese subcommand may be glued on (`/督办列表`, `/督办进展2026-17 …`); English
 *   subcommands need a word boundary. Only mention placeholders may precede the prefix.
 * - Shortcut: `/督办 <编号>` is view.
 *
 * Subcommands (Chinese first, then aliases): 帮助 help ? ？ | 新建 新增 new | 列表 list ls | 查看 详情 view show |
 * 进展 progress | 催办 urge | 绑定 bind.
 *
 * 编号: taken from the start of the arguments — a bracket or dash form (`督办〔2026〕17号`, `督办〔2026〕 17号`,
 * `〔2026〕17号`, `[2026]17`, `2026-17`), even glued to the text that follows, else the first token or first two
 * tokens when parseItemNumber accepts them; otherwise the first token as typed (the handler says it is unknown).
 * The ref is returned as typed with whitespace removed; whether it names an item is parseItemNumber's call.
 *
 * 新建 quick form: `/督办 新建 <标题> 主办:<单位> 截止:<日期> [协办:<单位>,<单位>] [分管:<姓名>] [来源:<来源>]
 * [重要] [挂牌] [涉密]`.
 * - Keys (any order, `:` or `：`, spaces allowed before the colon): 主办/主办单位/责任单位/牵头单位/lead,
 *   协办/协办单位/配合/配合单位/coop, 截止/截止日期/截止时间/完成时限/due/deadline, 分管/分管领导/分管校领导/leader,
 *   来源/source. Chinese keys are recognised even glued to the preceding text; English ones need a non-letter before.
 * - Flags, recognised only standing alone (between whitespace or , ， 、 ; ；, optionally in [] 【】 () （）):
 *   重要/important, 挂牌/挂牌督办/flagged, 涉密/confidential. Repeating a flag is harmless.
 * - The title is the text before the first key; flags may come before it (`新建 重要 <标题> 主办:…`). Text inside
 *   quotes (“…” "…" 「…」 『…』 ‘…’) is never read as a key or flag, so `“关于 重要 事项”` is a title; a value wholly
 *   in quotes loses them. A value runs to the next key or flag; whitespace in it collapses to one space, separators
 *   (, ， 、 ; ； 。) at its ends are dropped. 协办 is split on , ， 、 ; ； and whitespace.
 * - Errors (all reported at once): a key given twice, a key with an empty value, text after a flag that belongs to
 *   nothing, missing title, missing 主办, missing 截止.
 *
 * 列表 scope: 我的/mine/my (default), 本单位/单位/unit, 逾期/overdue, 待审核/审核/review, 全部/所有/all.
 * 查看 ignores anything after the 编号. 进展 text and 催办 note keep their line breaks; a leading : ， etc. is dropped.
 */
import type { ProgressCycle } from '../domain/item';
import { parseItemNumber } from '../domain/item-number';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'new_form' }
  | {
      kind: 'new_quick';
      title: string;
      lead: string;
      coop: string[];
      /** As typed; the handler parses it with parseDateInput. */
      deadline: string;
      leader: string | null;
      /** 进展报送周期: 'none' unless 周期:每周|每两周|每月 was given. */
      cycle: ProgressCycle;
      source: string | null;
      important: boolean;
      flagged: boolean;
      confidential: boolean;
    }
  | { kind: 'list'; scope: 'mine' | 'unit' | 'overdue' | 'review' | 'all' }
  | { kind: 'view'; ref: string }
  | { kind: 'progress'; ref: string; text: string }
  | { kind: 'urge'; ref: string; note: string | null }
  | { kind: 'bind'; unit: string }
  /** Text that is not addressed to /督办 at all. */
  | { kind: 'not_command' }
  /** A /督办 command that is wrong: message says what, in plain Chinese. */
  | { kind: 'error'; message: string };

type ListScope = Extract<ParsedCommand, { kind: 'list' }>['scope'];
type Sub = 'help' | 'new' | 'list' | 'view' | 'progress' | 'urge' | 'bind';

// ───────────────────────────── mentions and whitespace ─────────────────────────────

const MENTION_RE = /@_user_\d+|@_all(?![A-Za-z0-9_])/g;
const ZERO_WIDTH_RE = /[\u200b-\u200d\u2060\ufeff]/g;
const HSPACE_RE = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Removes Feishu's mention placeholders (`@_user_1`, `@_all`) and collapses whitespace: runs of spaces, tabs and
 * full-width spaces become one space, spaces around line breaks and at both ends go, more than one blank line
 * becomes one. Line breaks themselves are kept (progress text is often a list).
 */
export function stripMentions(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH_RE, '')
    .replace(MENTION_RE, ' ')
    .replace(HSPACE_RE, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ───────────────────────────── usage texts ─────────────────────────────

const USAGE: Record<Sub, string> = {
  help: '/督办 帮助',
  new: '/督办 新建 <标题> 主办:<单位> 截止:<日期> [协办:<单位>,<单位>] [分管:<姓名>] [来源:<来源>] [周期:每周|每两周|每月] [重要] [挂牌] [涉密]',
  list: '/督办 列表 [我的|本单位|逾期|待审核|全部]',
  view: '/督办 查看 <编号>',
  progress: '/督办 进展 <编号> <进展情况>',
  urge: '/督办 催办 <编号> [说明]',
  bind: '/督办 绑定 <单位名>',
};
const NEW_EXAMPLE =
  '/督办 新建 完成本科教学审核评估自评报告 主办:教务处 协办:学生处,人事处 截止:2026-06-30 分管:张三 来源:校长办公会 重要';
const NUMBER_EXAMPLE = '编号如 督办〔2026〕17号，也可简写为 2026-17';
const COMMAND_LIST = [
  '可用指令：',
  '/督办 新建（不带参数则打开登记表单）',
  USAGE.new,
  USAGE.list,
  USAGE.view,
  USAGE.progress,
  USAGE.urge,
  USAGE.bind,
  USAGE.help,
].join('\n');

const error = (message: string): ParsedCommand => ({ kind: 'error', message });

// ───────────────────────────── addressing and subcommands ─────────────────────────────

const SLASH_PREFIX_RE = /^[/／、]\s*(?:督办|duban(?![A-Za-z0-9_]))/i;
const BARE_PREFIX_RE = /^督办\s+/;

const SUB_ALIASES: ReadonlyArray<readonly [string, Sub]> = (
  [
    ['帮助', 'help'],
    ['help', 'help'],
    ['--help', 'help'],
    ['-h', 'help'],
    ['?', 'help'],
    ['？', 'help'],
    ['新建', 'new'],
    ['新增', 'new'],
    ['new', 'new'],
    ['列表', 'list'],
    ['list', 'list'],
    ['ls', 'list'],
    ['查看', 'view'],
    ['详情', 'view'],
    ['view', 'view'],
    ['show', 'view'],
    ['进展', 'progress'],
    ['progress', 'progress'],
    ['催办', 'urge'],
    ['urge', 'urge'],
    ['绑定', 'bind'],
    ['bind', 'bind'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/** The subcommand at the start of `rest`, and what follows it. English words need a word boundary after them. */
function matchSub(rest: string): { sub: Sub; after: string } | null {
  const lower = rest.toLowerCase();
  for (const [alias, sub] of SUB_ALIASES) {
    if (!lower.startsWith(alias)) continue;
    const after = rest.slice(alias.length);
    if (/^[a-z]/.test(alias) && /^[A-Za-z0-9_]/.test(after)) continue;
    return { sub, after };
  }
  return null;
}

const LIST_SCOPES: Record<string, ListScope> = {
  我的: 'mine',
  mine: 'mine',
  my: 'mine',
  本单位: 'unit',
  单位: 'unit',
  unit: 'unit',
  逾期: 'overdue',
  overdue: 'overdue',
  待审核: 'review',
  审核: 'review',
  review: 'review',
  全部: 'all',
  所有: 'all',
  all: 'all',
};

// ───────────────────────────── item number (编号) ─────────────────────────────

/** Bracket or dash forms at the start of the text, spaces allowed inside, possibly glued to what follows. */
const REF_PREFIX_RE =
  /^(?:督办\s*)?(?:[〔\[（(【]\s*\d{4}\s*[〕\]）)】]\s*\d+(?:\s*号)?|\d{4}\s*[-/]\s*\d+(?:\s*号)?)(?!\d)/;

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();
const LEADING_SEP_RE = /^[\s:：,，、;；]+/;

/** Splits the 编号 off the front of `args`. Null when there is nothing at all. */
function takeRef(args: string): { ref: string; rest: string } | null {
  const s = args.trim();
  if (!s) return null;
  const prefix = REF_PREFIX_RE.exec(s);
  if (prefix) {
    const ref = prefix[0].replace(/\s+/g, '');
    if (parseItemNumber(ref)) return { ref, rest: s.slice(prefix[0].length) };
  }
  const t1 = /^\S+/.exec(s)![0];
  if (parseItemNumber(t1)) return { ref: t1, rest: s.slice(t1.length) };
  const two = /^(\S+)\s+(\S+)/.exec(s);
  if (two) {
    const ref = two[1]! + two[2]!;
    if (parseItemNumber(ref)) return { ref, rest: s.slice(two[0].length) };
  }
  return { ref: t1, rest: s.slice(t1.length) };
}

const cleanText = (s: string) => s.replace(LEADING_SEP_RE, '').trim();

// ───────────────────────────── 新建 quick form ─────────────────────────────

type Field = 'lead' | 'coop' | 'due' | 'leader' | 'source' | 'cycle';
type Flag = 'important' | 'flagged' | 'confidential';

const FIELD_LABEL: Record<Field, string> = { lead: '主办', coop: '协办', due: '截止', leader: '分管', source: '来源', cycle: '周期' };

const KEY_ALIASES: Record<string, Field> = {
  主办: 'lead',
  主办单位: 'lead',
  责任单位: 'lead',
  牵头单位: 'lead',
  lead: 'lead',
  协办: 'coop',
  协办单位: 'coop',
  配合: 'coop',
  配合单位: 'coop',
  coop: 'coop',
  截止: 'due',
  截止日期: 'due',
  截止时间: 'due',
  完成时限: 'due',
  due: 'due',
  deadline: 'due',
  分管: 'leader',
  分管领导: 'leader',
  分管校领导: 'leader',
  leader: 'leader',
  来源: 'source',
  source: 'source',
  周期: 'cycle',
  报送周期: 'cycle',
  cycle: 'cycle',
};

/** 进展报送周期 as people write it. */
const CYCLE_WORDS: Record<string, ProgressCycle> = {
  每周: 'weekly',
  一周: 'weekly',
  weekly: 'weekly',
  每两周: 'biweekly',
  两周: 'biweekly',
  双周: 'biweekly',
  biweekly: 'biweekly',
  每月: 'monthly',
  每个月: 'monthly',
  monthly: 'monthly',
  不定期: 'none',
  none: 'none',
};
const FLAG_ALIASES: Record<string, Flag> = {
  重要: 'important',
  important: 'important',
  挂牌督办: 'flagged',
  挂牌: 'flagged',
  flagged: 'flagged',
  涉密: 'confidential',
  confidential: 'confidential',
};

const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const KEY_RE = new RegExp(`(?<![A-Za-z])(${alternation(Object.keys(KEY_ALIASES))})\\s*[:：]`, 'gi');
const FLAG_RE = new RegExp(
  `(?<=^|[\\s,，、;；])[\\[【(（]?(${alternation(Object.keys(FLAG_ALIASES))})[\\]】)）]?(?=$|[\\s,，、;；。.])`,
  'gi',
);

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '"': '"', '「': '」', '『': '』', '‘': '’' };

/**
 * [start, end] index pairs (inclusive) of closed quotations, in order. Linear: once a closing mark is not found
 * ahead, no later opening of its kind is looked up again (40,000 unmatched “ used to mean 40,000 scans to the end).
 */
function quotedRanges(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const neverCloses = new Set<string>();
  for (let i = 0; i < s.length; i++) {
    const close = QUOTE_PAIRS[s[i]!];
    if (!close || neverCloses.has(close)) continue;
    const j = s.indexOf(close, i + 1);
    if (j < 0) {
      neverCloses.add(close);
      continue;
    }
    out.push([i, j]);
    i = j;
  }
  return out;
}

/** Whether index i falls in one of the sorted, disjoint ranges (binary search). */
function inRanges(ranges: Array<[number, number]>, i: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (i < a) hi = mid - 1;
    else if (i > b) lo = mid + 1;
    else return true;
  }
  return false;
}

type Marker = { index: number; end: number } & ({ type: 'key'; field: Field } | { type: 'flag'; flag: Flag });

function findMarkers(s: string): Marker[] {
  const quoted = quotedRanges(s);
  const inQuote = (i: number) => inRanges(quoted, i);
  const markers: Marker[] = [];
  for (const m of s.matchAll(KEY_RE)) {
    if (inQuote(m.index)) continue;
    markers.push({ type: 'key', field: KEY_ALIASES[m[1]!.toLowerCase()]!, index: m.index, end: m.index + m[0].length });
  }
  for (const m of s.matchAll(FLAG_RE)) {
    if (inQuote(m.index)) continue;
    markers.push({ type: 'flag', flag: FLAG_ALIASES[m[1]!.toLowerCase()]!, index: m.index, end: m.index + m[0].length });
  }
  markers.sort((a, b) => a.index - b.index);
  // Drop anything overlapping an earlier marker (defensive; keys and flags share no words).
  return markers.filter((m, i) => i === 0 || m.index >= markers[i - 1]!.end);
}

const EDGE_SEP = new Set([',', '，', '、', ';', '；', '。', ' ']);

/**
 * Drops separators at both ends. A loop rather than /[…]+$/: that regex retries every run of separators inside the
 * text, which is quadratic on a long one.
 */
function trimSeparators(v: string): string {
  let a = 0;
  let b = v.length;
  while (a < b && EDGE_SEP.has(v[a]!)) a++;
  while (b > a && EDGE_SEP.has(v[b - 1]!)) b--;
  return v.slice(a, b);
}

function cleanValue(raw: string): string {
  const v = trimSeparators(squeeze(raw));
  const close = QUOTE_PAIRS[v[0] ?? ''];
  if (close && v.length >= 2 && v.endsWith(close) && v.indexOf(close, 1) === v.length - 1) return v.slice(1, -1).trim();
  return v;
}

const shorten = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

function parseNewQuick(args: string): ParsedCommand {
  const markers = findMarkers(args);
  const values: Partial<Record<Field, string>> = {};
  const flags: Record<Flag, boolean> = { important: false, flagged: false, confidential: false };
  const problems: string[] = [];
  const strays: string[] = [];
  let title = '';
  let seenKey = false;

  const head = cleanValue(args.slice(0, markers[0]?.index ?? args.length));
  if (head) title = head;

  markers.forEach((m, i) => {
    const text = args.slice(m.end, markers[i + 1]?.index ?? args.length);
    if (m.type === 'flag') {
      flags[m.flag] = true;
      const free = cleanValue(text);
      if (!free) return;
      if (!title && !seenKey) title = free; // flags written before the title
      else strays.push(free);
      return;
    }
    seenKey = true;
    const label = FIELD_LABEL[m.field];
    if (values[m.field] !== undefined) {
      if (!problems.includes(`“${label}”填写了两次`)) problems.push(`“${label}”填写了两次`);
      return;
    }
    const value = cleanValue(text);
    values[m.field] = value;
    if (!value) problems.push(`“${label}:”后面没有填写内容`);
  });

  for (const s of strays) {
    problems.push(
      `无法识别“${shorten(s)}”（“重要”“挂牌”“涉密”单独出现时视为标记；标题中有这些字时请给标题加引号）`,
    );
  }
  if (!title) problems.push('缺少事项标题（标题写在“新建”之后、各项之前）');
  if (values.lead === undefined) problems.push('缺少主办单位（主办:单位名）');
  if (values.due === undefined) problems.push('缺少截止日期（截止:日期）');
  const cycle = values.cycle === undefined ? 'none' : CYCLE_WORDS[values.cycle.toLowerCase()];
  if (cycle === undefined) problems.push(`无法识别报送周期“${shorten(values.cycle!)}”（可写 每周、每两周、每月）`);

  const coop = (values.coop ?? '').split(/[,，、;；\s]+/).filter(Boolean);
  if (problems.length) {
    return error(`新建督办事项有误：${problems.join('；')}。\n格式：${USAGE.new}\n例如：${NEW_EXAMPLE}`);
  }
  return {
    kind: 'new_quick',
    title,
    lead: values.lead!,
    coop,
    deadline: values.due!,
    leader: values.leader ?? null,
    source: values.source ?? null,
    cycle: cycle ?? 'none',
    ...flags,
  };
}

// ───────────────────────────── the parser ─────────────────────────────

export interface ParseOptions {
  /** Whether the sender may register items: if not, 新建's arguments are not parsed at all. */
  mayRegister?: boolean;
}

export function parseCommand(text: string, opts: ParseOptions = {}): ParsedCommand {
  const t = stripMentions(text);
  let rest: string;
  let bare = false;
  const slash = SLASH_PREFIX_RE.exec(t);
  if (slash) {
    rest = t.slice(slash[0].length).trim();
  } else {
    const b = BARE_PREFIX_RE.exec(t);
    if (!b) return { kind: 'not_command' };
    rest = t.slice(b[0].length);
    bare = true;
  }
  if (!rest) return { kind: 'help' };

  const matched = matchSub(rest);
  if (bare && (!matched || /^\S/.test(matched.after))) return { kind: 'not_command' };
  if (!matched) {
    const asRef = takeRef(rest);
    if (asRef && parseItemNumber(asRef.ref)) return { kind: 'view', ref: asRef.ref };
    const word = /^\S+/.exec(rest)![0];
    return error(`未知指令“${shorten(word)}”。\n${COMMAND_LIST}`);
  }

  const { sub, after } = matched;
  const args = after.trim();
  switch (sub) {
    case 'help':
      return { kind: 'help' };
    case 'new':
      if (opts.mayRegister === false) return error('只有督办人员可以立项登记');
      return args ? parseNewQuick(args) : { kind: 'new_form' };
    case 'list': {
      if (!args) return { kind: 'list', scope: 'mine' };
      const scope = LIST_SCOPES[squeeze(args).toLowerCase()];
      if (scope) return { kind: 'list', scope };
      return error(
        `列表范围“${shorten(squeeze(args))}”无法识别，可选：我的（默认）、本单位、逾期、待审核、全部。\n格式：${USAGE.list}`,
      );
    }
    case 'view': {
      const r = takeRef(args);
      if (!r) return error(`缺少编号。\n格式：${USAGE.view}\n${NUMBER_EXAMPLE}`);
      return { kind: 'view', ref: r.ref };
    }
    case 'progress': {
      const r = takeRef(args);
      if (!r) return error(`缺少编号和进展情况。\n格式：${USAGE.progress}\n${NUMBER_EXAMPLE}`);
      const body = cleanText(r.rest);
      if (!body) {
        return error(
          `缺少进展情况：请在编号后写明进展（已写的“${shorten(r.ref)}”被当作编号）。\n格式：${USAGE.progress}\n${NUMBER_EXAMPLE}`,
        );
      }
      return { kind: 'progress', ref: r.ref, text: body };
    }
    case 'urge': {
      const r = takeRef(args);
      if (!r) return error(`缺少编号。\n格式：${USAGE.urge}\n${NUMBER_EXAMPLE}`);
      return { kind: 'urge', ref: r.ref, note: cleanText(r.rest) || null };
    }
    case 'bind': {
      const unit = squeeze(cleanText(args));
      if (!unit) return error(`缺少单位名称。\n格式：${USAGE.bind}，例如 /督办 绑定 教务处`);
      return { kind: 'bind', unit };
    }
  }
}
