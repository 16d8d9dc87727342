/**
 * The one card renderer: fills a card template (JSON under `cards/`) with a view object.
 *
 * Placeholder syntax, kept deliberately tiny:
 *
 * - `"{{path}}"` — a string that is exactly one placeholder is replaced by the value itself, keeping its type
 *   (number, boolean, object, array). `path` is a dotted name: `title`, `row.unit`.
 * - `"text {{path}} text"` — a placeholder inside longer text interpolates a string or number.
 * - Inside the `content` of a `markdown` (or `lark_md`) element every interpolated string is escaped with
 *   {@link escapeMarkdown}, so user text cannot add formatting, tags or `<at>` mentions. There is no way to
 *   insert raw markup from the view: markup belongs in the template.
 * - `{"$each": "rows", "$as": "row", "$template": {...}}` as an array element expands to one copy of
 *   `$template` per item of `rows`, with the item bound to `row`. A `$template` that is an array contributes all
 *   its elements per item. Copies are flattened into the parent array.
 * - `{"$if": "flag", ...rest}` keeps the element (or object property) only when `flag` is truthy; `"!flag"`
 *   negates. Falsy: false, null, '', 0 and empty arrays. `{"$if": "flag", "$value": X}` stands for X itself
 *   (e.g. an array-valued property that should be left out entirely).
 *
 * A placeholder or condition that names nothing in the view throws, so a typo never renders as an empty field.
 * Inserted values are never scanned for placeholders again.
 *
 * A template is compiled on its first use into a tree of small functions, one per node, and kept with the template
 * object (templates are data and never change once used): each card then costs only the building of its objects,
 * not a walk that re-reads the template's keys, regexes and paths. A malformed directive compiles to a step that
 * throws when it is reached, so errors come in the same order, with the same messages, as a walk would raise them.
 */

export type View = Readonly<Record<string, unknown>>;

const WHOLE = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;
const INLINE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;
const DIRECTIVES = new Set(['$each', '$as', '$template', '$if', '$value']);

// Characters Feishu's card markdown gives meaning to, as the numeric entities its documentation prescribes.
// `<` and `>` stop tags such as <at id=all></at>, <font>, <link>; the rest stop emphasis, links, code, tables and
// headings. Control characters are dropped: they are never meant and bloat JSON as \u00XX escapes.
const MD_ESCAPES: Record<string, string> = {
  '<': '&#60;',
  '>': '&#62;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&sim;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '#': '&#35;',
  '|': '&#124;',
  '\\': '&#92;',
};
const MD_SPECIAL = /[<>*_~`[\]#|\\]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Anything one of escapeMarkdown's passes would change: a carriage return, a control character, a special. */
const NEEDS_ESCAPE = /[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f<>*_~`[\]#|\\]/;

/** Makes text safe to place in card markdown: it shows as typed and cannot form tags, mentions or formatting. */
export function escapeMarkdown(text: string): string {
  // Most text has nothing to escape; one test spares the three passes (each would copy the string).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(MD_SPECIAL, (ch) => MD_ESCAPES[ch]!);
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** One render's state: the view, the loop variables by nesting depth, the template's name for error messages. */
interface Run {
  readonly view: View;
  readonly vars: unknown[];
  readonly name: string;
}

/** A compiled node: its value for this run; `undefined` means "leave it out" (a false `$if`). */
type Node = (run: Run) => unknown;
/** A compiled array element: appends what it stands for (none, one or, for `$each`, many values). */
type Element = (run: Run, out: unknown[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function fail(run: Run, message: string): never {
  throw new TemplateError(`卡片模板 ${run.name}: ${message}`);
}

/** A node that is a malformed directive: it throws when reached, as the walk it replaces did. */
const failing =
  (message: string): Node =>
  (run) =>
    fail(run, message);

/**
 * Reads a dotted path. Its head is the innermost loop variable of that name, else a property of the view — known
 * when compiling, since loops bind one name each; only whether the view has it is left to the run.
 */
function compilePath(path: string, loops: readonly string[]): Node {
  const [head = '', ...rest] = path.split('.');
  const missing = `缺少占位值 "${path}"`;
  const depth = loops.lastIndexOf(head);
  const base: Node =
    depth >= 0
      ? (run) => run.vars[depth]
      : (run) => {
          if (!hasOwn(run.view, head)) fail(run, missing);
          return run.view[head];
        };
  const step = (run: Run, v: unknown, key: string): unknown => {
    if (!isObject(v) || !hasOwn(v, key)) fail(run, missing);
    return v[key];
  };
  if (rest.length === 0) {
    return (run) => {
      const v = base(run);
      if (v === undefined) fail(run, missing);
      return v;
    };
  }
  if (rest.length === 1) {
    const key = rest[0]!;
    return (run) => {
      const v = step(run, base(run), key);
      if (v === undefined) fail(run, missing);
      return v;
    };
  }
  return (run) => {
    let v = base(run);
    for (const key of rest) v = step(run, v, key);
    if (v === undefined) fail(run, missing);
    return v;
  };
}

const isTruthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

function compileCondition(cond: unknown, loops: readonly string[]): (run: Run) => boolean {
  if (typeof cond !== 'string' || !cond) return (run) => fail(run, `$if 需要一个名字，收到 ${JSON.stringify(cond)}`);
  if (cond.startsWith('!')) {
    const get = compilePath(cond.slice(1).trim(), loops);
    return (run) => !isTruthy(get(run));
  }
  const get = compilePath(cond, loops);
  return (run) => isTruthy(get(run));
}

function compileString(s: string, markdown: boolean, loops: readonly string[]): Node {
  const whole = WHOLE.exec(s);
  if (whole) {
    const path = whole[1]!;
    const get = compilePath(path, loops);
    const isNull = `占位值 "${path}" 为 null`;
    return (run) => {
      const v = get(run);
      if (v === null) fail(run, isNull);
      return markdown && typeof v === 'string' ? escapeMarkdown(v) : v;
    };
  }
  // "a {{x}} b {{y}} c" → texts ['a ', ' b ', ' c'] around the values of x and y.
  const texts: string[] = [];
  const parts: ((run: Run) => string)[] = [];
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    texts.push(s.slice(last, m.index));
    last = m.index + m[0].length;
    const path = m[1]!;
    const get = compilePath(path, loops);
    parts.push((run) => {
      const v = get(run);
      if (typeof v === 'number') return String(v);
      if (typeof v !== 'string') fail(run, `占位值 "${path}" 嵌在文字中，应为文字或数字，实为 ${v === null ? 'null' : typeof v}`);
      return markdown ? escapeMarkdown(v) : v;
    });
  }
  if (parts.length === 0) return () => s;
  texts.push(s.slice(last));
  if (parts.length === 1) {
    const [before, after] = texts as [string, string];
    const part = parts[0]!;
    return (run) => before + part(run) + after;
  }
  return (run) => {
    let out = texts[0]!;
    for (let i = 0; i < parts.length; i++) out += parts[i]!(run) + texts[i + 1]!;
    return out;
  };
}

function compileObject(node: Record<string, unknown>, markdown: boolean, loops: readonly string[]): Node {
  if ('$each' in node) return failing('$each 只能作为数组元素使用');
  let condition: ((run: Run) => boolean) | undefined;
  if ('$if' in node) {
    const cond = compileCondition(node.$if, loops);
    if ('$value' in node) {
      // `$value` keeps the markdown context of the node it stands in for, as the walk did.
      const value = Object.keys(node).length !== 2 ? failing('带 $value 的 $if 不能有其它属性') : compile(node.$value, markdown, loops);
      return (run) => (cond(run) ? value(run) : undefined);
    }
    condition = cond;
  }
  const markdownElement = node.tag === 'markdown' || node.tag === 'lark_md';
  const keys: string[] = [];
  const values: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('$')) {
      if (key === '$if') continue;
      keys.push(key);
      values.push(failing(`未知的指令 "${key}"`));
      continue;
    }
    keys.push(key);
    values.push(compile(value, markdownElement && key === 'content', loops));
  }
  const n = keys.length;
  const build: Node = (run) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const v = values[i]!(run);
      if (v !== undefined) out[keys[i]!] = v;
    }
    return out;
  };
  if (!condition) return build;
  const cond = condition;
  return (run) => (cond(run) ? build(run) : undefined);
}

