import { describe, expect, it } from "vitest";
import { buildCalendar, official2026Overrides } from "~/modules/calendar/holidays";
import { addDays, daysBetween, deadlineInstant, nextPeriod, periodOf, vnDateOf } from "~/utils/dates";
import { retitle, allowed, classifyCompletion, completionTimeliness, deadlineState, isLateExtension, isOverdue, judgedDeadlineAt, missedDeadlineAfterGrant, missingSixClear, occurrenceDeadline, TASK_STATUSES, type Frequency, type SixClearInput, type TaskAction, type TaskRelation, type TaskStatus, type Timeliness } from "~/modules/tasks/rules";

// ---- "6 rõ" ----

const COMPLETE: SixClearInput = {
  title: "Báo cáo kết quả giải quyết TTHC tháng 02/2026",
  description: "Tổng hợp số liệu tiếp nhận, giải quyết, trả kết quả hồ sơ TTHC trong tháng.",
  assigneeId: "m-canbo01",
  assignerId: "m-giamdoc",
  approverId: "m-giamdoc",
  startDate: "2026-03-02",
  deadlineDate: "2026-03-05",
  deliverable: "Báo cáo trình Giám đốc ký",
  sourceKind: "meeting",
  sourceRef: "Kết luận giao ban ngày 02/03/2026",
};

describe("missingSixClear", () => {
  it("accepts a complete task", () => {
    expect(missingSixClear(COMPLETE)).toEqual([]);
  });

  const cases: [string, Partial<SixClearInput>, string[]][] = [
    // rõ người: the assignee also makes the responsibility unclear (nobody to hold to account).
    ["no assignee", { assigneeId: null }, ["nguoi", "trachNhiem"]],
    ["no title", { title: "" }, ["viec"]],
    ["a blank title", { title: "   " }, ["viec"]],
    ["no description", { description: "" }, ["viec"]],
    ["a blank description", { description: " \n\t" }, ["viec"]],
    ["no start date", { startDate: null }, ["thoiGian"]],
    ["no deadline", { deadlineDate: null }, ["thoiGian"]],
    ["a deadline before the start", { startDate: "2026-03-06", deadlineDate: "2026-03-05" }, ["thoiGian"]],
    ["no assigner", { assignerId: null }, ["trachNhiem"]],
    ["the assignee approving their own work", { assigneeId: "m-giamdoc" }, ["trachNhiem"]],
    ["no deliverable", { deliverable: "" }, ["sanPham"]],
    ["a blank deliverable", { deliverable: "  " }, ["sanPham"]],
    ["no approver", { approverId: null }, ["thamQuyen"]],
    ["no source kind", { sourceKind: null }, ["thamQuyen"]],
    ["a plan without its reference", { sourceKind: "plan", sourceRef: "" }, ["thamQuyen"]],
    ["a directive with a blank reference", { sourceKind: "directive", sourceRef: "   " }, ["thamQuyen"]],
    ["citizen feedback without its reference", { sourceKind: "feedback", sourceRef: "" }, ["thamQuyen"]],
    ["everything missing", {
      title: "",
      description: "",
      assigneeId: null,
      assignerId: null,
      approverId: null,
      startDate: null,
      deadlineDate: null,
      deliverable: "",
      sourceKind: null,
      sourceRef: "",
    }, ["nguoi", "viec", "thoiGian", "trachNhiem", "sanPham", "thamQuyen"]],
  ];
  it.each(cases)("%s → %j", (_name, change, expected) => {
    expect(missingSixClear({ ...COMPLETE, ...change })).toEqual(expected);
  });

  it.each<[string, Partial<SixClearInput>]>([
    ["an ad-hoc task needs no reference", { sourceKind: "adhoc", sourceRef: "" }],
    ["the deadline may be the start day", { startDate: "2026-03-05", deadlineDate: "2026-03-05" }],
    ["the approver may differ from the assigner", { approverId: "m-phogiamdoc" }],
  ])("%s", (_name, change) => {
    expect(missingSixClear({ ...COMPLETE, ...change })).toEqual([]);
  });
});

