import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, expect, it } from "vitest";
import { tenantScope, tenantTablesFromSchema } from "../../eslint-rules/tenant-scope.js";

// RuleTester reports through the test framework's describe/it.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" } });
const unscoped = { messageId: "unscoped" };

describe("tenant tables from db/schema.ts", () => {
  const tables = tenantTablesFromSchema();
  it("lists the tables with org_id, and only those", () => {
    for (const t of ["tasks", "task_members", "memberships", "roster_slots", "outbox", "audit_log", "inspection_template_items"]) expect(tables.has(t)).toBe(true);
    for (const t of ["users", "sessions", "organizations", "login_limits"]) expect(tables.has(t)).toBe(false);
  });

  const dir = mkdtempSync(path.join(tmpdir(), "tenant-scope-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("follows interfaces, extends, type literals and type aliases", () => {
    const file = path.join(dir, "schema.ts");
    writeFileSync(
      file,
      `interface Base { org_id: string }
       export interface ATable extends Base { id: string }
       export interface BTable { id: string }
       type CRow = { id: string; "org_id": string };
       export interface Database { a: ATable; b: BTable; c: CRow; d: { org_id: string }; "e_table": BTable }`,
    );
    expect([...tenantTablesFromSchema(file)].sort()).toEqual(["a", "c", "d"]);
  });
  it("refuses a schema it cannot read rather than checking nothing", () => {
    const file = path.join(dir, "broken.ts");
    writeFileSync(file, `export interface Database { a: Unknown }`);
    expect(() => tenantTablesFromSchema(file)).toThrow(/Unknown/);
    writeFileSync(file, `export interface Tables { a: { org_id: string } }`);
    expect(() => tenantTablesFromSchema(file)).toThrow(/no Database/);
  });
});

