import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/compose';
import type { Config } from '../../src/config';
import { auditLog } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';
import { eq } from 'drizzle-orm';

/**
 * The console in Feishu mode: 网页应用 sign-in against the fake Feishu (authorize → code → user access token →
 * user_info), over real HTTP, and what each person then sees and may do.
 */
let fake: FakeFeishu;
let t: TestDb;
let bot: Awaited<ReturnType<typeof compose>>;
let base: string;
const now = at('2026-11-24');

beforeAll(async () => {
  fake = await startFakeFeishu();
  t = openTestDb();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databasePath: t.path,
    orgFile: null,
    calendarFile: null,
    scheduleFile: null,
    logLevel: 'silent',
    feishu: { appId: fake.appId, appSecret: fake.appSecret, encryptKey: 'k', verificationToken: 'v', domain: fake.url, mode: 'webhook' },
  };
  bot = await compose(config, { db: t.db, calendar: t.ctx.calendar, schedule: DEFAULT_SCHEDULE }, createLogger('silent'), { now: () => now, larkCache: new lark.DefaultCache() });
  base = await bot.app.listen({ port: 0, host: '127.0.0.1' });
  // One open item of 教务处, and a confidential one of 人事处.
  for (const input of [baseInput({ title: '修订本科生培养方案' }), baseInput({ title: '干部考核办法修订', leadUnitId: 'rsc', coopUnitIds: [], leaderId: WHO.otherLeader, confidential: true })]) {
    const item = registerItem(bot.ctx, { actorId: WHO.supervisor, channel: 'api', input, now });
    applyCommand(bot.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'api', command: { type: 'send_slip' }, now });
  }
}, 30_000);
afterAll(async () => {
  await bot.worker.stop();
  await bot.app.close();
  await fake.close();
  t.close();
});

/** A browser's cookie jar, just enough for one site. */
function browserSession() {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      if (v.join('=') === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(k!);
      else jar.set(k!, v.join('='));
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (url: string) => keep(await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } })),
    post: async (url: string, body: unknown) =>
      keep(await fetch(url, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/json' }, body: JSON.stringify(body) })),
  };
}

