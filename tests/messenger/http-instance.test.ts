/**
 * The HTTP client under the SDK sends JSON requests with node:http and must answer its callers as the SDK's axios
 * instance did: the reply's JSON, a non-2xx answer as an error carrying `response.{status,data,headers}` (the
 * outbox's retry and rate-limit decisions read them), a timeout or refused connection as an error with a code,
 * and streamed or multipart requests still through axios. Checked against a real server on loopback, through the
 * real SDK client.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyFailure, quietLarkLogger } from '../../src/messenger/feishu-messenger';
import { jsonHttpInstance } from '../../src/messenger/http-instance';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  server = null;
});

async function serve(answer: (seen: Seen, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', () => ok()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** The real SDK client with a cached token, so each call is the one request under test. */
function client(url: string) {
  return new lark.Client({
    appId: 'cli_test',
    appSecret: 'secret',
    domain: url,
    logger: quietLarkLogger,
    cache: { get: async () => 't-cached', set: async () => true },
    httpInstance: jsonHttpInstance(),
  });
}

describe('the SDK over node:http', () => {
  it('a JSON POST: the body, the query (arrays repeated), the token and the answer as the SDK expects', async () => {
    const { url, seen } = await serve((_s, res) => json(res, 200, { code: 0, msg: 'success', data: { message_id: 'om_1' } }));
    const res = await client(url).request({
      method: 'POST',
      url: '/open-apis/im/v1/messages',
      params: { receive_id_type: 'open_id', ids: ['a', 'b'] },
      data: { receive_id: 'ou_1', content: '{"text":"督办"}' },
      timeout: 2000,
    } as never);
    expect(res).toEqual({ code: 0, msg: 'success', data: { message_id: 'om_1' } });
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.url).toBe('/open-apis/im/v1/messages?receive_id_type=open_id&ids=a&ids=b');
    expect(JSON.parse(seen[0]!.body)).toEqual({ receive_id: 'ou_1', content: '{"text":"督办"}' });
    expect(seen[0]!.headers.authorization).toBe('Bearer t-cached');
    expect(seen[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(seen[0]!.headers['user-agent']).toMatch(/oapi-node-sdk/);
  });

  it('the SDK fetches its token through it too', async () => {
    const { url, seen } = await serve((s, res) =>
      s.url.includes('tenant_access_token')
        ? json(res, 200, { code: 0, tenant_access_token: 't-new', expire: 7200 })
        : json(res, 200, { code: 0, data: {} }),
    );
    const c = new lark.Client({ appId: 'cli_test', appSecret: 'secret', domain: url, logger: quietLarkLogger, cache: new lark.DefaultCache(), httpInstance: jsonHttpInstance() });
    await c.request({ method: 'GET', url: '/open-apis/bot/v3/info' } as never);
    expect(JSON.parse(seen[0]!.body)).toEqual({ app_id: 'cli_test', app_secret: 'secret' });
    expect(seen[1]!.headers.authorization).toBe('Bearer t-new');
  });

  it('a 429 with a rate-limit reset: an error the outbox classifies as retryable after the reset', async () => {
    const { url } = await serve((_s, res) => json(res, 429, { code: 99991400, msg: 'too many requests' }, { 'x-ogw-ratelimit-reset': '7' }));
    const err = await client(url).request({ method: 'POST', url: '/open-apis/im/v1/messages', data: {} } as never).catch((e: unknown) => e);
    const failure = classifyFailure(err);
    expect(failure.retryable).toBe(true);
    expect(failure.code).toBe(99991400);
    expect(failure.retryAfterMs).toBe(7000);
    expect(failure.message).toContain('HTTP 429');
  });

  it('a 400 with a Feishu code is final; a 502 whose body is not JSON is retryable', async () => {
    let status = 400;
    const { url } = await serve((_s, res) => (status === 400 ? json(res, 400, { code: 230001, msg: 'bad content' }) : json(res, 502, '<html>bad gateway</html>')));
    const bad = classifyFailure(await client(url).request({ method: 'POST', url: '/x', data: {} } as never).catch((e: unknown) => e));
    expect([bad.retryable, bad.code]).toEqual([false, 230001]);
    status = 502;
    const gateway = classifyFailure(await client(url).request({ method: 'POST', url: '/x', data: {} } as never).catch((e: unknown) => e));
    expect(gateway.retryable).toBe(true);
    expect(gateway.message).toContain('HTTP 502');
  });

  it('a reply slower than the timeout: an ECONNABORTED error at the timeout, not when the answer comes', async () => {
    const { url } = await serve((_s, res) => setTimeout(() => json(res, 200, { code: 0 }), 1500));
    const started = Date.now();
    const err = await client(url).request({ method: 'POST', url: '/x', data: {}, timeout: 150 } as never).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((err as { code?: string }).code).toBe('ECONNABORTED');
    expect(classifyFailure(err).retryable).toBe(true);
  });

  it('nobody listening: a retryable network error naming the cause', async () => {
    const { url } = await serve(() => undefined);
    await new Promise<void>((ok) => server!.close(() => ok()));
    server = null;
    const failure = classifyFailure(await client(url).request({ method: 'POST', url: '/x', data: {}, timeout: 2000 } as never).catch((e: unknown) => e));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(/network: .*ECONNREFUSED/);
  });

  it('a streamed download still goes through axios and streams', async () => {
    const { url } = await serve((_s, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from('文件内容'));
    });
    const stream = (await client(url).request({ method: 'GET', url: '/open-apis/im/v1/messages/om_1/resources/f', params: { type: 'file' }, responseType: 'stream' } as never)) as AsyncIterable<Buffer>;
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('文件内容');
  });
});

describe('what stays with axios', () => {
  it('with a proxy in the environment every request goes through the SDK’s axios instance, which honours it', async () => {
    const { url, seen } = await serve((_s, res) => json(res, 200, { code: 0 }));
    const taken: string[] = [];
    const axiosLike = { request: async (o: { url: string }) => (taken.push(o.url), { code: 0, via: 'axios' }) } as unknown as lark.HttpInstance;
    const inst = jsonHttpInstance(axiosLike, { HTTPS_PROXY: 'http://proxy.example.edu.cn:3128' });
    expect(await inst.request({ url: `${url}/x`, method: 'POST', data: {} })).toEqual({ code: 0, via: 'axios' });
    expect(await jsonHttpInstance(axiosLike, {}).request({ url: `${url}/y`, method: 'POST', data: {} })).toEqual({ code: 0 });
    expect(taken).toEqual([`${url}/x`]);
    expect(seen.map((s) => s.url)).toEqual(['/y']);
  });
});

describe('kept-alive sockets', () => {
  it('an idle socket is closed by us after 4 s, before a server’s usual 5 s keep-alive could drop it under a send', async () => {
    let connections = 0;
    const { url } = await serve((_s, res) => json(res, 200, { code: 0 }));
    server!.on('connection', () => connections++);
    server!.keepAliveTimeout = 60_000; // the server would keep it: only our side closes it
    const inst = jsonHttpInstance(undefined, {});
    await inst.request({ url: `${url}/a`, method: 'POST', data: {}, timeout: 2000 });
    await inst.request({ url: `${url}/b`, method: 'POST', data: {}, timeout: 2000 });
    expect(connections).toBe(1); // kept alive between sends close together
    await new Promise((r) => setTimeout(r, 4_300));
    await inst.request({ url: `${url}/c`, method: 'POST', data: {}, timeout: 2000 });
    expect(connections).toBe(2);
  }, 10_000);
});
