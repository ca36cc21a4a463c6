import { describe, expect, it } from "vitest";
import { parsePeriodKey, previousKeyedPeriod } from "~/utils/dates";

describe("period keys", () => {
  it("parses a month, a quarter and a year, with their first and last day", () => {
    expect(parsePeriodKey("2026-02")).toEqual({ key: "2026-02", kind: "month", year: 2026, index: 2, from: "2026-02-01", to: "2026-02-28" });
    expect(parsePeriodKey("2028-02")?.to).toBe("2028-02-29");
    expect(parsePeriodKey("2026-Q4")).toEqual({ key: "2026-Q4", kind: "quarter", year: 2026, index: 4, from: "2026-10-01", to: "2026-12-31" });
    expect(parsePeriodKey("2026")).toEqual({ key: "2026", kind: "year", year: 2026, index: 1, from: "2026-01-01", to: "2026-12-31" });
  });

  it("refuses anything else", () => {
    for (const k of ["", null, undefined, "2026-13", "2026-00", "2026-Q5", "2026-q1", "26", "2026-1", " 2026"]) expect(parsePeriodKey(k)).toBeNull();
  });

  it("steps back across a year", () => {
    expect(previousKeyedPeriod(parsePeriodKey("2026-01")!).key).toBe("2025-12");
    expect(previousKeyedPeriod(parsePeriodKey("2026-03")!).key).toBe("2026-02");
    expect(previousKeyedPeriod(parsePeriodKey("2026-Q1")!).key).toBe("2025-Q4");
    expect(previousKeyedPeriod(parsePeriodKey("2026-Q3")!)).toMatchObject({ key: "2026-Q2", from: "2026-04-01", to: "2026-06-30" });
    expect(previousKeyedPeriod(parsePeriodKey("2026")!).key).toBe("2025");
  });
});
