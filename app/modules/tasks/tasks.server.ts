import { randomUUID } from "node:crypto";
import type { DB, Executor, Task, TaskEventKind, Tx } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, forbidden, notFound } from "../../utils/errors";
import { normalizeSearch } from "../../utils/text";
import { audit } from "../audit/audit.server";
import { alreadyDecided, decidedOnce, refuseOwnCase } from "../auth/decisions";
import { parseRoles } from "../auth/permissions";
import { loadCalendar } from "../calendar/calendar.server";
import type { Ctx } from "../ctx";
import { recordAttachments, type StoredFile } from "../files/files.server";
import {
  allowed,
  completionTimeliness,
  daysBetween,
  deadlineInstant,
  isLateExtension,
  missedDeadlineAfterGrant,
  missingSixClear,
  periodOf,
  type LateExtensionRule,
  type SixClear,
  type TaskAction,
  type TaskRelation,
} from "./rules";
import type { TaskFormInput } from "./schema";
import { notify } from "../notifications/notify.server";
import { formatDeadline } from "../../utils/time";

async function actorName(db: Executor, ctx: Ctx): Promise<string> {
  const u = await db.selectFrom("users").select("full_name").where("id", "=", ctx.actorUserId).executeTakeFirst();
  return u?.full_name ?? "";
}

/** Tells the assignee (and co-workers, followers) that a task is theirs now. */
async function notifyAssigned(tx: Executor, ctx: Ctx, taskId: string, input: TaskFormInput) {
  const path = `/tasks/${taskId}`;
  const params = { actor: await actorName(tx, ctx), title: input.title, deadline: formatDeadline(input.deadlineDate ?? null, input.deadlineTime ?? null) };
  await notify(tx, { orgId: ctx.orgId, recipients: [input.assigneeId], except: ctx.membershipId, kind: "taskAssigned", params, path, at: ctx.now });
  for (const [role, ids] of [["coworker", input.coworkerIds ?? []], ["follower", input.followerIds ?? []]] as const) {
    await notify(tx, { orgId: ctx.orgId, recipients: ids, except: ctx.membershipId, kind: "taskInvolved", params: { ...params, role }, path, at: ctx.now });
  }
}

/** One notification about a task to some of its people. */
async function notifyTask(tx: Executor, ctx: Ctx, task: Task, recipients: (string | null)[], kind: Parameters<typeof notify>[1]["kind"], extra: Record<string, string | number> = {}) {
  await notify(tx, {
    orgId: ctx.orgId,
    recipients,
    except: ctx.membershipId,
    kind,
    params: { actor: await actorName(tx, ctx), title: task.title, ...extra },
    path: `/tasks/${task.id}`,
    at: ctx.now,
  });
}

/** The viewer of a task: their membership and whether they lead the centre (director or deputy). */
export interface Viewer {
  orgId: string;
  membershipId: string;
  manager: boolean;
}

export function viewerOf(ctx: Pick<Ctx, "orgId" | "membershipId">, roles: readonly string[]): Viewer {
  return { orgId: ctx.orgId, membershipId: ctx.membershipId, manager: roles.includes("director") || roles.includes("deputy") };
}

// Which form field each missing "rõ" is reported on.
const SIX_FIELD: Record<SixClear, [string, string]> = {
  nguoi: ["assigneeId", "sixNguoi"],
  viec: ["description", "sixViec"],
  thoiGian: ["deadlineDate", "sixThoiGian"],
  trachNhiem: ["approverId", "sixTrachNhiem"],
  sanPham: ["deliverable", "sixSanPham"],
  thamQuyen: ["sourceRef", "sixThamQuyen"],
};

// ---- loading one task with the viewer's relation to it ----

export async function loadTask(db: Executor, viewer: Viewer, taskId: string): Promise<{ task: Task; relation: TaskRelation }> {
  const task = await db.selectFrom("tasks").selectAll().where("org_id", "=", viewer.orgId).where("id", "=", taskId).executeTakeFirst();
  if (!task) notFound();
  const link = await db
    .selectFrom("task_members")
    .select("role")
    .where("org_id", "=", viewer.orgId)
    .where("task_id", "=", taskId)
    .where("membership_id", "=", viewer.membershipId)
    .executeTakeFirst();
  const relation: TaskRelation = {
    assignee: task.assignee_id === viewer.membershipId,
    assigner: task.assigner_id === viewer.membershipId,
    approver: task.approver_id === viewer.membershipId,
    coworker: link?.role === "coworker",
    follower: link?.role === "follower",
    manager: viewer.manager,
  };
  const visible =
    relation.assigner || (task.status !== "draft" && (relation.assignee || relation.approver || relation.coworker || relation.follower || relation.manager));
  if (!visible) notFound();
  return { task, relation };
}

