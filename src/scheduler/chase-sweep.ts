import { type ChaseKind, type ChaseStep, type LadderConfig, type LadderItem, ladderAt, mostUrgent } from '../domain/chase-ladder';
import { chinaDate } from '../domain/dates';
import { quietNotBefore } from '../domain/quiet-hours';
import type { BatchEntryRef, ChaseBatchRef, ChaseCardRef } from './chase-card-render';
import type { Db } from '../db/client';
import { findUnit, peopleWithRole } from '../db/org-repository';
import {
  CHASE_ROWS_PER_INSERT,
  countOpenItems,
  insertAutomaticChases,
  itemsWithPendingExtension,
  lastItemId,
  recordedChases,
  sweepRows,
} from '../db/sweep-repository';
import { bulkEnqueuer, personAddress } from '../messenger/outbox-queue';
import { planEscalationProposals } from './escalation-proposals';
import type { WorkCalendar } from '../domain/calendar';
import type { ScheduleConfig } from './schedule-config';

export interface SweepResult {
  date: string;
  skipped?: string;
  /** Open items (assigned or in progress) when the sweep began: every one is looked at, about half of them by SQLite alone. */
  scanned: number;
  /** Steps found due (including ones already done by an earlier sweep). */
  due: number;
  /** New chase records written now. */
  recorded: number;
  /** Messages planned now (written to the outbox): at most one per person per sweep. */
  planned: number;
  /** Set when the sweep ran in quiet hours: what it planned waits until then (ISO instant). */
  notBefore?: string;
  byKind: Partial<Record<ChaseKind, number>>;
  /** 二级约谈建议 / 问责移交建议 cards planned now (scheduler/escalation-proposals.ts). */
  escalationProposals?: number;
}

/** An item with a step due: what the writer needs to address it. */
interface DueItem {
  id: number;
  leadUnitId: string;
  leaderId: string;
}

/** How a recipient hears of a step: only recorded (a line in the supervisors' summary), or on a card. */
const RECORD = 0;
const CARD = 1;
/** The 逾期预警 as the leader in charge sees it (查看详情 only). */
const LEADER_CARD = 2;
type Hears = typeof RECORD | typeof CARD | typeof LEADER_CARD;

/** One step for one recipient. Kept small: a sweep holds one per step and person until it writes. */
interface Entry {
  itemId: number;
  kind: ChaseKind;
  key: string;
  hears: Hears;
  /** The unit head's card of a step the schedule file sends as 加急. */
  urgent?: boolean;
}

/** Ids read per query (at most this many items). */
const BATCH = 2000;

/**
 * The first deadline with no deadline step today (the parameter of the scan's MAY_BE_DUE, db/sweep-repository.ts). Those steps count the working days left (到期提醒 on each of
 * `beforeDeadline`, 今日到期 at none, 逾期 after), for ordinary and 挂牌 items alike, so a deadline on or after the
 * (largest rung + 1)-th working day from today has more days left than any rung.
 */
function deadlineHorizon(today: string, calendar: WorkCalendar, ladder: LadderConfig): string {
  const rungs = [...ladder.beforeDeadline, ...ladder.flagged.beforeDeadline];
  return calendar.addWorkdays(today, Math.max(0, ...rungs) + 1);
}

/**
 * Chase rows written per transaction (a recipient's steps are never split across two). A recipient's steps span
 * the whole ledger, so every transaction touches index pages all over the chases table, and each commit rewrites
 * the pages it touched: few, large transactions write least. A working day at 100,000 items (about 30,000 rows)
 * is one transaction, holding the write lock for a few hundred milliseconds, so clicks on cards are not kept
 * waiting; a larger day (the catch-up after a missed week) is cut into a few.
 */
const WRITE_CHUNK = 40_000;
/** Step keys per lookup of what is already recorded. */
const KEYS_PER_LOOKUP = 2000;

