/**
 * Pure builders for domain tests: an item in any shape, and a person in each standing an item can give.
 * No database, no org file. Ids match `WHO` in ./fixtures (not imported, to keep this module free of the db).
 */
import { type Actor, type OrgRole, stranger } from '../../src/domain/actor';
import type { Item } from '../../src/domain/item';
import type { RegistrationInput } from '../../src/domain/registration';

/** Every way a person can stand to the default item (lead 教务处 jwc, coop 科研处 kyc, leader 李副校长 ou_vp1). */
export const STANDINGS = [
  'supervisor',
  'leaderInCharge',
  'otherLeader',
  'principal',
  'unitHead',
  'liaison',
  'coopHead',
  'otherUnitHead',
  'observer',
  'admin',
  'stranger',
] as const;
export type Standing = (typeof STANDINGS)[number];

export const LEAD_UNIT = 'jwc';
export const COOP_UNIT = 'kyc';
export const OTHER_UNIT = 'rsc';

const PEOPLE: Record<Standing, { id: string; name: string; roles?: OrgRole[]; headOf?: string[]; liaisonOf?: string[] }> = {
  supervisor: { id: 'ou_sup', name: '王督查', roles: ['supervisor'] },
  leaderInCharge: { id: 'ou_vp1', name: '李副校长', roles: ['leader'] },
  otherLeader: { id: 'ou_vp2', name: '赵副校长', roles: ['leader'] },
  principal: { id: 'ou_pres', name: '张校长', roles: ['principal'] },
  unitHead: { id: 'ou_head_jwc', name: '教务处处长', headOf: [LEAD_UNIT] },
  liaison: { id: 'ou_liaison_jwc', name: '教务处联络人', liaisonOf: [LEAD_UNIT] },
  coopHead: { id: 'ou_head_kyc', name: '科研处处长', headOf: [COOP_UNIT] },
  otherUnitHead: { id: 'ou_head_rsc', name: '人事处处长', headOf: [OTHER_UNIT] },
  observer: { id: 'ou_obs', name: '纪委办刘', roles: ['observer'] },
  admin: { id: 'ou_admin', name: '系统管理员', roles: ['admin'] },
  stranger: { id: 'ou_nobody', name: 'ou_nobody' },
};

/** The person in a standing, as the rules see them. */
export function actorFor(who: Standing): Actor {
  if (who === 'stranger') return stranger(PEOPLE.stranger.id);
  const p = PEOPLE[who];
  return { id: p.id, name: p.name, roles: p.roles ?? [], headOf: p.headOf ?? [], liaisonOf: p.liaisonOf ?? [] };
}

/** A complete item: 督办〔2026〕17号, registered, lead jwc, coop kyc, leader ou_vp1, due 2026-12-31. */
export function makeItem(over: Partial<Item> = {}): Item {
  const year = over.year ?? 2026;
  const seq = over.seq ?? 17;
  const deadline = over.deadline ?? '2026-12-31';
  return {
    id: 1,
    number: `督办〔${year}〕${seq}号`,
    year,
    seq,
    title: '修订本科生培养方案',
    requirements: '完成 2026 版培养方案修订并提交校长办公会审议',
    measures: '',
    kind: 'ledger',
    mode: 'routine',
    flagged: false,
    important: false,
    confidential: false,
    sources: [{ category: 'committee', ref: '校长办公会 2026 年第 12 次会议纪要' }],
    leadUnitId: LEAD_UNIT,
    coopUnitIds: [COOP_UNIT],
    leaderId: PEOPLE.leaderInCharge.id,
    responsiblePerson: '教务处处长',
    deadline,
    originalDeadline: deadline,
    stages: [],
    progressCycle: 'none',
    state: 'registered',
    reviewStage: null,
    pendingExtension: null,
    mergedIntoId: null,
    assignedAt: null,
    claimedBy: null,
    claimedAt: null,
    submittedAt: null,
    closedAt: null,
    createdBy: PEOPLE.supervisor.id,
    createdAt: '2026-09-01T01:00:00.000Z',
    updatedAt: '2026-09-01T01:00:00.000Z',
    version: 1,
    ...over,
  };
}

/** A time of day in Beijing (UTC+8) on a date: `chinaTime('2026-09-30')` is 09:00 that morning. */
export const chinaTime = (date: string, time = '09:00') => new Date(`${date}T${time}:00+08:00`);

/**
 * Who can see an item, by hand from DOMAIN.md. Confidential (涉密): only the people of the item (office, leader in
 * charge, principals, lead and cooperating units). Otherwise also any leader, admins and observers, who need the
 * whole picture for appraisal; a unit sees only its own items.
 */
export const VISIBLE: Record<Standing, { plain: boolean; confidential: boolean }> = {
  supervisor: { plain: true, confidential: true },
  leaderInCharge: { plain: true, confidential: true },
  principal: { plain: true, confidential: true },
  unitHead: { plain: true, confidential: true },
  liaison: { plain: true, confidential: true },
  coopHead: { plain: true, confidential: true },
  otherLeader: { plain: true, confidential: false },
  observer: { plain: true, confidential: false },
  admin: { plain: true, confidential: false },
  otherUnitHead: { plain: false, confidential: false },
  stranger: { plain: false, confidential: false },
};

/** A valid registration: lead 教务处, coop 科研处, leader 李副校长. */
export function baseInput(over: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    title: '修订本科生培养方案',
    requirements: '完成 2026 版培养方案修订并提交校长办公会审议',
    source: { category: 'committee', ref: '校长办公会 2026 年第 12 次会议纪要' },
    leadUnitId: 'jwc',
    coopUnitIds: ['kyc'],
    leaderId: 'ou_vp1',
    deadline: '2026-12-31',
    ...over,
  };
}
