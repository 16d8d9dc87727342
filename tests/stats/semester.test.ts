/**
 * The figures that decide appraisals, for the autumn semester of 2026 (tests/stats/semester.ts scripts it through
 * the real services): 9–10月, 11–12月 and the year, every figure of every unit compared with the table below,
 * worked out by hand from the definitions (README 统计口径). Then January 2027 happens (items closed, extended,
 * archived, sent, registered) and every figure of 2026 must come out the same: history, not current state.
 *
 * How each item counts (T = the last day of the period; P1 = 9–10月, P2 = 11–12月, Y = 2026):
 *
 * 教务处 jwc
 *  J1 sent 09-01, due 09-30, submitted 09-24, closed 09-28 (closed before the deadline, within P1).
 *     P1: 在办 应办结 已办结 按时. P2: closed before P2, nowhere. Y: 在办 应办结 已办结 按时.
 *  J2 sent 09-02, due 12-31, submitted 10-14, closed 10-15 (an early finish).
 *     P1: 在办, 应办结 because it was closed within P1 before its deadline, 已办结 按时. P2: nowhere.
 *     Y: 在办 应办结 (12-31 ≤ T) 已办结 按时.
 *  J3 sent 09-03, due 10-09 (the first Friday after the National Day holiday, 10-01…10-07), submitted on the day
 *     10-09 16:00, closed 10-12. P1: 在办 应办结 已办结 按时 (on the day is on time). Y: the same.
 *  J4 sent 09-04, due 10-20, submitted 10-23 (late), closed 10-26. P1/Y: 在办 应办结 已办结, not 按时.
 *  J5 涉密, sent 09-05, due 10-30, never closed in 2026. P1: 在办 应办结 逾期. P2: 在办, still 应办结 and 逾期
 *     (due before P2, open at T). Y: 在办 应办结 逾期.
 *  J6 registered 10-10, 督办单 never sent in 2026: counts nowhere.
 *  J7 sent 12-28, due 2027-01-15. P2/Y: 在办 only.
 *  R5 (registered for 人事处, 转办 to 教务处 on 11-03, closed 11-25, submitted 11-24, due 11-27): counts for the unit
 *     that held it at T: P1 人事处 (在办 only), P2 and Y 教务处 (在办 应办结 已办结 按时).
 *  协办: K5 (科研处's, 教务处 cooperating) is in hand in P1, P2 and Y.
 *
 * 科研处 kyc
 *  K1 sent 09-07, due 10-16, extension asked 10-10, approved 10-12 to 11-20; submitted 11-18, closed 11-20.
 *     P1: 在办 延期, not due (deadline in force at 10-31 is 11-20). P2: 在办 应办结 已办结 按时 (the approved extension
 *     moves the on-time deadline). Y: 在办 延期 应办结 已办结 按时.
 *  K2 sent 09-08, due 10-23, extension asked 10-14 and rejected 10-15; submitted 10-27, closed 10-28.
 *     P1/Y: 在办 应办结 已办结, not 按时 (a rejected extension moves nothing), not 延期.
 *  K3 sent 09-09, due 10-16, submitted 10-15, returned 10-19 with a new deadline 11-06, resubmitted 11-05, closed
 *     11-09. P1: 在办 only (the deadline in force at 10-31 is 11-06). P2/Y: 应办结 已办结, not 按时: the accepted
 *     completion (11-05) came after the on-time deadline 10-16, which a 退回 does not move.
 *  K4 sent 09-10, merged into K5 on 10-20. P1/Y: 在办 (it was held within the period), never due. P2: nowhere.
 *  K5 sent 09-10, due 11-30, open at year end. P1: 在办. P2/Y: 在办 应办结 逾期.
 *
 * 人事处 rsc
 *  R1 sent 09-11, due 10-10, cancelled 10-22 (after its deadline). P1/Y: 在办, never due (cancelled). P2: nowhere.
 *  R2 sent 09-14, due 10-30, the office corrected the deadline to 11-13 on 10-21; submitted 11-12, closed 11-16.
 *     P1: 在办, not due (11-13 in force at 10-31). P2/Y: 应办结 已办结, not 按时 (a correction does not move the
 *     on-time deadline 10-30).
 *  R3 sent 09-15, due 11-10, submitted 11-10 17:00 and closed 11-10 18:00 (closed on the day). P2/Y: 应办结 已办结 按时.
 *  R4 sent 11-02, due 12-18, extension approved 11-24 to 12-31, open at 12-31. P2/Y: 在办 延期 应办结 逾期 (due on T).
 *  R5 see 教务处: P1 在办 here.
 *  协办: K1 (科研处's, 人事处 cooperating): P1, P2, Y.
 *
 * 平均办结用时 (working days from the 督办单 to 销号, counted by hand on the 2026 calendar: September has 22 working days
 * with 09-25 off for 中秋 and Sunday 09-20 worked; October 18, 10-01…10-07 off and Saturday 10-10 worked):
 *  J1 09-01→09-28 19; J2 09-02→10-15 27; J3 09-03→10-12 23; J4 09-04→10-26 32; K2 09-08→10-28 32;
 *  K1 09-07→11-20 50; K3 09-09→11-09 39; R2 09-14→11-16 41; R3 09-15→11-10 36; R5 09-16→11-25 46.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitFigures } from '../../src/domain/statistics';
import { FIGURES, formatRate } from '../../src/domain/statistics';
import { drillDown, loadStats, statsJson } from '../../src/services/statistics';
import { loadActor } from '../../src/db/org-repository';
import { type TestDb, WHO, at, openTestDb } from '../support/fixtures';
import { type Key, type Semester, scriptJanuary, scriptSemester } from './semester';

type Counts = [inHand: number, due: number, closed: number, onTime: number, overdue: number, extended: number, coop: number, avgDays: number | null];

/** The hand-worked table: per period, per unit, [在办, 应办结, 已办结, 按时办结, 逾期未办结, 延期, 协办, 平均办结用时]. */
const EXPECTED: Record<'P1' | 'P2' | 'Y', Record<'jwc' | 'kyc' | 'rsc' | 'total', Counts>> = {
  P1: {
    jwc: [5, 5, 4, 3, 1, 0, 1, 25.3], // J1–J5; J1–J4 closed, J4 late, J5 overdue; (19+27+23+32)/4 = 25.25
    kyc: [5, 1, 1, 0, 0, 1, 0, 32], //    K1–K5; only K2 due (closed late); K1 extended
    rsc: [4, 0, 0, 0, 0, 0, 1, null], // R1, R2, R3, R5; none due → rates "—"; coop K1
    total: [14, 6, 5, 3, 1, 1, 2, 26.6], // (101+32)/5
  },
  P2: {
    jwc: [3, 2, 1, 1, 1, 0, 1, 46], //    J5 (overdue), J7, R5 (closed on time)
    kyc: [3, 3, 2, 1, 1, 0, 0, 44.5], //  K1 on time, K3 late, K5 overdue; (50+39)/2
    rsc: [3, 3, 2, 1, 1, 1, 1, 38.5], //  R2 late, R3 on time, R4 extended and overdue; (41+36)/2
    total: [9, 8, 5, 3, 3, 1, 2, 42.4], // 212/5
  },
  Y: {
    jwc: [7, 6, 5, 4, 1, 0, 1, 29.4], //   J1–J5, J7, R5; (101+46)/5
    kyc: [5, 4, 3, 1, 1, 1, 0, 40.3], //   K1–K5; K4 merged never due; (32+50+39)/3 = 40.33
    rsc: [4, 3, 2, 1, 1, 1, 1, 38.5], //   R1 cancelled never due; R2, R3, R4
    total: [16, 13, 10, 6, 3, 2, 2, 34.5], // 345/10
  },
};

