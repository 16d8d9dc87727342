/**
 * Keeps sends within Feishu's limits: per app 50/s and 1000/min; per receiving user or chat 5/s. Sliding windows
 * over recent sends. A send holds its slot from the moment it goes until its answer arrives (`done`), and is then
 * counted at the answer's time: Feishu counts a request when it arrives, which is after we let it go, so counting
 * at release would let the next wave in while Feishu still counts the last. Time and sleep are injected so the
 * limiter can be measured and tested.
 */
export interface RateLimits {
  perSecond: number;
  perMinute: number;
  perReceiverPerSecond: number;
}

export const FEISHU_LIMITS: RateLimits = { perSecond: 50, perMinute: 1000, perReceiverPerSecond: 5 };

interface Slot {
  t: number;
}

export class RateLimiter {
  private recent: Slot[] = [];
  private byReceiver = new Map<string, Slot[]>();
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
    this.recent = this.recent.filter((s) => s.t > now - 60_000);
    const mine = (this.byReceiver.get(receiver) ?? []).filter((s) => s.t > now - 1000);
    if (mine.length) this.byReceiver.set(receiver, mine);
    else this.byReceiver.delete(receiver);
    let wait = Math.max(0, this.pausedUntil - now);
    const within = (slots: Slot[], span: number, max: number) => {
      const times = slots.filter((s) => s.t > now - span).map((s) => s.t).sort((a, b) => a - b);
      // The window frees up when the oldest slot that keeps it full leaves it.
      return times.length >= max ? times[times.length - max]! + span - now : 0;
    };
    wait = Math.max(wait, within(this.recent, 1000, this.limits.perSecond));
    wait = Math.max(wait, within(this.recent, 60_000, this.limits.perMinute));
    wait = Math.max(wait, within(mine, 1000, this.limits.perReceiverPerSecond));
    return wait;
  }

  /** Waits until a send may go and takes a slot; call the returned `done` when its answer arrives. */
  async acquire(receiver: string): Promise<() => void> {
    for (;;) {
      const wait = this.waitFor(receiver);
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const slot: Slot = { t: this.clock() };
    this.recent.push(slot);
    const mine = this.byReceiver.get(receiver) ?? [];
    mine.push(slot);
    this.byReceiver.set(receiver, mine);
    return () => {
      slot.t = Math.max(slot.t, this.clock());
    };
  }
}
