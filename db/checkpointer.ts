import type Database from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints off the request thread (SQLite-specific, docs/decisions/0029-incremental-jobs-and-retention.md).
 * better-sqlite3 is synchronous: with automatic checkpoints, the commit that crosses the WAL's
 * threshold copies the pages back into the database file and fsyncs it on the event loop — a
 * stall of tens to hundreds of milliseconds for whichever request or job happened to commit
 * then, more often the more is written (a job's morning sweep, a retention backlog). Here the
 * app's connection stops checkpointing by itself and a worker thread with its own connection runs
 * a PASSIVE checkpoint every `everyMs`: it never blocks a reader or a writer, and its fsync waits
 * in the worker. Should the worker stop, the app's connection checkpoints by itself again.
 */
export interface CheckpointResult {
  busy: number;
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export function startCheckpointer(
  sqlite: Database.Database,
  path: string,
  opts: { everyMs?: number; onCheckpoint?: (r: CheckpointResult) => void } = {},
): () => Promise<void> {
  const everyMs = opts.everyMs ?? 1000;
  const require = createRequire(import.meta.url);
  sqlite.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(
    `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require(workerData.module);
    const db = new Database(workerData.path);
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = FULL");
    const timer = setInterval(() => {
      try {
        const [r] = db.pragma("wal_checkpoint(PASSIVE)");
        if (workerData.report) parentPort.postMessage({ result: r });
      } catch (err) {
        parentPort.postMessage({ error: String((err && err.message) || err) });
      }
    }, workerData.everyMs);
    parentPort.on("message", () => {
      clearInterval(timer);
      try { db.pragma("wal_checkpoint(PASSIVE)"); } finally { db.close(); }
      parentPort.close();
    });
    `,
    { eval: true, workerData: { module: require.resolve("better-sqlite3"), path, everyMs, report: Boolean(opts.onCheckpoint) } },
  );
  let stopped = false;
  worker.on("message", (m: { result?: CheckpointResult; error?: string }) => {
    if (m.error) console.warn(`checkpointer: ${m.error}`);
    if (m.result) opts.onCheckpoint?.(m.result);
  });
  worker.on("error", (err) => console.error("checkpointer failed", err));
  worker.on("exit", () => {
    // Gone (or stopped): the app's connection checkpoints by itself again.
    if (sqlite.open) sqlite.pragma("wal_autocheckpoint = 1000");
    if (!stopped) console.warn("checkpointer stopped: automatic checkpoints are back on");
  });
  worker.unref();
  return async () => {
    stopped = true;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage("stop");
    await exited;
  };
}
