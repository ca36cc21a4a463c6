import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// One-time invitation links (docs/decisions/0041-invitations-and-staff-import.md): a member created
// without a usable password sets their own at /invite/<token>. Only the SHA-256 of the token is
// kept; a link expires, is spent by its first use, and a new link for the member revokes the old.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? sql`text collate "C"` : "text";
  await db.schema
    .createTable("invitations")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("org_id", text, (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", text, (c) => c.notNull().references("memberships.id"))
    .addColumn("token_hash", text, (c) => c.notNull().unique())
    .addColumn("created_by", text, (c) => c.references("users.id"))
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("expires_at", text, (c) => c.notNull())
    .addColumn("used_at", text)
    .addColumn("revoked_at", text)
    .execute();
  await db.schema.createIndex("invitations_member_idx").on("invitations").columns(["org_id", "membership_id"]).execute();
  if (postgres) {
    // Row-level security as migration 016 gives every tenant table (docs/decisions/0033).
    const setting = sql`current_setting('app.org_id', true)`;
    await sql`alter table invitations enable row level security`.execute(db);
    await sql`create policy centre_isolation on invitations using (org_id = ${setting} or ${setting} = '*') with check (org_id = ${setting} or ${setting} = '*')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invitations").execute();
}
