/** What the simulator and the console share: calls to the server, toasts as Feishu shows them, charts. */
import VChart from '@visactor/vchart';
import { escapeHtml } from './card-render';

export { escapeHtml };

/** GET without a body, POST (JSON) with one; a non-2xx answer throws its `error` text. */
export async function api<T = unknown>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, body === undefined ? { credentials: 'same-origin' } : { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(data.error ?? `请求失败（${res.status}）`);
  return data as T;
}

/** A card callback's toast, as the Feishu client shows it: a short message at the top that fades. */
export function showToast(t: { type?: string; content: string }) {
  let box = document.getElementById('toasts');
  if (!box) {
    box = document.createElement('div');
    box.id = 'toasts';
    document.body.append(box);
  }
  const el = document.createElement('div');
  el.className = `toast toast-${/^(success|error|warning|info)$/.test(t.type ?? '') ? t.type : 'info'}`;
  el.textContent = t.content;
  box.append(el);
  setTimeout(() => el.remove(), 4000);
}

/** Draws each chart element of a card with VChart, the library whose spec card JSON 2.0 `chart` takes. */
export function drawCharts(root: Element, specs: unknown[]) {
  for (const el of root.querySelectorAll<HTMLElement>('.el-chart[data-chart]')) {
    const spec = specs[Number(el.dataset.chart)];
    if (!spec || typeof spec !== 'object') continue;
    try {
      new VChart(spec as ConstructorParameters<typeof VChart>[0], { dom: el, animation: false }).renderSync();
    } catch (err) {
      el.textContent = `图表无法绘制：${(err as Error).message}`;
      el.classList.add('unknown-element');
    }
  }
}
