// Throughput and latency of a check-in as users do it, against a trivial and a cheap page, over HTTP
// against the real server process (node --import tsx server/index.ts, production build) on a fresh
// temporary database. Issue 17, goal 3; decision 0037.
//   (a) GET /healthz — Express, security middleware, one `select 1` (no Remix).
//   (f) GET /o/tu-ky/bench-floor — the floor of issue 17, as in bench:pages: a bare Remix route that
//       checks the session and the membership, does one indexed read and renders a tiny page (the
//       server runs with BENCH_FLOOR=1).
//   (b) without JavaScript: POST /o/tu-ky/attendance intent=checkIn, then the GET its 303 leads to
//       (the whole page), in turn on each connection; one check-in = both. Cookies rotate over the 10
//       staff members of tu-ky, each already checked in once: every check-in is an idempotent repeat.
//   (c) with JavaScript (Remix single fetch): POST /o/tu-ky/attendance.data?index — the one request a
//       tap sends now that the action answers with the page's state and nothing revalidates.
//   (e) with JavaScript as it was before decision 0037: that POST (answered 202, a redirect), then
//       the GET /o/tu-ky/attendance.data that reloaded every route's data. Measured in every run for
//       comparison; today's browser no longer sends the second request.
//   (g) (b) for members who have not checked in today: a real insert, its audit entry and a COMMIT
//       with fsync (synchronous=FULL). These members are created directly in the database before
//       the run (staff of tu-ky, sessions inserted like a sign-in would).
//   (d) (c) for members who have not checked in today.
// A check-in of two requests counts once in "check-ins/s", and its latency is the sum of its two
// requests'. Autocannon, 10 connections; each scenario runs 10 s in all, in 3 rounds of slices
// interleaved with the others' so that a busy machine weighs on all alike (a 2 s warm-up first).
//
// Usage: npm run build && npm run bench:checkin [-- --duration 10 --connections 10 --rounds 3] [--port N]
//        [--prof DIR] (a CPU profile of the server, .cpuprofile, for Chrome's DevTools or scripts)
import { DEMO_USERS, freePort, ORG, requireBuild, ROOT, signIn, waitForHealthz } from "./lib/http";
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
    rounds: { type: "string", default: "3" },
    port: { type: "string" },
    /** A folder for a V8 CPU profile of the server (node --cpu-prof), written when it stops. */
    prof: { type: "string" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
/** Each scenario runs DURATION seconds in all, in ROUNDS slices interleaved with the others'. */
const ROUNDS = Math.max(1, Number(args.rounds));

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
  requests?: { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: RequestParams, context: Record<string, unknown>) => RequestParams }[];
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


