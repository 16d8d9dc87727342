/**
 * Slow clients are disconnected: a real server listening on 127.0.0.1 with short limits, and raw sockets that send
 * half a request line, trickle headers or a body, or hold an idle keep-alive connection. The one test file that waits
 * real time; every wait is bounded and the cases run side by side (about 1 s in all).
 */
import { type Socket, connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_LIMITS, buildApp, checkingInterval } from '../../src/app';
import { feishuReceiver } from '../../src/feishu/receiver';
import { createLogger } from '../../src/logger';
import { type TestDb, openTestDb } from '../support/fixtures';
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from './harness';

const LIMITS = { headersTimeout: 300, requestTimeout: 600, connectionTimeout: 1_500, keepAliveTimeout: 400, bodyLimit: 4_096 };
/** How long after the configured timeout the server may take to close (Node checks every checkingInterval). */
const SLACK = 600;
/** Node closes an idle keep-alive socket 1 s after the timeout it advertises (HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER). */
const KEEP_ALIVE_BUFFER = 1_000;
/** No wait in this file lasts longer than this. */
const GIVE_UP = 2_500;

let tdb: TestDb;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  tdb = openTestDb();
  const dispatcher = { dispatch: async () => ({}) };
  app = await buildApp({
    ctx: tdb.ctx,
    log: createLogger('silent'),
    rawRoutes: feishuReceiver({ encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }, dispatcher),
    limits: LIMITS,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

afterAll(async () => {
  await app.close();
  tdb.close();
});

interface Outcome {
  /** ms from connecting until the server closed the socket, or null if it was still open when we gave up. */
  closedAfter: number | null;
  received: string;
}

/** Connects, lets `talk` write (it gets the socket and a stop signal), and waits (bounded) for the server to close. */
function session(talk: (s: Socket, stopped: () => boolean) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let received = '';
    let done = false;
    const started = Date.now();
    const finish = (closedAfter: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      s.destroy();
      resolve({ closedAfter, received });
    };
    const guard = setTimeout(() => finish(null), GIVE_UP);
    s.setEncoding('utf8');
    s.on('data', (d: string) => (received += d));
    s.on('error', () => {});
    s.on('close', () => finish(Date.now() - started));
    s.on('connect', () => talk(s, () => done || s.destroyed));
  });
}

/** Writes `chunk` every `ms` until the socket is gone. */
function trickle(s: Socket, stopped: () => boolean, chunk: string, ms: number) {
  const t = setInterval(() => (stopped() ? clearInterval(t) : s.write(chunk)), ms);
}

describe('a slow or idle client is disconnected within the configured bound', () => {
  it('half a request line, trickled headers, a trickled body, silence, an idle keep-alive: each is closed in time', async () => {
    const [halfLine, slowHeaders, slowBody, silent, keepAlive, healthy] = await Promise.all([
      session((s) => s.write('POST /feishu/events HT')),
      session((s, stopped) => {
        s.write('POST /feishu/events HTTP/1.1\r\nHost: x\r\n');
        trickle(s, stopped, 'X-Slow: 1\r\n', 50);
      }),
      session((s, stopped) => {
        s.write('POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n{');
        trickle(s, stopped, ' ', 50);
      }),
      session(() => {}),
      session((s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n')),
      // A client that sends promptly is served as usual.
      session((s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')),
    ]);
    for (const [name, o, bound] of [
      ['half a request line', halfLine, LIMITS.headersTimeout],
      ['trickled headers', slowHeaders, LIMITS.headersTimeout],
      ['trickled body', slowBody, LIMITS.requestTimeout],
      ['silent connection', silent, LIMITS.headersTimeout],
      ['idle keep-alive', keepAlive, LIMITS.keepAliveTimeout + KEEP_ALIVE_BUFFER],
    ] as const) {
      expect(o.closedAfter, name).not.toBeNull();
      expect(o.closedAfter!, name).toBeGreaterThanOrEqual(bound - 50);
      expect(o.closedAfter!, name).toBeLessThanOrEqual(bound + SLACK);
    }
    // The slow requests got a 408 before the socket was closed; the keep-alive one its answer first.
    expect(halfLine.received).toMatch(/^HTTP\/1\.1 408/);
    expect(slowBody.received).toMatch(/^HTTP\/1\.1 408/);
    expect(keepAlive.received).toMatch(/^HTTP\/1\.1 200/);
    expect(healthy.received).toMatch(/^HTTP\/1\.1 200/);
    expect(healthy.closedAfter!).toBeLessThan(LIMITS.headersTimeout);
  });

  it('a body announced larger than the limit is refused with 413 before it is sent', async () => {
    const o = await session((s) => s.write(`POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`));
    expect(o.received).toMatch(/^HTTP\/1\.1 413/);
    expect(o.closedAfter).not.toBeNull();
  });
});

describe('the production limits', () => {
  it('are handed to node:http, with a checking interval that keeps the timeouts effective', async () => {
    const a = await buildApp({ ctx: tdb.ctx, log: createLogger('silent') });
    try {
      const server = a.server as typeof a.server & { connectionsCheckingInterval: number; maxRequestsPerSocket: number };
      expect(DEFAULT_HTTP_LIMITS).toEqual({
        bodyLimit: 512 * 1024,
        headersTimeout: 10_000,
        requestTimeout: 30_000,
        connectionTimeout: 60_000,
        keepAliveTimeout: 72_000,
        maxRequestsPerSocket: 1_000,
      });
      expect(server.headersTimeout).toBe(10_000);
      expect(server.requestTimeout).toBe(30_000);
      expect(server.timeout).toBe(60_000);
      expect(server.keepAliveTimeout).toBe(72_000);
      expect(server.maxRequestsPerSocket).toBe(1_000);
      // Node's default is 30 s, which would let a 10 s header timeout fire only after up to 40 s.
      expect(server.connectionsCheckingInterval).toBe(1_000);
      expect(checkingInterval({ headersTimeout: 300, requestTimeout: 600 })).toBe(30);
    } finally {
      await a.close();
    }
  });

  it('refuses limits that would switch a timeout off or contradict each other', async () => {
    await expect(buildApp({ ctx: tdb.ctx, log: createLogger('silent'), limits: { requestTimeout: 0 } })).rejects.toThrow(/requestTimeout/);
    await expect(buildApp({ ctx: tdb.ctx, log: createLogger('silent'), limits: { headersTimeout: 5_000, requestTimeout: 1_000 } })).rejects.toThrow(/headersTimeout/);
  });
});
