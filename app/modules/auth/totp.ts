// The arithmetic of TOTP (RFC 6238: 30-second steps, 6 digits, HMAC-SHA-1), without storage: the
// server's checks (totp.server.ts) and the tests that act as a person's phone use it. The HOTP
// arithmetic is @oslojs/otp's (the family of @oslojs/crypto and @oslojs/encoding, which sessions use).
import { generateHOTP } from "@oslojs/otp";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Codes of one step either side of now are accepted (clocks drift; a code typed at a step's end). */
export const TOTP_WINDOW = 1;
/** The issuer an authenticator app shows beside the account. */
export const TOTP_ISSUER = "Rõ Việc";

/** A new secret: 20 bytes (160 bits, RFC 4226's recommendation) from the CSPRNG, base32 (32 characters). */
export function generateTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(20));
}

/** The time step of an instant. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_S);
}

function keyOf(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret.replace(/\s+/g, "").toUpperCase());
}

/** The code of a secret at an instant (tests use it to act as a person's phone). */
export function totpCode(secret: string, at: Date): string {
  return totpCodeOfStep(secret, totpStep(at));
}

/** The code of a secret for a time step. */
export function totpCodeOfStep(secret: string, step: number): string {
  return generateHOTP(keyOf(secret), BigInt(step), TOTP_DIGITS);
}

/**
 * The step whose code `code` is, within the window around `now`, or null. Every step of the window is
 * computed and compared in constant time, so the answer takes the same time whichever step matched.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const typed = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(typed)) return null;
  const key = keyOf(secret);
  const current = totpStep(now);
  let found: number | null = null;
  for (let d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) {
    const step = current + d;
    const expected = generateHOTP(key, BigInt(step), TOTP_DIGITS);
    if (constantTimeEqual(new TextEncoder().encode(expected), new TextEncoder().encode(typed)) && found === null) found = step;
  }
  return found;
}

/** The otpauth:// URI an authenticator app reads (label: the username). */
export function otpauthUri(secret: string, username: string): string {
  const label = encodeURIComponent(`${TOTP_ISSUER}:${username}`);
  const params = new URLSearchParams({ secret, issuer: TOTP_ISSUER, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_S) });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, "%20")}`;
}

/** The secret in groups of four, as people copy it. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}
