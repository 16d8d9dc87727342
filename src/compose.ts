import * as lark from '@larksuiteoapi/node-sdk';
import { buildApp } from './app';
import { createDispatcher } from './bot/dispatcher';
import type { BotDeps } from './bot/deps';
import { notificationSink } from './bot/notifications';
import { type Config, DEFAULT_FILE_MAX_BYTES } from './config';
import { evidenceSettler, importSettler } from './bot/handle-file-message';
import { InboundDownloader } from './files/inbound-downloader';
import { type Dispatcher, feishuReceiver, inboundFromFlattened } from './feishu/receiver';
import { LocalClock } from './local-clock';
import { localRoutes } from './local-routes';
import type { Logger } from './logger';
import { FeishuMessenger, createLarkClient, quietLarkLogger } from './messenger/feishu-messenger';
import { LocalMessenger } from './messenger/local-messenger';
import type { Messenger } from './messenger/messenger';
import { type OutboxOptions, OutboxWorker } from './messenger/outbox';
import type { Runtime } from './runtime';
import { chaseCardRenderer } from './scheduler/chase-card-render';
import { detailCardRenderer, isDetailCardRef } from './bot/detail-answer';
import { FeishuCalendar } from './messenger/feishu-calendar';
import { EscalationFinisher } from './services/escalation-documents';
import { type JobDeps, jobs } from './scheduler/jobs';
import { allSinks, chaseAnswers } from './services/chase-records';
import type { ServiceContext } from './services/context';
import { BulletinWriter } from './services/bulletins';
import { bulletinOfUpload, bulletinUploadSettler } from './bot/bulletin-upload';
import { DocumentWriter } from './services/document-requests';
import { StatsExportWriter } from './services/stats-export';
import { consolePlugin } from './web/console-routes';
import { simulatorPlugins } from './web/simulator-routes';

export interface ComposeOptions {
  now?: () => Date;
  outbox?: OutboxOptions;
  /** Tests give each client its own token cache (the SDK's default one is process-wide). */
  larkCache?: lark.Cache;
  /** Long-connection mode: how long after the SDK gave up the connection is started again (default 60 s). */
  restartLongConnectionAfterMs?: number;
}

