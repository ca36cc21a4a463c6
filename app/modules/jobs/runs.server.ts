import { randomUUID } from "node:crypto";
import type { DB, JobName } from "../../../db/schema";
import { jobTx } from "../../../db/tx";

/**
 * What every background job shares (docs/decisions/0029-incremental-jobs-and-retention.md): a row
 * in `job_runs` with a lease, so that two processes (the server and `npm run cli -- run-job`, or two
 * servers) never run the same job at once, and a cursor, so that a job does only what changed or
 * fell due since its last run and a run cut short resumes where it stopped.
 */

/** A lease outlives a crashed holder by this much; a live holder renews it at every save. */
export const LEASE_MS = 5 * 60_000;

/**
 * How far back a job looks past its last run for rows changed "since" then. A request stamps
 * `updated_at` with its clock before it commits, so a row can become visible a little after the
 * instant it carries; looking again over this margin costs a few index reads and no writes (every
 * job is idempotent by key).
 */
export const LOOKBACK_MS = 5 * 60_000;

export interface JobRun<C> {
  /** Where the last run stopped (the job's own shape); `{}` the first time. */
  cursor: Partial<C>;
  /** Stores the cursor and renews the lease: call after each chunk. */
  save(cursor: Partial<C>): Promise<void>;
  /** The job's clock moved on by the real time spent so far (the run's `now` stays its start). */
  clock(): Date;
}

/**
 * Runs `fn` holding the job's lease. Returns 0 without running when another holder has it (its
 * lease not yet expired). The cursor `fn` leaves (through `save`, or the one it holds at the end)
 * is stored with the result when it finishes; if it throws, the lease is released and the cursor
 * stays at the last save.
 */
export async function withJobRun<C>(db: DB, job: JobName, now: Date, fn: (run: JobRun<C>) => Promise<number>): Promise<number> {
  const owner = randomUUID();
  const started = performance.now();
  const clock = () => new Date(now.getTime() + (performance.now() - started));
  const iso = () => clock().toISOString();
  // Bookkeeping is written like the jobs' own rows: without waiting for the disk (db/tx.ts).
  const take = () =>
    jobTx(db, (tx) =>
      tx
        .updateTable("job_runs")
        .set({ lease_owner: owner, lease_until: new Date(now.getTime() + LEASE_MS).toISOString(), last_started_at: now.toISOString(), updated_at: now.toISOString() })
        .where("job", "=", job)
        .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now.toISOString())]))
        .returning("cursor")
        .executeTakeFirst(),
    );
  let taken = await take();
  if (!taken && !(await db.selectFrom("job_runs").select("job").where("job", "=", job).executeTakeFirst())) {
    await jobTx(db, (tx) =>
      tx
        .insertInto("job_runs")
        .values({ job, cursor: "{}", last_started_at: null, last_finished_at: null, last_result: 0, lease_owner: null, lease_until: null, updated_at: now.toISOString() })
        .onConflict((oc) => oc.column("job").doNothing())
        .execute(),
    );
    taken = await take();
  }
  if (!taken) return 0;
  let cursor: Partial<C>;
  try {
    cursor = JSON.parse(taken.cursor) as Partial<C>;
  } catch {
    cursor = {};
  }
  const run: JobRun<C> = {
    cursor,
    clock,
    async save(next) {
      run.cursor = next;
      await jobTx(db, (tx) =>
        tx
          .updateTable("job_runs")
          .set({ cursor: JSON.stringify(next), lease_until: new Date(clock().getTime() + LEASE_MS).toISOString(), updated_at: iso() })
          .where("job", "=", job)
          .where("lease_owner", "=", owner)
          .execute(),
      );
    },
  };
  const finish = (set: { cursor?: string; last_finished_at?: string; last_result?: number }) =>
    jobTx(db, (tx) =>
      tx
        .updateTable("job_runs")
        .set({ ...set, lease_owner: null, lease_until: null, updated_at: iso() })
        .where("job", "=", job)
        .where("lease_owner", "=", owner)
        .execute(),
    );
  let result: number;
  try {
    result = await fn(run);
  } catch (err) {
    // The lease goes; the cursor stays at the last save (what was done before it is redone by key).
    await finish({});
    throw err;
  }
  await finish({ cursor: JSON.stringify(run.cursor), last_finished_at: iso(), last_result: result });
  return result;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * Paces a job at half duty: `rest()` waits as long as the job worked since the last rest (at least
 * a millisecond). Yielding alone frees the event loop, but a request's queries then still queue
 * behind the job's next chunk, one chunk per query (Kysely's SQLite driver serialises every query on
 * its one connection): resting as long as it worked lets a page's whole sequence of queries through.
 */
export function pacer() {
  let since = performance.now();
  return {
    async rest() {
      await pause(Math.max(1, performance.now() - since));
      since = performance.now();
    },
  };
}

/** Waits `ms` milliseconds (timers, not the event loop: everything else runs meanwhile). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Deletes rows a chunk at a time: `pick` returns up to `size` keys of rows to delete, `drop` deletes
 * them (in its own short transaction). After each chunk it pauses as long as the chunk took (at
 * least a few milliseconds): deleting scattered rows is slow I/O, and requests get the database at
 * least half of the time. Stops when a chunk comes back short, after `maxChunks`, or at `until`
 * (a performance.now() instant; the rest waits for the next run). Returns how many were deleted and
 * whether more may be left.
 */
export async function deleteInChunks(
  pick: (size: number) => Promise<string[]>,
  drop: (keys: string[]) => Promise<void>,
  opts: { size: number; maxChunks: number; until?: number },
): Promise<{ deleted: number; more: boolean }> {
  let deleted = 0;
  for (let i = 0; i < opts.maxChunks; i++) {
    if (opts.until !== undefined && performance.now() > opts.until) break;
    const t = performance.now();
    const keys = await pick(opts.size);
    if (keys.length) await drop(keys);
    deleted += keys.length;
    if (keys.length < opts.size) return { deleted, more: false };
    await pause(Math.max(5, performance.now() - t));
  }
  return { deleted, more: true };
}
