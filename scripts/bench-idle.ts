/**
 * The server's resident memory idle after start, and where it goes: `tsx scripts/bench-idle.ts [items]` starts the
 * bundled server (dist/main.mjs: `node scripts/build.mjs main` first) as `npm start` does, on the bench's
 * organisation and `items` open items (20,000), waits until it is idle, and prints VmRSS and VmHWM, the resident
 * pages by kind (/proc/<pid>/smaps) and the V8 heap's figures (read inside the server by a preload, on SIGUSR2).
 * Compare before and after a change to what is loaded at start. Not part of `npm run bench`.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrg, forkFakeFeishu } from './bench-lib';
import { memoryOf, startServer } from './bench-http';

const items = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'duban-idle-'));
const figuresFile = join(dir, 'heap.json');
const preload = join(dir, 'heap-figures.mjs');
writeFileSync(
  preload,
  `import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
process.on('SIGUSR2', () => writeFileSync(${JSON.stringify(figuresFile)}, JSON.stringify({ ...process.memoryUsage(), spaces: v8.getHeapSpaceStatistics() })));
`,
);
process.env.BENCH_SERVER_NODE_ARGS = `${process.env.BENCH_SERVER_NODE_ARGS ?? ''} --import=${preload}`.trim();

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)}`;

/** Resident bytes by kind of mapping: what a megabyte of VmRSS is. */
function residentByKind(pid: number): Record<string, number> {
  const node = realpathSync(process.execPath);
  const kinds: Record<string, number> = { binary: 0, brk: 0, anonymous: 0, libraries: 0, files: 0 };
  let kind = 'anonymous';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const path = mapping[1]!;
      kind = path === node ? 'binary' : path === '[heap]' ? 'brk' : path === '' || path.startsWith('[') ? 'anonymous' : /\.so(\.|$)|\.node$/.test(path) ? 'libraries' : 'files';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kinds[kind]! += Number(rss[1]) * 1024;
  }
  return kinds;
}

const fake = await forkFakeFeishu({});
const server = await startServer(dir, benchOrg(), fake, items);
await new Promise((r) => setTimeout(r, 1000));
const m = memoryOf(server.pid);
const kinds = residentByKind(server.pid);
process.kill(server.pid, 'SIGUSR2');
for (let i = 0; i < 50 && !existsSync(figuresFile); i++) await new Promise((r) => setTimeout(r, 100));
console.log(`idle after start (${items} items): VmRSS ${mb(m.rss)} MB, VmHWM ${mb(m.hwm)} MB (settled in ${server.settleMs} ms)`);
console.log(
  `  resident: node binary ${mb(kinds.binary!)}, malloc's main arena ([heap]: SQLite's page cache, buffers) ${mb(kinds.brk!)}, ` +
    `anonymous (the V8 heap, other malloc arenas, stacks) ${mb(kinds.anonymous!)}, libraries ${mb(kinds.libraries!)}, other files ${mb(kinds.files!)} MB`,
);
if (existsSync(figuresFile)) {
  const f = JSON.parse(readFileSync(figuresFile, 'utf8')) as NodeJS.MemoryUsage & { spaces: Array<{ space_name: string; space_size: number }> };
  const space = (name: string) => mb(f.spaces.find((s) => s.space_name === name)?.space_size ?? 0);
  console.log(
    `  V8: heap used ${mb(f.heapUsed)} of ${mb(f.heapTotal)} MB (new ${space('new_space')}, old ${space('old_space')}, code ${space('code_space')}, ` +
      `large objects ${space('large_object_space')}), external ${mb(f.external)} MB (array buffers ${mb(f.arrayBuffers)})`,
  );
}
await server.close();
await fake.close();
rmSync(dir, { recursive: true, force: true });
