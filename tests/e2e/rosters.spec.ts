import { expect, signIn, storedRows, test } from "./fixtures";

// The server's clock starts on Tuesday 10/03/2026 (playwright.config.ts).
test("the director builds the Tết roster in a few clicks; a clerk sees and confirms a shift", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters/new");
  await page.getByLabel("Tên lịch trực").fill("Lịch trực Tết Nguyên đán Đinh Mùi 2027");
  await page.getByLabel("Từ ngày").fill("2027-02-05");
  await page.getByLabel("Đến ngày").fill("2027-02-14");
  await page.getByRole("button", { name: "Tạo lịch và đề xuất các ngày trực" }).click();
  await expect(page.getByRole("heading", { name: "Lịch trực Tết Nguyên đán Đinh Mùi 2027" })).toBeVisible();
  await expect(page.getByText("Âm lịch: 1/1")).toBeVisible(); // 06/02/2027 is Tết
  await page.getByRole("button", { name: "Tự động phân công công bằng" }).click();
  await expect(page.getByTestId("notice")).toHaveText(/^Đã tự động phân công \d+ vị trí trực\.$/);
  await page.getByRole("checkbox", { name: /Đã ban hành thì không thể trở lại bản nháp/ }).check();
  await page.getByRole("button", { name: "Ban hành lịch trực" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã ban hành “Lịch trực Tết Nguyên đán Đinh Mùi 2027”");
  await page.getByRole("button", { name: "Đăng xuất" }).last().click();

  await signIn(page, "tuky.canbo01");
  await page.getByRole("link", { name: "Lịch trực" }).first().click();
  await expect(page.getByRole("heading", { name: "Lịch trực của tôi" })).toBeVisible();
  const shift = page.locator("li", { hasText: "Lịch trực Tết Nguyên đán Đinh Mùi 2027" }).first();
  await expect(shift).toBeVisible();
  await shift.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.locator("li", { hasText: "Lịch trực Tết Nguyên đán Đinh Mùi 2027" }).first().getByText("Đã xác nhận")).toBeVisible();
});

type Slot = { id: string; date: string; kind: string; membership_id: string | null };
const slotsOf = (title: string) =>
  storedRows<Slot>(
    `select s.id, s.date, s.kind, s.membership_id from roster_slots s join rosters r on r.id = s.roster_id
      where r.title = ? order by s.date, s.kind, s.position`,
    title,
  );

