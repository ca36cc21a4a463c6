import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Executor } from "../../../db/schema";
import { containsText } from "../../../db/sql";
import { parseRoles } from "../auth/permissions";
import { deadlineState, OPEN_STATUSES, OWED_STATUSES, periodOf, SOURCE_KINDS, TASK_STATUSES, vnDateOf, type TaskStatus } from "./rules";

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
export type TaskTab = (typeof TASK_TABS)[number];
export const TASK_PAGE_SIZE = 25;
/** Counting stops here: past it the list says "more than 1,000" instead of scanning everything. */
export const TASK_COUNT_CAP = 1000;

export interface TaskListFilters {
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
      .leftJoin("memberships as am", "am.id", "t.assignee_id")
      .leftJoin("users as au", "au.id", "am.user_id")
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
        "au.full_name as assigneeName",
      ])
      // Follows the (org_id, …, deadline_at) indexes; drafts without a deadline come first (and
      // last in reverse), said explicitly: PostgreSQL puts NULLs the other way round by default.
      .orderBy("t.deadline_at", (ob) => (f.sort === "deadline" ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
      .orderBy("t.id")
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
  return {
    tasks: rows.map((r) => {
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

/** Everything the task page shows, in a fixed number of queries. */
/** A task's title, people and current deadline, for saying what an action did to it. */
export async function taskHeadline(db: Executor, orgId: string, taskId: string) {
  return db
    .selectFrom("tasks as t")
    .leftJoin("memberships as m1", "m1.id", "t.assignee_id")
    .leftJoin("users as u1", "u1.id", "m1.user_id")
    .leftJoin("memberships as m3", "m3.id", "t.approver_id")
    .leftJoin("users as u3", "u3.id", "m3.user_id")
    .select(["t.title", "t.deadline_date as deadlineDate", "t.deadline_time as deadlineTime", "u1.full_name as assigneeName", "u3.full_name as approverName"])
    .where("t.org_id", "=", orgId)
    .where("t.id", "=", taskId)
    .executeTakeFirstOrThrow();
}

export async function taskPage(db: Executor, orgId: string, taskId: string) {
  const [task, members, events, submissions, extensions, attachments] = await Promise.all([
    db
      .selectFrom("tasks as t")
      .leftJoin("memberships as m1", "m1.id", "t.assignee_id")
      .leftJoin("users as u1", "u1.id", "m1.user_id")
      .leftJoin("memberships as m2", "m2.id", "t.assigner_id")
      .leftJoin("users as u2", "u2.id", "m2.user_id")
      .leftJoin("memberships as m3", "m3.id", "t.approver_id")
      .leftJoin("users as u3", "u3.id", "m3.user_id")
      .leftJoin("plans as p", "p.id", "t.plan_id")
      .leftJoin("plan_items as pi", "pi.id", "t.plan_item_id")
      .leftJoin("task_series as s", "s.id", "t.series_id")
      .selectAll("t")
      .select([
        "u1.full_name as assigneeName",
        "m1.title as assigneeTitle",
        "u2.full_name as assignerName",
        "m2.title as assignerTitle",
        "u3.full_name as approverName",
        "m3.title as approverTitle",
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
      .innerJoin("memberships as m", "m.id", "tm.membership_id")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["tm.membership_id as id", "tm.role", "u.full_name as name"])
      .where("tm.task_id", "=", taskId)
      .where("tm.org_id", "=", orgId)
      .orderBy("u.full_name")
      .execute(),
    db
      .selectFrom("task_events as e")
      .leftJoin("memberships as m", "m.id", "e.actor_id")
      .leftJoin("users as u", "u.id", "m.user_id")
      .select(["e.id", "e.kind", "e.progress", "e.note", "e.data", "e.created_at as createdAt", "u.full_name as actorName"])
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
    db
      .selectFrom("attachments")
      .select(["id", "file_name as fileName", "size", "submission_id as submissionId", "created_at as createdAt"])
      .where("task_id", "=", taskId)
      .where("org_id", "=", orgId)
      .orderBy("created_at")
      .limit(100)
      .execute(),
  ]);
  return { task, members, events, submissions, extensions, attachments };
}

/** Members, leaders and plans to choose from in the task form. */
export async function taskFormOptions(db: Executor, orgId: string) {
  const [members, plans, items] = await Promise.all([
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .leftJoin("positions as p", "p.id", "m.position_id")
      .select(["m.id", "u.full_name as name", "m.roles", "p.counter"])
      .where("m.org_id", "=", orgId)
      .where("m.active", "=", 1)
      .orderBy("u.full_name")
      .limit(500)
      .execute(),
    db.selectFrom("plans").select(["id", "title", "year"]).where("org_id", "=", orgId).orderBy("year", "desc").orderBy("title").limit(100).execute(),
    db.selectFrom("plan_items").select(["id", "plan_id as planId", "kind", "title"]).where("org_id", "=", orgId).orderBy("title").limit(500).execute(),
  ]);
  return {
    members: members.map((m) => ({ id: m.id, name: m.name, counter: m.counter, leader: parseRoles(m.roles).some((r) => r === "director" || r === "deputy") })),
    plans,
    items,
  };
}

/** Every task of a tab and filters (up to 5,000), with the columns of the spreadsheet export. */
export async function exportTasks(db: Executor, viewer: Viewer, f: TaskListFilters, now: Date) {
  return filteredTasks(db, viewer, f, now)
    .leftJoin("memberships as am", "am.id", "t.assignee_id")
    .leftJoin("users as au", "au.id", "am.user_id")
    .leftJoin("memberships as gm", "gm.id", "t.assigner_id")
    .leftJoin("users as gu", "gu.id", "gm.user_id")
    .leftJoin("memberships as pm", "pm.id", "t.approver_id")
    .leftJoin("users as pu", "pu.id", "pm.user_id")
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
      "au.full_name as assigneeName",
      "gu.full_name as assignerName",
      "pu.full_name as approverName",
    ])
    .orderBy("t.deadline_at", (ob) => (f.sort === "deadline" ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
    .orderBy("t.id")
    .limit(5000)
    .execute();
}

// ---- waiting for a member's decision ("Chờ tôi xử lý") ----

/**
 * Results submitted for this member's approval — never a task they carry out themselves (nobody
 * approves their own work). Indexed by (org_id, approver_id, status).
 */
export function submissionsAwaiting(db: Executor, orgId: string, membershipId: string) {
  return db
    .selectFrom("tasks as t")
    .leftJoin("memberships as m", "m.id", "t.assignee_id")
    .leftJoin("users as u", "u.id", "m.user_id")
    .select(["t.id", "t.title", "t.deadline_date as date", "t.updated_at as at", "u.full_name as who"])
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
    .innerJoin("memberships as m", "m.id", "x.requested_by")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["x.id", "t.id as taskId", "t.title", "x.requested_date as date", "x.created_at as at", "u.full_name as who"])
    .where("x.org_id", "=", orgId)
    .where("x.status", "=", "pending")
    .where("t.org_id", "=", orgId)
    .where("t.approver_id", "=", membershipId)
    .where("t.status", "in", [...OPEN_STATUSES])
    .where("x.requested_by", "!=", membershipId)
    .where((eb) => eb.or([eb("t.assignee_id", "is", null), eb("t.assignee_id", "!=", membershipId)]));
}
