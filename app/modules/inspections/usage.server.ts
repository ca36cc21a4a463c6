import type { Executor } from "../../../db/schema";

/** Bytes of the inspection photos per centre, for the given centres: one grouped query (org_id first in its index). */
export async function photoBytes(db: Executor, orgIds: readonly string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("inspection_photos")
    .select(["org_id", (eb) => eb.fn.sum<number>("size").as("bytes")])
    .where("org_id", "in", orgIds)
    .groupBy("org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.bytes ?? 0)]));
}