function ensureAllowed(action: TaskAction, task: Task, relation: TaskRelation): void {
  if (!allowed(action, task.status, relation)) forbidden();
}

/** Bumps the version only if nobody changed the task since the form was loaded. */
async function bump(tx: Tx, task: Task, version: number, set: Partial<Task>, at: Date): Promise<void> {
  const res = await tx
    .updateTable("tasks")
    .set({ ...set, version: task.version + 1, updated_at: at.toISOString() })
    .where("id", "=", task.id)
    .where("org_id", "=", task.org_id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "staleVersion");
}

async function event(
  tx: Executor,
  ctx: Ctx,
  taskId: string,
  kind: TaskEventKind,
  extra: { note?: string; progress?: number | null; data?: Record<string, unknown> } = {},
) {
  await tx
    .insertInto("task_events")
    .values({
      id: randomUUID(),
      org_id: ctx.orgId,
      task_id: taskId,
      actor_id: ctx.membershipId,
      kind,
      progress: extra.progress ?? null,
      note: extra.note ?? "",
      data: JSON.stringify(extra.data ?? {}),
      created_at: ctx.now.toISOString(),
    })
    .execute();
  await audit(tx, {
    orgId: ctx.orgId,
    actorUserId: ctx.actorUserId,
    action: `task.${kind}`,
    entityType: "task",
    entityId: taskId,
    details: extra.data ?? {},
    at: ctx.now,
  });
}

// ---- creating and editing ----

interface PeopleCheck {
  assigneeId?: string;
  approverId?: string;
  coworkerIds?: string[];
  followerIds?: string[];
  planId?: string;
  planItemId?: string;
}

/** Every id from the form must be an active member (or plan) of the same centre. */
async function checkReferences(db: Executor, orgId: string, input: PeopleCheck) {
  const ids = [input.assigneeId, input.approverId, ...(input.coworkerIds ?? []), ...(input.followerIds ?? [])].filter(
    (x): x is string => Boolean(x),
  );
  const rows = ids.length
    ? await db
        .selectFrom("memberships")
        .select(["id", "roles"])
        .where("org_id", "=", orgId)
        .where("active", "=", 1)
        .where("id", "in", [...new Set(ids)])
        .execute()
    : [];
  const found = new Map(rows.map((r) => [r.id, parseRoles(r.roles)]));
  const errors: Record<string, string> = {};
  if (input.assigneeId && !found.has(input.assigneeId)) errors.assigneeId = "invalidChoice";
  if (input.approverId) {
    const roles = found.get(input.approverId);
    if (!roles) errors.approverId = "invalidChoice";
    else if (!roles.includes("director") && !roles.includes("deputy")) errors.approverId = "approverMustLead";
  }
  if ((input.coworkerIds ?? []).some((id) => !found.has(id))) errors.coworkerIds = "invalidChoice";
  if ((input.followerIds ?? []).some((id) => !found.has(id))) errors.followerIds = "invalidChoice";
  if (input.planId) {
    const plan = await db.selectFrom("plans").select("id").where("org_id", "=", orgId).where("id", "=", input.planId).executeTakeFirst();
    if (!plan) errors.planId = "invalidChoice";
  }
  if (input.planItemId) {
    const item = await db
      .selectFrom("plan_items")
      .select(["id", "plan_id"])
      .where("org_id", "=", orgId)
      .where("id", "=", input.planItemId)
      .executeTakeFirst();
    if (!item || (input.planId && item.plan_id !== input.planId)) errors.planItemId = "invalidChoice";
  }
  if (Object.keys(errors).length) throw FieldError.many(errors);
}

