import { randomUUID } from "node:crypto";
import type { Executor } from "../../../db/schema";

export interface AuditEntry {
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
