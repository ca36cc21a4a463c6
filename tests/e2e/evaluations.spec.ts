import { expect, signIn, storedRow, test, type Page } from "./fixtures";

type Stored = { political_points: number; ethics_points: number; style_points: number; discipline_points: number; discipline_note: string; version: number };

function storedScores(name: string) {
  return storedRow<Stored>(
    `select e.political_points, e.ethics_points, e.style_points, e.discipline_points, e.discipline_note, e.version
       from evaluations e join memberships m on m.id = e.membership_id join users u on u.id = m.user_id
      where u.full_name = ? and e.period = '2026-03'`,
    name,
  );
}

async function scoreGeneral(page: Page, name: string) {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/evaluations?period=2026-03");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const criterion = (legend: string) => page.getByRole("group", { name: new RegExp(legend) });
  await criterion("Tư tưởng chính trị").getByLabel("Điểm").fill("7,5");
  await criterion("Đạo đức, lối sống").getByLabel("Điểm").fill("7,5");
  await criterion("Tác phong, lề lối làm việc").getByLabel("Điểm").fill("7,5");
  await criterion("Ý thức tổ chức kỷ luật").getByLabel("Điểm").fill("6,5");
  await criterion("Ý thức tổ chức kỷ luật").getByLabel("Nhận xét").fill("Hai lần đi muộn trong tháng, đã nhắc nhở.");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
}

async function expectSaved(page: Page, name: string) {
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu điểm tiêu chí chung" })).toBeVisible();
  await expect(page.getByText("Vui lòng nhập thông tin này")).toHaveCount(0);
  // What the person sees after saving is what was stored, also after a reload.
  await page.reload();
  const discipline = page.getByRole("group", { name: /Ý thức tổ chức kỷ luật/ });
  await expect(discipline.getByLabel("Điểm")).toHaveValue("6,5");
  await expect(discipline.getByLabel("Nhận xét")).toHaveValue("Hai lần đi muộn trong tháng, đã nhắc nhở.");
  const row = await storedScores(name);
  expect(row).toMatchObject({ political_points: 7.5, ethics_points: 7.5, style_points: 7.5, discipline_points: 6.5, discipline_note: "Hai lần đi muộn trong tháng, đã nhắc nhở." });
}

// The server's clock starts on Tuesday 10/03/2026 (playwright.config.ts).
test("the director scores the 30 general points of a member and they are stored", async ({ page }) => {
  await scoreGeneral(page, "Hoàng Thị Lan");
  await expectSaved(page, "Hoàng Thị Lan");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same form saves from a plain HTML post", async ({ page }) => {
    await scoreGeneral(page, "Bùi Văn Nam");
    await expectSaved(page, "Bùi Văn Nam");
  });
});

// Issue 13 item 13: a running month's band is provisional, never shown as a final result.
test("a running month shows its bands as provisional; a past month shows them as results", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/evaluations?period=2026-03");
  await expect(page.getByRole("heading", { name: "Tổng hợp xếp loại (tạm tính, kỳ chưa kết thúc)" })).toBeVisible();
  const minh = page.getByRole("row", { name: /Vũ Đức Minh/ });
  await expect(minh.locator('[data-provisional="true"]').last()).toHaveText("Tạm tính: Không hoàn thành nhiệm vụ");
  await minh.getByRole("link", { name: "Vũ Đức Minh" }).click();
  await expect(page.locator('[data-provisional="true"]').first()).toHaveText("Tạm tính: Không hoàn thành nhiệm vụ");

  await page.goto("/o/tu-ky/evaluations?period=2026-02");
  await expect(page.getByRole("heading", { name: "Tổng hợp xếp loại", exact: true })).toBeVisible();
  await expect(page.locator('[data-provisional="true"]')).toHaveCount(0);
});