function columnsOf(input: TaskFormInput) {
  const deadlineAt = input.deadlineDate ? deadlineInstant(input.deadlineDate, input.deadlineTime).toISOString() : null;
  return {
    title: input.title,
    title_search: normalizeSearch(input.title),
    description: input.description ?? "",
    priority: input.priority,
    assignee_id: input.assigneeId ?? null,
    approver_id: input.approverId ?? null,
    source_kind: input.sourceKind ?? null,
    source_ref: input.sourceRef ?? "",
    deliverable: input.deliverable ?? "",
    start_date: input.startDate ?? null,
    deadline_date: input.deadlineDate ?? null,
    deadline_time: input.deadlineTime ?? null,
    deadline_at: deadlineAt,
    plan_id: input.planId ?? null,
    plan_item_id: input.planItemId ?? null,
  };
}

function assertSixClear(input: TaskFormInput, assignerId: string) {
  const missing = missingSixClear({
    title: input.title,
    description: input.description ?? "",
    assigneeId: input.assigneeId ?? null,
    assignerId,
    approverId: input.approverId ?? null,
    startDate: input.startDate ?? null,
    deadlineDate: input.deadlineDate ?? null,
    deliverable: input.deliverable ?? "",
    sourceKind: input.sourceKind ?? null,
    sourceRef: input.sourceRef ?? "",
  });
  if (missing.length) throw FieldError.many(Object.fromEntries(missing.map((m) => SIX_FIELD[m])));
}

async function replaceMembers(tx: Tx, orgId: string, taskId: string, input: TaskFormInput) {
  await tx.deleteFrom("task_members").where("org_id", "=", orgId).where("task_id", "=", taskId).execute();
  const rows = new Map<string, "coworker" | "follower">();
  for (const id of input.followerIds ?? []) rows.set(id, "follower");
  for (const id of input.coworkerIds ?? []) rows.set(id, "coworker");
  if (input.assigneeId) rows.delete(input.assigneeId);
  if (rows.size) {
    await tx
      .insertInto("task_members")
      .values([...rows].map(([membership_id, role]) => ({ task_id: taskId, org_id: orgId, membership_id, role })))
      .execute();
  }
}

