import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decideCorrection } from "~/modules/attendance/attendance.server";
import { finaliseEvaluation } from "~/modules/evaluation/evaluation.server";
import { inspectionViewerOf, verifyAction } from "~/modules/inspections/inspections.server";
import { decideLeave } from "~/modules/leave/leave.server";
import { decideSwap } from "~/modules/rosters/rosters.server";
import { decideExtension, decideSubmission, viewerOf } from "~/modules/tasks/tasks.server";
import type { NotificationKind } from "../../db/schema";
import { memberOf } from "../helpers/db";
import { startServer, type Client, type TestServer } from "../helpers/server";

// Decisions are impartial and atomic (architecture rule 9), seen from the outside: over HTTP
// against the built server. The clock starts on Tuesday 10/03/2026 08:00 in Vietnam.
let srv: TestServer;

beforeEach(async () => {
  srv = await startServer();
});
afterEach(async () => {
  await srv.close();
});

const OWN_CASE = "Bạn không thể tự quyết định việc liên quan đến chính mình";
const ALREADY = "Yêu cầu này đã được xử lý.";
const INSPECTIONS = "/o/tu-ky/inspections";
const QUAY_1 = "Quầy 1 – Tư pháp – Hộ tịch";

async function as(username: string) {
  const c = srv.client();
  await c.login(username);
  return c;
}
const id = (username: string) => memberOf(srv.db, username).then((m) => m.membershipId);
const audits = (entityId: string, prefix: string) =>
  srv.db.selectFrom("audit_log").select("action").where("entity_id", "=", entityId).where("action", "like", `${prefix}%`).execute();
/** Notifications of a kind made by the tests (the seed's are older than the test clock). */
const notifications = (kind: NotificationKind) =>
  srv.db.selectFrom("notifications").select(["membership_id", "params"]).where("kind", "=", kind).where("created_at", ">=", srv.clock.now().toISOString()).execute();

/** An inspection of `members` by `by`, C03 failed for the first member, submitted; returns its id and that result. */
async function submittedInspection(by: Client, members: string[]) {
  const template = await srv.db.selectFrom("inspection_templates").select(["id", "current_version_id"]).where("active", "=", 1).orderBy("created_at").executeTakeFirstOrThrow();
  const created = await by.post(`${INSPECTIONS}/new`, { intent: "create", counter: QUAY_1, place: "", memberIds: await Promise.all(members.map(id)), templateId: template.id });
  expect(created.status).toBe(200);
  const inspectionId = new URL(created.url).pathname.split("/").pop()!;
  const c03 = (await srv.db.selectFrom("inspection_template_items").select("id").where("version_id", "=", template.current_version_id!).where("code", "=", "C03").executeTakeFirstOrThrow()).id;
  const member = await id(members[0]!);
  const insp = await srv.db.selectFrom("inspections").select("version").where("id", "=", inspectionId).executeTakeFirstOrThrow();
  const submitted = await by.post(`${INSPECTIONS}/${inspectionId}`, { intent: "submit", version: String(insp.version), [`outcome.${member}.${c03}`]: "fail", [`note.${member}.${c03}`]: "Không đeo thẻ." });
  expect(submitted.status).toBe(200);
  const result = await srv.db.selectFrom("inspection_results").select("id").where("inspection_id", "=", inspectionId).where("item_id", "=", c03).where("membership_id", "=", member).executeTakeFirstOrThrow();
  return { inspectionId, resultId: result.id };
}

/** A published roster for 30/04–03/05 with one leader and two staff a day, filled automatically. */
async function publishedRoster(director: Client) {
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
  expect((await director.post(`/o/tu-ky/rosters/${rosterId}`, { intent: "autoFill", version: await version() })).status).toBe(200);
  expect((await director.post(`/o/tu-ky/rosters/${rosterId}`, { intent: "publish", confirm: "on", version: await version() })).status).toBe(200);
  return rosterId;
}

const usernameOf = async (membershipId: string) =>
  (await srv.db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select("u.username").where("m.id", "=", membershipId).executeTakeFirstOrThrow()).username;

