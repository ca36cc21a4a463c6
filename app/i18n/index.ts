import { useRouteLoaderData } from "@remix-run/react";
import { formatNumber, formatPercent, formatShare, type NumberOptions } from "~/utils/number";
import { en } from "./en";
import { vi, type Messages } from "./vi";

export type { Messages };
// Stored in users.locale: the list lives with the table types.
export { LOCALES, type Locale } from "../../db/schema";

export function messages(locale: string | undefined): Messages {
  return locale === "en" ? en : vi;
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
  const data = useRouteLoaderData<{ locale?: string }>("root");
  return messages(data?.locale);
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

/** A share 0..1 as a percentage: "97,92%"; "—" for null. */
export function sharePct(t: Pick<Messages, "locale">, share: number | null | undefined, opts?: NumberOptions): string {
  return formatShare(share, t.locale, opts);
}
