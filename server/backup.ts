// Backups of a SQLite installation that restore (docs/decisions/0032-backups.md): the database by
// `VACUUM INTO` — one read transaction, so a consistent snapshot while the server keeps writing,
// never a copy of a live WAL file — then the uploaded files, then a manifest with every checksum,
// written last (a backup folder without manifest.json is incomplete). Restore verifies every
// checksum before it touches anything, keeps what it replaces, and writes the database through
// SQLite's backup API, so even a forced restore under a running server never mixes two files.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, relative, sep } from "node:path";
import { z } from "zod";
import packageJson from "../package.json";

export const MANIFEST = "manifest.json";
export const DATABASE_FILE = "database.sqlite";
export const FILES_FOLDER = "files";
/** Uploads still being received (app/utils/forms.server.ts): never part of a backup. */
const STAGING = ".uploads";

const fileEntry = z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const manifestSchema = z.object({
  format: z.literal("roviec-backup"),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  appVersion: z.string(),
  engine: z.literal("sqlite"),
  migrations: z.object({ latest: z.string().nullable(), applied: z.array(z.string()) }),
  database: z.object({ file: z.literal(DATABASE_FILE), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  files: z.array(fileEntry),
  totals: z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function fileSha256(path: string): { bytes: number; sha256: string } {
  const data = readFileSync(path);
  return { bytes: data.length, sha256: sha256(data) };
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted; the staging folder is left out. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (!rel && entry.name === STAGING) continue;
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(abs, entry.name), r);
      else if (entry.isFile()) out.push(r);
    }
  };
  walk(dir, "");
  return out.sort();
}

function appliedMigrations(sqlite: Database.Database): string[] {
  const exists = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!exists) return [];
  return (sqlite.prepare("select name from kysely_migration order by name").all() as { name: string }[]).map((r) => r.name);
}

export interface BackupResult {
  manifest: BackupManifest;
  /** Files that were listed but gone before they could be read (deleted meanwhile). */
  vanished: string[];
  ms: { database: number; files: number; total: number };
}

/**
 * Backs up a SQLite database (opened by path, beside whatever server is running on it) and the
 * files folder into `outDir`, which must not exist or be empty.
 */
export async function backupSqlite(opts: { dbPath: string; filesDir: string; outDir: string; now?: () => Date }): Promise<BackupResult> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  if (!existsSync(opts.dbPath)) throw new BackupError(`No database at ${opts.dbPath}: nothing to back up (check DATABASE_URL).`);
  if (existsSync(opts.outDir) && readdirSync(opts.outDir).length > 0) {
    throw new BackupError(`${opts.outDir} is not empty: back up into a new folder (a backup never overwrites another).`);
  }
  mkdirSync(opts.outDir, { recursive: true });
  const createdAt = now().toISOString();

  // The database: one consistent snapshot, taken while other connections keep writing.
  const dbOut = join(opts.outDir, DATABASE_FILE);
  const live = new Database(opts.dbPath, { fileMustExist: true, timeout: 5000 });
  try {
    live.prepare("vacuum into ?").run(dbOut);
  } finally {
    live.close();
  }
  const snapshot = new Database(dbOut, { readonly: true });
  let applied: string[];
  try {
    const check = snapshot.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new BackupError(`The copy of the database fails SQLite's check (${String(check)}); the backup was not finished.`);
    applied = appliedMigrations(snapshot);
  } finally {
    snapshot.close();
  }
  const database = { file: DATABASE_FILE, ...fileSha256(dbOut) } as const;
  const dbDone = performance.now();

  // The files, after the database: a file the snapshot names was there when it was taken (files
  // are written before the row that names them, and deleting one is rare); a file added since is
  // an unused extra.
  const files: BackupManifest["files"] = [];
  const vanished: string[] = [];
  for (const rel of listFiles(opts.filesDir)) {
    let data: Buffer;
    try {
      data = readFileSync(join(opts.filesDir, rel));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        vanished.push(rel);
        continue;
      }
      throw err;
    }
    const target = join(opts.outDir, FILES_FOLDER, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    files.push({ path: rel, bytes: data.length, sha256: sha256(data) });
  }
  const filesDone = performance.now();

  const manifest: BackupManifest = {
    format: "roviec-backup",
    formatVersion: 1,
    createdAt,
    appVersion: packageJson.version,
    engine: "sqlite",
    migrations: { latest: applied[applied.length - 1] ?? null, applied },
    database,
    files,
    totals: { files: files.length, bytes: files.reduce((s, f) => s + f.bytes, 0) + database.bytes },
  };
  writeFileSync(join(opts.outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, vanished, ms: { database: dbDone - started, files: filesDone - dbDone, total: performance.now() - started } };
}

