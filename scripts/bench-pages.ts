// Every main page against the floor, on SQLite or PostgreSQL: starts the compiled production server
// (build/node/server.js, as `npm run serve` runs it) on a database of the chosen engine with
// BENCH_FLOOR=1, signs in as a centre's director and one of its staff, and for each page measures
// p50/p95 at 1 and at 10 concurrent users with the floor route (/o/:org/bench-floor: session,
// membership, one indexed read, a tiny page) measured interleaved — page and floor batches
// alternate, so both see the same machine load — and prints page p95 ÷ floor p95. The server
// carries a probe (scripts/lib/eld-probe.mjs) that reports the event-loop delay during each row.
//
// Data: by default `npm run scale:generate -- --centres 2` into a temporary folder (a year of
// everything for two centres of about twenty staff, ending the day before --today); on PostgreSQL
// the same rows are copied into a fresh database migrated by its owner (scripts/lib/bench-db.ts),
// and the server connects as the app's role (row-level security applying, decision 0033).
// The server's clock starts at 09:00 (Vietnam) on --today; its scheduler runs the jobs as usual.
//
// Usage: npm run build && npm run bench:pages [-- options]
//   --engine sqlite|postgres   (default sqlite); postgres takes --pg-url or TEST_PG_URL and creates
//                              a database of its own on that cluster, dropped at the end
//   --db file.db               an existing scale-generated SQLite file (with its .json beside it),
//                              copied first; with --engine postgres, its rows are copied there
//   --in-place                 with --db on SQLite: run on the file itself instead of a copy (no
//                              second 40 GB at national scale); the file is then modified: the
//                              retention backlog pruned, sign-ins, sessions and the jobs' writes
//   --centres N                centres to generate without --db (default 2)
//   --today YYYY-MM-DD         the first day without data, when generating (default 2026-11-20)
//   --runs N                   requests per page and as many for the floor, per concurrency (default 60)
//   --concurrency 1,10         the concurrency levels (default 1,10)
//   --json out.json            everything measured, as JSON
//   --port N                   the server's port (default: a free one)
//   --node-flags="…"          the server's node flags instead of those of `npm run serve` (package.json)
//   --only a,b                 only the pages whose "who: label" contains one of these (e.g.
//                              --only "director: dashboard,report"); every row still has its floor
// npm run bench:pages -- --table a.json b.json …   prints the runs saved with --json side by side
//   (a Markdown table: each engine's page p95 and its ratio to that run's floor, per concurrency).
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import type { DB } from "../db/schema";
import { JOBS } from "../server/jobs";
import { copySqliteToPostgres, createPostgresDatabase, pgBaseUrl, type BenchPostgres } from "./lib/bench-db";
import { batch as batchOf, freePort, quantile, requireBuild, ROOT, signIn, waitForHealthz } from "./lib/http";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    table: { type: "boolean", default: false },
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    db: { type: "string" },
    centres: { type: "string", default: "2" },
    today: { type: "string", default: "2026-11-20" },
    runs: { type: "string", default: "60" },
    concurrency: { type: "string", default: "1,10" },
    json: { type: "string" },
    port: { type: "string" },
    only: { type: "string" },
    "in-place": { type: "boolean", default: false },
    "node-flags": { type: "string" },
  },
});
if (args.table) {
  printTable(positionals);
  process.exit(0);
}
const engine = args.engine;
if (engine !== "sqlite" && engine !== "postgres") {
  console.error("--engine: sqlite or postgres");
  process.exit(2);
}
const RUNS = Number(args.runs);
const LEVELS = args.concurrency.split(",").map(Number);
if (!Number.isInteger(RUNS) || RUNS < 5 || LEVELS.some((c) => !Number.isInteger(c) || c < 1)) {
  console.error("--runs: at least 5; --concurrency: comma-separated positive integers");
  process.exit(2);
}
requireBuild();
if (!existsSync(join(ROOT, "build/node/server.js"))) {
  console.error("No compiled server (build/node/server.js): run `npm run build` first.");
  process.exit(2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), "roviec-bench-pages-"));