/** The member of a slot asks a colleague to take it over and the colleague accepts; returns the swap. */
async function acceptedSwap(rosterId: string, slot: { id: string; membership_id: string | null }, targetUsername: string, accept = true) {
  const requester = await as(await usernameOf(slot.membership_id!));
  const target = await id(targetUsername);
  expect((await requester.post(`/o/tu-ky/rosters/${rosterId}`, { intent: "requestSwap", slotId: slot.id, targetId: target, reason: "Việc gia đình" })).status).toBe(200);
  const swap = await srv.db.selectFrom("roster_swaps").selectAll().where("slot_id", "=", slot.id).executeTakeFirstOrThrow();
  if (accept) expect((await (await as(targetUsername)).post("/o/tu-ky/rosters", { intent: "acceptSwap", swapId: swap.id })).status).toBe(200);
  return swap;
}

/** Fires the requests all at once; returns each status with its page. */
async function race(requests: (() => Promise<Response>)[]) {
  const responses = await Promise.all(requests.map((r) => r()));
  return Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.text() })));
}

/** Exactly one request decided; every other one was told, on its page, that it was already decided. */
function expectOneDecision(results: { status: number; body: string }[]) {
  expect(results.map((r) => r.status).sort()).toEqual([200, ...Array<number>(results.length - 1).fill(400)]);
  for (const r of results.filter((x) => x.status !== 200)) expect(r.body).toContain(ALREADY);
}

const N = 8;
/** N requests alternating between clients and between two intents (approve / refuse …). */
const mixed = (clients: Client[], path: string, forms: Record<string, string>[]) =>
  Array.from({ length: N }, (_, i) => () => clients[i % clients.length]!.post(path, forms[Math.floor(i / clients.length) % forms.length]!));

