/**
 * Profiles our server on one request path of the benchmark: `tsx scripts/bench-profile.ts card|message [seconds]`
 * starts the bundled server (dist/main.mjs: `node scripts/build.mjs main` first) with `--cpu-prof`, drives it as
 * the benchmark does for the given seconds, stops it and prints where its CPU time went (self and inclusive, by
 * function). `--cpu-only` skips the profiler and prints only the figures (CPU per request is what to compare
 * between two builds: it moves less than req/s when others share the machine). Not part of `npm run bench`; for
 * finding what a request costs.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrg, forkFakeFeishu } from './bench-lib';
import { load, progressCallbacks, startServer, viewMessages } from './bench-http';

const what = process.argv[2] === 'message' ? 'message' : 'card';
const cpuOnly = process.argv.includes('--cpu-only');
const seconds = Number(process.argv.slice(3).find((a) => !a.startsWith('--')) ?? 8);
const dir = mkdtempSync(join(tmpdir(), 'duban-prof-'));
if (!cpuOnly) process.env.BENCH_SERVER_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}`;
const fake = await forkFakeFeishu({});
const server = await startServer(dir, benchOrg(), fake, 20_000);
const r = await load(server, what, {
  connections: 50,
  warmupMs: 2000,
  windowMs: seconds * 1000,
  request: what === 'card' ? progressCallbacks(server.pool) : viewMessages(server.pool),
});
console.log(`${what}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms, CPU ${(r.cpuPerReq * 1000).toFixed(0)} µs/req`);
await server.close();
await fake.close();
if (cpuOnly) process.exit(0);

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${dir}`);
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
const self = new Map<string, number>();
const incl = new Map<string, number>();
let total = 0;
p.samples.forEach((id, i) => {
  const t = p.timeDeltas[i] ?? 0;
  total += t;
  const k = key(byId.get(id)!);
  self.set(k, (self.get(k) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const ck = key(byId.get(cur)!);
    if (!seen.has(ck)) incl.set(ck, (incl.get(ck) ?? 0) + t);
    seen.add(ck);
  }
});
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`profile ${join(dir, file)}: ${(total / 1e6).toFixed(2)} s sampled\nSELF\n${top(self, 30)}\nINCLUSIVE\n${top(incl, 80)}`);