// ---- deadlines ----

describe("deadlineInstant", () => {
  it.each([
    ["2026-03-20", null, "2026-03-20T16:59:59.999Z"],
    ["2026-03-20", undefined, "2026-03-20T16:59:59.999Z"],
    ["2026-03-20", "17:00", "2026-03-20T10:00:59.999Z"],
    ["2026-03-20", "07:30", "2026-03-20T00:30:59.999Z"],
    // Before 07:00 in Vietnam the instant is on the previous UTC day.
    ["2026-03-20", "06:00", "2026-03-19T23:00:59.999Z"],
    ["2026-12-31", null, "2026-12-31T16:59:59.999Z"],
    ["2026-02-28", "23:59", "2026-02-28T16:59:59.999Z"],
  ])("%s %s ends at %s", (date, time, expected) => {
    expect(deadlineInstant(date, time).toISOString()).toBe(expected);
  });

  it.each([
    ["2026-03-19T17:00:00.000Z", "2026-03-20"], // 00:00 in Vietnam
    ["2026-03-19T16:59:59.999Z", "2026-03-19"],
    ["2026-12-31T17:30:00.000Z", "2027-01-01"],
  ])("vnDateOf(%s) = %s", (instant, date) => {
    expect(vnDateOf(new Date(instant))).toBe(date);
  });
});

