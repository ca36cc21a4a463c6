import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogue, deletionOrder, runCentreDeletion } from "~/modules/org/deletion.server";
import { assignCentre, createGroup } from "~/modules/oversight/admin.server";
import { cancelCentreDeletion, centreStatus, resumeCentre, scheduleCentreDeletion, suspendCentre } from "~/modules/org/lifecycle.server";
import type { DB } from "../../db/schema";
import { withoutTenant } from "../../db/tenant";
import { JOBS } from "../../server/jobs";
import { memberOf } from "../helpers/db";
import { centreFixtures, centreRoutes, routeUrl } from "../helpers/routes";
import { shown, signIn, startServer, type Client, type TestServer } from "../helpers/server";

// A centre's lifecycle (docs/decisions/0044-centre-lifecycle.md): the operator's decisions, what a
// suspended centre's members and overseers get on every route of the built route list, the jobs
// that skip it, and the deletion job. On SQLite, and on PostgreSQL with TEST_DATABASE=postgres.

const DAY = 86_400_000;
const JOB_SETTINGS = { publicUrl: "https://roviec.example.vn", telegramApiBase: "https://api.telegram.org", production: false, outboundAllowPrivate: false };
const SUSPENDED = "Trung tâm đang tạm ngừng sử dụng";
/** The two routes a suspended centre's admin may still open; the export page is another engineer's. */
const openToAdmin = (path: string) => path === "o/:org/settings/operator-log" || path === "o/:org/settings/export" || path.startsWith("o/:org/settings/export/") || path.startsWith("o/:org/settings/export.");

let srv: TestServer;
let fixtures: Record<string, string>;
let operatorId: string;
let tuky: string;

