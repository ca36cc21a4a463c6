import { randomUUID } from "node:crypto";
import { official2026Overrides } from "../../app/modules/calendar/holidays";
import type { SeedContext } from "./index";

/** The official 2026 day-off decisions, entered for every demo centre as an admin would. */
export async function seedCalendar(s: SeedContext): Promise<void> {
  const at = s.now.toISOString();
  for (const org of Object.values(s.orgs)) {
    await s.db
      .insertInto("calendar_days")
      .values(
        official2026Overrides.map((o) => ({
          id: randomUUID(),
          org_id: org.id,
          date: o.date,
          kind: o.kind,
          name: o.name,
          source: o.source ?? "",
          created_at: at,
        })),
      )
      .execute();
  }
}
