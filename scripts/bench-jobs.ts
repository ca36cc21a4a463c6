// Background jobs against requests, at scale: starts the real server (node --import tsx
// server/index.ts, production build) on a copy of a generated database (npm run scale:generate)
// with its clock at 06:59 on the day the data ends before, so the scheduler's second tick is the
// first run of the day at 07:00 and the following ticks the ordinary runs, every minute as in
// production. Meanwhile this process — a second one — asks for /healthz and one page (a staff
// member's check-in page) in a loop and times each answer; the server process carries a probe
// (scripts/lib/job-probe.ts) that times every job run, counts its SQL statements and records the
// event-loop delay (perf_hooks.monitorEventLoopDelay) while it runs and over the whole window.
//
// Usage: npm run build && npm run bench:jobs -- --db data/scale-330.db [--minutes 4] [--json out.json] [--in-place] [--port N]
//   --minutes   how many minutes after 07:00 to keep measuring (default 4: the first run and three more)
//   --in-place  run on the file itself instead of a copy (no second 40 GB at national scale); the
//               file is then modified: the jobs' reminders, digests and retention write into it, so
//               a second run starts from a different day's state (generate again to repeat)
//   --port      the server's port (default: a free one)
// It also counts what retention prunes (notifications, outbox rows, sessions) before and after.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { migrations } from "../migrations/index";
import { freePort, requireBuild, ROOT, signIn, waitForHealthz } from "./lib/http";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    minutes: { type: "string", default: "4" },
    json: { type: "string" },
    "in-place": { type: "boolean", default: false },
    label: { type: "string", default: "" },
    port: { type: "string" },
  },
});
if (!args.db || !existsSync(args.db)) {
  console.error("Usage: npm run bench:jobs -- --db <generated database> [--minutes 4] [--json file] [--in-place]");
  process.exit(2);
}
requireBuild();
const meta = JSON.parse(readFileSync(`${args.db}.json`, "utf8")) as { centres: number; today: string; password: string; firstCentre: { slug: string; staff: string } };
const MINUTES = Number(args.minutes);

