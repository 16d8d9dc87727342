/**
 * Long-connection mode (FEISHU_MODE=ws) in process: compose() with the REAL SDK WSClient pointed at the fake
 * Feishu, which serves `/callback/ws/endpoint` and a WebSocket speaking the SDK's protobuf frames. The fake hands
 * out ClientConfig with a 1 s retry interval and no random delay, so every transition happens within seconds.
 *
 * What an office needs to see: the log says connecting / connected / lost / reconnecting (with the reason, no
 * secret), /healthz answers 503 {"ok":false,"feishu":"disconnected"} while the bot cannot hear Feishu and 200
 * {"ok":true,"feishu":"connected"} when it can, and events pushed over the connection are handled.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { compose } from '../src/compose';
import type { Config } from '../src/config';
import { createLogger } from '../src/logger';
import { DEFAULT_SCHEDULE } from '../src/scheduler/schedule-config';
import { type FakeFeishu, startFakeFeishu } from './support/fake-feishu';
import { messageEvent } from './support/feishu-signer';
import { type TestDb, openTestDb } from './support/fixtures';

/** The SDK only starts with an app id of this shape (cli_ + 16 hex digits). */
const APP_ID = 'cli_0123456789abcdef';
const APP_SECRET = 'ws-app-secret-0123456789';

