import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent, formatShare } from "~/utils/number";

describe("the app's number formatter", () => {
  it.each([
    [1234.5, "vi", "1.234,5"],
    [1234.5, "en", "1,234.5"],
    [94.11764705882352, "vi", "94,12"],
    [6.5, "vi", "6,5"],
    [6.5, "en", "6.5"],
    [64.17, "vi", "64,17"],
    [7, "vi", "7"],
    [1.005, "vi", "1,01"],
    [-2.5, "vi", "−2,5"],
    [-0.001, "vi", "0"],
    [1234567, "en", "1,234,567"],
  ] as const)("%s in %s is %s", (n, locale, text) => expect(formatNumber(n, locale)).toBe(text));

  it("fixes decimals, limits them, signs changes and leaves years ungrouped", () => {
    expect(formatNumber(85, "vi", { decimals: 1 })).toBe("85,0");
    expect(formatNumber(2.46, "vi", { maxDecimals: 1 })).toBe("2,5");
    expect(formatNumber(3.5, "vi", { signed: true })).toBe("+3,5");
    expect(formatNumber(0, "vi", { signed: true })).toBe("0");
    expect(formatNumber(2026, "vi", { grouping: false })).toBe("2026");
    expect(formatNumber(Number.NaN, "vi")).toBe("—");
  });

  it("writes percentages and shares", () => {
    expect(formatPercent(97.91666666666667, "vi")).toBe("97,92%");
    expect(formatPercent(97.91666666666667, "en")).toBe("97.92%");
    expect(formatPercent(null, "vi")).toBe("—");
    expect(formatShare(0.9375, "vi")).toBe("93,75%");
    expect(formatShare(1, "en")).toBe("100%");
  });
});
