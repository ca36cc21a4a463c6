import type { Executor } from "../../../db/schema";

/** Every failed item of the submitted inspections in [from, to], with its corrective action if any. */
export async function findingsForExport(db: Executor, orgId: string, from: string, to: string, memberId?: string) {
  let q = db
    .selectFrom("inspection_results as r")
    .innerJoin("inspections as i", "i.id", "r.inspection_id")
    .innerJoin("inspection_template_items as it", "it.id", "r.item_id")
    .innerJoin("memberships as m", "m.id", "r.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("memberships as im", "im.id", "i.inspector_id")
    .innerJoin("users as iu", "iu.id", "im.user_id")
    .leftJoin("inspection_actions as a", "a.result_id", "r.id")
    .select([
      "i.inspected_date as date",
      "i.place",
      "i.counter",
      "iu.full_name as inspector",
      "u.full_name as member",
      "it.code",
      "it.text",
      "it.basis",
      "r.note",
      "a.requirement",
      "a.due_date as dueDate",
      "a.status as actionStatus",
    ])
    .where("r.org_id", "=", orgId)
    .where("i.org_id", "=", orgId)
    .where("i.status", "=", "submitted")
    .where("r.outcome", "=", "fail")
    .where("i.inspected_date", ">=", from)
    .where("i.inspected_date", "<=", to);
  if (memberId) q = q.where("r.membership_id", "=", memberId);
  return q.orderBy("i.inspected_date").orderBy("u.full_name").limit(10000).execute();
}
