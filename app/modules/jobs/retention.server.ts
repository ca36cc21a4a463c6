import type { DB } from "../../../db/schema";
import { pruneExpiredSessions } from "../auth/session.server";
import { pruneNotifications, pruneOutbox } from "../notifications/retention.server";
import { withJobRun } from "./runs.server";

/** Once a pass has found nothing more to delete, the next one waits this long. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;
/**
 * Rows per delete, and at most so many deletes or so much time per table and run: a backlog (the
 * first run on a database that never pruned) is worked off over many runs, a few thousand rows a
 * minute at most, while requests keep the database most of the time.
 */
const CHUNK = { size: 100, maxChunks: 100 };
/** Time a run may spend deleting, all tables together. */
const BUDGET_MS = 15_000;

interface RetentionCursor {
  /** No pass before this instant (ISO), unless the last one left rows behind. */
  nextAt: string;
}

/**
 * The retention rules of ever-growing tables (docs/decisions/0029-incremental-jobs-and-retention.md):
 * notifications and their outbound messages, delivered or failed outbound messages, expired
 * sessions. Bounded: chunks of a hundred rows in short transactions with a pause as long as the chunk
 * in between, at most CHUNK.maxChunks per table and BUDGET_MS per run; an hour between passes once nothing
 * is left. The audit log, task timelines, check-ins and every other record of what people did are
 * never pruned. Returns how many rows it deleted.
 */
export async function runRetention(db: DB, now: Date): Promise<number> {
  return withJobRun<RetentionCursor>(db, "retention", now, async (run) => {
    if (run.cursor.nextAt && now.toISOString() < run.cursor.nextAt) return 0;
    const opts = { ...CHUNK, until: performance.now() + BUDGET_MS };
    // The small tables first: a backlog of notifications (a database that never pruned) takes the
    // whole budget of many runs and would otherwise leave expired sessions in place meanwhile.
    const results = [await pruneExpiredSessions(db, now, opts), await pruneOutbox(db, now, opts), await pruneNotifications(db, now, opts)];
    const more = results.some((r) => r.more);
    run.cursor = { nextAt: more ? now.toISOString() : new Date(now.getTime() + RETENTION_INTERVAL_MS).toISOString() };
    return results.reduce((n, r) => n + r.deleted, 0);
  });
}