const orgIdOf = async (db: DB, slug: string) => (await db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
const auditCount = async (orgId: string, action?: string) => {
  let q = srv.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("org_id", "=", orgId);
  if (action) q = q.where("action", "=", action);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

beforeAll(async () => {
  srv = await startServer();
  fixtures = await centreFixtures(srv);
  tuky = await orgIdOf(srv.db, "tu-ky");
  // The operator: an account that is a member of no centre (operator accounts are another engineer's).
  operatorId = randomUUID();
  const at = srv.clock.now().toISOString();
  await srv.db
    .insertInto("users")
    .values({ id: operatorId, username: "vanhanh.test", full_name: "Vận Hành", full_name_search: "van hanh", phone: null, email: null, password_hash: "x", must_change_password: 0, created_at: at, updated_at: at })
    .execute();
});
afterAll(async () => {
  await srv.close();
});

describe("the operator's decisions", () => {
  it("suspends, refuses a second suspension, resumes; each audited once in the centre with the actor", async () => {
    const now = srv.clock.now();
    const s = await suspendCentre(srv.db, { orgId: tuky, actorUserId: operatorId, reason: "Chưa gia hạn hợp đồng dịch vụ", now });
    expect(s).toMatchObject({ status: "suspended", suspensionReason: "Chưa gia hạn hợp đồng dịch vụ", suspendedAt: now.toISOString(), deletionDueAt: null });
    await expect(suspendCentre(srv.db, { orgId: tuky, actorUserId: operatorId, reason: "Lần nữa", now })).rejects.toMatchObject({ fields: { reason: "centreAlreadySuspended" } });
    await expect(suspendCentre(srv.db, { orgId: tuky, actorUserId: operatorId, reason: " a ", now })).rejects.toMatchObject({ fields: { reason: "centreReasonTooShort" } });
    const r = await resumeCentre(srv.db, { orgId: tuky, actorUserId: operatorId, now });
    expect(r).toMatchObject({ status: "active", suspendedAt: null, suspensionReason: null });
    await expect(resumeCentre(srv.db, { orgId: tuky, actorUserId: operatorId, now })).rejects.toMatchObject({ fields: { orgId: "centreNotSuspended" } });
    const entries = await srv.db.selectFrom("audit_log").select(["action", "actor_user_id", "details"]).where("org_id", "=", tuky).where("action", "in", ["centre.suspended", "centre.resumed"]).orderBy("created_at").execute();
    expect(entries.map((e) => [e.action, e.actor_user_id, JSON.parse(e.details)])).toEqual([
      ["centre.suspended", operatorId, { operator: true, via: "console", reason: "Chưa gia hạn hợp đồng dịch vụ" }],
      ["centre.resumed", operatorId, { operator: true, via: "console" }],
    ]);
  });

  it("schedules a deletion 7–90 days ahead (30 by default), suspending the centre; resume waits for a cancellation", async () => {
    const now = srv.clock.now();
    const who = { orgId: tuky, actorUserId: operatorId, now };
    await expect(scheduleCentreDeletion(srv.db, { ...who, graceDays: 6 })).rejects.toMatchObject({ fields: { graceDays: "graceDaysRange" } });
    await expect(scheduleCentreDeletion(srv.db, { ...who, graceDays: 91 })).rejects.toMatchObject({ fields: { graceDays: "graceDaysRange" } });
    const s = await scheduleCentreDeletion(srv.db, { ...who, reason: "Trung tâm đề nghị chấm dứt sử dụng" });
    expect(s).toMatchObject({ status: "suspended", deletionDueAt: new Date(now.getTime() + 30 * DAY).toISOString(), suspensionReason: "Trung tâm đề nghị chấm dứt sử dụng", deletionDue: false });
    await expect(scheduleCentreDeletion(srv.db, { ...who, graceDays: 60 })).rejects.toMatchObject({ fields: { graceDays: "centreDeletionScheduled" } });
    await expect(resumeCentre(srv.db, who)).rejects.toMatchObject({ fields: { orgId: "centreDeletionScheduled" } });
    const c = await cancelCentreDeletion(srv.db, who);
    expect(c).toMatchObject({ status: "suspended", deletionDueAt: null });
    await expect(cancelCentreDeletion(srv.db, who)).rejects.toMatchObject({ fields: { orgId: "centreDeletionNotScheduled" } });
    // Once the date has passed, the deletion can no longer be cancelled.
    await scheduleCentreDeletion(srv.db, { ...who, graceDays: 7 });
    await expect(cancelCentreDeletion(srv.db, { ...who, now: new Date(now.getTime() + 7 * DAY) })).rejects.toMatchObject({ fields: { orgId: "centreDeletionStarted" } });
    expect(await centreStatus(srv.db, { orgId: tuky, now: new Date(now.getTime() + 7 * DAY) })).toMatchObject({ deletionDue: true });
    await cancelCentreDeletion(srv.db, who);
    await resumeCentre(srv.db, who);
    expect(await auditCount(tuky, "centre.deletionScheduled")).toBe(2);
    expect(await auditCount(tuky, "centre.deletionCancelled")).toBe(2);
  });

  it("two simultaneous decisions have one effect and one audit entry", async () => {
    const now = srv.clock.now();
    const before = await auditCount(tuky, "centre.suspended");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => suspendCentre(srv.db, { orgId: tuky, actorUserId: operatorId, reason: `Lý do số ${i}`, now })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.fields)).toEqual(Array(5).fill({ reason: "centreAlreadySuspended" }));
    expect(await auditCount(tuky, "centre.suspended")).toBe(before + 1);
    const scheduled = await auditCount(tuky, "centre.deletionScheduled");
    const both = await Promise.allSettled([scheduleCentreDeletion(srv.db, { orgId: tuky, actorUserId: operatorId, now, graceDays: 10 }), scheduleCentreDeletion(srv.db, { orgId: tuky, actorUserId: null, now, graceDays: 20, via: "cli" })]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await auditCount(tuky, "centre.deletionScheduled")).toBe(scheduled + 1);
    await cancelCentreDeletion(srv.db, { orgId: tuky, actorUserId: operatorId, now });
    await resumeCentre(srv.db, { orgId: tuky, actorUserId: operatorId, now });
  });
});

