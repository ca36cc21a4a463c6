import { describe, expect, it } from "vitest";
import {
  jdnToIso,
  isoToJdn,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  lunarYearName,
  newMoonJde,
  solarToLunar,
  sunLongitude,
  type LunarDate,
} from "../../app/modules/calendar/lunar";

const L = (day: number, month: number, year: number, leap = false): LunarDate => ({ day, month, year, leap });

describe("astronomy (Meeus worked examples)", () => {
  it("new moon of 1977 February (Example 49.a, k = -283)", () => {
    expect(newMoonJde(-283)).toBeCloseTo(2443192.65118, 4);
  });
  it("apparent solar longitude on 1992-10-13 0h TD (Example 25.a)", () => {
    // sunLongitude takes UT; ΔT in 1992 is about 59 s.
    expect(sunLongitude(2448908.5 - 59 / 86400)).toBeCloseTo(199.90895, 3);
  });
});

describe("solarToLunar: domain-facts test vectors (UTC+7)", () => {
  const vectors: [string, LunarDate, string][] = [
    ["2024-02-10", L(1, 1, 2024), "Tết Giáp Thìn"],
    ["2025-01-29", L(1, 1, 2025), "Tết Ất Tỵ"],
    ["2026-02-17", L(1, 1, 2026), "Tết Bính Ngọ"],
    ["2027-02-06", L(1, 1, 2027), "Tết Đinh Mùi"],
    ["2028-01-26", L(1, 1, 2028), "Tết Mậu Thân"],
    ["2024-04-18", L(10, 3, 2024), "Giỗ Tổ"],
    ["2025-04-07", L(10, 3, 2025), "Giỗ Tổ"],
    ["2026-04-26", L(10, 3, 2026), "Giỗ Tổ"],
    ["2027-04-16", L(10, 3, 2027), "Giỗ Tổ"],
    ["2026-02-16", L(29, 12, 2025), "month 12 of Ất Tỵ has 29 days"],
    ["2025-06-25", L(1, 6, 2025), "month 6"],
    ["2025-07-25", L(1, 6, 2025, true), "leap month 6"],
    ["2025-08-23", L(1, 7, 2025), "month 7"],
    ["1985-01-21", L(1, 1, 1985), "Vietnam (UTC+7) differs from China (1985-02-20)"],
    ["2007-02-17", L(1, 1, 2007), "China (UTC+8) has 2007-02-18"],
  ];
  it.each(vectors)("%s → %o (%s)", (solar, lunar) => {
    expect(solarToLunar(solar)).toEqual(lunar);
    expect(lunarToSolar(lunar)).toBe(solar);
  });
});

describe("Tết (lunar 1/1)", () => {
  const tet: [number, string][] = [
    [2020, "2020-01-25"],
    [2021, "2021-02-12"],
    [2022, "2022-02-01"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2028, "2028-01-26"],
  ];
  it.each(tet)("Tết %i is %s", (year, solar) => {
    expect(lunarToSolar(L(1, 1, year))).toBe(solar);
    // The day before is the last day of month 12 of the previous year.
    const eve = solarToLunar(jdnToIso(isoToJdn(solar) - 1));
    expect(eve).toMatchObject({ month: 12, year: year - 1, leap: false });
    expect(eve.day).toBe(lunarMonthLength(year - 1, 12));
  });
});

describe("leap months", () => {
  const leaps: [number, number][] = [
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2024, 0],
    [2025, 6],
    [2026, 0],
    [2027, 0],
    [2028, 5],
  ];
  it.each(leaps)("year %i has leap month %i (0 = none)", (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it("leap month 6 of 2025 has its own dates", () => {
    expect(lunarToSolar(L(15, 6, 2025, true))).toBe("2025-08-08");
    expect(lunarToSolar(L(15, 6, 2025))).toBe("2025-07-09");
  });
});

describe("lunarToSolar rejects dates that do not exist", () => {
  const bad: [string, LunarDate][] = [
    ["30/12/2025 (month has 29 days)", L(30, 12, 2025)],
    ["leap month 5 of 2025", L(1, 5, 2025, true)],
    ["leap month in 2026", L(1, 6, 2026, true)],
    ["month 13", L(1, 13, 2025)],
    ["day 0", L(0, 1, 2025)],
    ["day 31", L(31, 1, 2025)],
    ["non-integer day", L(1.5, 1, 2025)],
  ];
  it.each(bad)("%s", (_label, l) => {
    expect(() => lunarToSolar(l)).toThrow(RangeError);
  });

  it("month lengths are 29 or 30", () => {
    expect(lunarMonthLength(2025, 12)).toBe(29);
    for (let m = 1; m <= 12; m++) expect([29, 30]).toContain(lunarMonthLength(2026, m));
  });
});

describe("solarToLunar input validation", () => {
  it.each(["2025-02-30", "2025-2-3", "20250203", "", "2025-13-01"])("rejects %j", (iso) => {
    expect(() => solarToLunar(iso)).toThrow(RangeError);
  });
});

describe("round trip and continuity", () => {
  it("lunarToSolar(solarToLunar(d)) = d for every day of 2020–2030, and days advance by one", () => {
    let prev: LunarDate | null = null;
    let days = 0;
    for (let j = isoToJdn("2020-01-01"); j <= isoToJdn("2030-12-31"); j++, days++) {
      const iso = jdnToIso(j);
      const l = solarToLunar(iso);
      expect(lunarToSolar(l)).toBe(iso);
      if (prev) {
        if (l.day === 1) {
          expect([29, 30]).toContain(prev.day);
        } else {
          expect(l).toEqual({ ...prev, day: prev.day + 1 });
        }
      }
      prev = l;
    }
    expect(days).toBe(4018);
  });

  it("round-trips solar → lunar → solar for every day from 1900 to 2100", () => {
    expect(solarToLunar("1900-01-31")).toEqual(L(1, 1, 1900));
    let days = 0;
    const wrong: string[] = [];
    for (let j = isoToJdn("1900-01-01"); j <= isoToJdn("2100-12-31"); j++, days++) {
      const iso = jdnToIso(j);
      if (lunarToSolar(solarToLunar(iso)) !== iso) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
    expect(days).toBe(73414);
  });
});

describe("lunarYearName (can chi)", () => {
  const names: [number, string][] = [
    [1900, "Canh Tý"],
    [1985, "Ất Sửu"],
    [2019, "Kỷ Hợi"],
    [2020, "Canh Tý"],
    [2021, "Tân Sửu"],
    [2022, "Nhâm Dần"],
    [2023, "Quý Mão"],
    [2024, "Giáp Thìn"],
    [2025, "Ất Tỵ"],
    [2026, "Bính Ngọ"],
    [2027, "Đinh Mùi"],
    [2028, "Mậu Thân"],
    [2029, "Kỷ Dậu"],
    [2030, "Canh Tuất"],
    [2100, "Canh Thân"],
  ];
  it.each(names)("%i → %s", (year, name) => {
    expect(lunarYearName(year)).toBe(name.normalize("NFC"));
  });
});
