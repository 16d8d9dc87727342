import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/domain/calendar';
import { dueProposal, mayIssue, noticeNumber, parseInterviewTime, refusal } from '../../src/domain/escalation';
import { STANDINGS, type Standing, actorFor, makeItem } from '../support/items';
import { parseCommand } from '../../src/bot/parse-command';

const cal = createWorkCalendar();

describe('who may issue each step (NWU art. 7)', () => {
  // By hand from the regulation: level 1 by the leader in charge (the office on the leader's behalf), level 2 by
  // 书记/校长 (the office on their behalf), the referral by the office only. Nobody else, admins included.
  const TABLE: Record<Standing, [boolean, boolean, boolean]> = {
    supervisor: [true, true, true],
    leaderInCharge: [true, false, false],
    otherLeader: [false, false, false],
    principal: [false, true, false],
    unitHead: [false, false, false],
    liaison: [false, false, false],
    coopHead: [false, false, false],
    otherUnitHead: [false, false, false],
    observer: [false, false, false],
    admin: [false, false, false],
    stranger: [false, false, false],
  };
  for (const who of STANDINGS) {
    it(`${who}: ${TABLE[who].map((x) => (x ? '✓' : '✗')).join(' ')}`, () => {
      const item = makeItem({ state: 'in_progress', deadline: '2026-11-20' });
      expect([mayIssue(actorFor(who), item, 'interview1'), mayIssue(actorFor(who), item, 'interview2'), mayIssue(actorFor(who), item, 'referral')]).toEqual(TABLE[who]);
    });
  }
  it('nobody who may not see a confidential item may issue on it', () => {
    const item = makeItem({ state: 'in_progress', deadline: '2026-11-20', confidential: true });
    expect(mayIssue(actorFor('observer'), item, 'referral')).toBe(false);
    expect(mayIssue(actorFor('otherLeader'), item, 'interview1')).toBe(false);
  });
});

describe('what the ladder allows next', () => {
  const overdue = makeItem({ state: 'in_progress', deadline: '2026-11-20' });
  const sup = actorFor('supervisor');
  const cases: Array<[string, Parameters<typeof refusal>, RegExp | null]> = [
    ['level 1 on an overdue item', [sup, overdue, [], '2026-12-07'], null],
    ['level 1 before the deadline', [sup, makeItem({ state: 'in_progress', deadline: '2026-12-31' }), [], '2026-12-07'], /尚未逾期/],
    ['level 1 on a closed item', [sup, makeItem({ state: 'closed', deadline: '2026-11-20' }), [], '2026-12-07'], /已不在办理中/],
    ['level 1 twice', [sup, overdue, [{ step: 'interview1' }], '2026-12-07', 'interview1'], /一级约谈通知单已签发，无需重复/],
    ['level 2 without level 1', [sup, overdue, [], '2026-12-07', 'interview2'], /尚未进行一级约谈/],
    ['level 2 after level 1', [sup, overdue, [{ step: 'interview1' }], '2026-12-07'], null],
    ['referral without level 2', [sup, overdue, [{ step: 'interview1' }], '2026-12-07', 'referral'], /尚未进行二级约谈/],
    ['referral of a confidential item', [sup, makeItem({ state: 'in_progress', deadline: '2026-11-20', confidential: true }), [{ step: 'interview1' }, { step: 'interview2' }], '2026-12-07'], /涉密事项.*线下移交/],
    ['anything after the referral', [sup, overdue, [{ step: 'interview1' }, { step: 'interview2' }, { step: 'referral' }], '2026-12-07'], /已移交问责/],
    ['a unit head, level 1', [actorFor('unitHead'), overdue, [], '2026-12-07'], /只有分管校领导或督查室/],
    ['the leader in charge, level 2', [actorFor('leaderInCharge'), overdue, [{ step: 'interview1' }], '2026-12-07'], /只有书记、校长或督查室/],
  ];
  for (const [label, args, want] of cases) {
    it(label, () => {
      const r = refusal(...args);
      if (want === null) expect(r).toBeNull();
      else expect(r?.message).toMatch(want);
    });
  }
});

