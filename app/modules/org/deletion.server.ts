// The deletion of a centre whose scheduled date has passed (docs/decisions/0044-centre-lifecycle.md):
// the `centre-deletion` job. One centre at a time, in bounded chunks that rest as long as they
// worked (decision 0029), resumable: the job's cursor names the centre under way, and every step
// deletes only what is still there, so a run cut short is finished by the next.
//
// Order: the centre's stored files (the file store), then every row of every table with an org_id —
// found in the database's own catalogue, so a table added later is never forgotten — children before
// the tables they reference (the foreign keys, also read from the catalogue), memberships among them;
// then the users who belonged to this centre only and whom nothing else names; then, in one
// transaction, the organizations row and an audit entry with no centre (org_id null) that records
// the deletion: slug, name, when, who scheduled it. The centre's own audit entries go with it.
//
// This is the one place that writes to every module's tables: by design, since a centre's deletion
// is all of them at once. It goes through the catalogue and plain SQL, not each module's functions,
// so that nothing a module keeps for a centre can be left behind.
import { sql } from "kysely";
import { engineOf } from "../../../db/engine";
import type { DB } from "../../../db/schema";
import { jobTx } from "../../../db/tx";
import { audit, latestAuditEntry } from "../audit/audit.server";
import type { FileStore } from "../files/store.server";
import { pause, withJobRun } from "../jobs/runs.server";

export interface DeletionCursor {
  /** The centre being deleted; absent when none is under way. */
  orgId: string;
  slug: string;
  name: string;
  /** Who scheduled the deletion, from the audit entry (null: the CLI), and when it was due. */
  scheduledBy: string | null;
  scheduledVia: string | null;
  scheduledAt: string | null;
  deletionDueAt: string;
  /** The centre's users when the deletion started: those left with no membership anywhere go too. */
  users: string[];
  /** Rows deleted so far, for the final audit entry. */
  rows: number;
  files: number;
}

export interface DeletionOptions {
  /** The file store of the centres' uploads; without one, only the rows are deleted. */
  files?: FileStore;
  /** Rows per DELETE statement (and per transaction). */
  chunkRows?: number;
  /** Stop after this many milliseconds of work; the next run goes on. */
  budgetMs?: number;
}

const DEFAULTS = { chunkRows: 500, budgetMs: 15_000 };

/** Deletes the centres whose deletion date has passed, one after the other. Returns how many rows were deleted. */
export async function runCentreDeletion(db: DB, now: Date, opts: DeletionOptions = {}): Promise<number> {
  const o = { ...DEFAULTS, ...opts };
  return withJobRun<DeletionCursor>(db, "centre-deletion", now, async (run) => {
    const until = performance.now() + o.budgetMs;
    let deleted = 0;
    for (;;) {
      let c = run.cursor.orgId ? (run.cursor as DeletionCursor) : await startNext(db, now);
      if (!c) break;
      await run.save(c);
      const step = await deleteCentre(db, c, o, until, run.clock, async (next) => {
        c = next;
        await run.save(c);
      });
      deleted += step.deleted;
      if (!step.done) break; // out of time: the cursor holds the centre, the next run goes on
      run.cursor = {};
      await run.save({});
      if (performance.now() > until) break;
    }
    return deleted;
  });
}

