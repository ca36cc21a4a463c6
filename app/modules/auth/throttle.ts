// Per-account throttling of failed sign-ins (pure rules; storage in login.server.ts).
// See docs/decisions/0005-login-throttling.md.

/** Failures allowed without any delay (typos happen). */
export const FREE_FAILURES = 4;
/** The delay doubles from 1 s and stops growing here: at most ~100 tries an hour, never a lockout. */
export const MAX_DELAY_SECONDS = 36;
/** A quiet hour after the last failure forgets the count. */
export const FORGET_AFTER_MS = 60 * 60 * 1000;

/** Seconds an account must wait after its n-th consecutive failure. */
export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_SECONDS);
}
