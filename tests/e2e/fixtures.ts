import { expect, test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { readE2eRows } from "../helpers/e2e-db";

export { expect };
export type { Browser, Page };

/** The demo password of every demo account (README.md). */
export const PASSWORD = "RoViec@2026";

/**
 * Finds references in the page that point at nothing: duplicate ids, `form=` naming no form,
 * `for=` naming no labelable control, `aria-labelledby` / `aria-describedby` / `aria-controls`
 * naming no element. Runs in the browser; returns one line per problem.
 */
function domProblems(): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
  for (const [id, n] of seen) if (n > 1) problems.push(`id "${id}" is used ${n} times`);
  const describe = (el: Element) => {
    const name = el.getAttribute("name");
    return `<${el.tagName.toLowerCase()}${name ? ` name="${name}"` : ""}${el.id ? ` id="${el.id}"` : ""}>`;
  };
  for (const el of document.querySelectorAll("[form]")) {
    const target = document.getElementById(el.getAttribute("form")!);
    if (!(target instanceof HTMLFormElement)) problems.push(`${describe(el)} has form="${el.getAttribute("form")}", which is not a <form>`);
  }
  for (const el of document.querySelectorAll("label[for]")) {
    const target = document.getElementById(el.getAttribute("for")!);
    if (!target || !/^(INPUT|SELECT|TEXTAREA|BUTTON|METER|OUTPUT|PROGRESS)$/.test(target.tagName))
      problems.push(`<label for="${el.getAttribute("for")}"> (“${el.textContent?.trim().slice(0, 40)}”) labels no control`);
  }
  for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr)!.split(/\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`${describe(el)} has ${attr}="${id}", which is not in the page`);
      }
    }
  }
  return problems;
}

/** Where every watched page reports problems, with the URL it was on. */
export type Sink = { problems: string[]; pages: Page[] };

/**
 * Checks the page's DOM after every change (full loads and client-side navigations alike) and
 * records what domProblems finds; the test fails at its end if anything was recorded.
 */
export async function watchDom(page: Page, sink: Sink) {
  sink.pages.push(page);
  await page.exposeFunction("__rvDomProblems", (url: string, found: string[]) => {
    for (const p of found) {
      const line = `${new URL(url).pathname}${new URL(url).search}: ${p}`;
      if (!sink.problems.includes(line)) sink.problems.push(line);
    }
  });
  await page.addInitScript(`(() => {
    const check = ${domProblems.toString()};
    let timer = 0;
    const run = () => {
      timer = 0;
      const found = check();
      if (found.length) window.__rvDomProblems(location.href, found);
    };
    const schedule = () => { if (!timer) timer = setTimeout(run, 50); };
    const start = () => {
      new MutationObserver(schedule).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["id", "for", "form", "aria-labelledby", "aria-describedby", "aria-controls"] });
      schedule();
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  })();`);
}

/** The problems in a page now (see domProblems). */
export async function findDomProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(`(${domProblems.toString()})()`)) as string[];
}

/** Checks the open pages once more (a last change may not have been reported yet). */
async function collect(sink: Sink, pages: Page[]) {
  for (const page of pages) {
    if (page.isClosed()) continue;
    const found = await page.evaluate(`(${domProblems.toString()})()`).catch(() => [] as string[]);
    for (const p of found as string[]) {
      const line = `${new URL(page.url()).pathname}: ${p}`;
      if (!sink.problems.includes(line)) sink.problems.push(line);
    }
  }
}

async function finalCheck(sink: Sink) {
  await collect(sink, sink.pages);
  expect(sink.problems, "pages with duplicate ids or references to nothing").toEqual([]);
}

/**
 * The test every e2e spec uses (a lint rule forbids importing `test` from @playwright/test in
 * tests/e2e): `page` is watched for broken ids and references; `newPage(browser)` gives a watched
 * page in a fresh context (its own cookies) for tests with several people at once.
 */
export const test = base.extend<{ domSink: Sink; newPage: () => Promise<Page> }>({
  domSink: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide) => {
      const sink: Sink = { problems: [], pages: [] };
      await provide(sink);
      await finalCheck(sink);
    },
    { auto: true },
  ],
  page: async ({ page, domSink }, provide) => {
    await watchDom(page, domSink);
    await provide(page);
  },
  newPage: async ({ browser, domSink }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await (browser as Browser).newContext();
      contexts.push(context);
      const page = await context.newPage();
      await watchDom(page, domSink);
      return page;
    });
    // domSink's final check runs after this teardown, when these pages are closed: check them now.
    await collect(domSink, domSink.pages.filter((p) => contexts.includes(p.context())));
    await Promise.all(contexts.map((c) => c.close()));
  },
});

/** Signs in through the login form and lands on the centre's page. */
export async function signIn(page: Page, username: string, centre = "tu-ky") {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${centre}$`));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Đăng xuất" }).last().click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * Reads the e2e server's database (playwright.config.ts) to check what was stored, on either engine
 * (tests/helpers/e2e-db.ts): SQL that runs on both SQLite and PostgreSQL, with `?` placeholders;
 * counts come back as numbers and boolean expressions as 1/0 on both. Read after the action has
 * finished on the page.
 */
export function storedRows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return readE2eRows<T>(sql, params);
}

export async function storedRow<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return (await storedRows<T>(sql, ...params))[0];
}
