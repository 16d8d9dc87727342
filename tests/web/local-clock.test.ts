import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalClock, cronTimes, runsBetween } from '../../src/local-clock';
import type { Job, JobDeps } from '../../src/scheduler/jobs';
import { createWorkCalendar } from '../../src/domain/calendar';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { type TestDb, openTestDb } from '../support/fixtures';
import { startLocalServer } from './local-server';

const bj = (s: string) => new Date(`${s}+08:00`);
const iso = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('cron times between two moments (Beijing time)', () => {
  it('a daily time, from just after one run to the next day’s run inclusive', () => {
    expect(cronTimes('0 9 * * *', bj('2026-11-23T09:00'), bj('2026-11-25T09:00')).map(iso)).toEqual(['2026-11-24 09:00', '2026-11-25 09:00']);
  });
  it('lists, ranges, steps and days of the week (Sunday as 0 or 7)', () => {
    expect(cronTimes('*/30 8-9 * * 1-5', bj('2026-11-27T00:00'), bj('2026-11-30T09:00')).map(iso)).toEqual([
      '2026-11-27 08:00',
      '2026-11-27 08:30',
      '2026-11-27 09:00',
      '2026-11-27 09:30',
      '2026-11-30 08:00',
      '2026-11-30 08:30',
      '2026-11-30 09:00',
    ]);
    expect(cronTimes('0 12 * * 7', bj('2026-11-23T00:00'), bj('2026-12-07T00:00')).map(iso)).toEqual(['2026-11-29 12:00', '2026-12-06 12:00']);
  });
  it('day of month and day of week restricted: either matches, as in cron', () => {
    expect(cronTimes('0 9 1 * 1', bj('2026-11-29T00:00'), bj('2026-12-08T00:00')).map(iso)).toEqual(['2026-11-30 09:00', '2026-12-01 09:00', '2026-12-07 09:00']);
  });
  it('refuses what it cannot read rather than guess', () => {
    expect(() => cronTimes('0 0 9 * * *', bj('2026-11-23T00:00'), bj('2026-11-24T00:00'))).toThrow(/five-field/);
    expect(() => cronTimes('0 25 * * *', bj('2026-11-23T00:00'), bj('2026-11-24T00:00'))).toThrow(/not supported/);
  });
  it('several jobs in the order they would fire; at the same minute, in the order they are declared', () => {
    const job = (name: string, cron: string): Job => ({ name, cron, description: name, run: () => ({}) });
    const runs = runsBetween([job('b', '0 9 * * *'), job('a', '30 8 * * *'), job('c', '0 9 * * *')], bj('2026-11-23T10:00'), bj('2026-11-24T09:00'));
    expect(runs.map((r) => `${iso(r.at)} ${r.job.name}`)).toEqual(['2026-11-24 08:30 a', '2026-11-24 09:00 b', '2026-11-24 09:00 c']);
  });
});

