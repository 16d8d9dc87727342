import { and, eq, inArray } from 'drizzle-orm';
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
import type { ServiceContext } from './context';

export interface RegisterRequest {
  actorId: string;
  channel: Channel;
  input: RegistrationInput;
  now: Date;
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
      // 一事一项: the same matter registered twice is almost always a slip; the office merges sources instead.
      const twinRow = tx
        .select({ id: items.id })
        .from(items)
        .where(and(eq(items.title, data.title), inArray(items.state, [...OPEN_STATES])))
        .get();
      if (twinRow) {
        // The twin is named only to someone who may see it: a confidential one stays unnamed.
        const twin = findItem(tx, twinRow.id)!;
        const named = canView(actor, twin) ? ` ${twin.number}` : '';
        throw new DubanError(
          ErrorCode.Conflict,
          `已有同名在办事项${named}。按“一事一项”，同一事项请勿重复立项；不同来源可在该事项上合并。`,
        );
      }
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
