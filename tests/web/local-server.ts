import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../../src/compose';
import type { Config } from '../../src/config';
import { localServerOutbox } from '../../src/local-clock';
import { createLogger } from '../../src/logger';
import { exampleOrgFile, importOrgFile, openRuntime } from '../../src/runtime';
// @ts-expect-error plain JavaScript build script without types
import { buildWeb } from '../../web/build.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`tests/web: ${CHROMIUM} not found; install Debian's chromium (apt-get install -y chromium) to run the browser tests`);

let built: Promise<void> | null = null;
const ROOT = join(import.meta.dirname, '..', '..');
const newest = (dir: string): number => Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
/**
 * The browser bundles in dist/web (what the server serves from source), built when missing or older than web/src:
 * test files run in parallel, and rewriting a bundle another file's browser is loading would be asking for trouble.
 */
export const ensureWebBuilt = () => {
  const out = join(ROOT, 'dist', 'web');
  const fresh = ['simulator.js', 'console.js'].every((f) => existsSync(join(out, f))) && newest(out) > newest(join(ROOT, 'web', 'src'));
  return (built ??= fresh ? Promise.resolve() : (buildWeb() as Promise<void>));
};

/**
 * The product in local mode as `npm start` runs it: a real SQLite file, the example organisation, the simulator and
 * console routes, the outbox worker running, listening on a free port. The simulated clock starts at `start`
 * (real time stands still under it, so a test's clock moves only when the test moves it).
 */
export async function startLocalServer(start: Date) {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'duban-web-'));
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databasePath: join(dir, 'duban.db'),
    orgFile: null,
    calendarFile: null,
    scheduleFile: null,
    logLevel: 'silent',
    feishu: null,
  };
  const log = createLogger('silent');
  const runtime = openRuntime(config, log);
  importOrgFile(runtime.db, exampleOrgFile()!, 'system', start);
  const bot = await compose(config, runtime, log, { now: () => start, outbox: localServerOutbox() });
  bot.worker.start(50);
  const address = await bot.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    bot,
    db: runtime.db,
    async close() {
      await bot.worker.stop();
      await bot.app.close();
      runtime.db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
