import type { Actor } from './actor';
import type { Command, CommandType } from './commands';
import { COMMAND_LABELS } from './commands';
import { editPatch } from './edit-item';
import { DubanError, ErrorCode } from './errors';
import { type Item, type ItemState, STATE_LABELS, isOpen } from './item';
import { type Relation, canView, relationsTo } from './permissions';
import { beyondHorizon, chinaDate, isValidDate } from './dates';

/** What a command does to an item: the new state, the field changes, and what the history should say. */
export interface Decision {
  command: CommandType;
  from: ItemState;
  to: ItemState;
  patch: Partial<Item>;
  /** field → [before, after], for the audit record. */
  changes: Record<string, [unknown, unknown]>;
}

/** Who may issue each command, in terms of how they stand to the item. */
export const PERMISSIONS: Record<CommandType, readonly Relation[]> = {
  send_slip: ['supervisor', 'admin'],
  claim: ['leadUnit'],
  report_progress: ['leadUnit', 'coopUnit'],
  request_extension: ['leadUnit'],
  approve_extension: ['leaderInCharge'],
  reject_extension: ['leaderInCharge'],
  submit_completion: ['leadUnit'],
  // Narrowed by review stage in `reviewers` below.
  approve: ['leaderInCharge', 'principal'],
  return: ['leaderInCharge', 'principal', 'supervisor'],
  merge: ['supervisor', 'admin'],
  cancel: ['supervisor', 'admin'],
  archive: ['supervisor', 'admin'],
  urge: ['supervisor', 'admin'],
  promote: ['supervisor', 'admin'],
  edit: ['supervisor', 'admin'],
};

/** The states in which each command makes sense. */
export const ALLOWED_STATES: Record<CommandType, readonly ItemState[]> = {
  send_slip: ['registered'],
  claim: ['assigned'],
  report_progress: ['in_progress'],
  request_extension: ['in_progress'],
  approve_extension: ['in_progress'],
  reject_extension: ['in_progress'],
  submit_completion: ['in_progress'],
  approve: ['under_review'],
  return: ['under_review'],
  merge: ['registered', 'assigned', 'in_progress', 'under_review'],
  cancel: ['registered', 'assigned', 'in_progress', 'under_review'],
  archive: ['closed'],
  urge: ['assigned', 'in_progress'],
  promote: ['registered', 'assigned', 'in_progress', 'under_review'],
  edit: ['registered', 'assigned', 'in_progress', 'under_review'],
};

const refuse = (code: ErrorCode, message: string) => new DubanError(code, message);

/** An optional text (a reviewer's note, a chase's remark): bounded like the required ones. */
function boundedNote(value: string | undefined, what: string, max = 2000) {
  if ((value ?? '').trim().length > max) throw refuse(ErrorCode.InvalidInput, `${what}过长（最多 ${max} 字）`);
}

/** 佐证材料: one line each, as many as a real submission has. */
const MAX_MATERIALS = 50;
const MAX_MATERIAL_CHARS = 500;

function requireText(value: string | undefined, what: string, max = 2000): string {
  const v = (value ?? '').trim();
  if (!v) throw refuse(ErrorCode.InvalidInput, `请填写${what}`);
  if (v.length > max) throw refuse(ErrorCode.InvalidInput, `${what}过长（最多 ${max} 字）`);
  return v;
}

/** A date a person sets: real, and not past the horizon (a typo such as 2206 or 9999 is refused here). */
function requireDate(value: string | undefined, what: string, today: string): string {
  const v = (value ?? '').trim();
  if (!isValidDate(v)) throw refuse(ErrorCode.InvalidInput, `${what}应为有效日期，格式如 2026-12-31`);
  const far = beyondHorizon(v, today, what);
  if (far) throw refuse(ErrorCode.InvalidInput, far);
  return v;
}

/**
 * Refuses someone who may not see the item (as "not found", so a number cannot be probed) or may not give this
 * command on it. Checked before anything else that could tell them about the item: its state, its version.
 */
