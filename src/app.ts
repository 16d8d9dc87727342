import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from './logger';
import type { ServiceContext } from './services/context';

export interface AppDeps {
  ctx: ServiceContext;
  log: Logger;
  /** Extra routes (the Feishu receiver, the simulator) registered by main with their own dependencies. */
  plugins?: Array<(app: FastifyInstance) => Promise<void> | void>;
}

/** Builds the HTTP app from its dependencies. Never listens: main does, tests use inject. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.log, bodyLimit: 1_048_576 }) as unknown as FastifyInstance;
  app.get('/healthz', async () => {
    deps.ctx.db.$client.prepare('SELECT 1').get();
    return { ok: true };
  });
  for (const plugin of deps.plugins ?? []) await app.register(async (scope) => plugin(scope));
  return app;
}
