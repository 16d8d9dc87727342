import { mkdirSync, rmSync } from 'node:fs';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findItemByNumber } from '../../src/db/item-repository';
import { auditLog } from '../../src/db/schema';
import { eq } from 'drizzle-orm';
import * as lark from '@larksuiteoapi/node-sdk';
import { compose } from '../../src/compose';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { DEFAULT_SCHEDULE } from '../../src/scheduler/schedule-config';
import { registerItem } from '../../src/services/register-item';
import { startFakeFeishu } from '../support/fake-feishu';
import { WHO, baseInput, openTestDb } from '../support/fixtures';
import { CHROMIUM, haveChromium, startLocalServer } from './local-server';

/** People of examples/org.yaml. */
const SUPERVISOR = 'ou_dcs_wang'; // 王督查
const HEAD = 'ou_jwc_head'; // 陈明, 教务处负责人
const LIAISON = 'ou_jwc_liaison'; // 周晓燕, 教务处联络人
const LEADER = 'ou_vp_li'; // 李副校长, in charge of 教务处
const OUTSIDER = 'ou_wxy_head'; // 文学院负责人: nothing to do with 教务处's items

const SHOTS = 'test-results/web';
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
let page: Page;
let shot = 0;
const snap = async (name: string) => page.screenshot({ path: `${SHOTS}/${String(++shot).padStart(2, '0')}-${name}.png`, fullPage: false });

/** Becomes someone: the person picker, then wait until their chats are loaded and the live stream is open. */
async function as(id: string) {
  await page.selectOption('#person', id);
  await page.waitForSelector(`body[data-person="${id}"][data-live="yes"]`);
}
async function type(text: string) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}
/** The newest bot card in the open chat that shows `text`. */
const card = (text: string): Locator => page.locator('.msg.bot').filter({ has: page.locator('.card', { hasText: text }) }).last();
/** What the page shows may take a moment (a callback, a send through the outbox, the live stream). */
const poll = <T>(fn: () => Promise<T>, o: { timeout?: number } = {}) => expect.poll(fn, { timeout: 10_000, interval: 50, ...o });
const toast = (text: string) => page.locator('#toasts .toast', { hasText: text });
const button = (c: Locator, label: string) => c.locator('button.el-button', { hasText: new RegExp(`^${label}$`) });

