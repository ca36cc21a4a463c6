import type { Kysely } from "kysely";

// Frozen. Sign-in limits per (address, account), per address and per account replace the per-username
// login_throttle rows (docs/decisions/0010-sign-in-limits.md). The old rows only held waits of
// seconds, so they are dropped rather than carried over.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_throttle").execute();
  await db.schema
    .createTable("login_limits")
    // "pair:<address> <username>", "address:<address>" or "account:<username>".
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_attempt_at", "text", (c) => c.notNull())
    .addColumn("blocked_until", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_limits_last_attempt_idx").on("login_limits").column("last_attempt_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_limits").execute();
  await db.schema
    .createTable("login_throttle")
    .addColumn("username", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .addColumn("blocked_until", "text", (c) => c.notNull())
    .execute();
}
