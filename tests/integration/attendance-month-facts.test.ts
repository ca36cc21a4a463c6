import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../db/schema";
import { decideCorrection, evaluateRange, requestCorrection } from "~/modules/attendance/attendance.server";
import { addDecision } from "~/modules/calendar/calendar.server";
import { updateScheduleSettings, getSchedule } from "~/modules/calendar/schedule.server";
import type { Ctx } from "~/modules/ctx";
import { decideLeave, requestLeave } from "~/modules/leave/leave.server";
import { centreDashboard } from "~/modules/people/dashboard.server";
import { personView } from "~/modules/people/people.server";
import { rate } from "~/modules/people/period";
import { addDays, parsePeriodKey, vnDateOf } from "~/utils/dates";
import { memberOf } from "../helpers/db";
import { startSignedIn, type Client, type TestServer } from "../helpers/server";

// The dashboard and the person view read a month's closed days from attendance_month_facts
// (docs/decisions/0035-attendance-month-facts.md). Every change to what a past day is judged by —
// a calendar decision for a past date, an approved correction, an approved leave — must show at
// once, and the figures must always equal those of evaluating every day afresh.
// Seeded at Tuesday 10/03/2026 08:00: February is closed, March has 1–9 closed and today live.
let srv: TestServer;
let director: Client;
beforeEach(async () => ({ srv, client: director } = await startSignedIn("tuky.giamdoc")));
afterEach(() => srv.close());

const ctxOf = async (username: string): Promise<Ctx> => {
  const m = await memberOf(srv.db, username);
  return { orgId: m.orgId, actorUserId: m.userId, membershipId: m.membershipId, now: srv.clock.now() };
};
const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);

/** A member's figures for a month the old way: every day evaluated afresh by evaluateRange. */
async function reference(db: DB, orgId: string, membershipId: string, month: string, now: Date) {
  const today = vnDateOf(now);
  const to = monthEnd(month) < today ? monthEnd(month) : today;
  const { days } = await evaluateRange(db, orgId, `${month}-01`, to, now, membershipId);
  const attended = days.filter((d) => d.state === "present" && d.working);
  const leaveByKind: Record<string, number> = {};
  for (const d of days) if (d.leave && d.working) leaveByKind[d.leave.kind] = (leaveByKind[d.leave.kind] ?? 0) + (d.leave.part === "full" ? 1 : 0.5);
  return {
    worked: days.reduce((s, d) => s + d.workedDays, 0),
    lateCount: attended.filter((d) => d.lateMinutes > 0).length,
    lateMinutes: attended.reduce((s, d) => s + d.lateMinutes, 0),
    earlyCount: attended.filter((d) => d.earlyMinutes > 0).length,
    absent: days.reduce((s, d) => s + d.absentDays, 0),
    leaveByKind,
    punctuality: rate(attended.filter((d) => d.lateMinutes === 0).length, attended.length),
  };
}

/** The person view's and the dashboard's figures for a member and month, and the reference. */
async function figures(username: string, month: string) {
  const m = await memberOf(srv.db, username);
  const boss = await memberOf(srv.db, "tuky.giamdoc");
  const now = srv.clock.now();
  const [view, dash, ref] = await Promise.all([
    personView(srv.db, m.orgId, m.membershipId, parsePeriodKey(month)!, now),
    centreDashboard(srv.db, m.orgId, boss.membershipId, now),
    reference(srv.db, m.orgId, m.membershipId, month, now),
  ]);
  const row = dash.people.find((p) => p.membershipId === m.membershipId)!;
  return { view: view.attendance, trend: view.trend.find((t) => t.month === month)?.punctuality, dash: month === dash.month ? row : null, ref };
}

/** Checks the stored and live figures against the reference, and returns them. */
async function agreed(username: string, month: string) {
  const f = await figures(username, month);
  expect(f.view).toEqual(f.ref);
  expect(f.trend).toBe(f.ref.punctuality);
  if (f.dash) {
    expect(f.dash.late).toBe(f.ref.lateCount);
    expect(f.dash.absent).toBe(f.ref.absent);
    expect(f.dash.punctuality).toBe(f.ref.punctuality);
  }
  return f.ref;
}

const person = async (username: string, period: string) => (await director.fetch(`/o/tu-ky/people/${(await memberOf(srv.db, username)).membershipId}?period=${period}`)).text();
const punctualityCell = (html: string) => /data-testid="punctuality"[^>]*>([^<]*)</.exec(html)?.[1];

/** A working day of `month` on which the member was present (by the reference evaluation). */
async function presentDay(username: string, month: string, pick: (d: { date: string; lateMinutes: number }) => boolean = () => true) {
  const m = await memberOf(srv.db, username);
  const now = srv.clock.now();
  const to = monthEnd(month) < vnDateOf(now) ? monthEnd(month) : addDays(vnDateOf(now), -1);
  const { days } = await evaluateRange(srv.db, m.orgId, `${month}-01`, to, now, m.membershipId);
  return days.find((d) => d.working && d.state === "present" && !d.leave && pick(d))?.date;
}

