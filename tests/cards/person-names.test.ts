/**
 * People on cards are named, never shown as `ou_…`: a head written `{id, name}` in the org file shows by that name on
 * the 督办单; a head or liaison known by open_id only shows by post (教务处负责人) until Feishu gives the name
 * (tests/services/fill-names.test.ts); anyone else shows as 未登记姓名的人员. Rendered through the real cards with
 * cardContext over a real database loaded from an org file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardContext } from '../../src/bot/card-context';
import { itemDetailCard, slipCard, textOf } from '../../src/cards/cards';
import { UNNAMED_PERSON } from '../../src/db/org-repository';
import { parseOrg } from '../../src/org/parse-org';
import { type TestDb, openTestDb } from '../support/fixtures';
import { NOW, calendar, historyRow, item, progressRow } from './item-fixture';

const NAMED_ORG = parseOrg(
  [
    'units:',
    '  - id: jwc',
    '    name: 教务处',
    '    head: {id: ou_head_jwc, name: 陈处长}',
    '    liaisons: [ou_liaison_jwc]',
    '  - id: kyc',
    '    name: 科研处',
    '    head: ou_head_kyc',
    '    liaisons:',
    '      - {id: ou_liaison_kyc, name: 周晓燕}',
    'people:',
    '  - {id: ou_sup, name: 王督查, roles: [supervisor]}',
    '  - {id: ou_vp1, name: 李副校长, roles: [leader], leads: [jwc, kyc]}',
    '',
  ].join('\n'),
);

let t: TestDb;
beforeEach(() => {
  t = openTestDb(undefined, NAMED_ORG);
});
afterEach(() => t.close());

const c = () => cardContext(t.db, calendar, NOW);
const pending = (requestedBy: string) => ({ id: 1, requestedBy, reason: '等待教育部新版目录', proposedDeadline: '2027-01-29' });

describe('names on the 督办单', () => {
  it('a head written {id, name} shows by name', () => {
    const card = slipCard(item({ pendingExtension: pending('ou_head_jwc') }), c(), 'lead');
    expect(textOf(card)).toContain('（陈处长 提出）');
    expect(JSON.stringify(card)).not.toMatch(/ou_/);
  });

  it('a head known by open_id only shows by post, never by id', () => {
    const card = slipCard(item({ leadUnitId: 'kyc', coopUnitIds: [], pendingExtension: pending('ou_head_kyc') }), c(), 'lead');
    expect(textOf(card)).toContain('（科研处负责人 提出）');
    expect(JSON.stringify(card)).not.toMatch(/ou_/);
  });
});

describe('names in the detail and its history', () => {
  it('names everyone: file names, posts, and the neutral text for someone the org no longer knows', () => {
    const card = itemDetailCard(
      item({ claimedBy: 'ou_liaison_jwc' }),
      {
        history: [
          historyRow(1, { action: 'register', actorId: 'ou_sup', fromState: null, toState: 'registered', note: null }),
          historyRow(2, { action: 'claim', actorId: 'ou_liaison_jwc', fromState: 'assigned', toState: 'in_progress', note: null }),
          historyRow(3, { actorId: 'ou_liaison_kyc', note: '已提供意见' }),
          historyRow(4, { actorId: 'ou_left_long_ago', note: '旧记录' }),
        ],
        progress: [progressRow(1, { authorId: 'ou_head_jwc' }), progressRow(2, { unitId: 'kyc', authorId: 'ou_head_kyc' })],
      },
      c(),
    );
    const text = textOf(card);
    expect(text).toContain('认领：教务处联络人');
    for (const name of ['王督查', '教务处联络人', '周晓燕', UNNAMED_PERSON, '教务处 陈处长', '科研处 科研处负责人']) expect(text).toContain(name);
    expect(JSON.stringify(card)).not.toMatch(/ou_/);
  });

  it('the neutral text is what cardContext gives for an unknown id', () => {
    expect(c().personName('ou_nobody')).toBe(UNNAMED_PERSON);
    expect(c().personName('ou_vp1')).toBe('李副校长');
  });
});
