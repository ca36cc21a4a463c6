import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Executor } from "../../../db/schema";
import { containsText } from "../../../db/sql";
import { taskAttachments } from "../files/files.server";
import { byName, memberDirectory, withNames } from "../org/members.server";
import { periodOf, vnDateOf } from "../../utils/dates";
import { deadlineState, OPEN_STATUSES, OWED_STATUSES, SOURCE_KINDS, TASK_STATUSES, type TaskStatus } from "./rules";

/**
 * rules.ts `deadlineState(...) === "overdue"` as a condition on a tasks table (optionally aliased):
 * the assignee still owes the result (a submitted result waiting for approval is never overdue)
 * and the judged deadline — the one missed before a late extension, else the current one — has
 * passed. As `missed_deadline_at` is always before `deadline_at`, "coalesce(missed, deadline) < at"
 * is written as an OR that keeps the (org_id, status, deadline_at) index usable.
 */
export function overdueCondition(at: Date | string, alias?: string): RawBuilder<SqlBool> {
  const iso = typeof at === "string" ? at : at.toISOString();
  const col = (c: string) => sql.ref(alias ? `${alias}.${c}` : c);
  const owed = sql.join(OWED_STATUSES.map((x) => sql.lit(x)));
  return sql<SqlBool>`(${col("status")} in (${owed}) and (${col("deadline_at")} < ${iso} or ${col("missed_deadline_at")} < ${iso}))`;
}
import type { Viewer } from "./tasks.server";
import { pageParam } from "../../utils/time";

export const TASK_TABS = ["mine", "cowork", "assigned", "approval", "all"] as const;
type TaskTab = (typeof TASK_TABS)[number];
const TASK_PAGE_SIZE = 25;
/** Counting stops here: past it the list says "more than 1,000" instead of scanning everything. */
const TASK_COUNT_CAP = 1000;

interface TaskListFilters {
  tab: TaskTab;
  /** "active" (the default): drafts and open tasks; undefined: any status. */
  status?: TaskStatus | "active";
  assigneeId?: string;
  overdue?: boolean;
  thisWeek?: { from: string; to: string };
  planId?: string;
  source?: (typeof SOURCE_KINDS)[number];
  q?: string;
  sort: "deadline" | "-deadline";
  page: number;
}

/** Monday to Sunday of the current week in Vietnam. */
export function currentWeek(now: Date): { from: string; to: string } {
  const p = periodOf(vnDateOf(now), "weekly");
  return { from: p.start, to: p.end };
}

/** Reads list filters from the query string; anything unknown is ignored, never an error. */
export function parseTaskFilters(params: URLSearchParams, manager: boolean, weekOf: (d: Date) => { from: string; to: string }, now: Date): TaskListFilters {
  const tabParam = params.get("tab");
  const tab = (TASK_TABS as readonly string[]).includes(tabParam ?? "") ? (tabParam as TaskTab) : manager ? "all" : "mine";
  const status = params.get("status");
  const source = params.get("source");
  return {
    tab,
    status: status === "all" ? undefined : (TASK_STATUSES as readonly string[]).includes(status ?? "") ? (status as TaskStatus) : "active",
    assigneeId: params.get("assignee") || undefined,
    overdue: params.get("overdue") === "1",
    thisWeek: params.get("week") === "1" ? weekOf(now) : undefined,
    planId: params.get("plan") || undefined,
    source: (SOURCE_KINDS as readonly string[]).includes(source ?? "") ? (source as TaskListFilters["source"]) : undefined,
    q: params.get("q")?.trim().slice(0, 100) || undefined,
    sort: params.get("sort") === "-deadline" ? "-deadline" : "deadline",
    page: pageParam(params),
  };
}

