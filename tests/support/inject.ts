import type { FastifyInstance } from 'fastify';
import { type InjectOptions, type Response, inject } from 'light-my-request';
import { requestHandler } from '../../src/app';

/**
 * A request through the server's whole handling, as a listening server gets it: Feishu's raw routes first, then
 * Fastify (app.inject would go to Fastify alone, which does not serve /feishu/*).
 */
export async function injectAll(app: FastifyInstance, opts: InjectOptions): Promise<Response> {
  await app.ready();
  return inject(requestHandler(app), opts);
}
