import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberOf } from "../helpers/db";
import { signIn, startServer, shown, type TestServer } from "../helpers/server";

let srv: TestServer;
beforeEach(async () => (srv = await startServer()));
afterEach(() => srv.close());

async function positionId(name: string) {
  const p = await srv.db.selectFrom("positions").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return p.id;
}

describe("staff list", () => {
  it("lists the centre's members, and only them", async () => {
    const c = await signIn(srv, "tuky.canbo01");
    const html = await (await c.fetch("/o/tu-ky/staff")).text();
    expect(html).toContain("Hoàng Thị Lan");
    expect(html).toContain("Quầy 1 – Tư pháp – Hộ tịch");
    expect(html).not.toContain("Lê Quang Huy"); // an-phu
    expect(html).toContain("Bạn chỉ có quyền xem danh sách.");
    expect(html).not.toContain("/o/tu-ky/staff/new");
  });

  it("finds members ignoring diacritics and case", async () => {
    const c = await signIn(srv, "tuky.giamdoc");
    const html = await (await c.fetch("/o/tu-ky/staff?q=DO%20THI%20HUONG")).text();
    expect(html).toContain("Đỗ Thị Hương");
    expect(html).not.toContain("Hoàng Thị Lan");
    const d = await (await c.fetch("/o/tu-ky/staff?q=dang%20van")).text();
    expect(d).toContain("Đặng Văn Toàn");
  });
});

