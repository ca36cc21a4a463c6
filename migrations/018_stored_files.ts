import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// Uploaded files kept in the database (FILE_STORAGE=database, docs/decisions/0034-file-storage.md),
// so that every app server reads the same files. One row per file: the key is the storage_key of
// the attachment or photo that refers to it (`<org_id>/<id>`). bytea on PostgreSQL, blob on SQLite;
// text columns COLLATE "C" on PostgreSQL, as migration 014 made every other text column.
// Numbered 018: 015–017 are taken by work on other branches.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? sql`text collate "C"` : "text";
  await db.schema
    .createTable("stored_files")
    .addColumn("org_id", text, (c) => c.notNull().references("organizations.id"))
    .addColumn("key", text, (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("content_type", text, (c) => c.notNull())
    .addColumn("sha256", text, (c) => c.notNull())
    .addColumn("bytes", postgres ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("created_at", text, (c) => c.notNull())
    .addPrimaryKeyConstraint("stored_files_pk", ["org_id", "key"])
    .execute();
  if (postgres) {
    // Row-level security as migration 016 gives every tenant table (docs/decisions/0033).
    const setting = sql`current_setting('app.org_id', true)`;
    await sql`alter table stored_files enable row level security`.execute(db);
    await sql`create policy centre_isolation on stored_files using (org_id = ${setting} or ${setting} = '*') with check (org_id = ${setting} or ${setting} = '*')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stored_files").execute();
}
