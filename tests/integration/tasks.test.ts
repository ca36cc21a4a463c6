import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { evaluationFor } from "~/modules/evaluation/evaluation.server";
import { runReminders } from "~/modules/notifications/reminders.server";
import { centreDashboard } from "~/modules/people/dashboard.server";
import { parsePeriodKey } from "~/utils/dates";
import { personView } from "~/modules/people/people.server";
import { reportFigures } from "~/modules/reports/figures.server";
import { memberOf } from "../helpers/db";
import { signIn, startServer, type Client, type TestServer } from "../helpers/server";

// The clock starts on Tuesday 10/03/2026 08:00 in Vietnam (tests/helpers/paths.ts).
let srv: TestServer;
let director: Client;
let clerk: Client;
let ids: Record<string, string>;

beforeEach(async () => {
  srv = await startServer();
  director = await signIn(srv, "tuky.giamdoc");
  clerk = await signIn(srv, "tuky.canbo01");
  ids = {};
  for (const u of ["tuky.giamdoc", "tuky.phogiamdoc", "tuky.canbo01", "tuky.canbo02", "tuky.canbo03"]) {
    ids[u] = (await memberOf(srv.db, u)).membershipId;
  }
});
afterEach(async () => {
  await srv.close();
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function fullTask(overrides: Record<string, string | string[]> = {}) {
  return {
    intent: "assign",
    title: "Số hóa hồ sơ hộ tịch năm 2016",
    description: "Scan và nhập dữ liệu sổ đăng ký khai sinh năm 2016 vào hệ thống.",
    assigneeId: ids["tuky.canbo01"]!,
    coworkerIds: [ids["tuky.canbo02"]!],
    followerIds: [ids["tuky.phogiamdoc"]!],
    approverId: ids["tuky.giamdoc"]!,
    sourceKind: "plan",
    sourceRef: "KH 12/KH-TTPVHCC",
    startDate: "2026-03-10",
    deadlineDate: "2026-03-20",
    deliverable: "Dữ liệu 1.200 bản ghi khai sinh trên hệ thống, biên bản kiểm tra.",
    priority: "high",
    recurrence: "none",
    ...overrides,
  };
}

async function create(form: Record<string, string | string[]>) {
  const res = await director.post("/o/tu-ky/tasks/new", form);
  expect(res.status, await res.clone().text().then((t) => t.slice(0, 200))).toBe(200);
  return new URL(res.url).pathname.split("/").pop()!;
}

async function version(taskId: string) {
  const t = await srv.db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow();
  return String(t.version);
}

/** Moves the clock on; sessions idle for a week expire, so both sides sign in again. */
async function later(ms: number) {
  srv.clock.advance(ms);
  await director.login("tuky.giamdoc");
  await clerk.login("tuky.canbo01");
}

async function task(taskId: string) {
  return srv.db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirstOrThrow();
}

describe("assigning with the six 'rõ'", () => {
  it("assigns a complete task and shows it to the clerk in 'assigned to me'", async () => {
    const id = await create(fullTask());
    expect((await task(id)).status).toBe("assigned");
    const list = await (await clerk.fetch("/o/tu-ky/tasks?tab=mine")).text();
    expect(list).toContain("Số hóa hồ sơ hộ tịch năm 2016");
    expect(list).toContain(`/o/tu-ky/tasks/${id}`);
    const page = await (await clerk.fetch(`/o/tu-ky/tasks/${id}`)).text();
    expect(page).toContain("Rõ sản phẩm");
    expect(page).toContain("KH 12/KH-TTPVHCC");
    expect(page).toContain("20/03/2026");
    const events = await srv.db.selectFrom("task_events").select("kind").where("task_id", "=", id).execute();
    expect(events.map((e) => e.kind)).toEqual(["assigned"]);
    const audit = await srv.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["task.assigned"]);
  });

  it("refuses to assign while any of the six is missing, naming each one", async () => {
    const res = await director.post(
      "/o/tu-ky/tasks/new",
      fullTask({ assigneeId: "", description: "", deliverable: "", sourceRef: "", deadlineDate: "" }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Chưa rõ người");
    expect(html).toContain("Chưa rõ việc");
    expect(html).toContain("Chưa rõ thời gian");
    expect(html).toContain("Chưa rõ sản phẩm");
    expect(html).toContain("Chưa rõ thẩm quyền");
    expect(await srv.db.selectFrom("tasks").select("id").where("title", "=", "Số hóa hồ sơ hộ tịch năm 2016").execute()).toHaveLength(0);
  });

  it("saves a draft with gaps that only its author sees, and assigns it once complete", async () => {
    const id = await create(fullTask({ intent: "draft", assigneeId: ids["tuky.canbo01"]!, deliverable: "" }));
    expect((await task(id)).status).toBe("draft");
    expect((await clerk.fetch(`/o/tu-ky/tasks/${id}`)).status).toBe(404);
    const edit = await director.post(`/o/tu-ky/tasks/${id}/edit`, fullTask({ version: await version(id) }));
    expect(edit.status).toBe(200);
    expect((await task(id)).status).toBe("assigned");
    expect((await clerk.fetch(`/o/tu-ky/tasks/${id}`)).status).toBe(200);
  });

  it("refuses an approver who is not a leader and an assignee from another centre", async () => {
    const other = await memberOf(srv.db, "anphu.canbo01");
    const res = await director.post("/o/tu-ky/tasks/new", fullTask({ approverId: ids["tuky.canbo02"]!, assigneeId: other.membershipId }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Người duyệt phải là Giám đốc hoặc Phó Giám đốc.");
    expect(html).toContain("Lựa chọn không hợp lệ.");
  });
});

describe("the lifecycle", () => {
  it("goes assigned → in progress → submitted → done on time, seen the same by both sides", async () => {
    const id = await create(fullTask());
    const p = await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "progress", percent: "40", note: "Đã scan 500 bản", version: await version(id) });
    expect(p.status).toBe(200);
    expect((await task(id)).status).toBe("in_progress");
    await later(10 * DAY); // Friday 20/03 08:00: on the deadline day, so on time but not early
    const s = await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "submit", text: "Đã nhập đủ 1.200 bản ghi.", version: await version(id) });
    expect(s.status).toBe(200);
    expect((await task(id)).status).toBe("submitted");
    const waiting = await (await director.fetch("/o/tu-ky/tasks?tab=approval")).text();
    expect(waiting).toContain("Số hóa hồ sơ hộ tịch năm 2016");
    await later(3 * DAY); // approved later: completion is the submission time
    const a = await director.post(`/o/tu-ky/tasks/${id}`, { intent: "approve", note: "Tốt", version: await version(id) });
    expect(a.status).toBe(200);
    const done = await task(id);
    expect(done.status).toBe("done");
    expect(done.timeliness).toBe("on_time");
    expect(done.completed_at).toBe("2026-03-20T01:00:00.000Z");
    for (const c of [director, clerk]) {
      const html = await (await c.fetch(`/o/tu-ky/tasks/${id}`)).text();
      expect(html).toContain("Hoàn thành");
      expect(html).toContain("Đúng hạn");
    }
    const kinds = await srv.db.selectFrom("task_events").select("kind").where("task_id", "=", id).orderBy("created_at").execute();
    expect(kinds.map((k) => k.kind)).toEqual(["assigned", "progress", "submitted", "approved"]);
  });

  it("counts a submission one working day ahead as early, and after the deadline as late", async () => {
    const early = await create(fullTask({ deadlineDate: "2026-03-16" })); // Monday
    const late = await create(fullTask({ deadlineDate: "2026-03-11", deadlineTime: "17:00" }));
    await later(new Date("2026-03-11T10:30:00Z").getTime() - srv.clock.current.getTime()); // 17:30 on 11/03
    await clerk.post(`/o/tu-ky/tasks/${late}`, { intent: "submit", text: "Xong, hơi muộn.", version: await version(late) });
    await later(new Date("2026-03-13T09:00:00Z").getTime() - srv.clock.current.getTime()); // Friday 16:00
    await clerk.post(`/o/tu-ky/tasks/${early}`, { intent: "submit", text: "Xong sớm.", version: await version(early) });
    await director.post(`/o/tu-ky/tasks/${late}`, { intent: "approve", version: await version(late) });
    await director.post(`/o/tu-ky/tasks/${early}`, { intent: "approve", version: await version(early) });
    expect((await task(early)).timeliness).toBe("early");
    expect((await task(late)).timeliness).toBe("late");
  });

  it("returns with a reason, and the clerk resubmits", async () => {
    const id = await create(fullTask());
    await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "submit", text: "Bản đầu", version: await version(id) });
    const noReason = await director.post(`/o/tu-ky/tasks/${id}`, { intent: "return", note: "", version: await version(id) });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Vui lòng nêu lý do.");
    await director.post(`/o/tu-ky/tasks/${id}`, { intent: "return", note: "Thiếu biên bản kiểm tra", version: await version(id) });
    expect((await task(id)).status).toBe("returned");
    await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "submit", text: "Đã bổ sung biên bản", version: await version(id) });
    await director.post(`/o/tu-ky/tasks/${id}`, { intent: "approve", version: await version(id) });
    const t = await task(id);
    expect(t.status).toBe("done");
    expect(t.return_count).toBe(1);
    const html = await (await clerk.fetch(`/o/tu-ky/tasks/${id}`)).text();
    expect(html).toContain("Thiếu biên bản kiểm tra");
  });

  it("extends the deadline on request and keeps the original", async () => {
    const id = await create(fullTask());
    const bad = await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "requestExtension", requestedDate: "2026-03-19", reason: "Máy scan hỏng", version: await version(id) });
    expect(await bad.text()).toContain("Hạn mới phải sau hạn hiện tại.");
    await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "requestExtension", requestedDate: "2026-03-27", reason: "Máy scan hỏng 3 ngày", version: await version(id) });
    const ext = await srv.db.selectFrom("task_extensions").selectAll().where("task_id", "=", id).executeTakeFirstOrThrow();
    await director.post(`/o/tu-ky/tasks/${id}`, { intent: "grantExtension", extensionId: ext.id, version: await version(id) });
    const t = await task(id);
    expect([t.deadline_date, t.original_deadline_date, t.extension_count]).toEqual(["2026-03-27", "2026-03-20", 1]);
    const html = await (await clerk.fetch(`/o/tu-ky/tasks/${id}`)).text();
    expect(html).toContain("Hạn hiện tại");
    expect(html).toContain("27/03/2026");
    expect(html).toContain("Hạn ban đầu");
    expect(html).toContain("20/03/2026");
    // Submitted after the original deadline but before the new one.
    await later(new Date("2026-03-25T03:00:00Z").getTime() - srv.clock.current.getTime());
    await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "submit", text: "Xong", version: await version(id) });
    await director.post(`/o/tu-ky/tasks/${id}`, { intent: "approve", version: await version(id) });
    const done = await task(id);
    expect([done.timeliness, done.timeliness_original]).toEqual(["early", "late"]);
  });

  it("lets the assigner cancel with a reason", async () => {
    const id = await create(fullTask());
    const res = await director.post(`/o/tu-ky/tasks/${id}`, { intent: "cancel", reason: "Trùng với nhiệm vụ khác", confirm: "on", version: await version(id) });
    expect(res.status).toBe(200);
    expect((await task(id)).cancel_reason).toBe("Trùng với nhiệm vụ khác");
  });

  it("marks open tasks past their deadline as overdue", async () => {
    const id = await create(fullTask({ deadlineDate: "2026-03-11" }));
    srv.clock.current = new Date("2026-03-12T02:00:00Z");
    const list = await (await director.fetch("/o/tu-ky/tasks?tab=assigned&overdue=1")).text();
    expect(list).toContain("Quá hạn");
    expect(list).toContain(`/o/tu-ky/tasks/${id}`);
  });

  it("does not lose an update when two people act on the same version", async () => {
    const id = await create(fullTask());
    const v = await version(id);
    const first = await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "progress", percent: "30", version: v });
    expect(first.status).toBe(200);
    const second = await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "progress", percent: "10", version: v });
    expect(second.status).toBe(400);
    expect(await second.text()).toContain("Công việc vừa được người khác cập nhật");
    expect((await task(id)).progress).toBe(30);
  });
});

