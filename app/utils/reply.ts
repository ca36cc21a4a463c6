// Reading an action's reply on the page (client-safe).

/**
 * The first error key of a form reply: `{ error }` set by the action, or the first field message of
 * Conform's `result`. Undefined when the reply is not an error (success answers are redirects).
 */
export function firstError(reply: unknown): string | undefined {
  if (!reply || typeof reply !== "object") return undefined;
  const r = reply as { error?: unknown; result?: { status?: string; error?: Record<string, string[] | null | undefined> } };
  if (typeof r.error === "string" && r.error) return r.error;
  if (r.result?.status !== "error") return undefined;
  for (const messages of Object.values(r.result.error ?? {})) if (messages?.[0]) return messages[0];
  return undefined;
}

/** The intent of the form a reply answers, if it says. */
export function replyIntent(reply: unknown): string | undefined {
  return reply && typeof reply === "object" && typeof (reply as { intent?: unknown }).intent === "string" ? (reply as { intent: string }).intent : undefined;
}
