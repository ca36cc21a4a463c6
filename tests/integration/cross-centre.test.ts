import type { ServerBuild } from "@remix-run/node";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeUploads } from "~/modules/files/files.server";
import { createTask } from "~/modules/tasks/tasks.server";
import { memberOf } from "../helpers/db";
import { startServer, type Client, type TestServer } from "../helpers/server";

// Generated from the built route list: every route under /o/:org, present and future, must answer
// 404 to a member of another centre, for GET and for POST. A new route parameter needs a fixture
// below (a real id from tu-ky), or this test fails.

const build = (await import(pathToFileURL("build/server/index.js").href)) as ServerBuild;

function fullPath(id: string): string {
  const route = build.routes[id]!;
  const own = route.path ?? "";
  const parent = route.parentId ? fullPath(route.parentId) : "";
  return [parent, own].filter(Boolean).join("/");
}

const centreRoutes = Object.keys(build.routes)
  .map((id) => ({
    id,
    path: fullPath(id),
    hasAction: Boolean(build.routes[id]!.module.action),
    isPage: Boolean(build.routes[id]!.module.default),
  }))
  .filter((r) => r.path === "o/:org" || r.path.startsWith("o/:org/"));

let srv: TestServer;
let outsider: Client;
let insider: Client;
let insiderAdmin: Client;
let fixtures: Record<string, string>;

beforeAll(async () => {
  srv = await startServer();
  outsider = srv.client();
  await outsider.login("anphu.giamdoc");
  insider = srv.client();
  await insider.login("tuky.giamdoc");
  insiderAdmin = srv.client();
  await insiderAdmin.login("tuky.admin");
  const org = await srv.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow();
  const member = await srv.db.selectFrom("memberships").select("id").where("org_id", "=", org.id).executeTakeFirstOrThrow();
  const position = await srv.db.selectFrom("positions").select("id").where("org_id", "=", org.id).executeTakeFirstOrThrow();
  const director = await srv.db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "u.id as userId"])
    .where("u.username", "=", "tuky.giamdoc")
    .executeTakeFirstOrThrow();
  const ctx = { orgId: org.id, actorUserId: director.userId, membershipId: director.id, now: srv.clock.now() };
  const files = await storeUploads(srv.filesDir, org.id, [new File(["biên bản"], "bien-ban.txt", { type: "text/plain" })], {
    maxBytes: 1000,
    maxFiles: 1,
  });
  const taskId = await createTask(
    srv.db,
    ctx,
    {
      intent: "assign",
      title: "Rà soát quy trình nội bộ lĩnh vực đất đai",
      description: "Rà soát, đề xuất rút ngắn thời gian giải quyết.",
      assigneeId: (await memberOf(srv.db, "tuky.canbo01")).membershipId,
      approverId: director.id,
      sourceKind: "adhoc",
      startDate: "2026-03-10",
      deadlineDate: "2026-03-31",
      deliverable: "Báo cáo đề xuất",
      priority: "normal",
      recurrence: "none",
    },
    files,
  );
  const roster = await srv.db.selectFrom("rosters").select("id").where("org_id", "=", org.id).executeTakeFirstOrThrow();
  fixtures = {
    org: "tu-ky",
    memberId: member.id,
    positionId: position.id,
    taskId,
    fileId: files[0]!.id,
    rosterId: roster.id,
    inspectionId: (await srv.db.selectFrom("inspections").select("id").where("org_id", "=", org.id).where("status", "=", "submitted").executeTakeFirstOrThrow()).id,
    checklistId: (await srv.db.selectFrom("inspection_templates").select("id").where("org_id", "=", org.id).executeTakeFirstOrThrow()).id,
    evidenceId: (await srv.db.selectFrom("inspection_photos").select("id").where("org_id", "=", org.id).executeTakeFirstOrThrow()).id,
    reportId: (await srv.db.selectFrom("reports").select("id").where("org_id", "=", org.id).where("status", "=", "finalised").executeTakeFirstOrThrow()).id,
  };
});
afterAll(async () => {
  await srv.close();
});

function urlFor(path: string): string {
  return (
    "/" +
    path.replace(/:(\w+)\??/g, (_m, name: string) => {
      const value = fixtures[name];
      if (!value) throw new Error(`No cross-centre fixture for route parameter :${name}; add one in this test.`);
      return value;
    })
  );
}

describe("a member of another centre", () => {
  it("finds the centre routes in the build", () => {
    expect(centreRoutes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        "o/:org",
        "o/:org/staff",
        "o/:org/staff/new",
        "o/:org/staff/:memberId",
        "o/:org/positions",
        "o/:org/tasks",
        "o/:org/tasks/:taskId",
        "o/:org/files/:fileId",
        "o/:org/rosters",
        "o/:org/rosters/:rosterId",
        "o/:org/rosters/:rosterId/print",
        "o/:org/tasks.xlsx",
        "o/:org/inspections/findings.xlsx",
        "o/:org/rosters/:rosterId/export.xlsx",
        "o/:org/inspections",
        "o/:org/inspections/new",
        "o/:org/inspections/:inspectionId",
        "o/:org/inspections/templates",
        "o/:org/inspections/templates/:checklistId",
        "o/:org/inspections/photos/:evidenceId",
      ]),
    );
  });

  it.each(centreRoutes.map((r) => [r.path, r] as const))("gets 404 from %s", async (_path, route) => {
    const url = urlFor(route.path);
    // The same URL works for the centre's own director, so the 404 is not an accident of a bad id.
    // (Admin-only pages: the centre's own admin instead of its director.)
    let own = await insider.fetch(url);
    if (own.status === 403) own = await insiderAdmin.fetch(url);
    expect(own.status).toBe(200);

    const get = await outsider.fetch(url);
    expect(get.status).toBe(404);
    const body = await get.text();
    if (route.isPage) expect(body).toContain("Không tìm thấy trang");
    expect(body).not.toContain("Tứ Kỳ");
    if (route.hasAction) {
      const post = await outsider.post(url, { intent: "save", name: "x" });
      expect(post.status).toBe(404);
    }
  });
});
