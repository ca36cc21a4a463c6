import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { DB, Executor, Tx } from "../../../db/schema";
import { withoutTenant } from "../../../db/tenant";
import { writeTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import { checkPasswordPolicy, hashPassword } from "./password.server";
import { hashSecret, invalidateUserSessions } from "./session.server";
import { addressKey, delayAfterFailures, FORGET_AFTER_MS, type Limit } from "./throttle";

// One-time invitation links (docs/decisions/0041-invitations-and-staff-import.md). A member created
// by invitation has no usable password (UNUSABLE_PASSWORD); the link /invite/<token> lets them set
// one. The database keeps the SHA-256 of the token only (as sessions keep their secret's); a link
// expires after INVITATION_TTL_MS, is spent by its first use, and a new link revokes the old one.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The password hash of a member who has not set one yet. Not an argon2 string: no password verifies
 * against it, and sign-in spends the same time on it as on an unknown user (login.server.ts).
 */
export const UNUSABLE_PASSWORD = "!invited";

export function isUsablePasswordHash(hash: string): boolean {
  return !hash.startsWith("!");
}

/** A token is 256 bits from the CSPRNG, 52 base32 characters. */
const TOKEN_PATTERN = /^[a-z2-7]{52}$/;

function newToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(32));
}

/** The path of an invitation link (the page makes it absolute with the request's origin). */
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

/**
 * Issues a new link for a member, revoking any open one (a new token invalidates the old), in the
 * caller's transaction; audited. Returns the token — the only time it exists outside a hash.
 */
export async function issueInvitation(
  tx: Tx,
  args: { orgId: string; membershipId: string; actorUserId: string | null; now: Date; via?: "staff" | "import" | "operator" },
): Promise<{ token: string; expiresAt: string }> {
  const at = args.now.toISOString();
  await closeInvitations(tx, args.orgId, args.membershipId, args.now);
  const token = newToken();
  const id = randomUUID();
  const expiresAt = new Date(args.now.getTime() + INVITATION_TTL_MS).toISOString();
  await tx
    .insertInto("invitations")
    .values({
      id,
      org_id: args.orgId,
      membership_id: args.membershipId,
      token_hash: hashSecret(token),
      created_by: args.actorUserId,
      created_at: at,
      expires_at: expiresAt,
      used_at: null,
      revoked_at: null,
    })
    .execute();
  await audit(tx, {
    orgId: args.orgId,
    actorUserId: args.actorUserId,
    action: "member.invited",
    entityType: "membership",
    entityId: args.membershipId,
    details: { invitationId: id, expiresAt, via: args.via ?? "staff" },
    at: args.now,
  });
  return { token, expiresAt };
}

/** Revokes the member's open links in the caller's transaction (a new link, a temporary password). */
export async function closeInvitations(tx: Tx, orgId: string, membershipId: string, now: Date): Promise<number> {
  const res = await tx
    .updateTable("invitations")
    .set({ revoked_at: now.toISOString() })
    .where("org_id", "=", orgId)
    .where("membership_id", "=", membershipId)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Issues a new link for one member of the centre (revoking the old one). */
export async function inviteMember(db: DB, ctx: Ctx, membershipId: string): Promise<{ token: string; expiresAt: string }> {
  return writeTx(db, (tx) => issueInvitation(tx, { orgId: ctx.orgId, membershipId, actorUserId: ctx.actorUserId, now: ctx.now }));
}

/** Revokes the member's open link, if any; returns whether there was one. Audited. */
export async function revokeInvitations(db: DB, ctx: Ctx, membershipId: string): Promise<boolean> {
  return writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("invitations")
      .set({ revoked_at: ctx.now.toISOString() })
      .where("org_id", "=", ctx.orgId)
      .where("membership_id", "=", membershipId)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    const revoked = Number(res.numUpdatedRows) > 0;
    if (revoked) {
      await audit(tx, {
        orgId: ctx.orgId,
        actorUserId: ctx.actorUserId,
        action: "member.invitationRevoked",
        entityType: "membership",
        entityId: membershipId,
        at: ctx.now,
      });
    }
    return revoked;
  });
}

