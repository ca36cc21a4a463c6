import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, openDatabase } from "../../db/client";
import { checkAppRole } from "../../db/roles";
import type { DB } from "../../db/schema";
import { bindCentre, requestScope, withoutTenant, withTenant } from "../../db/tenant";
import { runRecurringTasks } from "~/modules/tasks/recurrence.server";
import { JOBS } from "../../server/jobs";
import { appDbFor, freshDb } from "../helpers/db";
import { pgDatabaseUrl, TEST_ENGINE } from "../helpers/engine";
import { startServer } from "../helpers/server";

// Defence in depth for tenants (docs/decisions/0033-row-level-security.md). On PostgreSQL the app
// connects as a role that owns no table, and every table with `org_id` shows and accepts only the
// rows of the centre the connection is bound to: a query that forgets its centre filter still
// returns nothing from another centre. SQLite has no row-level security: there the scopes are
// bookkeeping only, and the code's own filters (decision 0024) are the whole defence.

const postgres = TEST_ENGINE === "postgres";

describe("tenant scopes (both engines)", () => {
  it("wants a reason to work across centres", async () => {
    expect(() => withoutTenant(" ", async () => 1)).toThrow(/reason/);
    expect(await withoutTenant("a test across centres", async () => 2)).toBe(2);
  });

  it("binds a request to one centre only, and only inside a request", async () => {
    expect(() => bindCentre("a")).toThrow(/outside a request/);
    await requestScope(async () => {
      bindCentre("a");
      bindCentre("a");
      expect(() => bindCentre("b")).toThrow(/one centre/);
    });
    await expect(withoutTenant("a test across centres", async () => bindCentre("a"))).rejects.toThrow(/withoutTenant/);
  });

  it.skipIf(postgres)("changes nothing on SQLite: a query without its filter sees every centre", async () => {
    const db = freshDb();
    const all = await db.selectFrom("memberships").select("org_id").execute();
    const orgs = new Set(all.map((r) => r.org_id));
    expect(orgs.size).toBeGreaterThan(1);
    const [first] = orgs;
    const scoped = await withTenant(first!, () => db.selectFrom("memberships").select("org_id").execute());
    expect(scoped).toHaveLength(all.length);
    await db.destroy();
  });
});

