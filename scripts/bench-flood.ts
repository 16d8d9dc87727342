/**
 * What refusing oversized bodies costs the server's memory: `tsx scripts/bench-flood.ts [n] [MB]` starts the bundled
 * server (dist/main.mjs) on the bench's organisation and 20,000 items, throws `n` (400) concurrent bodies of `MB`
 * (1) MB at /feishu/events, and prints the answers and the server's resident memory before and after (VmRSS, and
 * the high-water mark VmHWM). Not part of `npm run bench` (which does the same after its loads).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrg, forkFakeFeishu } from './bench-lib';
import { flood, memoryOf, startServer } from './bench-http';

const n = Number(process.argv[2] ?? 400);
const mb = Number(process.argv[3] ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'duban-flood-'));
const fake = await forkFakeFeishu({});
const server = await startServer(dir, benchOrg(), fake, 20_000);
const fmt = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const before = memoryOf(server.pid);
const r = await flood(server.url, '/feishu/events', n, mb * 1048576);
await new Promise((ok) => setTimeout(ok, 500));
const after = memoryOf(server.pid);
console.log(`${n} × ${mb} MB: ${[...r.statuses].map(([s, c]) => `${s}×${c}`).join(' ')}${r.cut ? `, cut ${r.cut}` : ''} in ${r.ms.toFixed(0)} ms`);
console.log(`server VmRSS ${fmt(before.rss)} → ${fmt(after.rss)}, VmHWM ${fmt(before.hwm)} → ${fmt(after.hwm)}`);
await server.close();
await fake.close();
rmSync(dir, { recursive: true, force: true });
