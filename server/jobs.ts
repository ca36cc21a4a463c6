import { pruneLoginLimits } from "../app/modules/auth/login.server";
import { outboundPolicyOf } from "../app/modules/notifications/outbound.server";
import { deliverOutbox } from "../app/modules/notifications/outbox.server";
import { runReminders } from "../app/modules/notifications/reminders.server";
import { runRecurringTasks } from "../app/modules/tasks/recurrence.server";
import { optimizeDatabase } from "../db/client";
import type { DB } from "../db/schema";
import type { ServerSettings } from "./config";

/** What the jobs need from the settings. */
type JobSettings = Pick<ServerSettings, "publicUrl" | "telegramApiBase" | "production" | "outboundAllowPrivate">;

/** Scheduled jobs: each idempotent, safe to run at any time and any number of times. */
export const JOBS: Record<string, (db: DB, now: Date, settings: JobSettings) => Promise<number>> = {
  "recurring-tasks": runRecurringTasks,
  reminders: runReminders,
  // Outbound messages: delivered outside any transaction, retried with backoff (outbox.server.ts).
  // Only to public addresses, https outside demo mode (outbound.server.ts).
  outbox: async (db, now, settings) =>
    (await deliverOutbox(db, now, { publicUrl: settings.publicUrl, telegramApiBase: settings.telegramApiBase, policy: outboundPolicyOf(settings) })).sent,
  // Keeps the query planner's statistics fresh as tables grow (SQLite's recommended practice).
  // Sign-in counts that a quiet hour has forgotten (the count restarts anyway; this keeps the table small).
  "login-limits": async (db, now) => (await pruneLoginLimits(db, now), 0),
  "db-optimize": async (db) => (await optimizeDatabase(db), 0),
};

/** Runs every job now and then every `intervalMs` in this process; returns a stop function. */
export function startScheduler(db: DB, settings: JobSettings, intervalMs = 60 * 1000, now = () => new Date()): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const [name, job] of Object.entries(JOBS)) {
        try {
          const n = await job(db, now(), settings);
          if (n > 0) console.log(`job ${name}: ${n} created`);
        } catch (err) {
          console.error(`job ${name} failed`, err);
        }
      }
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
