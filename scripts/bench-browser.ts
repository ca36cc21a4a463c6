// The browser side of the main pages (issue #17 goal 5; README "Scale and benchmarks" → "In the
// browser"; docs/decisions/0036-small-bundles.md). Builds (unless --no-build), starts the compiled
// server on the demo data with the seed's fixed clock, signs in with Debian's Chromium (never a
// downloaded browser) and opens each page: the JavaScript it loads (files, KiB gzipped at level 9 —
// the .gz the server sends —, KiB over the wire as the server sent it), the document's size, and
// the Total Blocking Time under 4× CPU throttling (long tasks after the first paint, as Lighthouse
// counts them, observed in the page). Then Lighthouse 12.2.3 (mobile, its default simulated
// throttling) on login, check-in, my tasks, the person view and the director dashboard, signed in
// through a cookie, in a second Chromium on port 4391 (LIGHTHOUSE_PORT); skipped if not installed.
// Usage: npm run bench:browser [-- --no-build] [--runs 3] [--no-lighthouse]. Ports 4300–4399.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { startCompiledServer } from "../tests/helpers/compiled";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 3;
const PASSWORD = "RoViec@2026";
const CENTRE = "tu-ky";

if (!args.includes("--no-build")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });

const dir = mkdtempSync(join(tmpdir(), "rv-bench-browser-"));
const srv = await startCompiledServer({ DATABASE_URL: join(dir, "app.db"), FILES_DIR: join(dir, "files") }, Number(process.env.BENCH_PORT_BASE ?? 4300));
const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const version = browser.version();

/** Long tasks from the start of the page (installed before any script runs). */
const OBSERVE = `(() => {
  const w = window; w.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
})();`;

const gzCache = new Map<string, number>();
function gzipOf(path: string): number {
  let n = gzCache.get(path);
  if (n === undefined) {
    n = gzipSync(readFileSync(join("build/client", path)), { level: 9 }).length;
    gzCache.set(path, n);
  }
  return n;
}

async function signedIn(username: string | null) {
  const context = await browser.newContext({ baseURL: srv.url, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", viewport: { width: 412, height: 823 } });
  await context.addInitScript(OBSERVE);
  if (username) {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(new RegExp(`/o/${CENTRE}$`));
    await page.close();
  }
  return context;
}

interface Measure {
  files: number;
  gzKiB: number;
  wireKiB: number;
  docKiB: number;
  tbt: number;
}

async function measure(context: Awaited<ReturnType<typeof signedIn>>, path: string): Promise<Measure> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const scripts = new Map<string, string>();
  const wire = new Map<string, number>();
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.set(e.requestId, new URL(e.response.url).pathname);
  });
  cdp.on("Network.loadingFinished", (e) => wire.set(e.requestId, e.encodedDataLength));
  await page.goto(path, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1500); // charts render after hydration, when idle
  const tbt = await page.evaluate(() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    const long = (window as unknown as { __long: [number, number][] }).__long;
    return long.filter(([start]) => start >= fcp).reduce((s, [, d]) => s + Math.max(0, d - 50), 0);
  });
  const html = await (await context.request.get(path)).body();
  await page.close();
  let gz = 0;
  let onWire = 0;
  for (const [id, p] of scripts) {
    gz += gzipOf(p);
    onWire += wire.get(id) ?? 0;
  }
  return { files: scripts.size, gzKiB: gz / 1024, wireKiB: onWire / 1024, docKiB: gzipSync(html, { level: 9 }).length / 1024, tbt };
}

const PAGES: { name: string; user: string | null; path: string | (() => Promise<string>); charts?: boolean }[] = [
  { name: "login", user: null, path: "/login" },
  { name: "check-in (attendance), staff", user: "tuky.canbo01", path: `/o/${CENTRE}/attendance` },
  { name: "my tasks, staff", user: "tuky.canbo01", path: `/o/${CENTRE}/tasks` },
  { name: "task page, staff", user: "tuky.canbo01", path: "task" },
  { name: "person view (me), staff", user: "tuky.canbo01", path: `/o/${CENTRE}/me`, charts: true },
  { name: "home, staff", user: "tuky.canbo01", path: `/o/${CENTRE}` },
  { name: "director dashboard", user: "tuky.giamdoc", path: `/o/${CENTRE}`, charts: true },
  { name: "evaluations, director", user: "tuky.giamdoc", path: `/o/${CENTRE}/evaluations` },
  { name: "calendar, director", user: "tuky.giamdoc", path: `/o/${CENTRE}/calendar` },
];