describe("attendance figures kept per month", () => {
  it("are stored for closed days only, and a second view reads them without changing them", async () => {
    const lan = await memberOf(srv.db, "tuky.canbo01");
    // Stored by the page itself (on PostgreSQL as the app's role, row-level security applying).
    await person("tuky.canbo01", "2026-Q1");
    const stored = await srv.db.selectFrom("attendance_month_facts").select("month").where("org_id", "=", lan.orgId).where("membership_id", "=", lan.membershipId).execute();
    expect(stored.map((r) => r.month).sort()).toEqual(expect.arrayContaining(["2026-01", "2026-02", "2026-03"]));
    const first = await agreed("tuky.canbo01", "2026-02");
    await agreed("tuky.canbo01", "2026-03");
    const rows = await srv.db.selectFrom("attendance_month_facts").select(["month", "through"]).where("org_id", "=", lan.orgId).where("membership_id", "=", lan.membershipId).execute();
    const by = new Map(rows.map((r) => [r.month, r.through]));
    expect(by.get("2026-02")).toBe("2026-02-28");
    expect(by.get("2026-03")).toBe("2026-03-09"); // today (10/03) is never stored
    expect(await agreed("tuky.canbo01", "2026-02")).toEqual(first);
  });

  it("a calendar decision for a past date (a day off) changes the closed month's figures at once", async () => {
    expect(await person("tuky.canbo01", "2026-02")).toContain("Chấp hành giờ giấc trong kỳ"); // stored by the page
    const before = await agreed("tuky.canbo01", "2026-02");
    const day = await presentDay("tuky.canbo01", "2026-02");
    expect(day).toBeDefined();
    await addDecision(srv.db, await ctxOf("tuky.admin"), { date: day!, kind: "off", name: "Nghỉ theo quyết định", source: "Quyết định số 01/QĐ-UBND" });
    const after = await agreed("tuky.canbo01", "2026-02");
    expect(after.worked).toBe(before.worked - 1);
    expect(after.punctuality).toBe(before.punctuality === null ? null : after.punctuality);
    expect(punctualityCell(await person("tuky.canbo01", "2026-02"))).toBeDefined();
  });

  it("an approved correction for a past day of this month changes the figures at once", async () => {
    // A late day within the 31 days a correction may go back, of any clerk.
    let who = "";
    let day: string | undefined;
    for (const username of Array.from({ length: 10 }, (_, i) => `tuky.canbo${String(i + 1).padStart(2, "0")}`)) {
      day = (await presentDay(username, "2026-03", (d) => d.lateMinutes > 0)) ?? (await presentDay(username, "2026-02", (d) => d.date >= "2026-02-09" && d.lateMinutes > 0));
      who = username;
      if (day) break;
    }
    expect(day, "a late day in the seed").toBeDefined();
    const month = day!.slice(0, 7);
    await person(who, month); // the figures are stored
    const before = await agreed(who, month);
    expect(before.lateCount).toBeGreaterThan(0);
    const clerk = await ctxOf(who);
    await requestCorrection(srv.db, clerk, { date: day!, session: "day", checkInTime: "07:25", reason: "Máy chấm công lỗi" });
    const c = await srv.db.selectFrom("attendance_corrections").select("id").where("membership_id", "=", clerk.membershipId).where("date", "=", day!).executeTakeFirstOrThrow();
    await decideCorrection(srv.db, await ctxOf("tuky.giamdoc"), { correctionId: c.id, approve: true });
    const after = await agreed(who, month);
    expect(after.lateCount).toBe(before.lateCount - 1);
    expect(after.lateMinutes).toBeLessThan(before.lateMinutes);
  });

  it("a leave approved for a past day changes the figures at once", async () => {
    const day = await presentDay("tuky.canbo02", "2026-02", (d) => d.date >= "2026-02-09");
    expect(day).toBeDefined();
    await person("tuky.canbo02", "2026-02");
    const before = await agreed("tuky.canbo02", "2026-02");
    // Backdated leave (within the allowed 30 days) for a day the member was in: the day becomes leave.
    const id = await requestLeave(srv.db, await ctxOf("tuky.canbo02"), { kind: "sick", startDate: day!, endDate: day!, part: "full", reason: "Ốm, bổ sung đơn" });
    await decideLeave(srv.db, await ctxOf("tuky.giamdoc"), { intent: "approve", id, note: "Đồng ý" });
    const after = await agreed("tuky.canbo02", "2026-02");
    expect(after.leaveByKind.sick ?? 0).toBe((before.leaveByKind.sick ?? 0) + 1);
    expect(after.worked).toBe(before.worked - 1);
  });

  it("a settings change from today leaves the closed days as they were judged (rules in force on a date)", async () => {
    await person("tuky.canbo01", "2026-02");
    const before = await agreed("tuky.canbo01", "2026-02");
    const admin = await ctxOf("tuky.admin");
    const current = await getSchedule(srv.db, admin.orgId, vnDateOf(admin.now));
    await updateScheduleSettings(srv.db, admin, {
      ...current.settings,
      graceMinutes: current.settings.graceMinutes + 30,
      saturdayStaff: current.saturdayStaff,
      effectiveFrom: vnDateOf(admin.now),
    });
    expect(await agreed("tuky.canbo01", "2026-02")).toEqual(before);
    await agreed("tuky.canbo01", "2026-03");
  });
});
