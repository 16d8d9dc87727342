/**
 * `npm run build`: bundles the server, the CLI and the benchmark into `dist/` with esbuild, so production runs
 * plain `node` — no TypeScript loader in the process (tsx's worker thread and source maps cost about 30 MB
 * resident, and the memory target is for the process as it runs in production).
 *
 * Our code and the JSON it imports (card templates, the holiday table) go into the bundle; packages stay in
 * node_modules and are loaded as usual. Plain JavaScript so it needs nothing but node to run.
 */
import { build, transform } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

// Every entry but the fake imports the Lark SDK (the server, the CLI, the bench and its reference targets).
if (Object.keys(entryPoints).some((name) => name !== 'fake-feishu')) await compactLarkSdk(outdir);

/**
 * The Lark SDK is one CommonJS file of 5.9 million characters with Chinese in its comments. V8 keeps a module's
 * source for as long as the process runs (functions are compiled from it lazily), and keeps this one as a two-byte
 * string: 11.75 MB, the largest thing in the server's heap (a heap snapshot of the idle server). The build puts a
 * copy beside the bundles, in <outdir>/node_modules, which node looks in before the project's node_modules: the
 * same code with its whitespace and comments taken out and any non-ASCII character escaped (esbuild's transform:
 * nothing renamed, nothing rewritten), held as a one-byte string of 1.9 MB. Its own dependencies still resolve
 * from the project's node_modules further up. Tests run from source, on the package as installed.
 */
async function compactLarkSdk(dir) {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('@larksuiteoapi/node-sdk/package.json');
  const sdk = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const root = dirname(pkgFile);
  const source = readFileSync(join(root, sdk.main), 'utf8');
  const { code } = await transform(source, { loader: 'js', minifyWhitespace: true, charset: 'ascii', legalComments: 'none' });
  const to = join(dir, 'node_modules', '@larksuiteoapi', 'node-sdk');
  mkdirSync(join(to, 'lib'), { recursive: true });
  writeFileSync(join(to, 'lib', 'index.js'), code);
  copyFileSync(join(root, 'LICENSE'), join(to, 'LICENSE'));
  const { name, version, license, dependencies } = sdk;
  writeFileSync(join(to, 'package.json'), `${JSON.stringify({ name, version, license, main: './lib/index.js', dependencies }, null, 2)}\n`);
}
