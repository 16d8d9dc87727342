/**
 * Reading a YAML document field by field while collecting every problem, for files people write by hand (the
 * organisation file, src/org/parse-org.ts): the checker, the YAML syntax errors in plain Chinese, "did you mean"
 * for unknown keys. Knows nothing of what the file means.
 */
import { isAlias, isScalar, isSeq } from 'yaml';
import type { Alias, Document, LineCounter, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';

export interface OrgProblem {
  /** 1-based line of the offending node; null when there is no node to point at (e.g. an empty file). */
  line: number | null;
  /** Field path such as `units[2].head`; '' for the file as a whole. */
  path: string;
  /** Plain Chinese message. */
  message: string;
}

/** The YAML parser's error codes, in plain Chinese. */
export const SYNTAX_MESSAGES: Partial<Record<string, string>> = {
  BAD_INDENT: '缩进不正确',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  DUPLICATE_KEY: '同一层级出现了重复的字段名',
  MISSING_CHAR: '缺少必要的符号（引号、括号、冒号或列表项前的 "- "），也可能是缩进不正确',
  MULTIPLE_DOCS: '文件只能包含一个文档（请删除多余的 "---"）',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行，可能是缺少冒号或缩进不正确',
  BLOCK_AS_IMPLICIT_KEY: '字段写法不正确，可能是缺少冒号或缩进不正确',
  UNEXPECTED_TOKEN: '出现了无法识别的内容',
  BAD_SCALAR_START: '取值不能以该字符开头，请给取值加上引号',
  BAD_DQ_ESCAPE: '双引号内的转义字符不正确',
  BAD_ALIAS: '锚点引用（*）写法不正确',
  NON_STRING_KEY: '字段名必须是文本',
};

/** Edit distance, for "did you mean" hints on unknown keys. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known key nearest `key` (at most two edits away), for "did you mean". */
export function suggest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== null && bestD <= 2 ? best : null;
}

export type Field = { pair: Pair; key: string; value: YamlNode | null };

/**
 * Collects problems as it reads a YAML document: each with the node's 1-based line and field path, sorted into
 * reading order at the end; follows aliases, reports unknown keys (with a "did you mean"), and reads the usual
 * shapes of value (required text, optional text, a list of texts, a top-level list).
 */
export class Checker {
  readonly problems: OrgProblem[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  lineOf(node: YamlNode | Pair | null | undefined): number | null {
    const range = node && 'range' in node ? node.range : undefined;
    if (!range) return null;
    const line = this.lc.linePos(range[0]).line;
    return line > 0 ? line : 1;
  }

  /** Source offset of each problem, parallel to `problems`, to sort them into reading order. */
  readonly offsets: number[] = [];

  report(node: YamlNode | Pair | null | undefined, path: string, message: string): void {
    const range = node && 'range' in node ? node.range : undefined;
    this.problems.push({ line: this.lineOf(node), path, message });
    this.offsets.push(range ? range[0] : Infinity);
  }

  /** Problems in the order they appear in the file (those without a position last). */
  sorted(): OrgProblem[] {
    return this.problems
      .map((p, i) => ({ p, i, at: this.offsets[i] ?? Infinity }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map(({ p }) => p);
  }

  /** Follows `*alias` references; reports an alias to an unknown anchor and returns null. */
  deref(node: unknown, path: string): YamlNode | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = (node as Alias).resolve(this.doc);
      if (!target) {
        this.report(node as Alias, path, `引用了未定义的锚点 *${(node as Alias).source}`);
        return null;
      }
      return target as YamlNode;
    }
    return node as YamlNode;
  }

  /** Fields of a mapping, reporting keys that are not text, unknown keys, with a hint for typos. */
  fields(map: YAMLMap, path: string, known: readonly string[], what: string): Map<string, Field> {
    const out = new Map<string, Field>();
    for (const pair of map.items) {
      const keyNode = this.deref(pair.key, path);
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      if (typeof key !== 'string') {
        this.report(keyNode ?? map, path, '字段名必须是文本');
        continue;
      }
      const fieldPath = path === '' ? key : `${path}.${key}`;
      if (!known.includes(key)) {
        const hint = suggest(key, known);
        this.report(
          keyNode,
          fieldPath,
          `未知字段 "${key}"${hint ? `，是否应为 "${hint}"？` : ''}（${what}可用字段：${known.join('、')}）`,
        );
        continue;
      }
      // Duplicate keys are already reported by the YAML parser (DUPLICATE_KEY); keep the first one.
      if (!out.has(key)) out.set(key, { pair, key, value: this.deref(pair.value, fieldPath) });
    }
    return out;
  }

  /** A required non-empty text value. Returns the trimmed text or null (after reporting). */
  requiredText(map: YAMLMap, f: Field | undefined, path: string, label: string): string | null {
    if (!f) {
      this.report(map, path, `缺少${label}`);
      return null;
    }
    return this.text(f, path, label, true);
  }

  /** A text value. An absent value (`head:`) is null, and a problem only if `required`; `""` is always a problem. */
  text(f: Field, path: string, label: string, required: boolean): string | null {
    const node = f.value;
    const v = isScalar(node) ? node.value : undefined;
    if (node === null || v === null) {
      if (required) this.report(node ?? f.pair, path, `${label}不能为空`);
      return null;
    }
    if (typeof v !== 'string') {
      const hint = isScalar(node) ? '（如果是数字或 true/false 之类，请加引号）' : '';
      this.report(node, path, `${label}必须是文本${hint}`);
      return null;
    }
    if (v.trim() === '') {
      this.report(node, path, `${label}不能为空${required ? '' : '；如果没有，请删除这一行'}`);
      return null;
    }
    return v.trim();
  }

  /** A list of texts; missing or `null` → []. Reports non-list values and non-text items. */
  textList(f: Field | undefined, path: string, label: string): { value: string; node: YamlNode; path: string }[] {
    if (!f || f.value === null || (isScalar(f.value) && f.value.value === null)) return [];
    if (!isSeq(f.value)) {
      this.report(f.value, path, `${label}必须是列表，例如 [a, b]；只有一项也要写成 [a]`);
      return [];
    }
    const out: { value: string; node: YamlNode; path: string }[] = [];
    f.value.items.forEach((raw, i) => {
      const itemPath = `${path}[${i}]`;
      const node = this.deref(raw, itemPath);
      const v = isScalar(node) ? node.value : undefined;
      if (typeof v !== 'string' || v.trim() === '') {
        this.report(node ?? f.value, itemPath, `${label}中的每一项都必须是非空文本`);
        return;
      }
      out.push({ value: v.trim(), node: node!, path: itemPath });
    });
    return out;
  }

  /** A top-level list; missing or `null` → [] (either list may be empty). */
  topList(f: Field | undefined, key: string, label: string): YAMLSeq | null {
    if (!f || f.value === null || (isScalar(f.value) && f.value.value === null)) return null;
    if (!isSeq(f.value)) {
      this.report(f.value, key, `${key} 必须是列表（每个${label}以 "- " 开头）`);
      return null;
    }
    return f.value;
  }
}