describe.skipIf(!haveChromium)('the simulator and the console in headless Chromium', () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true }); // this run's steps only
    mkdirSync(SHOTS, { recursive: true });
    // Monday 23 November 2026, 09:30 in Beijing; the clock moves only when the test moves it.
    server = await startLocalServer(new Date('2026-11-23T09:30:00+08:00'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    page.on('dialog', (d) => void d.accept());
    page.on('pageerror', (err) => {
      throw err;
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('register by form → claim → progress by a quoted reply → extension → completion → 退回 → resubmit → 销号 → a clock jump chases the head', async () => {
    await page.goto(`${server.url}/?as=${SUPERVISOR}`);
    await page.waitForSelector(`body[data-person="${SUPERVISOR}"][data-live="yes"]`);

    // 王督查 opens the registration form by typing and fills it in.
    await type('/督办 新建');
    const form = card('主办单位');
    await form.waitFor();
    await form.locator('[name="title"]').fill('修订本科生培养方案');
    await form.locator('[name="requirements"]').fill('完成 2026 版培养方案修订并提交校长办公会审议');
    await form.locator('select[name="source"]').selectOption('committee');
    await form.locator('[name="ref"]').fill('校长办公会纪要〔2026〕15号');
    await form.locator('select[name="lead"]').selectOption('jwc');
    await form.locator('select[name="leader"]').selectOption(LEADER);
    await form.locator('input[name="deadline"]').fill('2026-12-18');
    await snap('register-form');
    await button(form, '提交登记').click();
    await poll(() => toast('督办〔2026〕1号').count()).toBeGreaterThan(0);
    await snap('registered');
    const item = findItemByNumber(server.db, 2026, 1)!;
    expect(item).toMatchObject({ title: '修订本科生培养方案', leadUnitId: 'jwc', leaderId: LEADER, deadline: '2026-12-18' });

    // 陈明 finds the 督办单 in his private chat and claims it; the card redraws in place without 认领.
    await as(HEAD);
    const slip = card('修订本科生培养方案');
    await button(slip, '认领').click();
    await poll(() => toast('认领').count()).toBeGreaterThan(0);
    await poll(() => button(card('修订本科生培养方案'), '认领').count()).toBe(0);
    await poll(() => button(card('修订本科生培养方案'), '填报进展').count()).toBe(1);
    await snap('claimed');

    // 周晓燕 quotes the 督办单 and replies; the reply is counted as progress.
    await as(LIAISON);
    const liaisonSlip = card('修订本科生培养方案');
    await liaisonSlip.hover();
    await liaisonSlip.locator('.reply-link').click();
    await page.locator('#quote:not([hidden])').waitFor();
    await type('已召开专题会讨论初稿');
    await card('已记录').waitFor();
    await snap('progress-by-reply');
    const progress = server.db.select().from(auditLog).where(eq(auditLog.action, 'report_progress')).all();
    expect(progress.map((p) => [p.actorId, p.channel])).toEqual([[LIAISON, 'chat']]);

    // She sends the survey report as evidence, quoting the 督办单: the bot fetches it and records it on the item.
    await liaisonSlip.hover();
    await liaisonSlip.locator('.reply-link').click();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await page.setInputFiles('#file', { name: '调研报告.pdf', mimeType: 'application/pdf', buffer: pdf });
    await card('已收到佐证材料').waitFor({ timeout: 15_000 });
    await snap('evidence-file');

    // 陈明 asks for an extension on the card; the form opens in place.
    await as(HEAD);
    await button(card('修订本科生培养方案'), '申请延期').click();
    const ext = card('延期');
    await ext.locator('[name="reason"]').waitFor();
    await ext.locator('[name="reason"]').fill('需等待教育部新版专业目录');
    await ext.locator('input[name="date"]').fill('2027-01-29');
    await button(ext, '提交延期申请').click();
    await poll(() => toast('延期申请已提交').count()).toBeGreaterThan(0);
    await snap('extension-asked');

    // 李副校长 approves it on the card sent to him.
    await as(LEADER);
    const review = card('需等待教育部新版专业目录');
    await button(review, '同意').click();
    await poll(() => toast('2027-01-29').count()).toBeGreaterThan(0);
    await snap('extension-approved');
    expect(findItemByNumber(server.db, 2026, 1)!.deadline).toBe('2027-01-29');

    // Completion: 陈明 fills the completion form.
    const complete = async (assessment: string) => {
      await as(HEAD);
      await button(card('修订本科生培养方案'), '申请办结').click();
      const f = card('办结');
      await f.locator('[name="assessment"]').waitFor();
      await f.locator('[name="assessment"]').fill(assessment);
      await f.locator('[name="materials"]').fill('西江大学本科培养方案（2026版）.pdf');
      await button(f, '提交办结申请').click();
      await poll(() => toast('办结申请已提交').count()).toBeGreaterThan(0);
    };
    await complete('培养方案已修订并经校长办公会审议通过');
    await snap('completion-submitted');

    // 李副校长 returns it with a reason.
    await as(LEADER);
    const r1 = card('培养方案已修订并经校长办公会审议通过');
    await r1.locator('[name="note"]').fill('缺少专家论证意见');
    await r1.locator('input[name="new_deadline"]').fill('2027-01-15');
    await button(r1, '退回').click();
    await poll(() => toast('退回').count()).toBeGreaterThan(0);
    expect(findItemByNumber(server.db, 2026, 1)!.deadline).toBe('2027-01-15');
    await snap('returned');
    expect(findItemByNumber(server.db, 2026, 1)!.state).toBe('in_progress');

    // Resubmitted, then 销号.
    await complete('已补充专家论证意见');
    await as(LEADER);
    const r2 = card('已补充专家论证意见');
    await button(r2, '销号').click();
    await poll(() => toast('销号').count()).toBeGreaterThan(0);
    await snap('closed');
    expect(findItemByNumber(server.db, 2026, 1)!.state).toBe('closed');

    // A second item due on Thursday, claimed and then left alone.
    await as(SUPERVISOR);
    await type('/督办 新建 完成实验室安全检查整改 主办:教务处 截止:2026-11-26 来源:工作调度例会');
    await card('督办〔2026〕2号').waitFor();
    await as(HEAD);
    await button(card('完成实验室安全检查整改'), '认领').click();
    await poll(() => toast('认领').count()).toBeGreaterThan(0);
    const before = await page.locator('.msg.bot').count();

    // The clock jumps a week and a half: the sweeps of each working day in between run in order and chase the head.
    await page.fill('#clock-date', '2026-12-03');
    await page.click('#clock-go');
    await poll(() => page.locator('#clock-now').textContent(), { timeout: 15_000 }).toContain('2026-12-03 09:00');
    await poll(() => page.locator('.msg.bot').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await card('逾期预警').waitFor({ timeout: 15_000 });
    await poll(() => page.locator('.msg.bot .card', { hasText: '到期' }).count()).toBeGreaterThan(0);
    await card('逾期预警').scrollIntoViewIfNeeded();
    await snap('clock-jump-overdue-warning');
    // A file the bot sends (the Excel ledger) can be downloaded from the chat.
    await as(SUPERVISOR);
    await type('/督办 导出');
    const link = page.locator('.bubble.file a').last();
    await link.waitFor({ timeout: 15_000 });
    expect(await link.textContent()).toMatch(/\.xlsx$/);
    const download = await page.request.get(new URL((await link.getAttribute('href'))!, server.url).toString());
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 2).toString()).toBe('PK');
    await snap('file-download');

    // Every card drawn so far was made of elements the browser renderer knows.
    expect(await page.locator('.unknown-element').count()).toBe(0);
  }, 180_000);

  it('the console: local person choice, ledger, filters, sorting, an item page; an outsider sees nothing', async () => {
    await page.goto(`${server.url}/console`);
    await page.selectOption('#login-person', SUPERVISOR);
    await page.click('#login-go');
    await page.waitForSelector('table.ledger');
    await poll(() => page.locator('#total').textContent()).toBe('2');
    await snap('console-ledger');

    // Filter by state: only the closed item.
    await page.selectOption('#filters select[name="state"]', 'closed');
    await page.click('#apply');
    await poll(() => page.locator('#total').textContent()).toBe('1');
    expect(await page.locator('table.ledger tbody tr').count()).toBe(1);
    expect(await page.locator('table.ledger tbody').textContent()).toContain('修订本科生培养方案');

    // Keyword, then sorting by number both ways.
    await page.selectOption('#filters select[name="state"]', '');
    await page.fill('#filters input[name="keyword"]', '实验室');
    await page.click('#apply');
    await poll(() => page.locator('table.ledger tbody').textContent()).toContain('完成实验室安全检查整改');
    expect(await page.locator('#total').textContent()).toBe('1');
    await page.fill('#filters input[name="keyword"]', '');
    await page.click('#apply');
    await poll(() => page.locator('#total').textContent()).toBe('2');
    await page.click('button.sort[data-sort="number"]');
    await poll(() => page.locator('table.ledger tbody tr').first().textContent()).toContain('督办〔2026〕1号');
    await page.click('button.sort[data-sort="number"]');
    await poll(() => page.locator('table.ledger tbody tr').first().textContent()).toContain('督办〔2026〕2号');

    // The item page: its fields, history, progress, extensions and the cards as sent (drawn read-only).
    await page.click('a:has-text("修订本科生培养方案")');
    await page.waitForSelector('#item-title');
    const text = (await page.locator('main').textContent())!;
    for (const s of ['督办〔2026〕1号', '已销号', '教务处', '李副校长', '认领', '退回', '已召开专题会讨论初稿', '需等待教育部新版专业目录', '调研报告.pdf']) expect(text).toContain(s);
    expect(await page.locator('.sent-card .card').count()).toBeGreaterThan(3);
    expect(await page.locator('.sent-card button.el-button:not([disabled])').count()).toBe(0);
    expect(await page.locator('.unknown-element').count()).toBe(0);
    // The evidence file sent in the chat downloads from the item page, byte for byte.
    const evidence = await page.request.get(new URL((await page.locator('a.evidence').first().getAttribute('href'))!, server.url).toString());
    expect(evidence.status()).toBe(200);
    expect((await evidence.body()).toString()).toContain('%PDF-1.4');
    await snap('console-item');

    // 统计: the bot's statistics card drawn with its chart (VChart on a canvas).
    await page.click('#nav-stats');
    await page.waitForSelector('#stats-card .card');
    await page.waitForSelector('#stats-card .el-chart canvas');
    expect(await page.locator('#stats-card').textContent()).toContain('教务处');
    await snap('console-stats');
    await page.goto(`${server.url}/console#/item/1`);
    await page.waitForSelector('#item-title');
    const evidenceHref = (await page.locator('a.evidence').first().getAttribute('href'))!;

    // Someone outside the item, signing in on the item's address, is told it is not there; their ledger is empty.
    await page.click('#logout');
    await page.selectOption('#login-person', OUTSIDER);
    await page.click('#login-go');
    await poll(() => page.locator('main').textContent()).toContain('没有找到事项');
    expect(await page.locator('main').textContent()).not.toContain('修订本科生培养方案');
    await page.click('a:has-text("返回台账")');
    await page.waitForSelector('table.ledger');
    await poll(() => page.locator('#total').textContent()).toBe('0');
    expect((await page.request.get(new URL(evidenceHref, server.url).toString())).status()).toBe(404);
  }, 120_000);

  it('the console in Feishu mode: 使用飞书登录 through Feishu’s authorize page and back, as the browser follows it', async () => {
    const fake = await startFakeFeishu();
    const t = openTestDb();
    const config: Config = {
      ...{ port: 0, host: '127.0.0.1', orgFile: null, calendarFile: null, scheduleFile: null, logLevel: 'silent' },
      databasePath: t.path,
      feishu: { appId: fake.appId, appSecret: fake.appSecret, encryptKey: 'k', verificationToken: 'v', domain: fake.url, mode: 'webhook' },
    };
    const bot = await compose(config, { db: t.db, calendar: t.ctx.calendar, schedule: DEFAULT_SCHEDULE }, createLogger('silent'), { larkCache: new lark.DefaultCache() });
    const url = await bot.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      registerItem(bot.ctx, { actorId: WHO.supervisor, channel: 'api', input: baseInput({ title: '修订本科生培养方案' }), now: new Date() });
      fake.signInAs({ openId: WHO.unitHead, name: '教务处处长' });
      const p = await context.newPage();
      await p.goto(`${url}/console`);
      await p.click('#login-feishu');
      await p.waitForSelector('table.ledger');
      expect(await p.locator('.console-top .who').textContent()).toBe('教务处处长');
      expect(await p.locator('table.ledger tbody').textContent()).toContain('修订本科生培养方案');
      const cookie = (await context.cookies()).find((c) => c.name === 'duban_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      await p.screenshot({ path: `${SHOTS}/${String(++shot).padStart(2, '0')}-console-feishu-login.png` });
    } finally {
      await context.close();
      await bot.worker.stop();
      await bot.app.close();
      await fake.close();
      t.close();
    }
  }, 60_000);
});
