import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { timesheet } from "~/modules/attendance/attendance.server";
import { getSchedule } from "~/modules/calendar/schedule.server";
import { periodEvaluations } from "~/modules/evaluation/evaluation.server";
import { parsePeriod } from "~/modules/evaluation/score";
import { signIn, startServer, shown, type TestServer } from "../helpers/server";

let srv: TestServer;
beforeEach(async () => (srv = await startServer()));
afterEach(() => srv.close());

const as = (username: string) => signIn(srv, username);

/** The seed's day (Tuesday 10/03/2026 in Vietnam). */
const TODAY = "2026-03-10";

async function orgId(slug: string) {
  return (await srv.db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

/** The desktop grid cell of a date (the phone list repeats the day with the same data-date). */
function cell(html: string, date: string): string {
  const m = new RegExp(`<li data-date="${date}" data-kind="(\\w+)"[^>]*>([\\s\\S]*?)</li>`).exec(html);
  if (!m) throw new Error(`no cell for ${date}`);
  return `${m[1]} ${m[2]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()}`;
}

describe("calendar page", () => {
  it("opens on the current month in Vietnam, with lunar dates and the lunar year", async () => {
    const c = await as("tuky.canbo01");
    const res = await c.fetch("/o/tu-ky/calendar");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Tháng 3/2026");
    expect(html).toContain("Năm Bính Ngọ");
    // 10/03/2026 is 22/1 Bính Ngọ; 19/03/2026 begins lunar month 2.
    expect(cell(html, "2026-03-10")).toMatch(/^working .*\b10\b.*22\/1\b.*Hôm nay/);
    expect(cell(html, "2026-03-19")).toMatch(/1\/2 tháng Hai/);
    expect(cell(html, "2026-03-14")).toMatch(/^weekend /);
    expect(html).toContain("Tháng này không có ngày nghỉ lễ hay ngày làm bù.");
    // Read-only for staff: no decision form, no link to the schedule settings.
    expect(shown(html)).not.toContain("Thêm quyết định cho một ngày");
    expect(html).not.toContain("/settings/schedule");
    // Office hours of Tứ Kỳ (seeded).
    expect(html).toMatch(/Mùa đông.*\(01\/11 – 31\/03\).*sáng 07:30–12:00.*chiều 13:00–16:30/);
  });

  it("shows Tết with 1/1 on 17/02/2026 and the official source", async () => {
    const c = await as("tuky.canbo01");
    const html = await (await c.fetch("/o/tu-ky/calendar?month=2026-02")).text();
    expect(cell(html, "2026-02-17")).toMatch(/^holiday .*\b17\b.*1\/1 tháng Giêng.*Tết Nguyên đán/);
    expect(cell(html, "2026-02-16")).toMatch(/29\/12/);
    expect(cell(html, "2026-02-13")).toMatch(/^working /);
    expect(html).toContain("Năm Ất Tỵ – Năm Bính Ngọ");
    expect(html).toContain("14/02/2026 – 22/02/2026");
    expect(html).toContain("(9 ngày)");
    expect(html).toContain("Thông báo nghỉ Tết Âm lịch năm 2026 đối với cán bộ, công chức, viên chức");
  });

  it("shows Giỗ Tổ and its nghỉ bù in April, and the make-up Saturday in January", async () => {
    const c = await as("tuky.canbo01");
    const april = await (await c.fetch("/o/tu-ky/calendar?month=2026-04")).text();
    expect(cell(april, "2026-04-26")).toMatch(/^holiday .*10\/3.*Giỗ Tổ Hùng Vương/);
    expect(cell(april, "2026-04-27")).toMatch(/^holiday .*Nghỉ bù Giỗ Tổ Hùng Vương/);
    expect(cell(april, "2026-04-30")).toMatch(/^holiday .*Ngày Chiến thắng/);
    const january = await (await c.fetch("/o/tu-ky/calendar?month=2026-01")).text();
    expect(cell(january, "2026-01-10")).toMatch(/^makeup .*Làm bù cho ngày 02\/01\/2026/);
    expect(cell(january, "2026-01-02")).toMatch(/^holiday .*Nghỉ hoán đổi Tết Dương lịch/);
    expect(january).toContain("Ngày làm bù");
  });

  it("marks 24/11 (Ngày Văn hóa Việt Nam) as computed and unconfirmed", async () => {
    const c = await as("tuky.canbo01");
    const html = await (await c.fetch("/o/tu-ky/calendar?month=2026-11")).text();
    expect(cell(html, "2026-11-24")).toMatch(/^holiday .*Ngày Văn hóa Việt Nam.*\(chưa xác nhận\).*Tính sẵn theo luật/);
    expect(html).toContain("Ngày nghỉ này chưa đối chiếu được với văn bản chính thức");
    expect(html).toContain("chưa đối chiếu văn bản chính thức"); // the rule's own basis
  });

  it("says which days come from a decision and which are computed", async () => {
    const c = await as("tuky.canbo01");
    const html = await (await c.fetch("/o/tu-ky/calendar?month=2026-02")).text();
    expect(html).toContain('data-date="2026-02-17" data-kind="holiday" data-origin="decision"');
    expect(html).toMatch(/Theo quyết định/);
  });

  it("uses the computed holidays for a year without decisions, and says so", async () => {
    const c = await as("tuky.canbo01");
    const html = await (await c.fetch("/o/tu-ky/calendar?month=2027-02")).text();
    expect(cell(html, "2027-02-06")).toMatch(/^holiday .*1\/1 tháng Giêng.*Tết Nguyên đán/);
    expect(html).toContain("Tính theo Bộ luật Lao động 2019 (Điều 112); năm 2027 chưa có quyết định chính thức.");
    expect(html).toContain("Năm 2027 chưa có quyết định chính thức");
  });

  it("shows leap lunar months", async () => {
    const c = await as("tuky.canbo01");
    const html = await (await c.fetch("/o/tu-ky/calendar?month=2025-07")).text();
    expect(cell(html, "2025-07-25")).toMatch(/1\/6 \(nhuận\) tháng Sáu nhuận/);
  });

  it("marks open Saturdays for a centre that opens on Saturday mornings", async () => {
    const c = await as("anphu.canbo01");
    const html = await (await c.fetch("/o/an-phu/calendar?month=2026-03")).text();
    expect(cell(html, "2026-03-14")).toMatch(/^working .*Mở cửa sáng thứ Bảy/);
    expect(cell(html, "2026-03-15")).toMatch(/^weekend /);
    expect(html).toContain("Sáng thứ Bảy: 07:30–11:30");
  });

  it("falls back to the current month on a bad month parameter", async () => {
    const c = await as("tuky.canbo01");
    for (const q of ["abc", "2026-13", "2026-00", "99999-01", "1800-01", "2026-1"]) {
      const res = await c.fetch(`/o/tu-ky/calendar?month=${q}`);
      expect(res.status, q).toBe(200);
      expect(await res.text()).toContain("Tháng 3/2026");
    }
  });

  it("links to the previous and next months", async () => {
    const c = await as("tuky.canbo01");
    const html = await (await c.fetch("/o/tu-ky/calendar?month=2026-01")).text();
    expect(html).toContain('href="/o/tu-ky/calendar?month=2025-12"');
    expect(html).toContain('href="/o/tu-ky/calendar?month=2026-02"');
    expect(html).toContain('href="/o/tu-ky/calendar?month=2026-03"'); // this month
  });
});

describe("official decisions", () => {
  it("lets the admin add a make-up day and remove it, both audited", async () => {
    const c = await as("tuky.admin");
    const page = await (await c.fetch("/o/tu-ky/calendar?month=2026-08")).text();
    expect(page).toContain("Mỗi quyết định chỉ thay đổi đúng ngày đã nhập; các ngày nghỉ tính sẵn khác của năm vẫn giữ nguyên.");
    const source = "Thông báo số 123/TB-UBND ngày 20/08/2026 của UBND xã Tứ Kỳ";
    const res = await c.post("/o/tu-ky/calendar?month=2026-08", {
      intent: "add",
      date: "2026-08-22",
      kind: "working",
      name: "Làm bù cho ngày 31/08/2026",
      source,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã thêm ngày 22/08/2026: Làm bù cho ngày 31/08/2026.");
    const html = await (await c.fetch("/o/tu-ky/calendar?month=2026-08")).text();
    expect(cell(html, "2026-08-22")).toMatch(/^makeup .*Làm bù cho ngày 31\/08\/2026/);
    expect(html).toContain(source);

    const row = await srv.db
      .selectFrom("calendar_days")
      .selectAll()
      .where("org_id", "=", await orgId("tu-ky"))
      .where("date", "=", "2026-08-22")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "working", source });
    const removed = await c.post("/o/tu-ky/calendar?month=2026-08", { intent: "remove", id: row.id });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("Đã xóa quyết định ngày 22/08/2026");
    const after = await (await c.fetch("/o/tu-ky/calendar?month=2026-08")).text();
    expect(cell(after, "2026-08-22")).toMatch(/^weekend /);

    const audit = await srv.db.selectFrom("audit_log").selectAll().where("entity_id", "=", row.id).orderBy("created_at").execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["calendar.dayAdded", "calendar.dayRemoved"]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ date: "2026-08-22", source });
    expect(audit.every((a) => a.org_id === row.org_id)).toBe(true);
  });

  it("explains bad decisions beside the fields", async () => {
    const c = await as("tuky.admin");
    const noSource = await c.post("/o/tu-ky/calendar", { intent: "add", date: "2026-03-11", kind: "working", name: "Làm bù", source: "" });
    expect(noSource.status).toBe(400);
    expect(await noSource.text()).toContain("Vui lòng ghi căn cứ: số, ký hiệu, ngày của văn bản.");
    // A working decision on an ordinary weekday means nothing: it may only cancel a computed holiday.
    const weekday = await c.post("/o/tu-ky/calendar", { intent: "add", date: "2026-03-11", kind: "working", name: "Làm bù", source: "Thông báo số 9" });
    expect(weekday.status).toBe(400);
    expect(await weekday.text()).toContain("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; ngày thường chỉ nhập là ngày làm việc khi hủy một ngày nghỉ tính sẵn.");
    const taken = await c.post("/o/tu-ky/calendar", {
      intent: "add",
      date: "2026-02-17",
      kind: "off",
      name: "Tết",
      source: "Thông báo số 1/TB-UBND",
    });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Ngày này đã có quyết định.");
    const bad = await c.post("/o/tu-ky/calendar", { intent: "add", date: "2026-02-30", kind: "holiday", name: "", source: "x y z" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Ngày không hợp lệ.");
    expect(badHtml).toContain("Lựa chọn không hợp lệ.");
    expect(await srv.db.selectFrom("audit_log").select("id").where("action", "like", "calendar.%").execute()).toEqual([]);
  });

  // Issue 14, item 1: one official decision for 2027 used to wipe every other 2027 holiday.
  it("entering the 2027 Tết decision keeps the year's other holidays", async () => {
    const c = await as("tuky.admin");
    const source = "Thông báo số 01/TB-UBND ngày 05/01/2027 về nghỉ Tết Nguyên đán Đinh Mùi";
    const res = await c.post("/o/tu-ky/calendar?month=2027-02", { intent: "add", date: "2027-02-12", kind: "off", name: "Tết Nguyên đán", source });
    expect(res.status).toBe(200);
    const expectations: [string, string, RegExp][] = [
      ["2027-01", "2027-01-01", /^holiday .*Tết Dương lịch/],
      ["2027-02", "2027-02-12", /^holiday .*Tết Nguyên đán/],
      ["2027-02", "2027-02-08", /^holiday .*Tết Nguyên đán/],
      ["2027-04", "2027-04-16", /^holiday .*Giỗ Tổ Hùng Vương/],
      ["2027-04", "2027-04-30", /^holiday .*Ngày Chiến thắng/],
      ["2027-05", "2027-05-03", /^holiday .*Nghỉ bù Ngày Quốc tế Lao động/],
      ["2027-09", "2027-09-01", /^holiday .*Quốc khánh/],
      ["2027-09", "2027-09-02", /^holiday .*Quốc khánh/],
      ["2027-11", "2027-11-24", /^holiday .*Ngày Văn hóa Việt Nam/],
    ];
    for (const [month, date, re] of expectations) {
      const html = await (await c.fetch(`/o/tu-ky/calendar?month=${month}`)).text();
      expect(cell(html, date), date).toMatch(re);
    }
    const feb = await (await c.fetch("/o/tu-ky/calendar?month=2027-02")).text();
    expect(feb).toContain('data-date="2027-02-12" data-kind="holiday" data-origin="decision"');
    expect(feb).toContain('data-date="2027-02-08" data-kind="holiday" data-origin="computed"');
    expect(feb).toContain("Năm 2027 có 1 ngày theo quyết định chính thức đã nhập; các ngày khác theo lịch tính sẵn.");
    // A working day on a weekday cancels a computed holiday (the notice moved it).
    const moved = await c.post("/o/tu-ky/calendar?month=2027-09", { intent: "add", date: "2027-09-01", kind: "working", name: "Làm việc (nghỉ dời sang 03/09)", source });
    expect(moved.status).toBe(200);
    expect(cell(await (await c.fetch("/o/tu-ky/calendar?month=2027-09")).text(), "2027-09-01")).toMatch(/^working .*nghỉ dời sang 03\/09/);
  });

  // Issue 14, item 9: 24/11 is data the admin changes, not a hard-coded day.
  it("lets the admin confirm, turn off and add annual days off", async () => {
    const c = await as("tuky.admin");
    const id = await orgId("tu-ky");
    const rule = { intent: "saveRule", key: "culture-day", dayMonth: "24/11", name: "Ngày Văn hóa Việt Nam", fromYear: "2026" };
    const noSource = await c.post("/o/tu-ky/calendar?month=2026-11", { ...rule, enabled: "on", confirmed: "on" });
    expect(noSource.status).toBe(400);
    expect(await noSource.text()).toContain("Vui lòng ghi căn cứ");
    const confirmed = await c.post("/o/tu-ky/calendar?month=2026-11", { ...rule, enabled: "on", confirmed: "on", source: "Luật số 1/2026/QH16" });
    expect(confirmed.status).toBe(200);
    let html = await (await c.fetch("/o/tu-ky/calendar?month=2026-11")).text();
    expect(cell(html, "2026-11-24")).toMatch(/^holiday .*Ngày Văn hóa Việt Nam/);
    expect(cell(html, "2026-11-24")).not.toContain("chưa xác nhận");
    const off = await c.post("/o/tu-ky/calendar?month=2026-11", { ...rule, source: "" });
    expect(off.status).toBe(200);
    html = await (await c.fetch("/o/tu-ky/calendar?month=2026-11")).text();
    expect(cell(html, "2026-11-24")).toMatch(/^working /);
    // Another centre keeps the built-in rule.
    const ap = await as("anphu.giamdoc");
    expect(cell(await (await ap.fetch("/o/an-phu/calendar?month=2026-11")).text(), "2026-11-24")).toMatch(/^holiday .*chưa xác nhận/);
    // A day the centre adds.
    const added = await c.post("/o/tu-ky/calendar?month=2026-03", { intent: "saveRule", dayMonth: "06/03", name: "Ngày truyền thống xã", fromYear: "2026", enabled: "on", source: "" });
    expect(added.status).toBe(200);
    html = await (await c.fetch("/o/tu-ky/calendar?month=2026-03")).text();
    expect(cell(html, "2026-03-06")).toMatch(/^holiday .*Ngày truyền thống xã.*chưa xác nhận/);
    const rows = await srv.db.selectFrom("holiday_rules").selectAll().where("org_id", "=", id).orderBy("month").execute();
    expect(rows.map((r) => [r.month, r.day, r.enabled, r.confirmed])).toEqual([
      [3, 6, 1, 0],
      [11, 24, 0, 0],
    ]);
    const actions = await srv.db.selectFrom("audit_log").select("action").where("org_id", "=", id).where("action", "like", "calendar.rule%").execute();
    expect(actions.map((a) => a.action).sort()).toEqual(["calendar.ruleAdded", "calendar.ruleChanged", "calendar.ruleChanged"]);
    // Staff may not.
    const staff = await as("tuky.canbo01");
    expect((await staff.post("/o/tu-ky/calendar", { ...rule, enabled: "on" })).status).toBe(403);
  });

  it("answers 404 to removing another centre's decision", async () => {
    const foreign = await srv.db
      .selectFrom("calendar_days")
      .select("id")
      .where("org_id", "=", await orgId("an-phu"))
      .executeTakeFirstOrThrow();
    const c = await as("tuky.admin");
    const res = await c.post("/o/tu-ky/calendar", { intent: "remove", id: foreign.id });
    expect(res.status).toBe(404);
    expect(await srv.db.selectFrom("calendar_days").select("id").where("id", "=", foreign.id).executeTakeFirst()).toBeDefined();
  });

  it("refuses changes from anyone but the admin", async () => {
    const row = await srv.db.selectFrom("calendar_days").select("id").where("org_id", "=", await orgId("tu-ky")).executeTakeFirstOrThrow();
    for (const user of ["tuky.canbo01", "tuky.giamdoc"]) {
      const c = await as(user);
      const add = await c.post("/o/tu-ky/calendar", { intent: "add", date: "2026-08-22", kind: "working", name: "Làm bù", source: "Thông báo số 9" });
      expect(add.status, user).toBe(403);
      const remove = await c.post("/o/tu-ky/calendar", { intent: "remove", id: row.id });
      expect(remove.status, user).toBe(403);
      const page = await (await c.fetch("/o/tu-ky/calendar")).text();
      expect(shown(page)).not.toContain("Thêm quyết định cho một ngày");
    }
    expect(await srv.db.selectFrom("calendar_days").select("id").where("id", "=", row.id).executeTakeFirst()).toBeDefined();
  });
});

const SEASON_FORM = {
  intent: "seasons",
  "seasons[0].name": "Mùa hè",
  "seasons[0].from": "01/04",
  "seasons[0].to": "31/10",
  "seasons[0].morningStart": "07:00",
  "seasons[0].morningEnd": "11:30",
  "seasons[0].afternoonStart": "13:30",
  "seasons[0].afternoonEnd": "17:00",
  "seasons[1].name": "Mùa đông",
  "seasons[1].from": "01/11",
  "seasons[1].to": "31/03",
  "seasons[1].morningStart": "07:30",
  "seasons[1].morningEnd": "12:00",
  "seasons[1].afternoonStart": "13:00",
  "seasons[1].afternoonEnd": "16:30",
  effectiveFrom: TODAY,
};

const SETTINGS_FORM = {
  intent: "settings",
  saturdayStart: "07:30",
  saturdayEnd: "11:30",
  graceMinutes: "5",
  checkinMode: "day",
  holidayWeight: "2",
  weekendWeight: "1",
  effectiveFrom: TODAY,
};

describe("schedule settings page", () => {
  it("shows the admin the centre's seasons and settings", async () => {
    const c = await as("tuky.admin");
    const res = await c.fetch("/o/tu-ky/settings/schedule");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Giờ làm việc theo mùa");
    expect(html).toContain('value="Mùa đông"');
    expect(html).toContain('value="01/11"');
    expect(html).toContain('value="31/03"');
    expect(html).toContain("Mở cửa sáng thứ Bảy");
  });

  it("saves the Saturday opening and the grace period, audited", async () => {
    const c = await as("tuky.admin");
    const res = await c.post("/o/tu-ky/settings/schedule", {
      ...SETTINGS_FORM,
      saturdayOpening: "on",
      saturdayStart: "07:30",
      saturdayEnd: "11:00",
      graceMinutes: "10",
      checkinMode: "session",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã lưu thiết lập giờ làm việc, áp dụng từ ngày");
    const id = await orgId("tu-ky");
    const s = await getSchedule(srv.db, id, TODAY);
    expect(s.settings).toEqual({
      saturdayOpening: true,
      saturdayStart: "07:30",
      saturdayEnd: "11:00",
      graceMinutes: 10,
      checkinMode: "session",
      holidayWeight: 2,
      weekendWeight: 1,
    });
    // In force from today only: yesterday keeps the rules it had.
    expect((await getSchedule(srv.db, id, "2026-03-09")).settings.graceMinutes).toBe(5);
    const audit = await srv.db.selectFrom("audit_log").selectAll().where("action", "=", "schedule.settingsUpdated").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.org_id).toBe(id);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ effectiveFrom: TODAY, saturdayOpening: { from: false, to: true }, graceMinutes: { from: 5, to: 10 } });
    // The calendar now shows Saturdays as open.
    const cal = await (await c.fetch("/o/tu-ky/calendar?month=2026-03")).text();
    expect(cell(cal, "2026-03-14")).toMatch(/Mở cửa sáng thứ Bảy/);
    // Turning it off again.
    await c.post("/o/tu-ky/settings/schedule", SETTINGS_FORM);
    expect((await getSchedule(srv.db, id, TODAY)).settings.saturdayOpening).toBe(false);
  });

  it("creates the first version on the first save, from the built-in default", async () => {
    const id = await orgId("tu-ky");
    await srv.db.deleteFrom("schedule_versions").where("org_id", "=", id).execute();
    const before = await getSchedule(srv.db, id, TODAY);
    expect([before.settings.graceMinutes, before.seasonsConfigured]).toEqual([5, false]);
    const c = await as("tuky.admin");
    const res = await c.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, graceMinutes: "15", holidayWeight: "3" });
    expect(res.status).toBe(200);
    const row = await srv.db.selectFrom("schedule_versions").selectAll().where("org_id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ effective_from: TODAY, grace_minutes: 15, holiday_weight: 3, weekend_weight: 1, saturday_opening: 0, seasons: "[]" });
  });

  // Issue 14, item 2: a day is judged by the rules in force that day.
  it("never rewrites a past month: timesheets and evaluations stay byte-identical", async () => {
    const id = await orgId("tu-ky");
    const an = await orgId("an-phu");
    const now = srv.clock.now();
    const snapshot = async () =>
      JSON.stringify([
        await timesheet(srv.db, id, "2026-02", now),
        await timesheet(srv.db, an, "2026-02", now),
        await periodEvaluations(srv.db, id, parsePeriod("2026-02")!, now),
      ]);
    const before = await snapshot();
    const admin = await as("tuky.admin");
    expect((await admin.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, graceMinutes: "30", saturdayOpening: "on", checkinMode: "session" })).status).toBe(200);
    expect((await admin.post("/o/tu-ky/settings/schedule", { ...SEASON_FORM, "seasons[1].morningStart": "08:00" })).status).toBe(200);
    expect((await admin.post("/o/tu-ky/evaluations", { intent: "weights", quantity: "50", quality: "25", timeliness: "25" })).status).toBe(200);
    const director = await as("anphu.giamdoc");
    const staff = await srv.db.selectFrom("memberships").select("id").where("org_id", "=", an).execute();
    const res = await director.post("/o/an-phu/settings/schedule", { ...SETTINGS_FORM, saturdayOpening: "on", saturdayStaff: staff.map((m) => m.id), graceMinutes: "0" });
    expect(res.status).toBe(200);
    expect(await snapshot()).toBe(before);
    // Today and later do use the new rules.
    expect((await getSchedule(srv.db, id, TODAY)).settings.graceMinutes).toBe(30);
  });

  it("refuses a change dated in the past, and keeps an upcoming one apart until its day", async () => {
    const id = await orgId("tu-ky");
    const c = await as("tuky.admin");
    const past = await c.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, graceMinutes: "30", effectiveFrom: "2026-02-01" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("Chỉ áp dụng được từ hôm nay trở đi");
    const pastSeasons = await c.post("/o/tu-ky/settings/schedule", { ...SEASON_FORM, effectiveFrom: "2026-03-09" });
    expect(pastSeasons.status).toBe(400);
    const upcoming = await c.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, graceMinutes: "10", effectiveFrom: "2026-04-01" });
    expect(upcoming.status).toBe(200);
    expect((await getSchedule(srv.db, id, "2026-03-31")).settings.graceMinutes).toBe(5);
    expect((await getSchedule(srv.db, id, "2026-04-01")).settings.graceMinutes).toBe(10);
    const page = await (await c.fetch("/o/tu-ky/settings/schedule")).text();
    expect(page).toContain("Sắp áp dụng");
    expect(page).toContain("Từ 01/04/2026");
    const row = await srv.db.selectFrom("schedule_versions").select("id").where("org_id", "=", id).where("effective_from", "=", "2026-04-01").executeTakeFirstOrThrow();
    expect((await c.post("/o/tu-ky/settings/schedule", { intent: "removeVersion", id: row.id })).status).toBe(200);
    expect((await getSchedule(srv.db, id, "2026-04-01")).settings.graceMinutes).toBe(5);
    // The version in force is history: it cannot be removed.
    const inForce = await srv.db.selectFrom("schedule_versions").select("id").where("org_id", "=", id).executeTakeFirstOrThrow();
    expect((await c.post("/o/tu-ky/settings/schedule", { intent: "removeVersion", id: inForce.id })).status).toBe(400);
  });

  it("rejects bad times and numbers with Vietnamese messages and 400", async () => {
    const c = await as("tuky.admin");
    const res = await c.post("/o/tu-ky/settings/schedule", {
      ...SETTINGS_FORM,
      saturdayOpening: "on",
      saturdayStart: "11:30",
      saturdayEnd: "07:30",
      graceMinutes: "500",
      holidayWeight: "hai",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Giờ kết thúc phải sau giờ bắt đầu.");
    expect(html).toContain("Nhập số phút từ 0 đến 60.");
    expect(html).toContain("Vui lòng nhập một số nguyên.");
    const bad = await c.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, saturdayStart: "25:00" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Giờ không hợp lệ (HH:mm).");
    const seasons = await c.post("/o/tu-ky/settings/schedule", {
      ...SEASON_FORM,
      "seasons[0].morningEnd": "06:30",
      "seasons[1].afternoonStart": "11:00",
      "seasons[1].to": "31/02",
    });
    expect(seasons.status).toBe(400);
    const seasonsHtml = await seasons.text();
    expect(seasonsHtml).toContain("Giờ kết thúc phải sau giờ bắt đầu.");
    expect(seasonsHtml).toContain("Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc.");
    expect(seasonsHtml).toContain("Ngày không hợp lệ: nhập ngày/tháng, ví dụ 01/04.");
    expect(seasonsHtml).toContain('aria-invalid="true"');
    expect(await srv.db.selectFrom("audit_log").select("id").where("action", "like", "schedule.%").execute()).toEqual([]);
  });

  it("rejects overlapping seasons and seasons that leave days uncovered", async () => {
    const c = await as("tuky.admin");
    const overlap = await c.post("/o/tu-ky/settings/schedule", { ...SEASON_FORM, "seasons[1].from": "15/10" });
    expect(overlap.status).toBe(400);
    expect(await overlap.text()).toContain("Khoảng ngày này trùng với mùa “Mùa hè”.");
    const gap = await c.post("/o/tu-ky/settings/schedule", { ...SEASON_FORM, "seasons[1].from": "02/11" });
    expect(gap.status).toBe(400);
    expect(await gap.text()).toContain("Các mùa chưa phủ kín cả năm: ngày 01/11 chưa thuộc mùa nào.");
    const none = await c.post("/o/tu-ky/settings/schedule", { intent: "seasons" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Cần ít nhất một mùa làm việc.");
    const seasons = await getSchedule(srv.db, await orgId("tu-ky"), TODAY);
    expect(seasons.seasons.map((s) => s.name)).toEqual(["Mùa hè", "Mùa đông"]);
  });

  it("replaces the seasons: edits kept rows, adds new ones, removes ticked ones", async () => {
    const id = await orgId("tu-ky");
    const before = await getSchedule(srv.db, id, TODAY);
    const summer = before.seasons.find((s) => s.name === "Mùa hè")!;
    const winter = before.seasons.find((s) => s.name === "Mùa đông")!;
    const c = await as("tuky.admin");
    const res = await c.post("/o/tu-ky/settings/schedule", {
      ...SEASON_FORM,
      "seasons[0].id": summer.id!,
      "seasons[0].to": "30/09",
      "seasons[1].id": winter.id!,
      "seasons[1].remove": "on",
      "seasons[2].name": "Mùa thu",
      "seasons[2].from": "01/10",
      "seasons[2].to": "31/10",
      "seasons[2].morningStart": "07:15",
      "seasons[2].morningEnd": "11:45",
      "seasons[2].afternoonStart": "13:15",
      "seasons[2].afternoonEnd": "16:45",
      "seasons[3].name": "Mùa đông mới",
      "seasons[3].from": "1/11",
      "seasons[3].to": "31/3",
      "seasons[3].morningStart": "07:30",
      "seasons[3].morningEnd": "12:00",
      "seasons[3].afternoonStart": "13:00",
      "seasons[3].afternoonEnd": "16:30",
      "seasons[4].name": "",
    });
    expect(res.status).toBe(200);
    const after = await getSchedule(srv.db, id, TODAY);
    expect(after.seasons.map((s) => [s.name, s.fromMd, s.toMd])).toEqual([
      ["Mùa hè", "04-01", "09-30"],
      ["Mùa thu", "10-01", "10-31"],
      ["Mùa đông mới", "11-01", "03-31"],
    ]);
    expect(after.seasons.find((s) => s.name === "Mùa hè")!.id).toBe(summer.id);
    const audit = await srv.db.selectFrom("audit_log").selectAll().where("action", "=", "schedule.seasonsUpdated").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details).after).toHaveLength(3);
  });

  it("refuses a season id of another centre", async () => {
    const foreign = (await getSchedule(srv.db, await orgId("an-phu"), TODAY)).seasons[0]!.id!;
    const c = await as("tuky.admin");
    const res = await c.post("/o/tu-ky/settings/schedule", { ...SEASON_FORM, "seasons[0].id": foreign });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Lựa chọn không hợp lệ.");
    expect((await getSchedule(srv.db, await orgId("tu-ky"), TODAY)).seasons.some((x) => x.id === foreign)).toBe(false);
  });

  it("refuses a Saturday rota member of another centre", async () => {
    const foreign = await srv.db.selectFrom("memberships").select("id").where("org_id", "=", await orgId("an-phu")).executeTakeFirstOrThrow();
    const c = await as("tuky.admin");
    const res = await c.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, saturdayOpening: "on", saturdayStaff: [foreign.id] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Lựa chọn không hợp lệ.");
  });

  it("answers 403 to staff, deputies and inspectors on GET and POST", async () => {
    for (const user of ["tuky.canbo01", "tuky.phogiamdoc", "tuky.kiemtra"]) {
      const c = await as(user);
      expect((await c.fetch("/o/tu-ky/settings/schedule")).status, user).toBe(403);
      expect((await c.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, graceMinutes: "30" })).status, user).toBe(403);
      expect((await c.post("/o/tu-ky/settings/schedule", SEASON_FORM)).status, user).toBe(403);
    }
    expect((await getSchedule(srv.db, await orgId("tu-ky"), TODAY)).settings.graceMinutes).toBe(5);
  });

  it("lets the director read the schedule but not change it", async () => {
    const c = await as("tuky.giamdoc");
    const page = await c.fetch("/o/tu-ky/settings/schedule");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Chỉ quản trị viên được sửa giờ làm việc.");
    expect(html).toContain("07:30–12:00");
    expect(html).not.toContain('name="graceMinutes"');
    expect((await c.post("/o/tu-ky/settings/schedule", { ...SETTINGS_FORM, graceMinutes: "30" })).status).toBe(403);
  });
});