describe("nobody decides their own case", () => {
  it("an inspector cannot conclude a corrective action raised against them, nor amend the record of their own inspection", async () => {
    const director = await as("tuky.giamdoc");
    const inspector = await as("tuky.kiemtra");
    const { inspectionId, resultId } = await submittedInspection(director, ["tuky.kiemtra", "tuky.canbo01"]);
    const page = `${INSPECTIONS}/${inspectionId}`;
    // The inspector cannot raise one about themselves either.
    const raiseOwn = await inspector.post(page, { intent: "raiseAction", resultId, requirement: "Tự nhắc nhở", dueDate: "2026-03-12" });
    expect(raiseOwn.status).toBe(400);
    expect(await raiseOwn.text()).toContain(OWN_CASE);
    expect((await director.post(page, { intent: "raiseAction", resultId, requirement: "Đeo thẻ công chức khi làm việc.", dueDate: "2026-03-12" })).status).toBe(200);
    const action = await srv.db.selectFrom("inspection_actions").selectAll().where("inspection_id", "=", inspectionId).executeTakeFirstOrThrow();
    // Explaining is theirs to do.
    expect((await inspector.post(page, { intent: "explain", actionId: action.id, explanation: "Tôi đã đeo thẻ từ hôm sau.", version: String(action.version) })).status).toBe(200);
    const view = await (await inspector.fetch(page)).text();
    expect(view).not.toContain('value="resolve"');

    const resolve = await inspector.post(page, { intent: "resolve", actionId: action.id, note: "Đã khắc phục", version: String(action.version + 1) });
    expect(resolve.status).toBe(400);
    expect(await resolve.text()).toContain(OWN_CASE);
    expect((await srv.db.selectFrom("inspection_actions").select("status").where("id", "=", action.id).executeTakeFirstOrThrow()).status).toBe("explained");

    const about: Record<string, string>[] = [{ membershipId: await id("tuky.kiemtra") }, {}, { membershipId: await id("tuky.canbo01") }];
    for (const form of about) {
      const amend = await inspector.post(page, { intent: "addendum", text: "Bổ sung: cán bộ đã đeo thẻ ngay sau đó.", ...form });
      expect(amend.status).toBe(400);
      expect(await amend.text()).toContain(OWN_CASE);
    }
    expect(await srv.db.selectFrom("inspection_addenda").select("id").where("inspection_id", "=", inspectionId).execute()).toHaveLength(0);
    expect(await audits(action.id, "inspection.actionResolved")).toHaveLength(0);

    // Someone else may.
    expect((await director.post(page, { intent: "resolve", actionId: action.id, version: String(action.version + 1) })).status).toBe(200);
    expect((await director.post(page, { intent: "addendum", text: "Bổ sung: đã kiểm tra lại.", membershipId: await id("tuky.kiemtra") })).status).toBe(200);
  });

  it("a deputy cannot approve the swap of their own duty shift, nor the director one he takes over", async () => {
    const director = await as("tuky.giamdoc");
    const deputy = await as("tuky.phogiamdoc");
    const rosterId = await publishedRoster(director);
    const deputyId = await id("tuky.phogiamdoc");
    const slot = await srv.db.selectFrom("roster_slots").selectAll().where("roster_id", "=", rosterId).where("membership_id", "=", deputyId).orderBy("date").executeTakeFirstOrThrow();
    const swap = await acceptedSwap(rosterId, slot, "tuky.giamdoc");
    for (const leader of [deputy, director]) {
      const res = await leader.post("/o/tu-ky/rosters", { intent: "approveSwap", swapId: swap.id });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(OWN_CASE);
    }
    expect((await srv.db.selectFrom("roster_swaps").select("status").where("id", "=", swap.id).executeTakeFirstOrThrow()).status).toBe("accepted");
    expect((await srv.db.selectFrom("roster_slots").select("membership_id").where("id", "=", slot.id).executeTakeFirstOrThrow()).membership_id).toBe(deputyId);
    expect(await audits(swap.id, "roster.swapApproved")).toHaveLength(0);
  });

  it("nobody changes their own roles: not the admin to director, not the director to admin", async () => {
    for (const [username, roles] of [
      ["tuky.admin", ["admin", "director"]],
      ["tuky.giamdoc", ["director", "admin"]],
      ["tuky.giamdoc", ["staff"]],
    ] as const) {
      const me = await as(username);
      const m = await srv.db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select(["m.id", "m.roles", "m.position_id", "m.title", "u.full_name"]).where("u.username", "=", username).executeTakeFirstOrThrow();
      const form = { intent: "save", fullName: m.full_name, username, title: m.title, positionId: m.position_id ?? "", phone: "0912 345 699" };
      const res = await me.post(`/o/tu-ky/staff/${m.id}`, { ...form, roles: [...roles] });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Bạn không thể tự thay đổi vai trò của mình");
      expect((await srv.db.selectFrom("memberships").select("roles").where("id", "=", m.id).executeTakeFirstOrThrow()).roles).toBe(m.roles);
      // The rest of one's own record can be edited, roles unchanged (the page sends them locked).
      const page = await (await me.fetch(`/o/tu-ky/staff/${m.id}`)).text();
      expect(page).toContain("Bạn không thể tự thay đổi vai trò của mình");
      expect((await me.post(`/o/tu-ky/staff/${m.id}`, { ...form, roles: m.roles.split(",") })).status).toBe(200);
    }
    // Another person's roles can be changed.
    const admin = await as("tuky.admin");
    const lan = await srv.db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select(["m.id", "m.position_id", "m.title", "u.full_name"]).where("u.username", "=", "tuky.canbo01").executeTakeFirstOrThrow();
    const other = await admin.post(`/o/tu-ky/staff/${lan.id}`, { intent: "save", fullName: lan.full_name, username: "tuky.canbo01", title: lan.title, positionId: lan.position_id ?? "", roles: ["staff", "inspector"] });
    expect(other.status).toBe(200);
  });

  it("a leader cannot accept their own attendance correction, and is told so on the page", async () => {
    const director = await as("tuky.giamdoc");
    expect((await director.post("/o/tu-ky/attendance", { intent: "requestCorrection", date: "2026-03-09", session: "day", checkInTime: "07:25", reason: "Quên chấm công" })).status).toBe(200);
    const own = await srv.db.selectFrom("attendance_corrections").select("id").where("membership_id", "=", await id("tuky.giamdoc")).executeTakeFirstOrThrow();
    const res = await director.post("/o/tu-ky/attendance", { intent: "approveCorrection", correctionId: own.id });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Không thể tự duyệt đề nghị của mình.");
    expect((await (await as("tuky.phogiamdoc")).post("/o/tu-ky/attendance", { intent: "approveCorrection", correctionId: own.id })).status).toBe(200);
  });

  it("the approver of a task cannot decide its result or its extension when the task is theirs", async () => {
    const director = await as("tuky.giamdoc");
    const deputyId = await id("tuky.phogiamdoc");
    const created = await director.post("/o/tu-ky/tasks/new", {
      intent: "assign",
      title: "Rà soát quy trình tiếp nhận hồ sơ đất đai",
      description: "Rà soát và đề xuất rút gọn quy trình nội bộ.",
      assigneeId: deputyId,
      approverId: await id("tuky.giamdoc"),
      sourceKind: "plan",
      sourceRef: "KH 12/KH-TTPVHCC",
      startDate: "2026-03-10",
      deadlineDate: "2026-03-20",
      deliverable: "Quy trình rút gọn",
      priority: "normal",
      recurrence: "none",
    });
    expect(created.status).toBe(200);
    const taskId = new URL(created.url).pathname.split("/").pop()!;
    const deputy = await as("tuky.phogiamdoc");
    const version = async () => String((await srv.db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow()).version);
    expect((await deputy.post(`/o/tu-ky/tasks/${taskId}`, { intent: "requestExtension", requestedDate: "2026-03-27", reason: "Chờ ý kiến Sở", version: await version() })).status).toBe(200);
    // Data from before the rule "the approver is not the person in charge": the task is the deputy's own.
    await srv.db.updateTable("tasks").set({ approver_id: deputyId }).where("id", "=", taskId).execute();
    const ext = await srv.db.selectFrom("task_extensions").select("id").where("task_id", "=", taskId).executeTakeFirstOrThrow();
    const grant = await deputy.post(`/o/tu-ky/tasks/${taskId}`, { intent: "grantExtension", extensionId: ext.id, version: await version() });
    expect(grant.status).toBe(400);
    expect(await grant.text()).toContain(OWN_CASE);
    expect((await deputy.post(`/o/tu-ky/tasks/${taskId}`, { intent: "submit", text: "Đã rà soát xong", version: await version() })).status).toBe(200);
    const approve = await deputy.post(`/o/tu-ky/tasks/${taskId}`, { intent: "approve", version: await version() });
    expect(approve.status).toBe(400);
    expect(await approve.text()).toContain(OWN_CASE);
    expect((await srv.db.selectFrom("tasks").select("status").where("id", "=", taskId).executeTakeFirstOrThrow()).status).toBe("submitted");
  });
});

