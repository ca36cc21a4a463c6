import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB, NotificationKind } from "../../db/schema";
import { requestCorrection } from "~/modules/attendance/attendance.server";
import { parseRoles } from "~/modules/auth/permissions";
import type { Ctx } from "~/modules/ctx";
import { inboxCounts, inboxItems } from "~/modules/inbox/inbox.server";
import { explainAction, inspectionViewerOf, verifyAction } from "~/modules/inspections/inspections.server";
import { requestLeave } from "~/modules/leave/leave.server";
import { decideSwap, requestSwap } from "~/modules/rosters/rosters.server";
import { freshDb, memberOf } from "../helpers/db";
import { SEED_TIME } from "../helpers/paths";

// "Chờ tôi xử lý": approvers are told when something waits for them, and the inbox lists it for
// exactly the members who may decide it — never their own case. Services on a real database copy;
// the clock is Tuesday 10/03/2026 08:00 in Vietnam.
let db: DB;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.destroy();
});

async function who(username: string) {
  const m = await memberOf(db, username);
  const row = await db.selectFrom("memberships").select("roles").where("id", "=", m.membershipId).executeTakeFirstOrThrow();
  const roles = parseRoles(row.roles);
  const ctx: Ctx = { orgId: m.orgId, actorUserId: m.userId, membershipId: m.membershipId, now: SEED_TIME };
  return { ...m, roles, ctx, inbox: { orgId: m.orgId, membershipId: m.membershipId, roles } };
}

const notesOf = (membershipId: string, kind: NotificationKind) =>
  db.selectFrom("notifications").select(["params", "link"]).where("membership_id", "=", membershipId).where("kind", "=", kind).execute();

describe("leave and attendance corrections wait for the directors and deputies", () => {
  it("notifies every leader but the requester, and lists it in their inbox only", async () => {
    const [clerk, director, deputy, inspector] = await Promise.all([who("tuky.canbo08"), who("tuky.giamdoc"), who("tuky.phogiamdoc"), who("tuky.kiemtra")]);
    const before = await inboxCounts(db, director.inbox);
    await requestLeave(db, clerk.ctx, { kind: "annual", startDate: "2026-03-23", endDate: "2026-03-24", part: "full", reason: "Việc gia đình" });

    for (const leader of [director, deputy]) {
      const notes = await notesOf(leader.membershipId, "leaveRequested");
      expect(notes).toHaveLength(1);
      expect(JSON.parse(notes[0]!.params)).toMatchObject({ leaveKind: "annual", from: "23/03/2026", to: "24/03/2026" });
      expect(notes[0]!.link).toBe("/o/tu-ky/leave#leave-pending");
    }
    expect(await notesOf(clerk.membershipId, "leaveRequested")).toEqual([]);
    expect(await notesOf(inspector.membershipId, "leaveRequested")).toEqual([]);

    const after = await inboxCounts(db, director.inbox);
    expect(after.leave).toBe(before.leave + 1);
    expect(after.total).toBe(before.total + 1);
    // Staff and inspectors do not decide leave: the kind is not theirs at all.
    expect((await inboxItems(db, inspector.inbox)).leave).toBeNull();
    expect((await inboxCounts(db, clerk.inbox)).leave).toBe(0);
  });

  it("never lists a leader's own request in their inbox, but in the other leader's", async () => {
    const [director, deputy] = await Promise.all([who("tuky.giamdoc"), who("tuky.phogiamdoc")]);
    await requestLeave(db, deputy.ctx, { kind: "business", startDate: "2026-03-16", endDate: "2026-03-16", part: "full", reason: "Tập huấn tại tỉnh" });
    const mine = (await inboxItems(db, deputy.inbox)).leave!;
    const theirs = (await inboxItems(db, director.inbox)).leave!;
    expect(mine.some((r) => r.who === "Trần Thị Mai")).toBe(false);
    expect(theirs.filter((r) => r.who === "Trần Thị Mai")).toHaveLength(1);
    expect(await notesOf(deputy.membershipId, "leaveRequested")).toEqual([]);
  });

  it("tells the leaders about a correction request and lists it for them", async () => {
    const [clerk, director] = await Promise.all([who("tuky.canbo01"), who("tuky.giamdoc")]);
    await requestCorrection(db, clerk.ctx, { date: "2026-03-09", session: "day", checkInTime: "07:28", reason: "Quên chấm công do tiếp dân sớm." });
    const notes = await notesOf(director.membershipId, "correctionRequested");
    expect(notes.map((n) => JSON.parse(n.params))).toEqual([{ actor: "Hoàng Thị Lan", date: "09/03/2026" }]);
    const items = (await inboxItems(db, director.inbox)).corrections!;
    expect(items.map((c) => [c.who, c.date])).toContainEqual(["Hoàng Thị Lan", "2026-03-09"]);
    expect((await inboxItems(db, clerk.inbox)).corrections).toBeNull();
  });
});

