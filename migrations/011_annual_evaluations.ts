import type { Kysely } from "kysely";

// Frozen. The annual evaluation of civil servants (NĐ 90/2020/NĐ-CP amended by NĐ 48/2023/NĐ-CP:
// a yearly rating before 15/12; NĐ 335/2025/NĐ-CP: the 100-point scale and the four bands): one
// row per member and year once anything has been entered. The task part comes from the year's
// finalised monthly (or quarterly) evaluations; the row holds what is entered for the year — the
// director's points per general criterion with justifications, the caps, a lower final band chosen
// with its reason, the director's comment, the member's self-assessment and self-rating — and, at
// finalisation, the frozen figures.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("annual_evaluations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    // The four general criteria for the year (30 points in all), each with the evaluator's justification.
    .addColumn("political_points", "real")
    .addColumn("political_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("ethics_points", "real")
    .addColumn("ethics_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("style_points", "real")
    .addColumn("style_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("discipline_points", "real")
    .addColumn("discipline_note", "text", (c) => c.notNull().defaultTo(""))
    // Disciplined (reprimand or heavier) in the year: "Không hoàn thành nhiệm vụ".
    .addColumn("disciplined", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disciplined_note", "text", (c) => c.notNull().defaultTo(""))
    // Away from work 3 to under 6 months in the year: not above "Hoàn thành nhiệm vụ".
    .addColumn("absent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("absent_note", "text", (c) => c.notNull().defaultTo(""))
    // A band lower than the points give (e.g. the 20% rule), with the reason; null = as the points give.
    .addColumn("chosen_band", "text")
    .addColumn("chosen_band_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evaluated_by", "text", (c) => c.references("memberships.id"))
    .addColumn("evaluated_at", "text")
    .addColumn("self_assessment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("self_band", "text")
    .addColumn("self_assessed_at", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft")) // draft | finalised
    // Frozen at finalisation: the computed figures (JSON), the total and the band.
    .addColumn("figures", "text")
    .addColumn("total", "real")
    .addColumn("band", "text")
    .addColumn("finalised_by", "text", (c) => c.references("memberships.id"))
    .addColumn("finalised_at", "text")
    // Why it was finalised before December (transfer, retirement…); empty otherwise.
    .addColumn("early_reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("annual_evaluations_member_year_uq", ["org_id", "membership_id", "year"])
    .execute();
  await db.schema.createIndex("annual_evaluations_org_year_idx").on("annual_evaluations").columns(["org_id", "year", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("annual_evaluations").execute();
}