/** Creates a task as a draft, or assigns it at once when all six "rõ" are clear. */
export async function createTask(db: DB, ctx: Ctx, input: TaskFormInput, files: StoredFile[] = []): Promise<string> {
  // The approver defaults to the assigner (a director or deputy).
  const filled: TaskFormInput = { ...input, approverId: input.approverId || ctx.membershipId };
  await checkReferences(db, ctx.orgId, filled);
  if (input.intent === "assign") assertSixClear(filled, ctx.membershipId);
  return writeTx(db, async (tx) => {
    const id = randomUUID();
    const at = ctx.now.toISOString();
    const cols = columnsOf(filled);
    const assign = input.intent === "assign";
    let seriesId: string | null = null;
    let occurrenceKey: string | null = null;
    if (input.recurrence !== "none" && filled.deadlineDate) {
      seriesId = randomUUID();
      const period = periodOf(filled.startDate ?? filled.deadlineDate, input.recurrence);
      occurrenceKey = period.key;
      await tx
        .insertInto("task_series")
        .values({
          id: seriesId,
          org_id: ctx.orgId,
          template_task_id: id,
          frequency: input.recurrence,
          deadline_offset_days: Math.max(0, daysBetween(period.start, filled.deadlineDate)),
          active: 1,
          created_at: at,
        })
        .execute();
    }
    await tx
      .insertInto("tasks")
      .values({
        id,
        org_id: ctx.orgId,
        ...cols,
        status: assign ? "assigned" : "draft",
        assigner_id: ctx.membershipId,
        original_deadline_date: cols.deadline_date,
        original_deadline_time: cols.deadline_time,
        original_deadline_at: cols.deadline_at,
        progress: 0,
        series_id: seriesId,
        occurrence_key: occurrenceKey,
        assigned_at: assign ? at : null,
        completed_at: null,
        timeliness: null,
        timeliness_original: null,
        return_count: 0,
        extension_count: 0,
        cancel_reason: null,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await replaceMembers(tx, ctx.orgId, id, filled);
    await recordAttachments(tx, { orgId: ctx.orgId, taskId: id, uploadedBy: ctx.membershipId, at: ctx.now, files });
    await event(tx, ctx, id, assign ? "assigned" : "created", { data: { title: input.title, recurrence: input.recurrence } });
    if (assign) await notifyAssigned(tx, ctx, id, filled);
    return id;
  });
}

/** Edits a task that is not finished; `intent: "assign"` also issues a draft. Keeps the original deadline. */
export async function updateTask(db: DB, ctx: Ctx, viewer: Viewer, taskId: string, input: TaskFormInput, files: StoredFile[] = []) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  ensureAllowed("edit", task, relation);
  const assignNow = task.status === "draft" && input.intent === "assign";
  if (assignNow) ensureAllowed("assign", task, relation);
  const filled: TaskFormInput = { ...input, approverId: input.approverId || task.assigner_id };
  await checkReferences(db, ctx.orgId, filled);
  if (assignNow || task.status !== "draft") assertSixClear(filled, task.assigner_id);
  if (input.version === undefined) throw new FieldError("version", "staleVersion");
  await writeTx(db, async (tx) => {
    const cols = columnsOf(filled);
    const original =
      task.status === "draft"
        ? { original_deadline_date: cols.deadline_date, original_deadline_time: cols.deadline_time, original_deadline_at: cols.deadline_at }
        : {};
    await bump(
      tx,
      task,
      input.version!,
      { ...cols, ...original, ...(assignNow ? { status: "assigned", assigned_at: ctx.now.toISOString() } : {}) },
      ctx.now,
    );
    await replaceMembers(tx, ctx.orgId, taskId, filled);
    await recordAttachments(tx, { orgId: ctx.orgId, taskId, uploadedBy: ctx.membershipId, at: ctx.now, files });
    const reassigned = task.assignee_id !== cols.assignee_id && task.status !== "draft";
    await event(tx, ctx, taskId, assignNow ? "assigned" : "edited", {
      data: reassigned ? { from: task.assignee_id, to: cols.assignee_id } : {},
    });
    if (assignNow || reassigned) await notifyAssigned(tx, ctx, taskId, filled);
  });
}

// ---- the lifecycle ----

export async function addProgress(db: DB, ctx: Ctx, viewer: Viewer, taskId: string, input: { percent: number; note?: string; version: number }) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  ensureAllowed("progress", task, relation);
  await writeTx(db, async (tx) => {
    await bump(tx, task, input.version, { progress: input.percent, status: task.status === "returned" ? "returned" : "in_progress" }, ctx.now);
    await event(tx, ctx, taskId, "progress", { progress: input.percent, note: input.note, data: { percent: input.percent } });
  });
}

export async function submitTask(db: DB, ctx: Ctx, viewer: Viewer, taskId: string, input: { text: string; version: number }, files: StoredFile[] = []) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  ensureAllowed("submit", task, relation);
  await writeTx(db, async (tx) => {
    await bump(tx, task, input.version, { status: "submitted", submitted_at: ctx.now.toISOString() }, ctx.now);
    const submissionId = randomUUID();
    await tx
      .insertInto("task_submissions")
      .values({
        id: submissionId,
        org_id: ctx.orgId,
        task_id: taskId,
        submitted_by: ctx.membershipId,
        text: input.text,
        submitted_at: ctx.now.toISOString(),
        decision: null,
        decided_by: null,
        decided_at: null,
        decision_note: "",
      })
      .execute();
    await recordAttachments(tx, { orgId: ctx.orgId, taskId, submissionId, uploadedBy: ctx.membershipId, at: ctx.now, files });
    await event(tx, ctx, taskId, "submitted", { note: input.text, data: { submissionId } });
    await notifyTask(tx, ctx, task, [task.approver_id], "taskSubmitted");
  });
}

