import { DubanError, ErrorCode } from '../domain/errors';
import type { DbOrTx } from '../db/client';
import { type UnitRow, leaderOfUnit, listPeople, listUnits } from '../db/org-repository';

/**
 * Finds a unit by exactly its name or id. Never guesses: an unknown name is reported with the closest names, and
 * a name shared by several units is reported as ambiguous.
 */
export function resolveUnit(db: DbOrTx, text: string): UnitRow {
  const t = text.trim();
  const all = listUnits(db);
  const exact = all.filter((u) => u.name === t || u.id === t.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) {
    throw new DubanError(ErrorCode.AmbiguousUnit, `“${t}”对应多个单位：${exact.map((u) => u.name).join('、')}，请写全称`);
  }
  const near = all.filter((u) => u.name.includes(t) || t.includes(u.name)).map((u) => u.name);
  const hint = near.length ? `，您是否指：${near.slice(0, 5).join('、')}？` : '';
  throw new DubanError(ErrorCode.UnknownUnit, `没有找到单位“${t}”${hint}`);
}

/** The leader in charge: named (by name among leaders and principals), or else the one who leads the unit. */
export function resolveLeader(db: DbOrTx, name: string | null, leadUnitId: string): string {
  if (name) {
    const t = name.trim();
    const matches = listPeople(db).filter(
      (p) => (p.name === t || p.id === t) && (p.roles.includes('leader') || p.roles.includes('principal')),
    );
    if (matches.length === 1) return matches[0]!.id;
    if (matches.length > 1) throw new DubanError(ErrorCode.AmbiguousUnit, `有多位校领导名为“${t}”，请联系管理员区分`);
    throw new DubanError(ErrorCode.UnknownPerson, `没有找到校领导“${t}”`);
  }
  const leader = leaderOfUnit(db, leadUnitId);
  if (!leader) throw new DubanError(ErrorCode.InvalidInput, '该主办单位没有唯一的分管校领导，请用“分管:<姓名>”指定');
  return leader.id;
}
