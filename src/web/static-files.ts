import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The checkout's root, found by walking up from this module to `web/public` (as the migrations are found): `src/web/`
 * when run from source, `dist/` when bundled.
 */
function projectRoot(from = fileURLToPath(import.meta.url)): string | null {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'web', 'public', 'simulator.html'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

const ROOT = projectRoot();
/** Bundled, the browser code sits beside the server (<outdir>/web); from source, in the checkout's dist/web. */
const HERE = dirname(fileURLToPath(import.meta.url));
const bundle = (name: string) => (existsSync(join(HERE, 'web', name)) ? join(HERE, 'web', name) : ROOT ? join(ROOT, 'dist', 'web', name) : null);
/** Everything the browser may fetch, by name: no path from the request reaches the file system. */
const page = (name: string) => (ROOT ? join(ROOT, 'web', 'public', name) : null);
const ASSETS: Record<string, { path: () => string | null; type: string }> = {
  'simulator.html': { path: () => page('simulator.html'), type: 'text/html; charset=utf-8' },
  'console.html': { path: () => page('console.html'), type: 'text/html; charset=utf-8' },
  'style.css': { path: () => page('style.css'), type: 'text/css; charset=utf-8' },
  'simulator.js': { path: () => bundle('simulator.js'), type: 'text/javascript; charset=utf-8' },
  'console.js': { path: () => bundle('console.js'), type: 'text/javascript; charset=utf-8' },
};

export function sendPage(reply: FastifyReply, name: string) {
  const a = ASSETS[name];
  const path = a?.path() ?? null;
  if (!a || !path || !existsSync(path)) {
    return reply.code(404).type('text/plain; charset=utf-8').send(`${name} 不存在：请先运行 npm run build（生成 dist/web/）`);
  }
  // Read on every request: small files, and a rebuild shows without a restart.
  return reply.type(a.type).header('cache-control', 'no-cache').send(readFileSync(path));
}

/** `/web/<name>`: the bundles and the style sheet (both modes: the console uses them too). */
export function assetRoutes(app: FastifyInstance) {
  app.get('/web/:name', (req, reply) => {
    const name = (req.params as { name: string }).name;
    if (name.endsWith('.html')) return reply.code(404).send({ error: 'not found' });
    return sendPage(reply, name);
  });
}