/** Accepts the latest submission (the task is done, timed by that submission) or returns it. */
export async function decideSubmission(
  db: DB,
  ctx: Ctx,
  viewer: Viewer,
  taskId: string,
  input: { intent: "approve" | "return"; note?: string; version: number },
) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  // The approver asking again after the result was accepted or returned: already decided.
  if (relation.approver && (task.status === "done" || task.status === "returned")) alreadyDecided();
  ensureAllowed(input.intent, task, relation);
  if (input.intent === "return" && !input.note?.trim()) throw new FieldError("note", "reasonRequired");
  const submission = await db
    .selectFrom("task_submissions")
    .selectAll()
    .where("org_id", "=", ctx.orgId)
    .where("task_id", "=", taskId)
    .where("decision", "is", null)
    .orderBy("submitted_at", "desc")
    .executeTakeFirst();
  if (!submission) alreadyDecided();
  // Nobody approves their own work: not the person in charge, not the one who submitted it.
  refuseOwnCase(ctx.membershipId, [task.assignee_id, submission.submitted_by]);
  const completedAt = new Date(submission.submitted_at);
  const cal = await loadCalendar(db, ctx.orgId, completedAt.getUTCFullYear());
  await writeTx(db, async (tx) => {
    // Decided in one statement: of two simultaneous decisions only one finds it undecided.
    const res = await tx
      .updateTable("task_submissions")
      .set({
        decision: input.intent === "approve" ? "accepted" : "returned",
        decided_by: ctx.membershipId,
        decided_at: ctx.now.toISOString(),
        decision_note: input.note ?? "",
      })
      .where("id", "=", submission.id)
      .where("org_id", "=", ctx.orgId)
      .where("decision", "is", null)
      .executeTakeFirst();
    decidedOnce(res);
    if (input.intent === "approve") {
      const timing = completionTimeliness(
        completedAt,
        {
          deadline: { date: task.deadline_date!, time: task.deadline_time },
          original: { date: task.original_deadline_date ?? task.deadline_date!, time: task.original_deadline_date ? task.original_deadline_time : task.deadline_time },
          missedDeadlineAt: task.missed_deadline_at,
        },
        cal,
      );
      await bump(
        tx,
        task,
        input.version,
        {
          status: "done",
          progress: 100,
          completed_at: submission.submitted_at,
          timeliness: timing.timeliness,
          timeliness_original: timing.timelinessOriginal,
        },
        ctx.now,
      );
      await event(tx, ctx, taskId, "approved", { note: input.note });
      await notifyTask(tx, ctx, task, [task.assignee_id], "taskApproved");
    } else {
      await bump(tx, task, input.version, { status: "returned", return_count: task.return_count + 1 }, ctx.now);
      await event(tx, ctx, taskId, "returned", { note: input.note });
      await notifyTask(tx, ctx, task, [task.assignee_id], "taskReturned", { note: input.note ?? "" });
    }
  });
}

export async function cancelTask(db: DB, ctx: Ctx, viewer: Viewer, taskId: string, input: { reason: string; version: number }) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  ensureAllowed("cancel", task, relation);
  await writeTx(db, async (tx) => {
    await bump(tx, task, input.version, { status: "cancelled", cancel_reason: input.reason }, ctx.now);
    await tx.updateTable("task_extensions").set({ status: "refused", decision_note: "", decided_at: ctx.now.toISOString() }).where("org_id", "=", ctx.orgId).where("task_id", "=", taskId).where("status", "=", "pending").execute();
    await event(tx, ctx, taskId, "cancelled", { note: input.reason });
  });
}

