import { describe, expect, it } from "vitest";
import { buildCalendar, official2026Overrides } from "../../app/modules/calendar/holidays";
import {
  annualEntitlement,
  balanceOf,
  coveredDates,
  datesBetween,
  fullYearsBetween,
  leaveDays,
  monthsWorked,
  leaveOverlaps,
} from "../../app/modules/leave/rules";
import { leaveRequestSchema } from "../../app/modules/leave/schema";

// The official 2026 calendar for civil servants: New Year 1–4/1 with Fri 2/1 swapped for Sat 10/1,
// Tết Sat 14/2 – Sun 22/2.
const cal = buildCalendar(2026, official2026Overrides);

describe("leaveDays: working days per the centre's calendar", () => {
  it.each([
    ["a single working day", "2026-03-10", "2026-03-10", 1],
    ["a whole week", "2026-03-09", "2026-03-13", 5],
    ["across a weekend (Fri – Mon)", "2026-03-06", "2026-03-09", 2],
    ["two weeks across a weekend", "2026-03-09", "2026-03-20", 10],
    ["around Tết 2026 (Thu 12/2 – Wed 25/2)", "2026-02-12", "2026-02-25", 5],
    ["only Tết days", "2026-02-14", "2026-02-22", 0],
    ["only a weekend", "2026-03-14", "2026-03-15", 0],
    ["with the make-up Saturday 10/01/2026 (Fri 9/1 – Mon 12/1)", "2026-01-09", "2026-01-12", 3],
    ["the make-up Saturday alone", "2026-01-10", "2026-01-10", 1],
    ["the New Year break (Wed 31/12/2025 – Mon 5/1/2026)", "2025-12-31", "2026-01-05", 2],
    ["Giỗ Tổ with its day off in lieu (Fri 24/4 – Tue 28/4)", "2026-04-24", "2026-04-28", 2],
  ])("%s", (_label, from, to, days) => {
    expect(leaveDays(from, to, "full", cal)).toBe(days);
  });

  it("counts an ordinary Saturday as a working day only when the calendar says so", () => {
    expect(leaveDays("2026-03-14", "2026-03-14", "full", cal)).toBe(0);
    const saturdays = buildCalendar(2026, official2026Overrides, { saturdayWorking: true });
    expect(leaveDays("2026-03-14", "2026-03-14", "full", saturdays)).toBe(1);
  });

  it("is 0 for a range that ends before it starts", () => {
    expect(leaveDays("2026-03-10", "2026-03-09", "full", cal)).toBe(0);
  });

  it("counts a half day as 0.5 on a working day and 0 otherwise", () => {
    expect(leaveDays("2026-03-10", "2026-03-10", "morning", cal)).toBe(0.5);
    expect(leaveDays("2026-03-10", "2026-03-10", "afternoon", cal)).toBe(0.5);
    expect(leaveDays("2026-01-10", "2026-01-10", "morning", cal)).toBe(0.5); // make-up Saturday
    expect(leaveDays("2026-03-14", "2026-03-14", "morning", cal)).toBe(0); // Saturday
    expect(leaveDays("2026-02-17", "2026-02-17", "afternoon", cal)).toBe(0); // Tết
    expect(leaveDays("2026-03-10", "2026-03-11", "morning", cal)).toBe(0); // a half day is one date only
  });
});

