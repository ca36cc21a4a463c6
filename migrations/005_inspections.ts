import type { Kysely } from "kysely";

// Frozen. Conduct inspections (kiểm tra công vụ): checklists with versions, inspections with one
// row per inspected member and one result per member × item, photo evidence, addenda, and
// corrective actions (chấn chỉnh).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("inspection_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull()) // builtin (a copy of the built-in checklist) | copy | new
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("current_version_id", "text") // set right after the first version is written
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1)) // optimistic lock of the edit form
    .addColumn("created_by", "text", (c) => c.references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inspection_templates_org_idx").on("inspection_templates").columns(["org_id", "active"]).execute();

  // A version's items never change once an inspection uses it; editing then writes a new version.
  await db.schema
    .createTable("inspection_template_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("template_id", "text", (c) => c.notNull().references("inspection_templates.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("inspection_template_versions_uq", ["template_id", "number"])
    .execute();

  await db.schema
    .createTable("inspection_template_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("version_id", "text", (c) => c.notNull().references("inspection_template_versions.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("basis", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("weight", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inspection_template_items_version_idx").on("inspection_template_items").columns(["version_id", "sort_order"]).execute();

  await db.schema
    .createTable("inspections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("template_id", "text", (c) => c.notNull().references("inspection_templates.id"))
    .addColumn("template_version_id", "text", (c) => c.notNull().references("inspection_template_versions.id"))
    .addColumn("inspector_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("inspected_at", "text", (c) => c.notNull()) // instant (UTC)
    .addColumn("inspected_date", "text", (c) => c.notNull()) // its calendar date in Vietnam, for ranges and months
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("counter", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("mode", "text", (c) => c.notNull()) // full | quick
    .addColumn("status", "text", (c) => c.notNull()) // draft | submitted
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inspections_org_date_idx").on("inspections").columns(["org_id", "inspected_date"]).execute();
  await db.schema.createIndex("inspections_org_status_idx").on("inspections").columns(["org_id", "status", "inspected_date"]).execute();

  await db.schema
    .createTable("inspection_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("inspection_id", "text", (c) => c.notNull().references("inspections.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    // Kept in step with the results on every save (rules.ts tallyOf): lists and reports read these.
    .addColumn("score", "real") // 0–100, null when no item applies
    .addColumn("pass_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fail_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("na_count", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("inspection_members_uq", ["inspection_id", "membership_id"])
    .execute();
  await db.schema.createIndex("inspection_members_member_idx").on("inspection_members").columns(["org_id", "membership_id"]).execute();

  await db.schema
    .createTable("inspection_results")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("inspection_id", "text", (c) => c.notNull().references("inspections.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("item_id", "text", (c) => c.notNull().references("inspection_template_items.id"))
    .addColumn("outcome", "text", (c) => c.notNull()) // pass | fail | na
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("inspection_results_uq", ["inspection_id", "membership_id", "item_id"])
    .execute();
  await db.schema.createIndex("inspection_results_member_idx").on("inspection_results").columns(["org_id", "membership_id", "outcome"]).execute();

  await db.schema
    .createTable("inspection_photos")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("inspection_id", "text", (c) => c.notNull().references("inspections.id"))
    .addColumn("membership_id", "text", (c) => c.references("memberships.id")) // whom it shows; null: the place
    .addColumn("item_id", "text", (c) => c.references("inspection_template_items.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inspection_photos_inspection_idx").on("inspection_photos").columns(["org_id", "inspection_id"]).execute();

  await db.schema
    .createTable("inspection_addenda")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("inspection_id", "text", (c) => c.notNull().references("inspections.id"))
    .addColumn("membership_id", "text", (c) => c.references("memberships.id")) // about one member (who then sees it), or null
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inspection_addenda_inspection_idx").on("inspection_addenda").columns(["org_id", "inspection_id"]).execute();

  await db.schema
    .createTable("inspection_actions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("inspection_id", "text", (c) => c.notNull().references("inspections.id"))
    .addColumn("result_id", "text", (c) => c.notNull().references("inspection_results.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("item_id", "text", (c) => c.notNull().references("inspection_template_items.id"))
    .addColumn("requirement", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // open | explained | resolved | unresolved
    .addColumn("explanation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("explained_at", "text")
    .addColumn("verified_by", "text", (c) => c.references("memberships.id"))
    .addColumn("verified_at", "text")
    .addColumn("verification_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inspection_actions_member_idx").on("inspection_actions").columns(["org_id", "membership_id", "status"]).execute();
  await db.schema.createIndex("inspection_actions_status_idx").on("inspection_actions").columns(["org_id", "status", "due_date"]).execute();
  await db.schema.createIndex("inspection_actions_inspection_idx").on("inspection_actions").columns(["org_id", "inspection_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "inspection_actions",
    "inspection_addenda",
    "inspection_photos",
    "inspection_results",
    "inspection_members",
    "inspections",
    "inspection_template_items",
    "inspection_template_versions",
    "inspection_templates",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
