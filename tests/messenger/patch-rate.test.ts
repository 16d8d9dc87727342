/**
 * Feishu takes at most 5 updates a second of one message. The outbox keys its rate lanes by the receiver of a send
 * and by the target message of a patch, so the per-receiver limit (5/s) is the per-message limit for updates.
 * Time is virtual: the limiter's sleep advances its own clock, so a burst of a dozen updates costs no real time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import type { Messenger } from '../../src/messenger/messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { FEISHU_LIMITS, RateLimiter } from '../../src/messenger/rate-limiter';
import { type TestDb, openTestDb } from '../support/fixtures';

const T0 = new Date('2026-11-23T01:00:00Z');
const card = (n: number) => ({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: `第 ${n} 版` }] } });

let tdb: TestDb;
afterEach(() => tdb?.close());

function setUp() {
  tdb = openTestDb();
  const clock = { now: 1_000_000 };
  const limiter = new RateLimiter(FEISHU_LIMITS, () => clock.now, async (ms) => void (clock.now += ms));
  const calls: Array<{ op: 'send' | 'patch'; to: string; t: number; content: string }> = [];
  let seq = 0;
  const messenger: Messenger = {
    async send(to, m) {
      calls.push({ op: 'send', to: to.receiveId, t: clock.now, content: m.content });
      return { messageId: `om_${++seq}` };
    },
    async reply(id, m) {
      calls.push({ op: 'send', to: id, t: clock.now, content: m.content });
      return { messageId: `om_${++seq}` };
    },
    async patch(id, content) {
      calls.push({ op: 'patch', to: id, t: clock.now, content });
    },
  };
  const worker = new OutboxWorker(tdb.db, messenger, createLogger('silent'), { limiter, clock: () => T0 });
  const patch = (messageId: string, n: number) =>
    enqueue(tdb.db, { to: { op: 'patch', targetMessageId: messageId, inGroup: false }, msgType: 'interactive', content: card(n), purpose: 'refresh:slip' }, T0);
  return { worker, calls, patch };
}

/** The most calls within any one second. */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (const t of times) most = Math.max(most, times.filter((u) => u >= t && u < t + 1000).length);
  return most;
}

describe('updates of one message', () => {
  it('a burst of 12 updates of one message goes out at most 5 a second, in order; other messages and people are not held up', async () => {
    const { worker, calls, patch } = setUp();
    for (let n = 1; n <= 12; n++) patch('om_busy', n);
    for (let n = 1; n <= 3; n++) patch('om_other', n);
    for (let n = 1; n <= 3; n++) enqueue(tdb.db, { to: personAddress('ou_head_jwc'), msgType: 'interactive', content: card(n), purpose: 'slip' }, T0);

    const r = await worker.drain();
    expect(r.sent).toBe(18);
    const busy = calls.filter((c) => c.to === 'om_busy');
    expect(busy.map((c) => JSON.parse(c.content).body.elements[0].content)).toEqual(Array.from({ length: 12 }, (_, i) => `第 ${i + 1} 版`));
    expect(busiestSecond(busy.map((c) => c.t))).toBe(5);
    // Twelve updates need more than two seconds.
    expect(busy.at(-1)!.t - busy[0]!.t).toBeGreaterThanOrEqual(2000);
    // The other message and the person went at once.
    const start = busy[0]!.t;
    for (const c of calls.filter((x) => x.to !== 'om_busy')) expect(c.t).toBe(start);
  });

  it('the limit is per message: five messages updated five times each all go within the first second', async () => {
    const { worker, calls, patch } = setUp();
    for (let m = 1; m <= 5; m++) for (let n = 1; n <= 5; n++) patch(`om_${m}`, n);
    await worker.drain();
    expect(calls).toHaveLength(25);
    const start = Math.min(...calls.map((c) => c.t));
    expect(calls.every((c) => c.t === start)).toBe(true);
  });
});
