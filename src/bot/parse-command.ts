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
 * 列表: `[范围] [条件…]` in any order, separated by whitespace (bare words also by , ， 、). Scope (one):
 *   我的/mine/my (default), 本单位/单位/unit, 逾期/overdue, 待审核/审核/review, 全部/所有/all. Conditions (all must
 *   hold): lights 红/红灯/red, 黄/黄灯/yellow, 绿/绿灯/green (several: any of them); 状态:<状态>[,<状态>] (or a bare
 *   state word such as 办理中, 待认领, 已销号; 待审核 alone is the scope); 单位:<单位>[,<单位>] (lead or cooperating, as
 *   typed: the handler resolves it); 年份:2026 (or a bare 2026 / 2026年: the year of the number); 关键词:<词> (in
 *   the title; quotes keep spaces); 已办结 (only closed/archived) or 含已办结 (those as well). Keys take : or ：.
 *   Everything not understood is reported at once, as are contradictions (已办结 with a light, 逾期 or 待审核).
 * 查看 ignores anything after the 编号. 进展 text and 催办 note keep their line breaks; a leading : ， etc. is dropped.
 */
import type { Kind, Mode, ProgressCycle } from '../domain/item';
import { parseItemNumber } from '../domain/item-number';
import { type ListFilterText, type ListScope, parseList } from './parse-list';
import { BULLETIN_USAGE, type BulletinCommand, parseBulletin } from './parse-bulletin';
import { ARCHIVE_USAGE, type ArchiveCommand, parseArchive } from './parse-archive';
import { STATS_USAGE, type StatsCommand, parseStats } from './parse-stats';
import { ESCALATION_USAGE, type EscalationCommand, parseEscalation } from './parse-escalation';
import { EXPORT_USAGE, type ExportCommand, TEMPLATE_USAGE, parseExport } from './parse-export';
import { CYCLE_WORDS, type Fields, KIND_WORDS, MODE_WORDS, YES_NO, parseFields, pickWord, shorten } from './parse-fields';

export type { ListFilterText } from './parse-list';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'new_form' }
  | ({
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
    } & Pick<ItemFields, 'requirements' | 'measures' | 'responsible' | 'mode' | 'itemKind' | 'stages'>)
  | { kind: 'edit'; ref: string; changes: ItemFields; reason: string }
  | { kind: 'cancel'; ref: string; reason: string }
  | { kind: 'merge'; ref: string; into: string }
  | { kind: 'list'; scope: ListScope; filters: ListFilterText }
  | { kind: 'view'; ref: string }
  | { kind: 'progress'; ref: string; text: string }
  | { kind: 'urge'; ref: string; note: string | null }
  | { kind: 'bind'; unit: string; confirm: boolean }
  | BulletinCommand
  | ArchiveCommand
  | StatsCommand
  | ExportCommand
  | EscalationCommand
  /** Text that is not addressed to /督办 at all. */
  | { kind: 'not_command' }
  /** A /督办 command that is wrong: message says what, in plain Chinese. */
  | { kind: 'error'; message: string };

type Sub = 'help' | 'new' | 'edit' | 'cancel' | 'merge' | 'list' | 'view' | 'progress' | 'urge' | 'bind' | 'bulletin' | 'stats' | 'archive' | 'export' | 'import_template' | 'interview' | 'referral';

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
  new: '/督办 新建 <标题> 主办:<单位> 截止:<日期> [协办:<单位>,<单位>] [分管:<姓名>] [来源:<来源>] [要求:…] [措施:…] [责任人:…] [方式:日常|会议|现场|联合] [类型:台账|专项] [阶段:<名称> <日期>;…] [周期:每周|每两周|每月] [重要] [挂牌] [涉密]',
  edit: '/督办 修改 <编号> [标题:…] [要求:…] [措施:…] [责任人:…] [分管:…] [主办:…] [协办:…] [截止:…] [周期:…] [方式:…] [类型:…] [阶段:…] [重要:是|否] [挂牌:是|否] 理由:<为何修改>',
  cancel: '/督办 撤销 <编号> <理由>',
  merge: '/督办 合并 <编号> 到 <编号>',
  list: '/督办 列表 [我的|本单位|逾期|待审核|全部] [红|黄|绿] [状态:<状态>] [单位:<单位>] [年份:<年份>] [关键词:<词>] [已办结|含已办结]',
  view: '/督办 查看 <编号>',
  progress: '/督办 进展 <编号> <进展情况>',
  urge: '/督办 催办 <编号> [说明]',
  bind: '/督办 绑定 <单位名> [确认]',
  bulletin: BULLETIN_USAGE,
  archive: ARCHIVE_USAGE,
  stats: STATS_USAGE,
  export: EXPORT_USAGE,
  import_template: TEMPLATE_USAGE,
  interview: ESCALATION_USAGE.interview,
  referral: ESCALATION_USAGE.referral,
};
const NEW_EXAMPLE =
  '/督办 新建 完成本科教学审核评估自评报告 主办:教务处 协办:学生处,人事处 截止:2026-06-30 分管:张三 来源:校长办公会 重要';
