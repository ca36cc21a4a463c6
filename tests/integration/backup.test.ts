import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { BackupError, backupSqlite, restoreSqlite, sha256 } from "../../server/backup";
import { migrations } from "../../migrations/index";
import { compiledServer } from "../helpers/compiled";
import { BASE_DB, TMP_DIR } from "../helpers/paths";

// SQLite only (vitest.config.ts): on PostgreSQL the CLI prints pg_dump / pg_restore instructions.

/** The CLI as an operator runs it (compiled, as `npm run build` makes it), with its own settings. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [compiledServer().cli, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

/** A private copy of the migrated, seeded demo database, with a files folder holding a few uploads. */
function installation() {
  const dir = join(TMP_DIR, `backup-${randomUUID()}`);
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, "app.db");
  copyFileSync(BASE_DB, dbPath);
  const filesDir = join(dir, "files");
  const files: Record<string, Buffer> = {
    "org-a/tasks/t1/report.pdf": Buffer.from("%PDF-1.4 báo cáo tháng 3"),
    "org-a/inspections/i1/photo.jpg": Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251)),
    "org-b/tasks/t9/kế hoạch.docx": Buffer.from("PK kế hoạch"),
  };
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(dirname(join(filesDir, rel)), { recursive: true });
    writeFileSync(join(filesDir, rel), data);
  }
  // An upload still being received: never part of a backup.
  mkdirSync(join(filesDir, ".uploads"), { recursive: true });
  writeFileSync(join(filesDir, ".uploads", "partial.bin"), "half an upload");
  return { dir, dbPath, filesDir, files };
}

/** Every row of every table, in a stable order, as one fingerprint per table. */
function tableContents(dbPath: string, except: string[] = []): Record<string, { rows: number; sha: string }> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, { rows: number; sha: string }> = {};
    for (const t of tables.filter((t) => !except.includes(t))) {
      const rows = db.prepare(`select * from "${t}" order by rowid`).raw().all();
      out[t] = { rows: rows.length, sha: sha256(Buffer.from(JSON.stringify(rows))) };
    }
    return out;
  } finally {
    db.close();
  }
}

