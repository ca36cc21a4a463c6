import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledServer, startCompiledServer, type CompiledServer } from "../helpers/compiled";
import { BASE_DB, TMP_DIR } from "../helpers/paths";
import { Client } from "../helpers/server";

// The compiled server (what `npm run serve` runs) as a child process, over real HTTP: the request
// log, /readyz, /metrics and SIGTERM. SQLite only (vitest.config.ts). Ports 3700–3799.

type Child = CompiledServer & { dbPath: string };

const METRICS_TOKEN = "test-metrics-token-0123456789abcdef";

function freshDbFile(): string {
  const path = join(TMP_DIR, `ops-${randomUUID()}.db`);
  copyFileSync(BASE_DB, path);
  return path;
}

/** The compiled server on a free port of 3700–3799, on its own copy of the seeded database. */
async function startChild(env: Record<string, string>, dbPath = freshDbFile()): Promise<Child> {
  return { ...(await startCompiledServer({ DATABASE_URL: dbPath, ...env }, 3700)), dbPath };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A POST whose body arrives in two parts: the second only when `finish` is called. */
function slowPost(url: string, path: string, body: string) {
  const u = new URL(url);
  let resolve!: (v: { status: number; body: string }) => void;
  let reject!: (e: unknown) => void;
  const response = new Promise<{ status: number; body: string }>((res, rej) => ((resolve = res), (reject = rej)));
  const req = http.request(
    { host: u.hostname, port: u.port, method: "POST", path, headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } },
    (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
    },
  );
  req.on("error", reject);
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { response, finish: () => req.end(body.slice(half)) };
}