/** Wires the product from its parts; main listens on the result, tests inject into it. */
export async function compose(config: Config, runtime: Runtime, log: Logger, opts: ComposeOptions = {}) {
  const local = config.feishu ? null : new LocalMessenger();
  const cache = opts.larkCache ?? new lark.DefaultCache();
  const client = config.feishu ? createLarkClient(config.feishu, cache) : null;
  const messenger: Messenger = client ? new FeishuMessenger(client, 10_000, { cache, appId: config.feishu!.appId }) : local!;
  // Local mode reads a simulated clock (GET/POST /local/clock) everywhere; Feishu mode the real one.
  const clock = local ? new LocalClock([], null, { realNow: opts.now }) : null;
  const now = clock ? () => clock.now() : (opts.now ?? (() => new Date()));
  if (local) local.clock = now;
  // Cards drawn when they are sent: the sweep's reminders, and detail cards asked for privately (bot/detail-answer.ts).
  const chaseCards = chaseCardRenderer(runtime.db, runtime.calendar, runtime.schedule);
  const detailCards = detailCardRenderer(() => ctx, now);
  const render: OutboxOptions['render'] = (d, row) => (isDetailCardRef(d) ? detailCards(d, row) : chaseCards(d, row));
  const worker = new OutboxWorker(runtime.db, messenger, log, { clock: now, render, ...opts.outbox });
  const ctx: ServiceContext = { db: runtime.db, calendar: runtime.calendar, events: allSinks(
      notificationSink(runtime.calendar, () => worker, {
        supervisorNotices: new Set(runtime.schedule.supervisorNotices),
        redrawChase: chaseCards,
        quietHours: runtime.schedule.quietHours,
      }),
      chaseAnswers,
    ),
  };
  // A 督查通报's Word file is written after the transaction that recorded the draft (services/bulletins.ts).
  const bulletins = new BulletinWriter({ db: runtime.db, calendar: runtime.calendar }, runtime.schedule.bulletin, log, () => worker.kick());
  // Files people send are fetched after the event's commit, then stored as evidence (bot/handle-file-message.ts).
  const evidence = evidenceSettler(runtime.db, runtime.calendar, () => worker.kick(), log);
  const bulletinUpload = bulletinUploadSettler({ db: runtime.db, calendar: runtime.calendar }, () => worker.kick(), log);
  // A corrected 督查通报 (a reply to its draft) is queued like evidence and settled by its own settler.
  // A filled 批量登记 template sent to the bot is fetched the same way and imported (services/import-items.ts).
  const importFile = importSettler(ctx, () => worker.kick(), log);
  const settle: typeof evidence = (row, ...rest) =>
    bulletinOfUpload(row) !== null ? bulletinUpload(row, ...rest) : row.purpose === 'import' ? importFile(row, ...rest) : evidence(row, ...rest);
  const downloader = new InboundDownloader(runtime.db, messenger, settle, log, {
    maxBytes: config.fileMaxBytes ?? DEFAULT_FILE_MAX_BYTES,
    clock: now,
  });
  // A statistics workbook asked for from a card is written after the click's commit (services/stats-export.ts).
  const statsExports = new StatsExportWriter({ db: runtime.db, calendar: runtime.calendar }, log, () => worker.kick());
  // A 约谈通知单's Word file and its calendar event follow the transaction that issued it (services/escalation-documents.ts).
  const escalationSettings = { school: runtime.schedule.escalation.school, office: runtime.schedule.bulletin.office, quietHours: runtime.schedule.quietHours };
  const escalations = new EscalationFinisher(
    {
      db: runtime.db,
      calendar: runtime.calendar,
      settings: escalationSettings,
      feishuCalendar: client && runtime.schedule.escalation.calendarId ? new FeishuCalendar(client, runtime.schedule.escalation.calendarId) : null,
      log,
      clock: now,
    },
    () => worker.kick(),
  );
  // The 台账 and the import template asked for in chat are written after the command's commit (services/document-requests.ts).
  const documents = new DocumentWriter(ctx, log, () => worker.kick(), runtime.schedule.yellowWithin);
  const kick = () => {
    // Drains only if the request queued something (a request that sends nothing costs the sender nothing).
    worker.wake();
    // The background writers likewise run only when this process wrote a row they answer (db/write-signals.ts).
    escalations.wake();
    bulletins.wake();
    statsExports.wake();
    downloader.wake();
    documents.wake();
  };
  const deps: BotDeps = { ctx, now, kick, bulletin: { ...runtime.schedule.bulletin, quietHours: runtime.schedule.quietHours }, escalation: escalationSettings };
  const dispatcher = createDispatcher(deps);
  const plugins = [];
  if (local) plugins.push(localRoutes(dispatcher, local));
  if (local && clock) plugins.push(...simulatorPlugins({ ctx, dispatcher, messenger: local, clock, worker, log }));
  plugins.push(consolePlugin({ ctx, now, feishu: config.feishu, log, local: !!local, worker }));
  const ws = config.feishu?.mode === 'ws' ? longConnection(config.feishu, dispatcher, log, opts.restartLongConnectionAfterMs) : null;
  const app = await buildApp({
    ctx,
    log,
    plugins,
    rawRoutes: config.feishu?.mode === 'webhook' ? feishuReceiver(config.feishu, dispatcher) : undefined,
    feishuLink: ws ? () => ws.status() : undefined,
  });
  const jobDeps: JobDeps = { db: runtime.db, calendar: runtime.calendar, schedule: runtime.schedule };
  // What the jobs of one simulated moment plan is sent before the clock moves on (drain: at that moment).
  clock?.setJobs(jobs(runtime.schedule), jobDeps, async () => void (await worker.drain()));
  return { app, worker, downloader, ctx, deps, dispatcher, messenger, local, ws, jobs: jobs(runtime.schedule), jobDeps, bulletins, statsExports, escalations, documents, clock };
}

/** What /healthz reports about the long connection. */
export type FeishuLink = 'connected' | 'disconnected';

