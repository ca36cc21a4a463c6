import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/schema";
import { startCompiledServer, type CompiledServer } from "../helpers/compiled";
import { freshDb, memberOf, serverDatabaseEnv } from "../helpers/db";
import { SEED_TIME } from "../helpers/paths";

// Two app servers on one database behave as one (issue 16 item 5): both start their scheduled
// jobs at the same moment, and every outbound message is still delivered exactly once (a message
// is claimed by one conditional update before it is sent); the scheduled jobs run under a lease,
// one server at a time. Runs on SQLite (two processes on one WAL file) and on PostgreSQL (the app
// role, row-level security). The servers are the compiled ones, as `npm run serve` runs them.

const MESSAGES = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const startServer = (env: Record<string, string>) => startCompiledServer({ ...env, OUTBOUND_ALLOW_PRIVATE: "1", LOG_LEVEL: "error" }, 4200);

describe("two app servers on one database", () => {
  let db: DB;
  let orgId: string;
  const received: string[] = [];
  const ours: string[] = Array.from({ length: MESSAGES }, () => randomUUID());
  let receiver: http.Server;
  let servers: CompiledServer[] = [];

  beforeAll(async () => {
    db = freshDb();
    orgId = (await memberOf(db, "tuky.admin")).orgId;
    // A webhook receiver that counts what reaches it, slow enough that both servers' outbox runs overlap.
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => (body += d.toString()));
      req.on("end", () => {
        received.push((JSON.parse(body) as { deliveryId: string }).deliveryId);
        setTimeout(() => res.writeHead(200).end("ok"), 20);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const at = SEED_TIME.toISOString();
    await db.deleteFrom("org_channels").where("org_id", "=", orgId).execute();
    await db
      .insertInto("org_channels")
      .values({ org_id: orgId, webhook_url: hook, webhook_secret: "bi-mat-ky", telegram_token: "", email_endpoint: "", email_key: "", email_from: "", digest_hour: 7, updated_at: at })
      .execute();
    // Messages already due when the servers start: both outbox jobs see all of them at once.
    await db.deleteFrom("outbox").where("org_id", "=", orgId).execute();
    await db
      .insertInto("outbox")
      .values(
        ours.map((id, i) => ({
          id,
          org_id: orgId,
          notification_id: null,
          channel: "webhook" as const,
          destination: hook,
          payload: JSON.stringify({ id: `n${i}`, kind: "taskAssigned", text: `Tin nhắn ${i}`, link: "/o/tu-ky", createdAt: at }),
          status: "pending" as const,
          attempts: 0,
          next_attempt_at: "2026-01-01T00:00:00.000Z",
          locked_until: null,
          last_error: "",
          sent_at: null,
          created_at: at,
        })),
      )
      .execute();
    const env = await serverDatabaseEnv(db);
    servers = await Promise.all([startServer(env), startServer(env)]);
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) {
      s.child.kill("SIGTERM");
      await s.exited;
    }
    await new Promise<void>((r) => receiver.close(() => r()));
    await db.destroy();
  }, 60_000);

  it("delivers every outbound message exactly once, whichever server's job claims it", async () => {
    // Each outbox run sends at most 20; the two servers run theirs at start and every minute. (The
    // servers' own reminders may add messages for members who receive by webhook: not counted here.)
    const arrived = () => ours.filter((id) => received.includes(id)).length;
    for (let i = 0; i < 900 && arrived() < MESSAGES; i++) await sleep(200);
    expect(arrived()).toBe(MESSAGES);
    // A server marks a message sent once the receiver has answered: on a loaded machine that can
    // come a moment after it arrived.
    const rows = () => db.selectFrom("outbox").select(["status", "attempts"]).where("org_id", "=", orgId).where("id", "in", ours).execute();
    for (let i = 0; i < 150 && (await rows()).some((r) => r.status !== "sent"); i++) await sleep(200);
    await sleep(1000); // a second delivery, if any, would arrive now
    // Nothing reached the receiver twice, ours or any other.
    expect(received.length - new Set(received).size).toBe(0);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual(ours.map(() => ["sent", 1]));
  }, 240_000);

  it("runs the leased jobs to the end while both servers schedule them", async () => {
    // Both servers started their scheduler at once; each leased job ran on whichever took the lease
    // and finished it.
    for (let i = 0; i < 300; i++) {
      const open = await db.selectFrom("job_runs").select("job").where("job", "in", ["reminders", "recurring-tasks"]).where("last_finished_at", "is not", null).execute();
      if (open.length === 2) break;
      await sleep(200);
    }
    const runs = await db.selectFrom("job_runs").select(["job", "lease_owner", "last_finished_at"]).where("job", "in", ["reminders", "recurring-tasks"]).orderBy("job").execute();
    expect(runs.map((r) => [r.job, r.last_finished_at !== null])).toEqual([
      ["recurring-tasks", true],
      ["reminders", true],
    ]);
    for (const s of servers) expect((await fetch(`${s.url}/login`)).status).toBe(200);
  }, 120_000);
});
