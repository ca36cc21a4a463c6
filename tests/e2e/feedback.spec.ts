import { expect, signIn, storedRow, test, type Page } from "./fixtures";

// Issue 13, item 5: after a form succeeds the page says what happened, the browser is redirected
// (a reload does not send the form again, no `?index` in the address), the form is empty again,
// and what cannot be undone asks for a tick first. The clock starts on Tuesday 10/03/2026.

const leaveCount = async (username: string) =>
  (await storedRow<{ n: number }>(
    `select count(*) as n from leave_requests l join memberships m on m.id = l.membership_id join users u on u.id = m.user_id
      where u.username = ? and l.reason = 'Về quê dự đám cưới em gái'`,
    username,
  ))!.n;

/** Counts the form posts the page sends from now on. */
function countPosts(page: Page) {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  return posts;
}

async function requestLeave(page: Page, username: string) {
  await signIn(page, username);
  await page.goto("/o/tu-ky/leave");
  await page.getByLabel("Loại nghỉ").selectOption({ label: "Nghỉ phép năm" });
  await page.getByLabel("Từ ngày").fill("2026-03-16");
  await page.getByLabel("Đến ngày").fill("2026-03-17");
  await page.getByLabel("Lý do").fill("Về quê dự đám cưới em gái");
  await page.getByRole("button", { name: "Gửi đơn" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã gửi đơn nghỉ phép năm từ 16/03/2026 đến 17/03/2026; chờ lãnh đạo duyệt.");
  // Redirected to the page itself: no ?index, the form is empty again.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/o/tu-ky/leave");
  await expect(page.getByLabel("Lý do")).toHaveValue("");
  expect(await leaveCount(username)).toBe(1);
  // A reload shows the page, not the form again, and not the message again.
  const posts = countPosts(page);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Nghỉ phép", level: 1 })).toBeVisible();
  await expect(page.getByTestId("notice")).toHaveCount(0);
  expect(posts).toEqual([]);
  expect(await leaveCount(username)).toBe(1);
}

test("a leave request says what was sent, and a reload does not send it again", async ({ page }) => {
  await requestLeave(page, "tuky.canbo07");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same, from a plain HTML form", async ({ page }) => {
    await requestLeave(page, "tuky.canbo08");
  });
});

test("cancelling a task asks for a tick first, then says which task was cancelled", async ({ page }) => {
  const title = "Chuẩn bị nội dung hội nghị đối thoại với người dân về cải cách hành chính";
  const status = async () => (await storedRow<{ status: string }>(`select status from tasks where title = ?`, title))!.status;
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/tasks?tab=all");
  await page.getByRole("link", { name: title }).click();
  await page.getByLabel("Lý do hủy").last().fill("Hội nghị dời sang quý III theo chỉ đạo của UBND xã.");
  const tick = page.getByRole("checkbox", { name: /công việc đã hủy không thể mở lại/ });
  await page.getByRole("button", { name: "Hủy công việc" }).click();
  // Not ticked: the browser keeps the form (also without JavaScript) and nothing changes.
  expect(await tick.evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
  expect(await status()).toBe("in_progress");
  await tick.check();
  await page.getByRole("button", { name: "Hủy công việc" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã hủy công việc “${title}”.`);
  await expect(page.getByTestId("task-status")).toHaveText("Đã hủy");
  expect(await status()).toBe("cancelled");
  // The message belongs to that page: gone on the next one.
  await page.getByRole("link", { name: "← Công việc" }).click();
  await expect(page.getByRole("heading", { name: "Công việc", level: 1 })).toBeVisible();
  await expect(page.getByTestId("notice")).toHaveCount(0);
});

test("publishing a roster asks for a tick; a swap request names the colleague it went to", async ({ page }) => {
  const title = "Lịch trực dịp nghỉ lễ 30/4 – 1/5 năm 2026";
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters/new");
  await page.getByLabel("Tên lịch trực").fill(title);
  await page.getByLabel("Từ ngày").fill("2026-04-30");
  await page.getByLabel("Đến ngày").fill("2026-05-03");
  await page.getByRole("button", { name: "Tạo lịch và đề xuất các ngày trực" }).click();
  await expect(page.getByTestId("notice")).toContainText(`Đã tạo lịch trực “${title}” với 12 vị trí trực.`);
  await page.getByRole("button", { name: "Tự động phân công công bằng" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã tự động phân công 12 vị trí trực.");
  const rosterStatus = async () => (await storedRow<{ status: string }>(`select status from rosters where title = ?`, title))!.status;
  await page.getByRole("button", { name: "Ban hành lịch trực" }).click();
  expect(await rosterStatus()).toBe("draft");
  await page.getByRole("checkbox", { name: /Đã ban hành thì không thể trở lại bản nháp/ }).check();
  await page.getByRole("button", { name: "Ban hành lịch trực" }).click();
  await expect(page.getByTestId("notice")).toContainText(`Đã ban hành “${title}” và báo cho`);
  expect(await rosterStatus()).toBe("published");

  // A member on duty asks the deputy to take over.
  const shift = (await storedRow<{ username: string; date: string }>(
    `select u.username, s.date from roster_slots s join rosters r on r.id = s.roster_id join memberships m on m.id = s.membership_id
       join users u on u.id = m.user_id where r.title = ? and s.kind = 'staff' order by s.date limit 1`,
    title,
  ))!;
  await signIn(page, shift.username);
  await page.goto("/o/tu-ky/rosters");
  await page.getByRole("link", { name: title }).first().click();
  await page.getByLabel("Đồng nghiệp").selectOption({ label: "Trần Thị Mai" });
  await page.getByLabel("Lý do").fill("Con ốm, phải đưa đi khám");
  await page.getByRole("button", { name: "Gửi đề nghị" }).click();
  const date = shift.date.split("-").reverse().join("/");
  await expect(page.getByTestId("notice")).toHaveText(`Đã gửi đề nghị đổi ca ngày ${date} cho Trần Thị Mai.`);
  const swap = await storedRow<{ target: string; status: string }>(
    `select u.full_name as target, w.status from roster_swaps w join rosters r on r.id = w.roster_id join memberships m on m.id = w.target_id
       join users u on u.id = m.user_id where r.title = ?`,
    title,
  );
  expect(swap).toEqual({ target: "Trần Thị Mai", status: "requested" });
});