describe("backup and restore (SQLite)", () => {
  it("backs up under concurrent writes a consistent snapshot, and restores it into a fresh place identical to it", async () => {
    const src = installation();
    // Another connection keeps writing while the backup runs: each transaction adds two rows with
    // consecutive numbers, so a consistent snapshot holds 1..2n exactly.
    const writer = new Database(src.dbPath);
    writer.pragma("journal_mode = WAL");
    writer.pragma("busy_timeout = 5000");
    writer.pragma("synchronous = NORMAL");
    writer.exec("create table probe_writes (seq integer primary key, at text not null)");
    const insertPair = writer.transaction((n: number) => {
      const stmt = writer.prepare("insert into probe_writes (seq, at) values (?, ?)");
      stmt.run(2 * n - 1, new Date().toISOString());
      stmt.run(2 * n, new Date().toISOString());
    });
    let n = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        insertPair(++n);
        await yieldToLoop();
      }
    })();
    while (n < 50) await yieldToLoop();
    const before = n;

    const backupDir = join(src.dir, "backup-1");
    const backup = await cli(["backup", backupDir], { DATABASE_URL: src.dbPath, FILES_DIR: src.filesDir, APP_MODE: "demo" });
    const duringBackup = n - before;
    writing = false;
    await writes;
    writer.close();
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* and 3 files from .* in \d+\.\d\d s/);
    expect(duringBackup, "the writer kept writing while the backup ran").toBeGreaterThan(0);

    const manifest = JSON.parse(readFileSync(join(backupDir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ format: "roviec-backup", formatVersion: 1, engine: "sqlite", appVersion: expect.any(String) });
    expect(manifest.migrations.latest).toBe(Object.keys(migrations).sort().at(-1));
    expect(Date.parse(manifest.createdAt)).not.toBeNaN();
    expect(manifest.database.sha256).toBe(sha256(readFileSync(join(backupDir, "database.sqlite"))));
    expect(manifest.files).toEqual(
      Object.entries(src.files)
        .map(([path, data]) => ({ path, bytes: data.length, sha256: sha256(data) }))
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
    );

    // The snapshot is whole transactions: 1..2k without a gap, k between what was written before
    // the backup started and after it ended.
    const snap = new Database(join(backupDir, "database.sqlite"), { readonly: true });
    const seqs = (snap.prepare("select seq from probe_writes order by seq").all() as { seq: number }[]).map((r) => r.seq);
    snap.close();
    expect(seqs.length % 2).toBe(0);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length / 2).toBeGreaterThanOrEqual(before);
    expect(seqs.length / 2).toBeLessThanOrEqual(n);

    // Restore into a fresh location.
    const fresh = join(src.dir, "restored");
    const restore = await cli(["restore", backupDir], { DATABASE_URL: join(fresh, "app.db"), FILES_DIR: join(fresh, "files"), APP_MODE: "demo" });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Verified the checksums of the database and 3 files");
    expect(restore.stdout).toMatch(/Restored \d+ tables \(\d+ rows\)/);

    // The restored database is the snapshot, table by table and row by row …
    const restored = tableContents(join(fresh, "app.db"));
    expect(restored).toEqual(tableContents(join(backupDir, "database.sqlite")));
    expect(restored.probe_writes!.rows).toBe(seqs.length);
    // … and, apart from the table being written, the source as it is now.
    expect(tableContents(join(fresh, "app.db"), ["probe_writes"])).toEqual(tableContents(src.dbPath, ["probe_writes"]));
    expect(restored.tasks!.rows).toBeGreaterThan(0);
    const check = new Database(join(fresh, "app.db"), { readonly: true });
    expect(check.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    // The files, byte for byte; the upload in progress was left out.
    for (const [rel, data] of Object.entries(src.files)) expect(readFileSync(join(fresh, "files", rel)).equals(data)).toBe(true);
    expect(existsSync(join(fresh, "files", ".uploads"))).toBe(false);
  }, 120_000);

  it("refuses a damaged backup before touching anything, names what is wrong, and never overwrites a backup", async () => {
    const src = installation();
    const backupDir = join(src.dir, "backup");
    await backupSqlite({ dbPath: src.dbPath, filesDir: src.filesDir, outDir: backupDir });
    await expect(backupSqlite({ dbPath: src.dbPath, filesDir: src.filesDir, outDir: backupDir })).rejects.toThrow(/is not empty/);

    const target = installation();
    const targetBefore = tableContents(target.dbPath);
    const photo = join(backupDir, "files", "org-a/inspections/i1/photo.jpg");
    const bytes = readFileSync(photo);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(photo, bytes);
    const opts = { fromDir: backupDir, dbPath: target.dbPath, filesDir: target.filesDir, knownMigrations: Object.keys(migrations) };
    await expect(restoreSqlite(opts)).rejects.toThrow(/damaged; nothing was restored:\n\s+files\/org-a\/inspections\/i1\/photo\.jpg: checksum differs/);
    expect(tableContents(target.dbPath)).toEqual(targetBefore);

    // The command says the same and exits 1.
    const res = await cli(["restore", backupDir], { DATABASE_URL: target.dbPath, FILES_DIR: target.filesDir, APP_MODE: "demo" });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("photo.jpg: checksum differs from the manifest");

    // A backup made by a newer version (a migration this code does not know) is refused too.
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(photo, bytes);
    const manifestPath = join(backupDir, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.migrations.applied.push("099_from_the_future");
    writeFileSync(manifestPath, JSON.stringify(manifest));
    await expect(restoreSqlite(opts)).rejects.toThrow(/newer version .*099_from_the_future/);
    writeFileSync(manifestPath, "{ not json");
    await expect(restoreSqlite(opts)).rejects.toBeInstanceOf(BackupError);
  }, 60_000);

  it("refuses to overwrite a database another process holds, unless --force, which writes through SQLite", async () => {
    const src = installation();
    const backupDir = join(src.dir, "backup");
    await backupSqlite({ dbPath: src.dbPath, filesDir: src.filesDir, outDir: backupDir });

    const target = installation();
    const held = new Database(target.dbPath);
    held.pragma("journal_mode = WAL");
    held.prepare("update organizations set name = 'Đã đổi sau khi sao lưu'").run();
    const names = (db: Database.Database) => (db.prepare("select distinct name from organizations").all() as { name: string }[]).map((r) => r.name);
    const opts = { fromDir: backupDir, dbPath: target.dbPath, filesDir: target.filesDir, knownMigrations: Object.keys(migrations) };
    await expect(restoreSqlite(opts)).rejects.toThrow(/is open in another process .* --force/);
    expect(names(held)).toEqual(["Đã đổi sau khi sao lưu"]);

    const forced = await restoreSqlite({ ...opts, force: true });
    // The connection that held it reads the restored data, and what was there is kept.
    expect(names(held)).not.toContain("Đã đổi sau khi sao lưu");
    expect(names(held).length).toBeGreaterThan(1);
    held.close();
    expect(forced.kept).toHaveLength(2);
    const kept = new Database(forced.kept[0]!, { readonly: true });
    expect(names(kept)).toEqual(["Đã đổi sau khi sao lưu"]);
    kept.close();
  });

  it("on a PostgreSQL DATABASE_URL prints the pg_dump / pg_restore instructions instead of pretending", async () => {
    const res = await cli(["backup", join(TMP_DIR, `never-${randomUUID()}`)], { DATABASE_URL: "postgres://roviec@127.0.0.1:1/roviec", APP_MODE: "demo" });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("pg_dump -Fc");
    expect(res.stderr).toContain("pg_restore");
    expect(res.stderr).toContain("Point-in-time recovery");
    const restore = await cli(["restore", "x"], { DATABASE_URL: "postgres://roviec@127.0.0.1:1/roviec", APP_MODE: "demo" });
    expect(restore.code).toBe(2);
    const usage = await cli(["backup"], { DATABASE_URL: join(TMP_DIR, "x.db"), APP_MODE: "demo" });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: npm run cli -- backup <folder>");
  }, 120_000);
});
