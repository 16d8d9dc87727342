/**
 * The console: the ledger (台账) with filters, sortable columns and paging, and each item's page. Everything is read
 * from /console/api/*, which answers as the signed-in person: what the bot would show them, nothing more.
 */
import { api, drawCharts, escapeHtml, showToast } from './common';
import { renderCard } from './card-render';

interface Me {
  mode: 'local' | 'feishu';
  me: { id: string; name: string; supervisor: boolean } | null;
  people?: Array<{ id: string; name: string; posts: string[] }>;
  units: Array<{ id: string; name: string }>;
  labels: { states: Record<string, string>; sources: Record<string, string>; modes: Record<string, string>; lights: Record<string, string> };
  features: { stats: boolean; exports: Array<{ label: string; href: string }> };
}
interface Row {
  id: number;
  number: string;
  title: string;
  unit: string;
  stateLabel: string;
  deadline: string;
  light: string;
  lightText: string;
  mode: string;
  confidential: boolean;
  important: boolean;
}

const app = document.getElementById('app')!;
let info: Me;
const query = { unit: '', state: '', light: '', source: '', mode: '', year: '', keyword: '', sort: 'deadline', dir: 'asc', page: 1 };
const LIGHT_DOT: Record<string, string> = { red: '🔴', yellow: '🟡', green: '🟢', none: '⚪' };
const options = (entries: Array<[string, string]>, chosen: string, all: string) =>
  `<option value="">${all}</option>${entries.map(([v, l]) => `<option value="${escapeHtml(v)}"${v === chosen ? ' selected' : ''}>${escapeHtml(l)}</option>`).join('')}`;

