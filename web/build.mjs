/**
 * Bundles the browser code (web/src) into dist/web/ with esbuild: the simulator and the console, each one file, with
 * VChart (the chart library whose spec the card `chart` element takes) inside. Called by scripts/build.mjs and by
 * the browser tests.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildWeb(outdir = `${root}/dist/web`) {
  await build({
    entryPoints: { simulator: `${root}/web/src/simulator.ts`, console: `${root}/web/src/console.ts` },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildWeb();
