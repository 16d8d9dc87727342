import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_END, DEMO_START, seedDemo } from '../../src/demo/seed-demo';
import { startLocalServer } from './local-server';

let server: Awaited<ReturnType<typeof startLocalServer>>;
let result: Awaited<ReturnType<typeof seedDemo>>;
const count = (sql: string) => server.db.$client.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  server = await startLocalServer(DEMO_START);
  result = await seedDemo({ ctx: server.bot.ctx, clock: server.bot.clock!, worker: server.bot.worker, log: server.bot.app.log as never });
}, 120_000);
afterAll(async () => server?.close());

describe('the demo term', () => {
  it('every step applies through the real services, and the clock stops at the demo’s end', () => {
    expect(result.failed).toEqual([]);
    expect(server.bot.clock!.now().toISOString()).toBe(DEMO_END.toISOString());
  });

  it('about 40 items in every state', () => {
    expect(count('SELECT count(*) FROM items')).toBeGreaterThanOrEqual(40);
    const states = server.db.$client.prepare('SELECT DISTINCT state FROM items').pluck().all() as string[];
    expect(states.sort()).toEqual(['archived', 'assigned', 'cancelled', 'closed', 'in_progress', 'merged', 'registered', 'under_review'].sort());
  });

  it('with history: extensions granted, refused and pending, a 退回, a principal’s signature, overdue warnings', () => {
    const ext = server.db.$client.prepare('SELECT status, count(*) AS n FROM extensions GROUP BY status').all() as Array<{ status: string; n: number }>;
    expect(ext.map((e) => e.status).sort()).toEqual(['approved', 'pending', 'rejected']);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'return'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'approve' AND actor_id = 'ou_xz_lin'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM chases WHERE kind = 'warning'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM chases WHERE kind = 'overdue'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM progress_reports")).toBeGreaterThan(40);
  });

  it('the cards went out as the term went by, with their own dates', () => {
    const sent = server.bot.local!.messages;
    expect(sent.length).toBeGreaterThan(100);
    expect(sent[0]!.at.slice(0, 7)).toBe('2026-09');
    expect(count("SELECT count(*) FROM outbox WHERE status = 'pending'")).toBe(0);
  });
});
