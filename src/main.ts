import { compose } from './compose';
import { ConfigError, loadConfig } from './config';
import { MigrationError } from './db/client';
import { createLogger } from './logger';
import { OrgFileError } from './org/parse-org';
import { openRuntime } from './runtime';
import { TIME_ZONE, startCron } from './scheduler/cron';

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
  const log = createLogger(config.logLevel);
  let runtime;
  try {
    runtime = openRuntime(config, log);
  } catch (err) {
    // A bad database, org, calendar or schedule file: say what is wrong, not a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    log.fatal({ kind: err instanceof MigrationError ? 'migration' : err instanceof OrgFileError ? 'org' : 'startup' }, message);
    console.error(`启动失败：${message}`);
    process.exit(1);
  }
  const { app, worker, ws, jobs, jobDeps } = await compose(config, runtime, log);
  if (!config.feishu) {
    log.warn('本地模式（local mode）：未配置 FEISHU_APP_ID，消息不会发往飞书，仅记录在 GET /local/messages；事件可 POST 到 /local/events');
  } else {
    log.info({ appId: config.feishu.appId, domain: config.feishu.domain, mode: config.feishu.mode }, 'feishu app configured');
  }
  worker.start();
  ws?.start();
  const tasks = startCron(jobs, jobDeps, log, () => worker.kick());
  log.info({ jobs: jobs.map((j) => `${j.name} ${j.cron}`), timeZone: TIME_ZONE }, 'scheduler started (working days only)');
  const close = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await Promise.all(tasks.map((t) => t.stop()));
    await app.close();
    await worker.stop();
    ws?.close();
    runtime.db.$client.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
