import cron, { type ScheduledTask } from 'node-cron';
import { chinaDate } from '../domain/dates';
import type { Logger } from '../logger';
import { withJobLock } from './job-lock';
import type { Job, JobDeps } from './jobs';

export const TIME_ZONE = 'Asia/Shanghai';

/**
 * Runs one job at `now` if it is a Chinese working day (make-up days included, holidays skipped) and no other
 * run of it holds the lock. Returns what it did, or why it did not run.
 */
export async function runJob(job: Job, deps: JobDeps, now: Date, log: Logger): Promise<object> {
  if (!deps.calendar.isWorkday(chinaDate(now))) return { job: job.name, skipped: '非工作日' };
  const out = await withJobLock(deps.db, job.name, 10 * 60_000, () => job.run(deps, now));
  if (out === null) {
    log.warn({ job: job.name }, 'job already running elsewhere; skipped');
    return { job: job.name, skipped: '已有同一任务在运行' };
  }
  return { job: job.name, ...out };
}

/** Wires the jobs to node-cron in Beijing time, with overlap prevention; `after` runs after each job (send). */
export function startCron(list: Job[], deps: JobDeps, log: Logger, after: () => void): ScheduledTask[] {
  return list.map((job) =>
    cron.schedule(
      job.cron,
      async (ctx) => {
        try {
          const result = await runJob(job, deps, ctx.date ?? new Date(), log);
          log.info({ job: job.name, result }, 'job finished');
          after();
        } catch (err) {
          log.error({ err, job: job.name }, 'job failed');
        }
      },
      { timezone: TIME_ZONE, noOverlap: true, name: job.name },
    ),
  );
}