const EDIT_EXAMPLE = '/督办 修改 2026-17 截止:2027-01-15 理由:校长办公会同意调整完成时限';
// No full example number: one that happened to be a confidential item's would send every help card away from groups.
const NUMBER_EXAMPLE = '编号如 督办〔年份〕序号号，也可简写为 2026-17';
const COMMAND_LIST = [
  '可用指令：',
  '/督办 新建（不带参数则打开登记表单）',
  USAGE.new,
  USAGE.edit,
  USAGE.cancel,
  USAGE.merge,
  USAGE.list,
  USAGE.view,
  USAGE.progress,
  USAGE.urge,
  USAGE.bind,
  USAGE.bulletin,
  USAGE.archive,
  USAGE.stats,
  USAGE.export,
  USAGE.import_template,
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
    ['修改', 'edit'],
    ['编辑', 'edit'],
    ['edit', 'edit'],
    ['撤销', 'cancel'],
    ['cancel', 'cancel'],
    ['合并', 'merge'],
    ['merge', 'merge'],
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
    ['通报', 'bulletin'],
    ['bulletin', 'bulletin'],
    ['归档', 'archive'],
    ['archive', 'archive'],
    ['统计', 'stats'],
    ['stats', 'stats'],
    ['导出', 'export'],
    ['export', 'export'],
    ['约谈', 'interview'],
    ['interview', 'interview'],
    ['问责', 'referral'],
    ['移交问责', 'referral'],
    ['导入模板', 'import_template'],
    ['模板', 'import_template'],
    ['template', 'import_template'],
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

/** Fields 新建 and 修改 share: the text of each as typed (units, people and dates are resolved by the handler). */
export interface ItemFields {
  title?: string;
  lead?: string;
  coop?: string[];
  deadline?: string;
  leader?: string;
  source?: string;
  cycle?: ProgressCycle;
  requirements?: string;
  measures?: string;
  responsible?: string;
  mode?: Mode;
  /** 台账任务 or 专项督办通知 (not `kind`: that names the parsed command). */
  itemKind?: Kind;
  /** 阶段 as typed: `初稿 2026-12-01；定稿 2027-01-15`, split into name and date text. */
  stages?: Array<{ name: string; date: string }>;
  important?: boolean;
  flagged?: boolean;
}

/** `初稿 2026-12-01；定稿 2027-01-15` → [{初稿, 2026-12-01}, …]; each stage needs a name and a date. */
function parseStages(text: string, problems: string[]): Array<{ name: string; date: string }> {
  const out: Array<{ name: string; date: string }> = [];
  for (const part of text.split(/[;；,，、\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.*?)\s*[:：]?\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)$/.exec(part);
    if (!m || !m[1]!.trim()) problems.push(`阶段“${shorten(part)}”应写作 阶段名 日期，如 初稿 2026-12-01`);
    else out.push({ name: m[1]!.trim(), date: m[2]!.replace(/\s+/g, '') });
  }
  if (out.length > 20) problems.push('阶段最多 20 个');
  return out;
}

/** The values of the shared fields, checked for form; what is wrong goes to `problems`. */
function itemFields(f: Fields, problems: string[]): ItemFields {
  const v = f.values;
  const out: ItemFields = {};
  if (v.title !== undefined) out.title = v.title;
  if (v.lead !== undefined) out.lead = v.lead;
  if (v.coop !== undefined) out.coop = v.coop.split(/[,，、;；\s]+/).filter(Boolean);
  if (v.due !== undefined) out.deadline = v.due;
  if (v.leader !== undefined) out.leader = v.leader;
  if (v.source !== undefined) out.source = v.source;
  if (v.requirements !== undefined) out.requirements = v.requirements;
  if (v.measures !== undefined) out.measures = v.measures;
  if (v.responsible !== undefined) out.responsible = v.responsible;
  const cycle = pickWord(CYCLE_WORDS, v.cycle, '报送周期', problems);
  if (cycle !== undefined) out.cycle = cycle;
  const mode = pickWord(MODE_WORDS, v.mode, '督办方式', problems);
  if (mode !== undefined) out.mode = mode;
  const kind = pickWord(KIND_WORDS, v.kind, '事项类型', problems);
  if (kind !== undefined) out.itemKind = kind;
  if (v.stages !== undefined) out.stages = parseStages(v.stages, problems);
  const important = pickWord(YES_NO, v.important, '“重要:”的取值', problems);
  if (important !== undefined || f.flags.important) out.important = important ?? true;
  const flagged = pickWord(YES_NO, v.flagged, '“挂牌:”的取值', problems);
  if (flagged !== undefined || f.flags.flagged) out.flagged = flagged ?? true;
  return out;
}

function parseNewQuick(args: string): ParsedCommand {
  const f = parseFields(args);
  const problems = [...f.problems];
  if (f.head && f.values.title !== undefined) problems.push('标题写在“新建”之后或“标题:”中，只写一处');
  const title = f.values.title ?? f.head;
  if (f.values.reason !== undefined) problems.push('新建不需要“理由:”');
  const fields = itemFields(f, problems);
  if (!title) problems.push('缺少事项标题（标题写在“新建”之后、各项之前）');
  if (fields.lead === undefined) problems.push('缺少主办单位（主办:单位名）');
  if (fields.deadline === undefined) problems.push('缺少截止日期（截止:日期）');
  if (problems.length) {
    return error(`新建督办事项有误：${problems.join('；')}。\n格式：${USAGE.new}\n例如：${NEW_EXAMPLE}`);
  }
  return {
    kind: 'new_quick',
    ...fields,
    title,
    lead: fields.lead!,
    coop: fields.coop ?? [],
    deadline: fields.deadline!,
    leader: fields.leader ?? null,
    source: fields.source ?? null,
    cycle: fields.cycle ?? 'none',
    important: fields.important ?? false,
    flagged: fields.flagged ?? false,
    confidential: f.flags.confidential,
  };
}

/** `修改 <编号> 键:值 … 理由:…`: only the keys given change; a reason is required. */
function parseEdit(args: string): ParsedCommand {
  const r = takeRef(args);
  if (!r) return error(`缺少编号。\n格式：${USAGE.edit}\n${NUMBER_EXAMPLE}`);
  const f = parseFields(r.rest);
  const problems = [...f.problems];
  if (f.head) problems.push(`无法识别“${shorten(f.head)}”：请写成 键:值，如 截止:2027-01-15`);
  if (f.flags.confidential) problems.push('涉密标记不能通过修改更改，请联系督查室负责人');
  const changes = itemFields(f, problems);
  const reason = f.values.reason;
  if (!reason) problems.push('请写明修改理由（理由:…）');
  if (Object.keys(changes).length === 0 && !problems.length) problems.push('没有要修改的内容');
  if (problems.length) return error(`修改督办事项有误：${problems.join('；')}。\n格式：${USAGE.edit}\n例如：${EDIT_EXAMPLE}`);
  return { kind: 'edit', ref: r.ref, changes, reason: reason! };
}

/** `合并 <编号> 到 <编号>`: the first item is merged into the second. */
function parseMerge(args: string): ParsedCommand {
  const m = /^(.+?)\s*(?:到|并入|合并到|->|→|into)\s*(.+)$/i.exec(args.trim());
  const from = m ? takeRef(m[1]!) : null;
  const into = m ? takeRef(m[2]!) : null;
  if (!from || !into || cleanText(from.rest) || cleanText(into.rest)) return error(`合并的写法：${USAGE.merge}\n${NUMBER_EXAMPLE}`);
  return { kind: 'merge', ref: from.ref, into: into.ref };
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
    case 'edit':
      if (opts.mayRegister === false) return error('只有督办人员可以修改事项');
      return parseEdit(args);
    case 'cancel': {
      if (opts.mayRegister === false) return error('只有督办人员可以撤销事项');
      const r = takeRef(args);
      if (!r) return error(`缺少编号。\n格式：${USAGE.cancel}\n${NUMBER_EXAMPLE}`);
      const reason = cleanText(r.rest);
      if (!reason) return error(`请写明撤销理由。\n格式：${USAGE.cancel}`);
      return { kind: 'cancel', ref: r.ref, reason };
    }
    case 'merge':
      if (opts.mayRegister === false) return error('只有督办人员可以合并事项');
      return parseMerge(args);
    case 'list':
      return parseList(args);
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
      const words = squeeze(cleanText(args));
      // A trailing 确认 moves a chat that another unit holds (the bot asks for it, naming that unit).
      const confirm = /\s确认$/.test(words);
      const unit = confirm ? words.slice(0, -2).trim() : words;
      if (!unit) return error(`缺少单位名称。\n格式：${USAGE.bind}，例如 /督办 绑定 教务处`);
      return { kind: 'bind', unit, confirm };
    }
    case 'bulletin':
      return parseBulletin(args);
    case 'archive':
      if (opts.mayRegister === false) return error('只有督办人员可以归档');
      return parseArchive(args);
    case 'stats':
      return parseStats(args);
    case 'export':
      return parseExport(args);
    case 'import_template':
      if (opts.mayRegister === false) return error('只有督办人员可以批量登记事项');
      return { kind: 'import_template' };
    case 'interview':
    case 'referral':
      return parseEscalation(sub, args, takeRef);
  }
}
