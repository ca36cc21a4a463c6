import { expect, signIn, storedRow, storedRows, test, type Page } from "./fixtures";

// Issue 13, "every form, through the page": the task forms no other spec submits — a draft with a
// file, its edit page (draft and assign), the edit of an assigned task, an extension granted and one
// refused, a comment and a result returned. Server clock: Tuesday 10/03/2026 08:00. The people are
// Trần Thị Mai (deputy, assigns) and Đỗ Thị Hương (tuky.canbo03), whom no other spec gives work.

const section = (page: Page, heading: string) => page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });

type Task = { id: string; status: string; title: string; deadline_date: string | null; assignee: string | null; version: number };
const taskNamed = (title: string) =>
  storedRow<Task>(
    "select t.id, t.status, t.title, t.deadline_date, u.full_name as assignee, t.version from tasks t left join memberships m on m.id = t.assignee_id left join users u on u.id = m.user_id where t.title = ?",
    title,
  );

test("a deputy saves a draft with a file, finishes it on the edit page and assigns it, then edits the assigned task", async ({ page }) => {
  const title = "Chuẩn bị hồ sơ kiểm kê tài sản công năm 2026";
  await signIn(page, "tuky.phogiamdoc");
  await page.goto("/o/tu-ky/tasks/new");
  await page.getByLabel("Tên công việc").fill(title);
  await page.getByLabel("Nội dung, yêu cầu").fill("Lập danh mục máy tính, máy in, bàn ghế tại các quầy.");
  await page.getByLabel("Tệp đính kèm").setInputFiles({ name: "mau-kiem-ke.txt", mimeType: "text/plain", buffer: Buffer.from("Mẫu biên bản kiểm kê") });
  await expect(page.getByText(/chỉ có thể lưu nháp/)).toBeVisible();
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã lưu nháp “${title}”.`);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  expect(await taskNamed(title)).toMatchObject({ status: "draft", assignee: null });
  const id = (await taskNamed(title))!.id;
  expect(await storedRows("select file_name from attachments where task_id = ?", id)).toEqual([{ file_name: "mau-kiem-ke.txt" }]);

  // The edit page: saved as a draft once more with the assignee, then assigned once all six are clear.
  await page.getByRole("link", { name: "Sửa công việc" }).click();
  await page.getByLabel("Người chủ trì").selectOption({ label: "Đỗ Thị Hương — Quầy 2 – Đất đai – Xây dựng" });
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã lưu thay đổi của “${title}”.`);
  expect(await taskNamed(title)).toMatchObject({ status: "draft", assignee: "Đỗ Thị Hương" });

  await page.getByRole("link", { name: "Sửa công việc" }).click();
  await page.getByLabel("Hạn hoàn thành").fill("30/04/2026");
  await page.getByLabel("Sản phẩm phải nộp").fill("Danh mục tài sản có chữ ký của các quầy");
  await page.getByLabel("Căn cứ giao việc").selectOption({ label: "Kế hoạch" });
  await page.getByLabel("Số, ký hiệu văn bản / nội dung căn cứ").fill("Kế hoạch số 12/KH-TTPVHCC");
  await expect(page.getByText("Đã đủ 6 rõ — có thể giao việc.")).toBeVisible();
  await page.getByRole("button", { name: "Giao việc" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã giao việc “${title}” cho Đỗ Thị Hương.`);
  await expect(page.getByTestId("task-status")).toHaveText("Đã giao");
  expect(await taskNamed(title)).toMatchObject({ status: "assigned", deadline_date: "2026-04-30" });

  // Once assigned, the edit page saves changes to the assigned task.
  await page.getByRole("link", { name: "Sửa công việc" }).click();
  await page.getByLabel("Nội dung, yêu cầu").fill("Lập danh mục máy tính, máy in, bàn ghế, điều hòa tại các quầy.");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã lưu thay đổi của “${title}”.`);
  await expect(page.getByText("Lập danh mục máy tính, máy in, bàn ghế, điều hòa tại các quầy.")).toBeVisible();
  expect(await storedRow("select description, status from tasks where id = ?", id)).toEqual({
    description: "Lập danh mục máy tính, máy in, bàn ghế, điều hòa tại các quầy.",
    status: "assigned",
  });
});