// ---- simultaneous decisions ----

type Roles = ("director" | "deputy" | "inspector" | "staff" | "admin")[];
/** The service context of a member acting now (for the direct calls). */
async function actor(username: string) {
  const m = await memberOf(srv.db, username);
  const roles = (await srv.db.selectFrom("memberships").select("roles").where("id", "=", m.membershipId).executeTakeFirstOrThrow()).roles.split(",") as Roles;
  return { ctx: { orgId: m.orgId, actorUserId: m.userId, membershipId: m.membershipId, now: srv.clock.now() }, roles };
}

/**
 * One decision, set up over HTTP; decided either by N requests at once over HTTP (two clients,
 * both answers mixed), or by two service calls started together, so that both read the pending
 * state before either writes (the race the conditional write closes). `check` asserts one effect.
 */
interface Race<S> {
  name: string;
  setup: () => Promise<S>;
  deciders: string[];
  path: (s: S) => string;
  forms: (s: S) => Record<string, string>[];
  direct: (s: S, who: Awaited<ReturnType<typeof actor>>, i: number) => Promise<unknown>;
  check: (s: S) => Promise<void>;
}

const oneOf = async (entityId: string, actions: string[]) => {
  const rows = await srv.db.selectFrom("audit_log").select("action").where("entity_id", "=", entityId).where("action", "in", actions).execute();
  expect(rows).toHaveLength(1);
  return rows[0]!.action;
};

