/**
 * Translates an error key from a schema or service: a section's own `errors` first (when given),
 * then the shared ones; unknown keys fall back to a generic message. A key may carry one value
 * after '|' (e.g. 'overBalance|2.5'), put in place of {value}, formatted by `value` when given.
 */
export function errorText(
  t: { errors: object },
  key: string | undefined,
  own?: Record<string, string>,
  value: (raw: string) => string = (raw) => raw,
): string | undefined {
  if (!key) return undefined;
  const [name = "", raw = ""] = key.split("|");
  const shared = t.errors as Record<string, string>;
  const text = own?.[name] ?? shared[name] ?? shared.invalid ?? key;
  return text.replace("{value}", value(raw));
}
