import { describe, expect, it } from "vitest";
import { runRecurringTasks } from "~/modules/tasks/recurrence.server";
import { createTask } from "~/modules/tasks/tasks.server";
import { freshDb, memberOf } from "../helpers/db";
import { SEED_TIME } from "../helpers/paths";

describe("recurring tasks", () => {
  it("creates each period's occurrence once, when the period begins", async () => {
    const db = freshDb();
    const director = await memberOf(db, "tuky.giamdoc");
    const clerk = await memberOf(db, "tuky.canbo02");
    const follower = await memberOf(db, "tuky.phogiamdoc");
    const ctx = { orgId: director.orgId, actorUserId: director.userId, membershipId: director.membershipId, now: SEED_TIME };
    const id = await createTask(db, ctx, {
      intent: "assign",
      title: "Báo cáo kết quả giải quyết TTHC tháng 03/2026",
      description: "Tổng hợp số hồ sơ tiếp nhận, đúng hạn, trễ hạn trong tháng.",
      assigneeId: clerk.membershipId,
      followerIds: [follower.membershipId],
      approverId: director.membershipId,
      sourceKind: "directive",
      sourceRef: "Công văn số 215/UBND-VP",
      startDate: "2026-03-01",
      deadlineDate: "2026-03-25",
      deadlineTime: "16:00",
      deliverable: "Báo cáo theo mẫu gửi UBND xã",
      priority: "normal",
      recurrence: "monthly",
    });
    const series = await db.selectFrom("tasks").select("series_id").where("id", "=", id).executeTakeFirstOrThrow();
    const occurrences = () =>
      db.selectFrom("tasks").selectAll().where("series_id", "=", series.series_id).orderBy("occurrence_key").execute();

    await runRecurringTasks(db, new Date("2026-03-31T16:00:00Z")); // 31/03 23:00 in Vietnam
    expect((await occurrences()).map((t) => t.occurrence_key)).toEqual(["2026-03"]);

    // March's task missed its deadline and was then submitted: none of that is April's.
    await db.updateTable("tasks").set({ progress: 100, submitted_at: "2026-03-27T03:00:00.000Z", missed_deadline_at: "2026-03-25T09:00:00.000Z" }).where("id", "=", id).execute();

    await runRecurringTasks(db, new Date("2026-03-31T17:30:00Z")); // 01/04 00:30 in Vietnam
    await runRecurringTasks(db, new Date("2026-04-01T02:00:00Z")); // and again: nothing twice
    const april = await occurrences();
    expect(april.map((t) => t.occurrence_key)).toEqual(["2026-03", "2026-04"]);
    const next = april[1]!;
    expect([next.status, next.start_date, next.deadline_date, next.deadline_time, next.assignee_id]).toEqual([
      "assigned",
      "2026-04-01",
      "2026-04-25",
      "16:00",
      clerk.membershipId,
    ]);
    expect(next.title).toBe("Báo cáo kết quả giải quyết TTHC tháng 04/2026");
    expect([next.progress, next.submitted_at, next.missed_deadline_at, next.completed_at]).toEqual([0, null, null, null]);
    const people = await db.selectFrom("task_members").select("membership_id").where("task_id", "=", next.id).execute();
    expect(people.map((p) => p.membership_id)).toEqual([follower.membershipId]);

    // A server that was down through May catches up on both missing periods.
    await runRecurringTasks(db, new Date("2026-06-02T02:00:00Z"));
    expect((await occurrences()).map((t) => t.occurrence_key)).toEqual(["2026-03", "2026-04", "2026-05", "2026-06"]);
    await db.destroy();
  });
});
