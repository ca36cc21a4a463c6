import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runRetention } from "~/modules/jobs/retention.server";
import { deliverOutbox, MAX_ATTEMPTS } from "~/modules/notifications/outbox.server";
import { runReminders } from "~/modules/notifications/reminders.server";
import { memberOf } from "../helpers/db";
import { signIn, startServer, type Client, shown, type TestServer } from "../helpers/server";

// Where delivered messages point and go (PUBLIC_URL and TELEGRAM_API_BASE in the settings).
const DELIVERY = { publicUrl: "https://roviec.example.vn", telegramApiBase: "https://api.telegram.org" };

// msw stands in for every outbound API; an unexpected outbound request fails the test.
const hits: { url: string; headers: Headers; body: string }[] = [];
let webhookStatus = 200;
let webhookDelayMs = 0;
const mock = setupServer(
  http.post("https://hooks.example.vn/roviec", async ({ request }) => {
    hits.push({ url: request.url, headers: request.headers, body: await request.text() });
    if (webhookDelayMs) await delay(webhookDelayMs);
    return new HttpResponse(null, { status: webhookStatus });
  }),
  http.post("https://api.telegram.org/botTOKEN123/sendMessage", async ({ request }) => {
    hits.push({ url: request.url, headers: request.headers, body: await request.text() });
    return HttpResponse.json({ ok: true });
  }),
  http.post("https://mail.example.vn/send", async ({ request }) => {
    hits.push({ url: request.url, headers: request.headers, body: await request.text() });
    return HttpResponse.json({ id: "m1" });
  }),
);
beforeAll(() =>
  mock.listen({
    // The test's own requests to the app on 127.0.0.1 pass; anything else unexpected fails.
    onUnhandledRequest(request, print) {
      // (and the local servers of the outbound-guard tests, reached only if the guard failed)
      if (["127.0.0.1", "localhost"].includes(new URL(request.url).hostname)) return;
      print.error();
    },
  }),
);
afterAll(() => mock.close());

let srv: TestServer;
let director: Client;
let clerk: Client;
beforeEach(async () => {
  hits.length = 0;
  webhookStatus = 200;
  webhookDelayMs = 0;
  srv = await startServer();
  director = await signIn(srv, "tuky.giamdoc");
  clerk = await signIn(srv, "tuky.canbo01");
});
afterEach(async () => {
  mock.resetHandlers();
  await srv.close();
});

async function assignTask(title = "Cập nhật danh mục TTHC mới") {
  const ids = { lan: (await memberOf(srv.db, "tuky.canbo01")).membershipId, hung: (await memberOf(srv.db, "tuky.giamdoc")).membershipId };
  const res = await director.post("/o/tu-ky/tasks/new", {
    intent: "assign",
    title,
    description: "Cập nhật danh mục thủ tục hành chính theo quyết định công bố mới.",
    assigneeId: ids.lan,
    approverId: ids.hung,
    sourceKind: "directive",
    sourceRef: "QĐ 1234/QĐ-UBND",
    startDate: "2026-03-10",
    deadlineDate: "2026-03-13",
    deliverable: "Danh mục đã cập nhật trên Cổng dịch vụ công",
    priority: "normal",
    recurrence: "none",
  });
  expect(res.status).toBe(200);
  return new URL(res.url).pathname;
}

async function configureChannels() {
  const admin = await signIn(srv, "tuky.admin");
  const saved = await admin.post("/o/tu-ky/settings/notifications", {
    webhookUrl: "https://hooks.example.vn/roviec",
    webhookSecret: "bi-mat-ky",
    telegramToken: "TOKEN123",
    emailEndpoint: "https://mail.example.vn/send",
    emailKey: "KEY",
    emailFrom: "thongbao@tuky.example.vn",
    digestHour: "7",
  });
  expect(saved.status).toBe(200);
  const mine = await clerk.post("/o/tu-ky/notifications", { intent: "channels", telegramChatId: "123456789", email: "on", webhook: "on" });
  expect(mine.status).toBe(200);
}

