import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startServer, type TestServer } from "../helpers/server";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv.close();
});

describe("page encoding", () => {
  it("never puts a NUL byte into Vietnamese pages, whatever their length", async () => {
    const c = await signIn(srv, "tuky.canbo01");
    const pages = ["/o/tu-ky/calendar?month=2027-02", "/o/tu-ky/calendar?month=2026-02", "/o/tu-ky/staff", "/o/tu-ky/positions", "/o/tu-ky/tasks", "/o/tu-ky/attendance", "/o/tu-ky/rosters"];
    for (const p of pages) {
      const res = await c.fetch(p, { headers: { "Accept-Encoding": "identity" } });
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.indexOf(0), p).toBe(-1);
      expect(body.toString("utf8"), p).not.toContain("\uFFFD");
    }
  });
});
