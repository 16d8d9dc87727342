import type { CardContext } from '../cards/cards';
import type { WorkCalendar } from '../domain/calendar';
import type { DbOrTx } from '../db/client';
import { listUnits, personNamer } from '../db/org-repository';

/**
 * Names for cards, read once per use: unit and person ids become what people recognise. A person without a known
 * name is shown by their post (教务处负责人) or as 未登记姓名的人员, never by their open_id (db/org-repository.ts).
 */
export function cardContext(db: DbOrTx, calendar: WorkCalendar, now: Date): CardContext {
  let units: Map<string, string> | null = null;
  return {
    now,
    calendar,
    unitName: (id) => (units ??= new Map(listUnits(db).map((u) => [u.id, u.name]))).get(id) ?? id,
    personName: personNamer(db),
  };
}
