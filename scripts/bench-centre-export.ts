// One big centre's archive (docs/decisions/0045): time, archive size, peak RSS and the longest stall
// of a 2 ms timer (what another request would wait). The big centre is made from generated data:
// scripts/scale-generate.ts writes --centres centres of about twenty staff with a year of records
// each; their rows are then moved into the first centre (rows that would break a unique key, such
// as a second calendar for the same day, stay where they were), and --files stored files of
// --file-kib KiB each are attached to its tasks. The export goes to a file through the service the
// route and the CLI use.
//
// Usage: npm run bench:export-centre [-- --centres 30 --files 1000 --file-kib 200 --keep]
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { exportCentreArchive } from "../app/modules/exports/centre-archive.server";
import { localFileStore, storageKey } from "../app/modules/files/store.server";
import { openSqlite } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { withTenant } from "../db/tenant";

const { values } = parseArgs({
  options: {
    centres: { type: "string", default: "30" },
    files: { type: "string", default: "1000" },
    "file-kib": { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
  },
});
const centres = Number(values.centres);
const fileCount = Number(values.files);
const fileKib = Number(values["file-kib"]);
const dir = "data/bench-centre-export";
const dbPath = `${dir}/big-${centres}.db`;
const filesDir = `${dir}/files`;
mkdirSync(dir, { recursive: true });

if (!existsSync(dbPath) || !values.keep) {
  console.log(`Generating ${centres} centres (scripts/scale-generate.ts)…`);
  execFileSync(process.execPath, ["--import", "tsx", "scripts/scale-generate.ts", "--centres", String(centres), "--out", dbPath, "--force"], { stdio: ["ignore", "ignore", "inherit"] });
  const { sqlite } = openSqlite(dbPath);
  sqlite.pragma("foreign_keys = OFF");
  const big = (sqlite.prepare("select id from organizations order by slug limit 1").get() as { id: string }).id;
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => (sqlite.prepare(`select name from pragma_table_info(?)`).all(t) as { name: string }[]).some((c) => c.name === "org_id"));
  for (const t of tables) sqlite.prepare(`update or ignore "${t}" set org_id = ? where org_id <> ?`).run(big, big);
  // Stored files on the tasks of the big centre, as uploads would leave them.
  rmSync(filesDir, { recursive: true, force: true });
  const store = localFileStore(filesDir);
  const tasks = sqlite.prepare("select id, assigner_id from tasks where org_id = ? limit ?").all(big, fileCount) as { id: string; assigner_id: string }[];
  const insert = sqlite.prepare(
    "insert into attachments (id, org_id, task_id, submission_id, file_name, content_type, size, storage_key, uploaded_by, created_at) values (?, ?, ?, null, ?, 'application/pdf', ?, ?, ?, ?)",
  );
  for (let i = 0; i < fileCount; i++) {
    const id = randomUUID();
    const t = tasks[i % tasks.length]!;
    const bytes = randomBytes(fileKib * 1024);
    await store.put(big, storageKey(big, id), bytes, { contentType: "application/pdf" });
    insert.run(id, big, t.id, `Báo cáo kết quả số ${i + 1}.pdf`, bytes.length, storageKey(big, id), t.assigner_id, new Date().toISOString());
  }
  sqlite.close();
}

const { db, sqlite } = openSqlite(dbPath);
await migrateToLatest(db); // a kept database made before the latest migration
const org = sqlite.prepare("select id, slug, name from organizations order by slug limit 1").get() as { id: string; slug: string; name: string };
const counts = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
  .filter((t) => (sqlite.prepare(`select name from pragma_table_info(?)`).all(t.name) as { name: string }[]).some((c) => c.name === "org_id"))
  .map((t) => (sqlite.prepare(`select count(*) as n from "${t.name}" where org_id = ?`).get(org.id) as { n: number }).n)
  .reduce((a, b) => a + b, 0);
const out = `${dir}/${org.slug}.zip`;
rmSync(out, { force: true });

let peak = process.memoryUsage().rss;
let longest = 0;
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
  peak = Math.max(peak, process.memoryUsage().rss);
}, 2);
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const summary = await withTenant(org.id, () => exportCentreArchive(db, localFileStore(filesDir), org, createWriteStream(out), { now: new Date() }));
const ms = performance.now() - t0;
clearInterval(timer);
const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
console.log(`centre ${org.slug}: ${counts.toLocaleString("en")} rows in its tables, ${rows.toLocaleString("en")} rows written, ${summary.files} files of ${fileKib} KiB`);
console.log(
  `export: ${(ms / 1000).toFixed(1)} s, archive ${mib(summary.bytes)}, RSS before ${mib(rssBefore)}, peak RSS ${mib(peak)} ` +
    `(max RSS of the process ${mib(process.resourceUsage().maxRSS * 1024)}), longest event-loop stall ${Math.round(longest)} ms; load average ${loadavg()[0]!.toFixed(1)}`,
);
await db.destroy();
