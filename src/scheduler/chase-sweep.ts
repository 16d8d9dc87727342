import { type ChaseKind, type ChaseStep, ladderAt } from '../domain/chase-ladder';
import { chinaDate } from '../domain/dates';
import type { ItemState, ProgressCycle } from '../domain/item';
import type { ChaseCardRef } from './chase-card-render';
import type { Db, Tx } from '../db/client';
import { findUnit, peopleWithRole } from '../db/org-repository';
import { bulkEnqueuer, personAddress } from '../messenger/outbox';
import type { WorkCalendar } from '../domain/calendar';
import type { ScheduleConfig } from './schedule-config';

export interface SweepResult {
  date: string;
  skipped?: string;
  scanned: number;
  /** Steps found due (including ones already done by an earlier sweep). */
  due: number;
  /** New chase records written now. */
  recorded: number;
  /** Messages planned now (written to the outbox). */
  planned: number;
  byKind: Partial<Record<ChaseKind, number>>;
}

/** One row of the scan, as an array (see the scan below): the ladder's fields, then who hears of the item. */
type ScanRow = [
  id: number,
  state: ItemState,
  deadline: string,
  flagged: number,
  assignedAt: string | null,
  claimedAt: string | null,
  progressCycle: ProgressCycle,
  leadUnitId: string,
  leaderId: string,
  lastProgressAt: string | null,
];

/** An item with a step due: what the writer needs to address it. */
interface DueItem {
  id: number;
  leadUnitId: string;
  leaderId: string;
}

/** Items read per query. */
const BATCH = 2000;
/**
 * Due steps written per transaction. Steps are collected across read batches and written in few, larger
 * transactions: each commit rewrites the index pages it touched, so fewer commits write less. Each transaction
 * still holds the write lock for well under a second at 100,000 items, so clicks on cards are not kept waiting.
 */
const WRITE_CHUNK = 5000;

/**
 * One pass of the chase ladder over every open item at `now`. Reads in bounded batches (keyset on id), decides
 * with the pure ladder, and records each due step once: the (step key, recipient) pair is unique, so a second
 * sweep, or two at once, write and send nothing new. Messages go to the outbox in the same transaction.
 * What is already recorded is read in the writing transaction, so a repeated sweep costs little more than the scan.
 * An item that changes between the read and the write is caught when its card is drawn (chase-card-render.ts).
 * Between batches the sweep gives the event loop a turn: at 100,000 items it runs for seconds, and a card click
 * meanwhile must still be answered within Feishu's three.
 */
