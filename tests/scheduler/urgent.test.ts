import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findItemByNumber } from '../../src/db/item-repository';
import { createLogger } from '../../src/logger';
import { runJob } from '../../src/scheduler/cron';
import { DEFAULT_SCHEDULE, parseScheduleConfig } from '../../src/scheduler/schedule-config';
import { type Bot, buttonValue, startBot } from '../e2e/harness';
import { WHO } from '../support/fixtures';

/** 加急 on the 逾期预警 step: off by default, switched on in the schedule file, once per item and step. */
let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

const log = createLogger('silent');
const urgentCalls = () => h.fake.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith('/urgent_app'));

/** Registered on Monday 23 November with a deadline on Tuesday the 24th, claimed: 3 working days late on Friday. */
async function lateItem() {
  await h.say(WHO.supervisor, '/督办 新建 完善实验室安全管理制度 主办:教务处 截止:2026-11-24');
  const slip = h.lastTo(WHO.unitHead);
  await h.click(WHO.unitHead, buttonValue(slip.content, '认领'), { messageId: slip.message_id });
  return findItemByNumber(h.db, 2026, 1)!;
}

async function tickAt(date: string, schedule = DEFAULT_SCHEDULE) {
  h.setNow(date, '09:00');
  for (const job of h.bot.jobs) await runJob(job, { ...h.bot.jobDeps, schedule }, h.now, log);
  await h.flush();
}

describe('加急', () => {
  it('is read from the schedule file and refuses steps that never reach the unit head', () => {
    expect(parseScheduleConfig('urgent: [warning]').urgent).toEqual(['warning']);
    expect(DEFAULT_SCHEDULE.urgent).toEqual([]);
    expect(() => parseScheduleConfig('urgent: [interview_proposal]')).toThrow('urgent');
  });

  it('when switched on: the unit head\'s 逾期预警 card is made urgent once; earlier and later reminders are not', async () => {
    await lateItem();
    const schedule = { ...DEFAULT_SCHEDULE, urgent: ['warning'] as const };
    for (const day of ['2026-11-25', '2026-11-26']) await tickAt(day, schedule);
    expect(urgentCalls()).toHaveLength(0);
    await tickAt('2026-11-27', schedule);
    const calls = urgentCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({ user_id_list: [WHO.unitHead] });
    expect(calls[0]!.query).toMatchObject({ user_id_type: 'open_id' });
    // The urgent message is the card the head got that morning.
    const warned = h.lastTo(WHO.unitHead);
    expect(calls[0]!.path).toBe(`/open-apis/im/v1/messages/${warned.message_id}/urgent_app`);
    // The same moment again, and the following days: the warning step is not repeated, nor its 加急.
    await tickAt('2026-11-27', schedule);
    for (const day of ['2026-11-30', '2026-12-01']) await tickAt(day, schedule);
    expect(urgentCalls()).toHaveLength(1);
  });

  it('is off by default', async () => {
    await lateItem();
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30']) await tickAt(day);
    expect(urgentCalls()).toHaveLength(0);
  });
});
