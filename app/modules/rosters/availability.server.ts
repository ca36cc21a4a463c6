import type { Executor } from "../../../db/schema";

/**
 * Who is away on which dates (approved leave), for the rosters to avoid them. The attendance
 * capability plugs its approved leave in here; until it exists nobody is away.
 */
export async function unavailableDates(_db: Executor, _orgId: string, _from: string, _to: string): Promise<Map<string, string[]>> {
  return new Map();
}
