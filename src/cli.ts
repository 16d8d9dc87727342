import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config';
import { BackupError, backup, formatBytes } from './db/backup';
import { MigrationError, openDatabase } from './db/client';
import { OrgFileError } from './org/parse-org';
import { compose } from './compose';
import { chinaDate } from './domain/dates';
import { createLogger } from './logger';
import { describeImport, importOrgFile, openRuntime } from './runtime';
import { runJob } from './scheduler/cron';
import { statsCommand } from './cli-stats';
import { exportCommand } from './cli-export';
import { archiveExportCommand } from './cli-archive';
import { importCommand } from './cli-import';

const USAGE = `用法（usage）:
  npm run duban -- org import <FILE>     导入/更新组织架构（单位、人员、角色），重复导入不产生变化
  npm run duban -- tick [--at <时刻>]    按指定时刻运行全部定时任务并发送消息，例如 --at 2026-12-01T09:00+08:00
                                         （同一时刻重复运行不会重复发送；本地模式下服务在运行时，改为调整服务的
                                         模拟时钟，其间到点的任务依次运行，消息出现在聊天模拟器中）
  npm run duban -- backup <FILE> [--force]
                                         在线备份数据库到 FILE（服务运行时也可），已存在的文件须加 --force 才覆盖
  npm run duban -- stats --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--unit <单位>] [--json]
                                         各单位在办、应办结、已办结、按时办结、逾期、延期、协办及办结率（--json 输出 JSON）
  npm run duban -- export ledger --out <FILE.xlsx> [--year <年份>] [--unit <单位>] [--state <状态>]
                                         导出台账（全部事项含涉密，每项的字段、状态、红黄绿灯、剩余工作日、进展；另一工作表为办理记录）
  npm run duban -- export archive --year <年份> --out <目录>
                                         导出该年归档：每个来源类别一个文件夹（台账、每项办理记录与佐证材料）
  npm run duban -- import <FILE.xlsx> [--dry-run] [--as <open_id>]
                                         按“/督办 导入模板”的模板批量登记，整份文件无误才登记并发送督办单（--dry-run 只检查）
  npm run duban -- help                  显示本帮助`;

/** "2026-12-01T09:00+08:00", or a bare date meaning 09:00 in Beijing. */
export function parseMoment(text: string): Date | null {
  const t = text.trim();
  const d = /^\d{4}-\d{2}-\d{2}$/.test(t) ? new Date(`${t}T09:00:00+08:00`) : new Date(t);
  if (Number.isNaN(d.getTime())) return null;
  // A moment without an offset would be read in the machine's zone; the office means Beijing time.
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) && t.includes('T')) return new Date(`${t}+08:00`);
  return d;
}

/** Runs every job as if it were `at`, then sends what they planned, and prints it all. */
async function tick(config: ReturnType<typeof loadConfig>, at: Date): Promise<number> {
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const runtime = openRuntime(config, log);
  const bot = await compose(config, runtime, log, { now: () => at });
  // Ctrl-C: the sends already out finish, the rest stays queued for the server; the summary is still printed.
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    console.error('已中断：正在发送的消息发完即停，其余留在待发送队列，服务会接着发送');
    void bot.worker.stop();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    console.log(`定时任务运行时刻：${at.toISOString()}（北京时间 ${chinaDate(at)} ${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}）`);
    for (const job of bot.jobs) {
      const r = await runJob(job, bot.jobDeps, at, log);
      console.log(`- ${job.name}（${job.description}）：${JSON.stringify(r)}`);
    }
    // A 督查通报 draft left without its file (a crash after it was asked for) is written before the sends.
    bot.bulletins.kick();
    await bot.bulletins.idle();
    // So is a statistics workbook asked for from a card (services/stats-export.ts).
    bot.statsExports.kick();
    await bot.statsExports.idle();
    const sent = await bot.worker.drain();
    const pending = runtime.db.$client.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck().get() as number;
    console.log(`发送：成功 ${sent.sent}，待重试 ${sent.retried}，失败 ${sent.failed}，不再需要而未发 ${sent.skipped}；待发送队列 ${pending} 条${config.feishu ? '' : '（本地模式：消息仅记录，未发往飞书）'}`);
    return interrupted ? 130 : sent.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await bot.worker.stop(); // releases anything still leased before the database closes
    await bot.app.close();
    runtime.db.$client.close();
  }
}

/**
 * Local mode with the server running: moves its clock (`POST /local/clock`), which runs the jobs due on the way there
 * as the cron would have, and prints what ran. null when no local server answers (the caller runs the jobs itself).
 */
