// Prometheus metrics (prom-client, docs/decisions/0031-operations.md). One registry per app, so
// tests can run several servers in one process. Label values are bounded: a route label is a Remix
// route id (or one of a few fixed names), never a URL; methods outside a short list are "OTHER".
import { timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { sql } from "kysely";
import type pg from "pg";
import client from "prom-client";
import type { DB } from "../db/schema";
import { withoutTenant } from "../db/tenant";

export interface Metrics {
  registry: client.Registry;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  observeJob(job: string, seconds: number, ok: boolean, at: Date): void;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface MetricsOptions {
  db: DB;
  /** PostgreSQL: the pool, for its connection counts. */
  pool?: pg.Pool;
  /** Process metrics (CPU, memory, event loop lag, handles); off in tests that make many apps. */
  processMetrics?: boolean;
}

export function createMetrics(opts: MetricsOptions): Metrics {
  const registry = new client.Registry();
  if (opts.processMetrics) client.collectDefaultMetrics({ register: registry });

  const duration = new client.Histogram({
    name: "roviec_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by route pattern (Remix route id) and method.",
    labelNames: ["route", "method"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requests = new client.Counter({
    name: "roviec_http_requests_total",
    help: "Requests answered, by method and status class (2xx, 3xx, 4xx, 5xx).",
    labelNames: ["method", "status_class"] as const,
    registers: [registry],
  });
  const jobRuns = new client.Counter({
    name: "roviec_job_runs_total",
    help: "Scheduled job runs, by job and outcome (success or failure).",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const jobDuration = new client.Histogram({
    name: "roviec_job_duration_seconds",
    help: "Duration of scheduled job runs.",
    labelNames: ["job"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });
  const jobLastSuccess = new client.Gauge({
    name: "roviec_job_last_success_timestamp_seconds",
    help: "When each scheduled job last finished without an error (Unix time).",
    labelNames: ["job"] as const,
    registers: [registry],
  });

  const db = opts.db;
  new client.Gauge({
    name: "roviec_outbox_messages",
    help: "Outbound messages (webhook, Telegram, e-mail) in the outbox by status: pending and sending are the backlog, failed gave up after retries.",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      try {
        const rows = await withoutTenant("metrics: an operator's count over every centre, no row leaves the server", () =>
          // tenant-safe: an operator's count over every centre, no row leaves the server.
          db.selectFrom("outbox").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("status").execute(),
        );
        this.reset();
        for (const s of ["pending", "sending", "sent", "failed"]) this.set({ status: s }, 0);
        for (const r of rows) this.set({ status: r.status }, Number(r.n));
      } catch {
        // The database did not answer: /readyz says so; the scrape still succeeds.
      }
    },
  });
  new client.Gauge({
    name: "roviec_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest outbound message still waiting to be delivered (0 when none).",
    registers: [registry],
    async collect() {
      try {
        const row = await withoutTenant("metrics: an operator's figure over every centre", () =>
          // tenant-safe: an operator's figure over every centre.
          db.selectFrom("outbox").select((eb) => eb.fn.min("created_at").as("oldest")).where("status", "in", ["pending", "sending"]).executeTakeFirst(),
        );
        const oldest = row?.oldest ? Date.parse(String(row.oldest)) : NaN;
        this.set(Number.isNaN(oldest) ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
      } catch {
        // see above
      }
    },
  });

  const pool = opts.pool;
  if (pool) {
    const poolGauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
      new client.Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read(pool));
        },
      });
    poolGauge("roviec_db_pool_connections", "PostgreSQL connections this process holds open (busy and idle).", (p) => p.totalCount);
    poolGauge("roviec_db_pool_idle_connections", "PostgreSQL connections open and idle.", (p) => p.idleCount);
    poolGauge("roviec_db_pool_waiting_clients", "Queries waiting for a free PostgreSQL connection.", (p) => p.waitingCount);
    poolGauge("roviec_db_pool_max_connections", "The pool's limit (DATABASE_POOL_SIZE).", (p) => p.options.max ?? 10);
  }

  return {
    registry,
    observeRequest(route, method, status, seconds) {
      const m = METHODS.has(method) ? method : "OTHER";
      duration.observe({ route, method: m }, seconds);
      requests.inc({ method: m, status_class: `${Math.floor(status / 100)}xx` });
    },
    observeJob(job, seconds, ok, at) {
      jobRuns.inc({ job, outcome: ok ? "success" : "failure" });
      jobDuration.observe({ job }, seconds);
      if (ok) jobLastSuccess.set({ job }, at.getTime() / 1000);
    },
  };
}

/** A loopback peer address (IPv4 127/8, IPv6 ::1, or IPv4 mapped into IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith("::ffff:") ? address.slice(7) : address;
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * Who may read /metrics: a request with `Authorization: Bearer <METRICS_TOKEN>` from anywhere, or a
 * direct connection from this machine. "Direct" means the peer is loopback and the request carries
 * no proxy header: a reverse proxy on the same machine connects from loopback too, and forwards the
 * public's requests with X-Forwarded-For. A wrong token is refused even from loopback.
 */
export function metricsAccess(req: Request, token: string | undefined): "ok" | "badToken" | "forbidden" {
  const auth = req.get("authorization");
  if (auth !== undefined) {
    if (!token) return "badToken";
    const given = Buffer.from(auth);
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "badToken";
  }
  const proxied = req.get("x-forwarded-for") !== undefined || req.get("forwarded") !== undefined || req.get("x-real-ip") !== undefined;
  return isLoopback(req.socket.remoteAddress) && !proxied ? "ok" : "forbidden";
}

/** Readiness: the database answers and holds exactly the migrations this code knows. */
export async function readiness(db: DB, expected: string[]): Promise<{ ready: true } | { ready: false; reason: string; pending?: string[]; unknown?: string[] }> {
  try {
    await sql`select 1`.execute(db);
  } catch {
    return { ready: false, reason: "database unreachable" };
  }
  let applied: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    applied = rows.map((r) => r.name);
  } catch {
    return { ready: false, reason: "migrations pending", pending: expected };
  }
  const have = new Set(applied);
  const know = new Set(expected);
  const pending = expected.filter((n) => !have.has(n));
  const unknown = applied.filter((n) => !know.has(n)).sort();
  if (pending.length) return { ready: false, reason: "migrations pending", pending };
  if (unknown.length) return { ready: false, reason: "database has migrations this version does not know", unknown };
  return { ready: true };
}