/** The tasks of a tab and filters, as a query to select from (lists and exports share it). */
function filteredTasks(db: Executor, viewer: Viewer, f: TaskListFilters, now: Date) {
  // Filters only: the count runs on this, the page adds the joins for names.
  let q = db.selectFrom("tasks as t").where("t.org_id", "=", viewer.orgId);

  switch (f.tab) {
    case "mine":
      q = q.where("t.assignee_id", "=", viewer.membershipId).where("t.status", "!=", "draft");
      break;
    case "cowork":
      q = q
        .where("t.status", "!=", "draft")
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("task_members as tm")
              .select("tm.task_id")
              .whereRef("tm.task_id", "=", "t.id")
              .where("tm.org_id", "=", viewer.orgId)
              .where("tm.membership_id", "=", viewer.membershipId),
          ),
        );
      break;
    case "assigned":
      q = q.where("t.assigner_id", "=", viewer.membershipId);
      break;
    case "approval":
      // The union of two indexed lookups (submitted tasks I approve; pending extensions on them),
      // then tasks by primary key: no scan of every task I approve.
      q = q.where("t.id", "in", (eb) =>
        eb
          .selectFrom("tasks as s")
          .select("s.id")
          .where("s.org_id", "=", viewer.orgId)
          .where("s.approver_id", "=", viewer.membershipId)
          .where("s.status", "=", "submitted")
          .union(
            eb
              .selectFrom("task_extensions as x")
              .innerJoin("tasks as xt", "xt.id", "x.task_id")
              .select("x.task_id as id")
              .where("x.org_id", "=", viewer.orgId)
              .where("x.status", "=", "pending")
              .where("xt.approver_id", "=", viewer.membershipId),
          ),
      );
      break;
    case "all":
      // Managers only (checked by the caller); others' drafts stay private to their author.
      q = q.where((eb) => eb.or([eb("t.status", "!=", "draft"), eb("t.assigner_id", "=", viewer.membershipId)]));
      break;
  }
  if (f.status === "active") q = q.where("t.status", "in", ["draft", ...OPEN_STATUSES]);
  else if (f.status) q = q.where("t.status", "=", f.status);
  if (f.assigneeId) q = q.where("t.assignee_id", "=", f.assigneeId);
  if (f.overdue) q = q.where(overdueCondition(now, "t"));
  if (f.thisWeek) q = q.where("t.deadline_date", ">=", f.thisWeek.from).where("t.deadline_date", "<=", f.thisWeek.to);
  if (f.planId) q = q.where("t.plan_id", "=", f.planId);
  if (f.source) q = q.where("t.source_kind", "=", f.source);
  if (f.q) q = q.where(containsText("t.title_search", f.q));
  return q;
}

