/**
 * The RateLimiter on an injected clock: `sleep(ms)` advances the clock at once, so every limit is measured exactly
 * and nothing really waits.
 */
import { describe, expect, it } from 'vitest';
import { FEISHU_LIMITS, RateLimiter, type RateLimits } from '../../src/messenger/rate-limiter';

function virtual(limits: RateLimits = FEISHU_LIMITS, start = 0) {
  const clock = { now: start, sleeps: [] as number[] };
  const limiter = new RateLimiter(
    limits,
    () => clock.now,
    async (ms) => {
      expect(ms).toBeGreaterThan(0);
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  );
  /** Acquires one send and returns the (virtual) moment it was allowed to go. */
  const go = async (receiver: string) => {
    await limiter.acquire(receiver);
    return clock.now;
  };
  return { limiter, clock, go };
}

/** Every window of `windowMs` starting at a send holds at most `max` sends. */
function maxInAnyWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (const t0 of times) most = Math.max(most, times.filter((t) => t >= t0 && t < t0 + windowMs).length);
  return most;
}

describe('RateLimiter', () => {
  it('uses Feishu’s limits by default: 50/s and 1000/min per app, 5/s per receiver', () => {
    expect(FEISHU_LIMITS).toEqual({ perSecond: 50, perMinute: 1000, perReceiverPerSecond: 5 });
  });

  it('lets 50 sends go in one second and holds the 51st until the first leaves the window', async () => {
    const { go, clock, limiter } = virtual();
    const times: number[] = [];
    for (let i = 0; i < 120; i++) times.push(await go(`ou_${i}`)); // all different receivers
    expect(times.slice(0, 50).every((t) => t === 0)).toBe(true);
    expect(times[50]).toBe(1000);
    expect(times.slice(50, 100).every((t) => t === 1000)).toBe(true);
    expect(times[100]).toBe(2000);
    expect(maxInAnyWindow(times, 1000)).toBe(50);
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(limiter.waitFor('ou_new')).toBe(0); // 20 in the current second
  });

  it('spreads sends that come in over time: never more than 50 in any second', async () => {
    const { go, clock } = virtual();
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      clock.now += i % 3 === 0 ? 7 : 0; // a steady trickle that is faster than 50/s
      times.push(await go(`ou_${i}`));
    }
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(50);
    expect([...times].sort((a, b) => a - b)).toEqual(times); // first come, first served
  });

  it('caps a minute at 1000: the 1001st send waits until a minute after the first', async () => {
    const { go } = virtual();
    const times: number[] = [];
    for (let i = 0; i < 1100; i++) times.push(await go(`ou_${i % 500}`));
    expect(times[999]).toBe(19_000); // 50/s for 20 s
    expect(times[1000]).toBe(60_000);
    expect(maxInAnyWindow(times, 60_000)).toBe(1000);
    expect(maxInAnyWindow(times, 1000)).toBe(50);
  });

  it('caps the minute on its own when the per-second limit is higher', async () => {
    const { go } = virtual({ perSecond: 10_000, perMinute: 1000, perReceiverPerSecond: 10_000 });
    const times: number[] = [];
    for (let i = 0; i < 1001; i++) times.push(await go(`ou_${i}`));
    expect(times[999]).toBe(0);
    expect(times[1000]).toBe(60_000);
  });

  it('lets 5 sends a second go to one receiver; others are not held up by it', async () => {
    const { go, limiter, clock } = virtual();
    const alice: number[] = [];
    for (let i = 0; i < 5; i++) alice.push(await go('ou_alice'));
    expect(alice).toEqual([0, 0, 0, 0, 0]);
    expect(limiter.waitFor('ou_alice')).toBe(1000);
    expect(limiter.waitFor('ou_bob')).toBe(0);
    expect(await go('ou_bob')).toBe(0);

    for (let i = 0; i < 7; i++) alice.push(await go('ou_alice'));
    expect(alice.slice(5)).toEqual([1000, 1000, 1000, 1000, 1000, 2000, 2000]);
    expect(maxInAnyWindow(alice, 1000)).toBe(5);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('the receiver window slides: a send 400 ms later waits only for the oldest of the five', async () => {
    const { go, clock, limiter } = virtual();
    for (let i = 0; i < 5; i++) {
      await go('oc_group');
      clock.now += 100; // sends at 0, 100, 200, 300, 400
    }
    expect(clock.now).toBe(500);
    expect(limiter.waitFor('oc_group')).toBe(500); // until the send at 0 is a second old
    expect(await go('oc_group')).toBe(1000);
    expect(limiter.waitFor('oc_group')).toBe(100); // now the send at 100 is the oldest
  });

  it('pause(): Feishu said to wait — nobody sends until then, whichever receiver', async () => {
    const { go, limiter, clock } = virtual(FEISHU_LIMITS, 10_000);
    await go('ou_a');
    limiter.pause(3000);
    expect(limiter.waitFor('ou_a')).toBe(3000);
    expect(limiter.waitFor('ou_b')).toBe(3000);
    clock.now += 1000;
    expect(limiter.waitFor('ou_b')).toBe(2000);
    expect(await go('ou_b')).toBe(13_000);
    expect(await go('ou_c')).toBe(13_000); // the pause is over for everyone
    expect(limiter.waitFor('ou_a')).toBe(0);
  });

  it('pause(): a shorter pause never shortens a longer one; a longer one extends it', () => {
    const { limiter, clock } = virtual();
    limiter.pause(5000);
    limiter.pause(1000);
    expect(limiter.waitFor('x')).toBe(5000);
    clock.now += 2000;
    limiter.pause(4000); // until 6000, later than 5000
    expect(limiter.waitFor('x')).toBe(4000);
  });

  it('pause() and a full window: a send waits for whichever ends later', async () => {
    const { go, limiter } = virtual();
    for (let i = 0; i < 50; i++) await go(`ou_${i}`);
    limiter.pause(300);
    expect(limiter.waitFor('ou_new')).toBe(1000); // the window is the longer wait
    limiter.pause(2500);
    expect(limiter.waitFor('ou_new')).toBe(2500);
    expect(await go('ou_new')).toBe(2500);
  });

  it('many acquirers at once (a virtual timer queue): every limit holds and every acquire completes', async () => {
    // sleep() parks the caller on a queue; the driver moves the clock to the earliest wake-up, like real timers.
    const clock = { now: 0 };
    const waits: { at: number; wake: () => void }[] = [];
    const limiter = new RateLimiter(
      FEISHU_LIMITS,
      () => clock.now,
      (ms) => new Promise<void>((wake) => waits.push({ at: clock.now + ms, wake })),
    );
    const times = new Map<string, number[]>();
    const all: number[] = [];
    const receivers = (i: number) => (i < 20 ? 'ou_busy' : `ou_${i % 37}`);
    let settled = false;
    const everyone = Promise.all(
      Array.from({ length: 160 }, (_, i) =>
        limiter.acquire(receivers(i)).then(() => {
          all.push(clock.now);
          times.set(receivers(i), [...(times.get(receivers(i)) ?? []), clock.now]);
        }),
      ),
    ).then(() => (settled = true));
    for (let guard = 0; !settled; guard++) {
      await new Promise((r) => setImmediate(r));
      if (settled) break;
      expect(guard).toBeLessThan(10_000);
      expect(waits.length).toBeGreaterThan(0); // not done, so someone must be sleeping
      waits.sort((a, b) => a.at - b.at);
      const w = waits.shift()!;
      clock.now = Math.max(clock.now, w.at);
      w.wake();
    }
    await everyone;
    expect(all).toHaveLength(160);
    expect(maxInAnyWindow(all, 1000)).toBe(50);
    for (const [, ts] of times) expect(maxInAnyWindow(ts, 1000)).toBeLessThanOrEqual(5);
    expect(times.get('ou_busy')).toHaveLength(20);
    expect(Math.max(...all)).toBeLessThan(5000); // 160 sends need 4 s at 50/s; 20 to one receiver need 4 s too
  });
});
