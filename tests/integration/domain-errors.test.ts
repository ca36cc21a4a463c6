import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vi as messages } from "~/i18n/vi";
import { startServer, type Client, shown, type TestServer } from "../helpers/server";

// Errors as data (docs/decisions/0025): a service throws a DomainError, and the built server's
// wrapped loaders and actions (server/domain-errors.ts) answer it with its status and the error
// page, in Vietnamese — never Remix's 500. Without the wrapper every case below would be a 500.

const page = messages.errorPages;
let srv: TestServer;
const clients = new Map<string, Client>();

async function as(username: string): Promise<Client> {
  let c = clients.get(username);
  if (!c) {
    c = srv.client();
    await c.login(username);
    clients.set(username, c);
  }
  return c;
}

/** A task of the Tứ Kỳ centre. */
async function tuKyTask(): Promise<string> {
  const row = await srv.db
    .selectFrom("tasks as t")
    .innerJoin("organizations as o", "o.id", "t.org_id")
    .select("t.id")
    .where("o.slug", "=", "tu-ky")
    // One the director sees (not someone's draft), the same one whatever the indexes.
    .where("t.status", "in", ["assigned", "in_progress"])
    .orderBy("t.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The pending annual leave of Vũ Đức Minh (tuky.canbo02) in the demo data, 19–20/03/2026. */
async function pendingLeave(): Promise<string> {
  const row = await srv.db
    .selectFrom("leave_requests as l")
    .innerJoin("memberships as m", "m.id", "l.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("l.id")
    .where("u.username", "=", "tuky.canbo02")
    .where("l.status", "=", "pending")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The error page's status, title and text, and no trace of the error itself. */
async function expectErrorPage(res: Response, status: number, title: string, text: string) {
  const body = await res.text();
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  expect(body).toContain(title);
  expect(body).toContain(text);
  expect(body).not.toMatch(/DomainError|\bat \S+\.(ts|js):\d+/);
}

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv.close();
});

describe("a DomainError thrown by a service in a loader", () => {
  it("another centre's task is 404 with the not-found page (getTask → notFound)", async () => {
    const taskId = await tuKyTask();
    const outsider = await as("anphu.giamdoc");
    await expectErrorPage(await outsider.fetch(`/o/an-phu/tasks/${taskId}`), 404, page.notFoundTitle, page.notFoundText);
    // The same task in its own centre is there.
    expect((await (await as("tuky.giamdoc")).fetch(`/o/tu-ky/tasks/${taskId}`)).status).toBe(200);
  });

  it("the data request of a client-side navigation gets the same status", async () => {
    const taskId = await tuKyTask();
    const res = await (await as("anphu.giamdoc")).fetch(`/o/an-phu/tasks/${taskId}.data`);
    await res.arrayBuffer();
    expect(res.status).toBe(404);
  });
});

describe("a DomainError thrown by a service in an action", () => {
  it("cancelling somebody else's leave is 403 with the forbidden page (cancelLeave → forbidden)", async () => {
    const id = await pendingLeave();
    const colleague = await as("tuky.canbo03");
    await expectErrorPage(await colleague.post("/o/tu-ky/leave", { intent: "cancel", id }), 403, page.forbiddenTitle, page.forbiddenText);
    expect((await srv.db.selectFrom("leave_requests").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("pending");
  });

  it("deciding another centre's leave is 404 with the not-found page (decideLeave → notFound)", async () => {
    const id = await pendingLeave();
    const outsider = await as("anphu.giamdoc");
    await expectErrorPage(await outsider.post("/o/an-phu/leave", { intent: "approve", id }), 404, page.notFoundTitle, page.notFoundText);
  });

  it("a second decision on a decided leave is refused beside the form, 400 (decideLeave → alreadyDecided, a FieldError)", async () => {
    const id = await pendingLeave();
    expect((await (await as("tuky.giamdoc")).post("/o/tu-ky/leave", { intent: "approve", id })).status).toBe(200);
    const second = await (await as("tuky.phogiamdoc")).post("/o/tu-ky/leave", { intent: "refuse", id, note: "Trùng lịch trực" });
    const body = await second.text();
    expect(second.status).toBe(400);
    expect(body).toContain(messages.errors.alreadyDecided);
    // The leave page itself, with the message, not the error page.
    expect(body).toContain(messages.leave.title);
    expect(shown(body)).not.toContain(page.badRequestTitle);
    expect((await srv.db.selectFrom("leave_requests").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("approved");
  });

  it("a refusal carries its reason to the error page (readForm → refuse(415, notAForm))", async () => {
    const res = await (await as("tuky.giamdoc")).fetch("/o/tu-ky/leave", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "cancel" }),
    });
    await expectErrorPage(res, 415, page.badRequestTitle, page.reasons.notAForm);
  });
});
