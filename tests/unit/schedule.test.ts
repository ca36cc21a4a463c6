import { describe, expect, it } from "vitest";
import { buildCalendar, official2026Overrides } from "../../app/modules/calendar/holidays";
import {
  ALL_MONTH_DAYS,
  checkCoverage,
  DEFAULT_SEASON,
  DEFAULT_SETTINGS,
  DEFAULT_SCHEDULE,
  hoursOn,
  inMonthDayRange,
  isSaturdayOpening,
  memberHoursOn,
  minutesOf,
  parseMonthDay,
  scheduleOn,
  scheduleSettingsSchema,
  seasonOn,
  seasonsSchema,
  type Schedule,
  type ScheduleVersion,
  type WorkSeason,
} from "../../app/modules/calendar/schedule";

const summer: WorkSeason = {
  id: "s",
  name: "Mùa hè",
  fromMd: "04-01",
  toMd: "10-31",
  morningStart: "07:00",
  morningEnd: "11:30",
  afternoonStart: "13:30",
  afternoonEnd: "17:00",
};
const winter: WorkSeason = {
  id: "w",
  name: "Mùa đông",
  fromMd: "11-01",
  toMd: "03-31",
  morningStart: "07:30",
  morningEnd: "12:00",
  afternoonStart: "13:00",
  afternoonEnd: "16:30",
};

const haiDuong = (saturdayOpening = false, saturdayStaff: string[] = []): Schedule => ({
  settings: { ...DEFAULT_SETTINGS, saturdayOpening, saturdayStart: "07:30", saturdayEnd: "11:30" },
  seasons: [summer, winter],
  seasonsConfigured: true,
  saturdayStaff,
});

describe("seasonOn", () => {
  it("picks the summer season between 01/04 and 31/10, both included", () => {
    for (const d of ["2026-04-01", "2026-07-15", "2026-10-31"]) expect(seasonOn([summer, winter], d)?.name, d).toBe("Mùa hè");
  });

  it("picks the winter season across the year end", () => {
    for (const d of ["2026-11-01", "2026-12-31", "2027-01-01", "2026-02-17", "2028-02-29", "2026-03-31"]) {
      expect(seasonOn([summer, winter], d)?.name, d).toBe("Mùa đông");
    }
  });

  it("returns null when no season covers the date", () => {
    expect(seasonOn([summer], "2026-12-01")).toBeNull();
    expect(seasonOn([], "2026-06-01")).toBeNull();
  });

  it("handles single-day and whole-year ranges", () => {
    expect(inMonthDayRange("05-01", "05-01", "05-01")).toBe(true);
    expect(inMonthDayRange("05-02", "05-01", "05-01")).toBe(false);
    expect(inMonthDayRange("02-29", "01-01", "12-31")).toBe(true);
    expect(inMonthDayRange("06-15", "11-01", "03-31")).toBe(false);
  });
});

