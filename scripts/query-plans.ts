// Every query a page or a job runs, with SQLite's plan for it (issue 17: "cost grows with the
// centre, never with the country"). Crawls the pages of one centre as its director, an inspector
// and a staff member (every same-centre link, GET only, a few per route shape), runs every
// scheduled job once, records each distinct SQL text with the first parameters it ran with, and asks
// SQLite for its plan (EXPLAIN QUERY PLAN, on the same data and statistics).
//
// A page's statement fails the check when it reads a table that grows with the country without
// an index that bounds it to something of one centre: a SCAN of the table (or of a whole index),
// or a SEARCH whose constraint names no id or org_id. A job's statements may read across centres
// by design (one set-based read per chunk): they are listed, not failed.
//
// Usage: npm run build && npm run check:plans [-- --db data/scale-20.db] [--centres 2] [--as-centres 3300] [--verbose]
//   without --db: generates --centres centres (default 2) into a temporary file first;
//   --as-centres: the planner's statistics are scaled to that many centres (see below).
//   exit 1 when a page's statement fails the check.
import type { ServerBuild } from "@remix-run/node";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { localFileStore } from "../app/modules/files/store.server";
import { openSqlite } from "../db/client";
import { createApp } from "../server/app";
import { JOBS } from "../server/jobs";
import { requireBuild, ROOT, signIn } from "./lib/http";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    centres: { type: "string", default: "2" },
    "as-centres": { type: "string", default: "3300" },
    verbose: { type: "boolean", default: false },
  },
});
requireBuild();

const dir = mkdtempSync(join(tmpdir(), "roviec-plans-"));
const dbPath = join(dir, "plans.db");
if (args.db) {
  copyFileSync(args.db, dbPath);
  copyFileSync(`${args.db}.json`, `${dbPath}.json`);
} else {
  console.log(`generating ${args.centres} centres…`);
  execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/scale-generate.ts"), "--centres", args.centres!, "--out", dbPath], { stdio: "ignore" });
}
const meta = JSON.parse(readFileSync(`${dbPath}.json`, "utf8")) as { centres: number; today: string; firstCentre: { slug: string } };
const slug = meta.firstCentre.slug;
const user = (role: string) => `c0001.${role}`;
// 10:00 in Vietnam on the data's last day, a Monday: every page has something to show.
const NOW = new Date(`${meta.today}T03:00:00Z`);

type Origin = "page" | "job";
interface Seen {
  sql: string;
  parameters: readonly unknown[];
  origins: Set<string>;
  kind: Origin;
}
const seen = new Map<string, Seen>();
let current: { kind: Origin; label: string } = { kind: "page", label: "sign-in" };
const record = (sql: string, parameters: readonly unknown[]) => {
  if (!/^\s*(select|insert|update|delete|with)\b/i.test(sql)) return;
  const s = seen.get(sql);
  if (s) {
    s.origins.add(current.label);
    if (current.kind === "page") s.kind = "page";
  } else seen.set(sql, { sql, parameters, origins: new Set([current.label]), kind: current.kind });
};