/** Signs in as `openId` the way a browser would follow the redirects. Returns the session and the callback's answer. */
async function signIn(openId: string, name = '教务处处长') {
  const b = browserSession();
  fake.signInAs({ openId, name });
  const start = await b.get(`${base}/console/login`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const back = await b.get(authorize.toString()); // the fake's authorize page signs in and redirects back
  expect(back.status).toBe(302);
  const callback = await b.get(back.headers.get('location')!);
  return { b, authorize, callback };
}

describe('console sign-in with Feishu (网页应用 OAuth)', () => {
  it('authorize with the app id, the callback address and a state; code → token → user_info; a signed HttpOnly session', async () => {
    const { b, authorize, callback } = await signIn(WHO.unitHead);
    expect(authorize.origin + authorize.pathname).toBe(`${fake.url}/open-apis/authen/v1/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(fake.appId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${base}/console/oauth/callback`);
    expect(authorize.searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/console');
    const set = callback.headers.getSetCookie().find((c) => c.startsWith('duban_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(fake.callsTo('/open-apis/authen/v2/oauth/token')[0]!.body).toMatchObject({ grant_type: 'authorization_code', client_id: fake.appId, client_secret: fake.appSecret });

    const me = (await (await b.get(`${base}/console/api/me`)).json()) as { mode: string; me: { id: string }; people?: unknown };
    expect(me).toMatchObject({ mode: 'feishu', me: { id: WHO.unitHead } });
    expect(me.people).toBeUndefined(); // nobody picks who they are in Feishu mode
  });

  it('behind a reverse proxy the callback address is the one the browser used', async () => {
    const res = await fetch(`${base}/console/login`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'duban.example.edu.cn' } });
    expect(new URL(res.headers.get('location')!).searchParams.get('redirect_uri')).toBe('https://duban.example.edu.cn/console/oauth/callback');
  });

  it('a person sees what the bot would show them: the unit head their item, not the confidential one of another unit', async () => {
    const head = (await signIn(WHO.unitHead)).b;
    const list = (await (await head.get(`${base}/console/api/items`)).json()) as { total: number; items: Array<{ title: string }> };
    expect(list.items.map((i) => i.title)).toEqual(['修订本科生培养方案']);
    expect((await head.get(`${base}/console/api/items/2`)).status).toBe(404);

    const office = (await signIn(WHO.supervisor, '王督查')).b;
    const all = (await (await office.get(`${base}/console/api/items?sort=number`)).json()) as { items: Array<{ title: string }> };
    expect(all.items.map((i) => i.title)).toEqual(['修订本科生培养方案', '干部考核办法修订']);
  });

  it('progress from the item page goes through the same service, recorded with channel console; an outsider may not', async () => {
    const head = (await signIn(WHO.unitHead)).b;
    await applyCommand(bot.ctx, { itemId: 1, actorId: WHO.unitHead, channel: 'card', command: { type: 'claim' }, now });
    const ok = await head.post(`${base}/console/api/items/1/progress`, { text: '已完成调研' });
    expect(ok.status).toBe(200);
    const rows = t.db.select().from(auditLog).where(eq(auditLog.action, 'report_progress')).all();
    expect(rows.map((r) => [r.actorId, r.channel, r.note])).toEqual([[WHO.unitHead, 'console', '已完成调研']]);

    const other = (await signIn(WHO.otherUnitHead)).b;
    const refused = await other.post(`${base}/console/api/items/1/progress`, { text: '我来报' });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: string }).error).toContain('无权');
    const empty = await head.post(`${base}/console/api/items/1/progress`, { text: '  ' });
    expect(empty.status).toBe(400);
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'report_progress')).all()).toHaveLength(1);
  });

  it('refuses a callback not started here, a used code, a forged cookie and someone outside the organisation', async () => {
    // A callback with a state this browser never got.
    const b = browserSession();
    const forged = await b.get(`${base}/console/oauth/callback?code=x&state=${'0'.repeat(32)}`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('登录请求已失效');

    // The same code twice: the second exchange is refused by Feishu and no session starts.
    fake.signInAs({ openId: WHO.unitHead, name: '教务处处长' });
    const c = browserSession();
    const start = await c.get(`${base}/console/login`);
    const back = await c.get(start.headers.get('location')!);
    const callbackUrl = back.headers.get('location')!;
    expect((await c.get(callbackUrl)).status).toBe(302);
    const again = browserSession();
    const restart = await again.get(`${base}/console/login`);
    const state = new URL(restart.headers.get('location')!).searchParams.get('state')!;
    const replay = new URL(callbackUrl);
    replay.searchParams.set('state', state);
    const reused = await again.get(replay.toString());
    expect(reused.status).toBe(400);
    expect(again.jar.has('duban_session')).toBe(false);

    // A session cookie edited to name someone else is not a session.
    const head = (await signIn(WHO.unitHead)).b;
    const value = decodeURIComponent(head.jar.get('duban_session')!);
    head.jar.set('duban_session', encodeURIComponent(value.replace(WHO.unitHead, WHO.supervisor)));
    expect((await head.get(`${base}/console/api/items`)).status).toBe(401);

    // A Feishu user the organisation does not know.
    const stranger = await signIn(WHO.stranger, '路人');
    expect(stranger.callback.status).toBe(403);
    expect(stranger.b.jar.has('duban_session')).toBe(false);
  });

  it('the Excel ledger and the statistics, each as the person may see them', async () => {
    const head = (await signIn(WHO.unitHead)).b;
    const xlsx = await head.get(`${base}/console/export/ledger.xlsx?year=2026`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain(encodeURIComponent('督办台账-2026年'));
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const stats = (await (await head.get(`${base}/console/api/stats?from=2026-01-01&to=2026-11-24`)).json()) as { card: { body: unknown } };
    expect(JSON.stringify(stats.card)).toContain('教务处');
    expect((await browserSession().get(`${base}/console/export/ledger.xlsx`)).status).toBe(401);
    expect((await head.get(`${base}/console/api/stats?from=yesterday`)).status).toBe(400);
  });

  it('Feishu mode has no simulator, no clock and no choosing who you are', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/local/clock`)).status).toBe(404);
    const pick = await fetch(`${base}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: WHO.supervisor }) });
    expect(pick.status).toBe(404);
  });
});
