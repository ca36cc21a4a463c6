/**
 * What one request may cost, decided before anything is parsed. The figures and their reasons are
 * in docs/decisions/0012-request-limits.md; this is the only place they are set.
 */
export const LIMITS = {
  /** A form without files: the longest is a report with its sections (Vietnamese text, percent-encoded). */
  formBytes: 1024 * 1024,
  /** Any request at all, whatever the route: the largest upload form plus its text. */
  requestBytes: 64 * 1024 * 1024,
  /** Fields in one form: an inspection of 20 members × 15 items with a note each is 600. */
  fields: 1000,
  /** Characters in a field's name. */
  fieldNameChars: 200,
  /** Bytes in one text value (a report section of about 20,000 Vietnamese characters). */
  fieldValueBytes: 256 * 1024,
  /** Path segments in a field name (`items[3].text` has two). */
  fieldNameDepth: 4,
  /** The largest array index in a field name (`items[999]`). */
  arrayIndex: 999,
  /** Characters in a URL's query string. */
  queryChars: 4096,
} as const;

/** Files a form may carry: how many, how large each, and which fields may hold them. */
export interface FileLimits {
  maxFiles: number;
  maxFileBytes: number;
  /** Whether a field may carry files (`files`, `photos`, `photos.<memberId>`…). */
  accepts: (fieldName: string) => boolean;
  /** The field whose message says a file was refused, and the message keys for "too large" and "too many". */
  field: string;
  tooLarge: string;
  tooMany: string;
}

/** Why a field name is refused, or null when its shape is within the limits. */
export function fieldNameProblem(name: string): "fieldNameTooLong" | "fieldNameTooDeep" | "arrayIndexTooLarge" | "fieldNameMalformed" | null {
  if (name.length > LIMITS.fieldNameChars) return "fieldNameTooLong";
  let depth = 1;
  for (const ch of name) if (ch === "." || ch === "[") depth++;
  if (depth > LIMITS.fieldNameDepth) return "fieldNameTooDeep";
  for (const m of name.matchAll(/\[([^\]]*)\]/g)) {
    const index = m[1] ?? "";
    if (!/^\d+$/.test(index)) return "fieldNameMalformed";
    if (index.length > 6 || Number(index) > LIMITS.arrayIndex) return "arrayIndexTooLarge";
  }
  return null;
}
