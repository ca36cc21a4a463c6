import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { DB, Task } from "../../db/schema";
import { seedDemoIfEmpty } from "../../demo/seed/index";
import { buildCalendar, official2026Overrides } from "~/modules/calendar/holidays";
import { deadlineInstant } from "~/utils/dates";
import { classifyCompletion, isOverdue, missingSixClear, TASK_STATUSES } from "~/modules/tasks/rules";
import { normalizeSearch } from "../../db/text";
import { freshDb } from "../helpers/db";
import { SEED_TIME } from "../helpers/paths";

// The demo tasks and calendar: every state of the lifecycle, consistent with the rules, for any `now`.

const LATER = new Date("2026-11-28T03:00:00Z");

async function orgId(db: DB, slug: string) {
  return (await db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

async function tasksOf(db: DB, slug: string): Promise<Task[]> {
  return db.selectFrom("tasks").selectAll().where("org_id", "=", await orgId(db, slug)).orderBy("created_at").execute();
}

function countBy<T>(rows: T[], key: (r: T) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = key(r) ?? "-";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Consistency checks that must hold whatever the seed's `now`. */
async function expectConsistent(db: DB, now: Date) {
  const tasks = await tasksOf(db, "tu-ky");
  const ids = tasks.map((t) => t.id);
  const [events, submissions, extensions] = await Promise.all([
    db.selectFrom("task_events").selectAll().where("task_id", "in", ids).execute(),
    db.selectFrom("task_submissions").selectAll().where("task_id", "in", ids).orderBy("submitted_at").execute(),
    db.selectFrom("task_extensions").selectAll().where("task_id", "in", ids).orderBy("created_at").execute(),
  ]);

  for (const t of tasks) {
    const label = `${t.title} (${t.status})`;
    expect(t.title_search, label).toBe(normalizeSearch(t.title));
    if (t.deadline_date) expect(t.deadline_at, label).toBe(deadlineInstant(t.deadline_date, t.deadline_time).toISOString());
    if (t.original_deadline_date) {
      expect(t.original_deadline_at, label).toBe(deadlineInstant(t.original_deadline_date, t.original_deadline_time).toISOString());
    }
    if (t.status !== "draft") {
      expect(
        missingSixClear({
          title: t.title,
          description: t.description,
          assigneeId: t.assignee_id,
          assignerId: t.assigner_id,
          approverId: t.approver_id,
          startDate: t.start_date,
          deadlineDate: t.deadline_date,
          deliverable: t.deliverable,
          sourceKind: t.source_kind,
          sourceRef: t.source_ref,
        }),
        label,
      ).toEqual([]);
      expect(t.assigned_at, label).not.toBeNull();
    } else {
      expect(t.assigned_at, label).toBeNull();
    }
    expect(t.version, label).toBeGreaterThanOrEqual(1);
    expect(t.progress, label).toBeGreaterThanOrEqual(0);
    expect(t.progress, label).toBeLessThanOrEqual(100);
    if (t.status === "assigned" || t.status === "draft") expect(t.progress, label).toBe(0);

    // The timeline: strictly increasing, in the past, starting with the creation.
    const timeline = events.filter((e) => e.task_id === t.id);
    expect(timeline.length, label).toBeGreaterThan(0);
    const sorted = [...timeline].sort((a, b) => a.created_at.localeCompare(b.created_at));
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.created_at > sorted[i - 1]!.created_at, label).toBe(true);
    expect(sorted.at(-1)!.created_at < now.toISOString(), label).toBe(true);
    expect(["created", "assigned"], label).toContain(sorted[0]!.kind);
    if (t.status === "draft") expect(sorted.map((e) => e.kind), label).toEqual(["created"]);
    expect(sorted[0]!.created_at, label).toBe(t.created_at);
    for (const e of sorted) expect(e.actor_id, label).not.toBeNull();
    const last = { done: "approved", cancelled: "cancelled", submitted: "submitted", returned: "returned" }[t.status as string];
    if (last) expect(sorted.filter((e) => e.kind !== "comment").at(-1)!.kind, label).toBe(last);
    const progress = sorted.filter((e) => e.kind === "progress");
    for (const e of progress) expect(JSON.parse(e.data), label).toEqual({ percent: e.progress });
    if (t.status === "in_progress") expect(progress.at(-1)!.progress, label).toBe(t.progress);

    // Submissions and decisions.
    const subs = submissions.filter((s) => s.task_id === t.id);
    expect(sorted.filter((e) => e.kind === "submitted").map((e) => JSON.parse(e.data).submissionId), label).toEqual(subs.map((s) => s.id));
    expect(subs.filter((s) => s.decision === "returned").length, label).toBe(t.return_count);
    if (t.status === "done") {
      const accepted = subs.filter((s) => s.decision === "accepted");
      expect(accepted, label).toHaveLength(1);
      expect(accepted[0]!.id, label).toBe(subs.at(-1)!.id);
      expect(t.completed_at, label).toBe(accepted[0]!.submitted_at);
      expect(t.progress, label).toBe(100);
      const completedAt = new Date(t.completed_at!);
      const cal = buildCalendar(completedAt.getUTCFullYear(), official2026Overrides);
      expect(t.timeliness, label).toBe(classifyCompletion(completedAt, { date: t.deadline_date!, time: t.deadline_time }, cal));
      expect(t.timeliness_original, label).toBe(
        classifyCompletion(completedAt, { date: t.original_deadline_date!, time: t.original_deadline_time }, cal),
      );
    } else {
      expect(t.completed_at, label).toBeNull();
      expect(t.timeliness, label).toBeNull();
      expect(subs.filter((s) => s.decision === "accepted"), label).toHaveLength(0);
      expect(subs.filter((s) => s.decision === null).length, label).toBe(t.status === "submitted" ? 1 : 0);
    }
    if (t.status === "cancelled") expect(t.cancel_reason?.trim(), label).toBeTruthy();
    else expect(t.cancel_reason, label).toBeNull();

    // Extensions.
    const exts = extensions.filter((x) => x.task_id === t.id);
    expect(exts.filter((x) => x.status === "granted").length, label).toBe(t.extension_count);
    if (t.extension_count === 0) {
      expect(t.deadline_date, label).toBe(t.original_deadline_date);
      expect(t.deadline_time, label).toBe(t.original_deadline_time);
    }
    for (const x of exts) expect(deadlineInstant(x.requested_date, x.requested_time) > deadlineInstant(x.from_deadline_date, x.from_deadline_time)).toBe(true);
  }
  return tasks;
}

let db: DB;
let tasks: Task[];
beforeAll(async () => {
  db = freshDb();
  tasks = await tasksOf(db, "tu-ky");
});
afterAll(async () => {
  await db.destroy();
});

describe("the demo tasks at SEED_TIME", () => {
  it("has at least 30 tasks in Tứ Kỳ, in every status", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(30);
    const statuses = new Set(tasks.map((t) => t.status));
    for (const s of TASK_STATUSES) expect(statuses, s).toContain(s);
    expect(tasks.filter((t) => t.status === "draft").length).toBeGreaterThanOrEqual(2);
  });

  it("has done tasks early, on time and late", () => {
    const done = tasks.filter((t) => t.status === "done");
    expect(new Set(done.map((t) => t.timeliness))).toEqual(new Set(["early", "on_time", "late"]));
  });

  it("has an overdue open task", () => {
    expect(tasks.filter((t) => isOverdue({ status: t.status, deadlineAt: t.deadline_at, missedDeadlineAt: t.missed_deadline_at, submittedAt: t.submitted_at }, SEED_TIME)).length).toBeGreaterThanOrEqual(1);
  });

  it("spreads the tasks over the four months before now and a few weeks after", () => {
    const created = tasks.map((t) => t.created_at).sort();
    expect(created[0]! < "2025-11-30").toBe(true);
    expect(created[0]! > "2025-10-31").toBe(true);
    expect(created.at(-1)! < SEED_TIME.toISOString()).toBe(true);
    expect(tasks.some((t) => t.deadline_date && t.deadline_date > "2026-03-20")).toBe(true);
  });

  it("has a task returned once and then accepted", async () => {
    const t = tasks.find((x) => x.status === "done" && x.return_count === 1);
    expect(t).toBeDefined();
    const subs = await db.selectFrom("task_submissions").selectAll().where("task_id", "=", t!.id).orderBy("submitted_at").execute();
    expect(subs.map((s) => s.decision)).toEqual(["returned", "accepted"]);
    expect(t!.completed_at).toBe(subs[1]!.submitted_at);
    const kinds = await db.selectFrom("task_events").select("kind").where("task_id", "=", t!.id).orderBy("created_at").execute();
    expect(kinds.map((k) => k.kind).filter((k) => ["submitted", "returned", "approved"].includes(k))).toEqual([
      "submitted",
      "returned",
      "submitted",
      "approved",
    ]);
  });

  it("has a task done after a granted extension, keeping the original deadline", async () => {
    const t = tasks.find((x) => x.status === "done" && x.extension_count === 1);
    expect(t).toBeDefined();
    expect(t!.original_deadline_date).not.toBe(t!.deadline_date);
    expect(t!.original_deadline_at! < t!.deadline_at!).toBe(true);
    expect(t!.timeliness).not.toBe(t!.timeliness_original);
    const ext = await db.selectFrom("task_extensions").selectAll().where("task_id", "=", t!.id).executeTakeFirstOrThrow();
    expect(ext).toMatchObject({
      status: "granted",
      from_deadline_date: t!.original_deadline_date,
      requested_date: t!.deadline_date,
      decided_by: t!.approver_id,
      requested_by: t!.assignee_id,
    });
  });

  it("has a pending extension request on an open task", async () => {
    const pending = await db
      .selectFrom("task_extensions as x")
      .innerJoin("tasks as t", "t.id", "x.task_id")
      .select(["t.status"])
      .where("x.status", "=", "pending")
      .where("t.org_id", "=", tasks[0]!.org_id)
      .execute();
    expect(pending.length).toBeGreaterThanOrEqual(1);
    for (const p of pending) expect(["assigned", "in_progress", "returned"]).toContain(p.status);
  });

  it("has a monthly series with one occurrence per month, past ones done and the current one open", async () => {
    const series = await db.selectFrom("task_series").selectAll().where("org_id", "=", tasks[0]!.org_id).execute();
    const monthly = series.find((s) => s.frequency === "monthly");
    expect(monthly).toBeDefined();
    expect(monthly!.deadline_offset_days).toBe(24);
    const occ = tasks.filter((t) => t.series_id === monthly!.id).sort((a, b) => a.occurrence_key!.localeCompare(b.occurrence_key!));
    expect(occ.map((t) => t.occurrence_key)).toEqual(["2025-12", "2026-01", "2026-02", "2026-03"]);
    expect(occ.map((t) => t.deadline_date)).toEqual(["2025-12-25", "2026-01-25", "2026-02-25", "2026-03-25"]);
    expect(occ.map((t) => t.title)).toEqual(
      ["12/2025", "01/2026", "02/2026", "03/2026"].map((m) => `Báo cáo tình hình hoạt động của Trung tâm tháng ${m}`),
    );
    expect(occ.slice(0, 3).every((t) => t.status === "done")).toBe(true);
    expect(["assigned", "in_progress"]).toContain(occ[3]!.status);
    expect(monthly!.template_task_id).toBe(occ[0]!.id);
  });

  it("gives tuky.canbo01 an open, a done and a submitted task", async () => {
    const m = await db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.id")
      .where("u.username", "=", "tuky.canbo01")
      .executeTakeFirstOrThrow();
    const mine = tasks.filter((t) => t.assignee_id === m.id).map((t) => t.status);
    expect(mine).toEqual(expect.arrayContaining(["in_progress", "done", "submitted"]));
  });

  it("links plan tasks to plans with key and breakthrough items of the centre", async () => {
    const org = tasks[0]!.org_id;
    const plans = await db.selectFrom("plans").selectAll().where("org_id", "=", org).execute();
    expect(plans.length).toBeGreaterThanOrEqual(2);
    const items = await db.selectFrom("plan_items").selectAll().where("org_id", "=", org).execute();
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(["key", "breakthrough"]));
    const planTasks = tasks.filter((t) => t.plan_id);
    expect(planTasks.length).toBeGreaterThanOrEqual(3);
    for (const t of planTasks) expect(items.find((i) => i.id === t.plan_item_id)?.plan_id).toBe(t.plan_id);
    expect(new Set(tasks.map((t) => t.source_kind))).toEqual(new Set(["plan", "meeting", "directive", "feedback", "adhoc"]));
  });

  it("keeps every person and link of a task inside its centre", async () => {
    const org = tasks[0]!.org_id;
    const centreMembers = new Set(
      (await db.selectFrom("memberships").select("id").where("org_id", "=", org).execute()).map((m) => m.id),
    );
    for (const t of tasks) {
      for (const id of [t.assigner_id, t.assignee_id, t.approver_id].filter(Boolean)) expect(centreMembers.has(id!)).toBe(true);
    }
    const links = await db.selectFrom("task_members").selectAll().where("org_id", "=", org).execute();
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(centreMembers.has(l.membership_id)).toBe(true);
      expect(tasks.find((t) => t.id === l.task_id)?.assignee_id).not.toBe(l.membership_id);
    }
    expect((await tasksOf(db, "an-phu")).length).toBeGreaterThanOrEqual(2);
  });

  it("is consistent with the task rules", async () => {
    await expectConsistent(db, SEED_TIME);
  });

  it("enters the official 2026 calendar for both centres", async () => {
    for (const slug of ["tu-ky", "an-phu"]) {
      const rows = await db
        .selectFrom("calendar_days")
        .select(["date", "kind", "name"])
        .where("org_id", "=", await orgId(db, slug))
        .where("date", ">=", "2026-01-01")
        .where("date", "<=", "2026-12-31")
        .orderBy("date")
        .execute();
      expect(rows).toEqual(official2026Overrides.map(({ date, kind, name }) => ({ date, kind, name })).sort((a, b) => a.date.localeCompare(b.date)));
    }
  });
});