describe("classifyCompletion (official 2026 calendar)", () => {
  const cal = buildCalendar(2026, official2026Overrides);
  /** An instant given as Vietnam local time "YYYY-MM-DD HH:mm". */
  const vn = (s: string) => new Date(`${s.replace(" ", "T")}:00+07:00`);

  const cases: [string, string, string | null, string, Timeliness][] = [
    // [case, deadline date, deadline time, completed at (VN), expected]
    ["Friday deadline, done Thursday", "2026-03-20", null, "2026-03-19 16:00", "early"],
    ["Friday deadline, done two days before", "2026-03-20", null, "2026-03-18 09:00", "early"],
    ["Friday deadline, done that morning", "2026-03-20", null, "2026-03-20 08:00", "on_time"],
    ["end of the deadline day", "2026-03-20", null, "2026-03-20 23:30", "on_time"],
    ["just after midnight", "2026-03-20", null, "2026-03-21 00:10", "late"],
    ["the last millisecond of the day", "2026-03-20", null, "2026-03-20 23:59", "on_time"],
    ["a week late", "2026-03-20", null, "2026-03-27 10:00", "late"],
    // With a time: the deadline is the end of that minute.
    ["deadline 10:00, done at 10:00", "2026-03-20", "10:00", "2026-03-20 10:00", "on_time"],
    ["deadline 10:00, done at 10:01", "2026-03-20", "10:00", "2026-03-20 10:01", "late"],
    ["deadline 10:00, done 07:30 that day", "2026-03-20", "10:00", "2026-03-20 07:30", "on_time"],
    ["deadline 10:00, done the afternoon before", "2026-03-20", "10:00", "2026-03-19 16:00", "early"],
    ["deadline 17:00, done 16:59", "2026-03-20", "17:00", "2026-03-20 16:59", "on_time"],
    ["deadline 17:00, done 18:00", "2026-03-20", "17:00", "2026-03-20 18:00", "late"],
    // Monday deadline: the working day before is Friday; the weekend in between is not early.
    ["Monday deadline, done Friday", "2026-03-16", null, "2026-03-13 15:00", "early"],
    ["Monday deadline, done Saturday", "2026-03-16", null, "2026-03-14 09:00", "on_time"],
    ["Monday deadline, done Sunday", "2026-03-16", null, "2026-03-15 21:00", "on_time"],
    ["Monday deadline, done Monday", "2026-03-16", null, "2026-03-16 11:00", "on_time"],
    ["Monday deadline, done Tuesday", "2026-03-16", null, "2026-03-17 08:00", "late"],
    // Tết Bính Ngọ: off Sat 14/2 – Sun 22/2; Mon 23/2 is the first working day after it.
    ["after Tết, done Friday 13/2", "2026-02-23", null, "2026-02-13 16:00", "early"],
    ["after Tết, done well before Tết", "2026-02-23", null, "2026-02-10 10:00", "early"],
    ["deadline inside Tết (Mon 16/2), done Friday 13/2", "2026-02-16", null, "2026-02-13 10:00", "early"],
    ["after Tết, done during Tết", "2026-02-23", null, "2026-02-18 10:00", "on_time"],
    ["after Tết, done the last day of Tết", "2026-02-23", null, "2026-02-22 20:00", "on_time"],
    ["after Tết, done on the day", "2026-02-23", null, "2026-02-23 16:00", "on_time"],
    ["deadline Tue 24/2, done Mon 23/2", "2026-02-24", null, "2026-02-23 16:00", "early"],
    // Nghỉ bù Giỗ Tổ Mon 27/4 (Sun 26/4 is the holiday): the working day before is Fri 24/4.
    ["deadline on nghỉ bù, done Friday 24/4", "2026-04-27", null, "2026-04-24 16:00", "early"],
    ["deadline on nghỉ bù, done Saturday 25/4", "2026-04-27", null, "2026-04-25 09:00", "on_time"],
    ["deadline on nghỉ bù, done on it", "2026-04-27", null, "2026-04-27 09:00", "on_time"],
    ["deadline on nghỉ bù, done Tuesday", "2026-04-27", null, "2026-04-28 08:00", "late"],
    // Tue 28/4 after the long weekend: the working day before is Fri 24/4.
    ["Tuesday after the long weekend, done Friday", "2026-04-28", null, "2026-04-24 10:00", "early"],
    ["Tuesday after the long weekend, done Monday (nghỉ bù)", "2026-04-28", null, "2026-04-27 10:00", "on_time"],
    // Sat 10/1 is a make-up working day: done then is early for Monday 12/1.
    ["Monday after a make-up Saturday, done Saturday", "2026-01-12", null, "2026-01-10 10:00", "early"],
    ["Monday after a make-up Saturday, done Sunday", "2026-01-12", null, "2026-01-11 10:00", "on_time"],
    // Mon 5/1: 1–2/1 off and the weekend, so the working day before is Wed 31/12/2025.
    ["Monday after New Year, done 31/12/2025", "2026-01-05", null, "2025-12-31 15:00", "early"],
    ["Monday after New Year, done 2/1", "2026-01-05", null, "2026-01-02 15:00", "on_time"],
    // Culture day Tue 24/11/2026: Wednesday 25/11's working day before is Monday 23/11.
    ["Wednesday after Culture Day, done Monday", "2026-11-25", null, "2026-11-23 10:00", "early"],
    ["Wednesday after Culture Day, done on it", "2026-11-25", null, "2026-11-24 10:00", "on_time"],
  ];
  it.each(cases)("%s (deadline %s %s, done %s) → %s", (_name, date, time, done, expected) => {
    expect(classifyCompletion(vn(done), { date, time }, cal)).toBe(expected);
  });

  it("treats the deadline instant itself as on time and the next millisecond as late", () => {
    const at = deadlineInstant("2026-03-20", null);
    expect(classifyCompletion(at, { date: "2026-03-20", time: null }, cal)).toBe("on_time");
    expect(classifyCompletion(new Date(at.getTime() + 1), { date: "2026-03-20", time: null }, cal)).toBe("late");
  });
});

