import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reportView } from "~/modules/reports/reports.server";
import { createTask } from "~/modules/tasks/tasks.server";
import { memberOf } from "../helpers/db";
import { signIn, startSignedIn, shown, type Client, type TestServer } from "../helpers/server";

// Seeded at Tuesday 10/03/2026 08:00: February's report (04/BC-TTPVHCC) finalised, March's a draft.
let srv: TestServer;
let director: Client;
beforeEach(async () => ({ srv, client: director } = await startSignedIn("tuky.giamdoc")));
afterEach(() => srv.close());

const orgId = async () => (await srv.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow()).id;
const reportRow = (id: string) => srv.db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** The edit form as the page sends it: every field, with some changed. */
async function editForm(id: string, changes: Record<string, string> = {}) {
  const r = await reportRow(id);
  return {
    version: String(r.version),
    title: r.title,
    number: r.number,
    place: r.place,
    reportDate: r.report_date,
    recipients: r.recipients,
    signerTitle: r.signer_title,
    signerName: r.signer_name,
    situation: r.section_situation,
    organisation: r.section_organisation,
    results: r.section_results,
    assessment: r.section_assessment,
    solutions: r.section_solutions,
    conclusion: r.section_conclusion,
    intent: "save",
    ...changes,
  };
}

async function createMonthly(client: Client, month: string) {
  const res = await client.post("/o/tu-ky/reports/new", { kind: "month", year: "2026", month });
  expect(res.status).toBe(200);
  const location = new URL(res.url).pathname;
  expect(location).toMatch(/^\/o\/tu-ky\/reports\/[0-9a-f-]{36}$/);
  return location.split("/").pop()!;
}

