import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { ViteDevServer } from "vite";
import type { AppConfig } from "../app/context.server";
import type { FileStore } from "../app/modules/files/store.server";
import type { DB } from "../db/schema";
import { LIMITS } from "../app/utils/limits";
import { migrations } from "../migrations/index";
import { withFormLog } from "./form-log";
import { acceptRequestId, createLogger, orgOfPath, type Logger } from "./log";
import { createMetrics, metricsAccess, readiness, type Metrics } from "./metrics";
import { remixHandler } from "./remix-handler";
import { precompressed } from "./static";
import type { TrustProxy } from "./config";

interface CreateAppOptions {
  db: DB;
  config: AppConfig;
  /** Where uploaded files are kept (FILE_STORAGE; app/modules/files/store.server.ts). */
  files: FileStore;
  /** The built Remix server (build/server/index.js), or the Vite dev server in development. */
  build?: ServerBuild;
  vite?: ViteDevServer;
  now?: () => Date;
  /** The server log (server/log.ts); default JSON lines on stdout and stderr. */
  logger?: Logger;
  /** Where request lines go instead (JSON), e.g. `() => {}` in tests and benchmarks. */
  log?: (line: string) => void;
  /** Prometheus metrics (server/metrics.ts), shared with the scheduler; default a new registry. */
  metrics?: Metrics;
  /** METRICS_TOKEN: a bearer token that opens /metrics from anywhere (otherwise loopback only). */
  metricsToken?: string;
  /** Set `draining` when the server is shutting down: /readyz answers 503 and connections close. */
  lifecycle?: { draining: boolean };
  /** Directory of the built client assets. */
  clientDir?: string;
  /** Express `trust proxy` (TRUST_PROXY): decides req.ip and req.protocol behind a reverse proxy. */
  trustProxy?: TrustProxy;
  /** Origins a state-changing request may come from (APP_ORIGIN); none: the request's own origin. */
  origins?: string[];
  /** FORM_LOG (tests): record each form a browser submits in this file (server/form-log.ts). */
  formLog?: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Browser features the app never uses are switched off, for it and anything it might embed. The
// camera stays available to the app itself (inspection photos are taken with the phone's camera).
const PERMISSIONS_POLICY = [
  "camera=(self)",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "hid=()",
  "midi=()",
  "display-capture=()",
  "accelerometer=()",
  "gyroscope=()",
  "magnetometer=()",
  "interest-cohort=()",
  "browsing-topics=()",
].join(", ");

/** The Express app: security middleware in front of Remix. Used by server/index.ts and tests. */
export function createApp(opts: CreateAppOptions) {
  const { db, config, files } = opts;
  const now = opts.now ?? (() => new Date());
  const logger = opts.logger ?? (opts.log ? createLogger({ out: opts.log }) : createLogger());
  const metrics = opts.metrics ?? createMetrics({ db });
  const lifecycle = opts.lifecycle ?? { draining: false };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", opts.trustProxy ?? false);

  // One log line per request (server/log.ts): request id, centre, user, method, route pattern,
  // path (no query string, no body, no cookies), status, duration; and the request metrics.
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    const requestId = acceptRequestId(req.get("x-request-id"), randomUUID);
    res.setHeader("X-Request-Id", requestId);
    res.locals.requestId = requestId;
    res.locals.observe = {} as { userId?: string };
    res.locals.route = "other";
    // While shutting down, keep-alive connections are closed after their response.
    if (lifecycle.draining) res.setHeader("Connection", "close");
    let logged = false;
    const done = (status: number) => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const route = res.locals.route as string;
      metrics.observeRequest(route, req.method, status, ms / 1000);
      logger.request({
        requestId,
        org: orgOfPath(req.path),
        userId: (res.locals.observe as { userId?: string }).userId,
        method: req.method,
        route,
        path: req.path,
        status,
        durationMs: Math.round(ms * 10) / 10,
      });
    };
    res.on("finish", () => done(res.statusCode));
    // The client went away before the answer was complete (nginx's 499).
    res.on("close", () => done(res.writableFinished ? res.statusCode : 499));
    next();
  });

  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": [
            "'self'",
            (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`,
            ...(opts.vite ? ["'unsafe-inline'"] : []),
          ],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'", ...(opts.vite ? ["ws:"] : [])],
          "font-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          ...(config.production ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      hsts: config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });

  app.get("/healthz", async (_req, res) => {
    res.locals.route = "/healthz";
    try {
      await sql`select 1`.execute(db);
      res.status(200).json({ status: "ok", time: now().toISOString() });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });

  // Ready for traffic: the database answers, its migrations are exactly this code's, and the
  // server is not shutting down. A load balancer stops sending requests on 503.
  const expectedMigrations = Object.keys(migrations).sort();
  app.get("/readyz", async (_req, res) => {
    res.locals.route = "/readyz";
    res.setHeader("Cache-Control", "no-store");
    if (lifecycle.draining) return void res.status(503).json({ status: "unavailable", reason: "shutting down" });
    const state = await readiness(db, expectedMigrations);
    if (state.ready) return void res.status(200).json({ status: "ready", migration: expectedMigrations[expectedMigrations.length - 1] });
    const { ready: _ready, ...why } = state;
    res.status(503).json({ status: "unavailable", ...why });
  });

  // Prometheus text format; from this machine, or anywhere with the METRICS_TOKEN bearer token.
  app.get("/metrics", async (req, res) => {
    res.locals.route = "/metrics";
    res.setHeader("Cache-Control", "no-store");
    const access = metricsAccess(req, opts.metricsToken);
    if (access === "badToken") {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      return refuseAtDoor(res, 401, "Mã truy cập số liệu vận hành không đúng.");
    }
    if (access === "forbidden") return refuseAtDoor(res, 403, "Số liệu vận hành chỉ xem được từ máy chủ hoặc với mã truy cập (METRICS_TOKEN).");
    try {
      const body = await metrics.registry.metrics();
      res.status(200).setHeader("Content-Type", metrics.registry.contentType);
      res.end(body);
    } catch (err) {
      logger.error("metrics: collection failed", err);
      res.status(500).type("text/plain; charset=utf-8").send("Không đọc được số liệu vận hành.");
    }
  });

  // CSRF defence: a state-changing request must come from our own origin.
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (isSameOrigin(req, opts.origins ?? [])) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu bị từ chối: nguồn gửi không hợp lệ.");
  });

  if (opts.vite) {
    app.use(opts.vite.middlewares);
  } else {
    const clientDir = opts.clientDir ?? "build/client";
    // Labelled "static" until Remix takes over a path that is no file.
    app.use((_req, res, next) => {
      res.locals.route = "static";
      next();
    });
    // Hashed names never change content: cached for a year, never revalidated. Brotli or gzip
    // copies from the build when the client accepts them (server/static.ts).
    app.use("/assets", precompressed(`${clientDir}/assets`, "public, max-age=31536000, immutable"));
    app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y" }));
    app.use(precompressed(clientDir, "public, max-age=3600"));
    app.use(express.static(clientDir, { maxAge: "1h" }));
  }

  // Malformed or oversized at the door: a path that is not valid percent-encoding, an overlong
  // query string, a body that says it is larger than any route accepts. Counted again as it streams.
  app.use((req, res, next) => {
    res.locals.route = "other";
    try {
      decodeURIComponent(req.path);
    } catch {
      return refuseAtDoor(res, 400, "Địa chỉ trang không hợp lệ.");
    }
    const query = req.originalUrl.indexOf("?");
    if (query >= 0 && req.originalUrl.length - query > LIMITS.queryChars) return refuseAtDoor(res, 414, "Địa chỉ trang quá dài.");
    // A NUL byte is never part of a real address, and PostgreSQL text cannot hold one (SQLite can):
    // refused here rather than failing in a query (docs/decisions/0027-postgresql.md).
    if (/%00/i.test(req.originalUrl) || req.originalUrl.includes("\u0000")) return refuseAtDoor(res, 400, "Địa chỉ trang không hợp lệ.");
    if (Number(req.get("content-length") ?? 0) > LIMITS.requestBytes) {
      req.resume();
      res.setHeader("Connection", "close");
      return refuseAtDoor(res, 413, "Dữ liệu gửi lên quá lớn.");
    }
    next();
  });

  // Pages may carry personal data: never store them in shared or browser caches.
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  const vite = opts.vite;
  const formLog = opts.formLog;
  const logged = (build: ServerBuild) => (formLog ? withFormLog(build, formLog) : build);
  app.all(
    "*",
    remixHandler({
      build: vite
        ? async () => logged((await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild)
        : logged(opts.build as ServerBuild),
      mode: vite ? "development" : "production",
      getLoadContext: (req, res) => ({
        db,
        now,
        config,
        files,
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? "",
        dataRequest: req.path.endsWith(".data"),
        observe: res.locals.observe as { userId?: string },
      }),
      onRoute: (res, routeId) => void (res.locals.route = routeId),
      onError: (err) => logger.error("after-response hook failed", err),
    }),
  );

  // Last resort: never show a stack trace. A client error raised below Remix (a body over the
  // limit, a malformed one) keeps its 4xx status.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(err);
    if (!status) logger.error("request failed", err, { requestId: res.locals.requestId as string });
    if (res.headersSent) return;
    if (status) return refuseAtDoor(res, status, status === 413 ? "Dữ liệu gửi lên quá lớn." : "Yêu cầu không hợp lệ.");
    res.status(500).type("text/plain; charset=utf-8").send("Đã có lỗi xảy ra. Vui lòng thử lại sau.");
  });

  return app;
}

/**
 * Is the request's Origin one we accept: the configured public origins when there are any (a proxy
 * that rewrites Host), otherwise the request's own origin. The whole origin counts (scheme, host and
 * port): https://host is not http://host. req.protocol follows X-Forwarded-Proto only from a trusted
 * proxy (TRUST_PROXY).
 */
function isSameOrigin(req: Request, origins: string[]): boolean {
  const origin = req.get("origin");
  const host = req.get("host");
  if (!origin || origin === "null" || !host) return false;
  try {
    const url = new URL(origin);
    // Remix also compares the Origin's host with X-Forwarded-Host or Host, and answers 500 when they
    // differ: refuse such a request here, with a 403.
    if (url.host !== (req.get("x-forwarded-host")?.split(",")[0]?.trim() || host)) return false;
    if (origins.length) return origins.includes(origin);
    return url.origin === origin && new URL(`${req.protocol}://${host}`).origin === origin;
  } catch {
    return false;
  }
}

function refuseAtDoor(res: Response, status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
}

/** The 4xx status an error carries (body-parser style `status`/`statusCode`), if any. */
function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const status = (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}
