import { describe, expect, it } from "vitest";
import type { DB } from "../../db/schema";
import { readSettings } from "../../server/config";
import { startScheduler, type Job } from "../../server/jobs";
import { acceptRequestId, createLogger, orgOfPath } from "../../server/log";
import { isLoopback } from "../../server/metrics";

const settings = { publicUrl: "http://localhost:3000", telegramApiBase: "https://api.telegram.org", production: false, outboundAllowPrivate: false };
const db = {} as DB;

describe("the scheduler's stop", () => {
  it("runs each job on its own, and on stop waits for the jobs running at that moment and starts none", async () => {
    const events: string[] = [];
    let release!: () => void;
    const slow: Job = async () => {
      events.push("slow started");
      await new Promise<void>((r) => (release = r));
      events.push("slow finished");
      return 0;
    };
    let runs = 0;
    const quick: Job = async () => (events.push("quick ran"), runs++, 0);
    const stop = startScheduler(db, settings, { jobs: { slow, quick }, intervalMs: 5, logger: createLogger({ level: "off" }) });
    await new Promise((r) => setTimeout(r, 40));
    // The slow job does not hold the quick one up: it ran again at later ticks; the slow one once.
    expect(runs).toBeGreaterThan(1);
    expect(events.filter((e) => e === "slow started")).toHaveLength(1);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    const quickRunsAtStop = runs;
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(events.at(-1)).toBe("slow finished");
    expect(runs).toBe(quickRunsAtStop);
  });

  it("counts each run in the metrics, failures too", async () => {
    const seen: [string, boolean][] = [];
    const metrics = { observeJob: (job: string, _s: number, ok: boolean) => void seen.push([job, ok]) } as never;
    const stop = startScheduler(db, settings, {
      jobs: { good: async () => 1, bad: async () => Promise.reject(new Error("boom")) },
      logger: createLogger({ level: "off" }),
      metrics,
    });
    await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(seen).toEqual([
      ["good", true],
      ["bad", false],
    ]);
  });
});

describe("the request log", () => {
  it("keeps a sane X-Request-Id and replaces anything else", () => {
    const gen = () => "generated";
    expect(acceptRequestId("abc-123_X.y:z", gen)).toBe("abc-123_X.y:z");
    for (const bad of [undefined, "", "with space", "a\nb", "<script>", "x".repeat(129)]) expect(acceptRequestId(bad, gen)).toBe("generated");
  });

  it("reads the centre from /o/:org only", () => {
    expect(orgOfPath("/o/tu-ky/tasks")).toBe("tu-ky");
    expect(orgOfPath("/o/an-phu")).toBe("an-phu");
    expect(orgOfPath("/login")).toBeUndefined();
    expect(orgOfPath("/o/%3Cscript%3E/x")).toBeUndefined();
  });

  it("writes JSON lines, or text, and nothing below LOG_LEVEL", () => {
    const out: string[] = [];
    const err: string[] = [];
    const now = () => new Date("2026-03-10T01:00:00Z");
    const fields = { requestId: "r1", method: "GET", route: "routes/o.$org.tasks._index", path: "/o/tu-ky/tasks", status: 200, durationMs: 12.3, org: "tu-ky", userId: "u1" };
    createLogger({ out: (l) => out.push(l), err: (l) => err.push(l), now }).request(fields);
    expect(JSON.parse(out[0]!)).toEqual({ time: "2026-03-10T01:00:00.000Z", level: "info", msg: "request", ...fields });
    createLogger({ format: "text", out: (l) => out.push(l), now }).request(fields);
    expect(out[1]).toBe("2026-03-10T01:00:00.000Z GET /o/tu-ky/tasks 200 12.3ms routes/o.$org.tasks._index id=r1 org=tu-ky user=u1");
    const quiet = createLogger({ level: "warn", out: (l) => out.push(l), err: (l) => err.push(l), now });
    quiet.request(fields);
    quiet.info("hello");
    quiet.error("bad", new Error("boom"));
    expect(out).toHaveLength(2);
    expect(JSON.parse(err[0]!)).toMatchObject({ level: "error", msg: "bad", error: expect.stringContaining("Error: boom") });
  });
});

describe("operations settings", () => {
  it("NODE_ENV=production without APP_MODE is production mode (no demo data); APP_MODE=demo says otherwise", () => {
    expect(() => readSettings({ NODE_ENV: "production" })).toThrow(/APP_MODE=production requires DATABASE_URL/);
    expect(readSettings({ NODE_ENV: "production", DATABASE_URL: "x.db", PUBLIC_URL: "https://roviec.example.vn" })).toMatchObject({ production: true, demo: false });
    expect(readSettings({ NODE_ENV: "production", APP_MODE: "demo" })).toMatchObject({ production: false, demo: true });
    expect(readSettings({ NODE_ENV: "test" })).toMatchObject({ demo: true });
  });

  it("reads LOG_FORMAT, LOG_LEVEL, METRICS_TOKEN and SHUTDOWN_TIMEOUT_MS, refusing bad values", () => {
    expect(readSettings({})).toMatchObject({ logFormat: "json", logLevel: "info", metricsToken: undefined, shutdownTimeoutMs: 10_000 });
    expect(readSettings({ LOG_FORMAT: "text", LOG_LEVEL: "off", METRICS_TOKEN: "0123456789abcdef0123", SHUTDOWN_TIMEOUT_MS: "30000" })).toMatchObject({
      logFormat: "text",
      logLevel: "off",
      metricsToken: "0123456789abcdef0123",
      shutdownTimeoutMs: 30_000,
    });
    expect(() => readSettings({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT: must be json or text/);
    expect(() => readSettings({ LOG_LEVEL: "debug" })).toThrow(/LOG_LEVEL: must be info, warn, error or off/);
    expect(() => readSettings({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be 16 to 256 printable characters/);
    expect(() => readSettings({ SHUTDOWN_TIMEOUT_MS: "10s" })).toThrow(/SHUTDOWN_TIMEOUT_MS: must be a number of milliseconds/);
  });

  it("loopback is 127/8 and ::1, also mapped", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a)).toBe(true);
    for (const a of [undefined, "10.0.0.1", "::ffff:10.0.0.1", "1.127.0.0", "fe80::1"]) expect(isLoopback(a)).toBe(false);
  });
});
