import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cardContext } from '../bot/card-context';
import type { FeishuConfig } from '../config';
import { sentCardsOfItem } from '../db/console-repository';
import { fileById, filesOfItem } from '../db/file-repository';
import { readFileBytes } from '../files/file-store';
import { listUnits, loadActor, personNamer, unitNamer } from '../db/org-repository';
import { hasRole, isStranger } from '../domain/actor';
import { COMMAND_LABELS } from '../domain/commands';
import { LIGHT_LABELS, deadlineStatus } from '../domain/deadline';
import { DubanError } from '../domain/errors';
import { type Item, ItemStates, MODE_LABELS, Modes, SOURCE_LABELS, STATE_LABELS, SourceCategories } from '../domain/item';
import type { Logger } from '../logger';
import type { OutboxWorker } from '../messenger/outbox';
import { statsCard } from '../cards/stats-cards';
import { chinaDate } from '../domain/dates';
import { applyCommand } from '../services/apply-command';
import { ledgerBytes, ledgerFileName, ledgerFor } from '../services/export-ledger';
import { loadStats } from '../services/statistics';
import type { ServiceContext } from '../services/context';
import { getItemDetail, getVisibleItem, listPageForActor } from '../services/item-queries';
import { directory } from './directory';
import { feishuLogin } from './feishu-login';
import { type Sessions, createSessions } from './session';
import { assetRoutes, sendPage } from './static-files';

export interface ConsoleDeps {
  ctx: ServiceContext;
  now: () => Date;
  feishu: FeishuConfig | null;
  log: Logger;
  local: boolean;
  worker: OutboxWorker;
}

/** The most items the ledger reads for one page of filtering and sorting (a university's year holds a few hundred). */
export const MAX_LEDGER_ROWS = 5_000;
const PAGE_SIZES = [20, 50, 100] as const;

const list = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .max(400)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(values as [T, ...T[]])).max(values.length));

const SORTS = ['number', 'title', 'unit', 'state', 'deadline', 'light', 'updated'] as const;
const ledgerQuery = z.strictObject({
  unit: z.string().max(40).optional(),
  state: list(ItemStates),
  light: list(['red', 'yellow', 'green'] as const),
  source: list(SourceCategories),
  mode: list(Modes),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  keyword: z.string().max(50).optional(),
  sort: z.enum(SORTS).default('deadline'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<20>, z.ZodLiteral<50>, z.ZodLiteral<100>])).default(20),
});

const CHANNEL_LABELS: Record<string, string> = { command: '命令', card: '卡片', chat: '聊天回复', scheduler: '定时任务', cli: '命令行', api: '接口', console: '台账网页' };
const LIGHT_ORDER = { red: 0, yellow: 1, green: 2, none: 3 } as const;

/**
 * The console at `/console` (both modes): the ledger with filters, sorting and paging, an item's page, and the slots
 * for statistics and exports. Who you are comes from a signed, HttpOnly session cookie: in local mode you choose a
 * person, in Feishu mode you sign in with Feishu. Everyone sees what the bot would show them: the same queries
 * (listPageForActor, getItemDetail) and permissions, and a change goes through the same service with channel console.
 */