describe("the compiled server in operation", () => {
  let srv: Child;
  beforeAll(async () => {
    srv = await startChild({ METRICS_TOKEN });
  }, 120_000);
  afterAll(async () => {
    srv?.child.kill("SIGTERM");
    await srv?.exited;
  });

  it("writes one JSON log line per request: time, request id, centre, user, method, route pattern, status, duration", async () => {
    const anon = await fetch(`${srv.url}/login`, { headers: { "X-Request-Id": "ops-test-1" } });
    expect(anon.status).toBe(200);
    expect(anon.headers.get("x-request-id")).toBe("ops-test-1");

    const client = new Client(srv.url);
    await client.login("tuky.giamdoc");
    const page = await client.fetch("/o/tu-ky/tasks?q=b%C3%AD%20m%E1%BA%ADt", { headers: { "X-Request-Id": "ops-test-2" } });
    expect(page.status).toBe(200);
    // An id that is not a plain token is replaced by a generated one.
    const odd = await fetch(`${srv.url}/healthz`, { headers: { "X-Request-Id": "bad id <script>" } });
    const generated = odd.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const byId = (id: string) => srv.lines().filter((l) => l.json?.requestId === id);
    const [first] = await waitFor(() => (byId("ops-test-1").length ? byId("ops-test-1") : undefined), "the log line");
    expect(first!.json).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: "info",
      msg: "request",
      requestId: "ops-test-1",
      method: "GET",
      route: "routes/login",
      path: "/login",
      status: 200,
      durationMs: expect.any(Number),
    });
    const seen = await waitFor(() => (byId("ops-test-2").length ? byId("ops-test-2") : undefined), "the signed-in line");
    expect(seen).toHaveLength(1);
    const db = new Database(srv.dbPath, { readonly: true });
    const { id: userId } = db.prepare("select id from users where username = 'tuky.giamdoc'").get() as { id: string };
    db.close();
    expect(seen[0]!.json).toMatchObject({ requestId: "ops-test-2", org: "tu-ky", userId, method: "GET", route: "routes/o.$org.tasks._index", path: "/o/tu-ky/tasks", status: 200 });
    // Never the query string.
    expect(seen[0]!.raw).not.toMatch(/q=|bí|%C3/);
    await waitFor(() => (byId(generated).length ? true : undefined), "the generated id's line");
    // Every stdout line is JSON.
    expect(srv.lines().filter((l) => !l.json)).toEqual([]);
  });

  it("/readyz answers 200 when the database answers and its migrations are this code's, 503 with the reason otherwise", async () => {
    const ok = await fetch(`${srv.url}/readyz`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { status: string; migration: string };
    expect(body.status).toBe("ready");

    const db = new Database(srv.dbPath);
    db.pragma("busy_timeout = 5000");
    const last = db.prepare("select name, timestamp from kysely_migration order by name desc limit 1").get() as { name: string; timestamp: string };
    expect(last.name).toBe(body.migration);
    try {
      db.prepare("delete from kysely_migration where name = ?").run(last.name);
      const missing = await fetch(`${srv.url}/readyz`);
      expect(missing.status).toBe(503);
      expect(await missing.json()).toEqual({ status: "unavailable", reason: "migrations pending", pending: [last.name] });
      db.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run(last.name, last.timestamp);
      db.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("999_from_a_newer_version", last.timestamp);
      const ahead = await fetch(`${srv.url}/readyz`);
      expect(ahead.status).toBe(503);
      expect(await ahead.json()).toMatchObject({ reason: "database has migrations this version does not know", unknown: ["999_from_a_newer_version"] });
    } finally {
      db.prepare("delete from kysely_migration where name = '999_from_a_newer_version'").run();
      db.prepare("insert or ignore into kysely_migration (name, timestamp) values (?, ?)").run(last.name, last.timestamp);
      db.close();
    }
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
    // /healthz only says the process and database answer.
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });

  it("/metrics speaks Prometheus text format with route patterns as labels, and only to this machine or the token's holder", async () => {
    const client = new Client(srv.url);
    await client.login("tuky.canbo01");
    for (const path of ["/o/tu-ky/tasks", "/o/tu-ky/attendance", "/o/an-phu/tasks", "/no/such/page"]) {
      // Read to the end: a response is counted when it has been sent.
      await (await client.fetch(path)).text();
    }

    const res = await fetch(`${srv.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // Every line is a comment (# HELP / # TYPE) or `name{labels} value`.
    for (const line of text.split("\n").filter(Boolean)) {
      expect(line).toMatch(/^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.]+(e[+-]?\d+)?|NaN|[+-]Inf))$/);
    }
    expect(text).toContain("# TYPE roviec_http_request_duration_seconds histogram");
    expect(text).toMatch(/roviec_http_request_duration_seconds_bucket\{le="0\.1",route="routes\/o\.\$org\.tasks\._index",method="GET"\} \d+/);
    expect(text).toMatch(/roviec_http_request_duration_seconds_count\{route="routes\/o\.\$org\.attendance\._index",method="GET"\} 1/);
    expect(text).toMatch(/roviec_http_requests_total\{method="GET",status_class="2xx"\} \d+/);
    expect(text).toMatch(/roviec_http_requests_total\{method="GET",status_class="4xx"\} \d+/);
    expect(text).toMatch(/roviec_outbox_messages\{status="pending"\} \d+/);
    expect(text).toMatch(/roviec_outbox_messages\{status="failed"\} \d+/);
    expect(text).toContain("roviec_outbox_oldest_pending_age_seconds");
    expect(text).toMatch(/roviec_job_runs_total\{job="outbox",outcome="success"\} [1-9]/);
    expect(text).toMatch(/roviec_job_duration_seconds_count\{job="recurring-tasks"\} [1-9]/);
    expect(text).toMatch(/roviec_job_last_success_timestamp_seconds\{job="reminders"\} \d+/);
    expect(text).toContain("process_cpu_seconds_total");
    // Bounded labels: route ids, never a URL or a centre's slug.
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!));
    for (const r of routes) expect(r).toMatch(/^(routes\/[^/?]+|root|\/healthz|\/readyz|\/metrics|static|unmatched|other)$/);
    expect(text).not.toContain("tu-ky");
    expect(text).not.toContain("an-phu");

    // Through a proxy (X-Forwarded-For) or without the token: refused.
    const proxied = await fetch(`${srv.url}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.5" } });
    expect(proxied.status).toBe(403);
    expect(await proxied.text()).toContain("METRICS_TOKEN");
    const wrong = await fetch(`${srv.url}/metrics`, { headers: { Authorization: "Bearer not-the-token-at-all-000000" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    const withToken = await fetch(`${srv.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}`, "X-Forwarded-For": "203.0.113.5" } });
    expect(withToken.status).toBe(200);
  });
});

describe("shutting down", () => {
  it("on SIGTERM stops accepting connections, finishes the request in flight, closes the database and exits 0", async () => {
    const srv = await startChild({});
    const slow = slowPost(srv.url, "/login", "username=tuky.giamdoc&password=RoViec%402026&redirectTo=%2F");
    await sleep(300);
    srv.child.kill("SIGTERM");
    await waitFor(() => srv.lines().find((l) => l.json?.signal === "SIGTERM"), "the shutdown line");
    // No new connections, while the request in flight is still waiting for its body.
    await expect(fetch(`${srv.url}/healthz`)).rejects.toThrow();
    await sleep(300);
    expect(srv.child.exitCode).toBeNull();
    slow.finish();
    const res = await slow.response;
    expect(res.status).toBe(302);
    expect(await srv.exited).toBe(0);
    const msgs = srv.lines().map((l) => l.json?.msg);
    expect(msgs).toContain("stopped");
    expect(srv.lines().find((l) => l.json?.route === "routes/login" && l.json?.method === "POST")?.json).toMatchObject({ status: 302 });
    // The database was closed cleanly: SQLite removed its WAL on the last close.
    const db = new Database(srv.dbPath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  }, 60_000);

  it("exits 1 when requests are still running after SHUTDOWN_TIMEOUT_MS; LOG_LEVEL=warn keeps request lines out", async () => {
    const srv = await startChild({ SHUTDOWN_TIMEOUT_MS: "500", LOG_LEVEL: "warn" });
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    const stuck = slowPost(srv.url, "/login", "username=tuky.giamdoc&password=RoViec%402026");
    stuck.response.catch(() => {});
    await sleep(300);
    const t0 = Date.now();
    srv.child.kill("SIGTERM");
    expect(await srv.exited).toBe(1);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(srv.stderr()).toContain("shutdown timed out after 500 ms");
    expect(srv.lines().filter((l) => l.json?.msg === "request")).toEqual([]);
  }, 60_000);
});

describe("production mode", () => {
  it("NODE_ENV=production without APP_MODE is production: a new database is migrated and never gets the demo data", async () => {
    const dbPath = join(TMP_DIR, `prod-${randomUUID()}.db`);
    const srv = await startChild({ NODE_ENV: "production", APP_MODE: "", PUBLIC_URL: "https://roviec.example.vn" }, dbPath);
    try {
      expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
      expect(srv.lines().find((l) => /production mode/.test(String(l.json?.msg)))).toBeDefined();
      expect(srv.lines().find((l) => /Demo data/.test(l.raw))).toBeUndefined();
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare("select count(*) as n from users").get()).toEqual({ n: 0 });
      expect(db.prepare("select count(*) as n from organizations").get()).toEqual({ n: 0 });
      db.close();
    } finally {
      srv.child.kill("SIGTERM");
      expect(await srv.exited).toBe(0);
    }
    // And without PUBLIC_URL it refuses to start, as APP_MODE=production does.
    const child = spawn(process.execPath, [compiledServer().server], {
      env: { ...(process.env as Record<string, string>), NODE_ENV: "production", APP_MODE: "", DATABASE_URL: dbPath, PORT: "0", PUBLIC_URL: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    expect(await new Promise((r) => child.on("exit", r))).toBe(1);
    expect(stderr).toContain("APP_MODE=production requires PUBLIC_URL");
  }, 60_000);
});
