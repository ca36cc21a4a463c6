// Throughput and latency of a check-in against the trivial route, over HTTP against the real server
// process (node --import tsx server/index.ts, production build) on a fresh temporary database.
//   (a) GET /healthz — the floor: Express, security middleware, one `select 1`.
//   (b) POST /o/tu-ky/attendance intent=checkIn, cookies rotating over the 14 members of tu-ky, each
//       already checked in once before the run: every request is an idempotent repeat (double tap).
//   (c) the same POST, each request from a member who has not checked in today: a real insert, its
//       audit entry and a COMMIT with fsync (synchronous=FULL). The members are created directly in
//       the database before this run (staff of tu-ky, sessions inserted like a sign-in would).
//   (b) and (c) are what a browser without JavaScript sends: the action, then the whole page
//       rendered again (loader + SSR). With JavaScript, Remix (single fetch) posts to
//       `/o/tu-ky/attendance.data?index`, which runs the action only (and revalidates separately):
//   (d) that action-only POST, first time for every member: the write path on its own.
// Each run: autocannon, 10 connections, 10 s (a 2 s warm-up before (a) and (b)).
//
// Usage: npm run build && npm run bench:checkin [-- --duration 10 --connections 10]
import { DEMO_USERS, freePort, ORG, requireBuild, ROOT, signIn } from "./lib/http";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateSessionToken, hashSecret, IDLE_TIMEOUT_MS } from "../app/modules/auth/session.server";
import { normalizeSearch } from "../db/text";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);

// autocannon ships no type declarations: the small part used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  statusCodeStats: Record<string, { count: number }>;
}
interface RequestParams {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Tracker = EventEmitter & PromiseLike<AutocannonResult>;
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: { setupRequest: (req: RequestParams) => RequestParams }[];
  warmup?: { connections: number; duration: number };
}) => Tracker;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const USERS = DEMO_USERS;
/** Wednesday 11/03/2026, 07:05 in Vietnam: a working day, before any seeded arrival. */
const CLOCK_START = "2026-03-11T00:05:00.000Z";
const TODAY = "2026-03-11";

requireBuild();

