import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberOf } from "../helpers/db";
import { signIn, startSignedIn, shown, type Client, type TestServer } from "../helpers/server";

// The clock starts on Tuesday 10/03/2026 08:00 in Vietnam.
let srv: TestServer;
let director: Client;

beforeEach(async () => ({ srv, client: director } = await startSignedIn("tuky.giamdoc")));
afterEach(() => srv.close());

async function createRoster(form: Record<string, string> = {}) {
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
    ...form,
  });
  expect(res.status).toBe(200);
  return new URL(res.url).pathname.split("/").pop()!;
}

const slots = (rosterId: string) =>
  srv.db.selectFrom("roster_slots").selectAll().where("roster_id", "=", rosterId).orderBy("date").orderBy("kind").orderBy("position").execute();
const version = async (rosterId: string) =>
  String((await srv.db.selectFrom("rosters").select("version").where("id", "=", rosterId).executeTakeFirstOrThrow()).version);

describe("creating and filling a roster", () => {
  it("proposes the non-working days of the period with one leader and two staff slots each", async () => {
    const id = await createRoster();
    const all = await slots(id);
    expect([...new Set(all.map((s) => s.date))]).toEqual(["2026-04-30", "2026-05-01", "2026-05-02", "2026-05-03"]);
    expect(all.filter((s) => s.kind === "leader")).toHaveLength(4);
    expect(all.filter((s) => s.kind === "staff")).toHaveLength(8);
    // Holidays weigh more than the weekend.
    expect(all.find((s) => s.date === "2026-04-30")!.weight).toBe(2);
    expect(all.find((s) => s.date === "2026-05-02")!.weight).toBe(1);
  });

  it("fills every slot fairly in one click: leaders lead, nobody twice a day, nobody on consecutive days", async () => {
    const id = await createRoster();
    const res = await director.post(`/o/tu-ky/rosters/${id}`, { intent: "autoFill", version: await version(id) });
    expect(res.status).toBe(200);
    const all = await slots(id);
    expect(all.every((s) => s.membership_id)).toBe(true);
    const leaders = new Set([(await memberOf(srv.db, "tuky.giamdoc")).membershipId, (await memberOf(srv.db, "tuky.phogiamdoc")).membershipId]);
    expect(all.filter((s) => s.kind === "leader").every((s) => leaders.has(s.membership_id!))).toBe(true);
    expect(all.filter((s) => s.kind === "staff").some((s) => leaders.has(s.membership_id!))).toBe(false);
    const byDay = new Map<string, string[]>();
    for (const s of all) byDay.set(s.date, [...(byDay.get(s.date) ?? []), s.membership_id!]);
    for (const people of byDay.values()) expect(new Set(people).size).toBe(people.length);
    const staffOn = (d: string) => new Set(all.filter((s) => s.date === d && s.kind === "staff").map((s) => s.membership_id));
    expect([...staffOn("2026-04-30")].some((m) => staffOn("2026-05-01").has(m))).toBe(false);
    const page = await (await director.fetch(`/o/tu-ky/rosters/${id}`)).text();
    expect(page).toContain("Số ngày trực quy đổi trong năm 2026");
    expect(page).toContain("Âm lịch: 14/3"); // 30/04/2026 is the 14th of the third lunar month
  });

  it("warns about double booking and keeps the edit", async () => {
    const id = await createRoster();
    const all = await slots(id);
    const lan = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
    const [a, b] = all.filter((s) => s.date === "2026-05-02" && s.kind === "staff");
    const res = await director.post(`/o/tu-ky/rosters/${id}`, {
      intent: "save",
      version: await version(id),
      [`slot.${a!.id}`]: lan,
      [`was.${a!.id}`]: "",
      [`slot.${b!.id}`]: lan,
      [`was.${b!.id}`]: "",
    });
    expect(res.status).toBe(200);
    const page = await (await director.fetch(`/o/tu-ky/rosters/${id}`)).text();
    expect(page).toContain("Hoàng Thị Lan bị xếp hai ca trong ngày 02/05/2026.");
  });

  it("sees the shifts of an overlapping roster: auto-assign never double-books a day, and a hand-made double booking is warned", async () => {
    // A second roster over the days of the demo March weekend roster (published, every slot filled).
    const id = await createRoster({ title: "Lịch trực bổ sung tháng 3/2026", startDate: "2026-03-14", endDate: "2026-03-22", staffCount: "2" });
    const res = await director.post(`/o/tu-ky/rosters/${id}`, { intent: "autoFill", version: await version(id) });
    expect(res.status).toBe(200);
    const mine = await slots(id);
    const other = await srv.db
      .selectFrom("roster_slots as s")
      .innerJoin("rosters as r", "r.id", "s.roster_id")
      .select(["s.date", "s.membership_id"])
      .where("r.title", "=", "Lịch trực tiếp nhận hồ sơ ngày nghỉ cuối tuần tháng 3/2026")
      .where("s.date", ">=", "2026-03-14")
      .where("s.date", "<=", "2026-03-22")
      .execute();
    expect(other.length).toBeGreaterThan(0);
    const taken = new Set(other.map((s) => `${s.membership_id}|${s.date}`));
    const doubled = mine.filter((s) => s.membership_id && taken.has(`${s.membership_id}|${s.date}`));
    expect(doubled).toEqual([]);
    expect(mine.filter((s) => s.membership_id).length).toBeGreaterThan(0);
    let page = await (await director.fetch(`/o/tu-ky/rosters/${id}`)).text();
    expect(shown(page)).not.toContain("trùng hai lịch trực");

    // The director puts someone on a day they already serve in the other roster: a warning names it.
    const busy = other.find((s) => s.membership_id && mine.some((m) => m.date === s.date && m.kind === "staff"))!;
    const slot = mine.find((m) => m.date === busy.date && m.kind === "staff")!;
    const name = (await srv.db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select("u.full_name").where("m.id", "=", busy.membership_id!).executeTakeFirstOrThrow()).full_name;
    const saved = await director.post(`/o/tu-ky/rosters/${id}`, {
      intent: "save",
      version: await version(id),
      [`slot.${slot.id}`]: busy.membership_id!,
      [`was.${slot.id}`]: slot.membership_id ?? "",
    });
    expect(saved.status).toBe(200);
    page = await (await director.fetch(`/o/tu-ky/rosters/${id}`)).text();
    const [y, m, d] = busy.date.split("-");
    expect(page).toContain(`${name} đã có ca trực ngày ${d}/${m}/${y} trong “Lịch trực tiếp nhận hồ sơ ngày nghỉ cuối tuần tháng 3/2026”: trùng hai lịch trực.`);
  });

  it("does not let a stale form overwrite another editor's changes", async () => {
    const id = await createRoster();
    const v = await version(id);
    expect((await director.post(`/o/tu-ky/rosters/${id}`, { intent: "autoFill", version: v })).status).toBe(200);
    const stale = await director.post(`/o/tu-ky/rosters/${id}`, { intent: "save", version: v });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("Lịch trực vừa được người khác thay đổi");
  });

  it("writes only the slots the page changed, and only where they still hold what it showed", async () => {
    const id = await createRoster();
    expect((await director.post(`/o/tu-ky/rosters/${id}`, { intent: "autoFill", version: await version(id) })).status).toBe(200);
    const filled = await slots(id);
    const staff = filled.filter((s) => s.kind === "staff");
    const [x, y] = staff;
    const other = staff.find((s) => s.membership_id !== x!.membership_id && s.date !== x!.date)!.membership_id!;
    // Pickers that still show the empty roster (the page was not refreshed): nothing to write for them.
    const form: Record<string, string> = { intent: "save", version: String(await version(id)) };
    for (const s of filled) Object.assign(form, { [`slot.${s.id}`]: "", [`was.${s.id}`]: "" });
    Object.assign(form, { [`slot.${x!.id}`]: other, [`was.${x!.id}`]: x!.membership_id! });
    expect((await director.post(`/o/tu-ky/rosters/${id}`, form)).status).toBe(200);
    const after = await slots(id);
    expect(after.find((s) => s.id === x!.id)!.membership_id).toBe(other);
    expect(after.filter((s) => s.id !== x!.id)).toEqual(filled.filter((s) => s.id !== x!.id));
    // A slot that no longer holds what the page showed is refused, and nothing is written.
    const wrong = await director.post(`/o/tu-ky/rosters/${id}`, {
      intent: "save",
      version: String(await version(id)),
      [`slot.${y!.id}`]: "",
      [`was.${y!.id}`]: other === y!.membership_id ? x!.membership_id! : other,
    });
    expect(wrong.status).toBe(400);
    expect(await slots(id)).toEqual(after);
  });
});

