// "Never lose a check-in." Starts the real server (node --import tsx server/index.ts, production
// build) on a fresh temporary database, signs in every member of tu-ky, fires a burst of concurrent
// check-ins (several per member, double taps included) and kills the server with SIGKILL while
// requests are in flight. With the server dead it opens the database file itself and checks that
// every check-in acknowledged with a 303 is there exactly once (member/day/session), that its audit
// entry was committed with it, and that PRAGMA integrity_check says "ok". Then it restarts the
// server on the same file, one working day later, and does it again. A last restart repeats one
// check-in per member (idempotent after recovery), stops the server gracefully and verifies
// everything once more. Exit code 0 only when nothing was lost, duplicated or corrupted.
//
// Usage: npm run build && npm run check:durability [-- --rounds 3 --delays 600,900,300
//        --answered 0.3,0.5,0.1 --per-user 4 --spread 300 --timeout 55000 --keep --self-test]
import { DEMO_USERS, freePort, ORG, requireBuild, ROOT, signIn } from "./lib/http";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    /** Milliseconds from the first request of the burst to SIGKILL, one per round (cycled). */
    delays: { type: "string", default: "600,900,300" },
    /** ...or as soon as this share of the burst has been answered, if that comes first (one per round). */
    answered: { type: "string", default: "0.3,0.5,0.1" },
    "per-user": { type: "string", default: "4" },
    /** The burst's requests start within this many milliseconds. */
    spread: { type: "string", default: "300" },
    /** Hard limit for the whole run. */
    timeout: { type: "string", default: "55000" },
    /** Keep the temporary folder (database and server log) for inspection. */
    keep: { type: "boolean", default: false },
    /** Checks the checker: deletes one acknowledged check-in before the final verification (must fail). */
    "self-test": { type: "boolean", default: false },
  },
});
const ROUNDS = Math.min(5, Math.max(1, Number(args.rounds)));
const DELAYS = args.delays.split(",").map(Number);
const ANSWERED = args.answered.split(",").map(Number);
const PER_USER = Math.max(2, Number(args["per-user"]));
const SPREAD = Number(args.spread);
const TIMEOUT = Number(args.timeout);

const USERS = DEMO_USERS;
/** Round 1 is Wednesday 11/03/2026, 07:05 in Vietnam: before any seeded arrival that day. */
const FIRST_DAY = "2026-03-11";
const CLOCK_TIME = "T00:05:00Z";

requireBuild();

const dir = mkdtempSync(join(tmpdir(), "roviec-durability-"));
const dbPath = join(dir, "app.db");
const logPath = join(dir, "server.log");
const live = new Set<ChildProcess>();

