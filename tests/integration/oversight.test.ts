import { randomUUID } from "node:crypto";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportFigures } from "~/modules/reports/figures.server";
import { withTenant } from "../../db/tenant";
import { allRoutes, centreFixtures, centreRoutes, routeUrl } from "../helpers/routes";
import { shown, signIn, startServer, type Client, type TestServer } from "../helpers/server";

// Oversight groups (docs/decisions/0042-oversight.md): the demo's haiphong.giamsat oversees the
// four demo centres of the city, read only. The role × route checks are generated from the built
// route list, as for centre members: every centre route is 404 to an overseer (a member of no
// centre), every /g route answers the overseer and nobody else, and none accepts a POST.

let srv: TestServer;
let overseer: Client;
let director: Client;
let fixtures: Record<string, string>;

const groupRoutes = allRoutes.filter((r) => r.path === "g/:group" || r.path.startsWith("g/:group/"));

beforeAll(async () => {
  srv = await startServer();
  overseer = await signIn(srv, "haiphong.giamsat");
  director = await signIn(srv, "tuky.giamdoc");
  fixtures = await centreFixtures(srv);
});
afterAll(async () => {
  await srv.close();
});

const orgId = async (slug: string) => (await srv.db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;

describe("an overseer", () => {
  it("signs in without a centre and lands on the group", async () => {
    const c = srv.client();
    const res = await c.post("/login", { username: "haiphong.giamsat", password: "RoViec@2026" });
    expect(res.status).toBe(302);
    const home = await c.fetch("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/g/hai-phong");
  });

  it("finds the oversight routes in the build", () => {
    expect(groupRoutes.map((r) => r.path).sort()).toEqual(
      ["g/:group", "g/:group/centres/:org", "g/:group/centres/:org/reports/:reportId.docx", "g/:group/report.docx"].sort(),
    );
    // Read only by construction: no oversight route has an action.
    expect(groupRoutes.filter((r) => r.hasAction)).toEqual([]);
  });

  it.each(groupRoutes.map((r) => [r.path] as const))("reads %s; a centre's director gets 404; a POST changes nothing", async (path) => {
    const url = routeUrl(path, fixtures);
    const own = await overseer.fetch(url);
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    const other = await director.fetch(url);
    expect(other.status).toBe(404);
    expect(shown(await other.text())).not.toContain("Hải Phòng");
    const post = await overseer.post(url, { intent: "save", name: "x" });
    expect([404, 405]).toContain(post.status);
    await post.arrayBuffer();
  });

  it.each(centreRoutes.map((r) => [r.path, r] as const))("gets 404 from the centre route %s", async (_path, route) => {
    const url = routeUrl(route.path, fixtures);
    const get = await overseer.fetch(url);
    expect(get.status).toBe(404);
    expect(shown(await get.text())).not.toContain("Tứ Kỳ");
    if (route.hasAction) {
      const post = await overseer.post(url, { intent: "save", name: "x" });
      expect(post.status).toBe(404);
      await post.arrayBuffer();
    }
  });

  it("gets 404 for a centre not assigned to the group and for another group", async () => {
    const id = randomUUID();
    const at = srv.clock.now().toISOString();
    await srv.db
      .insertInto("organizations")
      .values({ id, slug: "ninh-giang", name: "Trung tâm Phục vụ hành chính công xã Ninh Giang", parent_body: "Ủy ban nhân dân xã Ninh Giang", province: "Hải Phòng", place_name: "Ninh Giang", created_at: at })
      .execute();
    const gid = randomUUID();
    await srv.db.insertInto("oversight_groups").values({ id: gid, slug: "quang-ninh", name: "Văn phòng UBND tỉnh Quảng Ninh", parent_body: "Ủy ban nhân dân tỉnh Quảng Ninh", place_name: "Quảng Ninh", created_at: at }).execute();
    await srv.db.insertInto("oversight_centres").values({ group_id: gid, org_id: id, added_at: at }).execute();
    expect((await overseer.fetch("/g/hai-phong/centres/ninh-giang")).status).toBe(404);
    expect((await overseer.fetch("/g/quang-ninh")).status).toBe(404);
    expect((await overseer.fetch("/g/quang-ninh/centres/ninh-giang")).status).toBe(404);
    expect((await overseer.fetch("/g/hai-phong/centres/ninh-giang/reports/x.docx")).status).toBe(404);
    // A centre's draft report stays inside the centre.
    const draft = await srv.db.selectFrom("reports").select("id").where("org_id", "=", await orgId("tu-ky")).where("status", "=", "draft").executeTakeFirst();
    if (draft) expect((await overseer.fetch(`/g/hai-phong/centres/tu-ky/reports/${draft.id}.docx`)).status).toBe(404);
  });

  it("no longer signs in once removed from the group", async () => {
    const c = srv.client();
    await srv.db.updateTable("oversight_members").set({ active: 0 }).execute();
    try {
      const res = await c.post("/login", { username: "haiphong.giamsat", password: "RoViec@2026" });
      expect(res.status).toBe(401);
      expect((await overseer.fetch("/g/hai-phong")).status).toBe(404);
    } finally {
      await srv.db.updateTable("oversight_members").set({ active: 1 }).execute();
    }
  });
});

describe("the comparison", () => {
  it("shows each centre's figures for the period as the centre's own report computes them, ranked", async () => {
    const html = await (await overseer.fetch("/g/hai-phong?period=02/2026")).text();
    expect(html).toContain("So sánh các Trung tâm — Tháng 02/2026");
    const rows = [...html.matchAll(/<tr data-centre="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
      slug: m[1]!,
      cells: [...m[2]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "").replace(/<!-- -->/g, "").trim()),
    }));
    expect(rows.map((r) => r.slug).sort()).toEqual(["an-phu", "gia-loc", "thanh-ha", "tu-ky"]);
    const tuky = rows.find((r) => r.slug === "tu-ky")!;
    const f = await withTenant(await orgId("tu-ky"), async () => reportFigures(srv.db, await orgId("tu-ky"), "2026-02-01", "2026-02-28", srv.clock.now()));
    const pct = (v: number | null) => (v === null ? "—" : `${v.toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`);
    // Columns: rank, centre, score, staff, tasks, on time, overdue, punctual, late, duty, inspections, passed, open actions, bands.
    expect(tuky.cells[3]).toBe(String(f.staff.atEnd));
    expect(tuky.cells[4]).toBe(`${f.tasks.completed}/${f.tasks.assigned}`);
    expect(tuky.cells[5]).toBe(pct(f.tasks.onTimeRate));
    expect(tuky.cells[7]).toBe(pct(f.attendance.punctualityRate));
    expect(tuky.cells[8]).toBe(String(f.attendance.lateArrivals));
    expect(tuky.cells[11]).toBe(pct(f.inspections.passRate));
    // Ranked: scores never increase down the table; a centre without any rate is last, unranked.
    const scores = rows.map((r) => r.cells[2]!).filter((s) => s !== "—").map((s) => Number(s.replace(",", ".")));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(rows.map((r) => r.cells[0])).toEqual([...rows.keys()].map((i) => (rows[i]!.cells[2] === "—" ? "—" : String(i + 1))));
    // An Phú has only the tasks' rate in the demo (no check-ins, shifts or inspections): not ranked on one rate.
    expect(rows.find((r) => r.slug === "an-phu")!.cells.slice(0, 3)).toEqual(["—", "xã An Phú", "—"]);
    expect(rows.at(-1)!.slug).toBe("an-phu");
    // Thanh Hà is late more often than Gia Lộc in the demo: the comparison shows it.
    const late = (slug: string) => Number(rows.find((r) => r.slug === slug)!.cells[8]);
    expect(late("thanh-ha")).toBeGreaterThan(late("gia-loc"));
  });

  it("writes the consolidated report in the official layout with every centre", async () => {
    const res = await overseer.fetch("/g/hai-phong/report.docx?period=2026-Q1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toContain("bao-cao-tong-hop-hai-phong-2026-Q1.docx");
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n");
    for (const s of [
      "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nVĂN PHÒNG UBND\nTHÀNH PHỐ HẢI PHÒNG",
      "Số:        /BC-VP",
      "Hải Phòng, ngày 10 tháng 3 năm 2026",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "BÁO CÁO",
      "Tổng hợp kết quả hoạt động của các Trung tâm Phục vụ hành chính công quý I năm 2026",
      "I. TÌNH HÌNH CHUNG",
      "II. KẾT QUẢ THỰC HIỆN",
      "III. XẾP HẠNG",
      "IV. ĐỀ XUẤT, KIẾN NGHỊ",
      "xã Tứ Kỳ",
      "xã An Phú",
      "xã Gia Lộc",
      "xã Thanh Hà",
      "Nơi nhận:",
    ]) {
      expect(text).toContain(s);
    }
    // The staff of the four centres at the end of the quarter, as each centre's own report counts them.
    let staff = 0;
    for (const slug of ["tu-ky", "an-phu", "gia-loc", "thanh-ha"]) {
      const id = await orgId(slug);
      staff += (await withTenant(id, () => reportFigures(srv.db, id, "2026-01-01", "2026-03-31", srv.clock.now()))).staff.atEnd;
    }
    expect(staff).toBeGreaterThanOrEqual(25);
    expect(text).toContain(`theo dõi 4 Trung tâm Phục vụ hành chính công với tổng số ${staff} cán bộ, công chức, viên chức và người lao động (cuối kỳ)`);
  });

  it("answers a malformed period with the default period, not an error", async () => {
    for (const p of ["x", "13/2026", "9".repeat(500), "2026-Q9", "%00"]) {
      const res = await overseer.fetch(`/g/hai-phong?period=${encodeURIComponent(p)}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Tháng 02/2026");
    }
  });
});
