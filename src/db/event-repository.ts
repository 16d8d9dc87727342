import type { DbOrTx } from './client';
import { statement } from './prepared';

/**
 * Remembers a verified event's id. False when it was already recorded (a Feishu re-delivery or a replay). Called in
 * the transaction of the work the event causes, so the id is recorded exactly when the work is.
 */
export function recordEvent(tx: DbOrTx, eventId: string, eventType: string, at: string): boolean {
  const r = statement(tx, 'INSERT INTO processed_events (event_id, event_type, received_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING').run(
    eventId,
    eventType,
    at,
  );
  return r.changes > 0;
}