describe('when level 2 and the referral are proposed', () => {
  const item = { id: 5, state: 'in_progress' as const };
  const timing = { interview2After: 10, referralAfter: 5 };
  // Level 1 issued on Monday 2026-12-07 (Beijing afternoon, stored in UTC).
  const first = { id: 1, step: 'interview1' as const, issuedAt: '2026-12-07T07:00:00.000Z' };
  it('level 2: nothing before the tenth working day after level 1, then once keyed by level 1', () => {
    const day9 = cal.addWorkdays('2026-12-07', 9);
    const day10 = cal.addWorkdays('2026-12-07', 10);
    expect([day9, day10]).toEqual(['2026-12-18', '2026-12-21']);
    expect(dueProposal(item, [first], day9, cal, timing)).toBeNull();
    expect(dueProposal(item, [first], day10, cal, timing)).toEqual({ kind: 'interview2_proposal', key: 'interview2_proposal:5:1' });
    // A sweep that missed the day proposes it on the next one, under the same key.
    expect(dueProposal(item, [first], '2026-12-22', cal, timing)?.key).toBe('interview2_proposal:5:1');
  });
  it('the referral: counted from level 2, across the New Year holiday', () => {
    // 2026-12-25 issued at 23:30 Beijing is still the 25th there, though the 25th is over in UTC terms only at 16:00.
    const second = { id: 2, step: 'interview2' as const, issuedAt: '2026-12-25T15:30:00.000Z' };
    const due = cal.addWorkdays('2026-12-25', 5);
    expect(cal.isWorkday('2027-01-01')).toBe(false);
    expect(dueProposal(item, [first, second], cal.addWorkdays('2026-12-25', 4), cal, timing)).toBeNull();
    expect(dueProposal(item, [first, second], due, cal, timing)).toEqual({ kind: 'referral_proposal', key: 'referral_proposal:5:2' });
  });
  it('nothing for an item no longer open, nor after the referral', () => {
    expect(dueProposal({ id: 5, state: 'closed' }, [first], '2027-03-01', cal, timing)).toBeNull();
    const all = [first, { id: 2, step: 'interview2' as const, issuedAt: first.issuedAt }, { id: 3, step: 'referral' as const, issuedAt: first.issuedAt }];
    expect(dueProposal(item, all, '2027-03-01', cal, timing)).toBeNull();
  });
});

describe('the notice number and the interview time', () => {
  it('is (2026) 督字 (N) 号', () => expect(noticeNumber(2026, 12)).toBe('(2026) 督字 (12) 号'));
  const today = '2026-12-07';
  const table: Array<[string, string | null]> = [
    ['2026-12-09 15:00', '2026-12-09 15:00'],
    ['2026/12/9 9:30', '2026-12-09 09:30'],
    ['2026年12月9日 15:00', '2026-12-09 15:00'],
    ['12月9日下午3点', '2026-12-09 15:00'],
    ['12月9日 下午3点半', '2026-12-09 15:30'],
    ['2026-12-09T15:00', '2026-12-09 15:00'],
    ['2026-12-09 15:00 +0800', '2026-12-09 15:00'],
    ['１２月９日　１５：００', '2026-12-09 15:00'],
    // Without a year: the next such date (early December: January means next year).
    ['1月5日 10:00', '2027-01-05 10:00'],
    ['2026-12-09', null], // a time of day is needed
    ['2026-02-30 10:00', null],
    ['12月9日 25:00', null],
    ['下周三', null],
    ['', null],
  ];
  for (const [input, want] of table) {
    it(`reads “${input}”`, () => {
      const t = parseInterviewTime(input, today);
      expect(t ? `${t.date} ${t.time}` : null).toBe(want);
      if (t) expect(new Date(t.startsAt).toISOString()).toBe(new Date(`${t.date}T${t.time}:00+08:00`).toISOString());
    });
  }
});

describe('/督办 约谈 and /督办 问责 in chat', () => {
  it('reads the keys in any order, the level, and refuses what is missing', () => {
    expect(parseCommand('/督办 约谈 2026-3 地点:行政楼301 时间：2026-12-09 15:00 约谈人:李副校长')).toEqual({
      kind: 'interview',
      ref: '2026-3',
      time: '2026-12-09 15:00',
      place: '行政楼301',
      interviewer: '李副校长',
      reason: '',
    });
    expect(parseCommand('/督办 约谈 督办〔2026〕3号 二级 时间:12月9日下午3点 地点:校长办公室')).toMatchObject({ kind: 'interview', ref: '督办〔2026〕3号', step: 'interview2' });
    expect(parseCommand('/督办 问责 2026-3')).toEqual({ kind: 'referral', ref: '2026-3' });
    const msg = (t: string) => (parseCommand(t) as { message?: string }).message ?? '';
    expect(msg('/督办 约谈')).toMatch(/缺少编号/);
    expect(msg('/督办 约谈 2026-3 地点:行政楼')).toMatch(/缺少约谈时间/);
    expect(msg('/督办 约谈 2026-3 时间:2026-12-09 15:00')).toMatch(/缺少约谈地点/);
    expect(msg('/督办 约谈 2026-3 三级 时间:2026-12-09 15:00 地点:x')).toMatch(/无法识别「三级」/);
    expect(msg(`/督办 约谈 2026-3 时间:2026-12-09 15:00 地点:${'楼'.repeat(41)}`)).toMatch(/约谈地点过长/);
    expect(msg('/督办 约谈 2026-3 时间:1 时间:2 地点:x')).toMatch(/写了两次/);
  });
});
