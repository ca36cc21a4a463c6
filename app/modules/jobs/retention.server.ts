import type { DB } from "../../../db/schema";
import { pruneExpiredSessions } from "../auth/session.server";
import { pruneNotifications, pruneOutbox } from "../notifications/retention.server";
import { withJobRun } from "./runs.server";

/** Once a pass has found nothing more to delete, the next one waits this long. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;
/** Rows per delete, and deletes per run: a backlog is worked off over several runs. */
const CHUNK = { size: 500, maxChunks: 40 };

interface RetentionCursor {
  /** No pass before this instant (ISO), unless the last one left rows behind. */
  nextAt: string;
}

/**
 * The retention rules of ever-growing tables (docs/decisions/0029-incremental-jobs-and-retention.md):
 * notifications and their outbound messages, delivered or failed outbound messages, expired
 * sessions. Bounded: chunks of a few hundred rows in short transactions with the event loop given
 * back in between, at most CHUNK.maxChunks per table and run; an hour between passes once nothing
 * is left. The audit log, task timelines, check-ins and every other record of what people did are
 * never pruned. Returns how many rows it deleted.
 */
export async function runRetention(db: DB, now: Date): Promise<number> {
  return withJobRun<RetentionCursor>(db, "retention", now, async (run) => {
    if (run.cursor.nextAt && now.toISOString() < run.cursor.nextAt) return 0;
    const results = [await pruneNotifications(db, now, CHUNK), await pruneOutbox(db, now, CHUNK), await pruneExpiredSessions(db, now, CHUNK)];
    const more = results.some((r) => r.more);
    run.cursor = { nextAt: more ? now.toISOString() : new Date(now.getTime() + RETENTION_INTERVAL_MS).toISOString() };
    return results.reduce((n, r) => n + r.deleted, 0);
  });
}
