/**
 * The real server, killed mid-burst: it takes a burst of signed, encrypted events (100 `/督办 新建 …` registrations
 * from three supervisors and 20 认领 clicks on items registered beforehand) while its outbox sends to a slow fake
 * Feishu, and is killed with SIGKILL once 50 events have been answered, at the moment one of its sends is being
 * held by Feishu (Feishu will have that message; the database will not know). Restarted on the same file, it gets
 * every event that had no 200 again, as Feishu re-pushes, and some that had one (re-deliveries).
 *
 * Then: every event answered 200 is applied exactly once (its item, its audit rows, its one reply), no event id
 * is recorded without its work nor work without its event id, and every message is delivered exactly once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { createWorkCalendar } from '../../src/domain/calendar';
import { parseOrg } from '../../src/org/parse-org';
import { noEvents } from '../../src/services/context';
import { importOrg } from '../../src/services/import-org';
import { registerAndSendSlip } from '../../src/services/register-item';
import { type FakeFeishu, type RecordedCall, startFakeFeishu } from '../support/fake-feishu';
import { cardActionEvent, messageEvent } from '../support/feishu-signer';
import {
  type Build,
  ORG_EXAMPLE,
  type ServerProc,
  VERIFICATION_TOKEN,
  buildServer,
  kill,
  postSigned,
  sleep,
  startServer,
  terminate,
  webhookEnv,
} from './server-process';

const REGISTRATIONS = 100;
const CLAIMS = 20;
const KILL_AFTER = 50; // answered events
const IN_FLIGHT = 6; // events posted at once, as Feishu does under load
const HOLD_MS = 400;

const org = parseOrg(readFileSync(ORG_EXAMPLE, 'utf8'));
const SUPERVISORS = org.people.filter((p) => p.roles.includes('supervisor')).map((p) => p.id);
const leaderOf = (unitId: string) => org.people.find((p) => p.leads.includes(unitId))!.id;
/** A deadline two months ahead of the server's (real) clock. */
const DEADLINE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

const isSend = (c: RecordedCall) => c.method === 'POST' && /^\/open-apis\/im\/v1\/messages(\/[^/]+\/reply)?$/.test(c.path);
const uuidOf = (c: RecordedCall) => (c.body as { uuid?: string } | undefined)?.uuid ?? '';

interface Ev {
  kind: 'register' | 'claim';
  eventId: string;
  url: string;
  payload: object;
  /** The registration's title, or the claimed item's id. */
  key: string | number;
  /** The inbound message id (registrations): the bot's one reply goes to it. */
  messageId?: string;
  /** The HTTP status on the wire, 0 when no answer came (the connection was cut). */
  status?: number;
  /** Answered 200, but the answer never reached Feishu (its 3 s timeout): Feishu will push the event again. */
  lost?: boolean;
  body?: unknown;
}

/** Whether Feishu got a 200 for it (and so will not push it again, unless it re-delivers). */
const answered = (e: Ev) => e.status === 200 && !e.lost;

