import type { Executor } from "../../../db/schema";
import { can, parseRoles, type Action } from "../auth/permissions";

/**
 * The active members of a centre whose roles allow `action` (e.g. the directors and deputies who
 * decide leave), for notifying the people a request waits for. One indexed query; a centre has
 * tens of members, bounded at 500.
 */
export async function membersWhoMay(db: Executor, orgId: string, action: Action): Promise<string[]> {
  const rows = await db
    .selectFrom("memberships")
    .select(["id", "roles"])
    .where("org_id", "=", orgId)
    .where("active", "=", 1)
    .limit(500)
    .execute();
  return rows.filter((r) => can(parseRoles(r.roles), action)).map((r) => r.id);
}
