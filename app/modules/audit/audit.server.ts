import { randomUUID } from "node:crypto";
import type { Executor } from "../../../db/schema";

interface AuditEntry {
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/** Appends to the audit log. Call it with the same transaction as the change it records. */
export async function audit(db: Executor, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      org_id: e.orgId,
      actor_user_id: e.actorUserId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId ?? null,
      details: JSON.stringify(e.details ?? {}),
      created_at: e.at.toISOString(),
    })
    .execute();
}

/** The centre's latest audit entries (who by user id, what, when), newest first. */
export function recentAudit(db: Executor, orgId: string, limit: number) {
  return db
    .selectFrom("audit_log")
    .select(["id", "action", "created_at as createdAt", "actor_user_id as actorUserId"])
    .where("org_id", "=", orgId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/**
 * The actions of the service's operators recorded in a centre (docs/decisions/0044-centre-lifecycle.md):
 * the platform operations that concern one centre, whoever ran them (an operator in the console, or
 * the CLI as the system). The rule is the action, not the actor: an operator is a member of no
 * centre, and the CLI has no user at all. A new operator action on a centre joins this list.
 */
export const OPERATOR_ACTIONS = [
  "centre.created",
  "centre.suspended",
  "centre.resumed",
  "centre.deletionScheduled",
  "centre.deletionCancelled",
  "oversight.centreAssigned",
] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export interface OperatorLogEntry {
  id: string;
  action: OperatorAction;
  createdAt: string;
  /** "console" (an operator's account) or "cli" (the server's command line, no user). */
  via: "console" | "cli";
  reason: string | null;
  graceDays: number | null;
  deletionDueAt: string | null;
  /** The oversight group now allowed to read the centre's figures (oversight.centreAssigned). */
  group: string | null;
}

/** The operators' actions on this centre, newest first (at most `limit`). */
export async function operatorLog(db: Executor, orgId: string, limit = 200): Promise<OperatorLogEntry[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "action", "created_at", "actor_user_id", "details"])
    .where("org_id", "=", orgId)
    .where("action", "in", OPERATOR_ACTIONS)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    let d: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(r.details);
      if (parsed && typeof parsed === "object") d = parsed as Record<string, unknown>;
    } catch {
      // A malformed entry still shows what and when.
    }
    const str = (v: unknown) => (typeof v === "string" && v ? v : null);
    return {
      id: r.id,
      action: r.action as OperatorAction,
      createdAt: r.created_at,
      // Entries written before decision 0044 carry no "via": the CLI wrote them, with no user.
      via: d.via === "console" || (d.via === undefined && r.actor_user_id !== null) ? "console" : "cli",
      reason: str(d.reason),
      graceDays: typeof d.graceDays === "number" ? d.graceDays : null,
      deletionDueAt: str(d.deletionDueAt),
      group: str(d.group),
    };
  });
}

/** The centre's latest entry of one action, with its details parsed; undefined when there is none. */
export async function latestAuditEntry(db: Executor, orgId: string, action: string) {
  const row = await db
    .selectFrom("audit_log")
    .select(["actor_user_id", "created_at", "details"])
    .where("org_id", "=", orgId)
    .where("action", "=", action)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === "object") details = parsed as Record<string, unknown>;
  } catch {
    // Unreadable details: the entry still says who and when.
  }
  return { actorUserId: row.actor_user_id, createdAt: row.created_at, details };
}
