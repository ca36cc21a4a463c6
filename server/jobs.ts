import { pruneLoginLimits } from "../app/modules/auth/login.server";
import { runRetention } from "../app/modules/jobs/retention.server";
import { withJobRun } from "../app/modules/jobs/runs.server";
import { outboundPolicyOf } from "../app/modules/notifications/outbound.server";
import { deliverOutbox } from "../app/modules/notifications/outbox.server";
import { runReminders } from "../app/modules/notifications/reminders.server";
import { runRecurringTasks } from "../app/modules/tasks/recurrence.server";
import { optimizeDatabase } from "../db/client";
import type { DB } from "../db/schema";
import type { ServerSettings } from "./config";

/** What the jobs need from the settings. */
export type JobSettings = Pick<ServerSettings, "publicUrl" | "telegramApiBase" | "production" | "outboundAllowPrivate">;

/**
 * Scheduled jobs: each idempotent, safe to run at any time and any number of times. None holds the
 * event loop or the database for long: they do what changed or fell due since their last run, in
 * bounded chunks, yielding in between (docs/decisions/0029-incremental-jobs-and-retention.md).
 * Each returns how many rows it created (or, for retention, deleted).
 */
export const JOBS: Record<string, (db: DB, now: Date, settings: JobSettings) => Promise<number>> = {
  "recurring-tasks": (db, now) => runRecurringTasks(db, now),
  reminders: (db, now) => runReminders(db, now),
  // Outbound messages: delivered outside any transaction, retried with backoff (outbox.server.ts).
  // Only to public addresses, https outside demo mode (outbound.server.ts). At most 20 a run.
  outbox: async (db, now, settings) =>
    (await deliverOutbox(db, now, { publicUrl: settings.publicUrl, telegramApiBase: settings.telegramApiBase, policy: outboundPolicyOf(settings) })).sent,
  // Sign-in counts that a quiet hour has forgotten (the count restarts anyway; this keeps the table small).
  "login-limits": (db, now) => pruneLoginLimits(db, now),
  // Notifications, outbound messages and sessions past their retention (never the audit log).
  retention: (db, now) => runRetention(db, now),
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

/**
 * Runs every job now and then every `intervalMs` in this process; returns a stop function. Each
 * job runs on its own: one still running (a long morning sweep) is skipped at the next tick, and
 * never holds up the others (the outbox keeps delivering while reminders are written).
 */
export function startScheduler(db: DB, settings: JobSettings, intervalMs = 60 * 1000, now = () => new Date()): () => void {
  const running = new Set<string>();
  const tick = () => {
    for (const [name, job] of Object.entries(JOBS)) {
      if (running.has(name)) continue;
      running.add(name);
      void (async () => {
        try {
          const n = await job(db, now(), settings);
          if (n > 0) console.log(`job ${name}: ${n} ${name === "retention" ? "deleted" : "created"}`);
        } catch (err) {
          console.error(`job ${name} failed`, err);
        } finally {
          running.delete(name);
        }
      })();
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
