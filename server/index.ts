import type { ServerBuild } from "@remix-run/node";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describeTarget } from "../db/client";
import type { DB } from "../db/schema";
import { seedDemoIfEmpty } from "../db/seed/index";
import { createApp } from "./app";
import { readSettings, SettingsError, type ServerSettings } from "./config";
import { openAppDatabase } from "./database";
import { startScheduler } from "./jobs";

const dev = process.argv.includes("--dev");
// Not a setting: React and Remix read NODE_ENV to pick their production builds.
// eslint-disable-next-line no-restricted-properties
if (!dev) process.env.NODE_ENV ??= "production";

let settings: ServerSettings;
try {
  settings = readSettings();
} catch (err) {
  if (!(err instanceof SettingsError)) throw err;
  console.error(`Rõ Việc cannot start. ${err.message}`);
  process.exit(1);
}
if (settings.mocks) {
  const { startMocks } = await import("./mocks");
  startMocks();
  console.log("MOCKS=1: outbound webhook, Telegram and e-mail calls are answered by msw.");
}
if (settings.outboundAllowPrivate) console.warn("OUTBOUND_ALLOW_PRIVATE=1: notifications may be sent to loopback and private network addresses.");
const bootedAt = Date.now();
const now = settings.clockStart
  ? () => new Date(settings.clockStart!.getTime() + (Date.now() - bootedAt))
  : () => new Date();
let db: DB;
try {
  db = await openAppDatabase(settings.database, settings.databasePoolSize, async (owner) => {
    if (!settings.demo) return;
    const seeded = await seedDemoIfEmpty(owner, now());
    if (seeded) console.log(`Demo data seeded into ${describeTarget(settings.database)} (password RoViec@2026).`);
  });
} catch (err) {
  console.error(`Rõ Việc cannot start. ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

let app;
if (dev) {
  const { createServer } = await import("vite");
  const vite = await createServer({ server: { middlewareMode: true } });
  app = createApp({ db, config: settings, trustProxy: settings.trustProxy, origins: settings.origins, formLog: settings.formLog, vite, now });
} else {
  const buildPath = "build/server/index.js";
  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first.");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  app = createApp({ db, config: settings, trustProxy: settings.trustProxy, origins: settings.origins, formLog: settings.formLog, build, now });
}

const stopScheduler = startScheduler(db, settings, undefined, now);

const server = app.listen(settings.port, () => {
  console.log(`Rõ Việc listening on http://localhost:${settings.port} (${settings.production ? "production" : "demo"} mode)`);
});

function shutdown() {
  stopScheduler();
  server.close(() => {
    void db.destroy().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
