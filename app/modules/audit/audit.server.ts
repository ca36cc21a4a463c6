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
