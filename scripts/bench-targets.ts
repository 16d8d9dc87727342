/**
 * The reference servers the benchmark measures ours against, each in a process of its own (as ours runs), forked
 * by scripts/bench-http.ts with an IPC channel:
 *
 *   argv[2] = 'fastify' — a bare Fastify route answering `{}` to any POST: the floor of this machine;
 *   argv[2] = 'sdk'     — the Lark SDK's own adapter, `adaptDefault` on node:http with an `EventDispatcher` holding
 *                         the Encrypt Key and Verification Token (verify + decrypt + dispatch) and a no-op
 *                         `card.action.trigger` handler; argv[3] / argv[4] are the key and the token.
 *
 *   parent ← { ready: { port } }; parent → { op: 'close' } (the process exits)
 *
 * Nothing here is used by the application.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import Fastify from 'fastify';

const kind = process.argv[2];
const send = (m: unknown) => process.send?.(m);
if (!process.send) {
  console.error('bench-targets: start me with child_process.fork (I answer over IPC)');
  process.exit(2);
}

let close: () => Promise<void>;
let port: number;
if (kind === 'fastify') {
  const app = Fastify({ logger: false });
  app.post('/*', async () => ({}));
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  close = () => app.close();
} else if (kind === 'sdk') {
  const [encryptKey, verificationToken] = [process.argv[3] ?? '', process.argv[4] ?? ''];
  const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
  const dispatcher = new lark.EventDispatcher({ encryptKey, verificationToken, logger: silent, loggerLevel: lark.LoggerLevel.error }).register({
    'card.action.trigger': async () => ({}),
    'im.message.receive_v1': async () => ({}),
  });
  const handler = lark.adaptDefault('/feishu/cards', dispatcher, { autoChallenge: true });
  const server = createServer((req, res) => {
    if (req.url !== '/feishu/cards') {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    void handler(req, res);
  });
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
  close = () => new Promise<void>((ok) => server.close(() => ok()));
} else {
  console.error(`bench-targets: unknown target ${kind} (fastify | sdk)`);
  process.exit(2);
}

process.on('message', (m: { op?: string }) => {
  if (m?.op === 'close') void close().finally(() => process.exit(0));
});
process.on('disconnect', () => void close().finally(() => process.exit(0)));
send({ ready: { port } });