describe('the local clock', () => {
  const calendar = createWorkCalendar();
  const opened: TestDb[] = [];
  afterEach(() => opened.splice(0).forEach((t) => t.close()));
  /** Records each run with the clock reading while it ran. */
  function recording() {
    const seen: string[] = [];
    let clock: LocalClock;
    const jobs: Job[] = [{ name: 'sweep', cron: '0 9 * * *', description: '', run: (_d, now) => (seen.push(`${iso(now)} clock ${iso(clock.now())}`), {}) }];
    const t = openTestDb();
    opened.push(t);
    clock = new LocalClock(jobs, { db: t.db, calendar, schedule: DEFAULT_SCHEDULE } satisfies JobDeps, { realNow: () => bj('2026-11-27T10:00') });
    return { seen, clock };
  }

  it('moving forward runs each job at each of its times in between, skipping rest days, with the clock standing there', async () => {
    const { seen, clock } = recording();
    // Friday 27 Nov 10:00 → Wednesday 2 Dec 12:00: Sat and Sun are rest days.
    const moved = await clock.moveTo(bj('2026-12-02T12:00'));
    expect(seen).toEqual(['2026-11-30 09:00 clock 2026-11-30 09:00', '2026-12-01 09:00 clock 2026-12-01 09:00', '2026-12-02 09:00 clock 2026-12-02 09:00']);
    expect(moved.runs.map((r) => [iso(new Date(r.at)), r.result])).toEqual([
      ['2026-11-28 09:00', { job: 'sweep', skipped: '非工作日' }],
      ['2026-11-29 09:00', { job: 'sweep', skipped: '非工作日' }],
      ['2026-11-30 09:00', { job: 'sweep' }],
      ['2026-12-01 09:00', { job: 'sweep' }],
      ['2026-12-02 09:00', { job: 'sweep' }],
    ]);
    expect(iso(clock.now())).toBe('2026-12-02 12:00');
  });

  it('moving back runs nothing; moving forward again lives those days again, as the cron would (the jobs plan each message once)', async () => {
    const { seen, clock } = recording();
    await clock.moveTo(bj('2026-12-01T12:00'));
    await clock.moveTo(bj('2026-11-30T08:00'));
    expect(iso(clock.now())).toBe('2026-11-30 08:00');
    expect(seen).toHaveLength(2);
    await clock.moveTo(bj('2026-12-02T09:00'));
    expect(seen.map((s) => s.slice(0, 16))).toEqual(['2026-11-30 09:00', '2026-12-01 09:00', '2026-11-30 09:00', '2026-12-01 09:00', '2026-12-02 09:00']);
  });

  it('two moves at once run one after the other', async () => {
    const { seen, clock } = recording();
    await Promise.all([clock.moveTo(bj('2026-12-01T10:00')), clock.moveTo(bj('2026-12-02T10:00'))]);
    expect(seen.map((s) => s.slice(0, 16))).toEqual(['2026-11-30 09:00', '2026-12-01 09:00', '2026-12-02 09:00']);
  });

  it('a jump of more than 550 days is refused', async () => {
    const { clock } = recording();
    await expect(clock.moveTo(bj('2029-01-01T09:00'))).rejects.toThrow(/550/);
  });
});

describe('GET/POST /local/clock and `duban tick` against the running server', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>> | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('reads and moves the clock; bad moments get a clear 400 and leave it alone', async () => {
    server = await startLocalServer(bj('2026-11-23T09:30'));
    const get = async () => (await (await fetch(`${server!.url}/local/clock`)).json()) as { now: string };
    expect(await get()).toEqual({ now: '2026-11-23T01:30:00.000Z' });
    const post = (body: unknown) => fetch(`${server!.url}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await post({ at: '明天' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('无法识别的时刻');
    expect((await post({ when: '2026-11-24' })).status).toBe(400);
    expect(await get()).toEqual({ now: '2026-11-23T01:30:00.000Z' });
    const moved = (await (await post({ at: '2026-11-24T09:00+08:00' })).json()) as { now: string; runs: Array<{ job: string }> };
    expect(moved.now).toBe('2026-11-24T01:00:00.000Z');
    expect(moved.runs.map((r) => r.job)).toContain('chase-sweep');
    expect(await get()).toEqual({ now: '2026-11-24T01:00:00.000Z' });
  });

  it('`npm run duban -- tick --at` in local mode moves the running server’s clock and prints the runs', { timeout: 60_000 }, async () => {
    server = await startLocalServer(bj('2026-11-23T09:30'));
    const port = new URL(server.url).port;
    const child = spawn('node_modules/.bin/tsx', ['src/cli.ts', 'tick', '--at', '2026-11-25T09:00+08:00'], {
      env: { PATH: process.env.PATH, DATABASE_PATH: '/nonexistent/never-opened.db', PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'error' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, out).toBe(0);
    expect(out).toContain('2026-11-23T01:30:00.000Z → 2026-11-25T01:00:00.000Z');
    expect(out).toContain('chase-sweep');
    const clock = (await (await fetch(`${server.url}/local/clock`)).json()) as { now: string };
    expect(clock.now).toBe('2026-11-25T01:00:00.000Z');
  });
});
