/**
 * Near-duplicate titles at registration (一事一项). People write the same matter in different words, spacing and
 * punctuation: `推进智慧校园二期建设` and `推进智慧校园二期 建设`, `关于做好…的通知` around the same words. Titles are
 * compared on character bigrams (Chinese has no spaces to split words on, and bigrams are what a reader's eye
 * matches) after normalising width, case, spaces and punctuation, with the office's stock phrases taken out.
 */

/** Words that say nothing about the matter itself (关于…的通知, 做好, 工作): left out before comparing. */
const STOCK = ['关于', '做好', '进一步', '切实', '认真', '加快', '抓紧', '全面', '有关', '相关', '工作', '事项', '的通知', '通知', '的'];

/** Width, case, spaces and punctuation made irrelevant: NFKC folds full-width forms, then only letters and digits stay. */
export function normaliseTitle(text: string): string {
  let t = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  for (const w of STOCK) t = t.split(w).join('');
  return t;
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Common abbreviations, written out so that both forms compare alike. */
const ABBREVIATIONS: Array<[string, string]> = [
  ['教代会', '教职工代表大会'],
  ['双代会', '教职工代表大会学生代表大会'],
  ['学代会', '学生代表大会'],
];

const prepare = (text: string) => {
  let t = normaliseTitle(text);
  for (const [short, long] of ABBREVIATIONS) t = t.split(short).join(long);
  return t;
};

/** How alike two titles are, and whether they name the same matter. */
export interface Likeness {
  /** Sørensen–Dice over character bigrams: 1 for the same words, 0 for nothing shared. Used to rank. */
  score: number;
  /**
   * Same matter: the shorter title's bigrams all appear in the longer one but at most one (words added, dropped or
   * moved: 系统, 与, 项目, 开展), the numbers are the same (2026 and 2027 are two plans), and the titles share at
   * least two thirds of their bigrams (校园安全 inside 校园安全隐患排查 is another matter). A different matter of the same unit differs by a substituted term (本科生/研究生,
   * 招生/就业, 巡视/审计), which leaves two or more of the shorter title's bigrams unmatched.
   */
  same: boolean;
}

export function compareTitles(a: string, b: string): Likeness {
  const x = prepare(a);
  const y = prepare(b);
  if (!x || !y) return { score: 0, same: false };
  if (x === y) return { score: 1, same: true };
  const ga = bigrams(x);
  const gb = bigrams(y);
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const n of ga.values()) na += n;
  for (const [g, n] of gb) {
    nb += n;
    common += Math.min(n, ga.get(g) ?? 0);
  }
  const score = (2 * common) / (na + nb);
  const unmatched = Math.min(na, nb) - common;
  const numbers = (t: string) => (t.match(/\d+/g) ?? []).sort().join(',');
  return { score, same: score >= 0.65 && unmatched <= 1 && numbers(x) === numbers(y) };
}

export const titleSimilarity = (a: string, b: string) => compareTitles(a, b).score;

/** The open items naming the same matter as a new title, most similar first, at most `limit`. */
export function nearDuplicates<T extends { title: string }>(title: string, candidates: readonly T[], limit = 3): Array<{ item: T; score: number }> {
  return candidates
    .map((item) => ({ item, ...compareTitles(title, item.title) }))
    .filter((c) => c.same)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ item, score }) => ({ item, score }));
}

/**
 * Many titles compared with many (a batch registration of a thousand rows against the open items): the same rule
 * as {@link compareTitles}, but each title is prepared once and only titles sharing a bigram with it are visited,
 * through an inverted index whose postings carry the counts, so the shared count is summed rather than recomputed.
 */
export class TitleIndex<T extends { title: string }> {
  private readonly postings = new Map<string, Array<{ at: number; n: number }>>();
  private readonly entries: Array<{ item: T; total: number; numbers: string; text: string }> = [];

  add(item: T): void {
    const text = prepare(item.title);
    const at = this.entries.length;
    const grams = text ? bigrams(text) : new Map<string, number>();
    let total = 0;
    for (const [g, n] of grams) {
      total += n;
      let list = this.postings.get(g);
      if (!list) this.postings.set(g, (list = []));
      list.push({ at, n });
    }
    this.entries.push({ item, total, numbers: numbersOf(text), text });
  }

  /** The indexed items naming the same matter as `title`, most similar first. */
  sameAs(title: string): Array<{ item: T; score: number }> {
    const x = prepare(title);
    if (!x) return [];
    const grams = bigrams(x);
    let na = 0;
    const common = new Map<number, number>();
    for (const [g, n] of grams) {
      na += n;
      for (const p of this.postings.get(g) ?? []) common.set(p.at, (common.get(p.at) ?? 0) + Math.min(n, p.n));
    }
    const numbers = numbersOf(x);
    const out: Array<{ item: T; score: number }> = [];
    for (const [at, c] of common) {
      const e = this.entries[at]!;
      const score = (2 * c) / (na + e.total);
      const same = e.text === x || (score >= 0.65 && Math.min(na, e.total) - c <= 1 && e.numbers === numbers);
      if (same) out.push({ item: e.item, score: e.text === x ? 1 : score });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}

const numbersOf = (t: string) => (t.match(/\d+/g) ?? []).sort().join(',');
