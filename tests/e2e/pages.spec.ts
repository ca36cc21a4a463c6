import { expect, signIn, storedRow, test, type Page } from "./fixtures";

/** Real ids of the demo centre tu-ky in the e2e database. */
function ids() {
  const one = (sql: string) => (storedRow<{ id: string }>(sql) ?? { id: "" }).id;
  const org = "(select id from organizations where slug = 'tu-ky')";
  return {
    lan: one(`select m.id from memberships m join users u on u.id = m.user_id where u.username = 'tuky.canbo01'`),
    position: one(`select id from positions where org_id = ${org} limit 1`),
    task: one(`select id from tasks where org_id = ${org} and status = 'in_progress' limit 1`),
    roster: one(`select id from rosters where org_id = ${org} limit 1`),
    inspection: one(`select id from inspections where org_id = ${org} and status = 'submitted' limit 1`),
    checklist: one(`select id from inspection_templates where org_id = ${org} limit 1`),
    report: one(`select id from reports where org_id = ${org} limit 1`),
  };
}

function directorPages(): string[] {
  const i = ids();
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

async function widths(page: Page, urls: string[]) {
  const wide: string[] = [];
  for (const url of urls) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 360) wide.push(`${url}: ${w}px`);
  }
  return wide;
}

// Issue 13 item 5 (pages wider than a phone) is not fixed yet: this opens every page at 360 px,
// checks it answers 200 and passes the page checks of ./fixtures, and logs the widths; once the wide
// pages are fixed it must assert an empty list instead of logging it.
test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 780 } });
  test("the director's pages open and pass the page checks (widths logged)", async ({ page }) => {
    await signIn(page, "tuky.giamdoc");
    console.log(await widths(page, directorPages()));
  });
  test("a clerk's pages open and pass the page checks (widths logged)", async ({ page }) => {
    await signIn(page, "tuky.canbo01");
    const o = "/o/tu-ky";
    console.log(await widths(page, [o, `${o}/me`, `${o}/tasks`, `${o}/attendance`, `${o}/leave`, `${o}/rosters`, `${o}/inspections`, `${o}/evaluations`, `${o}/calendar`, `${o}/notifications`]));
  });
});
