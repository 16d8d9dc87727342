/** Form cards: what a unit fills in (progress, extension, completion) and the office's registration form. */
import { type Item, SOURCE_LABELS, SourceCategories } from '../domain/item';
import { clip, fitCard } from './format';
import { inline, itemFacts } from './item-view';
import { renderCard } from './templates';
import type { Card, CardContext } from './types';

/** 填报进展: one multi-line field `text`. */
export function progressFormCard(item: Item, c: CardContext): Card {
  return fitCard((k) => renderCard('progress-form', itemFacts(item, c, k)));
}

/** 申请延期: fields `reason` (multi-line) and `date` (date picker, yyyy-MM-dd). */
export function extensionFormCard(item: Item, c: CardContext): Card {
  return fitCard((k) => renderCard('extension-form', itemFacts(item, c, k)));
}

/** 申请办结: fields `assessment` (multi-line) and `materials` (multi-line, one per line). */
export function completionFormCard(item: Item, c: CardContext): Card {
  const reviewNote = item.important
    ? '提交后由分管校领导审核，本事项为重要事项，还须主要领导销号；审核期间不能再填报进展或申请延期。'
    : '提交后由分管校领导审核：同意即销号，不同意将退回并限定新的完成时限；审核期间不能再填报进展或申请延期。';
  return fitCard((k) => renderCard('completion-form', { ...itemFacts(item, c, k), reviewNote }));
}

/** What the registration form shows filled in (what the person typed, when the form comes back to them). */
export interface RegisterFormValues {
  title?: string;
  requirements?: string;
  measures?: string;
  responsible?: string;
  source?: string;
  ref?: string;
  lead?: string;
  coop?: string[];
  leader?: string;
  /** yyyy-MM-dd */
  deadline?: string;
  cycle?: string;
  mode?: string;
  kind?: string;
  /** One stage a line: `名称 日期`. */
  stages?: string;
  flags?: string[];
}

/**
 * 立项登记 form. Fields: `title`, `requirements`, `measures`, `responsible`, `source` (a SourceCategory), `ref`,
 * `lead` (unit id), `coop` (unit ids), `leader` (person id), `deadline` (yyyy-MM-dd), `cycle`, `mode`, `kind`,
 * `stages` (one a line), `flags` (important | flagged | confidential). With `duplicates`, the open items it resembles
 * are listed with a select `merge_target` and the buttons 并入所选事项 (register_merge) and, unless one has the
 * very same title, 仍然新建 (register_anyway).
 */
export function registerFormCard(o: {
  units: { id: string; name: string }[];
  leaders: { id: string; name: string }[];
  error?: string;
  values?: RegisterFormValues;
  duplicates?: { id: number; number: string; title: string; unit: string; exact: boolean }[];
}): Card {
  const v = o.values ?? {};
  const dups = o.duplicates ?? [];
  return fitCard((k) => {
    const n = Math.max(8, Math.floor(40 * k));
    return renderCard('register-form', {
      error: inline(o.error, 300),
      sources: SourceCategories.map((id) => ({ id, name: SOURCE_LABELS[id] })),
      units: o.units.map((u) => ({ id: u.id, name: inline(u.name, n) || u.id })),
      leaders: o.leaders.map((l) => ({ id: l.id, name: inline(l.name, n) || l.id })),
      v: {
        title: v.title ?? '',
        requirements: v.requirements ?? '',
        measures: v.measures ?? '',
        responsible: v.responsible ?? '',
        ref: v.ref ?? '',
        stages: v.stages ?? '',
        source: v.source ?? '',
        lead: v.lead ?? '',
        leader: v.leader ?? '',
        deadline: v.deadline ?? '',
        cycle: v.cycle ?? '',
        mode: v.mode ?? '',
        kind: v.kind ?? '',
        coop: v.coop ?? [],
        flags: v.flags ?? [],
      },
      duplicates: dups.map((d) => ({ id: String(d.id), label: inline(`${d.number} ${d.title}`, n + 20) })),
      duplicateList: dups.map((d) => `- **${d.number}** ${inline(d.title, 60)}（${inline(d.unit, 20)}）${d.exact ? ' · 同名' : ''}`).join('\n'),
      firstDuplicate: dups[0] ? String(dups[0].id) : '',
      mayForce: dups.length > 0 && !dups.some((d) => d.exact),
      // With possible duplicates, 并入所选事项 is the likely action and the card's one primary button.
      submitType: dups.length ? 'default' : 'primary_filled',
    });
  });
}

/**
 * 修改 (the office's edit form): every field of the item, filled in with what it is now; `reason` is required. The
 * same field names as the registration form, so one reader serves both; submits `submit_edit` with the item's
 * version. Confidentiality is not offered: it is not corrected by an edit.
 */
export function editFormCard(
  item: Item,
  c: CardContext,
  o: { units: { id: string; name: string }[]; leaders: { id: string; name: string }[] },
): Card {
  return fitCard((k) => {
    const n = Math.max(8, Math.floor(40 * k));
    return renderCard('edit-form', {
      ...itemFacts(item, c, k),
      units: o.units.map((u) => ({ id: u.id, name: inline(u.name, n) || u.id })),
      leaders: o.leaders.map((l) => ({ id: l.id, name: inline(l.name, n) || l.id })),
      f: {
        title: item.title,
        requirements: item.requirements,
        measures: item.measures,
        responsible: item.responsiblePerson,
        lead: item.leadUnitId,
        coop: item.coopUnitIds,
        leader: item.leaderId,
        deadline: item.deadline,
        cycle: item.progressCycle === 'none' ? '' : item.progressCycle,
        mode: item.mode,
        kind: item.kind,
        stages: item.stages.map((s) => `${s.name} ${s.deadline}`).join('\n'),
        flags: (['important', 'flagged'] as const).filter((f) => item[f]),
      },
    });
  });
}

/** 撤销 asks first: a reason (prefilled when typed in chat) and 确认撤销 (`confirm_cancel` with the item's version). */
export function cancelConfirmCard(item: Item, c: CardContext, reason = ''): Card {
  return fitCard((k) => renderCard('cancel-confirm', { ...itemFacts(item, c, k), reason: clip(reason, 1000) }));
}
