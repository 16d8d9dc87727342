/**
 * An allow-list of card JSON 2.0 attributes, written from Feishu's component documentation (card-json-v2-structure,
 * title, markdown (rich-text), divider, column-set, form-container, button, input, date-picker,
 * single-/multi-select-dropdown-menu). JSON 2.0 rejects unknown attributes, so the tests reject them first.
 * Deliberately narrower than Feishu where an attribute is historical (button url/multi_url/value) or unused here.
 */

const COMMON = ['tag', 'element_id', 'margin'];
const CONTAINER = ['direction', 'padding', 'horizontal_spacing', 'horizontal_align', 'vertical_spacing', 'vertical_align'];

const ELEMENTS: Record<string, string[]> = {
  markdown: [...COMMON, 'content', 'text_size', 'text_align', 'icon'],
  hr: [...COMMON],
  // chart (card JSON 2.0, clients from 7.20): a VChart spec; aspect_ratio 1:1 | 2:1 | 4:3 | 16:9, or a fixed height.
  chart: [...COMMON, 'chart_spec', 'aspect_ratio', 'color_theme', 'preview', 'height'],
  column_set: [...COMMON, 'horizontal_spacing', 'horizontal_align', 'flex_mode', 'background_style', 'action', 'columns'],
  form: [...COMMON, ...CONTAINER, 'name', 'elements'],
  // collapsible-panel: a container whose header toggles the elements below it.
  collapsible_panel: [...COMMON, 'expanded', 'header', 'border', 'vertical_spacing', 'padding', 'elements'],
  button: [
    ...COMMON,
    'type',
    'size',
    'width',
    'text',
    'icon',
    'hover_tips',
    'disabled',
    'disabled_tips',
    'confirm',
    'behaviors',
    'name',
    'form_action_type',
  ],
  input: [
    ...COMMON,
    'name',
    'required',
    'placeholder',
    'default_value',
    'disabled',
    'disabled_tips',
    'width',
    'behaviors',
    'max_length',
    'input_type',
    'rows',
    'auto_resize',
    'max_rows',
    'show_icon',
    'label',
    'label_position',
    'confirm',
  ],
  date_picker: [...COMMON, 'name', 'required', 'disabled', 'width', 'behaviors', 'initial_date', 'placeholder', 'confirm'],
  select_static: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'initial_option',
    'initial_index',
    'placeholder',
    'width',
    'options',
    'behaviors',
    'confirm',
  ],
  multi_select_static: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'placeholder',
    'width',
    'selected_values',
    'options',
    'confirm',
  ],
};

const COLUMN = [...COMMON, ...CONTAINER, 'background_style', 'width', 'weight', 'elements', 'action'];
const ROOT = ['schema', 'config', 'card_link', 'header', 'body'];
const CONFIG = [
  'streaming_mode',
  'streaming_config',
  'summary',
  'locales',
  'enable_forward',
  'update_multi',
  'width_mode',
  'use_custom_translation',
  'enable_forward_interaction',
  'style',
];
const HEADER = ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'];
const BODY = ['elements', ...CONTAINER];
const PLAIN_TEXT = ['tag', 'content', 'i18n_content', 'text_size', 'text_color', 'text_align', 'lines'];
const TEXT_TAG = ['tag', 'element_id', 'text', 'color'];
const OPTION = ['text', 'icon', 'value'];
const CALLBACK = ['type', 'value'];
const PANEL_HEADER = ['title', 'vertical_align', 'padding', 'icon', 'icon_position', 'icon_expanded_angle'];
const PANEL_BORDER = ['color', 'corner_radius'];
const STANDARD_ICON = ['tag', 'token', 'color', 'size'];

