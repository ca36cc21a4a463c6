import type { Executor } from "../../../db/schema";
import { byName, withNames } from "../org/members.server";

/** Every failed item of the submitted inspections in [from, to], with its corrective action if any. */
export async function findingsForExport(db: Executor, orgId: string, from: string, to: string, memberId?: string) {
  let q = db
    .selectFrom("inspection_results as r")
    .innerJoin("inspections as i", "i.id", "r.inspection_id")
    .innerJoin("inspection_template_items as it", "it.id", "r.item_id")
    // By the centre and inspection first: the (org_id, inspection_id) index (result_id has none).
    .leftJoin("inspection_actions as a", (j) => j.onRef("a.org_id", "=", "i.org_id").onRef("a.inspection_id", "=", "i.id").onRef("a.result_id", "=", "r.id"))
    .select([
      "i.inspected_date as date",
      "i.place",
      "i.counter",
      "i.inspector_id as inspectorId",
      "r.membership_id as membershipId",
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
  const rows = await withNames(db, orgId, await q.orderBy("i.inspected_date").limit(10000).execute(), { inspector: (r) => r.inspectorId, member: (r) => r.membershipId });
  const member = byName<(typeof rows)[number]>((r) => r.member);
  // By date, then by the member's name.
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : member(a, b)));
  return rows.map(({ inspectorId: _i, membershipId: _m, ...r }) => r);
}
