// A value memoised for one request (db/tenant.ts requestMemo): kept within the request, never
// across requests or outside one, forgotten by a write transaction unless it says it keeps it.
import { describe, expect, it } from "vitest";
import { openSqlite } from "../../db/client";
import { requestMemo, requestScope, withTenant } from "../../db/tenant";
import { writeTx } from "../../db/tx";

describe("requestMemo", () => {
  const { db } = openSqlite(":memory:");
  const counter = () => {
    let n = 0;
    return () => ++n;
  };

  it("computes once per request, again in the next request and every time outside one", async () => {
    const make = counter();
    await requestScope(async () => {
      expect(requestMemo("k", make)).toBe(1);
      expect(requestMemo("k", make)).toBe(1);
      expect(requestMemo("other", make)).toBe(2);
    });
    await requestScope(async () => expect(requestMemo("k", make)).toBe(3));
    expect(requestMemo("k", make)).toBe(4);
    await withTenant("org", async () => expect(requestMemo("k", make)).toBe(5));
  });

  it("is forgotten by a write transaction, kept by one that says it writes none of it", async () => {
    const make = counter();
    await requestScope(async () => {
      expect(requestMemo("k", make)).toBe(1);
      await writeTx(db, async () => undefined, { keepsRequestMemo: true });
      expect(requestMemo("k", make)).toBe(1);
      await writeTx(db, async () => undefined);
      expect(requestMemo("k", make)).toBe(2);
      await expect(writeTx(db, async () => Promise.reject(new Error("rolled back")))).rejects.toThrow("rolled back");
      expect(requestMemo("k", make)).toBe(3);
    });
  });

  it("forgets a rejected promise at once", async () => {
    let n = 0;
    await requestScope(async () => {
      await expect(requestMemo("k", () => Promise.reject(new Error(`fail ${++n}`)))).rejects.toThrow("fail 1");
      await expect(requestMemo("k", () => Promise.resolve(++n))).resolves.toBe(2);
    });
  });
});
