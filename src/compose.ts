import * as lark from '@larksuiteoapi/node-sdk';
import { buildApp } from './app';
import { createDispatcher } from './bot/dispatcher';
import type { BotDeps } from './bot/deps';
import { notificationSink } from './bot/notifications';
import type { Config } from './config';
import { type Dispatcher, feishuReceiver, inboundFromFlattened } from './feishu/receiver';
import { localRoutes } from './local-routes';
import type { Logger } from './logger';
import { FeishuMessenger, createLarkClient, quietLarkLogger } from './messenger/feishu-messenger';
import { LocalMessenger } from './messenger/local-messenger';
import type { Messenger } from './messenger/messenger';
import { type OutboxOptions, OutboxWorker } from './messenger/outbox';
import type { Runtime } from './runtime';
import { chaseCardRenderer } from './scheduler/chase-card-render';
import { type JobDeps, jobs } from './scheduler/jobs';
import { allSinks, chaseAnswers } from './services/chase-records';
import type { ServiceContext } from './services/context';

export interface ComposeOptions {
  now?: () => Date;
  outbox?: OutboxOptions;
  /** Tests give each client its own token cache (the SDK's default one is process-wide). */
  larkCache?: lark.Cache;
}

/** Wires the product from its parts; main listens on the result, tests inject into it. */
export async function compose(config: Config, runtime: Runtime, log: Logger, opts: ComposeOptions = {}) {
  const local = config.feishu ? null : new LocalMessenger();
  const cache = opts.larkCache ?? new lark.DefaultCache();
  const client = config.feishu ? createLarkClient(config.feishu, cache) : null;
  const messenger: Messenger = client ? new FeishuMessenger(client, 10_000, { cache, appId: config.feishu!.appId }) : local!;
  const now = opts.now ?? (() => new Date());
  const render = chaseCardRenderer(runtime.db, runtime.calendar, runtime.schedule);
  const worker = new OutboxWorker(runtime.db, messenger, log, { clock: now, render, ...opts.outbox });
  const ctx: ServiceContext = { db: runtime.db, calendar: runtime.calendar, events: allSinks(notificationSink(runtime.calendar, () => worker), chaseAnswers) };
  const deps: BotDeps = { ctx, now, kick: () => worker.kick() };
  const dispatcher = createDispatcher(deps);
  const plugins = [];
  if (config.feishu?.mode === 'webhook') plugins.push(feishuReceiver(config.feishu, dispatcher));
  if (local) plugins.push(localRoutes(dispatcher, local));
  const app = await buildApp({ ctx, log, plugins });
  const ws = config.feishu?.mode === 'ws' ? longConnection(config.feishu, dispatcher, log) : null;
  const jobDeps: JobDeps = { db: runtime.db, calendar: runtime.calendar, schedule: runtime.schedule };
  return { app, worker, ctx, deps, dispatcher, messenger, local, ws, jobs: jobs(runtime.schedule), jobDeps };
}

/**
 * Long-connection mode for servers without a public URL: the SDK's WSClient receives the same events and card
 * callbacks and hands them to the same dispatcher. The SDK has authenticated the connection with the app secret.
 */
function longConnection(cfg: NonNullable<Config['feishu']>, dispatcher: Dispatcher, log: Logger) {
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
  const client = new lark.WSClient({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain, logger: quietLarkLogger });
  return {
    start: () => client.start({ eventDispatcher }),
    close: () => client.close?.(),
  };
}