describe("hoursOn", () => {
  it("gives the season's hours on weekdays", () => {
    // Tuesday 10/03/2026 (winter) and Wednesday 15/07/2026 (summer).
    expect(hoursOn(haiDuong(), "2026-03-10")).toEqual({ morning: ["07:30", "12:00"], afternoon: ["13:00", "16:30"] });
    expect(hoursOn(haiDuong(), "2026-07-15")).toEqual({ morning: ["07:00", "11:30"], afternoon: ["13:30", "17:00"] });
    // Monday 02/11/2026: the first weekday of winter; Friday 30/10/2026: the last of summer.
    expect(hoursOn(haiDuong(), "2026-11-02")?.morning).toEqual(["07:30", "12:00"]);
    expect(hoursOn(haiDuong(), "2026-10-30")?.morning).toEqual(["07:00", "11:30"]);
  });

  it("closes on Sunday, and on Saturday unless the centre opens in the morning", () => {
    expect(hoursOn(haiDuong(), "2026-03-15")).toBeNull(); // Sunday
    expect(hoursOn(haiDuong(), "2026-03-14")).toBeNull(); // Saturday, closed
    expect(hoursOn(haiDuong(true), "2026-03-14")).toEqual({ morning: ["07:30", "11:30"], afternoon: null });
    expect(hoursOn(haiDuong(true), "2026-03-15")).toBeNull();
  });

  it("follows the centre's calendar: holidays closed, make-up Saturdays a full day", () => {
    const cal = buildCalendar(2026, official2026Overrides);
    expect(hoursOn(haiDuong(), "2026-02-17", cal)).toBeNull(); // Tết, Tuesday
    expect(hoursOn(haiDuong(), "2026-04-27", cal)).toBeNull(); // nghỉ bù Giỗ Tổ, Monday
    expect(hoursOn(haiDuong(), "2026-01-10", cal)).toEqual({ morning: ["07:30", "12:00"], afternoon: ["13:00", "16:30"] });
    expect(hoursOn(haiDuong(), "2026-03-10", cal)?.afternoon).toEqual(["13:00", "16:30"]);
    // A Saturday inside Tết stays closed even for a centre that opens on Saturdays.
    const open = buildCalendar(2026, official2026Overrides, { saturdayWorking: true });
    expect(hoursOn(haiDuong(true), "2026-02-14", open)).toBeNull();
    expect(hoursOn(haiDuong(true), "2026-03-14", open)).toEqual({ morning: ["07:30", "11:30"], afternoon: null });
  });

  it("uses the default all-year season when nothing is set: 8 hours a day (QĐ 188/1999/QĐ-TTg)", () => {
    const s: Schedule = { settings: DEFAULT_SETTINGS, seasons: [DEFAULT_SEASON], seasonsConfigured: false, saturdayStaff: [] };
    const h = hoursOn(s, "2026-08-03")!;
    expect(h).toEqual({ morning: ["07:30", "11:30"], afternoon: ["13:00", "17:00"] });
    const minutes = (r: [string, string]) => minutesOf(r[1]) - minutesOf(r[0]);
    expect((minutes(h.morning) + minutes(h.afternoon!)) / 60).toBe(8);
    expect(DEFAULT_SCHEDULE.seasons).toEqual([DEFAULT_SEASON]);
  });
});

describe("memberHoursOn: the Saturday rota", () => {
  const cal = buildCalendar(2026, official2026Overrides);
  const s = haiDuong(true, ["m-sat"]);
  const cases: [string, string, string, ReturnType<typeof hoursOn>][] = [
    ["open Saturday, on the rota", "2026-03-07", "m-sat", { morning: ["07:30", "11:30"], afternoon: null }],
    ["open Saturday, not on the rota", "2026-03-07", "m-other", null],
    ["Saturday inside Tết", "2026-02-14", "m-sat", null],
    ["make-up Saturday: everyone, full day", "2026-01-10", "m-other", { morning: ["07:30", "12:00"], afternoon: ["13:00", "16:30"] }],
    ["weekday: everyone", "2026-03-09", "m-other", { morning: ["07:30", "12:00"], afternoon: ["13:00", "16:30"] }],
    ["Sunday: nobody", "2026-03-08", "m-sat", null],
  ];
  it.each(cases)("%s", (_label, date, member, expected) => {
    expect(memberHoursOn(s, date, member, cal)).toEqual(expected);
  });

  it("a closed Saturday is nobody's, rota or not", () => {
    expect(memberHoursOn(haiDuong(false, ["m-sat"]), "2026-03-07", "m-sat", cal)).toBeNull();
    expect(isSaturdayOpening(haiDuong(false), "2026-03-07", cal)).toBe(false);
    expect(isSaturdayOpening(haiDuong(true), "2026-03-07", cal)).toBe(true);
    expect(isSaturdayOpening(haiDuong(true), "2026-01-10", cal)).toBe(false); // make-up day
  });
});

describe("scheduleOn: the version in force on a date", () => {
  const v = (effectiveFrom: string, grace: number): ScheduleVersion => ({
    ...haiDuong(),
    id: effectiveFrom,
    effectiveFrom,
    settings: { ...DEFAULT_SETTINGS, graceMinutes: grace },
  });
  const versions = [v("2025-07-01", 5), v("2026-03-10", 15), v("2026-04-01", 10)];
  const cases: [string, number][] = [
    ["2025-07-01", 5],
    ["2026-02-10", 5],
    ["2026-03-09", 5],
    ["2026-03-10", 15],
    ["2026-03-31", 15],
    ["2026-04-01", 10],
    ["2030-01-01", 10],
  ];
  it.each(cases)("%s → %i minutes' grace", (date, grace) => {
    expect(scheduleOn(versions, date).settings.graceMinutes).toBe(grace);
  });

  it("falls back to the built-in default when nothing is saved, and before the first version", () => {
    expect(scheduleOn([], "2026-03-10")).toBe(DEFAULT_SCHEDULE);
    expect(scheduleOn(versions, "2025-06-30")).toBe(DEFAULT_SCHEDULE);
  });
});

