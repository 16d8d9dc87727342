/**
 * Filling the names of heads and liaisons the org file gives by open_id only, from Feishu's contact directory,
 * through the REAL SDK client and FeishuMessenger against the local fake: asked once per id, failures remembered
 * and asked again at most daily (or at once with retryFailed), an unreachable Feishu stops the run, nothing throws.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardContext } from '../../src/bot/card-context';
import { slipCard, textOf } from '../../src/cards/cards';
import { loadConfig } from '../../src/config';
import { findPerson } from '../../src/db/org-repository';
import { FeishuMessenger, createLarkClient } from '../../src/messenger/feishu-messenger';
import { parseOrg } from '../../src/org/parse-org';
import { NAME_RETRY_MS, fillMissingNames, peopleWithoutName } from '../../src/services/fill-names';
import { importOrg } from '../../src/services/import-org';
import { NOW, calendar, item } from '../cards/item-fixture';
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu';
import { type TestDb, openTestDb } from '../support/fixtures';

const ORG = parseOrg(
  [
    'units:',
    '  - id: jwc',
    '    name: 教务处',
    '    head: ou_head_jwc', //                  by id only: asked
    '    liaisons: [{id: ou_liaison_jwc, name: 周晓燕}]', // named in the file: never asked
    '  - id: kyc',
    '    name: 科研处',
    '    head: ou_head_kyc', //                  by id only, and outside the fake's directory: fails
    '    liaisons: [ou_sup]', //                 listed under people: named, never asked
    'people:',
    '  - {id: ou_sup, name: 王督查, roles: [supervisor]}',
    '',
  ].join('\n'),
);

const T0 = new Date('2026-11-02T01:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

let fake: FakeFeishu;
let t: TestDb;

function messenger(timeoutMs = 2000) {
  const cfg = loadConfig({ FEISHU_APP_ID: fake.appId, FEISHU_APP_SECRET: fake.appSecret, FEISHU_MODE: 'ws', FEISHU_DOMAIN: fake.url }).feishu!;
  const cache = new lark.DefaultCache();
  return new FeishuMessenger(createLarkClient(cfg, cache), timeoutMs, { cache, appId: fake.appId });
}
const lookup = (m = messenger()) => (id: string) => m.contactName(id);
const userCalls = () => fake.calls.filter((c) => c.method === 'GET' && c.path.startsWith('/open-apis/contact/v3/users/'));
const askedIds = () => userCalls().map((c) => decodeURIComponent(c.path.split('/').pop()!));

beforeAll(async () => {
  fake = await startFakeFeishu({ directory: { users: [{ open_id: 'ou_head_jwc', user_id: 'u1', name: '陈处长' }] } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  t = openTestDb(undefined, ORG);
});
afterEach(() => t.close());

describe('FeishuMessenger.contactName against the fake', () => {
  it('GETs the user by open_id with the tenant token and returns data.user.name', async () => {
    expect(await messenger().contactName('ou_head_jwc')).toBe('陈处长');
    const [call] = userCalls();
    expect(call).toMatchObject({ path: '/open-apis/contact/v3/users/ou_head_jwc', query: { user_id_type: 'open_id' } });
    expect(call!.headers.authorization).toBe(`Bearer ${fake.token}`);
  });

  it("throws Feishu's refusal, a 200 with a non-zero code, and a timeout", async () => {
    const m = messenger(300);
    await expect(m.contactName('ou_unknown')).rejects.toMatchObject({ code: 41050, retryable: false });
    fake.failNext(1, { status: 200, code: 99991672, msg: 'Access denied: contact:user.base:readonly' }, { path: '/open-apis/contact/' });
    await expect(m.contactName('ou_head_jwc')).rejects.toMatchObject({ code: 99991672 });
    fake.failNext(1, { delayMs: 1000 }, { path: '/open-apis/contact/' });
    await expect(m.contactName('ou_head_jwc')).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/^network:/) });
  });
});

describe('fillMissingNames', () => {
  it('before: a head by id only shows by post on the 督办单; after: by the name Feishu gives', async () => {
    const slip = () => textOf(slipCard(item({ pendingExtension: { id: 1, requestedBy: 'ou_head_jwc', reason: '理由', proposedDeadline: '2027-01-29' } }), cardContext(t.db, calendar, NOW), 'lead'));
    expect(slip()).toContain('（教务处负责人 提出）');
    const r = await fillMissingNames(t.db, lookup(), T0);
    expect(r).toMatchObject({ missing: 2, asked: 2, filled: 1, failed: 1, skipped: 0 });
    expect(r.firstError).toMatch(/41050/);
    expect(slip()).toContain('（陈处长 提出）');
    expect(findPerson(t.db, 'ou_head_jwc')).toMatchObject({ name: '陈处长', roles: [], nameCheckedAt: T0.toISOString(), nameError: null });
  });

  it('asks each id once: names named in the file or found before are never asked', async () => {
    await fillMissingNames(t.db, lookup(), T0);
    expect(askedIds().sort()).toEqual(['ou_head_jwc', 'ou_head_kyc']);
    fake.reset();
    // Later the same day, and after a restart's import of the same file: nothing is asked.
    importOrg(t.db, ORG, 'system', later(60_000));
    expect(await fillMissingNames(t.db, lookup(), later(60_000))).toMatchObject({ missing: 1, asked: 0, skipped: 1 });
    expect(userCalls()).toHaveLength(0);
  });

  it('remembers a failure, asks again a day later (or at once with retryFailed), and fills it once it works', async () => {
    await fillMissingNames(t.db, lookup(), T0);
    expect(findPerson(t.db, 'ou_head_kyc')).toMatchObject({ name: '', nameCheckedAt: T0.toISOString(), nameError: expect.stringMatching(/41050/) });
    fake.reset();
    expect(await fillMissingNames(t.db, lookup(), later(NAME_RETRY_MS - 1))).toMatchObject({ asked: 0, skipped: 1 });
    expect(await fillMissingNames(t.db, lookup(), later(NAME_RETRY_MS - 1), { retryFailed: true })).toMatchObject({ asked: 1, failed: 1 });
    fake.directory.users.push({ open_id: 'ou_head_kyc', name: '黄处长' });
    expect(await fillMissingNames(t.db, lookup(), later(2 * NAME_RETRY_MS))).toMatchObject({ asked: 1, filled: 1 });
    expect(findPerson(t.db, 'ou_head_kyc')).toMatchObject({ name: '黄处长', nameError: null });
    expect(askedIds()).toEqual(['ou_head_kyc', 'ou_head_kyc']);
    expect(peopleWithoutName(t.db)).toEqual([]);
  });

  it('a row recorded as failed does not disturb the import; a name the file gives later wins', async () => {
    await fillMissingNames(t.db, lookup(), T0);
    const org = parseOrg(
      ['units:', '  - id: jwc', '    name: 教务处', '    head: {id: ou_head_jwc, name: 陈明}', '  - id: kyc', '    name: 科研处', '    head: {id: ou_head_kyc, name: 黄志刚}', 'people: []', ''].join('\n'),
    );
    expect(importOrg(t.db, org, 'system', later(1000))).toMatchObject({ namesSet: 2, peopleRetired: 1 }); // 王督查 left people
    expect(findPerson(t.db, 'ou_head_jwc')!.name).toBe('陈明');
    expect(findPerson(t.db, 'ou_head_kyc')!.name).toBe('黄志刚');
  });

  it('stops at the first unreachable Feishu (the rest wait for next time) and never throws', async () => {
    fake.failNext(1, { drop: true }, { path: '/open-apis/contact/' });
    const r = await fillMissingNames(t.db, lookup(messenger(500)), T0);
    expect(r).toMatchObject({ missing: 2, asked: 1, failed: 1, skipped: 1 });
    expect(r.firstError).toMatch(/^network:/);
    expect(askedIds()).toEqual(['ou_head_jwc']);
    // A lookup that throws anything at all is recorded, not rethrown (the one never asked, and the failed one again).
    const boom = await fillMissingNames(t.db, async () => {
      throw new TypeError('boom');
    }, later(1000), { retryFailed: true });
    expect(boom).toMatchObject({ missing: 2, asked: 2, failed: 2, skipped: 0, firstError: 'boom' });
    expect(findPerson(t.db, 'ou_head_kyc')).toMatchObject({ name: '', nameError: 'boom' });
  });

  it('one run at a time: a call while one runs shares it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const slow = async () => {
      calls++;
      await gate;
      return '某人';
    };
    const a = fillMissingNames(t.db, slow, T0);
    const b = fillMissingNames(t.db, slow, T0);
    expect(b).toBe(a);
    release();
    expect(await a).toMatchObject({ filled: 2 });
    expect(calls).toBe(2);
  });
});
