/** Cards not about one item: lists, errors and help. */
import type { DeadlineStatus } from '../domain/deadline';
import type { Item } from '../domain/item';
import { STATE_LABELS } from '../domain/item';
import { LIGHT_COLOR, LIGHT_EMOJI, clip, deadlineText, fitCard, formatDate, statusOf } from './format';
import { HELP_COMMANDS } from './help-text';
import { inline } from './item-view';
import { renderCard } from './templates';
import type { ButtonValue, Card, CardContext } from './types';

export const LIST_ROWS = 30;

/** A list shown a page at a time (`/督办 列表`): which page, of how many, and what its page buttons carry. */
export interface ListPaging {
  /** 1-based, at most `pages`. */
  page: number;
  pages: number;
  /** Items on all pages together. */
  total: number;
  /** The conditions in words (红灯 · 单位 教务处 · 关键词“培养方案”), '' for none. */
  filter: string;
  /** The value of the button that shows page `n`. */
  button: (n: number) => ButtonValue;
}

/**
 * Items with their lights, number, title, lead unit and working days left or overdue.
 * `hidden`: how many confidential items were left out because the list is shown in a group chat.
 * Without `paging`, at most LIST_ROWS rows and a line saying how many more there are. With it, `items` is one page:
 * the header says which page of how many and how many items in all, the conditions are shown above the rows, and
 * 首页 / 上一页 / 下一页 / 末页 buttons go to the other pages.
 */
export function listCard(title: string, items: Item[], c: CardContext, hidden = 0, paging?: ListPaging): Card {
  const shown = paging ? items : items.slice(0, LIST_ROWS);
  let statuses: DeadlineStatus[];
  let subtitle: string;
  if (paging) {
    statuses = shown.map((i) => statusOf(i, c));
    subtitle = paging.pages > 1 ? `第 ${paging.page}/${paging.pages} 页 · 共 ${paging.total} 项` : `共 ${paging.total} 项`;
  } else {
    // The header counts every item's light; the shown rows are the first items, so theirs are not asked again.
    const all = items.map((i) => statusOf(i, c));
    statuses = all.slice(0, shown.length);
    const overdue = all.filter((s) => s.light === 'red').length;
    const soon = all.filter((s) => s.light === 'yellow').length;
    subtitle = [`共 ${items.length} 项`, overdue ? `逾期 ${overdue} 项` : '', soon ? `临期 ${soon} 项` : ''].filter(Boolean).join(' · ');
  }
  const nav: Array<{ label: string; value: ButtonValue }> = [];
  if (paging && paging.pages > 1) {
    const { page, pages } = paging;
    if (page > 2) nav.push({ label: '首页', value: paging.button(1) });
    if (page > 1) nav.push({ label: '上一页', value: paging.button(page - 1) });
    if (page < pages) nav.push({ label: '下一页', value: paging.button(page + 1) });
    if (page < pages - 1) nav.push({ label: '末页', value: paging.button(pages) });
  }
  return fitCard((k) =>
    renderCard('list', {
      title: inline(title, 40) || '督办事项',
      subtitle,
      count: paging ? paging.total : items.length,
      filter: inline(paging?.filter, Math.max(20, Math.floor(200 * k))),
      rows: shown.map((item, i) => {
        const s = statuses[i]!;
        return {
          id: item.id,
          v: item.version,
          light: LIGHT_EMOJI[s.light],
          color: LIGHT_COLOR[s.light],
          number: item.number,
          title: inline(item.title, Math.max(10, Math.floor(60 * k))),
          lead: inline(c.unitName(item.leadUnitId), 30),
          deadline: formatDate(item.deadline),
          text: deadlineText(s, STATE_LABELS[item.state]),
        };
      }),
      more: items.length - shown.length,
      hidden,
      nav,
    }),
  );
}

/** Something went wrong; `hint` says what to do about it. */
export function errorCard(message: string, hint?: string): Card {
  return renderCard('error', { message: clip(message, 1000) || '未知错误', hint: clip(hint, 500) });
}

/** A short informational message, e.g. after binding a chat. Plain text: markdown in `message` shows as typed. */
export function noticeCard(title: string, message: string): Card {
  return renderCard('notice', { title: inline(title, 60) || '督办助手', message: clip(message, 2000) || '—' });
}

/** Every command with an example; `problem` (e.g. an unknown command) is shown in red at the top. */
export function helpCard(problem?: string): Card {
  return renderCard('help', { problem: inline(problem, 300), commands: HELP_COMMANDS });
}
