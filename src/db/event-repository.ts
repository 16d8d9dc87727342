import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Remembers a verified event's id. False when it was already recorded (a Feishu re-delivery or a replay). Called in
 * the transaction of the work the event causes, so the id is recorded exactly when the work is.
 */
export function recordEvent(tx: DbOrTx, eventId: string, eventType: string, at: string): boolean {
  const r = tx.run(sql`INSERT INTO processed_events (event_id, event_type, received_at) VALUES (${eventId}, ${eventType}, ${at})
    ON CONFLICT (event_id) DO NOTHING`);
  return r.changes > 0;
}
