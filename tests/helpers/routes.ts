import type { ServerBuild } from "@remix-run/node";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withUploads, type StoredFile } from "~/modules/files/files.server";
import { createTask } from "~/modules/tasks/tasks.server";
import { createMember } from "~/modules/org/org.server";
import { memberOf } from "./db";
import type { TestServer } from "./server";

/** The built app's routes: tests generated from this list cover every route, present and future. */
export const build = (await import(pathToFileURL("build/server/index.js").href)) as ServerBuild;

function fullPath(id: string): string {
  const route = build.routes[id]!;
  const own = route.path ?? "";
  const parent = route.parentId ? fullPath(route.parentId) : "";
  return [parent, own].filter(Boolean).join("/");
}

export interface BuiltRoute {
  id: string;
  path: string;
  hasAction: boolean;
  isPage: boolean;
}

export const allRoutes: BuiltRoute[] = Object.keys(build.routes)
  .map((id) => ({
    id,
    path: fullPath(id),
    hasAction: Boolean(build.routes[id]!.module.action),
    isPage: Boolean(build.routes[id]!.module.default),
  }))
  .filter((r) => r.id !== "root");

/** The routes under /o/:org. */
export const centreRoutes = allRoutes.filter((r) => r.path === "o/:org" || r.path.startsWith("o/:org/"));

/**
 * Pages that show other forms for some query, visited with it too by the generated tests: the
 * evaluation pages show the year (its assessment, self-assessment and finalising forms) at
 * `?period=YYYY` — the test clock's year.
 */
export const VIEW_QUERIES: Record<string, string[]> = {
  "o/:org/evaluations": ["?period=2026"],
  "o/:org/evaluations/:memberId": ["?period=2026"],
};

/** A route's URL with its parameters filled from `fixtures` (a new parameter without one fails loudly). */
export function routeUrl(path: string, fixtures: Record<string, string>): string {
  return (
    "/" +
    path.replace(/:(\w+)\??/g, (_m, name: string) => {
      const value = fixtures[name];
      if (!value) throw new Error(`No fixture for route parameter :${name}; add one in tests/helpers/routes.ts.`);
      return value;
    })
  );
}

/**
 * Every query parameter the app reads (`….get("name")` on URL search parameters), found in the
 * source so that a new one is covered without anyone remembering to list it.
 */
export function queryParametersInCode(dir = "app"): string[] {
  const names = new Set<string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(p)) {
        for (const m of readFileSync(p, "utf8").matchAll(/\b(\w*)\.(?:get|getAll)\("(\w+)"\)/g)) {
          if (!/formdata|headers|cookie/i.test(m[1]!)) names.add(m[2]!);
        }
      }
    }
  };
  walk(dir);
  return [...names].sort();
}

/** Real ids from the demo centre tu-ky for every route parameter (one task gets a file to download). */
export async function centreFixtures(srv: TestServer): Promise<Record<string, string>> {
  const org = await srv.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow();
  const member = await srv.db.selectFrom("memberships").select("id").where("org_id", "=", org.id).executeTakeFirstOrThrow();
  const position = await srv.db.selectFrom("positions").select("id").where("org_id", "=", org.id).executeTakeFirstOrThrow();
  const director = await memberOf(srv.db, "tuky.giamdoc");
  const ctx = { orgId: org.id, actorUserId: director.userId, membershipId: director.membershipId, now: srv.clock.now() };
  const assigneeId = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
  let files: StoredFile[] = [];
  const upload = [new File(["biên bản"], "bien-ban.txt", { type: "text/plain" })];
  const taskId = await withUploads(srv.files, org.id, upload, { maxBytes: 1000, maxFiles: 1 }, (stored) => {
    files = stored;
    return createTask(
      srv.db,
      ctx,
      {
        intent: "assign",
        title: "Rà soát quy trình nội bộ lĩnh vực đất đai",
        description: "Rà soát, đề xuất rút ngắn thời gian giải quyết.",
        assigneeId,
        approverId: director.membershipId,
        sourceKind: "adhoc",
        startDate: "2026-03-10",
        deadlineDate: "2026-03-31",
        deliverable: "Báo cáo đề xuất",
        priority: "normal",
        recurrence: "none",
      },
      files,
    );
  });
  const first = async (table: "rosters" | "inspection_templates" | "inspection_photos", where?: [string, string]) => {
    let q = srv.db.selectFrom(table).select("id").where("org_id", "=", org.id);
    if (where) q = q.where(where[0] as never, "=", where[1] as never);
    return (await q.executeTakeFirstOrThrow()).id;
  };
  return {
    org: "tu-ky",
    group: "hai-phong",
    memberId: member.id,
    positionId: position.id,
    taskId,
    fileId: files[0]!.id,
    rosterId: await first("rosters"),
    inspectionId: (await srv.db.selectFrom("inspections").select("id").where("org_id", "=", org.id).where("status", "=", "submitted").executeTakeFirstOrThrow()).id,
    checklistId: await first("inspection_templates"),
    evidenceId: await first("inspection_photos"),
    // An open invitation link of a member invited for the purpose (/invite/:token).
    token: (await createMember(srv.db, { ...ctx, actorUserId: (await memberOf(srv.db, "tuky.admin")).userId }, { fullName: "Người Được Mời", username: "tuky.duocmoi", roles: ["staff"], access: "invite" })).invitation!.token,
    reportId: (await srv.db.selectFrom("reports").select("id").where("org_id", "=", org.id).where("status", "=", "finalised").executeTakeFirstOrThrow()).id,
  };
}
