import type { Executor } from "../../../db/schema";
import { approvedLeaveOn } from "../leave/leave.server";

/**
 * Who is away on which dates (approved leave, whole or half day), for the rosters to avoid them:
 * membership id → every calendar date in [from, to] covered by an approved request, ascending.
 */
export async function unavailableDates(db: Executor, orgId: string, from: string, to: string): Promise<Map<string, string[]>> {
  const away = new Map<string, Set<string>>();
  for (const d of await approvedLeaveOn(db, orgId, from, to)) {
    let dates = away.get(d.membershipId);
    if (!dates) away.set(d.membershipId, (dates = new Set()));
    dates.add(d.date);
  }
  return new Map([...away].map(([id, dates]) => [id, [...dates].sort()]));
}