/** The next centre due for deletion, as a fresh cursor; undefined when none is due. */
async function startNext(db: DB, now: Date): Promise<DeletionCursor | undefined> {
  const org = await db
    .selectFrom("organizations")
    .select(["id", "slug", "name", "deletion_due_at"])
    .where("deletion_due_at", "is not", null)
    .where("deletion_due_at", "<=", now.toISOString())
    .orderBy("deletion_due_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!org) return undefined;
  const scheduled = await latestAuditEntry(db, org.id, "centre.deletionScheduled");
  const via = typeof scheduled?.details.via === "string" ? scheduled.details.via : null;
  const users = await db.selectFrom("memberships").select("user_id").distinct().where("org_id", "=", org.id).execute();
  return {
    orgId: org.id,
    slug: org.slug,
    name: org.name,
    scheduledBy: scheduled?.actorUserId ?? null,
    scheduledVia: via,
    scheduledAt: scheduled?.createdAt ?? null,
    deletionDueAt: org.deletion_due_at!,
    users: users.map((u) => u.user_id),
    rows: 0,
    files: 0,
  };
}

interface Table {
  name: string;
  /** Tables this one references (its foreign keys' targets). */
  references: string[];
  hasOrgId: boolean;
  hasUserId: boolean;
}

/** Every table of the app's schema with its columns of interest and its foreign keys, from the catalogue. */
export async function catalogue(db: DB): Promise<Table[]> {
  if (engineOf(db) === "postgres") {
    const cols = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and column_name in ('org_id', 'user_id', 'id')`.execute(db);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(db);
    const fks = await sql<{ child: string; parent: string }>`select cl.relname as child, pcl.relname as parent from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid join pg_class pcl on pcl.oid = c.confrelid
      where c.contype = 'f' and cl.relnamespace = current_schema()::regnamespace`.execute(db);
    return tables.rows.map(({ table_name: name }) => ({
      name,
      references: fks.rows.filter((f) => f.child === name && f.parent !== name).map((f) => f.parent),
      hasOrgId: cols.rows.some((c) => c.table_name === name && c.column_name === "org_id"),
      hasUserId: cols.rows.some((c) => c.table_name === name && c.column_name === "user_id"),
    }));
  }
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  const out: Table[] = [];
  for (const { name } of tables.rows) {
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
    out.push({
      name,
      references: [...new Set(fks.rows.map((f) => f.table))].filter((t) => t !== name),
      hasOrgId: cols.rows.some((c) => c.name === "org_id"),
      hasUserId: cols.rows.some((c) => c.name === "user_id"),
    });
  }
  return out;
}

/** The tables with an org_id, each before every table it references (children first). */
export function deletionOrder(tables: readonly Table[]): string[] {
  const tenant = tables.filter((t) => t.hasOrgId);
  const names = new Set(tenant.map((t) => t.name));
  const order: string[] = [];
  const placed = new Set<string>();
  // A table is placed once every tenant table that references it is placed.
  const referrers = (name: string) => tenant.filter((t) => t.references.includes(name)).map((t) => t.name);
  while (order.length < tenant.length) {
    const next = tenant.filter((t) => !placed.has(t.name) && referrers(t.name).every((r) => placed.has(r) || r === t.name)).sort((a, b) => a.name.localeCompare(b.name));
    if (next.length === 0) throw new Error(`centre deletion: the foreign keys between ${[...names].filter((n) => !placed.has(n)).join(", ")} form a cycle`);
    for (const t of next) {
      order.push(t.name);
      placed.add(t.name);
    }
  }
  return order;
}

const ident = (name: string) => sql.id(name);

/** Deletes up to `limit` of the centre's rows of one table; returns how many. */
async function deleteChunk(db: DB, table: string, orgId: string, limit: number): Promise<number> {
  return jobTx(db, async (tx) => {
    const rowKey = engineOf(db) === "postgres" ? sql.raw("ctid") : sql.raw("rowid");
    const res = await sql`delete from ${ident(table)} where ${rowKey} in (select ${rowKey} from ${ident(table)} where org_id = ${orgId} limit ${limit})`.execute(tx);
    return Number(res.numAffectedRows ?? 0n);
  });
}

async function deleteCentre(
  db: DB,
  cursor: DeletionCursor,
  o: typeof DEFAULTS & DeletionOptions,
  until: number,
  clock: () => Date,
  save: (c: DeletionCursor) => Promise<void>,
): Promise<{ deleted: number; done: boolean }> {
  let c = cursor;
  let deleted = 0;
  const outOfTime = () => performance.now() > until;
  const rest = async (t: number) => pause(Math.max(5, performance.now() - t));

  // 1. The centre's stored files, a hundred at a time (what the store no longer has is not an error).
  if (o.files) {
    const keys = await o.files.list(c.orgId);
    for (let i = 0; i < keys.length; i += 100) {
      if (outOfTime()) return { deleted, done: false };
      const t = performance.now();
      const chunk = keys.slice(i, i + 100);
      await o.files.delete(c.orgId, chunk);
      c = { ...c, files: c.files + chunk.length };
      await save(c);
      await rest(t);
    }
  }

  // 2. Every row of every table with an org_id, children first, a chunk per transaction.
  const tables = await catalogue(db);
  for (const table of deletionOrder(tables)) {
    for (;;) {
      if (outOfTime()) return { deleted, done: false };
      const t = performance.now();
      const n = await deleteChunk(db, table, c.orgId, o.chunkRows);
      deleted += n;
      if (n > 0) {
        c = { ...c, rows: c.rows + n };
        await save(c);
        await rest(t);
      }
      if (n < o.chunkRows) break;
    }
  }

  // 3. The centre's users whom nothing names any more: no membership anywhere, and no row of any
  // other table with a user_id (an oversight membership, an operator account). A user the database
  // still refers to otherwise (a foreign key) is kept too: its delete fails and rolls back alone.
  const userTables = tables.filter((t) => t.hasUserId && t.name !== "sessions").map((t) => t.name);
  for (const userId of c.users) {
    if (outOfTime()) return { deleted, done: false };
    let named = false;
    for (const table of userTables) {
      const row = await sql<{ one: number }>`select 1 as one from ${ident(table)} where user_id = ${userId} limit 1`.execute(db);
      if (row.rows.length) {
        named = true;
        break;
      }
    }
    if (!named) {
      try {
        // Its sessions go with it (sessions.user_id is ON DELETE CASCADE).
        deleted += await jobTx(db, async (tx) => Number((await sql`delete from users where id = ${userId}`.execute(tx)).numAffectedRows ?? 0n));
      } catch {
        // Still referred to by a row this job does not know (a foreign key): kept.
      }
    }
    c = { ...c, users: c.users.filter((u) => u !== userId) };
    await save(c);
  }

  // 4. The centre itself, and the one record of it that remains.
  await jobTx(db, async (tx) => {
    const res = await tx.deleteFrom("organizations").where("id", "=", c.orgId).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) return; // deleted by an earlier run that stopped before its cursor was cleared
    deleted += 1;
    await audit(tx, {
      orgId: null,
      actorUserId: null,
      action: "centre.deleted",
      entityType: "organization",
      entityId: c.orgId,
      details: {
        slug: c.slug,
        name: c.name,
        deletionDueAt: c.deletionDueAt,
        scheduledBy: c.scheduledBy,
        scheduledVia: c.scheduledVia,
        scheduledAt: c.scheduledAt,
        rows: c.rows + 1,
        files: c.files,
      },
      at: clock(),
    });
  });
  return { deleted, done: true };
}