// Issue 14, items 5 and 6: the one place that decides overdue, a result submitted on time, and a
// late extension.
describe("deadlineState", () => {
  const now = new Date("2026-03-10T01:00:00Z");
  const past = "2026-03-09T16:59:59.999Z";
  const future = "2026-03-10T16:59:59.999Z";
  const earlier = "2026-03-08T03:00:00.000Z";
  const later = "2026-03-10T00:30:00.000Z";
  const cases: [string, TaskStatus | string, string | null, { missed?: string; submitted?: string }, ReturnType<typeof deadlineState>][] = [
    ["assigned, past", "assigned", past, {}, "overdue"],
    ["in progress, past", "in_progress", past, {}, "overdue"],
    ["returned, past", "returned", past, {}, "overdue"],
    ["submitted before the deadline, waiting", "submitted", past, { submitted: earlier }, "submittedOnTime"],
    ["submitted after the deadline, waiting", "submitted", past, { submitted: later }, "submittedLate"],
    ["submitted, deadline ahead", "submitted", future, { submitted: earlier }, "submittedOnTime"],
    ["assigned, deadline ahead", "assigned", future, {}, null],
    ["done", "done", past, {}, null],
    ["cancelled", "cancelled", past, {}, null],
    ["draft", "draft", past, {}, null],
    ["no deadline", "in_progress", null, {}, null],
    ["exactly now: not yet past", "in_progress", now.toISOString(), {}, null],
    // A late extension moved the deadline ahead, but the task is judged by the one it missed.
    ["late extension, open", "in_progress", future, { missed: past }, "overdue"],
    ["late extension, submitted after the missed deadline", "submitted", future, { missed: past, submitted: later }, "submittedLate"],
  ];
  it.each(cases)("%s", (_label, status, deadlineAt, o, expected) => {
    const t = { status, deadlineAt, missedDeadlineAt: o.missed ?? null, submittedAt: o.submitted ?? null };
    expect(deadlineState(t, now)).toBe(expected);
    expect(isOverdue(t, now)).toBe(expected === "overdue");
    expect(judgedDeadlineAt(t)).toBe(o.missed ?? deadlineAt);
  });
});

describe("late extensions", () => {
  const cal = buildCalendar(2026, official2026Overrides);
  // canbo02's task: due Wed 04/03/2026 (end of day), extension asked Tue 10/03 08:00 to 20/03.
  const due = { date: "2026-03-04", time: null };
  const cases: [string, string, boolean][] = [
    ["asked the day before", "2026-03-03T03:00:00Z", false],
    ["asked at 23:59 on the day", "2026-03-04T16:59:30Z", false],
    ["asked just after midnight", "2026-03-04T17:00:00Z", true],
    ["asked six days late", "2026-03-10T01:00:00Z", true],
  ];
  it.each(cases)("%s → late: %s", (_label, at, late) => {
    expect(isLateExtension(at, due)).toBe(late);
    const missed = missedDeadlineAfterGrant(null, { createdAt: at, fromDate: due.date, fromTime: due.time });
    expect(missed).toBe(late ? "2026-03-04T16:59:59.999Z" : null);
  });

  it("keeps the first missed deadline through later extensions", () => {
    expect(missedDeadlineAfterGrant("2026-03-04T16:59:59.999Z", { createdAt: "2026-03-25T01:00:00Z", fromDate: "2026-03-20", fromTime: null })).toBe(
      "2026-03-04T16:59:59.999Z",
    );
  });

  const timing: [string, string | null, string, string, string][] = [
    ["an extension asked in time: on time against the new deadline", null, "2026-03-18T03:00:00Z", "early", "late"],
    ["a late extension: late whatever the new deadline", "2026-03-04T16:59:59.999Z", "2026-03-18T03:00:00Z", "late", "late"],
    ["a late extension, done after the new deadline too", "2026-03-04T16:59:59.999Z", "2026-03-23T03:00:00Z", "late", "late"],
  ];
  it.each(timing)("%s", (_label, missed, completed, expected, expectedOriginal) => {
    const r = completionTimeliness(new Date(completed), { deadline: { date: "2026-03-20", time: null }, original: due, missedDeadlineAt: missed }, cal);
    expect(r).toEqual({ timeliness: expected, timelinessOriginal: expectedOriginal });
  });
});

// ---- the status machine ----

