import { and, eq, sql } from 'drizzle-orm';
import { interviewProposalCard, overdueWarningCard, reminderCard } from '../cards/cards';
import { type ChaseKind, type ChaseStep, type LadderItem, dueSteps } from '../domain/chase-ladder';
import { chinaDate } from '../domain/dates';
import type { ItemState, ProgressCycle } from '../domain/item';
import type { Db, Tx } from '../db/client';
import { findItem } from '../db/item-repository';
import { findUnit, peopleWithRole } from '../db/org-repository';
import { chases } from '../db/schema';
import { cardContext } from '../bot/card-context';
import { enqueue, personAddress } from '../messenger/outbox';
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

interface ScanRow {
  id: number;
  state: ItemState;
  deadline: string;
  flagged: number;
  assigned_at: string | null;
  claimed_at: string | null;
  progress_cycle: ProgressCycle;
  last_progress: string | null;
}

const BATCH = 2000;

/**
 * One pass of the chase ladder over every open item at `now`. Reads in bounded batches (keyset on id), decides
 * with the pure ladder, and records each due step once: the (step key, recipient) pair is unique, so a second
 * sweep, or two at once, write and send nothing new. Messages go to the outbox in the same transaction.
 */
export function runChaseSweep(db: Db, calendar: WorkCalendar, now: Date, cfg: ScheduleConfig): SweepResult {
  const date = chinaDate(now);
  const result: SweepResult = { date, scanned: 0, due: 0, recorded: 0, planned: 0, byKind: {} };
  if (!calendar.isWorkday(date)) return { ...result, skipped: '非工作日' };
  const pending = new Set(
    (db.$client.prepare("SELECT item_id FROM extensions WHERE status = 'pending'").pluck().all() as number[]),
  );
  // Only items with a report cycle need their latest report; everyone else skips the lookup.
  const scan = db.$client.prepare(`
    SELECT id, state, deadline, flagged, assigned_at, claimed_at, progress_cycle,
      CASE WHEN progress_cycle != 'none' THEN (SELECT MAX(created_at) FROM progress_reports p WHERE p.item_id = items.id) END AS last_progress
    FROM items WHERE state IN ('assigned', 'in_progress') AND id > ? ORDER BY id LIMIT ?`);
  const writer = new StepWriter(db, calendar, now, cfg);
  let after = 0;
  for (;;) {
    const rows = scan.all(after, BATCH) as ScanRow[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    result.scanned += rows.length;
    const due: Array<[number, ChaseStep]> = [];
    for (const r of rows) {
      const li: LadderItem = {
        id: r.id,
        state: r.state,
        deadline: r.deadline,
        flagged: r.flagged === 1,
        assignedAt: r.assigned_at,
        claimedAt: r.claimed_at,
        progressCycle: r.progress_cycle,
        lastProgressAt: r.last_progress,
        hasPendingExtension: pending.has(r.id),
      };
      for (const step of dueSteps(li, now, calendar, cfg.ladder)) due.push([r.id, step]);
    }
    result.due += due.length;
    if (due.length) {
      db.transaction((tx) => {
        for (const [itemId, step] of due) writer.write(tx, itemId, step, result);
      }, { behavior: 'immediate' });
    }
  }
  return result;
}

/** Turns a due step into chase records and messages, each recipient once. */
class StepWriter {
  private readonly unitPeople = new Map<string, { head: string | null; all: string[] }>();
  private supervisors: string[] | null = null;
  private readonly c;

  constructor(
    private readonly db: Db,
    calendar: WorkCalendar,
    private readonly now: Date,
    private readonly cfg: ScheduleConfig,
  ) {
    this.c = { ...cardContext(db, calendar, now), yellowWithin: cfg.yellowWithin };
  }

  write(tx: Tx, itemId: number, step: ChaseStep, r: SweepResult) {
    const at = this.now.toISOString();
    const item = findItem(tx, itemId)!;
    const unit = this.people(tx, item.leadUnitId);
    const targets: Array<{ to: string; card: (() => object) | null }> = [];
    const chaseCount = () =>
      tx.select({ n: sql<number>`count(*)` }).from(chases).where(and(eq(chases.itemId, itemId), sql`${chases.recipient} != 'supervisors'`)).get()!.n;
    switch (step.kind) {
      case 'warning': {
        if (unit.head) targets.push({ to: unit.head, card: () => overdueWarningCard(item, this.c, { chases: chaseCount(), forLeader: false }) });
        targets.push({ to: item.leaderId, card: () => overdueWarningCard(item, this.c, { chases: chaseCount(), forLeader: true }) });
        targets.push({ to: 'supervisors', card: null }); // a line in the supervisors' daily summary
        break;
      }
      case 'interview_proposal':
        for (const s of this.supervisorIds(tx)) targets.push({ to: s, card: () => interviewProposalCard(item, this.c, { chases: chaseCount() }) });
        break;
      case 'progress_missed':
        targets.push({ to: 'supervisors', card: null });
        break;
      default: {
        const kind = step.kind;
        const extra = kind === 'progress_request' ? { periodDue: step.key.split(':').at(-1) } : undefined;
        for (const p of unit.all) targets.push({ to: p, card: () => reminderCard(item, this.c, kind, extra) });
      }
    }
    for (const t of targets) {
      const inserted = tx
        .insert(chases)
        .values({ itemId, kind: step.kind, stepKey: step.key, recipient: t.to, automatic: true, at })
        .onConflictDoNothing()
        .returning({ id: chases.id })
        .get();
      if (!inserted) continue;
      r.recorded++;
      r.byKind[step.kind] = (r.byKind[step.kind] ?? 0) + 1;
      if (!t.card) continue;
      const dedupeKey = `chase:${step.key}:${t.to}`;
      const outboxId = enqueue(tx, { to: personAddress(t.to), msgType: 'interactive', content: t.card(), purpose: `chase:${step.kind}`, itemId, dedupeKey }, this.now);
      if (outboxId) tx.update(chases).set({ outboxId }).where(eq(chases.id, inserted.id)).run();
      r.planned++;
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