async function newTask() {
  const director = await as("tuky.giamdoc");
  const created = await director.post("/o/tu-ky/tasks/new", {
    intent: "assign",
    title: "Số hóa hồ sơ hộ tịch năm 2016",
    description: "Scan và nhập dữ liệu sổ đăng ký khai sinh năm 2016 vào hệ thống.",
    assigneeId: await id("tuky.canbo01"),
    approverId: await id("tuky.giamdoc"),
    sourceKind: "plan",
    sourceRef: "KH 12/KH-TTPVHCC",
    startDate: "2026-03-10",
    deadlineDate: "2026-03-20",
    deliverable: "Dữ liệu 1.200 bản ghi khai sinh trên hệ thống.",
    priority: "high",
    recurrence: "none",
  });
  expect(created.status).toBe(200);
  const taskId = new URL(created.url).pathname.split("/").pop()!;
  return { taskId, lan: await as("tuky.canbo01"), version: async () => String((await srv.db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow()).version) };
}
const task = (taskId: string) => srv.db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirstOrThrow();

const correction: Race<{ id: string }> = {
  name: "an attendance correction (accept / refuse, by two leaders)",
  deciders: ["tuky.giamdoc", "tuky.phogiamdoc"],
  async setup() {
    const clerk = await as("tuky.canbo01");
    expect((await clerk.post("/o/tu-ky/attendance", { intent: "requestCorrection", date: "2026-03-09", session: "day", checkInTime: "07:28", reason: "Quên chấm công" })).status).toBe(200);
    return srv.db.selectFrom("attendance_corrections").select("id").where("membership_id", "=", await id("tuky.canbo01")).executeTakeFirstOrThrow();
  },
  path: () => "/o/tu-ky/attendance",
  forms: (c) => [{ intent: "approveCorrection", correctionId: c.id }, { intent: "refuseCorrection", correctionId: c.id }],
  direct: (c, who, i) => decideCorrection(srv.db, who.ctx, { correctionId: c.id, approve: i % 2 === 0 }),
  async check(c) {
    const action = await oneOf(c.id, ["attendance.correctionApproved", "attendance.correctionRefused"]);
    const row = await srv.db.selectFrom("attendance_corrections").select(["status", "decided_by"]).where("id", "=", c.id).executeTakeFirstOrThrow();
    expect(row.status).toBe(action === "attendance.correctionApproved" ? "approved" : "refused");
    expect(await notifications("correctionDecided")).toHaveLength(1);
  },
};

const leave: Race<{ id: string }> = {
  name: "a leave request (approve / refuse, by two leaders)",
  deciders: ["tuky.giamdoc", "tuky.phogiamdoc"],
  // The seeded pending request of Vũ Đức Minh (tuky.canbo02), 19–20/03.
  setup: async () => srv.db.selectFrom("leave_requests").select("id").where("membership_id", "=", await id("tuky.canbo02")).where("status", "=", "pending").executeTakeFirstOrThrow(),
  path: () => "/o/tu-ky/leave",
  forms: (l) => [{ intent: "approve", id: l.id, note: "Đồng ý" }, { intent: "refuse", id: l.id, note: "Trùng lịch kiểm tra" }],
  direct: (l, who, i) => decideLeave(srv.db, who.ctx, i % 2 === 0 ? { intent: "approve", id: l.id, note: "Đồng ý" } : { intent: "refuse", id: l.id, note: "Trùng lịch kiểm tra" }),
  async check(l) {
    const action = await oneOf(l.id, ["leave.approved", "leave.refused"]);
    expect((await srv.db.selectFrom("leave_requests").select("status").where("id", "=", l.id).executeTakeFirstOrThrow()).status).toBe(action.slice(6));
    expect(await notifications("leaveDecided")).toHaveLength(1);
  },
};

