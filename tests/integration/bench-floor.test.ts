import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startServer, type TestServer } from "../helpers/server";

// The benchmarks' floor route (app/routes/o.$org_.bench-floor.tsx): closed unless the server runs
// with BENCH_FLOOR=1, and when open as guarded as any centre page.

describe("the benchmark floor route", () => {
  let on: TestServer;
  let off: TestServer;
  beforeAll(async () => {
    [on, off] = await Promise.all([startServer({ benchFloor: true }), startServer({ benchFloor: false })]);
  });
  afterAll(async () => {
    await Promise.all([on?.close(), off?.close()]);
  });

  it("answers 404 without the switch, even to a member of the centre", async () => {
    const director = await signIn(off, "tuky.giamdoc");
    expect((await director.fetch("/o/tu-ky/bench-floor")).status).toBe(404);
    expect((await off.client().fetch("/o/tu-ky/bench-floor")).status).toBe(404);
  });

  it("with the switch, shows a member a tiny page with one of the centre's tasks", async () => {
    const staff = await signIn(on, "tuky.canbo01");
    const res = await staff.fetch("/o/tu-ky/bench-floor");
    expect(res.status).toBe(200);
    const task = await on.db.selectFrom("tasks").select("title").where("org_id", "=", (await on.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow()).id).orderBy("deadline_at", "desc").limit(1).executeTakeFirstOrThrow();
    const html = await res.text();
    expect(html).toContain(task.title.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    // Outside the centre's layout: no navigation.
    expect(html).not.toContain("<nav");
  });

  it("with the switch, answers 404 to a member of another centre and sends a stranger to sign in", async () => {
    const outsider = await signIn(on, "anphu.giamdoc");
    expect((await outsider.fetch("/o/tu-ky/bench-floor")).status).toBe(404);
    const stranger = await on.client().fetch("/o/tu-ky/bench-floor");
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get("location")).toMatch(/^\/login/);
  });
});
