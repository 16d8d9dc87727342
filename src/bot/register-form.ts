import { type Card, type RegisterFormValues, receiptCard, registerFormCard } from '../cards/cards';
import { chinaDate, parseDateInput } from '../domain/dates';
import { DubanError, ErrorCode, toDubanError } from '../domain/errors';
import { type Kind, Kinds, type Mode, Modes, type SourceCategory, SourceCategories, type Stage } from '../domain/item';
import type { ItemEdit } from '../domain/edit-item';
import type { RegistrationInput } from '../domain/registration';
import type { DbOrTx } from '../db/client';
import { listPeople, listUnits, loadActor } from '../db/org-repository';
import { canRegister, canRegisterItem } from '../domain/permissions';
import { type DuplicateCandidate, mergeRegistrationInto, registerAndSendSlip } from '../services/register-item';
import { cardContext } from './card-context';
import type { BotDeps } from './deps';

type Answer = { toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }; card?: { type: 'raw'; data: Card } };

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : str(v).split(',')).map((x) => x.trim()).filter(Boolean);
const answerCard = (card: Card, toast?: Answer['toast']): Answer => ({ ...(toast ? { toast } : {}), card: { type: 'raw', data: card } });

/** `初稿 2026-12-01` a line → stages; a line that is not `名称 日期` is refused, naming it. */
function readStages(text: string, today: string): Stage[] {
  return text
    .split(/\r?\n|[;；]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.+?)[\s:：]+(\S+)$/.exec(line);
      const date = m ? parseDateInput(m[2]!, today) : null;
      if (!m || !date) throw new DubanError(ErrorCode.InvalidInput, `阶段“${line.slice(0, 30)}”应写作 阶段名 日期，如 初稿 2026-12-01`);
      return { name: m[1]!.trim(), deadline: date };
    });
}

/** The registration form's values as a registration (ids as the form's selects give them; the service checks them). */
export function readRegisterForm(f: Record<string, unknown>, today: string): RegistrationInput {
  const flags = list(f.flags);
  const category = str(f.source) as SourceCategory;
  const deadline = str(f.deadline);
  return {
    title: str(f.title),
    requirements: str(f.requirements),
    measures: str(f.measures),
    responsiblePerson: str(f.responsible),
    source: { category: SourceCategories.includes(category) ? category : 'other', ref: str(f.ref) },
    leadUnitId: str(f.lead),
    coopUnitIds: list(f.coop),
    leaderId: str(f.leader),
    // Feishu's date_picker submits "2026-12-31 +0800"; people type all sorts.
    deadline: parseDateInput(deadline.slice(0, 10), today) ?? parseDateInput(deadline, today) ?? deadline.trim(),
    progressCycle: (['weekly', 'biweekly', 'monthly'] as const).find((c) => c === str(f.cycle)) ?? 'none',
    mode: Modes.find((m) => m === str(f.mode)) ?? ('routine' as Mode),
    kind: Kinds.find((k) => k === str(f.kind)) ?? ('ledger' as Kind),
    stages: readStages(str(f.stages), today),
    important: flags.includes('important'),
    flagged: flags.includes('flagged'),
    confidential: flags.includes('confidential'),
  };
}

/** What was typed, as it came from the form (when it could not even be read as a registration). */
function rawValues(f: Record<string, unknown>): RegisterFormValues {
  const date = str(f.deadline).slice(0, 10);
  return {
    title: str(f.title), requirements: str(f.requirements), measures: str(f.measures), responsible: str(f.responsible),
    source: str(f.source), ref: str(f.ref), lead: str(f.lead), coop: list(f.coop), leader: str(f.leader),
    deadline: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined, cycle: str(f.cycle), mode: str(f.mode), kind: str(f.kind),
    stages: str(f.stages), flags: list(f.flags),
  };
}

/** A registration shown back in the form (after a refusal, or to choose between merging and registering anyway). */
export function formValuesOf(input: RegistrationInput): RegisterFormValues {
  return {
    title: input.title,
    requirements: input.requirements,
    measures: input.measures,
    responsible: input.responsiblePerson,
    source: input.source?.category,
    ref: input.source?.ref,
    lead: input.leadUnitId,
    coop: input.coopUnitIds ?? [],
    leader: input.leaderId,
    deadline: /^\d{4}-\d{2}-\d{2}$/.test(input.deadline) ? input.deadline : undefined,
    cycle: input.progressCycle && input.progressCycle !== 'none' ? input.progressCycle : undefined,
    mode: input.mode,
    kind: input.kind,
    stages: (input.stages ?? []).map((s) => `${s.name} ${s.deadline}`).join('\n'),
    flags: (['important', 'flagged', 'confidential'] as const).filter((f) => input[f]),
  };
}

/** The registration form, filled in with `values`, with a problem on top and the near-duplicates when there are. */
export function registrationForm(db: DbOrTx, o: { values?: RegisterFormValues; error?: string; duplicates?: DuplicateCandidate[] } = {}): Card {
  const units = listUnits(db);
  const leaders = listPeople(db).filter((x) => x.roles.includes('leader') || x.roles.includes('principal'));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return registerFormCard({
    units,
    leaders,
    error: o.error,
    values: o.values,
    duplicates: o.duplicates?.map((d) => ({ ...d, unit: unitName.get(d.leadUnitId) ?? '' })),
  });
}

