import type { ScheduledTask } from 'node-cron';
import { compose } from './compose';
import { ConfigError, loadConfig } from './config';
import { MigrationError } from './db/client';
import { DEMO_END, DEMO_START, demoDatabasePath, seedDemo } from './demo/seed-demo';
import { localServerOutbox } from './local-clock';
import { createLogger } from './logger';
import { OrgFileError } from './org/parse-org';
import { FeishuMessenger } from './messenger/feishu-messenger';
import { openRuntime } from './runtime';
import { fillMissingNames } from './services/fill-names';
import { TIME_ZONE, runJob, startCron } from './scheduler/cron';

/** The whole shutdown, at most: within systemd's 90 s stop timeout, and the outbox's own bound (12 s) inside it. */
const SHUTDOWN_LIMIT_MS = 20_000;
/** How long a scheduled job already running (the sweep) may take to finish its writes. */
const JOB_GRACE_MS = 10_000;

/**
 * Counts the cron runs in progress. node-cron reports a stopped task as 'stopped' even while its last run goes
 * on, so the runs are counted from its events.
 */
function runningJobs(tasks: ScheduledTask[]) {
  let running = 0;
  const waiters = new Set<() => void>();
  const ended = () => {
    running = Math.max(0, running - 1);
    if (running === 0) for (const w of waiters) w();
  };
  for (const t of tasks) {
    t.on('execution:started', () => void running++);
    t.on('execution:finished', ended);
    t.on('execution:failed', ended);
  }
  return {
    /** Resolves true once no run is in progress, false if one still is after `ms`. */
    settled(ms: number): Promise<boolean> {
      if (running === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          resolve(false);
        }, ms);
        waiters.add(done);
      });
    },
  };
}

