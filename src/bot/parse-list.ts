/**
 * The 列表 part of chat commands: a scope (我的 | 本单位 | 逾期 | 待审核 | 全部) and filters (a light, a state, a unit,
 * the year, a keyword in the title, closed items), in any order. Pure, like the rest of the parser.
 */
import { parseArchiveCategory } from '../domain/archive';
import { SOURCE_LABELS, type ItemState, type SourceCategory } from '../domain/item';
import { shorten } from './parse-fields';

export type ListScope = 'mine' | 'unit' | 'overdue' | 'review' | 'all';

type ListAnswer = { kind: 'list'; scope: ListScope; filters: ListFilterText } | { kind: 'error'; message: string };

const error = (message: string): ListAnswer => ({ kind: 'error', message });
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

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


/** `/督办 列表` conditions as typed; units by name (the handler resolves them, and says which it does not know). */
export interface ListFilterText {
  states?: ItemState[];
  units?: string[];
  lights?: Array<'red' | 'yellow' | 'green'>;
  year?: number;
  keyword?: string;
  /** 已办结: only closed and archived items; 含已办结: those as well. */
  closed?: 'only' | 'include';
  /** 归档:2026 — only items filed under that year (archived). */
  archiveYear?: number;
  /** 类别:<来源类别> — only items filed under that category (archived). */
  archiveCategory?: SourceCategory;
}

const LIST_LIGHTS: Record<string, 'red' | 'yellow' | 'green'> = {
  红: 'red',
  红灯: 'red',
  red: 'red',
  黄: 'yellow',
  黄灯: 'yellow',
  yellow: 'yellow',
  绿: 'green',
  绿灯: 'green',
  green: 'green',
};
const LIST_CLOSED: Record<string, 'only' | 'include'> = {
  已办结: 'only',
  办结: 'only',
  closed: 'only',
  含已办结: 'include',
  包括已办结: 'include',
  包含已办结: 'include',
  含办结: 'include',
  'with-closed': 'include',
};
/** State words after 状态:, as the cards name the states; 已办结 stands for closed and archived. */
const LIST_STATE_WORDS: Record<string, ItemState[]> = {
  已登记: ['registered'],
  登记: ['registered'],
  待认领: ['assigned'],
  未认领: ['assigned'],
  办理中: ['in_progress'],
  在办: ['in_progress'],
  待审核: ['under_review'],
  审核中: ['under_review'],
  已销号: ['closed'],
  销号: ['closed'],
  已归档: ['archived'],
  归档: ['archived'],
  已撤销: ['cancelled'],
  撤销: ['cancelled'],
  已合并: ['merged'],
  合并: ['merged'],
  已办结: ['closed', 'archived'],
  办结: ['closed', 'archived'],
  registered: ['registered'],
  assigned: ['assigned'],
  in_progress: ['in_progress'],
  under_review: ['under_review'],
  closed: ['closed'],
  archived: ['archived'],
  cancelled: ['cancelled'],
  merged: ['merged'],
};
/** States that may stand alone after 列表 (待审核 alone is the scope, 已办结 alone the closed ones). */
const BARE_STATES = ['已登记', '待认领', '办理中', '已销号', '已归档', '已撤销', '已合并'];
type ListKey = 'state' | 'unit' | 'year' | 'keyword' | 'archive' | 'category';
const LIST_KEYS: Record<string, ListKey> = {
  状态: 'state',
  state: 'state',
  status: 'state',
  单位: 'unit',
  部门: 'unit',
  unit: 'unit',
  年份: 'year',
  年度: 'year',
  年: 'year',
  year: 'year',
  关键词: 'keyword',
  关键字: 'keyword',
  标题: 'keyword',
  keyword: 'keyword',
  kw: 'keyword',
  归档: 'archive',
  归档年度: 'archive',
  archive: 'archive',
  类别: 'category',
  来源类别: 'category',
  category: 'category',
};
const LIST_KEY_LABEL: Record<ListKey, string> = { state: '状态', unit: '单位', year: '年份', keyword: '关键词', archive: '归档', category: '类别' };
export const LIST_KEYWORD_MAX = 30;

/** A key with its value (quoted values keep their spaces), or a bare word. */
const LIST_TOKEN_RE = /([^\s:：]+)\s*[:：]\s*(“[^”]*”|"[^"]*"|「[^」]*」|『[^』]*』|‘[^’]*’|\S*)|(\S+)/g;
const QUOTED_RE = /^(?:“([^”]*)”|"([^"]*)"|「([^」]*)」|『([^』]*)』|‘([^’]*)’)$/;
const LIST_HINT =
  '范围可选：我的（默认）、本单位、逾期、待审核、全部；条件可写：红、黄、绿，状态:办理中，单位:教务处，年份:2026，关键词:培养方案，已办结（只看已办结）或 含已办结，归档:2026 与 类别:校领导批示（已归档的事项）';
const LIST_EXAMPLE = '/督办 列表 本单位 红 关键词:培养方案';

const unquote = (v: string) => {
  const m = QUOTED_RE.exec(v);
  return m ? m.slice(1).find((x) => x !== undefined)! : v;
};
const yearOf = (v: string): number | null => {
  const m = /^(\d{4})年?$/.exec(v);
  const y = m ? Number(m[1]) : NaN;
  return y >= 2000 && y <= 2099 ? y : null;
};

