import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB, TaskStatus, Timeliness } from "../../db/schema";
import { createCentre } from "~/modules/org/centre.server";
import { deltaCell, deltaPhrase, vnNumber, vnPercent } from "~/modules/reports/document";
import { draftSections } from "~/modules/reports/draft";
import { evaluateRange } from "~/modules/attendance/attendance.server";
import { attendanceFigures, compareFigures, reportFigures, type ReportFigures } from "~/modules/reports/figures.server";
import { customPeriod, placeDateLine, previousReportPeriod, reportPeriod } from "~/modules/reports/period";
import { freshDb } from "../helpers/db";

// The report's figures over a small centre built here, on a fresh database, whose every expected
// number is worked out by hand below. The period is the week Mon 09/03/2026 – Sun 15/03/2026:
// five working days (09–13), default hours 07:30–11:30 and 13:00–17:00 (8 hours) with 5 minutes'
// grace, check-in per day.
// The clock is 10/04/2026, well after the week.

const NOW = new Date("2026-04-10T01:00:00Z");
const FROM = "2026-03-09";
const TO = "2026-03-15";
/** An instant given in Vietnam time. */
const vn = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`).toISOString();

let db: DB;
let orgId: string;
const m: Record<"director" | "anh" | "binh" | "cuong", string> = { director: "", anh: "", binh: "", cuong: "" };

async function person(name: string, roles: string, joined: string, left: string | null, positionId: string) {
  const userId = randomUUID();
  const id = randomUUID();
  const at = NOW.toISOString();
  await db
    .insertInto("users")
    .values({ id: userId, username: `bc.${randomUUID().slice(0, 8)}`, full_name: name, full_name_search: name.toLowerCase(), phone: null, email: null, password_hash: "x", created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto("memberships")
    .values({ id, org_id: orgId, user_id: userId, title: "", position_id: positionId, roles, active: left ? 0 : 1, joined_on: joined, left_on: left, created_at: at, updated_at: at })
    .execute();
  return id;
}

type TaskSpec = {
  status: TaskStatus;
  assigned: string | null;
  deadline: string;
  completed?: string;
  timeliness?: Timeliness;
  original?: Timeliness;
  returns?: number;
  extensions?: number;
  assignee?: string;
};

async function task(t: TaskSpec) {
  const at = NOW.toISOString();
  await db
    .insertInto("tasks")
    .values({
      id: randomUUID(),
      org_id: orgId,
      title: "Nhiệm vụ",
      title_search: "nhiem vu",
      description: "",
      status: t.status,
      priority: "normal",
      assigner_id: m.director,
      assignee_id: t.assignee ?? m.anh,
      approver_id: m.director,
      source_kind: "adhoc",
      source_ref: "",
      deliverable: "Báo cáo",
      start_date: t.assigned?.slice(0, 10) ?? null,
      deadline_date: t.deadline,
      deadline_time: null,
      deadline_at: new Date(new Date(`${t.deadline}T23:59:59.999+07:00`).getTime()).toISOString(),
      original_deadline_date: t.deadline,
      original_deadline_time: null,
      original_deadline_at: null,
      plan_id: null,
      plan_item_id: null,
      progress: 0,
      series_id: null,
      occurrence_key: null,
      assigned_at: t.assigned,
      completed_at: t.completed ?? null,
      timeliness: t.timeliness ?? null,
      timeliness_original: t.original ?? null,
      return_count: t.returns ?? 0,
      extension_count: t.extensions ?? 0,
      cancel_reason: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

async function checkIn(member: string, date: string, inTime: string, outTime: string | null = null) {
  await db
    .insertInto("attendance_records")
    .values({
      id: randomUUID(),
      org_id: orgId,
      membership_id: member,
      date,
      session: "day",
      check_in_at: vn(date, inTime),
      check_in_ip: "127.0.0.1",
      check_out_at: outTime ? vn(date, outTime) : null,
      check_out_ip: "",
      created_at: vn(date, inTime),
    })
    .execute();
}

async function leave(member: string, kind: "annual" | "sick", date: string, part: "full" | "morning" = "full") {
  await db
    .insertInto("leave_requests")
    .values({
      id: randomUUID(),
      org_id: orgId,
      membership_id: member,
      kind,
      start_date: date,
      end_date: date,
      part,
      days: part === "full" ? 1 : 0.5,
      reason: "",
      status: "approved",
      decided_by: m.director,
      decided_at: NOW.toISOString(),
      decision_note: "",
      created_at: NOW.toISOString(),
    })
    .execute();
}

beforeAll(async () => {
  db = freshDb();
  // Its admin joins on the clock's date (April), so is not in service in March.
  ({ orgId } = await createCentre(
    db,
    {
      slug: "bao-cao-thu",
      name: "Trung tâm Phục vụ hành chính công xã Thử Nghiệm",
      parentBody: "Ủy ban nhân dân xã Thử Nghiệm",
      province: "Hải Phòng",
      placeName: "Thử Nghiệm",
      adminUsername: "baocao.admin",
      adminName: "Quản Trị Viên",
      adminPassword: "một cụm mật khẩu dài",
    },
    NOW,
  ));
  const at = NOW.toISOString();
  const [p1, p2] = [randomUUID(), randomUUID()];
  await db
    .insertInto("positions")
    .values([
      { id: p1, org_id: orgId, name: "Công chức Tư pháp – Hộ tịch", counter: "Quầy 1", duties: "", sort_order: 1, created_at: at, updated_at: at },
      { id: p2, org_id: orgId, name: "Công chức Địa chính – Xây dựng", counter: "Quầy 2", duties: "", sort_order: 2, created_at: at, updated_at: at },
    ])
    .execute();
  m.director = await person("Giám Đốc Thử", "director", "2025-01-01", null, p1);
  m.anh = await person("Nguyễn Văn Anh", "staff", "2025-01-01", null, p2);
  // Bình joins on Wednesday 11/03; Cường's last day is Wednesday 11/03 (left_on = 12/03).
  m.binh = await person("Trần Thị Bình", "staff", "2026-03-11", null, p1);
  m.cuong = await person("Lê Văn Cường", "staff", "2025-01-01", "2026-03-12", p1);
  // Anh moves from Quầy 1 to Quầy 2 on Tuesday 10/03 (a reassignment); the others' first assignments are not.
  await db
    .insertInto("position_assignments")
    .values([
      { id: randomUUID(), org_id: orgId, membership_id: m.director, position_id: p1, start_date: "2025-01-01", end_date: null, created_at: at },
      { id: randomUUID(), org_id: orgId, membership_id: m.anh, position_id: p1, start_date: "2025-01-01", end_date: "2026-03-10", created_at: at },
      { id: randomUUID(), org_id: orgId, membership_id: m.anh, position_id: p2, start_date: "2026-03-10", end_date: null, created_at: at },
      { id: randomUUID(), org_id: orgId, membership_id: m.binh, position_id: p1, start_date: "2026-03-11", end_date: null, created_at: at },
      { id: randomUUID(), org_id: orgId, membership_id: m.cuong, position_id: p1, start_date: "2025-01-01", end_date: "2026-03-12", created_at: at },
    ])
    .execute();

  // ---- attendance ----
  // Director: on time all five days, leaves at 17:05.
  for (const d of ["09", "10", "11", "12", "13"]) await checkIn(m.director, `2026-03-${d}`, "07:20", "17:05");
  // Anh: Mon on time; Tue 07:50 (20 min late); Wed nothing (absent); Thu annual leave; Fri morning
  // annual leave and in at 13:05 for the afternoon (on time: 13:00 + 5 minutes' grace).
  await checkIn(m.anh, "2026-03-09", "07:25");
  await checkIn(m.anh, "2026-03-10", "07:50");
  await leave(m.anh, "annual", "2026-03-12");
  await leave(m.anh, "annual", "2026-03-13", "morning");
  await checkIn(m.anh, "2026-03-13", "13:05");
  // Cường (in service Mon–Wed): Mon 07:30 but leaves at 16:00 (early); Tue sick leave; Wed 08:00 (30 min late).
  await checkIn(m.cuong, "2026-03-09", "07:30", "16:00");
  await leave(m.cuong, "sick", "2026-03-10");
  await checkIn(m.cuong, "2026-03-11", "08:00");
  // Bình (from Wed): Wed on time; Thu 07:40 (10 min late); Fri nothing (absent).
  await checkIn(m.binh, "2026-03-11", "07:30");
  await checkIn(m.binh, "2026-03-12", "07:40");

  // ---- duty: the weekend of 14–15/03, one published roster and one draft ----
  const roster = randomUUID();
  const draftRoster = randomUUID();
  await db
    .insertInto("rosters")
    .values([
      { id: roster, org_id: orgId, title: "Lịch trực cuối tuần", start_date: "2026-03-14", end_date: "2026-03-15", day_mode: "nonworking", status: "published", version: 2, created_by: m.director, published_at: at, published_by: m.director, created_at: at, updated_at: at },
      { id: draftRoster, org_id: orgId, title: "Dự thảo", start_date: "2026-03-14", end_date: "2026-03-14", day_mode: "all", status: "draft", version: 1, created_by: m.director, published_at: null, published_by: null, created_at: at, updated_at: at },
    ])
    .execute();
  const slot = (rosterId: string, date: string, kind: "leader" | "staff", position: number, member: string | null, checkedIn: string | null) => ({
    id: randomUUID(),
    org_id: orgId,
    roster_id: rosterId,
    date,
    kind,
    position,
    start_time: "07:30",
    end_time: "11:30",
    weight: 1,
    membership_id: member,
    confirmed_at: null,
    checked_in_at: checkedIn,
    updated_at: at,
  });
  await db
    .insertInto("roster_slots")
    .values([
      slot(roster, "2026-03-14", "leader", 0, m.director, vn("2026-03-14", "07:25")), // done
      slot(roster, "2026-03-14", "staff", 0, m.anh, vn("2026-03-14", "07:31")), // done
      slot(roster, "2026-03-14", "staff", 1, m.binh, null), // missed
      slot(roster, "2026-03-15", "staff", 0, m.anh, vn("2026-03-15", "07:29")), // done
      slot(roster, "2026-03-15", "staff", 1, null, null), // nobody assigned: not counted
      slot(draftRoster, "2026-03-14", "staff", 0, m.binh, null), // a draft roster: not counted
    ])
    .execute();

  // ---- tasks ----
  await task({ status: "done", assigned: vn("2026-03-09", "08:00"), deadline: "2026-03-13", completed: vn("2026-03-11", "10:00"), timeliness: "early", original: "early" }); // T1
  await task({ status: "done", assigned: vn("2026-03-02", "08:00"), deadline: "2026-03-10", completed: vn("2026-03-10", "15:00"), timeliness: "on_time", original: "on_time", returns: 1 }); // T2
  await task({ status: "done", assigned: vn("2026-03-03", "08:00"), deadline: "2026-03-12", completed: vn("2026-03-12", "16:00"), timeliness: "on_time", original: "late", extensions: 1 }); // T3 (first due 09/03, extended)
  await task({ status: "done", assigned: vn("2026-03-10", "09:00"), deadline: "2026-03-12", completed: vn("2026-03-14", "09:00"), timeliness: "late", original: "late", assignee: m.binh }); // T4
  await task({ status: "in_progress", assigned: vn("2026-03-11", "08:00"), deadline: "2026-03-13" }); // T5: overdue at the end of the week
  await task({ status: "done", assigned: vn("2026-03-01", "08:00"), deadline: "2026-03-05", completed: vn("2026-03-20", "10:00"), timeliness: "late", original: "late" }); // T6: unfinished at the end of the week
  await task({ status: "cancelled", assigned: vn("2026-03-12", "08:00"), deadline: "2026-03-20" }); // T7
  await task({ status: "draft", assigned: null, deadline: "2026-03-13" }); // T8: a draft never counts
  await task({ status: "assigned", assigned: vn("2026-03-16", "08:00"), deadline: "2026-03-18" }); // T9: after the week
  await task({ status: "done", assigned: vn("2026-02-20", "08:00"), deadline: "2026-02-25", completed: vn("2026-02-24", "10:00"), timeliness: "early", original: "early" }); // T10: before

  // ---- inspections: two submitted in the week, a draft, one after ----
  const template = randomUUID();
  const version = randomUUID();
  await db.insertInto("inspection_templates").values({ id: template, org_id: orgId, name: "Kiểm tra công vụ", source: "builtin", active: 1, current_version_id: version, version: 1, created_by: m.director, created_at: at, updated_at: at }).execute();
  await db.insertInto("inspection_template_versions").values({ id: version, org_id: orgId, template_id: template, number: 1, created_by: m.director, created_at: at }).execute();
  const items = { c01: randomUUID(), c03: randomUUID(), c05: randomUUID() };
  await db
    .insertInto("inspection_template_items")
    .values([
      { id: items.c01, org_id: orgId, version_id: version, code: "C01", text: "Có mặt tại vị trí làm việc", basis: "", weight: 1, sort_order: 1 },
      { id: items.c03, org_id: orgId, version_id: version, code: "C03", text: "Đeo thẻ công chức", basis: "", weight: 1, sort_order: 2 },
      { id: items.c05, org_id: orgId, version_id: version, code: "C05", text: "Thực hiện 4 xin, 4 luôn", basis: "", weight: 1, sort_order: 3 },
    ])
    .execute();
  const results: Record<string, string> = {};
  const inspection = async (date: string, status: "draft" | "submitted", people: [string, Record<keyof typeof items, "pass" | "fail" | "na">][]) => {
    const id = randomUUID();
    await db
      .insertInto("inspections")
      .values({ id, org_id: orgId, template_id: template, template_version_id: version, inspector_id: m.director, inspected_at: vn(date, "09:00"), inspected_date: date, place: "", counter: "", mode: "full", status, note: "", version: 1, submitted_at: status === "submitted" ? vn(date, "10:00") : null, created_at: at, updated_at: at })
      .execute();
    for (const [member, outcomes] of people) {
      const list = Object.values(outcomes);
      const pass = list.filter((o) => o === "pass").length;
      const fail = list.filter((o) => o === "fail").length;
      await db
        .insertInto("inspection_members")
        .values({ id: randomUUID(), org_id: orgId, inspection_id: id, membership_id: member, note: "", score: (pass / (pass + fail)) * 100, pass_count: pass, fail_count: fail, na_count: list.length - pass - fail })
        .execute();
      for (const [item, outcome] of Object.entries(outcomes) as [keyof typeof items, string][]) {
        const rid = randomUUID();
        results[`${date}|${member}|${item}`] = rid;
        await db.insertInto("inspection_results").values({ id: rid, org_id: orgId, inspection_id: id, membership_id: member, item_id: items[item], outcome: outcome as "pass", note: "", updated_at: at }).execute();
      }
    }
    return id;
  };
  const x1 = await inspection("2026-03-10", "submitted", [
    [m.anh, { c01: "pass", c03: "fail", c05: "pass" }],
    [m.director, { c01: "pass", c03: "pass", c05: "na" }],
  ]);
  const x2 = await inspection("2026-03-12", "submitted", [[m.anh, { c01: "pass", c03: "fail", c05: "fail" }]]);
  await inspection("2026-03-13", "draft", [[m.binh, { c01: "fail", c03: "fail", c05: "fail" }]]);
  await inspection("2026-03-20", "submitted", [[m.binh, { c01: "fail", c03: "pass", c05: "pass" }]]);
  const action = (inspectionId: string, key: string, item: keyof typeof items, status: "open" | "resolved", due: string) => ({
    id: randomUUID(),
    org_id: orgId,
    inspection_id: inspectionId,
    result_id: results[key]!,
    membership_id: m.anh,
    item_id: items[item],
    requirement: "Chấn chỉnh",
    due_date: due,
    status,
    explanation: "",
    explained_at: null,
    verified_by: null,
    verified_at: null,
    verification_note: "",
    version: 1,
    created_by: m.director,
    created_at: at,
    updated_at: at,
  });
  await db
    .insertInto("inspection_actions")
    .values([
      action(x1, `2026-03-10|${m.anh}|c03`, "c03", "resolved", "2026-03-13"),
      action(x2, `2026-03-12|${m.anh}|c03`, "c03", "open", "2026-03-16"),
      action(x2, `2026-03-12|${m.anh}|c05`, "c05", "open", "2026-03-30"),
    ])
    .execute();
});

afterAll(async () => {
  await db.destroy();
});

describe("reportFigures over a hand-built week", () => {
  let f: ReportFigures;
  beforeAll(async () => {
    f = await reportFigures(db, orgId, FROM, TO, NOW);
  });

  it("describes the period as it ended", () => {
    expect(f.from).toBe(FROM);
    expect(f.to).toBe(TO);
    expect(f.asOfDate).toBe(TO);
    expect(f.asOf).toBe("2026-03-15T16:59:59.999Z");
  });

  it("counts staff and its changes: Bình joined, Cường left, Anh was moved", () => {
    // In service on Sun 08/03: director, Anh, Cường. On Sun 15/03: director, Anh, Bình.
    expect(f.staff).toMatchObject({ atStart: 3, atEnd: 3, leaders: 1, joined: 1, left: 1, reassigned: 1 });
    expect(f.staff.changes.map((c) => [c.kind, c.date, c.name, c.position])).toEqual([
      ["reassigned", "2026-03-10", "Nguyễn Văn Anh", "Công chức Địa chính – Xây dựng"],
      ["joined", "2026-03-11", "Trần Thị Bình", "Công chức Tư pháp – Hộ tịch"],
      ["left", "2026-03-12", "Lê Văn Cường", "Công chức Tư pháp – Hộ tịch"],
    ]);
  });

  it("counts duty shifts of published rosters only", () => {
    // Three checked in, Bình's Saturday shift missed; the empty slot and the draft roster do not count.
    expect(f.duty).toEqual({ rostered: 4, done: 3, missed: 1, pending: 0, rate: 75 });
  });

  it("counts punctuality, absences and leave by kind", () => {
    // Present: director 5, Anh 3 (Mon, Tue, Fri afternoon), Cường 2 (Mon, Wed), Bình 2 (Wed, Thu) = 12.
    // Late: Anh Tue 20 min, Cường Wed 30 min, Bình Thu 10 min = 3 arrivals, 60 minutes.
    // Absent: Anh Wed, Bình Fri = 2. Leave: Anh annual 1 + 0.5, Cường sick 1 = 2.5.
    // Expected member-days: director 5, Anh 4 (not Thu), Cường 2 (not Tue), Bình 3 = 14.
    expect(f.attendance).toEqual({
      workdays: 5,
      expected: 14,
      present: 12,
      onTime: 9,
      lateArrivals: 3,
      lateMinutes: 60,
      earlyLeaves: 1,
      absentDays: 2,
      leaveDays: 2.5,
      leaveByKind: { annual: 1.5, sick: 1 },
      punctualityRate: 75,
    });
  });

  it("counts tasks against the current and the original deadline", () => {
    // Assigned in the week: T1, T4, T5, T7 (cancelled later). Completed in it: T1 early, T2 and T3
    // on time, T4 late; against the first deadline T3 was late too. T2 returned once, T3 extended.
    // Overdue at the end of the week: T5 (open) and T6 (done only on 20/03). Due in the week: T1–T5,
    // four of them done by its end.
    expect(f.tasks).toEqual({
      assigned: 4,
      cancelled: 1,
      completed: 4,
      early: 1,
      onTime: 2,
      late: 1,
      earlyOriginal: 1,
      onTimeOriginal: 1,
      lateOriginal: 2,
      returned: 1,
      extended: 1,
      overdue: 2,
      due: 5,
      dueDone: 4,
      onTimeRate: 75,
      onTimeRateOriginal: 50,
      completionRate: 80,
    });
  });

  it("takes the inspection figures of submitted inspections in the period", () => {
    // Member checks: Anh and the director on 10/03, Anh on 12/03. Passed 2 + 2 + 1 = 5, failed 1 + 0 + 2 = 3.
    expect(f.inspections).toMatchObject({ count: 2, membersCovered: 2, memberChecks: 3, passRate: 62.5 });
    expect(f.inspections.failuresByItem).toEqual([
      { code: "C03", text: "Đeo thẻ công chức", count: 2 },
      { code: "C05", text: "Thực hiện 4 xin, 4 luôn", count: 1 },
    ]);
    expect(f.inspections.actions).toMatchObject({ raised: 3, resolved: 1, open: 2, unresolved: 0 });
  });

  it("has evaluation bands for a month or a quarter, not for a custom range", async () => {
    expect(f.evaluation).toBeNull();
    const month = await reportFigures(db, orgId, "2026-03-01", "2026-03-31", NOW);
    expect(month.evaluation).not.toBeNull();
    // Nobody has been given the general points, so nobody has a band yet.
    const e = month.evaluation!;
    expect(e.period).toBe("2026-03");
    expect(e.excellent + e.good + e.completed + e.failed).toBe(0);
    expect(e.unrated).toBe(e.members);
  });

  it("sums whole months from the month facts: the same attendance figures as judging every member-day", async () => {
    // A month, a quarter, a month still running (today judged live), a month before anyone's data.
    const cases: [string, string, Date][] = [
      ["2026-03-01", "2026-03-31", NOW],
      ["2026-01-01", "2026-03-31", NOW],
      ["2026-03-01", "2026-03-31", new Date(vn("2026-03-12", "12:00"))],
      ["2026-03-01", "2026-03-31", new Date(vn("2026-03-13", "08:00"))],
      ["2026-02-01", "2026-02-28", NOW],
    ];
    for (const [from, to, now] of cases) {
      const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
      const until = to < today ? to : today;
      // The reference: every member-day of the period judged (evaluateRange), counted as the report always did.
      const { days } = await evaluateRange(db, orgId, from, until, now);
      const working = days.filter((d) => d.working);
      const present = working.filter((d) => d.state === "present");
      const leaveByKind: Record<string, number> = {};
      for (const d of working) if (d.leave) leaveByKind[d.leave.kind] = (leaveByKind[d.leave.kind] ?? 0) + (d.leave.part === "full" ? 1 : 0.5);
      const onTime = present.filter((d) => d.lateMinutes === 0).length;
      const reference = {
        workdays: new Set(working.map((d) => d.date)).size,
        expected: working.filter((d) => d.state !== "leave" && d.state !== "future" && d.state !== "pending").length,
        present: present.length,
        onTime,
        lateArrivals: present.length - onTime,
        lateMinutes: present.reduce((t, d) => t + d.lateMinutes, 0),
        earlyLeaves: present.filter((d) => d.earlyMinutes > 0).length,
        absentDays: days.reduce((t, d) => t + d.absentDays, 0),
        leaveDays: Object.values(leaveByKind).reduce((t, v) => t + v, 0),
        leaveByKind,
        punctualityRate: present.length ? Math.round((onTime / present.length) * 1000) / 10 : null,
      };
      // Computed (and stored), then read back from the stored months.
      expect({ from, to, now, a: await attendanceFigures(db, orgId, from, to, until, now) }).toEqual({ from, to, now, a: reference });
      expect({ from, to, now, a: await attendanceFigures(db, orgId, from, to, until, now) }).toEqual({ from, to, now, a: reference });
    }
    const stored = await db.selectFrom("attendance_month_facts").select(["month", "expected"]).where("org_id", "=", orgId).where("month", "=", "2026-03").execute();
    expect(stored.reduce((t, r) => t + r.expected, 0)).toBeGreaterThan(14);
  });

  it("describes a period still running up to now", async () => {
    const running = await reportFigures(db, orgId, FROM, TO, new Date(vn("2026-03-12", "12:00")));
    expect(running.asOfDate).toBe("2026-03-12");
    // T4 and T3 are not done yet at noon on Thursday (T3 at 16:00, T4 on Saturday): T1, T2 only.
    expect(running.tasks.completed).toBe(2);
    // Due up to Thursday: T2 (10/03), T3 and T4 (12/03); only T2 done by noon.
    expect(running.tasks.due).toBe(3);
    expect(running.tasks.dueDone).toBe(1);
    // Saturday's shifts have not begun.
    expect(running.duty).toMatchObject({ rostered: 4, done: 0, missed: 0, pending: 4 });
  });

  it("compares with the previous period", async () => {
    const period = customPeriod(FROM, TO)!;
    const prev = previousReportPeriod(period);
    expect([prev.from, prev.to]).toEqual(["2026-03-02", "2026-03-08"]);
    const before = await reportFigures(db, orgId, prev.from, prev.to, NOW);
    // Assigned 02–08/03: T2 and T3; nothing was completed, so there is no on-time rate to compare.
    expect(before.tasks.assigned).toBe(2);
    const c = compareFigures(f, before);
    expect(c.tasksAssigned).toEqual({ kind: "count", current: 4, previous: 2, delta: 2 });
    expect(c.onTimeRate).toEqual({ kind: "rate", current: 75, previous: null, delta: null });
    expect(compareFigures(f, null).tasksCompleted).toEqual({ kind: "count", current: 4, previous: null, delta: null });
  });

  it("writes the figures into the draft's sentences, with Vietnamese decimals", async () => {
    const period = customPeriod(FROM, TO)!;
    const before = await reportFigures(db, orgId, "2026-03-02", "2026-03-08", NOW);
    const s = draftSections({ centreName: "Trung tâm Phục vụ hành chính công xã Thử Nghiệm", parentBody: "Ủy ban nhân dân xã Thử Nghiệm", period, figures: f, comparison: compareFigures(f, before) });
    expect(s.results).toContain("Trong kỳ, Trung tâm giao 4 nhiệm vụ; hoàn thành 4 nhiệm vụ, trong đó 1 trước hạn, 2 đúng hạn, 1 trễ hạn (tỷ lệ đúng hạn 75,0%)");
    expect(s.results).toContain("có 2 nhiệm vụ hoàn thành trễ (tỷ lệ đúng hạn theo hạn ban đầu 50,0%)");
    expect(s.results).toContain("còn 2 nhiệm vụ quá hạn chưa hoàn thành");
    expect(s.organisation).toContain("tỷ lệ đi làm đúng giờ 75,0%");
    expect(s.organisation).toContain("nghỉ phép năm 1,5 ngày và nghỉ ốm 1 ngày");
    expect(s.organisation).toContain("Thực hiện 3/4 ca trực");
    expect(s.organisation).toContain("Trần Thị Bình");
    expect(s.organisation).toContain("Nguyễn Văn Anh sang vị trí Công chức Địa chính – Xây dựng");
    expect(s.assessment).toMatch(/^1\. Ưu điểm\n/);
    expect(s.assessment).toContain("Còn 1 nhiệm vụ hoàn thành trễ hạn, 1 nhiệm vụ phải trả lại để hoàn thiện.");
  });
});

describe("report periods and numbers (pure)", () => {
  it("names periods and dates in the official way", () => {
    expect(reportPeriod("2026-02")).toEqual({ kind: "month", key: "2026-02", from: "2026-02-01", to: "2026-02-28" });
    expect(reportPeriod("2026-Q1")?.to).toBe("2026-03-31");
    expect(reportPeriod("2026")?.from).toBe("2026-01-01");
    expect(reportPeriod("2026-02-30_2026-03-01")).toBeNull();
    expect(previousReportPeriod(reportPeriod("2026-01")!).key).toBe("2025-12");
    expect(placeDateLine("Tứ Kỳ", "2026-03-06")).toBe("Tứ Kỳ, ngày 06 tháng 3 năm 2026");
    expect(placeDateLine("Tứ Kỳ", "2026-02-15")).toBe("Tứ Kỳ, ngày 15 tháng 02 năm 2026");
    expect(placeDateLine("Tứ Kỳ", "2026-11-05")).toBe("Tứ Kỳ, ngày 05 tháng 11 năm 2026");
  });

  it("writes numbers with a decimal comma", () => {
    expect(vnNumber(1234.5)).toBe("1.234,5");
    expect(vnPercent(85)).toBe("85,0%");
    expect(vnPercent(null)).toBe("—");
    expect(deltaCell("rate", -2.5)).toBe("−2,5");
    expect(deltaCell("count", 3)).toBe("+3");
    expect(deltaPhrase("rate", 5, "tháng trước")).toBe("tăng 5,0 điểm so với tháng trước");
    expect(deltaPhrase("count", 0, "quý trước")).toBe("bằng quý trước");
  });
});
