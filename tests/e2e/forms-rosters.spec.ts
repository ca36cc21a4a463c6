import { expect, signIn, storedRow, storedRows, test, type Page } from "./fixtures";

// Issue 13, "every form, through the page": the shift check-in and the whole life of a swap from
// "Lịch trực của tôi" — declined by the colleague, accepted and refused by a leader, accepted and
// approved. The roster is this test's own (10–12/03/2026, weekdays, one clerk a day); the clock
// starts on Tuesday 10/03/2026 08:00, during its first shift (07:30–16:30).

const TITLE = "Lịch trực tiếp công dân 10–12/3/2026";

type Slot = { id: string; date: string; username: string; name: string; membership_id: string; checked_in_at: string | null };
const slots = () =>
  storedRows<Slot>(
    `select s.id, s.date, u.username, u.full_name as name, s.membership_id, s.checked_in_at from roster_slots s join rosters r on r.id = s.roster_id
       join memberships m on m.id = s.membership_id join users u on u.id = m.user_id where r.title = ? order by s.date`,
    TITLE,
  );

/** A clerk free on `date`: on no roster that day, not on leave, not the asker. */
const freeColleague = async (date: string, except: string[]) =>
  (await storedRow<{ username: string; name: string }>(
    `select u.username, u.full_name as name from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id
      where o.slug = 'tu-ky' and m.active = 1 and m.roles = 'staff' and u.username like 'tuky.canbo%'
        and u.username not in (${except.map(() => "?").join(",")})
        and not exists (select 1 from roster_slots s where s.membership_id = m.id and s.date = ?)
        and not exists (select 1 from leave_requests l where l.membership_id = m.id and l.status in ('pending', 'approved') and ? between l.start_date and l.end_date)
      order by u.username desc limit 1`,
    ...except,
    date,
    date,
  ))!;

const swapStatus = async () =>
  (await storedRows<{ status: string }>("select w.status from roster_swaps w join rosters r on r.id = w.roster_id where r.title = ? order by w.created_at", TITLE)).map((w) => w.status);

test("the clerk on duty checks in; a swap is declined, then refused by the director, then approved", async ({ page, newPage }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters/new");
  await page.getByLabel("Tên lịch trực").fill(TITLE);
  await page.getByLabel("Từ ngày").fill("10/03/2026");
  await page.getByLabel("Đến ngày").fill("12/03/2026");
  await page.getByLabel("Tất cả các ngày trong khoảng").check();
  await page.getByLabel("Số người trực lãnh đạo mỗi ngày").fill("0");
  await page.getByLabel("Số người trực chuyên môn mỗi ngày").fill("1");
  await page.getByRole("button", { name: "Tạo lịch và đề xuất các ngày trực" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã tạo lịch trực “${TITLE}” với 3 vị trí trực. Bấm “Tự động phân công công bằng” để xếp người.`);
  await page.getByRole("button", { name: "Tự động phân công công bằng" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã tự động phân công 3 vị trí trực.");
  await page.getByRole("checkbox", { name: /Đã ban hành thì không thể trở lại bản nháp/ }).check();
  await page.getByRole("button", { name: "Ban hành lịch trực" }).click();
  await expect(page.getByTestId("notice")).toContainText(`Đã ban hành “${TITLE}”`);
  const [today, tomorrow] = await slots();
  expect([today!.date, tomorrow!.date]).toEqual(["2026-03-10", "2026-03-11"]);

  // Today's clerk checks in for the shift running now.
  const shiftOf = (p: Page, date: string) =>
    p.locator("section", { has: p.getByRole("heading", { name: "Lịch trực của tôi" }) }).getByRole("listitem").filter({ hasText: TITLE }).filter({ hasText: date });
  const clerk = await newPage();
  await signIn(clerk, today!.username);
  await clerk.goto("/o/tu-ky/rosters");
  await expect(shiftOf(clerk, "10/03/2026")).toContainText("Đang trong ca");
  await shiftOf(clerk, "10/03/2026").getByRole("button", { name: "Điểm danh ca trực" }).click();
  await expect(clerk.getByTestId("notice")).toHaveText(/^Đã điểm danh ca trực ngày 10\/03\/2026 lúc \d\d:\d\d\.$/);
  await expect(shiftOf(clerk, "10/03/2026")).toContainText("Điểm danh lúc 10/03/2026");
  expect((await slots())[0]!.checked_in_at).not.toBeNull();

  // Tomorrow's clerk asks a free colleague, three times.
  const colleague = await freeColleague("2026-03-11", (await slots()).map((s) => s.username));
  const asker = clerk;
  await signIn(asker, tomorrow!.username);
  const ask = async () => {
    await asker.goto("/o/tu-ky/rosters");
    const mine = shiftOf(asker, "11/03/2026");
    await mine.getByText("Đổi ca", { exact: true }).click();
    await mine.getByLabel("Đồng nghiệp").selectOption({ label: colleague.name });
    await mine.getByLabel("Lý do").fill("Tập huấn phần mềm hộ tịch tại huyện");
    await mine.getByRole("button", { name: "Gửi đề nghị" }).click();
    await expect(asker.getByTestId("notice")).toHaveText(`Đã gửi đề nghị đổi ca ngày 11/03/2026 cho ${colleague.name}.`);
  };
  const other = await newPage();
  await signIn(other, colleague.username);
  const request = (p: Page) => p.getByRole("listitem").filter({ hasText: `${tomorrow!.name} nhờ ${colleague.name} trực thay ngày 11/03/2026` });

  await ask();
  await other.goto("/o/tu-ky/rosters");
  await request(other).getByRole("button", { name: "Từ chối" }).click();
  await expect(other.getByTestId("notice")).toHaveText(`Đã từ chối trực thay ${tomorrow!.name} ngày 11/03/2026.`);
  expect(await swapStatus()).toEqual(["declined"]);

  await ask();
  await other.goto("/o/tu-ky/rosters");
  await request(other).getByRole("button", { name: "Đồng ý trực thay" }).click();
  await expect(other.getByTestId("notice")).toHaveText(`Đã đồng ý trực thay ${tomorrow!.name} ngày 11/03/2026; chờ lãnh đạo duyệt.`);
  await page.goto("/o/tu-ky/rosters");
  await request(page).getByRole("button", { name: "Không duyệt" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã không duyệt đề nghị đổi ca ngày 11/03/2026 của ${tomorrow!.name}.`);
  expect(await swapStatus()).toEqual(["declined", "refused"]);
  expect((await slots())[1]!.username).toBe(tomorrow!.username);

  await ask();
  await other.goto("/o/tu-ky/rosters");
  await request(other).getByRole("button", { name: "Đồng ý trực thay" }).click();
  await expect(other.getByTestId("notice")).toContainText("chờ lãnh đạo duyệt");
  await page.goto("/o/tu-ky/rosters");
  await request(page).getByRole("button", { name: "Duyệt đổi ca" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã duyệt: ${colleague.name} trực thay ${tomorrow!.name} ngày 11/03/2026.`);
  expect(await swapStatus()).toEqual(["declined", "refused", "approved"]);
  expect((await slots())[1]!.username).toBe(colleague.username);
  await other.goto("/o/tu-ky/rosters");
  await expect(shiftOf(other, "11/03/2026")).toBeVisible();
});
