import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// Operators and two-factor sign-in (docs/decisions/0043-operators-and-totp.md). `operators` marks the
// accounts of the service operator (a users row with no membership); `user_totp` holds a user's TOTP
// secret (base32), confirmed once the user has typed a code from it, and the last time step accepted
// (a code of that step or earlier is refused: replay). `sessions.second_factor_at` records that the
// session passed the second factor; an index on organizations(name, id) serves the console's list.
// None of these rows belongs to a centre: no org_id, no RLS policy.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? sql`text collate "C"` : "text";
  await db.schema
    .createTable("operators")
    .addColumn("user_id", text, (c) => c.primaryKey().references("users.id"))
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("created_by", text, (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", text, (c) => c.primaryKey().references("users.id"))
    .addColumn("secret", text, (c) => c.notNull())
    .addColumn("confirmed_at", text)
    .addColumn("last_step", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();
  await db.schema.alterTable("sessions").addColumn("second_factor_at", text).execute();
  // The operator console lists centres by name, a page at a time: an index walk, not a sort of all.
  await db.schema.createIndex("organizations_name_idx").on("organizations").columns(["name", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("organizations_name_idx").execute();
  await db.schema.alterTable("sessions").dropColumn("second_factor_at").execute();
  await db.schema.dropTable("user_totp").execute();
  await db.schema.dropTable("operators").execute();
}
