/**
 * The compiled renderer against the interpreter it replaced (tests/cards/legacy-render.ts): for every template
 * under cards/ and thousands of views generated from the names each template uses, both give the same card —
 * the same values, the same key order — or throw the same TemplateError. Malformed copies of the templates check
 * that the errors also come in the same order. A seeded generator stands in for fast-check (not installed), so a
 * failure names a seed that reproduces it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError, escapeMarkdown, render } from '../../src/cards/render';
import { interpret, legacyEscapeMarkdown } from './legacy-render';
import { prng } from '../support/prng';

const CARDS_DIR = join(__dirname, '../../cards');
const TEMPLATES: [string, unknown][] = readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(CARDS_DIR, f), 'utf8'))]);

/** Seeded (tests/support/prng.ts), with the picks the generators use. */
function rng(seed: number) {
  const next = prng(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

// Pieces of text that exercise escaping and JSON: markdown specials, mentions, CRLF, control characters, CJK,
// emoji (surrogate pairs), a lone surrogate, quotes and backslashes, and a placeholder that must stay as typed.
const PIECES = [
  '教务处', '修订本科生培养方案', 'a', ' ', '  ', '\n', '\r\n', '\r', '\t', '\u0007', '\u001f', '\u007f', '<at id=all></at>',
  '**粗**', '_x_', '~~删~~', '`code`', '[链接](https://x.cn)', '# 标题', 'a|b', '\\', '"', '🟢', '👨‍👩‍👧', '\ud800',
  '{{title}}', '{{ t.label }}', '&#60;', "<font color='red'>", '—', '12', '0',
];

function text(r: Rng): string {
  let s = '';
  const n = r.int(5);
  for (let i = 0; i < n; i++) s += r.pick(PIECES);
  return s;
}

/** What a template does with a name: interpolates it, inserts it whole, tests it, loops over it. */
type Use = 'text' | 'whole' | 'cond' | 'list';
interface Shape {
  uses: Set<Use>;
  fields: Map<string, Shape>;
  item?: Shape;
}
const shape = (): Shape => ({ uses: new Set(), fields: new Map() });

const WHOLE = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;
const INLINE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

/** The names a template uses, as a tree: the view's fields, their fields, and the items of the lists looped over. */
function shapeOf(template: unknown): Shape {
  const root = shape();
  const at = (path: string, env: Map<string, Shape>, use: Use) => {
    const [head = '', ...rest] = path.split('.');
    let s = env.get(head);
    if (!s) {
      s = root.fields.get(head) ?? shape();
      root.fields.set(head, s);
    }
    for (const key of rest) {
      const next: Shape = s.fields.get(key) ?? shape();
      s.fields.set(key, next);
      s = next;
    }
    s.uses.add(use);
    return s;
  };
  const walk = (node: unknown, env: Map<string, Shape>): void => {
    if (typeof node === 'string') {
      const whole = WHOLE.exec(node);
      if (whole) at(whole[1]!, env, 'whole');
      else for (const m of node.matchAll(INLINE)) at(m[1]!, env, 'text');
      return;
    }
    if (Array.isArray(node)) return node.forEach((n) => walk(n, env));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.$if === 'string' && o.$if) at(o.$if.startsWith('!') ? o.$if.slice(1).trim() : o.$if, env, 'cond');
    if ('$each' in o && typeof o.$as === 'string') {
      const list = at(String(o.$each), env, 'list');
      list.item ??= shape();
      walk(o.$template, new Map(env).set(o.$as, list.item));
      return;
    }
    for (const [k, v] of Object.entries(o)) if (!k.startsWith('$') || k === '$value') walk(v, env);
  };
  walk(template, new Map());
  return root;
}

/** A value for one name; now and then a wrong one (missing, undefined, null, the wrong type) to provoke errors. */
function valueFor(s: Shape, r: Rng, broken: number): unknown {
  if (r.chance(broken)) return r.pick([undefined, null, {}, [], 7, true, 'x']);
  if (s.uses.has('list')) {
    const n = r.pick([0, 0, 1, 2, 3]);
    return Array.from({ length: n }, () => valueFor(s.item ?? shape(), r, broken));
  }
  if (s.fields.size) {
    if (s.uses.has('cond') && r.chance(0.25)) return r.pick([null, false, '', 0]);
    const o: Record<string, unknown> = {};
    for (const [k, f] of s.fields) if (!r.chance(broken / 2)) o[k] = valueFor(f, r, broken);
    return o;
  }
  if (s.uses.has('text')) return r.chance(0.2) ? r.pick([0, 3, -1.5, 2026, 1e21]) : text(r);
  if (s.uses.has('whole')) {
    return r.pick<() => unknown>([
      () => text(r),
      () => r.int(100),
      () => r.chance(0.5),
      () => ({ k: text(r) }),
      () => [text(r), r.int(9)],
    ])();
  }
  if (s.uses.has('cond')) return r.pick([true, false, '', 'x', 0, 1, null, [], [1]]);
  return text(r);
}

function viewFor(s: Shape, r: Rng, broken: number): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [k, f] of s.fields) if (!r.chance(broken / 2)) view[k] = valueFor(f, r, broken);
  if (r.chance(0.1)) view.extra = text(r); // names the template does not use change nothing
  return view;
}

type Outcome = { ok: true; json: string; value: unknown } | { ok: false; type: string; message: string };

function outcome(f: () => unknown): Outcome {
  try {
    const value = f();
    return { ok: true, json: JSON.stringify(value), value };
  } catch (e) {
    return { ok: false, type: e instanceof TemplateError ? 'TemplateError' : String((e as Error).name), message: String((e as Error).message) };
  }
}

