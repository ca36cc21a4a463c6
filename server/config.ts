import ipaddr from "ipaddr.js";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { AppConfig } from "../app/context.server";
import { FILE_STORAGE_KINDS, type FileStorageKind } from "../app/modules/files/store.server";
import { databaseTarget, DEFAULT_DATABASE_PATH, isPostgresUrl, type DatabaseTarget } from "../db/client";
import type { LogFormat, LogLevel } from "./log";

/** Express's `trust proxy`: a number of hops, all or nothing, or the proxies' addresses and subnets. */
export type TrustProxy = number | boolean | string[];

export interface ServerSettings extends AppConfig {
  port: number;
  /**
   * DATABASE_URL: a SQLite file (default data/app.db) or a PostgreSQL database; with PostgreSQL,
   * DATABASE_OWNER_URL, the tables' owner for the migrations (default: DATABASE_URL).
   */
  database: DatabaseTarget;
  /** PostgreSQL: connections in this process's pool (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** FILES_DIR: the local file store's folder, and where uploads wait while a form is read. */
  filesDir: string;
  /** FILE_STORAGE: where uploaded files are kept — this server's folder, or the database (several servers). */
  fileStorage: FileStorageKind;
  /** Seed demo centres and accounts into a new database. */
  demo: boolean;
  /** Demo and tests only: the server's clock starts at this instant and runs on from there. */
  clockStart?: Date;
  trustProxy: TrustProxy;
  /** Origins a state-changing request may come from (APP_ORIGIN); empty: the request's own origin. */
  origins: string[];
  /** The app's public origin, for links in outbound messages (no trailing slash). */
  publicUrl: string;
  /** Base URL of the Telegram Bot API (no trailing slash). */
  telegramApiBase: string;
  /** msw answers the outbound APIs (offline development). */
  mocks: boolean;
  /** Tests only: the file where each form submitted from a browser is recorded (server/form-log.ts). */
  formLog?: string;
  /** LOG_FORMAT: JSON lines (default) or short text lines. */
  logFormat: LogFormat;
  /** LOG_LEVEL: info (every request), warn, error or off. */
  logLevel: LogLevel;
  /** METRICS_TOKEN: a bearer token that opens /metrics from anywhere (otherwise from this machine only). */
  metricsToken?: string;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for requests and a running job before forcing. */
  shutdownTimeoutMs: number;
}

/** A setting that cannot be used; the message names every offending variable. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

const TRUST_PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An environment variable: unset and empty mean the same. */
const text = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const flag = () =>
  text().transform((v, ctx) => {
    if (v === undefined || v === "0" || v === "false") return false;
    if (v === "1" || v === "true") return true;
    ctx.addIssue({ code: "custom", message: `must be 1 or 0 (got "${v}")` });
    return z.NEVER;
  });

/** An absolute http(s) URL, or undefined after reporting the issue. */
const httpUrl = (v: string, ctx: z.RefinementCtx): URL | undefined => {
  const url = URL.canParse(v) ? new URL(v) : undefined;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    ctx.addIssue({ code: "custom", message: `must be an absolute http or https URL (got "${v}")` });
    return undefined;
  }
  return url;
};

/** An origin (scheme, host, port), with or without a trailing slash; returned in canonical form. */
const origin = (v: string, ctx: z.RefinementCtx): string => {
  const url = httpUrl(v, ctx);
  if (!url) return z.NEVER;
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    ctx.addIssue({ code: "custom", message: `must be an origin such as https://roviec.example.vn, without a path (got "${v}")` });
    return z.NEVER;
  }
  return url.origin;
};

