import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  BUILT_IN_RULES,
  buildCalendar,
  dayOfWeek,
  isWorkingDay,
  official2026Overrides,
  statutoryHolidays,
  workingDaysBetween,
  type CalendarOverride,
  type DayKind,
  type HolidayRule,
} from "../../app/modules/calendar/holidays";

const TDL = "Tết Dương lịch";
const TET = "Tết Nguyên đán";
const GT = "Giỗ Tổ Hùng Vương";
const CT = "Ngày Chiến thắng";
const LD = "Ngày Quốc tế Lao động";
const QK = "Quốc khánh";
const VH = "Ngày Văn hóa Việt Nam";

describe("statutoryHolidays", () => {
  it("2025", () => {
    expect(statutoryHolidays(2025)).toEqual([
      { date: "2025-01-01", name: TDL },
      { date: "2025-01-28", name: TET },
      { date: "2025-01-29", name: TET },
      { date: "2025-01-30", name: TET },
      { date: "2025-01-31", name: TET },
      { date: "2025-02-01", name: TET }, // Saturday
      { date: "2025-02-03", name: `Nghỉ bù ${TET}` },
      { date: "2025-04-07", name: GT },
      { date: "2025-04-30", name: CT },
      { date: "2025-05-01", name: LD },
      { date: "2025-09-01", name: QK },
      { date: "2025-09-02", name: QK },
    ]);
  });

  it("2027", () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: "2027-01-01", name: TDL },
      { date: "2027-02-05", name: TET },
      { date: "2027-02-06", name: TET }, // lunar 1/1, Saturday
      { date: "2027-02-07", name: TET }, // Sunday
      { date: "2027-02-08", name: TET },
      { date: "2027-02-09", name: TET },
      { date: "2027-02-10", name: `Nghỉ bù ${TET}` },
      { date: "2027-02-11", name: `Nghỉ bù ${TET}` },
      { date: "2027-04-16", name: GT },
      { date: "2027-04-30", name: CT },
      { date: "2027-05-01", name: LD }, // Saturday
      { date: "2027-05-03", name: `Nghỉ bù ${LD}` },
      { date: "2027-09-01", name: QK },
      { date: "2027-09-02", name: QK },
      { date: "2027-11-24", name: VH, unconfirmed: true }, // a rule kept as data, not confirmed
    ]);
  });

  it("2026 computed defaults give the nghỉ bù for Giỗ Tổ on Sunday", () => {
    const h = statutoryHolidays(2026);
    expect(h).toContainEqual({ date: "2026-04-26", name: GT });
    expect(h).toContainEqual({ date: "2026-04-27", name: `Nghỉ bù ${GT}` });
    expect(h.filter((x) => x.name === TET).map((x) => x.date)).toEqual([
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
    ]);
  });

  // Holidays landing on a weekend give a day off on the next weekday that is not already off.
  const compensations: [string, number, { date: string; name: string; unconfirmed?: boolean }[]][] = [
    ["30/4 Sat and 1/5 Sun", 2022, [
      { date: "2022-05-02", name: `Nghỉ bù ${CT}` },
      { date: "2022-05-03", name: `Nghỉ bù ${LD}` },
    ]],
    ["30/4 Sun, 1/5 Mon is already off", 2028, [{ date: "2028-05-02", name: `Nghỉ bù ${CT}` }]],
    ["2/9 Sat", 2028, [{ date: "2028-09-04", name: `Nghỉ bù ${QK}` }]],
    ["1/9 Sat and 2/9 Sun", 2029, [
      { date: "2029-09-03", name: `Nghỉ bù ${QK}` },
      { date: "2029-09-04", name: `Nghỉ bù ${QK}` },
    ]],
    ["1/1 Sat", 2022, [{ date: "2022-01-03", name: `Nghỉ bù ${TDL}` }]],
    ["24/11 Sat", 2029, [{ date: "2029-11-26", name: `Nghỉ bù ${VH}`, unconfirmed: true }]],
  ];
  it.each(compensations)("nghỉ bù: %s (%i)", (_label, year, expected) => {
    const h = statutoryHolidays(year);
    for (const e of expected) expect(h).toContainEqual(e);
  });

  it("never places a day off twice and lists dates in order", () => {
    for (let y = 2000; y <= 2060; y++) {
      const dates = statutoryHolidays(y).map((h) => h.date);
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
      // Every compensatory day is a weekday.
      for (const h of statutoryHolidays(y)) {
        if (h.name.startsWith("Nghỉ bù")) expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(h.date));
      }
    }
  });

  it("Ngày Văn hóa Việt Nam only from 2026, and marked unconfirmed", () => {
    expect(statutoryHolidays(2025).some((h) => h.name === VH)).toBe(false);
    expect(statutoryHolidays(2026)).toContainEqual({ date: "2026-11-24", name: VH, unconfirmed: true });
  });

  // 24/11 is data the centre changes (holiday_rules), not a hard-coded day.
  const culture = BUILT_IN_RULES.find((r) => r.key === "culture-day")!;
  const ruleCases: [string, HolidayRule[], { date: string; name: string; unconfirmed?: boolean } | null][] = [
    ["built in: on, unconfirmed", [culture], { date: "2027-11-24", name: VH, unconfirmed: true }],
    ["turned off", [{ ...culture, enabled: false }], null],
    ["confirmed", [{ ...culture, confirmed: true, source: "Luật số 99/2026/QH15" }], { date: "2027-11-24", name: VH }],
    ["ends in 2026", [{ ...culture, toYear: 2026 }], null],
    ["starts in 2028", [{ ...culture, fromYear: 2028 }], null],
    ["no rules at all", [], null],
  ];
  it.each(ruleCases)("the 24/11 rule %s", (_label, rules, expected) => {
    const h = statutoryHolidays(2027, rules).find((x) => x.date === "2027-11-24") ?? null;
    expect(h).toEqual(expected);
  });

  it("a rule the centre adds counts, with its nghỉ bù", () => {
    const local: HolidayRule = { key: "x", month: 3, day: 6, name: "Ngày truyền thống xã", fromYear: 2020, toYear: null, confirmed: true, enabled: true, source: "NQ 01", builtIn: false };
    const h = statutoryHolidays(2027, [local]); // 6/3/2027 is a Saturday
    expect(h).toContainEqual({ date: "2027-03-06", name: "Ngày truyền thống xã" });
    expect(h).toContainEqual({ date: "2027-03-08", name: "Nghỉ bù Ngày truyền thống xã" });
    expect(h.some((x) => x.name === VH)).toBe(false);
  });

  it("has the 11 statutory days (plus 24/11 from 2026) before compensation", () => {
    const count = (y: number) => statutoryHolidays(y).filter((h) => !h.name.startsWith("Nghỉ bù")).length;
    expect(count(2025)).toBe(11);
    expect(count(2027)).toBe(12);
  });
});

