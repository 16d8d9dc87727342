import { type Actor, hasRole } from './actor';
import { DubanError, ErrorCode } from './errors';

/** 督查通报〔2026〕第3期 (LZU art. 7(二)): numbered per year, never reused (a voided draft keeps its number). */
export const bulletinNumber = (year: number, seq: number) => `督查通报〔${year}〕第${seq}期`;

/**
 * Who may draft, publish or void a 督查通报, and mark a progress report 典型经验: the 督查室 only. A 通报 speaks for the
 * office and goes to every unit and to the 纪委办; an admin runs the system, not the supervision.
 */
export const canIssueBulletin = (actor: Actor) => hasRole(actor, 'supervisor');

export const BULLETIN_STATE_LABELS = { draft: '草稿', published: '已发布', void: '已作废' } as const;

/** A draft may be published, voided or replaced; a published or voided bulletin is final. */
export function assertDraft(state: string, number: string): void {
  if (state === 'draft') return;
  const label = state === 'published' ? '已发布' : '已作废';
  throw new DubanError(ErrorCode.InvalidState, `${number} ${label}，不能再修改、发布或作废`);
}
