import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_ELEMENTS, KNOWN_PIECES, markdown, renderCard } from '../../web/src/card-render';

/**
 * Every card the project can produce is snapshotted by a card test (tests/**\/__snapshots__, through
 * tests/cards/card-contract.ts). This reads them all back and draws each with the browser renderer: a card element it
 * does not know would show in the simulator as a placeholder, so a new element added to a card fails here until the
 * renderer learns it.
 */

/** Snapshot files under tests/, wherever a card test keeps them. */
function snapshotFiles(dir = 'tests'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return snapshotFiles(path);
    return path.endsWith('.snap') ? [path] : [];
  });
}

/**
 * Reads vitest's pretty-format back into values: `{ "key": value, }`, `[ value, ]`, strings in double quotes (not
 * escaped: a string ends at a quote followed by `,` and a line end, or by `: ` for a key), numbers, booleans, null.
 */
function parsePretty(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const str = (): string => {
    i++; // opening quote
    let end = i;
    for (;;) {
      end = text.indexOf('"', end);
      if (end < 0) throw new Error('unterminated string');
      const next = text.slice(end + 1, end + 3);
      if (next.startsWith(',\n') || next === ': ' || next.startsWith(',\r')) break;
      end++;
    }
    const s = text.slice(i, end);
    i = end + 1;
    return s;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return o;
        }
        const k = str();
        i += 2; // ': '
        o[k] = value();
        if (text[i] === ',') i++;
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      for (;;) {
        ws();
        if (text[i] === ']') {
          i++;
          return a;
        }
        a.push(value());
        if (text[i] === ',') i++;
      }
    }
    if (c === '"') return str();
    const m = /^(-?\d+(\.\d+)?|true|false|null|undefined)/.exec(text.slice(i));
    if (!m) throw new Error(`unexpected ${text.slice(i, i + 20)}`);
    i += m[0].length;
    return m[0] === 'undefined' ? undefined : JSON.parse(m[0]);
  };
  return value();
}

/** Every snapshotted value that is a card (schema 2.0 with a body), by its snapshot name. */
function snapshottedCards(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const file of snapshotFiles()) {
    const exports: Record<string, string> = {};
    new Function('exports', readFileSync(file, 'utf8'))(exports);
    for (const [name, text] of Object.entries(exports)) {
      if (!text.includes('"schema": "2.0"')) continue;
      const card = parsePretty(text.trim());
      if (card && typeof card === 'object' && 'body' in card) out.push([`${file} › ${name}`, card]);
    }
  }
  return out;
}

const cards = snapshottedCards();

describe('the browser renderer draws every card the project produces', () => {
  it('finds the cards (the snapshots of every card test)', () => {
    expect(cards.length).toBeGreaterThan(60);
  });

  it.each(cards)('%s: no element drawn as a placeholder', (_name, card) => {
    const r = renderCard(card);
    expect(r.unknown).toEqual([]);
    expect(r.html).not.toContain('unknown-element');
  });

  it('every tag any card uses is one the renderer knows', () => {
    const tags = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.tag === 'string') tags.add(o.tag);
        Object.values(o).forEach(walk);
      }
    };
    cards.forEach(([, c]) => walk(c));
    const known = new Set<string>([...KNOWN_ELEMENTS, ...KNOWN_PIECES]);
    expect([...tags].filter((t) => !known.has(t))).toEqual([]);
  });

  it('an element it does not know is shown as a visible placeholder and reported', () => {
    const r = renderCard({ schema: '2.0', body: { elements: [{ tag: 'img', img_key: 'x' }, { tag: 'markdown', content: 'ok' }] } });
    expect(r.unknown).toEqual(['img']);
    expect(r.html).toContain('模拟器不认识的卡片元素：img');
    expect(r.html).toContain('ok');
  });
});

describe('card markdown as Feishu draws it', () => {
  it('bold, colours, lists and links; everything else is text, never markup', () => {
    const html = markdown("**督办〔2026〕1号** <font color='red'>逾期 3 个工作日</font>\n- 第一项\n- [详情](https://example.com/x)\n<script>alert(1)</script>");
    expect(html).toContain('<strong>督办〔2026〕1号</strong>');
    expect(html).toContain('<span class="md-font md-red">逾期 3 个工作日</span>');
    expect(html).toContain('<ul><li>第一项</li><li><a href="https://example.com/x"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('a link to javascript: stays text', () => {
    expect(markdown('[x](javascript:alert(1))')).not.toContain('<a ');
  });

  it('form controls keep their names, required marks and initial values; charts keep their spec', () => {
    const r = renderCard({
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: '标题' }, template: 'red', text_tag_list: [{ tag: 'text_tag', text: { tag: 'plain_text', content: '重要' }, color: 'red' }] },
      body: {
        elements: [
          {
            tag: 'form',
            name: 'f',
            elements: [
              { tag: 'input', name: 'reason', required: true, default_value: '理由' },
              { tag: 'date_picker', name: 'date', initial_date: '2026-12-31' },
              { tag: 'select_static', name: 'lead', initial_option: 'jwc', options: [{ text: { tag: 'plain_text', content: '教务处' }, value: 'jwc' }] },
              { tag: 'multi_select_static', name: 'coop', selected_values: ['kyc'], options: [{ text: { tag: 'plain_text', content: '科研处' }, value: 'kyc' }] },
              { tag: 'button', name: 'submit', form_action_type: 'submit', text: { tag: 'plain_text', content: '提交' }, behaviors: [{ type: 'callback', value: { a: 'x', id: 1, v: 2 } }] },
            ],
          },
          { tag: 'chart', chart_spec: { type: 'bar', data: [] }, aspect_ratio: '16:9' },
        ],
      },
    });
    expect(r.unknown).toEqual([]);
    expect(r.html).toContain('hdr-red');
    expect(r.html).toContain('<span class="text-tag tag-red">重要</span>');
    expect(r.html).toMatch(/<input[^>]*name="reason"[^>]*data-required[^>]*value="理由"/);
    expect(r.html).toMatch(/type="date"[^>]*name="date"[^>]*value="2026-12-31"/);
    expect(r.html).toMatch(/<option value="jwc" selected>教务处<\/option>/);
    expect(r.html).toMatch(/<select[^>]*name="coop"[^>]*multiple/);
    expect(r.html).toContain('data-submit="f"');
    expect(r.html).toContain('data-value="{&quot;a&quot;:&quot;x&quot;,&quot;id&quot;:1,&quot;v&quot;:2}"');
    expect(r.charts).toEqual([{ type: 'bar', data: [] }]);
  });
});