const schema = z
  .object({
    APP_MODE: text().pipe(z.enum(["demo", "production"], { message: "must be demo or production" }).optional()),
    // Only read to decide the mode when APP_MODE is unset: NODE_ENV=production means production.
    NODE_ENV: text(),
    PORT: text().transform((v, ctx) => {
      if (v === undefined) return 3000;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) {
        ctx.addIssue({ code: "custom", message: `must be a port number from 0 to 65535 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    }),
    DATABASE_URL: text().superRefine((v, ctx) => {
      if (!v || !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith("file:")) return;
      if (!isPostgresUrl(v)) {
        ctx.addIssue({ code: "custom", message: `must be a SQLite file (a path or a file: URL) or a postgres:// URL (got "${redactUrl(v)}")` });
      } else if (!URL.canParse(v) || new URL(v).pathname.length < 2) {
        ctx.addIssue({ code: "custom", message: `must name the database, e.g. postgres://roviec@localhost:5432/roviec (got "${redactUrl(v)}")` });
      }
    }),
    DATABASE_OWNER_URL: text().superRefine((v, ctx) => {
      if (v === undefined) return;
      if (!isPostgresUrl(v) || !URL.canParse(v) || new URL(v).pathname.length < 2) {
        ctx.addIssue({ code: "custom", message: `must be a postgres:// URL naming the database, e.g. postgres://roviec_owner@localhost:5432/roviec (got "${redactUrl(v)}")` });
      }
    }),
    DATABASE_POOL_SIZE: text().transform((v, ctx) => {
      if (v === undefined) return 10;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1 || n > 1000) {
        ctx.addIssue({ code: "custom", message: `must be a number of connections from 1 to 1000 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    }),
    FILES_DIR: text(),
    FILE_STORAGE: text().pipe(z.enum(FILE_STORAGE_KINDS as [FileStorageKind, ...FileStorageKind[]], { message: "must be local or database" }).default("local")),
    TRUST_PROXY: text().transform((v, ctx): TrustProxy => {
      if (v === undefined || v === "false") return false;
      if (v === "true") return true;
      if (/^\d+$/.test(v)) return Number(v);
      const entries = v.split(",").map((e) => e.trim());
      const bad = entries.find((e) => !TRUST_PROXY_NAMES.has(e) && !isAddressOrSubnet(e));
      if (bad !== undefined) {
        ctx.addIssue({
          code: "custom",
          message: `must be a number of proxies (e.g. 1), true, false, or a comma-separated list of proxy addresses, subnets or loopback/linklocal/uniquelocal (got "${bad}")`,
        });
        return z.NEVER;
      }
      return entries;
    }),
    APP_ORIGIN: text().transform((v, ctx) => (v === undefined ? [] : v.split(",").map((o) => origin(o.trim(), ctx)))),
    PUBLIC_URL: text().transform((v, ctx) => (v === undefined ? undefined : origin(v, ctx))),
    INSECURE_COOKIES: flag(),
    APP_CLOCK_START: text().transform((v, ctx) => {
      if (v === undefined) return undefined;
      const at = new Date(v);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(at.getTime())) {
        ctx.addIssue({ code: "custom", message: `must be an ISO instant such as 2026-03-10T01:00:00Z (got "${v}")` });
        return z.NEVER;
      }
      return at;
    }),
    MOCKS: flag(),
    BENCH_FLOOR: flag(),
    FORM_LOG: text(),
    OUTBOUND_ALLOW_PRIVATE: flag(),
    LOG_FORMAT: text().pipe(z.enum(["json", "text"], { message: "must be json or text" }).default("json")),
    LOG_LEVEL: text().pipe(z.enum(["info", "warn", "error", "off"], { message: "must be info, warn, error or off" }).default("info")),
    METRICS_TOKEN: text().superRefine((v, ctx) => {
      if (v !== undefined && !/^[\x21-\x7e]{16,256}$/.test(v)) {
        ctx.addIssue({ code: "custom", message: "must be 16 to 256 printable characters without spaces (e.g. from `openssl rand -hex 32`)" });
      }
    }),
    SHUTDOWN_TIMEOUT_MS: text().transform((v, ctx) => {
      if (v === undefined) return 10_000;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 100 || n > 600_000) {
        ctx.addIssue({ code: "custom", message: `must be a number of milliseconds from 100 to 600000 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    }),
    TELEGRAM_API_BASE: text().transform((v, ctx) => {
      if (v === undefined) return "https://api.telegram.org";
      const url = httpUrl(v, ctx);
      return url ? url.href.replace(/\/$/, "") : z.NEVER;
    }),
  })
  // Runs even when a field above failed (its value is then not what its type says).
  .superRefine((s, ctx) => {
    if (s.DATABASE_OWNER_URL !== undefined && !(typeof s.DATABASE_URL === "string" && isPostgresUrl(s.DATABASE_URL))) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_OWNER_URL"], message: "is for PostgreSQL only: DATABASE_URL must then be a postgres:// URL too" });
    }
    if (modeOf(s) !== "production") return;
    if (!s.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "APP_MODE=production requires DATABASE_URL (the SQLite file or the postgres:// URL to use)" });
    }
    if (s.PUBLIC_URL === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "APP_MODE=production requires PUBLIC_URL, the app's public address for links in notifications (e.g. https://roviec.example.vn)",
      });
    } else if (typeof s.PUBLIC_URL === "string" && !s.PUBLIC_URL.startsWith("https:") && s.INSECURE_COOKIES !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "must use https in production (a plain-HTTP intranet sets INSECURE_COOKIES=1 as well)",
      });
    }
  });