describe("allowed", () => {
  const none: TaskRelation = { assignee: false, assigner: false, approver: false, coworker: false, follower: false, manager: false };
  const rel = (r: Partial<TaskRelation>): TaskRelation => ({ ...none, ...r });
  const staff = rel({ assignee: true });
  const coworker = rel({ coworker: true });
  const follower = rel({ follower: true });
  const approver = rel({ approver: true });
  const assigner = rel({ assigner: true });
  const manager = rel({ manager: true });
  const director = rel({ assigner: true, approver: true, manager: true });

  const cases: [string, TaskAction, TaskStatus, TaskRelation, boolean][] = [
    // The assignee works on the task.
    ["assignee", "progress", "assigned", staff, true],
    ["assignee", "progress", "in_progress", staff, true],
    ["assignee", "progress", "returned", staff, true],
    ["assignee", "progress", "submitted", staff, false],
    ["assignee", "submit", "assigned", staff, true],
    ["assignee", "submit", "in_progress", staff, true],
    ["assignee", "submit", "returned", staff, true],
    ["assignee", "submit", "submitted", staff, false],
    ["assignee", "requestExtension", "in_progress", staff, true],
    ["assignee", "requestExtension", "submitted", staff, false],
    ["assignee", "comment", "in_progress", staff, true],
    ["assignee", "approve", "submitted", staff, false],
    ["assignee", "return", "submitted", staff, false],
    ["assignee", "cancel", "in_progress", staff, false],
    ["assignee", "edit", "in_progress", staff, false],
    ["assignee", "assign", "draft", staff, false],
    ["assignee", "decideExtension", "in_progress", staff, false],
    // Co-workers may report progress but not submit.
    ["coworker", "progress", "in_progress", coworker, true],
    ["coworker", "submit", "in_progress", coworker, false],
    ["coworker", "requestExtension", "in_progress", coworker, false],
    ["coworker", "comment", "submitted", coworker, true],
    // Followers only comment.
    ["follower", "comment", "in_progress", follower, true],
    ["follower", "comment", "submitted", follower, true],
    ["follower", "progress", "in_progress", follower, false],
    ["follower", "submit", "in_progress", follower, false],
    ["follower", "edit", "in_progress", follower, false],
    ["follower", "approve", "submitted", follower, false],
    // The approver decides, and only on a submitted task.
    ["approver", "approve", "submitted", approver, true],
    ["approver", "return", "submitted", approver, true],
    ["approver", "approve", "in_progress", approver, false],
    ["approver", "approve", "assigned", approver, false],
    ["approver", "return", "returned", approver, false],
    ["approver", "approve", "done", approver, false],
    ["approver", "decideExtension", "in_progress", approver, true],
    ["approver", "decideExtension", "submitted", approver, true],
    ["approver", "decideExtension", "draft", approver, false],
    ["approver", "progress", "in_progress", approver, false],
    // A manager (director or deputy) who is not the approver.
    ["manager", "edit", "assigned", manager, true],
    ["manager", "edit", "in_progress", manager, true],
    ["manager", "edit", "returned", manager, true],
    ["manager", "edit", "submitted", manager, false],
    ["manager", "cancel", "draft", manager, true],
    ["manager", "cancel", "submitted", manager, true],
    ["manager", "assign", "draft", manager, true],
    ["manager", "assign", "assigned", manager, false],
    ["manager", "approve", "submitted", manager, false],
    ["manager", "decideExtension", "in_progress", manager, false],
    ["manager", "comment", "in_progress", manager, true],
    // The assigner edits and issues their own drafts.
    ["assigner", "edit", "draft", assigner, true],
    ["assigner", "assign", "draft", assigner, true],
    ["assigner", "cancel", "in_progress", assigner, true],
    // Comments need a visible, issued task.
    ["assigner", "comment", "draft", assigner, false],
    ["director", "comment", "draft", director, false],
    ["nobody", "comment", "in_progress", none, false],
    ["nobody", "progress", "in_progress", none, false],
    ["nobody", "edit", "draft", none, false],
  ];
  it.each(cases)("%s: %s on %s", (_who, action, status, relation, expected) => {
    expect(allowed(action, status, relation)).toBe(expected);
  });

  const everyone = rel({ assignee: true, assigner: true, approver: true, coworker: true, follower: true, manager: true });
  const ACTIONS: TaskAction[] = [
    "assign",
    "edit",
    "progress",
    "submit",
    "approve",
    "return",
    "cancel",
    "requestExtension",
    "decideExtension",
  ];

  it.each(["done", "cancelled"] as const)("allows nothing but comments on a %s task, whoever asks", (status) => {
    for (const action of ACTIONS) expect(allowed(action, status, everyone)).toBe(false);
    expect(allowed("comment", status, everyone)).toBe(true);
    expect(allowed("comment", status, none)).toBe(false);
  });

  it("allows nothing to a member with no relation to the task", () => {
    for (const status of TASK_STATUSES) for (const action of [...ACTIONS, "comment" as const]) expect(allowed(action, status, none)).toBe(false);
  });
});