describe("periodic reports", () => {
  it("lists the seeded reports with links to their pages and .docx files", async () => {
    const html = await (await director.fetch("/o/tu-ky/reports")).text();
    const reports = await srv.db.selectFrom("reports").select(["id", "status", "period_key"]).orderBy("period_key").execute();
    expect(reports.map((r) => [r.period_key, r.status])).toEqual([
      ["2026-02", "finalised"],
      ["2026-03", "draft"],
    ]);
    for (const r of reports) {
      expect(html).toContain(`/o/tu-ky/reports/${r.id}"`);
      expect(html).toContain(`/o/tu-ky/reports/${r.id}/download.docx`);
    }
    expect(html).toContain("04/BC-TTPVHCC");
    expect(html).toContain("Tháng 02/2026");
  });

  it("creates a draft from the figures, saves an edited section and rewrites one from the figures", async () => {
    const id = await createMonthly(director, "3");
    const row = await reportRow(id);
    expect(row).toMatchObject({ status: "draft", period_key: "2026-03", place: "Tứ Kỳ", report_date: "2026-03-10", signer_title: "GIÁM ĐỐC", signer_name: "Nguyễn Văn Hùng" });
    expect(row.title).toBe("Kết quả thực hiện nhiệm vụ tháng 3 năm 2026 tại Trung tâm Phục vụ hành chính công xã Tứ Kỳ");
    expect(row.section_results).toMatch(/^1\. Kết quả thực hiện nhiệm vụ được giao\n- Trong tháng, Trung tâm giao \d+ nhiệm vụ/);
    expect(row.recipients.trim().endsWith("- Lưu: VT.")).toBe(true);
    const page = await (await director.fetch(`/o/tu-ky/reports/${id}`)).text();
    expect(page).toContain("I. ĐẶC ĐIỂM TÌNH HÌNH");
    expect(page).toContain('name="conclusion"');

    const edited = "Tháng 3 năm 2026, Trung tâm hoàn thành cơ bản các nhiệm vụ; phấn đấu giải quyết dứt điểm việc quá hạn.";
    const save = await director.post(`/o/tu-ky/reports/${id}`, await editForm(id, { conclusion: edited, number: "5/BC-TTPVHCC" }));
    expect(save.status).toBe(200);
    const saved = await reportRow(id);
    expect(saved.section_conclusion).toBe(edited);
    expect(saved.number).toBe("05/BC-TTPVHCC");
    expect(saved.version).toBe(row.version + 1);

    // A form loaded before that save is refused instead of overwriting it.
    const stale = await director.post(`/o/tu-ky/reports/${id}`, { ...(await editForm(id, { conclusion: "cũ" })), version: String(row.version) });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("Báo cáo vừa được người khác cập nhật");
    expect((await reportRow(id)).section_conclusion).toBe(edited);

    // Rewriting the conclusion from the figures keeps the other edits of the same form.
    const regen = await director.post(`/o/tu-ky/reports/${id}`, await editForm(id, { intent: "regenerate.conclusion", situation: "Đặc điểm do Giám đốc viết." }));
    expect(regen.status).toBe(200);
    const after = await reportRow(id);
    expect(after.section_situation).toBe("Đặc điểm do Giám đốc viết.");
    expect(after.section_conclusion).toMatch(/^Kết quả thực hiện nhiệm vụ tháng 3 năm 2026 tại Trung tâm/);
  });

  it("freezes the figures on finalising: a task added later does not change the report", async () => {
    const id = await createMonthly(director, "3");
    const org = await orgId();
    const refused = await director.post(`/o/tu-ky/reports/${id}`, { intent: "finalise", version: "1" });
    expect(refused.status).toBe(400);
    expect((await reportRow(id)).status).toBe("draft");
    const fin = await director.post(`/o/tu-ky/reports/${id}`, { intent: "finalise", version: "1", confirm: "on" });
    expect(fin.status).toBe(200);
    const row = await reportRow(id);
    expect(row.status).toBe("finalised");
    expect(row.figures).not.toBeNull();
    const before = await reportView(srv.db, org, id, srv.clock.now());

    // A task assigned now, in March, after finalising.
    const gd = await memberOf(srv.db, "tuky.giamdoc");
    await createTask(
      srv.db,
      { orgId: org, actorUserId: gd.userId, membershipId: gd.membershipId, now: srv.clock.now() },
      {
        intent: "assign",
        title: "Rà soát hồ sơ tồn đọng lĩnh vực hộ tịch",
        description: "Rà soát, báo cáo hồ sơ tồn đọng.",
        assigneeId: (await memberOf(srv.db, "tuky.canbo01")).membershipId,
        approverId: gd.membershipId,
        sourceKind: "adhoc",
        startDate: "2026-03-10",
        deadlineDate: "2026-03-20",
        deliverable: "Danh sách hồ sơ",
        priority: "normal",
        recurrence: "none",
      },
      [],
    );
    srv.clock.advance(3_600_000);
    const after = await reportView(srv.db, org, id, srv.clock.now());
    expect(after.figures).toEqual(before.figures);
    expect(after.tables.tasks).toEqual(before.tables.tasks);
    // A draft for the same month sees the new task: the freeze is what kept it out.
    const draftId = await createMonthly(director, "3");
    const live = await reportView(srv.db, org, draftId, srv.clock.now());
    expect(live.figures.current.tasks.assigned).toBe(before.figures.current.tasks.assigned + 1);

    // A finalised report cannot be edited.
    const edit = await director.post(`/o/tu-ky/reports/${id}`, await editForm(id, { conclusion: "sửa sau khi chốt" }));
    expect(edit.status).toBe(400);
    expect((await reportRow(id)).section_conclusion).not.toBe("sửa sau khi chốt");
    const page = await (await director.fetch(`/o/tu-ky/reports/${id}`)).text();
    expect(page).toContain("Đã chốt");
    expect(page).not.toContain('name="conclusion"');
  });

  it("lets the deputy create reports, admins only read, and staff and inspectors nothing", async () => {
    const deputy = await signIn(srv, "tuky.phogiamdoc");
    const id = await createMonthly(deputy, "2");
    expect((await reportRow(id)).signer_title).toBe("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC");

    const admin = await signIn(srv, "tuky.admin");
    expect((await admin.fetch("/o/tu-ky/reports")).status).toBe(200);
    const page = await admin.fetch(`/o/tu-ky/reports/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("I. ĐẶC ĐIỂM TÌNH HÌNH");
    expect(html).not.toContain('name="conclusion"');
    expect((await admin.fetch(`/o/tu-ky/reports/${id}/download.docx`)).status).toBe(200);
    expect((await admin.fetch(`/o/tu-ky/reports/${id}/print`)).status).toBe(200);
    expect((await admin.fetch("/o/tu-ky/reports/new")).status).toBe(403);
    expect((await admin.post("/o/tu-ky/reports/new", { kind: "month", year: "2026", month: "1" })).status).toBe(403);
    expect((await admin.post(`/o/tu-ky/reports/${id}`, await editForm(id, { conclusion: "x" }))).status).toBe(403);
    expect((await admin.post(`/o/tu-ky/reports/${id}`, { intent: "finalise", version: "1", confirm: "on" })).status).toBe(403);
    expect((await reportRow(id)).status).toBe("draft");

    for (const username of ["tuky.canbo01", "tuky.kiemtra"]) {
      const c = await signIn(srv, username);
      for (const path of ["/o/tu-ky/reports", "/o/tu-ky/reports/new", `/o/tu-ky/reports/${id}`, `/o/tu-ky/reports/${id}/print`, `/o/tu-ky/reports/${id}/download.docx`]) {
        expect((await c.fetch(path)).status, `${username} ${path}`).toBe(403);
      }
      expect((await c.post(`/o/tu-ky/reports/${id}`, { intent: "finalise", version: "1", confirm: "on" })).status).toBe(403);
    }
  });

  it("refuses a malformed period", async () => {
    const res = await director.post("/o/tu-ky/reports/new", { kind: "custom", from: "2026-03-10", to: "2026-02-01" });
    expect(res.status).toBe(400);
    const long = await director.post("/o/tu-ky/reports/new", { kind: "custom", from: "2024-01-01", to: "2026-02-01" });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("Khoảng thời gian tối đa 366 ngày.");
    const custom = await director.post("/o/tu-ky/reports/new", { kind: "custom", from: "2026-02-14", to: "2026-02-22" });
    expect(custom.status).toBe(200);
  });
});

describe("the .docx", () => {
  it("is the official format of NĐ 30/2020: header, number, title, sections in order, recipients, Times New Roman, A4, page numbers from page 2", async () => {
    const feb = await srv.db.selectFrom("reports").select("id").where("period_key", "=", "2026-02").executeTakeFirstOrThrow();
    const res = await director.fetch(`/o/tu-ky/reports/${feb.id}/download.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toContain('filename="bao-cao-2026-02.docx"');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n");

    for (const s of [
      "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 04/BC-TTPVHCC",
      "Tứ Kỳ, ngày 06 tháng 3 năm 2026",
      "BÁO CÁO",
      "Kết quả thực hiện nhiệm vụ tháng 02 năm 2026 tại Trung tâm Phục vụ hành chính công xã Tứ Kỳ",
      "Nơi nhận:",
      "- Lưu: VT.",
      "GIÁM ĐỐC",
      "Nguyễn Văn Hùng",
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain("DỰ THẢO");
    // The six sections, in order, after the title.
    const headings = ["I. ĐẶC ĐIỂM TÌNH HÌNH", "II. KẾT QUẢ RÀ SOÁT, ỔN ĐỊNH TỔ CHỨC", "III. KẾT QUẢ TRIỂN KHAI NHIỆM VỤ", "IV. ĐÁNH GIÁ CHUNG", "V. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI", "VI. KẾT LUẬN"];
    const at = headings.map((h) => text.indexOf(h));
    expect(at.every((i) => i > text.indexOf("BÁO CÁO"))).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text.indexOf("Nơi nhận:")).toBeGreaterThan(at[5]!);
    // Tables of figures with the previous month beside.
    expect(text).toContain("Bảng 1. Nhân sự, chấp hành kỷ luật hành chính và chế độ trực");
    expect(text).toContain("Tháng 01/2026");

    // Times New Roman, black; A4 portrait with the margins of NĐ 30 (20/20/30/15 mm).
    expect(xml).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    expect(await zip.file("word/styles.xml")!.async("string")).toContain("Times New Roman");
    expect(xml).toContain('w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    // A different first page with an empty header; the other pages' header holds the page number, centred.
    expect(xml).toContain("<w:titlePg/>");
    const first = /<w:headerReference w:type="first" r:id="(\w+)"\/>/.exec(xml)?.[1];
    const other = /<w:headerReference w:type="default" r:id="(\w+)"\/>/.exec(xml)?.[1];
    expect(first && other).toBeTruthy();
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    const firstHeader = await zip.file(`word/${target(first!)}`)!.async("string");
    const otherHeader = await zip.file(`word/${target(other!)}`)!.async("string");
    expect(firstHeader).not.toContain("PAGE");
    expect(otherHeader).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(otherHeader).toContain('<w:jc w:val="center"/>');
    // Justified body with a 1.27 cm first-line indent.
    expect(xml).toContain('<w:jc w:val="both"/>');
    expect(xml).toContain('w:firstLine="720"');
  });

  it("marks a draft as such", async () => {
    const march = await srv.db.selectFrom("reports").select("id").where("period_key", "=", "2026-03").executeTakeFirstOrThrow();
    const res = await director.fetch(`/o/tu-ky/reports/${march.id}/download.docx`);
    const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file("word/document.xml")!.async("string");
    expect(xml).toContain("DỰ THẢO");
    expect(xml).toContain("Số:        /BC-TTPVHCC");
    expect(xml).toContain("KT. GIÁM ĐỐC");
  });

  it("prints the same report as an official page", async () => {
    const feb = await srv.db.selectFrom("reports").select("id").where("period_key", "=", "2026-02").executeTakeFirstOrThrow();
    const html = await (await director.fetch(`/o/tu-ky/reports/${feb.id}/print`)).text();
    for (const s of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 04/BC-TTPVHCC", "Tứ Kỳ, ngày 06 tháng 3 năm 2026", "BÁO CÁO", "VI. KẾT LUẬN", "Nơi nhận:", "Nguyễn Văn Hùng"]) expect(html, s).toContain(s);
    // Outside the app layout: no navigation.
    expect(shown(html)).not.toContain("Đăng xuất");
  });
});

// Issue 14, item 9: NĐ 30/2020's "Nơi nhận" ends with "- Lưu: VT."; the report page warns otherwise.
describe("recipients", () => {
  it("warns when “Nơi nhận” does not end with “- Lưu: VT.”", async () => {
    const id = await createMonthly(director, "4");
    const ok = await (await director.fetch(`/o/tu-ky/reports/${id}`)).text();
    expect(ok).not.toContain('data-testid="recipients-warning"');
    const saved = await director.post(`/o/tu-ky/reports/${id}`, await editForm(id, { recipients: "- Đảng ủy xã (để báo cáo);\n- UBND xã (để báo cáo);" }));
    expect(saved.status).toBe(200);
    const warned = await (await director.fetch(`/o/tu-ky/reports/${id}`)).text();
    expect(warned).toContain("“Nơi nhận” chưa kết thúc bằng dòng “- Lưu: VT.”");
    await director.post(`/o/tu-ky/reports/${id}`, await editForm(id, { recipients: "- UBND xã (để báo cáo);\n- Lưu: VT, TTPVHCC." }));
    expect(await (await director.fetch(`/o/tu-ky/reports/${id}`)).text()).not.toContain('data-testid="recipients-warning"');
  });
});