describe("buildCalendar with the official 2026 schedule", () => {
  const cal = buildCalendar(2026, official2026Overrides);
  const cases: [string, DayKind, string?][] = [
    ["2026-01-01", "holiday", TDL],
    ["2026-01-02", "holiday", `Nghỉ hoán đổi ${TDL}`],
    ["2026-01-03", "weekend"],
    ["2026-01-05", "working"],
    ["2026-01-10", "makeup", "Làm bù cho ngày 02/01/2026"],
    ["2026-01-11", "weekend"],
    ["2026-02-13", "working"],
    ["2026-02-14", "holiday", TET],
    ["2026-02-16", "holiday", TET],
    ["2026-02-17", "holiday", TET],
    ["2026-02-20", "holiday", TET],
    ["2026-02-22", "holiday", TET],
    ["2026-02-23", "working"],
    ["2026-04-26", "holiday", GT],
    ["2026-04-27", "holiday", `Nghỉ bù ${GT}`],
    ["2026-04-30", "holiday", CT],
    ["2026-05-01", "holiday", LD],
    ["2026-05-02", "weekend"],
    ["2026-05-04", "working"],
    ["2026-08-31", "holiday", `Nghỉ hoán đổi ${QK}`],
    ["2026-09-01", "holiday", QK],
    ["2026-09-02", "holiday", QK],
    ["2026-09-03", "working"],
    ["2026-11-24", "holiday", VH],
    ["2026-11-25", "working"],
  ];
  it.each(cases)("%s is %s", (date, kind, name) => {
    const info = cal(date);
    expect({ kind: info.kind, name: info.name }).toEqual({ kind, name });
  });

  it("says where each day comes from", () => {
    expect(cal("2026-01-02")).toMatchObject({ origin: "decision", source: expect.stringContaining("Tết Dương lịch năm 2026") });
    expect(cal("2026-11-24")).toEqual({ kind: "holiday", name: VH, origin: "computed", unconfirmed: true });
    expect(cal("2026-03-10")).toEqual({ kind: "working" });
  });

  it("every override carries a Vietnamese source text, and 24/11 is not one of them", () => {
    for (const o of official2026Overrides) expect(o.source).toMatch(/năm 2026/);
    expect(official2026Overrides.some((o) => o.date === "2026-11-24")).toBe(false);
  });

  it("uses statutory defaults for other years, built lazily", () => {
    expect(cal("2025-04-07")).toEqual({ kind: "holiday", name: GT, origin: "computed" });
    expect(cal("2027-02-06")).toEqual({ kind: "holiday", name: TET, origin: "computed" });
    expect(cal("2030-09-02").kind).toBe("holiday");
    expect(cal("2025-04-08").kind).toBe("working");
  });

  it("rejects invalid dates", () => {
    expect(() => cal("2026-02-30")).toThrow(RangeError);
    expect(() => buildCalendar(2026, [{ date: "2026-13-01", kind: "off", name: "x" }])).toThrow(RangeError);
  });
});

