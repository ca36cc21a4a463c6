// Loads 100,000 tasks into one centre and measures the task list and task page over HTTP against
// the real server (production build), each with the floor route (/o/:org/bench-floor) measured
// interleaved. On SQLite (a file in a temporary folder) or on PostgreSQL (--engine postgres: a fresh
// database on the cluster of --pg-url or TEST_PG_URL, migrated and loaded by its owner, the server
// connecting as the app's role with row-level security, then dropped).
// Usage: npm run build && npm run bench [-- --tasks 100000 --runs 60 --engine sqlite|postgres --pg-url URL --json out.json]
import { measureAgainstFloor, signIn } from "./lib/http";
import { createPostgresDatabase, pgBaseUrl, type BenchPostgres } from "./lib/bench-db";
import type { ServerBuild } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { deadlineInstant } from "../app/utils/dates";
import { normalizeSearch } from "../db/text";
import { openDatabase, optimizeDatabase } from "../db/client";
import type { DB } from "../db/schema";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../demo/seed/index";
import { localFileStore } from "../app/modules/files/store.server";
import { createApp } from "../server/app";
import { sql, type Insertable } from "kysely";
import type { TaskEventKind, TaskEventsTable, TaskStatus, TasksTable } from "../db/schema";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "100000" },
    runs: { type: "string", default: "60" },
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    json: { type: "string" },
  },
});
const TASKS = Number(values.tasks);
const RUNS = Number(values.runs);
const NOW = new Date("2026-11-20T02:00:00Z");
if (values.engine !== "sqlite" && values.engine !== "postgres") {
  console.error("--engine: sqlite or postgres");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "roviec-bench-"));
// `db`: the owner's connection (loading); `appDb`: the server's (on PostgreSQL the app's role).
let db: DB;
let appDb: DB;
let pgDb: BenchPostgres | undefined;
if (values.engine === "postgres") {
  pgDb = await createPostgresDatabase(pgBaseUrl(values["pg-url"]), `roviec_bench_${process.pid}`);
  db = pgDb.owner;
  appDb = openDatabase({ engine: "postgres", url: pgDb.appUrl, ownerUrl: pgDb.ownerUrl }).db;
} else {
  db = openDatabase(join(dir, "bench.db")).db;
  await migrateToLatest(db);
  appDb = db;
}
await seedDemoIfEmpty(db, NOW);

const org = await db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow();
const members = await db
  .selectFrom("memberships as m")
  .innerJoin("users as u", "u.id", "m.user_id")
  .select(["m.id", "u.username"])
  .where("m.org_id", "=", org.id)
  .execute();
const byName = Object.fromEntries(members.map((m) => [m.username, m.id]));
const staff = members.filter((m) => m.username.includes("canbo")).map((m) => m.id);
const leaders = [byName["tuky.giamdoc"]!, byName["tuky.phogiamdoc"]!];
const statuses: TaskStatus[] = ["assigned", "in_progress", "submitted", "returned", "done", "done", "done", "cancelled"];
const words = ["Báo cáo", "Rà soát", "Số hóa", "Tổng hợp", "Cập nhật", "Trả lời phản ánh", "Kiểm tra", "Niêm yết"];
const topics = ["hộ tịch", "đất đai", "bảo trợ xã hội", "hộ kinh doanh", "chứng thực", "văn hóa", "xây dựng", "người có công"];

