import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { type Dispatcher, feishuReceiver } from '../../src/feishu/receiver';
import { createLogger } from '../../src/logger';
import { messageEvent, signedRequest } from '../support/feishu-signer';
import { openTestDb } from '../support/fixtures';

/**
 * Feishu's two paths are answered before Fastify (app.ts rawRoutes). Over real HTTP, as Feishu reaches them: the
 * routing does not depend on a query string, other methods and paths still reach Fastify, a body that is not
 * JSON is refused.
 */
const KEY = 'raw-routes-encrypt-key-0123456789';
const TOKEN = 'raw-routes-token';
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function server() {
  const dispatched: string[] = [];
  const dispatcher: Dispatcher = { dispatch: async (e) => (dispatched.push(e.eventId), {}) };
  const tdb = openTestDb();
  const app = await buildApp({ ctx: tdb.ctx, log: createLogger('silent'), rawRoutes: feishuReceiver({ encryptKey: KEY, verificationToken: TOKEN }, dispatcher) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  close = async () => {
    await app.close();
    tdb.db.$client.close();
  };
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url, dispatched };
}

const signed = (id: string) => signedRequest(KEY, messageEvent({ token: TOKEN, eventId: id, senderOpenId: 'ou_a', chatId: 'oc_a', chatType: 'p2p', text: '/督办 帮助' }));
const post = (url: string, r: { headers: Record<string, string>; body: string }) => fetch(url, { method: 'POST', headers: r.headers, body: r.body, signal: AbortSignal.timeout(3000) });

describe("Feishu's paths before Fastify", () => {
  it('a signed event with a query string reaches the dispatcher; GET and other paths are Fastify’s (404, /healthz)', async () => {
    const s = await server();
    const res = await post(`${s.url}/feishu/events?from=feishu`, signed('ev_q'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({});
    expect(s.dispatched).toEqual(['ev_q']);
    expect((await fetch(`${s.url}/feishu/events`)).status).toBe(404);
    expect((await post(`${s.url}/feishu/eventsx`, signed('ev_other'))).status).toBe(404);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(s.dispatched).toEqual(['ev_q']);
  });

  it('a body that is not declared JSON gets 415 and reaches nobody', async () => {
    const s = await server();
    const r = signed('ev_text');
    const res = await post(`${s.url}/feishu/cards`, { headers: { ...r.headers, 'content-type': 'text/plain' }, body: r.body });
    expect(res.status).toBe(415);
    expect(s.dispatched).toEqual([]);
  });
});
