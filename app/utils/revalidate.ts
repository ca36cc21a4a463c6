import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * Is this an action's answer that carries its page's new state itself (`settled`,
 * app/utils/notice.server.ts): nothing needs to load again after it.
 */
export function isSettled(actionResult: unknown): boolean {
  return typeof actionResult === "object" && actionResult !== null && (actionResult as { settled?: unknown }).settled === true;
}

/**
 * For the root and the centre's layout: after a settled action their data is what it was (a check-in
 * changes neither the language, the notice cookie nor the header's counts), so they do not load
 * again; otherwise Remix's own choice (decision 0037).
 */
export const skipAfterSettled: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  isSettled(actionResult) ? false : defaultShouldRevalidate;
