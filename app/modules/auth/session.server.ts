import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import type { DB, Executor, User } from "../../../db/schema";
import { jobTx } from "../../../db/tx";
import { deleteInChunks } from "../jobs/runs.server";

// Sessions after Lucia's guide (lucia-auth.com): the token is "<id>.<secret>"; the database keeps
// the id and the SHA-256 of the secret only, compared in constant time. See
// docs/decisions/0001-sessions.md.

const SESSION_COOKIE = "rv_session";
/** A session idle for this long expires (sliding window). */
export const IDLE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
/** No session lives longer than this, however active. */
const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** The sliding expiry is written back at most this often. */
const RENEW_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** The user has a confirmed TOTP (docs/decisions/0043): the session needs the second factor. */
  twoFactor: boolean;
  /** When this session passed the second factor; null if not (yet). */
  secondFactorAt: string | null;
}

/** 160-bit id + 256-bit secret from the CSPRNG. */
export function generateSessionToken(): { id: string; secret: string; token: string } {
  const id = encodeBase32LowerCaseNoPadding(randomBytes(20));
  const secret = encodeBase32LowerCaseNoPadding(randomBytes(32));
  return { id, secret, token: `${id}.${secret}` };
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export async function createSession(db: Executor, userId: string, now: Date) {
  const { id, secret, token } = generateSessionToken();
  const expiresAt = new Date(now.getTime() + IDLE_TIMEOUT_MS);
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      secret_hash: hashSecret(secret),
      created_at: now.toISOString(),
      last_verified_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { token, session: { id, userId, createdAt: now, expiresAt, twoFactor: false, secondFactorAt: null } satisfies SessionRecord };
}

/**
 * Returns the session and its user when the token is valid at `now`; renews the sliding expiry
 * at most hourly, never past the absolute lifetime. Expired sessions are deleted.
 */
export async function validateSessionToken(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ session: SessionRecord; user: User } | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [id, secret] = parts as [string, string];
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("user_totp", "user_totp.user_id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.id as session_id",
      "sessions.secret_hash",
      "sessions.created_at as session_created_at",
      "sessions.last_verified_at",
      "sessions.expires_at",
      "sessions.second_factor_at",
      "user_totp.confirmed_at as totp_confirmed_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const expected = new TextEncoder().encode(row.secret_hash);
  const actual = new TextEncoder().encode(hashSecret(secret));
  if (!constantTimeEqual(expected, actual)) return null;

  const createdAt = new Date(row.session_created_at);
  const absoluteEnd = createdAt.getTime() + ABSOLUTE_LIFETIME_MS;
  let expiresAt = new Date(row.expires_at);
  if (now.getTime() >= expiresAt.getTime() || now.getTime() >= absoluteEnd) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (now.getTime() - new Date(row.last_verified_at).getTime() >= RENEW_INTERVAL_MS) {
    expiresAt = new Date(Math.min(now.getTime() + IDLE_TIMEOUT_MS, absoluteEnd));
    await db
      .updateTable("sessions")
      .set({ last_verified_at: now.toISOString(), expires_at: expiresAt.toISOString() })
      .where("id", "=", id)
      .execute();
  }
  const {
    session_id: _sid,
    secret_hash: _hash,
    session_created_at: _created,
    last_verified_at: _verified,
    expires_at: _expires,
    second_factor_at: secondFactorAt,
    totp_confirmed_at: totpConfirmedAt,
    ...user
  } = row;
  return { session: { id, userId: user.id, createdAt, expiresAt, twoFactor: !!totpConfirmedAt, secondFactorAt }, user };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, optionally keeping one (the current one after a password change). */
export async function invalidateUserSessions(db: Executor, userId: string, keepSessionId?: string) {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  await q.execute();
}

/**
 * Deletes sessions that have expired (idle or past their absolute lifetime: `expires_at` is never
 * later than either), which nobody can use any more; a session is otherwise deleted only when its
 * token is presented after expiry, so abandoned ones would stay for ever. Run by the retention job.
 */
export async function pruneExpiredSessions(db: DB, now: Date, opts: { size: number; maxChunks: number; until?: number }) {
  const at = now.toISOString();
  return deleteInChunks(
    async (size) => (await db.selectFrom("sessions").select("id").where("expires_at", "<", at).limit(size).execute()).map((r) => r.id),
    async (ids) => {
      await jobTx(db, (tx) => tx.deleteFrom("sessions").where("id", "in", ids).where("expires_at", "<", at).execute());
    },
    opts,
  );
}

export function sessionCookie(token: string, secure: boolean): string {
  const maxAge = Math.floor(ABSOLUTE_LIFETIME_MS / 1000);
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure ? "; Secure" : ""}`;
}

export function readSessionToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}
