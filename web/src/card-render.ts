/**
 * Draws a card JSON 2.0 card (the JSON the server's renderer produced from cards/*.json, exactly what Feishu gets)
 * as HTML, the way the Feishu client lays it out. Pure: a string in, a string out, so the same code runs in the
 * browser and in the tests. Nothing about a card is written here twice: no template, no label, no colour decision;
 * only how each element looks. An element this file does not know is drawn as a visible placeholder and reported in
 * `unknown`, and a test fails on it (tests/web/card-elements.test.ts).
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface RenderedCard {
  html: string;
  /** Tags of elements drawn as placeholders. */
  unknown: string[];
  /** chart_spec of each chart element, by its index in `data-chart`. */
  charts: unknown[];
}

/** The body elements this renderer draws. Text pieces (plain_text, text_tag, standard_icon) are drawn where they sit. */
export const KNOWN_ELEMENTS = [
  'markdown',
  'plain_text',
  'hr',
  'column_set',
  'column',
  'form',
  'collapsible_panel',
  'button',
  'input',
  'date_picker',
  'select_static',
  'multi_select_static',
  'chart',
] as const;
/** Tags that appear inside elements (header tags, icons, texts), drawn by their parent. */
export const KNOWN_PIECES = ['plain_text', 'text_tag', 'standard_icon'] as const;

