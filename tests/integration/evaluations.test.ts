import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { evaluationBands, evaluationFor } from "~/modules/evaluation/evaluation.server";
import { memberOf } from "../helpers/db";
import { signIn, startSignedIn, shown, type Client, type TestServer } from "../helpers/server";

// The clock starts on Tuesday 10/03/2026 08:00 in Vietnam. The demo seed has February 2026
// finalised for most of tu-ky and March in draft for a few; January has no evaluations yet.
// Bùi Văn Nam (tuky.canbo04) had one task due in January, accepted late (one delay).
let srv: TestServer;
let director: Client;

beforeEach(async () => ({ srv, client: director } = await startSignedIn("tuky.giamdoc")));
afterEach(() => srv.close());

const page = (id: string, period: string) => `/o/tu-ky/evaluations/${id}?period=${period}`;
const row = (membershipId: string, period: string) =>
  srv.db.selectFrom("evaluations").selectAll().where("membership_id", "=", membershipId).where("period", "=", period).executeTakeFirst();
const version = async (membershipId: string, period: string) => String((await row(membershipId, period))?.version ?? 0);

function generalForm(period: string, v: string, over: Record<string, string> = {}) {
  return {
    intent: "general",
    period,
    version: v,
    political: "7,5",
    ethics: "7",
    ethicsNote: "Có lúc chưa kiên nhẫn khi giải thích cho người dân.",
    style: "6",
    styleNote: "Đi muộn 02 lần trong tháng.",
    discipline: "6,5",
    disciplineNote: "Nộp báo cáo tháng chậm 01 ngày.",
    ...over,
  };
}

async function scoreNam(period = "2026-01") {
  const nam = (await memberOf(srv.db, "tuky.canbo04")).membershipId;
  const res = await director.post(page(nam, period), generalForm(period, await version(nam, period)));
  expect(res.status).toBe(200);
  return nam;
}