tester.run("tenant-scope", tenantScope, {
  valid: [
    // filtered on org_id
    `db.selectFrom("tasks").selectAll().where("org_id", "=", orgId).where("id", "=", id).execute();`,
    `db.selectFrom("tasks").selectAll().where("id", "in", ids).where("org_id", "in", orgIds).execute();`,
    `db.selectFrom("audit_log").selectAll().where("org_id", "is", null).execute();`,
    // aliased
    `db.selectFrom("tasks as t").select("t.id").where("t.org_id", "=", orgId).execute();`,
    // joined: a user-scoped table joined to a tenant table, the tenant alias filtered
    `db.selectFrom("users as u").innerJoin("memberships as m", "m.user_id", "u.id").select("u.full_name").where("m.org_id", "=", orgId).execute();`,
    // any tenant alias of the chain counts
    `db.selectFrom("tasks as t").innerJoin("task_members as tm", "tm.task_id", "t.id").select("t.id").where("tm.org_id", "=", orgId).execute();`,
    // expression-builder forms
    `db.selectFrom("tasks as t").selectAll().where((eb) => eb("t.org_id", "=", orgId)).execute();`,
    `db.selectFrom("tasks as t").selectAll().where((eb) => eb.and([eb("t.status", "=", "done"), eb("t.org_id", "=", orgId)])).execute();`,
    `db.selectFrom("tasks").selectAll().where((eb) => eb.and({ org_id: orgId, status: "done" })).execute();`,
    `db.selectFrom("tasks").selectAll().where((eb) => { return eb.or([eb("org_id", "=", a), eb("org_id", "=", b)]); }).execute();`,
    // a subquery is its own chain: filtered itself, or correlated to the outer query's org_id
    `db.selectFrom("tasks as t").selectAll().where("t.org_id", "=", orgId)
       .where((eb) => eb.exists(eb.selectFrom("task_members as tm").select("tm.task_id").whereRef("tm.task_id", "=", "t.id").where("tm.org_id", "=", orgId))).execute();`,
    `db.selectFrom("tasks as t").select((eb) => [eb.selectFrom("task_members as tm").select("tm.task_id").whereRef("tm.org_id", "=", "t.org_id").as("m")]).where("t.org_id", "=", orgId).execute();`,
    // update and delete
    `tx.updateTable("tasks").set({ status: "done" }).where("id", "=", id).where("org_id", "=", ctx.orgId).execute();`,
    `tx.deleteFrom("task_members").where("org_id", "=", orgId).where("task_id", "=", taskId).execute();`,
    // tenant-safe comments: above the statement, above the chain start, above the method
    `// tenant-safe: background job across all centres
     const due = await db.selectFrom("outbox").selectAll().where("status", "=", "pending").execute();`,
    `const [a, b] = await Promise.all([
       // tenant-safe: the user's own memberships in every centre (centre chooser)
       db.selectFrom("memberships").selectAll().where("user_id", "=", userId).execute(),
       db.selectFrom("tasks").selectAll().where("org_id", "=", orgId).execute(),
     ]);`,
    `const rows = await db
       // tenant-safe: ids loaded earlier in this function from rows filtered on org_id
       .selectFrom("roster_slots").selectAll().where("id", "in", ids).execute();`,
    // tables without org_id
    `db.selectFrom("users").selectAll().where("id", "=", id).execute();`,
    `db.selectFrom("sessions").selectAll().where("id", "=", id).execute();`,
    `db.deleteFrom("sessions").where("user_id", "=", userId).execute();`,
    `db.selectFrom("organizations").selectAll().where("slug", "=", slug).execute();`,
    // a subquery as the source: checked where it is built
    `db.selectFrom(q.select("t.id").as("c")).select((eb) => eb.fn.countAll().as("n")).execute();`,
    // inserts that set org_id, or whose values are not written out
    `db.insertInto("tasks").values({ id, org_id: orgId, title }).execute();`,
    `db.insertInto("task_members").values(rows.map((r) => ({ task_id: id, org_id: orgId, membership_id: r }))).execute();`,
    `db.insertInto("tasks").values({ ...template, id }).execute();`,
    `db.insertInto("tasks").values(row).execute();`,
    `db.insertInto("users").values({ id, username }).execute();`,
  ],
  invalid: [
    // missing filter
    { code: `db.selectFrom("tasks").selectAll().where("id", "=", id).execute();`, errors: [unscoped] },
    { code: `db.selectFrom("tasks as t").select("t.id").where("t.id", "=", id).execute();`, errors: [unscoped] },
    // a filter on a non-tenant alias only (or an alias the chain does not define)
    { code: `db.selectFrom("tasks as t").innerJoin("users as u", "u.id", "t.user_id").selectAll().where("u.org_id", "=", orgId).execute();`, errors: [unscoped] },
    { code: `db.selectFrom("tasks as t").selectAll().where("x.org_id", "=", orgId).execute();`, errors: [unscoped] },
    // a user table joined to a tenant table with no tenant filter
    { code: `db.selectFrom("users as u").innerJoin("memberships as m", "m.user_id", "u.id").selectAll().where("u.id", "=", id).execute();`, errors: [unscoped] },
    // org_id used but not as a scope: another column, an unscoping operator, one branch of an or
    { code: `db.selectFrom("tasks").selectAll().where("assignee_org_id", "=", orgId).execute();`, errors: [unscoped] },
    { code: `db.selectFrom("tasks").selectAll().where("org_id", "!=", orgId).execute();`, errors: [unscoped] },
    { code: `db.selectFrom("tasks as t").selectAll().where((eb) => eb.or([eb("t.org_id", "=", orgId), eb("t.public", "=", 1)])).execute();`, errors: [unscoped] },
    // a join condition between two tables of the chain pins no centre
    { code: `db.selectFrom("tasks as t").innerJoin("task_members as m", "m.task_id", "t.id").selectAll().whereRef("m.org_id", "=", "t.org_id").execute();`, errors: [unscoped] },
    // update and delete without filter
    { code: `tx.updateTable("tasks").set({ status: "done" }).where("id", "=", id).execute();`, errors: [{ messageId: "unscoped", data: { method: "updateTable", tables: "tasks", column: "org_id" } }] },
    { code: `tx.deleteFrom("task_members").where("task_id", "=", taskId).execute();`, errors: [unscoped] },
    // a filtered outer query does not cover its subquery, nor the subquery's filter the outer query
    {
      code: `db.selectFrom("tasks as t").selectAll().where("t.org_id", "=", orgId)
               .where((eb) => eb.exists(eb.selectFrom("task_members as tm").select("tm.task_id").whereRef("tm.task_id", "=", "t.id"))).execute();`,
      errors: [unscoped],
    },
    {
      code: `db.selectFrom("tasks as t").selectAll()
               .where((eb) => eb.exists(eb.selectFrom("task_members as tm").select("tm.task_id").where((e) => e("tm.org_id", "=", orgId)))).execute();`,
      errors: [unscoped],
    },
    // a filter only under $if is conditional
    { code: `db.selectFrom("tasks").selectAll().$if(scoped, (q) => q.where("org_id", "=", orgId)).execute();`, errors: [unscoped] },
    // a tenant-safe comment needs a reason, and sits next to the query
    { code: `// tenant-safe:\nconst rows = await db.selectFrom("tasks").selectAll().execute();`, errors: [unscoped] },
    { code: `// tenant-safe: elsewhere\nfoo();\nconst rows = await db.selectFrom("tasks").selectAll().execute();`, errors: [unscoped] },
    // inserts written without org_id
    { code: `db.insertInto("tasks").values({ id, title }).execute();`, errors: [{ messageId: "insertWithoutOrg" }] },
    { code: `db.insertInto("task_members").values([{ task_id: id, org_id: orgId }, { task_id: id }]).execute();`, errors: [{ messageId: "insertWithoutOrg" }] },
  ],
});