function compileEach(node: Record<string, unknown>, markdown: boolean, loops: readonly string[]): Element {
  const broken = (message: string): Element => (run) => fail(run, message);
  for (const key of Object.keys(node)) if (!DIRECTIVES.has(key)) return broken(`$each 元素不能有属性 "${key}"`);
  const as = node.$as;
  if (typeof as !== 'string' || !as) return broken('$each 需要 $as 给出循环变量名');
  if (!('$template' in node)) return broken('$each 需要 $template');
  const cond = '$if' in node ? compileCondition(node.$if, loops) : undefined;
  const listPath = String(node.$each);
  const getList = compilePath(listPath, loops);
  const notArray = `$each "${listPath}" 不是数组`;
  const depth = loops.length;
  const template = compile(node.$template, markdown, [...loops, as]);
  const flatten = Array.isArray(node.$template);
  return (run, out) => {
    if (cond && !cond(run)) return;
    const list = getList(run);
    if (!Array.isArray(list)) fail(run, notArray);
    for (const item of list) {
      run.vars[depth] = item;
      const rendered = template(run);
      if (flatten) for (const el of rendered as unknown[]) out.push(el);
      else if (rendered !== undefined) out.push(rendered);
    }
  };
}

function compileArray(nodes: readonly unknown[], markdown: boolean, loops: readonly string[]): Node {
  const elements: Element[] = nodes.map((node): Element => {
    if (isObject(node) && '$each' in node) return compileEach(node, markdown, loops);
    const one = compile(node, markdown, loops);
    return (run, out) => {
      const v = one(run);
      if (v !== undefined) out.push(v);
    };
  });
  const n = elements.length;
  return (run) => {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) elements[i]!(run, out);
    return out;
  };
}

function compile(node: unknown, markdown: boolean, loops: readonly string[]): Node {
  if (typeof node === 'string') return compileString(node, markdown, loops);
  if (Array.isArray(node)) return compileArray(node, markdown, loops);
  if (!isObject(node)) return () => node;
  return compileObject(node, markdown, loops);
}

const compiled = new WeakMap<object, Node>();

function compiledTemplate(template: unknown): Node {
  if (typeof template !== 'object' || template === null) return compile(template, false, []);
  let fn = compiled.get(template);
  if (!fn) {
    fn = compile(template, false, []);
    compiled.set(template, fn);
  }
  return fn;
}

/**
 * Fills `template` with `view`. The template is not modified; the result shares no objects with it.
 * Throws {@link TemplateError} naming `name` when a placeholder is missing or a directive is malformed.
 */
export function render<T = Record<string, unknown>>(template: unknown, view: View, name = 'card'): T {
  const result = compiledTemplate(template)({ view, vars: [], name });
  if (result === undefined) throw new TemplateError(`卡片模板 ${name}: 整个模板被 $if 去掉了`);
  return result as T;
}
