import { interviewProposalCard, overdueWarningCard, reminderCard } from '../cards/cards';
import { cardContext } from '../bot/card-context';
import { CHASED_STATES, type ChaseKind } from '../domain/chase-ladder';
import type { WorkCalendar } from '../domain/calendar';
import type { Db } from '../db/client';
import { STATE_LABELS } from '../domain/item';
import { findItem } from '../db/item-repository';
import type { OutboxRow } from '../messenger/outbox';
import type { ScheduleConfig } from './schedule-config';

/** What the sweep records for a chase card; the card itself is drawn when the message is sent. */
export interface ChaseCardRef {
  card: 'chase';
  kind: ChaseKind;
  forLeader?: boolean;
  periodDue?: string;
}

/**
 * Draws a chase card for the outbox at send time. The sweep writes only this small description with each
 * message (a day's sweep can plan tens of thousands), and the card shows the item as it is when it goes out. Text
 * about days left is as of the moment the step was planned, so a retried card says what the step said.
 *
 * A day's reminders can take half an hour to go out at Feishu's 1000 a minute. An item submitted, closed or put on
 * hold for an extension in the meantime is no longer chased: its card is skipped, not sent.
 */
export function chaseCardRenderer(db: Db, calendar: WorkCalendar, cfg: ScheduleConfig) {
  const chases = db.$client.prepare("SELECT count(*) FROM chases WHERE item_id = ? AND recipient != 'supervisors'").pluck();
  const pendingExtension = db.$client.prepare("SELECT 1 FROM extensions WHERE item_id = ? AND status = 'pending' LIMIT 1").pluck();
  return (description: unknown, row: OutboxRow): string | { skip: string } => {
    const ref = description as ChaseCardRef;
    if (ref?.card !== 'chase') throw new Error(`unknown card description ${JSON.stringify(description)}`);
    const item = row.itemId ? findItem(db, row.itemId) : null;
    if (!item) throw new Error(`item ${row.itemId} not found`);
    if (!CHASED_STATES.includes(item.state)) return { skip: `事项${item.number}当前为“${STATE_LABELS[item.state]}”，不再催办` };
    if (pendingExtension.get(item.id)) return { skip: `事项${item.number}有待审批的延期申请，催办暂停` };
    if (ref.kind === 'unclaimed' && item.state !== 'assigned') return { skip: `事项${item.number}已认领，不再提醒认领` };
    const c = { ...cardContext(db, calendar, new Date(row.createdAt)), yellowWithin: cfg.yellowWithin };
    const n = () => chases.get(item.id) as number;
    switch (ref.kind) {
      case 'warning':
        return JSON.stringify(overdueWarningCard(item, c, { chases: n(), forLeader: !!ref.forLeader }));
      case 'interview_proposal':
        return JSON.stringify(interviewProposalCard(item, c, { chases: n() }));
      case 'unclaimed':
      case 'due_soon':
      case 'due_today':
      case 'overdue':
      case 'progress_request':
        return JSON.stringify(reminderCard(item, c, ref.kind, ref.periodDue ? { periodDue: ref.periodDue } : undefined));
      default:
        throw new Error(`no card for chase kind ${ref.kind}`);
    }
  };
}