/**
 * One pass of the chase ladder over every open item at `now`, and one message per person for all of it.
 *
 * 1. Scan: read the open items in bounded batches (ranges of ids), decide with the pure ladder, and sort every due
 *    step by who is to hear of it. Nothing is written yet. Between batches the sweep gives the event loop a turn: at
 *    100,000 items it runs for seconds, and a card click meanwhile must still be answered within Feishu's three.
 * 2. Write, a group of recipients per transaction: for each recipient, the steps not recorded for them yet become
 *    chase rows (the record of every step, one per step and recipient) and, if any calls for a card, ONE outbox
 *    row that every one of those chase rows points at. Its card lists them all (a single item keeps its own card),
 *    drawn when it is sent (chase-card-render.ts).
 *
 * Crash-safe and idempotent: a recipient's chase rows and their message are committed together or not at all, and
 * what is already recorded is read inside the writing transaction (IMMEDIATE, so two sweeps at once serialise).
 * A sweep that died half-way leaves each person either fully planned or untouched; a re-run, or a second sweep
 * the same day, finds the (step, recipient) pairs recorded and plans nothing for them. The unique
 * (step_key, recipient) index is the last guard.
 *
 * Quiet hours (schedule `quietHours`, rest days): a sweep run at a moment when nothing automatic may go out (an odd
 * cron time, `tick --at` at night) plans as usual, with the messages waiting for the next allowed moment.
 */
