// Loaded into the compiled server by scripts/bench-pages.ts (`node --import ./scripts/lib/eld-probe.mjs
// build/node/server.js`), without changing the server: the event-loop delay over a window
// (perf_hooks.monitorEventLoopDelay, 10 ms resolution). On SIGUSR2 it appends one JSON line with the
// window since the last signal to the file named by ELD_PROBE_OUT and starts a new window. Plain
// JavaScript, so that the server runs as `npm run serve` runs it (no tsx).
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import process from "node:process";

const out = process.env.ELD_PROBE_OUT;
if (!out) throw new Error("eld-probe: ELD_PROBE_OUT is not set");
const RESOLUTION = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION });
histogram.enable();
// The histogram records the interval between two samples, the resolution included: the delay is
// what exceeds it.
const delay = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION) * 10) / 10);
// Where the resident memory is: the V8 heap (used and reserved), memory outside it held by
// JavaScript objects (`external`: Buffers, better-sqlite3's statements are not counted there), and
// the rest of the RSS (native: SQLite's page caches, the code, malloc arenas).
const mib = (n) => Math.round(n / 2 ** 20);
function memory() {
  const m = process.memoryUsage();
  return { rssMiB: mib(m.rss), heapUsedMiB: mib(m.heapUsed), heapTotalMiB: mib(m.heapTotal), externalMiB: mib(m.external), arrayBuffersMiB: mib(m.arrayBuffers) };
}
process.on("SIGUSR2", () => {
  appendFileSync(
    out,
    `${JSON.stringify({
      p50: delay(histogram.percentile(50)),
      p99: delay(histogram.percentile(99)),
      max: delay(histogram.max),
      samples: histogram.count,
      ...memory(),
    })}\n`,
  );
  histogram.reset();
});