const { db, sqlite } = openSqlite(dbPath, { log: record });
const build = (await import(pathToFileURL(join(ROOT, "build/server/index.js")).href)) as ServerBuild;
const app = createApp({ db, build, now: () => NOW, config: { production: false, secureCookies: false }, files: localFileStore(join(dir, "files")), log: () => {} });
const server = app.listen(0);
await new Promise((r) => server.once("listening", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// ---- the pages: every same-centre link, a few per route shape ----
const PER_SHAPE = 3;
const MAX_PAGES = 250;
const shapeOf = (path: string) => {
  const u = new URL(path, base);
  const shape = u.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id").replace(/\d{4}(-\d{2})?/g, ":n");
  return `${shape}?${[...u.searchParams.keys()].sort().join("&")}`;
};
let pages = 0;
for (const role of ["giamdoc", "kiemtra", "canbo01"]) {
  const cookie = await signIn(base, user(role));
  const queue = [`/o/${slug}`, `/o/${slug}/tasks?tab=all&status=all&page=3`, `/o/${slug}/tasks?tab=all&q=ho%20tich`];
  const visited = new Set<string>();
  const perShape = new Map<string, number>();
  while (queue.length && visited.size < MAX_PAGES) {
    const path = queue.shift()!;
    if (visited.has(path)) continue;
    const shape = shapeOf(path);
    if ((perShape.get(shape) ?? 0) >= PER_SHAPE) continue;
    perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
    visited.add(path);
    current = { kind: "page", label: `${role} ${shape}` };
    const res = await fetch(base + path, { headers: { Cookie: cookie }, redirect: "manual" });
    const type = res.headers.get("content-type") ?? "";
    const body = type.includes("text/html") ? await res.text() : (await res.arrayBuffer(), "");
    pages++;
    if (res.status >= 500) console.log(`  ${res.status} ${path}`);
    for (const m of body.matchAll(/href="(\/o\/[^"#]*)"/g)) {
      const link = m[1]!.replaceAll("&amp;", "&");
      if (link.startsWith(`/o/${slug}`) && !/\/logout|\/files\/|\/photos\//.test(link) && !visited.has(link)) queue.push(link);
    }
  }
}

// ---- the jobs, once each, as the scheduler runs them at 07:00 of a new day ----
const jobAt = new Date(`${meta.today}T00:00:30Z`);
// (not the outbox: it would send the generated messages out; its statements are by id and status)
for (const [name, job] of Object.entries(JOBS).filter(([n]) => n !== "outbox")) {
  current = { kind: "job", label: `job ${name}` };
  await job(db, jobAt, { publicUrl: base, telegramApiBase: "https://api.telegram.org", production: false, outboundAllowPrivate: false });
}
server.closeAllConnections();
server.close();

// ---- the plans, as the planner would make them for the whole country ----
// The generated centres are alike: the country is them many times over. The planner's statistics
// (sqlite_stat1: rows, then rows per distinct key of each index prefix) are scaled to match —
// a table's rows times the factor, rows per key unchanged except for keys that name no centre's
// own record — so that a table small here is not scanned because it is small here.
const factor = Math.max(1, Math.round(Number(args["as-centres"]) / meta.centres));
sqlite.exec("analyze");
const stats = sqlite.prepare("select tbl, idx, stat from sqlite_stat1").all() as { tbl: string; idx: string | null; stat: string }[];
const update = sqlite.prepare("update sqlite_stat1 set stat = ? where tbl = ? and idx is ?");
for (const { tbl, idx, stat } of stats) {
  const [rows, ...perKey] = stat.split(" ");
  const columns = idx ? (sqlite.prepare("select name from pragma_index_info(?) order by seqno").all(idx) as { name: string | null }[]).map((c) => c.name ?? "") : [];
  // A prefix that names an id (org_id, task_id, id…) keeps its rows per key; others (a status, a
  // date) have the country's rows behind each key.
  const scaled = perKey.map((n, i) => (/^\d+$/.test(n) && !columns.slice(0, i + 1).some((c) => /(^|_)id$/.test(c)) ? String(Number(n) * factor) : n));
  update.run([String(Number(rows) * factor), ...scaled].join(" "), tbl, idx);
}
sqlite.exec("analyze sqlite_schema");
const countryTables = new Set(
  (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as { name: string }[])
    .map((t) => t.name)
    // Tables that stay small whatever the country: one row per job, per migration.
    .filter((t) => !["job_runs"].includes(t)),
);
const aliasesOf = (text: string) => {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/(?:from|join|update|into)\s+"(\w+)"(?:\s+as\s+"(\w+)")?/gi)) map.set(m[2] ?? m[1]!, m[1]!);
  return map;
};
/** `USING INDEX x (a=? AND b=?)` where x is a unique index on exactly those columns: one row. */
const wholeUniqueKey = (rest: string) => {
  const m = /USING (?:COVERING )?INDEX (\w+) \(([^)]*)\)/.exec(rest);
  if (!m) return false;
  const index = sqlite.prepare("select \"unique\" as u from pragma_index_list((select tbl_name from sqlite_master where name = ?)) where name = ?").get(m[1], m[1]) as { u: number } | undefined;
  const columns = (sqlite.prepare("select count(*) as n from pragma_index_info(?)").get(m[1]) as { n: number }).n;
  return index?.u === 1 && m[2]!.split(" AND ").filter((c) => /=\?$/.test(c)).length === columns;
};
const verdict = (s: Seen) => {
  const plan = sqlite.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])) as { detail: string }[];
  const aliases = aliasesOf(s.sql);
  // Subqueries in FROM read as `SCAN x` once computed: their own reads are checked on their lines.
  const subqueries = new Set(plan.flatMap(({ detail }) => /^(?:CO-ROUTINE|MATERIALIZE) (\w+)/.exec(detail)?.[1] ?? []));
  const problems: string[] = [];
  for (const { detail } of plan) {
    const m = /^(SCAN|SEARCH) (\w+)(.*)$/.exec(detail);
    if (!m || subqueries.has(m[2]!)) continue;
    const table = aliases.get(m[2]!) ?? m[2]!;
    if (!countryTables.has(table)) continue; // a CTE, a subquery, json_each, a small table
    if (m[1] === "SCAN") problems.push(detail);
    else if (!/\(.*\b(\w*id|rowid)\s*[=>]/.test(m[3]!) && !wholeUniqueKey(m[3]!)) problems.push(detail);
  }
  return { plan: plan.map((p) => p.detail), problems };
};

let failed = 0;
const jobReads: string[] = [];
const rows = [...seen.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "page" ? -1 : 1));
for (const s of rows) {
  const v = verdict(s);
  const where = [...s.origins].slice(0, 3).join("; ") + (s.origins.size > 3 ? `; +${s.origins.size - 3}` : "");
  if (v.problems.length && s.kind === "page") {
    failed++;
    console.log(`\nFAIL ${where}\n  ${s.sql.slice(0, 400)}\n  ${v.plan.join("\n  ")}`);
  } else if (v.problems.length) jobReads.push(`${where}: ${v.problems.join(" | ")}\n    ${s.sql.slice(0, 240)}`);
  else if (args.verbose) console.log(`\nok   ${where}\n  ${s.sql.slice(0, 200)}\n  ${v.plan.join("\n  ")}`);
}
const pageCount = rows.filter((s) => s.kind === "page").length;
console.log(`\n${pages} pages crawled as 3 roles; ${pageCount} distinct statements from pages, ${rows.length - pageCount} from jobs only.`);
console.log(`Jobs reading across centres (by design, in bounded chunks — docs/decisions/0029):\n  ${jobReads.join("\n  ") || "none"}`);
console.log(failed ? `${failed} page statement(s) read beyond one centre.` : "Every page statement is bounded by an index to one centre or one record.");
await db.destroy();
rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