describe.skipIf(!postgres)("row-level security on PostgreSQL", () => {
  let db: DB; // the owner: fixtures and checks
  let app: DB; // the app's role, as the server connects
  let tuKy: string;
  let anPhu: string;
  let tenantTables: string[];

  beforeAll(async () => {
    db = freshDb();
    app = appDbFor(db, { max: 2 });
    const orgs = await db.selectFrom("organizations").select(["id", "slug"]).execute();
    tuKy = orgs.find((o) => o.slug === "tu-ky")!.id;
    anPhu = orgs.find((o) => o.slug === "an-phu")!.id;
    const { rows } = await sql<{ t: string }>`
      select c.relname as t from pg_class c join pg_attribute a on a.attrelid = c.oid
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attname = 'org_id' order by 1`.execute(db);
    tenantTables = rows.map((r) => r.t);
  });
  afterAll(async () => {
    await app.destroy();
    await db.destroy();
  });

  /** Rows per centre in `table`, as `who` sees them. */
  async function countsBy(who: DB, table: string): Promise<Record<string, number>> {
    const { rows } = await sql<{ org_id: string | null; n: number }>`select org_id, count(*)::int as n from ${sql.table(table)} group by org_id`.execute(who);
    return Object.fromEntries(rows.map((r) => [r.org_id ?? "null", r.n]));
  }

  it("protects every table with org_id: row-level security on, one policy", async () => {
    expect(tenantTables.length).toBeGreaterThan(30);
    const { rows } = await sql<{ t: string; rls: boolean; forced: boolean; policies: number }>`
      select c.relname as t, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c where c.relname in (${sql.join(tenantTables)}) and c.relnamespace = current_schema()::regnamespace order by 1`.execute(db);
    expect(rows.filter((r) => !r.rls || r.policies !== 1).map((r) => r.t)).toEqual([]);
    // The owner (migrations, seed) is not subject to the policies.
    expect(rows.filter((r) => r.forced)).toEqual([]);
  });

  it("shows a query that forgets its centre filter only the bound centre's rows, in every tenant table", async () => {
    const wrong: string[] = [];
    let seen = 0;
    for (const table of tenantTables) {
      const truth = await countsBy(db, table);
      const asTuKy = await withTenant(tuKy, () => countsBy(app, table));
      const asAnPhu = await withTenant(anPhu, () => countsBy(app, table));
      if (JSON.stringify(asTuKy) !== JSON.stringify(truth[tuKy] ? { [tuKy]: truth[tuKy] } : {})) wrong.push(`${table} as tu-ky: ${JSON.stringify(asTuKy)}`);
      if (JSON.stringify(asAnPhu) !== JSON.stringify(truth[anPhu] ? { [anPhu]: truth[anPhu] } : {})) wrong.push(`${table} as an-phu: ${JSON.stringify(asAnPhu)}`);
      seen += truth[anPhu] ?? 0;
    }
    expect(wrong).toEqual([]);
    expect(seen).toBeGreaterThan(0); // an-phu has rows that tu-ky must not see
  });

  it("shows nothing outside any scope, and everything only when asked with a reason", async () => {
    const all = await db.selectFrom("memberships").select("id").execute();
    expect(await app.selectFrom("memberships").select("id").execute()).toEqual([]);
    expect(await app.selectFrom("tasks").select("id").execute()).toEqual([]);
    const across = await withoutTenant("test: every centre", () =>
      // tenant-safe: the point of the test
      app.selectFrom("memberships").select("id").execute(),
    );
    expect(across).toHaveLength(all.length);
  });

  it("binds a request's queries to the centre requireMember resolved", async () => {
    const rows = await requestScope(async () => {
      // tenant-safe: the point of the test, before the centre is bound
      const before = await app.selectFrom("memberships").select("org_id").execute();
      bindCentre(anPhu);
      // tenant-safe: the point of the test
      const after = await app.selectFrom("memberships").select("org_id").execute();
      return { before, after };
    });
    expect(rows.before).toEqual([]);
    expect(rows.after.length).toBeGreaterThan(0);
    expect(new Set(rows.after.map((r) => r.org_id))).toEqual(new Set([anPhu]));
  });

  it("refuses to write another centre's rows", async () => {
    const now = new Date().toISOString();
    const position = (orgId: string) => ({ id: randomUUID(), org_id: orgId, name: "Thử RLS", counter: "", duties: "", sort_order: 99, created_at: now, updated_at: now });
    // Insert a row for another centre: refused.
    await expect(withTenant(tuKy, () => app.insertInto("positions").values(position(anPhu)).execute())).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/row-level security/) });
    // Outside any scope, not even one's "own".
    await expect(app.insertInto("positions").values(position(tuKy)).execute()).rejects.toMatchObject({ code: "42501" });
    // The bound centre: accepted.
    const mine = position(tuKy);
    await withTenant(tuKy, () => app.insertInto("positions").values(mine).execute());
    // Moving one's own row to another centre: refused.
    await expect(
      withTenant(tuKy, () => app.updateTable("positions").set({ org_id: anPhu }).where("id", "=", mine.id).where("org_id", "=", tuKy).execute()),
    ).rejects.toMatchObject({ code: "42501" });
    // Updating or deleting another centre's rows by id alone: nothing happens.
    const theirs = await db.selectFrom("positions").select(["id", "name"]).where("org_id", "=", anPhu).executeTakeFirstOrThrow();
    // tenant-safe: the point of the test — the filter is forgotten
    const updated = await withTenant(tuKy, () => app.updateTable("positions").set({ name: "Đã sửa" }).where("id", "=", theirs.id).executeTakeFirst());
    expect(Number(updated.numUpdatedRows)).toBe(0);
    expect(await db.selectFrom("positions").select("name").where("id", "=", theirs.id).executeTakeFirstOrThrow()).toEqual({ name: theirs.name });
    const spare = position(anPhu);
    await db.insertInto("positions").values(spare).execute();
    // tenant-safe: the point of the test — the filter is forgotten
    const deleted = await withTenant(tuKy, () => app.deleteFrom("positions").where("id", "in", [spare.id, mine.id]).executeTakeFirst());
    expect(Number(deleted.numDeletedRows)).toBe(1);
    expect(await db.selectFrom("positions").select("id").where("id", "in", [spare.id, mine.id]).execute()).toEqual([{ id: spare.id }]);
    // A row of no centre (sign-in, language, password) may be written from anywhere, read only across centres.
    const entry = { id: randomUUID(), org_id: null, actor_user_id: null, action: "test.rls", entity_type: "user", entity_id: null, details: "{}", created_at: now };
    await app.insertInto("audit_log").values(entry).execute();
    // tenant-safe: the point of the test
    expect(await withTenant(tuKy, () => app.selectFrom("audit_log").select("id").where("id", "=", entry.id).execute())).toEqual([]);
  });

  it("connects as a role that owns nothing and cannot turn the policies off", async () => {
    const me = await sql<{ current_user: string; superuser: boolean; bypass: boolean }>`
      select current_user, rolsuper as superuser, rolbypassrls as bypass from pg_roles where rolname = current_user`.execute(app);
    expect(me.rows[0]).toEqual({ current_user: APP_ROLE, superuser: false, bypass: false });
    await expect(checkAppRole(app)).resolves.toBeUndefined();
    const owner = await sql<{ owner: string }>`select pg_get_userbyid(relowner) as owner from pg_class where relname = 'tasks' and relnamespace = current_schema()::regnamespace`.execute(app);
    expect(owner.rows[0]!.owner).not.toBe(APP_ROLE);
    for (const statement of [
      sql`alter table tasks disable row level security`,
      sql`alter table tasks no force row level security`,
      sql`drop policy centre_isolation on tasks`,
      sql`alter policy centre_isolation on tasks using (true)`,
      sql`create policy open_door on tasks using (true)`,
      sql`alter table tasks owner to ${sql.id(APP_ROLE)}`,
      sql`set role postgres`,
      sql`set session authorization postgres`,
      sql`alter role ${sql.id(APP_ROLE)} bypassrls`,
      sql`delete from kysely_migration`,
      sql`insert into kysely_migration (name, timestamp) values ('999_forged', 'now')`,
      sql`select * from kysely_migration_lock`,
    ]) {
      await expect(statement.execute(app), statement.compile(app).sql).rejects.toMatchObject({ code: expect.stringMatching(/^42501$|^42P01$/) });
    }
  });

  it("never lets one centre's setting reach the next user of a pooled connection", async () => {
    const single = appDbFor(db, { max: 1 });
    // tenant-safe: the point of the test
    const orgsSeen = (who: DB) => who.selectFrom("memberships").select("org_id").execute().then((rows) => [...new Set(rows.map((r) => r.org_id))]);
    try {
      const runs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 3 === 0
            ? withTenant(tuKy, () => orgsSeen(single)).then((seen) => ({ want: [tuKy], seen }))
            : i % 3 === 1
              ? withTenant(anPhu, () => orgsSeen(single)).then((seen) => ({ want: [anPhu], seen }))
              : orgsSeen(single).then((seen) => ({ want: [] as string[], seen })),
        ),
      );
      for (const r of runs) expect(r.seen).toEqual(r.want);
      // A transaction keeps its connection and its scope from start to end.
      await withoutTenant("test: every centre", () => orgsSeen(single));
      expect(await orgsSeen(single)).toEqual([]);
      const inTx = await withTenant(anPhu, () => single.transaction().execute(async (tx) => [await orgsSeen(tx), await orgsSeen(tx)]));
      expect(inTx).toEqual([[anPhu], [anPhu]]);
    } finally {
      await single.destroy();
    }
  });

  it("runs the jobs across centres, and nothing unscoped sees a centre", async () => {
    const settings = { publicUrl: "https://roviec.example.vn", telegramApiBase: "https://api.telegram.org", production: false, outboundAllowPrivate: false };
    // Monday 01/06/2026: a new period for the demo's recurring series.
    const at = new Date("2026-06-01T02:00:00Z");
    // tenant-safe: counting as the owner
    const before = await db.selectFrom("tasks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    // The job's own function, called with no scope, sees no series at all.
    expect(await runRecurringTasks(app, at)).toBe(0);
    // That run swept the day (it saw nothing): forget its cursor so the real job sweeps again.
    await db.deleteFrom("job_runs").where("job", "=", "recurring-tasks").execute();
    const created = await JOBS["recurring-tasks"]!(app, at, settings);
    // tenant-safe: counting as the owner
    const after = await db.selectFrom("tasks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(created).toBeGreaterThan(0);
    expect(after.n - before.n).toBe(created);
    expect(await JOBS["reminders"]!(app, at, settings)).toBeGreaterThanOrEqual(0);
  });

  it("switches the owner's own connections to the app's role when there is one URL only", async () => {
    // DATABASE_URL is the owner's, no DATABASE_OWNER_URL: the pool acts as APP_ROLE all the same.
    const { db: oneUrl } = openDatabase({ engine: "postgres", url: pgDatabaseUrl((await sql<{ d: string }>`select current_database() as d`.execute(db)).rows[0]!.d) }, { poolSize: 1 });
    try {
      const who = await sql<{ current_user: string; session_user: string }>`select current_user, session_user`.execute(oneUrl);
      expect(who.rows[0]).toEqual({ current_user: APP_ROLE, session_user: "postgres" });
      await expect(checkAppRole(oneUrl)).resolves.toBeUndefined();
      // tenant-safe: the point of the test
      expect(await oneUrl.selectFrom("tasks").select("id").execute()).toEqual([]);
    } finally {
      await oneUrl.destroy();
    }
    // The owner itself is refused as the app's role.
    await expect(checkAppRole(db)).rejects.toThrow(/superuser|owns/);
  });

  it("serves the HTTP flows of both centres as the app's role", async () => {
    const srv = await startServer();
    try {
      const who = await sql<{ u: string }>`select current_user as u`.execute(srv.appDb);
      expect(who.rows[0]!.u).toBe(APP_ROLE);
      const a = srv.client();
      await a.login("tuky.giamdoc");
      const b = srv.client();
      await b.login("anphu.giamdoc");
      for (const path of ["/o/tu-ky", "/o/tu-ky/tasks", "/o/tu-ky/staff", "/o/tu-ky/attendance", "/o/tu-ky/rosters"]) {
        expect((await a.fetch(path)).status, path).toBe(200);
        expect((await b.fetch(path)).status, path).toBe(404);
      }
      const page = await (await b.fetch("/o/an-phu/staff")).text();
      expect(page).toContain("Lê Quang Huy");
      expect(page).not.toContain("Phạm Minh Quân");
      // A write through a form, in the member's own centre.
      const res = await b.post("/o/an-phu/positions", { name: "Bộ phận thử RLS", counter: "Quầy 9", duties: "Thử" });
      expect(res.status).toBe(200);
      expect(await srv.db.selectFrom("positions").select("org_id").where("name", "=", "Bộ phận thử RLS").execute()).toEqual([{ org_id: anPhu }]);
    } finally {
      await srv.close();
    }
  });
});
