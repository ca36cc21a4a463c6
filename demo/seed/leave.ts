import { randomUUID } from "node:crypto";
import { loadCalendar } from "../../app/modules/calendar/calendar.server";
import { dayOfWeek } from "../../app/modules/calendar/holidays";
import { leaveDays, type LeaveKind, type LeavePart } from "../../app/modules/leave/rules";
import { addDays, vnDateOf } from "../../app/utils/dates";
import type { SeedContext } from "./index";

// Demo leave for tu-ky, dated relative to the seed clock (Vietnam time): approved leave over the
// past two months (annual, sick, a business trip, a half day), one person on leave today, one
// pending request (tuky.canbo02, upcoming) and one refused. Each range stays inside one week
// (Monday to Friday) so it never touches the weekend duty rosters. tuky.canbo01 is kept free on
// the seed date. Seniority: a few members get their start of public service.

const SERVICE_START: Record<string, string> = {
  "tuky.giamdoc": "2005-09-01",
  "tuky.phogiamdoc": "2010-03-15",
  "tuky.canbo02": "2020-09-01",
  "tuky.canbo03": "2014-08-01",
  "tuky.canbo05": "2019-10-01",
};

interface Spec {
  username: string;
  kind: LeaveKind;
  /** Weeks from the Monday of the seed date's week (negative: past). */
  week: number;
  /** Weekdays within that week, 0 = Monday … 4 = Friday. */
  from: number;
  to: number;
  part?: LeavePart;
  reason: string;
  status: "approved" | "pending" | "refused";
  decider?: string;
  note?: string;
}

const SPECS: Spec[] = [
  { username: "tuky.canbo03", kind: "annual", week: -6, from: 0, to: 2, reason: "Về quê giải quyết việc gia đình.", status: "approved", decider: "tuky.giamdoc" },
  { username: "tuky.canbo05", kind: "business", week: -4, from: 2, to: 4, reason: "Dự tập huấn nghiệp vụ một cửa, dịch vụ công trực tuyến tại Sở Nội vụ.", status: "approved", decider: "tuky.giamdoc", note: "Đồng ý. Sau tập huấn báo cáo lại cho Trung tâm." },
  { username: "tuky.canbo04", kind: "sick", week: -2, from: 1, to: 2, reason: "Sốt cao, có giấy của trạm y tế xã.", status: "approved", decider: "tuky.phogiamdoc", note: "Chúc đồng chí mau khỏe." },
  { username: "tuky.canbo06", kind: "annual", week: -1, from: 3, to: 3, part: "morning", reason: "Đưa con đi khám bệnh.", status: "approved", decider: "tuky.phogiamdoc" },
  { username: "tuky.canbo07", kind: "personal_paid", week: 1, from: 0, to: 1, reason: "Lo việc cưới của em trai.", status: "refused", decider: "tuky.giamdoc", note: "Đầu tuần cao điểm tiếp nhận hồ sơ đất đai; đề nghị đồng chí chuyển sang thứ Năm, thứ Sáu." },
  { username: "tuky.canbo02", kind: "annual", week: 1, from: 3, to: 4, reason: "Nghỉ phép năm, đưa gia đình về thăm ông bà.", status: "pending" },
];

/** An instant at a Vietnam wall-clock time. */
const vnAt = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

export async function seedLeave(s: SeedContext): Promise<void> {
  const org = s.orgs["tu-ky"];
  if (!org) return;
  const today = vnDateOf(s.now);
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const cal = await loadCalendar(s.db, org.id, Number(today.slice(0, 4)));
  const at = s.now.toISOString();
  const member = (u: string) => s.members[u]!.membershipId;
  const hour = 3_600_000;
  const latest = (d: Date, limit: Date) => new Date(Math.min(d.getTime(), limit.getTime()));
  // Requests for the coming days were sent yesterday morning at the latest, decided that afternoon.
  const yesterdayMorning = new Date(Math.min(vnAt(addDays(today, -1), "08:40").getTime(), s.now.getTime() - 8 * hour));
  const anHourAgo = new Date(s.now.getTime() - hour);

  for (const [username, start] of Object.entries(SERVICE_START)) {
    await s.db.updateTable("memberships").set({ service_start_date: start, updated_at: at }).where("id", "=", member(username)).where("org_id", "=", org.id).where("service_start_date", "is", null).execute();
  }

  const specs = [...SPECS];
  // Someone on leave today (and tomorrow, within the week), for the leaders' "on leave today" list.
  const weekday = (dayOfWeek(today) + 6) % 7;
  if (weekday <= 4) {
    specs.push({ username: "tuky.canbo09", kind: "annual", week: 0, from: weekday, to: Math.min(weekday + 1, 4), reason: "Giải quyết việc gia đình.", status: "approved", decider: "tuky.giamdoc" });
  }

  const rows = [];
  for (const spec of specs) {
    // A week with no working day on the chosen weekdays (Tết, a holiday) moves one week further from today.
    let week = spec.week;
    let from = "";
    let to = "";
    let days = 0;
    for (let tries = 0; tries < 8 && days === 0; tries++) {
      const start = addDays(monday, week * 7);
      from = addDays(start, spec.from);
      to = addDays(start, spec.to);
      days = leaveDays(from, to, spec.part ?? "full", cal);
      if (days === 0 && spec.week === 0) break; // today is not a working day: nobody is shown on leave
      if (days === 0) week += spec.week < 0 ? -1 : 1;
    }
    if (days === 0) continue;
    // Sent a week before (a weekday morning), decided that afternoon; everything before the seed clock.
    const created = latest(vnAt(addDays(from, -7), "08:40"), yesterdayMorning);
    const decided = spec.status === "pending" ? null : latest(new Date(created.getTime() + 6 * hour), anHourAgo);
    rows.push({
      id: randomUUID(),
      org_id: org.id,
      membership_id: member(spec.username),
      kind: spec.kind,
      start_date: from,
      end_date: to,
      part: spec.part ?? "full",
      days,
      reason: spec.reason,
      status: spec.status,
      decided_by: spec.decider ? member(spec.decider) : null,
      decided_at: decided ? decided.toISOString() : null,
      decision_note: spec.note ?? "",
      created_at: created.toISOString(),
    });
  }
  if (rows.length) await s.db.insertInto("leave_requests").values(rows).execute();
}
