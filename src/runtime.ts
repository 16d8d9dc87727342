import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { type Db, openDatabase } from './db/client';
import { type WorkCalendar, createWorkCalendar, parseCalendarOverrides } from './domain/calendar';
import type { Logger } from './logger';
import { parseOrg } from './org/parse-org';
import { type ScheduleConfig, DEFAULT_SCHEDULE, parseScheduleConfig } from './scheduler/schedule-config';
import { type OrgImportResult, importOrg } from './services/import-org';

/** What both the server and the command line need: the database migrated, the calendar, the org loaded. */
export interface Runtime {
  db: Db;
  calendar: WorkCalendar;
  schedule: ScheduleConfig;
}

export function loadCalendar(file: string | null): WorkCalendar {
  if (!file) return createWorkCalendar();
  return createWorkCalendar(parseCalendarOverrides(readFileSync(file, 'utf8')));
}

/** Reads, checks and upserts an org file; throws OrgFileError (listing every problem) before touching the database. */
export function importOrgFile(db: Db, file: string, actorId: string, now: Date): OrgImportResult {
  const org = parseOrg(readFileSync(file, 'utf8'));
  return importOrg(db, org, actorId, now);
}

export function describeImport(r: OrgImportResult): string {
  const parts = [
    `单位 新增 ${r.unitsAdded}、更新 ${r.unitsUpdated}`,
    `人员 新增 ${r.peopleAdded}、更新 ${r.peopleUpdated}、停用 ${r.peopleRetired}`,
  ];
  if (r.namesSet) parts.push(`单位负责人、联络人姓名 登记 ${r.namesSet}`);
  if (r.unitsNotInFile.length) parts.push(`文件中未列出但保留的单位：${r.unitsNotInFile.join('、')}`);
  // One part per chat the file (re)bound: the unit, the chat, what the unit had, and the unit that lost the chat.
  for (const c of r.chatChanges) {
    parts.push(
      `群聊 ${c.unitName} → ${c.chatId}${c.previousChatId ? `（原 ${c.previousChatId}）` : ''}${c.movedFrom ? `，自${c.movedFrom.unitName}移来` : ''}`,
    );
  }
  return parts.join('；');
}

/** Where the example organisation lives, relative to the project (not the working directory). */
export const EXAMPLE_ORG = join('examples', 'org.yaml');

/**
 * The project's `examples/org.yaml`, found by walking up from this module as the migrations are (src/db/client.ts):
 * `src/` when run from source, `dist/` when bundled. null when the checkout has none.
 */
export function exampleOrgFile(from: string = fileURLToPath(import.meta.url)): string | null {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, EXAMPLE_ORG);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

export interface OpenRuntimeOptions {
  /**
   * As the server starts (main), not the command line: in local mode with ORG_FILE unset, an empty database gets
   * the example organisation (`examples/org.yaml`), so a newcomer's first registration finds 教务处; and a start
   * that leaves no unit in the database says so. Feishu mode never loads the example: its open_ids are made up.
   */
  asServer?: boolean;
  /** Tests: the example file to use instead of the project's. */
  exampleOrg?: string | null;
}

/** The warning when the database holds no unit after start: registrations would answer 没有找到单位. */
export function noOrgWarning(config: Pick<Config, 'orgFile' | 'feishu'>): string {
  const how = '请设置 ORG_FILE 指向本校的组织架构文件后重启（格式见 examples/org.yaml），或运行 npm run duban -- org import <文件>';
  const lead = '未载入组织架构：数据库中没有任何单位，登记督办事项会答“没有找到单位”。';
  if (config.orgFile) return `${lead}ORG_FILE（${config.orgFile}）中没有单位；${how}。`;
  if (config.feishu) {
    return `${lead}未设置 ORG_FILE。${how}。飞书模式不会自动载入 examples/org.yaml：其中的 open_id 是虚构的，须换成本应用下的真实 open_id。`;
  }
  return `${lead}未设置 ORG_FILE，本地模式本应载入示例 examples/org.yaml，但没有找到这个文件。${how}。`;
}

export function openRuntime(config: Config, log: Logger, opts: OpenRuntimeOptions = {}): Runtime {
  const db = openDatabase(config.databasePath);
  log.info({ databasePath: config.databasePath }, 'database ready');
  const calendar = loadCalendar(config.calendarFile);
  // Local mode reaches nobody's phone: without a schedule file nothing is held for quiet hours there, so a newcomer
  // trying the README at night sees the 督办单 at once.
  const schedule = config.scheduleFile
    ? parseScheduleConfig(readFileSync(config.scheduleFile, 'utf8'))
    : config.feishu
      ? DEFAULT_SCHEDULE
      : { ...DEFAULT_SCHEDULE, quietHours: null };
  const units = () => db.$client.prepare('SELECT count(*) FROM units').pluck().get() as number;
  if (config.orgFile) {
    const r = importOrgFile(db, config.orgFile, 'system', new Date());
    log.info({ orgFile: config.orgFile, ...r }, `org loaded: ${describeImport(r)}`);
  } else if (opts.asServer && !config.feishu) {
    // Only into an empty database: an organisation imported by hand (npm run duban -- org import) is never replaced
    // by the example, whose people it would otherwise retire.
    const example = opts.exampleOrg !== undefined ? opts.exampleOrg : exampleOrgFile();
    const existing = units();
    if (existing > 0) {
      log.info({ units: existing }, `org: ORG_FILE 未设置，沿用数据库中已有的 ${existing} 个单位`);
    } else if (example) {
      const r = importOrgFile(db, example, 'system', new Date());
      log.warn(
        { orgFile: example, ...r },
        `本地模式：未设置 ORG_FILE，已载入示例组织架构 examples/org.yaml（虚构的单位和人员，仅供试用）：${describeImport(r)}。正式使用请设置 ORG_FILE。`,
      );
    }
  }
  if (opts.asServer && units() === 0) log.warn({ kind: 'no-org', orgFile: config.orgFile }, noOrgWarning(config));
  return { db, calendar, schedule };
}
