// Generates a national-scale database for measurements: the real schema (the app's migrations), then
// N centres of about twenty staff with a year of records each (scripts/lib/scale.ts), written with
// multi-row prepared INSERTs in large transactions (db/bulk.ts: indexes and CHECK triggers built at
// the end). Prints rows per second and the load average as it goes and a table of row counts at the
// end; writes `<out>.json` beside the file with what the benchmarks need (the day the data ends
// before, the sign-in password, the centres).
//
// Usage: npm run scale:generate -- --centres 330 [--out data/scale-330.db] [--today 2026-03-16] [--force]
//   --today   the first day without data: the data covers the 365 days before it; tasks due on it
//             and after are open, and the jobs' first run of that day has its reminders to create.
//   --batch   centres per transaction (default 10)
import { existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { hashPassword } from "../app/modules/auth/password.server";
import { openBulkWriter } from "../db/bulk";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { buildScaleCalendar, centreSlug, generateCentre, usernameOf } from "./lib/scale";

export const SCALE_PASSWORD = "RoViec@2026";

const { values } = parseArgs({
  options: {
    centres: { type: "string" },
    out: { type: "string" },
    today: { type: "string", default: "2026-03-16" },
    batch: { type: "string", default: "10" },
    force: { type: "boolean", default: false },
  },
});
const centres = Number(values.centres);
if (!Number.isInteger(centres) || centres < 1) {
  console.error("Usage: npm run scale:generate -- --centres N [--out file] [--today YYYY-MM-DD] [--force]");
  process.exit(2);
}
const today = values.today!;
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  console.error("--today: YYYY-MM-DD");
  process.exit(2);
}
const out = values.out ?? `data/scale-${centres}.db`;
const batch = Math.max(1, Number(values.batch));
if (existsSync(out)) {
  if (!values.force) {
    console.error(`${out} exists: pass --force to replace it.`);
    process.exit(2);
  }
}
for (const f of [out, `${out}-wal`, `${out}-shm`, `${out}-journal`]) rmSync(f, { force: true });

const t0 = performance.now();
const cpu0 = process.cpuUsage();
{
  const { db } = openDatabase(out);
  await migrateToLatest(db);
  await db.destroy();
}
const passwordHash = await hashPassword(SCALE_PASSWORD);
const cal = buildScaleCalendar(today);
const w = openBulkWriter(out);
// Rows are dated by what happened; the setup rows (centres, members) a year and a month before.
const env = { cal, w, passwordHash, setupAt: new Date(cal.startMs[cal.firstIdx - 30]!).toISOString() };

const started = performance.now();
let lastReport = started;
for (let n = 1; n <= centres; n += batch) {
  w.begin();
  for (let k = n; k < Math.min(n + batch, centres + 1); k++) generateCentre(env, k);
  w.commit();
  const now = performance.now();
  const done = Math.min(n + batch - 1, centres);
  if (now - lastReport > 10_000 || done === centres) {
    lastReport = now;
    const s = (now - started) / 1000;
    console.log(`${String(done).padStart(5)} / ${centres} centres   ${w.total().toLocaleString("en")} rows   ${Math.round(w.total() / s).toLocaleString("en")} rows/s   ${s.toFixed(0)} s   load average ${loadavg()[0]!.toFixed(1)}`);
  }
}
const loaded = performance.now();
w.finish((line) => console.log(`  ${line}`), 1);
const end = performance.now();

const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const rows = w.total();
const loadSeconds = (loaded - started) / 1000;
const size = statSync(out).size;
console.log("\nrows per table:");
for (const [table, n] of [...w.counts].sort((a, b) => b[1] - a[1])) console.log(`  ${table.padEnd(30)} ${n.toLocaleString("en").padStart(14)}`);
console.log(
  `\n${centres} centres, ${rows.toLocaleString("en")} rows in ${loadSeconds.toFixed(1)} s (${Math.round(rows / loadSeconds).toLocaleString("en")} rows/s); ` +
    `migrations ${((started - t0) / 1000).toFixed(1)} s, statistics and WAL ${((end - loaded) / 1000).toFixed(1)} s; total ${((end - t0) / 1000).toFixed(1)} s; ` +
    `${(size / 2 ** 20).toFixed(0)} MiB → ${out}\n` +
    `CPU time of this process ${cpuSeconds.toFixed(1)} s (${Math.round(rows / cpuSeconds).toLocaleString("en")} rows per CPU second; wall time is longer when other work shares the cores); load average at the end ${loadavg().map((l) => l.toFixed(1)).join(" ")}`,
);
writeFileSync(
  `${out}.json`,
  JSON.stringify(
    {
      centres,
      today,
      password: SCALE_PASSWORD,
      firstCentre: { slug: centreSlug(1), director: usernameOf(1, "giamdoc"), staff: usernameOf(1, "canbo01") },
      rows,
      tables: Object.fromEntries(w.counts),
      seconds: { load: loadSeconds, total: (end - t0) / 1000, cpu: cpuSeconds },
      bytes: size,
    },
    null,
    2,
  ),
);
