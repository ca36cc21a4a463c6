// Throttling of sign-in attempts (pure rules; storage in login.server.ts).
// See docs/decisions/0010-sign-in-limits.md.
import ipaddr from "ipaddr.js";

/** What a throttle row counts failures of. */
export type Scope = "pair" | "address" | "account";

export interface Limit {
  /** Attempts allowed back to back; the wait starts after this many failures. */
  free: number;
  /** The wait doubles from 1 s with each further failure and stops growing here. */
  maxDelaySeconds: number;
}

/**
 * The tight limits are the ones an attacker cannot impose on anybody else: one address guessing at
 * one account (pair) and one address guessing at many (address). The account's own limit is looser
 * and only delays, so that a stranger cannot lock a member out.
 */
export const LIMITS: Record<Scope, Limit> = {
  pair: { free: 5, maxDelaySeconds: 300 },
  address: { free: 20, maxDelaySeconds: 120 },
  account: { free: 50, maxDelaySeconds: 60 },
};

/**
 * While an account has fewer failures than this, an address that has not failed on it recently (the
 * member at their own desk) is not held up by the account's wait; past it, everybody waits.
 */
export const ACCOUNT_OPEN_BELOW = 200;

/** A quiet hour after the last attempt forgets a count. */
export const FORGET_AFTER_MS = 60 * 60 * 1000;

/** Seconds to wait after the n-th failure counted under a limit. */
export function delayAfterFailures(limit: Limit, failures: number): number {
  if (failures < limit.free) return 0;
  return Math.min(2 ** (failures - limit.free), limit.maxDelaySeconds);
}

/**
 * The address an attempt is counted against: IPv4 as is (also when mapped into IPv6), IPv6 by its
 * /64, since one subscriber usually holds a whole /64. Anything unparsable is kept as given.
 */
export function addressKey(ip: string): string {
  const text = ip.trim();
  if (!ipaddr.isValid(text)) return text.slice(0, 64) || "unknown";
  const addr = ipaddr.process(text);
  if (addr.kind() === "ipv4") return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}

/** The throttle rows of one attempt, keyed by scope. */
export function throttleKeys(username: string, ip: string): Record<Scope, string> {
  const address = addressKey(ip);
  return {
    pair: `pair:${address} ${username}`,
    address: `address:${address}`,
    account: `account:${username}`,
  };
}
