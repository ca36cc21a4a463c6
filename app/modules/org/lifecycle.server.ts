// A centre's lifecycle, run by the service's operators (docs/decisions/0044-centre-lifecycle.md):
// suspend and resume a centre, schedule its deletion after a grace period and cancel it. Platform
// operations, not tenant actions: the operator console (/admin) and the CLI call them with the
// operator's user id (null for the CLI) and the instant. Each decision is one conditional UPDATE on
// the centre's current state (decision 0014): of two at once, one changes the row and writes its
// audit entry; the other changes nothing and is refused with a message beside its field. Every
// entry is written in the centre (org_id) so its admin sees it (/o/<slug>/settings/operator-log).
import { z } from "zod";
import type { CentreStatus, DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError } from "../../utils/errors";
import { audit } from "../audit/audit.server";

/** Days between scheduling a deletion and the deletion itself: at least a week, at most three months. */
export const GRACE_DAYS = { default: 30, min: 7, max: 90 } as const;

// Messages are keys of the `errors` dictionary (app/i18n), Vietnamese first, as every schema's.
const reasonText = z.string({ required_error: "required" }).trim().min(3, "centreReasonTooShort").max(500, "tooLong");

/** The suspend form: why (shown to the centre's members on the suspension page). */
export const suspendCentreSchema = z.object({ reason: reasonText });
/** The resume form: nothing but the decision. */
export const resumeCentreSchema = z.object({});
/** The schedule-deletion form: the grace period in days (7–90, 30 when left empty) and an optional reason. */
export const scheduleCentreDeletionSchema = z.object({
  graceDays: z.coerce
    .number({ invalid_type_error: "graceDaysRange" })
    .int("graceDaysRange")
    .min(GRACE_DAYS.min, "graceDaysRange")
    .max(GRACE_DAYS.max, "graceDaysRange")
    .default(GRACE_DAYS.default),
  reason: reasonText.optional(),
});
/** The cancel-deletion form: nothing but the decision. */
export const cancelCentreDeletionSchema = z.object({});

/** Who acts, and how: the console's operator (a user id) or the CLI (null, via "cli"). */
interface Actor {
  orgId: string;
  /** The operator's user id; null for the CLI (the system). */
  actorUserId: string | null;
  now: Date;
  /** Where the decision was taken, recorded in the audit entry; "console" unless said. */
  via?: "console" | "cli";
}

export interface CentreState {
  orgId: string;
  slug: string;
  name: string;
  status: CentreStatus;
  suspendedAt: string | null;
  suspensionReason: string | null;
  /** When the deletion job may delete the centre; null when none is scheduled. */
  deletionDueAt: string | null;
  /** The deletion date has passed: the job deletes (or has started deleting) the centre. */
  deletionDue: boolean;
}

/** The centre's lifecycle state, or undefined when there is no such centre (never created, or deleted). */
export async function centreStatus(db: Executor, input: { orgId: string; now: Date }): Promise<CentreState | undefined> {
  const o = await db
    .selectFrom("organizations")
    .select(["id", "slug", "name", "status", "suspended_at", "suspension_reason", "deletion_due_at"])
    .where("id", "=", input.orgId)
    .executeTakeFirst();
  if (!o) return undefined;
  return {
    orgId: o.id,
    slug: o.slug,
    name: o.name,
    status: o.status,
    suspendedAt: o.suspended_at,
    suspensionReason: o.suspension_reason,
    deletionDueAt: o.deletion_due_at,
    deletionDue: o.deletion_due_at !== null && o.deletion_due_at <= input.now.toISOString(),
  };
}

async function mustExist(db: Executor, orgId: string, now: Date): Promise<CentreState> {
  const state = await centreStatus(db, { orgId, now });
  if (!state) throw new FieldError("orgId", "centreNotFound");
  return state;
}

/** The input checked by its schema; a refusal is a FieldError beside the field, as a form shows it. */
function valid<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<S>;
  const issue = parsed.error.issues[0]!;
  throw new FieldError(String(issue.path[0] ?? "orgId"), issue.message);
}

const details = (a: Actor, more: Record<string, unknown>) => ({ operator: true, via: a.via ?? "console", ...more });

/**
 * Suspends an active centre: its members get the suspension page (nothing is deleted). Refused
 * ("centreAlreadySuspended", on `reason`) when it is suspended already — also when another
 * operator suspended it a moment before.
 */
