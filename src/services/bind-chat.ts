import { eq } from 'drizzle-orm';
import { hasRole } from '../domain/actor';
import { DubanError, ErrorCode } from '../domain/errors';
import { insertAudit } from '../db/history-repository';
import { type UnitRow, loadActor } from '../db/org-repository';
import { units } from '../db/schema';
import type { Tx } from '../db/client';
import type { ServiceContext } from './context';

/**
 * Binds a group chat to a unit (for its weekly digest). Supervisors, admins or the unit's own head may do it; the
 * change and its audit row are one transaction, and `then` adds what must be written with them (the reply).
 */
export function bindUnitChat(ctx: ServiceContext, unit: UnitRow, chatId: string, actorId: string, now: Date, then?: (tx: Tx) => void) {
  const actor = loadActor(ctx.db, actorId);
  if (!(hasRole(actor, 'supervisor') || hasRole(actor, 'admin') || actor.headOf.includes(unit.id))) {
    throw new DubanError(ErrorCode.Forbidden, '只有督办人员、管理员或该单位负责人可以绑定群聊');
  }
  const at = now.toISOString();
  ctx.db.transaction((tx) => {
    tx.update(units).set({ chatId, updatedAt: at }).where(eq(units.id, unit.id)).run();
    insertAudit(tx, { itemId: null, actorId, channel: 'command', action: 'bind_chat', changes: { unit: unit.id, chatId: [unit.chatId, chatId] }, at });
    then?.(tx);
  });
}