function loginView() {
  if (info.mode === 'local') {
    app.innerHTML = `<section class="login"><h1>督办台账</h1><p>本地模式：选择以谁的身份查看（看到的与机器人向此人展示的一致）。</p>
      <select id="login-person">${(info.people ?? []).map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)} · ${escapeHtml(p.posts.join('、'))}</option>`).join('')}</select>
      <button type="button" id="login-go" class="primary">进入台账</button></section>`;
    document.getElementById('login-go')!.addEventListener('click', async () => {
      const as = (document.getElementById('login-person') as HTMLSelectElement).value;
      try {
        await api('/console/api/login', { as });
        await start();
      } catch (err) {
        showToast({ type: 'error', content: (err as Error).message });
      }
    });
  } else {
    app.innerHTML = `<section class="login"><h1>督办台账</h1><p>请使用飞书账号登录；您看到的事项与机器人向您展示的一致。</p>
      <a class="button primary" id="login-feishu" href="/console/login">使用飞书登录</a></section>`;
  }
}

function shell(inner: string) {
  const m = info.me!;
  const extra = [`<a href="#/">台账</a>`, info.features.stats ? '<a href="#/stats" id="nav-stats">统计</a>' : ''].join('');
  app.innerHTML = `<header class="console-top"><a href="#/" class="brand">督办台账</a>${extra}<span class="who">${escapeHtml(m.name)}</span>
    <button type="button" id="logout">退出</button>${info.mode === 'local' ? '<a href="/">聊天模拟器</a>' : ''}</header><main>${inner}</main>`;
  document.getElementById('logout')!.addEventListener('click', async () => {
    await api('/console/api/logout', {});
    info.me = null;
    loginView();
  });
}

/** Each view drawn bumps this; an answer that comes back after a newer view was asked for is dropped. */
let generation = 0;

async function ledgerView() {
  const mine = ++generation;
  const l = info.labels;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined) params.set(k, String(v));
  let data: { total: number; page: number; pages: number; items: Row[]; truncated: boolean };
  try {
    data = await api(`/console/api/items?${params}`);
    if (mine !== generation) return;
  } catch (err) {
    showToast({ type: 'error', content: (err as Error).message });
    return;
  }
  const th = (key: string, label: string) =>
    `<th><button type="button" class="sort" data-sort="${key}">${label}${query.sort === key ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ''}</button></th>`;
  shell(`<form id="filters" class="filters" onsubmit="return false">
      <select name="unit">${options(info.units.map((u) => [u.id, u.name]), query.unit, '全部单位')}</select>
      <select name="state">${options(Object.entries(l.states), query.state, '全部状态')}</select>
      <select name="light">${options([['red', '红灯'], ['yellow', '黄灯'], ['green', '绿灯']], query.light, '全部灯')}</select>
      <select name="source">${options(Object.entries(l.sources), query.source, '全部来源')}</select>
      <select name="mode">${options(Object.entries(l.modes), query.mode, '全部方式')}</select>
      <input name="year" type="number" min="2000" max="2100" placeholder="年度" value="${escapeHtml(query.year)}">
      <input name="keyword" maxlength="50" placeholder="标题关键词" value="${escapeHtml(query.keyword)}">
      <button type="submit" id="apply" class="primary">筛选</button></form>
    ${info.features.exports.map((e) => `<a class="button export" href="${escapeHtml(e.href)}?${exportParams()}" download>${escapeHtml(e.label)}</a>`).join('')}
    <p class="count">共 <b id="total">${data.total}</b> 项${data.truncated ? '（事项过多，只读取了前 5000 项，请缩小筛选范围）' : ''}</p>
    <table class="ledger"><thead><tr>${th('number', '编号')}${th('title', '事项')}${th('unit', '主办单位')}${th('state', '状态')}${th('deadline', '截止')}${th('light', '灯')}<th>方式</th></tr></thead>
    <tbody>${data.items
      .map(
        (r) => `<tr data-id="${r.id}"><td>${escapeHtml(r.number)}</td><td><a href="#/item/${r.id}">${escapeHtml(r.title)}</a>${r.important ? ' <span class="text-tag tag-red">重要</span>' : ''}${r.confidential ? ' <span class="text-tag tag-neutral">保密</span>' : ''}</td>
        <td>${escapeHtml(r.unit)}</td><td>${escapeHtml(r.stateLabel)}</td><td>${escapeHtml(r.deadline)}</td><td title="${escapeHtml(r.lightText)}">${LIGHT_DOT[r.light] ?? ''} ${escapeHtml(r.lightText)}</td><td>${escapeHtml(r.mode)}</td></tr>`,
      )
      .join('') || '<tr><td colspan="7" class="empty">没有符合条件的事项</td></tr>'}</tbody></table>
    <nav class="pager"><button type="button" data-page="${data.page - 1}" ${data.page <= 1 ? 'disabled' : ''}>上一页</button>
      <span id="page">第 ${data.page} / ${data.pages} 页</span>
      <button type="button" data-page="${data.page + 1}" ${data.page >= data.pages ? 'disabled' : ''}>下一页</button></nav>`);
  const form = document.getElementById('filters') as HTMLFormElement;
  form.addEventListener('submit', () => {
    const f = new FormData(form);
    for (const k of ['unit', 'state', 'light', 'source', 'mode', 'year', 'keyword'] as const) query[k] = String(f.get(k) ?? '');
    query.page = 1;
    void ledgerView();
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.sort')) {
    b.addEventListener('click', () => {
      const key = b.dataset.sort!;
      query.dir = query.sort === key && query.dir === 'asc' ? 'desc' : 'asc';
      query.sort = key;
      void ledgerView();
    });
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-page]')) {
    b.addEventListener('click', () => {
      query.page = Number(b.dataset.page);
      void ledgerView();
    });
  }
}

/** The ledger's filters the Excel export understands (year, unit, state). */
function exportParams(): string {
  const p = new URLSearchParams();
  if (query.year) p.set('year', query.year);
  if (query.unit) p.set('unit', query.unit);
  if (query.state) p.set('state', query.state);
  return p.toString();
}

/** 统计: the bot's statistics card for a period, drawn by the same renderer, with its chart. */
async function statsView() {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const from = (document.getElementById('stats-from') as HTMLInputElement | null)?.value || `${today.slice(0, 4)}-01-01`;
  const to = (document.getElementById('stats-to') as HTMLInputElement | null)?.value || '';
  const mine = ++generation;
  let data: { from: string; to: string; card: unknown };
  try {
    data = await api(`/console/api/stats?from=${encodeURIComponent(from)}${to ? `&to=${encodeURIComponent(to)}` : ''}`);
    if (mine !== generation) return;
  } catch (err) {
    shell(`<p class="empty">${escapeHtml((err as Error).message)}</p>`);
    return;
  }
  const r = renderCard(data.card, { readOnly: true });
  shell(`<h1>督办统计</h1><form id="stats-form" class="filters" onsubmit="return false"><input type="date" id="stats-from" value="${escapeHtml(data.from)}"> 至 <input type="date" id="stats-to" value="${escapeHtml(data.to)}"><button type="submit" class="primary">统计</button></form><div id="stats-card" class="stats-card">${r.html}</div>`);
  drawCharts(document.getElementById('stats-card')!, r.charts);
  document.getElementById('stats-form')!.addEventListener('submit', () => void statsView());
}

type Detail = {
  item: Record<string, unknown> & { number: string; title: string; stateLabel: string; leadUnit: string; coopUnits: string[]; leader: string; deadline: string; lightText: string; light: string; sourceLabels: string[]; requirements: string; modeLabel: string };
  history: Array<{ at: string; actor: string; action: string; channel: string; note?: string | null }>;
  progress: Array<{ createdAt: string; reporter: string; text: string; channel: string }>;
  extensions: Array<{ reason: string; proposedDeadline: string; status?: string; decision?: string }>;
  files: Array<{ id: number; name: string; kind: string; bytes: number }>;
  cards: Array<{ id: number; purpose: string; sentAt: string | null; card: unknown }>;
  canReport: boolean;
};

const time = (iso: string) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

async function itemView(id: number) {
  const mine = ++generation;
  let d: Detail;
  try {
    d = await api(`/console/api/items/${id}`);
    if (mine !== generation) return;
  } catch (err) {
    shell(`<p class="empty">${escapeHtml((err as Error).message)}</p><p><a href="#/">返回台账</a></p>`);
    return;
  }
  const i = d.item;
  const fact = (k: string, v: string) => (v ? `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>` : '');
  const cards = d.cards.map((c) => ({ ...c, r: renderCard(c.card, { readOnly: true }) }));
  shell(`<p><a href="#/">← 返回台账</a></p><h1 id="item-title">${escapeHtml(i.number)} ${escapeHtml(i.title)}</h1>
    <dl class="facts">${fact('状态', i.stateLabel)}${fact('主办单位', i.leadUnit)}${fact('协办单位', i.coopUnits.join('、'))}${fact('分管校领导', i.leader)}
      ${fact('截止', `${i.deadline}　${LIGHT_DOT[i.light] ?? ''} ${i.lightText}`)}${fact('督办方式', i.modeLabel)}${fact('来源', i.sourceLabels.join('；'))}${fact('工作要求', String(i.requirements ?? ''))}</dl>
    ${d.canReport ? `<section><h2>填报进展</h2><textarea id="progress-text" maxlength="2000" rows="3" placeholder="本阶段进展"></textarea><button type="button" id="progress-go" class="primary">提交进展</button></section>` : ''}
    <section><h2>办理记录</h2><table class="history"><tbody>${d.history.map((h) => `<tr><td>${time(h.at)}</td><td>${escapeHtml(h.actor)}</td><td>${escapeHtml(h.action)}</td><td>${escapeHtml(h.note ?? '')}</td><td class="muted">${escapeHtml(h.channel)}</td></tr>`).join('')}</tbody></table></section>
    <section><h2>进展</h2>${d.progress.map((p) => `<div class="progress"><span class="muted">${time(p.createdAt)} ${escapeHtml(p.reporter)}</span> ${escapeHtml(p.text)}</div>`).join('') || '<p class="muted">暂无</p>'}</section>
    <section><h2>延期</h2>${d.extensions.map((e) => `<div>${escapeHtml(e.proposedDeadline)}：${escapeHtml(e.reason)} <span class="muted">${escapeHtml(e.status ?? e.decision ?? '')}</span></div>`).join('') || '<p class="muted">暂无</p>'}</section>
    <section><h2>证明材料</h2>${d.files.map((f) => `<div>📎 <a class="evidence" href="/console/api/items/${id}/files/${f.id}" download>${escapeHtml(f.name)}</a> <span class="muted">${Math.ceil(f.bytes / 1024)} KB</span></div>`).join('') || '<p class="muted">暂无</p>'}</section>
    <section><h2>已发送的卡片</h2><div class="sent-cards">${cards.map((c) => `<div class="sent-card" data-card="${c.id}"><div class="muted">${time(c.sentAt ?? '')} · ${escapeHtml(c.purpose)}</div>${c.r.html}</div>`).join('') || '<p class="muted">暂无</p>'}</div></section>`);
  for (const c of cards) {
    const el = document.querySelector(`[data-card="${c.id}"]`);
    if (el && c.r.charts.length) drawCharts(el, c.r.charts);
  }
  document.getElementById('progress-go')?.addEventListener('click', async () => {
    const text = (document.getElementById('progress-text') as HTMLTextAreaElement).value;
    try {
      await api(`/console/api/items/${id}/progress`, { text });
      showToast({ type: 'success', content: '进展已记录' });
      await itemView(id);
    } catch (err) {
      showToast({ type: 'error', content: (err as Error).message });
    }
  });
}

async function route() {
  if (!info.me) return loginView();
  const m = /^#\/item\/(\d+)$/.exec(location.hash);
  if (m) return itemView(Number(m[1]));
  if (location.hash === '#/stats' && info.features.stats) return statsView();
  return ledgerView();
}

async function start() {
  info = await api<Me>('/console/api/me');
  await route();
}

window.addEventListener('hashchange', () => void route());
void start().catch((err) => showToast({ type: 'error', content: (err as Error).message }));
