/**
 * The request paths of `npm run bench`: what one signed card callback or chat message costs our server, measured
 * in the same run against the floor of this machine (a bare Fastify route) and against the Lark SDK's own
 * reference adapter (`adaptDefault` + `EventDispatcher`: verify, decrypt, dispatch to a no-op), with the tools of
 * scripts/bench-http.ts. The SDK's target and our server run side by side and are measured in rounds, SDK → card,
 * then SDK → message, each ratio taken within its round and the median of the rounds reported.
 *
 * Each round checks that the new progress rows and audit rows equal the card callbacks answered 200 with success,
 * and the replies queued the message events answered; then 400 concurrent 1 MB bodies are thrown at our server,
 * which must refuse them without holding them (its peak resident memory is read from /proc/<pid>/status VmHWM).
 */
import {
  type FloodResult,
  type LoadOptions,
  type LoadResult,
  type Target,
  countRows,
  emptyPosts,
  flood,
  forkTarget,
  load,
  memoryOf,
  progressCallbacks,
  startServer,
  statusText,
  viewMessages,
} from './bench-http';
import { type BenchOrg, type ForkedFake, median } from './bench-lib';

export interface RequestPathsOptions {
  dir: string;
  bo: BenchOrg;
  /** Forks the fake Feishu (no limits: the server's own limiter paces its sends). */
  fake: () => Promise<ForkedFake>;
  say: (s?: string) => void;
  correctness: string[];
  connections?: number;
  warmupMs?: number;
  windowMs?: number;
  /** Rounds of SDK → card, then as many of SDK → message, each ratio taken within its round (default 5). */
  rounds?: number;
  /** Open items in the server's database (the card callbacks go round them). */
  items?: number;
}

/** One round: the SDK's adapter and right after it our server's card path; the same again for the message path. */
export interface Round {
  sdkCard: LoadResult;
  card: LoadResult;
  sdkMessage: LoadResult;
  message: LoadResult;
  /** card / SDK req/s, message / SDK req/s, card p99 / SDK p99. */
  card2: number;
  message2: number;
  p99x: number;
}