/** Reads and checks a backup folder: the manifest's shape, then every size and checksum. */
export function verifyBackup(dir: string): BackupManifest {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) throw new BackupError(`${dir} has no ${MANIFEST}: not a backup, or one that did not finish.`);
  let parsed: BackupManifest;
  try {
    parsed = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  } catch (err) {
    throw new BackupError(`${manifestPath} is not a Rõ Việc backup manifest (${err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (err as Error).message}).`);
  }
  const problems: string[] = [];
  const check = (label: string, path: string, want: { bytes: number; sha256: string }) => {
    if (!existsSync(path)) return void problems.push(`${label}: missing`);
    const got = fileSha256(path);
    if (got.bytes !== want.bytes) problems.push(`${label}: ${got.bytes} bytes, the manifest says ${want.bytes}`);
    else if (got.sha256 !== want.sha256) problems.push(`${label}: checksum differs from the manifest`);
  };
  check(DATABASE_FILE, join(dir, DATABASE_FILE), parsed.database);
  for (const f of parsed.files) {
    if (!isSafeRelative(f.path)) {
      problems.push(`${f.path}: not a path inside the files folder`);
      continue;
    }
    check(`${FILES_FOLDER}/${f.path}`, join(dir, FILES_FOLDER, f.path), f);
  }
  if (problems.length) throw new BackupError(`The backup in ${dir} is damaged; nothing was restored:\n  ${problems.join("\n  ")}`);
  return parsed;
}

function isSafeRelative(p: string): boolean {
  if (isAbsolute(p) || p.includes("\\") || p.includes("\0")) return false;
  const n = normalize(p);
  return n === p.split("/").join(sep) && !n.split(sep).includes("..");
}

/**
 * Is another connection (a running server, a CLI) holding the database? Leaving WAL mode needs the
 * file to itself: it fails at once with SQLITE_BUSY while anyone else has it open. When nobody
 * does, the file is left in rollback-journal mode, which is what the restore overwrites anyway.
 */
export function databaseInUse(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  const probe = new Database(dbPath, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma("journal_mode = DELETE");
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === "SQLITE_BUSY") return true;
    throw err;
  } finally {
    probe.close();
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where what was there before was kept (a database copy, the old files folder). */
  kept: string[];
  tables: Record<string, number>;
  ms: { verify: number; database: number; files: number; total: number };
}

/**
 * Restores a backup folder into `dbPath` and `filesDir`, after verifying every checksum. Refuses
 * when the database is open elsewhere (a running server) unless `force`; refuses a backup made by a
 * version with migrations this code does not know. The database and files folder it replaces are
 * kept beside them as `*.before-restore-<time>`. A backup at an older migration is migrated by the
 * next `npm run cli -- migrate` or server start.
 */