describe("in the app", () => {
  it("the clerk's bell count rises when a task is assigned, and the notification leads to the task", async () => {
    const before = await (await clerk.fetch("/o/tu-ky/tasks")).text();
    const count = Number(/data-testid="bell-count">(\d+)</.exec(before)?.[1] ?? 0);
    const taskUrl = await assignTask();
    const after = await (await clerk.fetch("/o/tu-ky/tasks")).text();
    expect(Number(/data-testid="bell-count">(\d+)</.exec(after)?.[1])).toBe(count + 1);
    const list = await (await clerk.fetch("/o/tu-ky/notifications")).text();
    expect(list).toContain("Nguyễn Văn Hùng giao cho bạn công việc “Cập nhật danh mục TTHC mới”, hạn 13/03/2026.");
    const row = await srv.db.selectFrom("notifications").select("id").where("link", "=", taskUrl).executeTakeFirstOrThrow();
    const open = await clerk.post("/o/tu-ky/notifications", { intent: "open", id: row.id });
    expect(open.headers.get("location")).toBe(taskUrl);
    const read = await srv.db.selectFrom("notifications").select("read_at").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(read.read_at).not.toBeNull();
    // Mark all read: the count is gone.
    await clerk.post("/o/tu-ky/notifications", { intent: "readAll" });
    expect(await (await clerk.fetch("/o/tu-ky/tasks")).text()).not.toContain('data-testid="bell-count"');
  });
});

