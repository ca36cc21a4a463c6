// Time-based one-time passwords for the optional second factor of directors and admins and the
// mandatory one of operators (docs/decisions/0043): the stored secret, the replay rule and the
// throttle. The arithmetic is in totp.ts.
import type { DB, Executor } from "../../../db/schema";
import { withoutTenant } from "../../../db/tenant";
import { writeTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import { releaseAttempt, reserveAttempt } from "./login.server";
import { isOperator } from "./operators.server";
import { parseRoles } from "./permissions";
import { addressKey, throttleKeys } from "./throttle";
import { generateTotpSecret, matchTotpStep } from "./totp";

export { generateTotpSecret, groupedSecret, matchTotpStep, otpauthUri, totpCode, totpCodeOfStep, totpStep, TOTP_ISSUER } from "./totp";

// ---- Stored state ----

/** Whether the user's second factor is in force (a confirmed secret). */
export async function hasConfirmedTotp(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom("user_totp").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst();
  return !!row?.confirmed_at;
}

export type TotpState = { enrolled: true; confirmedAt: string } | { enrolled: false; secret: string | null };

export async function totpState(db: Executor, userId: string): Promise<TotpState> {
  const row = await db.selectFrom("user_totp").select(["secret", "confirmed_at"]).where("user_id", "=", userId).executeTakeFirst();
  if (row?.confirmed_at) return { enrolled: true, confirmedAt: row.confirmed_at };
  return { enrolled: false, secret: row?.secret ?? null };
}

/**
 * The secret being enrolled: the pending one, or a new one stored unconfirmed (a second visit shows
 * the same secret, so a phone that already scanned it keeps working). Refused once confirmed.
 */
export async function pendingTotpSecret(db: DB, userId: string, now: Date): Promise<string | null> {
  return writeTx(db, async (tx) => {
    const row = await tx.selectFrom("user_totp").select(["secret", "confirmed_at"]).where("user_id", "=", userId).executeTakeFirst();
    if (row?.confirmed_at) return null;
    if (row) return row.secret;
    const secret = generateTotpSecret();
    await tx.insertInto("user_totp").values({ user_id: userId, secret, confirmed_at: null, last_step: 0, created_at: now.toISOString() }).execute();
    return secret;
  });
}

export type CodeOutcome = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number } | { ok: false; reason: "none" };

interface CodeInput {
  userId: string;
  username: string;
  /** The session that passes the second factor (marked on success). */
  sessionId: string;
  code: string;
  ip: string;
  now: Date;
}

type Purpose = "confirm" | "signIn" | "disable";

/**
 * Checks a code against the user's secret (pending for "confirm", confirmed otherwise). The attempt is
 * counted first against the sign-in limits of (address, account), address and account — the same rows
 * a wrong password counts in (decision 0010) — so wrong codes and wrong passwords share one budget;
 * a success gives the count back. A code of a step not later than the last accepted one is refused
 * (replay): the step is advanced by a conditional update, so two requests with one code pass once.
 */
async function checkCode(db: DB, input: CodeInput, purpose: Purpose): Promise<CodeOutcome> {
  const key = input.username.trim().toLowerCase();
  const keys = throttleKeys(key, input.ip);
  const reserved = await reserveAttempt(db, keys, input.now);
  if (!reserved.ok) return { ok: false, reason: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };
  const row = await db.selectFrom("user_totp").select(["secret", "confirmed_at", "last_step"]).where("user_id", "=", input.userId).executeTakeFirst();
  if (!row || (purpose === "confirm") !== !row.confirmed_at) return { ok: false, reason: "none" };
  const step = matchTotpStep(row.secret, input.code, input.now);
  return writeTx(db, async (tx) => {
    const accepted =
      step !== null &&
      Number(
        (
          await tx
            .updateTable("user_totp")
            .set(purpose === "confirm" ? { last_step: step, confirmed_at: input.now.toISOString() } : { last_step: step })
            .where("user_id", "=", input.userId)
            .where("last_step", "<", step)
            .executeTakeFirst()
        ).numUpdatedRows,
      ) === 1;
    if (!accepted) {
      await audit(tx, {
        orgId: null,
        actorUserId: input.userId,
        action: "auth.secondFactorFailed",
        entityType: "user",
        entityId: input.userId,
        details: { purpose, address: addressKey(input.ip), failures: reserved.failures.pair, replay: step !== null },
        at: input.now,
      });
      return { ok: false as const, reason: "invalid" as const };
    }
    await releaseAttempt(tx, keys);
    if (purpose === "disable") {
      await tx.deleteFrom("user_totp").where("user_id", "=", input.userId).execute();
      await tx.updateTable("sessions").set({ second_factor_at: null }).where("user_id", "=", input.userId).execute();
    } else {
      await tx.updateTable("sessions").set({ second_factor_at: input.now.toISOString() }).where("id", "=", input.sessionId).execute();
    }
    const action = purpose === "confirm" ? "auth.totpEnabled" : purpose === "disable" ? "auth.totpDisabled" : "auth.secondFactorPassed";
    await audit(tx, { orgId: null, actorUserId: input.userId, action, entityType: "user", entityId: input.userId, at: input.now });
    return { ok: true as const };
  });
}

/** Confirms the pending secret with a code from it: the second factor is in force from now, this session passed it. */
export function confirmTotp(db: DB, input: CodeInput): Promise<CodeOutcome> {
  return checkCode(db, input, "confirm");
}

/** The second step of sign-in: marks the session as having passed the second factor. */
export function verifySecondFactor(db: DB, input: CodeInput): Promise<CodeOutcome> {
  return checkCode(db, input, "signIn");
}

/** Turns the second factor off; a current code is required. */
export function disableTotp(db: DB, input: CodeInput): Promise<CodeOutcome> {
  return checkCode(db, input, "disable");
}

/**
 * Who is offered TOTP: operators (for whom it is mandatory), members who are a director or an admin
 * in any centre, and anyone who already has it on (so that they can turn it off).
 */
export async function mayUseTotp(db: Executor, userId: string): Promise<boolean> {
  if (await isOperator(db, userId)) return true;
  if (await hasConfirmedTotp(db, userId)) return true;
  const memberships = await withoutTenant("the user's own roles in every centre decide whether TOTP is offered", () =>
    // tenant-safe: the signed-in user's own memberships, in every centre, only their roles.
    db.selectFrom("memberships").select("roles").where("user_id", "=", userId).where("active", "=", 1).limit(100).execute(),
  );
  return memberships.some((m) => parseRoles(m.roles).some((r) => r === "director" || r === "admin"));
}
