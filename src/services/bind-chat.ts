import { eq } from 'drizzle-orm';
import { hasRole } from '../domain/actor';
import { DubanError, ErrorCode } from '../domain/errors';
import { insertAudit } from '../db/history-repository';
import { type UnitRow, findUnit, findUnitByChat, loadActor } from '../db/org-repository';
import { units } from '../db/schema';
import type { Tx } from '../db/client';
import type { ServiceContext } from './context';

/** The word after the unit in `/督办 绑定 <单位> 确认` that moves a chat already bound to another unit. */
export const BIND_CONFIRM_WORD = '确认';

export interface BindChatOptions {
  /** Move the chat even when another unit holds it (that unit's binding is cleared). */
  confirm?: boolean;
}

export interface BindChatResult {
  /** The unit, as it is after the binding. */
  unit: UnitRow;
  /** The chat the unit had before (null: none). */
  previousChatId: string | null;
  /** The unit that held this chat and lost it (only with `confirm`). */
  movedFrom: UnitRow | null;
  /** The chat was already this unit's: nothing was written (no audit row). */
  unchanged: boolean;
}

/** `本群已绑定为“科研处”的督办群。如要改为“教务处”的督办群，请发送 /督办 绑定 教务处 确认` */
export function chatHeldMessage(holder: { name: string }, unit: { name: string }): string {
  return `本群已绑定为“${holder.name}”的督办群。如要改为“${unit.name}”的督办群（${holder.name}将不再绑定本群），请发送 /督办 绑定 ${unit.name} ${BIND_CONFIRM_WORD}`;
}

/**
 * Binds a group chat to a unit (for its weekly digest). Supervisors, admins or the unit's own head may do it.
 *
 * One chat belongs to one unit: when another unit holds the chat, this throws DubanError(Conflict) naming that unit
 * and how to confirm ({@link chatHeldMessage}), unless `opts.confirm`: then the chat moves, the other unit's binding
 * cleared, in the same transaction and audit row. Binding the unit's own chat again writes nothing.
 *
 * The change, its audit row and what `then` adds (the reply, given the result) are one transaction.
 */
export function bindUnitChat(
  ctx: ServiceContext,
  unit: UnitRow,
  chatId: string,
  actorId: string,
  now: Date,
  then?: (tx: Tx, result: BindChatResult) => void,
  opts: BindChatOptions = {},
): BindChatResult {
  const actor = loadActor(ctx.db, actorId);
  if (!(hasRole(actor, 'supervisor') || hasRole(actor, 'admin') || actor.headOf.includes(unit.id))) {
    throw new DubanError(ErrorCode.Forbidden, '只有督办人员、管理员或该单位负责人可以绑定群聊');
  }
  const at = now.toISOString();
  return ctx.db.transaction(
    (tx) => {
      const current = findUnit(tx, unit.id);
      if (!current) throw new DubanError(ErrorCode.UnknownUnit, `没有找到单位“${unit.name}”`);
      const holder = findUnitByChat(tx, chatId);
      if (holder?.id === current.id) {
        const result: BindChatResult = { unit: current, previousChatId: current.chatId, movedFrom: null, unchanged: true };
        then?.(tx, result);
        return result;
      }
      if (holder && !opts.confirm) {
        throw new DubanError(ErrorCode.Conflict, chatHeldMessage(holder, current), { chatId, unit: current.id, heldBy: holder.id });
      }
      if (holder) tx.update(units).set({ chatId: null, updatedAt: at }).where(eq(units.id, holder.id)).run();
      tx.update(units).set({ chatId, updatedAt: at }).where(eq(units.id, current.id)).run();
      insertAudit(tx, {
        itemId: null,
        actorId,
        channel: 'command',
        action: 'bind_chat',
        changes: { unit: current.id, chatId: [current.chatId, chatId], ...(holder ? { movedFrom: holder.id } : {}) },
        at,
      });
      const result: BindChatResult = {
        unit: { ...current, chatId, updatedAt: at },
        previousChatId: current.chatId,
        movedFrom: holder ? { ...holder, chatId: null, updatedAt: at } : null,
        unchanged: false,
      };
      then?.(tx, result);
      return result;
    },
    { behavior: 'immediate' },
  );
}
