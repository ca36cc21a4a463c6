// Command-line operations for operators. Usage: npm run cli -- <command> [--flag value ...]
//   run-job NAME                  run one scheduled job once (e.g. recurring-tasks); run-job all runs every job
//   migrate                       create or migrate the database (DATABASE_URL or data/app.db)
//   backup DIR                    SQLite: a consistent copy of the database (VACUUM INTO) and the files
//                                 folder, with a manifest of checksums, into a new folder DIR
//   restore DIR [--force]         SQLite: verify DIR's checksums, then put it back (refuses while a
//                                 server holds the database unless --force); docs/decisions/0032-backups.md
//   create-centre --slug s --name "…" --parent-body "…" [--province "…"] [--place-name "…"]
//                 --admin-username u --admin-name "…" --admin-password p
//   create-group --slug s --name "…" --parent-body "…" --place-name "…"
//                                 an oversight group: a body that reads its centres' figures (decision 0042)
//   assign-centre --group g --centre c    let group g read centre c's figures (audited in the centre)
//   add-overseer --group g --username u --full-name "…" --password p
//                                 an overseer account of g, to change its password at first sign-in
//   suspend-centre --centre c --reason "…"   members of centre c see the suspension page; nothing is deleted
//   resume-centre --centre c                 the centre is open again (refused while a deletion is scheduled)
//   schedule-deletion --centre c [--grace-days 30] [--reason "…"]
//                                 the centre (suspended now if it was not) is deleted by the centre-deletion
//                                 job after 7–90 days; its admin can download all of its data until then
//   cancel-deletion --centre c               before the date; the centre stays suspended until resumed
//                                 (each audited in the centre, actor null, via "cli": docs/decisions/0044)
//   create-operator --username u --full-name "…"
//                                 an operator account of the service console (/admin, decision 0043); prints a
//                                 one-time temporary password, to change at first sign-in, then TOTP is enrolled
//   files migrate --to database|local [--delete-source]
//                                 copy every uploaded file from the other store into this one (FILE_STORAGE,
//                                 docs/decisions/0034-file-storage.md), each checked by size and SHA-256;
//                                 run it again to copy what is missing; the source is kept unless --delete-source
//   export-centre --centre c --out FILE.zip
//                                 all of centre c's data as one archive (XLSX per area, its files, README.txt),
//                                 as its admin downloads it (docs/decisions/0045); audited in the centre
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { auditExport, exportCentreArchive } from "../app/modules/exports/centre-archive.server";
import { attachmentContentTypes } from "../app/modules/files/files.server";
import { migrateFiles } from "../app/modules/files/migrate.server";
import { localFileStore, databaseFileStore, openFileStore, type FileStorageKind } from "../app/modules/files/store.server";
import { photoContentTypes } from "../app/modules/inspections/photos.server";
import { createOperator, createOperatorSchema } from "../app/modules/auth/operators.server";
import { allCentreIds, centreHeading, centreIdBySlug, createCentre, createCentreSchema } from "../app/modules/org/centre.server";
import { cancelCentreDeletion, resumeCentre, scheduleCentreDeletion, suspendCentre, type CentreState } from "../app/modules/org/lifecycle.server";
import { messages } from "../app/i18n/messages.server";
import { isDomainError } from "../app/utils/errors";
import { addOverseer, addOverseerSchema, assignCentre, assignCentreSchema, createGroup, createGroupSchema } from "../app/modules/oversight/admin.server";
import { describeTarget } from "../db/client";
import type { DB } from "../db/schema";
import { withoutTenant, withTenant } from "../db/tenant";
import { migrations } from "../migrations/index";
import { BackupError, backupSqlite, postgresBackupInstructions, restoreSqlite } from "./backup";
import { readSettings, SettingsError, type ServerSettings } from "./config";
import { openAppDatabase } from "./database";
import { JOBS } from "./jobs";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    slug: { type: "string" },
    name: { type: "string" },
    "parent-body": { type: "string" },
    province: { type: "string" },
    "place-name": { type: "string" },
    "admin-username": { type: "string" },
    "admin-name": { type: "string" },
    "admin-password": { type: "string" },
    to: { type: "string" },
    "delete-source": { type: "boolean" },
    force: { type: "boolean" },
    group: { type: "string" },
    centre: { type: "string" },
    username: { type: "string" },
    "full-name": { type: "string" },
    password: { type: "string" },
    reason: { type: "string" },
    "grace-days": { type: "string" },
    out: { type: "string" },
  },
  allowPositionals: true,
});

