/**
 * The chat simulator: be anyone in the organisation, see their private chat with the bot and their units' group
 * chats, type, quote, click and fill forms. Typing and clicking go to /sim/api/say and /sim/api/click, which build
 * the same events Feishu would and hand them to the same dispatcher; the bot's messages arrive over server-sent
 * events. Cards are drawn by card-render.ts from the JSON the bot sent.
 */
import { api, drawCharts, escapeHtml, showToast } from './common';
import { renderCard } from './card-render';

interface Person {
  id: string;
  name: string;
  posts: string[];
  groups: Array<{ chatId: string; unitName: string }>;
}
interface Chat {
  chatId: string;
  kind: 'p2p' | 'group';
  title: string;
}
interface Message {
  messageId: string;
  chatId: string;
  sender: string;
  msgType: string;
  content: Record<string, unknown>;
  at: string;
  parentId?: string;
  version: number;
}

const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;
const state = {
  people: [] as Person[],
  me: '' as string,
  chats: [] as Chat[],
  chat: '' as string,
  messages: new Map<string, Message>(),
  quote: null as string | null,
  stream: null as EventSource | null,
  now: '',
};

const nameOf = (id: string) => (id === 'bot' ? '督办助手' : (state.people.find((p) => p.id === id)?.name ?? id));
const beijing = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
};
const weekday = (iso: string) => '日一二三四五六'[new Date(new Date(iso).getTime() + 8 * 3600_000).getUTCDay()];

function snippet(m: Message | undefined): string {
  if (!m) return '（原消息）';
  if (m.msgType === 'text') return String(m.content.text ?? '').slice(0, 40);
  if (m.msgType === 'interactive') {
    const h = (m.content.header as { title?: { content?: string } } | undefined)?.title?.content;
    return `[卡片] ${h ?? ''}`;
  }
  return `[${m.msgType}]`;
}

function messageHtml(m: Message): string {
  const mine = m.sender === state.me;
  const quote = m.parentId ? `<div class="quote">回复 ${escapeHtml(snippet(state.messages.get(m.parentId)))}</div>` : '';
  let body: string;
  if (m.msgType === 'interactive') body = renderCard(m.content).html;
  else if (m.msgType === 'text') body = `<div class="bubble">${escapeHtml(m.content.text).replace(/\n/g, '<br>')}</div>`;
  else if (m.msgType === 'file') {
    const key = String(m.content.file_key ?? '');
    body = `<div class="bubble file">📎 <a href="/sim/api/files/${encodeURIComponent(key)}" download>${escapeHtml(m.content.file_name ?? '文件')}</a></div>`;
  } else body = `<div class="bubble">[${escapeHtml(m.msgType)}]</div>`;
  return `<div class="msg ${mine ? 'mine' : ''} ${m.sender === 'bot' ? 'bot' : ''}" data-message-id="${escapeHtml(m.messageId)}" data-version="${m.version}">
    <div class="meta"><span class="who">${escapeHtml(nameOf(m.sender))}</span> <span class="at">${beijing(m.at)}</span>
      <button type="button" class="reply-link" data-quote="${escapeHtml(m.messageId)}">回复</button></div>
    ${quote}${body}</div>`;
}

function drawMessage(el: Element, m: Message) {
  const card = m.msgType === 'interactive' ? renderCard(m.content) : null;
  el.outerHTML = messageHtml(m);
  if (card?.charts.length) {
    const fresh = document.querySelector(`[data-message-id="${CSS.escape(m.messageId)}"]`);
    if (fresh) drawCharts(fresh, card.charts);
  }
}

function drawChat() {
  const list = $('#messages');
  const mine = [...state.messages.values()].filter((m) => m.chatId === state.chat);
  list.innerHTML = mine.map(messageHtml).join('') || '<div class="empty">还没有消息。输入 <code>/督办 帮助</code> 试试。</div>';
  for (const m of mine) {
    if (m.msgType !== 'interactive') continue;
    const { charts } = renderCard(m.content);
    const el = list.querySelector(`[data-message-id="${CSS.escape(m.messageId)}"]`);
    if (charts.length && el) drawCharts(el, charts);
  }
  list.scrollTop = list.scrollHeight;
  for (const c of document.querySelectorAll('.chat-item')) c.classList.toggle('active', (c as HTMLElement).dataset.chat === state.chat);
  const chat = state.chats.find((c) => c.chatId === state.chat);
  $('#chat-title').textContent = chat ? chat.title : '';
}

