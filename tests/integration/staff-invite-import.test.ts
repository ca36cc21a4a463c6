import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goodRows, HEADERS, staffWorkbook, type StaffRow } from "../helpers/staff-xlsx";
import { signIn, startServer, shown, type Client, type TestServer } from "../helpers/server";

// Part 3 of issue 18, "bringing people in" (decision 0041): invitations by one-time link and the
// staff import from XLSX, over HTTP against the real server.

let srv: TestServer;
let admin: Client;
let director: Client;
let outsider: Client;
beforeAll(async () => {
  srv = await startServer();
  admin = await signIn(srv, "tuky.admin");
  director = await signIn(srv, "tuky.giamdoc");
  outsider = await signIn(srv, "anphu.giamdoc"); // an-phu's director and admin
});
afterAll(() => srv.close());

const DAY = 24 * 60 * 60 * 1000;
const hash = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
const tokenIn = (html: string) => /\/invite\/([a-z2-7]{52})/.exec(html)?.[1];

async function memberIdOf(username: string) {
  const r = await srv.db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.id")
    .where("u.username", "=", username)
    .executeTakeFirstOrThrow();
  return r.id;
}

async function invite(fullName: string, username: string): Promise<string> {
  const res = await admin.post("/o/tu-ky/staff/new", { intent: "save", fullName, username, roles: "staff", access: "invite" });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain(`Đã thêm ${fullName}`);
  const token = tokenIn(html);
  expect(token).toBeDefined();
  return token!;
}