export async function restoreSqlite(opts: { fromDir: string; dbPath: string; filesDir: string; knownMigrations: string[]; force?: boolean; now?: () => Date }): Promise<RestoreResult> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const manifest = verifyBackup(opts.fromDir);
  const known = new Set(opts.knownMigrations);
  const unknown = manifest.migrations.applied.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new BackupError(`The backup was made by a newer version (${manifest.appVersion}) with migrations this one does not know (${unknown.join(", ")}): restore it with that version.`);
  }
  const verified = performance.now();

  if (databaseInUse(opts.dbPath) && !opts.force) {
    throw new BackupError(
      `${opts.dbPath} is open in another process (a running server?). Stop the server first, then restore; ` +
        "or add --force to write the backup into the live database (the running server then serves the restored data; restart it anyway).",
    );
  }
  const stamp = now().toISOString().replace(/[:.]/g, "-");
  const kept: string[] = [];

  // The database: keep a copy of what is there, then write the backup's pages through SQLite.
  if (existsSync(opts.dbPath)) {
    const keep = `${opts.dbPath}.before-restore-${stamp}`;
    const current = new Database(opts.dbPath, { fileMustExist: true, timeout: 5000 });
    try {
      current.prepare("vacuum into ?").run(keep);
    } finally {
      current.close();
    }
    kept.push(keep);
  } else {
    mkdirSync(dirname(opts.dbPath), { recursive: true });
  }
  const source = new Database(join(opts.fromDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  const tables: Record<string, number> = {};
  try {
    await source.backup(opts.dbPath);
    for (const { name } of source.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]) {
      tables[name] = (source.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    }
  } finally {
    source.close();
  }
  const restored = new Database(opts.dbPath, { fileMustExist: true, timeout: 5000 });
  try {
    restored.pragma("journal_mode = WAL");
    const check = restored.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new BackupError(`The restored database fails SQLite's check (${String(check)}); the previous one is in ${kept[0] ?? "(none)"}.`);
    for (const [name, n] of Object.entries(tables)) {
      const got = (restored.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
      if (got !== n) throw new BackupError(`The restored table ${name} has ${got} rows, the backup ${n}; the previous database is in ${kept[0] ?? "(none)"}.`);
    }
  } finally {
    restored.close();
  }
  const dbDone = performance.now();

  // The files: copied beside the folder, then swapped in; the old folder is kept.
  const incoming = `${opts.filesDir}.restoring-${stamp}`;
  mkdirSync(incoming, { recursive: true });
  for (const f of manifest.files) {
    const target = join(incoming, f.path);
    if (relative(incoming, target).startsWith("..")) throw new BackupError(`${f.path}: not a path inside the files folder`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(join(opts.fromDir, FILES_FOLDER, f.path)));
  }
  if (existsSync(opts.filesDir)) {
    const keep = `${opts.filesDir}.before-restore-${stamp}`;
    renameSync(opts.filesDir, keep);
    kept.push(keep);
  }
  renameSync(incoming, opts.filesDir);
  const filesDone = performance.now();

  return { manifest, kept, tables, ms: { verify: verified - started, database: dbDone - verified, files: filesDone - dbDone, total: filesDone - started } };
}

/** What the CLI prints for a PostgreSQL database: the tools that do it properly (decision 0032). */
export function postgresBackupInstructions(command: "backup" | "restore", filesDir: string): string {
  const lines = [
    `${command} works on a SQLite database only. On PostgreSQL, use PostgreSQL's own tools and copy the files folder (${filesDir}):`,
    "",
    "  Back up (consistent while the app runs; -Fc is compressed and restores selectively):",
    '    pg_dump -Fc --no-owner -d "$DATABASE_URL" -f roviec-$(date +%F).dump',
    `    tar -C "${dirname(filesDir)}" -czf roviec-files-$(date +%F).tar.gz "${filesDir.split(/[\\/]/).pop()}"`,
    "",
    "  Restore (stop the app servers first; --clean replaces the tables that are there):",
    '    pg_restore --no-owner --clean --if-exists -d "$DATABASE_URL" roviec-YYYY-MM-DD.dump',
    `    tar -C "${dirname(filesDir)}" -xzf roviec-files-YYYY-MM-DD.tar.gz`,
    "",
    "  Point-in-time recovery: archive the WAL (archive_mode = on, archive_command) and take base",
    "  backups (pg_basebackup); see README, Production / Operations.",
  ];
  return lines.join("\n");
}
