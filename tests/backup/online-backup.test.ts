/**
 * `npm run duban -- backup FILE` against the live database of a running server that is taking a stream of signed
 * registrations (each one a transaction: the item, its audit rows, its messages, the event id). The copy is then
 * restored as the README says (stop, put it in place, start a server on it) and must hold every item whose 200
 * arrived before the backup began, whole, and nothing by half; PRAGMA integrity_check is ok.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseOrg } from '../../src/org/parse-org';
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu';
import { messageEvent } from '../support/feishu-signer';
import {
  type Build,
  ORG_EXAMPLE,
  ROOT,
  type ServerProc,
  VERIFICATION_TOKEN,
  buildServer,
  kill,
  postSigned,
  sleep,
  startServer,
  terminate,
  webhookEnv,
} from '../crash/server-process';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const org = parseOrg(readFileSync(ORG_EXAMPLE, 'utf8'));
const SUPERVISOR = org.people.find((p) => p.roles.includes('supervisor'))!.id;
const DEADLINE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

/** The CLI as the office runs it (`npm run duban -- …` is `tsx src/cli.ts …`), with only the given environment. */
function duban(args: string[], env: Record<string, string>, ms = 45_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(TSX, [join(ROOT, 'src', 'cli.ts'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal ?? -1, stdout, stderr });
    });
  });
}

let dir: string;
let fake: FakeFeishu;
let build: Build;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-backup-'));
  fake = await startFakeFeishu();
  build = buildServer();
});
afterAll(async () => {
  build?.remove();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Registration {
  eventId: string;
  title: string;
  messageId: string;
  answeredAt?: number;
}

// Two server starts, four CLI runs through tsx and a stream of registrations: 17 s alone on 2 cores, and more than 30 s
// when the suite's other worker is busy, so the bound is the one the other CLI tests use.
it('backs up the live database while the server writes; the restored copy has everything committed before', { timeout: 120_000 }, async () => {
  const live = join(dir, 'live', 'duban.db');
  mkdirSync(join(dir, 'live'));
  let server: ServerProc = await startServer(build, webhookEnv(fake, live));
  const copy = join(dir, 'backup.db');
  try {
    // A stream of registrations, three at a time, until told to stop.
    const sent: Registration[] = [];
    let streaming = true;
    const stream = async (lane: number) => {
      for (let i = 0; streaming; i++) {
        const r: Registration = { eventId: `ev_bk_${lane}_${i}`, title: `备份测试事项${lane}-${i}`, messageId: `om_bk_${lane}_${i}` };
        sent.push(r);
        const unit = org.units[(lane * 7 + i) % org.units.length]!;
        const payload = messageEvent({
          token: VERIFICATION_TOKEN,
          eventId: r.eventId,
          senderOpenId: SUPERVISOR,
          chatId: `oc_p2p_${SUPERVISOR}`,
          chatType: 'p2p',
          text: `/督办 新建 ${r.title} 主办:${unit.name} 截止:${DEADLINE}`,
          messageId: r.messageId,
        });
        const res = await postSigned(`${server.url}/feishu/events`, payload);
        if (res.status !== 200) throw new Error(`registration answered ${res.status}: ${JSON.stringify(res.body)}\n${server.output()}`);
        r.answeredAt = Date.now();
      }
    };
    const lanes = [0, 1, 2].map(stream);
    while (sent.filter((r) => r.answeredAt).length < 30) await sleep(20);

    const backupStarted = Date.now();
    const answeredBefore = sent.filter((r) => r.answeredAt! < backupStarted);
    const r = await duban(['backup', copy], { DATABASE_PATH: live });
    const backupEnded = Date.now();
    await sleep(200);
    streaming = false;
    await Promise.all(lanes);

    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`数据库已备份：${copy}`);
    expect(r.stdout).toContain('完整性检查 ok');
    expect(r.stdout).toMatch(/督办事项 \d+ 条，操作记录 \d+ 条/);
    // The server kept taking writes while the backup ran.
    expect(sent.filter((x) => x.answeredAt! > backupStarted && x.answeredAt! < backupEnded).length).toBeGreaterThan(0);

    expect(existsSync(`${copy}-wal`)).toBe(false); // one self-contained file

    // An existing file is not overwritten without --force; with it, it is (and an old -wal beside it goes too).
    const old = join(dir, 'old.db');
    writeFileSync(old, 'an old file');
    writeFileSync(`${old}-wal`, 'the old file’s journal');
    const [refused, forced, help] = await Promise.all([
      duban(['backup', copy], { DATABASE_PATH: live }),
      duban(['backup', old, '--force'], { DATABASE_PATH: live }),
      duban(['help'], {}),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`备份失败：备份文件已存在：${copy}。如需覆盖，请加 --force`);
    expect(forced.code, forced.stderr).toBe(0);
    expect(existsSync(`${old}-wal`)).toBe(false);
    const o = new Database(old, { readonly: true, fileMustExist: true });
    expect(o.pragma('integrity_check', { simple: true })).toBe('ok');
    o.close();
    expect(help.stdout).toContain('npm run duban -- backup <FILE> [--force]');

    const { exit } = await terminate(server);
    expect(exit, server.output()).toBe(0);

    // Restore as the README says: the copy in place as DATABASE_PATH (no old -wal/-shm beside it), start.
    const restored = join(dir, 'restored', 'duban.db');
    mkdirSync(join(dir, 'restored'));
    copyFileSync(copy, restored);
    server = await startServer(build, { DATABASE_PATH: restored });
    expect((await terminate(server)).exit, server.output()).toBe(0);

    const c = new Database(restored, { readonly: true, fileMustExist: true });
    try {
      expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
      const items = new Map((c.prepare('SELECT id, title FROM items').all() as Array<{ id: number; title: string }>).map((i) => [i.title, i.id]));
      const events = new Set(c.prepare('SELECT event_id FROM processed_events').pluck().all() as string[]);
      const actions = (id: number) => (c.prepare('SELECT action FROM audit_log WHERE item_id = ? ORDER BY id').pluck().all(id) as string[]).join(',');
      const outbox = (id: number) => c.prepare('SELECT purpose FROM outbox WHERE item_id = ?').pluck().all(id) as string[];
      const replies = (messageId: string) => c.prepare('SELECT count(*) FROM outbox WHERE target_message_id = ?').pluck().get(messageId) as number;
      // Every registration answered before the backup began is in the copy, whole.
      const missing = answeredBefore.filter((x) => !items.has(x.title)).map((x) => x.title);
      expect(missing).toEqual([]);
      for (const x of answeredBefore) {
        const id = items.get(x.title)!;
        expect(actions(id), x.title).toBe('register,send_slip');
        expect(outbox(id).filter((p) => p === 'slip').length, x.title).toBeGreaterThanOrEqual(2); // head and liaison(s)
        expect(replies(x.messageId), x.title).toBe(1);
        expect(events.has(x.eventId)).toBe(true);
      }
      // And nothing by half: an event id in the copy has its item, an item in the copy has its event id.
      for (const x of sent) expect(events.has(x.eventId), x.title).toBe(items.has(x.title));
      expect(items.size).toBeGreaterThanOrEqual(answeredBefore.length);
    } finally {
      c.close();
    }
  } finally {
    await kill(server);
  }
});