export function assertPermitted(item: Item, type: CommandType, actor: Actor): void {
  checkPermission(actor, item, { type } as Command);
}

function checkPermission(actor: Actor, item: Item, command: Command) {
// Names nothing: someone who may not see the item must not learn its number from the refusal.
  if (!canView(actor, item)) throw refuse(ErrorCode.NotFound, '没有找到该督办事项，或您无权查看');
  const rel = relationsTo(actor, item);
  let allowed = PERMISSIONS[command.type];
  if ((command.type === 'approve' || command.type === 'return') && item.state === 'under_review') {
    const reviewer: Relation = item.reviewStage === 'principal' ? 'principal' : 'leaderInCharge';
    allowed = command.type === 'approve' ? [reviewer] : [reviewer, 'supervisor'];
  }
  if (!allowed.some((r) => rel.has(r))) {
    throw refuse(ErrorCode.Forbidden, `您无权对 ${item.number} 执行“${COMMAND_LABELS[command.type]}”`);
  }
}

function checkState(item: Item, command: Command) {
  if (ALLOWED_STATES[command.type].includes(item.state)) return;
  // Filed items are read-only whatever is asked (no command lists 'archived' among its states).
  if (item.state === 'archived') throw refuse(ErrorCode.InvalidState, archivedRefusal(item));
  const hint: Partial<Record<CommandType, string>> = {
    claim: item.state === 'registered' ? '督办单尚未发出' : '该事项已被认领',
    report_progress: item.state === 'assigned' ? '请先认领' : '',
    submit_completion: item.state === 'under_review' ? '已提交办结申请，正在审核' : '',
  };
  const extra = hint[command.type] ? `：${hint[command.type]}` : '';
  throw refuse(
    ErrorCode.InvalidState,
    `${item.number} 当前状态为“${STATE_LABELS[item.state]}”，不能${COMMAND_LABELS[command.type]}${extra}`,
  );
}

/** What anyone trying to change a filed item is told. */
export const archivedRefusal = (item: Pick<Item, 'number' | 'archiveYear'>) =>
  `${item.number} 已归档${item.archiveYear ? `（${item.archiveYear}年）` : ''}，只读，不能再办理或修改`;

/** Refuses, as `decide` would, a command this person may not give on the item in its present state. */
export function assertAllowed(item: Item, type: CommandType, actor: Actor): void {
  const probe = { type } as Command;
  checkPermission(actor, item, probe);
  checkState(item, probe);
}

/**
 * Decides what a command does to an item. Pure: the caller loads the item, passes the moment, and saves the
 * result with its audit record. Refusals are DubanErrors in the order a person would want them explained:
 * not visible → not allowed → wrong state → bad input.
 */