async function tickLocalServer(config: ReturnType<typeof loadConfig>, at: Date, given: boolean): Promise<number | null> {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  let res: Response;
  try {
    const clock = (await (await fetch(`${base}/local/clock`, { signal: AbortSignal.timeout(5_000) })).json()) as { now?: string };
    if (typeof clock.now !== 'string') return null;
    // Without --at: one more minute of the server's own clock (its time, not this machine's).
    const target = given ? at : new Date(new Date(clock.now).getTime() + 60_000);
    res = await fetch(`${base}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: target.toISOString() }),
      signal: AbortSignal.timeout(10 * 60_000),
    });
  } catch {
    console.log(`（${base} 没有运行中的本地模式服务，定时任务在本进程内运行）`);
    return null;
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string; from?: string; now?: string; runs?: Array<{ job: string; at: string; result: object }> };
  if (!res.ok) {
    console.error(`本地服务拒绝调整时钟：${body.error ?? res.status}`);
    return 2;
  }
  console.log(`本地服务 ${base} 的模拟时钟：${body.from} → ${body.now}`);
  if (!body.runs?.length) console.log('  其间没有到点的定时任务（时钟调回时不运行任务）');
  for (const r of body.runs ?? []) console.log(`- ${r.at} ${r.job}：${JSON.stringify(r.result)}`);
  console.log('消息已由服务发送，可在聊天模拟器中查看');
  return 0;
}

/** `backup FILE [--force]`: an online copy of the database, and what it holds. */
async function backupCommand(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--force');
  if (files.length !== 1 || unknown.length) {
    console.error(`用法：npm run duban -- backup <FILE> [--force]${unknown.length ? `（无法识别的选项：${unknown.join(' ')}）` : ''}`);
    return 2;
  }
  try {
    const { database: db, files: f } = await backup(config.databasePath, files[0]!, { force: flags.includes('--force') });
    console.log(`数据库已备份：${db.path}（${formatBytes(db.bytes)}，完整性检查 ${db.integrity}）`);
    console.log(`  ${db.counts.map((c) => `${c.label} ${c.rows} ${c.unit}`).join('，')}；其中待发送消息 ${db.pendingMessages} 条`);
    console.log(`文件已备份：${f.dir}（${f.files} 个，${formatBytes(f.bytes)}，本次新复制 ${f.copied} 个，均已校验）`);
    if (f.missing.length) console.error(`  警告：数据库记录的 ${f.missing.length} 个文件在文件目录中缺失或已损坏，未能备份：${f.missing.slice(0, 5).map((x) => x.slice(0, 12)).join('、')}${f.missing.length > 5 ? ' 等' : ''}`);
    console.log('  恢复：停止服务，把此文件放到 DATABASE_PATH 处，删除旧的 -wal、-shm 文件，把同名的 .files 文件夹复制为数据库旁的 files 文件夹，再启动服务。');
    return f.missing.length ? 1 : 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`备份失败：${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** The office's command line. Each subcommand prints what it did and exits non-zero on failure. */
export async function runCli(argv: string[], env = process.env): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  const config = loadConfig(env);
  if (cmd === 'org' && sub === 'import' && rest[0]) {
    const db = openDatabase(config.databasePath);
    try {
      const r = importOrgFile(db, rest[0], 'cli', new Date());
      console.log(`组织架构已导入（${rest[0]}）：${describeImport(r)}`);
      return 0;
    } finally {
      db.$client.close();
    }
  }
  if (cmd === 'tick') {
    const i = argv.indexOf('--at');
    const at = i >= 0 ? parseMoment(argv[i + 1] ?? '') : new Date();
    if (!at) {
      console.error(`无法识别的时刻：${argv[i + 1] ?? ''}，请写作 2026-12-01T09:00+08:00`);
      return 2;
    }
    // Local mode: the running server's simulated clock is the one that counts, so its cards show in the simulator.
    if (!config.feishu) {
      const code = await tickLocalServer(config, at, i >= 0);
      if (code !== null) return code;
    }
    return tick(config, at);
  }
  if (cmd === 'backup') return backupCommand(config, argv.slice(1));
  if (cmd === 'stats') return statsCommand(config, argv.slice(1));
  if (cmd === 'export' && sub === 'archive') return archiveExportCommand(config, argv.slice(2));
  if (cmd === 'export') return exportCommand(config, argv.slice(1));
  if (cmd === 'import') return importCommand(config, argv.slice(1));
  console.error(`无法识别的命令：${argv.join(' ')}\n${USAGE}`);
  return 2;
}

// Compared as real paths: a checkout under a path with spaces, Chinese characters or a symlink must still run.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      if (err instanceof ConfigError || err instanceof MigrationError || err instanceof OrgFileError) {
        console.error(err.message);
      } else console.error(err);
      process.exit(1);
    },
  );
}