export interface LongConnection {
  /** Connects in the background; every step is logged (connecting, connected, lost, reconnecting, gave up). */
  start(): void;
  close(): void;
  /** 'connected' only while the WebSocket to Feishu is open and not being replaced. */
  status(): FeishuLink;
}

/** After the SDK gives up (credentials refused, or its server-given retry count used up), start afresh this late. */
const RESTART_AFTER_MS = 60_000;
/** The SDK refuses to start with any other app id (`start()` logs `invalid appId` and returns, connecting nowhere). */
const SDK_APP_ID = /^cli_[0-9a-fA-F]{16}$/;

/**
 * Long-connection mode for servers without a public URL: the SDK's WSClient receives the same events and card
 * callbacks and hands them to the same dispatcher. The SDK has authenticated the connection with the app secret.
 *
 * How the state is known (SDK 1.74.0, node_modules/@larksuiteoapi/node-sdk/lib/index.js, `class WSClient`):
 * - `getConnectionStatus().state` (computeState) is 'connected' only while the socket is OPEN and no reconnect is
 *   under way; /healthz asks it on every request, so it cannot drift from what the SDK does.
 * - The hooks `onReady` (first handshake), `onReconnecting` (an open connection was lost), `onReconnected` and
 *   `onError` (gave up: a non-retryable endpoint answer such as refused credentials, or the retries exhausted) are
 *   logged as they fire. `onError` leaves the client stopped for good, so it is started again after a minute.
 * - No hook fires when the *first* connection fails (the endpoint is down, the socket refused): reConnect() then
 *   only calls `logger.info('[ws]', 'reconnect')`, and each failed retry `logger.info('ws', 'unable to connect to
 *   the server after trying N times")')`. The logger given to the SDK recognises those two lines; the SDK's error
 *   lines just before them (`[ws] Request failed with status code 502`, `[ws] ws connect failed`,
 *   `[ws] code: 514, auth failed`) are kept as the reason. Both lines come right before the SDK schedules the next
 *   attempt in the same tick, so the delay is read from `getConnectionStatus().nextConnectTime` a tick later.
 *   If a later SDK words them differently only those "could not connect" lines are lost: the hooks, the
 *   "connecting" line and /healthz do not depend on them. Everything else the SDK says goes to debug: its info and
 *   error lines carry no secret, and its own debug lines (the connection URL with its ticket, event bodies) are
 *   never produced at its default level.
 * - `wsConfig.pingTimeout`: without it a connection that dies without a TCP close (a NAT dropping it) would stay
 *   'connected' until the OS gives up; with it the SDK ends a connection that does not answer a ping within 30 s
 *   and reconnects. `handshakeTimeoutMs` bounds a handshake stuck on a proxy the same way.
 */
