import { copyFileSync, statSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { runRetention } from "~/modules/jobs/retention.server";
import { withJobRun } from "~/modules/jobs/runs.server";
import { runReminders } from "~/modules/notifications/reminders.server";
import { createTask } from "~/modules/tasks/tasks.server";
import { openBulkWriter } from "../../db/bulk";
import { startCheckpointer, type CheckpointResult } from "../../db/checkpointer";
import { openSqlite } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { DB } from "../../db/schema";
import { buildScaleCalendar, generateCentre } from "../../scripts/lib/scale";
import { freshDb, memberOf } from "../helpers/db";
import { TEST_ENGINE } from "../helpers/engine";
import { legacyRunReminders } from "../helpers/legacy-reminders";
import { BASE_DB, TMP_DIR } from "../helpers/paths";

// The background jobs are incremental and chunked (docs/decisions/0029-incremental-jobs-and-retention.md):
// these tests run them with a controlled clock against real databases (SQLite files, or PostgreSQL
// databases with TEST_DATABASE=postgres) and check what they write — and, through a Kysely that
// records each statement, what they do not.

const sqliteOnly = TEST_ENGINE !== "sqlite";

const open: { db: DB; destroy: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.destroy();
});

/** Records the SQL of every statement run through the Kysely it is plugged into (either engine). */
class StatementLog implements KyselyPlugin {
  readonly statements: string[] = [];
  constructor(private readonly compile: (node: RootOperationNode) => string) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.compile(args.node));
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * A private database: a copy of the seeded one (SQLite or PostgreSQL), or of a generated SQLite
 * file. `logged` is the same database through a Kysely that records each statement in `statements`.
 */
function openCopy(from?: string) {
  let db: DB;
  if (from) {
    const path = `${TMP_DIR}${randomUUID()}.db`;
    copyFileSync(from, path);
    db = openSqlite(path).db;
  } else db = freshDb();
  const log = new StatementLog((node) => db.getExecutor().compileQuery(node, { queryId: "log" } as never).sql);
  const logged = db.withPlugin(log) as DB;
  open.push({ db, destroy: () => db.destroy() });
  return { db, logged, statements: log.statements };
}

const writes = (statements: string[]) => statements.filter((s) => /^\s*(insert|update|delete)\b/i.test(s));
const vn = (local: string) => new Date(`${local}+07:00`);

async function assign(db: DB, at: Date, input: { title: string; deadlineDate: string; deadlineTime?: string; assignee?: string }) {
  const director = await memberOf(db, "tuky.giamdoc");
  const clerk = await memberOf(db, input.assignee ?? "tuky.canbo01");
  return createTask(
    db,
    { orgId: director.orgId, actorUserId: director.userId, membershipId: director.membershipId, now: at },
    {
      intent: "assign",
      title: input.title,
      description: "Rà soát hồ sơ và báo cáo kết quả.",
      assigneeId: clerk.membershipId,
      approverId: director.membershipId,
      sourceKind: "directive",
      sourceRef: "Công văn số 215/UBND-VP",
      startDate: "2026-03-10",
      deadlineDate: input.deadlineDate,
      deadlineTime: input.deadlineTime,
      deliverable: "Báo cáo kết quả",
      priority: "normal",
      recurrence: "none",
    },
  );
}

const remindersOf = (db: DB, dedupeKey: string) => db.selectFrom("notifications").select(["membership_id", "kind", "params", "link"]).where("dedupe_key", "=", dedupeKey).execute();

