/** Item numbers as the regulations write them: 督办〔2026〕17号. */
export function formatItemNumber(year: number, seq: number): string {
  return `督办〔${year}〕${seq}号`;
}

const NUMBER_RE = /^\s*(?:督办)?\s*[〔\[（(【]?\s*(\d{4})\s*[〕\]）)】]?\s*(\d+)\s*号?\s*$/;

/**
 * Reads what people type for an item number: the full form, or shortcuts such as
 * `2026-17`, `〔2026〕17号`, `[2026]17`. Returns null when it is not a number.
 */
export function parseItemNumber(text: string): { year: number; seq: number } | null {
  const t = text.trim();
  const dash = /^(\d{4})\s*[-/]\s*(\d+)$/.exec(t);
  const m = dash ?? NUMBER_RE.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (!Number.isInteger(seq) || seq < 1 || year < 2000 || year > 2999) return null;
  return { year, seq };
}
