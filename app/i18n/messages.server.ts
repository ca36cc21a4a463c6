// The full dictionaries, for the server only: loaders, actions, exports and notifications use
// `messages`; pages receive `dictionaryFor` through the root loader (app/i18n/areas.ts).
import { sectionsFor } from "./areas";
import { en } from "./en";
import { vi, type Messages } from "./vi";

export function messages(locale: string | undefined): Messages {
  return locale === "en" ? en : vi;
}

/** The sections of one language a page at `pathname` reads. */
export function dictionaryFor(locale: string | undefined, pathname: string): Partial<Messages> {
  const all = messages(locale);
  return Object.fromEntries(sectionsFor(pathname).map((s) => [s, all[s]])) as Partial<Messages>;
}
