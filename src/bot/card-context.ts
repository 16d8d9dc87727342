import type { CardContext } from '../cards/cards';
import type { WorkCalendar } from '../domain/calendar';
import type { DbOrTx } from '../db/client';
import { listPeople, listUnits } from '../db/org-repository';

/** Names for cards, read once per use: unit and person ids become what people recognise. */
export function cardContext(db: DbOrTx, calendar: WorkCalendar, now: Date): CardContext {
  let units: Map<string, string> | null = null;
  let people: Map<string, string> | null = null;
  return {
    now,
    calendar,
    unitName: (id) => (units ??= new Map(listUnits(db).map((u) => [u.id, u.name]))).get(id) ?? id,
    personName: (id) => (people ??= new Map(listPeople(db).map((p) => [p.id, p.name]))).get(id) ?? id,
  };
}
