import { randomUUID } from "node:crypto";
import type { SeedContext } from "./index";

// Former Hải Dương province hours (now part of Hải Phòng), applied down to the communes.
const HAI_DUONG_SEASONS = [
  { name: "Mùa hè", from_md: "04-01", to_md: "10-31", morning_start: "07:00", morning_end: "11:30", afternoon_start: "13:30", afternoon_end: "17:00" },
  { name: "Mùa đông", from_md: "11-01", to_md: "03-31", morning_start: "07:30", morning_end: "12:00", afternoon_start: "13:00", afternoon_end: "16:30" },
];

const CENTRES: { slug: string; saturdayOpening: boolean }[] = [
  { slug: "tu-ky", saturdayOpening: false },
  { slug: "an-phu", saturdayOpening: true },
];

/** Working schedules of the demo centres: Tứ Kỳ closed on Saturdays, An Phú open Saturday mornings. */
export async function seedSchedule(s: SeedContext): Promise<void> {
  const at = s.now.toISOString();
  for (const c of CENTRES) {
    const org = s.orgs[c.slug];
    if (!org) continue;
    await s.db
      .insertInto("org_settings")
      .values({
        org_id: org.id,
        saturday_opening: c.saturdayOpening ? 1 : 0,
        saturday_start: "07:30",
        saturday_end: "11:30",
        grace_minutes: 5,
        checkin_mode: "day",
        holiday_weight: 2,
        weekend_weight: 1,
        updated_at: at,
      })
      .execute();
    await s.db
      .insertInto("work_seasons")
      .values(HAI_DUONG_SEASONS.map((season) => ({ id: randomUUID(), org_id: org.id, ...season, created_at: at })))
      .execute();
  }
}
