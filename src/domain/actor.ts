/** A person as the rules see them: their roles and the units they answer for. */
export const OrgRoles = ['supervisor', 'leader', 'principal', 'admin', 'observer'] as const;
export type OrgRole = (typeof OrgRoles)[number];

export const ROLE_LABELS: Record<OrgRole | 'unitHead' | 'liaison', string> = {
  supervisor: '督办人员',
  leader: '分管校领导',
  principal: '主要领导',
  admin: '管理员',
  observer: '抄送单位',
  unitHead: '单位负责人',
  liaison: '联络人',
};

export interface Actor {
  id: string;
  name: string;
  roles: readonly OrgRole[];
  /** Units whose head this person is. */
  headOf: readonly string[];
  /** Units whose liaison this person is. */
  liaisonOf: readonly string[];
}

export const hasRole = (a: Actor, r: OrgRole) => a.roles.includes(r);

/** Units the person can act for (as head or liaison). */
export const unitsOf = (a: Actor): string[] => [...new Set([...a.headOf, ...a.liaisonOf])];

/** Someone who is in no org file: can be told who they are not, but can do nothing. */
export function stranger(id: string): Actor {
  return { id, name: id, roles: [], headOf: [], liaisonOf: [] };
}

/** Nobody the organisation knows: no role and no unit (someone outside the org file, or retired from it). */
export const isStranger = (a: Actor) => a.roles.length === 0 && a.headOf.length === 0 && a.liaisonOf.length === 0;
