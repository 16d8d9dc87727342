/**
 * Keeps sends within Feishu's limits: per app 50/s and 1000/min; per receiving user or chat 5/s. Sliding windows
 * over the start times of recent sends. Time and sleep are injected so the limiter can be measured and tested.
 */
export interface RateLimits {
  perSecond: number;
  perMinute: number;
  perReceiverPerSecond: number;
}

export const FEISHU_LIMITS: RateLimits = { perSecond: 50, perMinute: 1000, perReceiverPerSecond: 5 };

export class RateLimiter {
  private recent: number[] = [];
  private byReceiver = new Map<string, number[]>();
  private pausedUntil = 0;

  constructor(
    private readonly limits: RateLimits = FEISHU_LIMITS,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Feishu said to wait (429 with x-ogw-ratelimit-reset): nobody sends until then. */
  pause(ms: number) {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /** How long to wait before a send to `receiver` would stay within every limit; 0 when it may go now. */
  waitFor(receiver: string): number {
    const now = this.clock();
    this.recent = this.recent.filter((t) => t > now - 60_000);
    const mine = (this.byReceiver.get(receiver) ?? []).filter((t) => t > now - 1000);
    this.byReceiver.set(receiver, mine);
    let wait = Math.max(0, this.pausedUntil - now);
    const lastSecond = this.recent.filter((t) => t > now - 1000);
    if (lastSecond.length >= this.limits.perSecond) wait = Math.max(wait, lastSecond[lastSecond.length - this.limits.perSecond]! + 1000 - now);
    if (this.recent.length >= this.limits.perMinute) wait = Math.max(wait, this.recent[this.recent.length - this.limits.perMinute]! + 60_000 - now);
    if (mine.length >= this.limits.perReceiverPerSecond) wait = Math.max(wait, mine[mine.length - this.limits.perReceiverPerSecond]! + 1000 - now);
    return wait;
  }

  /** Waits until a send may go, then counts it. */
  async acquire(receiver: string): Promise<void> {
    for (;;) {
      const wait = this.waitFor(receiver);
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const now = this.clock();
    this.recent.push(now);
    this.byReceiver.get(receiver)!.push(now);
    if (this.byReceiver.size > 10_000) this.byReceiver.clear(); // bounded memory across a long run
  }
}
