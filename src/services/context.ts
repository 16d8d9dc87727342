import type { Actor } from '../domain/actor';
import type { WorkCalendar } from '../domain/calendar';
import type { Command, CommandType } from '../domain/commands';
import type { Item } from '../domain/item';
import type { Db, Tx } from '../db/client';
import type { Channel } from '../db/history-repository';

/** Something that happened to an item, handed to the sink inside the transaction that made it happen. */
export interface ItemEvent {
  /** `merge_in`: a registration's source joined this open item (合并 at registration). */
  type: CommandType | 'register' | 'merge_in';
  item: Item;
  before: Item | null;
  actor: Actor;
  channel: Channel;
  command: Command | null;
  now: Date;
}

/**
 * Where events go. `record` runs inside the transaction (so messages to send are written with the change, or not
 * at all); `afterCommit` runs once the transaction is durable (to wake the sender).
 */
export interface EventSink {
  record(tx: Tx, event: ItemEvent): void;
  afterCommit?(): void;
}

export const noEvents: EventSink = { record() {} };

export interface ServiceContext {
  db: Db;
  calendar: WorkCalendar;
  events: EventSink;
}
