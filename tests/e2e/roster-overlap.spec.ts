import { expect, signIn, storedRows as stored, test } from "./fixtures";

// Two rosters over the same days see each other's shifts. The demo March weekend roster (published)
// already has one leader and one staff member every weekend day. Server clock: 10/03/2026.


const WEEKENDS = "Lịch trực tiếp nhận hồ sơ ngày nghỉ cuối tuần tháng 3/2026";
const EXTRA = "Lịch trực bổ sung các ngày nghỉ 14–22/3/2026";

/** Member and date of every filled slot of a roster, by its title. */
const shiftsOf = (title: string) =>
  stored<{ membership_id: string; date: string; name: string }>(
    "select s.membership_id, s.date, u.full_name as name from roster_slots s join rosters r on r.id = s.roster_id join memberships m on m.id = s.membership_id join users u on u.id = m.user_id where r.title = ? and s.date between '2026-03-14' and '2026-03-22'",
    title,
  );

test("a second roster over the same days never puts anyone on duty twice a day, and warns of a double booking made by hand", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters/new");
  await page.getByLabel("Tên lịch trực").fill(EXTRA);
  await page.getByLabel("Từ ngày").fill("2026-03-14");
  await page.getByLabel("Đến ngày").fill("2026-03-22");
  await page.getByRole("button", { name: "Tạo lịch và đề xuất các ngày trực" }).click();
  await expect(page.getByRole("heading", { name: EXTRA })).toBeVisible();
  await page.getByRole("button", { name: "Tự động phân công công bằng" }).click();
  // Every slot filled (no "còn … vị trí chưa có người đủ điều kiện").
  await expect(page.getByTestId("notice")).toHaveText(/^Đã tự động phân công \d+ vị trí trực\.$/);
  await expect(page.getByText("trùng hai lịch trực")).toHaveCount(0);

  // Stored: nobody in both rosters on the same day.
  const weekend = await shiftsOf(WEEKENDS);
  const extra = await shiftsOf(EXTRA);
  expect(weekend.length).toBeGreaterThan(0);
  expect(extra.length).toBeGreaterThan(0);
  const taken = new Set(weekend.map((s) => `${s.membership_id}|${s.date}`));
  expect(extra.filter((s) => taken.has(`${s.membership_id}|${s.date}`))).toEqual([]);

  // By hand, the director puts the weekend roster's staff member of Saturday 14/03 on this roster too
  // (on a fresh page: showing the auto-assigned slots without reloading is wt-ui's work).
  await page.reload();
  const busy = (await stored<{ name: string }>(
    "select u.full_name as name from roster_slots s join rosters r on r.id = s.roster_id join memberships m on m.id = s.membership_id join users u on u.id = m.user_id where r.title = ? and s.date = '2026-03-14' and s.kind = 'staff'",
    WEEKENDS,
  ))[0]!.name;
  await page.getByLabel("Trực chuyên môn 14/03/2026").first().selectOption({ label: busy });
  await page.getByRole("button", { name: "Lưu phân công" }).click();
  await expect(page.getByText(`${busy} đã có ca trực ngày 14/03/2026 trong “${WEEKENDS}”: trùng hai lịch trực.`)).toBeVisible();
  expect((await shiftsOf(EXTRA)).filter((s) => s.date === "2026-03-14").map((s) => s.name)).toContain(busy);
});
