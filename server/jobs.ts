import { pruneLoginLimits } from "../app/modules/auth/login.server";
import { outboundPolicyOf } from "../app/modules/notifications/outbound.server";
import { deliverOutbox } from "../app/modules/notifications/outbox.server";
import { runReminders } from "../app/modules/notifications/reminders.server";
import { runRecurringTasks } from "../app/modules/tasks/recurrence.server";
import { optimizeDatabase } from "../db/client";
import type { DB } from "../db/schema";
import { withoutTenant } from "../db/tenant";
import type { ServerSettings } from "./config";

/** What the jobs need from the settings. */
export type JobSettings = Pick<ServerSettings, "publicUrl" | "telegramApiBase" | "production" | "outboundAllowPrivate">;

/**
 * Scheduled jobs: each idempotent, safe to run at any time and any number of times. A job is about
 * no single centre: the ones that read tenant tables run across every centre (`withoutTenant`,
 * docs/decisions/0033), each row written in the centre it belongs to.
 */
export const JOBS: Record<string, (db: DB, now: Date, settings: JobSettings) => Promise<number>> = {
  "recurring-tasks": (db, now) => withoutTenant("background job across all centres: recurring tasks of every centre", () => runRecurringTasks(db, now)),
  reminders: (db, now) => withoutTenant("background job across all centres: reminders to every centre's members", () => runReminders(db, now)),
  // Outbound messages: delivered outside any transaction, retried with backoff (outbox.server.ts).
  // Only to public addresses, https outside demo mode (outbound.server.ts).
  outbox: (db, now, settings) =>
    withoutTenant("background job across all centres: the outbox is one queue for every centre", async () =>
      (await deliverOutbox(db, now, { publicUrl: settings.publicUrl, telegramApiBase: settings.telegramApiBase, policy: outboundPolicyOf(settings) })).sent,
    ),
  // Sign-in counts that a quiet hour has forgotten (the count restarts anyway; this keeps the table small).
  "login-limits": async (db, now) => (await pruneLoginLimits(db, now), 0),
  // Keeps the query planner's statistics fresh as tables grow (SQLite's recommended practice).
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
