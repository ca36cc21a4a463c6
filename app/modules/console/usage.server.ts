// The operator console's list of centres with their usage (docs/decisions/0043): one page of centres,
// then one grouped query per figure over that page's centres — five queries whatever the page holds,
// each on an index that starts with org_id. Counts only: no centre's tasks, people or records.
import type { Executor } from "../../../db/schema";
import { addDays } from "../../utils/dates";
import { checkedInMemberCounts } from "../attendance/usage.server";
import { attachmentBytes } from "../files/usage.server";
import { photoBytes } from "../inspections/usage.server";
import { activeMemberCounts, centresPage, type CentreRow } from "../org/console.server";

/** "Active" means: checked in at least once in this many days up to today. */
export const ACTIVE_DAYS = 30;

export interface CentreUsage extends CentreRow {
  members: number;
  activeMembers: number;
  storageBytes: number;
}

export async function centresWithUsage(db: Executor, opts: { q?: string; page: number; today: string }): Promise<{ rows: CentreUsage[]; more: boolean; since: string }> {
  const { rows, more } = await centresPage(db, opts);
  const ids = rows.map((r) => r.id);
  const since = addDays(opts.today, -(ACTIVE_DAYS - 1));
  const [members, active, files, photos] = await Promise.all([
    activeMemberCounts(db, ids),
    checkedInMemberCounts(db, ids, since),
    attachmentBytes(db, ids),
    photoBytes(db, ids),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      members: members.get(r.id) ?? 0,
      activeMembers: active.get(r.id) ?? 0,
      storageBytes: (files.get(r.id) ?? 0) + (photos.get(r.id) ?? 0),
    })),
    more,
    since,
  };
}