interface LogLine {
  level: number;
  msg: string;
  reason?: string;
  attempt?: number;
  retryInSeconds?: number;
  [k: string]: unknown;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 5000, logs?: () => LogLine[]): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v !== undefined) return v;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}${logs ? `\n${logs().map((l) => JSON.stringify(l)).join('\n')}` : ''}`);
}

async function startWsBot(o: { appId?: string; appSecret?: string; restartAfterMs?: number; fake?: FakeFeishu } = {}) {
  const fake = o.fake ?? (await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET }));
  const tdb: TestDb = openTestDb();
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const log = createLogger('debug', {
    write(s: string) {
      raw.push(s);
      lines.push(JSON.parse(s) as LogLine);
    },
  });
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databasePath: tdb.path,
    orgFile: null,
    calendarFile: null,
    scheduleFile: null,
    logLevel: 'debug',
    feishu: { appId: o.appId ?? APP_ID, appSecret: o.appSecret ?? APP_SECRET, encryptKey: '', verificationToken: '', domain: fake.url, mode: 'ws' },
  };
  const bot = await compose(config, { db: tdb.db, calendar: tdb.ctx.calendar, schedule: DEFAULT_SCHEDULE }, log, {
    larkCache: new lark.DefaultCache(),
    restartLongConnectionAfterMs: o.restartAfterMs,
  });
  cleanups.push(async () => {
    bot.ws?.close();
    await bot.worker.stop();
    await bot.app.close();
    await fake.close();
    tdb.close();
  });
  const health = async () => {
    const res = await bot.app.inject({ method: 'GET', url: '/healthz' });
    return { status: res.statusCode, body: res.json() as { ok: boolean; feishu?: string } };
  };
  const logged = (msg: string) => lines.filter((l) => l.msg.includes(msg));
  const waitLog = (msg: string, ms = 5000) => until(`log "${msg}"`, () => logged(msg)[0], ms, () => lines);
  const waitHealth = (status: number, ms = 5000) =>
    until(`/healthz ${status}`, async () => {
      const h = await health();
      return h.status === status ? h : undefined;
    }, ms, () => lines);
  return { fake, bot, lines, raw, health, logged, waitLog, waitHealth };
}

const DOWN = { status: 503, body: { ok: false, feishu: 'disconnected' } };
const UP = { status: 200, body: { ok: true, feishu: 'connected' } };

describe('long connection (FEISHU_MODE=ws) against the fake Feishu', { timeout: 10_000 }, () => {
  it('before start and while the endpoint fails: /healthz 503, and the log says connecting, then could not connect with the reason', async () => {
    const fake = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET });
    fake.failWhen((c) => c.path === '/callback/ws/endpoint', { status: 502, code: 1, msg: 'bad gateway' });
    const t = await startWsBot({ fake });
    expect(await t.health()).toEqual(DOWN); // not started yet
    t.bot.ws!.start();
    await t.waitLog('long connection: connecting to Feishu');
    const failed = await t.waitLog('could not connect to Feishu; reconnecting');
    expect(failed.level).toBe(40); // warn
    expect(failed.reason).toMatch(/502/);
    // Before any endpoint answer the SDK's own default applies: the first retry within 30 s (random).
    expect(failed.retryInSeconds).toBeGreaterThanOrEqual(0);
    expect(failed.retryInSeconds).toBeLessThanOrEqual(30);
    expect(await t.health()).toEqual(DOWN);
    expect(fake.callsTo('/callback/ws/endpoint').length).toBe(1);
    expect(t.raw.join('')).not.toContain(APP_SECRET);
  });

  it('the socket refused: 503 and reconnecting each second; once Feishu accepts, connected and 200', async () => {
    const fake = await startFakeFeishu({ appId: APP_ID, appSecret: APP_SECRET });
    fake.ws.refuse(true);
    const t = await startWsBot({ fake });
    t.bot.ws!.start();
    const first = await t.waitLog('could not connect to Feishu; reconnecting');
    expect(first.reason).toBe('ws connect failed');
    expect(first.retryInSeconds).toBe(0); // the endpoint said ReconnectNonce 0
    const again = await t.waitLog('reconnect failed; reconnecting');
    expect(again).toMatchObject({ attempt: 1, reason: 'ws connect failed', retryInSeconds: 1 });
    expect(await t.health()).toEqual(DOWN);
    expect(fake.ws.refused).toBeGreaterThanOrEqual(2);
    expect(t.logged('connected to Feishu')).toEqual([]);

    fake.ws.refuse(false);
    expect(await t.waitHealth(200)).toEqual(UP);
    await t.waitLog('long connection: connected to Feishu');
    expect(fake.ws.open).toBe(1);
    expect(t.raw.join('')).not.toContain(APP_SECRET);
  });

  it('connected → 200; the connection lost → 503 and "lost; reconnecting"; back → "connected again" and 200', async () => {
    const t = await startWsBot();
    t.bot.ws!.start();
    await t.fake.ws.waitForOpen();
    expect(await t.waitHealth(200)).toEqual(UP);
    expect((await t.waitLog('long connection: connected to Feishu')).level).toBe(30);

    // The network drops the connection, and Feishu is unreachable for a moment.
    t.fake.ws.refuse(true);
    t.fake.ws.drop();
    const lost = await t.waitLog('long connection: lost; reconnecting');
    expect(lost.level).toBe(40);
    expect(await t.waitHealth(503)).toEqual(DOWN);
    await t.waitLog('reconnect failed; reconnecting');
    expect(await t.health()).toEqual(DOWN);

    t.fake.ws.refuse(false);
    expect(await t.waitHealth(200)).toEqual(UP);
    await t.waitLog('long connection: connected to Feishu again');
    expect(t.fake.ws.accepted).toBe(2);
  });

  it('an event pushed over the connection is handled and answered, and the reply goes out through the Open API', async () => {
    const t = await startWsBot();
    t.bot.ws!.start();
    await t.fake.ws.waitForOpen();
    await t.waitHealth(200);
    const ev = messageEvent({ token: '', senderOpenId: 'ou_sup', chatId: 'oc_p2p_sup', chatType: 'p2p', text: '/督办 帮助', messageId: 'om_ws_help' });
    const answer = await t.fake.ws.push(ev);
    expect(answer).toEqual({ code: 200, data: {} });
    await t.bot.worker.idle();
    await t.bot.worker.drain();
    const reply = t.fake.sent.find((m) => m.reply_to === 'om_ws_help');
    expect(reply?.msg_type).toBe('interactive');
    expect(JSON.stringify(reply?.content)).toContain('督办助手使用说明');
  });

  it('credentials refused: the SDK gives up, the log says so (no secret), /healthz 503, and it starts again later', async () => {
    const t = await startWsBot({ appSecret: 'a-wrong-secret-42', restartAfterMs: 300 });
    t.bot.ws!.start();
    const gaveUp = await t.waitLog('the SDK gave up; starting again later');
    expect(gaveUp.level).toBe(50);
    expect(gaveUp.reason).toMatch(/code=514/);
    expect(await t.health()).toEqual(DOWN);
    await until('a second start', () => (t.logged('long connection: connecting to Feishu').length >= 2 ? true : undefined), 3000);
    expect(t.raw.join('')).not.toContain('a-wrong-secret-42');
  });

  it('an app id the SDK refuses (not cli_ + 16 hex digits): an error naming FEISHU_APP_ID, nothing connects, 503', async () => {
    const fake = await startFakeFeishu({ appId: 'cli_test', appSecret: APP_SECRET });
    const t = await startWsBot({ fake, appId: 'cli_test' });
    t.bot.ws!.start();
    const err = await t.waitLog('FEISHU_APP_ID');
    expect(err.level).toBe(50);
    await sleep(200);
    expect(fake.callsTo('/callback/ws/endpoint')).toEqual([]);
    expect(await t.health()).toEqual(DOWN);
  });
});
