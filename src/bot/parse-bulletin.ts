/**
 * `/督办 通报 [期间]`: the period as typed (本期, 上期, 2026年, 2026年9-10月, 2026-09-01..2026-10-31), read by the
 * handler with today's date (domain/stats-periods.ts). Empty: the last two-month period that ended (上期), the one a
 * 通报 is usually about. Pure.
 */
export interface BulletinCommand {
  kind: 'bulletin';
  period: string;
}

export const BULLETIN_USAGE = '/督办 通报 [上期|本期|2026年|2026年9-10月|2026-09-01..2026-10-31]';

export function parseBulletin(args: string): BulletinCommand | { kind: 'error'; message: string } {
  const period = args.trim().replace(/\s+/g, ' ');
  if (period.length > 40) return { kind: 'error', message: `期间写得太长了。\n格式：${BULLETIN_USAGE}` };
  return { kind: 'bulletin', period };
}