interface SwapCase {
  rosterId: string;
  swapId: string;
  slotId: string;
  requester: string;
  target: string;
  rosterVersion: number;
}
/** A staff shift of a published roster, asked to be taken over by a staff member free that day. */
async function swapSetup(accept: boolean): Promise<SwapCase> {
  const rosterId = await publishedRoster(await as("tuky.giamdoc"));
  const slots = await srv.db.selectFrom("roster_slots").selectAll().where("roster_id", "=", rosterId).where("kind", "=", "staff").orderBy("date").execute();
  const slot = slots[0]!;
  const onDay = new Set(slots.filter((x) => x.date === slot.date).map((x) => x.membership_id));
  const staff = await srv.db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select(["m.id", "u.username"]).where("u.username", "like", "tuky.canbo%").orderBy("u.username").execute();
  const target = staff.find((m) => !onDay.has(m.id))!;
  const swap = await acceptedSwap(rosterId, slot, target.username, accept);
  const rosterVersion = (await srv.db.selectFrom("rosters").select("version").where("id", "=", rosterId).executeTakeFirstOrThrow()).version;
  return { rosterId, swapId: swap.id, slotId: slot.id, requester: slot.membership_id!, target: target.username, rosterVersion };
}

const colleagueAnswer: Race<SwapCase> = {
  name: "the colleague's answer to a shift swap (accept / decline, two sessions)",
  deciders: [],
  setup: () => swapSetup(false),
  path: () => "/o/tu-ky/rosters",
  forms: (w) => [{ intent: "acceptSwap", swapId: w.swapId }, { intent: "declineSwap", swapId: w.swapId }],
  direct: (w, who, i) => decideSwap(srv.db, who.ctx, who.roles, { intent: i % 2 === 0 ? "acceptSwap" : "declineSwap", swapId: w.swapId }),
  async check(w) {
    const action = await oneOf(w.swapId, ["roster.swapAccepted", "roster.swapDeclined"]);
    expect((await srv.db.selectFrom("roster_swaps").select("status").where("id", "=", w.swapId).executeTakeFirstOrThrow()).status).toBe(action === "roster.swapAccepted" ? "accepted" : "declined");
    expect(await notifications("swapDecided")).toHaveLength(action === "roster.swapDeclined" ? 1 : 0);
  },
};

const swapDecision: Race<SwapCase> = {
  name: "a shift swap (approve / refuse, by two leaders), the roster changed once",
  deciders: ["tuky.giamdoc", "tuky.phogiamdoc"],
  setup: () => swapSetup(true),
  path: () => "/o/tu-ky/rosters",
  forms: (w) => [{ intent: "approveSwap", swapId: w.swapId }, { intent: "refuseSwap", swapId: w.swapId }],
  direct: (w, who, i) => decideSwap(srv.db, who.ctx, who.roles, { intent: i % 2 === 0 ? "approveSwap" : "refuseSwap", swapId: w.swapId }),
  async check(w) {
    const approved = (await oneOf(w.swapId, ["roster.swapApproved", "roster.swapRefused"])) === "roster.swapApproved";
    expect((await srv.db.selectFrom("roster_swaps").select("status").where("id", "=", w.swapId).executeTakeFirstOrThrow()).status).toBe(approved ? "approved" : "refused");
    expect(await notifications("swapDecided")).toHaveLength(2); // the requester and the colleague, once each
    expect(await srv.db.selectFrom("roster_changes").select("id").where("roster_id", "=", w.rosterId).where("kind", "=", "swapped").execute()).toHaveLength(approved ? 1 : 0);
    expect((await srv.db.selectFrom("rosters").select("version").where("id", "=", w.rosterId).executeTakeFirstOrThrow()).version).toBe(w.rosterVersion + (approved ? 1 : 0));
    const holder = (await srv.db.selectFrom("roster_slots").select("membership_id").where("id", "=", w.slotId).executeTakeFirstOrThrow()).membership_id;
    expect(holder).toBe(approved ? await id(w.target) : w.requester);
  },
};

