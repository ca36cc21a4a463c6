import { expect, signIn, storedRow, test, type Page } from "./fixtures";

// Issue 13, item 4: one way of writing numbers. In Vietnamese a comma before the decimals and a dot
// between thousands ("1.234,5", "97,92%"), in English the other way round, never more than two decimals.

async function pages() {
  const lan = (await storedRow<{ id: string }>(`select m.id from memberships m join users u on u.id = m.user_id where u.username = 'tuky.canbo01'`))!.id;
  const o = "/o/tu-ky";
  return [o, `${o}/people/${lan}?period=2026-02`, `${o}/people/${lan}?period=2026-Q1`, `${o}/inspections`, `${o}/evaluations?period=2026-02`, `${o}/evaluations/${lan}?period=2026-02`, `${o}/attendance/timesheet?month=2026-02`, `${o}/leave`];
}

/** The visible text of the page, charts' drawings left out (their axes are checked on their tables). */
const visibleText = (page: Page) => page.locator("main").innerText();

async function numbersOn(page: Page, url: string) {
  await page.goto(url);
  const text = await visibleText(page);
  return {
    text,
    longDecimals: text.match(/\d[.,]\d{3,}(?!\d*[./]\d)/g)?.filter((m) => !/^\d{1,3}[.,]\d{3}$/.test(m)) ?? [],
    percents: text.match(/\d[\d.,]*\s?%/g) ?? [],
  };
}

test("numbers and percentages are written the Vietnamese way, then the English way", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  const seen: string[] = [];
  for (const url of await pages()) {
    const { longDecimals, percents } = await numbersOn(page, url);
    expect(longDecimals, url).toEqual([]);
    for (const p of percents) expect(p, url).toMatch(/^\d{1,3}(,\d{1,2})?%$/);
    seen.push(...percents);
  }
  // The pages do show fractional figures (so the check above checked something).
  expect(seen.some((p) => p.includes(","))).toBe(true);

  // The same person switches to English in their account.
  await page.goto("/account");
  await page.getByLabel("English").check();
  await page.getByRole("button", { name: "Lưu ngôn ngữ" }).click();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  expect((await storedRow<{ locale: string }>(`select locale from users where username = 'tuky.giamdoc'`))!.locale).toBe("en");
  const english: string[] = [];
  for (const url of await pages()) {
    const { longDecimals, percents } = await numbersOn(page, url);
    expect(longDecimals, url).toEqual([]);
    for (const p of percents) expect(p, url).toMatch(/^\d{1,3}(\.\d{1,2})?%$/);
    english.push(...percents);
  }
  expect(english.some((p) => p.includes("."))).toBe(true);
  await page.goto("/account");
  await page.getByLabel("Tiếng Việt").check();
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
});
