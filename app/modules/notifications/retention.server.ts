import type { DB } from "../../../db/schema";
import { jobTx } from "../../../db/tx";
import { deleteInChunks } from "../jobs/runs.server";

/**
 * How long notifications and outbound messages are kept (docs/decisions/0029-incremental-jobs-and-retention.md).
 * A notification is a pointer to a record that lives elsewhere (the task, the roster, the audit
 * log), shown in the bell and the list of the last 100: once read for three months, or a year old
 * read or not, it points at nothing anyone will open. Deleting one can never bring it back: every
 * reminder's dedupe key names a day or a record that is past by then.
 */
export const RETENTION = {
  /** Read notifications, this long after they were read. */
  readNotificationDays: 90,
  /** Every notification, this long after it was created. */
  notificationDays: 365,
  /** Delivered outbound messages, after their last attempt. */
  sentOutboxDays: 30,
  /** Outbound messages given up on (listed to the admin until then), after their last attempt. */
  failedOutboxDays: 90,
} as const;

const DAY = 86_400_000;

export interface PruneOptions {
  size: number;
  maxChunks: number;
  until?: number;
}

/** Deletes notifications by the rules above, their outbox rows first. */
export async function pruneNotifications(db: DB, now: Date, opts: PruneOptions): Promise<{ deleted: number; more: boolean }> {
  const readBefore = new Date(now.getTime() - RETENTION.readNotificationDays * DAY).toISOString();
  const createdBefore = new Date(now.getTime() - RETENTION.notificationDays * DAY).toISOString();
  const drop = (ids: string[]) =>
    jobTx(db, async (tx) => {
      // tenant-safe: retention across all centres: the outbound messages of the notifications deleted next, by their ids.
      await tx.deleteFrom("outbox").where("notification_id", "in", ids).execute();
      // tenant-safe: retention across all centres: notifications picked by age, by id.
      await tx.deleteFrom("notifications").where("id", "in", ids).execute();
    });
  const read = await deleteInChunks(
    async (size) =>
      (
        await db
          // tenant-safe: retention across all centres: read long ago (the read_at index).
          .selectFrom("notifications")
          .select("id")
          .where("read_at", "<", readBefore)
          .limit(size)
          .execute()
      ).map((r) => r.id),
    drop,
    opts,
  );
  const old = await deleteInChunks(
    async (size) =>
      (
        await db
          // tenant-safe: retention across all centres: created long ago (the created_at index).
          .selectFrom("notifications")
          .select("id")
          .where("created_at", "<", createdBefore)
          .limit(size)
          .execute()
      ).map((r) => r.id),
    drop,
    { ...opts, maxChunks: Math.max(1, opts.maxChunks - Math.ceil(read.deleted / opts.size)) },
  );
  return { deleted: read.deleted + old.deleted, more: read.more || old.more };
}

/** Deletes outbound messages delivered or given up on long enough ago. */
export async function pruneOutbox(db: DB, now: Date, opts: PruneOptions): Promise<{ deleted: number; more: boolean }> {
  let deleted = 0;
  let more = false;
  for (const [status, days] of [
    ["sent", RETENTION.sentOutboxDays],
    ["failed", RETENTION.failedOutboxDays],
  ] as const) {
    const before = new Date(now.getTime() - days * DAY).toISOString();
    const r = await deleteInChunks(
      async (size) =>
        (
          await db
            // tenant-safe: retention across all centres: finished messages by their last attempt (the (status, next_attempt_at) index).
            .selectFrom("outbox")
            .select("id")
            .where("status", "=", status)
            .where("next_attempt_at", "<", before)
            .limit(size)
            .execute()
        ).map((r) => r.id),
      async (ids) => {
        await jobTx(db, async (tx) => {
          // tenant-safe: retention across all centres: the messages just picked, by id.
          await tx.deleteFrom("outbox").where("id", "in", ids).where("status", "=", status).execute();
        });
      },
      opts,
    );
    deleted += r.deleted;
    more ||= r.more;
  }
  return { deleted, more };
}