console.log(`loading ${TASKS.toLocaleString("en")} tasks…`);
const t0 = performance.now();
const BATCH = 400;
for (let start = 0; start < TASKS; start += BATCH) {
  const rows: Insertable<TasksTable>[] = [];
  const events: Insertable<TaskEventsTable>[] = [];
  for (let i = start; i < Math.min(TASKS, start + BATCH); i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 1000) * 86400000).toISOString().slice(0, 10);
    const status = statuses[i % statuses.length]!;
    const title = `${words[i % words.length]} ${topics[(i >> 3) % topics.length]} số ${i}`;
    const id = randomUUID();
    const at = deadlineInstant(day, null).toISOString();
    rows.push({
      id,
      org_id: org.id,
      title,
      title_search: normalizeSearch(title),
      description: "Nội dung công việc dùng để đo hiệu năng.",
      status,
      priority: "normal",
      assigner_id: leaders[i % 2]!,
      assignee_id: staff[i % staff.length]!,
      approver_id: leaders[(i + 1) % 2]!,
      source_kind: "plan",
      source_ref: "KH 01/KH-TTPVHCC",
      deliverable: "Báo cáo",
      start_date: day,
      deadline_date: day,
      deadline_time: null,
      deadline_at: at,
      original_deadline_date: day,
      original_deadline_time: null,
      original_deadline_at: at,
      plan_id: null,
      plan_item_id: null,
      progress: status === "done" ? 100 : (i * 7) % 100,
      series_id: null,
      occurrence_key: null,
      assigned_at: at,
      completed_at: status === "done" ? at : null,
      timeliness: status === "done" ? "on_time" : null,
      timeliness_original: status === "done" ? "on_time" : null,
      return_count: 0,
      extension_count: 0,
      cancel_reason: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    for (const kind of ["assigned", "progress", "comment"] satisfies TaskEventKind[]) {
      events.push({ id: randomUUID(), org_id: org.id, task_id: id, actor_id: leaders[0]!, kind, progress: null, note: "", data: "{}", created_at: at });
    }
  }
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("tasks").values(rows).execute();
    await tx.insertInto("task_events").values(events).execute();
  });
}
console.log(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// What the server's scheduler does every hour (job "db-optimize") on SQLite, and autovacuum on
// PostgreSQL: refresh the planner's statistics.
await optimizeDatabase(db);
if (pgDb) await sql`analyze`.execute(db);
const sample = await db.selectFrom("tasks").select("id").where("org_id", "=", org.id).where("title", "like", `%số ${Math.min(4242, TASKS - 1)}`).executeTakeFirstOrThrow();

const build = (await import(pathToFileURL("build/server/index.js").href)) as ServerBuild;
const app = createApp({
  db: appDb,
  build,
  now: () => NOW,
  config: { production: false, secureCookies: false, benchFloor: true },
  files: localFileStore(join(dir, "files")),
  log: () => {},
});
const server = app.listen(0);
await new Promise((r) => server.once("listening", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const cookie = await signIn(base, "tuky.giamdoc");


console.log(`\n${TASKS.toLocaleString("en")} tasks in tu-ky on ${values.engine}, ${RUNS} requests each (full SSR page over HTTP), the floor interleaved:`);
const floor = "/o/tu-ky/bench-floor";
const results = [];
for (const [label, path] of [
  ["list: whole centre, not finished (default)", "/o/tu-ky/tasks?tab=all"],
  ["list: whole centre, any status", "/o/tu-ky/tasks?tab=all&status=all"],
  ["list: whole centre, not finished, page 50", "/o/tu-ky/tasks?tab=all&page=50"],
  ["list: whole centre, any status, page 50", "/o/tu-ky/tasks?tab=all&status=all&page=50"],
  ["list: whole centre, latest first, page 50", "/o/tu-ky/tasks?tab=all&status=all&sort=-deadline&page=50"],
  ["list: whole centre, any status, page 200", "/o/tu-ky/tasks?tab=all&status=all&page=200"],
  ["list: overdue only", "/o/tu-ky/tasks?tab=all&overdue=1"],
  ["list: one assignee, not finished", `/o/tu-ky/tasks?tab=all&assignee=${staff[0]}`],
  ["list: search 'ho tich', any status", "/o/tu-ky/tasks?tab=all&status=all&q=ho%20tich"],
  ["list: waiting for my approval", "/o/tu-ky/tasks?tab=approval"],
  ["task page", `/o/tu-ky/tasks/${sample.id}`],
] as const) {
  results.push(await measureAgainstFloor(base, label, path, floor, cookie, RUNS, 5));
}
if (values.json) writeFileSync(values.json, JSON.stringify({ engine: values.engine, tasks: TASKS, runs: RUNS, results }, null, 2));

server.closeAllConnections();
server.close();
if (pgDb) {
  await appDb.destroy();
  await pgDb.drop();
} else {
  await db.destroy();
}
rmSync(dir, { recursive: true, force: true });