describe("a suspended centre", () => {
  let director: Client;
  let admin: Client;
  let staff: Client;
  let overseer: Client;
  beforeAll(async () => {
    director = await signIn(srv, "tuky.giamdoc");
    admin = await signIn(srv, "tuky.admin");
    staff = await signIn(srv, "tuky.canbo01");
    overseer = await signIn(srv, "haiphong.giamsat");
    await suspendCentre(srv.db, { orgId: tuky, actorUserId: operatorId, reason: "Tạm dừng để rà soát hợp đồng", now: srv.clock.now() });
  });

  it("still lets its members sign in; the page tells them why and since when (423)", async () => {
    const c = srv.client();
    expect((await c.post("/login", { username: "tuky.canbo01", password: "RoViec@2026" })).status).toBe(302);
    const res = await c.fetch("/o/tu-ky");
    expect(res.status).toBe(423);
    const html = shown(await res.text());
    expect(html).toContain(SUSPENDED);
    expect(html).toContain("Tạm dừng để rà soát hợp đồng");
    expect(html).toContain("10/03/2026");
    expect(html).not.toContain("Tải toàn bộ dữ liệu");
  });

  it.each(centreRoutes.map((r) => [r.path, r] as const))("answers %s with the suspension page, to every member and every method", async (path, route) => {
    const url = routeUrl(path, fixtures);
    for (const [who, client] of [["director", director], ["staff", staff], ["admin", admin]] as const) {
      const res = await client.fetch(url);
      const body = await res.text();
      if (who === "admin" && openToAdmin(path)) {
        expect(res.status, `${who} GET ${url}`).toBe(200);
        continue;
      }
      expect(res.status, `${who} GET ${url}`).toBe(423);
      if (route.isPage) expect(shown(body)).toContain(SUSPENDED);
      if (route.hasAction && !(who === "admin" && openToAdmin(path))) {
        const audited = await auditCount(tuky);
        const post = await client.post(url, { intent: "save", title: "x", name: "x", reason: "x" });
        expect(post.status, `${who} POST ${url}`).toBe(423);
        await post.arrayBuffer();
        expect(await auditCount(tuky)).toBe(audited);
      }
    }
  });

  it("shows the admin the way to the data download and the operator log", async () => {
    const html = shown(await (await admin.fetch("/o/tu-ky/tasks")).text());
    expect(html).toContain('href="/o/tu-ky/settings/export"');
    expect(html).toContain('href="/o/tu-ky/settings/operator-log"');
    const log = await admin.fetch("/o/tu-ky/settings/operator-log");
    expect(log.status).toBe(200);
    const text = shown(await log.text());
    expect(text).toContain("Thao tác của đơn vị vận hành");
    expect(text).toContain("Tạm ngừng sử dụng");
    expect(text).toContain("Lý do: Tạm dừng để rà soát hợp đồng");
    expect(text).toContain("Qua trang quản trị dịch vụ");
    // An oversight body given the centre's figures is an operator action the admin sees too.
    await createGroup(srv.db, { slug: "quang-ninh", name: "Văn phòng UBND tỉnh Quảng Ninh", parentBody: "Ủy ban nhân dân tỉnh Quảng Ninh", placeName: "Quảng Ninh" }, srv.clock.now());
    await assignCentre(srv.db, { group: "quang-ninh", centre: "tu-ky" }, srv.clock.now());
    const withGroup = shown(await (await admin.fetch("/o/tu-ky/settings/operator-log")).text());
    expect(withGroup).toContain("Cho phép cơ quan giám sát xem số liệu");
    expect(withGroup).toContain("Nhóm giám sát: quang-ninh");
    expect(withGroup).toContain("Qua dòng lệnh trên máy chủ");
    // While the centre is suspended, only its admin opens it.
    expect((await director.fetch("/o/tu-ky/settings/operator-log")).status).toBe(423);
    // The client-side navigation asks for the same path with .data: open too.
    expect((await admin.fetch("/o/tu-ky/settings/operator-log.data")).status).toBe(200);
  });

  it("says when the data will be deleted and that the admin can still download it", async () => {
    const now = srv.clock.now();
    await scheduleCentreDeletion(srv.db, { orgId: tuky, actorUserId: operatorId, now, graceDays: 30 });
    try {
      const staffPage = shown(await (await staff.fetch("/o/tu-ky/me")).text());
      expect(staffPage).toContain("Toàn bộ dữ liệu của Trung tâm sẽ bị xoá vào ngày 09/04/2026.");
      expect(staffPage).toContain("quản trị viên của Trung tâm vẫn tải được toàn bộ dữ liệu");
      const adminPage = shown(await (await admin.fetch("/o/tu-ky/me")).text());
      expect(adminPage).toContain("Đến hết ngày đó, quản trị viên của Trung tâm vẫn tải được toàn bộ dữ liệu của Trung tâm.");
      const log = shown(await (await admin.fetch("/o/tu-ky/settings/operator-log")).text());
      expect(log).toContain("Dữ liệu của Trung tâm sẽ bị xoá vào ngày 09/04/2026.");
      expect(log).toContain("Xoá vào ngày 09/04/2026 (sau 30 ngày)");
    } finally {
      await cancelCentreDeletion(srv.db, { orgId: tuky, actorUserId: operatorId, now });
    }
  });

  it("is closed to its overseers and left out of the group's comparison", async () => {
    const res = await overseer.fetch("/g/hai-phong/centres/tu-ky");
    expect(res.status).toBe(423);
    expect(shown(await res.text())).toContain(SUSPENDED);
    const group = await (await overseer.fetch("/g/hai-phong")).text();
    expect(group).not.toContain('data-centre="tu-ky"');
    expect(group).toContain('data-centre="an-phu"');
  });

  it("shows as suspended in the centre chooser", async () => {
    // A member of two centres: tu-ky's director joins an-phu too.
    const dir = await memberOf(srv.db, "tuky.giamdoc");
    const at = srv.clock.now().toISOString();
    const mid = randomUUID();
    await srv.db
      .insertInto("memberships")
      .values({ id: mid, org_id: await orgIdOf(srv.db, "an-phu"), user_id: dir.userId, title: "", position_id: null, roles: "staff", active: 1, joined_on: "2026-03-10", left_on: null, created_at: at, updated_at: at })
      .execute();
    try {
      const html = shown(await (await director.fetch("/")).text());
      expect(html).toMatch(/Tứ Kỳ[\s\S]*?Tạm ngừng sử dụng/);
      expect([...html.matchAll(/centre-suspended-badge/g)]).toHaveLength(1);
      // The other centre works as before.
      expect((await director.fetch("/o/an-phu")).status).toBe(200);
    } finally {
      await srv.db.deleteFrom("memberships").where("id", "=", mid).execute();
    }
  });

  it("is skipped by the reminders and the recurring tasks, and served again once resumed", async () => {
    const counts = async () => ({
      notifications: Number((await srv.db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("org_id", "=", tuky).executeTakeFirstOrThrow()).n),
      tasks: Number((await srv.db.selectFrom("tasks").select((eb) => eb.fn.countAll<number>().as("n")).where("org_id", "=", tuky).executeTakeFirstOrThrow()).n),
    });
    const before = await counts();
    // A morning a month later: deadlines passed, a new period of the recurring tasks.
    const later = new Date(Date.parse("2026-04-13T01:30:00Z"));
    for (const job of ["recurring-tasks", "reminders", "outbox"]) await JOBS[job]!(srv.appDb, later, JOB_SETTINGS);
    expect(await counts()).toEqual(before);
    await resumeCentre(srv.db, { orgId: tuky, actorUserId: operatorId, now: srv.clock.now() });
    const next = new Date(later.getTime() + DAY);
    for (const job of ["recurring-tasks", "reminders"]) await JOBS[job]!(srv.appDb, next, JOB_SETTINGS);
    const after = await counts();
    expect(after.notifications).toBeGreaterThan(before.notifications);
    // Members are served again; the operator log is the audit readers' (admins, directors).
    expect((await staff.fetch("/o/tu-ky")).status).toBe(200);
    expect((await director.fetch("/o/tu-ky/settings/operator-log")).status).toBe(200);
    expect((await staff.fetch("/o/tu-ky/settings/operator-log")).status).toBe(403);
  });
});

