import { sql } from "kysely";
import type { DB, Tx } from "../../../db/schema";
import { isActiveOverseer } from "../oversight/oversight.server";
import { withoutTenant } from "../../../db/tenant";
import { jobTx, writeTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import { checkPasswordPolicy, hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { isUsablePasswordHash } from "./invitations.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { isOperator } from "./operators.server";
import { hasConfirmedTotp } from "./totp.server";
import { deleteInChunks } from "../jobs/runs.server";
import { ACCOUNT_OPEN_BELOW, addressKey, delayAfterFailures, FORGET_AFTER_MS, LIMITS, throttleKeys, type Scope } from "./throttle";

type SignInResult =
  | { ok: true; token: string; userId: string; mustChangePassword: boolean; needsSecondFactor: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

interface SignInInput {
  username: string;
  password: string;
  /** The client's address as Express sees it (the load context's clientIp). */
  ip: string;
  now: Date;
}

/**
 * Checks the credentials. The attempt is first counted against the limits of its (address, account),
 * its address and its account, in one write transaction, before the expensive argon2 verification:
 * parallel guesses cannot all slip past the check. A success gives the count back. An unknown user
 * and a wrong password give the same answer after the same work (a dummy argon2 verification) and
 * are throttled alike.
 */
export async function signIn(db: DB, input: SignInInput): Promise<SignInResult> {
  const { password, now } = input;
  const key = input.username.trim().toLowerCase();
  const keys = throttleKeys(key, input.ip);
  const reserved = await reserveAttempt(db, keys, now);
  if (!reserved.ok) return { ok: false, reason: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "must_change_password"])
    .where("username", "=", key)
    .executeTakeFirst();
  // A user with no active membership anywhere cannot sign in (disabled everywhere) — unless an
  // overseer of a supervising body (docs/decisions/0042), who belongs to no centre.
  const active = user
    ? ((await withoutTenant("sign-in is before any centre: an active membership in any centre lets the user in", () =>
        // tenant-safe: sign-in is before any centre: an active membership in any centre lets the user in.
        db.selectFrom("memberships").select("id").where("user_id", "=", user.id).where("active", "=", 1).executeTakeFirst(),
      )) ??
      ((await isActiveOverseer(db, user.id)) || (await isOperator(db, user.id)) ? { id: user.id } : undefined))
    : undefined;
  // A member invited but without a password yet (UNUSABLE_PASSWORD) costs what an unknown user does.
  const valid = user && isUsablePasswordHash(user.password_hash) ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);

  if (!user || !valid || !active) {
    // The attempt was counted when it was reserved; only the audit remains.
    await writeTx(db, (tx) =>
      audit(tx, {
        orgId: null,
        actorUserId: user?.id ?? null,
        action: "auth.signInFailed",
        entityType: "user",
        entityId: user?.id ?? null,
        details: { username: key.slice(0, 64), address: addressKey(input.ip), failures: reserved.failures.pair },
        at: now,
      }),
    );
    return { ok: false, reason: "invalid" };
  }

  return writeTx(db, async (tx) => {
    await releaseAttempt(tx, keys);
    const { token } = await createSession(tx, user.id, now);
    await audit(tx, {
      orgId: null,
      actorUserId: user.id,
      action: "auth.signedIn",
      entityType: "user",
      entityId: user.id,
      at: now,
    });
    // With a confirmed TOTP the session is made, but every guard sends it to /login/two-factor until a
    // code is given (docs/decisions/0043).
    const needsSecondFactor = await hasConfirmedTotp(tx, user.id);
    return { ok: true as const, token, userId: user.id, mustChangePassword: user.must_change_password === 1, needsSecondFactor };
  });
}

const SCOPES: Scope[] = ["pair", "address", "account"];

/**
 * `blocked_until` of a row that makes nobody wait. Not "now": requests run side by side (several
 * connections on PostgreSQL), and one that read the clock a millisecond before another's attempt was
 * stored would find that "now" in the future and be refused, though nothing had failed.
 */
const NOT_WAITING = new Date(0).toISOString();

class Throttled extends Error {}

/**
 * Counts an attempt under each limit, in one write transaction, unless one of them says wait: each
 * row is incremented by an upsert whose update only happens while the row is not waiting (the check
 * and the increment are one statement), then the row's wait is set for the new count. If any row
 * says wait, the transaction rolls back and nothing is counted.
 */
export async function reserveAttempt(
  db: DB,
  keys: Record<Scope, string>,
  now: Date,
): Promise<{ ok: true; failures: Record<Scope, number> } | { ok: false; retryAfterSeconds: number }> {
  const nowIso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  try {
    return await writeTx(db, async (tx) => {
      const failures = { pair: 0, address: 0, account: 0 };
      for (const scope of SCOPES) {
        // An address with no recent failures on the account passes the account's wait (until its cap).
        const clean = scope === "account" && failures.pair === 1;
        const row = await tx
          .insertInto("login_limits")
          .values({ key: keys[scope], failures: 1, last_attempt_at: nowIso, blocked_until: NOT_WAITING })
          .onConflict((oc) =>
            oc
              .column("key")
              .doUpdateSet({
                failures: sql<number>`case when login_limits.last_attempt_at < ${forgetBefore} then 1 else login_limits.failures + 1 end`,
                last_attempt_at: nowIso,
              })
              .where((eb) =>
                clean
                  ? eb.or([eb("login_limits.blocked_until", "<=", nowIso), eb("login_limits.failures", "<", ACCOUNT_OPEN_BELOW)])
                  : eb("login_limits.blocked_until", "<=", nowIso),
              ),
          )
          .returning("failures")
          .executeTakeFirst();
        if (!row) throw new Throttled();
        failures[scope] = row.failures;
        const delaySeconds = delayAfterFailures(LIMITS[scope], row.failures);
        // Within the free attempts there is no wait to set (see NOT_WAITING).
        if (delaySeconds === 0) continue;
        const blockedUntil = new Date(now.getTime() + delaySeconds * 1000).toISOString();
        // Never shortens a wait.
        await tx
          .updateTable("login_limits")
          .set({ blocked_until: blockedUntil })
          .where("key", "=", keys[scope])
          .where("blocked_until", "<", blockedUntil)
          .execute();
      }
      return { ok: true as const, failures };
    });
  } catch (err) {
    if (!(err instanceof Throttled)) throw err;
  }
  const rows = await db.selectFrom("login_limits").selectAll().where("key", "in", Object.values(keys)).execute();
  const row = (scope: Scope) => rows.find((r) => r.key === keys[scope]);
  const pair = row("pair");
  const clean = !pair || pair.last_attempt_at < forgetBefore;
  const waits = SCOPES.map((scope) => {
    const r = row(scope);
    if (!r) return 0;
    if (scope === "account" && clean && r.failures < ACCOUNT_OPEN_BELOW) return 0;
    return new Date(r.blocked_until).getTime() - now.getTime();
  });
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
}

/** A successful sign-in gives its count back: the (address, account) row goes, the others lose one. */
export async function releaseAttempt(tx: Tx, keys: Record<Scope, string>): Promise<void> {
  await tx.deleteFrom("login_limits").where("key", "=", keys.pair).execute();
  await tx
    .updateTable("login_limits")
    .set((eb) => ({ failures: eb("failures", "-", 1) }))
    .where("key", "in", [keys.address, keys.account])
    .where("failures", ">", 0)
    .execute();
}

/**
 * Drops rows that a quiet hour has forgotten (run by the scheduler), a chunk at a time so that the
 * rows left by a burst of guessing never become one long statement. Returns how many.
 */
export async function pruneLoginLimits(db: DB, now: Date, opts: { size?: number; maxChunks?: number } = {}): Promise<number> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  const { deleted } = await deleteInChunks(
    async (size) =>
      (
        await db
          .selectFrom("login_limits")
          .select("key")
          .where("last_attempt_at", "<", forgetBefore)
          .where("blocked_until", "<", now.toISOString())
          .limit(size)
          .execute()
      ).map((r) => r.key),
    async (keys) => {
      await jobTx(db, (tx) => tx.deleteFrom("login_limits").where("key", "in", keys).where("last_attempt_at", "<", forgetBefore).where("blocked_until", "<", now.toISOString()).execute());
    },
    { size: opts.size ?? 500, maxChunks: opts.maxChunks ?? 100 },
  );
  return deleted;
}

type ChangePasswordResult = { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; key: string };

/** Changes one's own password; every other session of the user ends. */
export async function changePassword(
  db: DB,
  args: { userId: string; username: string; sessionId: string; current: string; next: string; now: Date },
): Promise<ChangePasswordResult> {
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", args.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, args.current))) {
    return { ok: false, field: "currentPassword", key: "currentPasswordWrong" };
  }
  const policy = checkPasswordPolicy(args.next, args.username);
  if (policy) return { ok: false, field: "newPassword", key: policy };
  if (args.next === args.current) return { ok: false, field: "newPassword", key: "passwordUnchanged" };
  const hash = await hashPassword(args.next);
  await writeTx(db, async (tx) => {
    await tx
      .updateTable("users")
      .set({ password_hash: hash, must_change_password: 0, updated_at: args.now.toISOString() })
      .where("id", "=", args.userId)
      .execute();
    await invalidateUserSessions(tx, args.userId, args.sessionId);
    await audit(tx, {
      orgId: null,
      actorUserId: args.userId,
      action: "auth.passwordChanged",
      entityType: "user",
      entityId: args.userId,
      at: args.now,
    });
  });
  return { ok: true };
}