describe("scoring a member", () => {
  it("computes the task part from the tasks due, and the director's general points give the total and band", async () => {
    const nam = (await memberOf(srv.db, "tuky.canbo04")).membershipId;
    const before = await (await director.fetch(page(nam, "2026-01"))).text();
    expect(before).toContain("Bùi Văn Nam");
    expect(before).toContain("Chậm hạn 1 lần: 100% − 25% = 75%");
    expect(before).toContain("Tiến độ: 75% × 33,33% × 70 = 17,5 điểm");
    // 64.1667, shown rounded down; the shown parts (23.33 + 23.33 + 17.5) add up to it.
    expect(before).toContain("Cộng: 64,16/70 điểm");
    expect(before).toContain("Chưa đủ căn cứ");

    await scoreNam();
    const after = await (await director.fetch(page(nam, "2026-01"))).text();
    // 64.1667 + (7.5 + 7 + 6 + 6.5) = 91.1667, shown 91,16 (64,16 + 27)
    expect(after).toContain("91,16");
    expect(after).toContain("Hoàn thành xuất sắc nhiệm vụ");
    expect(after).toContain("Đi muộn 02 lần trong tháng.");
    const stored = await row(nam, "2026-01");
    expect([stored?.status, stored?.political_points, stored?.style_points]).toEqual(["draft", 7.5, 6]);

    const list = await (await director.fetch("/o/tu-ky/evaluations?period=2026-01")).text();
    expect(list).toContain("91,16");
    expect(list).toContain("Hoàng Thị Lan");
  });

  it("asks for a justification wherever points are taken off, beside the field", async () => {
    const nam = (await memberOf(srv.db, "tuky.canbo04")).membershipId;
    const res = await director.post(page(nam, "2026-01"), generalForm("2026-01", "0", { styleNote: "" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Vui lòng nêu lý do trừ điểm");
    expect(await row(nam, "2026-01")).toBeUndefined();
  });

  it("lets the member write a self-assessment, which the director then reads", async () => {
    const nam = await scoreNam();
    const clerk = await signIn(srv, "tuky.canbo04");
    const res = await clerk.post(page(nam, "2026-01"), {
      intent: "self",
      period: "2026-01",
      version: await version(nam, "2026-01"),
      text: "Đã hoàn thành việc rà soát hồ sơ chính sách nhưng chậm hạn; sẽ báo cáo sớm khi có vướng mắc.",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã lưu tự đánh giá của bạn.");
    expect(await (await director.fetch(page(nam, "2026-01"))).text()).toContain("sẽ báo cáo sớm khi có vướng mắc");
  });

  it("refuses a stale form instead of overwriting another leader's points", async () => {
    const nam = await scoreNam();
    const stale = await director.post(page(nam, "2026-01"), generalForm("2026-01", "0", { political: "5", politicalNote: "Thử ghi đè." }));
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("Đánh giá vừa được người khác cập nhật");
    expect((await row(nam, "2026-01"))?.political_points).toBe(7.5);
  });

  it("does not let a leader score their own evaluation", async () => {
    const me = (await memberOf(srv.db, "tuky.giamdoc")).membershipId;
    const res = await director.post(page(me, "2026-01"), generalForm("2026-01", "0"));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Bạn không thể tự chấm điểm");
  });

  it("takes task points from regular duties for a period with no task due, then finalises it", async () => {
    const thang = (await memberOf(srv.db, "tuky.kiemtra")).membershipId;
    const empty = await (await director.fetch(page(thang, "2026-01"))).text();
    expect(empty).toContain("Không có công việc nào đến hạn trong kỳ.");
    expect(empty).toContain("không mặc nhiên được đủ 70 điểm, cũng không bị 0 điểm");

    await director.post(page(thang, "2026-01"), generalForm("2026-01", "0"));
    const refused = await director.post(page(thang, "2026-01"), { intent: "finalise", confirm: "on", period: "2026-01", version: await version(thang, "2026-01") });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("vui lòng chấm điểm kết quả thực hiện nhiệm vụ trước khi chốt");

    const scored = await director.post(
      page(thang, "2026-01"),
      generalForm("2026-01", await version(thang, "2026-01"), { manualTaskPoints: "60", manualTaskNote: "Kiểm tra công vụ 04 buổi; tiếp nhận hồ sơ hộ tịch đúng hạn." }),
    );
    expect(scored.status).toBe(200);
    const done = await director.post(page(thang, "2026-01"), { intent: "finalise", confirm: "on", period: "2026-01", version: await version(thang, "2026-01") });
    expect(done.status).toBe(200);
    const stored = await row(thang, "2026-01");
    expect([stored?.status, stored?.total, stored?.band]).toEqual(["finalised", 87, "good"]);
  });

  it("overrides the band for a member disciplined in the year, also in the later months", async () => {
    const nam = (await memberOf(srv.db, "tuky.canbo04")).membershipId;
    const res = await director.post(
      page(nam, "2026-01"),
      generalForm("2026-01", "0", { disciplined: "on", disciplinedNote: "Quyết định số 03/QĐ-UBND ngày 20/01/2026, hình thức khiển trách." }),
    );
    expect(res.status).toBe(200);
    const jan = await (await director.fetch(page(nam, "2026-01"))).text();
    expect(jan).toContain("Không hoàn thành nhiệm vụ");
    expect(jan).toContain("Theo điểm số: Hoàn thành xuất sắc nhiệm vụ.");
    const march = await evaluationFor(srv.db, (await memberOf(srv.db, "tuky.canbo04")).orgId, nam, "2026-03", srv.clock.now());
    expect([march?.disciplined, march?.disciplinedIn, march?.result.band]).toEqual([true, "2026-01", "failed"]);
  });
});

describe("finalising", () => {
  it("locks the evaluation: later changes are refused in Vietnamese and task changes no longer alter it", async () => {
    const nam = await scoreNam();
    const fin = await director.post(page(nam, "2026-01"), { intent: "finalise", confirm: "on", period: "2026-01", version: await version(nam, "2026-01") });
    expect(fin.status).toBe(200);
    expect(await fin.text()).toContain("Đã chốt kết quả đánh giá của Bùi Văn Nam");
    const stored = await row(nam, "2026-01");
    expect([stored?.status, stored?.band]).toEqual(["finalised", "excellent"]);
    expect(stored?.total).toBeCloseTo(91.1667, 4); // stored at full precision

    const again = await director.post(page(nam, "2026-01"), generalForm("2026-01", await version(nam, "2026-01"), { political: "5", politicalNote: "Sửa lại." }));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Kết quả đánh giá kỳ này đã được chốt, không thể thay đổi.");
    const clerk = await signIn(srv, "tuky.canbo04");
    const self = await clerk.post(page(nam, "2026-01"), { intent: "self", period: "2026-01", version: await version(nam, "2026-01"), text: "Bổ sung tự đánh giá." });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain("Kết quả đánh giá kỳ này đã được chốt");

    // The January task is corrected afterwards (now on time) and the weights change: the live
    // arithmetic would now give 70 task points, the finalised evaluation keeps 64.17.
    const orgId = (await memberOf(srv.db, "tuky.canbo04")).orgId;
    await srv.db
      .updateTable("tasks")
      .set({ timeliness: "on_time", timeliness_original: "on_time" })
      .where("assignee_id", "=", nam)
      .where("deadline_date", ">=", "2026-01-01")
      .where("deadline_date", "<=", "2026-01-31")
      .execute();
    const admin = await signIn(srv, "tuky.admin");
    expect((await admin.post("/o/tu-ky/evaluations", { intent: "weights", quantity: "1", quality: "0", timeliness: "3" })).status).toBe(200);
    const after = await (await director.fetch(page(nam, "2026-01"))).text();
    expect(after).toContain("91,16");
    expect(after).toContain("Cộng: 64,16/70 điểm");
    expect(after).toContain("Đã chốt lúc");
    expect((await row(nam, "2026-01"))?.total).toBeCloseTo(91.1667, 4);
    // Without the frozen figures, the same data now gives 70: the test would see a recomputation.
    const frozen = await evaluationFor(srv.db, orgId, nam, "2026-01", srv.clock.now());
    expect(frozen?.task.points).toBeCloseTo(64.1667, 4);
    await srv.db.deleteFrom("evaluations").where("membership_id", "=", nam).where("period", "=", "2026-01").execute();
    expect((await evaluationFor(srv.db, orgId, nam, "2026-01", srv.clock.now()))?.task.points).toBe(70);
  });

  it("waits for the period's last day", async () => {
    // Vũ Đức Minh's only March task is overdue (nothing pending) and the deputy has scored him.
    const minh = (await memberOf(srv.db, "tuky.canbo02")).membershipId;
    const early = await director.post(page(minh, "2026-03"), { intent: "finalise", confirm: "on", period: "2026-03", version: await version(minh, "2026-03") });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Kỳ đánh giá chưa kết thúc: chỉ chốt được từ ngày cuối kỳ (31/03/2026).");
    srv.clock.current = new Date("2026-03-31T02:00:00Z"); // 09:00 on Tuesday 31/03
    await director.login("tuky.giamdoc");
    const res = await director.post(page(minh, "2026-03"), { intent: "finalise", confirm: "on", period: "2026-03", version: await version(minh, "2026-03") });
    expect(res.status).toBe(200);
    const stored = await row(minh, "2026-03");
    // 0 task points (the one task due is overdue) + 26.5 → Không hoàn thành nhiệm vụ.
    expect([stored?.status, stored?.total, stored?.band]).toEqual(["finalised", 26.5, "failed"]);
  });

  it("waits for tasks still undecided in the period", async () => {
    // Phan Thị Ngọc Ánh's March task was submitted and waits for approval.
    const anh = (await memberOf(srv.db, "tuky.canbo07")).membershipId;
    await director.post(page(anh, "2026-03"), generalForm("2026-03", await version(anh, "2026-03")));
    const res = await director.post(page(anh, "2026-03"), { intent: "finalise", confirm: "on", period: "2026-03", version: await version(anh, "2026-03") });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Còn \d+ công việc của kỳ chưa đến hạn hoặc đang chờ duyệt kết quả/);
  });
});

describe("the centre's list", () => {
  it("shows every member with the 20% warning when xuất sắc exceeds 20% of tốt", async () => {
    const html = await (await director.fetch("/o/tu-ky/evaluations?period=2026-02")).text();
    for (const name of ["Hoàng Thị Lan", "Vũ Đức Minh", "Phan Thị Ngọc Ánh", "Lê Văn Thắng", "Phạm Minh Quân"]) expect(html).toContain(name);
    expect(html).toContain("vượt quá 20% số người “Hoàn thành tốt nhiệm vụ”");
    const orgId = (await memberOf(srv.db, "tuky.giamdoc")).orgId;
    const bands = await evaluationBands(srv.db, orgId, "2026-02", srv.clock.now());
    expect(bands?.capWarning).not.toBeNull();
    expect(bands!.excellent).toBeGreaterThan(bands!.good / 5);
    expect(bands!.finalised).toBeGreaterThanOrEqual(10);
  });

  it("defaults to the current month and ignores a malformed period", async () => {
    const html = await (await director.fetch("/o/tu-ky/evaluations?period=2026-13")).text();
    expect(html).toContain("Tháng 03/2026");
  });

  it("lets an admin or the director set the weights, not staff", async () => {
    const clerk = await signIn(srv, "tuky.canbo01");
    expect((await clerk.post("/o/tu-ky/evaluations", { intent: "weights", quantity: "1", quality: "1", timeliness: "2" })).status).toBe(403);
    const bad = await director.post("/o/tu-ky/evaluations", { intent: "weights", quantity: "0", quality: "0", timeliness: "0" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Ít nhất một thành phần phải có trọng số lớn hơn 0.");
    expect((await director.post("/o/tu-ky/evaluations", { intent: "weights", quantity: "2", quality: "1", timeliness: "1" })).status).toBe(200);
    const nam = (await memberOf(srv.db, "tuky.canbo04")).membershipId;
    // In force from today: January (over) keeps equal thirds; the running month uses 50/25/25.
    expect(await (await director.fetch(page(nam, "2026-01"))).text()).toContain("Cộng: 64,16/70 điểm");
    const march = await (await director.fetch("/o/tu-ky/evaluations?period=2026-03")).text();
    expect(march).toContain("Trọng số của Trung tâm: số lượng 50%, chất lượng 25%, tiến độ 25%.");
    const january = await (await director.fetch("/o/tu-ky/evaluations?period=2026-01")).text();
    expect(january).toContain("Trọng số của Trung tâm: số lượng 33,33%, chất lượng 33,33%, tiến độ 33,33%.");
  });
});

describe("who sees what", () => {
  it("shows staff only their own evaluation: another member's is 404 and manage actions are 403", async () => {
    const clerk = await signIn(srv, "tuky.canbo01");
    const lan = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
    const minh = (await memberOf(srv.db, "tuky.canbo02")).membershipId;

    const list = await (await clerk.fetch("/o/tu-ky/evaluations?period=2026-02")).text();
    expect(list).toContain("Hoàng Thị Lan");
    expect(list).not.toContain("Vũ Đức Minh");
    expect(shown(list)).not.toContain("vượt quá 20%");
    expect((await clerk.fetch(page(lan, "2026-02"))).status).toBe(200);
    expect((await clerk.fetch(page(minh, "2026-02"))).status).toBe(404);
    expect((await clerk.post(page(minh, "2026-03"), { intent: "self", period: "2026-03", version: "0", text: "Không phải của tôi." })).status).toBe(404);

    expect((await clerk.post(page(lan, "2026-03"), generalForm("2026-03", await version(lan, "2026-03")))).status).toBe(403);
    expect((await clerk.post(page(lan, "2026-03"), { intent: "finalise", confirm: "on", period: "2026-03", version: await version(lan, "2026-03") })).status).toBe(403);
    expect((await row(lan, "2026-03"))?.status).toBe("draft");
  });

  it("answers 404 for a member of another centre, even to that centre's director", async () => {
    const outsider = await signIn(srv, "anphu.giamdoc");
    const lan = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
    expect((await outsider.fetch(page(lan, "2026-02"))).status).toBe(404);
    expect((await outsider.fetch(`/o/an-phu/evaluations/${lan}?period=2026-02`)).status).toBe(404);
    expect((await outsider.post(`/o/an-phu/evaluations/${lan}?period=2026-02`, generalForm("2026-02", "0"))).status).toBe(404);
  });

  it("shows the inspector (also staff) only their own", async () => {
    const inspector = await signIn(srv, "tuky.kiemtra");
    const lan = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
    expect((await inspector.fetch(page(lan, "2026-02"))).status).toBe(404);
  });
});
