/** Item numbers as the regulations write them: 督办〔2026〕17号. */
export function formatItemNumber(year: number, seq: number): string {
  return `督办〔${year}〕${seq}号`;
}

// Brackets are required (督办 alone is not enough): bare digits like "202617" must not open item 17 of 2026.
const NUMBER_RE = /^\s*(?:督办)?\s*[〔\[（(【]\s*(\d{4})\s*[〕\]）)】]\s*(\d{1,6})\s*号?\s*$/;

/**
 * Reads what people type for an item number: the full form, or shortcuts such as
 * `2026-17`, `〔2026〕17号`, `[2026]17`. Returns null when it is not a number.
 */
export function parseItemNumber(text: string): { year: number; seq: number } | null {
  const t = text.trim();
  const dash = /^(\d{4})\s*[-/]\s*(\d{1,6})$/.exec(t);
  const m = dash ?? NUMBER_RE.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (!Number.isInteger(seq) || seq < 1 || year < 2000 || year > 2999) return null;
  return { year, seq };
}
