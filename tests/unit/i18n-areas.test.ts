// Pages receive only their area's dictionary sections (app/i18n/areas.ts, docs/decisions/0036):
// every page's code, read from its source with the modules it imports, must use only those.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaOf, sectionsFor } from "~/i18n/areas";
import { dictionaryFor } from "~/i18n/messages.server";
import { en } from "~/i18n/en";
import { vi } from "~/i18n/vi";
import { pageRoutes, sectionsUsed } from "../helpers/i18n-usage";

/** A URL of the page a route file serves: "o.$org.tasks.$taskId._index.tsx" → "/o/x/tasks/x". */
function pathOf(file: string): string {
  const segs = path
    .basename(file)
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? "x" : s.replace(/_$/, "")));
  return `/${segs.join("/")}`;
}

describe("dictionary sections per area", () => {
  const root = sectionsUsed(path.resolve("app/root.tsx"));
  const layout = sectionsUsed(path.resolve("app/routes/o.$org.tsx"));

  for (const file of pageRoutes()) {
    const name = path.basename(file);
    it(`${name} uses only the sections its area receives`, () => {
      const url = pathOf(file);
      const used = new Set([...sectionsUsed(file), ...root, ...(url.startsWith("/o/") ? layout : [])]);
      const missing = [...used].filter((s) => !sectionsFor(url).includes(s as never));
      expect(missing, `${url} (area "${areaOf(url)}")`).toEqual([]);
    });
  }

  it("finds the areas of document and data URLs", () => {
    expect(areaOf("/o/abc/tasks/12")).toBe("centre:tasks");
    expect(areaOf("/o/abc/tasks/12.data")).toBe("centre:tasks");
    expect(areaOf("/o/abc")).toBe("centre:");
    expect(areaOf("/o/abc.data")).toBe("centre:");
    expect(areaOf("/login")).toBe("login");
    expect(areaOf("/_root.data")).toBe("");
  });

  it("sends one language and a part of it", () => {
    const tasks = dictionaryFor("en", "/o/abc/tasks");
    expect(tasks.tasks).toBe(en.tasks);
    expect(tasks.calendar).toBeUndefined();
    expect(dictionaryFor("vi", "/o/abc/attendance").attendance).toBe(vi.attendance);
    expect(JSON.stringify(dictionaryFor("vi", "/o/abc/attendance")).length).toBeLessThan(JSON.stringify(vi).length / 3);
  });
});