/** One page of tasks for a tab and filters: a single indexed query, plus one for the count. */
export async function listTasks(db: Executor, viewer: Viewer, f: TaskListFilters, now: Date) {
  const q = filteredTasks(db, viewer, f, now);
  const [rows, count] = await Promise.all([
    q
      .select([
        "t.id",
        "t.title",
        "t.status",
        "t.priority",
        "t.progress",
        "t.deadline_date as deadlineDate",
        "t.deadline_time as deadlineTime",
        "t.deadline_at as deadlineAt",
        "t.original_deadline_date as originalDeadlineDate",
        "t.timeliness",
        "t.series_id as seriesId",
        "t.submitted_at as submittedAt",
        "t.missed_deadline_at as missedDeadlineAt",
        "t.assignee_id as assigneeId",
      ])
      // Follows the (org_id, …, deadline_at, id) indexes (migration 020), forwards or backwards: no
      // sort before the offset. Drafts without a deadline come first (and last in reverse), said
      // explicitly: PostgreSQL puts NULLs the other way round by default.
      .orderBy("t.deadline_at", (ob) => (f.sort === "deadline" ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
      .orderBy("t.id", f.sort === "deadline" ? "asc" : "desc")
      .limit(TASK_PAGE_SIZE)
      .offset((f.page - 1) * TASK_PAGE_SIZE)
      .execute(),
    db
      .selectFrom(q.select("t.id").limit(TASK_COUNT_CAP + 1).as("c"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const counted = Number(count.n);
  const total = Math.min(counted, TASK_COUNT_CAP);
  const more = counted > TASK_COUNT_CAP;
  const named = (await withNames(db, viewer.orgId, rows, { assigneeName: (r) => r.assigneeId })).map(({ assigneeId: _, ...r }) => r);
  return {
    tasks: named.map((r) => {
      const state = deadlineState(r, now);
      return {
        ...r,
        state,
        overdue: state === "overdue",
        extended: r.originalDeadlineDate !== null && r.originalDeadlineDate !== r.deadlineDate,
        lateExtension: r.missedDeadlineAt !== null,
      };
    }),
    total,
    /** True when there are more than TASK_COUNT_CAP tasks (the total is then a lower bound). */
    more,
    hasNext: more ? rows.length === TASK_PAGE_SIZE : f.page * TASK_PAGE_SIZE < total,
    pages: Math.max(1, Math.ceil(total / TASK_PAGE_SIZE)),
  };
}

/** A task's title, people and current deadline, for saying what an action did to it. */
export async function taskHeadline(db: Executor, orgId: string, taskId: string) {
  const t = await db
    .selectFrom("tasks")
    .select(["title", "deadline_date as deadlineDate", "deadline_time as deadlineTime", "assignee_id", "approver_id"])
    .where("org_id", "=", orgId)
    .where("id", "=", taskId)
    .executeTakeFirstOrThrow();
  const [{ assignee_id: _a, approver_id: _p, ...named }] = await withNames(db, orgId, [t], { assigneeName: (r) => r.assignee_id, approverName: (r) => r.approver_id });
  return named;
}

/** Everything the task page shows, in a fixed number of queries. */
export async function taskPage(db: Executor, orgId: string, taskId: string) {
  const [taskRow, memberRows, eventRows, submissions, extensions, attachments] = await Promise.all([
    db
      .selectFrom("tasks as t")
      .leftJoin("plans as p", "p.id", "t.plan_id")
      .leftJoin("plan_items as pi", "pi.id", "t.plan_item_id")
      .leftJoin("task_series as s", "s.id", "t.series_id")
      .selectAll("t")
      .select([
        "p.title as planTitle",
        "pi.title as planItemTitle",
        "pi.kind as planItemKind",
        "s.frequency",
      ])
      .where("t.org_id", "=", orgId)
      .where("t.id", "=", taskId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("task_members as tm")
      .select(["tm.membership_id as id", "tm.role"])
      .where("tm.task_id", "=", taskId)
      .where("tm.org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("task_events as e")
      .select(["e.id", "e.kind", "e.progress", "e.note", "e.data", "e.created_at as createdAt", "e.actor_id"])
      .where("e.task_id", "=", taskId)
      .where("e.org_id", "=", orgId)
      .orderBy("e.created_at", "desc")
      .orderBy("e.id")
      .limit(200)
      .execute(),
    db
      .selectFrom("task_submissions")
      .selectAll()
      .where("task_id", "=", taskId)
      .where("org_id", "=", orgId)
      .orderBy("submitted_at", "desc")
      .limit(50)
      .execute(),
    db
      .selectFrom("task_extensions")
      .selectAll()
      .where("task_id", "=", taskId)
      .where("org_id", "=", orgId)
      .orderBy("created_at", "desc")
      .limit(50)
      .execute(),
    taskAttachments(db, orgId, taskId),
  ]);
  // The names and titles of everyone on the task or in its timeline, in one query.
  const people = new Map(
    (
      await memberDirectory(db, orgId, {
        ids: [taskRow.assignee_id, taskRow.assigner_id, taskRow.approver_id, ...memberRows.map((m) => m.id), ...eventRows.map((e) => e.actor_id)].filter((id): id is string => Boolean(id)),
      })
    ).map((m) => [m.id, m]),
  );
  const who = (id: string | null) => (id ? people.get(id) : undefined);
  const task = {
    ...taskRow,
    assigneeName: who(taskRow.assignee_id)?.name ?? null,
    assigneeTitle: who(taskRow.assignee_id)?.title ?? null,
    assignerName: who(taskRow.assigner_id)?.name ?? null,
    assignerTitle: who(taskRow.assigner_id)?.title ?? null,
    approverName: who(taskRow.approver_id)?.name ?? null,
    approverTitle: who(taskRow.approver_id)?.title ?? null,
  };
  const members = memberRows.map((m) => ({ ...m, name: who(m.id)?.name ?? "" })).sort(byName((m) => m.name));
  const events = eventRows.map(({ actor_id, ...e }) => ({ ...e, actorName: who(actor_id)?.name ?? null }));
  return { task, members, events, submissions, extensions, attachments };
}

/** Members, leaders and plans to choose from in the task form. */
export async function taskFormOptions(db: Executor, orgId: string) {
  const [members, plans, items] = await Promise.all([
    memberDirectory(db, orgId, { activeOnly: true }),
    db.selectFrom("plans").select(["id", "title", "year"]).where("org_id", "=", orgId).orderBy("year", "desc").orderBy("title").limit(100).execute(),
    db.selectFrom("plan_items").select(["id", "plan_id as planId", "kind", "title"]).where("org_id", "=", orgId).orderBy("title").limit(500).execute(),
  ]);
  return {
    members: members.map((m) => ({ id: m.id, name: m.name, counter: m.counter, leader: m.roles.some((r) => r === "director" || r === "deputy") })),
    plans,
    items,
  };
}

/** Every task of a tab and filters (up to 5,000), with the columns of the spreadsheet export. */
export async function exportTasks(db: Executor, viewer: Viewer, f: TaskListFilters, now: Date) {
  const rows = await filteredTasks(db, viewer, f, now)
    .select([
      "t.title",
      "t.status",
      "t.priority",
      "t.source_kind as sourceKind",
      "t.source_ref as sourceRef",
      "t.start_date as startDate",
      "t.deadline_date as deadlineDate",
      "t.deadline_time as deadlineTime",
      "t.original_deadline_date as originalDeadlineDate",
      "t.completed_at as completedAt",
      "t.deadline_at as deadlineAt",
      "t.timeliness",
      "t.timeliness_original as timelinessOriginal",
      "t.progress",
      "t.return_count as returns",
      "t.extension_count as extensions",
      "t.submitted_at as submittedAt",
      "t.missed_deadline_at as missedDeadlineAt",
      "t.deliverable",
      "t.assignee_id",
      "t.assigner_id",
      "t.approver_id",
    ])
    // The list's order (listTasks), on the same indexes.
    .orderBy("t.deadline_at", (ob) => (f.sort === "deadline" ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
    .orderBy("t.id", f.sort === "deadline" ? "asc" : "desc")
    .limit(5000)
    .execute();
  const named = await withNames(db, viewer.orgId, rows, { assigneeName: (t) => t.assignee_id, assignerName: (t) => t.assigner_id, approverName: (t) => t.approver_id });
  return named.map(({ assignee_id: _a, assigner_id: _g, approver_id: _p, ...t }) => t);
}

// ---- waiting for a member's decision ("Chờ tôi xử lý") ----

/**
 * Results submitted for this member's approval — never a task they carry out themselves (nobody
 * approves their own work). Indexed by (org_id, approver_id, status).
 */
export function submissionsAwaiting(db: Executor, orgId: string, membershipId: string) {
  return db
    .selectFrom("tasks as t")
    .select(["t.id", "t.title", "t.deadline_date as date", "t.updated_at as at", "t.assignee_id as whoId"])
    .where("t.org_id", "=", orgId)
    .where("t.approver_id", "=", membershipId)
    .where("t.status", "=", "submitted")
    .where((eb) => eb.or([eb("t.assignee_id", "is", null), eb("t.assignee_id", "!=", membershipId)]));
}

/**
 * Extension requests on open tasks this member approves, not asked by them nor on a task they carry
 * out. Indexed by task_extensions (org_id, status), then tasks by primary key.
 */
export function extensionsAwaiting(db: Executor, orgId: string, membershipId: string) {
  return db
    .selectFrom("task_extensions as x")
    .innerJoin("tasks as t", "t.id", "x.task_id")
    .select(["x.id", "t.id as taskId", "t.title", "x.requested_date as date", "x.created_at as at", "x.requested_by as whoId"])
    .where("x.org_id", "=", orgId)
    .where("x.status", "=", "pending")
    .where("t.org_id", "=", orgId)
    .where("t.approver_id", "=", membershipId)
    .where("t.status", "in", [...OPEN_STATUSES])
    .where("x.requested_by", "!=", membershipId)
    .where((eb) => eb.or([eb("t.assignee_id", "is", null), eb("t.assignee_id", "!=", membershipId)]));
}

// ---------- reads for other modules (person view, dashboards, evaluation, reminders) ----------

/**
 * What the task figures need of the tasks completed since `completedSince` (an ISO instant) or still
 * open: of one assignee, or of the whole centre.
 */
export function taskFigureRows(db: Executor, orgId: string, completedSince: string, assigneeId?: string) {
  let q = db
    .selectFrom("tasks")
    .select(["id", "assignee_id", "status", "deadline_at", "completed_at", "timeliness", "timeliness_original", "return_count", "extension_count", "submitted_at", "missed_deadline_at"])
    .where("org_id", "=", orgId);
  if (assigneeId) q = q.where("assignee_id", "=", assigneeId);
  return q
    .where((eb) => eb.or([eb("completed_at", ">=", completedSince), eb("status", "in", [...OPEN_STATUSES])]))
    .limit(assigneeId ? 5000 : 20000)
    .execute();
}

/** The first instant of a Vietnamese calendar month (YYYY-MM) as stored instants are written (toISOString). */
const vnMonthStart = (month: string) => new Date(`${month}-01T00:00:00+07:00`).toISOString();
const nextMonth = (month: string) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** Tasks completed in a month, and of those early or on time. */
export interface MonthTaskCount {
  completed: number;
  onTime: number;
}

/**
 * Per assignee ("" for none) and month (YYYY-MM, in Vietnam time): the tasks completed ("done")
 * in that month and, of those, the ones early or on time — counted by the database (a row per
 * assignee and month; the month found by comparing the stored instant with the months' first
 * instants, written as stored), through the (org_id, completed_at) index.
 * The same counts as preparedTaskFigures over taskFigureRows, without reading the tasks.
 */
export async function completedPerMonth(db: Executor, orgId: string, months: readonly string[]): Promise<Map<string, Map<string, MonthTaskCount>>> {
  const out = new Map<string, Map<string, MonthTaskCount>>();
  const sorted = [...new Set(months)].sort();
  if (sorted.length === 0) return out;
  const starts = sorted.map(vnMonthStart);
  const end = vnMonthStart(nextMonth(sorted.at(-1)!));
  // The index of the month each completion falls in: the first month whose successor starts after
  // it (-1 in a gap between months not asked for).
  const bucket = sql.join(
    sorted.map((m, i) => {
      const next = vnMonthStart(nextMonth(m));
      return i + 1 < sorted.length && starts[i + 1] !== next
        ? sql`when completed_at < ${next} then ${sql.lit(i)} when completed_at < ${starts[i + 1]} then ${sql.lit(-1)}`
        : sql`when completed_at < ${next} then ${sql.lit(i)}`;
    }),
    sql` `,
  );
  const onTime = sql.join(["early", "on_time"].map((x) => sql.lit(x)));
  const rows = await db
    .selectFrom("tasks")
    .select([
      "assignee_id",
      sql<number>`case ${bucket} else -1 end`.as("month_index"),
      (eb) => eb.fn.countAll<number>().as("completed"),
      sql<number>`sum(case when timeliness in (${onTime}) then 1 else 0 end)`.as("on_time"),
    ])
    .where("org_id", "=", orgId)
    .where("status", "=", "done")
    .where("completed_at", ">=", starts[0]!)
    .where("completed_at", "<", end)
    .groupBy(["assignee_id", sql`month_index`])
    .execute();
  for (const r of rows) {
    const month = sorted[Number(r.month_index)];
    if (month === undefined) continue;
    const key = r.assignee_id ?? "";
    let m = out.get(key);
    if (!m) out.set(key, (m = new Map()));
    m.set(month, { completed: Number(r.completed), onTime: Number(r.on_time ?? 0) });
  }
  return out;
}

/**
 * Per assignee ("" for none): the tasks overdue at `now` (overdueCondition, the rule of
 * deadlineState). Counted here rather than grouped by the database: a GROUP BY assignee_id makes
 * SQLite walk the centre's tasks by the assignee index instead of the overdue ones by status.
 */
export async function overduePerAssignee(db: Executor, orgId: string, now: Date): Promise<Map<string, number>> {
  const rows = await db.selectFrom("tasks").select("assignee_id").where("org_id", "=", orgId).where(overdueCondition(now)).limit(20_000).execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.assignee_id ?? "", (out.get(r.assignee_id ?? "") ?? 0) + 1);
  return out;
}

/** A member's open tasks, the nearest deadline first, with what their deadline state needs. */
function openTasksQuery(db: Executor, orgId: string, assigneeId: string) {
  return db
    .selectFrom("tasks as t")
    .select([
      "t.id",
      "t.title",
      "t.status",
      "t.progress",
      "t.deadline_date as deadlineDate",
      "t.deadline_time as deadlineTime",
      "t.deadline_at as deadlineAt",
      "t.submitted_at as submittedAt",
      "t.missed_deadline_at as missedDeadlineAt",
    ])
    .where("t.org_id", "=", orgId)
    .where("t.assignee_id", "=", assigneeId)
    .where("t.status", "in", [...OPEN_STATUSES])
    .orderBy("t.deadline_at", (ob) => ob.asc().nullsFirst())
    .orderBy("t.id");
}

/** A member's open tasks (at most 50), the nearest deadline first, with the approver's and the assigner's names. */
export async function openTasksOf(db: Executor, orgId: string, assigneeId: string) {
  const rows = await openTasksQuery(db, orgId, assigneeId)
    .select(["t.deliverable", "t.source_kind as sourceKind", "t.source_ref as sourceRef", "t.approver_id", "t.assigner_id"])
    .limit(50)
    .execute();
  const named = await withNames(db, orgId, rows, { approverName: (t) => t.approver_id, assignerName: (t) => t.assigner_id });
  return named.map(({ approver_id: _p, assigner_id: _g, ...t }) => t);
}

/**
 * The centre's open tasks that need a leader's attention (at most 300): past the deadline, with a
 * missed deadline, due by `weekEnd`, or waiting for approval; with the assignee's name.
 */
export async function attentionTasks(db: Executor, orgId: string, now: Date, weekEnd: string) {
  const rows = await db
    .selectFrom("tasks as t")
    .select([
      "t.id",
      "t.title",
      "t.status",
      "t.deadline_date as deadlineDate",
      "t.deadline_time as deadlineTime",
      "t.deadline_at as deadlineAt",
      "t.submitted_at as submittedAt",
      "t.missed_deadline_at as missedDeadlineAt",
      "t.approver_id as approverId",
      "t.assignee_id as assigneeId",
    ])
    .where("t.org_id", "=", orgId)
    .where("t.status", "in", [...OPEN_STATUSES])
    .where((eb) =>
      eb.or([
        eb("t.deadline_at", "<", now.toISOString()),
        eb("t.missed_deadline_at", "is not", null),
        eb("t.deadline_date", "<=", weekEnd),
        eb("t.status", "=", "submitted"),
      ]),
    )
    .orderBy("t.deadline_at", (ob) => ob.asc().nullsFirst())
    .orderBy("t.id")
    .limit(300)
    .execute();
  return (await withNames(db, orgId, rows, { assigneeName: (t) => t.assigneeId })).map(({ assigneeId: _, ...t }) => t);
}

/** A member's open tasks due by `until` or with a missed deadline (at most 10), the nearest first. */
export function dueSoonTasks(db: Executor, orgId: string, assigneeId: string, until: string) {
  return openTasksQuery(db, orgId, assigneeId)
    .where((eb) => eb.or([eb("t.deadline_date", "<=", until), eb("t.missed_deadline_at", "is not", null)]))
    .limit(10)
    .execute();
}

/**
 * The tasks judged by a deadline between two instants (the current deadline, or the one missed
 * before a late extension), of one assignee or of everyone assigned: one query over the
 * (org_id, deadline_at) / (org_id, missed_deadline_at) indexes. Drafts and cancelled tasks are left out.
 */
export async function tasksJudgedBetween(db: Executor, orgId: string, from: string, to: string, limit: number, assigneeId?: string) {
  let q = db
    .selectFrom("tasks")
    .select([
      "id",
      "title",
      "status",
      "assignee_id as assigneeId",
      "deadline_date as deadlineDate",
      "deadline_time as deadlineTime",
      "deadline_at as deadlineAt",
      "original_deadline_date as originalDeadlineDate",
      "original_deadline_time as originalDeadlineTime",
      "completed_at as completedAt",
      "timeliness",
      "timeliness_original as timelinessOriginal",
      "return_count as returnCount",
      "extension_count as extensionCount",
      "missed_deadline_at as missedDeadlineAt",
      "submitted_at as submittedAt",
    ])
    .where("org_id", "=", orgId)
    // The judged deadline in the period: the current one, or the one missed before a late extension.
    .where((eb) =>
      eb.or([
        eb.and([eb("missed_deadline_at", "is", null), eb("deadline_at", ">=", from), eb("deadline_at", "<=", to)]),
        eb.and([eb("missed_deadline_at", ">=", from), eb("missed_deadline_at", "<=", to)]),
      ]),
    )
    .where("status", "not in", ["draft", "cancelled"]);
  q = assigneeId ? q.where("assignee_id", "=", assigneeId) : q.where("assignee_id", "is not", null);
  return q.orderBy("deadline_at", (ob) => ob.asc().nullsFirst()).orderBy("id").limit(limit).execute();
}

/** Open tasks due on a date (at most 1,000), for the reminders. */
export function tasksDueOn(db: Executor, orgId: string, date: string) {
  return db
    .selectFrom("tasks")
    .select(["id", "title", "assignee_id", "deadline_date", "deadline_time"])
    .where("org_id", "=", orgId)
    .where("status", "in", [...OPEN_STATUSES])
    .where("deadline_date", "=", date)
    .limit(1000)
    .execute();
}

/** Overdue tasks (at most 1,000), for the reminders: as everywhere else, a result waiting for approval is not. */
export function overdueTasks(db: Executor, orgId: string, now: Date) {
  return db
    .selectFrom("tasks")
    .select(["id", "title", "assignee_id", "deadline_date", "deadline_time"])
    .where("org_id", "=", orgId)
    .where(overdueCondition(now))
    .limit(1000)
    .execute();
}
