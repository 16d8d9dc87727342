import { describe, expect, it } from 'vitest';
import { type Actor, stranger } from '../../src/domain/actor';
import { canRegister, canView, relationsTo } from '../../src/domain/permissions';
import { STANDINGS, VISIBLE, actorFor, makeItem } from '../support/items';


describe('canView', () => {
  it('the table covers every standing', () => {
    expect(Object.keys(VISIBLE).sort()).toEqual([...STANDINGS].sort());
  });

  it.each(STANDINGS.flatMap((who) => [[who, false, VISIBLE[who].plain] as const, [who, true, VISIBLE[who].confidential] as const]))(
    '%s, confidential=%s → %s',
    (who, confidential, expected) => {
      expect(canView(actorFor(who), makeItem({ confidential }))).toBe(expected);
    },
  );

  it('a cooperating unit’s liaison sees a confidential item it works on', () => {
    const coopLiaison: Actor = { id: 'ou_liaison_kyc', name: '科研处联络人', roles: [], headOf: [], liaisonOf: ['kyc'] };
    expect(canView(coopLiaison, makeItem({ confidential: true }))).toBe(true);
  });

  it('a unit head sees a confidential item once their unit is added as cooperating unit', () => {
    const item = makeItem({ confidential: true, coopUnitIds: ['kyc', 'rsc'] });
    expect(canView(actorFor('otherUnitHead'), item)).toBe(true);
  });

  it('the leader in charge is whoever the item names, not any leader', () => {
    const item = makeItem({ confidential: true, leaderId: 'ou_vp2' });
    expect(canView(actorFor('otherLeader'), item)).toBe(true);
    expect(canView(actorFor('leaderInCharge'), item)).toBe(false);
  });

  it('someone who is not in the org file sees nothing', () => {
    expect(canView(stranger('ou_x'), makeItem())).toBe(false);
  });
});

describe('relationsTo', () => {
  it.each([
    ['supervisor', ['supervisor']],
    ['leaderInCharge', ['leaderInCharge']],
    ['otherLeader', []],
    ['principal', ['principal']],
    ['unitHead', ['leadUnit']],
    ['liaison', ['leadUnit']],
    ['coopHead', ['coopUnit']],
    ['otherUnitHead', []],
    ['observer', ['observer']],
    ['admin', ['admin']],
    ['stranger', []],
  ] as const)('%s stands to the item as %j', (who, expected) => {
    expect([...relationsTo(actorFor(who), makeItem())].sort()).toEqual([...expected].sort());
  });

  it('a person with several hats holds every relation', () => {
    const both: Actor = { id: 'ou_vp1', name: '李副校长', roles: ['leader', 'supervisor'], headOf: ['kyc'], liaisonOf: [] };
    expect([...relationsTo(both, makeItem())].sort()).toEqual(['coopUnit', 'leaderInCharge', 'supervisor']);
  });
});

describe('canRegister', () => {
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
  ] as const)('%s → %s', (who, expected) => {
    expect(canRegister(actorFor(who))).toBe(expected);
  });
});