describe("the deletion job", () => {
  const tenantCounts = async (db: DB) => {
    const tables = deletionOrder(await catalogue(db));
    const out: Record<string, Record<string, number>> = {};
    for (const t of tables) {
      const rows = await sql<{ org_id: string; n: number }>`select org_id, count(*) as n from ${sql.id(t)} group by org_id`.execute(db);
      out[t] = Object.fromEntries(rows.rows.map((r) => [r.org_id, Number(r.n)]));
    }
    return out;
  };

  it("deletes a centre after its date — files, every row, its own users — and leaves every other centre as it was", { timeout: 120_000 }, async () => {
    // An hour on: this schedule is the latest entry of its kind (the earlier ones are at the clock's start).
    const now = new Date(srv.clock.now().getTime() + 3600_000);
    const anphu = await orgIdOf(srv.db, "an-phu");
    // A tu-ky member who is also an-phu's stays; an overseer of tu-ky stays; tu-ky's own staff go.
    const kept = await memberOf(srv.db, "tuky.canbo01");
    const at = now.toISOString();
    await srv.db
      .insertInto("memberships")
      .values({ id: randomUUID(), org_id: anphu, user_id: kept.userId, title: "", position_id: null, roles: "staff", active: 1, joined_on: "2026-03-10", left_on: null, created_at: at, updated_at: at })
      .execute();
    const tukyUsers = (await srv.db.selectFrom("memberships").select("user_id").where("org_id", "=", tuky).execute()).map((m) => m.user_id);
    const before = await tenantCounts(srv.db);
    // Every area has data in tu-ky (the demo, the fixtures' task with a file).
    const withData = Object.entries(before).filter(([, byOrg]) => (byOrg[tuky] ?? 0) > 0).map(([t]) => t);
    expect(withData).toEqual(
      expect.arrayContaining(["memberships", "positions", "tasks", "task_events", "attachments", "rosters", "roster_slots", "attendance_records", "leave_requests", "inspections", "inspection_results", "inspection_photos", "inspection_actions", "evaluations", "reports", "notifications", "audit_log", "invitations", "oversight_centres", "calendar_days"]),
    );
    expect(withData.length).toBeGreaterThan(25);
    expect((await srv.files.list(tuky)).length).toBeGreaterThan(0);
    const otherFiles = await srv.files.list(anphu);

    await scheduleCentreDeletion(srv.db, { orgId: tuky, actorUserId: operatorId, now, graceDays: 7 });
    // Not before its date.
    expect(await withoutTenant("test", () => runCentreDeletion(srv.appDb, new Date(now.getTime() + 7 * DAY - 1000), { files: srv.files }))).toBe(0);
    expect(await centreStatus(srv.db, { orgId: tuky, now })).toBeDefined();

    // After it. A run that fails half-way (the file store gone) releases the lease and keeps its cursor.
    const due = new Date(now.getTime() + 7 * DAY + 60_000);
    const broken = { ...srv.files, delete: async () => Promise.reject(new Error("the file store is gone")) };
    await expect(withoutTenant("test", () => runCentreDeletion(srv.appDb, due, { files: broken }))).rejects.toThrow("the file store is gone");
    const stopped = await srv.db.selectFrom("job_runs").select(["cursor", "lease_owner"]).where("job", "=", "centre-deletion").executeTakeFirstOrThrow();
    expect(stopped.lease_owner).toBeNull();
    expect(JSON.parse(stopped.cursor)).toMatchObject({ orgId: tuky, slug: "tu-ky", scheduledBy: operatorId });
    // Then in small chunks and short runs, each resuming where the last stopped.
    let runs = 0;
    while (await centreStatus(srv.db, { orgId: tuky, now: due })) {
      runs++;
      expect(runs).toBeLessThan(500);
      await withoutTenant("test", () => runCentreDeletion(srv.appDb, new Date(due.getTime() + runs * 1000), { files: srv.files, chunkRows: 200, budgetMs: 100 }));
    }
    expect(runs).toBeGreaterThan(1);
    const cursor = await srv.db.selectFrom("job_runs").select("cursor").where("job", "=", "centre-deletion").executeTakeFirstOrThrow();
    expect(cursor.cursor).toBe("{}");

    const after = await tenantCounts(srv.db);
    for (const [table, byOrg] of Object.entries(before)) {
      const { [tuky]: _gone, ...others } = byOrg;
      // The one record of the deletion: an audit entry with no centre.
      if (table === "audit_log") others.null = (others.null ?? 0) + 1;
      expect(after[table], table).toEqual(others);
    }
    expect(await srv.files.list(tuky)).toEqual([]);
    expect(await srv.files.list(anphu)).toEqual(otherFiles);
    const left = await srv.db.selectFrom("users").select("id").where("id", "in", tukyUsers).execute();
    expect(left.map((u) => u.id)).toEqual([kept.userId]);
    expect(await srv.db.selectFrom("users").select("id").where("id", "=", operatorId).executeTakeFirst()).toBeDefined();
    const record = await srv.db.selectFrom("audit_log").selectAll().where("action", "=", "centre.deleted").executeTakeFirstOrThrow();
    expect(record.org_id).toBeNull();
    expect(JSON.parse(record.details)).toMatchObject({ slug: "tu-ky", name: expect.stringContaining("Tứ Kỳ"), scheduledBy: operatorId, scheduledVia: "console", deletionDueAt: new Date(now.getTime() + 7 * DAY).toISOString() });
    // Its members' URLs are now those of a centre that does not exist.
    const c = await signIn(srv, "tuky.canbo01");
    expect((await c.fetch("/o/tu-ky")).status).toBe(404);
    expect((await c.fetch("/o/an-phu")).status).toBe(200);
    // Nothing left to do: the next run deletes nothing.
    expect(await withoutTenant("test", () => runCentreDeletion(srv.appDb, new Date(due.getTime() + DAY), { files: srv.files }))).toBe(0);
  });
});