const submission: Race<{ taskId: string; version: string }> = {
  name: "a task's result (approve / return, the approver in two sessions)",
  deciders: ["tuky.giamdoc", "tuky.giamdoc"],
  async setup() {
    const t = await newTask();
    expect((await t.lan.post(`/o/tu-ky/tasks/${t.taskId}`, { intent: "submit", text: "Đã nhập đủ 1.200 bản ghi.", version: await t.version() })).status).toBe(200);
    return { taskId: t.taskId, version: await t.version() };
  },
  path: (t) => `/o/tu-ky/tasks/${t.taskId}`,
  forms: (t) => [{ intent: "approve", note: "Tốt", version: t.version }, { intent: "return", note: "Thiếu biên bản kiểm tra", version: t.version }],
  direct: (t, who, i) =>
    decideSubmission(srv.db, who.ctx, viewerOf(who.ctx, who.roles), t.taskId, i % 2 === 0 ? { intent: "approve", version: Number(t.version) } : { intent: "return", note: "Thiếu biên bản", version: Number(t.version) }),
  async check(t) {
    const approved = (await oneOf(t.taskId, ["task.approved", "task.returned"])) === "task.approved";
    const after = await task(t.taskId);
    expect([after.status, after.version, after.return_count]).toEqual([approved ? "done" : "returned", Number(t.version) + 1, approved ? 0 : 1]);
    expect((await srv.db.selectFrom("task_submissions").select("decision").where("task_id", "=", t.taskId).execute()).map((d) => d.decision)).toEqual([approved ? "accepted" : "returned"]);
    expect(await srv.db.selectFrom("task_events").select("id").where("task_id", "=", t.taskId).where("kind", "in", ["approved", "returned"]).execute()).toHaveLength(1);
    expect((await notifications("taskApproved")).length + (await notifications("taskReturned")).length).toBe(1);
  },
};

const extension: Race<{ taskId: string; extensionId: string; version: string }> = {
  name: "a task's extension (grant / refuse, the approver in two sessions)",
  deciders: ["tuky.giamdoc", "tuky.giamdoc"],
  async setup() {
    const t = await newTask();
    expect((await t.lan.post(`/o/tu-ky/tasks/${t.taskId}`, { intent: "requestExtension", requestedDate: "2026-03-27", reason: "Máy scan hỏng", version: await t.version() })).status).toBe(200);
    const ext = await srv.db.selectFrom("task_extensions").select("id").where("task_id", "=", t.taskId).executeTakeFirstOrThrow();
    return { taskId: t.taskId, extensionId: ext.id, version: await t.version() };
  },
  path: (t) => `/o/tu-ky/tasks/${t.taskId}`,
  forms: (t) => [{ intent: "grantExtension", extensionId: t.extensionId, note: "", version: t.version }, { intent: "refuseExtension", extensionId: t.extensionId, note: "Không đủ căn cứ", version: t.version }],
  direct: (t, who, i) =>
    decideExtension(srv.db, who.ctx, viewerOf(who.ctx, who.roles), t.taskId, { intent: i % 2 === 0 ? "grantExtension" : "refuseExtension", extensionId: t.extensionId, version: Number(t.version) }),
  async check(t) {
    const granted = (await oneOf(t.taskId, ["task.extensionGranted", "task.extensionRefused"])) === "task.extensionGranted";
    const after = await task(t.taskId);
    expect([after.extension_count, after.deadline_date, after.version]).toEqual([granted ? 1 : 0, granted ? "2026-03-27" : "2026-03-20", Number(t.version) + 1]);
    expect((await srv.db.selectFrom("task_extensions").select("status").where("id", "=", t.extensionId).executeTakeFirstOrThrow()).status).toBe(granted ? "granted" : "refused");
    expect(await notifications("extensionDecided")).toHaveLength(1);
  },
};

const correctiveAction: Race<{ inspectionId: string; actionId: string; version: string }> = {
  name: "a corrective action (resolved / not resolved, the inspector and the director)",
  deciders: ["tuky.kiemtra", "tuky.giamdoc"],
  async setup() {
    const inspector = await as("tuky.kiemtra");
    const { inspectionId, resultId } = await submittedInspection(inspector, ["tuky.canbo09"]);
    expect((await inspector.post(`${INSPECTIONS}/${inspectionId}`, { intent: "raiseAction", resultId, requirement: "Đeo thẻ công chức.", dueDate: "2026-03-12" })).status).toBe(200);
    const action = await srv.db.selectFrom("inspection_actions").selectAll().where("inspection_id", "=", inspectionId).executeTakeFirstOrThrow();
    return { inspectionId, actionId: action.id, version: String(action.version) };
  },
  path: (a) => `${INSPECTIONS}/${a.inspectionId}`,
  forms: (a) => [{ intent: "resolve", actionId: a.actionId, note: "", version: a.version }, { intent: "notResolved", actionId: a.actionId, note: "Chưa khắc phục", version: a.version }],
  direct: (a, who, i) =>
    verifyAction(srv.db, who.ctx, inspectionViewerOf(who.ctx, who.roles), a.inspectionId, { intent: i % 2 === 0 ? "resolve" : "notResolved", actionId: a.actionId, version: Number(a.version) }),
  async check(a) {
    const resolved = (await oneOf(a.actionId, ["inspection.actionResolved", "inspection.actionUnresolved"])) === "inspection.actionResolved";
    const after = await srv.db.selectFrom("inspection_actions").selectAll().where("id", "=", a.actionId).executeTakeFirstOrThrow();
    expect([after.status, after.version]).toEqual([resolved ? "resolved" : "unresolved", Number(a.version) + 1]);
  },
};

