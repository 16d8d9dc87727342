/**
 * The 督查通报 (LZU art. 7(二)): a supervisor asks for one (`/督办 通报 [期间]`), gets the draft as a Word file and a
 * card with 发布 / 修改后上传 / 作废, may replace the file with a corrected one, and publishes it to the configured
 * recipients with the observers (纪委办、监察处、组织部) copied — or voids it. draft → published | void, each step
 * with its audit row and its messages in one transaction; the number (督查通报〔2026〕第N期) is taken when the draft
 * is asked for and never reused, a voided draft keeping its own.
 *
 * Writing the .docx is asynchronous (the docx library zips), and a chat command runs in one synchronous
 * transaction, so the draft is recorded first with no file, and {@link BulletinWriter} writes the file after the
 * commit: woken at once, and again at start and on every tick, it writes every draft still without one (a crash
 * between the two leaves a draft that the next run completes; two writers race to the same conditional update).
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../domain/actor';
import { assertDraft, bulletinNumber, canIssueBulletin } from '../domain/bulletin';
import type { WorkCalendar } from '../domain/calendar';
import { chinaDate } from '../domain/dates';
import { DubanError, ErrorCode } from '../domain/errors';
import { type NamedPeriod, named } from '../domain/stats-periods';
import type { Db, DbOrTx } from '../db/client';
import {
  type BulletinRow,
  draftsWithoutFile,
  findBulletin,
  insertBulletin,
  nextDocNumber,
  setFirstBulletinFile,
  updateBulletinFrom,
} from '../db/bulletin-repository';
import { fileById } from '../db/file-repository';
import { type Channel, insertAudit } from '../db/history-repository';
import { listUnits, loadActor, peopleWithRole } from '../db/org-repository';
import { bulletinCard } from '../cards/bulletin-cards';
import { noticeCard } from '../cards/message-cards';
import { bulletinDocx } from '../documents/bulletin-docx';
import { FEISHU_UPLOAD_MAX_BYTES, storeFile } from '../files/file-store';
import type { Logger } from '../logger';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '../scheduler/schedule-config';
import { type QuietHours, quietNotBefore } from '../domain/quiet-hours';
import { formatRate } from '../domain/statistics';
import { bulletinContent } from './bulletin-content';
import { loadStats } from './statistics';
import { BackgroundWriter } from './background-writer';

/** The outbox purpose of the draft's file and card: a reply to either is a corrected file for that draft. */
export const BULLETIN_DRAFT_PURPOSE = 'bulletin_draft';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** A corrected 通报 is a few hundred KB; anything near Feishu's upload limit is not one. */
export const MAX_BULLETIN_BYTES = 20 * 1024 * 1024;

/** The schedule file's `bulletin`, and its quiet hours (a 通报 published at night reaches the others next morning). */
export type BulletinSettings = ScheduleConfig['bulletin'] & { quietHours?: QuietHours | null };

interface Deps {
  db: Db;
  calendar: WorkCalendar;
}

const mustIssue = (actor: Actor) => {
  if (!canIssueBulletin(actor)) throw new DubanError(ErrorCode.Forbidden, '只有督查室人员可以起草、发布或作废督查通报');
};

function mustFind(tx: DbOrTx, id: number): BulletinRow {
  const b = findBulletin(tx, id);
  if (!b) throw new DubanError(ErrorCode.NotFound, '没有找到该督查通报，请使用最新的卡片');
  return b;
}

const audit = (tx: DbOrTx, b: BulletinRow, actorId: string, channel: Channel, action: string, at: Date, changes: Record<string, unknown> = {}) =>
  insertAudit(tx, { itemId: null, actorId, channel, action, changes: { bulletinId: b.id, number: b.number, ...changes }, at: at.toISOString() });