export interface RequestPathsResult {
  floorStart: LoadResult;
  rounds: Round[];
  /** Of the rounds whose card/SDK and message/SDK ratios are the medians: the figures reported. */
  sdk: LoadResult;
  card: LoadResult;
  message: LoadResult;
  floorEnd: LoadResult;
  serverHwm: number;
  flood: FloodResult;
  rows: string[][];
}

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(0).padStart(5)} ms  CPU ${(r.cpuPerReq * 1000).toFixed(0).padStart(5)} µs/req  (${r.answered} in ${(r.windowMs / 1000).toFixed(1)} s; all answers ${statusText(r.statuses)}${r.errors ? `, ${r.errors} transport errors` : ''})`;

/**
 * The request paths in rounds: the SDK's adapter and our server are both started once and kept; each round measures
 * the adapter and right after it our server, so each ratio is between windows seconds apart, and the median of the
 * rounds is the figure: this machine's speed has been seen to halve and recover within seconds, and a ratio between
 * a fast window and a slow one says more about the machine than about the server. Every round is printed.
 */
export async function requestPaths(o: RequestPathsOptions): Promise<RequestPathsResult> {
  const C = o.connections ?? 50;
  const warmupMs = o.warmupMs ?? 2000;
  const windowMs = o.windowMs ?? 4000;
  const R = Math.max(1, o.rounds ?? 5);
  const { say, correctness } = o;
  say(`[http] closed loop, undici Pool, ${C} keep-alive connections opened before a ${warmupMs / 1000} s warm-up, then a ${windowMs / 1000} s measured window; every target in its own process; CPU from /proc/<pid>/stat over the window; ${R} rounds of SDK → card, then ${R} of SDK → message, ratios within each round, the median reported`);
  const run = async (t: Target, name: string, lo: Omit<LoadOptions, 'connections' | 'warmupMs' | 'windowMs'>) => {
    const r = await load(t, name, { connections: C, warmupMs, windowMs, ...lo });
    say(`[http] ${name.padEnd(34)} ${fmt(r)}`);
    return r;
  };
  const floorTarget = await forkTarget('fastify', 'bare Fastify');
  const floorStart = await run(floorTarget, '1. bare Fastify {} (start)', { request: emptyPosts });
  await floorTarget.close();

  const sdkTarget = await forkTarget('sdk', 'SDK adaptDefault');
  const sdkPool = Array.from({ length: 1000 }, (_, k) => ({ id: k + 1, head: 'ou_bench_head_u01', v: 3, number: `督办〔2026〕${k + 1}号` }));
  const fake = await o.fake();
  const server = await startServer(o.dir, o.bo, fake, o.items ?? 20_000);
  const rounds: Round[] = [];
  let serverHwm = 0;
  let fl: FloodResult;
  try {
    say(`       our server: ${o.items ?? 20_000} open items; idle ${(server.settleMs / 1000).toFixed(1)} s after it was healthy (start-up jobs), peak RSS by then ${(server.startHwm / 1048576).toFixed(1)} MB`);
    const count = (sql: string) => countRows(server.dbPath, sql);
    const success = (s: number, body: string) => s === 200 && body.includes('"toast":{"type":"success"') && body.includes('"card":');
    // The card rounds first, then the message rounds: each 查看 queues a reply the outbox sends at Feishu's 50/s, and
    // a card window measured over tens of thousands of queued replies measured the backlog too (the card's CPU per
    // request rose round by round when the two alternated).
    const cards: { sdk: LoadResult; card: LoadResult }[] = [];
    for (let k = 1; k <= R; k++) {
      const sdk = await run(sdkTarget, `2. SDK adaptDefault, card (${k}/${R})`, { request: progressCallbacks(sdkPool), accept: (s) => s === 200 });
      const before = { progress: count('SELECT count(*) FROM progress_reports'), audit: count("SELECT count(*) FROM audit_log WHERE action = 'report_progress'") };
      const card = await run(server, `3. our server, card (${k}/${R})`, { request: progressCallbacks(server.pool), accept: success });
      const progress = count('SELECT count(*) FROM progress_reports') - before.progress;
      const audit = count("SELECT count(*) FROM audit_log WHERE action = 'report_progress'") - before.audit;
      const ok200 = card.statuses.get(200) ?? 0;
      const rowsOk = progress === ok200 && audit === ok200 && card.accepted === ok200;
      say(`       check: ${ok200} answers 200 (${card.accepted} with the success toast and the redrawn slip), ${progress} new progress rows, ${audit} new audit rows → ${rowsOk ? 'PASS' : 'FAIL'}; card/SDK ${(card.rps / sdk.rps).toFixed(2)}×, p99 ${(card.p99 / sdk.p99).toFixed(2)}×`);
      if (!rowsOk) correctness.push(`card callbacks (round ${k}): ${ok200} answered 200, ${card.accepted} successes, but ${progress} progress rows and ${audit} audit rows were written (${card.errorSample})`);
      cards.push({ sdk, card });
    }
    for (let k = 1; k <= R; k++) {
      const sdk = await run(sdkTarget, `2. SDK adaptDefault, card (${k}/${R})`, { request: progressCallbacks(sdkPool), accept: (s) => s === 200 });
      const outBefore = count("SELECT count(*) FROM outbox WHERE purpose = 'detail'");
      const message = await run(server, `4. our server, 查看 (${k}/${R})`, { request: viewMessages(server.pool, '/feishu/events'), accept: (s, b) => s === 200 && b === '{}' });
      const replies = count("SELECT count(*) FROM outbox WHERE purpose = 'detail'") - outBefore;
      const m200 = message.statuses.get(200) ?? 0;
      const msgOk = replies === m200 && message.accepted === m200;
      say(`       check: ${m200} answers 200, ${replies} detail cards queued as replies → ${msgOk ? 'PASS' : 'FAIL'}; message/SDK ${(message.rps / sdk.rps).toFixed(2)}×`);
      if (!msgOk) correctness.push(`message events (round ${k}): ${m200} answered 200 but ${replies} replies were queued (${message.errorSample})`);
      const { sdk: sdkCard, card } = cards[k - 1]!;
      rounds.push({ sdkCard, card, sdkMessage: sdk, message, card2: card.rps / sdkCard.rps, message2: message.rps / sdk.rps, p99x: card.p99 / sdkCard.p99 });
    }

    const loadsHwm = memoryOf(server.pid).hwm;
    say(`       our server's peak resident memory after the loads: ${(loadsHwm / 1048576).toFixed(1)} MB`);
    // Oversized bodies: refused before they are buffered, so 400 of them at once cost no memory.
    fl = await flood(server.url, '/feishu/events', 400, 1024 * 1024);
    const alive = (await fetch(`${server.url}/healthz`).catch(() => null))?.ok === true;
    const refused = (fl.statuses.get(413) ?? 0) + fl.cut;
    say(`[http] 400 concurrent 1 MB bodies to /feishu/events: ${statusText(fl.statuses)}${fl.cut ? `, ${fl.cut} cut off` : ''} in ${fl.ms.toFixed(0)} ms; server healthy afterwards ${alive ? 'yes' : 'NO'}`);
    if (refused !== fl.bodies || !alive) correctness.push(`oversized bodies: ${refused} of ${fl.bodies} refused; healthy afterwards: ${alive}`);
    serverHwm = memoryOf(server.pid).hwm;
  } finally {
    await server.close();
    await fake.close();
    await sdkTarget.close();
  }
  const floorTarget2 = await forkTarget('fastify', 'bare Fastify');
  const floorEnd = await run(floorTarget2, '1. bare Fastify {} (end)', { request: emptyPosts });
  await floorTarget2.close();

  const mid = (f: (r: Round) => number) => median(rounds.map(f));
  const r32 = mid((r) => r.card2);
  const r42 = mid((r) => r.message2);
  const p99x = mid((r) => r.p99x);
  // The figures shown beside the ratios: of the round whose ratio is the median (nearest it, for an even count).
  const nearest = (f: (r: Round) => number, m: number) => rounds.reduce((a, b) => (Math.abs(f(b) - m) < Math.abs(f(a) - m) ? b : a));
  const { sdkCard: sdk, card } = nearest((r) => r.card2, r32);
  const { message } = nearest((r) => r.message2, r42);
  const floor = Math.max(floorStart.rps, floorEnd.rps);
  const r31 = card.rps / floor;
  const each = (f: (r: Round) => number) => rounds.map((r) => f(r).toFixed(2)).join(', ');
  say(`[http] ratios, median of ${R} rounds (each round: ${each((r) => r.card2)} card; ${each((r) => r.message2)} message; ${each((r) => r.p99x)} card p99): card/SDK ${r32.toFixed(2)}× req/s (target ≥ 0.5) ${r32 >= 0.5 ? 'PASS' : 'FAIL'}, p99 ${p99x.toFixed(2)}× the SDK's (target ≤ 3) ${p99x <= 3 ? 'PASS' : 'FAIL'}; message/SDK ${r42.toFixed(2)}× (target ≥ 0.5) ${r42 >= 0.5 ? 'PASS' : 'FAIL'}; card/bare Fastify ${r31.toFixed(2)}× (floor: the better of start and end, ${floorStart.rps.toFixed(0)} / ${floorEnd.rps.toFixed(0)} req/s)`);
  say(`[http] our server's peak resident memory (VmHWM, through all the loads and the 1 MB bodies): ${(serverHwm / 1048576).toFixed(1)} MB (target ≤ 150 MB) ${serverHwm <= 150 * 1048576 ? 'PASS' : 'FAIL'}`);
  const pf = (b: boolean) => (b ? 'PASS' : 'FAIL');
  const rows = [
    ['bare Fastify, start / end', `${floorStart.rps.toFixed(0)} / ${floorEnd.rps.toFixed(0)} req/s`, '(floor)', '—'],
    ['SDK adaptDefault, card', `${sdk.rps.toFixed(0)} req/s, p99 ${sdk.p99.toFixed(0)} ms, ${(sdk.cpuPerReq * 1000).toFixed(0)} µs CPU (median round)`, '(reference)', '—'],
    ['card callback (progress)', `${card.rps.toFixed(0)} req/s; median of rounds ${r32.toFixed(2)}× SDK (${each((r) => r.card2)}), p99 ${p99x.toFixed(2)}×`, '≥ 0.5×, p99 ≤ 3×', pf(r32 >= 0.5 && p99x <= 3)],
    ['  its CPU per request', `${(card.cpuPerReq * 1000).toFixed(0)} µs; ${r31.toFixed(2)}× bare Fastify req/s`, '—', '—'],
    ['message event (查看)', `${message.rps.toFixed(0)} req/s; median ${r42.toFixed(2)}× SDK (${each((r) => r.message2)}), p99 ${message.p99.toFixed(0)} ms, ${(message.cpuPerReq * 1000).toFixed(0)} µs CPU`, '≥ 0.5×', pf(r42 >= 0.5)],
    ['server peak RSS', `${(serverHwm / 1048576).toFixed(1)} MB`, '≤ 150 MB', pf(serverHwm <= 150 * 1048576)],
  ];
  return { floorStart, rounds, sdk, card, message, floorEnd, serverHwm, flood: fl!, rows };
}
