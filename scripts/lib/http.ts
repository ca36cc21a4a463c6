// Shared by the benchmark and durability scripts: the demo centre, sign-in, free ports, timings.
import { existsSync } from "node:fs";
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
