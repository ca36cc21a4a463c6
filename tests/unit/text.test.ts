import { describe, expect, it } from "vitest";
import { likePattern, normalizeSearch } from "../../db/text";
import { vnDateOf } from "~/utils/dates";
import { formatDate, formatDateTime } from "~/utils/time";

describe("search normalisation", () => {
  it.each([
    ["Hộ tịch", "ho tich"],
    ["ĐẤT ĐAI – Xây dựng", "dat dai – xay dung"],
    ["  Nguyễn   Văn  Hùng ", "nguyen van hung"],
  ])("%s → %s", (input, expected) => expect(normalizeSearch(input)).toBe(expected));

  it("escapes LIKE wildcards", () => {
    expect(likePattern("50%_a")).toBe("%50\\%\\_a%");
  });
});

describe("dates in Vietnam time", () => {
  it("takes the calendar date in Asia/Ho_Chi_Minh", () => {
    expect(vnDateOf(new Date("2026-03-09T17:30:00Z"))).toBe("2026-03-10");
    expect(vnDateOf(new Date("2026-03-09T16:59:00Z"))).toBe("2026-03-09");
  });
  it("formats as dd/MM/yyyy", () => {
    expect(formatDate("2026-02-05")).toBe("05/02/2026");
    expect(formatDateTime("2026-02-05T01:05:00Z")).toBe("05/02/2026 08:05");
    // Instants in Vietnam time (UTC+7), across midnight and the new year, without a date library.
    expect(formatDate(new Date("2026-02-05T17:00:00Z"))).toBe("06/02/2026");
    expect(formatDateTime("2025-12-31T16:59:00Z")).toBe("31/12/2025 23:59");
    expect(formatDateTime(new Date("2025-12-31T17:00:00Z"))).toBe("01/01/2026 00:00");
  });
});