function drawChats() {
  $('#chats').innerHTML = state.chats
    .map((c) => `<button type="button" class="chat-item" data-chat="${escapeHtml(c.chatId)}">${c.kind === 'p2p' ? '🤖' : '👥'} ${escapeHtml(c.title)}<span class="unread" data-unread="${escapeHtml(c.chatId)}"></span></button>`)
    .join('');
}

function drawClock() {
  if (!state.now) return;
  $('#clock-now').textContent = `${beijing(state.now)} 星期${weekday(state.now)}`;
}

function upsert(m: Message, live: boolean) {
  const had = state.messages.get(m.messageId);
  if (had && had.version >= m.version) return;
  state.messages.set(m.messageId, m);
  if (m.chatId !== state.chat) {
    if (live && !had) {
      const badge = document.querySelector(`[data-unread="${CSS.escape(m.chatId)}"]`);
      if (badge) badge.textContent = String(Number(badge.textContent || '0') + 1);
    }
    return;
  }
  const el = document.querySelector(`[data-message-id="${CSS.escape(m.messageId)}"]`);
  if (el) drawMessage(el, m);
  else {
    const list = $('#messages');
    list.querySelector('.empty')?.remove();
    list.insertAdjacentHTML('beforeend', messageHtml(m));
    const card = m.msgType === 'interactive' ? renderCard(m.content) : null;
    const fresh = list.lastElementChild;
    if (card?.charts.length && fresh) drawCharts(fresh, card.charts);
    list.scrollTop = list.scrollHeight;
  }
}

async function become(id: string) {
  state.me = id;
  localStorage.setItem('duban-sim-person', id);
  state.stream?.close();
  document.body.removeAttribute('data-live');
  // The stream first, then the chats as they are: nothing sent in between is missed (an update is applied once).
  const es = new EventSource(`/sim/api/stream?as=${encodeURIComponent(id)}`);
  state.stream = es;
  const opened = new Promise<void>((resolve) => es.addEventListener('open', () => resolve(), { once: true }));
  es.addEventListener('message', (e) => state.me === id && upsert(JSON.parse((e as MessageEvent).data), true));
  es.addEventListener('update', (e) => state.me === id && upsert(JSON.parse((e as MessageEvent).data), true));
  es.addEventListener('clock', (e) => {
    state.now = JSON.parse((e as MessageEvent).data).now;
    drawClock();
  });
  await opened;
  const r = await api<{ chats: Chat[]; messages: Message[]; now: string }>(`/sim/api/chats?as=${encodeURIComponent(id)}`);
  if (state.me !== id) return;
  state.chats = r.chats;
  state.now = r.now;
  const live = state.messages;
  state.messages = new Map(r.messages.map((m) => [m.messageId, m]));
  for (const m of live.values()) if (m.version > (state.messages.get(m.messageId)?.version ?? Infinity)) state.messages.set(m.messageId, m);
  state.chat = r.chats[0]!.chatId;
  state.quote = null;
  drawQuote();
  drawChats();
  drawChat();
  drawClock();
  const me = state.people.find((p) => p.id === id);
  $('#me-posts').textContent = me ? me.posts.join('、') : '';
  document.body.setAttribute('data-person', id);
  document.body.setAttribute('data-live', 'yes');
}

function drawQuote() {
  const q = state.quote ? state.messages.get(state.quote) : undefined;
  $('#quote').innerHTML = q ? `回复：${escapeHtml(snippet(q))} <button type="button" id="quote-cancel" title="取消引用">×</button>` : '';
  $('#quote').hidden = !q;
}

async function say() {
  const input = $<HTMLTextAreaElement>('#text');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const parentId = state.quote ?? undefined;
  state.quote = null;
  drawQuote();
  try {
    await api('/sim/api/say', { as: state.me, chatId: state.chat, text, ...(parentId ? { parentId } : {}) });
  } catch (err) {
    showToast({ type: 'error', content: (err as Error).message });
  }
}

/** Sends a file as the person (evidence, a revised 通报), quoting the card being replied to if any. */
async function sendFile(file: File) {
  if (file.size > 10 * 1024 * 1024) return showToast({ type: 'error', content: '模拟器中发送的文件最大 10 MB' });
  const base64 = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('读取文件失败'));
    r.readAsDataURL(file);
  });
  const parentId = state.quote ?? undefined;
  state.quote = null;
  drawQuote();
  try {
    await api('/sim/api/file', { as: state.me, chatId: state.chat, name: file.name, base64, ...(parentId ? { parentId } : {}) });
  } catch (err) {
    showToast({ type: 'error', content: (err as Error).message });
  }
}