describe("creating and editing members", () => {
  it("lets the director create a member who must change the password at first sign-in", async () => {
    const c = await signIn(srv, "tuky.giamdoc");
    const res = await c.post("/o/tu-ky/staff/new", {
      fullName: "Đinh Thị Thanh Tâm",
      username: "tuky.canbo11",
      title: "Công chức",
      positionId: await positionId("Công chức Văn hóa – Xã hội"),
      roles: ["staff", "inspector"],
      phone: "0912 000 111",
      email: "tam@example.vn",
      password: "mot ngay moi tot lanh",
    });
    expect(res.status).toBe(200);
    const list = await (await c.fetch("/o/tu-ky/staff")).text();
    expect(list).toContain("Đinh Thị Thanh Tâm");
    const m = await memberOf(srv.db, "tuky.canbo11");
    const history = await srv.db.selectFrom("position_assignments").selectAll().where("membership_id", "=", m.membershipId).execute();
    expect(history).toHaveLength(1);
    expect(history[0]!.start_date).toBe("2026-03-10");
    const audit = await srv.db.selectFrom("audit_log").selectAll().where("entity_id", "=", m.membershipId).execute();
    expect(audit.map((a) => a.action)).toEqual(["member.created"]);

    const newbie = srv.client();
    const login = await newbie.post("/login", { username: "tuky.canbo11", password: "mot ngay moi tot lanh" });
    expect(login.headers.get("location")).toBe("/account/password");
  });

  it("shows Vietnamese messages beside the fields for bad input", async () => {
    const c = await signIn(srv, "tuky.admin");
    const res = await c.post("/o/tu-ky/staff/new", {
      fullName: "",
      username: "Tên Có Dấu",
      email: "khong-phai-email",
      password: "123",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Vui lòng nhập thông tin này.");
    expect(html).toContain("Tên đăng nhập gồm 3–40 ký tự");
    expect(html).toContain("Địa chỉ thư điện tử không hợp lệ.");
    expect(html).toContain("Chọn ít nhất một vai trò.");
    expect(html).toContain("Mật khẩu phải có ít nhất 8 ký tự.");
    expect(html).toContain('aria-invalid="true"');
  });

  it("refuses a username that is taken and a position of another centre", async () => {
    const c = await signIn(srv, "tuky.admin");
    const foreign = await srv.db
      .selectFrom("positions as p")
      .innerJoin("organizations as o", "o.id", "p.org_id")
      .select("p.id")
      .where("o.slug", "=", "an-phu")
      .executeTakeFirstOrThrow();
    const taken = await c.post("/o/tu-ky/staff/new", {
      fullName: "Người Trùng Tên",
      username: "anphu.canbo01",
      roles: "staff",
      password: "mot ngay moi tot lanh",
    });
    expect(await taken.text()).toContain("Tên đăng nhập này đã được sử dụng.");
    const cross = await c.post("/o/tu-ky/staff/new", {
      fullName: "Người Mới",
      username: "tuky.moi",
      roles: "staff",
      positionId: foreign.id,
      password: "mot ngay moi tot lanh",
    });
    expect(cross.status).toBe(400);
    expect(await cross.text()).toContain("Lựa chọn không hợp lệ.");
  });

  it("keeps a dated history when a member is reassigned", async () => {
    const c = await signIn(srv, "tuky.giamdoc");
    const m = await memberOf(srv.db, "tuky.canbo02");
    const res = await c.post(`/o/tu-ky/staff/${m.membershipId}`, {
      intent: "save",
      fullName: "Vũ Đức Minh",
      username: "tuky.canbo02",
      title: "Công chức",
      positionId: await positionId("Công chức Tư pháp – Hộ tịch"),
      effectiveDate: "2026-03-16",
      roles: "staff",
    });
    expect(res.status).toBe(200);
    const page = await (await c.fetch(`/o/tu-ky/staff/${m.membershipId}`)).text();
    expect(page).toContain("Quá trình giữ vị trí");
    expect(page).toMatch(/Công chức Tư pháp – Hộ tịch[\s\S]*Từ 16\/03\/2026 đến nay/);
    expect(page).toMatch(/Công chức Địa chính – Xây dựng[\s\S]*Từ 01\/07\/2025 đến 16\/03\/2026/);
    const audit = await srv.db.selectFrom("audit_log").selectAll().where("action", "=", "member.updated").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toHaveProperty("positionId");
  });

  it("deactivating a member ends their sessions at once and keeps their history", async () => {
    const director = await signIn(srv, "tuky.giamdoc");
    const clerk = await signIn(srv, "tuky.canbo09");
    const m = await memberOf(srv.db, "tuky.canbo09");
    const res = await director.post(`/o/tu-ky/staff/${m.membershipId}`, { intent: "deactivate" });
    expect(res.status).toBe(200);
    expect((await clerk.fetch("/o/tu-ky")).status).toBe(302);
    expect((await srv.client().post("/login", { username: "tuky.canbo09", password: "RoViec@2026" })).status).toBe(401);
    const list = await (await director.fetch("/o/tu-ky/staff")).text();
    expect(list).not.toContain("Trịnh Thị Hà");
    const all = await (await director.fetch("/o/tu-ky/staff?all=1")).text();
    expect(all).toContain("Trịnh Thị Hà");
    const history = await srv.db.selectFrom("position_assignments").selectAll().where("membership_id", "=", m.membershipId).execute();
    expect(history[0]!.end_date).toBe("2026-03-10");
  });

  it("forbids staff from the create and edit forms and their actions", async () => {
    const c = await signIn(srv, "tuky.canbo01");
    const m = await memberOf(srv.db, "tuky.canbo02");
    expect((await c.fetch("/o/tu-ky/staff/new")).status).toBe(403);
    expect((await c.fetch(`/o/tu-ky/staff/${m.membershipId}`)).status).toBe(403);
    const post = await c.post(`/o/tu-ky/staff/${m.membershipId}`, { intent: "deactivate" });
    expect(post.status).toBe(403);
    const page = await (await c.fetch("/o/tu-ky/staff/new")).text();
    expect(page).toContain("Không có quyền truy cập");
    const still = await srv.db.selectFrom("memberships").select("active").where("id", "=", m.membershipId).executeTakeFirstOrThrow();
    expect(still.active).toBe(1);
  });

  it("gives 404 for a member id that does not exist", async () => {
    const c = await signIn(srv, "tuky.giamdoc");
    const res = await c.fetch("/o/tu-ky/staff/00000000-0000-0000-0000-000000000000");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Không tìm thấy trang");
  });
});

describe("positions", () => {
  it("lets the admin add and edit a position; staff only read", async () => {
    const admin = await signIn(srv, "tuky.admin");
    const created = await admin.post("/o/tu-ky/positions", {
      name: "Công chức Tài chính – Kế toán",
      counter: "Quầy 7 – Tài chính",
      duties: "Thu phí, lệ phí; quyết toán.",
      sortOrder: "95",
    });
    expect(created.status).toBe(200);
    const url = new URL(created.url).pathname;
    const edited = await admin.post(url, { name: "Công chức Tài chính – Kế toán", counter: "Quầy 7", duties: "Thu phí, lệ phí." });
    expect(edited.status).toBe(200);
    const staff = await signIn(srv, "tuky.canbo01");
    const page = await (await staff.fetch(url)).text();
    expect(page).toContain("Quầy 7");
    expect(shown(page)).not.toContain("Sửa vị trí việc làm");
    expect((await staff.post(url, { name: "Bị đổi tên" })).status).toBe(403);
    const actions = await srv.db.selectFrom("audit_log").select("action").where("entity_type", "=", "position").execute();
    expect(actions.map((a) => a.action).sort()).toEqual(["position.created", "position.updated"]);
  });
});

describe("language", () => {
  it("switches one user's pages to English and keeps Vietnamese for everyone else", async () => {
    const c = await signIn(srv, "tuky.canbo04");
    expect((await c.post("/account", { locale: "en" })).status).toBe(200);
    const en = await (await c.fetch("/o/tu-ky/tasks")).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain("<title>Tasks — Rõ Việc</title>");
    expect(en).toContain("Assigned to me");
    const other = await signIn(srv, "tuky.canbo05");
    const vi = await (await other.fetch("/o/tu-ky/tasks")).text();
    expect(vi).toContain("<title>Công việc — Rõ Việc</title>");
    expect(vi).toContain("Được giao cho tôi");
  });
});
