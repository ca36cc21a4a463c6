// Command-line operations for operators. Usage: npm run cli -- <command> [--flag value ...]
//   run-job NAME                  run one scheduled job once (e.g. recurring-tasks); run-job all runs every job
//   migrate                       create or migrate the database (DATABASE_URL or data/app.db)
//   create-centre --slug s --name "…" --parent-body "…" [--province "…"] [--place-name "…"]
//                 --admin-username u --admin-name "…" --admin-password p
import { parseArgs } from "node:util";
import { createCentre, createCentreSchema } from "../app/modules/org/centre.server";
import { describeTarget } from "../db/client";
import type { DB } from "../db/schema";
import { withoutTenant } from "../db/tenant";
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
  },
  allowPositionals: true,
});

let settings: ServerSettings;
try {
  settings = readSettings();
} catch (err) {
  if (!(err instanceof SettingsError)) throw err;
  console.error(err.message);
  process.exit(2);
}
let db: DB;
try {
  db = await openAppDatabase(settings.database, settings.databasePoolSize);
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
      if (!parsed.success) {
        console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
        process.exitCode = 2;
        break;
      }
      const input = parsed.data;
      await withoutTenant("cli create-centre: an operator creates a new centre and its first admin", () => createCentre(db, input, new Date()));
      console.log(`Centre "${parsed.data.slug}" created; ${parsed.data.adminUsername} must change the password at first sign-in.`);
      break;
    }
    default:
      console.error("Commands: migrate, create-centre (see server/cli.ts)");
      process.exitCode = 2;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
