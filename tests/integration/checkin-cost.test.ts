import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberOf } from "../helpers/db";
import { signIn, startServer, type Client, type TestServer } from "../helpers/server";

// What a check-in costs the server (issue 17, decision 0037): the statements of each request, and
// with JavaScript one request from the tap to the confirmed state.
let srv: TestServer;
let clerk: Client;
let log: string[] = [];

beforeEach(async () => {
  srv = await startServer({ onStatement: (s) => log.push(s) });
  srv.clock.current = new Date("2026-03-11T07:40:00+07:00");
  clerk = await signIn(srv, "tuky.canbo01");
});
afterEach(async () => {
  await srv.close();
});

/** The statements one request runs, and its answer (read to the end). */
async function statementsOf(fn: () => Promise<Response>): Promise<{ res: Response; body: string; sql: string[] }> {
  log = [];
  const res = await fn();
  const body = await res.text();
  return { res, body, sql: log };
}
const membershipLookups = (sql: string[]) => sql.filter((s) => /from "memberships" as "m" inner join "organizations"/.test(s)).length;
const todayRecords = async () => {
  const m = await memberOf(srv.db, "tuky.canbo01");
  return srv.db.selectFrom("attendance_records").selectAll().where("membership_id", "=", m.membershipId).where("date", "=", "2026-03-11").execute();
};

describe("check-in cost", () => {
  it("looks the membership up once per page, though the layout and the page both need it", async () => {
    const page = await statementsOf(() => clerk.fetch("/o/tu-ky/attendance"));
    expect(page.res.status).toBe(200);
    expect(membershipLookups(page.sql)).toBe(1);
    // All routes' data for a client-side navigation: one lookup too.
    const data = await statementsOf(() => clerk.fetch("/o/tu-ky/attendance.data"));
    expect(data.res.status).toBe(200);
    expect(membershipLookups(data.sql)).toBe(1);
  });

  it("with JavaScript, answers the check-in with the page's new state: no redirect, nothing else to load", async () => {
    const tap = await statementsOf(() => clerk.fetch("/o/tu-ky/attendance.data?index", { method: "POST", form: { intent: "checkIn" } }));
    // 200 with the data itself; a redirect would be 202 with a redirect inside (a second round trip).
    expect(tap.res.status).toBe(200);
    expect(tap.body).toContain("settled");
    expect(tap.body).toContain("checkedIn");
    // The state sent back is the stored one: the next button is the check-out.
    expect(tap.body).toContain("checkOut");
    expect(membershipLookups(tap.sql)).toBe(1);
    // No header counts, no other loader: the session, the membership, the write and the page's state.
    expect(tap.sql.some((s) => /from "notifications"/.test(s))).toBe(false);
    // The centre's schedule, calendar and settings are read once: by the check-in, whose page state
    // reuses them (db/tenant.ts requestMemo; the check-in's write touches none of them).
    expect(tap.sql.filter((s) => /from "schedule_versions"/.test(s))).toHaveLength(1);
    expect(tap.sql.filter((s) => /from "org_settings"/.test(s))).toHaveLength(1);
    expect(tap.sql.length).toBeLessThanOrEqual(18);
    const rows = await todayRecords();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.check_in_at).toBe(new Date("2026-03-11T07:40:00+07:00").toISOString());
  });

  it("without JavaScript, still answers 303 to the page (Post/Redirect/Get), which shows the notice once", async () => {
    const post = await statementsOf(() => clerk.fetch("/o/tu-ky/attendance?index", { method: "POST", form: { intent: "checkIn" }, follow303: false }));
    expect(post.res.status).toBe(303);
    expect(post.res.headers.get("location")).toBe("/o/tu-ky/attendance");
    expect(membershipLookups(post.sql)).toBe(1);
    expect(post.sql.length).toBeLessThanOrEqual(10);
    const get = await statementsOf(() => clerk.fetch("/o/tu-ky/attendance"));
    expect(get.body).toContain("Đã chấm công vào lúc 07:40.");
    expect(get.body).toContain("Chấm công ra");
    expect(membershipLookups(get.sql)).toBe(1);
    expect(await todayRecords()).toHaveLength(1);
  });
});
