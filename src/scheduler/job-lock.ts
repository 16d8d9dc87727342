import { randomUUID } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobLocks } from '../db/schema';

/**
 * Runs `fn` only if no other process holds the job's lock (the server's cron and a `tick` started by hand).
 * The lease expires, so a crashed holder does not block the job for ever. Wall-clock time on purpose: this is
 * about processes, not about the moment the job pretends it is.
 */
export async function withJobLock<T>(db: Db, name: string, leaseMs: number, fn: () => Promise<T> | T): Promise<T | null> {
  const holder = `${process.pid}-${randomUUID()}`;
  const now = new Date();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const taken = db
    .insert(jobLocks)
    .values({ name, holder, until })
    .onConflictDoUpdate({
      target: jobLocks.name,
      set: { holder, until },
      setWhere: lt(jobLocks.until, now.toISOString()),
    })
    .run();
  if (taken.changes === 0) return null;
  try {
    return await fn();
  } finally {
    db.delete(jobLocks).where(and(eq(jobLocks.name, name), eq(jobLocks.holder, holder))).run();
  }
}