describe("buildCalendar rules", () => {
  it("without overrides uses computed holidays", () => {
    const cal = buildCalendar(2026, []);
    expect(cal("2026-01-02").kind).toBe("working");
    expect(cal("2026-01-10").kind).toBe("weekend");
    expect(cal("2026-02-16")).toEqual({ kind: "holiday", name: TET, origin: "computed" });
    expect(cal("2026-04-27")).toEqual({ kind: "holiday", name: `Nghỉ bù ${GT}`, origin: "computed" });
  });

  it("a decision overrides its own date only; the rest of the year stays computed", () => {
    const cal = buildCalendar(2026, [{ date: "2026-03-02", kind: "off", name: "Nghỉ đặc biệt" }]);
    expect(cal("2026-03-02")).toEqual({ kind: "holiday", name: "Nghỉ đặc biệt", origin: "decision" });
    expect(cal("2026-01-01")).toEqual({ kind: "holiday", name: TDL, origin: "computed" });
    expect(cal("2027-01-01").kind).toBe("holiday");
  });

  it("a working decision on a weekday cancels a computed holiday", () => {
    const cal = buildCalendar(2026, [{ date: "2026-09-01", kind: "working", name: "Làm việc (dời nghỉ sang 3/9)" }]);
    expect(cal("2026-09-01")).toEqual({ kind: "working", name: "Làm việc (dời nghỉ sang 3/9)", origin: "decision" });
    expect(cal("2026-09-02").kind).toBe("holiday");
  });

  // Issue 14, item 1: entering one official decision (Tết 2027) used to turn every other 2027
  // holiday into a working day.
  const tet2027: CalendarOverride[] = ["05", "06", "07", "08", "09", "10", "11", "12", "13", "14"].map((d) => ({
    date: `2027-02-${d}`,
    kind: "off",
    name: TET,
    source: "Thông báo nghỉ Tết Âm lịch năm 2027",
  }));
  const with2027 = buildCalendar(2027, tet2027);
  const kept: [string, DayKind, string, "decision" | "computed"][] = [
    ["2027-01-01", "holiday", TDL, "computed"],
    ["2027-02-05", "holiday", TET, "decision"],
    ["2027-02-12", "holiday", TET, "decision"],
    ["2027-04-16", "holiday", GT, "computed"],
    ["2027-04-30", "holiday", CT, "computed"],
    ["2027-05-01", "holiday", LD, "computed"],
    ["2027-05-03", "holiday", `Nghỉ bù ${LD}`, "computed"],
    ["2027-09-01", "holiday", QK, "computed"],
    ["2027-09-02", "holiday", QK, "computed"],
    ["2027-11-24", "holiday", VH, "computed"],
  ];
  it.each(kept)("with only the Tết 2027 decision entered, %s is still %s (%s, %s)", (date, kind, name, origin) => {
    expect(with2027(date)).toMatchObject({ kind, name, origin });
  });

  it("counts 2027's days off: 15 computed, plus the decision's extra Tết days, nothing lost", () => {
    const off = (cal: ReturnType<typeof buildCalendar>) => {
      let n = 0;
      for (let d = new Date(Date.UTC(2027, 0, 1)); d.getUTCFullYear() === 2027; d = new Date(d.getTime() + 86_400_000)) {
        if (cal(d.toISOString().slice(0, 10)).kind === "holiday") n++;
      }
      return n;
    };
    expect(off(buildCalendar(2027, []))).toBe(15);
    // The decision adds 12–14/2 (computed Tết 5–9/2 and nghỉ bù 10–11/2 are repeated by it).
    expect(off(with2027)).toBe(18);
  });

  it("a working override on a weekday stays 'working'", () => {
    const cal = buildCalendar(2026, [{ date: "2026-03-03", kind: "working", name: "Trực" }]);
    expect(cal("2026-03-03")).toEqual({ kind: "working", name: "Trực", origin: "decision" });
  });

  it("uses the centre's annual rules", () => {
    const culture = BUILT_IN_RULES[0]!;
    expect(buildCalendar(2026, [], { rules: [{ ...culture, enabled: false }] })("2026-11-24").kind).toBe("working");
    expect(buildCalendar(2026, [], { rules: [{ ...culture, confirmed: true }] })("2026-11-24")).toEqual({ kind: "holiday", name: VH, origin: "computed" });
  });

  it("saturdayWorking makes Saturdays working, not Sundays or holidays", () => {
    const cal = buildCalendar(2026, official2026Overrides, { saturdayWorking: true });
    expect(cal("2026-01-03").kind).toBe("working");
    expect(cal("2026-01-04").kind).toBe("weekend");
    expect(cal("2026-02-14").kind).toBe("holiday");
    expect(cal("2026-01-10").kind).toBe("makeup");
    expect(cal("2026-05-02").kind).toBe("working");
  });
});