export async function runChaseSweep(
  db: Db,
  calendar: WorkCalendar,
  now: Date,
  cfg: ScheduleConfig,
  /** `writeChunk`: chase rows per write transaction (tests make it small to crash between transactions). */
  opts: { writeChunk?: number } = {},
): Promise<SweepResult> {
  const date = chinaDate(now);
  const result: SweepResult = { date, scanned: 0, due: 0, recorded: 0, planned: 0, byKind: {} };
  if (!calendar.isWorkday(date)) return { ...result, skipped: '非工作日' };
  const notBefore = quietNotBefore(now, calendar, cfg.quietHours);
  if (notBefore) result.notBefore = notBefore.toISOString();
  const pending = itemsWithPendingExtension(db);
  // Read by ranges of BATCH ids. SQLite itself leaves out the items the ladder can give nothing today (about half),
  // so their rows are never built in JavaScript (db/sweep-repository.ts sweepRows).
  result.scanned = countOpenItems(db);
  const horizon = deadlineHorizon(date, calendar, cfg.ladder);
  const planner = new SweepPlanner(db, now, notBefore, new Set(cfg.urgent));
  const stepsOf = ladderAt(now, calendar, cfg.ladder);
  const item: LadderItem = {
    id: 0, state: 'assigned', deadline: '', flagged: false, assignedAt: null, claimedAt: null, progressCycle: 'none', lastProgressAt: null, hasPendingExtension: false,
  };
  // The last id is read again after each range, so an item added while the sweep runs is still read.
  for (let from = 0; from < lastItemId(db); from += BATCH) {
    const rows = sweepRows(db, from, from + BATCH, horizon);
    for (const row of rows) {
      const id = row[0];
      // One object refilled per row: the ladder keeps nothing of it (100,000 objects a sweep otherwise).
      item.id = id;
      item.state = row[1];
      item.deadline = row[2];
      item.flagged = row[3] === 1;
      item.assignedAt = row[4];
      item.claimedAt = row[5];
      item.progressCycle = row[6];
      item.lastProgressAt = row[9];
      item.hasPendingExtension = pending.has(id);
      const steps = stepsOf(item);
      if (steps.length === 0) continue;
      result.due += steps.length;
      const due: DueItem = { id, leadUnitId: row[7], leaderId: row[8] };
      for (const step of steps) planner.add(due, step);
    }
    await turn();
  }
  for (const chunk of planner.chunks(opts.writeChunk ?? WRITE_CHUNK)) {
    db.transaction(() => planner.write(chunk, result), { behavior: 'immediate' });
    await turn();
  }
  const { proposed } = planEscalationProposals(db, calendar, now, { timing: cfg.escalation, quietHours: cfg.quietHours });
  if (proposed) result.escalationProposals = proposed;
  return result;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sorts due steps by recipient, then writes each recipient's chase rows and their one message. */
class SweepPlanner {
  private readonly unitPeople = new Map<string, { head: string | null; all: string[] }>();
  private supervisors: string[] | null = null;
  /** Every recipient's entries, in the order first met (item id order). */
  private readonly byRecipient = new Map<string, Entry[]>();
  private readonly at: string;
  private readonly rowParams: unknown[] = new Array(6);
  private readonly batchParams: unknown[] = new Array(CHASE_ROWS_PER_INSERT * 6);
  private readonly enqueue;

  constructor(
    private readonly db: Db,
    private readonly now: Date,
    private readonly notBefore: Date | undefined,
    private readonly urgentKinds: ReadonlySet<ChaseKind> = new Set(),
  ) {
    this.at = now.toISOString();
    this.enqueue = bulkEnqueuer(db);
  }

  /** Who hears of a step, and how (the cards are drawn when sent: see chase-card-render.ts). */
  add(item: DueItem, step: ChaseStep) {
    const unit = this.people(item.leadUnitId);
    const tell = (to: string, hears: Hears) => {
      let list = this.byRecipient.get(to);
      if (!list) this.byRecipient.set(to, (list = []));
      // A person in two roles for one step (a leader who is also the unit head) hears of it once, in the first.
      const last = list[list.length - 1];
      if (last?.key === step.key) return;
      const urgent = hears === CARD && to === unit.head && this.urgentKinds.has(step.kind);
      const entry: Entry = { itemId: item.id, kind: step.kind, key: step.key, hears };
      if (urgent) entry.urgent = true;
      list.push(entry);
    };
    switch (step.kind) {
      case 'warning':
        if (unit.head) tell(unit.head, CARD);
        tell(item.leaderId, LEADER_CARD);
        tell('supervisors', RECORD); // a line in the supervisors' daily summary
        return;
      case 'interview_proposal':
        for (const to of this.supervisorIds()) tell(to, CARD);
        return;
      case 'progress_missed':
        tell('supervisors', RECORD);
        return;
      default:
        for (const to of unit.all) tell(to, CARD);
    }
  }

  /** Groups of whole recipients, about `size` entries each. */
  *chunks(size: number): Generator<Array<[string, Entry[]]>> {
    let chunk: Array<[string, Entry[]]> = [];
    let n = 0;
    for (const pair of this.byRecipient) {
      chunk.push(pair);
      n += pair[1].length;
      if (n >= size) {
        yield chunk;
        chunk = [];
        n = 0;
      }
    }
    if (chunk.length) yield chunk;
  }

  /** Runs inside the caller's (immediate) transaction: the prepared statements share its connection. */
  write(chunk: Array<[string, Entry[]]>, r: SweepResult) {
    const keys = new Set<string>();
    for (const [, list] of chunk) for (const e of list) keys.add(e.key);
    // Who has been told of each step already (a repeat sweep: everyone). Asked a slice of keys at a time: one JSON
    // list of a whole day's keys makes SQLite parse megabytes at once, and the process keeps what malloc took.
    const told = new Map<string, string[]>();
    // Sorted, so the lookups walk the (step_key, recipient) index in order, each page read once.
    const all = [...keys].sort();
    for (let i = 0; i < all.length; i += KEYS_PER_LOOKUP) {
      for (const [key, to] of recordedChases(this.db, JSON.stringify(all.slice(i, i + KEYS_PER_LOOKUP)))) {
        const list = told.get(key);
        if (list) list.push(to);
        else told.set(key, [to]);
      }
    }
    const rows: Array<[Entry, string, number | null]> = [];
    for (const [to, list] of chunk) {
      const fresh = told.size ? list.filter((e) => !told.get(e.key)?.includes(to)) : list;
      if (fresh.length === 0) continue;
      const carded = fresh.filter((e) => e.hears !== RECORD);
      let outboxId: number | null = null;
      if (carded.length) {
        const m = describe(carded);
        // 加急 once per item and step: the step is new to this person (`fresh`), so its message is the only one.
        if (carded.some((e) => e.urgent)) m.render.urgent = 1;
        outboxId = this.enqueue(
          { to: personAddress(to), msgType: 'interactive', content: '', render: m.render, purpose: m.purpose, itemId: m.itemId, notBefore: this.notBefore },
          this.now,
        );
        r.planned++;
      }
      for (const e of fresh) rows.push([e, to, e.hears === RECORD ? null : outboxId]);
    }
    // Written in item order, so the pages each row touches (the item it names, for the foreign key; chases_item;
    // the step-key index, keyed by kind and then item) are met in order rather than all over.
    // A working day's 31,568 rows in one transaction: in recipient order 234-264 ms, in step-key order 99-110 ms,
    // in item order 98-101 ms (and a numeric sort instead of a string one).
    rows.sort((a, b) => a[0].itemId - b[0].itemId);
    // CHASE_ROWS_PER_INSERT rows per statement. Every row is new (what is recorded was read above, in this
    // transaction, and a recipient's steps are distinct), so each is counted as written; should the unique index
    // still refuse one (the last guard), the repository answers what was written instead.
    const kinds: ChaseKind[] = [];
    for (let i = 0; i < rows.length; ) {
      const n = rows.length - i >= CHASE_ROWS_PER_INSERT ? CHASE_ROWS_PER_INSERT : 1;
      const params = n === 1 ? this.rowParams : this.batchParams;
      kinds.length = n;
      for (let j = 0, p = 0; j < n; j++) {
        const [e, to, outboxId] = rows[i + j]!;
        kinds[j] = e.kind;
        params[p++] = e.itemId;
        params[p++] = e.kind;
        params[p++] = e.key;
        params[p++] = to;
        params[p++] = this.at;
        params[p++] = outboxId;
      }
      const written = insertAutomaticChases(this.db, n, params, kinds);
      r.recorded += written.length;
      for (const k of written) r.byKind[k] = (r.byKind[k] ?? 0) + 1;
      i += n;
    }
  }

  private people(unitId: string) {
    let p = this.unitPeople.get(unitId);
    if (!p) {
      const u = findUnit(this.db, unitId);
      p = { head: u?.headId ?? null, all: [...new Set([u?.headId, ...(u?.liaisonIds ?? [])].filter((x): x is string => !!x))] };
      this.unitPeople.set(unitId, p);
    }
    return p;
  }

  private supervisorIds() {
    return (this.supervisors ??= peopleWithRole(this.db, 'supervisor').map((p) => p.id));
  }
}

/** The period a progress request asks for: the last part of its key (progress_request:<id>:<due date>). */
const periodOf = (e: Entry) => (e.kind === 'progress_request' ? e.key.slice(e.key.lastIndexOf(':') + 1) : undefined);

/**
 * The one message for a recipient's new steps. About one item: that item's own card, of its most pressing kind,
 * the other kinds noted (`also`). About several: the batched card, listing every step (the card groups them).
 */
function describe(entries: Entry[]): { render: ChaseCardRef | ChaseBatchRef; purpose: string; itemId: number | null } {
  const first = entries[0]!;
  if (entries.every((e) => e.itemId === first.itemId)) {
    const kind = mostUrgent(entries.map((e) => e.kind))!;
    const top = entries.find((e) => e.kind === kind)!;
    const periodDue = periodOf(top) ?? entries.map(periodOf).find((p) => p);
    const also = [...new Set(entries.map((e) => e.kind).filter((k) => k !== kind))];
    const render: ChaseCardRef = {
      card: 'chase',
      kind,
      ...(top.hears === LEADER_CARD ? { forLeader: true } : {}),
      ...(periodDue ? { periodDue } : {}),
      ...(also.length ? { also } : {}),
    };
    return { render, purpose: `chase:${kind}`, itemId: first.itemId };
  }
  const list: BatchEntryRef[] = entries.map((e) => {
    const p = periodOf(e);
    return { i: e.itemId, k: e.kind, ...(e.hears === LEADER_CARD ? { l: 1 as const } : {}), ...(p ? { p } : {}) };
  });
  return { render: { card: 'chase-batch', entries: list }, purpose: 'chase:batch', itemId: null };
}
