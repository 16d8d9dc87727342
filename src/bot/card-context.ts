import type { CardContext } from '../cards/cards';
import type { WorkCalendar } from '../domain/calendar';
import type { DbOrTx } from '../db/client';
import { personNamer, unitNamer } from '../db/org-repository';

/**
 * Names for cards, from the organisation held in memory (no map built per card): unit and person ids become what
 * people recognise. A person without a known name is shown by their post (教务处负责人) or as 未登记姓名的人员, never
 * by their open_id (db/org-repository.ts).
 */
export function cardContext(db: DbOrTx, calendar: WorkCalendar, now: Date): CardContext {
  return { now, calendar, unitName: unitNamer(db), personName: personNamer(db) };
}
