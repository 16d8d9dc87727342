import { describe, expect, it } from 'vitest';
import { TemplateError, escapeMarkdown, render } from '../../src/cards/render';
import { TEMPLATES } from '../../src/cards/templates';

describe('render: placeholders', () => {
  it('a whole-string placeholder keeps the value and its type', () => {
    const out = render({ id: '{{id}}', ok: '{{ok}}', value: '{{v}}', list: '{{xs}}' }, { id: 7, ok: false, v: { a: 1 }, xs: [1, 2] });
    expect(out).toEqual({ id: 7, ok: false, value: { a: 1 }, list: [1, 2] });
  });

  it('interpolates text and numbers inside longer strings, with dotted paths', () => {
    expect(render({ s: '{{a}} 有 {{b.n}} 项' }, { a: '教务处', b: { n: 3 } })).toEqual({ s: '教务处 有 3 项' });
  });

  it('throws on a missing placeholder, naming it and the template', () => {
    expect(() => render({ s: '{{titel}}' }, { title: 'x' }, 'slip')).toThrow(TemplateError);
    expect(() => render({ s: '前 {{titel}} 后' }, { title: 'x' }, 'slip')).toThrow(/slip.*titel/);
    expect(() => render({ s: '{{a.b}}' }, { a: {} })).toThrow(/a\.b/);
    expect(() => render({ s: '{{a}}' }, { a: undefined })).toThrow(/缺少占位值/);
  });

  it('refuses objects and null where text is expected', () => {
    expect(() => render({ s: 'x {{o}}' }, { o: {} })).toThrow(/应为文字或数字/);
    expect(() => render({ s: '{{o}}' }, { o: null })).toThrow(/null/);
  });

  it('does not scan inserted values for placeholders again', () => {
    expect(render({ s: '{{a}}', t: 'x{{a}}' }, { a: '{{b}}' })).toEqual({ s: '{{b}}', t: 'x{{b}}' });
  });

  it('leaves the template untouched', () => {
    const tpl = { a: ['{{x}}'], b: { c: '{{x}}' } };
    const copy = structuredClone(tpl);
    render(tpl, { x: 1 });
    expect(tpl).toEqual(copy);
  });
});

describe('render: $each and $if', () => {
  it('$each expands one element per item, flattened into the parent array', () => {
    const tpl = { list: ['head', { $each: 'rows', $as: 'r', $template: { n: '{{r.n}}', all: '{{total}}' } }, 'tail'] };
    expect(render(tpl, { rows: [{ n: 1 }, { n: 2 }], total: 2 })).toEqual({
      list: ['head', { n: 1, all: 2 }, { n: 2, all: 2 }, 'tail'],
    });
  });

  it('$each with an array template contributes all of it per item; nested loops see outer variables', () => {
    const tpl = [
      {
        $each: 'groups',
        $as: 'g',
        $template: [{ h: '{{g.name}}' }, { $each: 'g.items', $as: 'i', $template: '{{g.name}}-{{i}}' }],
      },
    ];
    expect(render(tpl, { groups: [{ name: 'a', items: [1, 2] }, { name: 'b', items: [] }] })).toEqual([
      { h: 'a' },
      'a-1',
      'a-2',
      { h: 'b' },
    ]);
  });

  it('$if keeps an element or property only when truthy; ! negates; empty arrays are falsy', () => {
    const tpl = {
      list: [{ $if: 'yes', k: 1 }, { $if: 'no', k: 2 }, { $if: '!no', k: 3 }, { $if: 'empty', k: 4 }, { $if: 'nil', k: 5 }],
      prop: { $if: 'no', x: 1 },
      kept: { $if: 'yes', x: '{{n}}' },
    };
    expect(render(tpl, { yes: true, no: false, empty: [], nil: null, n: 9 })).toEqual({
      list: [{ k: 1 }, { k: 3 }],
      kept: { x: 9 },
    });
  });

  it('$if with $value stands for the value itself', () => {
    const tpl = { tags: { $if: 'tags', $value: [{ $each: 'tags', $as: 't', $template: '{{t}}' }] }, other: 1 };
    expect(render(tpl, { tags: ['a'] })).toEqual({ tags: ['a'], other: 1 });
    expect(render(tpl, { tags: [] })).toEqual({ other: 1 });
  });

  it('a condition naming nothing throws too', () => {
    expect(() => render([{ $if: 'canClam', k: 1 }], { canClaim: true })).toThrow(/canClam/);
  });

  it('rejects malformed directives', () => {
    expect(() => render([{ $each: 'rows', $template: {} }], { rows: [] })).toThrow(/\$as/);
    expect(() => render([{ $each: 'rows', $as: 'r', $template: {} }], { rows: 3 })).toThrow(/不是数组/);
    expect(() => render({ a: { $each: 'rows', $as: 'r', $template: {} } }, { rows: [] })).toThrow(/数组元素/);
    expect(() => render({ $unless: 'x' }, { x: 1 })).toThrow(/未知的指令/);
  });
});

describe('render: markdown escaping', () => {
  it('escapes user text in markdown content so it cannot mention, tag or format', () => {
    const out = render<{ elements: { content: string }[] }>(
      { elements: [{ tag: 'markdown', content: '**事项**：{{t}}' }, { tag: 'markdown', content: '{{t}}' }] },
      { t: '<at id=all></at> **粗** [链接](https://x.cn) `code` # 标题 | a_b ~~删~~ \\' },
    );
    for (const el of out.elements) {
      expect(el.content).not.toMatch(/<at|\*\*粗|\[链接\]|`|~~/);
      expect(el.content).toContain('&#60;at id=all&#62;&#60;/at&#62;');
    }
    expect(out.elements[0]!.content.startsWith('**事项**：')).toBe(true);
  });

  it('leaves plain_text and other attributes as they are: they are not parsed as markdown', () => {
    expect(render({ tag: 'plain_text', content: '{{t}}' }, { t: '<b>' })).toEqual({ tag: 'plain_text', content: '<b>' });
    expect(render({ tag: 'markdown', content: 'x', other: '{{t}}' }, { t: '<b>' })).toEqual({
      tag: 'markdown',
      content: 'x',
      other: '<b>',
    });
  });

  it('escapeMarkdown drops control characters and normalises line ends', () => {
    expect(escapeMarkdown('a\r\nb\u0007c\rd')).toBe('a\nbc\nd');
    expect(escapeMarkdown('<font color=red>')).toBe('&#60;font color=red&#62;');
  });
});

describe('templates', () => {
  it('every template file is JSON 2.0 with a header and a body', () => {
    for (const [name, tpl] of Object.entries(TEMPLATES)) {
      expect(tpl, name).toMatchObject({ schema: '2.0', config: { update_multi: true }, header: {}, body: {} });
    }
  });
});