/**
 * APP_MODE, or when it is unset, production if NODE_ENV=production: a server started the usual
 * Node way for production never seeds the demo accounts (their password is in the README).
 * APP_MODE=demo states the demo explicitly.
 */
function modeOf(s: { APP_MODE?: "demo" | "production"; NODE_ENV?: string }): "demo" | "production" {
  return s.APP_MODE ?? (s.NODE_ENV === "production" ? "production" : "demo");
}

/** A URL as it may appear in an error message: without its password. */
function redactUrl(v: string): string {
  return v.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}

/** An IPv4 address in dotted-quad form ("1" alone would also parse, as 0.0.0.1) or an IPv6 address. */
function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** An address, a CIDR subnet or address/netmask: what Express (proxy-addr) accepts in a list. */
function isAddressOrSubnet(entry: string): boolean {
  const [addr = "", bits, ...rest] = entry.split("/");
  if (rest.length || !isAddress(addr)) return false;
  if (bits === undefined) return true;
  if (/^\d+$/.test(bits)) return Number(bits) <= (ipaddr.IPv4.isValidFourPartDecimal(addr) ? 32 : 128);
  return ipaddr.IPv4.isValidFourPartDecimal(addr) && ipaddr.IPv4.isValidFourPartDecimal(bits) && ipaddr.IPv4.parse(bits).prefixLengthFromSubnetMask() !== null;
}

/**
 * Reads and validates every setting once, at start-up (see README "Configuration"); nothing else
 * reads the environment. Throws SettingsError naming each bad variable.
 */
export function readSettings(env: Record<string, string | undefined> = process.env): ServerSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new SettingsError(`Invalid settings:\n${lines.join("\n")}`);
  }
  const s = parsed.data;
  const production = modeOf(s) === "production";
  const database = databaseTarget(s.DATABASE_URL ?? DEFAULT_DATABASE_PATH, s.DATABASE_OWNER_URL);
  return {
    production,
    secureCookies: production && !s.INSECURE_COOKIES,
    port: s.PORT,
    database,
    databasePoolSize: s.DATABASE_POOL_SIZE,
    // Beside the SQLite file; for PostgreSQL, data/files.
    filesDir: s.FILES_DIR ?? join(dirname(database.engine === "sqlite" ? database.path : DEFAULT_DATABASE_PATH), "files"),
    fileStorage: s.FILE_STORAGE,
    outboundAllowPrivate: s.OUTBOUND_ALLOW_PRIVATE,
    demo: !production,
    clockStart: production ? undefined : s.APP_CLOCK_START,
    trustProxy: s.TRUST_PROXY,
    origins: s.APP_ORIGIN,
    publicUrl: s.PUBLIC_URL ?? `http://localhost:${s.PORT || 3000}`,
    telegramApiBase: s.TELEGRAM_API_BASE,
    mocks: s.MOCKS,
    benchFloor: s.BENCH_FLOOR,
    formLog: production ? undefined : s.FORM_LOG,
    logFormat: s.LOG_FORMAT,
    logLevel: s.LOG_LEVEL,
    metricsToken: s.METRICS_TOKEN,
    shutdownTimeoutMs: s.SHUTDOWN_TIMEOUT_MS,
  };
}
