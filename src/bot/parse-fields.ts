/**
 * The `键:值` part of chat commands (新建, 修改): keys, flags and quotes. Pure and linear in the text.
 *
 * - Keys (any order, `:` or `：`, spaces allowed before the colon), e.g. 主办/主办单位/责任单位/牵头单位/lead,
 *   协办/配合/coop, 截止/完成时限/due, 分管/leader, 来源/source, 周期/cycle, 标题/名称, 要求/工作要求, 措施/工作措施,
 *   责任人, 方式/督办方式, 类型/事项类型, 阶段, 重要/挂牌 (with 是/否), 理由/原因. Chinese keys are recognised even
 *   glued to the preceding text; English ones need a non-letter before.
 * - Flags, recognised only standing alone (between whitespace or , ， 、 ; ；, optionally in [] 【】 () （）):
 *   重要/important, 挂牌/挂牌督办/flagged, 涉密/confidential. Repeating a flag is harmless.
 * - The head is the text before the first key; flags may come before it. Text inside quotes (“…” "…" 「…」 『…』 ‘…’)
 *   is never read as a key or flag; a value wholly in quotes loses them. A value runs to the next key or flag;
 *   whitespace in it collapses to one space, separators (, ， 、 ; ； 。) at its ends are dropped.
 */
import type { Kind, Mode, ProgressCycle } from '../domain/item';

const squeezeWs = (s: string) => s.replace(/\s+/g, ' ').trim();

export type Field =
  | 'title'
  | 'lead'
  | 'coop'
  | 'due'
  | 'leader'
  | 'source'
  | 'cycle'
  | 'requirements'
  | 'measures'
  | 'responsible'
  | 'mode'
  | 'kind'
  | 'stages'
  | 'important'
  | 'flagged'
  | 'reason';
export type Flag = 'important' | 'flagged' | 'confidential';

export const FIELD_LABEL: Record<Field, string> = {
  title: '标题',
  lead: '主办',
  coop: '协办',
  due: '截止',
  leader: '分管',
  source: '来源',
  cycle: '周期',
  requirements: '要求',
  measures: '措施',
  responsible: '责任人',
  mode: '方式',
  kind: '类型',
  stages: '阶段',
  important: '重要',
  flagged: '挂牌',
  reason: '理由',
};

const KEY_ALIASES: Record<string, Field> = {
  标题: 'title',
  事项名称: 'title',
  名称: 'title',
  title: 'title',
  要求: 'requirements',
  工作要求: 'requirements',
  事项内容: 'requirements',
  措施: 'measures',
  工作措施: 'measures',
  责任人: 'responsible',
  方式: 'mode',
  督办方式: 'mode',
  类型: 'kind',
  事项类型: 'kind',
  阶段: 'stages',
  重要: 'important',
  挂牌: 'flagged',
  挂牌督办: 'flagged',
  理由: 'reason',
  原因: 'reason',
  修改理由: 'reason',
  reason: 'reason',
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
export const CYCLE_WORDS: Record<string, ProgressCycle> = {
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

export const QUOTE_PAIRS: Record<string, string> = { '“': '”', '"': '"', '「': '」', '『': '』', '‘': '’' };

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

export function cleanValue(raw: string): string {
  const v = trimSeparators(squeezeWs(raw));
  const close = QUOTE_PAIRS[v[0] ?? ''];
  if (close && v.length >= 2 && v.endsWith(close) && v.indexOf(close, 1) === v.length - 1) return v.slice(1, -1).trim();
  return v;
}

export const shorten = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);


/** 督办方式 as people write it. */
export const MODE_WORDS: Record<string, Mode> = {
  日常: 'routine',
  常规: 'routine',
  日常督办: 'routine',
  会议: 'meeting',
  协调: 'meeting',
  会议督办: 'meeting',
  现场: 'site',
  调研: 'site',
  现场督办: 'site',
  联合: 'joint',
  联合督办: 'joint',
};

/** 事项类型 as people write it. */
export const KIND_WORDS: Record<string, Kind> = {
  台账: 'ledger',
  台账任务: 'ledger',
  专项: 'notice',
  专项督办: 'notice',
  专项督办通知: 'notice',
  通知: 'notice',
};

export const YES_NO: Record<string, boolean> = { 是: true, 否: false, yes: true, no: false, 取消: false };

/** What the key:value part says: the head (title), each key's value as typed, the flags, and what was wrong. */
export interface Fields {
  head: string;
  values: Partial<Record<Field, string>>;
  flags: Record<Flag, boolean>;
  problems: string[];
}

/** Splits `args` into head, keys and flags. A key given twice, a key with no value, and stray text are problems. */
export function parseFields(args: string): Fields {
  const markers = findMarkers(args);
  const values: Partial<Record<Field, string>> = {};
  const flags: Record<Flag, boolean> = { important: false, flagged: false, confidential: false };
  const problems: string[] = [];
  const strays: string[] = [];
  let head = cleanValue(args.slice(0, markers[0]?.index ?? args.length));
  let seenKey = false;

  markers.forEach((m, i) => {
    const text = args.slice(m.end, markers[i + 1]?.index ?? args.length);
    if (m.type === 'flag') {
      flags[m.flag] = true;
      const free = cleanValue(text);
      if (!free) return;
      if (!head && !seenKey) head = free; // flags written before the title
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
    problems.push(`无法识别“${shorten(s)}”（“重要”“挂牌”“涉密”单独出现时视为标记；标题中有这些字时请给标题加引号）`);
  }
  return { head, values, flags, problems };
}

/** A word from a table (周期, 方式, 类型, 是/否), or a problem naming the choices. */
export function pickWord<T>(table: Record<string, T>, value: string | undefined, label: string, problems: string[]): T | undefined {
  if (value === undefined) return undefined;
  const hit = table[value.toLowerCase()];
  if (hit === undefined) problems.push(`无法识别${label}“${shorten(value)}”（可写 ${[...new Set(Object.keys(table).filter((k) => /[\u4e00-\u9fff]/.test(k)))].join('、')}）`);
  return hit;
}