/** The candidates a refusal carries, when it is a duplicate one. */
export const duplicatesOf = (err: DubanError): DuplicateCandidate[] | undefined =>
  err.code === ErrorCode.PossibleDuplicate || err.code === ErrorCode.Conflict ? (err.details?.candidates as DuplicateCandidate[] | undefined) : undefined;

/**
 * The form submitted: register (near-duplicates come back as the form with 并入 / 仍然新建), register anyway, or merge
 * the registration into the chosen open item. Any refusal keeps what was typed on screen.
 */
export function submitRegistration(deps: BotDeps, operator: string, form: Record<string, unknown>, mode: 'check' | 'anyway' | 'merge'): Answer {
  const db = deps.ctx.db;
  const now = deps.now();
  let input: RegistrationInput | null = null;
  try {
    input = readRegisterForm(form, chinaDate(now));
    assertMayRegister(db, operator, { leaderId: input.leaderId, leadUnitId: input.leadUnitId, coopUnitIds: input.coopUnitIds ?? [], confidential: !!input.confidential });
    const c = cardContext(db, deps.ctx.calendar, now);
    if (mode === 'merge') {
      const targetId = Number(str(form.merge_target));
      if (!Number.isInteger(targetId) || targetId <= 0) throw new DubanError(ErrorCode.InvalidInput, '请选择要并入的事项');
      const target = mergeRegistrationInto(deps.ctx, { actorId: operator, channel: 'card', now, input, targetId });
      const text = `已并入 ${target.number}，来源已记入该事项，未另行立项`;
      return answerCard(receiptCard(target, c, `✅ ${text}`), { type: 'success', content: text });
    }
    const item = registerAndSendSlip(deps.ctx, { actorId: operator, channel: 'card', now, input, duplicates: mode === 'anyway' ? 'allow' : 'refuse' });
    const text = `已立项 ${item.number}，督办单已发送至${c.unitName(item.leadUnitId)}`;
    return answerCard(receiptCard(item, c, `✅ ${text}`), { type: 'success', content: text });
  } catch (err) {
    const de = toDubanError(err);
    if (de.code === ErrorCode.Internal) throw err;
    const values = input ? formValuesOf(input) : rawValues(form);
    const card = registrationForm(db, { values, error: de.code === ErrorCode.PossibleDuplicate ? undefined : de.message, duplicates: duplicatesOf(de) });
    return answerCard(card, { type: de.code === ErrorCode.PossibleDuplicate ? 'warning' : 'error', content: de.message });
  }
}

/**
 * Refuses a registration the person may not make, before anything is written or numbered: the office registers,
 * and a confidential item only someone who may see it once it exists (not an admin outside it, who would be shown
 * its receipt).
 */
export function assertMayRegister(db: DbOrTx, actorId: string, item: Parameters<typeof canRegisterItem>[1]) {
  const actor = loadActor(db, actorId);
  if (!canRegister(actor)) throw new DubanError(ErrorCode.Forbidden, '只有督办人员可以立项登记');
  if (!canRegisterItem(actor, item)) {
    throw new DubanError(ErrorCode.Forbidden, '涉密事项须由可查看该事项的人员登记（督查室、分管校领导、主要领导或主办、协办单位），请联系督查室');
  }
}

/**
 * The edit form (修改) as an edit: the same field names as the registration form. Only the fields the form sent are
 * passed on (a field missing from the submission is left as it is, never cleared); the domain then changes only
 * what differs (domain/edit-item.ts) and refuses an edit that changes nothing.
 */
export function readEditForm(f: Record<string, unknown>, today: string): { changes: ItemEdit; reason: string } {
  const r = readRegisterForm(f, today);
  const has = (k: string) => Object.prototype.hasOwnProperty.call(f, k);
  const flags = list(f.flags);
  const changes: ItemEdit = {};
  if (has('title')) changes.title = r.title;
  if (has('requirements')) changes.requirements = r.requirements;
  if (has('measures')) changes.measures = r.measures;
  if (has('responsible')) changes.responsiblePerson = r.responsiblePerson;
  if (has('lead') && r.leadUnitId) changes.leadUnitId = r.leadUnitId;
  if (has('coop')) changes.coopUnitIds = r.coopUnitIds;
  if (has('leader') && r.leaderId) changes.leaderId = r.leaderId;
  if (has('deadline')) changes.deadline = r.deadline;
  if (has('cycle')) changes.progressCycle = r.progressCycle;
  if (has('mode')) changes.mode = r.mode;
  if (has('kind')) changes.kind = r.kind;
  if (has('stages')) changes.stages = r.stages;
  if (has('flags')) {
    changes.important = flags.includes('important');
    changes.flagged = flags.includes('flagged');
  }
  return { changes, reason: str(f.reason) };
}
