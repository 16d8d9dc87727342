import { parseDateInput } from '../domain/dates';
import type { ItemEdit } from '../domain/edit-item';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Stage } from '../domain/item';
import type { DbOrTx } from '../db/client';
import type { ItemFields } from './parse-command';
import { resolveLeader, resolveUnit } from './resolve';

function date(text: string, today: string, what: string): string {
  const d = parseDateInput(text, today);
  if (!d) throw new DubanError(ErrorCode.InvalidInput, `${what}“${text.slice(0, 40)}”无法识别，请写作 2026-12-31`);
  return d;
}

/**
 * What a person typed for an item's fields, with names resolved to ids and dates read: the shape both 新建 and 修改
 * hand to the services. `leadUnitId` is the unit whose leader is the default 分管 when none is named.
 */
export function resolveItemFields(db: DbOrTx, f: ItemFields, today: string): ItemEdit {
  const out: ItemEdit = {};
  if (f.title !== undefined) out.title = f.title;
  if (f.requirements !== undefined) out.requirements = f.requirements;
  if (f.measures !== undefined) out.measures = f.measures;
  if (f.responsible !== undefined) out.responsiblePerson = f.responsible;
  if (f.lead !== undefined) out.leadUnitId = resolveUnit(db, f.lead).id;
  if (f.coop !== undefined) out.coopUnitIds = f.coop.map((u) => resolveUnit(db, u).id);
  if (f.leader !== undefined) out.leaderId = resolveLeader(db, f.leader, out.leadUnitId ?? '');
  if (f.deadline !== undefined) out.deadline = date(f.deadline, today, '截止日期');
  if (f.cycle !== undefined) out.progressCycle = f.cycle;
  if (f.mode !== undefined) out.mode = f.mode;
  if (f.itemKind !== undefined) out.kind = f.itemKind;
  if (f.important !== undefined) out.important = f.important;
  if (f.flagged !== undefined) out.flagged = f.flagged;
  if (f.stages !== undefined) out.stages = f.stages.map((s): Stage => ({ name: s.name, deadline: date(s.date, today, `阶段“${s.name}”的日期`) }));
  return out;
}
