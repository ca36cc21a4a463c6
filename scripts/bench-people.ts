// One year of data for 50 members in one centre (tasks, check-ins, duty shifts, inspections), then
// the person view and the dashboards measured over HTTP against the real server (production build).
// Usage: npm run build && npm run bench:people [-- --runs 40] [--only dashboard]
// React and Remix pick their production builds by NODE_ENV, as `npm run serve` does (server/index.ts).
process.env.NODE_ENV ??= "production";
import { measure, signIn } from "./lib/http";
import type { ServerBuild } from "@remix-run/node";
import type { Insertable } from "kysely";
import type { TasksTable } from "../db/schema";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { at } from "../app/modules/attendance/rules";
import { buildCalendar, official2026Overrides } from "../app/modules/calendar/holidays";
import { addDays, deadlineInstant } from "../app/utils/dates";
import { normalizeSearch } from "../db/text";
import { openDatabase, optimizeDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../demo/seed/index";
import { localFileStore } from "../app/modules/files/store.server";
import { createApp } from "../server/app";

const { values } = parseArgs({ options: { runs: { type: "string", default: "40" }, only: { type: "string" } } });
const RUNS = Number(values.runs);
const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026 10:00 in Vietnam
const FROM = "2025-11-21";
const TODAY = "2026-11-20";

const dir = mkdtempSync(join(tmpdir(), "roviec-bench-people-"));
const { db } = openDatabase(join(dir, "bench.db"));
await migrateToLatest(db);
await seedDemoIfEmpty(db, NOW);
const org = await db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow();
const hash = (await db.selectFrom("users").select("password_hash").where("username", "=", "tuky.canbo01").executeTakeFirstOrThrow()).password_hash;
const t0 = performance.now();

// 36 more staff: 50 members in all.
const stamp = NOW.toISOString();
for (let i = 11; i <= 46; i++) {
  const userId = randomUUID();
  const name = `Cán bộ Thử Nghiệm ${i}`;
  await db.insertInto("users").values({ id: userId, username: `tuky.canbo${i}`, full_name: name, full_name_search: normalizeSearch(name), phone: null, email: null, password_hash: hash, created_at: stamp, updated_at: stamp }).execute();
  await db.insertInto("memberships").values({ id: randomUUID(), org_id: org.id, user_id: userId, title: "Công chức", position_id: null, roles: "staff", active: 1, joined_on: "2025-07-01", left_on: null, created_at: stamp, updated_at: stamp }).execute();
}
const members = await db.selectFrom("memberships").select(["id", "roles"]).where("org_id", "=", org.id).execute();
const leaders = members.filter((m) => /director|deputy/.test(m.roles)).map((m) => m.id);
const staff = members.filter((m) => m.roles.includes("staff")).map((m) => m.id);
const cal = buildCalendar(2026, official2026Overrides);

await db.transaction().execute(async (tx) => {
  // Check-ins on every working day, tasks (four a month each), weekend duty, weekly inspections.
  const records = [];
  const tasks: Insertable<TasksTable>[] = [];
  let n = 0;
  for (let d = FROM; d <= TODAY; d = addDays(d, 1)) {
    const kind = cal(d).kind;
    if (kind !== "working" && kind !== "makeup") continue;
    for (const m of members) {
      n += 1;
      const inAt = new Date(at(d, "07:30").getTime() + ((n * 37) % 25 - 15) * 60_000);
      records.push({ id: randomUUID(), org_id: org.id, membership_id: m.id, date: d, session: "day" as const, check_in_at: inAt.toISOString(), check_in_ip: "", check_out_at: new Date(at(d, "16:40").getTime()).toISOString(), check_out_ip: "", created_at: inAt.toISOString() });
    }
  }
  for (let i = 0; i < records.length; i += 500) {
    await tx.insertInto("attendance_records").values(records.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute();
  }
  let k = 0;
  for (let d = FROM; d <= TODAY; d = addDays(d, 7)) {
    for (const m of staff) {
      k += 1;
      const deadline = addDays(d, 10);
      const done = deadline < TODAY && k % 7 !== 0;
      const dl = deadlineInstant(deadline, null).toISOString();
      const title = `Nhiệm vụ thử ${k}`;
      tasks.push({
        id: randomUUID(), org_id: org.id, title, title_search: normalizeSearch(title), description: "Nội dung", status: done ? "done" : deadline < TODAY ? "in_progress" : "assigned", priority: "normal",
        assigner_id: leaders[0]!, assignee_id: m, approver_id: leaders[1] ?? leaders[0]!, source_kind: "plan", source_ref: "KH 01", deliverable: "Báo cáo",
        start_date: d, deadline_date: deadline, deadline_time: null, deadline_at: dl, original_deadline_date: deadline, original_deadline_time: null, original_deadline_at: dl,
        plan_id: null, plan_item_id: null, progress: done ? 100 : 40, series_id: null, occurrence_key: null, assigned_at: stamp,
        completed_at: done ? new Date(Date.parse(dl) - (k % 3) * 86400_000 + (k % 5 === 0 ? 2 * 86400_000 : 0)).toISOString() : null,
        timeliness: done ? (k % 5 === 0 ? "late" : k % 3 === 2 ? "early" : "on_time") : null, timeliness_original: done ? (k % 5 === 0 ? "late" : "on_time") : null,
        return_count: k % 11 === 0 ? 1 : 0, extension_count: 0, cancel_reason: null, version: 1, created_at: stamp, updated_at: stamp,
      });
    }
  }
  for (let i = 0; i < tasks.length; i += 200) await tx.insertInto("tasks").values(tasks.slice(i, i + 200)).execute();
  const rosterId = randomUUID();
  await tx.insertInto("rosters").values({ id: rosterId, org_id: org.id, title: "Lịch trực cuối tuần 2026", start_date: FROM, end_date: TODAY, day_mode: "nonworking", status: "published", version: 1, created_by: leaders[0]!, published_at: stamp, published_by: leaders[0]!, created_at: stamp, updated_at: stamp }).execute();
  const slots = [];
  let s = 0;
  for (let d = FROM; d <= TODAY; d = addDays(d, 1)) {
    if (cal(d).kind !== "weekend" && cal(d).kind !== "holiday") continue;
    for (let p = 0; p < 2; p++) {
      s += 1;
      slots.push({ id: randomUUID(), org_id: org.id, roster_id: rosterId, date: d, kind: "staff" as const, position: p, start_time: "07:30", end_time: "11:30", weight: 1, membership_id: staff[s % staff.length]!, confirmed_at: stamp, checked_in_at: s % 13 === 0 ? null : at(d, "07:35").toISOString(), updated_at: stamp });
    }
  }
  for (let i = 0; i < slots.length; i += 300) await tx.insertInto("roster_slots").values(slots.slice(i, i + 300)).execute();
  // Inspections: one a week, five members each, every item of the centre's current checklist.
  const version = await tx.selectFrom("inspection_template_versions as v").innerJoin("inspection_templates as t", "t.id", "v.template_id").select(["v.id", "v.template_id"]).where("v.org_id", "=", org.id).orderBy("v.number", "desc").executeTakeFirstOrThrow();
  const items = await tx.selectFrom("inspection_template_items").select("id").where("version_id", "=", version.id).execute();
  const inspector = members.find((m) => m.roles.includes("inspector"))?.id ?? leaders[0]!;
  let w = 0;
  for (let d = FROM; d <= TODAY; d = addDays(d, 7)) {
    w += 1;
    const id = randomUUID();
    await tx.insertInto("inspections").values({ id, org_id: org.id, template_id: version.template_id, template_version_id: version.id, inspector_id: inspector, inspected_at: at(d, "09:00").toISOString(), inspected_date: d, place: "Bộ phận một cửa", counter: "", mode: "full", status: "submitted", note: "", version: 1, submitted_at: at(d, "09:30").toISOString(), created_at: stamp, updated_at: stamp }).execute();
    const results: { id: string; org_id: string; inspection_id: string; membership_id: string; item_id: string; outcome: "pass" | "fail"; note: string; updated_at: string }[] = [];
    for (let j = 0; j < 5; j++) {
      const m = staff[(w * 5 + j) % staff.length]!;
      const fails = (w + j) % 4 === 0 ? 1 : 0;
      await tx.insertInto("inspection_members").values({ id: randomUUID(), org_id: org.id, inspection_id: id, membership_id: m, note: "", score: fails ? 93.3 : 100, pass_count: items.length - fails, fail_count: fails, na_count: 0 }).execute();
      items.forEach((it, x) => results.push({ id: randomUUID(), org_id: org.id, inspection_id: id, membership_id: m, item_id: it.id, outcome: fails && x === 2 ? ("fail" as const) : ("pass" as const), note: "", updated_at: stamp }));
    }
    await tx.insertInto("inspection_results").values(results).execute();
  }
  console.log(`loaded ${records.length} check-ins, ${tasks.length} tasks, ${slots.length} duty slots, ${w} inspections for ${members.length} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
});
await optimizeDatabase(db);

const build = (await import(pathToFileURL("build/server/index.js").href)) as ServerBuild;
const app = createApp({ db, build, now: () => NOW, config: { production: false, secureCookies: false }, files: localFileStore(join(dir, "files")), log: () => {} });
const server = app.listen(0);
await new Promise((r) => server.once("listening", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const director = await signIn(base, "tuky.giamdoc");
const clerk = await signIn(base, "tuky.canbo01");
const lan = (await db.selectFrom("memberships as m").innerJoin("users as u", "u.id", "m.user_id").select("m.id").where("u.username", "=", "tuky.canbo01").executeTakeFirstOrThrow()).id;


console.log(`\n50 members, one year of data, ${RUNS} requests each (full SSR page over HTTP):`);
// Beside the wall-clock times, the process's CPU time per request (server and client are this one
// process): less sensitive than latency to other work on a shared machine.
const measureCpu = async (label: string, path: string, cookie: string, runs: number) => {
  if (values.only && !label.includes(values.only)) return; // --only dashboard: the lines whose label has it
  const before = process.cpuUsage();
  await measure(base, label, path, cookie, runs);
  const used = process.cpuUsage(before);
  console.log(`${"".padEnd(44)} CPU ${((used.user + used.system) / 1000 / (runs + 3)).toFixed(1).padStart(6)} ms a request`);
};
await measureCpu("/healthz (below the floor: no session)", "/healthz", director, RUNS);
await measureCpu("director's dashboard", "/o/tu-ky", director, RUNS);
await measureCpu("person view, month", `/o/tu-ky/people/${lan}?period=2026-11`, director, RUNS);
await measureCpu("person view, quarter", `/o/tu-ky/people/${lan}?period=2026-Q4`, director, RUNS);
await measureCpu("person view, year", `/o/tu-ky/people/${lan}?period=2026`, director, RUNS);
await measureCpu("staff dashboard", "/o/tu-ky", clerk, RUNS);
server.closeAllConnections();
server.close();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
