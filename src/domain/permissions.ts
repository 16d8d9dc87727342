import { type Actor, hasRole, unitsOf } from './actor';
import type { Item } from './item';

/** How a person stands to one item; the permission table is written in these terms. */
export type Relation =
  | 'supervisor'
  | 'admin'
  | 'principal'
  | 'leaderInCharge'
  | 'leadUnit'
  | 'coopUnit'
  | 'observer';

export function relationsTo(actor: Actor, item: Pick<Item, 'leaderId' | 'leadUnitId' | 'coopUnitIds'>): Set<Relation> {
  const rel = new Set<Relation>();
  if (hasRole(actor, 'supervisor')) rel.add('supervisor');
  if (hasRole(actor, 'admin')) rel.add('admin');
  if (hasRole(actor, 'principal')) rel.add('principal');
  if (hasRole(actor, 'observer')) rel.add('observer');
  if (item.leaderId === actor.id) rel.add('leaderInCharge');
  const units = unitsOf(actor);
  if (units.includes(item.leadUnitId)) rel.add('leadUnit');
  if (item.coopUnitIds.some((u) => units.includes(u))) rel.add('coopUnit');
  return rel;
}

const CONFIDENTIAL_READERS: Relation[] = ['supervisor', 'leaderInCharge', 'principal', 'leadUnit', 'coopUnit'];

/**
 * Who may see an item. Confidential (涉密) items: only the supervisors, the leader in charge, principals and the
 * people of the lead and cooperating units. Other items: also any leader, admins and observers, who need the
 * whole picture for appraisal; a unit sees only its own items.
 */
export function canView(actor: Actor, item: Pick<Item, 'leaderId' | 'leadUnitId' | 'coopUnitIds' | 'confidential'>) {
  const rel = relationsTo(actor, item);
  if (item.confidential) return CONFIDENTIAL_READERS.some((r) => rel.has(r));
  return rel.size > 0 || hasRole(actor, 'leader');
}

/** Who may register new items. */
export const canRegister = (actor: Actor) => hasRole(actor, 'supervisor') || hasRole(actor, 'admin');

/**
 * Who may register this item: someone who may register at all, and who may see the item once it exists. A
 * confidential item's registrant must be one of its readers (an admin who is not would be shown its receipt, its
 * number and its title).
 */
export const canRegisterItem = (actor: Actor, item: Pick<Item, 'leaderId' | 'leadUnitId' | 'coopUnitIds' | 'confidential'>) =>
  canRegister(actor) && canView(actor, item);

/** Who may issue the 约谈通知单 and the 问责 referral: domain/escalation.ts (mayIssue, refusal). */
