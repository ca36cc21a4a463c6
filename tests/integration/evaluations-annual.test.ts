import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runReminders } from "~/modules/notifications/reminders.server";
import { memberOf } from "../helpers/db";
import { signIn, startSignedIn, type Client, type TestServer } from "../helpers/server";

// The clock starts on Tuesday 10/03/2026 08:00 in Vietnam. The demo seed has February 2026
// finalised for 12 members of tu-ky (not the director, rated by the commune's chairman, nor Phan Thị
// Ngọc Ánh, still a draft) and March in draft for a few; January has no evaluations. So the 2026
// year rests on February alone. Đỗ Thị Hương (tuky.canbo03): February 64.1667 task points + 25.5.
let srv: TestServer;
let director: Client;

beforeEach(async () => ({ srv, client: director } = await startSignedIn("tuky.giamdoc")));
afterEach(() => srv.close());

const page = (id: string, period = "2026") => `/o/tu-ky/evaluations/${id}?period=${period}`;
const id = async (username: string) => (await memberOf(srv.db, username)).membershipId;
const annualRow = async (membershipId: string) =>
  srv.db.selectFrom("annual_evaluations").selectAll().where("membership_id", "=", membershipId).where("year", "=", 2026).executeTakeFirst();
const version = async (membershipId: string) => String((await annualRow(membershipId))?.version ?? 0);
/** The visible text of a page (tags and scripts removed, entities decoded, spaces collapsed). */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

function assessment(v: string, over: Record<string, string> = {}) {
  return {
    intent: "yearAssessment",
    period: "2026",
    version: v,
    political: "7,5",
    ethics: "7",
    ethicsNote: "Có lúc chưa kiên nhẫn khi giải thích cho người dân.",
    style: "6,5",
    styleNote: "Hồ sơ trình ký còn sai sót phải trả lại.",
    discipline: "6",
    disciplineNote: "Nộp báo cáo tháng chậm.",
    comment: "Ưu điểm: nắm chắc quy trình địa chính. Hạn chế: còn sai sót khi trình ký.",
    ...over,
  };
}

async function assessHuong(over: Record<string, string> = {}) {
  const huong = await id("tuky.canbo03");
  const res = await director.post(page(huong), assessment(await version(huong), over));
  expect(res.status, await res.clone().text()).toBe(200);
  return huong;
}

describe("the centre's year", () => {
  it("shows the year at ?period=2026: deadline, each member's figures from the finalised months, the bands and the 20% rule with its counts", async () => {
    const html = await (await director.fetch("/o/tu-ky/evaluations?period=2026")).text();
    const text = textOf(html);
    expect(text).toContain("Đánh giá, xếp loại chất lượng năm 2026");
    expect(text).toContain("Hạn xếp loại chất lượng năm 2026: trước ngày 15/12/2026 (còn 280 ngày).");
    for (const name of ["Hoàng Thị Lan", "Vũ Đức Minh", "Đỗ Thị Hương", "Phan Thị Ngọc Ánh", "Nguyễn Văn Hùng"]) expect(text).toContain(name);
    // Provisional figures from February: Hương 64,16 + 25,5 = 89,66 (rounded down once).
    expect(text).toMatch(/Đỗ Thị Hương .*?1\/12 tháng 89,66 64,16 25,5 dự kiến 89,66 Hoàn thành tốt nhiệm vụ/);
    // Six rated xuất sắc and six tốt (provisional): 20% of 6 allows 1.
    expect(text).toContain("Vượt tỷ lệ 20%: 6 người xuất sắc, trong khi 20% của 6 người hoàn thành tốt chỉ cho phép 1 người.");
    expect(text).toContain("Trong đó dự kiến (chưa chấm năm): 12");
    // The director's own year is rated by the superior body.
    expect(text).toMatch(/Nguyễn Văn Hùng Giám đốc Chưa xếp loại Cấp trên đánh giá/);
    // The periods' table: February's totals, March in draft.
    expect(text).toContain("chưa chốt");
  });

  it.each(["2026-13", "20x6", "2026-Q5", "năm"])("falls back to the current month for a malformed period (%s)", async (p) => {
    const text = textOf(await (await director.fetch(`/o/tu-ky/evaluations?period=${encodeURIComponent(p)}`)).text());
    expect(text).toContain("Tháng 03/2026");
    expect(text).not.toContain("xếp loại chất lượng năm");
  });

  it("says a year before the 100-point scale is rated outside the app, and refuses to save one", async () => {
    const text = textOf(await (await director.fetch("/o/tu-ky/evaluations?period=2025")).text());
    expect(text).toContain("Năm 2025 chưa áp dụng thang điểm 100");
    const huong = await id("tuky.canbo03");
    const res = await director.post(page(huong, "2025"), { ...assessment("0"), period: "2025" });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Thang điểm 100 chỉ áp dụng từ năm 2026");
    expect(await srv.db.selectFrom("annual_evaluations").select("id").execute()).toHaveLength(0);
  });
});

