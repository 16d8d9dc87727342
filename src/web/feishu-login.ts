import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FeishuConfig } from '../config';
import type { Db } from '../db/client';
import { loadActor } from '../db/org-repository';
import { isStranger } from '../domain/actor';
import type { Logger } from '../logger';
import type { Sessions } from './session';

const STATE_COOKIE = 'duban_oauth_state';
const STATE_MS = 10 * 60_000;
const TIMEOUT_MS = 10_000;

/**
 * Where the browser signs in: Feishu's accounts host for the Feishu and Lark domains (FEISHU.md "Web login"); any
 * other domain (a private deployment, the tests' fake) serves the page itself.
 */
export function authorizeBase(domain: string): string {
  const host = new URL(domain).host;
  if (host === 'open.feishu.cn') return 'https://accounts.feishu.cn';
  if (host === 'open.larksuite.com') return 'https://accounts.larksuite.com';
  return domain.replace(/\/$/, '');
}

const tokenAnswer = z.looseObject({ code: z.number(), access_token: z.string().min(1).max(4096).optional(), error_description: z.string().optional(), msg: z.string().optional() });
const userAnswer = z.looseObject({ code: z.number(), msg: z.string().optional(), data: z.looseObject({ open_id: z.string().min(1).max(100), name: z.string().max(100).optional() }).optional() });

const escape = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/web/style.css"><main class="login-error"><h1>${title}</h1><p>${text}</p><p><a href="/console/login">重新登录</a></p></main>`;

/**
 * 网页应用 OAuth: `/console/login` sends the browser to Feishu's authorize page with a random state (kept in a signed
 * cookie); `/console/oauth/callback` checks the state, exchanges the code for a user access token, asks who it
 * belongs to, and starts a session for that open_id, if the organisation knows them. The token is used once and
 * not kept: the console reads the database, not Feishu.
 */
export function feishuLogin(app: FastifyInstance, feishu: FeishuConfig, sessions: Sessions, db: Db, now: () => Date, log: Logger) {
  // Behind a reverse proxy the browser's address is in X-Forwarded-Proto/-Host. Taking them on trust is safe here:
  // Feishu sends the code only to a redirect URL registered for the app, so a forged header breaks nothing but the
  // forger's own sign-in.
  const redirectUri = (req: FastifyRequest) => {
    const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim();
    const proto = first(req.headers['x-forwarded-proto']);
    const host = first(req.headers['x-forwarded-host']);
    return `${proto === 'https' || proto === 'http' ? proto : req.protocol}://${host && /^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? host : req.host}/console/oauth/callback`;
  };

  app.get('/console/login', async (req, reply) => {
    const state = randomBytes(16).toString('hex');
    reply.setCookie(STATE_COOKIE, sessions.sign(`${state}|${Date.now() + STATE_MS}`), { path: '/console/oauth', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: STATE_MS / 1000 });
    const url = new URL(`${authorizeBase(feishu.domain)}/open-apis/authen/v1/authorize`);
    url.searchParams.set('client_id', feishu.appId);
    url.searchParams.set('redirect_uri', redirectUri(req));
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('state', state);
    return reply.redirect(url.toString(), 302);
  });

  app.get('/console/oauth/callback', async (req, reply) => {
    const q = req.query as { code?: string; state?: string };
    const saved = req.cookies[STATE_COOKIE] ? sessions.unsign(req.cookies[STATE_COOKIE]!) : null;
    const [state, exp] = (saved ?? '').split('|');
    reply.clearCookie(STATE_COOKIE, { path: '/console/oauth' });
    const html = (status: number, title: string, text: string) => reply.code(status).type('text/html; charset=utf-8').send(page(title, text));
    if (!q.code || !q.state || q.code.length > 512 || !state || state !== q.state || !(Number(exp) > Date.now())) {
      return html(400, '登录未完成', '登录请求已失效或不是从本站发起的，请重新登录。');
    }
    try {
      const signal = AbortSignal.timeout(TIMEOUT_MS);
      const tokenRes = await fetch(`${feishu.domain}/open-apis/authen/v2/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ grant_type: 'authorization_code', client_id: feishu.appId, client_secret: feishu.appSecret, code: q.code, redirect_uri: redirectUri(req) }),
        signal,
      });
      const token = tokenAnswer.safeParse(await tokenRes.json());
      if (!token.success || token.data.code !== 0 || !token.data.access_token) {
        log.warn({ status: tokenRes.status, code: token.success ? token.data.code : undefined }, 'console login: code exchange refused');
        return html(400, '登录未完成', '飞书未接受这次登录（授权码无效或已过期），请重新登录。');
      }
      const userRes = await fetch(`${feishu.domain}/open-apis/authen/v1/user_info`, { headers: { authorization: `Bearer ${token.data.access_token}` }, signal });
      const user = userAnswer.safeParse(await userRes.json());
      if (!user.success || user.data.code !== 0 || !user.data.data) {
        log.warn({ status: userRes.status }, 'console login: user_info refused');
        return html(502, '登录未完成', '没能从飞书读取您的身份，请稍后重新登录。');
      }
      const openId = user.data.data.open_id;
      if (isStranger(loadActor(db, openId))) {
        log.info({ openId }, 'console login: not in the organisation');
        return html(403, '无权使用', `${escape(user.data.data.name ?? '您')}不在本系统的组织架构中，请联系督查室。`);
      }
      sessions.start(reply, openId, now());
      log.info({ openId }, 'console login');
      return reply.redirect('/console', 302);
    } catch (err) {
      log.warn({ err }, 'console login: Feishu unreachable');
      return html(502, '登录未完成', '暂时连不上飞书，请稍后重新登录。');
    }
  });
}