let dir: string;
let fake: FakeFeishu;
let build: Build;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-crash-'));
  fake = await startFakeFeishu();
  build = buildServer();
});
afterAll(async () => {
  build?.remove();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Registers the items the burst's clicks claim, straight through the service (their slips are not the point). */
function preRegister(path: string) {
  const db = openDatabase(path);
  try {
    const now = new Date();
    importOrg(db, org, 'test', now);
    const ctx = { db, calendar: createWorkCalendar(), events: noEvents };
    return Array.from({ length: CLAIMS }, (_, i) => {
      const unit = org.units[i % org.units.length]!;
      const item = registerAndSendSlip(ctx, {
        actorId: SUPERVISORS[i % SUPERVISORS.length]!,
        channel: 'api',
        now,
        input: { title: `预先登记事项${i}`, leadUnitId: unit.id, leaderId: leaderOf(unit.id), deadline: DEADLINE },
      });
      return { id: item.id, version: item.version, head: unit.head! }; // every unit of the example has a head
    });
  } finally {
    db.$client.close();
  }
}

function burst(items: ReturnType<typeof preRegister>, url: string): Ev[] {
  const events: Ev[] = [];
  for (let i = 0; i < REGISTRATIONS; i++) {
    const from = SUPERVISORS[i % SUPERVISORS.length]!;
    const title = `崩溃测试事项${String(i).padStart(3, '0')}`;
    const messageId = `om_burst_${i}`;
    const eventId = `ev_burst_reg_${i}`;
    const unit = org.units[i % org.units.length]!;
    const text = `/督办 新建 ${title} 主办:${unit.name} 截止:${DEADLINE}`;
    const payload = messageEvent({ token: VERIFICATION_TOKEN, eventId, senderOpenId: from, chatId: `oc_p2p_${from}`, chatType: 'p2p', text, messageId });
    events.push({ kind: 'register', eventId, url: `${url}/feishu/events`, payload, key: title, messageId });
    if (i % 5 === 2) {
      const item = items[events.filter((e) => e.kind === 'claim').length]!;
      const claimId = `ev_burst_claim_${item.id}`;
      const click = cardActionEvent({
        token: VERIFICATION_TOKEN,
        eventId: claimId,
        operatorOpenId: item.head,
        value: { a: 'claim', id: item.id, v: item.version },
        openMessageId: `om_slip_${item.id}`,
      });
      events.push({ kind: 'claim', eventId: claimId, url: `${url}/feishu/cards`, payload: click, key: item.id });
    }
  }
  return events;
}

/** Posts the events, `IN_FLIGHT` at a time, recording each answer; stops posting once `stop()` says so. */
async function post(
  events: Ev[],
  baseUrl: string,
  opts: { answered?: () => void; stop?: () => boolean; lose?: (e: Ev) => boolean; pause?: () => boolean } = {},
) {
  const queue = [...events];
  const one = async () => {
    for (let e = queue.shift(); e && !opts.stop?.(); e = queue.shift()) {
      // Feishu holding back the rest of the burst for a moment (at most 5 s): the server answers a burst faster than
      // its outbox sends (events share a commit), so without the pause the burst could be over before a send is out.
      for (const until = Date.now() + 5_000; opts.pause?.() && !opts.stop?.() && Date.now() < until; ) await sleep(10);
      if (opts.stop?.()) break;
      const r = await postSigned(e.url.replace(/^http:\/\/[^/]+/, baseUrl), e.payload);
      e.status = r.status;
      e.body = r.body;
      e.lost = r.status === 200 && !!opts.lose?.(e);
      if (answered(e)) opts.answered?.();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, one));
}

/** What the file holds, read through a connection of its own (the server may be running). */
function state(path: string) {
  const c = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const all = <T>(sql: string) => c.prepare(sql).all() as T[];
    return {
      events: new Set(all<{ event_id: string }>('SELECT event_id FROM processed_events').map((r) => r.event_id)),
      items: all<{ id: number; title: string }>('SELECT id, title FROM items'),
      audit: all<{ item_id: number; action: string }>('SELECT item_id, action FROM audit_log'),
      outbox: all<{ id: number; uuid: string; status: string; item_id: number | null; target_message_id: string | null; purpose: string; message_id: string | null; last_error: string | null }>(
        'SELECT id, uuid, status, item_id, target_message_id, purpose, message_id, last_error FROM outbox',
      ),
    };
  } finally {
    c.close();
  }
}

/** Each event applied once if it is recorded, not at all if it is not: never half, never twice. */
function expectAppliedOnceOrNotAtAll(events: Ev[], s: ReturnType<typeof state>) {
  const problems: string[] = [];
  for (const e of events) {
    const recorded = s.events.has(e.eventId);
    if (e.kind === 'register') {
      const items = s.items.filter((i) => i.title === e.key);
      const audit = (action: string) => s.audit.filter((a) => items.some((i) => i.id === a.item_id) && a.action === action).length;
      const replies = s.outbox.filter((o) => o.target_message_id === e.messageId).length;
      const want = recorded ? 1 : 0;
      if (items.length !== want || audit('register') !== want || audit('send_slip') !== want || replies !== want) {
        problems.push(`${e.eventId} recorded=${recorded}: items ${items.length}, register ${audit('register')}, send_slip ${audit('send_slip')}, replies ${replies}`);
      }
    } else {
      const claims = s.audit.filter((a) => a.item_id === e.key && a.action === 'claim').length;
      const receipts = s.outbox.filter((o) => o.item_id === e.key && o.purpose === 'receipt').length;
      if (claims !== (recorded ? 1 : 0) || receipts !== (recorded ? 1 : 0)) problems.push(`${e.eventId} recorded=${recorded}: claims ${claims}, receipts ${receipts}`);
    }
    if (answered(e) && !recorded) problems.push(`${e.eventId} was answered 200 but is not recorded`);
  }
  expect(problems).toEqual([]);
}

it('SIGKILL mid-burst and mid-send, restart, Feishu re-pushes: every event applied once, every message delivered once', { timeout: 90_000 }, async () => {
  const path = join(dir, 'duban.db');
  const items = preRegister(path);
  const env = webhookEnv(fake, path);

  let server: ServerProc = await startServer(build, env);
  const events = burst(items, server.url);
  let answeredCount = 0;
  let killedAt = 0;
  const held = new Set<string>();
  // Every send is a little slow; every fifth is held HOLD_MS, and the first one to arrive once KILL_AFTER events
  // have been answered is where the server dies: Feishu processes it after the hold, for a process that is gone.
  fake.failWhen(
    (c) => {
      if (!isSend(c)) return false;
      const n = fake.calls.filter(isSend).length;
      const kill = !killedAt && answeredCount >= KILL_AFTER;
      if (!kill && n % 5 !== 0) return false;
      held.add(uuidOf(c));
      if (kill) {
        killedAt = answeredCount;
        server.child.kill('SIGKILL');
      }
      return true;
    },
    { delayMs: HOLD_MS },
  );
  fake.failWhen(isSend, { delayMs: 20 });

  try {
    // Every ninth answer is lost on its way to Feishu: applied, yet pushed again.
    const lose = (e: Ev) => events.indexOf(e) % 9 === 4;
    await post(events, server.url, { answered: () => void answeredCount++, stop: () => killedAt > 0, lose, pause: () => answeredCount >= KILL_AFTER });
    // Should the outbox have gone quiet before the kill, kill now (the test then says so below).
    if (!killedAt) {
      killedAt = -1;
      server.child.kill('SIGKILL');
    }
    expect(await server.exited).toBe('SIGKILL');
    expect(killedAt, 'killed while a send was out').toBeGreaterThanOrEqual(KILL_AFTER);
    const ok = events.filter(answered);
    expect(ok.length).toBeLessThan(events.length); // mid-burst, not after it
    // The held sends, the one the server died waiting for included, reach Feishu after the hold.
    const end = Date.now() + 5_000;
    while (![...held].every((u) => fake.sent.some((m) => m.uuid === u)) && Date.now() < end) await sleep(20);

    // What the crash left: everything answered is there, and nothing is there by half.
    const crashed = state(path);
    expectAppliedOnceOrNotAtAll(events, crashed);
    const appliedUnanswered = events.filter((e) => !answered(e) && crashed.events.has(e.eventId));
    expect(appliedUnanswered.length, 'events applied whose 200 Feishu never got').toBeGreaterThanOrEqual(1);
    const lostAnswers = crashed.outbox.filter((o) => o.status === 'pending' && fake.sent.some((m) => m.uuid === o.uuid));
    expect(lostAnswers.length, 'a message Feishu has and the database thinks unsent').toBeGreaterThanOrEqual(1);

    // Restarted on the same file. Feishu pushes again what got no 200, and re-delivers some that did.
    server = await startServer(build, env);
    const again = [...events.filter((e) => !answered(e)), ...ok.filter((_, i) => i % 4 === 0)];
    const firstAnswers = new Map(ok.map((e) => [e.eventId, e.body]));
    await post(again, server.url);
    expect(again.filter((e) => !answered(e)).map((e) => `${e.eventId}: ${e.status}`)).toEqual([]);
    // A repeat is acknowledged and ignored: a claim answered with its card the first time gets {} now.
    for (const e of again) if (firstAnswers.has(e.eventId) || appliedUnanswered.includes(e)) expect(e.body, e.eventId).toEqual({});

    // The outbox finishes; the dead server's leases are taken back at once, not after a minute.
    const restartedAt = Date.now();
    for (;;) {
      const s = state(path).outbox;
      expect(s.filter((o) => o.status === 'failed').map((o) => `${o.id}: ${o.last_error}`)).toEqual([]);
      if (s.every((o) => o.status === 'sent')) break;
      if (Date.now() - restartedAt > 20_000) throw new Error(`outbox not drained: ${s.filter((o) => o.status !== 'sent').length} left\n${server.output()}`);
      await sleep(100);
    }
    const { exit } = await terminate(server);
    expect(exit, server.output()).toBe(0);

    // Every event applied exactly once.
    const final = state(path);
    for (const e of events) expect(final.events.has(e.eventId), e.eventId).toBe(true);
    expectAppliedOnceOrNotAtAll(events, final);
    expect(final.items).toHaveLength(REGISTRATIONS + CLAIMS);
    // Every message delivered exactly once: each row sent once, Feishu holding one message per uuid, the row's id.
    const uuids = fake.sent.map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(fake.sent).toHaveLength(final.outbox.length);
    const byUuid = new Map(fake.sent.map((m) => [m.uuid!, m.message_id]));
    for (const o of final.outbox) expect(byUuid.get(o.uuid), `outbox ${o.id}`).toBe(o.message_id);
    // The message the server died sending was sent again with its uuid and got the one Feishu already had.
    for (const o of lostAnswers) expect(fake.calls.filter((c) => isSend(c) && uuidOf(c) === o.uuid).length).toBeGreaterThanOrEqual(2);
  } finally {
    await kill(server);
  }
});
