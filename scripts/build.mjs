/**
 * `npm run build`: bundles the server, the CLI and the benchmark into `dist/` with esbuild, so production runs
 * plain `node` — no TypeScript loader in the process (tsx's worker thread and source maps cost about 30 MB
 * resident, and the memory target is for the process as it runs in production).
 *
 * Our code and the JSON it imports (card templates, the holiday table) go into the bundle; packages stay in
 * node_modules and are loaded as usual. Plain JavaScript so it needs nothing but node to run.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { buildWeb } from '../web/build.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// chinese-days is bundled on purpose: its holiday JSON is imported by path, and node would want an import
// attribute esbuild drops for external JSON.
const external = Object.keys(pkg.dependencies).filter((name) => name !== 'chinese-days').flatMap((name) => [name, `${name}/*`]);

const ENTRIES = {
  main: 'src/main.ts',
  cli: 'src/cli.ts',
  bench: 'scripts/bench.ts',
  'fake-feishu': 'scripts/fake-feishu-process.ts',
  'bench-targets': 'scripts/bench-targets.ts',
};
// Arguments: entry names to build (default: all), and `--outdir=DIR` (default dist/). Keep it inside the checkout:
// the server finds its migrations by walking up from the bundle to drizzle/.
const args = process.argv.slice(2);
const outdir = args.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const only = args.filter((a) => !a.startsWith('--'));
const entryPoints = Object.fromEntries(Object.entries(ENTRIES).filter(([name]) => only.length === 0 || only.includes(name)));
// The browser code (simulator and console) goes with the server: `main` serves it from <outdir>/web.
if (only.length === 0 || only.includes('main') || only.includes('web')) await buildWeb(`${outdir}/web`);

if (Object.keys(entryPoints).length) await build({
  entryPoints,
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // Bundled CommonJS (chinese-days) may call require(); give ESM output one.
  banner: { js: "import { createRequire as __duban_createRequire } from 'node:module'; const require = __duban_createRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
