import type { MetaFunction } from "@remix-run/node";
import { pageMessages, type Messages, type RootI18n } from "./index";

type Matches = Parameters<MetaFunction>[0]["matches"];

/** The dictionary of the page's language, read from the root loader's data. */
export function metaMessages(matches: Matches): Messages {
  return pageMessages(matches.find((m) => m.id === "root")?.data as RootI18n | undefined);
}

/** A page title from the dictionary: "<page> — Rõ Việc". */
export function titled(pick: (t: Messages) => string): MetaFunction {
  return ({ matches }) => {
    const t = metaMessages(matches);
    return [{ title: `${pick(t)} — ${t.app.name}` }];
  };
}
