/**
 * A separate OS process that plans a burst of cards in a shared SQLite file and sends them through the real SDK to
 * a fake Feishu, for the crash test (tests/messenger/outbox-crash.test.ts), which kills it with SIGKILL mid-burst.
 * Started with child_process.fork and `execArgv: ['--import', 'tsx']`:
 *
 *   DUBAN_DB=<file> FAKE_URL=<url> FAKE_APP_ID=<id> FAKE_APP_SECRET=<secret> COUNT=<n> RECEIVERS=<k>
 *   node --import tsx tests/messenger/outbox-child.ts
 *
 * IPC: sends { type: 'planned', count } once the cards are in the outbox (one transaction), then drains it and
 * sends { type: 'done', result } — which it should never get to.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import { openDatabase } from '../../src/db/client';
import { createLogger } from '../../src/logger';
import { FeishuMessenger, createLarkClient } from '../../src/messenger/feishu-messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { RateLimiter } from '../../src/messenger/rate-limiter';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) {
    console.error(`outbox-child: ${name} is not set`);
    process.exit(2);
  }
  return v;
};
const dbPath = env('DUBAN_DB');
const url = env('FAKE_URL');
const appId = env('FAKE_APP_ID');
const appSecret = env('FAKE_APP_SECRET');
const count = Number(env('COUNT'));
const receivers = Number(env('RECEIVERS'));
const send = (msg: unknown) => process.send?.(msg);

const db = openDatabase(dbPath);
const now = new Date();
db.transaction((tx) => {
  for (let i = 0; i < count; i++) {
    enqueue(
      tx,
      {
        to: personAddress(`ou_burst_${i % receivers}`),
        msgType: 'interactive',
        content: {
          schema: '2.0',
          config: { update_multi: true },
          header: { title: { tag: 'plain_text', content: `催办 ${i}` }, template: 'orange' },
          body: { elements: [{ tag: 'markdown', content: `第 ${i} 张卡片` }] },
        },
        purpose: 'reminder',
        dedupeKey: `burst:${i}`,
      },
      now,
    );
  }
});
send({ type: 'planned', count });

const client = createLarkClient({ appId, appSecret, encryptKey: '', verificationToken: '', domain: url, mode: 'webhook' }, new lark.DefaultCache());
// The limits are not what this test is about: a generous limiter keeps the burst quick.
const limiter = new RateLimiter({ perSecond: 100_000, perMinute: 1_000_000, perReceiverPerSecond: 100_000 });
const worker = new OutboxWorker(db, new FeishuMessenger(client, 10_000), createLogger('silent'), { concurrency: 8, limiter });
const result = await worker.drain();
send({ type: 'done', result });
db.$client.close();
process.exit(0);
