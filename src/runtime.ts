import { readFileSync } from 'node:fs';
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

export function openRuntime(config: Config, log: Logger): Runtime {
  const db = openDatabase(config.databasePath);
  log.info({ databasePath: config.databasePath }, 'database ready');
  const calendar = loadCalendar(config.calendarFile);
  const schedule = config.scheduleFile ? parseScheduleConfig(readFileSync(config.scheduleFile, 'utf8')) : DEFAULT_SCHEDULE;
  if (config.orgFile) {
    const r = importOrgFile(db, config.orgFile, 'system', new Date());
    log.info({ orgFile: config.orgFile, ...r }, `org loaded: ${describeImport(r)}`);
  }
  return { db, calendar, schedule };
}
