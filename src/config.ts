import { z } from 'zod';
import { DEFAULT_REPLAY_WINDOW_SECONDS } from './feishu/verify';

/** Thrown when the environment is wrong; each line names the variable to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`配置有误（configuration error）：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  domain: string;
  /** 'webhook' (Feishu calls our URL) or 'ws' (long connection from behind an intranet). */
  mode: 'webhook' | 'ws';
  /**
   * Webhook mode: how far (seconds, either way) a request's X-Lark-Request-Timestamp may be from our clock. A signed
   * request outside the window is refused, so a captured one cannot be replayed later. Default 300.
   */
  replayWindowSeconds?: number;
}

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  orgFile: string | null;
  calendarFile: string | null;
  /** Reminder times and thresholds (YAML); defaults when absent. */
  scheduleFile: string | null;
  logLevel: string;
  /** The largest file a person may send as evidence (FILE_MAX_MB, 1–30; Feishu uploads stop at 30 MB). Default 30 MB. */
  fileMaxBytes?: number;
  /** null: local mode, nothing leaves the machine; cards are recorded by the local messenger. */
  feishu: FeishuConfig | null;
}

const optional = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

/** Bounds of FEISHU_REPLAY_WINDOW_SECONDS: at least a few seconds of clock skew, at most one day. */
const MIN_REPLAY_WINDOW = 10;
const MAX_REPLAY_WINDOW = 86_400;
const REPLAY_WINDOW_MESSAGE = `应为 ${MIN_REPLAY_WINDOW}–${MAX_REPLAY_WINDOW} 之间的整数秒（请求时间戳允许的偏差，默认 ${DEFAULT_REPLAY_WINDOW_SECONDS}）`;

export const DEFAULT_FILE_MAX_BYTES = 30 * 1024 * 1024;
const FILE_MAX_MESSAGE = '应为 1–30 之间的整数（兆字节，证明材料的大小上限，默认 30）';

const schema = z.object({
  PORT: optional.pipe(z.string().regex(/^\d+$/, '应为端口号（0–65535）').transform(Number).pipe(z.number().max(65535, '应为端口号（0–65535）')).optional()),
  HOST: optional,
  DATABASE_PATH: optional,
  ORG_FILE: optional,
  CALENDAR_FILE: optional,
  SCHEDULE_FILE: optional,
  LOG_LEVEL: optional.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_DOMAIN: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  FEISHU_MODE: optional.pipe(z.enum(['webhook', 'ws']).optional()),
  FEISHU_REPLAY_WINDOW_SECONDS: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, REPLAY_WINDOW_MESSAGE)
      .transform(Number)
      .pipe(z.number().min(MIN_REPLAY_WINDOW, REPLAY_WINDOW_MESSAGE).max(MAX_REPLAY_WINDOW, REPLAY_WINDOW_MESSAGE))
      .optional(),
  ),
  FILE_MAX_MB: optional.pipe(
    z.string().regex(/^\d+$/, FILE_MAX_MESSAGE).transform(Number).pipe(z.number().min(1, FILE_MAX_MESSAGE).max(30, FILE_MAX_MESSAGE)).optional(),
  ),
});

const FEISHU_REQUIRED = ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN'] as const;

/** Reads and checks the environment once. Takes `env` as a parameter so tests pass their own. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}（当前值：${JSON.stringify(env[String(i.path[0])])}）`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const given = FEISHU_REQUIRED.filter((k) => e[k]);
  let feishu: FeishuConfig | null = null;
  if (given.length > 0) {
    const mode = e.FEISHU_MODE ?? 'webhook';
    // The long connection is authenticated by the app secret; webhook mode needs the keys that sign requests.
    const needed = mode === 'ws' ? (['FEISHU_APP_ID', 'FEISHU_APP_SECRET'] as const) : FEISHU_REQUIRED;
    for (const k of needed) if (!e[k]) problems.push(`${k} 未设置：已设置 ${given.join('、')}，飞书配置须完整（或全部留空以本地模式运行）`);
    if (problems.length === 0) {
      feishu = {
        appId: e.FEISHU_APP_ID!,
        appSecret: e.FEISHU_APP_SECRET!,
        encryptKey: e.FEISHU_ENCRYPT_KEY ?? '',
        verificationToken: e.FEISHU_VERIFICATION_TOKEN ?? '',
        domain: (e.FEISHU_DOMAIN ?? 'https://open.feishu.cn').replace(/\/+$/, ''),
        mode,
        replayWindowSeconds: e.FEISHU_REPLAY_WINDOW_SECONDS ?? DEFAULT_REPLAY_WINDOW_SECONDS,
      };
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port: e.PORT ?? 3000,
    // Local mode accepts unsigned events on /local/events: only this machine may reach it unless HOST says otherwise.
    host: e.HOST ?? (feishu ? '0.0.0.0' : '127.0.0.1'),
    databasePath: e.DATABASE_PATH ?? './data/duban.db',
    orgFile: e.ORG_FILE ?? null,
    calendarFile: e.CALENDAR_FILE ?? null,
    scheduleFile: e.SCHEDULE_FILE ?? null,
    logLevel: e.LOG_LEVEL ?? 'info',
    fileMaxBytes: e.FILE_MAX_MB ? e.FILE_MAX_MB * 1024 * 1024 : DEFAULT_FILE_MAX_BYTES,
    feishu,
  };
}

/** Paths pino must never print. */
export const REDACT_PATHS = [
  'feishu.appSecret',
  'feishu.encryptKey',
  'feishu.verificationToken',
  'config.feishu.appSecret',
  'config.feishu.encryptKey',
  'config.feishu.verificationToken',
  'req.headers.authorization',
  'req.headers["x-lark-signature"]',
  'headers.authorization',
  'app_secret',
  'tenant_access_token',
  '*.app_secret',
  '*.tenant_access_token',
  '*.token',
];
