import { randomUUID } from "node:crypto";
import { at } from "../../app/modules/attendance/rules";
import { loadCalendar } from "../../app/modules/calendar/calendar.server";
import { memberHoursOn, scheduleOn } from "../../app/modules/calendar/schedule";
import { loadScheduleVersions } from "../../app/modules/calendar/schedule.server";
import { addDays, vnDateOf } from "../../app/utils/dates";
import type { SeedContext } from "./index";

// Three months of check-ins for tu-ky: most people on time, two habitual late-comers, the odd early
// leave, one unexplained absence, nobody checking in while on approved leave, today's arrivals up to
// `now`, and one forgotten check-in put right by a correction. Deterministic for a given `now`.

/** A small deterministic hash in [0, 1). */
function rand(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join("|")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return (h % 100000) / 100000;
}

const HABITUALLY_LATE = new Set(["tuky.canbo06", "tuky.canbo09"]);

/**
 * Three months of check-ins at the two small centres (demo/seed/org.ts SMALL_CENTRES): Gia Lộc
 * punctual, Thanh Hà late more often, so the oversight group's comparison differs between them.
 */
async function seedSmallCentres(s: SeedContext, today: string, from: string): Promise<void> {
  for (const [slug, lateShare] of [
    ["gia-loc", 0.03],
    ["thanh-ha", 0.15],
  ] as const) {
    const org = s.orgs[slug];
    if (!org) continue;
    const [versions, cal] = await Promise.all([loadScheduleVersions(s.db, org.id), loadCalendar(s.db, org.id, Number(from.slice(0, 4)))]);
    const members = Object.entries(s.members).filter(([, m]) => m.orgId === org.id);
    const rows = [];
    for (let d = from; d < today; d = addDays(d, 1)) {
      const schedule = scheduleOn(versions, d);
      for (const [username, m] of members) {
        const h = memberHoursOn(schedule, d, m.membershipId, cal);
        if (!h) continue;
        const r = rand(slug, username, d);
        const late = r < lateShare ? 7 + Math.floor(r * 300) : -14 + Math.floor(r * 14);
        const checkIn = new Date(at(d, h.morning[0]).getTime() + late * 60_000);
        const checkOut = new Date(at(d, (h.afternoon ?? h.morning)[1]).getTime() + Math.floor(rand("o", username, d) * 15) * 60_000);
        rows.push({
          id: randomUUID(),
          org_id: org.id,
          membership_id: m.membershipId,
          date: d,
          session: "day" as const,
          check_in_at: checkIn.toISOString(),
          check_in_ip: "113.160.20.8",
          check_out_at: checkOut.toISOString(),
          check_out_ip: "113.160.20.8",
          created_at: checkIn.toISOString(),
        });
      }
    }
    for (let i = 0; i < rows.length; i += 300) await s.db.insertInto("attendance_records").values(rows.slice(i, i + 300)).execute();
  }
}

export async function seedAttendance(s: SeedContext): Promise<void> {
  const orgId = s.orgs["tu-ky"]!.id;
  const today = vnDateOf(s.now);
  const from = addDays(today, -91);
  const [versions, cal, leave] = await Promise.all([
    loadScheduleVersions(s.db, orgId),
    loadCalendar(s.db, orgId, Number(from.slice(0, 4))),
    s.db.selectFrom("leave_requests").select(["membership_id", "start_date", "end_date", "part"]).where("org_id", "=", orgId).where("status", "=", "approved").execute(),
  ]);
  const onLeave = (m: string, d: string) => leave.some((l) => l.membership_id === m && l.start_date <= d && d <= l.end_date && l.part === "full");
  const members = Object.entries(s.members).filter(([, m]) => m.orgId === orgId);
  const rows: {
    id: string;
    org_id: string;
    membership_id: string;
    date: string;
    session: "day";
    check_in_at: string;
    check_in_ip: string;
    check_out_at: string | null;
    check_out_ip: string;
    created_at: string;
  }[] = [];
  await seedSmallCentres(s, today, from);
  const absentOnce = { member: s.members["tuky.canbo04"]!.membershipId, date: "" };
  const forgotten = { member: s.members["tuky.canbo03"]!.membershipId, date: "" };
  for (let d = from; d <= today; d = addDays(d, 1)) {
    const schedule = scheduleOn(versions, d);
    const daysAgo = Math.round((Date.parse(today) - Date.parse(d)) / 86400000);
    for (const [username, m] of members) {
      const h = memberHoursOn(schedule, d, m.membershipId, cal);
      if (!h) continue;
      if (onLeave(m.membershipId, d)) continue;
      if (daysAgo === 23 && m.membershipId === absentOnce.member) {
        absentOnce.date = d;
        continue;
      }
      if (daysAgo === 12 && m.membershipId === forgotten.member) {
        forgotten.date = d;
        continue;
      }
      const r = rand(username, d);
      const late = HABITUALLY_LATE.has(username) ? (r < 0.4 ? 8 + Math.floor(r * 45) : -3) : r < 0.04 ? 6 + Math.floor(r * 200) : -15 + Math.floor(r * 17);
      const start = at(d, h.morning[0]);
      const checkIn = new Date(start.getTime() + late * 60_000 + Math.floor(rand("s", username, d) * 59) * 1000);
      if (checkIn > s.now) continue;
      // Hoàng Thị Lan has not arrived yet at seed time (the browser test checks her in).
      if (d === today && username === "tuky.canbo01") continue;
      const end = at(d, (h.afternoon ?? h.morning)[1]);
      const early = rand("out", username, d) < 0.03 ? -25 : Math.floor(rand("o", username, d) * 20);
      const checkOut = new Date(end.getTime() + early * 60_000);
      rows.push({
        id: randomUUID(),
        org_id: orgId,
        membership_id: m.membershipId,
        date: d,
        session: "day",
        check_in_at: checkIn.toISOString(),
        check_in_ip: "203.162.10.25",
        check_out_at: checkOut <= s.now ? checkOut.toISOString() : null,
        check_out_ip: checkOut <= s.now ? "203.162.10.25" : "",
        created_at: checkIn.toISOString(),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 300) await s.db.insertInto("attendance_records").values(rows.slice(i, i + 300)).execute();
  if (forgotten.date) {
    const asked = new Date(at(forgotten.date, "17:10").getTime());
    await s.db
      .insertInto("attendance_corrections")
      .values({
        id: randomUUID(),
        org_id: orgId,
        membership_id: forgotten.member,
        date: forgotten.date,
        session: "day",
        check_in_time: "07:25",
        check_out_time: "17:00",
        reason: "Quên chấm công do tiếp công dân ngay từ đầu giờ tại Quầy 2; có sổ tiếp nhận hồ sơ làm chứng.",
        status: "approved",
        decided_by: s.members["tuky.giamdoc"]!.membershipId,
        decided_at: new Date(asked.getTime() + 18 * 3600_000).toISOString(),
        decision_note: "Đồng ý, đã đối chiếu sổ tiếp nhận.",
        created_at: asked.toISOString(),
      })
      .execute();
  }
}