// ---- recurrence ----

describe("periodOf", () => {
  const cases: [string, Frequency, { start: string; end: string; key: string }][] = [
    ["2026-01-01", "weekly", { start: "2025-12-29", end: "2026-01-04", key: "2026-W01" }],
    ["2025-12-29", "weekly", { start: "2025-12-29", end: "2026-01-04", key: "2026-W01" }],
    ["2026-03-10", "weekly", { start: "2026-03-09", end: "2026-03-15", key: "2026-W11" }],
    ["2026-03-15", "weekly", { start: "2026-03-09", end: "2026-03-15", key: "2026-W11" }], // Sunday
    ["2026-12-31", "weekly", { start: "2026-12-28", end: "2027-01-03", key: "2026-W53" }],
    ["2027-01-01", "weekly", { start: "2026-12-28", end: "2027-01-03", key: "2026-W53" }],
    ["2027-01-04", "weekly", { start: "2027-01-04", end: "2027-01-10", key: "2027-W01" }],
    ["2024-12-30", "weekly", { start: "2024-12-30", end: "2025-01-05", key: "2025-W01" }],
    ["2026-03-10", "monthly", { start: "2026-03-01", end: "2026-03-31", key: "2026-03" }],
    ["2026-02-15", "monthly", { start: "2026-02-01", end: "2026-02-28", key: "2026-02" }],
    ["2024-02-10", "monthly", { start: "2024-02-01", end: "2024-02-29", key: "2024-02" }],
    ["2026-12-31", "monthly", { start: "2026-12-01", end: "2026-12-31", key: "2026-12" }],
    ["2026-04-30", "monthly", { start: "2026-04-01", end: "2026-04-30", key: "2026-04" }],
    ["2026-01-01", "quarterly", { start: "2026-01-01", end: "2026-03-31", key: "2026-Q1" }],
    ["2026-05-15", "quarterly", { start: "2026-04-01", end: "2026-06-30", key: "2026-Q2" }],
    ["2026-09-30", "quarterly", { start: "2026-07-01", end: "2026-09-30", key: "2026-Q3" }],
    ["2026-12-31", "quarterly", { start: "2026-10-01", end: "2026-12-31", key: "2026-Q4" }],
    ["2026-07-04", "yearly", { start: "2026-01-01", end: "2026-12-31", key: "2026" }],
    ["2028-02-29", "yearly", { start: "2028-01-01", end: "2028-12-31", key: "2028" }],
  ];
  it.each(cases)("%s %s", (date, f, expected) => {
    expect(periodOf(date, f)).toEqual(expected);
  });
});