describe("isWorkingDay", () => {
  it.each([
    ["working", true],
    ["makeup", true],
    ["weekend", false],
    ["holiday", false],
  ] as [DayKind, boolean][])("%s → %s", (kind, expected) => {
    expect(isWorkingDay(kind)).toBe(expected);
  });
});

describe("addWorkingDays and workingDaysBetween", () => {
  const cal = buildCalendar(2026, official2026Overrides);
  const sat = buildCalendar(2026, official2026Overrides, { saturdayWorking: true });

  const adds: [string, number, string, string][] = [
    ["2026-02-13", 1, "2026-02-23", "across Tết 2026"],
    ["2026-02-12", 2, "2026-02-23", "across Tết 2026"],
    ["2026-02-16", 1, "2026-02-23", "starting inside Tết"],
    ["2026-02-23", -1, "2026-02-13", "backwards across Tết"],
    ["2026-02-13", 0, "2026-02-13", "zero"],
    ["2025-12-31", 1, "2026-01-05", "across New Year"],
    ["2026-01-09", 1, "2026-01-10", "onto the make-up Saturday"],
    ["2026-04-24", 1, "2026-04-28", "across Giỗ Tổ and its nghỉ bù"],
    ["2026-04-29", 1, "2026-05-04", "across 30/4–1/5"],
    ["2026-08-28", 1, "2026-09-03", "across Quốc khánh"],
    ["2026-03-02", 10, "2026-03-16", "two plain weeks"],
  ];
  it.each(adds)("%s + %i working days = %s (%s)", (from, n, to) => {
    expect(addWorkingDays(from, n, cal)).toBe(to);
    if (n !== 0) expect(workingDaysBetween(from, to, cal)).toBe(n);
  });

  it("counts Saturdays when they are working", () => {
    expect(addWorkingDays("2026-03-06", 1, sat)).toBe("2026-03-07");
    expect(workingDaysBetween("2026-03-02", "2026-03-09", sat)).toBe(6);
  });

  const betweens: [string, string, number][] = [
    ["2026-02-13", "2026-02-23", 1],
    ["2026-02-23", "2026-02-13", -1],
    ["2026-02-13", "2026-02-13", 0],
    ["2026-02-14", "2026-02-22", 0],
    ["2026-01-01", "2026-01-31", 21], // 22 weekdays − 1/1 − 2/1 + make-up 10/1, 1/1 excluded anyway
    ["2025-12-31", "2026-01-31", 21],
    ["2026-03-01", "2026-03-31", 22],
  ];
  it.each(betweens)("workingDaysBetween(%s, %s) = %i", (from, to, n) => {
    expect(workingDaysBetween(from, to, cal)).toBe(n);
  });

  it("is consistent with addWorkingDays over a year", () => {
    for (const n of [1, 5, 20, 60, 250]) {
      const to = addWorkingDays("2026-01-01", n, cal);
      expect(workingDaysBetween("2026-01-01", to, cal)).toBe(n);
      // 1/1 and 2/1 are off, so going back lands on the last working day of 2025.
      expect(addWorkingDays(to, -n, cal)).toBe("2025-12-31");
    }
  });
});
