import { describe, expect, it } from "vitest";
import { periodKeyOf } from "~/modules/people/period";
import { dateParam, isIsoDate, pageParam, parseDateInput } from "~/utils/time";
import { isoDate } from "~/utils/schema";
import { addDecisionSchema, scheduleSettingsSchema, seasonsSchema } from "~/modules/calendar/schedule";
import { extensionRequestSchema } from "~/modules/tasks/schema";

describe("dates as people type them", () => {
  it.each([
    ["16/03/2026", "2026-03-16"],
    ["16/3/2026", "2026-03-16"],
    ["6-3-2026", "2026-03-06"],
    ["06.03.2026", "2026-03-06"],
    [" 2026-03-16 ", "2026-03-16"],
    ["29/02/2028", "2028-02-29"],
    ["30/02/2026", null],
    ["29/02/2026", null],
    ["2026-02-30", null],
    ["03/16/2026", null],
    ["16/03/26", null],
    ["", null],
    ["1e309", null],
  ])("%s → %s", (typed, iso) => {
    expect(parseDateInput(typed)).toBe(iso);
  });

  it("the shared schema stores YYYY-MM-DD and names the problem", () => {
    expect(isoDate().parse("16/03/2026")).toBe("2026-03-16");
    expect(isoDate().safeParse("30/02/2026").error?.issues[0]?.message).toBe("dateFormat");
    expect(isIsoDate("2026-02-30")).toBe(false);
  });

  // Issue 13: these three posted only YYYY-MM-DD (what HTTP tests send), and refused what a person types.
  it("the extension, calendar-decision and schedule forms read dd/mm/yyyy too", () => {
    expect(extensionRequestSchema.parse({ intent: "requestExtension", requestedDate: "27/03/2026", reason: "Máy quét hỏng", version: 1 }).requestedDate).toBe("2026-03-27");
    expect(extensionRequestSchema.safeParse({ intent: "requestExtension", reason: "Máy quét hỏng", version: 1 }).error?.issues[0]?.message).toBe("extensionDateRequired");
    expect(addDecisionSchema.parse({ intent: "add", date: "2/9/2026", kind: "off", name: "Quốc khánh", source: "Bộ luật Lao động" }).date).toBe("2026-09-02");
    expect(addDecisionSchema.safeParse({ intent: "add", date: "31/02/2026", kind: "off", name: "Quốc khánh", source: "Bộ luật Lao động" }).error?.issues.map((i) => i.message)).toEqual(["dateFormat"]);
    const settings = { intent: "settings", saturdayStart: "07:30", saturdayEnd: "11:30", graceMinutes: 5, checkinMode: "day", holidayWeight: 2, weekendWeight: 1 };
    expect(scheduleSettingsSchema.safeParse({ ...settings, effectiveFrom: "14/03/2026" }).data?.effectiveFrom).toBe("2026-03-14");
    const hours = { morningStart: "07:00", morningEnd: "11:30", afternoonStart: "13:30", afternoonEnd: "17:00" };
    const seasons = [{ name: "Mùa hè", from: "15/04", to: "14/10", ...hours }, { name: "Mùa đông", from: "15/10", to: "14/04", ...hours }];
    expect(seasonsSchema.safeParse({ intent: "seasons", seasons, effectiveFrom: "14/03/2026" }).data?.effectiveFrom).toBe("2026-03-14");
  });

  it("query parameters fall back instead of failing the page", () => {
    const p = (q: string) => new URLSearchParams(q);
    expect(dateParam(p("date=2026-02-30"), "date", "2026-03-10")).toBe("2026-03-10");
    expect(dateParam(p("date=16/03/2026"), "date", "2026-03-10")).toBe("2026-03-16");
    expect(dateParam(p("date=9999-12-31"), "date", "2026-03-10")).toBe("2026-03-10");
    expect([pageParam(p("page=1e309")), pageParam(p("page=Infinity")), pageParam(p("page=-5")), pageParam(p("page=2.5")), pageParam(p("page=3"))]).toEqual([1, 1, 1, 1, 3]);
  });
});

describe("periods as people type them", () => {
  it.each([
    ["02/2026", "2026-02"],
    ["2/2026", "2026-02"],
    ["Quý 1/2026", "2026-Q1"],
    ["quý IV/2026", "2026-Q4"],
    ["Q3/2026", "2026-Q3"],
    ["Quarter 2/2026", "2026-Q2"],
    ["2026", "2026"],
    ["2026-02", "2026-02"],
    ["2026-q2", "2026-Q2"],
    ["13/2026", null],
    ["Quý 5/2026", null],
    ["abc", null],
  ])("%s → %s", (typed, key) => {
    expect(periodKeyOf(typed)).toBe(key);
  });
});
