import type { files } from '../db/schema';
import { formatTime } from './format';
import { budget, inline } from './item-view';
import type { CardContext } from './types';

/** A stored evidence file as the cards show it (db/schema-documents.ts `files`, kind 'evidence'). */
export type EvidenceFile = Pick<typeof files.$inferSelect, 'id' | 'name' | 'size' | 'createdBy' | 'createdAt'>;

/** Files listed on a card, newest first; each has a 发给我 button, and a card holds a bounded number of them. */
export const EVIDENCE_SHOWN = 10;

/** 1536 → 1.5 KB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The evidence lines of a card (name, size, who, when, the file's id for its button) and their count line. */
export function evidenceView(list: readonly EvidenceFile[] | undefined, c: CardContext, k = 1) {
  const all = list ?? [];
  const b = budget(k);
  const shown = [...all].sort((x, y) => y.id - x.id).slice(0, EVIDENCE_SHOWN);
  return {
    evidenceSummary: all.length > shown.length ? `共 ${all.length} 个，显示最近 ${shown.length} 个` : `共 ${all.length} 个`,
    evidence: shown.map((f) => ({
      fileId: f.id,
      name: inline(f.name, 60),
      size: formatSize(f.size),
      who: inline(c.personName(f.createdBy), b.name),
      time: formatTime(f.createdAt),
    })),
  };
}
