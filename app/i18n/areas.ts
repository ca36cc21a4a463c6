// Which dictionary sections a page receives (docs/decisions/0036-small-bundles.md). The dictionaries
// never reach the browser as code: the root loader sends the signed-in user's language only, and only
// the sections of the page's area (the first path segment after /o/:org). The root revalidates when
// the area changes. tests/unit/i18n-areas.test.ts reads every page's source and checks that what it
// uses is listed here.
import type { Messages } from "./vi";

export type Section = keyof Messages;

/**
 * Sent on every page: the frame, the shared words, form errors, error pages. (A flash notice comes
 * in words from the root loader, the bell's and inbox link's labels from the centre layout's.)
 */
const BASE: readonly Section[] = ["locale", "app", "nav", "common", "roles", "errors", "errorPages"];

/** A centre page's area → the sections its pages read beyond BASE. */
const CENTRE_AREAS: Record<string, readonly Section[]> = {
  "": ["overview", "home", "inbox", "tasks", "attendance", "audit", "evaluations", "inspections", "people", "rosters"],
  attendance: ["attendance"],
  calendar: ["calendar"],
  evaluations: ["evaluations", "annual"],
  inbox: ["inbox", "attendance", "leave", "rosters"],
  inspections: ["inspections"],
  leave: ["leave"],
  me: ["attendance", "people", "rosters", "tasks"],
  notifications: ["notifications"],
  people: ["attendance", "people", "rosters", "tasks"],
  positions: ["positions", "staff"],
  reports: ["reports", "leave"],
  rosters: ["rosters"],
  settings: ["calendar", "notifications", "lifecycle", "centreExport"],
  staff: ["staff", "overview", "invite"],
  tasks: ["tasks"],
};

/** Pages outside a centre, by their first path segment. */
const OTHER_AREAS: Record<string, readonly Section[]> = {
  "": ["home", "oversight"],
  login: ["login", "twoFactor"],
  invite: ["invite"],
  account: ["account", "twoFactor", "console"],
  admin: ["console", "consoleErrors", "lifecycle"],
  g: ["oversight", "people", "home"],
};

/** The area of a path: "centre:tasks", "centre:" (the overview), "login", … ("/o/x/tasks.data" too). */
export function areaOf(pathname: string): string {
  const parts = pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/").split("/").filter(Boolean);
  if (parts[0] === "o" && parts.length >= 2) return `centre:${parts[2] ?? ""}`;
  return parts[0] ?? "";
}

/** The sections a page at this path receives. */
export function sectionsFor(pathname: string): Section[] {
  const area = areaOf(pathname);
  const extra = area.startsWith("centre:") ? (CENTRE_AREAS[area.slice(7)] ?? []) : (OTHER_AREAS[area] ?? []);
  return [...new Set([...BASE, ...extra])];
}
