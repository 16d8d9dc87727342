/**
 * Helpers for scripts/bench.ts: a seeded PRNG, a generated organisation, the 100k-item seeder, timing statistics
 * and a resident-memory monitor. Nothing here is used by the application.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/client';
import type { OrgFile } from '../src/org/parse-org';
import type { FakeReport } from './fake-feishu-process';
import type { FakeFeishuOptions } from '../tests/support/fake-feishu';

// ─── randomness (reproducible) ──────────────────────────────────────────────

import { prng } from '../tests/support/prng';

export { prng };

// ─── the benchmark's events act on ──────────────────────────────────────────

/** An open, claimed item as the request benchmarks use it: who may report progress on it (its lead unit's head). */
export interface PoolItem { id: number; head: string; v: number; number: string }

/** The open claimed items of a seeded file, oldest first (confidential ones aside). */
export function claimedPool(db: Db): PoolItem[] {
  const rows = db.$client
    .prepare(`SELECT id, lead_unit_id AS unit, version AS v, number FROM items WHERE state = 'in_progress' AND confidential = 0 ORDER BY id`)
    .all() as Array<{ id: number; unit: string; v: number; number: string }>;
  return rows.map((r) => ({ id: r.id, head: `ou_bench_head_${r.unit}`, v: r.v, number: r.number }));
}