describe("annual entitlement by seniority", () => {
  const entitlement = (serviceStart: string, year = 2026, base = 12, yearsPerExtra = 5) => annualEntitlement({ base, yearsPerExtra, serviceStart, year }).days;

  it("counts full years of service", () => {
    expect(fullYearsBetween("2021-01-01", "2026-01-01")).toBe(5);
    expect(fullYearsBetween("2021-01-02", "2026-01-01")).toBe(4);
    expect(fullYearsBetween("2020-12-31", "2026-01-01")).toBe(5);
    expect(fullYearsBetween("2026-01-01", "2026-01-01")).toBe(0);
    expect(fullYearsBetween("2026-06-01", "2026-01-01")).toBe(0);
  });

  it("is the base with less than five full years at 1 January", () => {
    expect(entitlement("2025-07-01")).toBe(12);
    expect(entitlement("2021-01-02")).toBe(12); // 4 years and 364 days
    expect(entitlement("2026-02-01")).toBe(12); // started during the year
  });

  it("adds a day per five full years", () => {
    expect(entitlement("2021-01-01")).toBe(13); // 5 years exactly
    expect(entitlement("2016-06-30")).toBe(13); // 9 years
    expect(entitlement("2016-01-01")).toBe(14); // 10 years
    expect(entitlement("2005-09-01")).toBe(16); // 20 years
    // The same person a year later.
    expect(entitlement("2016-06-30", 2027)).toBe(14);
  });

  it("follows the centre's settings", () => {
    expect(entitlement("2016-01-01", 2026, 14, 5)).toBe(16);
    expect(entitlement("2016-01-01", 2026, 12, 3)).toBe(15);
    expect(entitlement("2016-01-01", 2026, 12, 0)).toBe(12); // no seniority days
    expect(annualEntitlement({ base: 12, yearsPerExtra: 5, serviceStart: "2014-08-01", year: 2026 })).toEqual({
      days: 14,
      base: 12,
      yearsPerExtra: 5,
      years: 11,
      extra: 2,
      fullYear: 14,
      months: 12,
      exact: 14,
      prorated: false,
    });
  });

  // Issue 14, item 3: fewer than 12 months with the centre in the year → pro rata to the months
  // worked (Bộ luật Lao động 2019, Điều 113 khoản 2; NĐ 145/2020/NĐ-CP, Điều 66), rounded down to
  // a half day. A month counts when at least half its Monday–Friday days were in service.
  const proRata: [string, string, string | null, number, number, number][] = [
    // [case, joined, left (exclusive), year, months, days]
    ["joined 01/09/2026", "2026-09-01", null, 2026, 4, 4],
    ["joined 01/09/2026, the next year in full", "2026-09-01", null, 2027, 12, 12],
    ["joined 16/09/2026: September has 22 weekdays, 11 served → counts", "2026-09-16", null, 2026, 4, 4],
    ["joined 17/09/2026: 10 of 22 weekdays → September does not count", "2026-09-17", null, 2026, 3, 3],
    ["left on 01/04/2026 (last day 31/03)", "2025-07-01", "2026-04-01", 2026, 3, 3],
    ["left on 16/04/2026: 11 of 22 weekdays in April", "2025-07-01", "2026-04-16", 2026, 4, 4],
    ["joined 01/03 and left 01/07/2026", "2026-03-01", "2026-07-01", 2026, 4, 4],
    ["joined in 2025, in service all 2026", "2025-07-01", null, 2026, 12, 12],
    ["not yet joined in the year", "2027-02-01", null, 2026, 0, 0],
  ];
  it.each(proRata)("%s: %i months, %i days", (_label, joinedOn, leftOn, year, months, days) => {
    expect(monthsWorked(joinedOn, leftOn, year)).toBe(months);
    const e = annualEntitlement({ base: 12, yearsPerExtra: 5, serviceStart: joinedOn, year, joinedOn, leftOn });
    expect([e.months, e.days, e.prorated]).toEqual([months, days, months < 12]);
  });

  it("pro-rates seniority days too, and rounds down to a half day", () => {
    // 13 days a year (one seniority day); joined 01/09: 13 × 4/12 = 4.33 → 4.
    const a = annualEntitlement({ base: 12, yearsPerExtra: 5, serviceStart: "2020-01-01", year: 2026, joinedOn: "2026-09-01", leftOn: null });
    expect([a.fullYear, a.months, Math.round(a.exact * 100) / 100, a.days]).toEqual([13, 4, 4.33, 4]);
    // 13 × 7/12 = 7.58 → 7.5.
    const b = annualEntitlement({ base: 12, yearsPerExtra: 5, serviceStart: "2020-01-01", year: 2026, joinedOn: "2026-06-01", leftOn: null });
    expect([b.months, b.days]).toEqual([7, 7.5]);
  });

  it("gives the balance: left = entitlement − taken, and what a new request may still take", () => {
    const b = balanceOf(annualEntitlement({ base: 12, yearsPerExtra: 5, serviceStart: "2021-01-01", year: 2026 }), 2026, 3.5, 2);
    expect(b).toMatchObject({ entitlement: 13, taken: 3.5, pending: 2, remaining: 9.5, available: 7.5 });
  });
});