/** The form's fields as Feishu's form_value: inputs by name, dates as "YYYY-MM-DD +0800", multi-selects as arrays. */
function formValue(form: HTMLFormElement): { value: Record<string, unknown>; missing: boolean } {
  const value: Record<string, unknown> = {};
  let missing = false;
  for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input[name], textarea[name], select[name]')) {
    let v: unknown;
    if (el instanceof HTMLSelectElement && el.multiple) v = [...el.selectedOptions].map((o) => o.value);
    else if (el.dataset.date !== undefined) v = el.value ? `${el.value} +0800` : '';
    else v = el.value;
    const empty = v === '' || (Array.isArray(v) && v.length === 0);
    el.classList.toggle('invalid', empty && el.dataset.required !== undefined);
    if (empty && el.dataset.required !== undefined) missing = true;
    if (!empty) value[el.name] = v;
  }
  return { value, missing };
}

async function click(button: HTMLButtonElement) {
  const msg = button.closest<HTMLElement>('[data-message-id]');
  if (!msg || !button.dataset.value) return;
  if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
  let form: Record<string, unknown> | undefined;
  if (button.dataset.submit !== undefined) {
    const f = button.closest('form');
    if (f) {
      const r = formValue(f);
      if (r.missing) return showToast({ type: 'error', content: '请填写必填项' });
      form = r.value;
    }
  }
  button.disabled = true;
  try {
    const answer = await api<{ toast?: { type: string; content: string }; card?: { data: Record<string, unknown> } }>('/sim/api/click', {
      as: state.me,
      messageId: msg.dataset.messageId,
      value: JSON.parse(button.dataset.value),
      ...(button.dataset.name ? { name: button.dataset.name } : {}),
      ...(form ? { formValue: form } : {}),
    });
    if (answer.toast) showToast(answer.toast);
  } catch (err) {
    showToast({ type: 'error', content: (err as Error).message });
  } finally {
    button.disabled = false;
  }
}

async function moveClock(body: { at: string } | { next: 'workday' }) {
  const r = await api<{ now: string; runs: unknown[] }>('next' in body ? '/sim/api/clock/next-workday' : '/local/clock', 'next' in body ? {} : body);
  state.now = r.now;
  drawClock();
  showToast({ type: 'info', content: `时间已调到 ${beijing(r.now)}，运行定时任务 ${r.runs.length} 次` });
}

async function main() {
  const r = await api<{ people: Person[]; now: string }>('/sim/api/people');
  state.people = r.people;
  state.now = r.now;
  const select = $<HTMLSelectElement>('#person');
  select.innerHTML = r.people.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)} · ${escapeHtml(p.posts.join('、'))}</option>`).join('');
  const saved = new URLSearchParams(location.search).get('as') ?? localStorage.getItem('duban-sim-person');
  const first = r.people.find((p) => p.id === saved) ?? r.people[0];
  if (!first) {
    $('#messages').innerHTML = '<div class="empty">组织架构是空的：请设置 ORG_FILE，或用空数据库启动以载入 examples/org.yaml。</div>';
    return;
  }
  select.value = first.id;
  select.addEventListener('change', () => void become(select.value));
  await become(first.id);

  document.addEventListener('click', (e) => {
    const t = e.target as HTMLElement;
    const chat = t.closest<HTMLElement>('.chat-item');
    if (chat) {
      state.chat = chat.dataset.chat!;
      const badge = chat.querySelector('.unread');
      if (badge) badge.textContent = '';
      drawChat();
      return;
    }
    const quote = t.closest<HTMLElement>('[data-quote]');
    if (quote) {
      state.quote = quote.dataset.quote!;
      drawQuote();
      $('#text').focus();
      return;
    }
    if (t.id === 'quote-cancel') {
      state.quote = null;
      drawQuote();
      return;
    }
    const button = t.closest<HTMLButtonElement>('.card button.el-button');
    if (button) {
      if (button.dataset.reset !== undefined) button.closest('form')?.reset();
      else void click(button);
    }
  });
  $('#send').addEventListener('click', () => void say());
  const fileInput = $<HTMLInputElement>('#file');
  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    fileInput.value = '';
    if (f) void sendFile(f);
  });
  $<HTMLTextAreaElement>('#text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void say();
    }
  });
  const plus = (days: number) => () => void moveClock({ at: new Date(new Date(state.now).getTime() + days * 86_400_000).toISOString() });
  $('#clock-day').addEventListener('click', plus(1));
  $('#clock-week').addEventListener('click', plus(7));
  $('#clock-workday').addEventListener('click', () => void moveClock({ next: 'workday' }));
  $('#clock-go').addEventListener('click', () => {
    const v = $<HTMLInputElement>('#clock-date').value;
    if (v) void moveClock({ at: v });
  });
}

void main().catch((err) => showToast({ type: 'error', content: String((err as Error).message) }));
