import type { Actor } from '../domain/actor';
import { assertMayAddEvidence } from '../domain/evidence';
import type { Item } from '../domain/item';
import type { DbOrTx } from '../db/client';
import { type Channel, insertAudit } from '../db/history-repository';
import { type StoredFile, storeFile } from '../files/file-store';

/**
 * Records a file a unit sent as 佐证材料 of an item: stored content-addressed, recorded with who and when, and an
 * `add_evidence` history row, inside the caller's transaction. The same content twice for one item is recorded
 * once (`created: false`, no second history row).
 */
export function addEvidence(
  tx: DbOrTx,
  r: { item: Item; actor: Actor; bytes: Buffer; name: string; mime: string; sourceMessageId: string; channel: Channel },
  now: Date,
): { file: StoredFile; created: boolean } {
  assertMayAddEvidence(r.item, r.actor);
  const stored = storeFile(tx, { bytes: r.bytes, name: r.name, kind: 'evidence', itemId: r.item.id, createdBy: r.actor.id, sourceMessageId: r.sourceMessageId, mime: r.mime }, now);
  if (stored.created) {
    insertAudit(tx, {
      itemId: r.item.id,
      actorId: r.actor.id,
      channel: r.channel,
      action: 'add_evidence',
      fromState: r.item.state,
      toState: r.item.state,
      changes: { file: stored.file.name, size: stored.file.size, sha256: stored.file.sha256, fileId: stored.file.id },
      at: now.toISOString(),
    });
  }
  return stored;
}
