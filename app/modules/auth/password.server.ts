import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// argon2id with the OWASP minimum: m=19456 KiB, t=2, p=1 (@node-rs/argon2 defaults to argon2id).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification, so an unknown username is not faster to reject. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}

const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 256;

// Passwords seen often in Vietnam on top of the common list shipped by zxcvbn-ts.
const LOCAL_COMMON = ["matkhau", "matkhau123", "matkhau@123", "12345678a", "abc@123456", "admin@123", "vietnam123"];
let common: Set<string> | undefined;

/** Returns an error key from the `errors` dictionary, or null when the password is acceptable. */
export function checkPasswordPolicy(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "passwordTooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "passwordTooLong";
  common ??= new Set([...dictionary["passwords-common"], ...LOCAL_COMMON]);
  const lower = password.toLowerCase();
  if (common.has(lower)) return "passwordCommon";
  if (username && lower.includes(username.toLowerCase())) return "passwordContainsUsername";
  return null;
}
