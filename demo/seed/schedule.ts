import { randomUUID } from "node:crypto";
import type { SeedContext } from "./index";

// Former Hải Dương province hours (now part of Hải Phòng), applied down to the communes.
const HAI_DUONG_SEASONS = [
  { name: "Mùa hè", fromMd: "04-01", toMd: "10-31", morningStart: "07:00", morningEnd: "11:30", afternoonStart: "13:30", afternoonEnd: "17:00" },
  { name: "Mùa đông", fromMd: "11-01", toMd: "03-31", morningStart: "07:30", morningEnd: "12:00", afternoonStart: "13:00", afternoonEnd: "16:30" },
];

/** The day the demo centres' schedules took effect (the centres opened after the 2025 reform). */
const SINCE = "2025-07-01";

const CENTRES: { slug: string; saturdayOpening: boolean; saturdayStaff: string[] }[] = [
  { slug: "tu-ky", saturdayOpening: false, saturdayStaff: [] },
  // One member works the Saturday morning at An Phú (the centre's rota).
  { slug: "an-phu", saturdayOpening: true, saturdayStaff: ["anphu.canbo01"] },
  { slug: "gia-loc", saturdayOpening: false, saturdayStaff: [] },
  { slug: "thanh-ha", saturdayOpening: false, saturdayStaff: [] },
];

/**
 * Working schedules of the demo centres, as one dated version each: Tứ Kỳ closed on Saturdays, An
 * Phú open Saturday mornings with its Saturday rota. The org_settings row keeps the centre's other
 * settings (office networks, leave entitlement).
 */
export async function seedSchedule(s: SeedContext): Promise<void> {
  const at = s.now.toISOString();
  for (const c of CENTRES) {
    const org = s.orgs[c.slug];
    if (!org) continue;
    const settings = {
      saturday_opening: c.saturdayOpening ? 1 : 0,
      saturday_start: "07:30",
      saturday_end: "11:30",
      grace_minutes: 5,
      checkin_mode: "day" as const,
      holiday_weight: 2,
      weekend_weight: 1,
    };
    await s.db
      .insertInto("org_settings")
      .values({ org_id: org.id, ...settings, updated_at: at })
      .execute();
    await s.db
      .insertInto("schedule_versions")
      .values({
        id: randomUUID(),
        org_id: org.id,
        effective_from: SINCE,
        ...settings,
        seasons: JSON.stringify(HAI_DUONG_SEASONS.map((season) => ({ id: randomUUID(), ...season }))),
        saturday_staff: JSON.stringify(c.saturdayStaff.map((u) => s.members[u]!.membershipId).sort()),
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}
