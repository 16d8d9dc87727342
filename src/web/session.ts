import { createHmac, randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeishuConfig } from '../config';

export const SESSION_COOKIE = 'duban_session';
/** A console session lasts a working day; signing in again is one click. */
export const SESSION_MS = 12 * 3600_000;

export interface Sessions {
  /** The open_id of the signed-in person, or null (no cookie, a forged or expired one). */
  read(req: FastifyRequest, now?: Date): string | null;
  start(reply: FastifyReply, openId: string, now?: Date): void;
  end(reply: FastifyReply): void;
  /** A signed short-lived value (the OAuth state), and its check. */
  sign(value: string): string;
  unsign(value: string): string | null;
}

/**
 * Sessions in a signed, HttpOnly, SameSite=Lax cookie (@fastify/cookie's HMAC signature): `open_id|expires`. The key
 * is derived from the app secret in Feishu mode (sessions survive a restart) and random in local mode. Expiry is
 * read from the real clock, never local mode's simulated one: a jump of a month must not sign everybody out, nor a
 * jump back keep a session alive.
 */
export async function createSessions(app: FastifyInstance, feishu: FeishuConfig | null): Promise<Sessions> {
  const secret = feishu ? createHmac('sha256', feishu.appSecret).update('duban console session v1').digest('hex') : randomBytes(32).toString('hex');
  await app.register(cookie, { secret });
  const opts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: 'auto' as const, signed: true };
  const s: Sessions = {
    read(req) {
      const raw = req.cookies[SESSION_COOKIE];
      if (!raw) return null;
      const v = req.unsignCookie(raw);
      if (!v.valid || !v.value) return null;
      const [id, exp] = v.value.split('|');
      if (!id || !exp || !(Number(exp) > Date.now())) return null;
      return id;
    },
    start(reply, openId) {
      reply.setCookie(SESSION_COOKIE, `${openId}|${Date.now() + SESSION_MS}`, { ...opts, maxAge: SESSION_MS / 1000 });
    },
    end(reply) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
    sign: (value) => app.signCookie(value),
    unsign: (value) => {
      const v = app.unsignCookie(value);
      return v.valid ? v.value : null;
    },
  };
  return s;
}
