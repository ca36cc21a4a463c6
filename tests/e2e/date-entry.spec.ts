import { expect, signIn, storedRow, test } from "./fixtures";

// An English-language browser (common on commune PCs) shows native date fields as mm/dd/yyyy; the
// app's date fields are typed and shown as dd/mm/yyyy whatever the browser's language.
test.use({ locale: "en-US", viewport: { width: 360, height: 780 } });


test("a clerk types leave dates as dd/mm/yyyy on an English-language browser", async ({ page }) => {
  await signIn(page, "tuky.canbo02");
  await page.goto("/o/tu-ky/leave");
  const from = page.getByLabel("Từ ngày");
  await expect(from).toHaveAttribute("placeholder", "dd/mm/yyyy");
  await expect(from).toHaveValue("10/03/2026"); // today, shown the Vietnamese way
  await from.fill("");
  await from.pressSequentially("16/03/2026");
  const to = page.getByLabel("Đến ngày");
  await to.fill("");
  await to.pressSequentially("17/3/2026");
  await page.getByLabel("Lý do").fill("Việc gia đình");
  await page.getByRole("button", { name: "Gửi đơn" }).click();
  await expect(page.getByText("Đã gửi đơn").first()).toBeVisible();
  await expect(page.getByText("16/03/2026").first()).toBeVisible();

  const row = await storedRow(
    "select l.start_date, l.end_date from leave_requests l join memberships m on m.id = l.membership_id join users u on u.id = m.user_id where u.username = ? order by l.created_at desc limit 1",
    "tuky.canbo02",
  );
  expect(row).toEqual({ start_date: "2026-03-16", end_date: "2026-03-17" });

  // A date that does not exist is refused beside the field, in Vietnamese.
  await from.fill("30/02/2026");
  await page.getByRole("button", { name: "Gửi đơn" }).click();
  await expect(page.getByText("Ngày không hợp lệ").first()).toBeVisible();
});

test("the person view's period box takes 02/2026, Quý 1/2026 and 2026", async ({ page }) => {
  await signIn(page, "tuky.canbo01");
  await page.goto("/o/tu-ky/me");
  const box = page.getByRole("textbox", { name: "Kỳ" });
  await expect(box).toHaveValue("03/2026");
  for (const [typed, shown] of [
    ["02/2026", "02/2026"],
    ["Quý 1/2026", "Quý 1/2026"],
    ["2026", "2026"],
  ]) {
    await box.fill(typed);
    await box.press("Enter");
    await expect(page).toHaveURL(new RegExp(`period=${encodeURIComponent(typed).replace(/%20/g, "\\+")}`));
    await expect(page.getByRole("textbox", { name: "Kỳ" })).toHaveValue(shown);
  }
});