// Issue 13, item 2: after "Tự động phân công công bằng" the pickers show the result, and a save
// changes only what the director changed (it used to post the stale empty pickers and erase all).
test("auto-assigned slots show in the pickers and a save keeps them", async ({ page, newPage }) => {
  const title = "Lịch trực dịp Giỗ Tổ Hùng Vương 2026";
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters/new");
  await page.getByLabel("Tên lịch trực").fill(title);
  await page.getByLabel("Từ ngày").fill("2026-04-25");
  await page.getByLabel("Đến ngày").fill("2026-04-27");
  await page.getByRole("button", { name: "Tạo lịch và đề xuất các ngày trực" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const rosterUrl = page.url();
  const pickers = page.getByRole("combobox", { name: /^Trực (lãnh đạo|chuyên môn)/ });
  await expect(pickers.first()).toBeVisible();
  const n = await pickers.count();
  expect(n).toBeGreaterThanOrEqual(6);

  // A deputy opens the same roster before the auto-assignment.
  const other = await newPage();
  await signIn(other, "tuky.phogiamdoc");
  await other.goto(rosterUrl);

  await page.getByRole("button", { name: "Tự động phân công công bằng" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã tự động phân công");
  const assigned = await slotsOf(title);
  expect(assigned.every((s) => s.membership_id)).toBe(true);
  // Every picker shows who was stored, without a reload.
  for (let i = 0; i < n; i++) await expect(pickers.nth(i)).not.toHaveValue("");
  for (const s of assigned) await expect(page.locator(`select[name="slot.${s.id}"]`)).toHaveValue(s.membership_id!);

  // The director changes one slot and saves: only that slot changes.
  const first = assigned.find((s) => s.kind === "staff")!;
  const picker = page.locator(`select[name="slot.${first.id}"]`);
  const choices = await picker.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const taken = new Set(assigned.filter((s) => s.date === first.date).map((s) => s.membership_id));
  const replacement = choices.find((c) => !taken.has(c))!;
  await picker.selectOption(replacement);
  await page.getByRole("button", { name: "Lưu phân công" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu phân công: 1 vị trí được thay đổi.");
  const after = await slotsOf(title);
  expect(after.find((s) => s.id === first.id)!.membership_id).toBe(replacement);
  expect(after.filter((s) => s.id !== first.id)).toEqual(assigned.filter((s) => s.id !== first.id));
  await expect(picker).toHaveValue(replacement);

  // The deputy's page still shows the empty roster: saving it is refused and erases nothing.
  await expect(other.locator(`select[name="slot.${first.id}"]`)).toHaveValue("");
  await other.getByRole("button", { name: "Lưu phân công" }).click();
  await expect(other.getByRole("alert")).toContainText("Lịch trực vừa được người khác thay đổi");
  expect(await slotsOf(title)).toEqual(after);
});

// Issue 13, item 9: "Đổi ca" beside each of my shifts in "Lịch trực của tôi".
test("a member asks for a swap right beside their shift in 'Lịch trực của tôi'", async ({ page }) => {
  const title = "Lịch trực cuối tuần 10–11/10/2026";
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters/new");
  await page.getByLabel("Tên lịch trực").fill(title);
  await page.getByLabel("Từ ngày").fill("2026-10-10");
  await page.getByLabel("Đến ngày").fill("2026-10-11");
  await page.getByRole("button", { name: "Tạo lịch và đề xuất các ngày trực" }).click();
  await page.getByRole("button", { name: "Tự động phân công công bằng" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã tự động phân công");
  await page.getByRole("checkbox", { name: /Đã ban hành thì không thể trở lại bản nháp/ }).check();
  await page.getByRole("button", { name: "Ban hành lịch trực" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã ban hành");

  const shift = (await storedRows<{ username: string; date: string }>(
    `select u.username, s.date from roster_slots s join rosters r on r.id = s.roster_id join memberships m on m.id = s.membership_id
       join users u on u.id = m.user_id where r.title = ? and s.kind = 'staff' order by s.date`,
    title,
  ))[0]!;
  const date = shift.date.split("-").reverse().join("/");
  await signIn(page, shift.username);
  await page.goto("/o/tu-ky/rosters");
  const mine = page.locator("li", { hasText: title }).filter({ hasText: date }).first();
  await mine.getByText("Đổi ca", { exact: true }).click();
  await mine.getByLabel("Đồng nghiệp").selectOption({ label: "Trần Thị Mai" });
  await mine.getByLabel("Lý do").fill("Đi học lớp bồi dưỡng nghiệp vụ");
  await mine.getByRole("button", { name: "Gửi đề nghị" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã gửi đề nghị đổi ca ngày ${date} cho Trần Thị Mai.`);
  expect(new URL(page.url()).pathname).toBe("/o/tu-ky/rosters");
  const after = page.locator("li", { hasText: title }).filter({ hasText: date }).first();
  await expect(after.getByText("Đang chờ đổi ca")).toBeVisible();
  await expect(after.getByText("Đổi ca", { exact: true })).toHaveCount(0);
  const swaps = await storedRows<{ target: string; reason: string; status: string }>(
    `select u.full_name as target, w.reason, w.status from roster_swaps w join rosters r on r.id = w.roster_id
       join memberships m on m.id = w.target_id join users u on u.id = m.user_id where r.title = ?`,
    title,
  );
  expect(swaps).toEqual([{ target: "Trần Thị Mai", reason: "Đi học lớp bồi dưỡng nghiệp vụ", status: "requested" }]);
});