export async function suspendCentre(db: DB, input: Actor & { reason: string }): Promise<CentreState> {
  const { reason } = valid(suspendCentreSchema, { reason: input.reason });
  return writeTx(db, async (tx) => {
    await mustExist(tx, input.orgId, input.now);
    const at = input.now.toISOString();
    const res = await tx
      .updateTable("organizations")
      .set({ status: "suspended", suspended_at: at, suspension_reason: reason })
      .where("id", "=", input.orgId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("reason", "centreAlreadySuspended");
    await audit(tx, { orgId: input.orgId, actorUserId: input.actorUserId, action: "centre.suspended", entityType: "organization", entityId: input.orgId, details: details(input, { reason }), at: input.now });
    return (await centreStatus(tx, input))!;
  });
}

/**
 * Resumes a suspended centre. Refused while a deletion is scheduled ("centreDeletionScheduled":
 * cancel the deletion first, a separate decision) and when it is not suspended ("centreNotSuspended").
 */
export async function resumeCentre(db: DB, input: Actor): Promise<CentreState> {
  return writeTx(db, async (tx) => {
    await mustExist(tx, input.orgId, input.now);
    const res = await tx
      .updateTable("organizations")
      .set({ status: "active", suspended_at: null, suspension_reason: null })
      .where("id", "=", input.orgId)
      .where("status", "=", "suspended")
      .where("deletion_due_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const state = await mustExist(tx, input.orgId, input.now);
      throw new FieldError("orgId", state.deletionDueAt ? "centreDeletionScheduled" : "centreNotSuspended");
    }
    await audit(tx, { orgId: input.orgId, actorUserId: input.actorUserId, action: "centre.resumed", entityType: "organization", entityId: input.orgId, details: details(input, {}), at: input.now });
    return (await centreStatus(tx, input))!;
  });
}

/**
 * Schedules the centre's deletion `graceDays` (7–90, default 30) days from now, and suspends it if
 * it was active (with `reason`, when given). Until the date its admin can still download all of its
 * data. Refused ("centreDeletionScheduled", on `graceDays`) when a deletion is already scheduled.
 */
export async function scheduleCentreDeletion(db: DB, input: Actor & { graceDays?: number; reason?: string }): Promise<CentreState> {
  const { graceDays, reason } = valid(scheduleCentreDeletionSchema, { graceDays: input.graceDays, reason: input.reason });
  const at = input.now.toISOString();
  const due = new Date(input.now.getTime() + graceDays * 86_400_000).toISOString();
  return writeTx(db, async (tx) => {
    await mustExist(tx, input.orgId, input.now);
    const res = await tx
      .updateTable("organizations")
      .set((eb) => ({
        status: "suspended",
        deletion_due_at: due,
        // A centre suspended already keeps when and why; an active one is suspended now.
        suspended_at: eb.fn.coalesce("suspended_at", eb.val(at)),
        suspension_reason: eb.fn.coalesce("suspension_reason", eb.val(reason ?? null)),
      }))
      .where("id", "=", input.orgId)
      .where("deletion_due_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("graceDays", "centreDeletionScheduled");
    await audit(tx, {
      orgId: input.orgId,
      actorUserId: input.actorUserId,
      action: "centre.deletionScheduled",
      entityType: "organization",
      entityId: input.orgId,
      details: details(input, { graceDays, deletionDueAt: due, ...(reason ? { reason } : {}) }),
      at: input.now,
    });
    return (await centreStatus(tx, input))!;
  });
}

/**
 * Cancels a scheduled deletion before its date; the centre stays suspended until it is resumed.
 * Refused when none is scheduled ("centreDeletionNotScheduled") and once the date has passed
 * ("centreDeletionStarted": the job may have begun deleting).
 */
export async function cancelCentreDeletion(db: DB, input: Actor): Promise<CentreState> {
  return writeTx(db, async (tx) => {
    await mustExist(tx, input.orgId, input.now);
    const at = input.now.toISOString();
    const res = await tx
      .updateTable("organizations")
      .set({ deletion_due_at: null })
      .where("id", "=", input.orgId)
      .where("deletion_due_at", "is not", null)
      .where("deletion_due_at", ">", at)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const state = await mustExist(tx, input.orgId, input.now);
      throw new FieldError("orgId", state.deletionDueAt ? "centreDeletionStarted" : "centreDeletionNotScheduled");
    }
    await audit(tx, { orgId: input.orgId, actorUserId: input.actorUserId, action: "centre.deletionCancelled", entityType: "organization", entityId: input.orgId, details: details(input, {}), at: input.now });
    return (await centreStatus(tx, input))!;
  });
}

/** The active centres among these ids (the jobs skip the others: decision 0044). */
export async function activeCentreIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // tenant-safe: the jobs' own list of centres, filtered by their status; reads ids only.
  const rows = await db.selectFrom("organizations").select("id").where("id", "in", ids).where("status", "=", "active").execute();
  return new Set(rows.map((r) => r.id));
}