function longConnection(cfg: NonNullable<Config['feishu']>, dispatcher: Dispatcher, log: Logger, restartAfterMs = RESTART_AFTER_MS): LongConnection {
  const wsLog = log.child({ feishu: 'long-connection' });
  // The same shape checks as the webhook: a malformed event is logged and acknowledged ({}), never dispatched.
  const handler = async (data: unknown): Promise<object> => {
    const checked = inboundFromFlattened(data);
    if (checked.kind === 'unknown') return {};
    if (checked.kind === 'malformed') {
      log.warn({ eventId: checked.eventId, eventType: checked.eventType, reason: checked.error }, 'long connection: malformed event ignored');
      return {};
    }
    const { inbound } = checked;
    return (await dispatcher.dispatch(inbound, log.child({ eventId: inbound.eventId, eventType: inbound.eventType }))) ?? {};
  };
  const eventDispatcher = new lark.EventDispatcher({ logger: quietLarkLogger }).register<{
    'im.message.receive_v1': (d: unknown) => Promise<object>;
    'card.action.trigger': (d: unknown) => Promise<object>;
  }>({ 'im.message.receive_v1': handler, 'card.action.trigger': handler });

  /** True from a successful handshake until the SDK reports the connection lost or gone. */
  let up = false;
  let closed = false;
  /** The SDK's first error line since the last report, given as the reason with the next transition. */
  let problem: string | undefined;
  let restart: NodeJS.Timeout | undefined;
  const takeProblem = () => {
    const p = problem;
    problem = undefined;
    return p;
  };
  // Seconds until the SDK's next attempt (it sets the timer right after the line or hook that calls this).
  const later = (fn: (retryInSeconds: number | undefined) => void) =>
    setImmediate(() => {
      if (closed) return;
      const next = client.getConnectionStatus().nextConnectTime;
      fn(next ? Math.max(0, Math.round((next - Date.now()) / 1000)) : undefined);
    });
  const text = (msg: unknown): string =>
    (Array.isArray(msg) ? msg : [msg])
      .map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m)))
      .join(' ')
      .replace(/^\[?ws\]?\s*/, '')
      .slice(0, 300);
  const sdkLogger = {
    error: (msg: unknown) => {
      // The first line since the last report names the cause (`Request failed with status code 502`); the SDK's
      // summary after it (`connect failed`) does not.
      const line = text(msg);
      problem ??= line;
      wsLog.debug({ sdk: line }, 'long connection: SDK error');
    },
    warn: (msg: unknown) => wsLog.debug({ sdk: text(msg) }, 'long connection: SDK warning'),
    info: (msg: unknown) => {
      const line = text(msg);
      if (line === 'reconnect') {
        // Logged by reConnect() before every retry loop; after a loss onReconnecting follows and says so.
        if (!up) later((retryInSeconds) => wsLog.warn({ reason: takeProblem(), retryInSeconds }, 'long connection: could not connect to Feishu; reconnecting'));
        return;
      }
      const attempt = /unable to connect to the server after trying (\d+) times/.exec(line);
      if (attempt) {
        later((retryInSeconds) => {
          if (client.getConnectionStatus().state === 'failed') return; // onError has said it
          wsLog.warn({ attempt: Number(attempt[1]), reason: takeProblem(), retryInSeconds }, 'long connection: reconnect failed; reconnecting');
        });
        return;
      }
      wsLog.debug({ sdk: line }, 'long connection: SDK');
    },
    debug: () => {},
    trace: () => {},
  };

  const client = new lark.WSClient({
    appId: cfg.appId,
    appSecret: cfg.appSecret,
    domain: cfg.domain,
    logger: sdkLogger,
    handshakeTimeoutMs: 15_000,
    wsConfig: { pingTimeout: 30 },
    onReady: () => {
      up = true;
      problem = undefined;
      wsLog.info('long connection: connected to Feishu');
    },
    onReconnecting: () => {
      up = false;
      later((retryInSeconds) => wsLog.warn({ reason: takeProblem(), retryInSeconds }, 'long connection: lost; reconnecting'));
    },
    onReconnected: () => {
      up = true;
      problem = undefined;
      wsLog.info('long connection: connected to Feishu again');
    },
    onError: (err) => {
      up = false;
      problem = undefined;
      if (closed) return;
      wsLog.error({ reason: err.message, retryInSeconds: Math.round(restartAfterMs / 1000) }, 'long connection: the SDK gave up; starting again later');
      clearTimeout(restart);
      restart = setTimeout(connect, restartAfterMs);
    },
  });
  const connect = () => {
    if (closed) return;
    wsLog.info({ domain: cfg.domain, appId: cfg.appId }, 'long connection: connecting to Feishu');
    client.start({ eventDispatcher }).catch((err: unknown) => wsLog.error({ err }, 'long connection: start failed'));
  };
  return {
    start: () => {
      closed = false;
      if (!SDK_APP_ID.test(cfg.appId)) {
        wsLog.error({ appId: cfg.appId }, 'long connection: FEISHU_APP_ID 应为 cli_ 加 16 位十六进制（飞书 SDK 不接受其他格式，长连接不会建立）');
        return;
      }
      connect();
    },
    close: () => {
      closed = true;
      clearTimeout(restart);
      client.close();
    },
    status: () => (client.getConnectionStatus().state === 'connected' ? 'connected' : 'disconnected'),
  };
}
