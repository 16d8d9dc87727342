import { describe, expect, it } from 'vitest';
import { type RegistrationInput, prepareRegistration } from '../../src/domain/registration';
import { actorFor, baseInput, chinaTime } from '../support/items';
import { refusal } from '../support/assertions';

const NOW = chinaTime('2026-11-02');

const input = baseInput;


describe('who may register', () => {
  it.each([
    ['supervisor', true],
    ['admin', true],
    ['leaderInCharge', false],
    ['otherLeader', false],
    ['principal', false],
    ['unitHead', false],
    ['liaison', false],
    ['coopHead', false],
    ['otherUnitHead', false],
    ['observer', false],
    ['stranger', false],
  ] as const)('%s → %s', (who, allowed) => {
    const run = () => prepareRegistration(input(), actorFor(who), NOW);
    if (allowed) expect(run().createdBy).toBe(actorFor(who).id);
    else expect(refusal(run).code).toBe('forbidden');
  });
});

describe('checks', () => {
  it.each([
    ['empty title', { title: '' }],
    ['blank title', { title: '   ' }],
    ['title over 200 characters', { title: '题'.repeat(201) }],
    ['no lead unit', { leadUnitId: '' }],
    ['no leader', { leaderId: '' }],
    ['deadline not a real date', { deadline: '2026-02-30' }],
    ['deadline in another form', { deadline: '2026/12/31' }],
    ['deadline missing', { deadline: '' }],
    ['deadline yesterday', { deadline: '2026-11-01' }],
    ['deadline a day past five years', { deadline: '2031-11-03' }],
    ['deadline 2206 (a typo for 2026)', { deadline: '2206-06-30' }],
    ['deadline 9999-12-31', { deadline: '9999-12-31' }],
    ['requirements over 5000 characters', { requirements: '要'.repeat(5001) }],
    ['measures over 5000 characters', { measures: '措'.repeat(5001) }],
    ['source reference over 500 characters', { source: { category: 'meeting', ref: '纪'.repeat(501) } }],
    ['responsible person over 100 characters', { responsiblePerson: '人'.repeat(101) }],
    ['lead unit also cooperating', { coopUnitIds: ['kyc', 'jwc'] }],
    ['stage without a name', { stages: [{ name: ' ', deadline: '2026-12-01' }] }],
    ['stage after the deadline', { stages: [{ name: '初稿', deadline: '2027-01-15' }] }],
    ['stage date not a date', { stages: [{ name: '初稿', deadline: '12月1日' }] }],
  ] as [string, Partial<RegistrationInput>][])('%s → invalid_input', (_what, over) => {
    const err = refusal(() => prepareRegistration(input(over), actorFor('supervisor'), NOW));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a title of exactly 200 characters is accepted', () => {
    expect(prepareRegistration(input({ title: '题'.repeat(200) }), actorFor('supervisor'), NOW).title).toHaveLength(200);
  });

  it('an admin, who may not see confidential items, cannot register one', () => {
    expect(refusal(() => prepareRegistration(input({ confidential: true }), actorFor('admin'), NOW)).code).toBe('forbidden');
    expect(prepareRegistration(input({ confidential: false }), actorFor('admin'), NOW).createdBy).toBe('ou_admin');
  });

  it('a deadline five years from today is the latest accepted, and the refusal names it', () => {
    expect(prepareRegistration(input({ deadline: '2031-11-02' }), actorFor('supervisor'), NOW).deadline).toBe('2031-11-02');
    expect(refusal(() => prepareRegistration(input({ deadline: '2206-06-30' }), actorFor('supervisor'), NOW)).message).toContain('最晚可定为 2031-11-02');
  });

  it('a deadline of today is accepted', () => {
    expect(prepareRegistration(input({ deadline: '2026-11-02' }), actorFor('supervisor'), NOW).deadline).toBe('2026-11-02');
  });

  it('"today" is the day in Beijing: at 00:30 on Nov 3 there, Nov 2 is already past', () => {
    const lateNight = new Date('2026-11-02T16:30:00Z'); // 2026-11-03 00:30 in Beijing
    const err = refusal(() => prepareRegistration(input({ deadline: '2026-11-02' }), actorFor('supervisor'), lateNight));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('2026-11-03');
  });

  it('a stage due on the deadline itself is accepted', () => {
    const r = prepareRegistration(
      input({ stages: [{ name: ' 初稿 ', deadline: '2026-12-31' }] }),
      actorFor('supervisor'),
      NOW,
    );
    expect(r.stages).toEqual([{ name: '初稿', deadline: '2026-12-31' }]);
  });
});

describe('defaults', () => {
  it('a minimal registration becomes a registered ledger item, routine mode, with its one source', () => {
    const r = prepareRegistration(
      { title: '  修订本科生培养方案 ', leadUnitId: 'jwc', leaderId: 'ou_vp1', deadline: '2026-12-31' },
      actorFor('supervisor'),
      NOW,
    );
    expect(r).toMatchObject({
      title: '修订本科生培养方案',
      requirements: '',
      measures: '',
      state: 'registered',
      kind: 'ledger',
      mode: 'routine',
      flagged: false,
      important: false,
      confidential: false,
      coopUnitIds: [],
      stages: [],
      progressCycle: 'none',
      deadline: '2026-12-31',
      originalDeadline: '2026-12-31',
      reviewStage: null,
      mergedIntoId: null,
      claimedBy: null,
      claimedAt: null,
      submittedAt: null,
      closedAt: null,
      createdBy: 'ou_sup',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(r.sources).toEqual([{ category: 'other', ref: '' }]);
  });

  it('keeps what the office gave', () => {
    const r = prepareRegistration(
      input({
        kind: 'notice',
        mode: 'joint',
        flagged: true,
        important: true,
        confidential: true,
        coopUnitIds: ['kyc', 'rsc', 'kyc'],
        progressCycle: 'biweekly',
        responsiblePerson: ' 教务处处长 ',
      }),
      actorFor('supervisor'),
      NOW,
    );
    expect(r).toMatchObject({
      kind: 'notice',
      mode: 'joint',
      flagged: true,
      important: true,
      confidential: true,
      coopUnitIds: ['kyc', 'rsc'],
      progressCycle: 'biweekly',
      responsiblePerson: '教务处处长',
      leadUnitId: 'jwc',
      leaderId: 'ou_vp1',
      state: 'registered',
      originalDeadline: '2026-12-31',
      createdBy: 'ou_sup',
    });
    expect(r.sources).toEqual([{ category: 'committee', ref: '校长办公会 2026 年第 12 次会议纪要' }]);
  });

  it.each([
    ['source category', { source: { category: 'gossip' } }],
    ['kind', { kind: 'memo' }],
    ['mode', { mode: 'secret' }],
    ['progress cycle', { progressCycle: 'daily' }],
  ])('an unknown %s is refused', (_what, over) => {
    const err = refusal(() =>
      prepareRegistration(input(over as unknown as Partial<RegistrationInput>), actorFor('supervisor'), NOW),
    );
    expect(err.code).toBe('invalid_input');
  });
});
