import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildServer, kill, startServer } from '../crash/server-process';
import { CHROMIUM, haveChromium } from './local-server';

/**
 * The README's promise to a newcomer: `npm start` with no Feishu variables (the bundle under plain node, as
 * `npm start` runs it, on an empty database), open the address it prints, type, and the bot answers within a minute.
 */
describe.skipIf(!haveChromium)('a newcomer’s first minute', () => {
  it('the address printed at start serves the simulator, and /督办 帮助 is answered', { timeout: 120_000 }, async () => {
    const build = buildServer();
    const dir = mkdtempSync(join(tmpdir(), 'duban-first-'));
    const server = await startServer(build, { DATABASE_PATH: join(dir, 'duban.db'), LOG_LEVEL: 'warn' });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const started = Date.now();
      const port = new URL(server.url).port;
      expect(server.output()).toContain(`浏览器打开 http://localhost:${port}/`);
      const page = await browser.newPage();
      await page.goto(`http://localhost:${port}/`);
      await page.waitForSelector('body[data-live="yes"]');
      await page.fill('#text', '/督办 帮助');
      await page.press('#text', 'Enter');
      await page.locator('.msg.bot .card', { hasText: '督办助手使用说明' }).waitFor({ timeout: 60_000 });
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      await browser.close();
      await kill(server);
      build.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
