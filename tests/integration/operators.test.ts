import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { centresWithUsage } from "~/modules/console/usage.server";
import { generateTotpSecret, matchTotpStep, otpauthUri, totpCode, totpStep } from "~/modules/auth/totp.server";
import { withoutTenant } from "../../db/tenant";
import { allRoutes, centreFixtures, centreRoutes, routeUrl } from "../helpers/routes";
import { shown, signIn, startServer, type Client, type TestServer } from "../helpers/server";
import { enrolTotp, enrolTotpInDb, secretFromPage, signInAsOperator, signInWithTotp } from "../helpers/two-factor";

// Operators and two-factor sign-in (docs/decisions/0043): TOTP (RFC 6238) with replay protection and
// the sign-in limits; the second step of sign-in behind every guard; the operator console at /admin,
// 404 to everyone else, mandatory TOTP for operators; no centre content for an operator on any /o
// route (generated from the built route list); usage figures; a new centre with its admin invited.

let srv: TestServer;
let fixtures: Record<string, string>;

beforeAll(async () => {
  srv = await startServer();
  fixtures = await centreFixtures(srv);
});
afterAll(async () => {
  await srv.close();
});

describe("TOTP codes", () => {
  it("match RFC 6238's SHA-1 test vector (6 digits of 94287082 at T = 59 s)", () => {
    // The RFC's key is the ASCII "12345678901234567890": GEZDGNBVGY3TQOJQ twice in base32.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(secret, new Date(59_000))).toBe("287082");
    expect(totpCode(secret, new Date(1_111_111_109_000))).toBe("081804");
  });

  it("accept the steps either side of now and no further; refuse malformed codes", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const now = new Date("2026-03-10T01:00:10Z");
    const step = totpStep(now);
    const at = (d: number) => new Date(now.getTime() + d * 30_000);
    expect(matchTotpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, at(-1)), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, at(1)), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, at(-2)), now)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, at(2)), now)).toBeNull();
    const code = totpCode(secret, now);
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
    for (const bad of ["", "12345", "1234567", "abcdef", "12345a"]) expect(matchTotpStep(secret, bad, now)).toBeNull();
  });

  it("make an otpauth URI with the issuer and the username", () => {
    expect(otpauthUri("ABCDEFGH", "tuky.giamdoc")).toBe("otpauth://totp/R%C3%B5%20Vi%E1%BB%87c%3Atuky.giamdoc?secret=ABCDEFGH&issuer=R%C3%B5%20Vi%E1%BB%87c&algorithm=SHA1&digits=6&period=30");
  });
});