const port = args.port ? Number(args.port) : await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", APP_MODE: "demo", PORT: String(port), DATABASE_URL: dbPath, APP_CLOCK_START: CLOCK_START, BENCH_FLOOR: "1" };
for (const k of ["APP_ORIGIN", "TRUST_PROXY", "FILES_DIR", "INSECURE_COOKIES"]) delete env[k];
// One log line per request goes to a file (as it would to a log collector), never through a pipe to us.
const fd = openSync(logPath, "a");
const child = spawn(process.execPath, [...(args.prof ? ["--cpu-prof", "--cpu-prof-dir", args.prof] : []), "--import", "tsx", "server/index.ts"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
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

const ready = () => waitForHealthz(base, () => proc.alive, logPath, 30_000);


const CHECKIN_PATH = `/o/${ORG}/attendance`;
const CHECKIN_BODY = "intent=checkIn";
const formHeaders = { "content-type": "application/x-www-form-urlencoded", origin: base };

interface Measured {
  label: string;
  /** Check-ins (or page views) per second: a check-in of two requests counts once. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  ok: number;
  statuses: string;
  errors: number;
  /** The server's CPU time (user + system) per check-in or page view, over the slices without warm-up. */
  cpuMs: number;
}

/** The server process's CPU time so far, in ms (Linux: /proc/<pid>/stat, utime + stime). */
function serverCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;

/**
 * One scenario, measured in slices (one per round) that add up. With `steps` > 1 each connection
 * sends its requests in turn and one pass is one check-in: its latency is the sum of its requests'
 * (p95 from every pass; autocannon reports p90/p97.5, not p95).
 */
function scenario(label: string, opts: Omit<Parameters<Autocannon>[0], "duration" | "connections" | "warmup">, steps = 1) {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  let seconds = 0;
  let responses = 0;
  let ok = 0;
  let errors = 0;
  let cpuMs = 0;
  let cpuResponses = 0;
  return {
    label,
    async slice(duration: number, warmup?: boolean) {
      const cpu0 = serverCpuMs();
      const pending = new Map<unknown, { n: number; ms: number }>();
      const tracker = autocannon({ ...opts, connections: CONNECTIONS, duration, ...(warmup ? { warmup: { connections: CONNECTIONS, duration: 2 } } : {}) });
      tracker.on("response", (client: unknown, _status: number, _bytes: number, ms: number) => {
        const pass = pending.get(client) ?? { n: 0, ms: 0 };
        pass.n++;
        pass.ms += ms;
        if (pass.n === steps) {
          latencies.push(pass.ms);
          pending.delete(client);
        } else pending.set(client, pass);
      });
      const r = await tracker;
      if (!warmup) {
        cpuMs += serverCpuMs() - cpu0;
        cpuResponses += r.requests.total;
      }
      seconds += r.duration;
      responses += r.requests.total;
      // A check-in that succeeded answers 303 See Other without JavaScript (then the page, 200), 200
      // with the page's state with JavaScript (202, a redirect, before decision 0037).
      ok += r["2xx"] + (r.statusCodeStats["303"]?.count ?? 0);
      errors += r.errors + r.timeouts;
      for (const [code, c] of Object.entries(r.statusCodeStats)) statuses.set(code, (statuses.get(code) ?? 0) + c.count);
    },
    result(): Measured {
      latencies.sort((x, y) => x - y);
      const m: Measured = {
        label,
        rps: responses / steps / seconds,
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        responses,
        ok,
        statuses: [...statuses].map(([code, n]) => `${n}×${code}`).join(", "),
        errors,
        cpuMs: cpuMs / (cpuResponses / steps),
      };
      console.log(
        `${label.padEnd(50)} ${m.rps.toFixed(0).padStart(6)}/s   p50 ${m.p50.toFixed(1).padStart(6)} ms   p95 ${m.p95.toFixed(1).padStart(6)} ms   p99 ${m.p99.toFixed(1).padStart(6)} ms   CPU ${m.cpuMs.toFixed(1).padStart(5)} ms   (${m.statuses}${m.errors ? `, ${m.errors} errors` : ""})`,
      );
      return m;
    },
  };
}

/** Each check-in takes the next cookie (round-robin); `used()` tells how many were handed out. */
function rotating(cookies: string[]) {
  let i = 0;
  return {
    /** The first request of a check-in: the next member. */
    first: (req: RequestParams, context: Record<string, unknown>): RequestParams => {
      const cookie = cookies[i++ % cookies.length]!;
      context.cookie = cookie;
      return { ...req, headers: { ...req.headers, cookie } };
    },
    /** A later request of the same check-in: the same member. */
    same: (req: RequestParams, context: Record<string, unknown>): RequestParams => ({ ...req, headers: { ...req.headers, cookie: String(context.cookie) } }),
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
  console.log(`${USERS.length} members signed in over HTTP and checked in once; autocannon: ${CONNECTIONS} connections, ${DURATION} s per scenario in ${ROUNDS} interleaved rounds`);

  const post = (path: string) => ({ method: "POST", path, headers: formHeaders, body: CHECKIN_BODY });
  const get = (path: string) => ({ method: "GET", path });
  /** Without JavaScript: the form's POST, then the page its 303 leads to. */
  const plainForm = [post(`${CHECKIN_PATH}?index`), get(CHECKIN_PATH)];
  /** With JavaScript: the data request of the action. */
  const script = [post(`${CHECKIN_PATH}.data?index`)];
  /** With JavaScript before decision 0037: the action, then every route's data again. */
  const scriptThenReload = [post(`${CHECKIN_PATH}.data?index`), get(`${CHECKIN_PATH}.data`)];
  const withCookies = (steps: { method: string; path: string; headers?: Record<string, string>; body?: string }[], r: ReturnType<typeof rotating>) =>
    steps.map((step, k) => ({ ...step, setupRequest: k === 0 ? r.first : r.same }));

  // Enough new members that every first-time check-in is one, whatever the speed.
  const t = performance.now();
  const poolG = 3000;
  const poolD = 8000;
  const rotationG = rotating(createMembers(poolG, "benchg").cookies);
  const rotationD = rotating(createMembers(poolD, "benchd").cookies);
  console.log(`${poolG + poolD} staff members with sessions created in the database beforehand (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  // The repeats rotate over the ten staff members: the director's page adds today's board for the
  // whole centre, which the thousands of members created above would make unlike any real centre.
  const staff = cookies.slice(0, 10);
  const url = base;
  const a = scenario("(a) GET /healthz", { url: `${base}/healthz` });
  const f = scenario("(f) GET bench-floor (the floor)", { url, requests: withCookies([get(`/o/${ORG}/bench-floor`)], rotating(staff)) });
  const b = scenario(`(b) no JS: POST + 303's GET, repeat (${staff.length})`, { url, requests: withCookies(plainForm, rotating(staff)) }, 2);
  const c = scenario(`(c) JS: POST .data, repeat (${staff.length})`, { url, requests: withCookies(script, rotating(staff)) });
  const e = scenario(`(e) JS before 0037: POST .data + GET .data`, { url, requests: withCookies(scriptThenReload, rotating(staff)) }, 2);
  const g = scenario("(g) no JS: POST + 303's GET, first time", { url, requests: withCookies(plainForm, rotationG) }, 2);
  const d = scenario("(d) JS: POST .data, first time", { url, requests: withCookies(script, rotationD) });
  const all = [a, f, b, c, e, g, d];
  for (let round = 0; round < ROUNDS; round++) {
    for (const sc of all) await sc.slice(DURATION / ROUNDS, round === 0 && sc !== g && sc !== d);
  }
  const [ma, mf, mb, mc, me, mg, md] = all.map((sc) => sc.result()) as [Measured, Measured, Measured, Measured, Measured, Measured, Measured];
  const recorded = (tag: string) => {
    const db = new Database(dbPath, { readonly: true });
    const n = (
      db
        .prepare(
          `select count(*) as n from attendance_records a join memberships m on m.id = a.membership_id join users u on u.id = m.user_id
           where a.date = ? and u.username like ?`,
        )
        .get(TODAY, `tuky.${tag}%`) as { n: number }
    ).n;
    db.close();
    return n;
  };
  for (const [label, tag, rotation, pool] of [
    ["(g)", "benchg", rotationG, poolG],
    ["(d)", "benchd", rotationD, poolD],
  ] as const) {
    const repeats = Math.max(0, rotation.used() - pool);
    console.log(`    ${label}: ${recorded(tag)} first check-ins recorded` + (repeats ? ` — the pool ran out: ${repeats} check-ins were repeats` : " — no member checked in twice"));
  }

  const ratio = (x: Measured, y: Measured) =>
    `${((x.rps / y.rps) * 100).toFixed(1).padStart(5)} % of the rate, p95 ${(x.p95 / y.p95).toFixed(1)}×, CPU ${(x.cpuMs / y.cpuMs).toFixed(1)}×`;
  console.log("");
  for (const [name, x] of [
    ["(b) no JS, repeat", mb],
    ["(g) no JS, first time", mg],
    ["(c) JS, repeat", mc],
    ["(d) JS, first time", md],
    ["(e) JS before 0037, repeat", me],
  ] as const) {
    console.log(`${name.padEnd(28)} vs (f) floor: ${ratio(x, mf)}   vs (a) /healthz: ${ratio(x, ma)}`);
  }
  for (const m of [ma, mf, mb, mc, me, mg, md]) {
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
