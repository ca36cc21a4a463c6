import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { board, timesheet } from "~/modules/attendance/attendance.server";
import { memberOf } from "../helpers/db";
import { signIn, startServer, shown, type Client, type TestServer } from "../helpers/server";

// The seed ran at Tuesday 10/03/2026 08:00; tests move the clock to Wednesday 11/03 (winter hours
// 07:30–12:00 / 13:00–16:30, grace 5 minutes).
let srv: TestServer;
let clerk: Client;
let director: Client;
const vn = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

beforeEach(async () => {
  srv = await startServer();
  srv.clock.current = vn("2026-03-11", "07:40");
  clerk = await signIn(srv, "tuky.canbo01");
  director = await signIn(srv, "tuky.giamdoc");
});
afterEach(async () => {
  await srv.close();
});

const records = async (username: string, date: string) => {
  const m = await memberOf(srv.db, username);
  return srv.db.selectFrom("attendance_records").selectAll().where("membership_id", "=", m.membershipId).where("date", "=", date).execute();
};

describe("check-in", () => {
  it("records the server's time once, however many times the button is pressed", async () => {
    const page = await (await clerk.fetch("/o/tu-ky/attendance")).text();
    expect(page).toContain("Chấm công vào");
    const presses = await Promise.all(Array.from({ length: 6 }, () => clerk.post("/o/tu-ky/attendance", { intent: "checkIn" })));
    expect(presses.every((r) => r.status === 200)).toBe(true);
    const rows = await records("tuky.canbo01", "2026-03-11");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.check_in_at).toBe(vn("2026-03-11", "07:40").toISOString());
    const after = await (await clerk.fetch("/o/tu-ky/attendance")).text();
    expect(after).toContain("Đi muộn 10 phút");
    expect(after).toContain("Chấm công ra");
    const audits = await srv.db.selectFrom("audit_log").select("action").where("action", "=", "attendance.checkedIn").execute();
    expect(audits).toHaveLength(1);
  });

  it("checks out later and flags leaving early, once the early check-out is confirmed", async () => {
    await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" });
    srv.clock.current = vn("2026-03-11", "16:00");
    const asked = await clerk.post("/o/tu-ky/attendance", { intent: "checkOut" });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Bạn đang chấm công ra sớm 30 phút. Xác nhận?");
    expect((await records("tuky.canbo01", "2026-03-11"))[0]!.check_out_at).toBeNull();
    await clerk.post("/o/tu-ky/attendance", { intent: "checkOut", confirmed: "1" });
    const page = await (await clerk.fetch("/o/tu-ky/attendance")).text();
    expect(page).toContain("Về sớm 30 phút");
    expect(shown(page)).not.toContain("Chấm công vào");
  });

  it("checks out on time without asking", async () => {
    await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" });
    srv.clock.current = vn("2026-03-11", "16:26");
    await clerk.post("/o/tu-ky/attendance", { intent: "checkOut" });
    expect((await records("tuky.canbo01", "2026-03-11"))[0]!.check_out_at).toBe(vn("2026-03-11", "16:26").toISOString());
  });

  it("lets the member undo their own check-out for 10 minutes, audited", async () => {
    await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" });
    srv.clock.current = vn("2026-03-11", "08:00");
    await clerk.post("/o/tu-ky/attendance", { intent: "checkOut", confirmed: "1" });
    const [rec] = await records("tuky.canbo01", "2026-03-11");
    // Nobody else can undo it.
    expect((await director.post("/o/tu-ky/attendance", { intent: "undoCheckOut", recordId: rec!.id })).status).toBe(404);
    srv.clock.current = vn("2026-03-11", "08:09");
    expect((await clerk.post("/o/tu-ky/attendance", { intent: "undoCheckOut", recordId: rec!.id })).status).toBe(200);
    expect((await records("tuky.canbo01", "2026-03-11"))[0]!.check_out_at).toBeNull();
    const undone = await srv.db.selectFrom("audit_log").select("details").where("action", "=", "attendance.checkOutUndone").execute();
    expect(undone).toHaveLength(1);
    expect(JSON.parse(undone[0]!.details)).toMatchObject({ date: "2026-03-11", checkOutAt: vn("2026-03-11", "08:00").toISOString() });
    // A second check-out, undone too late.
    await clerk.post("/o/tu-ky/attendance", { intent: "checkOut", confirmed: "1" });
    srv.clock.current = vn("2026-03-11", "08:20");
    const late = await clerk.post("/o/tu-ky/attendance", { intent: "undoCheckOut", recordId: rec!.id });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("Đã quá 10 phút");
    expect((await records("tuky.canbo01", "2026-03-11"))[0]!.check_out_at).toBe(vn("2026-03-11", "08:09").toISOString());
  });

  it("refuses, and logs, a check-in from outside the office network", async () => {
    const admin = await signIn(srv, "tuky.admin");
    const bad = await admin.post("/o/tu-ky/attendance", { intent: "networks", networks: "203.162.10.0/33" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Dải địa chỉ không hợp lệ.");
    expect((await admin.post("/o/tu-ky/attendance", { intent: "networks", networks: "203.162.10.0/24" })).status).toBe(200);
    const res = await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("không kết nối từ mạng của cơ quan");
    expect(await records("tuky.canbo01", "2026-03-11")).toHaveLength(0);
    const logged = await srv.db.selectFrom("audit_log").select(["action", "details"]).where("action", "=", "attendance.checkInRefused").execute();
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!.details).ip).toMatch(/127\.0\.0\.1/);
    // Staff cannot change the list.
    expect((await clerk.post("/o/tu-ky/attendance", { intent: "networks", networks: "" })).status).toBe(403);
  });
});

