// Backup and restore times on the demo data (docs/decisions/0032-backups.md): a fresh database
// seeded with the demo centres, backed up and restored with the CLI's own functions, median of
// --runs; then the same with --files N uploads of 100 KiB each (the demo has no uploads), and one
// wall-clock run of the compiled CLI (`node build/node/cli.js backup …`, Node's start included).
// Usage: npm run bench:backup [-- --runs 5 --files 200]
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../demo/seed/index";
import { migrations } from "../migrations/index";
import { backupSqlite, restoreSqlite } from "../server/backup";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, files: { type: "string", default: "200" } } });
const RUNS = Number(values.runs);
const FILES = Number(values.files);

const dir = mkdtempSync(join(tmpdir(), "roviec-bench-backup-"));
const dbPath = join(dir, "app.db");
const filesDir = join(dir, "files");
const { db } = openDatabase(dbPath);
await migrateToLatest(db);
await seedDemoIfEmpty(db, new Date("2026-03-10T01:00:00Z"));
await db.destroy();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function round(label: string) {
  const backups: number[] = [];
  const restores: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = join(dir, `backup-${label}-${i}`);
    const b = await backupSqlite({ dbPath, filesDir, outDir: out });
    backups.push(b.ms.total);
    bytes = b.manifest.totals.bytes;
    const target = join(dir, `restored-${label}-${i}`);
    const r = await restoreSqlite({ fromDir: out, dbPath: join(target, "app.db"), filesDir: join(target, "files"), knownMigrations: Object.keys(migrations) });
    restores.push(r.ms.total);
  }
  console.log(`${label}: ${(bytes / 1024 / 1024).toFixed(1)} MiB — backup median ${fmt(median(backups))} (min ${fmt(Math.min(...backups))}), restore median ${fmt(median(restores))} (min ${fmt(Math.min(...restores))}), ${RUNS} runs`);
}

console.log(`demo database: ${(statSync(dbPath).size / 1024 / 1024).toFixed(1)} MiB`);
await round("demo data, no uploads");
mkdirSync(filesDir, { recursive: true });
for (let i = 0; i < FILES; i++) {
  mkdirSync(join(filesDir, `org-${i % 2}`, `task-${i}`), { recursive: true });
  writeFileSync(join(filesDir, `org-${i % 2}`, `task-${i}`, "file.bin"), randomBytes(100 * 1024));
}
if (FILES) await round(`demo data + ${FILES} uploads of 100 KiB`);

const cli = "build/node/cli.js";
if (existsSync(cli)) {
  const t = performance.now();
  execFileSync(process.execPath, [cli, "backup", join(dir, "cli-backup")], { env: { ...process.env, DATABASE_URL: dbPath, FILES_DIR: filesDir, APP_MODE: "demo" }, stdio: "ignore" });
  const tb = performance.now() - t;
  const t2 = performance.now();
  execFileSync(process.execPath, [cli, "restore", join(dir, "cli-backup")], { env: { ...process.env, DATABASE_URL: join(dir, "cli-restored", "app.db"), FILES_DIR: join(dir, "cli-restored", "files"), APP_MODE: "demo" }, stdio: "ignore" });
  console.log(`compiled CLI, wall clock with Node's start: backup ${fmt(tb)}, restore ${fmt(performance.now() - t2)}`);
}
rmSync(dir, { recursive: true, force: true });