// Never leave a server running or a temporary folder behind, whatever happens.
process.on("exit", () => {
  for (const child of live) {
    try {
      if (child.pid) process.kill(child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(130));
setTimeout(() => {
  console.error(`Timed out after ${TIMEOUT} ms.`);
  process.exit(1);
}, TIMEOUT).unref();

// ---- the server process ----

interface Server {
  child: ChildProcess;
  pid: number;
  base: string;
  exited: Promise<string>;
}


function logTail(lines = 20): string {
  try {
    return readFileSync(logPath, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

async function startServer(clockStart: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", APP_MODE: "demo", PORT: String(port), DATABASE_URL: dbPath, APP_CLOCK_START: clockStart };
  for (const k of ["APP_ORIGIN", "TRUST_PROXY", "FILES_DIR", "INSECURE_COOKIES"]) delete env[k];
  // The server writes one line per request: to a file, so a busy pipe can never stall it.
  const fd = openSync(logPath, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  if (!child.pid) throw new Error("could not start the server");
  live.add(child);
  let gone = false;
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      gone = true;
      live.delete(child);
      resolve(signal ?? `exit ${code}`);
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the server exited during start-up:\n${logTail()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return { child, pid: child.pid, base, exited };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not become ready:\n${logTail()}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/** A check-in that was recorded answers 303 See Other (Post/Redirect/Get, app/utils/notice.server.ts). */
const ACK = 303;

/** One check-in as the page's form sends it. Resolves with the status, or null when the connection died. */
async function checkIn(base: string, cookie: string): Promise<number | null> {
  try {
    const res = await fetch(`${base}/o/${ORG}/attendance`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie },
      body: "intent=checkIn",
      redirect: "manual",
    });
    // The status line counts as the acknowledgement; the body may be cut off by the kill.
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return null;
  }
}

// ---- one round: burst, kill, verify ----

type Outcome = "ack" | "refused" | "lost" | "not sent";
interface Shot {
  user: string;
  at: number;
  outcome?: Outcome;
  status?: number;
}

/** A small deterministic PRNG, so a round's schedule is the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per member: a double tap (two requests at the same instant), then repeats spread over the burst. */
function schedule(round: number): Shot[] {
  const rnd = prng(round * 7919);
  const shots: Shot[] = [];
  for (const user of USERS) {
    const first = Math.floor(rnd() * SPREAD * 0.6);
    shots.push({ user, at: first }, { user, at: first });
    for (let k = 2; k < PER_USER; k++) shots.push({ user, at: Math.floor(rnd() * SPREAD) });
  }
  return shots.sort((a, b) => a.at - b.at);
}

/**
 * Fires the shots and sends SIGKILL after `killAfter` ms or as soon as `killAtAnswers` responses have
 * arrived, whichever comes first — so the kill lands mid-burst on a fast machine as on a slow one.
 */
async function burst(server: Server, cookies: Map<string, string>, shots: Shot[], killAfter: number, killAtAnswers: number) {
  let killed = false;
  let inFlight = 0;
  let answered = 0;
  let inFlightAtKill = 0;
  let answeredAtKill = 0;
  let killedAt = 0;
  const t0 = performance.now();
  let onKilled: () => void = () => {};
  const killedPromise = new Promise<void>((resolve) => (onKilled = resolve));
  const kill = () => {
    if (killed) return;
    killed = true;
    process.kill(server.pid, "SIGKILL");
    inFlightAtKill = inFlight;
    answeredAtKill = answered;
    killedAt = performance.now() - t0;
    onKilled();
  };
  const timer = setTimeout(kill, killAfter);
  const done = shots.map(
    (shot) =>
      new Promise<void>((resolve) => {
        setTimeout(async () => {
          if (killed) {
            shot.outcome = "not sent";
            return resolve();
          }
          inFlight++;
          const status = await checkIn(server.base, cookies.get(shot.user)!);
          inFlight--;
          shot.status = status ?? undefined;
          shot.outcome = status === ACK ? "ack" : status === null ? "lost" : "refused";
          if (status !== null && ++answered >= killAtAnswers) kill();
          resolve();
        }, shot.at);
      }),
  );
  await killedPromise;
  clearTimeout(timer);
  await Promise.all(done);
  await server.exited;
  return { inFlightAtKill, answeredAtKill, killedAt };
}

// ---- verification, on the database file with no server running ----

interface Expected {
  user: string;
  date: string;
}

interface Verdict {
  integrity: string;
  found: number;
  lost: Expected[];
  duplicates: number;
  auditMismatches: number;
  committedWithoutAck: number;
}

function verify(expected: Expected[], days: { date: string; clockStart: string }[]): Verdict {
  // Opening the file after a crash is what recovery looks like: SQLite replays the WAL.
  const db = new Database(dbPath);
  try {
    db.pragma("busy_timeout = 5000");
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const members = new Map(
      (
        db
          .prepare(
            `select u.username, m.id from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id
             where o.slug = ?`,
          )
          .all(ORG) as { username: string; id: string }[]
      ).map((r) => [r.username, r.id]),
    );
    const perSession = db.prepare(
      `select session, count(*) as n from attendance_records a join organizations o on o.id = a.org_id
       where o.slug = ? and a.membership_id = ? and a.date = ? group by session`,
    );
    let found = 0;
    const lost: Expected[] = [];
    for (const e of expected) {
      const rows = perSession.all(ORG, members.get(e.user), e.date) as { session: string; n: number }[];
      if (rows.length) found++;
      else lost.push(e);
    }
    // Exactly once per member/day/session, anywhere in the table.
    const duplicates = (
      db
        .prepare(
          `select count(*) as n from (select 1 from attendance_records group by org_id, membership_id, date, session having count(*) > 1)`,
        )
        .get() as { n: number }
    ).n;
    // Every check-in written during the rounds has its audit entry, written in the same transaction.
    let auditMismatches = 0;
    let committedWithoutAck = 0;
    const ackedKeys = new Set(expected.map((e) => `${members.get(e.user)}|${e.date}`));
    for (const d of days) {
      const written = db
        .prepare(
          `select a.membership_id, a.date, a.session,
             (select count(*) from audit_log l where l.action = 'attendance.checkedIn' and l.entity_id = a.membership_id
                and json_extract(l.details, '$.date') = a.date and json_extract(l.details, '$.session') = a.session) as audits
           from attendance_records a where a.date = ? and a.created_at >= ?`,
        )
        .all(d.date, d.clockStart) as { membership_id: string; date: string; session: string; audits: number }[];
      for (const w of written) {
        if (w.audits !== 1) auditMismatches++;
        if (!ackedKeys.has(`${w.membership_id}|${w.date}`)) committedWithoutAck++;
      }
    }
    return { integrity, found, lost, duplicates, auditMismatches, committedWithoutAck };
  } finally {
    db.close();
  }
}

function uniqueKeys(list: Expected[]): Expected[] {
  const seen = new Map<string, Expected>();
  for (const e of list) seen.set(`${e.user}|${e.date}`, e);
  return [...seen.values()];
}

/** The next weekday after `date` (YYYY-MM-DD). */
function nextWeekday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

// ---- main ----

const started = performance.now();
let failed = false;
const acknowledged: Expected[] = [];
const days: { date: string; clockStart: string }[] = [];
let unexpectedStatuses = 0;

try {
  let date = FIRST_DAY;
  let cookies = new Map<string, string>();
  for (let round = 1; round <= ROUNDS; round++) {
    const clockStart = new Date(`${date}${CLOCK_TIME}`).toISOString();
    days.push({ date, clockStart });
    const server = await startServer(clockStart);
    if (round === 1) {
      // Sessions live in the database: the cookies stay valid across every restart.
      cookies = new Map(await Promise.all(USERS.map(async (u) => [u, await signIn(server.base, u)] as const)));
    }
    const delay = DELAYS[(round - 1) % DELAYS.length]!;
    const shots = schedule(round);
    const killAtAnswers = Math.max(1, Math.round(ANSWERED[(round - 1) % ANSWERED.length]! * shots.length));
    const { inFlightAtKill, answeredAtKill, killedAt } = await burst(server, cookies, shots, delay, killAtAnswers);
    const count = (o: Outcome) => shots.filter((s) => s.outcome === o).length;
    const refused = shots.filter((s) => s.outcome === "refused");
    unexpectedStatuses += refused.length;
    const acked = uniqueKeys(shots.filter((s) => s.outcome === "ack").map((s) => ({ user: s.user, date })));
    acknowledged.push(...acked);
    const v = verify(acked, [{ date, clockStart }]);
    const ok = v.lost.length === 0 && v.duplicates === 0 && v.integrity === "ok" && v.auditMismatches === 0 && refused.length === 0;
    failed ||= !ok;
    console.log(
      `round ${round}  ${date}  SIGKILL pid ${server.pid} at ${killedAt.toFixed(0)} ms (client had read ${answeredAtKill} answers, ${inFlightAtKill} requests open): ` +
        `${shots.length - count("not sent")}/${shots.length} sent, ${count("ack")} answered ${ACK} (${acked.length} check-ins), ` +
        `${count("lost")} cut off, ${count("not sent")} not sent` +
        (refused.length ? `, ${refused.length} UNEXPECTED status ${[...new Set(refused.map((s) => s.status))].join("/")}` : ""),
    );
    console.log(
      `         after the crash: found ${v.found}/${acked.length}, committed but never acknowledged ${v.committedWithoutAck}, ` +
        `duplicates ${v.duplicates}, audit mismatches ${v.auditMismatches}, integrity ${v.integrity}${ok ? "" : "  <-- FAILED"}`,
    );
    for (const l of v.lost) console.log(`         LOST: ${l.user} on ${l.date}`);
    if (inFlightAtKill === 0) console.log("         (nothing was in flight at the kill: try a shorter --delays)");
    date = nextWeekday(date);
  }

  // Restart on the same file once more: the app must come back and still record nothing twice.
  const last = days[days.length - 1]!;
  const server = await startServer(`${last.date}T00:15:00Z`);
  const repeats = await Promise.all(USERS.map((u) => checkIn(server.base, cookies.get(u)!)));
  const repeatOk = repeats.every((s) => s === ACK);
  if (!repeatOk) {
    failed = true;
    unexpectedStatuses += repeats.filter((s) => s !== ACK).length;
  }
  acknowledged.push(...USERS.filter((_, i) => repeats[i] === ACK).map((user) => ({ user, date: last.date })));
  process.kill(server.pid, "SIGTERM");
  const how = await Promise.race([server.exited, sleep(8000).then(() => "timeout")]);
  if (how === "timeout") {
    process.kill(server.pid, "SIGKILL");
    await server.exited;
  }
  console.log(`restart  ${last.date}  pid ${server.pid}: ${USERS.length} check-ins again → ${repeats.filter((s) => s === ACK).length} answered ${ACK}; stopped (${how})`);

  const all = uniqueKeys(acknowledged);
  if (args["self-test"]) {
    const victim = all[0]!;
    const db = new Database(dbPath);
    db.prepare(
      `delete from attendance_records where date = ? and membership_id =
         (select m.id from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id where u.username = ? and o.slug = ?)`,
    ).run(victim.date, victim.user, ORG);
    db.close();
    console.log(`self-test: deleted the acknowledged check-in of ${victim.user} on ${victim.date}; the verification below must report it lost`);
  }
  const v = verify(all, days);
  const ok = v.lost.length === 0 && v.duplicates === 0 && v.integrity === "ok" && v.auditMismatches === 0 && unexpectedStatuses === 0;
  failed ||= !ok;
  for (const l of v.lost) console.log(`LOST: ${l.user} on ${l.date}`);
  console.log(
    `\nacknowledged: ${all.length}, found: ${v.found}, lost: ${v.lost.length}, duplicates: ${v.duplicates}, integrity: ${v.integrity}` +
      ` (audit mismatches: ${v.auditMismatches}, unexpected statuses: ${unexpectedStatuses}, ${ROUNDS} kill/restart rounds, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
} catch (err) {
  failed = true;
  console.error(err instanceof Error ? err.message : err);
}

if (failed && args.keep) console.error(`kept ${dir}`);
process.exit(failed ? 1 : 0);
