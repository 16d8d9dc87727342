/** Cards not about one item: lists, errors and help. */
import type { Item } from '../domain/item';
import { STATE_LABELS } from '../domain/item';
import { LIGHT_COLOR, LIGHT_EMOJI, clip, deadlineText, fitCard, formatDate, statusOf } from './format';
import { HELP_COMMANDS } from './help-text';
import { inline } from './item-view';
import { renderCard } from './templates';
import type { Card, CardContext } from './types';

export const LIST_ROWS = 30;

/**
 * Items with their lights, number, title, lead unit and working days left or overdue; at most LIST_ROWS rows.
 * `hidden`: how many confidential items were left out because the list is shown in a group chat.
 */
export function listCard(title: string, items: Item[], c: CardContext, hidden = 0): Card {
  const statuses = items.map((i) => statusOf(i, c));
  const overdue = statuses.filter((s) => s.light === 'red').length;
  const soon = statuses.filter((s) => s.light === 'yellow').length;
  const shown = items.slice(0, LIST_ROWS);
  const subtitle = [`共 ${items.length} 项`, overdue ? `逾期 ${overdue} 项` : '', soon ? `临期 ${soon} 项` : '']
    .filter(Boolean)
    .join(' · ');
  return fitCard((k) =>
    renderCard('list', {
      title: inline(title, 40) || '督办事项',
      subtitle,
      count: items.length,
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