// ─── statistics and formatting ──────────────────────────────────────────────

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const pf = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** A plain text table, columns padded by display width (CJK counts double). */
export function table(rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const cols = Math.max(...rows.map((r) => r.length));
  const w = Array.from({ length: cols }, (_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) => r.map((cell, c) => cell + ' '.repeat(w[c]! - width(cell))).join('  ').trimEnd();
  const rule = w.map((n) => '─'.repeat(n)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

/** The largest number of timestamps (ms) falling in any window of `windowMs` (a half-open [t, t + windowMs)). */
export function maxInWindow(sortedTimes: number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sortedTimes.length; hi++) {
    while (sortedTimes[hi]! - sortedTimes[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

// ─── memory ─────────────────────────────────────────────────────────────────

/**
 * Samples resident memory every `everyMs` (a timer, which cannot fire while synchronous work such as a sweep holds
 * the thread) and also reads the kernel's high-water mark (`maxRSS`), which does see inside synchronous work.
 */
export class MemoryMonitor {
  private timer: NodeJS.Timeout;
  peakSampled = 0;
  peakPhase = '';
  samples = 0;
  phase = 'start';
  readonly hwmByPhase: Array<{ phase: string; rss: number; hwm: number; heap: number; external: number }> = [];

  constructor(everyMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    this.samples++;
    if (rss > this.peakSampled) {
      this.peakSampled = rss;
      this.peakPhase = this.phase;
    }
  }

  /** The kernel's peak resident set of this process so far, in bytes. */
  static hwm(): number {
    return process.resourceUsage().maxRSS * 1024;
  }

  /** Closes the current phase (records its end RSS and the high-water mark so far) and starts the next. */
  enter(phase: string): void {
    this.sample();
    const m = process.memoryUsage();
    this.hwmByPhase.push({ phase: this.phase, rss: m.rss, hwm: MemoryMonitor.hwm(), heap: m.heapTotal, external: m.external });
    this.phase = phase;
  }

  stop(): void {
    this.enter('end');
    clearInterval(this.timer);
  }

  /** Peak over the run: the larger of the timer's samples and the kernel's high-water mark. */
  peak(): number {
    return Math.max(this.peakSampled, MemoryMonitor.hwm());
  }
}

// ─── the organisation ───────────────────────────────────────────────────────

const UNIT_NAMES = [
  '党委办公室', '校长办公室', '组织部', '宣传部', '统战部', '学生工作部', '研究生工作部', '保卫处', '教务处', '科研处',
  '人事处', '财务处', '国有资产管理处', '基建处', '后勤管理处', '国际交流合作处', '发展规划处', '审计处', '学科建设办公室',
  '研究生院', '招生就业处', '图书馆', '信息化建设与管理处', '实验室与设备管理处', '工会', '团委', '离退休工作处',
  '继续教育学院', '文学院', '理学院', '工学院', '医学院', '经济管理学院', '法学院', '外国语学院', '艺术学院',
  '马克思主义学院', '体育部', '档案馆', '校医院',
];

export interface BenchOrg {
  org: OrgFile;
  unitIds: string[];
  /** The leader in charge of each unit. */
  leaderOf: Map<string, string>;
  /** Everyone a unit-addressed reminder goes to: head plus liaisons. */
  receivers: number;
}

/** 40 units (head + 2 liaisons each, a few with 1), 8 leaders with 5 units each, 3 supervisors, an admin. */
export function benchOrg(): BenchOrg {
  const units: OrgFile['units'] = [];
  const people: OrgFile['people'] = [];
  const leaderOf = new Map<string, string>();
  let receivers = 0;
  const leaders = Array.from({ length: 8 }, (_, i) => `ou_bench_vp${i + 1}`);
  UNIT_NAMES.forEach((name, i) => {
    const id = `u${String(i + 1).padStart(2, '0')}`;
    const head = `ou_bench_head_${id}`;
    const liaisons = i % 5 === 4 ? [`ou_bench_liaison_${id}_1`] : [`ou_bench_liaison_${id}_1`, `ou_bench_liaison_${id}_2`];
    units.push({ id, name, head, liaisons, chat: `oc_bench_${id}` });
    people.push({ id: head, name: `${name}负责人`, roles: [], leads: [] });
    for (const [k, l] of liaisons.entries()) people.push({ id: l, name: `${name}联络人${k + 1}`, roles: [], leads: [] });
    receivers += 1 + liaisons.length;
    leaderOf.set(id, leaders[i % leaders.length]!);
  });
  leaders.forEach((id, i) => {
    const leads = units.filter((_, k) => k % leaders.length === i).map((u) => u.id);
    people.push({ id, name: `副校长${i + 1}`, roles: ['leader'], leads });
  });
  for (let i = 1; i <= 3; i++) people.push({ id: `ou_bench_sup${i}`, name: `督查员${i}`, roles: ['supervisor'], leads: [] });
  people.push({ id: 'ou_bench_pres', name: '校长', roles: ['principal'], leads: [] });
  people.push({ id: 'ou_bench_admin', name: '系统管理员', roles: ['admin'], leads: [] });
  return { org: { units, people }, unitIds: units.map((u) => u.id), leaderOf, receivers };
}

// ─── the items ──────────────────────────────────────────────────────────────

const DAY = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
/** An instant on the China date `daysAgo` days before `today`, at a random office hour (08:00–18:00 +08:00). */
function instantOn(todayUtc: number, daysAgo: number, rand: () => number): string {
  const midnightChina = todayUtc - daysAgo * DAY - 8 * 3_600_000;
  return new Date(midnightChina + (8 + rand() * 10) * 3_600_000).toISOString();
}

const TOPICS = ['本科教学审核评估整改', '一流学科建设中期自评', '实验室安全隐患排查', '新校区二期工程进度', '人才引进专项计划', '巡视反馈问题整改', '师生关切事项办理', '校园网络升级改造', '学生宿舍维修改造', '科研经费管理规范'];

export interface SeedOptions {
  /** How many open items. */
  count: number;
  /** The China date the sweep runs on (YYYY-MM-DD). */
  today: string;
  seed?: number;
}

export interface SeedStats {
  items: number;
  assigned: number;
  inProgress: number;
  overdue: number;
  flagged: number;
  withCycle: number;
  progressReports: number;
  pendingExtensions: number;
}

/**
 * Inserts `count` open items (plus their progress reports and a few pending extension requests) in one
 * transaction through prepared statements. Spread: 3% assigned (slip sent 0–6 days ago, not yet claimed: about four
 * days of inflow, since 100k items open ~135 working days each means ~750 new a day), 97% in progress (claimed
 * 1–150 days ago); deadlines uniformly 0–200 days ahead, 2% already 1–40 days overdue; 5% 挂牌督办; 45% with a
 * report cycle (weekly, biweekly, monthly), 80% of those reporting; 1% with a pending extension.
 */
export function seedItems(db: Db, bo: BenchOrg, o: SeedOptions, onProgress?: () => void): SeedStats {
  const rand = prng(o.seed ?? 20261201);
  const todayUtc = Date.parse(`${o.today}T00:00:00Z`);
  const c = db.$client;
  const insItem = c.prepare(`
    INSERT INTO items (year, seq, number, title, requirements, measures, kind, mode, flagged, important, confidential,
      sources, lead_unit_id, coop_unit_ids, leader_id, responsible_person, deadline, original_deadline, stages,
      progress_cycle, state, assigned_at, claimed_by, claimed_at, created_by, created_at, updated_at, version)
    VALUES (@year, @seq, @number, @title, @requirements, '', @kind, @mode, @flagged, @important, 0,
      @sources, @lead, @coop, @leader, @responsible, @deadline, @deadline, '[]',
      @cycle, @state, @assignedAt, @claimedBy, @claimedAt, 'ou_bench_sup1', @createdAt, @updatedAt, @version)`);
  const insReport = c.prepare(
    `INSERT INTO progress_reports (item_id, unit_id, author_id, text, channel, created_at) VALUES (?, ?, ?, ?, 'command', ?)`,
  );
  const insExt = c.prepare(`
    INSERT INTO extensions (item_id, requested_by, reason, previous_deadline, proposed_deadline, status, created_at)
    VALUES (?, ?, '施工窗口期推迟，需顺延', ?, ?, 'pending', ?)`);
  const stats: SeedStats = { items: 0, assigned: 0, inProgress: 0, overdue: 0, flagged: 0, withCycle: 0, progressReports: 0, pendingExtensions: 0 };
  const cycles = ['none', 'weekly', 'biweekly', 'monthly'] as const;
  const cycleDays = { none: 0, weekly: 7, biweekly: 14, monthly: 30 };
  const year = Number(o.today.slice(0, 4));

  c.transaction(() => {
    for (let i = 0; i < o.count; i++) {
      const unit = bo.unitIds[Math.floor(rand() * bo.unitIds.length)]!;
      const coop = rand() < 0.3 ? [bo.unitIds[Math.floor(rand() * bo.unitIds.length)]!].filter((u) => u !== unit) : [];
      const overdue = rand() < 0.02;
      const deadline = isoDate(todayUtc + (overdue ? -(1 + Math.floor(rand() * 40)) : Math.floor(rand() * 201)) * DAY);
      const flagged = rand() < 0.05;
      const assigned = rand() < 0.03;
      const r = rand();
      const cycle = r < 0.55 ? cycles[0] : r < 0.75 ? cycles[1] : r < 0.9 ? cycles[2] : cycles[3];
      const head = `ou_bench_head_${unit}`;
      let assignedAt: string, claimedAt: string | null, createdAt: string;
      if (assigned) {
        const d = Math.floor(rand() * 7);
        assignedAt = instantOn(todayUtc, d, rand);
        claimedAt = null;
        createdAt = new Date(Date.parse(assignedAt) - 3_600_000).toISOString();
      } else {
        const d = 1 + Math.floor(rand() * 150);
        claimedAt = instantOn(todayUtc, d, rand);
        assignedAt = instantOn(todayUtc, d + Math.floor(rand() * 4), rand);
        if (assignedAt > claimedAt) assignedAt = claimedAt;
        createdAt = new Date(Date.parse(assignedAt) - 3_600_000).toISOString();
      }
      const seq = i + 1;
      const topic = TOPICS[i % TOPICS.length]!;
      const res = insItem.run({
        year,
        seq,
        number: `督办〔${year}〕${seq}号`,
        title: `${topic}（第${(i % 97) + 1}批）`,
        requirements: `按照学校工作部署，${topic}须于期限内完成并报送书面材料，逐项说明完成情况、存在问题和下一步措施。`,
        kind: rand() < 0.8 ? 'ledger' : 'notice',
        mode: rand() < 0.7 ? 'routine' : 'meeting',
        flagged: flagged ? 1 : 0,
        important: rand() < 0.1 ? 1 : 0,
        sources: JSON.stringify([{ category: 'committee', ref: `校长办公会 ${year} 年第 ${(i % 40) + 1} 次会议纪要` }]),
        lead: unit,
        coop: JSON.stringify(coop),
        leader: bo.leaderOf.get(unit)!,
        responsible: `${unit}负责人`,
        deadline,
        cycle,
        state: assigned ? 'assigned' : 'in_progress',
        assignedAt,
        claimedBy: assigned ? null : head,
        claimedAt,
        createdAt,
        updatedAt: claimedAt ?? assignedAt,
        version: assigned ? 2 : 3,
      });
      const id = Number(res.lastInsertRowid);
      stats.items++;
      if (assigned) stats.assigned++;
      else stats.inProgress++;
      if (overdue) stats.overdue++;
      if (flagged) stats.flagged++;
      if (cycle !== 'none') stats.withCycle++;
      // Reports: most cycle items report within their period; some report late or never; a few others report anyway.
      if (!assigned && (cycle !== 'none' ? rand() < 0.8 : rand() < 0.2)) {
        const period = cycleDays[cycle] || 30;
        const n = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < n; k++) {
          insReport.run(id, unit, head, `本周期进展：已完成第 ${k + 1} 阶段工作。`, instantOn(todayUtc, Math.floor(rand() * period) + k * period, rand));
          stats.progressReports++;
        }
      }
      if (rand() < 0.01) {
        insExt.run(id, head, deadline, isoDate(Date.parse(`${deadline}T00:00:00Z`) + 30 * DAY), instantOn(todayUtc, 1, rand));
        stats.pendingExtensions++;
      }
      if (onProgress && i % 5000 === 0) onProgress();
    }
    c.prepare('INSERT INTO number_sequences (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last').run(year, o.count);
  })();
  return stats;
}

// ─── the fake Feishu, in its own process ────────────────────────────────────

export interface ForkedFake {
  url: string;
  appId: string;
  appSecret: string;
  report(): Promise<FakeReport>;
  close(): Promise<void>;
}

/**
 * Starts scripts/fake-feishu-process in a child: the bundled `fake-feishu.mjs` beside the bundled bench, or the
 * TypeScript source through tsx when the bench itself runs from source.
 */
export function forkFakeFeishu(opts: FakeFeishuOptions): Promise<ForkedFake> {
  const bundled = fileURLToPath(new URL('./fake-feishu.mjs', import.meta.url));
  const child = existsSync(bundled)
    ? fork(bundled, [JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    : fork(fileURLToPath(new URL('./fake-feishu-process.ts', import.meta.url)), [JSON.stringify(opts)], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
  const next = <T>(key: string) =>
    new Promise<T>((ok, fail) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          ok(m[key] as T);
        }
      };
      const onExit = (code: number | null) => fail(new Error(`fake Feishu exited (${code}) before sending ${key}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next<{ url: string; appId: string; appSecret: string }>('ready').then((ready) => ({
    ...ready,
    report: () => {
      const r = next<FakeReport>('report');
      child.send({ op: 'report' });
      return r;
    },
    close: () =>
      new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.send({ op: 'close' });
      }),
  }));
}