describe("outbound channels", () => {
  it("delivers a signed webhook, a Telegram message and an e-mail, once each", async () => {
    await configureChannels();
    await assignTask();
    const rows = await srv.db.selectFrom("outbox").selectAll().execute();
    expect(rows.map((r) => r.channel).sort()).toEqual(["email", "telegram", "webhook"]);
    const r1 = await deliverOutbox(srv.db, srv.clock.now(), DELIVERY);
    expect(r1).toEqual({ sent: 3, retried: 0, failed: 0 });
    const again = await deliverOutbox(srv.db, srv.clock.now(), DELIVERY);
    expect(again.sent).toBe(0);
    expect(hits).toHaveLength(3);
    const hook = hits.find((h) => h.url.startsWith("https://hooks"))!;
    const expected = `sha256=${createHmac("sha256", "bi-mat-ky").update(hook.body).digest("hex")}`;
    expect(hook.headers.get("x-roviec-signature")).toBe(expected);
    expect(JSON.parse(hook.body).text).toContain("giao cho bạn công việc");
    expect(JSON.parse(hook.body).link).toMatch(/^https:\/\/roviec\.example\.vn\/o\/tu-ky\/tasks\/[0-9a-f-]+$/);
    const tg = JSON.parse(hits.find((h) => h.url.includes("telegram"))!.body);
    expect(tg.chat_id).toBe("123456789");
    const mail = hits.find((h) => h.url.startsWith("https://mail"))!;
    expect(mail.headers.get("authorization")).toBe("Bearer KEY");
    expect(JSON.parse(mail.body).to).toBe("tuky.canbo01@demo.roviec.vn");
  });

  it("keeps a message that waited long (the server was down) for 30 days after it is finally sent", async () => {
    await configureChannels();
    await srv.db.updateTable("member_channels").set({ telegram_chat_id: "", email: 0 }).execute();
    await assignTask();
    const now = srv.clock.now();
    const longAgo = new Date(now.getTime() - 40 * 86_400_000).toISOString();
    await srv.db.updateTable("outbox").set({ next_attempt_at: longAgo, created_at: longAgo }).execute();
    expect((await deliverOutbox(srv.db, now, DELIVERY)).sent).toBe(1);
    const sent = await srv.db.selectFrom("outbox").select(["status", "sent_at", "next_attempt_at"]).executeTakeFirstOrThrow();
    expect(sent).toEqual({ status: "sent", sent_at: now.toISOString(), next_attempt_at: now.toISOString() });
    // Retention counts from the last attempt: kept on day 29, gone on day 31.
    await runRetention(srv.db, new Date(now.getTime() + 29 * 86_400_000));
    expect(await srv.db.selectFrom("outbox").select("id").execute()).toHaveLength(1);
    await runRetention(srv.db, new Date(now.getTime() + 31 * 86_400_000));
    expect(await srv.db.selectFrom("outbox").select("id").execute()).toHaveLength(0);
  });

  it("retries a failing endpoint with backoff, gives up after the limit, and shows the failure to the admin", async () => {
    await configureChannels();
    await srv.db.updateTable("member_channels").set({ telegram_chat_id: "", email: 0 }).execute();
    await assignTask();
    webhookStatus = 500;
    let now = srv.clock.now();
    const r1 = await deliverOutbox(srv.db, now, DELIVERY);
    expect(r1).toEqual({ sent: 0, retried: 1, failed: 0 });
    const row1 = await srv.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect(row1.last_error).toBe("rejected");
    expect(Date.parse(row1.next_attempt_at) - now.getTime()).toBe(30_000);
    // Not due yet: nothing is sent.
    expect((await deliverOutbox(srv.db, new Date(now.getTime() + 10_000), DELIVERY)).retried).toBe(0);
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      now = new Date(now.getTime() + 3600_000);
      await deliverOutbox(srv.db, now, DELIVERY);
    }
    const row = await srv.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect([row.status, row.attempts]).toEqual(["failed", MAX_ATTEMPTS]);
    expect(hits).toHaveLength(MAX_ATTEMPTS);
    const admin = await signIn(srv, "tuky.admin");
    // A generic reason for the admin; the details are in the server log only.
    const page = await (await admin.fetch("/o/tu-ky/settings/notifications")).text();
    expect(page).toContain("Không gửi được (máy chủ nhận không phản hồi hoặc từ chối)");
    expect(page).not.toContain("HTTP 500");
  });

  it("treats a slow endpoint as a timeout and retries; a fast answer later succeeds", async () => {
    await configureChannels();
    await srv.db.updateTable("member_channels").set({ telegram_chat_id: "", email: 0 }).execute();
    await assignTask();
    webhookDelayMs = 500;
    const r1 = await deliverOutbox(srv.db, srv.clock.now(), { ...DELIVERY, timeoutMs: 100 });
    expect(r1.retried).toBe(1);
    expect((await srv.db.selectFrom("outbox").select("last_error").executeTakeFirstOrThrow()).last_error).toBe("unreachable");
    webhookDelayMs = 0;
    const r2 = await deliverOutbox(srv.db, new Date(srv.clock.now().getTime() + 60_000), { ...DELIVERY, timeoutMs: 100 });
    expect(r2.sent).toBe(1);
  });

  it("never sends a message twice across a worker restart", async () => {
    await configureChannels();
    await srv.db.updateTable("member_channels").set({ telegram_chat_id: "", email: 0 }).execute();
    await assignTask();
    const now = srv.clock.now();
    // A worker claimed the message and died before sending it.
    await srv.db.updateTable("outbox").set({ status: "sending", locked_until: new Date(now.getTime() + 60_000).toISOString() }).execute();
    // The restarted worker leaves it alone while the lease holds…
    expect((await deliverOutbox(srv.db, new Date(now.getTime() + 1000), DELIVERY)).sent).toBe(0);
    // …then takes it up once, and only once.
    const [a, b] = await Promise.all([deliverOutbox(srv.db, new Date(now.getTime() + 61_000), DELIVERY), deliverOutbox(srv.db, new Date(now.getTime() + 61_000), DELIVERY)]);
    expect(a.sent + b.sent).toBe(1);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.headers.get("idempotency-key")).toBe((await srv.db.selectFrom("outbox").select("id").executeTakeFirstOrThrow()).id);
  });
});

