import { useRouteLoaderData } from "@remix-run/react";
import { en } from "./en";
import { vi, type Messages } from "./vi";

export type { Messages };
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export function messages(locale: string | undefined): Messages {
  return locale === "en" ? en : vi;
}

/** Replaces {name} placeholders. */
export function fmt(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The dictionary of the signed-in user's language (Vietnamese by default). */
export function useT(): Messages {
  const data = useRouteLoaderData<{ locale?: string }>("root");
  return messages(data?.locale);
}

export { errorText } from "./errors";
