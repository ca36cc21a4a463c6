import type { Executor } from "../../../db/schema";

/**
 * Members who checked in on or after `since` (a YYYY-MM-DD date), per centre, for the given centres:
 * one grouped query over attendance_records_org_date_idx (the operator console's "active" figure).
 */
export async function checkedInMemberCounts(db: Executor, orgIds: readonly string[], since: string): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("attendance_records")
    .select(["org_id", (eb) => eb.fn.count<number>("membership_id").distinct().as("n")])
    .where("org_id", "in", orgIds)
    .where("date", ">=", since)
    .groupBy("org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}
