import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../domain/actor';
import { nearDuplicates, normaliseTitle } from '../domain/similarity';
import type { DbOrTx } from '../db/client';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item } from '../domain/item';
import { OPEN_STATES } from '../domain/item';
import { chinaDate } from '../domain/dates';
import { canView } from '../domain/permissions';
import { type RegistrationInput, prepareRegistration } from '../domain/registration';
import type { Channel } from '../db/history-repository';
import { insertAudit } from '../db/history-repository';
import { findItem, insertItem } from '../db/item-repository';
import { findPerson, findUnit, loadActor } from '../db/org-repository';
import { items } from '../db/schema';
import { applyCommand } from './apply-command';
import { addSources } from './merge-sources';
import type { ServiceContext } from './context';

export interface RegisterRequest {
  actorId: string;
  channel: Channel;
  input: RegistrationInput;
  now: Date;
  /** 'refuse' (default): near-duplicates of open items are refused with the candidates; 'allow': 仍然新建. */
  duplicates?: 'refuse' | 'allow';
}

/** An open item a new registration resembles, as the person may be shown it. */
export interface DuplicateCandidate {
  id: number;
  number: string;
  title: string;
  leadUnitId: string;
  /** The same title: registering anyway is not offered, only merging. */
  exact: boolean;
}

/**
 * The open items the person may see that name the same matter as `title`, identical first, then the closest
 * (domain/similarity.ts). Items they may not see are never offered.
 */
export function findDuplicates(db: DbOrTx, actor: Actor, title: string, limit = 3): DuplicateCandidate[] {
  const open = db.select({ id: items.id, title: items.title }).from(items).where(inArray(items.state, [...OPEN_STATES])).all();
  const out: DuplicateCandidate[] = [];
  for (const { item: row } of nearDuplicates(title, open, 50)) {
    const item = findItem(db, row.id)!;
    if (!canView(actor, item)) continue;
    out.push({ id: item.id, number: item.number, title: item.title, leadUnitId: item.leadUnitId, exact: normaliseTitle(item.title) === normaliseTitle(title) });
    if (out.length === limit) break;
  }
  return out;
}

function checkDuplicates(tx: DbOrTx, actor: Actor, title: string, mode: 'refuse' | 'allow') {
  const exactRow = tx.select({ id: items.id }).from(items).where(and(eq(items.title, title), inArray(items.state, [...OPEN_STATES]))).get();
  const candidates = findDuplicates(tx, actor, title);
  if (exactRow) {
    // The twin is named only to someone who may see it: a confidential one stays unnamed.
    const twin = findItem(tx, exactRow.id)!;
    const named = canView(actor, twin) ? ` ${twin.number}` : '';
    throw new DubanError(ErrorCode.Conflict, `已有同名在办事项${named}。按“一事一项”，同一事项请勿重复立项；不同来源可并入该事项。`, { candidates });
  }
  if (mode === 'refuse' && candidates.length) {
    throw new DubanError(
      ErrorCode.PossibleDuplicate,
      `与在办事项 ${candidates.map((c) => c.number).join('、')} 疑似重复。按“一事一项”，同一事项请并入已有事项；确为不同事项可仍然新建。`,
      { candidates },
    );
  }
}

/** 立项登记: numbers the item in the year of registration and records it, with its audit row, in one transaction. */
export function registerItem(ctx: ServiceContext, req: RegisterRequest): Item {
  const result = ctx.db.transaction(
    (tx) => {
      const actor = loadActor(tx, req.actorId);
      const data = prepareRegistration(req.input, actor, req.now);
      for (const unitId of [data.leadUnitId, ...data.coopUnitIds]) {
        if (!findUnit(tx, unitId)) throw new DubanError(ErrorCode.UnknownUnit, `没有找到单位“${unitId}”`);
      }
      const leader = findPerson(tx, data.leaderId);
      if (!leader || !(leader.roles.includes('leader') || leader.roles.includes('principal'))) {
        throw new DubanError(ErrorCode.UnknownPerson, `“${leader?.name ?? data.leaderId}”不是校领导，不能作为分管领导`);
      }
      // 一事一项: the same matter registered twice is almost always a slip; the office merges sources instead. An
      // identical title is refused; a near one is shown to the person, who may merge or register anyway.
      checkDuplicates(tx, actor, data.title, req.duplicates ?? 'refuse');
      const year = Number(chinaDate(req.now).slice(0, 4));
      const item = insertItem(tx, data, year);
      insertAudit(tx, {
        itemId: item.id,
        actorId: actor.id,
        channel: req.channel,
        action: 'register',
        fromState: null,
        toState: item.state,
        changes: { number: item.number, title: item.title, deadline: item.deadline, leadUnitId: item.leadUnitId },
        at: req.now.toISOString(),
      });
      ctx.events.record(tx, { type: 'register', item, before: null, actor, channel: req.channel, command: null, now: req.now });
      return item;
    },
    { behavior: 'immediate' },
  );
  ctx.events.afterCommit?.();
  return result;
}

/**
 * 立项登记 and the 督办单 sent, as one change: an item is never left registered with its number used and no slip
 * sent because something failed in between.
 */
export function registerAndSendSlip(ctx: ServiceContext, req: RegisterRequest): Item {
  const item = ctx.db.transaction(
    () => {
      const registered = registerItem(ctx, req);
      return applyCommand(ctx, { itemId: registered.id, actorId: req.actorId, channel: req.channel, command: { type: 'send_slip' }, now: req.now });
    },
    { behavior: 'immediate' },
  );
  return item;
}

/**
 * 合并 at registration: the matter is already an open item, so the new registration is not numbered; its source is
 * added to that item (不同来源内容相同的工作任务合理归并), recorded in the item's history with who and why.
 */
export function mergeRegistrationInto(ctx: ServiceContext, req: RegisterRequest & { targetId: number }): Item {
  return ctx.db.transaction(
    (tx) => {
      const actor = loadActor(tx, req.actorId);
      const target = findItem(tx, req.targetId);
      if (!target || !canView(actor, target)) throw new DubanError(ErrorCode.NotFound, '没有找到要并入的事项，或您无权查看');
      // The same checks as registering it (who may, bounded fields), without numbering anything.
      prepareRegistration({ ...req.input, deadline: target.deadline < chinaDate(req.now) ? chinaDate(req.now) : target.deadline }, actor, req.now);
      if (!OPEN_STATES.includes(target.state)) throw new DubanError(ErrorCode.InvalidState, `${target.number} 已不在办理中，不能并入`);
      const source = { category: req.input.source?.category ?? 'other', ref: (req.input.source?.ref ?? '').trim() || req.input.title.trim() };
      addSources(tx, target, [source], {
        actorId: actor.id,
        channel: req.channel,
        at: req.now.toISOString(),
        changes: { registration: req.input.title.trim() },
        note: `新登记“${req.input.title.trim()}”并入本事项`,
      });
      const after = findItem(tx, target.id)!;
      // The item moved on (its sources): the cards people hold about it are brought up to date.
      ctx.events.record(tx, { type: 'merge_in', item: after, before: target, actor, channel: req.channel, command: null, now: req.now });
      return after;
    },
    { behavior: 'immediate' },
  );
}
