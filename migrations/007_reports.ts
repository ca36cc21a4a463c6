import type { Kysely } from "kysely";

// Frozen. The centre's periodic reports (báo cáo định kỳ) in the format of NĐ 30/2020/NĐ-CP: one
// row per report with its period, the header and signer fields, the six narrative sections, and
// the figures frozen (JSON) when the report is finalised.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("period_kind", "text", (c) => c.notNull()) // month | quarter | year | custom
    .addColumn("period_key", "text", (c) => c.notNull()) // 2026-02 | 2026-Q1 | 2026 | 2026-02-01_2026-02-15
    .addColumn("period_from", "text", (c) => c.notNull()) // YYYY-MM-DD, both included
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull()) // the summary line under "BÁO CÁO"
    .addColumn("number", "text", (c) => c.notNull().defaultTo("")) // 04/BC-TTPVHCC (shown after "Số: ")
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("report_date", "text", (c) => c.notNull()) // YYYY-MM-DD of the place and date line
    .addColumn("recipients", "text", (c) => c.notNull().defaultTo("")) // Nơi nhận, one per line
    .addColumn("signer_title", "text", (c) => c.notNull().defaultTo("")) // one or two lines (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)
    .addColumn("signer_name", "text", (c) => c.notNull().defaultTo(""))
    // The narrative, I to VI.
    .addColumn("section_situation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("section_organisation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("section_results", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("section_assessment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("section_solutions", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("section_conclusion", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft")) // draft | finalised
    // Set on finalisation: the period's figures and the previous period's (JSON); never changed after.
    .addColumn("figures", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("finalised_by", "text", (c) => c.references("memberships.id"))
    .addColumn("finalised_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reports_org_period_idx").on("reports").columns(["org_id", "period_from", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reports").execute();
}
