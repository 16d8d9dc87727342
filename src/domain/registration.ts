import type { Actor } from './actor';
import { DubanError, ErrorCode } from './errors';
import {
  type Item,
  type ItemSource,
  type Kind,
  type Mode,
  type ProgressCycle,
  type SourceCategory,
  type Stage,
  Kinds,
  Modes,
  ProgressCycles,
  SourceCategories,
} from './item';
import { canRegister, canRegisterItem } from './permissions';
import { beyondHorizon, chinaDate, isValidDate } from './dates';

/** What the office fills in to register an item (立项登记). Unit and person ids are already resolved. */
export interface RegistrationInput {
  title: string;
  requirements?: string;
  measures?: string;
  source?: { category?: SourceCategory; ref?: string };
  kind?: Kind;
  mode?: Mode;
  flagged?: boolean;
  important?: boolean;
  confidential?: boolean;
  leadUnitId: string;
  coopUnitIds?: string[];
  leaderId: string;
  responsiblePerson?: string;
  deadline: string;
  stages?: Stage[];
  progressCycle?: ProgressCycle;
}

export type NewItem = Omit<Item, 'id' | 'number' | 'year' | 'seq' | 'version' | 'pendingExtension'>;

const bad = (message: string) => new DubanError(ErrorCode.InvalidInput, message);

/** Checks a registration and fills defaults. Pure: numbering is the repository's job (it needs the sequence). */
export function prepareRegistration(input: RegistrationInput, actor: Actor, now: Date): NewItem {
  if (!canRegister(actor)) throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以立项登记');
  const today = chinaDate(now);
  const title = (input.title ?? '').trim();
  if (!title) throw bad('请填写事项名称');
  if (title.length > 200) throw bad('事项名称过长（最多 200 字）');
  if (!input.leadUnitId) throw bad('请指定主办单位');
  if (!input.leaderId) throw bad('请指定分管校领导');
  const deadline = (input.deadline ?? '').trim();
  if (!isValidDate(deadline)) throw bad('完成时限应为有效日期，格式如 2026-12-31');
  if (deadline < today) throw bad(`完成时限 ${deadline} 早于今天（${today}）`);
  const far = beyondHorizon(deadline, today, '完成时限');
  if (far) throw bad(far);
  const coop = [...new Set(input.coopUnitIds ?? [])];
  if (coop.includes(input.leadUnitId)) throw bad('主办单位不能同时是协办单位');
  // Whoever registers a confidential item must be one of its readers: they are shown its receipt, number and title.
  if (!canRegisterItem(actor, { leaderId: input.leaderId, leadUnitId: input.leadUnitId, coopUnitIds: coop, confidential: !!input.confidential })) {
    throw new DubanError(ErrorCode.Forbidden, '您不能登记涉密事项：涉密事项只有督查室、分管校领导、主要领导和承办单位可见');
  }
  const category = input.source?.category ?? 'other';
  if (!SourceCategories.includes(category)) throw bad(`未知的来源类别：${category}`);
  const kind = input.kind ?? 'ledger';
  if (!Kinds.includes(kind)) throw bad(`未知的事项类型：${kind}`);
  const mode = input.mode ?? 'routine';
  if (!Modes.includes(mode)) throw bad(`未知的督办方式：${mode}`);
  const progressCycle = input.progressCycle ?? 'none';
  if (!ProgressCycles.includes(progressCycle)) throw bad(`未知的进展报送周期：${progressCycle}`);
  const stages = (input.stages ?? []).map((s, i) => {
    if (!s.name?.trim()) throw bad(`第 ${i + 1} 个阶段缺少名称`);
    if (!isValidDate(s.deadline)) throw bad(`阶段“${s.name}”的时限不是有效日期`);
    if (s.deadline > deadline) throw bad(`阶段“${s.name}”的时限晚于总完成时限`);
    return { name: s.name.trim(), deadline: s.deadline };
  });
  for (const [value, what, max] of [
    [input.requirements, '工作要求', 5000],
    [input.measures, '工作措施', 5000],
    [input.responsiblePerson, '责任人', 100],
    [input.source?.ref, '来源说明', 500],
  ] as const) {
    if ((value ?? '').trim().length > max) throw bad(`${what}过长（最多 ${max} 字）`);
  }
  if (coop.length > 30) throw bad('协办单位最多 30 个');
  const sources: ItemSource[] = [{ category, ref: (input.source?.ref ?? '').trim() }];
  const at = now.toISOString();
  return {
    title,
    requirements: (input.requirements ?? '').trim(),
    measures: (input.measures ?? '').trim(),
    kind,
    mode,
    flagged: !!input.flagged,
    important: !!input.important,
    confidential: !!input.confidential,
    sources,
    leadUnitId: input.leadUnitId,
    coopUnitIds: coop,
    leaderId: input.leaderId,
    responsiblePerson: (input.responsiblePerson ?? '').trim(),
    deadline,
    originalDeadline: deadline,
    stages,
    progressCycle,
    state: 'registered',
    reviewStage: null,
    mergedIntoId: null,
    assignedAt: null,
    claimedBy: null,
    claimedAt: null,
    submittedAt: null,
    closedAt: null,
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  };
}