describe("invitations", () => {
  it("creates a member with no usable password and a link whose hash only is stored; the link sets the password once", async () => {
    const token = await invite("Vũ Thị Hồng Nhung", "tuky.moi01");
    const user = await srv.db.selectFrom("users").select(["id", "password_hash", "must_change_password"]).where("username", "=", "tuky.moi01").executeTakeFirstOrThrow();
    expect(user.password_hash).toBe("!invited");
    const rows = await srv.db.selectFrom("invitations").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expires_at).toBe(new Date(srv.clock.now().getTime() + 7 * DAY).toISOString());
    const audit = await srv.db.selectFrom("audit_log").select("action").where("entity_id", "=", rows[0]!.membership_id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["member.created", "member.invited"]));

    // No password signs in meanwhile.
    expect((await srv.client().post("/login", { username: "tuky.moi01", password: "!invited" })).status).toBe(401);

    const guest = srv.client();
    const page = await guest.fetch(`/invite/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    const html = shown(await page.text());
    expect(html).toContain("Vũ Thị Hồng Nhung");
    expect(html).toContain("Trung tâm Phục vụ hành chính công xã Tứ Kỳ");
    expect(html).toContain("tuky.moi01");

    // The same password rules as a password change.
    const weak = await guest.post(`/invite/${token}`, { newPassword: "12345678", confirmPassword: "12345678" });
    expect(weak.status).toBe(400);
    const mismatch = await guest.post(`/invite/${token}`, { newPassword: "hoa sen nở giữa đầm", confirmPassword: "hoa sen nở giữa ao" });
    expect(mismatch.status).toBe(400);
    const withName = await guest.post(`/invite/${token}`, { newPassword: "tuky.moi01-2026", confirmPassword: "tuky.moi01-2026" });
    expect(withName.status).toBe(400);

    const ok = await guest.fetch(`/invite/${token}`, { method: "POST", form: { newPassword: "hoa sen nở giữa đầm", confirmPassword: "hoa sen nở giữa đầm" }, follow303: false });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/login");
    const member = srv.client();
    const login = await member.fetch("/login", { method: "POST", form: { username: "tuky.moi01", password: "hoa sen nở giữa đầm" }, follow303: false });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/");
    expect((await member.fetch("/o/tu-ky")).status).toBe(200);

    // Spent: the page says so (410), and a second submission changes nothing.
    const again = await srv.client().fetch(`/invite/${token}`);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Liên kết mời không còn dùng được");
    const replay = await srv.client().post(`/invite/${token}`, { newPassword: "một mật khẩu khác hẳn", confirmPassword: "một mật khẩu khác hẳn" });
    expect(replay.status).toBe(410);
    expect((await srv.client().post("/login", { username: "tuky.moi01", password: "một mật khẩu khác hẳn" })).status).toBe(401);
    const accepted = await srv.db.selectFrom("audit_log").select("action").where("action", "=", "member.invitationAccepted").execute();
    expect(accepted).toHaveLength(1);
  });

  it("answers an unknown link 404 and an expired one 410, in words", async () => {
    const unknown = await srv.client().fetch(`/invite/${"a".repeat(52)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Không tìm thấy liên kết mời");
    const malformed = await srv.client().fetch("/invite/%3Cscript%3E");
    expect(malformed.status).toBe(404);

    const token = await invite("Phan Văn Khải", "tuky.moi02");
    expect((await srv.client().fetch(`/invite/${token}`)).status).toBe(200);
    srv.clock.advance(7 * DAY + 60_000);
    try {
      const expired = await srv.client().fetch(`/invite/${token}`);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain("đã hết hạn");
      expect((await srv.client().post(`/invite/${token}`, { newPassword: "hoa sen nở giữa đầm", confirmPassword: "hoa sen nở giữa đầm" })).status).toBe(410);
    } finally {
      srv.clock.advance(-(7 * DAY + 60_000));
    }
  });

  it("lets the admin resend (the old link stops working) and revoke; audited", async () => {
    srv.clock.advance(2 * 60 * 60 * 1000); // a quiet hour forgets the bad links opened above
    const first = await invite("Đoàn Thị Yến", "tuky.moi03");
    const id = await memberIdOf("tuky.moi03");
    const page = shown(await (await admin.fetch(`/o/tu-ky/staff/${id}`)).text());
    expect(page).toContain("Đang chờ cán bộ đặt mật khẩu");

    const resent = await admin.post(`/o/tu-ky/staff/${id}`, { intent: "invite" });
    const second = tokenIn(await resent.text());
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await srv.client().fetch(`/invite/${first}`)).status).toBe(410);
    expect((await srv.client().fetch(`/invite/${second}`)).status).toBe(200);

    // A temporary password replaces the link.
    await admin.post(`/o/tu-ky/staff/${id}`, { intent: "resetPassword" });
    expect((await srv.client().fetch(`/invite/${second}`)).status).toBe(410);
    const third = tokenIn(await (await admin.post(`/o/tu-ky/staff/${id}`, { intent: "invite" })).text());
    expect((await srv.client().fetch(`/invite/${third}`)).status).toBe(200);
    const revoked = await admin.post(`/o/tu-ky/staff/${id}`, { intent: "revokeInvite" });
    expect(await revoked.text()).toContain("Đã thu hồi liên kết mời của Đoàn Thị Yến");
    expect((await srv.client().fetch(`/invite/${third}`)).status).toBe(410);
    const actions = (await srv.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).execute()).map((a) => a.action);
    expect(actions.filter((a) => a === "member.invited")).toHaveLength(3);
    expect(actions).toContain("member.invitationRevoked");
  });

  it("is for admins only, and for the centre's own members", async () => {
    const id = await memberIdOf("tuky.canbo01");
    // The director manages staff but does not invite.
    expect((await director.post(`/o/tu-ky/staff/${id}`, { intent: "invite" })).status).toBe(403);
    expect((await director.post("/o/tu-ky/staff/new", { intent: "save", fullName: "Người Mới", username: "tuky.moi09", roles: "staff", access: "invite" })).status).toBe(403);
    expect(await srv.db.selectFrom("users").select("id").where("username", "=", "tuky.moi09").executeTakeFirst()).toBeUndefined();
    // Another centre's admin: 404, nothing issued.
    const before = (await srv.db.selectFrom("invitations").select("id").execute()).length;
    expect((await outsider.post(`/o/tu-ky/staff/${id}`, { intent: "invite" })).status).toBe(404);
    const anphuId = await memberIdOf("anphu.canbo01");
    expect((await admin.post(`/o/tu-ky/staff/${anphuId}`, { intent: "invite" })).status).toBe(404);
    expect((await srv.db.selectFrom("invitations").select("id").execute()).length).toBe(before);
  });

  it("bounds guessing: past the free failures an address waits (429), a valid link too, until the wait ends", async () => {
    srv.clock.advance(2 * 60 * 60 * 1000); // forget the failures of the tests above
    const token = await invite("Lâm Thị Hạnh", "tuky.moi04");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await srv.client().fetch(`/invite/${String(i).padStart(52, "b")}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await srv.client().fetch(`/invite/${token}`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("Hãy thử lại sau");
    srv.clock.advance(5 * 60 * 1000);
    expect((await srv.client().fetch(`/invite/${token}`)).status).toBe(200);
  });
});

// ---- import ----

async function upload(c: Client, file: Buffer, name = "can-bo.xlsx") {
  const form = new FormData();
  form.append("intent", "preview");
  form.append("file", new Blob([new Uint8Array(file)], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), name);
  return c.fetch("/o/tu-ky/staff/import", { method: "POST", body: form, follow303: false });
}

/** Uploads and opens the preview: its URL, the page, and each row's text by sheet line. */
async function preview(c: Client, file: Buffer) {
  const res = await upload(c, file);
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/o\/tu-ky\/staff\/import\?upload=[0-9a-z]{6,12}-[a-z2-7]{26}$/);
  const page = await c.fetch(location);
  expect(page.status).toBe(200);
  const html = shown(await page.text());
  const rows = new Map<number, string>();
  for (const m of html.matchAll(/<tr data-line="(\d+)">([\s\S]*?)<\/tr>/g)) rows.set(Number(m[1]), m[2]!.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
  const upload_ = /name="upload" value="([0-9a-z]{6,12}-[a-z2-7]{26})"/.exec(html)?.[1];
  const sha = /name="sha" value="([0-9a-f]{64})"/.exec(html)?.[1];
  return { location, html, rows, upload: upload_!, sha: sha! };
}

function decode(html: string) {
  return html.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

describe("staff import", () => {
  let positions: string[];
  beforeAll(async () => {
    const tuky = await srv.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow();
    positions = (await srv.db.selectFrom("positions").select("name").where("org_id", "=", tuky.id).orderBy("name").execute()).map((p) => p.name);
  });

  it("gives the template with the header row", async () => {
    const res = await admin.fetch("/o/tu-ky/staff/import/template.xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(JSON.stringify((wb.worksheets[1]!.getSheetValues()))).toContain("Công chức Tư pháp – Hộ tịch");
  });

  it("is for admins only; another centre's admin gets 404 and cannot reach an upload", async () => {
    const file = await staffWorkbook(goodRows(2, "tuky.perm", positions));
    for (const path of ["/o/tu-ky/staff/import", "/o/tu-ky/staff/import/template.xlsx"]) {
      expect((await director.fetch(path)).status).toBe(403);
      expect((await outsider.fetch(path)).status).toBe(404);
    }
    expect((await upload(director, file)).status).toBe(403);
    expect((await upload(outsider, file)).status).toBe(404);
    const staff = await signIn(srv, "tuky.canbo01");
    expect((await upload(staff, file)).status).toBe(403);

    const p = await preview(admin, file);
    expect((await outsider.fetch(p.location)).status).toBe(404);
    // In its own centre, the other admin cannot name tu-ky's upload either.
    const own = await outsider.fetch(p.location.replace("/o/tu-ky/", "/o/an-phu/"));
    expect(own.status).toBe(404);
    expect(await own.text()).toContain("Tệp đã tải lên không còn");
    const confirm = await outsider.post("/o/an-phu/staff/import", { intent: "import", upload: p.upload, sha: p.sha });
    expect(confirm.status).toBe(400);
    expect(await srv.db.selectFrom("users").select("id").where("username", "like", "tuky.perm%").execute()).toHaveLength(0);
  });

  it("keeps an upload for its preview a day at most: the next upload removes older ones never imported", async () => {
    const tuky = await srv.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow();
    const uploads = async () => (await srv.files.list(tuky.id)).filter((k) => k.startsWith(`${tuky.id}/import-`));
    const before = await uploads();
    const old = await preview(admin, await staffWorkbook(goodRows(2, "tuky.cu", positions)));
    expect(await uploads()).toHaveLength(before.length + 1);
    srv.clock.advance(DAY - 60_000);
    const recent = await preview(admin, await staffWorkbook(goodRows(2, "tuky.moi", positions)));
    // Not yet a day old: both are kept, and the first still opens.
    expect((await admin.fetch(old.location)).status).toBe(200);
    srv.clock.advance(2 * 60_000);
    await preview(admin, await staffWorkbook(goodRows(2, "tuky.sau", positions)));
    const left = await uploads();
    expect(left.some((k) => k.endsWith(old.upload))).toBe(false);
    expect(left.some((k) => k.endsWith(recent.upload))).toBe(true);
    const gone = await admin.fetch(old.location);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("Tệp đã tải lên không còn");
    srv.clock.advance(-(DAY + 60_000));
  });

  it("refuses what is not a staff file, too large or too long, with a 4xx message", async () => {
    const notXlsx = await upload(admin, Buffer.from("Họ và tên,Tên đăng nhập\n"));
    expect(notXlsx.status).toBe(400);
    expect(await notXlsx.text()).toContain("Tệp không phải bảng tính Excel (.xlsx) đọc được.");
    const wrongHeaders = await upload(admin, await staffWorkbook([], ["Tên", "Tài khoản"]));
    expect(wrongHeaders.status).toBe(400);
    expect(await wrongHeaders.text()).toContain("Thiếu cột hoặc sai tên cột");
    const empty = await upload(admin, await staffWorkbook([]));
    expect(empty.status).toBe(400);
    const tooLong = await upload(admin, await staffWorkbook(goodRows(2001, "tuky.dai", positions)));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("Tệp có hơn 2.000 dòng cán bộ");
    const big = await upload(admin, Buffer.alloc(2.5 * 1024 * 1024, 1));
    expect(big.status).toBe(400);
    expect(await big.text()).toContain("Tệp lớn hơn giới hạn cho phép (2 MB).");
    const none = await admin.post("/o/tu-ky/staff/import", { intent: "preview" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Hãy chọn tệp danh sách (.xlsx).");
  });

  it("previews 500 rows with 20 bad ones (exact messages), imports 480 with links; the same file again creates nothing and updates what changed", async () => {
    const rows = goodRows(500, "tuky.nv", positions);
    // Line = index + 2 (the header is line 1). Twenty bad rows, one error each.
    const bad: Record<number, { row: Partial<Record<number, string>>; message: string }> = {
      10: { row: { 0: "" }, message: "Thiếu họ và tên." },
      20: { row: { 1: "" }, message: "Thiếu tên đăng nhập." },
      30: { row: { 1: "Nguyen Van A" }, message: "Tên đăng nhập “Nguyen Van A” không hợp lệ" },
      40: { row: { 1: "ab" }, message: "Tên đăng nhập “ab” không hợp lệ" },
      50: { row: { 1: "tuky.nv.001" }, message: "Tên đăng nhập trùng với dòng 2 trong tệp." },
      60: { row: { 1: "tuky.nv.002" }, message: "Tên đăng nhập trùng với dòng 3 trong tệp." },
      70: { row: { 2: "Công chức Thuế" }, message: "Trung tâm không có vị trí việc làm “Công chức Thuế”." },
      80: { row: { 2: "Kế toán" }, message: "Trung tâm không có vị trí việc làm “Kế toán”." },
      90: { row: { 3: "Trưởng phòng" }, message: "Vai trò “Trưởng phòng” không hợp lệ" },
      100: { row: { 3: "Cán bộ; Thủ quỹ" }, message: "Vai trò “Thủ quỹ” không hợp lệ" },
      110: { row: { 6: "31/02/2025" }, message: "Ngày bắt đầu công tác “31/02/2025” không đúng dạng dd/mm/yyyy." },
      120: { row: { 6: "2025-01-15" }, message: "Ngày bắt đầu công tác “2025-01-15” không đúng dạng dd/mm/yyyy." },
      130: { row: { 6: "15/13/2025" }, message: "Ngày bắt đầu công tác “15/13/2025” không đúng dạng dd/mm/yyyy." },
      140: { row: { 5: "nhap@" }, message: "Thư điện tử “nhap@” không hợp lệ." },
      150: { row: { 5: "khong co a cong" }, message: "Thư điện tử “khong co a cong” không hợp lệ." },
      160: { row: { 4: "12ab" }, message: "Số điện thoại “12ab” không hợp lệ." },
      170: { row: { 4: "0912" }, message: "Số điện thoại “0912” không hợp lệ." },
      180: { row: { 1: "anphu.canbo01" }, message: "Tên đăng nhập đã được dùng cho một tài khoản ngoài Trung tâm" },
      190: { row: { 1: "tuky.nv.500", 6: "" }, message: "Tên đăng nhập trùng với dòng 501 trong tệp." },
      200: { row: { 0: "X" }, message: "Thiếu họ và tên." },
    };
    // Line 190's duplicate is of a later row: the first occurrence in the file wins, so row 501 is the duplicate.
    delete bad[190];
    bad[501] = { row: { 1: "tuky.nv.189" }, message: "Tên đăng nhập trùng với dòng 190 trong tệp." };
    const withBad = rows.map((r, i) => {
      const b = bad[i + 2];
      if (!b) return r;
      const copy = [...r] as StaffRow;
      for (const [k, v] of Object.entries(b.row)) copy[Number(k)] = v!;
      return copy;
    });
    expect(Object.keys(bad)).toHaveLength(20);
    const file = await staffWorkbook(withBad);

    let t0 = performance.now();
    const p = await preview(admin, file);
    const previewMs = performance.now() - t0;
    expect(p.html).toContain("480 thêm mới · 0 cập nhật · 0 không đổi · 20 dòng lỗi");
    expect(p.rows.size).toBe(500);
    for (const [line, b] of Object.entries(bad)) {
      const text = decode(p.rows.get(Number(line))!);
      expect(text, `line ${line}`).toContain("Lỗi");
      expect(text, `line ${line}`).toContain(b.message);
    }
    const errorLines = [...p.rows].filter(([, text]) => text.includes("Lỗi")).map(([l]) => l);
    expect(errorLines.sort((a, b) => a - b)).toEqual(Object.keys(bad).map(Number).sort((a, b) => a - b));
    // Nothing is written by a preview.
    expect(await srv.db.selectFrom("users").select("id").where("username", "like", "tuky.nv.%").execute()).toHaveLength(0);

    t0 = performance.now();
    const done = await admin.post("/o/tu-ky/staff/import", { intent: "import", upload: p.upload, sha: p.sha });
    const importMs = performance.now() - t0;
    expect(done.status).toBe(200);
    const doneHtml = decode(shown(await done.text()));
    expect(doneHtml).toContain("Đã thêm 480, cập nhật 0, giữ nguyên 0; bỏ qua 20 dòng lỗi.");
    const tokens = [...new Set([...doneHtml.matchAll(/\/invite\/([a-z2-7]{52})/g)].map((m) => m[1]!))];
    expect(tokens).toHaveLength(480);
    console.log(`import 500 rows: upload + preview ${previewMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms`);

    const created = await srv.db.selectFrom("users").select(["username", "password_hash"]).where("username", "like", "tuky.nv.%").execute();
    expect(created).toHaveLength(480);
    expect(created.every((u) => u.password_hash === "!invited")).toBe(true);
    expect(await srv.db.selectFrom("audit_log").select("id").where("action", "=", "member.imported").execute()).toHaveLength(480);
    const invitations = await srv.db.selectFrom("invitations").select("token_hash").where("used_at", "is", null).where("revoked_at", "is", null).execute();
    const hashes = new Set(invitations.map((i) => i.token_hash));
    expect(tokens.every((t) => hashes.has(hash(t)))).toBe(true);
    // One imported member's link works.
    expect((await srv.client().fetch(`/invite/${tokens[0]}`)).status).toBe(200);
    // The upload is gone: confirming it again is refused, nothing doubles.
    const twice = await admin.post("/o/tu-ky/staff/import", { intent: "import", upload: p.upload, sha: p.sha });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("Tệp đã tải lên không còn");

    // Re-import: the same file creates nothing; change 5 phones and move 3 positions.
    const changed = withBad.map((r, i) => {
      const copy = [...r] as StaffRow;
      if (i >= 300 && i < 305) copy[4] = "0988 000 111";
      if (i >= 310 && i < 313) copy[2] = r[2] === positions[0] ? positions[1]! : positions[0]!;
      return copy;
    });
    const p2 = await preview(admin, await staffWorkbook(changed));
    expect(p2.html).toContain("0 thêm mới · 8 cập nhật · 472 không đổi · 20 dòng lỗi");
    expect(decode(p2.rows.get(302)!)).toContain("Điện thoại: 09");
    expect(decode(p2.rows.get(302)!)).toContain("→ 0988 000 111");
    const done2 = await admin.post("/o/tu-ky/staff/import", { intent: "import", upload: p2.upload, sha: p2.sha });
    expect(decode(shown(await done2.text()))).toContain("Đã thêm 0, cập nhật 8, giữ nguyên 472; bỏ qua 20 dòng lỗi.");
    expect(await srv.db.selectFrom("users").select("id").where("username", "like", "tuky.nv.%").execute()).toHaveLength(480);
    const phones = await srv.db.selectFrom("users").select("phone").where("phone", "=", "0988 000 111").execute();
    expect(phones).toHaveLength(5);
    const updates = await srv.db.selectFrom("audit_log").select("details").where("action", "=", "member.updated").execute();
    expect(updates.filter((u) => (u.details ?? "").includes('"via":"import"'))).toHaveLength(8);
    // And once more: all unchanged, nothing to confirm.
    const p3 = await preview(admin, await staffWorkbook(changed));
    expect(p3.html).toContain("0 thêm mới · 0 cập nhật · 480 không đổi · 20 dòng lỗi");
    expect(p3.html).toContain("Không có gì để nhập");
  });

  // Last: the server drops the connection of a refused body, which the client's pool may reuse.
  it("refuses a body past the form's whole budget before reading it (413)", async () => {
    const huge = await upload(admin, Buffer.alloc(5 * 1024 * 1024, 1));
    expect(huge.status).toBe(413);
  });
});