describe("two-step sign-in for a director", () => {
  let secret: string;

  it("is offered to directors and admins, not to staff (404)", async () => {
    const staff = await signIn(srv, "tuky.canbo01");
    expect((await staff.fetch("/account/two-factor")).status).toBe(404);
    expect((await staff.post("/account/two-factor", { intent: "confirm", code: "123456" })).status).toBe(404);
    expect(shown(await (await staff.fetch("/account")).text())).not.toContain("/account/two-factor");
    const admin = await signIn(srv, "tuky.admin");
    expect(shown(await (await admin.fetch("/account")).text())).toContain("/account/two-factor");
  });

  it("enrols with a code from the secret shown; a wrong code is refused with a message", async () => {
    const director = await signIn(srv, "tuky.giamdoc");
    const page = await director.fetch("/account/two-factor");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    secret = secretFromPage(html);
    expect(html).toContain("otpauth://totp/");
    expect(html).toContain("data:image/svg+xml;base64,");
    // The same secret on a second visit (a phone that scanned it keeps working).
    expect(secretFromPage(await (await director.fetch("/account/two-factor")).text())).toBe(secret);
    const wrong = await director.post("/account/two-factor", { intent: "confirm", code: "000000" === totpCode(secret, srv.clock.now()) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(shown(await wrong.text())).toContain("Mã xác thực không đúng");
    const ok = await director.post("/account/two-factor", { intent: "confirm", code: totpCode(secret, srv.clock.now()) });
    expect(ok.status).toBe(200);
    expect(shown(await ok.text())).toContain("Đã bật xác thực hai lớp");
    // The session that enrolled goes on working.
    expect((await director.fetch("/o/tu-ky")).status).toBe(200);
    const audited = await srv.db.selectFrom("audit_log").select("action").where("action", "=", "auth.totpEnabled").execute();
    expect(audited).toHaveLength(1);
  });

  it("asks for the code after the password; every guard sends the session there until it is given", async () => {
    const c = srv.client();
    const login = await c.post("/login", { username: "tuky.giamdoc", password: "RoViec@2026", redirectTo: "/o/tu-ky/tasks" });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/login/two-factor?redirectTo=%2Fo%2Ftu-ky%2Ftasks");
    for (const path of ["/o/tu-ky", "/o/tu-ky/tasks", "/account", "/"]) {
      const res = await c.fetch(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/login/two-factor?redirectTo=${encodeURIComponent(path)}`);
    }
    const form = await c.fetch("/login/two-factor?redirectTo=%2Fo%2Ftu-ky%2Ftasks");
    expect(form.status).toBe(200);
    const html = shown(await form.text()).toLowerCase();
    expect(html).toContain('autocomplete="one-time-code"');
    expect(html).toContain('inputmode="numeric"');
    // The code used to enrol (same step) is refused: replay.
    const replay = await c.fetch("/login/two-factor", { method: "POST", form: { code: totpCode(secret, srv.clock.now()), redirectTo: "/o/tu-ky/tasks" }, follow303: false });
    expect(replay.status).toBe(401);
    expect(shown(await replay.text())).toContain("đã được dùng");
    srv.clock.advance(30_000);
    const code = totpCode(secret, srv.clock.now());
    const ok = await c.fetch("/login/two-factor", { method: "POST", form: { code, redirectTo: "/o/tu-ky/tasks" }, follow303: false });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/o/tu-ky/tasks");
    expect((await c.fetch("/o/tu-ky/tasks")).status).toBe(200);
    // The same code once more, from another session: refused (replay), even within its window.
    const other = srv.client();
    await other.post("/login", { username: "tuky.giamdoc", password: "RoViec@2026" });
    expect((await other.fetch("/login/two-factor", { method: "POST", form: { code }, follow303: false })).status).toBe(401);
    // A code of the previous step after a later one was used: refused too (steps only go forward).
    srv.clock.advance(30_000);
    expect((await other.fetch("/login/two-factor", { method: "POST", form: { code: totpCode(secret, new Date(srv.clock.now().getTime() - 60_000)) }, follow303: false })).status).toBe(401);
    // The next step's code (clock drift, within the window) is accepted.
    const ahead = await other.fetch("/login/two-factor", { method: "POST", form: { code: totpCode(secret, new Date(srv.clock.now().getTime() + 30_000)) }, follow303: false });
    expect(ahead.status).toBe(303);
    srv.clock.advance(60_000);
  });

  it("lets a session waiting for the code sign out", async () => {
    const c = srv.client();
    await c.post("/login", { username: "tuky.giamdoc", password: "RoViec@2026" });
    const out = await c.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    expect((await c.fetch("/login/two-factor")).headers.get("location")).toBe("/login?redirectTo=%2F");
  });

  it("counts wrong codes in the sign-in limits: after a few, 429 with Retry-After, even for the right code", async () => {
    const c = srv.client();
    await c.post("/login", { username: "tuky.giamdoc", password: "RoViec@2026" });
    const right = totpCode(secret, srv.clock.now());
    const wrongCode = right === "000000" ? "111111" : "000000";
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await c.fetch("/login/two-factor", { method: "POST", form: { code: wrongCode }, follow303: false });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const blocked = await c.fetch("/login/two-factor", { method: "POST", form: { code: right }, follow303: false });
    expect(blocked.status).toBe(429);
    expect(shown(await blocked.text())).toContain("Vui lòng thử lại sau");
    // The same limits as passwords: the wait holds for the password too from this address.
    expect((await srv.client().post("/login", { username: "tuky.giamdoc", password: "RoViec@2026" })).status).toBe(429);
    const failed = await srv.db.selectFrom("audit_log").select("action").where("action", "=", "auth.secondFactorFailed").execute();
    expect(failed.length).toBeGreaterThanOrEqual(5);
    // After the wait, the right code passes.
    srv.clock.advance(10 * 60_000);
    const ok = await c.fetch("/login/two-factor", { method: "POST", form: { code: totpCode(secret, srv.clock.now()) }, follow303: false });
    expect(ok.status).toBe(303);
    srv.clock.advance(30_000);
  });

  it("turns off only with a current code", async () => {
    const c = await signInWithTotp(srv, "tuky.giamdoc", secret);
    expect((await c.post("/account/two-factor", { intent: "disable", code: "12345" })).status).toBe(400);
    const off = await c.post("/account/two-factor", { intent: "disable", code: totpCode(secret, srv.clock.now()) });
    expect(off.status).toBe(200);
    expect(shown(await off.text())).toContain("Đã tắt xác thực hai lớp");
    const again = await srv.client().post("/login", { username: "tuky.giamdoc", password: "RoViec@2026" });
    expect(again.headers.get("location")).toBe("/");
    srv.clock.advance(30_000);
  });
});

describe("the operator console", () => {
  let operator: Client;

  it("sends an operator without TOTP to enrol it, then opens; / leads to /admin", async () => {
    const c = await signIn(srv, "rv.vanhanh");
    const home = await c.fetch("/");
    expect(home.headers.get("location")).toBe("/admin");
    const admin = await c.fetch("/admin");
    expect(admin.status).toBe(302);
    expect(admin.headers.get("location")).toBe("/account/two-factor");
    const page = shown(await (await c.fetch("/account/two-factor")).text());
    expect(page).toContain("Tài khoản vận hành phải bật xác thực hai lớp");
    await enrolTotp(srv, c);
    expect((await c.fetch("/admin")).status).toBe(200);
    // An operator cannot turn off what the console requires.
    expect((await c.post("/account/two-factor", { intent: "disable", code: "123456" })).status).toBe(404);
  });

  it("sends an operator session without the second factor to /login/two-factor", async () => {
    const c = srv.client();
    await c.post("/login", { username: "rv.vanhanh", password: "RoViec@2026" });
    const res = await c.fetch("/admin");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login/two-factor?redirectTo=%2Fadmin");
  });

  it("is 404 to members, directors, admins and overseers", async () => {
    for (const username of ["tuky.giamdoc", "tuky.admin", "tuky.canbo01", "haiphong.giamsat"]) {
      const c = await signIn(srv, username);
      for (const r of allRoutes.filter((x) => x.path === "admin" || x.path.startsWith("admin/"))) {
        const get = await c.fetch(`/${r.path.replace(":org", "tu-ky")}`);
        expect(get.status, `${username} ${r.path}`).toBe(404);
        await get.arrayBuffer();
        if (r.hasAction) expect((await c.post(`/${r.path.replace(":org", "tu-ky")}`, { intent: "suspend", reason: "Thử tạm ngừng", name: "Trung tâm X", slug: "x-x" })).status, `${username} POST ${r.path}`).toBe(404);
      }
    }
    expect(await srv.db.selectFrom("organizations").select("id").where("slug", "=", "x-x").executeTakeFirst()).toBeUndefined();
    expect(await srv.db.selectFrom("organizations").select("status").where("slug", "=", "tu-ky").executeTakeFirstOrThrow()).toEqual({ status: "active" });
  });

  it("finds the console routes in the build", () => {
    expect(allRoutes.filter((x) => x.path === "admin" || x.path.startsWith("admin/")).map((r) => r.path).sort()).toEqual(["admin", "admin/centres/:org", "admin/centres/new"]);
  });

  describe("an operator sees no centre content", () => {
    beforeAll(async () => {
      ({ client: operator } = await signInAsOperator(srv));
    });

    it.each(centreRoutes.map((r) => [r.path, r] as const))("gets 404 from the centre route %s", async (_path, route) => {
      const url = routeUrl(route.path, fixtures);
      const get = await operator.fetch(url);
      expect(get.status).toBe(404);
      expect(shown(await get.text())).not.toContain("Tứ Kỳ");
      if (route.hasAction) {
        const post = await operator.post(url, { intent: "save", name: "x" });
        expect(post.status).toBe(404);
        await post.arrayBuffer();
      }
    });

    it("gets 404 from the oversight routes", async () => {
      for (const r of allRoutes.filter((x) => x.path === "g/:group" || x.path.startsWith("g/:group/"))) {
        const res = await operator.fetch(routeUrl(r.path, fixtures));
        expect(res.status, r.path).toBe(404);
        await res.arrayBuffer();
      }
    });
  });

  it("shows each centre's usage from a bounded number of grouped queries", async () => {
    const { client } = await signInAsOperator(srv);
    // A small centre: three members (one left), check-ins of two inside the 30 days and one before, two files.
    const at = srv.clock.now().toISOString();
    const orgId = randomUUID();
    await srv.db.insertInto("organizations").values({ id: orgId, slug: "aa-nho", name: "AA Trung tâm nhỏ", parent_body: "UBND xã Nhỏ", province: "", place_name: "", created_at: at }).execute();
    const members: string[] = [];
    for (let i = 0; i < 3; i++) {
      const userId = randomUUID();
      await srv.db.insertInto("users").values({ id: userId, username: `nho.cb${i}`, full_name: `Cán bộ ${i}`, full_name_search: `can bo ${i}`, phone: null, email: null, password_hash: "!invited", created_at: at, updated_at: at }).execute();
      const id = randomUUID();
      await srv.db.insertInto("memberships").values({ id, org_id: orgId, user_id: userId, title: "", position_id: null, roles: "staff", active: i < 2 ? 1 : 0, joined_on: "2026-01-01", left_on: null, created_at: at, updated_at: at }).execute();
      members.push(id);
    }
    const checkIn = (m: string, date: string) => ({ id: randomUUID(), org_id: orgId, membership_id: m, date, session: "day" as const, check_in_at: `${date}T01:00:00Z`, check_in_ip: "", check_out_at: null, check_out_ip: "", created_at: at });
    await srv.db.insertInto("attendance_records").values([checkIn(members[0]!, "2026-03-09"), checkIn(members[0]!, "2026-03-02"), checkIn(members[1]!, "2026-02-10"), checkIn(members[2]!, "2026-01-05")]).execute();
    const file = (size: number) => ({ id: randomUUID(), org_id: orgId, task_id: null, submission_id: null, file_name: "a.pdf", content_type: "application/pdf", size, storage_key: `${orgId}/${randomUUID()}`, uploaded_by: members[0]!, created_at: at });
    await srv.db.insertInto("attachments").values([file(1_000_000), file(572_864)]).execute();

    const usage = await withoutTenant("test", () => centresWithUsage(srv.db, { page: 1, today: "2026-03-10" }));
    expect(usage.since).toBe("2026-02-09");
    const row = usage.rows.find((r) => r.slug === "aa-nho")!;
    expect(row).toMatchObject({ members: 2, activeMembers: 2, storageBytes: 1_572_864 });
    const tuky = usage.rows.find((r) => r.slug === "tu-ky")!;
    expect(tuky.members).toBeGreaterThan(10);
    expect(tuky.activeMembers).toBeGreaterThan(0);

    const page = await client.fetch("/admin?q=nho");
    expect(page.status).toBe(200);
    const html = shown(await page.text());
    expect(html).toContain("AA Trung tâm nhỏ");
    expect(html).not.toContain("xã Tứ Kỳ");
    expect(html).toContain("1,5 MB");
    expect(html).toContain("chấm công ít nhất một lần từ 09/02/2026");
    expect(shown(await (await client.fetch("/admin?q=khong-co-dau")).text())).toContain("Không có trung tâm nào khớp");
    // Bounded: a page number out of range is page 1; a far page is empty.
    expect((await client.fetch("/admin?page=-3")).status).toBe(200);
    expect(shown(await (await client.fetch("/admin?page=9999")).text())).toContain("Không có trung tâm nào.");
  });

  it("creates a centre whose first admin is invited by a link that works once", async () => {
    const { client } = await signInAsOperator(srv);
    const operatorId = (await srv.db.selectFrom("users").select("id").where("username", "=", "rv.vanhanh").executeTakeFirstOrThrow()).id;
    const form = { name: "Trung tâm Phục vụ hành chính công xã Hưng Đạo", slug: "hung-dao", parentBody: "Ủy ban nhân dân xã Hưng Đạo", province: "Hải Phòng", placeName: "Hưng Đạo", adminName: "Phạm Thị Lan", adminUsername: "hungdao.admin" };
    const taken = await client.post("/admin/centres/new", { ...form, slug: "tu-ky" });
    expect(taken.status).toBe(400);
    expect(shown(await taken.text())).toContain("Mã này đã được một trung tâm khác sử dụng.");
    const badSlug = await client.post("/admin/centres/new", { ...form, slug: "Hưng Đạo" });
    expect(badSlug.status).toBe(400);
    const made = await client.post("/admin/centres/new", form);
    expect(made.status).toBe(200);
    const html = shown(await made.text());
    const link = /(http:\/\/127\.0\.0\.1:\d+)?(\/invite\/[a-z2-7]{52})/.exec(html)?.[2];
    expect(link).toBeDefined();
    expect(html).toContain("Đã tạo Trung tâm Phục vụ hành chính công xã Hưng Đạo");
    // Shown once: the console again has no link.
    expect(shown(await (await client.fetch("/admin")).text())).not.toContain("/invite/");

    const org = await srv.db.selectFrom("organizations").select("id").where("slug", "=", "hung-dao").executeTakeFirstOrThrow();
    const audited = await srv.db.selectFrom("audit_log").select(["action", "actor_user_id"]).where("org_id", "=", org.id).orderBy("created_at").execute();
    expect(audited.map((a) => a.action).sort()).toEqual(["centre.created", "member.invited"]);
    expect(audited.every((a) => a.actor_user_id === operatorId)).toBe(true);

    const admin = srv.client();
    expect((await admin.fetch(link!)).status).toBe(200);
    const set = await admin.post(link!, { newPassword: "một ngày mới ở Hưng Đạo", confirmPassword: "một ngày mới ở Hưng Đạo" });
    expect(set.status).toBe(200);
    await set.arrayBuffer();
    expect((await admin.fetch(link!)).status).toBe(410);
    const signedIn = await signIn(srv, "hungdao.admin", "một ngày mới ở Hưng Đạo");
    expect((await signedIn.fetch("/")).headers.get("location")).toBe("/o/hung-dao");
    expect((await signedIn.fetch("/o/hung-dao/staff")).status).toBe(200);
  });

  it("enrolls a TOTP stored by the helper as confirmed", async () => {
    const secret = await enrolTotpInDb(srv, "anphu.giamdoc");
    const c = await signInWithTotp(srv, "anphu.giamdoc", secret);
    expect((await c.fetch("/o/an-phu")).status).toBe(200);
  });
});
