/**
 * Stored files reach Feishu through the real SDK: the outbox uploads a stored file once (`POST /open-apis/im/v1/
 * files`, multipart), keeps its key, and sends a `file` message; what a person sent is downloaded from the message's
 * resources with a size cap counted while it streams. A group never gets a confidential item's file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DisclosureRefused } from '../../src/domain/disclosure';
import { detectFileType, fileById, filesDir, readFileBytes, safeFileName, storeFile, storedPath } from '../../src/files/file-store';
import { createLogger } from '../../src/logger';
import { FeishuMessenger, createLarkClient } from '../../src/messenger/feishu-messenger';
import { FILE_TOO_LARGE, SendError } from '../../src/messenger/messenger';
import { OutboxWorker } from '../../src/messenger/outbox';
import { chatAddress, enqueue, personAddress } from '../../src/messenger/outbox-queue';
import { RateLimiter } from '../../src/messenger/rate-limiter';
import { registerItem } from '../../src/services/register-item';
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu';
import { type TestDb, WHO, at, baseInput, openTestDb } from '../support/fixtures';

const log = createLogger('silent');
const NOW = at('2026-11-10');
let fake: FakeFeishu;
let t: TestDb;

beforeAll(async () => {
  fake = await startFakeFeishu();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.reset();
  t?.close();
});

function messenger() {
  const cache = new lark.DefaultCache();
  const client = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, encryptKey: '', verificationToken: '', domain: fake.url, mode: 'webhook' }, cache);
  return new FeishuMessenger(client, 5000, { cache, appId: fake.appId });
}
const worker = (db: TestDb['db']) => new OutboxWorker(db, messenger(), log, { limiter: new RateLimiter({ perSecond: 1000, perMinute: 100_000, perReceiverPerSecond: 1000 }), clock: () => NOW });
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

describe('a stored file sent as a file message', () => {
  it('is uploaded once with its name and type, then sent by its key, twice without a second upload', async () => {
    t = openTestDb();
    const { file } = storeFile(t.db, { bytes: PDF, name: '督办台账.pdf', kind: 'ledger', createdBy: 'system' }, NOW);
    expect(existsSync(storedPath(filesDir(t.db), file.sha256))).toBe(true);
    t.db.transaction((tx) => {
      enqueue(tx, { to: personAddress(WHO.supervisor), msgType: 'file', content: { fileId: file.id }, purpose: 'ledger' }, NOW);
      enqueue(tx, { to: personAddress(WHO.unitHead), msgType: 'file', content: { fileId: file.id }, purpose: 'ledger' }, NOW);
    });
    const r = await worker(t.db).drain(() => NOW);
    expect(r.sent).toBe(2);
    expect(fake.files).toHaveLength(1);
    expect(fake.files[0]).toMatchObject({ file_name: '督办台账.pdf', file_type: 'pdf', size: PDF.length });
    expect(fake.files[0]!.data.equals(PDF)).toBe(true);
    const sends = fake.sent.filter((m) => m.msg_type === 'file');
    expect(sends.map((m) => JSON.parse(m.rawContent).file_key)).toEqual([fake.files[0]!.file_key, fake.files[0]!.file_key]);
    expect(fileById(t.db, file.id)!.feishuFileKey).toBe(fake.files[0]!.file_key);
  });

  it('a failed upload is retried and the message still goes once', async () => {
    t = openTestDb();
    const { file } = storeFile(t.db, { bytes: PDF, name: 'a.pdf', kind: 'ledger', createdBy: 'system' }, NOW);
    t.db.transaction((tx) => enqueue(tx, { to: personAddress(WHO.supervisor), msgType: 'file', content: { fileId: file.id }, purpose: 'ledger' }, NOW));
    fake.failNext(1, { status: 500, code: 1, msg: 'boom' }, { method: 'POST', path: '/open-apis/im/v1/files' });
    const w = worker(t.db);
    expect((await w.drain(() => NOW)).retried).toBe(1);
    expect((await w.drain(() => new Date(NOW.getTime() + 60_000))).sent).toBe(1);
    expect(fake.sent.filter((m) => m.msg_type === 'file')).toHaveLength(1);
  });

  it('a damaged copy on disk is never sent: the row is parked with the reason', async () => {
    t = openTestDb();
    const { file } = storeFile(t.db, { bytes: PDF, name: 'a.pdf', kind: 'ledger', createdBy: 'system' }, NOW);
    writeFileSync(storedPath(filesDir(t.db), file.sha256), 'tampered');
    expect(() => readFileBytes(t.db, file.sha256)).toThrow(/damaged/);
    t.db.transaction((tx) => enqueue(tx, { to: personAddress(WHO.supervisor), msgType: 'file', content: { fileId: file.id }, purpose: 'ledger' }, NOW));
    expect((await worker(t.db).drain(() => NOW)).failed).toBe(1);
    expect(fake.files).toHaveLength(0);
  });

  it('a group never gets the file of a confidential item, nor one named after it', () => {
    t = openTestDb();
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title: '绝密调查', confidential: true }), now: NOW });
    const ofItem = storeFile(t.db, { bytes: PDF, name: 'x.pdf', kind: 'evidence', itemId: item.id, createdBy: WHO.unitHead }, NOW).file;
    const named = storeFile(t.db, { bytes: Buffer.from('other'), name: `${item.number}.pdf`, kind: 'ledger', createdBy: 'system' }, NOW).file;
    for (const f of [ofItem, named]) {
      expect(() => t.db.transaction((tx) => enqueue(tx, { to: chatAddress('oc_group'), msgType: 'file', content: { fileId: f.id }, purpose: 'ledger' }, NOW))).toThrow(DisclosureRefused);
    }
    // Privately it goes.
    t.db.transaction((tx) => enqueue(tx, { to: personAddress(WHO.supervisor), msgType: 'file', content: { fileId: ofItem.id }, purpose: 'evidence' }, NOW));
  });
});

describe('storing', () => {
  it('keeps one copy per content, evidence once per item, and a safe name', () => {
    t = openTestDb();
    const item = registerItem(t.ctx, { actorId: WHO.supervisor, channel: 'command', input: baseInput({ title: '材料' }), now: NOW });
    const a = storeFile(t.db, { bytes: PDF, name: '../../etc/passwd', kind: 'evidence', itemId: item.id, createdBy: WHO.unitHead }, NOW);
    const b = storeFile(t.db, { bytes: PDF, name: 'again.pdf', kind: 'evidence', itemId: item.id, createdBy: WHO.unitHead }, NOW);
    expect(a.created).toBe(true);
    expect(b).toEqual({ file: a.file, created: false });
    expect(a.file.name).toBe('passwd');
    expect(safeFileName('\u0000')).toBe('file');
    expect(safeFileName(`${'长'.repeat(200)}.docx`)).toHaveLength(120);
  });

  it('tells the type by content, not by name', async () => {
    expect(await detectFileType(PDF)).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    expect(await detectFileType(Buffer.from('MZ\u0090\u0000'.padEnd(200, '\u0000'), 'latin1'))).toMatchObject({ ext: 'exe' });
    expect(await detectFileType(Buffer.from('就是一段文字'))).toBeNull();
  });
});

describe('downloading what a person sent', () => {
  it('streams the bytes through the real SDK call, and refuses past the cap', async () => {
    const bytes = Buffer.alloc(300_000, 7);
    fake.addResource('om_in_1', 'file_v3_k', bytes);
    const m = messenger();
    expect((await m.download('om_in_1', 'file_v3_k', 'file', 1_000_000)).equals(bytes)).toBe(true);
    const call = fake.callsTo('/open-apis/im/v1/messages/om_in_1/resources/file_v3_k', 'GET')[0]!;
    expect(call.query.type).toBe('file');
    const tooBig = await m.download('om_in_1', 'file_v3_k', 'file', 100_000).catch((e: unknown) => e);
    expect(tooBig).toBeInstanceOf(SendError);
    expect(tooBig).toMatchObject({ retryable: false, code: FILE_TOO_LARGE });
    const missing = await m.download('om_in_1', 'nope', 'file', 1_000_000).catch((e: unknown) => e);
    expect(missing).toMatchObject({ retryable: false, code: 234003 });
  });
});