describe("overlaps and covered dates", () => {
  const span = (start_date: string, end_date: string, part = "full") => ({ start_date, end_date, part });

  it("lets a morning and an afternoon of the same date be separate requests", () => {
    expect(leaveOverlaps(span("2026-03-10", "2026-03-10", "morning"), span("2026-03-10", "2026-03-10", "afternoon"))).toBe(false);
    expect(leaveOverlaps(span("2026-03-10", "2026-03-10", "morning"), span("2026-03-10", "2026-03-10", "morning"))).toBe(true);
    expect(leaveOverlaps(span("2026-03-09", "2026-03-11"), span("2026-03-10", "2026-03-10", "afternoon"))).toBe(true);
  });

  it("treats shared dates as overlapping and touching ranges as not", () => {
    expect(leaveOverlaps(span("2026-03-09", "2026-03-11"), span("2026-03-11", "2026-03-13"))).toBe(true);
    expect(leaveOverlaps(span("2026-03-09", "2026-03-11"), span("2026-03-12", "2026-03-13"))).toBe(false);
    expect(leaveOverlaps(span("2026-03-12", "2026-03-13"), span("2026-03-01", "2026-03-11"))).toBe(false);
  });

  it("lists every calendar date of a request inside a window, weekends included", () => {
    expect(datesBetween("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(coveredDates(span("2026-03-05", "2026-03-10"), "2026-03-07", "2026-03-31")).toEqual([
      { date: "2026-03-07", part: "full" },
      { date: "2026-03-08", part: "full" },
      { date: "2026-03-09", part: "full" },
      { date: "2026-03-10", part: "full" },
    ]);
    expect(coveredDates(span("2026-03-05", "2026-03-05", "afternoon"), "2026-03-01", "2026-03-31")).toEqual([{ date: "2026-03-05", part: "afternoon" }]);
    expect(coveredDates(span("2026-03-05", "2026-03-06"), "2026-03-07", "2026-03-31")).toEqual([]);
  });
});

describe("the request form", () => {
  const parse = (v: Record<string, string>) =>
    leaveRequestSchema.safeParse({ intent: "request", kind: "annual", startDate: "2026-03-16", endDate: "2026-03-17", reason: "Việc gia đình", ...v });
  const messages = (r: ReturnType<typeof parse>) => (r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message])));

  it("accepts whole days by default", () => {
    const r = parse({});
    expect(r.success && r.data.part).toBe("full");
  });

  it("refuses a half day over several dates, an end before the start and a missing reason, each beside its field", () => {
    expect(messages(parse({ part: "morning" }))).toEqual({ part: "halfDaySingleDate" });
    expect(messages(parse({ endDate: "2026-03-13" }))).toEqual({ endDate: "leaveEndBeforeStart" });
    expect(messages(parse({ reason: " " }))).toEqual({ reason: "leaveReasonRequired" });
    expect(messages(parse({ kind: "holiday" }))).toEqual({ kind: "invalidChoice" });
    expect(messages(parse({ startDate: "2026-02-30" }))).toEqual({ startDate: "dateFormat" });
    expect(messages(parse({ endDate: "2026-07-01" }))).toEqual({ endDate: "leaveTooLong" });
  });
});