describe("reminders, incremental", () => {
  it("a second run in the same minute reads a few rows and writes nothing", async () => {
    const { logged, statements, db } = openCopy();
    await assign(db, vn("2026-03-12T07:30:00"), { title: "Việc đến hạn ngày mai", deadlineDate: "2026-03-13" });
    const at = vn("2026-03-12T08:00:00");
    const first = await runReminders(logged, at);
    expect(first).toBeGreaterThan(0);
    const firstStatements = statements.length;
    const rows = await db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    statements.length = 0;
    expect(await runReminders(logged, at)).toBe(0);
    // Only its own bookkeeping row is written (lease and cursor), never a notification.
    expect(writes(statements).every((s) => /job_runs/.test(s))).toBe(true);
    expect(writes(statements).length).toBeLessThanOrEqual(4);
    expect(statements.length).toBeLessThan(firstStatements);
    expect((await db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n).toBe(rows.n);
  });

  it("sends a reminder when it falls due between runs, and only that one", async () => {
    const { db } = openCopy();
    const today = await assign(db, vn("2026-03-12T07:30:00"), { title: "Báo cáo trước 17 giờ", deadlineDate: "2026-03-12", deadlineTime: "17:00" });
    expect(await runReminders(db, vn("2026-03-12T08:00:00"))).toBeGreaterThan(0);
    expect(await remindersOf(db, `overdue:${today}:2026-03-12`)).toHaveLength(0);

    // A task assigned at 10:00, due tomorrow: the next run reminds its assignee.
    const tomorrow = await assign(db, vn("2026-03-12T10:00:00"), { title: "Việc mới giao, hạn ngày mai", deadlineDate: "2026-03-13" });
    expect(await runReminders(db, vn("2026-03-12T10:01:00"))).toBe(1);
    const [due] = await remindersOf(db, `deadline:${tomorrow}:2026-03-12`);
    expect(due).toMatchObject({ kind: "deadlineTomorrow", link: `/o/tu-ky/tasks/${tomorrow}` });
    expect(JSON.parse(due!.params)).toEqual({ title: "Việc mới giao, hạn ngày mai", deadline: "13/03/2026" });

    // 17:00:30 is still within the deadline's minute; at 17:01 the task is overdue.
    expect(await runReminders(db, vn("2026-03-12T17:00:30"))).toBe(0);
    expect(await runReminders(db, vn("2026-03-12T17:01:10"))).toBe(1);
    const [late] = await remindersOf(db, `overdue:${today}:2026-03-12`);
    expect(late).toMatchObject({ kind: "overdue", membership_id: (await memberOf(db, "tuky.canbo01")).membershipId });
    expect(await runReminders(db, vn("2026-03-12T17:02:10"))).toBe(0);
    // The next morning it is reminded again, as every morning while it is overdue.
    await runReminders(db, vn("2026-03-13T07:00:10"));
    expect(await remindersOf(db, `overdue:${today}:2026-03-13`)).toHaveLength(1);
  });

  it("two runs at once: one holds the lease and does the work, the other does nothing", async () => {
    const { db } = openCopy();
    const at = vn("2026-03-12T08:00:00");
    const [a, b] = await Promise.all([runReminders(db, at), runReminders(db, at)]);
    expect(Math.min(a, b)).toBe(0);
    expect(Math.max(a, b)).toBeGreaterThan(0);
    const row = await db.selectFrom("job_runs").selectAll().where("job", "=", "reminders").executeTakeFirstOrThrow();
    expect([row.lease_owner, row.lease_until, row.last_result]).toEqual([null, null, Math.max(a, b)]);
  });
});

// The generator bulk-loads SQLite files (db/bulk.ts); on PostgreSQL the same SQL runs in the tests above.
describe.skipIf(sqliteOnly)("reminders over many centres, in small chunks", () => {
  /** A database with `n` generated centres (the scale generator), the data ending before `today`. */
  async function generated(n: number, today: string): Promise<string> {
    const path = `${TMP_DIR}scale-${randomUUID()}.db`;
    const { db } = openSqlite(path);
    await migrateToLatest(db);
    await db.destroy();
    const cal = buildScaleCalendar(today);
    const w = openBulkWriter(path, 64);
    w.begin();
    for (let k = 1; k <= n; k++) generateCentre({ cal, w, passwordHash: "not-a-real-hash", setupAt: new Date(cal.startMs[cal.firstIdx - 30]!).toISOString() }, k);
    w.commit();
    w.finish();
    return path;
  }

  const snapshot = async (db: DB) =>
    (await db.selectFrom("notifications").select(["membership_id", "kind", "dedupe_key", "params", "link", "created_at"]).where("dedupe_key", "is not", null).orderBy("membership_id").orderBy("dedupe_key").execute()).map(
      (r) => `${r.membership_id} ${r.dedupe_key} ${r.kind} ${r.link} ${r.params} ${r.created_at}`,
    );

  it("writes the same reminders and digests as the job did before, centre by centre and every run", async () => {
    const file = await generated(7, "2026-03-16");
    const before = openCopy(file);
    const after = openCopy(file);
    const existing = new Set(await snapshot(before.db));
    // The first run of the day the data ends before, one later that morning, one in the afternoon
    // (digests at 07–14 h), that Friday (duty tomorrow, Saturday) and 1 December (the annual
    // reminders) — through the reference (the job as it was) and the new job with chunks of two
    // centres and batches of seven rows.
    const runs = ["2026-03-16T07:00:30", "2026-03-16T09:30:00", "2026-03-16T15:00:00", "2026-03-20T07:00:30", "2026-12-01T07:00:30"].map(vn);
    for (const at of runs) {
      await legacyRunReminders(before.db, at);
      await runReminders(after.db, at, { sweepCentres: 2, batchRows: 7, digestCentres: 3 });
    }
    const expected = (await snapshot(before.db)).filter((r) => !existing.has(r));
    const actual = (await snapshot(after.db)).filter((r) => !existing.has(r));
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    // Every kind is there: it is a real comparison.
    const kinds = new Set(expected.map((r) => r.split(" ")[2]));
    expect([...kinds]).toEqual(expect.arrayContaining(["annualDue", "deadlineTomorrow", "digest", "overdue", "shiftTomorrow"]));
    expect(expected.length).toBeGreaterThan(100);
    // Second runs of the same instants write nothing more.
    for (const at of runs.slice(-1)) expect(await runReminders(after.db, at, { sweepCentres: 2, batchRows: 7 })).toBe(0);
  }, 60_000);
});

describe("retention", () => {
  it("deletes read notifications after 90 days, every notification after a year, finished outbound messages and expired sessions — nothing else", async () => {
    const { db } = openCopy();
    const now = vn("2026-03-12T08:00:00");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    const lan = await memberOf(db, "tuky.canbo01");
    const note = (label: string, createdDaysAgo: number, readDaysAgo: number | null) => ({
      id: randomUUID(),
      org_id: lan.orgId,
      membership_id: lan.membershipId,
      kind: "taskAssigned" as const,
      params: JSON.stringify({ label }),
      link: "/o/tu-ky",
      dedupe_key: null,
      read_at: readDaysAgo === null ? null : daysAgo(readDaysAgo),
      created_at: daysAgo(createdDaysAgo),
    });
    const notes = {
      readLongAgo: note("read 100 days ago", 101, 100),
      readRecently: note("read 80 days ago", 120, 80),
      unreadOld: note("unread, 200 days old", 200, null),
      unreadYearOld: note("unread, 400 days old", 400, null),
      readYearOld: note("read yesterday, 400 days old", 400, 1),
    };
    await db.insertInto("notifications").values(Object.values(notes)).execute();
    const out = (notificationId: string | null, status: "sent" | "failed" | "pending", lastAttemptDaysAgo: number) => ({
      id: randomUUID(),
      org_id: lan.orgId,
      notification_id: notificationId,
      channel: "webhook" as const,
      destination: "https://hooks.example.vn/roviec",
      payload: "{}",
      status,
      attempts: 1,
      next_attempt_at: daysAgo(lastAttemptDaysAgo),
      locked_until: null,
      last_error: "",
      sent_at: status === "sent" ? daysAgo(lastAttemptDaysAgo) : null,
      created_at: daysAgo(lastAttemptDaysAgo),
    });
    const outbox = {
      ofDeletedNotification: out(notes.readLongAgo.id, "sent", 10),
      sentLongAgo: out(null, "sent", 40),
      sentRecently: out(null, "sent", 20),
      failedLongAgo: out(null, "failed", 100),
      failedRecently: out(null, "failed", 60),
      pending: out(null, "pending", 0),
    };
    await db.insertInto("outbox").values(Object.values(outbox)).execute();
    const session = (expiresDaysAgo: number) => ({ id: randomUUID(), user_id: lan.userId, secret_hash: "0".repeat(64), created_at: daysAgo(expiresDaysAgo + 7), last_verified_at: daysAgo(expiresDaysAgo + 7), expires_at: daysAgo(expiresDaysAgo) });
    const sessions = { expired: session(3), live: session(-2) };
    await db.insertInto("sessions").values(Object.values(sessions)).execute();
    const count = async (table: "audit_log" | "task_events" | "attendance_records" | "notifications") =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const records = { audit: await count("audit_log"), events: await count("task_events"), attendance: await count("attendance_records"), notifications: await count("notifications") };

    expect(await runRetention(db, now)).toBe(3 + 2 + 1);
    const left = new Set((await db.selectFrom("notifications").select("id").execute()).map((r) => r.id));
    expect(Object.entries(notes).filter(([, n]) => left.has(n.id)).map(([k]) => k)).toEqual(["readRecently", "unreadOld"]);
    const leftOut = new Set((await db.selectFrom("outbox").select("id").execute()).map((r) => r.id));
    expect(Object.entries(outbox).filter(([, o]) => leftOut.has(o.id)).map(([k]) => k)).toEqual(["sentRecently", "failedRecently", "pending"]);
    const leftSessions = new Set((await db.selectFrom("sessions").select("id").execute()).map((r) => r.id));
    expect([leftSessions.has(sessions.expired.id), leftSessions.has(sessions.live.id)]).toEqual([false, true]);
    // Records are never pruned; the demo's own (recent) notifications stay.
    expect(await count("audit_log")).toBe(records.audit);
    expect(await count("task_events")).toBe(records.events);
    expect(await count("attendance_records")).toBe(records.attendance);
    expect(await count("notifications")).toBe(records.notifications - 3);
    // Nothing left to do: the next pass waits an hour.
    expect(await runRetention(db, new Date(now.getTime() + 60_000))).toBe(0);
  });
});

// SQLite only: PostgreSQL checkpoints in its own processes (server/index.ts starts no worker there).
describe.skipIf(sqliteOnly)("WAL checkpoints", () => {
  /** A copy of the seeded SQLite file, its better-sqlite3 handle, and a writer of `mib` MiB of notifications. */
  async function sqliteCopy() {
    const path = `${TMP_DIR}${randomUUID()}.db`;
    copyFileSync(BASE_DB, path);
    const { db, sqlite } = openSqlite(path);
    open.push({ db, destroy: () => db.destroy() });
    const lan = await memberOf(db, "tuky.canbo01");
    const write = async (mib: number) => {
      // About 1 KiB a row (with its index entries), 500 rows a transaction.
      for (let n = 0; n < mib * 1024; n += 500) {
        const rows = Array.from({ length: 500 }, (_, i) => ({
          id: randomUUID(),
          org_id: lan.orgId,
          membership_id: lan.membershipId,
          kind: "digest" as const,
          params: JSON.stringify({ i: n + i, text: "x".repeat(800) }),
          link: "/o/tu-ky",
          dedupe_key: null,
          read_at: null,
          created_at: new Date(0).toISOString(),
        }));
        await db.insertInto("notifications").values(rows).execute();
      }
    };
    const walBytes = () => statSync(`${path}-wal`).size;
    const pageSize = Number(sqlite.pragma("page_size", { simple: true }));
    return { db, sqlite, path, write, walBytes, pageSize };
  }

  it("are done by the worker thread: what the app's connection writes reaches the database file", async () => {
    const { sqlite, path, write } = await sqliteCopy();
    const results: CheckpointResult[] = [];
    const stop = startCheckpointer(sqlite, path, { everyMs: 50, onCheckpoint: (r) => results.push(r) });
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    await write(1);
    const done = () => results.some((r) => r.log > 0 && r.checkpointed === r.log);
    const deadline = Date.now() + 5000;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(done()).toBe(true);
    await stop();
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  });

  it("never by a commit on the app's connection while the worker runs; by the connection again once it stops", async () => {
    const { sqlite, path, write, walBytes, pageSize } = await sqliteCopy();
    // A worker that would checkpoint only in an hour: whatever the connection commits stays in the WAL.
    const stop = startCheckpointer(sqlite, path, { everyMs: 3_600_000 });
    await write(8);
    const grown = walBytes();
    // Automatic checkpoints would have restarted the WAL at about 1,000 pages (one transaction more).
    expect(grown).toBeGreaterThan(2000 * pageSize);
    await stop();
    // The worker's last checkpoint copied it all; the connection checkpoints by itself from now on,
    // so twice as much again reuses the WAL instead of growing it.
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await write(16);
    expect(walBytes()).toBeLessThanOrEqual(grown);
  }, 60_000);

  it("a worker that fails hands checkpoints back to the app's connection", async () => {
    const { sqlite } = await sqliteCopy();
    const warned: unknown[] = [];
    const warn = console.warn;
    const error = console.error;
    console.warn = (...a: unknown[]) => void warned.push(a.join(" "));
    console.error = () => {};
    try {
      // Its own connection cannot open: the worker dies at once.
      startCheckpointer(sqlite, `${TMP_DIR}no-such-folder/${randomUUID()}/app.db`, { everyMs: 10 });
      const deadline = Date.now() + 5000;
      while (sqlite.pragma("wal_autocheckpoint", { simple: true }) !== 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      console.warn = warn;
      console.error = error;
    }
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect(warned.join("\n")).toMatch(/checkpointer stopped/);
  });
});

describe("job leases", () => {
  it("a lease held by another run keeps the job from running until it expires; the cursor survives a run that fails", async () => {
    const { db } = openCopy();
    const at = vn("2026-03-12T08:00:00");
    // A first run leaves a cursor.
    expect(await withJobRun<{ n: number }>(db, "db-optimize", at, async (run) => ((run.cursor = { n: 1 }), 1))).toBe(1);
    // Another process holds it (it crashed, say), until a minute from now.
    await db.updateTable("job_runs").set({ lease_owner: "elsewhere", lease_until: new Date(at.getTime() + 60_000).toISOString() }).where("job", "=", "db-optimize").execute();
    let ran = 0;
    const job = (now: Date) => withJobRun<{ n: number }>(db, "db-optimize", now, async (run) => ((ran += 1), (run.cursor = { n: (run.cursor.n ?? 0) + 1 }), 1));
    expect(await job(new Date(at.getTime() + 30_000))).toBe(0);
    expect(ran).toBe(0);
    // Once the lease has expired the job runs, from the cursor the last run left.
    expect(await job(new Date(at.getTime() + 60_000))).toBe(1);
    expect(ran).toBe(1);
    const row = await db.selectFrom("job_runs").selectAll().where("job", "=", "db-optimize").executeTakeFirstOrThrow();
    expect([JSON.parse(row.cursor), row.lease_owner, row.lease_until]).toEqual([{ n: 2 }, null, null]);
    // A run that throws releases the lease and keeps the cursor of its last save.
    await expect(
      withJobRun<{ n: number }>(db, "db-optimize", new Date(at.getTime() + 120_000), async (run) => {
        await run.save({ n: 3 });
        run.cursor = { n: 99 };
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    const after = await db.selectFrom("job_runs").selectAll().where("job", "=", "db-optimize").executeTakeFirstOrThrow();
    expect([JSON.parse(after.cursor), after.lease_owner, after.lease_until]).toEqual([{ n: 3 }, null, null]);
  });

  it("many runs at once on separate connections: exactly one holds the lease", async () => {
    const { db } = openCopy();
    const at = vn("2026-03-12T08:00:00");
    let inside = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        withJobRun(db, "retention", at, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 50));
          inside -= 1;
          return 1;
        }),
      ),
    );
    expect(results.filter((r) => r === 1)).toHaveLength(1);
    expect(most).toBe(1);
  });

  it("the database refuses a job it does not know", async () => {
    const { db } = openCopy();
    await expect(
      db
        .insertInto("job_runs")
        .values({ job: "no-such-job" as never, updated_at: new Date().toISOString() })
        .execute(),
    ).rejects.toThrow(/job_runs_job_check/);
    if (TEST_ENGINE === "postgres") {
      // Byte order, as SQLite (migration 014's rule for every text column).
      const { rows } = await sql<{ column_name: string; collation_name: string | null }>`
        select column_name, collation_name from information_schema.columns
        where table_schema = current_schema() and table_name = 'job_runs' and data_type = 'text'`.execute(db);
      expect(rows.length).toBe(7);
      expect(rows.filter((r) => r.collation_name !== "C")).toEqual([]);
    }
  });
});