// ---- the database: a copy, with only the migrations this tree knows ----
const dbPath = args["in-place"] ? args.db : args.db.replace(/\.db$/, "") + ".bench.db";
if (!args["in-place"]) {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  const t = performance.now();
  copyFileSync(args.db, dbPath);
  console.log(`copied ${args.db} → ${dbPath} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
{
  // A tree from before a migration (to measure the code as it was) would refuse a database that
  // ran one it does not know: forget those in the copy; their tables and indexes stay, unused.
  const sqlite = new Database(dbPath);
  const known = new Set(Object.keys(migrations));
  const ran = (sqlite.prepare("select name from kysely_migration").all() as { name: string }[]).map((r) => r.name);
  const unknown = ran.filter((n) => !known.has(n));
  for (const n of unknown) sqlite.prepare("delete from kysely_migration where name = ?").run(n);
  if (unknown.length) console.log(`this tree does not know migration(s) ${unknown.join(", ")}: forgotten in the copy`);
  sqlite.close();
}

// ---- what retention prunes: counted before the server starts and after it stops ----
type Counts = Record<"notifications" | "notificationsRead" | "outbox" | "sessions", number>;
function countRows(): Counts {
  const sqlite = new Database(dbPath, { readonly: true });
  const n = (q: string) => Number((sqlite.prepare(q).get() as { n: number }).n);
  const c = {
    notifications: n("select count(*) as n from notifications"),
    notificationsRead: n("select count(*) as n from notifications where read_at is not null"),
    outbox: n("select count(*) as n from outbox"),
    sessions: n("select count(*) as n from sessions"),
  };
  sqlite.close();
  return c;
}
const countsBefore = countRows();

// ---- the server, with the probe ----
const port = args.port ? Number(args.port) : await freePort();
const base = `http://127.0.0.1:${port}`;
const probeOut = join(ROOT, `.bench-jobs-${process.pid}.jsonl`);
const logPath = join(ROOT, `.bench-jobs-${process.pid}.log`);
rmSync(probeOut, { force: true });
// 06:59:00 in Vietnam on the first day without data.
const clockStart = new Date(`${meta.today}T06:59:00+07:00`);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  DATABASE_URL: dbPath,
  APP_CLOCK_START: clockStart.toISOString(),
  JOB_PROBE_OUT: probeOut,
};
for (const k of ["APP_MODE", "APP_ORIGIN", "TRUST_PROXY", "FILES_DIR", "INSECURE_COOKIES", "MOCKS"]) delete env[k];
const fd = openSync(logPath, "a");
const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/lib/job-probe.ts", "server/index.ts"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
closeSync(fd);
let alive = true;
const exited = new Promise<void>((resolve) =>
  child.once("exit", () => {
    alive = false;
    resolve();
  }),
);
process.on("exit", () => {
  if (alive && child.pid) {
    try {
      process.kill(child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bootedAt = Date.now();

await waitForHealthz(base, () => alive, logPath, 300_000);
console.log(`server up in ${((Date.now() - bootedAt) / 1000).toFixed(1)} s on ${meta.centres} centres (${dbPath}); clock from ${clockStart.toISOString()}`);
const cookie = await signIn(base, meta.firstCentre.staff, meta.password);
const pagePath = `/o/${meta.firstCentre.slug}/attendance`;
process.kill(child.pid!, "SIGUSR2");
const windowStart = Date.now();

// ---- the second process's view: each answer's time ----
interface Sample {
  at: number;
  ms: number;
  status: number;
}
const healthz: Sample[] = [];
const page: Sample[] = [];
let measuring = true;
async function loop(into: Sample[], path: string, headers: Record<string, string>, pauseMs: number) {
  while (measuring) {
    const at = Date.now();
    const t = performance.now();
    let status = 0;
    try {
      const res = await fetch(base + path, { headers, signal: AbortSignal.timeout(180_000) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = -1;
    }
    into.push({ at, ms: performance.now() - t, status });
    await sleep(pauseMs);
  }
}
const loops = [loop(healthz, "/healthz", {}, 50), loop(page, pagePath, { Cookie: cookie }, 200)];

// Until `MINUTES` minutes of the server's clock past 07:00 (its clock runs with real time).
const endAt = bootedAt + (Date.parse(`${meta.today}T07:00:00+07:00`) - clockStart.getTime()) + MINUTES * 60_000 + 15_000;
while (Date.now() < endAt && alive) {
  await sleep(1000);
  process.stdout.write(`\r${Math.round((endAt - Date.now()) / 1000)} s left   `);
}
process.stdout.write("\n");
measuring = false;
await Promise.all(loops);
process.kill(child.pid!, "SIGTERM");
await exited;

// ---- report ----
interface JobRecord {
  type: "job";
  name: string;
  clock: string;
  at: number;
  wallMs: number;
  statements: number;
  result: number | string;
  eld: { p50: number; p99: number; max: number; mean: number };
}
const records = readFileSync(probeOut, "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const jobs = records.filter((r) => r.type === "job") as unknown as JobRecord[];
type Eld = { p50: number; p99: number; max: number; samples: number };
const window = records.find((r) => r.type === "window") as { eld: Eld & { mean: number }; whileJobs: Eld; noJobs: Eld; rssMiB: number } | undefined;
rmSync(probeOut, { force: true });

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const f = (n: number) => (Number.isNaN(n) ? "—" : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const latency = (xs: Sample[]) => ({ n: xs.length, p50: pct(xs.map((x) => x.ms), 0.5), p95: pct(xs.map((x) => x.ms), 0.95), p99: pct(xs.map((x) => x.ms), 0.99), max: Math.max(...xs.map((x) => x.ms)), errors: xs.filter((x) => x.status !== 200).length });
const vnTime = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(11, 19);

console.log(`\nJob runs (server clock, Vietnam time) — ${args.label || ROOT}`);
console.log(`${"clock".padEnd(9)} ${"job".padEnd(16)} ${"wall ms".padStart(8)} ${"statements".padStart(11)} ${"result".padStart(7)}   event-loop delay during the run: p50 / p99 / max ms`);
for (const j of jobs) {
  console.log(`${vnTime(j.clock).padEnd(9)} ${j.name.padEnd(16)} ${String(j.wallMs).padStart(8)} ${String(j.statements).padStart(11)} ${String(j.result).padStart(7)}   ${f(j.eld.p50)} / ${f(j.eld.p99)} / ${f(j.eld.max)}`);
}
const seven = Date.parse(`${meta.today}T07:00:00+07:00`);
const reminders = jobs.filter((j) => j.name === "reminders" && Date.parse(j.clock) >= seven);
const first = reminders[0];
const later = reminders.slice(1);
const during = (xs: Sample[], j: JobRecord | undefined) => (j ? xs.filter((x) => x.at + x.ms >= j.at - j.wallMs && x.at <= j.at) : []);
const hz = latency(healthz);
const pg = latency(page);
const hzFirst = latency(during(healthz, first));
const pgFirst = latency(during(page, first));
console.log(`\nevent-loop delay over the measured window (${((Date.now() - windowStart) / 1000).toFixed(0)} s): p50 ${f(window?.eld.p50 ?? NaN)} ms, p99 ${f(window?.eld.p99 ?? NaN)} ms, max ${f(window?.eld.max ?? NaN)} ms; server RSS at exit ${window?.rssMiB ?? "?"} MiB`);
if (window) {
  console.log(`  while a job was running (${window.whileJobs.samples} ticks of 10 ms): p50 ${f(window.whileJobs.p50)}, p99 ${f(window.whileJobs.p99)}, max ${f(window.whileJobs.max)} ms`);
  console.log(`  while none was (${window.noJobs.samples} ticks):          p50 ${f(window.noJobs.p50)}, p99 ${f(window.noJobs.p99)}, max ${f(window.noJobs.max)} ms`);
}
if (first) console.log(`first reminders run of the day: ${first.wallMs} ms, ${first.statements} statements, ${first.result} created; event-loop delay p99 ${f(first.eld.p99)} ms, max ${f(first.eld.max)} ms`);
if (later.length) {
  const avg = (k: "wallMs" | "statements") => Math.round(later.reduce((s, j) => s + j[k], 0) / later.length);
  console.log(`later reminders runs (${later.length}): ${avg("wallMs")} ms, ${avg("statements")} statements on average; event-loop delay p99 up to ${f(Math.max(...later.map((j) => j.eld.p99)))} ms, max ${f(Math.max(...later.map((j) => j.eld.max)))} ms`);
}
const line = (label: string, l: ReturnType<typeof latency>) =>
  console.log(`${label.padEnd(44)} n=${String(l.n).padStart(5)}  p50 ${f(l.p50).padStart(6)}  p95 ${f(l.p95).padStart(6)}  p99 ${f(l.p99).padStart(6)}  max ${f(l.max).padStart(7)} ms${l.errors ? `  (${l.errors} not 200)` : ""}`);
line("/healthz, whole window", hz);
line("/healthz, during the first reminders run", hzFirst);
line(`${pagePath}, whole window`, pg);
line(`${pagePath}, during the first reminders run`, pgFirst);

const countsAfter = countRows();
const retentionRuns = jobs.filter((j) => j.name === "retention");
const pruned = retentionRuns.reduce((n, j) => n + (typeof j.result === "number" ? j.result : 0), 0);
console.log(
  `\nretention: ${retentionRuns.length} runs deleted ${pruned} rows (longest run ${Math.max(0, ...retentionRuns.map((j) => j.wallMs))} ms, ` +
    `event-loop delay p99 up to ${f(Math.max(0, ...retentionRuns.map((j) => j.eld.p99)))} ms)`,
);
for (const k of Object.keys(countsBefore) as (keyof Counts)[]) {
  console.log(`  ${k.padEnd(18)} ${String(countsBefore[k]).padStart(10)} → ${String(countsAfter[k]).padStart(10)}`);
}

if (args.json) {
  writeFileSync(args.json, JSON.stringify({ label: args.label, centres: meta.centres, jobs, window, healthz: hz, page: pg, healthzFirstRun: hzFirst, pageFirstRun: pgFirst, countsBefore, countsAfter }, null, 2));
}
rmSync(logPath, { force: true });
if (!args["in-place"]) for (const f2 of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f2, { force: true });