describe("behind a reverse proxy (TRUST_PROXY=1)", () => {
  beforeEach(async () => {
    await srv.close();
    srv = await startServer({ trustProxy: 1 });
    srv.clock.current = vn("2026-03-11", "07:40");
    const admin = await signIn(srv, "tuky.admin");
    expect((await admin.post("/o/tu-ky/attendance", { intent: "networks", networks: "203.162.10.0/24" })).status).toBe(200);
    clerk = await signIn(srv, "tuky.canbo01");
  });

  it("checks the office network against the address the proxy saw", async () => {
    const outside = await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" }, { headers: { "X-Forwarded-For": "198.51.100.23" } });
    expect(outside.status).toBe(400);
    const refused = await srv.db.selectFrom("audit_log").select("details").where("action", "=", "attendance.checkInRefused").executeTakeFirstOrThrow();
    expect(JSON.parse(refused.details).ip).toBe("198.51.100.23");
    const office = await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" }, { headers: { "X-Forwarded-For": "203.162.10.25" } });
    expect(office.status).toBe(200);
    const [row] = await records("tuky.canbo01", "2026-03-11");
    expect(row!.check_in_ip).toBe("203.162.10.25");
  });

  it("takes only the hop the proxy added, not an address the client made up", async () => {
    // The client claims an office address; the proxy appends the address it really saw.
    const forged = await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" }, { headers: { "X-Forwarded-For": "203.162.10.25, 198.51.100.23" } });
    expect(forged.status).toBe(400);
    expect(await records("tuky.canbo01", "2026-03-11")).toHaveLength(0);
  });
});

describe("today's board", () => {
  it("shows the director who is present, late, not yet in and away", async () => {
    await clerk.post("/o/tu-ky/attendance", { intent: "checkIn" });
    const html = await (await director.fetch("/o/tu-ky/attendance?date=2026-03-11")).text();
    expect(html).toContain("Tình hình đi làm");
    expect(html).toMatch(/Đi muộn[\s\S]*Hoàng Thị Lan \(10 phút\)/);
    expect(html).toContain("Chưa chấm công");
    const staffView = await (await clerk.fetch("/o/tu-ky/attendance")).text();
    expect(shown(staffView)).not.toContain("Tình hình đi làm");
  });

  it("shows a past date, with the seeded check-ins and the day's absentees", async () => {
    const html = await (await director.fetch("/o/tu-ky/attendance?date=2026-03-09")).text();
    expect(html).toContain("Có mặt đúng giờ");
    expect(html).toContain("09/03/2026");
  });
});

describe("corrections", () => {
  it("a forgotten check-in is corrected on approval; the original stays visible", async () => {
    const m = await memberOf(srv.db, "tuky.canbo01");
    await srv.db.deleteFrom("attendance_records").where("membership_id", "=", m.membershipId).where("date", "=", "2026-03-10").execute();
    const req = await clerk.post("/o/tu-ky/attendance", {
      intent: "requestCorrection",
      date: "2026-03-10",
      session: "day",
      checkInTime: "07:28",
      checkOutTime: "16:35",
      reason: "Quên chấm công do tiếp dân từ đầu giờ",
    });
    expect(req.status).toBe(200);
    expect((await clerk.post("/o/tu-ky/attendance", { intent: "approveCorrection", correctionId: "x" })).status).toBe(403);
    const page = await (await director.fetch("/o/tu-ky/attendance")).text();
    expect(page).toContain("Đề nghị điều chỉnh chờ duyệt");
    expect(page).toContain("Không có bản ghi gốc");
    const c = await srv.db.selectFrom("attendance_corrections").select("id").where("membership_id", "=", m.membershipId).where("status", "=", "pending").executeTakeFirstOrThrow();
    expect((await director.post("/o/tu-ky/attendance", { intent: "approveCorrection", correctionId: c.id })).status).toBe(200);
    const mine = await (await clerk.fetch("/o/tu-ky/attendance")).text();
    expect(mine).toContain("Đã chấp nhận");
    expect(mine).toContain("Đã điều chỉnh");
    expect(await records("tuky.canbo01", "2026-03-10")).toHaveLength(0); // the original (none) is kept as it was
  });
});

