// Takes screenshots of pages at phone and desktop widths, for a person to look at.
// Usage: node --import tsx scripts/screenshots.ts BASE_URL OUT_DIR username path [path...]
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const [base = "http://localhost:3000", out = "screenshots", username = "tuky.giamdoc", ...paths] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
for (const [label, width, height] of [["phone", 360, 780], ["desktop", 1280, 860]] as const) {
  const context = await browser.newContext({ viewport: { width, height }, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.screenshot({ path: `${out}/login-${label}.png`, fullPage: true });
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', "RoViec@2026");
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click('button[type="submit"]')]);
  for (const p of paths) {
    await page.goto(base + p);
    // Charts are drawn once on screen and the browser idle: wait for the first one, if the page has any.
    if (await page.locator('[data-chart=""]').count()) {
      await page.locator('[data-chart=""]').first().scrollIntoViewIfNeeded();
      await page.locator(".recharts-surface").first().waitFor({ timeout: 10_000 });
    }
    const name = p.replace(/^\//, "").replace(/[/?=&]/g, "_") || "home";
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
