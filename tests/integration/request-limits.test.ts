import { existsSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberOf } from "../helpers/db";
import { TINY_PNG_B64 } from "../helpers/images";
import { signIn, startSignedIn, type Client, type TestServer } from "../helpers/server";

// Issue 12, items 1, 4, 5, 6 and 10: what one request may cost, checked as an attacker or a phone
// would send it, over HTTP against the built server.

let srv: TestServer;
let director: Client;
let clerk: Client;

beforeEach(async () => {
  ({ srv, client: director } = await startSignedIn("tuky.giamdoc"));
  clerk = await signIn(srv, "tuky.canbo01");
});
afterEach(() => srv.close());

const urlencoded = (body: string): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });

async function taskForm(extra: Record<string, string> = {}) {
  const ids = {
    assignee: (await memberOf(srv.db, "tuky.canbo01")).membershipId,
    approver: (await memberOf(srv.db, "tuky.giamdoc")).membershipId,
  };
  const form = new FormData();
  const fields: Record<string, string> = {
    intent: "assign",
    title: "Rà soát hồ sơ chứng thực tháng 3",
    description: "Đối chiếu sổ chứng thực với hồ sơ lưu.",
    assigneeId: ids.assignee,
    approverId: ids.approver,
    sourceKind: "adhoc",
    startDate: "2026-03-10",
    deadlineDate: "2026-03-20",
    deliverable: "Biên bản rà soát",
    priority: "normal",
    recurrence: "none",
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

/** Every file kept for a centre, and anything still waiting in the temporary upload folder. */
function filesOnDisk() {
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
  const kept = list(srv.filesDir).filter((d) => d !== ".uploads").flatMap((d) => list(join(srv.filesDir, d)));
  return { kept, waiting: list(join(srv.filesDir, ".uploads")) };
}

/**
 * Lets the server's after-response hooks remove the staged uploads: they run once the response has
 * closed, which on a loaded machine can take longer than a fixed pause. Waits until the temporary
 * folder is empty, at most 2 s (a file kept by mistake is still found by the checks that follow).
 */
async function settle() {
  const until = Date.now() + 2000;
  do await new Promise((r) => setTimeout(r, 50));
  while (filesOnDisk().waiting.length && Date.now() < until);
}

describe("1. a form's shape is bounded before it is parsed", () => {
  it("refuses a field name with a huge array index at once, with a short answer and no memory spent", async () => {
    // Warm up with a refusal of the same kind, so that only this request's cost is measured.
    await (await srv.client().fetch("/login", urlencoded("username=x&password=y&x%5B1000%5D=1"))).text();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heap = process.memoryUsage().heapUsed;
    const res = await srv.client().fetch("/login", urlencoded("username=x&password=y&x%5B10000000%5D=1"));
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(body.length).toBeLessThan(50_000);
    expect(body).toContain("Chỉ số danh sách trong biểu mẫu quá lớn");
    gc?.();
    // The same request used to build a 10-million-element array (+750 MB).
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(20 * 1024 * 1024);
  });

  it("refuses memberIds[99999999] on a new inspection and writes nothing", async () => {
    const inspector = await signIn(srv, "tuky.kiemtra");
    const before = await srv.db.selectFrom("inspections").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await inspector.fetch("/o/tu-ky/inspections/new", urlencoded("intent=create&place=Qu%E1%BA%A7y+1&memberIds%5B99999999%5D=1"));
    expect(res.status).toBe(400);
    const after = await srv.db.selectFrom("inspections").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses names nested 2,000 deep, 1,001 fields and a 300 KB value with a message", async () => {
    const deep = await clerk.fetch("/o/tu-ky/leave", urlencoded(`intent=request&${"a" + "%5B0%5D".repeat(2000)}=1`));
    expect(deep.status).toBe(400);
    expect(await deep.text()).toContain("Tên trường dữ liệu quá dài");
    const nested = await clerk.fetch("/o/tu-ky/leave", urlencoded("intent=request&a.b.c.d.e=1"));
    expect(nested.status).toBe(400);
    expect(await nested.text()).toContain("lồng quá nhiều cấp");
    const many = await clerk.fetch("/o/tu-ky/leave", urlencoded(Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&")));
    expect(many.status).toBe(413);
    expect(await many.text()).toContain("quá nhiều trường dữ liệu");
    const long = await clerk.fetch("/o/tu-ky/leave", urlencoded(`intent=request&reason=${"x".repeat(300 * 1024)}`));
    expect(long.status).toBe(413);
  });
});

describe("4. request size is counted in real bytes", () => {
  it("answers an anonymous 20 MB sign-in with 413 without reading it", async () => {
    const started = Date.now();
    const res = await srv.client().fetch("/login", urlencoded("username=" + "a".repeat(20 * 1024 * 1024)));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Dữ liệu gửi lên quá lớn");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops a chunked body (no Content-Length) at the form limit", async () => {
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 40) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await srv.client().fetch("/login", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Biểu mẫu vượt quá 1 MB");
  });

  it("refuses a body that claims more than any route accepts before reading it", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${srv.url}/login`, {
        method: "POST",
        headers: { Origin: srv.url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(200 * 1024 * 1024) },
      });
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
      req.write("username=x");
    });
    expect(status).toBe(413);
  });

  it("counts the files of a task form: six files are refused beside the field, nothing kept", async () => {
    const form = await taskForm();
    for (let i = 0; i < 6; i++) form.append("files", new File([`tệp ${i}`], `tep-${i}.txt`, { type: "text/plain" }));
    const res = await director.fetch("/o/tu-ky/tasks/new", { method: "POST", body: form });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Tối đa 5 tệp");
    await settle();
    expect(filesOnDisk()).toEqual({ kept: [], waiting: [] });
  });
});

describe("5. uploads are kept only when the action succeeds", () => {
  it("keeps nothing when the task does not exist or the version is stale, and keeps the file when it succeeds", async () => {
    const res = await director.fetch("/o/tu-ky/tasks/new", { method: "POST", body: await taskForm() });
    expect(res.status).toBe(200);
    const taskId = new URL(res.url).pathname.split("/").pop()!;

    const submit = (id: string, version: string) => {
      const form = new FormData();
      form.append("intent", "submit");
      form.append("version", version);
      form.append("text", "Đã rà soát xong, biên bản kèm theo.");
      form.append("files", new File(["biên bản rà soát"], "bien-ban.txt", { type: "text/plain" }));
      return clerk.fetch(`/o/tu-ky/tasks/${id}`, { method: "POST", body: form });
    };
    const missing = await submit("khong-co-viec-nay", "1");
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    const stale = await submit(taskId, "999");
    expect(stale.status).toBeGreaterThanOrEqual(400);
    expect(stale.status).toBeLessThan(500);
    await settle();
    expect(filesOnDisk()).toEqual({ kept: [], waiting: [] });
    expect(await srv.db.selectFrom("attachments").selectAll().where("task_id", "=", taskId).execute()).toEqual([]);

    const version = (await srv.db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow()).version;
    expect((await submit(taskId, String(version))).status).toBe(200);
    await settle();
    const rows = await srv.db.selectFrom("attachments").selectAll().where("task_id", "=", taskId).execute();
    expect(rows).toHaveLength(1);
    expect(filesOnDisk()).toEqual({ kept: [rows[0]!.id], waiting: [] });
  });
});

describe("6. any file name a phone can produce", () => {
  it("keeps names with ; = and Vietnamese letters on a task and shows them", async () => {
    const form = await taskForm();
    form.append("files", new File(["a"], "a=b.txt", { type: "text/plain" }));
    form.append("files", new File(["b"], "Biên bản; số=2 (bản chính).pdf", { type: "application/pdf" }));
    const res = await director.fetch("/o/tu-ky/tasks/new", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const taskId = new URL(res.url).pathname.split("/").pop()!;
    const names = (await srv.db.selectFrom("attachments").select("file_name").where("task_id", "=", taskId).execute()).map((r) => r.file_name).sort();
    expect(names).toEqual(["Biên bản; số=2 (bản chính).pdf", "a=b.txt"]);
    const page = await (await director.fetch(`/o/tu-ky/tasks/${taskId}`)).text();
    expect(page).toContain("Biên bản; số=2 (bản chính).pdf");
  });

  it("keeps a photo named with ; and = on an inspection", async () => {
    const inspector = await signIn(srv, "tuky.kiemtra");
    const lan = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
    const template = await srv.db.selectFrom("inspection_templates").select("id").where("org_id", "=", (await memberOf(srv.db, "tuky.kiemtra")).orgId).executeTakeFirstOrThrow();
    const created = await inspector.post("/o/tu-ky/inspections/new", { intent: "create", place: "Quầy 1", memberIds: [lan], templateId: template.id });
    expect(created.status).toBe(200);
    const id = new URL(created.url).pathname.split("/").pop()!;
    const form = new FormData();
    form.append("intent", "addPhoto");
    form.append("membershipId", lan);
    form.append("photos", new File([new Uint8Array(Buffer.from(TINY_PNG_B64, "base64"))], "ảnh;quầy=1.png", { type: "image/png" }));
    const res = await inspector.fetch(`/o/tu-ky/inspections/${id}?intent=addPhoto`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    const row = await srv.db.selectFrom("inspection_photos").select("file_name").where("inspection_id", "=", id).executeTakeFirstOrThrow();
    expect(row.file_name).toBe("ảnh;quầy=1.png");
  });
});

describe("10. malformed input is the client's error", () => {
  it.each([
    ["/o/%ff/tasks", 400],
    ["/o/tu-ky/tasks/%", 400],
    ["/o/tu-ky/attendance?date=2026-02-30", 200],
    ["/o/tu-ky/staff?page=1e309", 200],
    ["/o/tu-ky/staff?page=Infinity", 200],
    ["/o/tu-ky/tasks?page=-5", 200],
  ])("GET %s answers %i", async (path, status) => {
    expect((await director.fetch(path)).status).toBe(status);
  });

  it.each([
    ["JSON", { "Content-Type": "application/json" }, '{"intent":"request"}', 415],
    ["text/plain", { "Content-Type": "text/plain" }, "intent=request", 415],
    ["no Content-Type", {}, new Uint8Array([1, 2, 3]), 415],
    ["multipart without a boundary", { "Content-Type": "multipart/form-data" }, "--x\r\n", 415],
    ["truncated multipart", { "Content-Type": "multipart/form-data; boundary=zz" }, '--zz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreq', 400],
  ])("a POST as %s answers %i with a message", async (_label, headers, body, status) => {
    const res = await clerk.fetch("/o/tu-ky/leave", { method: "POST", headers: headers as Record<string, string>, body: body as BodyInit });
    expect(res.status).toBe(status);
    expect(await res.text()).toMatch(/biểu mẫu/);
  });

  it("refuses 30 February as a roster start date beside the field", async () => {
    const res = await director.post("/o/tu-ky/rosters/new", { name: "Lịch trực thử", startDate: "2026-02-30", endDate: "2026-03-02", dayMode: "nonWorking" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Ngày không hợp lệ");
  });
});