export const HEADER_TEMPLATES = [
  'blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default',
];
const TAG_COLORS = [
  'neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet', 'green', 'yellow', 'red', 'purple', 'carmine',
];
const BUTTON_TYPES = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'];
/** Components that send data and so need a card-unique `name` inside a form. */
const FORM_FIELDS = ['input', 'date_picker', 'select_static', 'multi_select_static', 'button'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem in the card, each with its JSON path; empty when the card keeps to the allow-list. */
export function checkCard(card: unknown): string[] {
  const errors: string[] = [];
  const names = new Set<string>();
  const err = (path: string, msg: string) => errors.push(`${path}: ${msg}`);
  const keys = (o: Obj, allowed: string[], path: string) => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) err(path, `unknown attribute "${k}"`);
  };
  const plain = (v: unknown, path: string) => {
    if (!isObj(v)) return err(path, 'expected a text object');
    keys(v, PLAIN_TEXT, path);
    if (v.tag !== 'plain_text') err(path, `text tag must be plain_text, got ${String(v.tag)}`);
    if (typeof v.content !== 'string') err(path, 'content must be a string');
  };
  const behaviors = (v: unknown, path: string) => {
    if (!Array.isArray(v) || v.length === 0) return err(path, 'behaviors must be a non-empty array');
    v.forEach((b, i) => {
      if (!isObj(b) || b.type !== 'callback') return err(`${path}[${i}]`, 'only callback behaviors are used');
      keys(b, CALLBACK, `${path}[${i}]`);
      if (!isObj(b.value)) err(`${path}[${i}].value`, 'callback value must be an object');
    });
  };

  const element = (el: unknown, path: string, where: { inForm: boolean; atRoot: boolean }) => {
    if (!isObj(el)) return err(path, 'element must be an object');
    const tag = String(el.tag);
    const allowed = ELEMENTS[tag];
    if (!allowed) return err(path, `unknown or unused tag "${tag}"`);
    keys(el, allowed, path);
    if (where.inForm && FORM_FIELDS.includes(tag)) {
      if (typeof el.name !== 'string' || !el.name) err(path, `${tag} inside a form needs a name`);
      else if (names.has(el.name)) err(path, `name "${el.name}" is not unique in the card`);
      else names.add(el.name);
    }
    if ('required' in el && !where.inForm) err(path, 'required only works inside a form');
    for (const k of ['text', 'placeholder', 'label', 'hover_tips', 'disabled_tips']) if (k in el) plain(el[k], `${path}.${k}`);
    if ('behaviors' in el) behaviors(el.behaviors, `${path}.behaviors`);
    switch (tag) {
      case 'markdown':
        if (typeof el.content !== 'string') err(path, 'markdown content must be a string');
        break;
      case 'button':
        if (el.type !== undefined && !BUTTON_TYPES.includes(String(el.type))) err(path, `button type ${String(el.type)}`);
        if (!('behaviors' in el)) err(path, 'button without behaviors');
        if ('form_action_type' in el) {
          if (!where.inForm) err(path, 'form_action_type outside a form');
          if (!['submit', 'reset'].includes(String(el.form_action_type))) err(path, 'form_action_type');
        } else if (where.inForm) err(path, 'a button inside a form needs form_action_type');
        break;
      case 'input':
        if (el.input_type !== undefined && !['text', 'multiline_text', 'password'].includes(String(el.input_type))) {
          err(path, `input_type ${String(el.input_type)}`);
        }
        if (el.max_length !== undefined && !(Number(el.max_length) >= 1 && Number(el.max_length) <= 1000)) {
          err(path, 'max_length must be 1..1000');
        }
        if (el.label_position !== undefined && !['top', 'left'].includes(String(el.label_position))) err(path, 'label_position');
        break;
      case 'select_static':
      case 'multi_select_static':
        if (tag === 'multi_select_static' && !where.inForm) err(path, 'multi_select_static only inside a form');
        if (!Array.isArray(el.options)) err(path, 'options must be an array');
        else
          el.options.forEach((o, i) => {
            if (!isObj(o)) return err(`${path}.options[${i}]`, 'option must be an object');
            keys(o, OPTION, `${path}.options[${i}]`);
            plain(o.text, `${path}.options[${i}].text`);
            if (typeof o.value !== 'string') err(`${path}.options[${i}]`, 'option value must be a string');
          });
        break;
      case 'date_picker':
        break;
      case 'chart':
        if (!isObj(el.chart_spec) || typeof el.chart_spec.type !== 'string') err(path, 'chart needs a chart_spec with a type');
        if (el.aspect_ratio !== undefined && !['1:1', '2:1', '4:3', '16:9'].includes(String(el.aspect_ratio))) err(path, `aspect_ratio ${String(el.aspect_ratio)}`);
        break;
      case 'form': {
        if (!where.atRoot) err(path, 'a form may only sit in body.elements');
        if (typeof el.name !== 'string' || !el.name) err(path, 'form needs a name');
        elements(el.elements, `${path}.elements`, { inForm: true, atRoot: false });
        const submits = JSON.stringify(el.elements).match(/"form_action_type":"submit"/g) ?? [];
        if (submits.length === 0) err(path, 'form without a submit button');
        break;
      }
      case 'collapsible_panel': {
        if (el.expanded !== undefined && typeof el.expanded !== 'boolean') err(path, 'expanded must be a boolean');
        const h = el.header;
        if (!isObj(h)) err(`${path}.header`, 'collapsible_panel needs a header');
        else {
          keys(h, PANEL_HEADER, `${path}.header`);
          if (isObj(h.title) && h.title.tag === 'markdown') keys(h.title, ['tag', 'content'], `${path}.header.title`);
          else plain(h.title, `${path}.header.title`);
          if ('icon' in h) {
            if (!isObj(h.icon) || h.icon.tag !== 'standard_icon') err(`${path}.header.icon`, 'expected a standard_icon');
            else keys(h.icon, STANDARD_ICON, `${path}.header.icon`);
          }
          if ('icon_position' in h && !['left', 'right', 'follow_text'].includes(String(h.icon_position))) err(`${path}.header`, 'icon_position');
        }
        if ('border' in el) {
          if (!isObj(el.border)) err(`${path}.border`, 'border must be an object');
          else keys(el.border, PANEL_BORDER, `${path}.border`);
        }
        elements(el.elements, `${path}.elements`, { inForm: where.inForm, atRoot: false });
        break;
      }
      case 'column_set':
        if (!Array.isArray(el.columns) || el.columns.length === 0) err(path, 'column_set needs columns');
        else
          el.columns.forEach((col, i) => {
            const p = `${path}.columns[${i}]`;
            if (!isObj(col) || col.tag !== 'column') return err(p, 'expected a column');
            keys(col, COLUMN, p);
            elements(col.elements, `${p}.elements`, { inForm: where.inForm, atRoot: false });
          });
        break;
    }
  };
  const elements = (v: unknown, path: string, where: { inForm: boolean; atRoot: boolean }) => {
    if (!Array.isArray(v)) return err(path, 'elements must be an array');
    v.forEach((el, i) => element(el, `${path}[${i}]`, where));
  };

  if (!isObj(card)) return ['card is not an object'];
  keys(card, ROOT, '$');
  if (card.schema !== '2.0') err('$.schema', 'must be "2.0"');
  if (!isObj(card.config)) err('$.config', 'missing');
  else {
    keys(card.config, CONFIG, '$.config');
    if (card.config.update_multi !== true) err('$.config.update_multi', 'must be true');
    if (!isObj(card.config.summary) || typeof card.config.summary.content !== 'string') err('$.config.summary', 'needs content');
    else keys(card.config.summary, ['content', 'i18n_content'], '$.config.summary');
  }
  if (!isObj(card.header)) err('$.header', 'missing');
  else {
    const h = card.header;
    keys(h, HEADER, '$.header');
    plain(h.title, '$.header.title');
    if ('subtitle' in h) plain(h.subtitle, '$.header.subtitle');
    if (!HEADER_TEMPLATES.includes(String(h.template))) err('$.header.template', `unknown colour ${String(h.template)}`);
    if ('text_tag_list' in h) {
      const list = h.text_tag_list;
      if (!Array.isArray(list) || list.length === 0 || list.length > 3) err('$.header.text_tag_list', 'needs 1..3 tags');
      else
        list.forEach((t, i) => {
          const p = `$.header.text_tag_list[${i}]`;
          if (!isObj(t) || t.tag !== 'text_tag') return err(p, 'expected a text_tag');
          keys(t, TEXT_TAG, p);
          plain(t.text, `${p}.text`);
          if (!TAG_COLORS.includes(String(t.color))) err(p, `unknown tag colour ${String(t.color)}`);
        });
    }
  }
  if (!isObj(card.body)) err('$.body', 'missing');
  else {
    keys(card.body, BODY, '$.body');
    elements(card.body.elements, '$.body.elements', { inForm: false, atRoot: true });
  }
  return errors;
}

/** Every button in the card, wherever it is nested. */
export function buttonsOf(card: unknown): Obj[] {
  const out: Obj[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      if (v.tag === 'button') out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export const buttonLabel = (b: Obj) => String((b.text as Obj | undefined)?.content ?? '');
export const buttonValue = (b: Obj) => ((b.behaviors as Obj[] | undefined)?.[0]?.value ?? null) as Obj | null;