describe("who may do what", () => {
  it("forbids staff from approving, creating and seeing the whole centre", async () => {
    const id = await create(fullTask());
    await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "submit", text: "Xong", version: await version(id) });
    const approve = await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "approve", version: await version(id) });
    expect(approve.status).toBe(403);
    expect((await task(id)).status).toBe("submitted");
    expect((await clerk.fetch("/o/tu-ky/tasks/new")).status).toBe(403);
    expect((await clerk.post("/o/tu-ky/tasks/new", fullTask())).status).toBe(403);
    expect((await clerk.fetch("/o/tu-ky/tasks?tab=all")).status).toBe(403);
    expect((await clerk.fetch(`/o/tu-ky/tasks/${id}/edit`)).status).toBe(403);
  });

  it("hides a colleague's task (404) but shows it to co-workers and followers", async () => {
    const id = await create(fullTask({ assigneeId: ids["tuky.canbo03"]!, coworkerIds: [ids["tuky.canbo01"]!], followerIds: [] }));
    expect((await clerk.fetch(`/o/tu-ky/tasks/${id}`)).status).toBe(200);
    const outsider = await signIn(srv, "tuky.canbo02");
    expect((await outsider.fetch(`/o/tu-ky/tasks/${id}`)).status).toBe(404);
    expect((await outsider.post(`/o/tu-ky/tasks/${id}`, { intent: "comment", note: "xin chào" })).status).toBe(404);
    const cowork = await (await clerk.fetch("/o/tu-ky/tasks?tab=cowork")).text();
    expect(cowork).toContain(`/o/tu-ky/tasks/${id}`);
    // A co-worker may update progress but not submit.
    expect((await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "progress", percent: "20", version: await version(id) })).status).toBe(200);
    expect((await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "submit", text: "x x x", version: await version(id) })).status).toBe(403);
  });
});