describe("swaps: the colleague's answer, then a leader's approval", () => {
  it("waits for the colleague first, then for the leaders who are not one of the two", async () => {
    const director = await who("tuky.giamdoc");
    const deputy = await who("tuky.phogiamdoc");
    // A staff shift of the published March weekend roster, still to come.
    const slot = await db
      .selectFrom("roster_slots as s")
      .innerJoin("rosters as r", "r.id", "s.roster_id")
      .innerJoin("memberships as m", "m.id", "s.membership_id")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["s.id", "s.date", "u.username"])
      .where("r.status", "=", "published")
      .where("s.kind", "=", "staff")
      .where("s.date", ">", "2026-03-10")
      .orderBy("s.date")
      .executeTakeFirstOrThrow();
    const requester = await who(slot.username);
    const colleague = await who(slot.username === "tuky.canbo05" ? "tuky.canbo06" : "tuky.canbo05");
    await requestSwap(db, requester.ctx, { slotId: slot.id, targetId: colleague.membershipId, reason: "Việc gia đình" });

    expect((await inboxItems(db, colleague.inbox)).swapAnswers.map((w) => w.date)).toEqual([slot.date]);
    expect((await inboxCounts(db, director.inbox)).swapApprovals).toBe(0); // not yet: the colleague first
    expect((await inboxItems(db, colleague.inbox)).swapApprovals).toBeNull(); // staff never approve

    const swap = await db.selectFrom("roster_swaps").select("id").where("slot_id", "=", slot.id).executeTakeFirstOrThrow();
    await decideSwap(db, colleague.ctx, colleague.roles, { intent: "acceptSwap", swapId: swap.id });
    expect((await inboxCounts(db, colleague.inbox)).swapAnswers).toBe(0);
    for (const leader of [director, deputy]) {
      expect((await inboxItems(db, leader.inbox)).swapApprovals!.map((w) => w.id)).toEqual([swap.id]);
      const notes = await notesOf(leader.membershipId, "swapAccepted");
      expect(notes).toHaveLength(1);
      expect(notes[0]!.link).toBe("/o/tu-ky/rosters");
    }
    expect(await notesOf(requester.membershipId, "swapAccepted")).toEqual([]);
    expect(await notesOf(colleague.membershipId, "swapAccepted")).toEqual([]);
  });
});

describe("corrective actions: the explanation waits for the inspector, the conclusion reaches the member", () => {
  it("notifies the inspector of an explanation and the member of the conclusion", async () => {
    const [clerk, inspector, director] = await Promise.all([who("tuky.canbo01"), who("tuky.kiemtra"), who("tuky.giamdoc")]);
    const action = await db
      .selectFrom("inspection_actions")
      .select(["id", "inspection_id", "version"])
      .where("membership_id", "=", clerk.membershipId)
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    const before = await inboxCounts(db, inspector.inbox);
    await explainAction(db, clerk.ctx, inspectionViewerOf(clerk.ctx, clerk.roles), action.inspection_id, {
      actionId: action.id,
      explanation: "Tôi đã đeo thẻ trên ngực áo từ hôm sau.",
      version: action.version,
    });
    const told = await notesOf(inspector.membershipId, "actionExplained");
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!.params)).toMatchObject({ actor: "Hoàng Thị Lan" });
    expect(JSON.parse(told[0]!.params).item).toMatch(/^C03 /);
    expect(told[0]!.link).toBe(`/o/tu-ky/inspections/${action.inspection_id}#action-${action.id}`);
    expect((await inboxCounts(db, inspector.inbox)).explanations).toBe(before.explanations + 1);
    // A leader who conducts inspections may conclude it too; the member never sees their own.
    expect((await inboxItems(db, director.inbox)).explanations!.map((a) => a.id)).toContain(action.id);
    expect((await inboxItems(db, clerk.inbox)).explanations).toBeNull();

    await verifyAction(db, inspector.ctx, inspectionViewerOf(inspector.ctx, inspector.roles), action.inspection_id, {
      intent: "resolve",
      actionId: action.id,
      version: action.version + 1,
    });
    const concluded = await notesOf(clerk.membershipId, "actionVerified");
    expect(concluded.map((n) => JSON.parse(n.params).decision)).toEqual(["resolved"]);
    expect((await inboxCounts(db, inspector.inbox)).explanations).toBe(before.explanations);
  });
});

describe("tasks", () => {
  it("lists submitted results and extension requests for the named approver only", async () => {
    const director = await who("tuky.giamdoc");
    const items = await inboxItems(db, director.inbox);
    const counts = await inboxCounts(db, director.inbox);
    expect(items.tasks.length).toBeGreaterThan(0); // the demo data has results waiting for him
    expect(counts.tasks).toBe(items.tasks.length);
    expect(counts.extensions).toBe(items.extensions.length);
    const approvers = await db
      .selectFrom("tasks")
      .select(["id", "approver_id", "assignee_id", "status"])
      .where("id", "in", [...items.tasks.map((t) => t.id), ...items.extensions.map((x) => x.taskId), "-"])
      .execute();
    for (const t of approvers) {
      expect(t.approver_id).toBe(director.membershipId);
      expect(t.assignee_id).not.toBe(director.membershipId);
    }
    expect(items.tasks.every((t) => approvers.find((a) => a.id === t.id)?.status === "submitted")).toBe(true);
  });
});