/** The school's line for the card, from the figures the draft was written from. */
export function totalsLine(d: Deps, b: BulletinRow): string {
  const t = loadStats(d.db, { from: b.periodFrom, to: b.periodTo }, null, { calendar: d.calendar, now: new Date(b.draftedAt) }).total;
  const rates = t.due ? `办结率 ${formatRate(t.closed, t.due)}，按时办结率 ${formatRate(t.closedOnTime, t.due)}` : '无应办结事项';
  return `在办 ${t.inHand} 项，应办结 ${t.due} 项，已办结 ${t.closed} 项，逾期未办结 ${t.overdue} 项；${rates}`;
}

/**
 * A supervisor asks for the 通报 of a period: the number is taken and the draft recorded (its file follows, see
 * BulletinWriter). Runs in the caller's transaction when there is one. Refuses a period that has not begun.
 */
export function requestBulletin(d: Deps, a: { actorId: string; period: NamedPeriod; channel: Channel }, now: Date): BulletinRow {
  return d.db.transaction(
    (tx) => {
      mustIssue(loadActor(tx, a.actorId));
      const today = chinaDate(now);
      if (a.period.from > today) throw new DubanError(ErrorCode.InvalidInput, `期间 ${a.period.label} 尚未开始，不能起草通报`);
      const year = Number(today.slice(0, 4));
      const seq = nextDocNumber(tx, 'bulletin', year);
      const b = insertBulletin(tx, {
        year,
        seq,
        number: bulletinNumber(year, seq),
        periodFrom: a.period.from,
        periodTo: a.period.to,
        state: 'draft',
        draftedBy: a.actorId,
        draftedAt: now.toISOString(),
      });
      audit(tx, b, a.actorId, a.channel, 'bulletin_draft', now, { period: [b.periodFrom, b.periodTo] });
      return b;
    },
    { behavior: 'immediate' },
  );
}

/** The draft's file and card to the supervisor, keyed by the file so each version is sent once. */
function sendDraft(tx: DbOrTx, d: Deps, b: BulletinRow, fileId: number, to: string, note: string, now: Date) {
  const file = fileById(tx, fileId)!;
  enqueue(tx, { to: personAddress(to), msgType: 'file', content: { fileId }, purpose: BULLETIN_DRAFT_PURPOSE, dedupeKey: `bulletin:${b.id}:file:${fileId}:${to}` }, now);
  const card = bulletinCard({ bulletinId: b.id, number: b.number, state: 'draft', periodLabel: periodLabelOf(b), totals: totalsLine(d, b), fileName: file.name, note });
  enqueue(tx, { to: personAddress(to), msgType: 'interactive', content: card, purpose: BULLETIN_DRAFT_PURPOSE, dedupeKey: `bulletin:${b.id}:card:${fileId}:${to}` }, now);
}

const periodLabelOf = (b: BulletinRow) => named(b.periodFrom, b.periodTo).label;

/**
 * Writes the .docx of every draft still without one, stores it, and sends it with the draft card to the supervisor
 * who asked. Returns how many were written.
 */
export async function writePendingBulletins(d: Deps, settings: BulletinSettings, log?: Logger): Promise<number> {
  let written = 0;
  for (const b of draftsWithoutFile(d.db)) {
    try {
      const bytes = await bulletinDocx(bulletinContent(d.db, d.calendar, b, settings.office));
      const done = d.db.transaction(
        (tx) => {
          const at = new Date(b.draftedAt);
          // Another writer (a second process) may have finished it, or the draft been voided, since it was read.
          const current = findBulletin(tx, b.id);
          if (!current || current.state !== 'draft' || current.fileId !== null) return false;
          const { file } = storeFile(tx, { bytes, name: `${b.number}.docx`, kind: 'bulletin', createdBy: 'system', mime: DOCX_MIME }, at);
          if (!setFirstBulletinFile(tx, b.id, file.id)) return false;
          audit(tx, b, 'system', 'scheduler', 'bulletin_file', at, { fileId: file.id });
          sendDraft(tx, d, b, file.id, b.draftedBy, '草稿已生成', at);
          return true;
        },
        { behavior: 'immediate' },
      );
      if (done) written++;
    } catch (err) {
      // One draft that cannot be written (its period too long, a damaged row) must not stop the others.
      log?.error({ err, bulletinId: b.id }, 'bulletin draft could not be written');
    }
  }
  return written;
}

