/**
 * Maps the free text people type for an item's source (来源) to a SourceCategory, by keywords.
 *
 * The rules are tried top to bottom and the first keyword found wins, so the order is the policy:
 *
 *   0. the text is exactly a category id (`committee`, `other`, …)       → that category
 *   1. committee           党委全委会 全委会 党委常委会 常委会 党委会 校长办公会 校务会
 *                          (before `meeting`: 校长办公会 contains 会, 党委会会议纪要 contains 会议)
 *   2. congress            教代会 教职工代表大会 双代会 提案
 *   3. superior            上级 教育部 教育厅 省委 省政府 国务院 党中央 中共中央 巡视
 *                          (before leader_instruction: 教育部批示 / 上级交办 are the superior's, not a 校领导's)
 *   4. annual_plan         年度工作要点 工作要点 年度重点工作
 *   5. leader_instruction  校领导 领导批示 批示 交办
 *                          (before petition: a 校领导批示 on a 师生反映 is acted on because of the instruction)
 *   6. petition            信访 师生关切 师生反映 校长信箱 书记信箱 来信来访
 *   7. superior            转办 (weak: 校长信箱转办 is a petition, 教育部转办 was caught at 3)
 *   8. meeting             例会 专题会 调度会 协调会 推进会 会议
 *   9. other
 *
 * Every SOURCE_LABELS label classifies as its own category. `ref` is the original text, trimmed.
 */
import { SourceCategories, type SourceCategory } from '../domain/item';

const RULES: ReadonlyArray<readonly [SourceCategory, readonly string[]]> = [
  ['committee', ['党委全委会', '全委会', '党委常委会', '常委会', '党委会', '校长办公会', '校务会']],
  ['congress', ['教代会', '教职工代表大会', '双代会', '提案']],
  ['superior', ['上级', '教育部', '教育厅', '省委', '省政府', '国务院', '党中央', '中共中央', '巡视']],
  ['annual_plan', ['年度工作要点', '工作要点', '年度重点工作']],
  ['leader_instruction', ['校领导', '领导批示', '批示', '交办']],
  ['petition', ['信访', '师生关切', '师生反映', '校长信箱', '书记信箱', '来信来访']],
  ['superior', ['转办']],
  ['meeting', ['例会', '专题会', '调度会', '协调会', '推进会', '会议']],
];

export function classifySource(text: string): { category: SourceCategory; ref: string } {
  const ref = text.trim();
  const id = ref.toLowerCase();
  const exact = SourceCategories.find((c) => c === id);
  if (exact) return { category: exact, ref };
  for (const [category, words] of RULES) {
    if (words.some((w) => ref.includes(w))) return { category, ref };
  }
  return { category: 'other', ref };
}
