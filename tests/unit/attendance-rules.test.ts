import { describe, expect, it } from "vitest";
import { earlyLeaveMinutes, earlyMinutes, evaluateDay, invalidNetwork, ipAllowed, lateMinutes, sessionFor, type DayInput } from "~/modules/attendance/rules";
import { classifyCompletion } from "~/modules/tasks/rules";
import { buildCalendar, official2026Overrides } from "~/modules/calendar/holidays";
import { hoursOn } from "~/modules/calendar/schedule";

// Former Hải Dương hours: winter 07:30–12:00 / 13:00–16:30 (Vietnam time = UTC+7).
const WINTER = { morning: ["07:30", "12:00"] as [string, string], afternoon: ["13:00", "16:30"] as [string, string] };
const SATURDAY = { morning: ["07:30", "11:30"] as [string, string], afternoon: null };
/** A Vietnam local time, "HH:mm" or "HH:mm:ss". */
const vn = (date: string, time: string) => new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`).toISOString();
const day = (over: Partial<DayInput> = {}): DayInput => ({
  date: "2026-03-10",
  hours: WINTER,
  graceMinutes: 5,
  mode: "day",
  records: [],
  leave: null,
  now: new Date(vn("2026-03-10", "20:00")),
  ...over,
});

describe("a day in one-pair mode", () => {
  it.each([
    ["on time", "07:29", "16:31", 0, 0],
    ["within the grace period", "07:35", "16:25", 0, 0],
    ["late by 6 minutes", "07:36", "16:30", 6, 0],
    ["late by 45 minutes", "08:15", "16:30", 45, 0],
    ["left 30 minutes early", "07:30", "16:00", 0, 30],
  ])("%s", (_name, inT, outT, late, early) => {
    const s = evaluateDay(day({ records: [{ session: "day", checkIn: vn("2026-03-10", inT), checkOut: vn("2026-03-10", outT) }] }));
    expect([s.state, s.lateMinutes, s.earlyMinutes, s.workedDays]).toEqual(["present", late, early, 1]);
  });

  it("is pending during the day and absent once it ends without a check-in", () => {
    expect(evaluateDay(day({ now: new Date(vn("2026-03-10", "06:00")) })).state).toBe("future");
    expect(evaluateDay(day({ now: new Date(vn("2026-03-10", "09:00")) })).state).toBe("pending");
    const absent = evaluateDay(day({ now: new Date(vn("2026-03-10", "16:31")) }));
    expect([absent.state, absent.absentDays]).toEqual(["absent", 1]);
  });

  it("does not count a non-working day, and counts work done on one", () => {
    expect(evaluateDay(day({ hours: null })).state).toBe("off");
    expect(evaluateDay(day({ hours: null, records: [{ session: "day", checkIn: vn("2026-03-10", "08:00"), checkOut: null }] })).state).toBe("present");
  });

  it("on approved leave all day is leave, not absent", () => {
    const s = evaluateDay(day({ leave: { kind: "sick", part: "full" } }));
    expect([s.state, s.absentDays]).toEqual(["leave", 0]);
  });

  it("with the morning off, lateness counts from the afternoon start", () => {
    const s = evaluateDay(day({ leave: { kind: "annual", part: "morning" }, records: [{ session: "day", checkIn: vn("2026-03-10", "13:20"), checkOut: vn("2026-03-10", "16:30") }] }));
    expect([s.lateMinutes, s.workedDays]).toEqual([20, 0.5]);
  });

  it("with the afternoon off, the day ends at noon", () => {
    const s = evaluateDay(day({ leave: { kind: "annual", part: "afternoon" }, records: [{ session: "day", checkIn: vn("2026-03-10", "07:30"), checkOut: vn("2026-03-10", "12:00") }] }));
    expect([s.earlyMinutes, s.workedDays]).toEqual([0, 0.5]);
  });

  it("a Saturday-morning opening is half a working day (one session)", () => {
    const absent = evaluateDay(day({ date: "2026-03-14", hours: SATURDAY, now: new Date(vn("2026-03-14", "12:00")) }));
    expect([absent.state, absent.absentDays]).toEqual(["absent", 0.5]);
    const present = evaluateDay(
      day({ date: "2026-03-14", hours: SATURDAY, records: [{ session: "day", checkIn: vn("2026-03-14", "07:40"), checkOut: vn("2026-03-14", "11:30") }] }),
    );
    expect([present.state, present.lateMinutes, present.workedDays]).toEqual(["present", 10, 0.5]);
  });
});

// Issue 14, item 8: one whole-minute rule for attendance and deadlines. A time counts by the minute
// it falls in (seconds ignored): start 07:30 with 5 minutes' grace → 07:35:59 on time, 07:36:00
// six minutes late; a 17:00 deadline is met at 17:00:59 and missed at 17:01:00.
describe("whole minutes, for lateness and deadlines alike", () => {
  const start = new Date(vn("2026-03-10", "07:30"));
  const lateCases: [string, number, number][] = [
    ["07:29:59", 5, 0],
    ["07:30:00", 5, 0],
    ["07:35:00", 5, 0],
    ["07:35:59", 5, 0],
    ["07:36:00", 5, 6],
    ["07:36:59", 5, 6],
    ["07:30:59", 0, 0],
    ["07:31:00", 0, 1],
    ["08:15:30", 5, 45],
  ];
  it.each(lateCases)("check-in at %s with %i minutes' grace is %i minutes late", (time, grace, late) => {
    expect(lateMinutes(new Date(vn("2026-03-10", time)), start, grace)).toBe(late);
    const s = evaluateDay(day({ graceMinutes: grace, records: [{ session: "day", checkIn: vn("2026-03-10", time), checkOut: vn("2026-03-10", "16:30") }] }));
    expect(s.lateMinutes).toBe(late);
  });

  const end = new Date(vn("2026-03-10", "16:30"));
  const earlyCases: [string, number, number][] = [
    ["16:30:00", 5, 0],
    ["16:25:00", 5, 0],
    ["16:24:59", 5, 6],
    ["16:29:59", 0, 1],
    ["16:00:10", 5, 30],
  ];
  it.each(earlyCases)("check-out at %s with %i minutes' grace leaves %i minutes early", (time, grace, early) => {
    expect(earlyMinutes(new Date(vn("2026-03-10", time)), end, grace)).toBe(early);
  });

  const cal = buildCalendar(2026, official2026Overrides);
  const deadlineCases: [string, "on_time" | "late"][] = [
    ["17:00:00", "on_time"],
    ["17:00:59", "on_time"],
    ["17:01:00", "late"],
  ];
  it.each(deadlineCases)("a result at %s against a 17:00 deadline is %s", (time, expected) => {
    expect(classifyCompletion(new Date(vn("2026-03-10", time)), { date: "2026-03-10", time: "17:00" }, cal)).toBe(expected);
  });
});

describe("a day in one-pair-per-session mode", () => {
  it("counts each session's lateness and a missing session as half a day absent", () => {
    const s = evaluateDay(day({ mode: "session", records: [{ session: "morning", checkIn: vn("2026-03-10", "07:40"), checkOut: vn("2026-03-10", "12:00") }] }));
    expect([s.state, s.lateMinutes, s.absentDays, s.workedDays]).toEqual(["present", 10, 0.5, 0.5]);
  });
  it("adds up the lateness of both sessions", () => {
    const s = evaluateDay(
      day({
        mode: "session",
        records: [
          { session: "morning", checkIn: vn("2026-03-10", "07:40"), checkOut: vn("2026-03-10", "12:00") },
          { session: "afternoon", checkIn: vn("2026-03-10", "13:15"), checkOut: vn("2026-03-10", "16:00") },
        ],
      }),
    );
    expect([s.lateMinutes, s.earlyMinutes, s.workedDays]).toEqual([25, 30, 1]);
  });
  it("chooses the session by the time of the check-in", () => {
    expect(sessionFor("session", "2026-03-10", WINTER, new Date(vn("2026-03-10", "12:20")))).toBe("morning");
    expect(sessionFor("session", "2026-03-10", WINTER, new Date(vn("2026-03-10", "12:40")))).toBe("afternoon");
    expect(sessionFor("day", "2026-03-10", WINTER, new Date(vn("2026-03-10", "12:40")))).toBe("day");
  });
});

describe("office networks", () => {
  it.each([
    ["203.162.10.25", "203.162.10.0/24", true],
    ["203.162.11.25", "203.162.10.0/24", false],
    ["::ffff:203.162.10.25", "203.162.10.0/24", true],
    ["10.0.0.5", "192.168.1.0/24\n10.0.0.0/8", true],
    ["2001:db8::1", "2001:db8::/32", true],
    ["2001:db9::1", "2001:db8::/32", false],
    ["127.0.0.1", "", true],
    ["not-an-ip", "10.0.0.0/8", false],
  ])("%s in %j: %s", (ip, nets, ok) => {
    expect(ipAllowed(ip, nets)).toBe(ok);
  });
  it("rejects malformed ranges", () => {
    expect(invalidNetwork("10.0.0.0/8\n203.162.10.0/24")).toBeNull();
    expect(invalidNetwork("10.0.0.0/33")).toBe("10.0.0.0/33");
    expect(invalidNetwork("mạng cơ quan")).toBe("mạng");
  });
});

describe("with the centre's calendar and seasonal hours", () => {
  const schedule = {
    settings: { saturdayOpening: false, saturdayStart: "07:30", saturdayEnd: "11:30", graceMinutes: 5, checkinMode: "day" as const, holidayWeight: 2, weekendWeight: 1 },
    seasons: [
      { id: "s", name: "Mùa hè", fromMd: "04-01", toMd: "10-31", morningStart: "07:00", morningEnd: "11:30", afternoonStart: "13:30", afternoonEnd: "17:00" },
      { id: "w", name: "Mùa đông", fromMd: "11-01", toMd: "03-31", morningStart: "07:30", morningEnd: "12:00", afternoonStart: "13:00", afternoonEnd: "16:30" },
    ],
    seasonsConfigured: true,
    saturdayStaff: [],
  };
  const cal = buildCalendar(2026, official2026Overrides);
  const status = (date: string, inT: string | null) =>
    evaluateDay({
      date,
      hours: hoursOn(schedule, date, cal),
      graceMinutes: 5,
      mode: "day",
      records: inT ? [{ session: "day", checkIn: vn(date, inT), checkOut: null }] : [],
      leave: null,
      now: new Date(vn(date, "23:00")),
    });

  it.each([
    ["summer: 07:10 is late", "2026-06-10", "07:10", "present", 10],
    ["winter: 07:10 is early", "2026-12-10", "07:10", "present", 0],
    ["make-up Saturday 10/01/2026 is a working day", "2026-01-10", "07:45", "present", 15],
    ["an ordinary Saturday is not", "2026-01-17", null, "off", 0],
    ["a Tết day is not a working day", "2026-02-18", null, "off", 0],
    ["the nghỉ bù Monday 27/04/2026 is not", "2026-04-27", null, "off", 0],
    ["a working day without check-in is absent after it ends", "2026-04-28", null, "absent", 0],
  ])("%s", (_name, date, inT, state, late) => {
    const s = status(date, inT);
    expect([s.state, s.lateMinutes]).toEqual([state, late]);
  });
});

describe("how early a check-out would be (asked before recording it)", () => {
  const early = (time: string, over: Partial<Parameters<typeof earlyLeaveMinutes>[0]> = {}) =>
    earlyLeaveMinutes({ date: "2026-03-10", hours: WINTER, graceMinutes: 5, session: "day", leave: null, now: new Date(vn("2026-03-10", time)), ...over });
  it.each([
    ["a second tap just after checking in", "08:01", 509],
    ["half an hour early", "16:00", 30],
    ["within the grace period", "16:26", 0],
    ["after the end", "16:45", 0],
  ])("%s", (_name, time, minutes) => expect(early(time)).toBe(minutes));
  it("is the morning's end for a morning record, and the morning's when the afternoon is on leave", () => {
    expect(early("11:00", { session: "morning" })).toBe(60);
    expect(early("11:00", { leave: { kind: "annual", part: "afternoon" } })).toBe(60);
  });
  it("agrees with the day's evaluation", () => {
    const s = evaluateDay(day({ records: [{ session: "day", checkIn: vn("2026-03-10", "07:30"), checkOut: vn("2026-03-10", "08:01") }] }));
    expect(s.earlyMinutes).toBe(early("08:01"));
  });
  it("is never early on a day off", () => expect(early("08:00", { hours: null })).toBe(0));
});
