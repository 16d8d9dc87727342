/**
 * `/督办 归档 <年份>`: files the closed items of that year (closed in it). Pure, like the rest of the parser. The
 * year is required: filing is done a year at a time, as the office files its paper.
 */
export interface ArchiveCommand {
  kind: 'archive';
  year: number;
}

export const ARCHIVE_USAGE = '/督办 归档 <年份>（将该年已销号的事项按来源类别归档，如 /督办 归档 2026）';

export function parseArchive(args: string): ArchiveCommand | { kind: 'error'; message: string } {
  const m = /^(\d{4})\s*年?$/.exec(args.trim());
  const year = m ? Number(m[1]) : NaN;
  if (!(year >= 2000 && year <= 2099)) {
    return { kind: 'error', message: `${args.trim() ? `“${args.trim().slice(0, 20)}”不是有效的年份。` : '缺少年份。'}\n格式：${ARCHIVE_USAGE}` };
  }
  return { kind: 'archive', year };
}
