// Loaded into the real server process by scripts/bench-jobs.ts (`node --import tsx --import
// ./scripts/lib/job-probe.ts server/index.ts`), without changing the server: it wraps every entry
// of the scheduler's JOBS to time each run, count the SQL statements the run prepares (better-sqlite3
// `prepare`, attributed to the job through AsyncLocalStorage, so requests served meanwhile are not
// counted) and record the event-loop delay while it runs (perf_hooks.monitorEventLoopDelay); and it
// keeps one histogram of the event-loop delay over the measured window (reset on SIGUSR2, written
// at exit). One JSON line per record, appended to the file named by JOB_PROBE_OUT.
import Database from "better-sqlite3";
import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { JOBS } from "../../server/jobs";

const out = process.env.JOB_PROBE_OUT;
if (!out) throw new Error("job-probe: JOB_PROBE_OUT is not set");
const write = (record: Record<string, unknown>) => appendFileSync(out, `${JSON.stringify(record)}\n`);

const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
const stats = (h: IntervalHistogram) => ({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean), samples: h.count });

/** Statements prepared per running job (the store is the job's counter). */
const current = new AsyncLocalStorage<{ statements: number }>();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, source: string) {
  const c = current.getStore();
  if (c) c.statements += 1;
  return prepare.call(this, source);
} as typeof prepare;

for (const [name, job] of Object.entries(JOBS)) {
  JOBS[name] = async (db, now, settings) => {
    const counter = { statements: 0 };
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const t0 = performance.now();
    let result: number | string = 0;
    try {
      result = await current.run(counter, () => job(db, now, settings));
      return result as number;
    } catch (err) {
      result = `error: ${err instanceof Error ? err.message : String(err)}`;
      throw err;
    } finally {
      h.disable();
      write({ type: "job", name, clock: now.toISOString(), at: Date.now(), wallMs: Math.round(performance.now() - t0), statements: counter.statements, result, eld: stats(h) });
    }
  };
}

const all = monitorEventLoopDelay({ resolution: 10 });
all.enable();
let windowStart = Date.now();
process.on("SIGUSR2", () => {
  all.reset();
  windowStart = Date.now();
  write({ type: "mark", at: windowStart });
});
process.on("exit", () => {
  all.disable();
  write({ type: "window", from: windowStart, to: Date.now(), eld: stats(all), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) });
});
