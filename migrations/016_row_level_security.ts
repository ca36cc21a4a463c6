import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen. PostgreSQL only (SQLite has no row-level security: nothing to do). Defence in depth for
// tenants (issue 16, docs/decisions/0033-row-level-security.md): every table with an `org_id`
// column shows and accepts only the rows of the centre the connection is bound to.
//
// The app's pool sets `app.org_id` on every connection it hands out (db/client.ts, db/tenant.ts):
// a centre's id, "*" for code that works across centres (`withoutTenant`), or "" — nothing. The
// policy applies to the app's role, which owns no table; the owner (migrations, seed) is not
// subject to it (no FORCE ROW LEVEL SECURITY). `current_setting(…, true)` is NULL on a connection
// that never set it: no row.
//
// A nullable `org_id` (audit_log: sign-in, language and password changes belong to no centre) may
// also be written NULL from any scope; such rows are read only across centres.
//
// Numbered 016: 015 is left to another part of issue 16 written at the same time.
const SETTING = sql`current_setting('app.org_id', true)`;

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const { rows } = await sql<{ table_name: string; nullable: boolean }>`
    select c.relname as table_name, not a.attnotnull as nullable
    from pg_class c join pg_attribute a on a.attrelid = c.oid
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
      and a.attname = 'org_id' and not a.attisdropped and c.relname not like 'kysely_%'
    order by c.relname`.execute(db);
  for (const { table_name, nullable } of rows) {
    const table = sql.table(table_name);
    const visible = sql`(org_id = ${SETTING} or ${SETTING} = '*')`;
    const writable = nullable ? sql`(${visible} or org_id is null)` : visible;
    await sql`alter table ${table} enable row level security`.execute(db);
    await sql`create policy centre_isolation on ${table} using ${visible} with check ${writable}`.execute(db);
  }
}
