import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/redirect";

describe("safeRedirect", () => {
  it.each([
    // Paths on this site pass, normalised.
    ["/o/tu-ky/staff", "/o/tu-ky/staff"],
    ["/o/tu-ky/staff?q=lan&page=2#top", "/o/tu-ky/staff?q=lan&page=2#top"],
    ["/o/tu-ky/./staff/../tasks", "/o/tu-ky/tasks"],
    ["/o/tu-ky/staff?q=Nguy%E1%BB%85n", "/o/tu-ky/staff?q=Nguy%E1%BB%85n"],
    ["/o/tu-ky/staff?q=Nguyễn", "/o/tu-ky/staff?q=Nguy%E1%BB%85n"],
    ["/", "/"],
    // Other sites, in every disguise.
    ["https://evil.example/", "/"],
    ["http:evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/%2F%2Fevil.example", "/"],
    ["/%2f%5cevil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["/..//evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/ /evil.example", "/"],
    ["/\u00a0/evil.example", "/"],
    ["/\u2028x", "/"],
    ["/\u0085x", "/"],
    ["/x\u0000", "/"],
    ["/x%00", "/"],
    ["/x%0d%0aSet-Cookie:a=b", "/"],
    ["/%E0%A4%A", "/"],
    ["javascript:alert(1)", "/"],
    ["data:text/html,hi", "/"],
    ["evil.example", "/"],
    ["", "/"],
    [null, "/"],
    [undefined, "/"],
    [`/${"a".repeat(3000)}`, "/"],
  ])("%j → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it("answers with the fallback given", () => {
    expect(safeRedirect("//evil.example", "/o/tu-ky")).toBe("/o/tu-ky");
  });
});
