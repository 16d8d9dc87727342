import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { type Dispatcher, feishuReceiver } from '../../src/feishu/receiver';
import { createLogger } from '../../src/logger';
import { messageEvent, signedRequest } from '../support/feishu-signer';
import { openTestDb } from '../support/fixtures';

/**
 * Bodies are refused before they are held: a declared Content-Length over the limit before a byte is read, a
 * chunked body as soon as it passes the limit, and while the bodies being read hold the whole budget a new one gets
 * 503. Over real HTTP (inject has no streams), with the real receiver and a dispatcher that counts what reaches it.
 */
const KEY = 'limits-encrypt-key-0123456789';
const TOKEN = 'limits-token';
const log = createLogger('silent');
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function server(bodyBudget: number) {
  const dispatched: string[] = [];
  const dispatcher: Dispatcher = { dispatch: async (e) => (dispatched.push(e.eventId), {}) };
  const tdb = openTestDb();
  const app = await buildApp({ ctx: tdb.ctx, log, rawRoutes: feishuReceiver({ encryptKey: KEY, verificationToken: TOKEN }, dispatcher, { bodyBudget }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  close = async () => {
    await app.close();
    tdb.db.$client.close();
  };
  return { port: (app.server.address() as AddressInfo).port, dispatched };
}

/** A POST whose body is written by `write`; resolves with the status as soon as the answer's head arrives. */
function post(port: number, headers: Record<string, string | number>, write: (req: ReturnType<typeof request>) => void) {
  return new Promise<{ status: number; req: ReturnType<typeof request> }>((ok, fail) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/feishu/events', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      ok({ status: res.statusCode ?? 0, req });
    });
    req.on('error', fail);
    write(req);
  });
}

const event = (id: string) => signedRequest(KEY, messageEvent({ token: TOKEN, eventId: id, senderOpenId: 'ou_a', chatId: 'oc_a', chatType: 'p2p', text: '/督办 帮助' }));

describe('request bodies are bounded before they are buffered', () => {
  it('a declared Content-Length over 512 KiB is answered 413 before any of the body is sent', async () => {
    const s = await server(16 * 1024 * 1024);
    // Only the headers go out: the answer must come without the server waiting for (or reading) the megabyte.
    const r = await post(s.port, { 'content-length': 1024 * 1024 }, (req) => req.flushHeaders());
    r.req.destroy();
    expect(r.status).toBe(413);
    expect(s.dispatched).toEqual([]);
  });

  it('a chunked body is refused with 413 as soon as it passes 512 KiB, while the client is still sending', async () => {
    const s = await server(16 * 1024 * 1024);
    const r = await post(s.port, {}, (req) => {
      // 600 KiB in 60 KiB chunks, and the stream left open: the answer cannot wait for the end.
      for (let i = 0; i < 10; i++) req.write(Buffer.alloc(60 * 1024, 0x61));
    });
    r.req.destroy();
    expect(r.status).toBe(413);
    expect(s.dispatched).toEqual([]);
  });

  it('while unfinished bodies hold the whole budget a new request gets 503; once they are gone one is accepted', async () => {
    const s = await server(100 * 1024);
    // Two slow senders hold the whole 100 KiB budget between them and do not finish.
    const slow = [0, 1].map(() => request({ port: s.port, host: '127.0.0.1', method: 'POST', path: '/feishu/events', headers: { 'content-type': 'application/json' } }));
    try {
      for (const req of slow) {
        req.on('error', () => {});
        req.write(Buffer.alloc(50 * 1024, 0x61));
      }
      await new Promise((r) => setTimeout(r, 150));
      const { headers, body } = event('ev_during');
      const refused = await post(s.port, { ...headers, 'content-length': Buffer.byteLength(body) }, (req) => req.end(body));
      expect(refused.status).toBe(503);
      expect(s.dispatched).toEqual([]);
    } finally {
      // The slow senders go away (their connections close): what they held is free again.
      for (const req of slow) req.destroy();
    }
    await new Promise((r) => setTimeout(r, 150));
    const again = event('ev_after');
    const accepted = await post(s.port, { ...again.headers, 'content-length': Buffer.byteLength(again.body) }, (req) => req.end(again.body));
    expect(accepted.status).toBe(200);
    expect(s.dispatched).toEqual(['ev_after']);
  });
});
