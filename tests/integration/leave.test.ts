import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approvedLeaveOn, leaveBalance } from "~/modules/leave/leave.server";
import { unavailableDates } from "~/modules/rosters/availability.server";
import { memberOf } from "../helpers/db";
import { signIn, startSignedIn, shown, type Client, type TestServer } from "../helpers/server";

// The clock starts on Tuesday 10/03/2026 08:00 in Vietnam. Demo leave (demo/seed/leave.ts): Vũ Đức
// Minh (tuky.canbo02, 13 days a year) has annual leave 19–20/03 pending; Trịnh Thị Hà
// (tuky.canbo09) is on annual leave 10–11/03; Lý Văn Dũng (tuky.canbo08) has none.
let srv: TestServer;
let director: Client;
const PAGE = "/o/tu-ky/leave";

beforeEach(async () => ({ srv, client: director } = await startSignedIn("tuky.giamdoc")));
afterEach(() => srv.close());

const as = (username: string) => signIn(srv, username);

const requestForm = (form: Record<string, string>) => ({ intent: "request", kind: "annual", part: "full", reason: "Việc gia đình", ...form });

const requestsOf = async (username: string) => {
  const m = await memberOf(srv.db, username);
  return srv.db.selectFrom("leave_requests").selectAll().where("membership_id", "=", m.membershipId).orderBy("created_at").execute();
};

const balanceOf = async (username: string) => {
  const m = await memberOf(srv.db, username);
  return leaveBalance(srv.db, m.orgId, m.membershipId, 2026);
};

describe("requesting leave and the leaders' decision", () => {
  it("shows a new request as pending; a leader approves it and the balance drops", async () => {
    const dung = await as("tuky.canbo08");
    const before = await (await dung.fetch(PAGE)).text();
    expect(before).toContain("Phép năm 2026");
    expect(before).toContain("Bạn chưa có đơn nghỉ nào.");
    expect(shown(before)).not.toContain("Đơn chờ duyệt"); // staff do not decide

    // Mon 23/03 – Fri 27/03: five working days.
    const res = await dung.post(PAGE, requestForm({ startDate: "2026-03-23", endDate: "2026-03-27", reason: "Đưa gia đình đi nghỉ hè sớm" }));
    expect(res.status).toBe(200);
    const [row] = await requestsOf("tuky.canbo08");
    expect(row).toMatchObject({ kind: "annual", start_date: "2026-03-23", end_date: "2026-03-27", part: "full", days: 5, status: "pending" });
    const mine = await (await dung.fetch(PAGE)).text();
    expect(mine).toContain("Đưa gia đình đi nghỉ hè sớm");
    expect(mine).toContain("Chờ duyệt");
    expect(mine).toContain("23/03/2026 – 27/03/2026");
    expect(await balanceOf("tuky.canbo08")).toMatchObject({ entitlement: 12, taken: 0, pending: 5, remaining: 12, available: 7 });

    const leaderPage = await (await director.fetch(PAGE)).text();
    expect(leaderPage).toContain("Đơn chờ duyệt");
    expect(leaderPage).toContain("Lý Văn Dũng");
    expect(leaderPage).toContain("Vũ Đức Minh"); // the seeded pending request
    const ok = await director.post(PAGE, { intent: "approve", id: row!.id, note: "Đồng ý, bàn giao hồ sơ cho đồng chí Sơn." });
    expect(ok.status).toBe(200);

    expect(await balanceOf("tuky.canbo08")).toMatchObject({ taken: 5, pending: 0, remaining: 7 });
    const after = await (await dung.fetch(PAGE)).text();
    expect(after).toContain("Đã duyệt");
    expect(after).toContain("Ý kiến: Đồng ý, bàn giao hồ sơ cho đồng chí Sơn.");
    expect(after).toContain("Nguyễn Văn Hùng");
    const audits = await srv.db.selectFrom("audit_log").select("action").where("entity_id", "=", row!.id).orderBy("created_at").execute();
    expect(audits.map((a) => a.action)).toEqual(["leave.requested", "leave.approved"]);
  });

  it("answers 403 when staff try to approve or refuse", async () => {
    const [pending] = await requestsOf("tuky.canbo02");
    const lan = await as("tuky.canbo01");
    expect((await lan.post(PAGE, { intent: "approve", id: pending!.id })).status).toBe(403);
    expect((await lan.post(PAGE, { intent: "refuse", id: pending!.id, note: "Không đồng ý" })).status).toBe(403);
    const inspector = await as("tuky.kiemtra");
    expect((await inspector.post(PAGE, { intent: "approve", id: pending!.id })).status).toBe(403);
    expect((await requestsOf("tuky.canbo02"))[0]!.status).toBe("pending");
  });

  it("needs a reason to refuse, and shows the refusal and its note to the member", async () => {
    const [pending] = await requestsOf("tuky.canbo02");
    const deputy = await as("tuky.phogiamdoc");
    const bare = await deputy.post(PAGE, { intent: "refuse", id: pending!.id, note: "" });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain("Vui lòng nêu lý do không duyệt.");
    expect((await deputy.post(PAGE, { intent: "refuse", id: pending!.id, note: "Trùng đợt kiểm tra công vụ của tỉnh." })).status).toBe(200);
    const minh = await as("tuky.canbo02");
    const page = await (await minh.fetch(PAGE)).text();
    expect(page).toContain("Không duyệt");
    expect(page).toContain("Trùng đợt kiểm tra công vụ của tỉnh.");
    // Decided once: a second decision is refused beside the note.
    const again = await director.post(PAGE, { intent: "approve", id: pending!.id });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Yêu cầu này đã được xử lý.");
  });

  it("does not let a leader decide their own request", async () => {
    expect((await director.post(PAGE, requestForm({ startDate: "2026-03-26", endDate: "2026-03-26" }))).status).toBe(200);
    const [own] = await requestsOf("tuky.giamdoc");
    const res = await director.post(PAGE, { intent: "approve", id: own!.id });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Bạn không thể tự duyệt đơn của mình");
    const deputy = await as("tuky.phogiamdoc");
    expect((await deputy.post(PAGE, { intent: "approve", id: own!.id })).status).toBe(200);
  });

  it("shows leaders who is on leave today", async () => {
    const page = await (await director.fetch(PAGE)).text();
    expect(page).toContain("Nghỉ hôm nay (10/03/2026)");
    expect(page).toContain("Trịnh Thị Hà");
    expect(page).toContain("đến hết 11/03/2026");
  });
});

