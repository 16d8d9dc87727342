/**
 * `npm run duban -- import FILE.xlsx [--dry-run] [--as <open_id>] [--report FILE.xlsx]`: 批量登记 from a filled
 * template on the office's machine. The same check and the same one transaction as a file sent to the bot; the
 * slips are sent before the command ends (what cannot be sent now stays queued for the server). A rejected file's
 * problems are printed, and the template with the bad cells marked is written beside it.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { compose } from './compose';
import type { Config } from './config';
import { peopleWithRole, unitNamer } from './db/org-repository';
import { XLSX_MAX_BYTES } from './documents/read-xlsx';
import { createLogger } from './logger';
import { openRuntime } from './runtime';
import { importItemsFromBytes, problemLines } from './services/import-items';

export const IMPORT_USAGE = `用法：npm run duban -- import <FILE.xlsx> [--dry-run] [--as <open_id>] [--report <FILE.xlsx>]
  FILE 为“/督办 导入模板”得到的模板填好后的文件；整份文件检查无误才登记，任一行有误则一项也不登记
  --dry-run 只检查并列出将登记的事项；--as 以该督办人员的名义登记（组织架构中只有一位督办人员时可省略）
  --report 有误时标注问题的表格写到此处（默认写在 FILE 旁，文件名加“-问题标注”）`;

interface ImportArgs {
  file: string;
  dryRun: boolean;
  as?: string;
  report?: string;
}

export function parseImportArgs(args: string[]): ImportArgs | string {
  const out: Partial<ImportArgs> = { dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--dry-run') out.dryRun = true;
    else if (a === '--as' || a === '--report') {
      const v = args[++i];
      if (!v || v.startsWith('--')) return `${a} 后面缺少取值`;
      if (a === '--as') out.as = v;
      else out.report = v;
    } else if (a.startsWith('--')) return `无法识别的参数：${a}`;
    else if (out.file) return `只能导入一个文件（已写 ${out.file}，又写 ${a}）`;
    else out.file = a;
  }
  if (!out.file) return '请给出要导入的文件';
  return out as ImportArgs;
}

export async function importCommand(config: Config, args: string[]): Promise<number> {
  const parsed = parseImportArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${IMPORT_USAGE}`);
    return 2;
  }
  if (!existsSync(parsed.file)) {
    console.error(`文件不存在：${parsed.file}`);
    return 2;
  }
  if (statSync(parsed.file).size > XLSX_MAX_BYTES) {
    console.error(`文件过大，最大 ${XLSX_MAX_BYTES / 1048576} MB：${parsed.file}`);
    return 2;
  }
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const runtime = openRuntime(config, log);
  const now = new Date();
  const bot = await compose(config, runtime, log, { now: () => now });
  try {
    let actorId = parsed.as;
    if (!actorId) {
      const supervisors = peopleWithRole(runtime.db, 'supervisor');
      if (supervisors.length !== 1) {
        console.error(`请用 --as <open_id> 指明以哪位督办人员的名义登记（组织架构中有 ${supervisors.length} 位督办人员${supervisors.length ? `：${supervisors.map((p) => `${p.name} ${p.id}`).join('、')}` : ''}）`);
        return 2;
      }
      actorId = supervisors[0]!.id;
    }
    const r = await importItemsFromBytes(bot.ctx, readFileSync(parsed.file), actorId, { dryRun: parsed.dryRun, channel: 'cli', notify: false }, now);
    if (!r.ok) {
      console.error(`未导入：文件有 ${r.problems.length} 处问题，没有登记任何事项`);
      for (const line of problemLines(r.problems)) console.error(`  ${line}`);
      if (r.report) {
        const to = parsed.report ?? parsed.file.replace(/(\.xlsx)?$/i, '-问题标注.xlsx');
        writeFileSync(to, r.report);
        console.error(`问题已在表格中标红并加批注：${to}`);
      }
      return 1;
    }
    if (r.dryRun) {
      console.log(`试导入：文件无误，将登记 ${r.planned.length} 项（未登记）：`);
      const unitName = unitNamer(runtime.db);
      for (const p of r.planned) console.log(`  第 ${p.row} 行：${p.input.title}｜${unitName(p.input.leadUnitId)}｜${p.input.deadline}`);
      return 0;
    }
    const first = r.registered[0]!.number;
    const last = r.registered[r.registered.length - 1]!.number;
    console.log(`已登记 ${r.registered.length} 项（${first}${r.registered.length > 1 ? ` 至 ${last}` : ''}）`);
    const sent = await bot.worker.drain();
    const pending = runtime.db.$client.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck().get() as number;
    console.log(`督办单发送：成功 ${sent.sent}，待重试 ${sent.retried}，失败 ${sent.failed}；待发送队列 ${pending} 条${config.feishu ? '' : '（本地模式：消息仅记录，未发往飞书）'}`);
    return 0;
  } finally {
    await bot.worker.stop();
    await bot.app.close();
    runtime.db.$client.close();
  }
}
