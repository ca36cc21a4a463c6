import type { Executor } from "../../../db/schema";
import { buildCalendar, type CalendarFn } from "./holidays";

/**
 * The centre's working calendar: computed statutory holidays, replaced year by year by the
 * official decisions entered for the centre (calendar_days).
 */
export async function loadCalendar(db: Executor, orgId: string, year: number): Promise<CalendarFn> {
  const rows = await db.selectFrom("calendar_days").select(["date", "kind", "name", "source"]).where("org_id", "=", orgId).execute();
  return buildCalendar(year, rows);
}
