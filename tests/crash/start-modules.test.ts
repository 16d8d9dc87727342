/**
 * The server as `npm start` runs it loads exceljs and docx only when it first writes or reads a document
 * (documents/lazy-libraries.ts): together they are about 40 MB of the 150 MB the server is allowed, and most of its
 * life writes none. The built bundle is started with a bad PORT (it stops after evaluating every module it
 * imports) and a preload that lists the CommonJS packages loaded by then.
 *
 * The SDK it loads is the build's compact copy (scripts/build.mjs): the same code without whitespace and comments,
 * ASCII only, so V8 holds its source as a one-byte string of ~1.9 MB rather than a two-byte one of 11.75 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Build, buildServer } from './server-process';

let build: Build;
let dir: string;
beforeAll(() => {
  build = buildServer();
  dir = mkdtempSync(join(tmpdir(), 'duban-modules-'));
});
afterAll(() => {
  build?.remove();
  rmSync(dir, { recursive: true, force: true });
});

it("a start loads the Lark SDK (the build's compact copy) but neither exceljs nor docx", () => {
  const preload = join(dir, 'preload.mjs');
  writeFileSync(
    preload,
    `import { createRequire } from 'node:module';
const req = createRequire(import.meta.url);
process.on('exit', () => {
  const names = Object.keys(req.cache).map((p) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(p)?.[1]).filter(Boolean);
  process.stderr.write('LOADED ' + JSON.stringify([...new Set(names)]) + '\\n');
  process.stderr.write('SDK ' + JSON.stringify(Object.keys(req.cache).filter((p) => p.includes('@larksuiteoapi'))) + '\\n');
});
`,
  );
  const [node, ...args] = build.command;
  const r = spawnSync(node!, [`--import=${preload}`, ...args], {
    cwd: build.root,
    env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port', DATABASE_PATH: join(dir, 'x.db') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const line = /^LOADED (.*)$/m.exec(r.stderr)?.[1];
  expect(line, r.stderr).toBeDefined();
  const loaded = JSON.parse(line!) as string[];
  // The check sees packages imported at start (the SDK is one) …
  expect(loaded).toContain('@larksuiteoapi/node-sdk');
  // … and these are not among them.
  expect(loaded).not.toContain('exceljs');
  expect(loaded).not.toContain('docx');
  // The SDK came from beside the bundle, compact: one file, ASCII, a third of the package's size.
  const sdk = JSON.parse(/^SDK (.*)$/m.exec(r.stderr)![1]!) as string[];
  expect(sdk).toEqual([join(dirname(build.command.at(-1)!), 'node_modules', '@larksuiteoapi', 'node-sdk', 'lib', 'index.js')]);
  const compact = readFileSync(sdk[0]!, 'utf8');
  const original = readFileSync(join(build.root, 'node_modules', '@larksuiteoapi', 'node-sdk', 'lib', 'index.js'), 'utf8');
  expect(/^[\x00-\x7f]*$/.test(compact)).toBe(true);
  expect(compact.length).toBeLessThan(original.length / 2);
});
