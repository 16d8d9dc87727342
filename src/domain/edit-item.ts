import { beyondHorizon, isValidDate } from './dates';
import { DubanError, ErrorCode } from './errors';
import { type Item, type Kind, type Mode, type ProgressCycle, type Stage, Kinds, Modes, ProgressCycles } from './item';

/**
 * What a supervisor may correct on a registered item (修改). Every field is optional; only what differs from the
 * item is a change. Changing the lead unit is 转办 (see `editPatch`). Confidentiality is not editable here: making a
 * confidential item public is a decision, not a correction.
 */
export interface ItemEdit {
  title?: string;
  requirements?: string;
  measures?: string;
  responsiblePerson?: string;
  leaderId?: string;
  leadUnitId?: string;
  coopUnitIds?: string[];
  deadline?: string;
  mode?: Mode;
  kind?: Kind;
  flagged?: boolean;
  important?: boolean;
  progressCycle?: ProgressCycle;
  stages?: Stage[];
}

const bad = (message: string) => new DubanError(ErrorCode.InvalidInput, message);

function text(value: string, what: string, max: number, required = false): string {
  const v = value.trim();
  if (required && !v) throw bad(`${what}不能为空`);
  if (v.length > max) throw bad(`${what}过长（最多 ${max} 字）`);
  return v;
}

/**
 * The item fields an edit sets, checked as at registration. `today` bounds a new deadline (not before today, not past
 * the horizon). The lead unit moving (转办) sends the item back to 待认领 for the new unit: whoever claimed it was of
 * the old unit, and the old unit's pending extension request is not the new unit's.
 */
export function editPatch(item: Item, e: ItemEdit, today: string, at: string): Partial<Item> {
  const patch: Partial<Item> = {};
  const set = <K extends keyof Item>(k: K, v: Item[K]) => {
    if (JSON.stringify(item[k]) !== JSON.stringify(v)) patch[k] = v;
  };
  if (e.title !== undefined) set('title', text(e.title, '事项名称', 200, true));
  if (e.requirements !== undefined) set('requirements', text(e.requirements, '工作要求', 5000));
  if (e.measures !== undefined) set('measures', text(e.measures, '工作措施', 5000));
  if (e.responsiblePerson !== undefined) set('responsiblePerson', text(e.responsiblePerson, '责任人', 100));
  if (e.leaderId !== undefined) {
    if (!e.leaderId.trim()) throw bad('请指定分管校领导');
    set('leaderId', e.leaderId.trim());
  }
  if (e.mode !== undefined) {
    if (!Modes.includes(e.mode)) throw bad(`未知的督办方式：${e.mode}`);
    set('mode', e.mode);
  }
  if (e.kind !== undefined) {
    if (!Kinds.includes(e.kind)) throw bad(`未知的事项类型：${e.kind}`);
    set('kind', e.kind);
  }
  if (e.progressCycle !== undefined) {
    if (!ProgressCycles.includes(e.progressCycle)) throw bad(`未知的进展报送周期：${e.progressCycle}`);
    set('progressCycle', e.progressCycle);
  }
  if (e.flagged !== undefined) set('flagged', e.flagged);
  if (e.important !== undefined) set('important', e.important);
  if (e.deadline !== undefined) {
    const d = e.deadline.trim();
    if (!isValidDate(d)) throw bad('完成时限应为有效日期，格式如 2026-12-31');
    if (d !== item.deadline && d < today) throw bad(`完成时限 ${d} 早于今天（${today}）`);
    const far = beyondHorizon(d, today, '完成时限');
    if (far) throw bad(far);
    set('deadline', d);
  }
  const lead = e.leadUnitId?.trim() || item.leadUnitId;
  const coop = e.coopUnitIds !== undefined ? [...new Set(e.coopUnitIds.map((u) => u.trim()).filter(Boolean))] : item.coopUnitIds;
  if (coop.includes(lead)) throw bad('主办单位不能同时是协办单位');
  if (coop.length > 30) throw bad('协办单位最多 30 个');
  if (e.coopUnitIds !== undefined) set('coopUnitIds', coop);
  const deadline = patch.deadline ?? item.deadline;
  const stages = e.stages ?? item.stages;
  stages.forEach((s, i) => {
    if (!s.name?.trim()) throw bad(`第 ${i + 1} 个阶段缺少名称`);
    if (!isValidDate(s.deadline)) throw bad(`阶段“${s.name}”的时限不是有效日期`);
    if (s.deadline > deadline) throw bad(`阶段“${s.name}”的时限晚于总完成时限`);
  });
  if (e.stages !== undefined) set('stages', stages.map((s) => ({ name: s.name.trim(), deadline: s.deadline })));

  if (lead !== item.leadUnitId) {
    if (item.state === 'under_review') throw bad(`${item.number} 正在审核，不能转办；请先退回`);
    patch.leadUnitId = lead;
    if (item.state !== 'registered') {
      Object.assign(patch, { state: 'assigned', assignedAt: at, claimedBy: null, claimedAt: null, pendingExtension: null });
    }
  }
  if (Object.keys(patch).length === 0) throw bad('没有需要修改的内容（所填内容与现有内容相同）');
  return patch;
}
