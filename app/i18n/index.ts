import { useRouteLoaderData } from "@remix-run/react";
import { formatNumber, formatPercent, type NumberOptions } from "~/utils/number";
import type { Messages } from "./vi";

export type { Messages };
// Stored in users.locale: the list lives with the table types.
export { LOCALES, type Locale } from "../../db/schema";

/** The root loader's data: the page's dictionary (app/i18n/areas.ts). */
export type RootI18n = { locale?: string; t?: Partial<Messages> };

/**
 * The dictionary a page received from the root loader: the user's language, only the sections of
 * the page's area (app/i18n/areas.ts; tests/unit/i18n-areas.test.ts checks that every page's code
 * reads only those). Full dictionaries live in messages.server.ts and never reach the browser.
 */
export function pageMessages(root: RootI18n | undefined): Messages {
  return (root?.t ?? {}) as Messages;
}

/**
 * Replaces {name} placeholders. Numbers are printed as they are (years, counts); pass measures
 * through num/pct first so they are written the language's way.
 */
export function fmt(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The dictionary of the signed-in user's language (Vietnamese by default). */
export function useT(): Messages {
  return pageMessages(useRouteLoaderData<RootI18n>("root"));
}

export { errorText } from "./errors";

/** A number the way the reader's language writes it (app/utils/number.ts): "1.234,5" / "1,234.5". */
export function num(t: Pick<Messages, "locale">, n: number, opts?: NumberOptions): string {
  return formatNumber(n, t.locale, opts);
}

/** A percentage given in percent units: "97,92%"; "—" for null. */
export function pct(t: Pick<Messages, "locale">, percent: number | null | undefined, opts?: NumberOptions): string {
  return formatPercent(percent, t.locale, opts);
}