describe("nextPeriod", () => {
  const cases: [string, Frequency, { start: string; end: string; key: string }][] = [
    ["2026-03-10", "weekly", { start: "2026-03-16", end: "2026-03-22", key: "2026-W12" }],
    ["2026-12-24", "weekly", { start: "2026-12-28", end: "2027-01-03", key: "2026-W53" }],
    ["2026-12-30", "weekly", { start: "2027-01-04", end: "2027-01-10", key: "2027-W01" }],
    ["2026-01-31", "monthly", { start: "2026-02-01", end: "2026-02-28", key: "2026-02" }],
    ["2026-12-15", "monthly", { start: "2027-01-01", end: "2027-01-31", key: "2027-01" }],
    ["2026-08-01", "quarterly", { start: "2026-10-01", end: "2026-12-31", key: "2026-Q4" }],
    ["2026-11-01", "quarterly", { start: "2027-01-01", end: "2027-03-31", key: "2027-Q1" }],
    ["2026-06-30", "yearly", { start: "2027-01-01", end: "2027-12-31", key: "2027" }],
  ];
  it.each(cases)("after %s %s", (date, f, expected) => {
    expect(nextPeriod(date, f)).toEqual(expected);
  });
});

describe("occurrenceDeadline", () => {
  it.each([
    ["2026-03-01", "2026-03-31", 24, "2026-03-25"],
    ["2026-03-01", "2026-03-31", 0, "2026-03-01"],
    ["2026-03-01", "2026-03-31", 30, "2026-03-31"],
    ["2026-02-01", "2026-02-28", 30, "2026-02-28"], // clamped to the end of February
    ["2026-02-01", "2026-02-28", 27, "2026-02-28"],
    ["2026-02-01", "2026-02-28", 26, "2026-02-27"],
    ["2026-03-09", "2026-03-15", 4, "2026-03-13"],
    ["2026-03-09", "2026-03-15", 10, "2026-03-15"],
    ["2026-10-01", "2026-12-31", 14, "2026-10-15"],
  ])("%s–%s + %i → %s", (start, end, offset, expected) => {
    expect(occurrenceDeadline(start, end, offset)).toBe(expected);
  });

  it("matches daysBetween and addDays", () => {
    expect(daysBetween("2026-03-01", "2026-03-25")).toBe(24);
    expect(daysBetween("2026-03-25", "2026-03-01")).toBe(-24);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});

describe("retitle (the next occurrence's title)", () => {
  it.each([
    ["Báo cáo tình hình hoạt động tháng 12/2025", "2025-12", "2026-01", "monthly", "Báo cáo tình hình hoạt động tháng 01/2026"],
    ["Báo cáo tháng 3/2026", "2026-03", "2026-04", "monthly", "Báo cáo tháng 04/2026"],
    ["Tổng hợp đối tượng bảo trợ xã hội quý IV/2025", "2025-Q4", "2026-Q1", "quarterly", "Tổng hợp đối tượng bảo trợ xã hội quý I/2026"],
    ["Kế hoạch cải cách hành chính năm 2026", "2026", "2027", "yearly", "Kế hoạch cải cách hành chính năm 2027"],
    ["Giao ban tuần 9", "2026-W09", "2026-W10", "weekly", "Giao ban tuần 10"],
    ["Báo cáo định kỳ", "2026-03", "2026-04", "monthly", "Báo cáo định kỳ"],
  ] as const)("%s → %s", (title, from, to, f, expected) => {
    expect(retitle(title, from, to, f)).toBe(expected);
  });
});

describe("basisText", () => {
  it("says the kind and the reference, or the reference alone when it names its kind", async () => {
    const { basisText } = await import("../../app/modules/tasks/rules");
    expect(basisText("Kết luận giao ban", "Kết luận giao ban ngày 02/03/2026")).toBe("Kết luận giao ban ngày 02/03/2026");
    expect(basisText("Kết luận giao ban", "kết luận giao ban tuần 10", " ")).toBe("kết luận giao ban tuần 10");
    expect(basisText("Chỉ đạo", "Công văn số 215/UBND-VP")).toBe("Chỉ đạo — Công văn số 215/UBND-VP");
    expect(basisText("Đột xuất", "")).toBe("Đột xuất");
    expect(basisText("Đột xuất", null)).toBe("Đột xuất");
  });
});
