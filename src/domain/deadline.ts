import type { WorkCalendar } from './calendar';
import { chinaDate } from './dates';
import { type ItemState, isOpen } from './item';

export type Light = 'green' | 'yellow' | 'red' | 'none';

export interface DeadlineStatus {
  light: Light;
  /** Working days left until the deadline (0 on the day), or negative: working days overdue. */
  workdays: number;
  overdue: boolean;
  text: string;
}

export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '—' };

/**
 * The deadline light (红黄绿灯). An item is overdue from the day after its deadline; yellow when the deadline is
 * at most `yellowWithin` working days away. Closed and withdrawn items have no light.
 */
export function deadlineStatus(
  item: { state: ItemState; deadline: string },
  now: Date,
  cal: WorkCalendar,
  yellowWithin = 3,
): DeadlineStatus {
  if (!isOpen(item.state)) return { light: 'none', workdays: 0, overdue: false, text: '' };
  const today = chinaDate(now);
  if (today > item.deadline) {
    const late = cal.workdaysBetween(item.deadline, today);
    return {
      light: 'red',
      workdays: late > 0 ? -late : 0,
      overdue: true,
      text: late > 0 ? `逾期 ${late} 个工作日` : '已逾期',
    };
  }
  const left = cal.workdaysBetween(today, item.deadline);
  return {
    light: left <= yellowWithin ? 'yellow' : 'green',
    workdays: left,
    overdue: false,
    text: today === item.deadline ? '今日到期' : `剩余 ${left} 个工作日`,
  };
}
