import type { Kysely } from "kysely";

// Frozen. In-app notifications, the outbox of outbound messages (written in the same transaction
// as the event, delivered later by a worker), and the channels of centres and members.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("link", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("dedupe_key", "text")
    .addColumn("read_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notifications_member_idx")
    .on("notifications")
    .columns(["org_id", "membership_id", "read_at", "created_at"])
    .execute();
  await db.schema.createIndex("notifications_dedupe_uq").on("notifications").columns(["membership_id", "dedupe_key"]).unique().execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("notification_id", "text", (c) => c.references("notifications.id"))
    .addColumn("channel", "text", (c) => c.notNull()) // webhook | telegram | email
    .addColumn("destination", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // pending | sending | sent | failed
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_org_idx").on("outbox").columns(["org_id", "status", "created_at"]).execute();

  await db.schema
    .createTable("org_channels")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("organizations.id"))
    .addColumn("webhook_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("webhook_secret", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("telegram_token", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("email_endpoint", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("email_key", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("email_from", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("digest_hour", "integer", (c) => c.notNull().defaultTo(7))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("member_channels")
    .addColumn("membership_id", "text", (c) => c.primaryKey().references("memberships.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("webhook", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("telegram_chat_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("email", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["member_channels", "org_channels", "outbox", "notifications"]) await db.schema.dropTable(t).execute();
}