describe("timesheet", () => {
  it("shows the month grid with the usual symbols and totals", async () => {
    const html = await (await director.fetch("/o/tu-ky/attendance/timesheet?month=2026-02")).text();
    expect(html).toContain("Bảng chấm công tháng 02/2026");
    expect(html).toContain(">L<"); // Tết holidays
    expect(html).toContain(">x<");
    expect((await clerk.fetch("/o/tu-ky/attendance/timesheet")).status).toBe(403);
    expect((await clerk.fetch("/o/tu-ky/attendance/timesheet.xlsx")).status).toBe(403);
  });

  it("downloads as a spreadsheet with real numbers", async () => {
    const res = await director.fetch("/o/tu-ky/attendance/timesheet.xlsx?month=2026-02");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell("A2").value)).toBe("Bảng chấm công tháng 02/2026");
    const header = ws.getRow(4);
    expect(header.getCell(2).value).toBe("Họ và tên");
    expect(header.getCell(3).value).toBe(1);
    const first = ws.getRow(5);
    const worked = first.getCell(3 + 28).value;
    expect(typeof worked).toBe("number");
    expect(worked as number).toBeGreaterThan(10);
  });
});

// Issue 14, item 4: An Phú opens on Saturday mornings, a half session worked by its Saturday rota
// (seeded: Lê Quang Huy). Nobody checks in at An Phú in the demo data.
describe("Saturday-morning opening", () => {
  const anPhu = async () => (await memberOf(srv.db, "anphu.giamdoc")).orgId;

  it("expects only the Saturday rota, for half a day", async () => {
    const org = await anPhu();
    const huy = (await memberOf(srv.db, "anphu.canbo01")).membershipId;
    const b = await board(srv.db, org, "2026-03-07", srv.clock.now());
    expect(b.working).toBe(true);
    expect(b.absent.map((r) => r.membershipId)).toEqual([huy]);
    expect(b.absent[0]!.absentDays).toBe(0.5);
    const leader = await signIn(srv, "anphu.giamdoc");
    const html = await (await leader.fetch("/o/an-phu/attendance?date=2026-03-07")).text();
    expect(html).toMatch(/Vắng không lý do[\s\S]*Lê Quang Huy/);
  });

  it("counts February's absences: 15 weekdays for everyone, plus two half Saturdays for the rota", async () => {
    const org = await anPhu();
    const sheet = await timesheet(srv.db, org, "2026-02", srv.clock.now());
    const absent = Object.fromEntries(sheet.rows.map((r) => [r.name, r.totals.absent]));
    expect(absent).toEqual({ "Lê Quang Huy": 16, "Nguyễn Thị Bích": 15, "Phạm Thị Yến": 15 });
    // The header shows the open Saturdays as working days, not weekend; Tết Saturdays stay holidays.
    const kind = (d: string) => sheet.kinds[sheet.dates.indexOf(d)];
    expect([kind("2026-02-07"), kind("2026-02-28"), kind("2026-02-14"), kind("2026-02-08")]).toEqual(["working", "working", "holiday", "weekend"]);
    const sat = sheet.dates.indexOf("2026-02-07");
    expect(sheet.rows.map((r) => [r.name, r.symbols[sat]])).toEqual([
      ["Lê Quang Huy", "V"],
      ["Nguyễn Thị Bích", ""],
      ["Phạm Thị Yến", ""],
    ]);
  });

  it("records anyone who comes on a Saturday morning, without lateness, if not on the rota", async () => {
    const org = await anPhu();
    const yen = await memberOf(srv.db, "anphu.canbo02");
    await srv.db
      .insertInto("attendance_records")
      .values({
        id: "sat-yen",
        org_id: org,
        membership_id: yen.membershipId,
        date: "2026-03-07",
        session: "day",
        check_in_at: vn("2026-03-07", "08:10").toISOString(),
        check_in_ip: "",
        check_out_at: null,
        check_out_ip: "",
        created_at: vn("2026-03-07", "08:10").toISOString(),
      })
      .execute();
    const b = await board(srv.db, org, "2026-03-07", srv.clock.now());
    expect(b.present.map((r) => r.membershipId)).toEqual([yen.membershipId]);
    expect(b.late).toEqual([]);
  });
});