export function consolePlugin(d: ConsoleDeps) {
  return async (app: FastifyInstance) => {
    const sessions: Sessions = await createSessions(app, d.feishu);
    assetRoutes(app);

    const me = (req: FastifyRequest) => {
      const id = sessions.read(req, d.now());
      if (!id) return null;
      const actor = loadActor(d.ctx.db, id);
      return isStranger(actor) ? null : actor;
    };
    const needMe = (req: FastifyRequest, reply: FastifyReply) => {
      const actor = me(req);
      if (!actor) void reply.code(401).send({ error: '请先登录' });
      return actor;
    };
    const fail = (reply: FastifyReply, err: unknown) => {
      if (err instanceof DubanError) return reply.code(err.code === 'not_found' ? 404 : 400).send({ error: err.message, code: err.code });
      throw err;
    };

    app.get('/console', (_req, reply) => sendPage(reply, 'console.html'));

    app.get('/console/api/me', async (req) => {
      const actor = me(req);
      const people = d.local ? directory(d.ctx.db) : undefined;
      return {
        mode: d.local ? 'local' : 'feishu',
        me: actor ? { id: actor.id, name: actor.name, supervisor: hasRole(actor, 'supervisor') } : null,
        people,
        units: listUnits(d.ctx.db).map((u) => ({ id: u.id, name: u.name })),
        labels: { states: STATE_LABELS, sources: SOURCE_LABELS, modes: MODE_LABELS, lights: LIGHT_LABELS },
        // What the page offers beside the ledger: the statistics (the bot's own card, charts included) and the
        // Excel ledger, each read as this person may see it.
        features: { stats: true, exports: [{ label: '导出台账（Excel）', href: '/console/export/ledger.xlsx' }] },
      };
    });

    if (d.local) {
      app.post('/console/api/login', async (req, reply) => {
        const body = z.strictObject({ as: z.string().max(80) }).safeParse(req.body);
        if (!body.success) return reply.code(400).send({ error: '应为 {"as": "ou_…"}' });
        const actor = loadActor(d.ctx.db, body.data.as);
        if (isStranger(actor)) return reply.code(400).send({ error: '组织架构中没有这个人' });
        sessions.start(reply, actor.id, d.now());
        return { ok: true, name: actor.name };
      });
    } else if (d.feishu) {
      feishuLogin(app, d.feishu, sessions, d.ctx.db, d.now, d.log);
    }
    app.post('/console/api/logout', async (_req, reply) => {
      sessions.end(reply);
      return { ok: true };
    });

    app.get('/console/api/items', async (req, reply) => {
      const actor = needMe(req, reply);
      if (!actor) return;
      const q = ledgerQuery.safeParse(req.query);
      if (!q.success) return reply.code(400).send({ error: q.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；') });
      const f = q.data;
      const now = d.now();
      const page = listPageForActor(
        d.ctx,
        actor.id,
        {
          scope: 'all',
          filters: {
            states: f.state.length ? f.state : undefined,
            unitIds: f.unit ? [f.unit] : undefined,
            lights: f.light.length ? f.light : undefined,
            year: f.year,
            keyword: f.keyword?.trim() || undefined,
          },
        },
        now,
        { page: 1, pageSize: MAX_LEDGER_ROWS },
      );
      const unitName = unitNamer(d.ctx.db);
      const rows = page.items
        .filter((i) => !f.source.length || i.sources.some((s) => f.source.includes(s.category)))
        .filter((i) => !f.mode.length || f.mode.includes(i.mode))
        .map((i) => ledgerRow(i, deadlineStatus(i, now, d.ctx.calendar), unitName));
      const key = (r: LedgerRow): string | number =>
        f.sort === 'number' ? r.year * 100_000 + r.seq : f.sort === 'light' ? LIGHT_ORDER[r.light] : f.sort === 'unit' ? r.unit : f.sort === 'updated' ? r.updatedAt : f.sort === 'state' ? ItemStates.indexOf(r.state) : r[f.sort];
      rows.sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb), 'zh-CN');
        return (f.dir === 'asc' ? c : -c) || a.id - b.id;
      });
      const pages = Math.max(1, Math.ceil(rows.length / f.pageSize));
      const p = Math.min(f.page, pages);
      return { total: rows.length, page: p, pages, pageSize: f.pageSize, truncated: page.total > MAX_LEDGER_ROWS, items: rows.slice((p - 1) * f.pageSize, p * f.pageSize) };
    });

    app.get('/console/api/items/:id', async (req, reply) => {
      const actor = needMe(req, reply);
      if (!actor) return;
      const id = Number((req.params as { id: string }).id);
      if (!Number.isSafeInteger(id) || id < 1) return reply.code(404).send({ error: '没有找到事项，或您无权查看' });
      try {
        const detail = getItemDetail(d.ctx, actor.id, id);
        const now = d.now();
        const c = cardContext(d.ctx.db, d.ctx.calendar, now);
        const name = personNamer(d.ctx.db);
        const status = deadlineStatus(detail.item, now, d.ctx.calendar);
        // The office sees every card sent about the item; anyone else, the cards sent to them.
        const cards = sentCardsOfItem(d.ctx.db, id, hasRole(actor, 'supervisor') ? undefined : [actor.id]);
        return {
          item: {
            ...detail.item,
            stateLabel: STATE_LABELS[detail.item.state],
            modeLabel: MODE_LABELS[detail.item.mode],
            leadUnit: c.unitName(detail.item.leadUnitId),
            coopUnits: detail.item.coopUnitIds.map(c.unitName),
            leader: name(detail.item.leaderId),
            light: status.light,
            lightText: status.text,
            sourceLabels: detail.item.sources.map((s) => `${SOURCE_LABELS[s.category]}${s.ref ? `：${s.ref}` : ''}`),
          },
          history: detail.history.map((h) => ({ ...h, actor: name(h.actorId), action: (COMMAND_LABELS as Record<string, string>)[h.action] ?? h.action, channel: CHANNEL_LABELS[h.channel] ?? h.channel })),
          progress: detail.progress.map((p) => ({ ...p, reporter: name(p.authorId) })),
          extensions: detail.extensions,
          completions: detail.completions,
          files: filesOfItem(d.ctx.db, id).map((f) => ({ id: f.id, name: f.name, kind: f.kind, bytes: f.size, at: f.createdAt })),
          cards,
          canReport: detail.item.state === 'in_progress' && (actor.headOf.includes(detail.item.leadUnitId) || actor.liaisonOf.includes(detail.item.leadUnitId)),
        };
      } catch (err) {
        return fail(reply, err);
      }
    });

    // An evidence file of an item the person may see, as it was stored (checked against its digest).
    app.get('/console/api/items/:id/files/:fileId', async (req, reply) => {
      const actor = needMe(req, reply);
      if (!actor) return;
      const { id, fileId } = req.params as { id: string; fileId: string };
      const nId = Number(id);
      const nFile = Number(fileId);
      const missing = () => reply.code(404).send({ error: '没有找到文件，或您无权查看' });
      if (!Number.isSafeInteger(nId) || nId < 1 || !Number.isSafeInteger(nFile) || nFile < 1) return missing();
      try {
        getVisibleItem(d.ctx, actor.id, nId);
      } catch {
        return missing();
      }
      const f = fileById(d.ctx.db, nFile);
      if (!f || f.itemId !== nId) return missing();
      return reply
        .header('content-type', f.mime || 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(readFileBytes(d.ctx.db, f.sha256));
    });

    // 统计: the same report and card the bot answers /督办 统计 with; the page draws the card, chart and all.
    app.get('/console/api/stats', async (req, reply) => {
      const actor = needMe(req, reply);
      if (!actor) return;
      const now = d.now();
      const today = chinaDate(now);
      const q = z
        .strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() })
        .safeParse(req.query);
      if (!q.success) return reply.code(400).send({ error: '日期应写作 2026-09-01' });
      const from = q.data.from ?? `${today.slice(0, 4)}-01-01`;
      const to = q.data.to ?? today;
      try {
        const report = loadStats(d.ctx.db, { from, to }, actor, { calendar: d.ctx.calendar, now });
        return { from, to, card: statsCard(report) };
      } catch (err) {
        if (err instanceof DubanError && err.code === 'forbidden') return reply.code(403).send({ error: err.message });
        return fail(reply, err);
      }
    });

    // The Excel ledger of what this person may see, cut by year, unit and state like the page.
    app.get('/console/export/ledger.xlsx', async (req, reply) => {
      const actor = needMe(req, reply);
      if (!actor) return;
      const q = z
        .looseObject({ year: z.coerce.number().int().min(2000).max(2100).optional(), unit: z.string().max(40).optional(), state: list(ItemStates) })
        .safeParse(req.query);
      if (!q.success) return reply.code(400).send({ error: '筛选条件有误' });
      const now = d.now();
      const filter = { year: q.data.year, unitIds: q.data.unit ? [q.data.unit] : undefined, states: q.data.state.length ? q.data.state : undefined };
      const ledger = ledgerFor(d.ctx.db, d.ctx.calendar, { personId: actor.id }, filter, now);
      const unitName = cardContext(d.ctx.db, d.ctx.calendar, now).unitName;
      const name = ledgerFileName(filter, now, unitName);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await ledgerBytes(ledger));
    });

    // 填报进展 from the item page: the same service as the card's form and the chat reply, recorded with channel console.
    app.post('/console/api/items/:id/progress', async (req, reply) => {
      const actor = needMe(req, reply);
      if (!actor) return;
      const id = Number((req.params as { id: string }).id);
      const body = z.strictObject({ text: z.string().trim().min(1, '请填写进展').max(2000, '进展最多 2000 字') }).safeParse(req.body);
      if (!body.success) return reply.code(400).send({ error: body.error.issues[0]!.message });
      if (!Number.isSafeInteger(id) || id < 1) return reply.code(404).send({ error: '没有找到事项，或您无权查看' });
      try {
        const item = applyCommand(d.ctx, { itemId: id, actorId: actor.id, channel: 'console', command: { type: 'report_progress', text: body.data.text }, now: d.now() });
        d.worker.kick();
        return { ok: true, version: item.version };
      } catch (err) {
        return fail(reply, err);
      }
    });
  };
}

interface LedgerRow {
  id: number;
  number: string;
  year: number;
  seq: number;
  title: string;
  unit: string;
  state: Item['state'];
  stateLabel: string;
  deadline: string;
  light: 'red' | 'yellow' | 'green' | 'none';
  lightText: string;
  mode: string;
  confidential: boolean;
  important: boolean;
  updatedAt: string;
}

function ledgerRow(i: Item, s: ReturnType<typeof deadlineStatus>, unitName: (id: string) => string): LedgerRow {
  return {
    id: i.id,
    number: i.number,
    year: i.year,
    seq: i.seq,
    title: i.title,
    unit: unitName(i.leadUnitId),
    state: i.state,
    stateLabel: STATE_LABELS[i.state],
    deadline: i.deadline,
    light: s.light,
    lightText: s.text,
    mode: MODE_LABELS[i.mode],
    confidential: i.confidential,
    important: i.important,
    updatedAt: i.updatedAt,
  };
}
