import { sql } from "kysely";
import { APP_ROLE } from "./client";
import { engineOf } from "./engine";
import type { DB } from "./schema";

// PostgreSQL roles (docs/decisions/0033-row-level-security.md). The owner of the tables runs the
// migrations; the app acts as APP_ROLE, which owns nothing and holds only select, insert, update and
// delete, so that row-level security applies to every query it makes. SQLite: nothing to do.

/** A PostgreSQL error with its SQLSTATE. */
function code(err: unknown): unknown {
  return (err as { code?: unknown } | null)?.code;
}

/**
 * Run by the owner after the migrations (db/migrate.ts), every time, so that a table added by a later
 * migration is granted too: creates APP_ROLE when it is missing (NOLOGIN: the owner switches to it,
 * or an operator's login role that is a member of it), grants it the app's privileges on this
 * database, lets the owner switch to it (one-URL set-up), and refuses a tenant table without
 * row-level security.
 */
export async function prepareAppRole(db: DB): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  const role = sql.id(APP_ROLE);
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${APP_ROLE}`.execute(db);
  if (!exists.rows[0]?.n) {
    try {
      await sql`create role ${role} nologin`.execute(db);
    } catch (err) {
      // 42710: created meanwhile by another process (two test runs, two servers starting).
      if (code(err) !== "42710" && code(err) !== "23505") {
        throw new Error(
          `The database role ${APP_ROLE} is missing and the owner cannot create it (${(err as Error).message}). ` +
            `Create it once as a superuser: create role ${APP_ROLE} nologin; grant ${APP_ROLE} to <owner role>; — see README, PostgreSQL.`,
        );
      }
    }
  }
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  const ns = sql.id(schema);
  await sql`grant usage on schema ${ns} to ${role}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema ${ns} to ${role}`.execute(db);
  await sql`grant usage, select on all sequences in schema ${ns} to ${role}`.execute(db);
  // The migrations' own bookkeeping is the owner's business; the app only reads which migrations
  // ran, for /readyz (server/metrics.ts).
  await sql`revoke all on table ${sql.table("kysely_migration")}, ${sql.table("kysely_migration_lock")} from ${role}`.execute(db);
  await sql`grant select on table ${sql.table("kysely_migration")} to ${role}`.execute(db);
  // The one-URL set-up: the owner's connections switch to APP_ROLE, which needs membership.
  const me = await sql<{ member: boolean; superuser: boolean }>`
    select pg_has_role(current_user, ${APP_ROLE}, 'MEMBER') as member, rolsuper as superuser
    from pg_roles where rolname = current_user`.execute(db);
  const { member, superuser } = me.rows[0] ?? { member: false, superuser: false };
  if (!member && !superuser) {
    try {
      await sql`grant ${role} to current_user`.execute(db);
    } catch {
      // Not allowed: fine when the app connects with a login role of its own (DATABASE_OWNER_URL
      // set); checkAppRole says what is wrong if the app then cannot act as APP_ROLE.
    }
  }
  const unprotected = await sql<{ table_name: string }>`
    select c.relname as table_name from pg_class c join pg_attribute a on a.attrelid = c.oid
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attname = 'org_id' and not a.attisdropped
      and (not c.relrowsecurity or not exists (select 1 from pg_policy p where p.polrelid = c.oid))
    order by 1`.execute(db);
  if (unprotected.rows.length) {
    throw new Error(`Tenant tables without row-level security: ${unprotected.rows.map((r) => r.table_name).join(", ")} (a migration must add the policy; see migrations/016_row_level_security.ts)`);
  }
}

/**
 * Run by the app on its own pool at start-up: its queries must act as a role that row-level
 * security applies to — not a superuser, not BYPASSRLS, owner of none of the tables.
 */
export async function checkAppRole(db: DB): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  let row: { role: string; login: string; superuser: boolean; bypass: boolean; owns: boolean } | undefined;
  try {
    row = (
      await sql<{ role: string; login: string; superuser: boolean; bypass: boolean; owns: boolean }>`
        select current_user as role, session_user as login, r.rolsuper as superuser, r.rolbypassrls as bypass,
          exists (select 1 from pg_class c where c.relowner = r.oid and c.relnamespace = current_schema()::regnamespace) as owns
        from pg_roles r where r.rolname = current_user`.execute(db)
    ).rows[0];
  } catch (err) {
    if (code(err) === "42501") {
      throw new Error(
        `The app's database connection cannot act as ${APP_ROLE} (${(err as Error).message}). ` +
          `DATABASE_URL must connect as ${APP_ROLE} or a member of it — with DATABASE_OWNER_URL unset, that is the owner: ` +
          `a superuser runs once: grant ${APP_ROLE} to <role of DATABASE_URL>; — see README, PostgreSQL.`,
      );
    }
    throw err;
  }
  if (!row || row.superuser || row.bypass || row.owns) {
    throw new Error(
      `The app's database role ${row?.role ?? "?"} ${row?.superuser ? "is a superuser" : row?.bypass ? "bypasses row-level security" : "owns tables"}: ` +
        `row-level security would not apply to it. See README, PostgreSQL.`,
    );
  }
}
