import { sql, type RawBuilder } from "kysely";
import { likePattern, normalizeSearch } from "./text";

/**
 * `column LIKE '%text%'` on a normalised search column (lower case, no diacritics), with the
 * user's % and _ taken literally. Standard SQL: works on SQLite and PostgreSQL.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likePattern(normalizeSearch(text))} escape '\\'`;
}