describe("the member's year", () => {
  it("saves the director's assessment: the year's general points with the task part from February give the total and band", async () => {
    const huong = await id("tuky.canbo03");
    const before = textOf(await (await director.fetch(page(huong))).text());
    expect(before).toContain("Bình quân tổng điểm các kỳ: 89,66");
    expect(before).toContain("Bình quân các kỳ: 7"); // the February points offered per criterion

    await assessHuong();
    const stored = await annualRow(huong);
    expect([stored?.status, stored?.political_points, stored?.style_points, stored?.discipline_note]).toEqual(["draft", 7.5, 6.5, "Nộp báo cáo tháng chậm."]);
    const after = textOf(await (await director.fetch(page(huong))).text());
    // 64.1667 + 27 = 91.1667: xuất sắc, shown 91,16 (64,16 + 27).
    expect(after).toContain("91,16");
    expect(after).toMatch(/Tổng điểm năm 91,16 Hoàn thành xuất sắc nhiệm vụ/);
    expect(after).toContain("Hồ sơ trình ký còn sai sót phải trả lại.");
    const audit = await srv.db.selectFrom("audit_log").select(["action", "details"]).where("action", "=", "evaluation.yearAssessed").execute();
    expect(audit).toHaveLength(1);
  });

  it("asks for a justification wherever points are taken off, beside the field, and stores nothing", async () => {
    const huong = await id("tuky.canbo03");
    const res = await director.post(page(huong), assessment("0", { styleNote: "" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Vui lòng nêu lý do trừ điểm");
    expect(await annualRow(huong)).toBeUndefined();
  });

  it("lets the director choose a lower band with a reason, never a higher one", async () => {
    const huong = await assessHuong({ chosenBand: "good", chosenBandNote: "Bảo đảm số xuất sắc không quá 20% số hoàn thành tốt." });
    const text = textOf(await (await director.fetch(page(huong))).text());
    expect(text).toContain("Lãnh đạo xếp loại thấp hơn mức theo điểm (Hoàn thành xuất sắc nhiệm vụ): Bảo đảm số xuất sắc");
    expect(text).toMatch(/Tổng điểm năm 91,16 Hoàn thành tốt nhiệm vụ/);

    // Bùi Văn Nam: February 58 task points; 26 general points → 84, tốt: xuất sắc is refused.
    const nam = await id("tuky.canbo04");
    const res = await director.post(
      page(nam),
      assessment("0", { ethics: "7", style: "6", discipline: "5,5", chosenBand: "excellent", chosenBandNote: "Thành tích đột xuất." }),
    );
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Chỉ chọn được mức không cao hơn mức theo điểm và các giới hạn (Hoàn thành tốt nhiệm vụ).");
    expect(await annualRow(nam)).toBeUndefined();
  });

  it("rates a member disciplined in the year 'Không hoàn thành nhiệm vụ', also when the discipline was recorded on a month", async () => {
    const nam = await id("tuky.canbo04");
    await srv.db.updateTable("evaluations").set({ disciplined: 1, disciplined_note: "Quyết định số 03/QĐ-UBND, khiển trách." }).where("membership_id", "=", nam).where("period", "=", "2026-02").execute();
    const text = textOf(await (await director.fetch(page(nam))).text());
    expect(text).toContain("Bị kỷ luật từ khiển trách trở lên trong năm: xếp loại “Không hoàn thành nhiệm vụ”.");
    expect(text).toContain("Kỷ luật được ghi nhận trong đánh giá Tháng 02/2026.");
    expect(text).toContain("Theo điểm số: Hoàn thành tốt nhiệm vụ.");
    const year = textOf(await (await director.fetch("/o/tu-ky/evaluations?period=2026")).text());
    expect(year).toMatch(/Bùi Văn Nam .*?Không hoàn thành nhiệm vụ/);
    expect(year).toContain("Không hoàn thành nhiệm vụ : 1");
  });

  it("caps a member away 3 to 6 months at 'Hoàn thành nhiệm vụ'", async () => {
    const huong = await assessHuong({ absent: "on", absentNote: "Nghỉ ốm từ 01/4 đến 15/8/2026." });
    const text = textOf(await (await director.fetch(page(huong))).text());
    expect(text).toMatch(/Tổng điểm năm 91,16 Hoàn thành nhiệm vụ/);
    expect(text).toContain("không xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên");
  });

  it("lets the member write a self-assessment and propose a band, which the director reads; only their own", async () => {
    const huong = await id("tuky.canbo03");
    const clerk = await signIn(srv, "tuky.canbo03");
    const res = await clerk.post(page(huong), {
      intent: "yearSelf",
      period: "2026",
      version: "0",
      text: "Hoàn thành việc được giao đúng hạn; còn phải sửa hồ sơ trình ký. Sẽ tự kiểm tra kỹ trước khi trình.",
      selfBand: "good",
    });
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain("Đã lưu tự đánh giá năm 2026 của bạn.");
    expect((await annualRow(huong))?.self_band).toBe("good");
    const seen = textOf(await (await director.fetch(page(huong))).text());
    expect(seen).toContain("Sẽ tự kiểm tra kỹ trước khi trình.");
    expect(seen).toContain("Tự xếp loại: Hoàn thành tốt nhiệm vụ");
    // Beyond the self-assessment, nobody evaluates themselves.
    expect((await clerk.post(page(huong), assessment(await version(huong)))).status).toBe(403);
    const own = await director.post(page(await id("tuky.giamdoc")), assessment("0"));
    expect(own.status).toBe(400);
    expect(textOf(await own.text())).toContain("Bạn không thể tự chấm điểm");
  });
});

describe("finalising the year", () => {
  it("needs the reason before December, then freezes the figures once: two directors' requests at once give one effect", async () => {
    const huong = await assessHuong();
    const v = await version(huong);
    const early = await director.post(page(huong), { intent: "yearFinalise", period: "2026", version: v });
    expect(early.status).toBe(400);
    expect(textOf(await early.text())).toContain("Chốt trước tháng 12: vui lòng ghi lý do");

    const form = { intent: "yearFinalise", period: "2026", version: v, earlyReason: "Chuyển công tác về UBND xã từ 01/4/2026." };
    const second = await signIn(srv, "tuky.giamdoc");
    const replies = await Promise.all([director.post(page(huong), form), second.post(page(huong), form)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = replies.find((r) => r.status === 400)!;
    expect(textOf(await refused.text())).toContain("Yêu cầu này đã được xử lý");

    const stored = await annualRow(huong);
    expect([stored?.status, stored?.band, stored?.early_reason]).toEqual(["finalised", "excellent", "Chuyển công tác về UBND xã từ 01/4/2026."]);
    expect(stored?.total).toBeCloseTo(91.1667, 4); // full precision
    expect(await srv.db.selectFrom("audit_log").select("id").where("action", "=", "evaluation.yearFinalised").execute()).toHaveLength(1);
    const told = await srv.db.selectFrom("notifications").select("params").where("membership_id", "=", huong).where("kind", "=", "annualFinalised").execute();
    expect(told).toHaveLength(1);

    // Locked: the assessment and the self-assessment are refused.
    const again = await director.post(page(huong), assessment(await version(huong), { political: "5", politicalNote: "Sửa lại." }));
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain("Xếp loại năm đã được chốt, không thể thay đổi.");
    const clerk = await signIn(srv, "tuky.canbo03");
    expect((await clerk.post(page(huong), { intent: "yearSelf", period: "2026", version: await version(huong), text: "Bổ sung." })).status).toBe(400);

    // Frozen: February's evaluation disappearing does not change the finalised year.
    await srv.db.deleteFrom("evaluations").where("membership_id", "=", huong).where("period", "=", "2026-02").execute();
    const text = textOf(await (await director.fetch(page(huong))).text());
    expect(text).toMatch(/Tổng điểm năm 91,16 Hoàn thành xuất sắc nhiệm vụ/);
    expect(text).toContain("Đã chốt lúc 10/03/2026");
    expect(text).toContain("Chốt trước tháng 12, lý do: Chuyển công tác về UBND xã từ 01/4/2026.");
  });

  it("is the director's alone: the deputy prepares the assessment but cannot finalise", async () => {
    const deputy = await signIn(srv, "tuky.phogiamdoc");
    const huong = await id("tuky.canbo03");
    expect((await deputy.post(page(huong), assessment("0"))).status).toBe(200);
    const res = await deputy.post(page(huong), { intent: "yearFinalise", period: "2026", version: await version(huong), earlyReason: "Thử chốt." });
    expect(res.status).toBe(403);
    expect((await annualRow(huong))?.status).toBe("draft");
    expect(textOf(await (await deputy.fetch(page(huong))).text())).toContain("Chỉ Giám đốc chốt xếp loại năm.");
  });

  it("refuses a year with no finalised month", async () => {
    const anh = await id("tuky.canbo07");
    expect((await director.post(page(anh), assessment("0"))).status).toBe(200);
    const res = await director.post(page(anh), { intent: "yearFinalise", period: "2026", version: await version(anh), earlyReason: "Nghỉ hưu." });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Chưa có tháng (hoặc quý) nào trong năm được chốt");
  });
});

describe("who sees what", () => {
  it("shows staff only their own year: another member's is 404, the leader's actions 403, no counts", async () => {
    const clerk = await signIn(srv, "tuky.canbo01");
    const lan = await id("tuky.canbo01");
    const minh = await id("tuky.canbo02");
    const list = textOf(await (await clerk.fetch("/o/tu-ky/evaluations?period=2026")).text());
    expect(list).toContain("Hoàng Thị Lan");
    expect(list).not.toContain("Vũ Đức Minh");
    expect(list).not.toContain("Tỷ lệ xuất sắc");
    expect(list).not.toContain("Vượt tỷ lệ 20%");
    expect((await clerk.fetch(page(lan))).status).toBe(200);
    expect((await clerk.fetch(page(minh))).status).toBe(404);
    expect((await clerk.fetch(`/o/tu-ky/evaluations/${minh}/annual.docx?year=2026`)).status).toBe(404);
    expect((await clerk.fetch("/o/tu-ky/evaluations/year.xlsx?year=2026")).status).toBe(403);
    expect((await clerk.post(page(minh), { intent: "yearSelf", period: "2026", version: "0", text: "Không phải của tôi." })).status).toBe(404);
    expect((await clerk.post(page(lan), assessment("0"))).status).toBe(403);
    expect((await clerk.post(page(lan), { intent: "yearFinalise", period: "2026", version: "0", earlyReason: "Tự chốt." })).status).toBe(403);
    expect(await srv.db.selectFrom("annual_evaluations").select("id").execute()).toHaveLength(0);
  });

  it("answers 404 for a member of another centre, even to that centre's director", async () => {
    const outsider = await signIn(srv, "anphu.giamdoc");
    const lan = await id("tuky.canbo01");
    expect((await outsider.fetch(page(lan))).status).toBe(404);
    expect((await outsider.fetch(`/o/an-phu/evaluations/${lan}?period=2026`)).status).toBe(404);
    expect((await outsider.fetch(`/o/an-phu/evaluations/${lan}/annual.docx?year=2026`)).status).toBe(404);
    expect((await outsider.post(`/o/an-phu/evaluations/${lan}?period=2026`, assessment("0"))).status).toBe(404);
    expect((await outsider.post(`/o/an-phu/evaluations/${lan}?period=2026`, { intent: "yearFinalise", period: "2026", version: "0", earlyReason: "x y z" })).status).toBe(404);
    const theirs = textOf(await (await outsider.fetch("/o/an-phu/evaluations?period=2026")).text());
    expect(theirs).not.toContain("Hoàng Thị Lan");
    expect(await srv.db.selectFrom("annual_evaluations").select("id").execute()).toHaveLength(0);
  });
});

describe("the documents", () => {
  async function docxText(res: Response) {
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    return { xml, text: [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n") };
  }

  it("gives the rating form in the official layout: a draft before finalising, the band once finalised", async () => {
    const huong = await assessHuong();
    const clerk = await signIn(srv, "tuky.canbo03");
    await clerk.post(page(huong), { intent: "yearSelf", period: "2026", version: await version(huong), text: "Hoàn thành việc được giao đúng hạn.", selfBand: "good" });

    const draft = await director.fetch(`/o/tu-ky/evaluations/${huong}/annual.docx?year=2026`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(draft.headers.get("content-disposition")).toContain('filename="phieu-xep-loai-2026-do-thi-huong.docx"');
    const d = await docxText(draft);
    for (const s of [
      "DỰ THẢO",
      "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC",
      "Năm 2026",
      "Đỗ Thị Hương",
      "I. KẾT QUẢ THEO DÕI, ĐÁNH GIÁ CÁC KỲ TRONG NĂM",
      "Tháng 02/2026",
      "89,66",
      "Bình quân",
      "II. ĐÁNH GIÁ TIÊU CHÍ CHUNG CỦA NĂM",
      "Đạo đức, lối sống",
      "Hồ sơ trình ký còn sai sót phải trả lại.",
      "- Tổng điểm: 91,16/100 điểm; theo điểm số: Hoàn thành xuất sắc nhiệm vụ.",
      "IV. TỰ NHẬN XÉT, TỰ XẾP LOẠI CỦA CÔNG CHỨC",
      "Hoàn thành việc được giao đúng hạn.",
      "Tự xếp loại chất lượng: Hoàn thành tốt nhiệm vụ.",
      "NGƯỜI TỰ ĐÁNH GIÁ",
      "V. NHẬN XÉT, ĐÁNH GIÁ CỦA CẤP CÓ THẨM QUYỀN",
      "Ưu điểm: nắm chắc quy trình địa chính. Hạn chế: còn sai sót khi trình ký.",
      "GIÁM ĐỐC",
    ]) {
      expect(d.text, s).toContain(s);
    }
    // NĐ 30/2020 page: Times New Roman, A4 portrait with its margins.
    expect(d.xml).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    expect(d.xml).toContain('w:w="11906" w:h="16838"');
    expect(d.xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);

    await director.post(page(huong), { intent: "yearFinalise", period: "2026", version: await version(huong), earlyReason: "Chuyển công tác." });
    const final = await docxText(await director.fetch(`/o/tu-ky/evaluations/${huong}/annual.docx?year=2026`));
    expect(final.text).not.toContain("DỰ THẢO");
    expect(final.text).toContain("HOÀN THÀNH XUẤT SẮC NHIỆM VỤ");
    expect(final.text).toContain("Tứ Kỳ, ngày 10 tháng 3 năm 2026");
    expect(final.text).toContain("Nguyễn Văn Hùng");
  });

  it("exports the centre's year as a spreadsheet: one row per member with each month's result, the year's score and band", async () => {
    await assessHuong();
    const res = await director.fetch("/o/tu-ky/evaluations/year.xlsx?year=2026");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain('filename="xep-loai-nam-2026.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A1").value).toBe("Trung tâm Phục vụ hành chính công xã Tứ Kỳ");
    expect(ws.getCell("A2").value).toBe("Tổng hợp đánh giá, xếp loại chất lượng năm 2026");
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(["STT", "Họ và tên", "Vị trí việc làm", "Tháng 1", "Tháng 2"]);
    const col = (name: string) => header.indexOf(name) + 1;
    for (const name of ["Quý 4", "Số kỳ tính", "Tổng điểm năm", "Xếp loại năm", "Dự kiến", "Trạng thái"]) expect(col(name), name).toBeGreaterThan(0);
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row, n) => {
      if (n > 4) rows.push(row);
    });
    expect(rows).toHaveLength(14); // every member of tu-ky
    const huong = rows.find((r) => r.getCell(2).value === "Đỗ Thị Hương")!;
    expect(huong.getCell(col("Tháng 1")).value).toBeNull();
    expect(huong.getCell(col("Tháng 2")).value).toBe(89.66); // a number, as displayed
    expect(huong.getCell(col("Số kỳ tính")).value).toBe(1);
    expect(huong.getCell(col("Tổng điểm năm")).value).toBe(91.16);
    expect(huong.getCell(col("Xếp loại năm")).value).toBe("Hoàn thành xuất sắc nhiệm vụ");
    expect(huong.getCell(col("Dự kiến")).value).toBeNull(); // an empty cell
    const lan = rows.find((r) => r.getCell(2).value === "Hoàng Thị Lan")!;
    expect([lan.getCell(col("Tổng điểm năm")).value, lan.getCell(col("Dự kiến")).value]).toEqual([99.5, "Có"]);
    const hung = rows.find((r) => r.getCell(2).value === "Nguyễn Văn Hùng")!;
    expect(hung.getCell(col("Trạng thái")).value).toBe("Cấp trên đánh giá");
  });
});

describe("December reminders", () => {
  const annualDue = (membershipId: string) =>
    srv.db.selectFrom("notifications").select(["dedupe_key", "link"]).where("membership_id", "=", membershipId).where("kind", "=", "annualDue").execute();

  it("on 01/12 reminds the director and the deputy once per member not finalised; a second run sends nothing; 10/12 reminds again", async () => {
    const director = await id("tuky.giamdoc");
    const deputy = await id("tuky.phogiamdoc");
    // Hương's year is finalised beforehand: no reminder about her.
    const huong = await assessHuong();
    const client = await signIn(srv, "tuky.giamdoc");
    expect((await client.post(page(huong), { intent: "yearFinalise", period: "2026", version: await version(huong), earlyReason: "Chuyển công tác." })).status).toBe(200);

    expect(await runReminders(srv.db, new Date("2026-11-30T01:00:00Z"))).toBeGreaterThanOrEqual(0);
    expect(await annualDue(director)).toHaveLength(0);

    const december = new Date("2026-12-01T01:00:00Z"); // 08:00 on 01/12 in Vietnam
    await runReminders(srv.db, december);
    // 14 members; not Hương (finalised), not the director himself (rated by the superior body).
    const first = await annualDue(director);
    expect(first).toHaveLength(12);
    expect(first.every((n) => n.dedupe_key!.startsWith("annual:2026:12-01:"))).toBe(true);
    expect(first.some((n) => n.link.endsWith(`/evaluations/${huong}?period=2026`))).toBe(false);
    // The deputy: the same members but herself.
    expect(await annualDue(deputy)).toHaveLength(11);
    const text = await srv.db.selectFrom("notifications").select("params").where("membership_id", "=", director).where("kind", "=", "annualDue").executeTakeFirstOrThrow();
    expect(JSON.parse(text.params)).toMatchObject({ year: 2026, deadline: "15/12/2026" });
    // Staff get none.
    expect(await annualDue(await id("tuky.canbo01"))).toHaveLength(0);

    // Run again the same day (and a few days later): still one per member.
    await runReminders(srv.db, new Date("2026-12-01T09:00:00Z"));
    await runReminders(srv.db, new Date("2026-12-05T01:00:00Z"));
    expect(await annualDue(director)).toHaveLength(12);

    await runReminders(srv.db, new Date("2026-12-10T01:00:00Z"));
    const both = await annualDue(director);
    expect(both).toHaveLength(24);
    expect(both.filter((n) => n.dedupe_key!.startsWith("annual:2026:12-10:"))).toHaveLength(12);
  });
});
