// What reusing compiled SQLite statements saves (db/client.ts, issue 17): the staff home page's and
// the director dashboard's reads on the demo data, run in-process with the statement cache on and
// off, interleaved in rounds so that machine load falls on both alike. Prints the median time per
// call and the share saved.
// Usage: npm run bench:statements [-- --rounds 15 --calls 40]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openSqlite } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../demo/seed/index";
import { centreDashboard, staffDashboard } from "../app/modules/people/dashboard.server";
import type { DB } from "../db/schema";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "15" }, calls: { type: "string", default: "40" } } });
const ROUNDS = Number(values.rounds);
const CALLS = Number(values.calls);
const NOW = new Date("2026-03-10T01:00:00Z");

const dir = mkdtempSync(join(tmpdir(), "roviec-stmt-"));
const file = join(dir, "bench.db");
{
  const { db } = openSqlite(file);
  await migrateToLatest(db);
  await seedDemoIfEmpty(db, NOW);
  await db.destroy();
}

const cached = openSqlite(file).db;
const uncached = openSqlite(file, { statementCache: 0 }).db;

const ids = await cached
  .selectFrom("memberships as m")
  .innerJoin("users as u", "u.id", "m.user_id")
  .select(["m.id", "m.org_id", "u.username"])
  .where("u.username", "in", ["tuky.giamdoc", "tuky.canbo01"])
  .execute();
const director = ids.find((r) => r.username === "tuky.giamdoc")!;
const clerk = ids.find((r) => r.username === "tuky.canbo01")!;

const workloads: [string, (db: DB) => Promise<unknown>][] = [
  ["director dashboard", (db) => centreDashboard(db, director.org_id, director.id, NOW)],
  ["staff home", (db) => staffDashboard(db, clerk.org_id, clerk.id, NOW)],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timePerCall(db: DB, run: (db: DB) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await run(db);
  return Number(process.hrtime.bigint() - start) / 1e6 / CALLS;
}

console.log(`statement cache: ${ROUNDS} rounds × ${CALLS} calls each way, interleaved`);
console.log("workload              with cache  without   saved");
for (const [name, run] of workloads) {
  await timePerCall(cached, run); // warm both
  await timePerCall(uncached, run);
  const on: number[] = [];
  const off: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    on.push(await timePerCall(cached, run));
    off.push(await timePerCall(uncached, run));
  }
  const a = median(on);
  const b = median(off);
  console.log(`${name.padEnd(20)} ${a.toFixed(2).padStart(9)} ms ${b.toFixed(2).padStart(7)} ms ${(((b - a) / b) * 100).toFixed(1).padStart(6)} %`);
}

await cached.destroy();
await uncached.destroy();
rmSync(dir, { recursive: true, force: true });
