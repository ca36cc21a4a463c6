import type { AppConfig } from "../app/context.server";
import { outboundPolicyOf } from "../app/modules/notifications/outbound.server";
import { deliverOutbox } from "../app/modules/notifications/outbox.server";
import { runReminders } from "../app/modules/notifications/reminders.server";
import { runRecurringTasks } from "../app/modules/tasks/recurrence.server";
import { optimizeDatabase } from "../db/client";
import type { DB } from "../db/schema";

/** The settings jobs need (from server/config.ts). */
export type JobConfig = Pick<AppConfig, "production" | "outboundAllowPrivate">;

/** Scheduled jobs: each idempotent, safe to run at any time and any number of times. */
export const JOBS: Record<string, (db: DB, now: Date, config: JobConfig) => Promise<number>> = {
  "recurring-tasks": runRecurringTasks,
  reminders: runReminders,
  // Outbound messages: delivered outside any transaction, retried with backoff (outbox.server.ts).
  // Only to public addresses, https outside demo mode (outbound.server.ts).
  outbox: async (db, now, config) => (await deliverOutbox(db, now, { policy: outboundPolicyOf(config) })).sent,
  // Keeps the query planner's statistics fresh as tables grow (SQLite's recommended practice).
  "db-optimize": async (db) => (await optimizeDatabase(db), 0),
};

/** Runs every job now and then every `intervalMs` in this process; returns a stop function. */
export function startScheduler(db: DB, intervalMs = 60 * 1000, now = () => new Date(), config: JobConfig = { production: true }): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const [name, job] of Object.entries(JOBS)) {
        try {
          const n = await job(db, now(), config);
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