describe("outbound channels never reach inside (SSRF)", () => {
  // A real server on this machine, standing for an internal service: it must receive nothing.
  let internal: Server;
  let internalHits: string[];
  let port: number;
  beforeEach(async () => {
    internalHits = [];
    internal = createServer((req, res) => {
      internalHits.push(`${req.method} ${req.url}`);
      res.end("internal");
    });
    await new Promise<void>((r) => internal.listen(0, "127.0.0.1", () => r()));
    port = (internal.address() as AddressInfo).port;
  });
  afterEach(async () => {
    internal.closeAllConnections();
    await new Promise<void>((r) => internal.close(() => r()));
  });

  const GENERIC = "Không gửi được (máy chủ nhận không phản hồi hoặc từ chối)";
  const demo = { requireHttps: false, allowPrivate: false };
  const settingsForm = (over: Record<string, string>) => ({ webhookUrl: "", webhookSecret: "bi-mat-ky", emailEndpoint: "", emailFrom: "", digestHour: "7", ...over });

  /** A webhook URL stored before the checks existed (or by hand), and the clerk receiving by webhook. */
  async function storedWebhook(url: string) {
    const org = (await memberOf(srv.db, "tuky.admin")).orgId;
    const at = srv.clock.now().toISOString();
    await srv.db
      .insertInto("org_channels")
      .values({ org_id: org, webhook_url: url, webhook_secret: "bi-mat-ky", telegram_token: "", email_endpoint: "", email_key: "", email_from: "", digest_hour: 7, updated_at: at })
      .execute();
    expect((await clerk.post("/o/tu-ky/notifications", { intent: "channels", webhook: "on" })).status).toBe(200);
    await assignTask();
  }

  it("refuses, when the admin saves it, a webhook or e-mail API on this machine or the office network, beside the field", async () => {
    const admin = await signIn(srv, "tuky.admin");
    for (const [field, url] of [
      ["webhookUrl", `http://127.0.0.1:${port}/internal-admin`],
      ["webhookUrl", `http://localhost:${port}/internal-admin`],
      ["webhookUrl", "http://[::ffff:127.0.0.1]/"],
      ["webhookUrl", "http://169.254.169.254/latest/meta-data/"],
      ["emailEndpoint", "http://10.0.0.5/send"],
    ]) {
      const res = await admin.post("/o/tu-ky/settings/notifications", settingsForm({ [field!]: url! }));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Không gửi được tới địa chỉ nội bộ");
    }
    expect(await srv.db.selectFrom("org_channels").selectAll().execute()).toHaveLength(0);
    expect(internalHits).toEqual([]);
    // Demo mode accepts plain http to a public name.
    expect((await admin.post("/o/tu-ky/settings/notifications", settingsForm({ webhookUrl: "http://hooks.example.vn/roviec" }))).status).toBe(200);
  });

  it("sends nothing to an internal address already stored, fails it at once and shows only a generic reason", async () => {
    await storedWebhook(`http://127.0.0.1:${port}/internal-admin`);
    const log: string[] = [];
    expect(await deliverOutbox(srv.db, srv.clock.now(), { ...DELIVERY, policy: demo, log: (l) => log.push(l) })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(internalHits).toEqual([]);
    const row = await srv.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect([row.status, row.attempts, row.last_error]).toEqual(["failed", 1, "notAllowed"]);
    expect(log.join("\n")).toContain("privateAddress");
    const admin = await signIn(srv, "tuky.admin");
    const page = await (await admin.fetch("/o/tu-ky/settings/notifications")).text();
    expect(page).toContain(GENERIC);
    expect(shown(page)).not.toMatch(/notAllowed|privateAddress|ECONNREFUSED/);
  });

  it("refuses a name that resolves to this machine (localhost), judged on the address the connection would use", async () => {
    await storedWebhook(`http://localhost:${port}/internal-admin`);
    const log: string[] = [];
    expect((await deliverOutbox(srv.db, srv.clock.now(), { ...DELIVERY, policy: demo, log: (l) => log.push(l) })).failed).toBe(1);
    expect(internalHits).toEqual([]);
    expect(log.join("\n")).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is not a public address/);
    // The same message gets through when private addresses are allowed (OUTBOUND_ALLOW_PRIVATE=1):
    // the server was reachable all along; it was the guard that refused.
    await srv.db.updateTable("outbox").set({ status: "pending", attempts: 0, last_error: "" }).execute();
    expect((await deliverOutbox(srv.db, srv.clock.now(), { ...DELIVERY, policy: { requireHttps: false, allowPrivate: true } })).sent).toBe(1);
    expect(internalHits).toEqual(["POST /internal-admin"]);
  });

  it("does not follow a redirect from a public-looking receiver: a 3xx is a failed delivery", async () => {
    mock.use(
      http.post("https://hooks.example.vn/roviec", async ({ request }) => {
        hits.push({ url: request.url, headers: request.headers, body: await request.text() });
        return new HttpResponse(null, { status: 302, headers: { Location: `http://127.0.0.1:${port}/internal-admin` } });
      }),
    );
    await configureChannels();
    await srv.db.updateTable("member_channels").set({ telegram_chat_id: "", email: 0 }).execute();
    await assignTask();
    const log: string[] = [];
    expect(await deliverOutbox(srv.db, srv.clock.now(), { ...DELIVERY, log: (l) => log.push(l) })).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(hits).toHaveLength(1);
    expect(internalHits).toEqual([]);
    expect((await srv.db.selectFrom("outbox").select("last_error").executeTakeFirstOrThrow()).last_error).toBe("rejected");
    expect(log.join("\n")).toContain("HTTP 302 (redirect not followed)");
  });

  it("in production, refuses plain http when the admin saves it and again when sending", async () => {
    const prod = await startServer({ production: true });
    try {
      const admin = await signIn(prod, "tuky.admin");
      const res = await admin.post("/o/tu-ky/settings/notifications", settingsForm({ webhookUrl: "http://hooks.example.vn/roviec" }));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Địa chỉ phải bắt đầu bằng https://");
      expect(await prod.db.selectFrom("org_channels").selectAll().execute()).toHaveLength(0);
      expect((await admin.post("/o/tu-ky/settings/notifications", settingsForm({ webhookUrl: "https://hooks.example.vn/roviec" }))).status).toBe(200);
    } finally {
      await prod.close();
    }
    // At send time: the default policy is the strict one.
    await storedWebhook("http://hooks.example.vn/roviec");
    expect((await deliverOutbox(srv.db, srv.clock.now(), { ...DELIVERY, log: () => {} })).failed).toBe(1);
    expect(hits).toHaveLength(0);
  });
});