export async function runChaseSweep(db: Db, calendar: WorkCalendar, now: Date, cfg: ScheduleConfig): Promise<SweepResult> {
  const date = chinaDate(now);
  const result: SweepResult = { date, scanned: 0, due: 0, recorded: 0, planned: 0, byKind: {} };
  if (!calendar.isWorkday(date)) return { ...result, skipped: '非工作日' };
  const pending = new Set(
    (db.$client.prepare("SELECT item_id FROM extensions WHERE status = 'pending'").pluck().all() as number[]),
  );
  // `+state` keeps SQLite on the primary key (id order) instead of the state index plus a sort per batch. Only
  // items with a report cycle need their latest report; everyone else skips the lookup. Rows come as arrays
  // (`raw`): building an object per row took a third of the reading time.
  const scan = db.$client.prepare(`
    SELECT id, state, deadline, flagged, assigned_at, claimed_at, progress_cycle, lead_unit_id, leader_id,
      CASE WHEN progress_cycle != 'none' THEN (SELECT MAX(created_at) FROM progress_reports p WHERE p.item_id = items.id) END AS last_progress
    FROM items WHERE +state IN ('assigned', 'in_progress') AND id > ? ORDER BY id LIMIT ?`).raw();
  const writer = new StepWriter(db, now);
  const write = (due: Array<[DueItem, ChaseStep]>) => db.transaction((tx) => writer.writeBatch(tx, due, result), { behavior: 'immediate' });
  const stepsOf = ladderAt(now, calendar, cfg.ladder);
  let due: Array<[DueItem, ChaseStep]> = [];
  let after = 0;
  for (;;) {
    const rows = scan.all(after, BATCH) as ScanRow[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]![0];
    result.scanned += rows.length;
    for (const [id, state, deadline, flagged, assignedAt, claimedAt, progressCycle, leadUnitId, leaderId, lastProgressAt] of rows) {
      const steps = stepsOf({
        id,
        state,
        deadline,
        flagged: flagged === 1,
        assignedAt,
        claimedAt,
        progressCycle,
        lastProgressAt,
        hasPendingExtension: pending.has(id),
      });
      if (steps.length === 0) continue;
      const item: DueItem = { id, leadUnitId, leaderId };
      for (const step of steps) due.push([item, step]);
    }
    if (due.length >= WRITE_CHUNK) {
      result.due += due.length;
      write(due);
      due = [];
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (due.length) {
    result.due += due.length;
    write(due);
  }
  return result;
}

/** Turns due steps into chase records and messages, each recipient once. */
class StepWriter {
  private readonly unitPeople = new Map<string, { head: string | null; all: string[] }>();
  private supervisors: string[] | null = null;
  private readonly at: string;
  private readonly recordedPairs;
  private readonly insertChase;
  private readonly dropOutbox;
  private readonly enqueue;

  constructor(
    db: Db,
    private readonly now: Date,
  ) {
    this.at = now.toISOString();
    this.recordedPairs = db.$client.prepare(
      "SELECT step_key || char(10) || recipient FROM chases WHERE step_key IN (SELECT value FROM json_each(?))",
    ).pluck();
    this.insertChase = db.$client.prepare(
      'INSERT INTO chases (item_id, kind, step_key, recipient, automatic, at, outbox_id) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.dropOutbox = db.$client.prepare('DELETE FROM outbox WHERE id = ?');
    this.enqueue = bulkEnqueuer(db);
  }

  writeBatch(tx: Tx, due: Array<[DueItem, ChaseStep]>, r: SweepResult) {
    const done = new Set(this.recordedPairs.all(JSON.stringify(due.map(([, s]) => s.key))) as string[]);
    // Only steps with someone not yet told are written (a repeat sweep: none).
    const work = due.map(([row, step]) => ({ row, step, targets: this.targets(tx, row, step).filter((t) => !done.has(`${step.key}\n${t.to}`)) }));
    for (const { row, step, targets } of work) {
      for (const t of targets) {
        // What was recorded is known (read above, in this same write transaction), so the message goes first and
        // the chase row carries its id; the chase's unique (step, recipient) still guards against a second one.
        const outboxId = t.card
          ? this.enqueue({ to: personAddress(t.to), msgType: 'interactive', content: '', render: t.card, purpose: `chase:${step.kind}`, itemId: row.id }, this.now)
          : null;
        if (this.insertChase.run(row.id, step.kind, step.key, t.to, this.at, outboxId).changes === 0) {
          if (outboxId) this.dropOutbox.run(outboxId);
          continue;
        }
        r.recorded++;
        r.byKind[step.kind] = (r.byKind[step.kind] ?? 0) + 1;
        if (outboxId) r.planned++;
      }
    }
  }

  /** Who hears of a step, and which card each gets (drawn when sent: see chase-card-render.ts). */
  private targets(tx: Tx, row: DueItem, step: ChaseStep): Array<{ to: string; card: ChaseCardRef | null }> {
    const unit = this.people(tx, row.leadUnitId);
    switch (step.kind) {
      case 'warning':
        return [
          ...(unit.head ? [{ to: unit.head, card: { card: 'chase', kind: 'warning' } as ChaseCardRef }] : []),
          { to: row.leaderId, card: { card: 'chase', kind: 'warning', forLeader: true } },
          { to: 'supervisors', card: null }, // a line in the supervisors' daily summary
        ];
      case 'interview_proposal':
        return this.supervisorIds(tx).map((to) => ({ to, card: { card: 'chase', kind: 'interview_proposal' } }));
      case 'progress_missed':
        return [{ to: 'supervisors', card: null }];
      default: {
        const periodDue = step.kind === 'progress_request' ? step.key.split(':').at(-1) : undefined;
        const card: ChaseCardRef = { card: 'chase', kind: step.kind, ...(periodDue ? { periodDue } : {}) };
        return unit.all.map((to) => ({ to, card }));
      }
    }
  }

  private people(tx: Tx, unitId: string) {
    let p = this.unitPeople.get(unitId);
    if (!p) {
      const u = findUnit(tx, unitId);
      p = { head: u?.headId ?? null, all: [...new Set([u?.headId, ...(u?.liaisonIds ?? [])].filter((x): x is string => !!x))] };
      this.unitPeople.set(unitId, p);
    }
    return p;
  }

  private supervisorIds(tx: Tx) {
    return (this.supervisors ??= peopleWithRole(tx, 'supervisor').map((p) => p.id));
  }
}
