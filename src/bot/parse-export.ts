/**
 * `/督办 导出 [筛选]` and `/督办 导入模板`. The export's conditions are the 列表's where they mean the same (状态, 单位,
 * 年份, 已办结; parse-list.ts reads them), plus the archive's (归档年度:2025, 归档类别:<来源类别>). A ledger is every
 * item the person may see, so the 列表's scopes other than 全部, its lights and its keyword are refused with what to
 * write instead. Pure, like the rest of the parser; units are resolved by the handler.
 */
import type { ItemState } from '../domain/item';
import { shorten } from './parse-fields';
import { parseList } from './parse-list';

export interface ExportFilterText {
  states?: ItemState[];
  units?: string[];
  year?: number;
  archiveYear?: number;
  /** As typed: a 来源类别 label or its code (the handler maps it). */
  archiveCategory?: string;
}

export type ExportCommand = { kind: 'export'; filters: ExportFilterText } | { kind: 'import_template' };

export const EXPORT_USAGE = '/督办 导出 [状态:<状态>] [单位:<单位>] [年份:<年份>] [已办结] [归档年度:<年份>] [归档类别:<来源类别>]';
export const TEMPLATE_USAGE = '/督办 导入模板（填好后把文件发给机器人，即批量登记）';
const EXAMPLE = '/督办 导出 年份:2026 单位:教务处';

const ARCHIVE_RE = /(归档年度|归档年份|归档类别)\s*[:：]\s*(\S*)/g;
const error = (message: string) => ({ kind: 'error' as const, message: `导出条件有误：${message}。\n格式：${EXPORT_USAGE}\n例如：${EXAMPLE}` });

export function parseExport(args: string): ExportCommand | { kind: 'error'; message: string } {
  if (args.length > 300) return error('条件写得太长了');
  const problems: string[] = [];
  const f: ExportFilterText = {};
  const rest = args.replace(ARCHIVE_RE, (_, key: string, value: string) => {
    if (!value) problems.push(`“${key}:”后缺少内容`);
    else if (key === '归档类别') {
      if (f.archiveCategory !== undefined) problems.push('归档类别只能写一个');
      f.archiveCategory = value;
    } else {
      const m = /^(\d{4})年?$/.exec(value);
      if (!m) problems.push(`归档年度“${shorten(value)}”应为四位数字，如 归档年度:2025`);
      else f.archiveYear = Number(m[1]);
    }
    return ' ';
  });
  const list = parseList(rest);
  if (list.kind === 'error') {
    // The 列表's own message names what it did not understand; the export's usage follows it.
    return error(list.message.replace(/^列表条件有误：/, '').split('\n')[0]!.replace(/。$/, ''));
  }
  const l = list.filters;
  if ((list.scope !== 'mine' && list.scope !== 'all') || /(^|\s)(我的|mine|my)(\s|$)/i.test(rest)) {
    problems.push('台账包含您可查看的全部事项，无需写范围（可写 单位:… 只导出某单位的）');
  }
  if (l.lights?.length) problems.push('导出不按红黄绿灯筛选：台账中每项的灯以单元格颜色标出，可在 Excel 中筛选');
  if (l.keyword) problems.push('导出不按关键词筛选，可在 Excel 中筛选');
  if (l.closed === 'include') problems.push('导出默认已含已办结的事项，无需写“含已办结”');
  if (problems.length) return error(problems.join('；'));
  const states = l.states ?? (l.closed === 'only' ? (['closed', 'archived'] as ItemState[]) : undefined);
  if (states) f.states = states;
  if (l.units?.length) f.units = l.units;
  if (l.year !== undefined) f.year = l.year;
  return { kind: 'export', filters: f };
}