/** Which items each figure lists (the drill-down), by hand. */
const EXPECTED_ITEMS: Record<'P1' | 'P2' | 'Y', Partial<Record<string, Key[]>>> = {
  P1: {
    'jwc.inHand': ['J1', 'J2', 'J3', 'J4', 'J5'],
    'jwc.closedOnTime': ['J1', 'J2', 'J3'],
    'jwc.overdue': ['J5'],
    'jwc.coop': ['K5'],
    'kyc.inHand': ['K1', 'K2', 'K3', 'K4', 'K5'],
    'kyc.due': ['K2'],
    'kyc.extended': ['K1'],
    'rsc.inHand': ['R1', 'R2', 'R3', 'R5'],
    'rsc.coop': ['K1'],
  },
  P2: {
    'jwc.inHand': ['J5', 'J7', 'R5'],
    'jwc.closed': ['R5'],
    'kyc.closed': ['K1', 'K3'],
    'kyc.closedOnTime': ['K1'],
    'kyc.overdue': ['K5'],
    'rsc.due': ['R2', 'R3', 'R4'],
    'rsc.extended': ['R4'],
    'rsc.overdue': ['R4'],
  },
  Y: {
    'jwc.due': ['J1', 'J2', 'J3', 'J4', 'J5', 'R5'],
    'kyc.closedOnTime': ['K1'],
    'kyc.extended': ['K1'],
    'rsc.inHand': ['R1', 'R2', 'R3', 'R4'],
    'rsc.closedOnTime': ['R3'],
  },
};

