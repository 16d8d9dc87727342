import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/services/apply-command';
import { registerItem } from '../../src/services/register-item';
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

let fake: FakeFeishu;
let t: TestDb;

beforeAll(async () => {
  fake = await startFakeFeishu();
  t = openTestDb();
  const now = at('2026-11-20');
  for (const [title, deadline] of [
    ['修订本科生培养方案', '2026-12-03'],
    ['完善实验室安全制度', '2026-11-27'],
  ] as const) {
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'api', input: baseInput({ title, deadline }), now });
    applyCommand(t.ctx, { itemId: item.id, actorId: WHO.supervisor, channel: 'api', command: { type: 'send_slip' }, now });
  }
  t.db.$client.close(); // the CLI opens the file itself
});

afterAll(async () => {
  await fake.close();
  t.close();
});

/** `npm run duban -- tick --at …` as a person would run it, against the fake Feishu (async: the fake lives here). */
function tick(moment: string): Promise<{ code: number | null; out: string }> {
  const child = spawn('node_modules/.bin/tsx', ['src/cli.ts', 'tick', '--at', moment], {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: t.path,
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_ENCRYPT_KEY: 'k',
      FEISHU_VERIFICATION_TOKEN: 'v',
      FEISHU_DOMAIN: fake.url,
      LOG_LEVEL: 'error',
    },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    }),
  );
}

describe('duban tick --at', () => {
  it('runs every job as of that moment, prints what it did, and a second run sends nothing new', { timeout: 120_000 }, async () => {
    const first = await tick('2026-11-24T09:00+08:00');
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('chase-sweep');
    // 2026-11-24: 3 working days before 11-27 → 到期提醒; unclaimed for 2 working days → 认领提醒; head + liaison each:
    // six steps recorded, one message each to the head and the liaison.
    expect(first.out).toMatch(/"due_soon":2/);
    expect(first.out).toMatch(/"unclaimed":4/);
    expect(first.out).toMatch(/"recorded":6,"planned":2/);
    const sentAfterFirst = fake.sent.length;
    expect(sentAfterFirst).toBeGreaterThanOrEqual(4); // + the unit chat's weekly digest and the supervisors' summary
    expect(first.out).toContain(`成功 ${sentAfterFirst}`);

    const second = await tick('2026-11-24T09:00+08:00');
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain('成功 0');
    expect(fake.sent.length).toBe(sentAfterFirst);
  });

  it('does nothing on a rest day of the holiday calendar and says so', { timeout: 60_000 }, async () => {
    const before = fake.sent.length;
    const r = await tick('2026-11-29T09:00+08:00'); // a Sunday
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('非工作日');
    expect(fake.sent.length).toBe(before);
  });

  it('at night plans what is due but sends nothing until the next working day 08:00', { timeout: 120_000 }, async () => {
    const before = fake.sent.length;
    const night = await tick('2026-12-01T22:00+08:00'); // a Tuesday
    expect(night.code, night.out).toBe(0);
    expect(night.out).toMatch(/"planned":2/); // the head and the liaison, one message each
    expect(night.out).toContain('"notBefore":"2026-12-02T00:00:00.000Z"');
    expect(night.out).toContain('成功 0');
    expect(night.out).toMatch(/待发送队列 [1-9]/);
    expect(fake.sent.length).toBe(before);

    const morning = await tick('2026-12-02T08:00+08:00');
    expect(morning.code, morning.out).toBe(0);
    expect(morning.out).toContain('待发送队列 0');
    // The night's messages went out, the first of them before the morning's own.
    const toHead = fake.sent.slice(before).filter((m) => m.receive_id === 'ou_head_jwc');
    expect(toHead.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a moment it cannot read', { timeout: 60_000 }, async () => {
    const r = await tick('next tuesday');
    expect(r.code).toBe(2);
    expect(r.out).toContain('无法识别的时刻');
  });
});
