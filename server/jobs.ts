import { pruneLoginLimits } from "../app/modules/auth/login.server";
import { outboundPolicyOf } from "../app/modules/notifications/outbound.server";
import { deliverOutbox } from "../app/modules/notifications/outbox.server";
import { runReminders } from "../app/modules/notifications/reminders.server";
import { runRecurringTasks } from "../app/modules/tasks/recurrence.server";
import { optimizeDatabase } from "../db/client";
import type { DB } from "../db/schema";
import type { ServerSettings } from "./config";
import { createLogger, type Logger } from "./log";
import type { Metrics } from "./metrics";

/** What the jobs need from the settings. */
type JobSettings = Pick<ServerSettings, "publicUrl" | "telegramApiBase" | "production" | "outboundAllowPrivate">;

export type Job = (db: DB, now: Date, settings: JobSettings) => Promise<number>;

/** Scheduled jobs: each idempotent, safe to run at any time and any number of times. */
export const JOBS: Record<string, Job> = {
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

export interface SchedulerOptions {
  intervalMs?: number;
  now?: () => Date;
  logger?: Logger;
  metrics?: Metrics;
  /** The jobs to run (default JOBS; tests pass their own). */
  jobs?: Record<string, Job>;
}

/**
 * Runs every job now and then every `intervalMs` in this process, one after the other. Returns
 * `stop`: no new run starts, and its promise settles once the job running at that moment (if any)
 * has finished — the jobs after it in the same round are not started.
 */
export function startScheduler(db: DB, settings: JobSettings, opts: SchedulerOptions = {}): () => Promise<void> {
  const { intervalMs = 60 * 1000, now = () => new Date(), logger = createLogger(), metrics, jobs = JOBS } = opts;
  let stopped = false;
  let running: Promise<void> | undefined;
  const tick = async () => {
    for (const [name, job] of Object.entries(jobs)) {
      if (stopped) return;
      const start = process.hrtime.bigint();
      try {
        const n = await job(db, now(), settings);
        metrics?.observeJob(name, Number(process.hrtime.bigint() - start) / 1e9, true, new Date());
        if (n > 0) logger.info(`job ${name}: ${n} created`, { job: name, count: n });
      } catch (err) {
        metrics?.observeJob(name, Number(process.hrtime.bigint() - start) / 1e9, false, new Date());
        logger.error(`job ${name} failed`, err, { job: name });
      }
    }
  };
  const run = () => {
    if (running || stopped) return;
    running = tick().finally(() => (running = undefined));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