const PERIODS = { P1: ['2026-09-01', '2026-10-31'], P2: ['2026-11-01', '2026-12-31'], Y: ['2026-01-01', '2026-12-31'] } as const;
const AFTER = at('2027-01-20');

let t: TestDb;
let s: Semester;
beforeAll(() => {
  t = openTestDb();
  s = scriptSemester(t.ctx);
});
afterAll(() => t.close());

const load = (p: keyof typeof PERIODS, now = AFTER) => loadStats(t.db, { from: PERIODS[p][0], to: PERIODS[p][1] }, null, { calendar: t.ctx.calendar, now });

const asCounts = (f: UnitFigures): Counts => [f.inHand, f.due, f.closed, f.closedOnTime, f.overdue, f.extended, f.coop, f.avgWorkingDaysToClose];

function checkPeriod(p: keyof typeof PERIODS) {
  const r = load(p);
  const byUnit = Object.fromEntries(r.units.map((u) => [u.unitId, u]));
  for (const unit of ['jwc', 'kyc', 'rsc'] as const) {
    expect(asCounts(byUnit[unit]!), `${p} ${unit}`).toEqual(EXPECTED[p][unit]);
  }
  expect(asCounts(r.total), `${p} total`).toEqual(EXPECTED[p].total);
  // Rates from the table: 办结率 = 已办结 ÷ 应办结, 按时办结率 = 按时办结 ÷ 应办结, null with nothing due.
  for (const f of [...r.units, r.total]) {
    const [, due, closed, onTime] = asCounts(f);
    expect(f.completionRate).toBe(due === 0 ? null : Math.round((closed / due) * 10000) / 10000);
    expect(f.onTimeRate).toBe(due === 0 ? null : Math.round((onTime / due) * 10000) / 10000);
  }
  return r;
}

const keyOf = (id: number) => (Object.entries(s.ids).find(([, v]) => v === id)?.[0] ?? `#${id}`) as Key;

function checkItems(p: keyof typeof PERIODS) {
  const r = load(p);
  for (const [path, keys] of Object.entries(EXPECTED_ITEMS[p])) {
    const [unit, figure] = path.split('.') as [string, (typeof FIGURES)[number]];
    const listed = drillDown(r, figure, unit).rows.map((row) => keyOf(row.item!.id)).sort();
    expect(listed, `${p} ${path}`).toEqual([...keys!].sort());
  }
  // Every figure's drill-down lists exactly as many items as the figure says, for every unit and the total.
  for (const f of FIGURES) {
    for (const u of r.units) expect(drillDown(r, f, u.unitId).rows.length, `${p} ${u.unitId} ${f}`).toBe(u[f]);
    expect(drillDown(r, f, null).rows.length, `${p} total ${f}`).toBe(r.total[f]);
  }
}

