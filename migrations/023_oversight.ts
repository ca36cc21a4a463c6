import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// Oversight groups (docs/decisions/0042-oversight.md): a body that supervises centres — a commune
// People's Committee, a province's office — sees, read-only, the figures of the centres assigned to
// it. `oversight_groups` names the body; `oversight_centres` lists its centres (a tenant table: it
// carries org_id and gets the centre-isolation policy, read across centres only where the group is
// resolved); `oversight_members` lists the accounts that may open the group. An overseer is a user
// with no membership needed in any centre. Numbered 023: 021 and 022 are taken by other branches.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? sql`text collate "C"` : "text";
  await db.schema
    .createTable("oversight_groups")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("slug", text, (c) => c.notNull().unique())
    .addColumn("name", text, (c) => c.notNull()) // the body: "Văn phòng UBND thành phố Hải Phòng"
    .addColumn("parent_body", text, (c) => c.notNull()) // the body above it, for the document header
    .addColumn("place_name", text, (c) => c.notNull()) // for "Hải Phòng, ngày … tháng … năm …"
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("oversight_centres")
    .addColumn("group_id", text, (c) => c.notNull().references("oversight_groups.id"))
    .addColumn("org_id", text, (c) => c.notNull().references("organizations.id"))
    .addColumn("added_at", text, (c) => c.notNull())
    .addPrimaryKeyConstraint("oversight_centres_pk", ["group_id", "org_id"])
    .execute();
  await db.schema
    .createTable("oversight_members")
    .addColumn("group_id", text, (c) => c.notNull().references("oversight_groups.id"))
    .addColumn("user_id", text, (c) => c.notNull().references("users.id"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("added_at", text, (c) => c.notNull())
    .addPrimaryKeyConstraint("oversight_members_pk", ["group_id", "user_id"])
    .execute();
  await db.schema.createIndex("oversight_members_user_idx").on("oversight_members").columns(["user_id", "active"]).execute();
  await db.schema.createIndex("oversight_centres_org_idx").on("oversight_centres").columns(["org_id"]).execute();
  if (postgres) {
    // Row-level security as migration 016 gives every tenant table (docs/decisions/0033).
    const setting = sql`current_setting('app.org_id', true)`;
    await sql`alter table oversight_centres enable row level security`.execute(db);
    await sql`create policy centre_isolation on oversight_centres using (org_id = ${setting} or ${setting} = '*') with check (org_id = ${setting} or ${setting} = '*')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("oversight_members").execute();
  await db.schema.dropTable("oversight_centres").execute();
  await db.schema.dropTable("oversight_groups").execute();
}