/** Prints a command's refused flags and sets exit code 2; true when there were any. */
function invalid(parsed: { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): parsed is { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } {
  if (parsed.success) return false;
  console.error(parsed.error.issues.map((i) => `--${i.path.map(String).join(".")}: ${i.message}`).join("\n"));
  process.exitCode = 2;
  return true;
}

let settings: ServerSettings;
try {
  settings = readSettings();
} catch (err) {
  if (!(err instanceof SettingsError)) throw err;
  console.error(err.message);
  process.exit(2);
}
if (command === "backup" || command === "restore") {
  process.exitCode = await backupCommand(command, settings);
  process.exit();
}

let db: DB;
try {
  ({ db } = await openAppDatabase(settings.database, settings.databasePoolSize));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
try {
  switch (command) {
    case "migrate":
      console.log(`Database ${describeTarget(settings.database)} is up to date.`);
      break;
    case "run-job": {
      const name = rest.find((a) => !a.startsWith("--"));
      const selected = name === "all" ? Object.keys(JOBS) : name && JOBS[name] ? [name] : [];
      if (!selected.length) {
        console.error(`Jobs: ${Object.keys(JOBS).join(", ")}, all`);
        process.exitCode = 2;
        break;
      }
      for (const job of selected) console.log(`${job}: ${await JOBS[job]!(db, new Date(), settings)} created`);
      break;
    }
    case "create-centre": {
      const parsed = createCentreSchema.safeParse({
        slug: values.slug,
        name: values.name,
        parentBody: values["parent-body"],
        province: values.province,
        placeName: values["place-name"],
        adminUsername: values["admin-username"],
        adminName: values["admin-name"],
        adminPassword: values["admin-password"],
      });
      if (invalid(parsed)) break;
      const input = parsed.data;
      await withoutTenant("cli create-centre: an operator creates a new centre and its first admin", () => createCentre(db, input, new Date()));
      console.log(`Centre "${parsed.data.slug}" created; ${parsed.data.adminUsername} must change the password at first sign-in.`);
      break;
    }
    case "create-group": {
      const parsed = createGroupSchema.safeParse({ slug: values.slug, name: values.name, parentBody: values["parent-body"], placeName: values["place-name"] });
      if (invalid(parsed)) break;
      await withoutTenant("cli create-group: an operator creates an oversight group", () => createGroup(db, parsed.data, new Date()));
      console.log(`Oversight group "${parsed.data.slug}" created.`);
      break;
    }
    case "assign-centre": {
      const parsed = assignCentreSchema.safeParse({ group: values.group, centre: values.centre });
      if (invalid(parsed)) break;
      const added = await withoutTenant("cli assign-centre: an operator lets a group read a centre", () => assignCentre(db, parsed.data, new Date()));
      console.log(`Centre "${parsed.data.centre}" ${added ? "assigned to" : "was already assigned to"} "${parsed.data.group}".`);
      break;
    }
    case "add-overseer": {
      const parsed = addOverseerSchema.safeParse({ group: values.group, username: values.username, fullName: values["full-name"], password: values.password });
      if (invalid(parsed)) break;
      await withoutTenant("cli add-overseer: an operator adds an overseer account", () => addOverseer(db, parsed.data, new Date()));
      console.log(`Overseer ${parsed.data.username} added to "${parsed.data.group}"; the password must be changed at first sign-in.`);
      break;
    }
    case "suspend-centre":
    case "resume-centre":
    case "schedule-deletion":
    case "cancel-deletion": {
      const slug = values.centre;
      if (!slug || (command === "suspend-centre" && values.reason === undefined)) {
        console.error(`Usage: ${command} --centre <slug>${command === "suspend-centre" ? ' --reason "…"' : command === "schedule-deletion" ? " [--grace-days 30] [--reason …]" : ""}`);
        process.exitCode = 2;
        break;
      }
      const graceDays = values["grace-days"];
      if (graceDays !== undefined && !/^\d+$/.test(graceDays)) {
        console.error(`--grace-days: ${messages("vi").errors.graceDaysRange}`);
        process.exitCode = 2;
        break;
      }
      const state = await withoutTenant(`cli ${command}: an operator decides a centre's lifecycle`, async (): Promise<CentreState | undefined> => {
        const orgId = await centreIdBySlug(db, slug);
        if (!orgId) return undefined;
        // The CLI acts as the system: no user (actor null), "via": "cli" in the audit entry.
        const who = { orgId, actorUserId: null, now: new Date(), via: "cli" as const };
        if (command === "suspend-centre") return suspendCentre(db, { ...who, reason: values.reason ?? "" });
        if (command === "resume-centre") return resumeCentre(db, who);
        if (command === "schedule-deletion") return scheduleCentreDeletion(db, { ...who, graceDays: graceDays === undefined ? undefined : Number(graceDays), reason: values.reason });
        return cancelCentreDeletion(db, who);
      });
      if (!state) {
        console.error(`No centre "${slug}".`);
        process.exitCode = 1;
        break;
      }
      const due = state.deletionDueAt ? `; deletion due ${state.deletionDueAt}` : "";
      console.log(`Centre "${state.slug}": ${state.status}${state.suspensionReason ? ` (${state.suspensionReason})` : ""}${due}.`);
      break;
    }
    case "create-operator": {
      const parsed = createOperatorSchema.safeParse({ username: values.username, fullName: values["full-name"] });
      if (invalid(parsed)) break;
      const { password } = await createOperator(db, parsed.data, new Date());
      console.log(`Operator ${parsed.data.username} created. Temporary password (shown once, to change at first sign-in): ${password}`);
      console.log("At first sign-in the operator must also turn on two-step verification (TOTP) before the console opens.");
      break;
    }
    case "files": {
      const sub = rest.find((a) => !a.startsWith("--"));
      const to = values.to as FileStorageKind | undefined;
      if (sub !== "migrate" || (to !== "local" && to !== "database")) {
        console.error("Usage: files migrate --to database|local [--delete-source]");
        process.exitCode = 2;
        break;
      }
      const local = localFileStore(settings.filesDir);
      const database = databaseFileStore(db, local.stagingDir);
      const [source, target] = to === "database" ? [local, database] : [database, local];
      const where = { local: `the folder ${settings.filesDir}`, database: `the database ${describeTarget(settings.database)}` };
      console.log(`Copying uploaded files from ${where[source.kind]} to ${where[target.kind]}${values["delete-source"] ? ", removing each from the source once verified" : ""}…`);
      // Every centre's files: on PostgreSQL the rows are read and written across centres.
      const report = await withoutTenant("cli files migrate: an operator moves every centre's files", async () =>
        migrateFiles(await allCentreIds(db), source, target, {
          deleteSource: values["delete-source"],
          contentTypesOf: async (orgId) => new Map([...(await attachmentContentTypes(db, orgId)), ...(await photoContentTypes(db, orgId))]),
        }),
      );
      console.log(
        `${report.seen} files: ${report.copied} copied and verified (${report.bytes} bytes), ${report.alreadyThere} already there, ` +
          `${report.failed.length} failed, ${report.deletedFromSource} removed from the source.`,
      );
      for (const f of report.failed) console.error(`  failed: ${f.key}: ${f.reason}`);
      if (report.failed.length) process.exitCode = 1;
      else if (settings.fileStorage !== to) console.log(`Set FILE_STORAGE=${to} and restart the servers to use them.`);
      break;
    }
    case "export-centre": {
      const slug = values.centre;
      const outPath = values.out;
      if (!slug || !outPath) {
        console.error("Usage: export-centre --centre <slug> --out <file.zip>");
        process.exitCode = 2;
        break;
      }
      const centre = await withoutTenant("cli export-centre: an operator names a centre by its slug", async () => {
        const id = await centreIdBySlug(db, slug);
        const heading = id ? await centreHeading(db, id) : undefined;
        return id && heading ? { id, slug, name: heading.name } : undefined;
      });
      if (!centre) {
        console.error(`No centre "${slug}".`);
        process.exitCode = 1;
        break;
      }
      const now = new Date();
      // flags "wx": never overwrite an existing file.
      const out = createWriteStream(outPath, { flags: "wx" });
      const files = openFileStore(settings.fileStorage, { filesDir: settings.filesDir, db });
      const summary = await withTenant(centre.id, async () => {
        const s = await exportCentreArchive(db, files, centre, out, { now });
        await auditExport(db, { orgId: centre.id, actorUserId: null, at: now, via: "cli", summary: s });
        return s;
      });
      const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      console.log(`Centre "${slug}" exported to ${outPath}: ${summary.bytes} bytes, ${rows} rows, ${summary.files} files${summary.missingFiles ? ` (${summary.missingFiles} missing from the store)` : ""}, in ${summary.ms} ms.`);
      break;
    }
    default:
      console.error(
        "Commands: migrate, run-job, create-centre, create-group, assign-centre, add-overseer, create-operator, suspend-centre, resume-centre, schedule-deletion, cancel-deletion, files migrate, export-centre, backup, restore (see server/cli.ts)",
      );
      process.exitCode = 2;
  }
} catch (err) {
  // A refused decision (already suspended, deletion scheduled…): its message, in Vietnamese.
  const errors = messages("vi").errors as Record<string, string>;
  if (isDomainError(err) && err.key && errors[err.key]) console.error(errors[err.key]);
  else console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}

/** backup DIR / restore DIR [--force]: never opens the database through the app, never migrates it. */
async function backupCommand(command: "backup" | "restore", settings: ServerSettings): Promise<number> {
  const dir = rest.find((a) => !a.startsWith("--"));
  if (!dir) {
    console.error(`Usage: npm run cli -- ${command} <folder>${command === "restore" ? " [--force]" : ""}`);
    return 2;
  }
  if (settings.database.engine === "postgres") {
    // Not pretending: PostgreSQL's own tools do this properly (README, Production / Operations).
    console.error(postgresBackupInstructions(command, settings.filesDir));
    return 2;
  }
  const dbPath = settings.database.path;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  try {
    if (command === "backup") {
      const r = await backupSqlite({ dbPath, filesDir: settings.filesDir, outDir: dir });
      const m = r.manifest;
      console.log(`Backed up ${dbPath} (${m.database.bytes} bytes, migration ${m.migrations.latest ?? "none"}) and ${m.files.length} files from ${settings.filesDir} into ${dir} in ${s(r.ms.total)} (database ${s(r.ms.database)}, files ${s(r.ms.files)}).`);
      if (r.vanished.length) console.warn(`${r.vanished.length} files were deleted while the backup ran and are not in it: ${r.vanished.join(", ")}`);
      console.log(`Manifest with SHA-256 checksums: ${dir}/manifest.json. Check it any time with: npm run cli -- restore ${dir} (it verifies before it writes).`);
    } else {
      const r = await restoreSqlite({ fromDir: dir, dbPath, filesDir: settings.filesDir, knownMigrations: Object.keys(migrations), force: values.force });
      const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
      console.log(`Verified the checksums of the database and ${r.manifest.files.length} files of the backup made ${r.manifest.createdAt} (version ${r.manifest.appVersion}, migration ${r.manifest.migrations.latest ?? "none"}).`);
      console.log(`Restored ${Object.keys(r.tables).length} tables (${rows} rows) into ${dbPath} and ${r.manifest.files.length} files into ${settings.filesDir} in ${s(r.ms.total)} (verify ${s(r.ms.verify)}, database ${s(r.ms.database)}, files ${s(r.ms.files)}).`);
      if (r.kept.length) console.log(`What was there before is kept: ${r.kept.join(", ")} (delete when no longer needed).`);
      if (values.force) console.log("--force: restart the running server so that nothing it holds in memory predates the restore.");
      console.log("The next server start (or npm run cli -- migrate) brings the database to this version's migrations.");
    }
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
