import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { TMP_DIR } from "../helpers/paths";

async function waitForHealth(url: string, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

describe("the real server process", () => {
  it("in production mode migrates a new database but never seeds demo accounts", async () => {
    const dbPath = `${TMP_DIR}${randomUUID()}.db`;
    const port = 3400 + Math.floor(Math.random() * 500);
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, APP_MODE: "production", DATABASE_URL: dbPath, PORT: String(port), PUBLIC_URL: "https://roviec.example.vn" },
      stdio: "ignore",
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      const health = await waitForHealth(url);
      expect(await health.json()).toMatchObject({ status: "ok" });
      const page = await fetch(`${url}/login`);
      expect(page.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
      expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(page.headers.get("referrer-policy")).toBe("same-origin");
      const { db } = openDatabase(dbPath);
      const orgs = await db.selectFrom("organizations").selectAll().execute();
      const users = await db.selectFrom("users").selectAll().execute();
      expect(orgs).toHaveLength(0);
      expect(users).toHaveLength(0);
      await db.destroy();
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses to start in production mode without DATABASE_URL", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, APP_MODE: "production", PORT: "0" };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).not.toBe(0);
    expect(stderr).toContain("APP_MODE=production requires DATABASE_URL");
  });

  it("refuses to start on a bad setting, naming each variable, without a stack trace", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, APP_MODE: "production", DATABASE_URL: `${TMP_DIR}never.db`, PORT: "80a", TRUST_PROXY: "yes" };
    delete env.PUBLIC_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Rõ Việc cannot start\. Invalid settings:/);
    expect(stderr).toContain('PORT: must be a port number from 0 to 65535 (got "80a")');
    expect(stderr).toContain("TRUST_PROXY: must be a number of proxies");
    expect(stderr).toContain("PUBLIC_URL: APP_MODE=production requires PUBLIC_URL");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