describe("what a request may not do", () => {
  it("refuses a range that overlaps the member's own pending or approved leave", async () => {
    const minh = await as("tuky.canbo02");
    const res = await minh.post(PAGE, requestForm({ kind: "sick", startDate: "2026-03-20", endDate: "2026-03-23" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Trùng với đơn nghỉ khác của bạn (19/03/2026–20/03/2026)");
    expect(await requestsOf("tuky.canbo02")).toHaveLength(1);
    // A morning and an afternoon of the same day are two separate requests.
    expect((await minh.post(PAGE, requestForm({ kind: "personal_paid", startDate: "2026-03-12", endDate: "2026-03-12", part: "morning" }))).status).toBe(200);
    expect((await minh.post(PAGE, requestForm({ kind: "sick", startDate: "2026-03-12", endDate: "2026-03-12", part: "afternoon" }))).status).toBe(200);
    const third = await minh.post(PAGE, requestForm({ kind: "sick", startDate: "2026-03-12", endDate: "2026-03-12", part: "morning" }));
    expect(third.status).toBe(400);
    // Somebody else's leave on those dates is no obstacle.
    const dung = await as("tuky.canbo08");
    expect((await dung.post(PAGE, requestForm({ startDate: "2026-03-19", endDate: "2026-03-20" }))).status).toBe(200);
  });

  it("refuses annual leave over the remaining balance, pending requests included", async () => {
    const dung = await as("tuky.canbo08");
    // 16/03 – 01/04 is 13 working days; Dũng has 12.
    const over = await dung.post(PAGE, requestForm({ startDate: "2026-03-16", endDate: "2026-04-01" }));
    expect(over.status).toBe(400);
    expect(await over.text()).toContain("Vượt quá số ngày phép năm còn lại: bạn chỉ còn 12 ngày");
    // Other kinds of leave do not use the annual balance.
    expect((await dung.post(PAGE, requestForm({ kind: "business", startDate: "2026-03-16", endDate: "2026-04-01" }))).status).toBe(200);
    // Hương: 14 days (11 years of service), 3 taken in January; 10.5 more pending leaves half a day.
    const d = await as("tuky.canbo03");
    expect(await balanceOf("tuky.canbo03")).toMatchObject({ entitlement: 14, taken: 3, remaining: 11 });
    expect((await d.post(PAGE, requestForm({ startDate: "2026-04-06", endDate: "2026-04-17" }))).status).toBe(200); // 10 days
    expect((await d.post(PAGE, requestForm({ startDate: "2026-04-20", endDate: "2026-04-20", part: "morning" }))).status).toBe(200);
    const last = await d.post(PAGE, requestForm({ startDate: "2026-04-21", endDate: "2026-04-21" }));
    expect(last.status).toBe(400);
    expect(await last.text()).toContain("bạn chỉ còn 0,5 ngày");
    expect((await d.post(PAGE, requestForm({ startDate: "2026-04-21", endDate: "2026-04-21", part: "afternoon" }))).status).toBe(200);
  });

  it("refuses a range with no working day, a half day over several dates and annual leave across the year end", async () => {
    const dung = await as("tuky.canbo08");
    const weekend = await dung.post(PAGE, requestForm({ startDate: "2026-03-14", endDate: "2026-03-15" }));
    expect(weekend.status).toBe(400);
    expect(await weekend.text()).toContain("Khoảng thời gian này không có ngày làm việc nào");
    const holiday = await dung.post(PAGE, requestForm({ startDate: "2026-04-30", endDate: "2026-05-01" }));
    expect(holiday.status).toBe(400);
    const half = await dung.post(PAGE, requestForm({ startDate: "2026-03-16", endDate: "2026-03-17", part: "afternoon" }));
    expect(half.status).toBe(400);
    expect(await half.text()).toContain("Chỉ chọn nghỉ nửa ngày khi “Từ ngày” và “Đến ngày” là cùng một ngày.");
    const year = await dung.post(PAGE, requestForm({ startDate: "2026-12-30", endDate: "2027-01-04" }));
    expect(year.status).toBe(400);
    expect(await year.text()).toContain("Phép năm tính theo từng năm");
    const noReason = await dung.post(PAGE, requestForm({ startDate: "2026-03-16", endDate: "2026-03-16", reason: "" }));
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Vui lòng nêu lý do nghỉ");
    expect(await requestsOf("tuky.canbo08")).toHaveLength(0);
  });

  it("lets the member cancel a pending request, only their own and only while pending", async () => {
    const [pending] = await requestsOf("tuky.canbo02");
    const lan = await as("tuky.canbo01");
    expect((await lan.post(PAGE, { intent: "cancel", id: pending!.id })).status).toBe(403);
    const minh = await as("tuky.canbo02");
    expect((await minh.post(PAGE, { intent: "cancel", id: pending!.id })).status).toBe(200);
    expect((await requestsOf("tuky.canbo02"))[0]!.status).toBe("cancelled");
    expect(await (await minh.fetch(PAGE)).text()).toContain("Đã hủy");
    const again = await minh.post(PAGE, { intent: "cancel", id: pending!.id });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Đơn này đã được xử lý hoặc đã hủy.");
    // The cancelled days are free again.
    expect((await minh.post(PAGE, requestForm({ startDate: "2026-03-19", endDate: "2026-03-20" }))).status).toBe(200);
    expect((await minh.post(PAGE, { intent: "cancel", id: "no-such-request" })).status).toBe(404);
  });

  it("keeps each centre's requests to itself", async () => {
    const [pending] = await requestsOf("tuky.canbo02");
    const bich = await as("anphu.giamdoc");
    expect((await bich.post("/o/an-phu/leave", { intent: "approve", id: pending!.id })).status).toBe(404);
    expect(await (await bich.fetch("/o/an-phu/leave")).text()).not.toContain("Vũ Đức Minh");
    expect((await requestsOf("tuky.canbo02"))[0]!.status).toBe("pending");
  });
});

describe("approved leave for other modules", () => {
  it("lists every calendar date covered, weekends included, with the part of the day", async () => {
    const { orgId } = await memberOf(srv.db, "tuky.giamdoc");
    const days = await approvedLeaveOn(srv.db, orgId, "2026-03-01", "2026-03-31");
    const ha = (await memberOf(srv.db, "tuky.canbo09")).membershipId;
    const toan = (await memberOf(srv.db, "tuky.canbo06")).membershipId;
    expect(days).toEqual(
      expect.arrayContaining([
        { membershipId: toan, date: "2026-03-05", kind: "annual", part: "morning" },
        { membershipId: ha, date: "2026-03-10", kind: "annual", part: "full" },
        { membershipId: ha, date: "2026-03-11", kind: "annual", part: "full" },
      ]),
    );
    // Pending and refused requests are not leave.
    const minh = (await memberOf(srv.db, "tuky.canbo02")).membershipId;
    expect(days.some((d) => d.membershipId === minh)).toBe(false);
    expect(await approvedLeaveOn(srv.db, orgId, "2026-03-11", "2026-03-10")).toEqual([]);
  });

  it("keeps a roster's auto-fill away from the days a member is on approved leave", async () => {
    const res = await director.post("/o/tu-ky/rosters/new", {
      title: "Lịch trực dịp lễ 30/4 và 1/5 năm 2026",
      startDate: "2026-04-30",
      endDate: "2026-05-03",
      dayMode: "nonworking",
      leaderCount: "1",
      staffCount: "2",
      securityCount: "0",
      startTime: "07:30",
      endTime: "11:30",
    });
    expect(res.status).toBe(200);
    const rosterId = new URL(res.url).pathname.split("/").pop()!;
    const version = async () => String((await srv.db.selectFrom("rosters").select("version").where("id", "=", rosterId).executeTakeFirstOrThrow()).version);
    const slots = () => srv.db.selectFrom("roster_slots").selectAll().where("roster_id", "=", rosterId).execute();
    expect((await director.post(`/o/tu-ky/rosters/${rosterId}`, { intent: "autoFill", version: await version() })).status).toBe(200);

    // Someone the fair fill put on duty on Saturday 02/05 goes on a business trip from Wed 29/04 to that day.
    const target = (await slots()).find((s) => s.kind === "staff" && s.date === "2026-05-02")!;
    const who = await srv.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.id", "m.org_id", "u.username"])
      .where("m.id", "=", target.membership_id!)
      .executeTakeFirstOrThrow();
    const traveller = await as(who.username);
    expect((await traveller.post(PAGE, requestForm({ kind: "business", startDate: "2026-04-29", endDate: "2026-05-02", reason: "Công tác tại Sở Nội vụ" }))).status).toBe(200);
    const trip = (await requestsOf(who.username)).at(-1)!;
    expect(trip.days).toBe(1); // 29/04 only: 30/04 and 01/05 are holidays, 02/05 a Saturday
    // Pending leave does not block anyone yet.
    expect((await unavailableDates(srv.db, who.org_id, "2026-04-30", "2026-05-03")).get(who.id)).toBeUndefined();
    expect((await director.post(PAGE, { intent: "approve", id: trip.id })).status).toBe(200);

    expect((await unavailableDates(srv.db, who.org_id, "2026-04-30", "2026-05-03")).get(who.id)).toEqual(["2026-04-30", "2026-05-01", "2026-05-02"]);
    expect((await director.post(`/o/tu-ky/rosters/${rosterId}`, { intent: "autoFill", version: await version() })).status).toBe(200);
    const after = await slots();
    expect(after.every((s) => s.membership_id)).toBe(true);
    expect(after.filter((s) => s.membership_id === who.id && s.date <= "2026-05-02")).toEqual([]);
  });
});

// Issue 14, item 3: fewer than 12 months with the centre in a year → annual leave pro rata to the
// months worked (Bộ luật Lao động 2019, Điều 113 khoản 2), with the arithmetic on the leave page.
describe("annual leave of joiners and leavers", () => {
  it("gives someone who joins on 01/09/2026 four days for 2026, and shows the arithmetic", async () => {
    const m = await memberOf(srv.db, "tuky.canbo08");
    await srv.db.updateTable("memberships").set({ joined_on: "2026-09-01", service_start_date: "2026-09-01" }).where("id", "=", m.membershipId).execute();
    const b = await leaveBalance(srv.db, m.orgId, m.membershipId, 2026);
    expect([b.entitlement, b.months, b.prorated]).toEqual([4, 4, true]);
    expect((await leaveBalance(srv.db, m.orgId, m.membershipId, 2027)).entitlement).toBe(12);
    srv.clock.current = new Date("2026-09-01T01:00:00Z");
    const page = await (await as("tuky.canbo08")).fetch(PAGE);
    const html = await page.text();
    expect(html).toContain("Làm việc 4/12 tháng trong năm 2026: 12 ngày × 4/12 = 4 → 4 ngày (làm tròn xuống nửa ngày).");
    expect(html).toContain("Điều 113 khoản 2");
  });

  it("pro-rates someone who left on 01/04/2026 to three months", async () => {
    const m = await memberOf(srv.db, "tuky.canbo08");
    await srv.db.updateTable("memberships").set({ left_on: "2026-04-01", active: 0 }).where("id", "=", m.membershipId).execute();
    const b = await leaveBalance(srv.db, m.orgId, m.membershipId, 2026);
    expect([b.entitlement, b.months, b.prorated]).toEqual([3, 3, true]);
  });

  it("refuses annual leave beyond the pro-rata share", async () => {
    const m = await memberOf(srv.db, "tuky.canbo08");
    // Joined Mon 02/03/2026: every weekday of March served → 10 months, 10 days.
    await srv.db.updateTable("memberships").set({ joined_on: "2026-03-02", service_start_date: "2026-03-02" }).where("id", "=", m.membershipId).execute();
    expect((await leaveBalance(srv.db, m.orgId, m.membershipId, 2026)).entitlement).toBe(10);
    const res = await (await as("tuky.canbo08")).post(PAGE, requestForm({ startDate: "2026-04-01", endDate: "2026-04-15" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("10");
  });
});