describe("reminders", () => {
  it("reminds of tomorrow's deadline and today's overdue tasks once, however often the job runs", async () => {
    await assignTask("Việc đến hạn ngày mai");
    const at = new Date("2026-03-12T01:00:00Z"); // 08:00 on 12/03, the deadline is 13/03
    const first = await runReminders(srv.db, at);
    const second = await runReminders(srv.db, at);
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(0);
    const lan = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
    const kinds = await srv.db.selectFrom("notifications").select("kind").where("membership_id", "=", lan).execute();
    expect(kinds.map((k) => k.kind)).toContain("deadlineTomorrow");
    const digest = await srv.db.selectFrom("notifications").select("kind").where("dedupe_key", "=", "digest:2026-03-12").where("org_id", "=", (await memberOf(srv.db, "tuky.giamdoc")).orgId).execute();
    expect(digest.length).toBe(2); // the director and the deputy of tu-ky
  });

  it("does not count as absent in the digest those not yet in while the morning session runs", async () => {
    // Thursday 12/03 at 08:00: the session started at 07:30, nobody has checked in yet.
    await runReminders(srv.db, new Date("2026-03-12T01:00:00Z"));
    const hung = (await memberOf(srv.db, "tuky.giamdoc")).membershipId;
    const row = await srv.db.selectFrom("notifications").select("params").where("membership_id", "=", hung).where("dedupe_key", "=", "digest:2026-03-12").executeTakeFirstOrThrow();
    expect(JSON.parse(row.params)).toMatchObject({ date: "12/03/2026", absent: 0 });
  });
});

describe("texts in the reader's language", () => {
  it("writes tomorrow's duty reminder in Vietnamese or English for each reader", async () => {
    const { notificationText } = await import("~/modules/notifications/notify.server");
    expect(notificationText("vi", "shiftTomorrow", { date: "14/03/2026", kind: "leader", time: "07:30–11:30" })).toBe("Ngày mai (14/03/2026) bạn có ca trực lãnh đạo, 07:30–11:30.");
    expect(notificationText("en", "shiftTomorrow", { date: "14/03/2026", kind: "staff", time: "07:30–11:30" })).toBe("Tomorrow (14/03/2026) you are on duty: staff on duty, 07:30–11:30.");
    expect(notificationText("en", "leaveDecided", { from: "02/03/2026", to: "03/03/2026", decision: "approved" })).toBe("Leave from 02/03/2026 to 03/03/2026: approved.");
  });
});
