import type { DB } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import { checkPasswordPolicy, hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { delayAfterFailures, FORGET_AFTER_MS } from "./throttle";

export type SignInResult =
  | { ok: true; token: string; userId: string; mustChangePassword: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks the credentials. An unknown user and a wrong password give the same answer after the same
 * work (a dummy argon2 verification); failures are throttled per username, known or not.
 */
export async function signIn(db: DB, username: string, password: string, now: Date): Promise<SignInResult> {
  const key = username.trim().toLowerCase();
  const throttle = await db.selectFrom("login_throttle").selectAll().where("username", "=", key).executeTakeFirst();
  if (throttle && new Date(throttle.blocked_until) > now) {
    return {
      ok: false,
      reason: "throttled",
      retryAfterSeconds: Math.ceil((new Date(throttle.blocked_until).getTime() - now.getTime()) / 1000),
    };
  }

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "must_change_password"])
    .where("username", "=", key)
    .executeTakeFirst();
  // A user with no active membership anywhere cannot sign in (disabled everywhere).
  const active = user
    ? await db
        .selectFrom("memberships")
        .select("id")
        .where("user_id", "=", user.id)
        .where("active", "=", 1)
        .executeTakeFirst()
    : undefined;
  const valid = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);

  if (!user || !valid || !active) {
    const forget = !throttle || now.getTime() - new Date(throttle.last_failure_at).getTime() > FORGET_AFTER_MS;
    const failures = (forget ? 0 : throttle.failures) + 1;
    const blockedUntil = new Date(now.getTime() + delayAfterFailures(failures) * 1000).toISOString();
    await writeTx(db, async (tx) => {
      await tx
        .insertInto("login_throttle")
        .values({ username: key, failures, last_failure_at: now.toISOString(), blocked_until: blockedUntil })
        .onConflict((oc) =>
          oc.column("username").doUpdateSet({ failures, last_failure_at: now.toISOString(), blocked_until: blockedUntil }),
        )
        .execute();
      await audit(tx, {
        orgId: null,
        actorUserId: user?.id ?? null,
        action: "auth.signInFailed",
        entityType: "user",
        entityId: user?.id ?? null,
        details: { username: key.slice(0, 64), failures },
        at: now,
      });
    });
    return { ok: false, reason: "invalid" };
  }

  return writeTx(db, async (tx) => {
    await tx.deleteFrom("login_throttle").where("username", "=", key).execute();
    const { token } = await createSession(tx, user.id, now);
    await audit(tx, {
      orgId: null,
      actorUserId: user.id,
      action: "auth.signedIn",
      entityType: "user",
      entityId: user.id,
      at: now,
    });
    return { ok: true as const, token, userId: user.id, mustChangePassword: user.must_change_password === 1 };
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; key: string };

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