const dir = mkdtempSync(join(tmpdir(), "roviec-bench-checkin-"));
const dbPath = join(dir, "app.db");
const logPath = join(dir, "server.log");
/** The server process, once started; killed by PID on any exit. */
const proc: { child?: ChildProcess; alive: boolean } = { alive: false };
process.on("exit", () => {
  if (proc.alive && proc.child?.pid) {
    try {
      process.kill(proc.child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", APP_MODE: "demo", PORT: String(port), DATABASE_URL: dbPath, APP_CLOCK_START: CLOCK_START };
for (const k of ["APP_ORIGIN", "TRUST_PROXY", "FILES_DIR", "INSECURE_COOKIES"]) delete env[k];
// One log line per request goes to a file (as it would to a log collector), never through a pipe to us.
const fd = openSync(logPath, "a");
const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
closeSync(fd);
proc.child = child;
proc.alive = true;
const bootedAt = Date.now();
const exited = new Promise<string>((resolve) =>
  child.once("exit", (code, signal) => {
    proc.alive = false;
    resolve(signal ?? `exit ${code}`);
  }),
);
const pid = child.pid!;

async function ready() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!proc.alive) break;
    try {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not start:\n${readFileSync(logPath, "utf8").split("\n").slice(-20).join("\n")}`);
}


const CHECKIN_PATH = `/o/${ORG}/attendance`;
const CHECKIN_BODY = "intent=checkIn";
const formHeaders = { "content-type": "application/x-www-form-urlencoded", origin: base };

interface Measured {
  label: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  ok: number;
  statuses: string;
  errors: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;

/** One autocannon run; p95 from every response's latency (autocannon reports p90/p97.5, not p95). */
async function run(label: string, opts: Parameters<Autocannon>[0]): Promise<Measured> {
  const latencies: number[] = [];
  const tracker = autocannon(opts);
  tracker.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const r = await tracker;
  latencies.sort((a, b) => a - b);
  const m: Measured = {
    label,
    rps: r.requests.average,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    responses: latencies.length,
    // A check-in that succeeded answers 303 See Other; /healthz answers 200.
    ok: r["2xx"] + (r.statusCodeStats["303"]?.count ?? 0),
    statuses: Object.entries(r.statusCodeStats)
      .map(([s, c]) => `${c.count}×${s}`)
      .join(", "),
    errors: r.errors + r.timeouts,
  };
  console.log(
    `${label.padEnd(46)} ${m.rps.toFixed(0).padStart(6)} req/s   p50 ${m.p50.toFixed(1).padStart(6)} ms   p95 ${m.p95.toFixed(1).padStart(6)} ms   p99 ${m.p99.toFixed(1).padStart(6)} ms   (${m.statuses}${m.errors ? `, ${m.errors} errors` : ""})`,
  );
  return m;
}

/** Each request takes the next cookie (round-robin); `used()` tells how many were handed out. */
function rotating(cookies: string[]) {
  let i = 0;
  return {
    setupRequest: (req: RequestParams): RequestParams => ({ ...req, headers: { ...req.headers, cookie: cookies[i++ % cookies.length]! } }),
    used: () => i,
  };
}

/** Staff members of tu-ky created directly in the database, each with a session (what sign-in creates). */
function createMembers(n: number, tag: string): { cookies: string[] } {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = FULL");
  try {
    const org = db.prepare("select id from organizations where slug = ?").get(ORG) as { id: string };
    const hash = (db.prepare("select password_hash from users where username = ?").get("tuky.canbo01") as { password_hash: string }).password_hash;
    const serverNow = new Date(Date.parse(CLOCK_START) + (Date.now() - bootedAt) - 60_000);
    const at = serverNow.toISOString();
    const expires = new Date(serverNow.getTime() + IDLE_TIMEOUT_MS).toISOString();
    const insUser = db.prepare(
      `insert into users (id, username, full_name, full_name_search, phone, email, password_hash, must_change_password, locale, created_at, updated_at)
       values (?, ?, ?, ?, null, null, ?, 0, 'vi', ?, ?)`,
    );
    const insMember = db.prepare(
      `insert into memberships (id, org_id, user_id, title, position_id, roles, active, joined_on, left_on, created_at, updated_at)
       values (?, ?, ?, 'Chuyên viên', null, 'staff', 1, '2025-01-02', null, ?, ?)`,
    );
    const insSession = db.prepare(`insert into sessions (id, user_id, secret_hash, created_at, last_verified_at, expires_at) values (?, ?, ?, ?, ?, ?)`);
    const cookies: string[] = [];
    db.transaction(() => {
      for (let k = 1; k <= n; k++) {
        const userId = randomUUID();
        const membershipId = randomUUID();
        const name = `Cán bộ thử tải ${tag} ${String(k).padStart(5, "0")}`;
        insUser.run(userId, `tuky.${tag}${String(k).padStart(5, "0")}`, name, normalizeSearch(name), hash, at, at);
        insMember.run(membershipId, org.id, userId, at, at);
        const { id, secret, token } = generateSessionToken();
        insSession.run(id, userId, hashSecret(secret), at, at, expires);
        cookies.push(`rv_session=${token}`);
      }
    })();
    return { cookies };
  } finally {
    db.close();
  }
}

let failed = false;
try {
  await ready();
  console.log(`server pid ${pid} at ${base}, fresh database in ${dir}, server clock from ${CLOCK_START} (07:05 in Vietnam)`);
  const cookies = await Promise.all(USERS.map((u) => signIn(base, u)));
  // Each member checks in once, so that run (b) measures repeats only.
  for (const c of cookies) {
    const res = await fetch(base + CHECKIN_PATH, { method: "POST", headers: { ...formHeaders, cookie: c }, body: CHECKIN_BODY, redirect: "manual" });
    await res.arrayBuffer();
    // A recorded check-in answers 303 See Other (Post/Redirect/Get).
    if (res.status !== 303) throw new Error(`warm-up check-in failed: ${res.status}`);
  }
  console.log(`${USERS.length} members signed in over HTTP and checked in once; autocannon: ${CONNECTIONS} connections, ${DURATION} s per run\n`);

  const common = { connections: CONNECTIONS, duration: DURATION };
  const a = await run("(a) GET /healthz", { ...common, url: `${base}/healthz`, warmup: { connections: CONNECTIONS, duration: 2 } });
  const b = await run(`(b) POST check-in, repeat (${USERS.length} members)`, {
    ...common,
    url: base + CHECKIN_PATH,
    method: "POST",
    headers: formHeaders,
    body: CHECKIN_BODY,
    requests: [{ setupRequest: rotating(cookies).setupRequest }],
    warmup: { connections: CONNECTIONS, duration: 2 },
  });

  /** A run where every request comes from a member with no check-in yet today (members created just before). */
  async function firstTimeRun(label: string, path: string, tag: string, pool: number) {
    const t = performance.now();
    const extra = createMembers(pool, tag);
    const createdIn = (performance.now() - t) / 1000;
    const rotation = rotating(extra.cookies);
    const m = await run(label, { ...common, url: base + path, method: "POST", headers: formHeaders, body: CHECKIN_BODY, requests: [{ setupRequest: rotation.setupRequest }] });
    const db = new Database(dbPath, { readonly: true });
    const recorded = (
      db
        .prepare(
          `select count(*) as n from attendance_records a join memberships m on m.id = a.membership_id join users u on u.id = m.user_id
           where a.date = ? and u.username like ?`,
        )
        .get(TODAY, `tuky.${tag}%`) as { n: number }
    ).n;
    db.close();
    const repeats = Math.max(0, rotation.used() - pool);
    const note =
      `    ${pool} staff members with sessions created in the database beforehand (${createdIn.toFixed(1)} s); ${recorded} first check-ins recorded for ${m.ok} answers 303` +
      (repeats ? ` — the pool ran out: ${repeats} requests were repeats` : " — no member checked in twice");
    return { ...m, note };
  }

  // Enough members that every request is a first check-in, whatever the speed.
  const c = await firstTimeRun("(c) POST check-in, first time (one per member)", CHECKIN_PATH, "benchc", Math.max(2000, Math.ceil(b.rps * DURATION * 2)));
  console.log(c.note);
  const d = await firstTimeRun("(d) POST .data (action only), first time", `${CHECKIN_PATH}.data?index`, "benchd", Math.max(20_000, Math.ceil(c.rps * DURATION * 12)));
  console.log(d.note);

  const ratio = (x: Measured, y: Measured) => `${((x.rps / y.rps) * 100).toFixed(1)} % of the req/s, p95 ${(x.p95 / y.p95).toFixed(1)}× as long`;
  console.log(`\nratio (b) repeat check-in / (a) healthz:        ${ratio(b, a)}`);
  console.log(`ratio (c) first check-in / (a) healthz:         ${ratio(c, a)}`);
  console.log(`ratio (c) first check-in / (b) repeat:          ${ratio(c, b)}`);
  console.log(`ratio (d) first check-in, action only / (a):    ${ratio(d, a)}`);
  for (const m of [a, b, c, d]) {
    if (m.errors || m.ok !== m.responses) {
      failed = true;
      console.error(`${m.label}: not every response was 2xx or 303 (${m.statuses}, ${m.errors} errors)`);
    }
  }
} catch (err) {
  failed = true;
  console.error(err instanceof Error ? err.message : err);
} finally {
  if (proc.alive) {
    process.kill(pid, "SIGTERM");
    const how = await Promise.race([exited, sleep(8000).then(() => "timeout")]);
    if (how === "timeout") {
      process.kill(pid, "SIGKILL");
      await exited;
    }
  }
}
process.exit(failed ? 1 : 0);