export const escapeHtml = (t: unknown): string =>
  String(t ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const word = (v: unknown, fallback: string) => (typeof v === 'string' && /^[a-z_-]{1,30}$/.test(v) ? v : fallback);
const textOf = (v: unknown): string => (isObj(v) ? String(v.content ?? '') : typeof v === 'string' ? v : '');

/** Feishu card markdown: **bold**, *italic*, ~~strike~~, `code`, [link](url), lists, <font color>, <text_tag>, <at>. */
export function markdown(src: string): string {
  const kept: string[] = [];
  const keep = (html: string) => `\u0000${kept.push(html) - 1}\u0000`;
  let s = String(src)
    .replace(/<font\s+color=['"]?([a-z_-]+)['"]?\s*>/gi, (_m, c: string) => keep(`<span class="md-font md-${word(c.toLowerCase(), 'grey')}">`))
    .replace(/<\/font>/gi, () => keep('</span>'))
    .replace(/<text_tag\s+color=['"]?([a-z_-]+)['"]?\s*>/gi, (_m, c: string) => keep(`<span class="text-tag tag-${word(c.toLowerCase(), 'neutral')}">`))
    .replace(/<\/text_tag>/gi, () => keep('</span>'))
    .replace(/<at\s+id=['"]?([A-Za-z0-9_]+)['"]?\s*><\/at>/gi, (_m, id: string) => keep(`<span class="md-at">@${id === 'all' ? '所有人' : escapeHtml(id)}</span>`))
    .replace(/<br\s*\/?>/gi, '\n');
  s = escapeHtml(s);
  const inline = (t: string) =>
    t
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/~~(.+?)~~/g, '<del>$1</del>')
      .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\(((?:https?:\/\/|\/)[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>');
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  const close = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of s.split('\n')) {
    const ul = /^\s*[-*]\s+(.*)$/.exec(line);
    const ol = /^\s*\d+\.\s+(.*)$/.exec(line);
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    if (ul || ol) {
      const want = ul ? 'ul' : 'ol';
      if (list !== want) {
        close();
        out.push(`<${want}>`);
        list = want;
      }
      out.push(`<li>${inline((ul ?? ol)![1]!)}</li>`);
      continue;
    }
    close();
    if (h) out.push(`<div class="md-h md-h${h[1]!.length}">${inline(h[2]!)}</div>`);
    else out.push(`<div class="md-line">${inline(line) || '&nbsp;'}</div>`);
  }
  close();
  // Restore the kept tags; a <font> left open is closed so it cannot colour the rest of the page.
  let html = out.join('').replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]!);
  const open = (html.match(/<span class="(md-font|text-tag)/g) ?? []).length - (html.match(/<\/span>/g) ?? []).length + (html.match(/class="md-at"/g) ?? []).length;
  for (let i = 0; i < open; i++) html += '</span>';
  return html;
}

interface Walk {
  unknown: string[];
  charts: unknown[];
  /** Inside a form: its submit buttons send the form's fields. */
  form: string | null;
  /** Read-only (the console's copies of sent cards): controls drawn disabled. */
  readOnly: boolean;
}

const attrs = (pairs: Record<string, string | number | boolean | null | undefined>) =>
  Object.entries(pairs)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`))
    .join('');

function element(el: unknown, w: Walk): string {
  if (!isObj(el)) return '';
  const tag = String(el.tag);
  const disabled = w.readOnly || el.disabled === true;
  switch (tag) {
    case 'markdown':
      return `<div class="el-markdown size-${word(el.text_size, 'normal')} align-${word(el.text_align, 'left')}">${markdown(String(el.content ?? ''))}</div>`;
    case 'plain_text':
      return `<div class="el-text">${escapeHtml(el.content)}</div>`;
    case 'hr':
      return '<hr class="el-hr">';
    case 'column_set': {
      const cols = (Array.isArray(el.columns) ? el.columns : []).map((c) => element(c, w)).join('');
      return `<div class="el-columns flex-${word(el.flex_mode, 'none')} bg-${word(el.background_style, 'default')}">${cols}</div>`;
    }
    case 'column': {
      const width = String(el.width ?? 'weighted');
      const style = width === 'auto' ? 'flex:0 0 auto' : /^\d+px$/.test(width) ? `flex:0 0 ${width}` : `flex:${Number(el.weight) || 1} 1 0`;
      return `<div class="el-column va-${word(el.vertical_align, 'top')} bg-${word(el.background_style, 'default')}" style="${style}">${children(el.elements, w)}</div>`;
    }
    case 'form': {
      const name = String(el.name ?? 'form');
      return `<form class="el-form" data-form="${escapeHtml(name)}" onsubmit="return false">${children(el.elements, { ...w, form: name })}</form>`;
    }
    case 'collapsible_panel': {
      const header = isObj(el.header) ? el.header : {};
      const title = isObj(header.title) && header.title.tag === 'markdown' ? markdown(textOf(header.title)) : escapeHtml(textOf(header.title));
      return `<details class="el-panel"${el.expanded ? ' open' : ''}><summary>${title}</summary><div class="el-panel-body">${children(el.elements, w)}</div></details>`;
    }
    case 'button': {
      const behaviors = Array.isArray(el.behaviors) ? el.behaviors : [];
      const callback = behaviors.find((b) => isObj(b) && b.type === 'callback') as Obj | undefined;
      const confirm = isObj(el.confirm) ? `${textOf(el.confirm.title)}\n${textOf(el.confirm.text)}` : null;
      return `<button type="button"${attrs({
        class: `el-button btn-${word(el.type, 'default')} size-${word(el.size, 'medium')} width-${word(el.width, 'default')}`,
        'data-value': callback ? JSON.stringify(callback.value ?? {}) : null,
        'data-name': typeof el.name === 'string' ? el.name : null,
        'data-submit': el.form_action_type === 'submit' && w.form ? w.form : null,
        'data-reset': el.form_action_type === 'reset' && w.form ? w.form : null,
        'data-confirm': confirm,
        disabled,
        title: isObj(el.disabled_tips) && el.disabled ? textOf(el.disabled_tips) : null,
      })}>${escapeHtml(textOf(el.text))}</button>`;
    }
    case 'input': {
      const label = el.label ? `<label class="field-label">${escapeHtml(textOf(el.label))}${el.required ? '<span class="req">*</span>' : ''}</label>` : '';
      const common = {
        name: String(el.name ?? ''),
        placeholder: textOf(el.placeholder) || null,
        maxlength: typeof el.max_length === 'number' ? el.max_length : null,
        'data-required': el.required === true,
        disabled,
      };
      const control =
        el.input_type === 'multiline_text'
          ? `<textarea${attrs({ ...common, rows: Number(el.rows) || 3 })}>${escapeHtml(el.default_value ?? '')}</textarea>`
          : `<input${attrs({ ...common, type: el.input_type === 'password' ? 'password' : 'text', value: String(el.default_value ?? '') })}>`;
      return `<div class="el-field label-${word(el.label_position, 'top')}">${label}${control}</div>`;
    }
    case 'date_picker':
      return `<div class="el-field"><input${attrs({
        type: 'date',
        class: 'el-date',
        name: String(el.name ?? ''),
        value: typeof el.initial_date === 'string' ? el.initial_date.slice(0, 10) : null,
        'data-required': el.required === true,
        'data-date': true,
        disabled,
        title: textOf(el.placeholder) || null,
      })}></div>`;
    case 'select_static':
    case 'multi_select_static': {
      const multi = tag === 'multi_select_static';
      const chosen = new Set(multi ? ((el.selected_values as unknown[]) ?? []).map(String) : [String(el.initial_option ?? '')]);
      const options = (Array.isArray(el.options) ? el.options : [])
        .filter(isObj)
        .map((o, i) => `<option${attrs({ value: String(o.value ?? ''), selected: chosen.has(String(o.value ?? '')) || (!multi && el.initial_index === i) })}>${escapeHtml(textOf(o.text))}</option>`)
        .join('');
      const placeholder = multi ? '' : `<option value="">${escapeHtml(textOf(el.placeholder) || '请选择')}</option>`;
      return `<div class="el-field"><select${attrs({
        class: multi ? 'el-multi' : 'el-select',
        name: String(el.name ?? ''),
        multiple: multi,
        size: multi ? Math.min(6, Math.max(2, (el.options as unknown[] | undefined)?.length ?? 2)) : null,
        'data-required': el.required === true,
        title: textOf(el.placeholder) || null,
        disabled,
      })}>${placeholder}${options}</select></div>`;
    }
    case 'chart': {
      const i = w.charts.push(el.chart_spec) - 1;
      const ratio = typeof el.aspect_ratio === 'string' && /^\d+:\d+$/.test(el.aspect_ratio) ? el.aspect_ratio.replace(':', ' / ') : '16 / 9';
      const style = typeof el.height === 'string' && /^\d+px$/.test(el.height) ? `height:${el.height}` : `aspect-ratio:${ratio}`;
      return `<div class="el-chart" data-chart="${i}" style="${style}"></div>`;
    }
    default:
      w.unknown.push(tag);
      return `<div class="unknown-element" data-unknown-tag="${escapeHtml(tag)}">⚠ 模拟器不认识的卡片元素：${escapeHtml(tag)}</div>`;
  }
}

function children(list: unknown, w: Walk): string {
  return (Array.isArray(list) ? list : []).map((e) => element(e, w)).join('');
}

/** The whole card: header (colour template, title, subtitle, tags) and body. */
export function renderCard(card: unknown, o: { readOnly?: boolean } = {}): RenderedCard {
  const w: Walk = { unknown: [], charts: [], form: null, readOnly: !!o.readOnly };
  if (!isObj(card)) return { html: '<div class="card-bad">（不是卡片）</div>', unknown: [], charts: [] };
  const header = isObj(card.header) ? card.header : null;
  let head = '';
  if (header) {
    const tags = (Array.isArray(header.text_tag_list) ? header.text_tag_list : [])
      .filter(isObj)
      .map((t) => {
        if (t.tag !== 'text_tag') w.unknown.push(`header.${String(t.tag)}`);
        return `<span class="text-tag tag-${word(t.color, 'neutral')}">${escapeHtml(textOf(t.text))}</span>`;
      })
      .join('');
    head = `<div class="card-header hdr-${word(header.template, 'default')}"><div class="card-title">${escapeHtml(textOf(header.title))}${tags}</div>${
      header.subtitle ? `<div class="card-subtitle">${escapeHtml(textOf(header.subtitle))}</div>` : ''
    }</div>`;
  }
  const body = isObj(card.body) ? card.body : {};
  if (card.schema !== '2.0') w.unknown.push(`schema ${String(card.schema)}`);
  return { html: `<div class="card">${head}<div class="card-body">${children(body.elements, w)}</div></div>`, unknown: w.unknown, charts: w.charts };
}