describe("lists", () => {
  it("shows unfinished tasks by default and finished ones on request", async () => {
    const id = await create(fullTask({ title: "Việc sẽ bị hủy" }));
    await director.post(`/o/tu-ky/tasks/${id}`, { intent: "cancel", reason: "Không còn cần thiết", confirm: "on", version: await version(id) });
    const byDefault = await (await director.fetch("/o/tu-ky/tasks?tab=assigned")).text();
    expect(byDefault).not.toContain("Việc sẽ bị hủy");
    const all = await (await director.fetch("/o/tu-ky/tasks?tab=assigned&status=all")).text();
    expect(all).toContain("Việc sẽ bị hủy");
    const cancelled = await (await director.fetch("/o/tu-ky/tasks?tab=assigned&status=cancelled")).text();
    expect(cancelled).toContain("Việc sẽ bị hủy");
  });

  it("search ignores diacritics and case", async () => {
    await create(fullTask());
    await create(fullTask({ title: "Đối soát dữ liệu ĐẤT ĐAI quý I" }));
    for (const q of ["ho tich", "HỘ TỊCH"]) {
      const html = await (await director.fetch(`/o/tu-ky/tasks?tab=all&q=${encodeURIComponent(q)}`)).text();
      expect(html, q).toContain("Số hóa hồ sơ hộ tịch năm 2016".slice(0, 10));
    }
    const html = await (await director.fetch(`/o/tu-ky/tasks?tab=all&q=${encodeURIComponent("dat dai")}`)).text();
    expect(html).toContain("Đối soát dữ liệu ĐẤT ĐAI quý I");
    expect(html).not.toContain("Số hóa hồ sơ hộ tịch năm 2016");
  });
});

