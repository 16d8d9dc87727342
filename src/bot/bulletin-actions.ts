/**
 * The buttons of a 督查通报 draft card: 发布, 修改后上传, 作废. They carry `{a, id: 0, v: <bulletin id>}` (`id` stays
 * 0: the card-action handler reads a non-zero `id` as an item). Who clicked is checked by the service, first; a
 * card that is no longer a draft acts on nothing.
 */
import { bulletinCard } from '../cards/bulletin-cards';
import type { Card } from '../cards/types';
import { canIssueBulletin } from '../domain/bulletin';
import { DubanError, ErrorCode } from '../domain/errors';
import { named } from '../domain/stats-periods';
import { findBulletin } from '../db/bulletin-repository';
import { fileById } from '../db/file-repository';
import { loadActor } from '../db/org-repository';
import { DEFAULT_SCHEDULE } from '../scheduler/schedule-config';
import { publishBulletin, totalsLine, voidBulletin } from '../services/bulletins';
import type { BotDeps } from './deps';

interface BulletinClick {
  deps: BotDeps;
  operator: string;
  version: number;
  now: Date;
}

type Answer = { toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }; card?: { type: 'raw'; data: Card } };

function redrawn(a: BulletinClick, bulletinId: number, toast: string, note: string): Answer {
  const b = findBulletin(a.deps.ctx.db, bulletinId)!;
  const file = b.fileId ? fileById(a.deps.ctx.db, b.fileId) : null;
  const card = bulletinCard({
    bulletinId: b.id,
    number: b.number,
    state: b.state as 'draft' | 'published' | 'void',
    periodLabel: named(b.periodFrom, b.periodTo).label,
    totals: totalsLine(a.deps.ctx, b),
    fileName: file?.name ?? null,
    note,
  });
  return { toast: { type: 'success', content: toast }, card: { type: 'raw', data: card } };
}

export const BULLETIN_HANDLERS = {
  publish_bulletin: (a: BulletinClick): Answer => {
    const r = publishBulletin(a.deps.ctx, a.deps.bulletin ?? DEFAULT_SCHEDULE.bulletin, { bulletinId: a.version, actorId: a.operator, channel: 'card' }, a.now);
    const note = `已发布：发送 ${r.recipients} 人，抄送 ${r.copied} 人`;
    return redrawn(a, r.bulletin.id, `${r.bulletin.number} ${note}`, note);
  },
  void_bulletin: (a: BulletinClick): Answer => {
    const b = voidBulletin(a.deps.ctx, { bulletinId: a.version, actorId: a.operator, channel: 'card' }, a.now);
    return redrawn(a, b.id, `${b.number} 已作废，编号不再使用`, '已作废，编号不再使用');
  },
  upload_bulletin: (a: BulletinClick): Answer => {
    if (!canIssueBulletin(loadActor(a.deps.ctx.db, a.operator))) throw new DubanError(ErrorCode.Forbidden, '只有督查室人员可以起草、发布或作废督查通报');
    const b = findBulletin(a.deps.ctx.db, a.version);
    if (!b) throw new DubanError(ErrorCode.NotFound, '没有找到该督查通报，请使用最新的卡片');
    if (b.state !== 'draft') throw new DubanError(ErrorCode.InvalidState, `${b.number} 已不是草稿，不能再修改`);
    return { toast: { type: 'info', content: '请下载文稿修改后，长按本卡片选择“回复”，发送修改后的 .docx 文件，即替换草稿' } };
  },
};
