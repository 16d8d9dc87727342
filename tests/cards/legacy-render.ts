/**
 * The template interpreter as it was before templates were compiled (src/cards/render.ts until 2026-12-02), kept
 * only to check the compiled renderer against it: same output, same errors, for every template and many views.
 * Not used by the product.
 */
import { TemplateError, type View } from '../../src/cards/render';

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

/** The escaping as it was (the compiled renderer may take a faster path to the same text). Makes text safe to place in card markdown: it shows as typed and cannot form tags, mentions or formatting. */
export function legacyEscapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(MD_SPECIAL, (ch) => MD_ESCAPES[ch]!);
}

const WHOLE = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;
const INLINE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;
const DIRECTIVES = new Set(['$each', '$as', '$template', '$if', '$value']);

type Scope = readonly Record<string, unknown>[];

interface Ctx {
  template: string;
  scopes: Scope;
  markdown: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(ctx: Ctx, message: string): never {
  throw new TemplateError(`卡片模板 ${ctx.template}: ${message}`);
}

function lookup(ctx: Ctx, path: string): unknown {
  const [head, ...rest] = path.split('.');
  const scope = ctx.scopes.find((s) => Object.prototype.hasOwnProperty.call(s, head!));
  if (!scope) fail(ctx, `缺少占位值 "${path}"`);
  let value: unknown = scope[head!];
  for (const key of rest) {
    if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) fail(ctx, `缺少占位值 "${path}"`);
    value = value[key];
  }
  if (value === undefined) fail(ctx, `缺少占位值 "${path}"`);
  return value;
}

function truthy(ctx: Ctx, cond: unknown): boolean {
  if (typeof cond !== 'string' || !cond) fail(ctx, `$if 需要一个名字，收到 ${JSON.stringify(cond)}`);
  const negate = cond.startsWith('!');
  const v = lookup(ctx, negate ? cond.slice(1).trim() : cond);
  const t = Array.isArray(v) ? v.length > 0 : Boolean(v);
  return negate ? !t : t;
}

function renderString(s: string, ctx: Ctx): unknown {
  const whole = WHOLE.exec(s);
  if (whole) {
    const v = lookup(ctx, whole[1]!);
    if (v === null) fail(ctx, `占位值 "${whole[1]}" 为 null`);
    return typeof v === 'string' && ctx.markdown ? legacyEscapeMarkdown(v) : v;
  }
  return s.replace(INLINE, (_, path: string) => {
    const v = lookup(ctx, path);
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string') fail(ctx, `占位值 "${path}" 嵌在文字中，应为文字或数字，实为 ${v === null ? 'null' : typeof v}`);
    return ctx.markdown ? legacyEscapeMarkdown(v) : v;
  });
}

/** Renders one node; `undefined` means "leave it out" (a false `$if`). */
function renderNode(node: unknown, ctx: Ctx): unknown {
  if (typeof node === 'string') return renderString(node, ctx);
  if (Array.isArray(node)) return renderArray(node, ctx);
  if (!isObject(node)) return node;

  if ('$each' in node) fail(ctx, '$each 只能作为数组元素使用');
  if ('$if' in node) {
    if (!truthy(ctx, node.$if)) return undefined;
    if ('$value' in node) {
      if (Object.keys(node).length !== 2) fail(ctx, '带 $value 的 $if 不能有其它属性');
      return renderNode(node.$value, ctx);
    }
  }
  const out: Record<string, unknown> = {};
  const markdownElement = node.tag === 'markdown' || node.tag === 'lark_md';
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('$')) {
      if (key === '$if') continue;
      fail(ctx, `未知的指令 "${key}"`);
    }
    const child = renderNode(value, { ...ctx, markdown: markdownElement && key === 'content' });
    if (child !== undefined) out[key] = child;
  }
  return out;
}

function renderArray(nodes: readonly unknown[], ctx: Ctx): unknown[] {
  const out: unknown[] = [];
  for (const node of nodes) {
    if (isObject(node) && '$each' in node) {
      for (const key of Object.keys(node)) if (!DIRECTIVES.has(key)) fail(ctx, `$each 元素不能有属性 "${key}"`);
      if (typeof node.$as !== 'string' || !node.$as) fail(ctx, '$each 需要 $as 给出循环变量名');
      if (!('$template' in node)) fail(ctx, '$each 需要 $template');
      if ('$if' in node && !truthy(ctx, node.$if)) continue;
      const list = lookup(ctx, String(node.$each));
      if (!Array.isArray(list)) fail(ctx, `$each "${String(node.$each)}" 不是数组`);
      for (const item of list) {
        const inner = { ...ctx, scopes: [{ [node.$as]: item }, ...ctx.scopes] };
        const rendered = renderNode(node.$template, inner);
        if (Array.isArray(node.$template)) out.push(...(rendered as unknown[]));
        else if (rendered !== undefined) out.push(rendered);
      }
      continue;
    }
    const rendered = renderNode(node, ctx);
    if (rendered !== undefined) out.push(rendered);
  }
  return out;
}

/**
 * Fills `template` with `view`. The template is not modified; the result shares no objects with it.
 * Throws {@link TemplateError} naming `name` when a placeholder is missing or a directive is malformed.
 */
export function interpret<T = Record<string, unknown>>(template: unknown, view: View, name = 'card'): T {
  const result = renderNode(template, { template: name, scopes: [view], markdown: false });
  if (result === undefined) throw new TemplateError(`卡片模板 ${name}: 整个模板被 $if 去掉了`);
  return result as T;
}