describe("publishing, confirming and checking in", () => {
  it("shows a published shift to its member, who confirms and checks in during the shift", async () => {
    const id = await createRoster();
    await director.post(`/o/tu-ky/rosters/${id}`, { intent: "autoFill", version: await version(id) });
    await director.post(`/o/tu-ky/rosters/${id}`, { intent: "publish", confirm: "on", version: await version(id) });
    const slot = (await slots(id)).find((s) => s.kind === "staff" && s.date === "2026-05-02")!;
    const username = (
      await srv.db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select("u.username").where("m.id", "=", slot.membership_id!).executeTakeFirstOrThrow()
    ).username;
    const clerk = await signIn(srv, username);
    const mine = await (await clerk.fetch("/o/tu-ky/rosters")).text();
    expect(mine).toContain("Lịch trực của tôi");
    expect(mine).toContain("02/05/2026");
    expect((await clerk.post("/o/tu-ky/rosters", { intent: "confirm", slotId: slot.id })).status).toBe(200);
    const early = await clerk.post("/o/tu-ky/rosters", { intent: "checkIn", slotId: slot.id });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Chỉ điểm danh được trong ca trực");
    srv.clock.current = new Date("2026-05-02T00:35:00Z"); // 07:35 on Saturday 02/05
    await clerk.login(username);
    expect((await clerk.post("/o/tu-ky/rosters", { intent: "checkIn", slotId: slot.id })).status).toBe(200);
    const row = await srv.db.selectFrom("roster_slots").selectAll().where("id", "=", slot.id).executeTakeFirstOrThrow();
    expect(row.confirmed_at).not.toBeNull();
    expect(row.checked_in_at).toBe("2026-05-02T00:35:00.000Z");
    // The other staff member on that day did not check in: missed after the shift ends.
    srv.clock.current = new Date("2026-05-02T05:00:00Z"); // 12:00
    await director.login("tuky.giamdoc");
    const page = await (await director.fetch(`/o/tu-ky/rosters/${id}`)).text();
    expect(page).toContain("Đã trực");
    expect(page).toContain("Vắng trực");
  });

  it("swaps a shift: requested, accepted by the colleague, approved by the director", async () => {
    const id = await createRoster();
    await director.post(`/o/tu-ky/rosters/${id}`, { intent: "autoFill", version: await version(id) });
    await director.post(`/o/tu-ky/rosters/${id}`, { intent: "publish", confirm: "on", version: await version(id) });
    const slot = (await slots(id)).find((s) => s.kind === "staff")!;
    const names = await srv.db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select(["m.id", "u.username"]).execute();
    const username = (id: string) => names.find((n) => n.id === id)!.username;
    const requester = await signIn(srv, username(slot.membership_id!));
    const targetName = ["tuky.canbo01", "tuky.canbo02"].find((u) => u !== username(slot.membership_id!))!;
    const target = (await memberOf(srv.db, targetName)).membershipId;
    expect((await requester.post(`/o/tu-ky/rosters/${id}`, { intent: "requestSwap", slotId: slot.id, targetId: target, reason: "Con ốm" })).status).toBe(200);
    const swap = await srv.db.selectFrom("roster_swaps").selectAll().where("slot_id", "=", slot.id).executeTakeFirstOrThrow();
    // The director cannot approve before the colleague accepts.
    expect((await director.post("/o/tu-ky/rosters", { intent: "approveSwap", swapId: swap.id })).status).toBe(403);
    const colleague = await signIn(srv, targetName);
    expect(await (await colleague.fetch("/o/tu-ky/rosters")).text()).toContain("Đề nghị đổi ca chờ xử lý");
    expect((await colleague.post("/o/tu-ky/rosters", { intent: "acceptSwap", swapId: swap.id })).status).toBe(200);
    expect((await director.post("/o/tu-ky/rosters", { intent: "approveSwap", swapId: swap.id })).status).toBe(200);
    const after = await srv.db.selectFrom("roster_slots").select("membership_id").where("id", "=", slot.id).executeTakeFirstOrThrow();
    expect(after.membership_id).toBe(target);
    const page = await (await director.fetch(`/o/tu-ky/rosters/${id}`)).text();
    expect(page).toContain("Thay đổi sau khi ban hành");
    expect(page).toContain("duyệt đổi ca ngày");
  });
});