/** The open (unused, unrevoked, unexpired) links of these members: membership id → expiry. */
export async function openInvitations(db: Executor, orgId: string, membershipIds: string[], now: Date): Promise<Map<string, string>> {
  if (membershipIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("invitations")
    .select(["membership_id", "expires_at"])
    .where("org_id", "=", orgId)
    .where("membership_id", "in", membershipIds)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .execute();
  return new Map(rows.map((r) => [r.membership_id, r.expires_at]));
}

// ---- the link itself (no session, no centre yet) ----

/** Failed look-ups of invitation links, per address (the same table as the sign-in limits). */
export const INVITE_LIMIT: Limit = { free: 10, maxDelaySeconds: 300 };

function throttleKey(ip: string): string {
  return `invite:${addressKey(ip)}`;
}

export type InvitationLookup =
  | { state: "open"; invitationId: string; orgId: string; orgName: string; fullName: string; username: string; userId: string; membershipId: string }
  | { state: "spent" | "unknown" }
  | { state: "throttled"; retryAfterSeconds: number };

/**
 * What the link `token` opens at `now`. Unknown, spent (used, revoked, expired, member inactive)
 * and open links cost the same: one indexed read by the token's hash (and, for a bad link, one
 * counted failure); a token of the wrong shape is hashed and looked up like any other. An address
 * past its free failures waits (429) before anything is read.
 */
export async function lookupInvitation(db: DB, token: string, ip: string, now: Date): Promise<InvitationLookup> {
  return withoutTenant("an invitation link is opened before any session or centre: the token names the centre", async () => {
    const key = throttleKey(ip);
    const limit = await db.selectFrom("login_limits").select(["blocked_until", "last_attempt_at"]).where("key", "=", key).executeTakeFirst();
    if (limit && limit.blocked_until > now.toISOString()) {
      return { state: "throttled" as const, retryAfterSeconds: Math.max(1, Math.ceil((new Date(limit.blocked_until).getTime() - now.getTime()) / 1000)) };
    }
    // tenant-safe: the link is opened before any centre; the token's hash is the key and names the centre.
    const row = await db
      .selectFrom("invitations as i")
      .innerJoin("memberships as m", (j) => j.onRef("m.id", "=", "i.membership_id").onRef("m.org_id", "=", "i.org_id"))
      .innerJoin("users as u", "u.id", "m.user_id")
      .innerJoin("organizations as o", "o.id", "i.org_id")
      .select([
        "i.id",
        "i.org_id as orgId",
        "i.expires_at as expiresAt",
        "i.used_at as usedAt",
        "i.revoked_at as revokedAt",
        "m.id as membershipId",
        "m.active",
        "u.id as userId",
        "u.full_name as fullName",
        "u.username",
        "o.name as orgName",
      ])
      .where("i.token_hash", "=", hashSecret(TOKEN_PATTERN.test(token) ? token : `malformed:${token.slice(0, 200)}`))
      .executeTakeFirst();
    const open = row && !row.usedAt && !row.revokedAt && row.expiresAt > now.toISOString() && row.active === 1;
    if (!row || !open) {
      await countFailure(db, key, now);
      return { state: row ? ("spent" as const) : ("unknown" as const) };
    }
    return {
      state: "open" as const,
      invitationId: row.id,
      orgId: row.orgId,
      orgName: row.orgName,
      fullName: row.fullName,
      username: row.username,
      userId: row.userId,
      membershipId: row.membershipId,
    };
  });
}

/** Counts a failed look-up under the address's limit and sets its wait. */
async function countFailure(db: DB, key: string, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  await writeTx(db, async (tx) => {
    const row = await tx
      .insertInto("login_limits")
      .values({ key, failures: 1, last_attempt_at: nowIso, blocked_until: new Date(0).toISOString() })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          failures: sql<number>`case when login_limits.last_attempt_at < ${forgetBefore} then 1 else login_limits.failures + 1 end`,
          last_attempt_at: nowIso,
        }),
      )
      .returning("failures")
      .executeTakeFirstOrThrow();
    const delay = delayAfterFailures(INVITE_LIMIT, row.failures);
    if (delay === 0) return;
    const until = new Date(now.getTime() + delay * 1000).toISOString();
    await tx.updateTable("login_limits").set({ blocked_until: until }).where("key", "=", key).where("blocked_until", "<", until).execute();
  });
}

export type AcceptOutcome = { ok: true; username: string } | { ok: false; reason: "spent" } | { ok: false; reason: "password"; key: string };

/**
 * Sets the invited member's password and spends the link, once: the link is marked used by a
 * conditional update (still open at `now`), so two submissions of one link set one password.
 */
export async function acceptInvitation(
  db: DB,
  invitation: Extract<InvitationLookup, { state: "open" }>,
  password: string,
  now: Date,
): Promise<AcceptOutcome> {
  const policy = checkPasswordPolicy(password, invitation.username);
  if (policy) return { ok: false, reason: "password", key: policy };
  const hash = await hashPassword(password);
  return withoutTenant("an invitation link is used before any session; the invitation names the centre", () =>
    writeTx(db, async (tx) => {
      const at = now.toISOString();
      const spent = await tx
        .updateTable("invitations")
        .set({ used_at: at })
        .where("id", "=", invitation.invitationId)
        .where("org_id", "=", invitation.orgId)
        .where("used_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", at)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) return { ok: false as const, reason: "spent" as const };
      await tx.updateTable("users").set({ password_hash: hash, must_change_password: 0, updated_at: at }).where("id", "=", invitation.userId).execute();
      await invalidateUserSessions(tx, invitation.userId);
      await audit(tx, {
        orgId: invitation.orgId,
        actorUserId: invitation.userId,
        action: "member.invitationAccepted",
        entityType: "membership",
        entityId: invitation.membershipId,
        details: { invitationId: invitation.invitationId },
        at: now,
      });
      return { ok: true as const, username: invitation.username };
    }),
  );
}