describe("season coverage", () => {
  it("accepts summer + wrapping winter as the whole year", () => {
    expect(checkCoverage([summer, winter])).toEqual({ overlaps: [], firstGap: null });
    expect(ALL_MONTH_DAYS).toHaveLength(366);
  });

  it("finds overlaps, including across the year end", () => {
    expect(checkCoverage([summer, { ...winter, fromMd: "10-15" }]).overlaps).toEqual([[0, 1]]);
    expect(checkCoverage([{ ...summer, fromMd: "01-01" }, winter]).overlaps).toEqual([[0, 1]]);
  });

  it("finds the first uncovered day, 29/02 included", () => {
    expect(checkCoverage([summer, { ...winter, fromMd: "11-02" }]).firstGap).toBe("11-01");
    expect(checkCoverage([summer, { ...winter, toMd: "02-28" }, { ...winter, fromMd: "03-01", toMd: "03-31" }]).firstGap).toBe("02-29");
    expect(checkCoverage([]).firstGap).toBe("01-01");
  });
});

describe("parseMonthDay", () => {
  it("reads dd/MM as Vietnamese write it, and MM-DD", () => {
    expect(parseMonthDay("01/04")).toBe("04-01");
    expect(parseMonthDay("1/4")).toBe("04-01");
    expect(parseMonthDay("31/10")).toBe("10-31");
    expect(parseMonthDay("29/02")).toBe("02-29");
    expect(parseMonthDay("11-01")).toBe("11-01");
  });

  it("refuses days that do not exist", () => {
    for (const s of ["31/04", "30/02", "00/01", "01/13", "13-01", "2026-04-01", "abc", ""]) expect(parseMonthDay(s), s).toBeNull();
  });
});

describe("form schemas", () => {
  const summerRow = { name: "Mùa hè", from: "01/04", to: "31/10", morningStart: "07:00", morningEnd: "11:30", afternoonStart: "13:30", afternoonEnd: "17:00" };
  const winterRow = { name: "Mùa đông", from: "01/11", to: "31/03", morningStart: "07:30", morningEnd: "12:00", afternoonStart: "13:00", afternoonEnd: "16:30" };

  it("parses a seasons table, skipping blank and removed rows", () => {
    const r = seasonsSchema.safeParse({
      intent: "seasons",
      seasons: [summerRow, { ...winterRow, remove: true }, winterRow, undefined, {}],
      effectiveFrom: "2026-03-10",
    });
    expect(r.success).toBe(true);
    expect(r.success && r.data.seasons.map((s) => [s.fromMd, s.toMd])).toEqual([
      ["04-01", "10-31"],
      ["11-01", "03-31"],
    ]);
  });

  it("puts each problem on its field", () => {
    const r = seasonsSchema.safeParse({
      intent: "seasons",
      seasons: [{ ...summerRow, morningEnd: "06:00", afternoonEnd: "25:00" }, { ...winterRow, from: "31/02", name: "" }],
    });
    // The effective date is checked with the rows: its message comes back with theirs.
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["seasons.0.morningEnd", "timeOrder"],
        ["seasons.0.afternoonEnd", "timeFormat"],
        ["seasons.1.from", "monthDayFormat"],
        ["seasons.1.name", "required"],
        ["effectiveFrom", "required"],
      ]),
    );
  });

  it("reports an overlap on the later season and a gap on the table", () => {
    const overlap = seasonsSchema.safeParse({ intent: "seasons", seasons: [summerRow, { ...winterRow, from: "01/10" }], effectiveFrom: "2026-03-10" });
    expect(overlap.success ? [] : overlap.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["seasons.1.from", "seasonOverlap|Mùa hè"]]);
    const gap = seasonsSchema.safeParse({ intent: "seasons", seasons: [summerRow], effectiveFrom: "2026-03-10" });
    expect(gap.success ? [] : gap.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["", "seasonGap|01/01"]]);
  });

  it("checks the Saturday hours even when another field is missing", () => {
    const r = scheduleSettingsSchema.safeParse({
      intent: "settings",
      saturdayStart: "11:00",
      saturdayEnd: "07:00",
      checkinMode: "day",
      holidayWeight: 2,
      weekendWeight: 1,
    });
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual(
      expect.arrayContaining([
        ["saturdayEnd", "timeOrder"],
        ["graceMinutes", "required"],
      ]),
    );
  });
});
