import type { Executor } from "../../../db/schema";

/**
 * Bytes of the task attachments per centre, for the given centres: one grouped query over
 * attachments_task_idx (org_id first). The size is recorded with each attachment whichever store
 * (FILE_STORAGE) keeps the bytes.
 */
export async function attachmentBytes(db: Executor, orgIds: readonly string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("attachments")
    .select(["org_id", (eb) => eb.fn.sum<number>("size").as("bytes")])
    .where("org_id", "in", orgIds)
    .groupBy("org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.bytes ?? 0)]));
}
