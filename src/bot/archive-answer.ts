import { noticeCard } from '../cards/cards';
import { SOURCE_LABELS, SourceCategories } from '../domain/item';
import type { ArchiveResult } from '../services/archive';

/**
 * The answer to `/督办 归档 <年份>`: how many items were filed, by category. Counts only, no number or title, so it
 * may be shown in a group chat whatever was filed.
 */
export function archiveAnswer(r: ArchiveResult, year: number) {
  if (r.archived === 0) return noticeCard(`${year}年归档`, `${year}年没有待归档的已销号事项（已归档的事项不会重复归档）。`);
  const lines = SourceCategories.filter((c) => r.byCategory[c]).map((c) => `${SOURCE_LABELS[c]}：${r.byCategory[c]} 项`);
  return noticeCard(
    `${year}年归档`,
    `✅ 已将 ${year} 年已销号的 ${r.archived} 项督办事项归档（归档后只读）：\n${lines.join('\n')}\n可用“/督办 列表 归档:${year}”查看，导出：npm run duban -- export archive --year ${year} --out <目录>`,
  );
}
