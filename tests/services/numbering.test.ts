/**
 * Item numbers (编号): 督办〔2026〕1号, 2, 3… per year; never reused, never renumbered; a refused registration
 * consumes no number; one open item per matter (一事一项). Includes several OS processes registering at once into
 * the same SQLite file.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegistrationInput } from '../../src/domain/registration';
import type { Db } from '../../src/db/client';
import { listHistory } from '../../src/db/history-repository';
import { applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';
import type { WorkerDone } from './register-worker';
import { refusal, dumpTables } from '../support/assertions';

let t: TestDb;
beforeEach(() => {
  t = openTestDb();
});
afterEach(() => t.close());

const dump = (db: Db) => dumpTables(db);


let titles = 0;
const register = (over: Partial<RegistrationInput> = {}, now = at('2026-11-02'), actorId: string = WHO.supervisor) =>
  registerItem(t.ctx, { actorId, channel: 'command', input: baseInput({ title: `事项 ${++titles}`, ...over }), now });
const sequences = () => t.db.$client.prepare('SELECT year, last FROM number_sequences ORDER BY year').all();

describe('numbering', () => {
  it('hands out 督办〔2026〕1号, 2号, 3号 … in order', () => {
    const items = [register(), register(), register()];
    expect(items.map((i) => [i.number, i.year, i.seq])).toEqual([
      ['督办〔2026〕1号', 2026, 1],
      ['督办〔2026〕2号', 2026, 2],
      ['督办〔2026〕3号', 2026, 3],
    ]);
    expect(sequences()).toEqual([{ year: 2026, last: 3 }]);
    expect(listHistory(t.db, items[1]!.id)[0]!.changes).toMatchObject({ number: '督办〔2026〕2号' });
  });

  it('restarts at 1 in a new year, and each year keeps its own sequence', () => {
    register();
    register();
    const first2027 = register({ deadline: '2027-06-30' }, at('2027-01-04'));
    expect(first2027).toMatchObject({ number: '督办〔2027〕1号', year: 2027, seq: 1 });
    expect(register({ deadline: '2027-06-30' }, at('2027-01-05')).number).toBe('督办〔2027〕2号');
    // A late entry dated in 2026 continues 2026's sequence.
    expect(register({}, at('2026-12-30')).number).toBe('督办〔2026〕3号');
    expect(sequences()).toEqual([
      { year: 2026, last: 3 },
      { year: 2027, last: 2 },
    ]);
  });

  it('takes the year from the Beijing date of registration, not UTC', () => {
    // 2026-12-31 23:30 in Beijing is still 2026; 00:30 on 1 January is 2027 (while UTC still says 2026).
    expect(register({}, at('2026-12-31', '23:30')).number).toBe('督办〔2026〕1号');
    const newYear = at('2027-01-01', '00:30');
    expect(newYear.toISOString().startsWith('2026-12-31')).toBe(true);
    expect(register({ deadline: '2027-03-31' }, newYear).number).toBe('督办〔2027〕1号');
  });

  it('never reuses the number of a cancelled item', () => {
    register();
    register();
    const third = register({ title: '将被撤销的事项' });
    applyCommand(t.ctx, {
      itemId: third.id,
      actorId: WHO.supervisor,
      channel: 'command',
      command: { type: 'cancel', reason: '误登记' },
      now: at('2026-11-03'),
    });
    const next = register();
    expect(next.number).toBe('督办〔2026〕4号');
    // The same matter may be registered again once the old one is withdrawn — under a new number.
    const again = register({ title: '将被撤销的事项' });
    expect(again.number).toBe('督办〔2026〕5号');
    const all = t.db.$client.prepare('SELECT number, state FROM items ORDER BY id').all();
    expect(all).toEqual([
      { number: '督办〔2026〕1号', state: 'registered' },
      { number: '督办〔2026〕2号', state: 'registered' },
      { number: '督办〔2026〕3号', state: 'cancelled' },
      { number: '督办〔2026〕4号', state: 'registered' },
      { number: '督办〔2026〕5号', state: 'registered' },
    ]);
  });

  it('a refused registration consumes no number and writes nothing', () => {
    register();
    const before = dump(t.db);
    const cases: [Partial<RegistrationInput>, string, string?][] = [
      [{ title: '   ' }, 'invalid_input'],
      [{ deadline: '2026-02-30' }, 'invalid_input'],
      [{ deadline: '2026-11-01' }, 'invalid_input'], // already past
      [{ coopUnitIds: ['jwc'] }, 'invalid_input'], // lead unit cannot also cooperate
      [{ stages: [{ name: '初稿', deadline: '2027-03-01' }] }, 'invalid_input'], // stage after the deadline
      [{ leadUnitId: 'nope' }, 'unknown_unit'],
      [{ coopUnitIds: ['nope'] }, 'unknown_unit'],
      [{ leaderId: WHO.unitHead }, 'unknown_person'], // not a school leader
      [{ leaderId: WHO.stranger }, 'unknown_person'],
      [{}, 'forbidden', WHO.unitHead], // only the office registers
      [{}, 'forbidden', WHO.leader],
    ];
    for (const [over, code, actor] of cases) {
      const err = refusal(() => register(over, at('2026-11-02'), actor));
      expect(err.code, JSON.stringify(over)).toBe(code);
    }
    expect(dump(t.db)).toEqual(before);
    expect(register().number).toBe('督办〔2026〕2号');
  });

  it('refuses a second open item with the same title (一事一项), naming the first', () => {
    const first = register({ title: '修订本科生培养方案' });
    const before = dump(t.db);
    const err = refusal(() => register({ title: '  修订本科生培养方案 ', leadUnitId: 'rsc', coopUnitIds: [] }));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(first.number);
    expect(err.message).toContain('一事一项');
    expect(dump(t.db)).toEqual(before);
    expect(register({ title: '修订研究生培养方案' }).number).toBe('督办〔2026〕2号');
  });
});

describe('numbering across processes', () => {
  const WORKER = fileURLToPath(new URL('./register-worker.ts', import.meta.url));
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
    children.length = 0;
  });

  /** Waits for one message of a type from a child, or fails if it exits first. */
  const next = <T>(child: ChildProcess, type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: { type?: string }) => {
        if (m?.type !== type) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`worker exited (${code}) before sending "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  /**
   * Forks one worker per entry of `pauses` (its pause between registrations, 0 = tight loop), starts them together
   * once all have opened the file, and returns what each registered.
   */
  async function race(pauses: number[], each: number): Promise<WorkerDone[]> {
    const stderr: string[] = [];
    for (const [w, pauseMs] of pauses.entries()) {
      const child = fork(WORKER, [t.path, `w${w}`, String(each), '2026-11-02', String(pauseMs)], {
        cwd: ROOT,
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      });
      child.stderr!.on('data', (d) => stderr.push(String(d)));
      children.push(child);
    }
    const failed = (e: unknown) => {
      throw new Error(`${(e as Error).message}\n${stderr.join('')}`);
    };
    await Promise.all(children.map((c) => next(c, 'ready'))).catch(failed);
    const done = children.map((c) => next<WorkerDone>(c, 'done'));
    // One start time for all, a little ahead: on a loaded machine the 'go' messages arrive far enough apart that a
    // worker could finish its run before the next one starts, and the race would be no race.
    const at = Date.now() + 500;
    for (const c of children) c.send({ type: 'go', at });
    return Promise.all(done).catch(failed);
  }

  const seqOf = (n: string) => Number(/〔2026〕(\d+)号/.exec(n)![1]);

  /** Everything that must hold after `total` concurrent registrations, in what the workers saw and in the file. */
  function expectNumbered(results: WorkerDone[], total: number) {
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const seqs = results.flatMap((r) => r.numbers).map(seqOf);
    expect(seqs).toHaveLength(total);
    expect(new Set(seqs).size).toBe(total);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each worker saw its own numbers rise.
    for (const r of results) {
      const own = r.numbers.map(seqOf);
      expect([...own].sort((a, b) => a - b)).toEqual(own);
    }
    const rows = t.db.$client.prepare('SELECT seq, number, title FROM items ORDER BY seq').all() as {
      seq: number;
      number: string;
      title: string;
    }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(rows.every((r) => r.number === `督办〔2026〕${r.seq}号`)).toBe(true);
    expect(new Set(rows.map((r) => r.title)).size).toBe(total);
    expect(sequences()).toEqual([{ year: 2026, last: total }]);
    const audits = t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'register'").get() as { n: number };
    expect(audits.n).toBe(total);
    // The parent's own connection carries on from there.
    expect(register().number).toBe(`督办〔2026〕${total + 1}号`);
  }

  /** How many workers got numbers that are not one unbroken run, i.e. took turns with another process. */
  const interleaved = (results: WorkerDone[]) =>
    results.filter((r) => {
      const own = r.numbers.map(seqOf);
      return own.at(-1)! - own[0]! + 1 > own.length;
    }).length;

  it('processes registering at once get unique numbers 1..total, no gaps', { timeout: 90_000 }, async () => {
    // One worker in a tight loop (it leans on busy_timeout: it keeps re-taking the write lock while the others
    // sleep in SQLite's busy handler) and three that pause a few ms between registrations, so turns really are
    // taken even on a loaded machine.
    const results = await race([0, 4, 4, 4], 30);
    expectNumbered(results, 120);
    // The processes did interleave; otherwise the test would prove little.
    expect(interleaved(results)).toBeGreaterThanOrEqual(2);
  });
});