export async function requestExtension(
  db: DB,
  ctx: Ctx,
  viewer: Viewer,
  taskId: string,
  input: { requestedDate: string; requestedTime?: string; reason: string; version: number },
) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  ensureAllowed("requestExtension", task, relation);
  const pending = await db.selectFrom("task_extensions").select("id").where("org_id", "=", ctx.orgId).where("task_id", "=", taskId).where("status", "=", "pending").executeTakeFirst();
  if (pending) throw new FieldError("requestedDate", "extensionPending");
  if (deadlineInstant(input.requestedDate, input.requestedTime) <= deadlineInstant(task.deadline_date!, task.deadline_time)) {
    throw new FieldError("requestedDate", "extensionNotLater");
  }
  // Asked after the deadline: the centre either refuses such requests or grants them while the
  // task stays late (missed_deadline_at, set on grant).
  if (isLateExtension(ctx.now, { date: task.deadline_date!, time: task.deadline_time }) && (await lateExtensionRule(db, ctx.orgId)) === "refuse") {
    throw new FieldError("requestedDate", "lateExtensionRefused");
  }
  await writeTx(db, async (tx) => {
    await bump(tx, task, input.version, {}, ctx.now);
    const id = randomUUID();
    await tx
      .insertInto("task_extensions")
      .values({
        id,
        org_id: ctx.orgId,
        task_id: taskId,
        requested_by: ctx.membershipId,
        from_deadline_date: task.deadline_date!,
        from_deadline_time: task.deadline_time,
        requested_date: input.requestedDate,
        requested_time: input.requestedTime ?? null,
        reason: input.reason,
        status: "pending",
        decided_by: null,
        decided_at: null,
        decision_note: "",
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await event(tx, ctx, taskId, "extensionRequested", {
      note: input.reason,
      data: { extensionId: id, date: input.requestedDate, time: input.requestedTime ?? null },
    });
    await notifyTask(tx, ctx, task, [task.approver_id], "extensionRequested", { date: formatDeadline(input.requestedDate, input.requestedTime ?? null) });
  });
}

export async function decideExtension(
  db: DB,
  ctx: Ctx,
  viewer: Viewer,
  taskId: string,
  input: { intent: "grantExtension" | "refuseExtension"; extensionId: string; note?: string; version: number },
) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  ensureAllowed("decideExtension", task, relation);
  const ext = await db
    .selectFrom("task_extensions")
    .selectAll()
    .where("org_id", "=", ctx.orgId)
    .where("task_id", "=", taskId)
    .where("id", "=", input.extensionId)
    .executeTakeFirst();
  if (!ext) notFound();
  refuseOwnCase(ctx.membershipId, [ext.requested_by, task.assignee_id]);
  if (ext.status !== "pending") alreadyDecided();
  const grant = input.intent === "grantExtension";
  await writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("task_extensions")
      .set({ status: grant ? "granted" : "refused", decided_by: ctx.membershipId, decided_at: ctx.now.toISOString(), decision_note: input.note ?? "" })
      .where("id", "=", ext.id)
      .where("org_id", "=", ctx.orgId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    decidedOnce(res);
    await bump(
      tx,
      task,
      input.version,
      grant
        ? {
            deadline_date: ext.requested_date,
            deadline_time: ext.requested_time,
            deadline_at: deadlineInstant(ext.requested_date, ext.requested_time).toISOString(),
            extension_count: task.extension_count + 1,
            missed_deadline_at: missedDeadlineAfterGrant(task.missed_deadline_at, {
              createdAt: ext.created_at,
              fromDate: ext.from_deadline_date,
              fromTime: ext.from_deadline_time,
            }),
          }
        : {},
      ctx.now,
    );
    await event(tx, ctx, taskId, grant ? "extensionGranted" : "extensionRefused", {
      note: input.note,
      data: { extensionId: ext.id, date: ext.requested_date, time: ext.requested_time },
    });
    await notifyTask(tx, ctx, task, [task.assignee_id], "extensionDecided", { decision: grant ? "granted" : "refused" });
  });
}

// ---- the centre's task rules ----

/** What the centre does with an extension asked after the deadline; by default it keeps the task late. */
export async function lateExtensionRule(db: Executor, orgId: string): Promise<LateExtensionRule> {
  const row = await db.selectFrom("task_settings").select("late_extensions").where("org_id", "=", orgId).executeTakeFirst();
  return row?.late_extensions === "refuse" ? "refuse" : "keep_late";
}

/** An admin or the director sets the rule for extensions asked after the deadline (audited). */
export async function saveLateExtensionRule(db: DB, ctx: Ctx, rule: LateExtensionRule): Promise<void> {
  await writeTx(db, async (tx) => {
    const before = await lateExtensionRule(tx, ctx.orgId);
    const values = { late_extensions: rule, updated_by: ctx.membershipId, updated_at: ctx.now.toISOString() };
    await tx
      .insertInto("task_settings")
      .values({ org_id: ctx.orgId, ...values })
      .onConflict((oc) => oc.column("org_id").doUpdateSet(values))
      .execute();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "task.lateExtensionRuleChanged",
      entityType: "organization",
      entityId: ctx.orgId,
      details: { from: before, to: rule },
      at: ctx.now,
    });
  });
}

export async function addComment(db: DB, ctx: Ctx, viewer: Viewer, taskId: string, note: string) {
  const { task, relation } = await loadTask(db, viewer, taskId);
  ensureAllowed("comment", task, relation);
  await writeTx(db, async (tx) => {
    await event(tx, ctx, taskId, "comment", { note });
  });
}