export function decide(item: Item, command: Command, actor: Actor, now: Date): Decision {
  checkPermission(actor, item, command);
  checkState(item, command);
  const today = chinaDate(now);
  const at = now.toISOString();
  if ('note' in command) boundedNote(command.note, '说明');
  const d = (to: ItemState, patch: Partial<Item> = {}): Decision => {
    const changes: Record<string, [unknown, unknown]> = {};
    if (to !== item.state) changes.state = [item.state, to];
    for (const [k, v] of Object.entries(patch)) {
      const before = item[k as keyof Item];
      if (JSON.stringify(before) !== JSON.stringify(v)) changes[k] = [before, v];
    }
    return { command: command.type, from: item.state, to, patch: { ...patch, state: to }, changes };
  };

  switch (command.type) {
    case 'send_slip':
      return d('assigned', { assignedAt: at });
    case 'claim':
      return d('in_progress', { claimedBy: actor.id, claimedAt: at });
    case 'report_progress':
      requireText(command.text, '进展内容');
      return d(item.state);
    case 'request_extension': {
      if (item.pendingExtension) throw refuse(ErrorCode.ExtensionPending, `${item.number} 已有延期申请正在审批`);
      if (today > item.deadline) {
        throw refuse(ErrorCode.DeadlinePassed, `${item.number} 已超过完成时限（${item.deadline}），不能再申请延期`);
      }
      requireText(command.reason, '延期理由');
      const proposed = requireDate(command.proposedDeadline, '申请延期至', today);
      if (proposed <= item.deadline) {
        throw refuse(ErrorCode.InvalidInput, `申请延期至的日期应晚于当前时限 ${item.deadline}`);
      }
      return d(item.state);
    }
    case 'approve_extension': {
      const ext = item.pendingExtension;
      if (!ext) throw refuse(ErrorCode.NoPendingExtension, `${item.number} 没有待审批的延期申请`);
      // A request filed before dates were bounded may name one past the horizon: it can be refused, not approved.
      const far = beyondHorizon(ext.proposedDeadline, today, '申请延期至');
      if (far) throw refuse(ErrorCode.InvalidInput, `${far}；请选择“不同意”，由单位重新申请`);
      return d(item.state, { deadline: ext.proposedDeadline, pendingExtension: null });
    }
    case 'reject_extension':
      if (!item.pendingExtension) throw refuse(ErrorCode.NoPendingExtension, `${item.number} 没有待审批的延期申请`);
      return d(item.state, { pendingExtension: null });
    case 'submit_completion':
      requireText(command.selfAssessment, '自评情况', 5000);
      {
        const listed = command.materials.map((m) => m.trim()).filter(Boolean);
        if (listed.length > MAX_MATERIALS) throw refuse(ErrorCode.InvalidInput, `佐证材料最多 ${MAX_MATERIALS} 项（每行一项）`);
        if (listed.some((m) => m.length > MAX_MATERIAL_CHARS)) throw refuse(ErrorCode.InvalidInput, `每项佐证材料最多 ${MAX_MATERIAL_CHARS} 字`);
      }
      // A unit that finished early no longer needs the extension it asked for.
      return d('under_review', { reviewStage: 'leader', submittedAt: at, pendingExtension: null });
    case 'approve':
      if (item.reviewStage !== 'principal' && item.important) {
        return d('under_review', { reviewStage: 'principal' });
      }
      return d('closed', { reviewStage: null, closedAt: at });
    case 'return': {
      requireText(command.reason, '退回理由');
      const nd = requireDate(command.newDeadline, '新的完成时限', today);
      if (nd <= today) throw refuse(ErrorCode.InvalidInput, `新的完成时限应晚于今天（${today}）`);
      return d('in_progress', { reviewStage: null, deadline: nd, submittedAt: null });
    }
    case 'merge': {
      const t = command.target;
      if (t.id === item.id) throw refuse(ErrorCode.InvalidInput, '不能将事项合并到它自己');
      // The target shows the sources of what it absorbed; a secret item's would leak to everyone who sees it.
      if (item.confidential && !t.confidential) throw refuse(ErrorCode.InvalidInput, '涉密事项不能并入非涉密事项');
      if (!isOpen(t.state)) {
        throw refuse(ErrorCode.InvalidState, `目标事项 ${t.number} 状态为“${STATE_LABELS[t.state]}”，不能并入`);
      }
      return d('merged', { mergedIntoId: t.id, pendingExtension: null, reviewStage: null });
    }
    case 'cancel':
      requireText(command.reason, '撤销理由');
      return d('cancelled', { pendingExtension: null, reviewStage: null });
    case 'archive':
      return d('archived');
    case 'urge':
      return d(item.state);
    case 'promote':
      if (item.kind === 'ledger') throw refuse(ErrorCode.InvalidState, `${item.number} 已在台账中`);
      return d(item.state, { kind: 'ledger' });
    case 'edit': {
      requireText(command.reason, '修改理由', 500);
      const { state, ...patch } = editPatch(item, command.changes, today, at);
      return d(state ?? item.state, patch);
    }
  }
}
