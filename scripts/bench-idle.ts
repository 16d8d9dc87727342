/**
 * The server's resident memory idle after start: `tsx scripts/bench-idle.ts [items]` starts the bundled server
 * (dist/main.mjs: `node scripts/build.mjs main` first) on the bench's organisation and `items` open items (20,000),
 * waits until it is idle, and prints VmRSS and VmHWM (compare before and after a
 * change to what is loaded at start). Not part of `npm run bench`; for checking what a start costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrg, forkFakeFeishu } from './bench-lib';
import { memoryOf, startServer } from './bench-http';

const items = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'duban-idle-'));
const fake = await forkFakeFeishu({});
const server = await startServer(dir, benchOrg(), fake, items);
await new Promise((r) => setTimeout(r, 1000));
const m = memoryOf(server.pid);
console.log(`idle after start (${items} items): VmRSS ${(m.rss / 1048576).toFixed(1)} MB, VmHWM ${(m.hwm / 1048576).toFixed(1)} MB (settled in ${server.settleMs} ms)`);
await server.close();
await fake.close();
rmSync(dir, { recursive: true, force: true });
