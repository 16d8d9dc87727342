import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../../src/compose';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { exampleOrgFile, importOrgFile, openRuntime } from '../../src/runtime';
// @ts-expect-error plain JavaScript build script without types
import { buildWeb } from '../../web/build.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`tests/web: ${CHROMIUM} not found; install Debian's chromium (apt-get install -y chromium) to run the browser tests`);

let built: Promise<void> | null = null;
/** The browser bundles, built once per test process into dist/web (what the server serves from source). */
export const ensureWebBuilt = () => (built ??= buildWeb() as Promise<void>);

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
  const bot = await compose(config, runtime, log, { now: () => start });
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
