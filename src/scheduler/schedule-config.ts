import { validate } from 'node-cron';
import { parse } from 'yaml';
import { z } from 'zod';
import { type ChaseKind, DEFAULT_LADDER, type LadderConfig } from '../domain/chase-ladder';
import { DEFAULT_ESCALATION_TIMING, type EscalationTiming } from '../domain/escalation';
import { DEFAULT_ARCHIVE_AFTER_DAYS } from '../domain/archive';
import { SUPERVISOR_NOTICE_KINDS, type SupervisorNoticeKind } from '../domain/supervisor-notices';

/** The steps that reach the unit head, and so may be sent as 加急. */
const URGENT_STEPS = ['unclaimed', 'due_soon', 'due_today', 'overdue', 'warning'] as const satisfies readonly ChaseKind[];
import { DEFAULT_QUIET_HOURS, type QuietHours, isClockTime } from '../domain/quiet-hours';

/** When each job runs (cron, Asia/Shanghai) and how hard the ladder chases. Defaults suit a university office. */
export interface ScheduleConfig {
  times: { chaseSweep: string; unitDigest: string; supervisorSummary: string; statsReport: string };
  ladder: LadderConfig;
  /** A deadline this many working days away turns the light yellow. */
  yellowWithin: number;
  /**
   * When nothing automatic is sent on a working day (Beijing time); rest days are always quiet. A job that runs in
   * them (an odd cron time, `tick --at` at night) plans its messages to wait for the next allowed moment.
   */
  /** null: switched off (`quietHours: false`), nothing is held. */
  quietHours: QuietHours | null;
  /**
   * Steps whose card to the unit head is also sent as 加急 (an in-app urgent message, scope im:message.urgent), once
   * per item and step. Empty (the default): none.
   */
  urgent: readonly ChaseKind[];
  /** What the 督查室 hears of at once, as it happens (besides the 17:00 summary). Default: all four. */
  supervisorNotices: readonly SupervisorNoticeKind[];
  /**
   * The 督查通报: who issues it (the office named under its masthead) and who receives it when published, by role
   * (the observers — 纪委办、监察处、组织部 — are always copied). Default: 督查室; supervisors, leaders, principals and
   * unit heads.
   */
  bulletin: { office: string; recipients: readonly BulletinRecipient[] };
  /**
   * The escalation ladder's end (domain/escalation.ts): 二级约谈 proposed `interview2After` working days after the
   * 一级约谈通知单 while the item is open, 问责移交 `referralAfter` working days after the second; `school` heads
   * the 约谈通知单 (西北大学督办工作约谈通知单); `calendarId`: put the interviews in this Feishu calendar (the bot's,
   * or one it may write to) and invite the unit head and the 约谈人 — null (the default): no calendar.
   */
  escalation: EscalationTiming & { school: string; calendarId: string | null };
  /**
   * 归档: the daily job (`time`, cron) files every item closed at least `afterDays` days before; null switches the
   * automatic filing off (`/督办 归档 <年份>` still files by hand). Default: 30 days, 07:30.
   */
  archive: { afterDays: number | null; time: string };
}

export const BULLETIN_RECIPIENTS = ['supervisor', 'leader', 'principal', 'unitHead', 'liaison'] as const;
export type BulletinRecipient = (typeof BULLETIN_RECIPIENTS)[number];

export const DEFAULT_SCHEDULE: ScheduleConfig = {
  times: { chaseSweep: '0 9 * * *', unitDigest: '30 9 * * *', supervisorSummary: '0 17 * * *', statsReport: '30 8 * * *' },
  ladder: DEFAULT_LADDER,
  yellowWithin: 3,
  quietHours: DEFAULT_QUIET_HOURS,
  urgent: [],
  supervisorNotices: SUPERVISOR_NOTICE_KINDS,
  bulletin: { office: '督查室', recipients: ['supervisor', 'leader', 'principal', 'unitHead'] },
  escalation: { ...DEFAULT_ESCALATION_TIMING, school: '', calendarId: null },
  archive: { afterDays: DEFAULT_ARCHIVE_AFTER_DAYS, time: '30 7 * * *' },
};

const cron = z.string().refine((s) => validate(s), '不是有效的 cron 表达式');
const days = z.number().int().min(0).max(60);
// Quoted in YAML ('08:00'): unquoted, YAML 1.1 readers take 08:00 for a number.
const clock = z.string().refine(isClockTime, '应为 HH:MM 格式的北京时间，如 \'08:00\'');
const fileSchema = z.strictObject({
  times: z.strictObject({ chaseSweep: cron, unitDigest: cron, supervisorSummary: cron, statsReport: cron }).partial().optional(),
  bulletin: z
    .strictObject({ office: z.string().trim().min(1).max(40), recipients: z.array(z.enum(BULLETIN_RECIPIENTS)).max(5) })
    .partial()
    .optional(),
  escalation: z
    .strictObject({ interview2After: days, referralAfter: days, school: z.string().trim().max(30), calendarId: z.string().trim().min(1).max(200).nullable() })
    .partial()
    .optional(),
  archive: z.strictObject({ afterDays: z.number().int().min(0).max(3650).nullable(), time: cron }).partial().optional(),
  yellowWithin: days.optional(),
  quietHours: z.strictObject({ start: clock, end: clock }).partial().optional(),
  urgent: z.array(z.enum(URGENT_STEPS)).optional(),
  supervisorNotices: z.array(z.enum(SUPERVISOR_NOTICE_KINDS)).optional(),
  ladder: z
    .strictObject({
      unclaimedAfter: days,
      beforeDeadline: z.array(days),
      warningAfter: days,
      interviewAfter: days,
      flagged: z.strictObject({ unclaimedAfter: days, beforeDeadline: z.array(days), warningAfter: days, interviewAfter: days }).partial(),
    })
    .partial()
    .optional(),
});

/** Reads a schedule file (YAML) over the defaults; a bad file is refused naming the field. */
export function parseScheduleConfig(text: string): ScheduleConfig {
  const raw = (parse(text) ?? {}) as Record<string, unknown>;
  // `quietHours: false` switches them off; anything else under the key is checked as start/end.
  const quietOff = raw && typeof raw === 'object' && raw.quietHours === false;
  const r = fileSchema.safeParse(quietOff ? { ...raw, quietHours: undefined } : raw);
  if (!r.success) {
    throw new Error(`提醒设置文件有误：${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；')}`);
  }
  const f = r.data;
  return {
    times: { ...DEFAULT_SCHEDULE.times, ...f.times },
    yellowWithin: f.yellowWithin ?? DEFAULT_SCHEDULE.yellowWithin,
    quietHours: quietOff ? null : { ...DEFAULT_QUIET_HOURS, ...f.quietHours },
    urgent: f.urgent ?? DEFAULT_SCHEDULE.urgent,
    supervisorNotices: f.supervisorNotices ?? DEFAULT_SCHEDULE.supervisorNotices,
    bulletin: { ...DEFAULT_SCHEDULE.bulletin, ...f.bulletin },
    escalation: { ...DEFAULT_SCHEDULE.escalation, ...f.escalation },
    archive: { ...DEFAULT_SCHEDULE.archive, ...f.archive },
    ladder: { ...DEFAULT_LADDER, ...f.ladder, flagged: { ...DEFAULT_LADDER.flagged, ...f.ladder?.flagged } },
  };
}