/** The server process, once started. */
const server: { child?: ChildProcess } = {};
let pgDb: BenchPostgres | undefined;
let alive = false;
process.on("exit", () => {
  if (alive && server.child?.pid) {
    try {
      process.kill(server.child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));

// ---- the data: a scale-generated SQLite file, copied (or generated) into the temporary folder ----
interface Meta {
  centres: number;
  today: string;
  password: string;
  firstCentre: { slug: string; director: string; staff: string };
}
if (args["in-place"] && !args.db) {
  console.error("--in-place: only with --db (a generated file to run on)");
  process.exit(2);
}
const sqlitePath = args["in-place"] ? args.db! : join(dir, "bench.db");
let meta: Meta;
const t0 = performance.now();
if (args.db) {
  if (!existsSync(args.db) || !existsSync(`${args.db}.json`)) {
    console.error(`--db: ${args.db} and ${args.db}.json must exist (npm run scale:generate)`);
    process.exit(2);
  }
  meta = JSON.parse(readFileSync(`${args.db}.json`, "utf8")) as Meta;
  if (args["in-place"]) console.log(`on ${args.db} itself (${meta.centres} centres)${engine === "sqlite" ? ": the run writes into it" : ", read only"}`);
  else {
    copyFileSync(args.db, sqlitePath);
    console.log(`copied ${args.db} (${meta.centres} centres) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
} else {
  const gen = spawn(process.execPath, ["--import", "tsx", "scripts/scale-generate.ts", "--centres", args.centres, "--out", sqlitePath, "--today", args.today, "--force"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  gen.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => gen.once("exit", r));
  if (code !== 0) throw new Error(`scale:generate failed:\n${out}`);
  meta = JSON.parse(readFileSync(`${sqlitePath}.json`, "utf8")) as Meta;
  console.log(out.trim().split("\n").at(-2));
}

const env: NodeJS.ProcessEnv = { ...process.env };
for (const k of ["APP_ORIGIN", "TRUST_PROXY", "FILE_STORAGE", "INSECURE_COOKIES", "MOCKS", "FORM_LOG", "DATABASE_OWNER_URL", "METRICS_TOKEN"]) delete env[k];
let db: DB;
if (engine === "postgres") {
  const t = performance.now();
  pgDb = await createPostgresDatabase(pgBaseUrl(args["pg-url"]), `roviec_bench_pages_${process.pid}`);
  const rows = await copySqliteToPostgres(sqlitePath, pgDb.owner);
  console.log(`PostgreSQL: migrated and copied ${rows.toLocaleString("en")} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  env.DATABASE_URL = pgDb.appUrl;
  env.DATABASE_OWNER_URL = pgDb.ownerUrl;
  db = pgDb.owner;
} else {
  env.DATABASE_URL = sqlitePath;
  db = openDatabase(sqlitePath).db;
}

// A server that has been running has pruned what retention prunes; the generated year never was.
// Work off that backlog first with the job itself, at the server's clock, so that the measured rows
// meet retention only at its ordinary times (the job then waits an hour before its next pass).
const clockStart = new Date(`${meta.today}T09:00:00+07:00`);
{
  const t = performance.now();
  let pruned = 0;
  for (;;) {
    const n = await JOBS.retention!(db, clockStart, { publicUrl: "http://localhost", telegramApiBase: "http://localhost", production: false });
    pruned += n;
    if (n === 0) break;
  }
  console.log(`retention backlog: ${pruned.toLocaleString("en")} rows pruned in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

// ---- the fixtures: ids from the first centre ----
const slug = meta.firstCentre.slug;
const org = await db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
const memberOf = (username: string) =>
  db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.id")
    .where("m.org_id", "=", org.id)
    .where("u.username", "=", username)
    .executeTakeFirstOrThrow();
const staffMember = (await memberOf(meta.firstCentre.staff)).id;
const staffTask = await db
  .selectFrom("tasks")
  .select("id")
  .where("org_id", "=", org.id)
  .where("assignee_id", "=", staffMember)
  .where("status", "in", ["assigned", "in_progress", "submitted", "returned"])
  .orderBy("deadline_at", "desc")
  .executeTakeFirst();
const anyTask = await db.selectFrom("tasks").select("id").where("org_id", "=", org.id).where("assignee_id", "=", staffMember).orderBy("deadline_at", "desc").executeTakeFirstOrThrow();
const inspection = await db.selectFrom("inspections").select("id").where("org_id", "=", org.id).where("status", "=", "submitted").orderBy("inspected_at", "desc").executeTakeFirstOrThrow();
const roster = await db.selectFrom("rosters").select("id").where("org_id", "=", org.id).where("status", "=", "published").orderBy("start_date", "desc").executeTakeFirstOrThrow();
const taskCount = Number(
  (await db.selectFrom("tasks").select((eb) => eb.fn.countAll().as("n")).where("org_id", "=", org.id).executeTakeFirstOrThrow()).n,
);
if (engine === "sqlite") await db.destroy();

// ---- the server, compiled, with the event-loop probe ----
const port = args.port ? Number(args.port) : await freePort();
const base = `http://127.0.0.1:${port}`;
const probeOut = join(dir, "eld.jsonl");
const logPath = join(dir, "server.log");
Object.assign(env, {
  // Demo mode only for its clock (APP_CLOCK_START): the database is not empty, so nothing is seeded;
  // NODE_ENV=production, React's and Remix's production builds, as in production.
  APP_MODE: "demo",
  NODE_ENV: "production",
  PORT: String(port),
  APP_CLOCK_START: clockStart.toISOString(),
  BENCH_FLOOR: "1",
  FILES_DIR: join(dir, "files"),
  ELD_PROBE_OUT: probeOut,
});
// The server runs with the node flags `npm run serve` gives it (package.json), unless --node-flags.
const serveScript = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.serve ?? "";
const nodeFlags = (args["node-flags"] ?? serveScript.replace(/^node\s+/, "").replace(/\s*build\/node\/server\.js.*$/, "")).split(/\s+/).filter(Boolean);
console.log(`server: node ${[...nodeFlags, "build/node/server.js"].join(" ")}`);
const fd = openSync(logPath, "a");
const child = spawn(process.execPath, [...nodeFlags, "--import", "./scripts/lib/eld-probe.mjs", "build/node/server.js"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
closeSync(fd);
server.child = child;
alive = true;
const exited = new Promise<void>((resolve) =>
  child.once("exit", () => {
    alive = false;
    resolve();
  }),
);
await waitForHealthz(base, () => alive, logPath, 120_000);
// The scheduler runs every job at start-up, then every minute: wait for the start-up runs, so that
// the rows see the jobs only at their ordinary times.
const waitedFrom = performance.now();
for (;;) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const ran = new Set([...text.matchAll(/^roviec_job_runs_total\{[^}]*job="([^"]+)"/gm)].map((m) => m[1]));
  if (Object.keys(JOBS).every((j) => ran.has(j))) break;
  if (!alive || performance.now() - waitedFrom > 600_000) throw new Error("the jobs' start-up runs did not finish");
  await sleep(250);
}
console.log(`server up; the jobs' start-up runs finished ${((performance.now() - waitedFrom) / 1000).toFixed(1)} s after /healthz answered`);
const director = await signIn(base, meta.firstCentre.director, meta.password);
const staff = await signIn(base, meta.firstCentre.staff, meta.password);

// A report of last month, made through the app as a director makes one.
const prev = new Date(Date.UTC(Number(meta.today.slice(0, 4)), Number(meta.today.slice(5, 7)) - 2, 1));
const made = await fetch(`${base}/o/${slug}/reports/new`, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: director },
  body: new URLSearchParams({ kind: "month", year: String(prev.getUTCFullYear()), month: String(prev.getUTCMonth() + 1) }),
  redirect: "manual",
});
await made.arrayBuffer();
const reportPath = made.headers.get("location")?.split("?")[0];
if (made.status !== 303 || !reportPath?.startsWith(`/o/${slug}/reports/`)) throw new Error(`could not create a report: ${made.status}`);

// ---- the pages ----
const o = `/o/${slug}`;
const month = meta.today.slice(0, 7);
const year = meta.today.slice(0, 4);
const quarter = `${year}-Q${Math.floor((Number(meta.today.slice(5, 7)) - 1) / 3) + 1}`;
const lastPage = Math.ceil(taskCount / 25);
const deepPage = Math.min(50, lastPage);
type Who = "director" | "staff";
const cookies: Record<Who, string> = { director, staff };
const PAGES: { who: Who; label: string; path: string }[] = [
  { who: "director", label: "dashboard", path: o },
  { who: "director", label: "tasks: default (whole centre, open)", path: `${o}/tasks` },
  { who: "director", label: "tasks: filter overdue", path: `${o}/tasks?tab=all&overdue=1` },
  { who: "director", label: "tasks: search q=bao cao, any status", path: `${o}/tasks?tab=all&status=all&q=bao%20cao` },
  { who: "director", label: `tasks: any status, page ${deepPage}`, path: `${o}/tasks?tab=all&status=all&page=${deepPage}` },
  { who: "director", label: "tasks: whole centre, any status", path: `${o}/tasks?tab=all&status=all` },
  { who: "director", label: "task page", path: `${o}/tasks/${anyTask.id}` },
  { who: "director", label: "person view, month", path: `${o}/people/${staffMember}?period=${month}` },
  { who: "director", label: "person view, quarter", path: `${o}/people/${staffMember}?period=${quarter}` },
  { who: "director", label: "person view, year", path: `${o}/people/${staffMember}?period=${year}` },
  { who: "director", label: "evaluations", path: `${o}/evaluations` },
  { who: "director", label: "timesheet", path: `${o}/attendance/timesheet` },
  { who: "director", label: "rosters", path: `${o}/rosters` },
  { who: "director", label: "roster", path: `${o}/rosters/${roster.id}` },
  { who: "director", label: "calendar", path: `${o}/calendar` },
  { who: "director", label: "inspections", path: `${o}/inspections` },
  { who: "director", label: "inspection record", path: `${o}/inspections/${inspection.id}` },
  { who: "director", label: "reports", path: `${o}/reports` },
  { who: "director", label: "report", path: reportPath },
  { who: "director", label: "notifications", path: `${o}/notifications` },
  { who: "staff", label: "home", path: o },
  { who: "staff", label: "tasks: default (mine)", path: `${o}/tasks` },
  { who: "staff", label: "task page", path: `${o}/tasks/${(staffTask ?? anyTask).id}` },
  { who: "staff", label: "check-in (attendance)", path: `${o}/attendance` },
  { who: "staff", label: "person view (me), month", path: `${o}/me?period=${month}` },
  { who: "staff", label: "person view (me), year", path: `${o}/me?period=${year}` },
  { who: "staff", label: "evaluations", path: `${o}/evaluations` },
  { who: "staff", label: "rosters", path: `${o}/rosters` },
  { who: "staff", label: "calendar", path: `${o}/calendar` },
  { who: "staff", label: "notifications", path: `${o}/notifications` },
];
const ONLY = args.only?.split(",").map((x) => x.trim()).filter(Boolean);
if (ONLY) {
  const keep = PAGES.filter((p) => ONLY.some((x) => `${p.who}: ${p.label}`.includes(x)));
  if (keep.length === 0) throw new Error(`--only ${args.only}: no page matches`);
  PAGES.splice(0, PAGES.length, ...keep);
}
const floorPath = `${o}/bench-floor`;
for (const p of [...PAGES, { who: "director" as Who, label: "floor", path: floorPath }, { who: "staff" as Who, label: "floor", path: floorPath }]) {
  const res = await fetch(base + p.path, { headers: { Cookie: cookies[p.who] }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${p.who} ${p.label} (${p.path}): ${res.status}`);
}

// ---- measuring ----
const batch = (path: string, cookie: string, n: number, c: number, into: number[] | null) => batchOf(base, path, cookie, n, c, into);
interface Eld {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  rssMiB: number;
  /** The V8 heap (used, reserved) and memory held outside it by JavaScript objects (eld-probe.mjs). */
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
}
let probeLines = 0;
/** Closes the probe's window (SIGUSR2) and returns it. */
async function eldWindow(): Promise<Eld> {
  process.kill(child.pid!, "SIGUSR2");
  for (let i = 0; i < 200; i++) {
    const lines = existsSync(probeOut) ? readFileSync(probeOut, "utf8").trim().split("\n") : [];
    if (lines.length > probeLines) {
      probeLines = lines.length;
      return JSON.parse(lines.at(-1)!) as Eld;
    }
    await sleep(10);
  }
  throw new Error("the event-loop probe did not answer");
}
/** Seconds spent in each job so far (the server's /metrics, open to this machine). */
async function jobSeconds(): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new Map<string, number>();
  for (const [, job, v] of text.matchAll(/^roviec_job_duration_seconds_sum\{job="([^"]+)"\} (\S+)$/gm)) m.set(job!, Number(v));
  return m;
}
/** The jobs that ran between two readings, with their seconds ("reminders 0.4 s"). */
function jobsBetween(a: Map<string, number>, b: Map<string, number>): string {
  return [...b]
    .map(([job, v]) => [job, v - (a.get(job) ?? 0)] as const)
    .filter(([, d]) => d >= 0.05)
    .map(([job, d]) => `${job} ${d.toFixed(1)} s`)
    .join(", ");
}
interface Row {
  who: Who;
  label: string;
  path: string;
  c: number;
  page: { p50: number; p95: number; n: number; rps: number };
  floor: { p50: number; p95: number; n: number; rps: number };
  ratio: number;
  eld: Eld;
  /** Background jobs that ran while the row was measured (0.05 s or more). */
  jobs: string;
}
const rows: Row[] = [];
const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const load0 = loadavg();
const jobsAtStart = await jobSeconds();
const started = performance.now();
console.log(
  `\n${engine}: ${meta.centres} centres, ${taskCount.toLocaleString("en")} tasks in ${slug}; ${RUNS} requests a page and ${RUNS} of the floor per concurrency, interleaved; load average ${load0.map((x) => x.toFixed(2)).join(" ")}`,
);
for (const c of LEVELS) {
  // Batches small enough to alternate often, large enough to keep c requests in flight.
  const size = Math.max(5, 2 * c);
  console.log(`\nc=${c}  ${"page".padEnd(46)} ${"p50".padStart(6)} ${"p95".padStart(6)}  ${"floor p50".padStart(9)} ${"p95".padStart(6)}  ${"ratio".padStart(6)}  ${"req/s".padStart(6)}  event-loop delay p99/max ms`);
  for (const p of PAGES) {
    const cookie = cookies[p.who];
    await batch(p.path, cookie, size, c, null);
    await batch(floorPath, cookie, size, c, null);
    await eldWindow();
    const jobs0 = await jobSeconds();
    const page: number[] = [];
    const floor: number[] = [];
    let pageMs = 0;
    let floorMs = 0;
    while (page.length < RUNS) {
      const n = Math.min(size, RUNS - page.length);
      pageMs += await batch(p.path, cookie, n, c, page);
      floorMs += await batch(floorPath, cookie, n, c, floor);
    }
    const eld = await eldWindow();
    const jobs = jobsBetween(jobs0, await jobSeconds());
    const stat = (xs: number[], ms: number) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), n: xs.length, rps: (xs.length / ms) * 1000 });
    const row: Row = { ...p, c, page: stat(page, pageMs), floor: stat(floor, floorMs), ratio: 0, eld, jobs };
    row.ratio = row.page.p95 / row.floor.p95;
    rows.push(row);
    console.log(
      `      ${`${p.who}: ${p.label}`.padEnd(46)} ${f(row.page.p50).padStart(6)} ${f(row.page.p95).padStart(6)}  ${f(row.floor.p50).padStart(9)} ${f(row.floor.p95).padStart(6)}  ${`${row.ratio.toFixed(1)}×`.padStart(6)}  ${f(row.page.rps).padStart(6)}  ${f(eld.p99)} / ${f(eld.max)}${jobs ? `  (jobs ran: ${jobs})` : ""}`,
    );
  }
}
const load1 = loadavg();
const final = await eldWindow();
const jobsTotal = jobsBetween(jobsAtStart, await jobSeconds());
console.log(
  `\n${((performance.now() - started) / 1000).toFixed(0)} s; jobs over the whole run: ${jobsTotal || "none over 0.05 s"}; ` +
    `load average at the end ${load1.map((x) => x.toFixed(2)).join(" ")}; server RSS ${final.rssMiB} MiB ` +
    `(V8 heap ${final.heapUsedMiB} used of ${final.heapTotalMiB}, external ${final.externalMiB}, the rest native ${final.rssMiB - final.heapTotalMiB - final.externalMiB}; largest over the rows ${Math.max(...rows.map((r) => r.eld.rssMiB))} MiB). ` +
    "ratio = page p95 ÷ floor p95 (the floor measured in the same run, same user, same concurrency); req/s = the page's requests ÷ the time its batches took.",
);

child.kill("SIGTERM");
await exited;
if (pgDb) await pgDb.drop();
if (args.json) {
  writeFileSync(
    args.json,
    JSON.stringify({ engine, centres: meta.centres, today: meta.today, slug, tasks: taskCount, runs: RUNS, concurrency: LEVELS, loadavg: { start: load0, end: load1 }, rssMiB: final.rssMiB, memory: final, jobs: jobsTotal, rows }, null, 2),
  );
  console.log(`→ ${args.json}`);
}

/** Runs saved with --json, side by side: per concurrency, each run's page p95 and ratio to its floor. */
function printTable(files: string[]) {
  interface Saved {
    engine: string;
    loadavg: { start: number[]; end: number[] };
    rows: { who: string; label: string; c: number; page: { p95: number }; floor: { p95: number }; ratio: number; eld: { p99: number; max: number } }[];
  }
  const runs = files.map((f) => JSON.parse(readFileSync(f, "utf8")) as Saved);
  const n = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const median = (xs: number[]) => quantile(xs, 0.5);
  const levels = [...new Set(runs.flatMap((r) => r.rows.map((x) => x.c)))];
  for (const c of levels) {
    console.log(`\n**${c} concurrent user${c === 1 ? "" : "s"}** — p95 in ms, and ÷ the floor's p95 in the same run\n`);
    console.log(`| page | ${runs.map((r) => `${r.engine} p95 | ×floor`).join(" | ")} |`);
    console.log(`| --- | ${runs.map(() => "---: | ---:").join(" | ")} |`);
    const keys = [...new Set(runs.flatMap((r) => r.rows.filter((x) => x.c === c).map((x) => `${x.who}: ${x.label}`)))];
    for (const key of keys) {
      const cells = runs.map((r) => {
        const row = r.rows.find((x) => x.c === c && `${x.who}: ${x.label}` === key);
        return row ? `${n(row.page.p95)} | ${row.ratio.toFixed(1)}×` : "— | —";
      });
      console.log(`| ${key} | ${cells.join(" | ")} |`);
    }
    const floors = runs.map((r) => `${n(median(r.rows.filter((x) => x.c === c).map((x) => x.floor.p95)))} | 1×`);
    console.log(`| *floor (median of its p95 over the rows)* | ${floors.join(" | ")} |`);
    const over = runs.map((r) => `${r.rows.filter((x) => x.c === c && x.ratio > 3).length} of ${r.rows.filter((x) => x.c === c).length}`);
    console.log(`| *pages over 3× the floor* | ${over.map((o) => `| ${o}`).join(" | ")} |`);
    const eld = runs.map((r) => {
      const xs = r.rows.filter((x) => x.c === c);
      return `| p99 ${n(median(xs.map((x) => x.eld.p99)))} ms (median), max ${n(Math.max(...xs.map((x) => x.eld.max)))} ms`;
    });
    console.log(`| *event-loop delay over the rows* | ${eld.join(" | ")} |`);
  }
  console.log(`\nload average (1/5/15 min) at start → end: ${runs.map((r) => `${r.engine} ${r.loadavg.start.map((x) => x.toFixed(1)).join("/")} → ${r.loadavg.end.map((x) => x.toFixed(1)).join("/")}`).join("; ")}`);
}
