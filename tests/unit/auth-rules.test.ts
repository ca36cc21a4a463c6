import { describe, expect, it } from "vitest";
import { checkPasswordPolicy } from "~/modules/auth/password.server";
import { can, formatRoles, parseRoles, PERMISSIONS, ROLES, type Action, type Role } from "~/modules/auth/permissions";
import { generateSessionToken, hashSecret, readSessionToken, sessionCookie } from "~/modules/auth/session.server";
import { addressKey, delayAfterFailures, LIMITS, throttleKeys, type Limit } from "~/modules/auth/throttle";

describe("permission map", () => {
  const cases: [Role[], Action, boolean][] = [
    [["staff"], "staff.view", true],
    [["staff"], "staff.manage", false],
    [["staff"], "positions.manage", false],
    [["inspector"], "staff.manage", false],
    [["deputy"], "staff.manage", false],
    [["director"], "staff.manage", true],
    [["admin"], "staff.manage", true],
    [["admin"], "positions.manage", true],
    [["deputy", "inspector"], "staff.view", true],
    [[], "centre.view", false],
  ];
  it.each(cases)("%j may %s: %s", (roles, action, expected) => {
    expect(can(roles, action)).toBe(expected);
  });

  it("lets every role see the centre", () => {
    for (const role of ROLES) expect(can([role], "centre.view")).toBe(true);
  });

  it("names only known roles in the map", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });

  it("parses stored roles and drops unknown ones", () => {
    expect(parseRoles("deputy, inspector,hacker")).toEqual(["deputy", "inspector"]);
    expect(formatRoles(["staff", "admin"])).toBe("admin,staff");
  });
});

describe("password policy", () => {
  it.each([
    ["short7!", "passwordTooShort"],
    ["password", "passwordCommon"],
    ["12345678", "passwordCommon"],
    ["Matkhau123", "passwordCommon"],
    ["tuky.canbo01-2026", "passwordContainsUsername"],
    ["x".repeat(257), "passwordTooLong"],
  ])("refuses %s (%s)", (pw, key) => {
    expect(checkPasswordPolicy(pw, "tuky.canbo01")).toBe(key);
  });

  it("accepts a long passphrase with spaces and diacritics", () => {
    expect(checkPasswordPolicy("mùa thu Hà Nội lá vàng rơi", "tuky.canbo01")).toBeNull();
    expect(checkPasswordPolicy("RoViec@2026", "tuky.canbo01")).toBeNull();
  });
});

describe("session tokens", () => {
  it("carries at least 256 bits of secret and differs every time", () => {
    const a = generateSessionToken();
    const b = generateSessionToken();
    expect(a.token).not.toBe(b.token);
    // base32: 5 bits per character.
    expect(a.secret.length * 5).toBeGreaterThanOrEqual(256);
    expect(a.token).toBe(`${a.id}.${a.secret}`);
  });

  it("stores a SHA-256 hex digest, never the secret", () => {
    const { secret } = generateSessionToken();
    const h = hashSecret(secret);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(secret);
  });

  it("sets an HttpOnly, SameSite=Lax cookie, Secure only when asked", () => {
    expect(sessionCookie("t", false)).toMatch(/HttpOnly; SameSite=Lax; Path=\//);
    expect(sessionCookie("t", false)).not.toMatch(/Secure/);
    expect(sessionCookie("t", true)).toMatch(/; Secure$/);
    expect(readSessionToken("a=1; rv_session=abc.def; b=2")).toBe("abc.def");
    expect(readSessionToken("a=1")).toBeNull();
  });
});

describe("sign-in throttling", () => {
  it("allows a few typos from one address on one account, then doubles the wait up to five minutes", () => {
    const wait = (n: number) => delayAfterFailures(LIMITS.pair, n);
    expect([1, 2, 3, 4].map(wait)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map(wait)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300]);
    expect(wait(1000)).toBe(300);
  });

  // Guesses one attacker gets when retrying the moment each wait ends.
  const guessesIn = (limit: Limit, seconds: number) => {
    let t = 0;
    let n = 0;
    while (t < seconds) {
      n += 1;
      t += delayAfterFailures(limit, n);
    }
    return n;
  };

  it.each([
    // limit, first hour, each later hour (steady state: 3600 / max wait)
    ["pair", 24, 12],
    ["address", 55, 30],
    ["account", 114, 60],
  ] as const)("caps guesses per %s at %i in the first hour, then %i an hour", (scope, first, later) => {
    expect(guessesIn(LIMITS[scope], 3600)).toBe(first);
    expect(guessesIn(LIMITS[scope], 2 * 3600) - first).toBe(later);
  });

  it("counts an address as itself, an IPv6 address by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:bbbb::2"));
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("")).toBe("unknown");
    expect(throttleKeys("tuky.canbo01", "203.0.113.7")).toEqual({
      pair: "pair:203.0.113.7 tuky.canbo01",
      address: "address:203.0.113.7",
      account: "account:tuky.canbo01",
    });
  });
});
