// Shared by the benchmark and durability scripts: the demo centre, sign-in, free ports, timings.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const ORG = "tu-ky";
const PASSWORD = "RoViec@2026";
/** The fourteen demo members of tu-ky. */
export const DEMO_USERS = [
  ...Array.from({ length: 10 }, (_, i) => `tuky.canbo${String(i + 1).padStart(2, "0")}`),
  "tuky.kiemtra",
  "tuky.phogiamdoc",
  "tuky.giamdoc",
  "tuky.admin",
];

/** Stops with a clear message when the production build is missing. */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, "build/server/index.js"))) {
    console.error("No build found: run `npm run build` first.");
    process.exit(2);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Signs in through the real form; returns the session cookie ("rv_session=…"). */
export async function signIn(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ username, password }),
    redirect: "manual",
  });
  await res.arrayBuffer();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("rv_session=") && !c.endsWith("="));
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  return cookie;
}

/** GETs a page `runs` times after a few warm-up requests and prints the median and p95. */
export async function measure(base: string, label: string, path: string, cookie: string, runs: number, warmup = 3): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const t = performance.now();
    const res = await fetch(base + path, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i >= warmup) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(`${label.padEnd(44)} median ${q(0.5).toFixed(1).padStart(6)} ms   p95 ${q(0.95).toFixed(1).padStart(6)} ms`);
}

/** `n` GETs of `path` by `c` workers; each answer's time (ms) pushed into `into`; returns the wall time. */
export async function batch(base: string, path: string, cookie: string, n: number, c: number, into: number[] | null): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      while (next < n) {
        next += 1;
        const t = performance.now();
        const res = await fetch(base + path, { headers: { Cookie: cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        into?.push(performance.now() - t);
      }
    }),
  );
  return performance.now() - start;
}

/** The p-quantile of some timings (nearest rank). */
export function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

/**
 * Like `measure`, with the floor route (`floorPath`, BENCH_FLOOR=1) measured interleaved — five
 * requests of the page, five of the floor, and so on — so that both see the same machine load;
 * prints the median and p95 of each and page p95 ÷ floor p95.
 */
export async function measureAgainstFloor(base: string, label: string, path: string, floorPath: string, cookie: string, runs: number, warmup = 3) {
  await batch(base, path, cookie, warmup, 1, null);
  await batch(base, floorPath, cookie, warmup, 1, null);
  const page: number[] = [];
  const floor: number[] = [];
  while (page.length < runs) {
    const n = Math.min(5, runs - page.length);
    await batch(base, path, cookie, n, 1, page);
    await batch(base, floorPath, cookie, n, 1, floor);
  }
  const r = { label, p50: quantile(page, 0.5), p95: quantile(page, 0.95), floorP50: quantile(floor, 0.5), floorP95: quantile(floor, 0.95), ratio: 0 };
  r.ratio = r.p95 / r.floorP95;
  const f = (n: number) => n.toFixed(1).padStart(6);
  console.log(`${label.padEnd(44)} median ${f(r.p50)} ms   p95 ${f(r.p95)} ms   floor ${f(r.floorP50)} / ${f(r.floorP95)} ms   ${r.ratio.toFixed(1)}× floor p95`);
  return r;
}

/**
 * Waits until the server at `base` answers /healthz 200; fails with the last lines of its log when
 * it exits first (`alive()` false) or does not answer within `timeoutMs`.
 */
export async function waitForHealthz(base: string, alive: () => boolean, logPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (alive() && Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not start:\n${readFileSync(logPath, "utf8").split("\n").slice(-20).join("\n")}`);
}
