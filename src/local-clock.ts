import type { Logger } from './logger';
import { RateLimiter } from './messenger/rate-limiter';
import { runJob } from './scheduler/cron';
import type { Job, JobDeps } from './scheduler/jobs';

/** Beijing is UTC+8 all year (no summer time), so its wall clock is the UTC one shifted by eight hours. */
const BEIJING_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** The longest jump the clock makes in one request: a school year and a half of reminders, no more. */
export const MAX_JUMP_DAYS = 550;

/**
 * The local server's outbox sends to memory: Feishu's rate limits (1,000 a minute) would only make a clock jump or
 * the demo's term wait in real time. `tick` keeps them (it behaves as it would against Feishu).
 */
export const localServerOutbox = () => ({ limiter: new RateLimiter({ perSecond: 1e6, perMinute: 1e9, perReceiverPerSecond: 1e6 }) });

/** One field of a 5-field cron expression as the set of values it allows (`*`, `5`, `1-5`, `*\/15`, `1,3,5`). */
function cronField(text: string, min: number, max: number): Set<number> | null {
  if (text === '*') return null;
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a, b] = range!.split('-');
      lo = Number(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : Number(b);
    }
    if (![lo, hi, step].every(Number.isInteger) || step < 1 || lo < min || hi > max) throw new Error(`cron field “${text}” is not supported`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/**
 * The moments in (from, to] at which a cron expression fires in Beijing time, oldest first. Five fields (minute hour
 * day-of-month month day-of-week, Sunday 0 or 7); when both day fields are restricted either may match, as in cron.
 * The project's times are plain ones (`0 9 * * *`); a six-field (seconds) expression is refused rather than guessed.
 */
export function cronTimes(expr: string, from: Date, to: Date): Date[] {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron “${expr}”: only five-field expressions are supported by the local clock`);
  const minutes = cronField(fields[0]!, 0, 59) ?? new Set(Array.from({ length: 60 }, (_, i) => i));
  const hours = cronField(fields[1]!, 0, 23) ?? new Set(Array.from({ length: 24 }, (_, i) => i));
  const dom = cronField(fields[2]!, 1, 31);
  const month = cronField(fields[3]!, 1, 12);
  const dowRaw = cronField(fields[4]!, 0, 7);
  const dow = dowRaw ? new Set([...dowRaw].map((d) => d % 7)) : null;
  const out: Date[] = [];
  const start = Math.floor((from.getTime() + BEIJING_MS) / DAY_MS);
  const end = Math.floor((to.getTime() + BEIJING_MS) / DAY_MS);
  for (let day = start; day <= end; day++) {
    const d = new Date(day * DAY_MS); // midnight of the Beijing day, read with the UTC getters
    if (month && !month.has(d.getUTCMonth() + 1)) continue;
    const domOk = !dom || dom.has(d.getUTCDate());
    const dowOk = !dow || dow.has(d.getUTCDay());
    if (dom && dow ? !(domOk || dowOk) : !(domOk && dowOk)) continue;
    for (const h of [...hours].sort((a, b) => a - b)) {
      for (const m of [...minutes].sort((a, b) => a - b)) {
        const t = day * DAY_MS + (h * 60 + m) * 60_000 - BEIJING_MS;
        if (t > from.getTime() && t <= to.getTime()) out.push(new Date(t));
      }
    }
  }
  return out;
}

/** The runs between two moments, every job at each of its times, in the order the cron would have fired them. */
export function runsBetween(jobs: readonly Job[], from: Date, to: Date): Array<{ job: Job; at: Date }> {
  return jobs
    .flatMap((job, order) => cronTimes(job.cron, from, to).map((at) => ({ job, at, order })))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)
    .map(({ job, at }) => ({ job, at }));
}

export interface LocalClockOptions {
  /** The real clock the simulated one runs beside (tests give a fixed one). */
  realNow?: () => Date;
  /** Called after the jobs of one moment have run (wakes the sender). */
  afterJobs?: () => void | Promise<void>;
  log?: Logger;
}

export interface ClockMove {
  from: string;
  now: string;
  /** Each job run in between, with its result (or why it did not run: 非工作日, already running). */
  runs: Array<{ job: string; at: string; result: object }>;
}

/**
 * Local mode's simulated clock. It runs at the real pace from wherever it was last set, and everything in local mode
 * (commands, clicks, the scheduler, the lights, the outbox's times) reads it. Moving it forward runs every scheduled
 * job at each of its times in between, in order, with the clock standing at that time while the job runs (rest days
 * are skipped by runJob, as for the cron); moving it back runs nothing. Moves are serialised: a second one waits for
 * the first to finish. While the server runs, `startTicker` plays the cron's part as real time passes.
 */
export class LocalClock {
  private offsetMs = 0;
  /** The last moment whose jobs have run (or were deliberately skipped by a move back). */
  private checked: Date;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly realNow: () => Date;

  constructor(
    private jobs: readonly Job[],
    private deps: JobDeps | null,
    private readonly opts: LocalClockOptions = {},
  ) {
    this.realNow = opts.realNow ?? (() => new Date());
    this.checked = this.now();
  }

  /** Wires the jobs once compose has built them (the clock exists before them: they read it). */
  setJobs(jobs: readonly Job[], deps: JobDeps, afterJobs?: () => void | Promise<void>) {
    this.jobs = jobs;
    this.deps = deps;
    if (afterJobs) this.afterJobs = afterJobs;
  }

  private afterJobs: (() => void | Promise<void>) | undefined;

  now(): Date {
    return new Date(this.realNow().getTime() + this.offsetMs);
  }

  private standAt(at: Date) {
    this.offsetMs = at.getTime() - this.realNow().getTime();
  }

  /** Stands the clock at `at` as if the jobs up to then had run (the demo, restarted on its own database). */
  standStill(at: Date) {
    this.standAt(at);
    this.checked = at;
  }

  /** Moves the clock to `at`, running the jobs due on the way when it moves forward. */
  moveTo(at: Date): Promise<ClockMove> {
    const run = this.queue.then(() => this.move(at));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async move(at: Date): Promise<ClockMove> {
    const from = this.now();
    if (at.getTime() - from.getTime() > MAX_JUMP_DAYS * DAY_MS) throw new RangeError(`一次最多前进 ${MAX_JUMP_DAYS} 天`);
    const runs: ClockMove['runs'] = [];
    if (at > this.checked) {
      for (const r of runsBetween(this.jobs, this.checked, at)) {
        this.standAt(r.at);
        runs.push({ job: r.job.name, at: r.at.toISOString(), result: await this.runOne(r.job, r.at) });
        await (this.afterJobs ?? this.opts.afterJobs)?.();
      }
    }
    this.standAt(at);
    this.checked = at;
    return { from: from.toISOString(), now: at.toISOString(), runs };
  }

  private async runOne(job: Job, at: Date): Promise<object> {
    if (!this.deps) return { skipped: 'no jobs wired' };
    try {
      return await runJob(job, this.deps, at, this.opts.log ?? silent);
    } catch (err) {
      this.opts.log?.error({ err, job: job.name }, 'local clock: job failed');
      return { failed: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The cron's part while the server runs: every `intervalMs`, the jobs due since the last check. */
  startTicker(intervalMs = 20_000) {
    this.timer ??= setInterval(() => void this.moveTo(this.now()).catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stopTicker() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves once no move is under way. */
  settled(): Promise<unknown> {
    return this.queue;
  }
}

const silent = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;
