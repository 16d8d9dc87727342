import type { Command } from '../domain/commands';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item } from '../domain/item';
import { assertPermitted, decide } from '../domain/transitions';
import { unitsOf } from '../domain/actor';
import {
  type Channel,
  closePendingExtension,
  insertAudit,
  insertCompletion,
  insertExtension,
  insertProgress,
} from '../db/history-repository';
import { findItem, updateItem } from '../db/item-repository';
import type { Tx } from '../db/client';
import { transact } from '../db/transaction';
import { findPerson, findUnit, loadActor } from '../db/org-repository';
import type { ItemEdit } from '../domain/edit-item';
import type { ServiceContext } from './context';
import { addSources } from './merge-sources';

/** Commands as callers send them: a merge names its target by id; the service loads it. */
export type ServiceCommand = Exclude<Command, { type: 'merge' }> | { type: 'merge'; targetId: number };

export interface ApplyRequest {
  itemId: number;
  actorId: string;
  channel: Channel;
  command: ServiceCommand;
  now: Date;
  /** The version the person saw (a card's); a stale one is refused so nobody acts on an outdated card. */
  expectedVersion?: number;
  /**
   * The item as the caller already read it inside the transaction this runs in (the dispatcher's: a card handler
   * reads it to check who may see it), so it is not read again. Only ever from that same transaction.
   */
  loaded?: Item;
}

const noteOf = (c: ServiceCommand): string | null => {
  switch (c.type) {
    case 'report_progress':
      return c.text.trim();
    case 'request_extension':
    case 'cancel':
      return c.reason.trim();
    case 'return':
    case 'edit':
      return c.reason.trim();
    case 'submit_completion':
      return c.selfAssessment.trim();
    case 'approve':
    case 'approve_extension':
    case 'reject_extension':
    case 'urge':
      return c.note?.trim() || null;
    default:
      return null;
  }
};

/**
 * The one use case behind every button and command on an existing item: load → decide → save the change, its
 * side records and its audit row in one transaction → tell the sink → wake it after commit.
 */
export function applyCommand(ctx: ServiceContext, req: ApplyRequest): Item {
  const { db } = ctx;
  const at = req.now.toISOString();
  const result = transact(db, (tx) => {
    const item = req.loaded?.id === req.itemId ? req.loaded : findItem(tx, req.itemId);
    if (!item) throw new DubanError(ErrorCode.NotFound, '没有找到该督办事项');
    const actor = loadActor(tx, req.actorId);
    // Who is asking before what they saw: a stale card must not tell an outsider that the item moved on.
    assertPermitted(item, req.command.type, actor);
    if (req.expectedVersion !== undefined && req.expectedVersion !== item.version) {
      throw new DubanError(ErrorCode.Conflict, `${item.number} 已有新的变化，此卡片已过期，请查看最新卡片`);
    }
    let target: Item | null = null;
    let command: Command;
    if (req.command.type === 'merge') {
      target = findItem(tx, req.command.targetId);
      if (!target) throw new DubanError(ErrorCode.NotFound, '没有找到要并入的目标事项');
      command = { type: 'merge', target };
    } else {
      command = req.command;
    }
    if (command.type === 'edit') checkEditTargets(tx, command.changes);
    const decision = decide(item, command, actor, req.now);
    const note = noteOf(req.command);

    switch (command.type) {
      case 'report_progress': {
        const mine = unitsOf(actor);
        const unitId = mine.includes(item.leadUnitId)
          ? item.leadUnitId
          : (item.coopUnitIds.find((u) => mine.includes(u)) ?? null);
        insertProgress(tx, { itemId: item.id, unitId, authorId: actor.id, text: command.text.trim(), channel: req.channel, createdAt: at });
        break;
      }
      case 'request_extension':
        insertExtension(tx, {
          itemId: item.id,
          requestedBy: actor.id,
          reason: command.reason.trim(),
          previousDeadline: item.deadline,
          proposedDeadline: command.proposedDeadline.trim(),
          createdAt: at,
        });
        break;
      case 'approve_extension':
        closePendingExtension(tx, item.id, 'approved', actor.id, at, note);
        break;
      case 'reject_extension':
        closePendingExtension(tx, item.id, 'rejected', actor.id, at, note);
        break;
      case 'submit_completion':
        if (item.pendingExtension) closePendingExtension(tx, item.id, 'withdrawn', actor.id, at, '已申请办结');
        insertCompletion(tx, {
          itemId: item.id,
          submittedBy: actor.id,
          selfAssessment: command.selfAssessment.trim(),
          materials: command.materials.map((m) => m.trim()).filter(Boolean),
          createdAt: at,
        });
        break;
      case 'merge':
      case 'cancel':
        if (item.pendingExtension) closePendingExtension(tx, item.id, 'withdrawn', actor.id, at, null);
        break;
      case 'edit':
        // 转办: the old unit's request is not the new unit's.
        if (item.pendingExtension && decision.patch.leadUnitId) closePendingExtension(tx, item.id, 'withdrawn', actor.id, at, '已转办');
        break;
    }

    if (command.type === 'merge' && target) {
      // The target carries every source of what was merged into it (不同来源内容相同的工作任务合理归并).
      addSources(tx, target, item.sources.map((s) => ({ ...s, mergedFrom: s.mergedFrom ?? item.number })), {
        actorId: actor.id,
        channel: req.channel,
        at,
        changes: { mergedFrom: item.number },
      });
    }

    // A progress report or a chase changes nothing on the item: the cards people hold stay valid.
    const touchesItem = !(command.type === 'report_progress' || command.type === 'urge');
    if (touchesItem) updateItem(tx, item, decision.patch, at);
    insertAudit(tx, {
      itemId: item.id,
      actorId: actor.id,
      channel: req.channel,
      action: decision.command,
      fromState: decision.from,
      toState: decision.to,
      changes: decision.changes,
      note,
      at,
    });
    // Read back only if the row changed: a progress report or a chase leaves it (and its pending extension) as it was.
    const after = touchesItem ? findItem(tx, item.id)! : item;
    ctx.events.record(tx, { type: decision.command, item: after, before: item, actor, channel: req.channel, command, now: req.now });
    return after;
  });
  ctx.events.afterCommit?.();
  return result;
}

/** The units and leader an edit names must exist (the domain checks the rest). */
function checkEditTargets(tx: Tx, e: ItemEdit) {
  for (const unitId of [...(e.leadUnitId ? [e.leadUnitId] : []), ...(e.coopUnitIds ?? [])]) {
    if (!findUnit(tx, unitId)) throw new DubanError(ErrorCode.UnknownUnit, `没有找到单位“${unitId}”`);
  }
  if (e.leaderId) {
    const leader = findPerson(tx, e.leaderId);
    if (!leader || !(leader.roles.includes('leader') || leader.roles.includes('principal'))) {
      throw new DubanError(ErrorCode.UnknownPerson, `“${leader?.name ?? e.leaderId}”不是校领导，不能作为分管领导`);
    }
  }
}