/** Every object and array in `v`, by identity. */
function objectsIn(v: unknown, into = new Set<object>()): Set<object> {
  if (typeof v !== 'object' || v === null || into.has(v)) return into;
  into.add(v);
  for (const x of Object.values(v)) objectsIn(x, into);
  return into;
}

function compare(template: unknown, view: Record<string, unknown>, name: string) {
  const before = structuredClone(template);
  const expected = outcome(() => interpret(template, view, name));
  const actual = outcome(() => render(template, view, name));
  expect(template).toStrictEqual(before);
  if (expected.ok && actual.ok) {
    // The same JSON text: the same values in the same key order.
    expect(actual.json).toBe(expected.json);
    expect(actual.value).toStrictEqual(expected.value);
    // Nothing shared with the template, nor with another card drawn from it (only the view's own values are).
    const drawn = objectsIn(actual.value);
    const fromTemplate = objectsIn(template);
    expect([...drawn].filter((o) => fromTemplate.has(o))).toEqual([]);
    const fromView = objectsIn(view);
    const again = objectsIn(render(template, view, name));
    expect([...drawn].filter((o) => again.has(o) && !fromView.has(o))).toEqual([]);
  } else {
    expect(actual).toEqual(expected);
  }
  return expected.ok;
}

describe('compiled templates render as the interpreter did', () => {
  for (const [name, template] of TEMPLATES) {
    it(`${name}: the same card or the same error for generated views`, () => {
      const s = shapeOf(template);
      let rendered = 0;
      let failed = 0;
      for (let seed = 1; seed <= 200; seed++) {
        const r = rng(seed * 7919 + name.length);
        const broken = seed % 3 === 0 ? 0.04 : 0; // two views in three are well-formed
        try {
          if (compare(template, viewFor(s, r, broken), name)) rendered++;
          else failed++;
        } catch (e) {
          throw new Error(`${name}, seed ${seed}: ${(e as Error).message}`);
        }
      }
      // Both kinds of case were exercised.
      expect(rendered).toBeGreaterThan(100);
      expect(failed).toBeGreaterThan(0);
    });
  }
});

/** A copy of `template` with one node spoiled the way a template author might: the errors must match too. */
function spoil(template: unknown, r: Rng): unknown {
  const copy = structuredClone(template) as Record<string, unknown>;
  const objects = [...objectsIn(copy)].filter((o) => !Array.isArray(o)) as Record<string, unknown>[];
  const target = r.pick(objects);
  const eaches = objects.filter((o) => '$each' in o);
  const each = eaches.length ? r.pick(eaches) : undefined;
  const ways: (() => void)[] = [
    () => (target.$unless = 'x'),
    () => (target.$if = r.pick(['', 7, null, '!', 'nothing', '!nothing'])),
    () => (target.$if = 'title') && (target.$value = 1),
    () => (target.$each = 'tags'),
    () => each && delete each.$as,
    () => each && (each.$as = ''),
    () => each && delete each.$template,
    () => each && (each.stray = 1),
    () => each && (each.$each = 'title'),
    () => each && (each.$if = '!tags'),
  ];
  r.pick(ways)();
  return copy;
}

describe('malformed templates fail as the interpreter did', () => {
  it('the same error (or card) for spoiled copies of every template', () => {
    let n = 0;
    for (const [name, template] of TEMPLATES) {
      const s = shapeOf(template);
      for (let seed = 1; seed <= 40; seed++) {
        const r = rng(seed * 104729 + name.length);
        const spoiled = spoil(template, r);
        try {
          for (let i = 0; i < 3; i++) compare(spoiled, viewFor(s, r, 0), name);
        } catch (e) {
          throw new Error(`${name}, seed ${seed}: ${(e as Error).message}`);
        }
        n++;
      }
    }
    expect(n).toBe(TEMPLATES.length * 40);
  });

  it('a template compiled once serves views that differ in what is present', () => {
    const tpl = { a: [{ $each: 'rows', $as: 'r', $template: { n: '{{r.n}}', t: '{{title}}' } }], b: { $if: 'flag', x: '{{x}}' } };
    expect(render(tpl, { rows: [{ n: 1 }], title: 't', flag: false })).toEqual({ a: [{ n: 1, t: 't' }] });
    expect(() => render(tpl, { rows: [{ n: 1 }], title: 't', flag: true }, 'x')).toThrow('卡片模板 x: 缺少占位值 "x"');
    expect(render(tpl, { rows: [], flag: true, x: 2 })).toEqual({ a: [], b: { x: 2 } });
    // A loop variable shadows a view field of the same name only inside its loop.
    const shadow = { a: [{ $each: 'rows', $as: 'title', $template: '{{title}}' }], b: '{{title}}' };
    expect(render(shadow, { rows: ['in'], title: 'out' })).toEqual({ a: ['in'], b: 'out' });
    // The innermost of two loops binding one name wins, and the outer binding is back after the inner loop.
    const nested = [{ $each: 'xs', $as: 'x', $template: [{ $each: 'x.b', $as: 'x', $template: '{{x}}' }, '{{x.n}}'] }];
    const view = { xs: [{ n: 1, b: ['p', 'q'] }, { n: 2, b: [] }] };
    expect(render(nested, view)).toEqual(['p', 'q', 1, 2]);
    compare(nested, view, 'nested');
  });
});

describe('escapeMarkdown', () => {
  it('gives the same text as before for generated strings', () => {
    const r = rng(42);
    for (let i = 0; i < 5000; i++) {
      const s = text(r) + text(r);
      expect(escapeMarkdown(s)).toBe(legacyEscapeMarkdown(s));
    }
  });
});