test("the clerk asks for more time twice (granted, then refused), they talk it over, and a result is returned", async ({ page, newPage }) => {
  const title = "Số hóa hồ sơ đất đai lưu trữ năm 2020";
  await signIn(page, "tuky.phogiamdoc");
  await page.goto("/o/tu-ky/tasks/new");
  await page.getByLabel("Tên công việc").fill(title);
  await page.getByLabel("Nội dung, yêu cầu").fill("Quét và nhập dữ liệu 300 hồ sơ đất đai năm 2020.");
  await page.getByLabel("Người chủ trì").selectOption({ label: "Đỗ Thị Hương — Quầy 2 – Đất đai – Xây dựng" });
  await page.getByLabel("Hạn hoàn thành").fill("20/03/2026");
  await page.getByLabel("Sản phẩm phải nộp").fill("Dữ liệu số hóa trên phần mềm");
  await page.getByLabel("Căn cứ giao việc").selectOption({ label: "Đột xuất" });
  await page.getByRole("button", { name: "Giao việc" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã giao việc “${title}” cho Đỗ Thị Hương.`);
  const taskUrl = page.url();
  const id = (await taskNamed(title))!.id;

  const clerk = await newPage();
  await signIn(clerk, "tuky.canbo03");
  await clerk.goto(taskUrl);
  const ask = async (date: string, reason: string) => {
    const form = section(clerk, "Xin gia hạn");
    await form.getByLabel("Hạn mới đề nghị").fill(date);
    await form.getByLabel("Lý do").fill(reason);
    await form.getByRole("button", { name: "Gửi đề nghị gia hạn" }).click();
  };
  await ask("27/03/2026", "Máy quét của Quầy 2 hỏng, đang chờ sửa.");
  await expect(clerk.getByTestId("notice")).toHaveText("Đã gửi đề nghị gia hạn đến 27/03/2026.");

  await page.reload();
  const decide = section(page, "Gia hạn");
  await expect(decide).toContainText("Đề nghị gia hạn đến 27/03/2026 — lý do: Máy quét của Quầy 2 hỏng, đang chờ sửa.");
  await decide.getByLabel("Ghi chú").fill("Đồng ý, mượn máy quét của Quầy 1.");
  await decide.getByRole("button", { name: "Đồng ý gia hạn" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã gia hạn đến 27/03/2026.");

  await clerk.reload();
  await ask("10/04/2026", "Thêm 200 hồ sơ năm 2019 cần quét cùng đợt.");
  await expect(clerk.getByTestId("notice")).toHaveText("Đã gửi đề nghị gia hạn đến 10/04/2026.");
  await page.reload();
  await section(page, "Gia hạn").getByLabel("Ghi chú").fill("Hồ sơ năm 2019 làm ở đợt sau.");
  await section(page, "Gia hạn").getByRole("button", { name: "Không đồng ý" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã từ chối đề nghị gia hạn; hạn vẫn là 27/03/2026.");
  expect(await storedRows("select requested_date, status, decision_note from task_extensions where task_id = ? order by created_at", id)).toEqual([
    { requested_date: "2026-03-27", status: "granted", decision_note: "Đồng ý, mượn máy quét của Quầy 1." },
    { requested_date: "2026-04-10", status: "refused", decision_note: "Hồ sơ năm 2019 làm ở đợt sau." },
  ]);
  expect((await taskNamed(title))!.deadline_date).toBe("2026-03-27");

  // They talk it over on the task.
  await clerk.reload();
  await section(clerk, "Trao đổi").getByLabel("Ghi chú").fill("Em sẽ nộp bản quét thử 20 hồ sơ trước.");
  await section(clerk, "Trao đổi").getByRole("button", { name: "Gửi" }).click();
  await expect(clerk.getByTestId("notice")).toHaveText("Đã gửi ý kiến.");
  await expect(clerk.getByText("Em sẽ nộp bản quét thử 20 hồ sơ trước.")).toBeVisible();
  expect(await storedRow("select kind, note from task_events where task_id = ? and kind = 'comment'", id)).toEqual({ kind: "comment", note: "Em sẽ nộp bản quét thử 20 hồ sơ trước." });

  // The result comes in and goes back for more work.
  await section(clerk, "Nộp kết quả").getByLabel("Kết quả, sản phẩm đã hoàn thành").fill("Đã quét thử 20 hồ sơ.");
  await section(clerk, "Nộp kết quả").getByRole("button", { name: "Nộp kết quả" }).click();
  await expect(clerk.getByTestId("notice")).toHaveText("Đã nộp kết quả; chờ Trần Thị Mai duyệt.");
  await page.reload();
  await section(page, "Duyệt kết quả").getByLabel("Nhận xét / lý do trả lại").fill("Ảnh quét bị nghiêng, quét lại ở độ phân giải 300 dpi.");
  await section(page, "Duyệt kết quả").getByRole("button", { name: "Trả lại để làm lại" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã trả lại kết quả cho Đỗ Thị Hương để hoàn thiện.");
  await expect(page.getByTestId("task-status")).toContainText("Bị trả lại");
  expect(await storedRow("select decision, decision_note from task_submissions where task_id = ?", id)).toEqual({
    decision: "returned",
    decision_note: "Ảnh quét bị nghiêng, quét lại ở độ phân giải 300 dpi.",
  });
  expect((await taskNamed(title))!.status).toBe("returned");
});
