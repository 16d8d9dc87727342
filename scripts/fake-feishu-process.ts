/**
 * The fake Feishu Open API (tests/support/fake-feishu.ts) in a process of its own, for the benchmark: Feishu is
 * not in our process in production, so its memory is not ours to count. Forked with an IPC channel:
 *
 *   parent ← { ready: { url, appId, appSecret } }
 *   parent → { op: 'report' }   ← { report: { sent: [{ uuid, message_id, at }], sendCalls, rss } }
 *   parent → { op: 'close' }    (the process closes the server and exits)
 *
 * argv[2], when given, is the JSON of FakeFeishuOptions (e.g. '{"rateLimit":true}').
 */
import { type FakeFeishuOptions, startFakeFeishu } from '../tests/support/fake-feishu';

export interface FakeReport {
  sent: Array<{ uuid: string | undefined; message_id: string; at: number }>;
  sendCalls: number;
  rss: number;
}

const send = (m: unknown) => process.send?.(m);
if (!process.send) {
  console.error('fake-feishu-process: start me with child_process.fork (I answer over IPC)');
  process.exit(2);
}
const fake = await startFakeFeishu(JSON.parse(process.argv[2] ?? '{}') as FakeFeishuOptions);
process.on('message', (m: { op?: string }) => {
  if (m?.op === 'report') {
    const report: FakeReport = {
      sent: fake.sent.map((s) => ({ uuid: s.uuid, message_id: s.message_id, at: s.at })),
      sendCalls: fake.callsTo('/open-apis/im/v1/messages', 'POST').length,
      rss: process.memoryUsage.rss(),
    };
    send({ report });
  } else if (m?.op === 'close') {
    void fake.close().then(() => process.exit(0));
  }
});
// The parent went away: do not linger.
process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
send({ ready: { url: fake.url, appId: fake.appId, appSecret: fake.appSecret } });