const finalise: Race<{ membershipId: string; evaluationId: string; version: string }> = {
  name: "finalising an evaluation (the director and the deputy)",
  deciders: ["tuky.giamdoc", "tuky.phogiamdoc"],
  async setup() {
    const thang = await id("tuky.kiemtra");
    const general = {
      intent: "general",
      period: "2026-01",
      version: "0",
      political: "7,5",
      ethics: "7",
      ethicsNote: "Có lúc chưa kiên nhẫn khi giải thích cho người dân.",
      style: "6",
      styleNote: "Đi muộn 02 lần trong tháng.",
      discipline: "6,5",
      disciplineNote: "Nộp báo cáo tháng chậm 01 ngày.",
      manualTaskPoints: "60",
      manualTaskNote: "Kiểm tra công vụ 04 buổi.",
    };
    expect((await (await as("tuky.giamdoc")).post(`/o/tu-ky/evaluations/${thang}?period=2026-01`, general)).status).toBe(200);
    const row = await srv.db.selectFrom("evaluations").selectAll().where("membership_id", "=", thang).where("period", "=", "2026-01").executeTakeFirstOrThrow();
    return { membershipId: thang, evaluationId: row.id, version: String(row.version) };
  },
  path: (e) => `/o/tu-ky/evaluations/${e.membershipId}?period=2026-01`,
  forms: (e) => [{ intent: "finalise", confirm: "on", period: "2026-01", version: e.version }],
  direct: (e, who) => finaliseEvaluation(srv.db, who.ctx, e.membershipId, "2026-01", Number(e.version)),
  async check(e) {
    await oneOf(e.evaluationId, ["evaluation.finalised"]);
    const after = await srv.db.selectFrom("evaluations").selectAll().where("id", "=", e.evaluationId).executeTakeFirstOrThrow();
    expect([after.status, after.version]).toEqual(["finalised", Number(e.version) + 1]);
    expect((await notifications("evaluationFinalised")).filter((n) => n.membership_id === e.membershipId)).toHaveLength(1);
  },
};

const RACES = [correction, leave, colleagueAnswer, swapDecision, submission, extension, correctiveAction, finalise] as Race<unknown>[];

/** Who decides: the listed members, or (for the colleague's answer) the swap's target. */
const decidersOf = (r: Race<unknown>, s: unknown) => (r.deciders.length ? r.deciders : [(s as SwapCase).target, (s as SwapCase).target]);

describe(`${N} simultaneous decisions over HTTP make exactly one`, () => {
  for (const r of RACES) {
    it(`on ${r.name}`, async () => {
      const s = await r.setup();
      const clients = await Promise.all(decidersOf(r, s).map(as));
      expectOneDecision(await race(mixed(clients, r.path(s), r.forms(s))));
      await r.check(s);
    });
  }
});

describe("two decisions that both read the pending state before either writes make exactly one", () => {
  for (const r of RACES) {
    it(`on ${r.name}`, async () => {
      const s = await r.setup();
      const who = await Promise.all(decidersOf(r, s).map(actor));
      const settled = await Promise.allSettled(who.map((w, i) => r.direct(s, w, i)));
      expect(settled.filter((x) => x.status === "fulfilled")).toHaveLength(1);
      for (const x of settled) if (x.status === "rejected") expect(x.reason).toMatchObject({ key: "alreadyDecided" });
      await r.check(s);
    });
  }
});