/** The only file that listens: config → database + migrations → org → app → outbox → listen; closes gracefully. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // `npm run demo`: local mode on its own database (demo.db beside the configured one), seeded with a term of work.
  const demo = process.argv.includes('--demo');
  if (demo && config.feishu) {
    console.error('--demo 只能在本地模式下使用（演示数据会向虚构的人员发送消息）：请去掉 FEISHU_* 变量后再运行 npm run demo');
    process.exit(2);
  }
  if (demo) config = { ...config, databasePath: demoDatabasePath(config.databasePath), orgFile: null };
  const log = createLogger(config.logLevel);
  let runtime;
  try {
    runtime = openRuntime(config, log, { asServer: true });
  } catch (err) {
    // A bad database, org, calendar or schedule file: say what is wrong, not a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    log.fatal({ kind: err instanceof MigrationError ? 'migration' : err instanceof OrgFileError ? 'org' : 'startup' }, message);
    console.error(`启动失败：${message}`);
    process.exit(1);
  }
  const bot = await compose(config, runtime, log, config.feishu ? {} : { outbox: localServerOutbox() });
  const { app, worker, downloader, ws, jobs, jobDeps, messenger, clock, bulletins, escalations, documents } = bot;
  if (!config.feishu) {
    log.warn('本地模式（local mode）：未配置 FEISHU_APP_ID，消息不会发往飞书，仅记录在 GET /local/messages；事件可 POST 到 /local/events');
  } else {
    log.info({ appId: config.feishu.appId, domain: config.feishu.domain, mode: config.feishu.mode }, 'feishu app configured');
  }
  if (demo && clock) {
    const items = runtime.db.$client.prepare('SELECT count(*) FROM items').pluck().get() as number;
    if (items === 0) {
      console.log('正在生成演示数据（一个学期的督办事项，约 10 秒）…');
      clock.standStill(DEMO_START);
      const r = await seedDemo({ ctx: bot.ctx, clock, worker, log });
      console.log(`演示数据已生成：${r.items} 项督办事项，${r.steps} 步办理；模拟时钟停在 2026-12-01 09:30`);
    } else clock.standStill(DEMO_END);
  }
  worker.start();
  // Files people sent that were not fetched before the last stop (or crash) are fetched now.
  downloader.start();
  ws?.start();
  // Names of heads and liaisons the org file gives by open_id only: asked of the contact directory once, in the
  // background (a failure is recorded and asked again on the next start).
  if (messenger instanceof FeishuMessenger) {
    void fillMissingNames(runtime.db, (id) => messenger.contactName(id), new Date(), { retryFailed: true })
      .then((r) => log.info(r, 'contact names filled'))
      .catch((err) => log.warn({ err }, 'contact names: database error'));
  }
  // Local mode: the simulated clock plays the cron (it runs the jobs as its time passes them, and on every jump).
  const tasks = clock ? [] : startCron(jobs, jobDeps, log, () => worker.kick());
  // Catching up at start: a statistics report due while the server was down goes now (once: stats_reports), and a
  // 督查通报 draft recorded just before a crash gets its file.
  bulletins.kick();
  // A 台账 or template asked for just before a crash is written and sent now.
  documents.kick();
  // A statistics workbook asked for from a card just before a crash is written and sent now (services/stats-export.ts).
  bot.statsExports.kick();
  // After an event these three run only for rows this process wrote (db/write-signals.ts): what another process
  // left (a `tick` killed before its writers ran) is found within a minute.
  const writersPass = setInterval(() => {
    bulletins.kick();
    documents.kick();
    bot.statsExports.kick();
  }, 60_000);
  writersPass.unref();
  // A 约谈通知单 issued just before a crash gets its file (and its calendar event) now, and retries every minute.
  escalations.start();
  const statsJob = clock ? undefined : jobs.find((j) => j.name === 'stats-reports');
  if (statsJob) {
    void runJob(statsJob, jobDeps, new Date(), log)
      .then((result) => {
        log.info({ job: statsJob.name, result }, 'job finished (start)');
        worker.kick();
      })
      .catch((err) => log.error({ err, job: statsJob.name }, 'job failed (start)'));
  }
  clock?.startTicker();
  const jobsRunning = runningJobs(tasks);
  log.info({ jobs: jobs.map((j) => `${j.name} ${j.cron}`), timeZone: TIME_ZONE }, 'scheduler started (working days only)');

  /**
   * A shutdown takes seconds, not a drain of the queue: stop taking work (cron, events), let what is under way
   * finish (the requests being answered, a job already running, the sends already out, each bounded), release the
   * rows leased but not sent (the next start sends them at once), close the database last, exit. A second signal
   * while this runs is only logged; a hard bound ends the process if something still hangs.
   */
  let closing = false;
  const close = async (signal: string) => {
    if (closing) {
      log.warn({ signal }, 'already shutting down');
      return;
    }
    closing = true;
    const started = Date.now();
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ ms: Date.now() - started }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    for (const t of tasks) await t.stop();
    clearInterval(writersPass);
    clock?.stopTicker();
    ws?.close(); // long-connection mode: no more events; one being handled finishes (its answer may be lost: Feishu re-pushes)
    // The worker first, so no new row is leased while the last requests come in; their rows stay queued.
    const outboxStopped = worker.stop();
    const downloadsStopped = downloader.stop();
    const escalationsStopped = escalations.stop();
    await app.close();
    if (!(await jobsRunning.settled(JOB_GRACE_MS))) log.warn('a scheduled job is still running; closing anyway (it is safe to run again)');
    await outboxStopped;
    await downloadsStopped;
    await escalationsStopped;
    await bot.statsExports.idle(); // a workbook being written is finished (or, killed, written at the next start)
    runtime.db.$client.close();
    log.info({ ms: Date.now() - started }, 'stopped');
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) =>
    void close(signal).catch((err) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const address = await app.listen({ port: config.port, host: config.host });
  if (!config.feishu) {
    const shown = address.replace('://127.0.0.1', '://localhost').replace('://0.0.0.0', '://localhost');
    console.log(`\n  督办助手 本地模式已启动：浏览器打开 ${shown}/ 使用聊天模拟器，${shown}/console 查看台账\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