describe("the demo seed at another date", () => {
  it("succeeds on 2026-11-28 with the same counts per status", async () => {
    const { db: other } = openDatabase(":memory:");
    try {
      await migrateToLatest(other);
      expect(await seedDemoIfEmpty(other, LATER)).toBe(true);
      const later = await expectConsistent(other, LATER);
      expect(countBy(later, (t) => t.status)).toEqual(countBy(tasks, (t) => t.status));
      expect(later.filter((t) => t.status === "done").map((t) => t.timeliness)).toEqual(
        expect.arrayContaining(["early", "on_time", "late"]),
      );
      expect(later.some((t) => isOverdue({ status: t.status, deadlineAt: t.deadline_at, missedDeadlineAt: t.missed_deadline_at, submittedAt: t.submitted_at }, LATER))).toBe(true);
      const keys = later.filter((t) => t.series_id).map((t) => t.occurrence_key).sort();
      expect(keys).toEqual(["2026-08", "2026-09", "2026-10", "2026-11"]);
      expect((await tasksOf(other, "an-phu")).length).toBe((await tasksOf(db, "an-phu")).length);
    } finally {
      await other.destroy();
    }
  });
});

describe("the demo notifications and the reminders job", () => {
  it("gives the director one digest on the seed's day, not a second one from the job", async () => {
    const other = freshDb();
    try {
      const { runReminders } = await import("~/modules/notifications/reminders.server");
      await runReminders(other, SEED_TIME);
      await runReminders(other, new Date(SEED_TIME.getTime() + 60_000));
      const director = await other
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select("m.id")
        .where("u.username", "=", "tuky.giamdoc")
        .executeTakeFirstOrThrow();
      const digests = await other.selectFrom("notifications").select(["dedupe_key"]).where("membership_id", "=", director.id).where("kind", "=", "digest").execute();
      expect(digests).toEqual([{ dedupe_key: "digest:2026-03-10" }]);
    } finally {
      await other.destroy();
    }
  });
});