const lhRows: string[] = [];

/** Lighthouse's mobile scores of the pages issue 17 names, as the signed-in user of each. */
async function lighthouseTable() {
  let lighthouse: typeof import("lighthouse").default;
  try {
    lighthouse = (await import("lighthouse")).default;
  } catch {
    process.stdout.write("Lighthouse is not installed (npm i): its table is skipped.\n");
    return;
  }
  const port = Number(process.env.LIGHTHOUSE_PORT ?? 4391);
  const lhBrowser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", `--remote-debugging-port=${port}`],
  });
  try {
    const pages: [string, string | null, string][] = [
      ["login", null, "/login"],
      ["check-in (attendance), staff", "tuky.canbo01", `/o/${CENTRE}/attendance`],
      ["my tasks, staff", "tuky.canbo01", `/o/${CENTRE}/tasks`],
      ["person view (me), staff", "tuky.canbo01", `/o/${CENTRE}/me`],
      ["director dashboard", "tuky.giamdoc", `/o/${CENTRE}`],
    ];
    for (const [name, user, path] of pages) {
      const cookies = user ? await contexts.get(user)!.cookies() : [];
      const result = await lighthouse(`${srv.url}${path}`, {
        port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders: cookies.length ? { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } : undefined,
      });
      const lhr = result?.lhr;
      if (!lhr) continue;
      const score = (k: string) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
      const audit = (k: string) => lhr.audits[k]?.numericValue ?? NaN;
      lhRows.push(
        `| ${name} | ${score("performance")} | ${score("accessibility")} | ${Math.round(audit("total-blocking-time"))} | ${(audit("largest-contentful-paint") / 1000).toFixed(1)} | ${(audit("first-contentful-paint") / 1000).toFixed(1)} |`,
      );
      process.stdout.write(`${lhRows.at(-1)}\n`);
    }
  } finally {
    await lhBrowser.close();
  }
}

const contexts = new Map<string | null, Awaited<ReturnType<typeof signedIn>>>();
const rows: string[] = [];
try {
  for (const p of PAGES) {
    if (!contexts.has(p.user)) contexts.set(p.user, await signedIn(p.user));
    const context = contexts.get(p.user)!;
    let path = typeof p.path === "string" ? p.path : await p.path();
    if (path === "task") {
      // The first task the staff member's list links to.
      const list = await context.newPage();
      await list.goto(`/o/${CENTRE}/tasks`);
      path = (await list.locator(`a[href^="/o/${CENTRE}/tasks/"]`).first().getAttribute("href")) ?? `/o/${CENTRE}/tasks`;
      await list.close();
    }
    const all: Measure[] = [];
    for (let i = 0; i < runs; i++) all.push(await measure(context, path));
    const tbts = all.map((m) => m.tbt).sort((a, b) => a - b);
    const m = all[0]!;
    rows.push(
      `| ${p.name} | ${m.files} | ${m.gzKiB.toFixed(1)} | ${m.wireKiB.toFixed(1)} | ${m.docKiB.toFixed(1)} | ${Math.round(tbts[Math.floor(tbts.length / 2)]!)} (${tbts.map(Math.round).join(", ")}) |`,
    );
    process.stdout.write(`${rows.at(-1)}\n`);
  }
  if (!args.includes("--no-lighthouse")) await lighthouseTable();
} finally {
  await browser.close();
  srv.child.kill("SIGTERM");
  await srv.exited;
  rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(
  `\nChromium ${version}, 412×823, CPU ×4, cache off, ${runs} runs (TBT median, all runs)\n\n` +
    "| page | JS files | JS KiB gzip -9 | JS KiB on the wire | document KiB gzip | TBT ms |\n|---|---|---|---|---|---|\n" +
    rows.join("\n") +
    "\n" +
    (lhRows.length
      ? "\nLighthouse 12.2.3, mobile (simulated throttling)\n\n| page | performance | accessibility | TBT ms | LCP s | FCP s |\n|---|---|---|---|---|---|\n" + lhRows.join("\n") + "\n"
      : ""),
);
