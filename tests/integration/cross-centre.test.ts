import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { centreFixtures, centreRoutes, routeUrl } from "../helpers/routes";
import { signIn, startServer, type Client, type TestServer } from "../helpers/server";

// Generated from the built route list: every route under /o/:org, present and future, must answer
// 404 to a member of another centre, for GET and for POST. A new route parameter needs a fixture
// in tests/helpers/routes.ts (a real id from tu-ky), or this test fails.

let srv: TestServer;
let outsider: Client;
let insider: Client;
let insiderAdmin: Client;
let fixtures: Record<string, string>;

beforeAll(async () => {
  srv = await startServer();
  outsider = await signIn(srv, "anphu.giamdoc");
  insider = await signIn(srv, "tuky.giamdoc");
  insiderAdmin = await signIn(srv, "tuky.admin");
  fixtures = await centreFixtures(srv);
});
afterAll(async () => {
  await srv.close();
});

function urlFor(path: string): string {
  return routeUrl(path, fixtures);
}

describe("a member of another centre", () => {
  it("finds the centre routes in the build", () => {
    expect(centreRoutes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        "o/:org",
        "o/:org/staff",
        "o/:org/staff/new",
        "o/:org/staff/:memberId",
        "o/:org/staff/import",
        "o/:org/staff/import/template.xlsx",
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
