import { pruneLoginLimits } from "../app/modules/auth/login.server";
import { openFileStore } from "../app/modules/files/store.server";
import { runRetention } from "../app/modules/jobs/retention.server";
import { withJobRun } from "../app/modules/jobs/runs.server";
import { outboundPolicyOf } from "../app/modules/notifications/outbound.server";
import { runCentreDeletion } from "../app/modules/org/deletion.server";
import { deliverOutbox } from "../app/modules/notifications/outbox.server";
import { runReminders } from "../app/modules/notifications/reminders.server";
import { runRecurringTasks } from "../app/modules/tasks/recurrence.server";
import { optimizeDatabase } from "../db/client";
import type { DB } from "../db/schema";
import { withoutTenant } from "../db/tenant";
import type { ServerSettings } from "./config";
import { createLogger, type Logger } from "./log";
import type { Metrics } from "./metrics";

/** What the jobs need from the settings. */
type JobSettings = Pick<ServerSettings, "publicUrl" | "telegramApiBase" | "production" | "outboundAllowPrivate"> &
  // The centre-deletion job removes a centre's stored files too (without them, its rows only).
  Partial<Pick<ServerSettings, "fileStorage" | "filesDir">>;

export type Job = (db: DB, now: Date, settings: JobSettings) => Promise<number>;

/**
 * Scheduled jobs: each idempotent, safe to run at any time and any number of times. None holds the
 * event loop or the database for long: they do what changed or fell due since their last run, in
 * bounded chunks, yielding in between (docs/decisions/0029-incremental-jobs-and-retention.md).
 * Each returns how many rows it created (or, for retention, deleted). A job is about no single
 * centre: the ones that read tenant tables run across every centre (`withoutTenant`,
 * docs/decisions/0033), each row written in the centre it belongs to.
 */
export const JOBS: Record<string, Job> = {
  "recurring-tasks": (db, now) => withoutTenant("background job across all centres: recurring tasks of every centre", () => runRecurringTasks(db, now)),
  reminders: (db, now) => withoutTenant("background job across all centres: reminders to every centre's members", () => runReminders(db, now)),
  // Outbound messages: delivered outside any transaction, retried with backoff (outbox.server.ts).
  // Only to public addresses, https outside demo mode (outbound.server.ts). At most 20 a run.
  outbox: (db, now, settings) =>
    withoutTenant("background job across all centres: the outbox is one queue for every centre", async () =>
      (await deliverOutbox(db, now, { publicUrl: settings.publicUrl, telegramApiBase: settings.telegramApiBase, policy: outboundPolicyOf(settings) })).sent,
    ),
  // Sign-in counts that a quiet hour has forgotten (the count restarts anyway; this keeps the table small).
  "login-limits": (db, now) => pruneLoginLimits(db, now),
  // Notifications, outbound messages and sessions past their retention (never the audit log).
  retention: (db, now) => withoutTenant("background job across all centres: retention of every centre's notifications and outbox", () => runRetention(db, now)),
  // Centres whose scheduled deletion date has passed: deleted, files and rows, in paced chunks
  // (docs/decisions/0044-centre-lifecycle.md). The other jobs skip suspended centres.
  "centre-deletion": (db, now, settings) =>
    withoutTenant("background job across all centres: deletes the centres whose deletion date has passed", () =>
      runCentreDeletion(db, now, { files: settings.fileStorage && settings.filesDir ? openFileStore(settings.fileStorage, { filesDir: settings.filesDir, db }) : undefined }),
    ),
  // Keeps the query planner's statistics fresh as tables grow (SQLite's recommended practice: once
  // an hour on a long-lived connection, each ANALYZE bounded by analysis_limit, db/client.ts).
  "db-optimize": (db, now) =>
    withJobRun<{ nextAt: string }>(db, "db-optimize", now, async (run) => {
      if (run.cursor.nextAt && now.toISOString() < run.cursor.nextAt) return 0;
      await optimizeDatabase(db);
      run.cursor = { nextAt: new Date(now.getTime() + 60 * 60_000).toISOString() };
      return 0;
    }),
};

export interface SchedulerOptions {
  intervalMs?: number;
  now?: () => Date;
  logger?: Logger;
  metrics?: Metrics;
  /** The jobs to run (default JOBS; tests pass their own). */
  jobs?: Record<string, Job>;
}

/**
 * Runs every job now and then every `intervalMs` in this process. Each job runs on its own: one
 * still running (a long morning sweep) is skipped at the next tick and never holds up the others
 * (the outbox keeps delivering while reminders are written). Returns `stop`: no new run starts, and
 * its promise settles once the jobs running at that moment have finished.
 */
export function startScheduler(db: DB, settings: JobSettings, opts: SchedulerOptions = {}): () => Promise<void> {
  const { intervalMs = 60 * 1000, now = () => new Date(), logger = createLogger(), metrics, jobs = JOBS } = opts;
  let stopped = false;
  const running = new Map<string, Promise<void>>();
  const runJob = async (name: string, job: Job) => {
    const start = process.hrtime.bigint();
    try {
      const n = await job(db, now(), settings);
      metrics?.observeJob(name, Number(process.hrtime.bigint() - start) / 1e9, true, new Date());
      if (n > 0) logger.info(`job ${name}: ${n} ${name === "retention" || name === "centre-deletion" ? "deleted" : "created"}`, { job: name, count: n });
    } catch (err) {
      metrics?.observeJob(name, Number(process.hrtime.bigint() - start) / 1e9, false, new Date());
      logger.error(`job ${name} failed`, err, { job: name });
    }
  };
  const tick = () => {
    for (const [name, job] of Object.entries(jobs)) {
      if (stopped || running.has(name)) continue;
      running.set(name, runJob(name, job).finally(() => running.delete(name)));
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await Promise.all(running.values());
  };
}