describe("who may do what", () => {
  it("keeps drafts and editing to directors and deputies", async () => {
    const id = await createRoster();
    const clerk = await signIn(srv, "tuky.canbo01");
    expect((await clerk.fetch("/o/tu-ky/rosters/new")).status).toBe(403);
    expect((await clerk.fetch(`/o/tu-ky/rosters/${id}`)).status).toBe(404);
    expect((await clerk.post(`/o/tu-ky/rosters/${id}`, { intent: "autoFill", version: await version(id) })).status).toBe(403);
    const list = await (await clerk.fetch("/o/tu-ky/rosters")).text();
    expect(list).not.toContain("Lịch trực dịp lễ 30/4");
    expect(list).toContain("Lịch trực Tết Nguyên đán Bính Ngọ 2026");
  });
});

describe("the demo Tết roster and its print view", () => {
  it("is published, fully checked in but for one missed shift, and prints in the official style", async () => {
    const roster = await srv.db.selectFrom("rosters").selectAll().where("title", "=", "Lịch trực Tết Nguyên đán Bính Ngọ 2026").executeTakeFirstOrThrow();
    const all = await slots(roster.id);
    expect(roster.status).toBe("published");
    expect(all.length).toBe(27);
    expect(all.filter((s) => !s.checked_in_at)).toHaveLength(1);
    const print = await (await director.fetch(`/o/tu-ky/rosters/${roster.id}/print`)).text();
    expect(print).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(print).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(print).toContain("Ủy ban nhân dân xã Tứ Kỳ");
    expect(print).toContain("LỊCH TRỰC");
    // The number line, and the title said once: "LỊCH TRỰC" / "Tết Nguyên đán Bính Ngọ 2026".
    expect(print).toMatch(/Số:(<!-- -->)? <span class="inline-block w-12"><\/span> <span class="whitespace-nowrap">\/LT-TTPVHCC<\/span>/);
    expect(print).toContain(">Tết Nguyên đán Bính Ngọ 2026</p>");
    expect(print).not.toMatch(/<p[^>]*>Lịch trực Tết Nguyên đán Bính Ngọ 2026<\/p>/);
    // A name never breaks inside itself.
    expect(print).toContain('<span class="whitespace-nowrap">Nguyễn Văn Hùng</span>');
    expect(print).toContain("1/1"); // Tết day, lunar
    expect(print).toContain("Nơi nhận:");
    expect(print).toContain("Nguyễn Văn Hùng");
  });
});

describe("roster export", () => {
  it("downloads a roster as a spreadsheet with real dates", async () => {
    const roster = await srv.db.selectFrom("rosters").selectAll().where("title", "=", "Lịch trực Tết Nguyên đán Bính Ngọ 2026").executeTakeFirstOrThrow();
    const res = await director.fetch(`/o/tu-ky/rosters/${roster.id}/export.xlsx`);
    expect(res.status).toBe(200);
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).getCell(1).value).toBe("Ngày");
    expect((ws.getRow(5).getCell(1).value as Date).toISOString().slice(0, 10)).toBe("2026-02-14");
    expect(ws.getRow(5).getCell(3).value).toBe("27/12");
    expect(ws.rowCount).toBe(4 + 27);
  });
});
