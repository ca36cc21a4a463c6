import { expect, signIn, storedRow, test, type Page } from "./fixtures";

/** Real ids of the demo centre tu-ky in the e2e database. */
async function ids() {
  const one = async (sql: string) => ((await storedRow<{ id: string }>(sql)) ?? { id: "" }).id;
  const org = "(select id from organizations where slug = 'tu-ky')";
  return {
    lan: await one(`select m.id from memberships m join users u on u.id = m.user_id where u.username = 'tuky.canbo01'`),
    position: await one(`select id from positions where org_id = ${org} limit 1`),
    task: await one(`select id from tasks where org_id = ${org} and status = 'in_progress' limit 1`),
    roster: await one(`select id from rosters where org_id = ${org} limit 1`),
    inspection: await one(`select id from inspections where org_id = ${org} and status = 'submitted' limit 1`),
    checklist: await one(`select id from inspection_templates where org_id = ${org} limit 1`),
    report: await one(`select id from reports where org_id = ${org} limit 1`),
  };
}

async function directorPages(): Promise<string[]> {
  const i = await ids();
  const o = "/o/tu-ky";
  return [
    o,
    `${o}/me`,
    `${o}/people/${i.lan}?period=2026-02`,
    `${o}/tasks`,
    `${o}/tasks/new`,
    `${o}/tasks/${i.task}`,
    `${o}/tasks/${i.task}/edit`,
    `${o}/attendance`,
    `${o}/attendance/timesheet?month=2026-02`,
    `${o}/leave`,
    `${o}/rosters`,
    `${o}/rosters/new`,
    `${o}/rosters/${i.roster}`,
    `${o}/rosters/${i.roster}/print`,
    `${o}/inspections`,
    `${o}/inspections/new`,
    `${o}/inspections/new?quick=1`,
    `${o}/inspections/${i.inspection}`,
    `${o}/inspections/templates`,
    `${o}/inspections/templates/${i.checklist}`,
    `${o}/evaluations?period=2026-02`,
    `${o}/evaluations/${i.lan}?period=2026-02`,
    `${o}/calendar?month=2026-02`,
    `${o}/reports`,
    `${o}/reports/new`,
    `${o}/reports/${i.report}`,
    `${o}/reports/${i.report}/print`,
    `${o}/staff`,
    `${o}/staff/new`,
    `${o}/staff/${i.lan}`,
    `${o}/positions`,
    `${o}/positions/${i.position}`,
    `${o}/notifications`,
    "/account",
    "/account/password",
  ];
}

/** The pages wider than the phone (document.documentElement.scrollWidth > 360), with their width. */
async function tooWide(page: Page, urls: string[]) {
  const wide: string[] = [];
  for (const url of urls) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 360) wide.push(`${url}: ${w}px`);
  }
  return wide;
}

// Issue 13, item 6: nothing is wider than a 360 px phone (wide tables scroll inside their own box).
// Every page visited is also checked for duplicate ids and references to nothing (fixtures.ts).
test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("the dashboard, a person view and the roster print page fit the phone", async ({ page }) => {
    await signIn(page, "tuky.giamdoc");
    const i = await ids();
    expect(await tooWide(page, ["/o/tu-ky", "/o/tu-ky?sort=late&dir=desc", `/o/tu-ky/people/${i.lan}`, `/o/tu-ky/people/${i.lan}?period=2026-Q1`, `/o/tu-ky/rosters/${i.roster}/print`])).toEqual([]);
    // The per-person comparison keeps all its columns: it scrolls sideways in its own box.
    await page.goto("/o/tu-ky");
    const table = page.locator("table", { has: page.getByRole("link", { name: "Hoàng Thị Lan" }) });
    const box = await table.evaluate((t) => {
      const scroller = t.parentElement!;
      return { overflow: getComputedStyle(scroller).overflowX, wider: scroller.scrollWidth > scroller.clientWidth };
    });
    expect(box).toEqual({ overflow: "auto", wider: true });
    await page.goto(`/o/tu-ky/rosters/${i.roster}/print`);
    await expect(page.getByRole("heading", { name: "LỊCH TRỰC" })).toBeVisible();
  });

  test("every page of the director fits the phone", async ({ page }) => {
    await signIn(page, "tuky.giamdoc");
    expect(await tooWide(page, await directorPages())).toEqual([]);
  });

  test("the admin's settings pages fit the phone", async ({ page }) => {
    await signIn(page, "tuky.admin");
    const o = "/o/tu-ky";
    expect(await tooWide(page, [`${o}/settings/schedule`, `${o}/settings/notifications`, `${o}/attendance`, `${o}/calendar`, `${o}/staff`, `${o}/reports`])).toEqual([]);
  });

  test("every page of a clerk fits the phone", async ({ page }) => {
    await signIn(page, "tuky.canbo01");
    const o = "/o/tu-ky";
    expect(await tooWide(page, [o, `${o}/me`, `${o}/tasks`, `${o}/attendance`, `${o}/leave`, `${o}/rosters`, `${o}/inspections`, `${o}/evaluations`, `${o}/calendar`, `${o}/notifications`])).toEqual([]);
  });
});
