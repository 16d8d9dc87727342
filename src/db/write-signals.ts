/**
 * What this process has written that a background writer answers: a per-connection counter per kind, bumped by
 * the repository function that inserts the row (inside the transaction). The writers are woken after every event;
 * each used to run its query (the downloader an empty write transaction) every time, finding nothing on nearly
 * every click. Now a wake looks at its counters and runs only when one moved since its last run, as the outbox
 * worker does (messenger/outbox.ts). Rows written by another process (the `tick` CLI) or left by a crash are
 * not counted here: the writers' start-up run and their periodic runs (kick) find those.
 *
 * A counter bumped in a transaction that then rolls back costs one needless run, never a missed row.
 */
import type { DbOrTx } from './client';
import { clientOf } from './prepared';

export type WrittenKind =
  /** An audit row of no item: a request for a document, a statistics workbook, or anything else filed by no item. */
  | 'request'
  /** An escalation step (a 约谈通知单 or 问责 referral needing its file). */
  | 'escalation'
  /** A 督查通报 draft (needing its Word file). */
  | 'bulletin'
  /** A file someone sent, to fetch. */
  | 'inbound';

const counts = new WeakMap<object, Map<WrittenKind, number>>();

export function noteWritten(db: DbOrTx, kind: WrittenKind): void {
  const c = clientOf(db);
  let m = counts.get(c);
  if (!m) counts.set(c, (m = new Map()));
  m.set(kind, (m.get(kind) ?? 0) + 1);
}

const written = (db: DbOrTx, kind: WrittenKind): number => counts.get(clientOf(db))?.get(kind) ?? 0;

/**
 * A writer's view of its kinds: `moved()` is true when a row of one of them was written since the last time it
 * said true (and true the first time, so the first wake runs).
 */
export class WriteGate {
  private seen = -1;
  constructor(
    private readonly db: DbOrTx,
    private readonly kinds: WrittenKind[],
  ) {}

  moved(): boolean {
    let n = 0;
    for (const k of this.kinds) n += written(this.db, k);
    if (n === this.seen) return false;
    this.seen = n;
    return true;
  }
}
