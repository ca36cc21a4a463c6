import type { AppConfig } from "../app/context.server";
import { dirname, join } from "node:path";
import { databasePath } from "../db/client";

export interface ServerSettings extends AppConfig {
  port: number;
  databasePath: string;
  /** Seed demo centres and accounts into a new database. */
  demo: boolean;
  /** Demo and tests only: the server's clock starts at this instant and runs on from there. */
  clockStart?: Date;
}

/** Reads the environment once at start-up. See README "Configuration". */
export function readSettings(env = process.env): ServerSettings {
  const production = env.APP_MODE === "production";
  if (production && !env.DATABASE_URL) {
    throw new Error("APP_MODE=production requires DATABASE_URL (the SQLite file to use).");
  }
  const dbPath = databasePath(env.DATABASE_URL);
  return {
    production,
    secureCookies: production && env.INSECURE_COOKIES !== "1",
    port: Number(env.PORT ?? 3000),
    databasePath: dbPath,
    filesDir: env.FILES_DIR ?? join(dirname(dbPath), "files"),
    outboundAllowPrivate: env.OUTBOUND_ALLOW_PRIVATE === "1",
    demo: !production,
    clockStart: !production && env.APP_CLOCK_START ? new Date(env.APP_CLOCK_START) : undefined,
  };
}
