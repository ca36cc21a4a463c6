import type { Kysely } from "kysely";

// Frozen. Tasks ("6 rõ"), their people, timeline, submissions, extensions, recurrence, plans,
// attachments; and the centre's official calendar decisions that working-day rules read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("calendar_days")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull()) // off | working
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("calendar_days_org_date_uq", ["org_id", "date"])
    .execute();

  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plans_org_idx").on("plans").columns(["org_id", "year"]).execute();

  await db.schema
    .createTable("plan_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
    .addColumn("kind", "text", (c) => c.notNull()) // key | breakthrough (trọng tâm | đột phá)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_items_plan_idx").on("plan_items").columns(["org_id", "plan_id"]).execute();

  await db.schema
    .createTable("task_series")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("template_task_id", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull()) // weekly | monthly | quarterly | yearly
    .addColumn("deadline_offset_days", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("task_series_org_idx").on("task_series").columns(["org_id", "active"]).execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_search", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("priority", "text", (c) => c.notNull().defaultTo("normal"))
    .addColumn("assigner_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("assignee_id", "text", (c) => c.references("memberships.id"))
    .addColumn("approver_id", "text", (c) => c.references("memberships.id"))
    .addColumn("source_kind", "text")
    .addColumn("source_ref", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("deliverable", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("start_date", "text")
    .addColumn("deadline_date", "text")
    .addColumn("deadline_time", "text")
    .addColumn("deadline_at", "text")
    .addColumn("original_deadline_date", "text")
    .addColumn("original_deadline_time", "text")
    .addColumn("original_deadline_at", "text")
    .addColumn("plan_id", "text", (c) => c.references("plans.id"))
    .addColumn("plan_item_id", "text", (c) => c.references("plan_items.id"))
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("series_id", "text", (c) => c.references("task_series.id"))
    .addColumn("occurrence_key", "text")
    .addColumn("assigned_at", "text")
    .addColumn("completed_at", "text")
    .addColumn("timeliness", "text") // early | on_time | late, against the current deadline
    .addColumn("timeliness_original", "text") // the same against the original deadline
    .addColumn("return_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("extension_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cancel_reason", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tasks_org_deadline_idx").on("tasks").columns(["org_id", "deadline_at"]).execute();
  await db.schema.createIndex("tasks_org_status_idx").on("tasks").columns(["org_id", "status", "deadline_at"]).execute();
  await db.schema
    .createIndex("tasks_org_assignee_idx")
    .on("tasks")
    .columns(["org_id", "assignee_id", "deadline_at"])
    .execute();
  await db.schema
    .createIndex("tasks_org_assigner_idx")
    .on("tasks")
    .columns(["org_id", "assigner_id", "deadline_at"])
    .execute();
  await db.schema
    .createIndex("tasks_org_approver_idx")
    .on("tasks")
    .columns(["org_id", "approver_id", "status"])
    .execute();
  await db.schema.createIndex("tasks_org_plan_idx").on("tasks").columns(["org_id", "plan_id"]).execute();
  await db.schema.createIndex("tasks_org_completed_idx").on("tasks").columns(["org_id", "completed_at"]).execute();
  await db.schema
    .createIndex("tasks_series_occurrence_uq")
    .on("tasks")
    .columns(["series_id", "occurrence_key"])
    .unique()
    .execute();

  await db.schema
    .createTable("task_members")
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("role", "text", (c) => c.notNull()) // coworker | follower
    .addPrimaryKeyConstraint("task_members_pk", ["task_id", "membership_id"])
    .execute();
  await db.schema
    .createIndex("task_members_member_idx")
    .on("task_members")
    .columns(["org_id", "membership_id", "task_id"])
    .execute();

  await db.schema
    .createTable("task_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("actor_id", "text", (c) => c.references("memberships.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("progress", "integer")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("task_events_task_idx").on("task_events").columns(["task_id", "created_at"]).execute();

  await db.schema
    .createTable("task_submissions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("submitted_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("decision", "text") // accepted | returned
    .addColumn("decided_by", "text", (c) => c.references("memberships.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("task_submissions_task_idx")
    .on("task_submissions")
    .columns(["task_id", "submitted_at"])
    .execute();

  await db.schema
    .createTable("task_extensions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("requested_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("from_deadline_date", "text", (c) => c.notNull())
    .addColumn("from_deadline_time", "text")
    .addColumn("requested_date", "text", (c) => c.notNull())
    .addColumn("requested_time", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // pending | granted | refused
    .addColumn("decided_by", "text", (c) => c.references("memberships.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("task_extensions_task_idx")
    .on("task_extensions")
    .columns(["task_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("task_extensions_org_status_idx")
    .on("task_extensions")
    .columns(["org_id", "status"])
    .execute();

  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("task_id", "text", (c) => c.references("tasks.id"))
    .addColumn("submission_id", "text", (c) => c.references("task_submissions.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("attachments_task_idx").on("attachments").columns(["org_id", "task_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "attachments",
    "task_extensions",
    "task_submissions",
    "task_events",
    "task_members",
    "tasks",
    "task_series",
    "plan_items",
    "plans",
    "calendar_days",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