describe("attachments", () => {
  it("stores files sent with the form and serves them only to people on the task", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fullTask())) for (const x of [v].flat()) form.append(k, x);
    form.append("files", new File(["Danh sách sổ hộ tịch cần số hóa"], "danh-sách.txt", { type: "text/plain" }));
    const res = await director.fetch("/o/tu-ky/tasks/new", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const id = new URL(res.url).pathname.split("/").pop()!;
    const file = await srv.db.selectFrom("attachments").selectAll().where("task_id", "=", id).executeTakeFirstOrThrow();
    const page = await (await clerk.fetch(`/o/tu-ky/tasks/${id}`)).text();
    expect(page).toContain("danh-sách.txt");
    const dl = await clerk.fetch(`/o/tu-ky/files/${file.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-disposition")).toContain("attachment");
    expect(await dl.text()).toBe("Danh sách sổ hộ tịch cần số hóa");
    const outsider = await signIn(srv, "tuky.canbo03");
    expect((await outsider.fetch(`/o/tu-ky/files/${file.id}`)).status).toBe(404);
  });
});

describe("spreadsheet export", () => {
  it("exports the filtered list with Vietnamese headers and real dates and numbers", async () => {
    const id = await create(fullTask({ title: "Việc xuất bảng tính" }));
    await clerk.post(`/o/tu-ky/tasks/${id}`, { intent: "progress", percent: "40", version: await version(id) });
    const res = await director.fetch("/o/tu-ky/tasks.xlsx?tab=assigned&q=xuat%20bang");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(".xlsx");
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(4).values as unknown[];
    expect(header).toContain("Tên công việc");
    expect(header).toContain("Hạn hoàn thành");
    const row = ws.getRow(5);
    const col = (name: string) => (header as string[]).indexOf(name);
    expect(row.getCell(col("Tên công việc")).value).toBe("Việc xuất bảng tính");
    expect(row.getCell(col("Hạn hoàn thành")).value).toBeInstanceOf(Date);
    expect((row.getCell(col("Hạn hoàn thành")).value as Date).toISOString().slice(0, 10)).toBe("2026-03-20");
    expect(row.getCell(col("Tiến độ (%)")).value).toBe(40);
    expect(ws.getRow(6).getCell(2).value).toBeNull(); // only the filtered task
    // Laid out to be read: the header stays in view, dates show as dates, columns have their widths.
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(row.getCell(col("Hạn hoàn thành")).numFmt).toBe("dd/mm/yyyy");
    expect(ws.getColumn(col("Tên công việc")).width).toBe(48);
    expect(ws.getRow(2).font?.bold).toBe(true);
    // Staff cannot export the whole centre.
    expect((await clerk.fetch("/o/tu-ky/tasks.xlsx?tab=all")).status).toBe(403);
  });
});

// Issue 14, item 5: Vũ Đức Minh (tuky.canbo02) asks on 10/03 to extend his task due 04/03; the
// director grants it. An extension asked after the deadline never erases the lateness.
describe("extensions asked after the deadline", () => {
  const seeded = async () =>
    srv.db
      .selectFrom("tasks")
      .selectAll()
      .where("assignee_id", "=", ids["tuky.canbo02"]!)
      .where("deadline_date", "=", "2026-03-04")
      .executeTakeFirstOrThrow();
  const march = async (now: Date) => {
    const e = await evaluationFor(srv.db, (await memberOf(srv.db, "tuky.canbo02")).orgId, ids["tuky.canbo02"]!, "2026-03", now);
    return { points: e!.task.points, shown: e!.result.shown.total, outcome: e!.task.lines.map((l) => l.outcome), pending: e!.task.pending, band: e!.result.band };
  };

  it("keeps the task late for timeliness and the evaluation", async () => {
    const minh = await signIn(srv, "tuky.canbo02");
    const t0 = await seeded();
    expect(await march(srv.clock.now())).toMatchObject({ points: 0, shown: 26.5, outcome: ["overdue"], pending: 0 });

    const req = await minh.post(`/o/tu-ky/tasks/${t0.id}`, { intent: "requestExtension", requestedDate: "2026-03-20", reason: "Chờ Văn phòng đăng ký đất đai phản hồi 06 hồ sơ", version: String(t0.version) });
    expect(req.status).toBe(200);
    const ext = await srv.db.selectFrom("task_extensions").selectAll().where("task_id", "=", t0.id).where("status", "=", "pending").executeTakeFirstOrThrow();
    expect(await (await director.fetch(`/o/tu-ky/tasks/${t0.id}`)).text()).toContain("(đề nghị sau khi đã quá hạn)");
    expect((await director.post(`/o/tu-ky/tasks/${t0.id}`, { intent: "grantExtension", extensionId: ext.id, version: await version(t0.id) })).status).toBe(200);

    const t1 = await task(t0.id);
    expect([t1.deadline_date, t1.missed_deadline_at]).toEqual(["2026-03-20", "2026-03-04T16:59:59.999Z"]);
    const page = await (await minh.fetch(`/o/tu-ky/tasks/${t0.id}`)).text();
    expect(page).toContain("Gia hạn khi đã quá hạn — vẫn tính trễ hạn");
    expect(page).toContain("Đã trễ hạn từ 04/03/2026");
    // Still overdue in the evaluation (it used to become "not yet due", the score "pending").
    expect(await march(srv.clock.now())).toMatchObject({ points: 0, shown: 26.5, outcome: ["overdue"], pending: 0 });
    // And in the lists.
    const overdue = await (await director.fetch("/o/tu-ky/tasks?tab=all&overdue=1")).text();
    expect(overdue).toContain(`/o/tu-ky/tasks/${t0.id}`);

    // Finished by the new deadline: completed, but late (it used to score 70/70).
    srv.clock.current = new Date("2026-03-18T03:00:00Z");
    await minh.login("tuky.canbo02");
    await director.login("tuky.giamdoc");
    expect((await minh.post(`/o/tu-ky/tasks/${t0.id}`, { intent: "submit", text: "Đã xử lý xong 14 hồ sơ.", version: await version(t0.id) })).status).toBe(200);
    expect((await director.post(`/o/tu-ky/tasks/${t0.id}`, { intent: "approve", version: await version(t0.id) })).status).toBe(200);
    const done = await task(t0.id);
    expect([done.status, done.timeliness, done.timeliness_original]).toEqual(["done", "late", "late"]);
    const after = await march(new Date("2026-04-01T03:00:00Z"));
    expect(after.points).toBeCloseTo(64.1667, 4); // 70 × (1 + 1 + 0.75) / 3
    expect(after).toMatchObject({ shown: 90.66, outcome: ["done"], pending: 0, band: "excellent" });
  });

  it("refuses such requests when the centre says so, and still takes requests in time", async () => {
    const admin = await signIn(srv, "tuky.admin");
    const page = await (await admin.fetch("/o/tu-ky/evaluations")).text();
    expect(page).toContain("Gia hạn khi công việc đã quá hạn");
    expect((await admin.post("/o/tu-ky/evaluations", { intent: "lateExtensions", rule: "refuse" })).status).toBe(200);
    expect((await clerk.post("/o/tu-ky/evaluations", { intent: "lateExtensions", rule: "keep_late" })).status).toBe(403);
    const minh = await signIn(srv, "tuky.canbo02");
    const t0 = await seeded();
    const refused = await minh.post(`/o/tu-ky/tasks/${t0.id}`, { intent: "requestExtension", requestedDate: "2026-03-20", reason: "Chờ phản hồi", version: String(t0.version) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Trung tâm không nhận đề nghị gia hạn khi công việc đã quá hạn.");
    const id = await create(fullTask({ assigneeId: ids["tuky.canbo02"]! }));
    const inTime = await minh.post(`/o/tu-ky/tasks/${id}`, { intent: "requestExtension", requestedDate: "2026-03-27", reason: "Máy scan hỏng", version: await version(id) });
    expect(inTime.status).toBe(200);
    const audit = await srv.db.selectFrom("audit_log").select("details").where("action", "=", "task.lateExtensionRuleChanged").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ from: "keep_late", to: "refuse" });
  });
});

// Issue 14, item 6: a result submitted before its deadline and waiting for approval is not
// overdue anywhere, and nobody is reminded of it.
describe("submitted on time, waiting for approval", () => {
  it("is 'chờ duyệt — nộp đúng hạn' in lists, the task page, figures and reminders", async () => {
    const onTime = await create(fullTask({ title: "Báo cáo nộp đúng hạn", deadlineDate: "2026-03-11" }));
    const owed = await create(fullTask({ title: "Báo cáo chưa nộp", deadlineDate: "2026-03-11" }));
    srv.clock.current = new Date("2026-03-11T03:00:00Z"); // 10:00 on the deadline day
    await clerk.login("tuky.canbo01");
    expect((await clerk.post(`/o/tu-ky/tasks/${onTime}`, { intent: "submit", text: "Đã gửi báo cáo.", version: await version(onTime) })).status).toBe(200);
    srv.clock.current = new Date("2026-03-13T01:00:00Z"); // two days later, not yet approved
    await director.login("tuky.giamdoc");
    await clerk.login("tuky.canbo01");

    const overdueList = await (await director.fetch("/o/tu-ky/tasks?tab=all&overdue=1")).text();
    expect(overdueList).toContain(`/o/tu-ky/tasks/${owed}`);
    expect(overdueList).not.toContain(`/o/tu-ky/tasks/${onTime}`);
    const all = await (await director.fetch("/o/tu-ky/tasks?tab=assigned")).text();
    expect(all).toContain("Chờ duyệt — nộp đúng hạn");
    const page = await (await clerk.fetch(`/o/tu-ky/tasks/${onTime}`)).text();
    expect(page).toContain("Chờ duyệt — nộp đúng hạn");
    expect(page).not.toContain(">Quá hạn<");

    const now = srv.clock.now();
    const { orgId } = await memberOf(srv.db, "tuky.canbo01");
    const dash = await centreDashboard(srv.db, orgId, ids["tuky.giamdoc"]!, now);
    expect(dash.overdue.map((t) => t.id)).toContain(owed);
    expect(dash.overdue.map((t) => t.id)).not.toContain(onTime);
    const person = await personView(srv.db, orgId, ids["tuky.canbo01"]!, parsePeriodKey("2026-03")!, now);
    expect(person.openTasks.find((t) => t.id === onTime)?.state).toBe("submittedOnTime");
    expect(person.openTasks.find((t) => t.id === owed)?.state).toBe("overdue");

    await runReminders(srv.db, now);
    const reminders = await srv.db.selectFrom("notifications").select(["kind", "link"]).where("membership_id", "=", ids["tuky.canbo01"]!).where("kind", "=", "overdue").execute();
    expect(reminders.some((r) => r.link.endsWith(owed))).toBe(true);
    expect(reminders.some((r) => r.link.endsWith(onTime))).toBe(false);

    const before = await reportFigures(srv.db, orgId, "2026-03-01", "2026-03-31", now);
    const owedOnly = before.tasks.overdue;
    // Submitting the owed one late turns it into "submitted late": no longer overdue either.
    expect((await clerk.post(`/o/tu-ky/tasks/${owed}`, { intent: "submit", text: "Nộp muộn.", version: await version(owed) })).status).toBe(200);
    const afterSubmit = await reportFigures(srv.db, orgId, "2026-03-01", "2026-03-31", srv.clock.now());
    expect(afterSubmit.tasks.overdue).toBe(owedOnly - 1);
    expect(await (await director.fetch("/o/tu-ky/tasks?tab=assigned")).text()).toContain("Chờ duyệt — nộp trễ hạn");
  });
});
