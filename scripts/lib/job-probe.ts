// Loaded into the real server process by scripts/bench-jobs.ts (`node --import tsx --import
// ./scripts/lib/job-probe.ts server/index.ts`), without changing the server: it wraps every entry
// of the scheduler's JOBS to time each run, count the SQL statements the run prepares (better-sqlite3
// `prepare`, attributed to the job through AsyncLocalStorage, so requests served meanwhile are not
// counted) and the event-loop delay while it runs; and it keeps one histogram of the event-loop
// delay over the measured window (perf_hooks.monitorEventLoopDelay, reset on SIGUSR2, written at
// exit). One JSON line per record, appended to the file named by JOB_PROBE_OUT.
// A run that blocks the loop for seconds leaves no sample inside its own histogram (the sampling
// timer cannot fire until it is over), so the delay during a run comes from a 10 ms timer of our
// own: each tick's lateness, with its time, attributed to the runs its wait overlapped.
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

/** Lateness of a 10 ms timer: [due time, delay] pairs, performance.now() milliseconds. */
const ticks: [number, number][] = [];
let due = performance.now() + 10;
const sample = () => {
  const now = performance.now();
  ticks.push([due, Math.max(0, now - due)]);
  due = now + 10;
  setTimeout(sample, 10).unref();
};
setTimeout(sample, 10).unref();
function delayDuring(from: number, to: number) {
  // A tick whose wait (from when it was due to when it fired) overlaps the run.
  const d = ticks.filter(([t, x]) => t <= to && t + x >= from).map(([, x]) => x).sort((a, b) => a - b);
  const at = (p: number) => (d.length ? Math.round(d[Math.min(d.length - 1, Math.ceil(p * d.length) - 1)]! * 10) / 10 : 0);
  return { p50: at(0.5), p99: at(0.99), max: d.length ? Math.round(d[d.length - 1]! * 10) / 10 : 0, samples: d.length };
}

/** [start, end] of every job run, performance.now() milliseconds (end Infinity while it runs). */
const runs: [number, number][] = [];

for (const [name, job] of Object.entries(JOBS)) {
  JOBS[name] = async (db, now, settings) => {
    const counter = { statements: 0 };
    const t0 = performance.now();
    const span: [number, number] = [t0, Infinity];
    runs.push(span);
    let result: number | string = 0;
    try {
      result = await current.run(counter, () => job(db, now, settings));
      return result as number;
    } catch (err) {
      result = `error: ${err instanceof Error ? err.message : String(err)}`;
      throw err;
    } finally {
      const t1 = performance.now();
      span[1] = t1;
      // The tick due last before the end fires only once the run lets go: wait for it.
      setTimeout(() => write({ type: "job", name, clock: now.toISOString(), at: Date.now() - (performance.now() - t1), wallMs: Math.round(t1 - t0), statements: counter.statements, result, eld: delayDuring(t0, t1) }), 30).unref();
    }
  };
}

const all = monitorEventLoopDelay({ resolution: 10 });
all.enable();
let windowStart = Date.now();
let windowPerf = performance.now();
process.on("SIGUSR2", () => {
  all.reset();
  windowStart = Date.now();
  windowPerf = performance.now();
  write({ type: "mark", at: windowStart });
});
process.on("exit", () => {
  all.disable();
  // The same window split: ticks due while some job was running, and while none was.
  const busy = (t: number, x: number) => runs.some(([a, b]) => t <= b && t + x >= a);
  const split = (want: boolean) => {
    const d = ticks.filter(([t, x]) => t >= windowPerf && busy(t, x) === want).map(([, x]) => x).sort((a, b) => a - b);
    const at = (p: number) => (d.length ? Math.round(d[Math.min(d.length - 1, Math.ceil(p * d.length) - 1)]! * 10) / 10 : 0);
    return { p50: at(0.5), p99: at(0.99), max: d.length ? Math.round(d[d.length - 1]! * 10) / 10 : 0, samples: d.length };
  };
  write({ type: "window", from: windowStart, to: Date.now(), eld: stats(all), whileJobs: split(true), noJobs: split(false), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) });
});