/**
 * Runs {@link writePendingBulletins} one at a time in this process: `kick()` after a commit that may have recorded
 * a draft; a kick while a run is under way runs once more after it.
 */
export class BulletinWriter extends BackgroundWriter {
  constructor(
    private readonly d: Deps,
    private readonly settings: BulletinSettings,
    private readonly log: Logger,
    private readonly after: () => void,
  ) {
    super(d.db, ['bulletin']);
  }

  protected async runOnce(): Promise<void> {
    const n = await writePendingBulletins(this.d, this.settings, this.log).catch((err) => {
      this.log.error({ err }, 'bulletin writer failed');
      return 0;
    });
    if (n) this.after();
  }
}

/** Who receives a published 通报, by the configured roles, and who is copied (the observers); each person once. */
export function bulletinAudience(db: DbOrTx, settings: BulletinSettings): { to: string[]; copy: string[] } {
  const to = new Set<string>();
  for (const r of settings.recipients) {
    if (r === 'unitHead') for (const u of listUnits(db)) u.headId && to.add(u.headId);
    else if (r === 'liaison') for (const u of listUnits(db)) u.liaisonIds.forEach((id) => to.add(id));
    else for (const p of peopleWithRole(db, r)) to.add(p.id);
  }
  const copy = peopleWithRole(db, 'observer').map((p) => p.id).filter((id) => !to.has(id));
  return { to: [...to], copy };
}

/** 发布: the current file and a short card to every recipient and observer; the bulletin is final. */
export function publishBulletin(d: Deps, settings: BulletinSettings, a: { bulletinId: number; actorId: string; channel: Channel }, now: Date) {
  return d.db.transaction(
    (tx) => {
      mustIssue(loadActor(tx, a.actorId));
      const b = mustFind(tx, a.bulletinId);
      assertDraft(b.state, b.number);
      if (!b.fileId) throw new DubanError(ErrorCode.InvalidState, `${b.number} 的文稿还在生成，请稍后再发布`);
      if (!updateBulletinFrom(tx, b.id, 'draft', { state: 'published', publishedBy: a.actorId, publishedAt: now.toISOString() })) {
        throw new DubanError(ErrorCode.Conflict, `${b.number} 已有新的变化，请使用最新的卡片`);
      }
      const { to, copy } = bulletinAudience(tx, settings);
      // The publisher's own copy goes now; everyone else's waits out the quiet hours, as every notification does.
      const quiet = quietNotBefore(now, d.calendar, settings.quietHours === undefined ? DEFAULT_SCHEDULE.quietHours : settings.quietHours);
      const label = periodLabelOf(b);
      for (const [people, cc] of [[to, false], [copy, true]] as const) {
        const card = noticeCard(`${b.number}`, `${settings.office}发布${cc ? '（抄送）' : ''}：关于${label}督办事项办理情况的通报，全文见附件。`);
        for (const p of people) {
          const notBefore = p === a.actorId ? undefined : quiet;
          enqueue(tx, { to: personAddress(p), msgType: 'interactive', content: card, purpose: 'bulletin', dedupeKey: `bulletin:${b.id}:pub:card:${p}`, notBefore }, now);
          enqueue(tx, { to: personAddress(p), msgType: 'file', content: { fileId: b.fileId }, purpose: 'bulletin', dedupeKey: `bulletin:${b.id}:pub:file:${p}`, notBefore }, now);
        }
      }
      audit(tx, b, a.actorId, a.channel, 'bulletin_publish', now, { fileId: b.fileId, recipients: to.length, copied: copy.length });
      return { bulletin: findBulletin(tx, b.id)!, recipients: to.length, copied: copy.length };
    },
    { behavior: 'immediate' },
  );
}