/** `列表 [范围] [条件…]`: the scope and the conditions; everything not understood is reported at once. */
export function parseList(args: string): ListAnswer {
  const problems: string[] = [];
  let scope: { value: ListScope; word: string } | null = null;
  const f: ListFilterText = {};
  const seen = new Set<ListKey>();
  const closedWords: string[] = [];
  const addStates = (states: ItemState[]) => (f.states = [...new Set([...(f.states ?? []), ...states])]);
  const bare = (word: string) => {
    const lower = word.toLowerCase();
    const sc = LIST_SCOPES[lower];
    if (sc) {
      if (scope && scope.value !== sc) problems.push(`范围只能写一个（已写“${scope.word}”，又写“${word}”）`);
      else scope = { value: sc, word };
      return;
    }
    const light = LIST_LIGHTS[lower];
    if (light) {
      if (!f.lights?.includes(light)) f.lights = [...(f.lights ?? []), light];
      return;
    }
    const closed = LIST_CLOSED[lower];
    if (closed) {
      if (f.closed && f.closed !== closed) problems.push('“已办结”（只看已办结）与“含已办结”只写一个');
      f.closed = closed;
      closedWords.push(word);
      return;
    }
    if (BARE_STATES.includes(word)) return void addStates(LIST_STATE_WORDS[word]!);
    const year = yearOf(word);
    if (year !== null) {
      if (f.year !== undefined && f.year !== year) problems.push('年份只能写一个');
      f.year = year;
      return;
    }
    problems.push(`无法识别“${shorten(word)}”`);
  };

  for (const m of squeeze(args).matchAll(LIST_TOKEN_RE)) {
    if (m[3] !== undefined) {
      for (const word of m[3].split(/[,，、;；]+/).filter(Boolean)) bare(word);
      continue;
    }
    const keyText = m[1]!;
    const key = LIST_KEYS[keyText.toLowerCase()];
    const value = unquote(m[2]!).replace(/\s+/g, ' ').trim();
    if (!key) {
      problems.push(`无法识别条件“${shorten(keyText)}:”（可用：状态、单位、年份、关键词、归档、类别）`);
      continue;
    }
    const label = LIST_KEY_LABEL[key];
    if (seen.has(key)) {
      problems.push(`“${label}:”写了两次${key === 'state' || key === 'unit' ? `，多个${label}请用逗号分隔` : ''}`);
      continue;
    }
    seen.add(key);
    if (!value) {
      problems.push(`“${label}:”后缺少内容`);
      continue;
    }
    const list = value.split(/[,，、;；\s]+/).filter(Boolean);
    switch (key) {
      case 'state':
        for (const word of list) {
          const states = LIST_STATE_WORDS[word.toLowerCase()];
          if (states) addStates(states);
          else problems.push(`状态“${shorten(word)}”无法识别（可选：已登记、待认领、办理中、待审核、已销号、已归档、已撤销、已合并、已办结）`);
        }
        break;
      case 'unit':
        f.units = [...new Set(list)];
        break;
      case 'year': {
        const year = yearOf(value);
        if (year === null) problems.push(`年份“${shorten(value)}”应为四位数字，如 年份:2026`);
        else if (f.year !== undefined && f.year !== year) problems.push('年份只能写一个');
        else f.year = year;
        break;
      }
      case 'keyword':
        if (Array.from(value).length > LIST_KEYWORD_MAX) problems.push(`关键词最多 ${LIST_KEYWORD_MAX} 字`);
        else f.keyword = value;
        break;
      case 'archive': {
        const year = yearOf(value);
        if (year === null) problems.push(`归档年度“${shorten(value)}”应为四位数字，如 归档:2026`);
        else f.archiveYear = year;
        break;
      }
      case 'category': {
        const c = parseArchiveCategory(value);
        if (!c) problems.push(`类别“${shorten(value)}”无法识别（可选：${Object.values(SOURCE_LABELS).join('、')}）`);
        else f.archiveCategory = c;
        break;
      }
    }
  }

  const chosen = (scope as { value: ListScope; word: string } | null)?.value ?? 'mine';
  if (f.closed) {
    const word = closedWords[0]!;
    if (chosen === 'overdue' || chosen === 'review') problems.push(`“${chosen === 'overdue' ? '逾期' : '待审核'}”只含未办结的事项，不能与“${word}”同用`);
    if (f.lights?.length) problems.push(`已办结的事项没有红黄绿灯，“${word}”不能与红、黄、绿同用`);
    if (f.states?.length) problems.push(`已写状态，无需再写“${word}”`);
  }
  if (f.archiveYear !== undefined || f.archiveCategory) {
    const word = f.archiveYear !== undefined ? `归档:${f.archiveYear}` : '类别:';
    if (chosen === 'overdue' || chosen === 'review') problems.push(`“${chosen === 'overdue' ? '逾期' : '待审核'}”只含未办结的事项，不能与“${word}”同用`);
    if (f.lights?.length) problems.push(`已归档的事项没有红黄绿灯，“${word}”不能与红、黄、绿同用`);
    if (f.states?.some((x) => x !== 'archived')) problems.push(`“${word}”只查已归档的事项，不能再写其他状态`);
  }
  if (problems.length) return error(`列表条件有误：${problems.join('；')}。\n${LIST_HINT}。\n例如：${LIST_EXAMPLE}`);
  return { kind: 'list', scope: chosen, filters: f };
}
