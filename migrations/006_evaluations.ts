import type { Kysely } from "kysely";

// Frozen. Evaluation of civil servants (NĐ 335/2025/NĐ-CP, 100-point scale): one row per member
// and period ('YYYY-MM' or 'YYYY-Qn') once anything has been entered, and each centre's weights of
// the three task components (quantity, quality, timeliness).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("evaluations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("period", "text", (c) => c.notNull()) // 2026-02 | 2026-Q1
    // The four general criteria (30 points in all), each with the evaluator's justification.
    .addColumn("political_points", "real")
    .addColumn("political_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("ethics_points", "real")
    .addColumn("ethics_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("style_points", "real")
    .addColumn("style_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("discipline_points", "real")
    .addColumn("discipline_note", "text", (c) => c.notNull().defaultTo(""))
    // Disciplined (reprimand or heavier) in the year: the band becomes "Không hoàn thành nhiệm vụ".
    .addColumn("disciplined", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disciplined_note", "text", (c) => c.notNull().defaultTo(""))
    // Task points entered by the evaluator, used only when no task was due in the period.
    .addColumn("manual_task_points", "real")
    .addColumn("manual_task_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evaluated_by", "text", (c) => c.references("memberships.id"))
    .addColumn("evaluated_at", "text")
    .addColumn("self_assessment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("self_assessed_at", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft")) // draft | finalised
    // Frozen at finalisation: the computed figures (JSON), the total and the band.
    .addColumn("figures", "text")
    .addColumn("total", "real")
    .addColumn("band", "text")
    .addColumn("finalised_by", "text", (c) => c.references("memberships.id"))
    .addColumn("finalised_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("evaluations_member_period_uq", ["org_id", "membership_id", "period"])
    .execute();
  await db.schema.createIndex("evaluations_org_period_idx").on("evaluations").columns(["org_id", "period", "status"]).execute();

  await db.schema
    .createTable("evaluation_settings")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("organizations.id"))
    // Relative weights of the 70 task points: 1/1/1 = equal thirds, 40/30/30 = 40%, 30%, 30%.
    .addColumn("weight_quantity", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("weight_quality", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("weight_timeliness", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "text", (c) => c.references("memberships.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evaluation_settings").execute();
  await db.schema.dropTable("evaluations").execute();
}
