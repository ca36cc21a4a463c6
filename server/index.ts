import type { ServerBuild } from "@remix-run/node";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { openFileStore } from "../app/modules/files/store.server";
import { startCheckpointer } from "../db/checkpointer";
import { describeTarget } from "../db/client";
import { createApp } from "./app";
import { readSettings, SettingsError, type ServerSettings } from "./config";
import { openAppDatabase } from "./database";
import { startScheduler } from "./jobs";
import { createLogger } from "./log";
import { createMetrics } from "./metrics";

// Run compiled (`npm run serve`: build/node/server.js, made by scripts/build-server.mjs) or from
// source (`npm run dev`, tsx). Paths are relative to the working directory, the project's root.
const dev = process.argv.includes("--dev");

let settings: ServerSettings;
try {
  // Before NODE_ENV gets its default below: NODE_ENV=production set by the operator, without
  // APP_MODE, means production mode (never the demo data).
  settings = readSettings();
} catch (err) {
  if (!(err instanceof SettingsError)) throw err;
  console.error(`Rõ Việc cannot start. ${err.message}`);
  process.exit(1);
}
// Not a setting: React and Remix read NODE_ENV to pick their production builds.
// eslint-disable-next-line no-restricted-properties
if (!dev) process.env.NODE_ENV ??= "production";

const logger = createLogger({ format: settings.logFormat, level: settings.logLevel });
if (settings.mocks) {
  const { startMocks } = await import("./mocks");
  startMocks();
  logger.info("MOCKS=1: outbound webhook, Telegram and e-mail calls are answered by msw.");
}
if (settings.outboundAllowPrivate) logger.warn("OUTBOUND_ALLOW_PRIVATE=1: notifications may be sent to loopback and private network addresses.");
const bootedAt = Date.now();
const now = settings.clockStart
  ? () => new Date(settings.clockStart!.getTime() + (Date.now() - bootedAt))
  : () => new Date();
let opened: Awaited<ReturnType<typeof openAppDatabase>>;
try {
  opened = await openAppDatabase(settings.database, settings.databasePoolSize, async (owner) => {
    if (!settings.demo) return;
    // Demo mode only, loaded on demand: a production server never loads the demo seed.
    const { seedDemoIfEmpty } = await import("../demo/seed/index");
    const seeded = await seedDemoIfEmpty(owner, now());
    if (seeded) logger.info(`Demo data seeded into ${describeTarget(settings.database)} (password RoViec@2026).`);
  });
} catch (err) {
  logger.error(`Rõ Việc cannot start. ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const { db, pool, sqlite } = opened;
const files = openFileStore(settings.fileStorage, { filesDir: settings.filesDir, db });
// SQLite: WAL checkpoints in a worker thread, never in a request's or a job's commit
// (db/checkpointer.ts). PostgreSQL checkpoints in its own processes: nothing to do.
const stopCheckpointer =
  sqlite && settings.database.engine === "sqlite" ? startCheckpointer(sqlite, settings.database.path) : async () => {};

const metrics = createMetrics({ db, pool, processMetrics: true });
const lifecycle = { draining: false };
const common = {
  db,
  config: settings,
  files,
  trustProxy: settings.trustProxy,
  origins: settings.origins,
  formLog: settings.formLog,
  now,
  logger,
  metrics,
  metricsToken: settings.metricsToken,
  lifecycle,
};
let app;
if (dev) {
  const { createServer } = await import("vite");
  const vite = await createServer({ server: { middlewareMode: true } });
  app = createApp({ ...common, vite });
} else {
  const buildPath = resolve("build/server/index.js");
  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first.");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  app = createApp({ ...common, build });
}

const stopScheduler = startScheduler(db, settings, { now, logger, metrics });

const server = app.listen(settings.port, () => {
  logger.info(`Rõ Việc listening on http://localhost:${settings.port} (${settings.production ? "production" : "demo"} mode)`, { port: settings.port, pid: process.pid });
});

/**
 * SIGTERM / SIGINT: stop accepting connections, let the requests in flight finish and the running
 * job end, close the database, exit 0. After SHUTDOWN_TIMEOUT_MS (default 10 s), or on a second
 * signal, whatever is still open is cut and the exit code is 1.
 */
let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) {
    logger.error(`${signal} again: stopping now without waiting`);
    process.exit(1);
  }
  shuttingDown = true;
  lifecycle.draining = true;
  logger.info(`${signal}: shutting down, waiting up to ${settings.shutdownTimeoutMs} ms for requests in flight and a running job`, { signal });
  const force = setTimeout(() => {
    logger.error(`shutdown timed out after ${settings.shutdownTimeoutMs} ms: closing the remaining connections`);
    server.closeAllConnections();
    process.exit(1);
  }, settings.shutdownTimeoutMs);
  // Keep-alive connections that fall idle after their last answer are closed as they do.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await Promise.all([new Promise<void>((r) => server.close(() => r())), stopScheduler()]);
    clearInterval(idle);
    await stopCheckpointer();
    await db.destroy();
  } catch (err) {
    logger.error("shutdown failed", err);
    process.exit(1);
  }
  clearTimeout(force);
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
