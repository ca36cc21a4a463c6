import { expect, findDomProblems, test } from "./fixtures";

const BROKEN = `<!doctype html><html><body>
  <h2 id="general">Heading</h2>
  <form id="general"><input name="a" form="general"></form>
  <input name="b" form="nowhere">
  <label for="missing">Label</label>
  <section aria-labelledby="no-heading"><input aria-describedby="no-hint"></section>
</body></html>`;

// The watcher every e2e test carries must catch what broke the evaluation form (issue 13, item 1).
test("the page watcher catches duplicate ids and references to nothing", async ({ page, domSink }) => {
  await page.route("**/broken", (route) => route.fulfill({ contentType: "text/html", body: BROKEN }));
  await page.goto("/broken");
  const found = await findDomProblems(page);
  expect(found).toEqual([
    'id "general" is used 2 times',
    '<input name="a"> has form="general", which is not a <form>',
    '<input name="b"> has form="nowhere", which is not a <form>',
    "<label for=\"missing\"> (“Label”) labels no control",
    '<section> has aria-labelledby="no-heading", which is not in the page',
    '<input> has aria-describedby="no-hint", which is not in the page',
  ]);
  // The watcher reported the same while the page loaded.
  await expect.poll(() => domSink.problems.length).toBe(found.length);
  domSink.problems.length = 0;
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the final check still reads the page", async ({ page }) => {
    await page.route("**/broken", (route) => route.fulfill({ contentType: "text/html", body: BROKEN }));
    await page.goto("/broken");
    expect(await findDomProblems(page)).toHaveLength(6);
    await page.setContent("<p>fine</p>");
  });
});