describe('the autumn semester of 2026, worked out by hand', () => {
  it('9–10月: every figure of every unit and of the school', () => {
    const r = checkPeriod('P1');
    expect(r.label).toBe('2026年9–10月');
    expect(formatRate(r.total.closed, r.total.due)).toBe('83.3%');
    expect(formatRate(r.total.closedOnTime, r.total.due)).toBe('50.0%');
    checkItems('P1');
  });

  it('11–12月: every figure of every unit and of the school', () => {
    const r = checkPeriod('P2');
    expect(formatRate(r.total.closed, r.total.due)).toBe('62.5%');
    expect(formatRate(r.total.closedOnTime, r.total.due)).toBe('37.5%');
    checkItems('P2');
  });

  it('the year 2026: every figure of every unit and of the school', () => {
    const r = checkPeriod('Y');
    expect(r.label).toBe('2026年');
    expect(formatRate(r.total.closed, r.total.due)).toBe('76.9%');
    expect(formatRate(r.total.closedOnTime, r.total.due)).toBe('46.2%');
    checkItems('Y');
  });

  it('every drill-down row names the rule that counted it', () => {
    const r = load('P1');
    const rule = (figure: (typeof FIGURES)[number], unit: string, key: Key) =>
      drillDown(r, figure, unit).rows.find((row) => row.item!.id === s.ids[key])!.item!.rule;
    expect(rule('overdue', 'jwc', 'J5')).toBe('逾期未办结：截止 2026-10-30，统计截至 2026-10-31 未销号');
    expect(rule('due', 'jwc', 'J2')).toBe('应办结：截止 2026-12-31，2026-10-15 提前销号，计入销号所在期间');
    expect(rule('closed', 'jwc', 'J4')).toBe('已办结：2026-10-26 销号（截止 2026-10-20）；2026-10-23 提交办结材料，晚于按期时限 2026-10-20，不计按时');
    expect(rule('closedOnTime', 'jwc', 'J3')).toBe('按时办结：2026-10-09 提交办结材料，不晚于按期时限 2026-10-09');
    expect(rule('extended', 'kyc', 'K1')).toBe('延期：2026-10-12 批准延期至 2026-11-20');
    expect(rule('inHand', 'kyc', 'K4')).toBe('在办：2026-09-10 督办单发出，2026-10-20 合并（期内）');
    expect(rule('inHand', 'rsc', 'R1')).toBe('在办：2026-09-11 督办单发出，2026-10-22 撤销（期内）');
    expect(rule('coop', 'rsc', 'K1')).toBe('协办：2026-09-07 督办单发出，本单位为协办单位（主办 科研处）');
    const y = load('P2');
    const k3 = drillDown(y, 'closed', 'kyc').rows.find((row) => row.item!.id === s.ids.K3)!.item!.rule;
    expect(k3).toContain('晚于按期时限 2026-10-16');
  });

  it('a period that has not ended stops at today, and never calls a future deadline overdue', () => {
    const r = load('P2', at('2026-11-15'));
    expect(r.to).toBe('2026-11-15');
    expect(r.askedTo).toBe('2026-12-31');
    const kyc = r.units.find((u) => u.unitId === 'kyc')!;
    // K5 is due 11-30: not yet due on 11-15. K1 (11-20) is not due yet either; K3 was closed 11-09 (due 11-06).
    expect(drillDown(r, 'overdue', 'kyc').rows).toEqual([]);
    expect(kyc.due).toBe(1);
  });

  it('confidential items are listed only to people allowed to see them; elsewhere counted without titles', () => {
    const asSupervisor = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.supervisor), { now: AFTER });
    expect(drillDown(asSupervisor, 'overdue', 'jwc').rows[0]!.item!.title).toBe('考试安全专项整治');
    // 赵副校长 leads 人事处, not 教务处: he sees the school's figures but not the secret item's title.
    const otherLeader = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.otherLeader), { now: AFTER });
    const d = drillDown(otherLeader, 'overdue', 'jwc');
    expect(d.rows).toEqual([]);
    expect(d.hiddenConfidential).toBe(1);
    expect(JSON.stringify(otherLeader.rows)).not.toContain('考试安全专项整治');
    expect(otherLeader.units.find((u) => u.unitId === 'jwc')!.overdue).toBe(1);
  });

  it('who sees which units: a unit head the totals and their own unit, an observer the totals only', () => {
    const head = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, 'ou_head_kyc'), { now: AFTER });
    expect(head.units.map((u) => u.unitId)).toEqual(['kyc']);
    expect(head.total.inHand).toBe(14);
    expect(new Set(head.rows.map((r) => r.unitId))).toEqual(new Set(['kyc']));
    expect(() => loadStats(t.db, { from: '2026-09-01', to: '2026-10-31', unitId: 'jwc' }, loadActor(t.db, 'ou_head_kyc'))).toThrow('本单位');
    const obs = loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.observer), { now: AFTER });
    expect(obs.units).toEqual([]);
    expect(obs.rows).toEqual([]);
    expect(obs.total.due).toBe(6);
    expect(() => loadStats(t.db, { from: '2026-09-01', to: '2026-10-31' }, loadActor(t.db, WHO.stranger))).toThrow('统计仅供');
  });

  it('January 2027 changes nothing about 2026: the same figures, the same items, the same rules', () => {
    const before = (['P1', 'P2', 'Y'] as const).map((p) => load(p));
    scriptJanuary(t.ctx, s);
    for (const p of ['P1', 'P2', 'Y'] as const) checkPeriod(p);
    for (const p of ['P1', 'P2', 'Y'] as const) checkItems(p);
    expect((['P1', 'P2', 'Y'] as const).map((p) => load(p))).toEqual(before);
    // And 2027's first period shows what happened in it, for 教务处: J5 closed late; J6 sent at last, past its
    // deadline, overdue; J7 extended to 01-29 and not closed by 02-28, overdue; 协办 K5 and the new item.
    const jan = loadStats(t.db, { from: '2027-01-01', to: '2027-02-28' }, null, { now: at('2027-03-01') });
    const jwc = jan.units.find((u) => u.unitId === 'jwc')!;
    // J5 2026-09-05 → 2027-01-06: 18 + 18 + 21 + 23 (December) + 3 (01-01 is 元旦) working days.
    expect(asCounts(jwc)).toEqual([3, 3, 1, 0, 2, 1, 2, 83]);
    expect(Object.keys(statsJson(jan))).toEqual(['from', 'to', 'units', 'total']);
  });
});