/** 作废: the draft is dropped; its number stays used. */
export function voidBulletin(d: Deps, a: { bulletinId: number; actorId: string; channel: Channel }, now: Date): BulletinRow {
  return d.db.transaction(
    (tx) => {
      mustIssue(loadActor(tx, a.actorId));
      const b = mustFind(tx, a.bulletinId);
      assertDraft(b.state, b.number);
      if (!updateBulletinFrom(tx, b.id, 'draft', { state: 'void', voidedBy: a.actorId, voidedAt: now.toISOString() })) {
        throw new DubanError(ErrorCode.Conflict, `${b.number} 已有新的变化，请使用最新的卡片`);
      }
      audit(tx, b, a.actorId, a.channel, 'bulletin_void', now);
      return findBulletin(tx, b.id)!;
    },
    { behavior: 'immediate' },
  );
}

/** A .docx is a zip whose entries include word/document.xml (zip keeps entry names uncompressed). */
function looksLikeDocx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50 && bytes.includes('word/document.xml');
}

/**
 * 修改后上传: the supervisor sent a corrected .docx in reply to the draft's card or file. It replaces the draft's
 * file (the old one stays stored, named in the audit row) and the new file and card are sent back to them.
 * For the file-message handler: call it with the downloaded bytes, inside or outside a transaction.
 */
export function replaceBulletinFile(d: Deps, bulletinId: number, actorId: string, bytes: Buffer, name: string, now: Date): BulletinRow {
  if (bytes.length === 0) throw new DubanError(ErrorCode.InvalidInput, '文件是空的，请重新发送修改后的 .docx 文件');
  if (bytes.length > Math.min(MAX_BULLETIN_BYTES, FEISHU_UPLOAD_MAX_BYTES)) throw new DubanError(ErrorCode.InvalidInput, '文件超过 20 MB，不像是督查通报，请检查后重新发送');
  if (!looksLikeDocx(bytes)) throw new DubanError(ErrorCode.InvalidInput, '请发送 Word 文档（.docx）；.doc、PDF 或图片不能替换通报文稿');
  return d.db.transaction(
    (tx) => {
      mustIssue(loadActor(tx, actorId));
      const b = mustFind(tx, bulletinId);
      assertDraft(b.state, b.number);
      const fileName = /\.docx$/i.test(name.trim()) ? name : `${b.number}.docx`;
      const { file } = storeFile(tx, { bytes, name: fileName, kind: 'bulletin', createdBy: actorId, mime: DOCX_MIME }, now);
      if (!updateBulletinFrom(tx, b.id, 'draft', { fileId: file.id })) throw new DubanError(ErrorCode.Conflict, `${b.number} 已有新的变化`);
      audit(tx, b, actorId, 'chat', 'bulletin_replace', now, { fileId: [b.fileId, file.id], name: file.name });
      const updated = findBulletin(tx, b.id)!;
      sendDraft(tx, d, updated, file.id, actorId, `已替换为修改后的文稿：${file.name}`, now);
      return updated;
    },
    { behavior: 'immediate' },
  );
}

/**
 * The bulletin draft a bot message was about, when it is one of its draft files or cards (the reply target of a
 * corrected file), else null. Only drafts sent by the server count: the key is written by {@link sendDraft}.
 */
export function bulletinOfMessage(db: DbOrTx, messageId: string): number | null {
  const row = db.get<{ key: string | null } | undefined>(
    sql`SELECT dedupe_key AS key FROM outbox WHERE message_id = ${messageId} AND purpose = ${BULLETIN_DRAFT_PURPOSE}`,
  );
  const m = row?.key ? /^bulletin:(\d+):/.exec(row.key) : null;
  return m ? Number(m[1]) : null;
}
