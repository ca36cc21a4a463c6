import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { forNoKeyUpdate, isUniqueViolation } from "../../../db/engine";
import type { DB, Executor, Tx } from "../../../db/schema";
import { containsText } from "../../../db/sql";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { normalizeSearch } from "../../../db/text";
import { vnDateOf } from "../../utils/dates";
import { audit } from "../audit/audit.server";
import { refuseOwnCase } from "../auth/decisions";
import { checkPasswordPolicy, hashPassword } from "../auth/password.server";
import { formatRoles, parseRoles, type Role } from "../auth/permissions";
import { invalidateUserSessions } from "../auth/session.server";
import { closeInvitations, issueInvitation, UNUSABLE_PASSWORD } from "../auth/invitations.server";
import type { Ctx } from "../ctx";
import type { CreateMemberInput, PositionInput, UpdateMemberInput } from "./schema";


interface MemberRow {
  id: string;
  userId: string;
  username: string;
  fullName: string;
  title: string;
  phone: string | null;
  email: string | null;
  roles: Role[];
  active: boolean;
  positionId: string | null;
  positionName: string | null;
  counter: string | null;
  /** Invited, and no password set yet (decision 0041). */
  awaitingPassword: boolean;
}

function memberQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("positions as p", (j) => j.onRef("p.id", "=", "m.position_id").onRef("p.org_id", "=", "m.org_id"))
    .where("m.org_id", "=", orgId)
    .select([
      "m.id",
      "m.user_id as userId",
      "u.username",
      "u.full_name as fullName",
      "m.title",
      "u.phone",
      "u.email",
      "m.roles",
      "m.active",
      "m.position_id as positionId",
      "p.name as positionName",
      "p.counter",
      sql<number>`case when u.password_hash = ${UNUSABLE_PASSWORD} then 1 else 0 end`.as("awaiting"),
    ]);
}

type RawMember = Omit<MemberRow, "roles" | "active" | "awaitingPassword"> & { roles: string; active: number; awaiting: number };
const toMember = ({ awaiting, ...r }: RawMember): MemberRow => ({ ...r, roles: parseRoles(r.roles), active: r.active === 1, awaitingPassword: Number(awaiting) === 1 });

const MEMBER_PAGE_SIZE = 50;

export async function listMembers(
  db: Executor,
  orgId: string,
  opts: { q?: string; includeInactive?: boolean; page?: number } = {},
) {
  let q = memberQuery(db, orgId);
  if (!opts.includeInactive) q = q.where("m.active", "=", 1);
  if (opts.q) {
    const text = opts.q;
    q = q.where((eb) => eb.or([containsText("u.full_name_search", text), containsText("u.username", text)]));
  }
  const page = Math.max(1, opts.page ?? 1);
  const rows = await q
    .orderBy("m.active", "desc")
    .orderBy("p.sort_order")
    .orderBy("u.full_name")
    .limit(MEMBER_PAGE_SIZE + 1)
    .offset((page - 1) * MEMBER_PAGE_SIZE)
    .execute();
  return { members: rows.slice(0, MEMBER_PAGE_SIZE).map(toMember), hasMore: rows.length > MEMBER_PAGE_SIZE, page };
}

export async function getMember(db: Executor, orgId: string, memberId: string): Promise<MemberRow> {
  const row = await memberQuery(db, orgId).where("m.id", "=", memberId).executeTakeFirst();
  if (!row) notFound();
  return toMember(row);
}

export async function positionHistoryOfMember(db: Executor, orgId: string, memberId: string) {
  return db
    .selectFrom("position_assignments as a")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .where("a.org_id", "=", orgId)
    .where("a.membership_id", "=", memberId)
    .select(["a.id", "p.name as positionName", "p.counter", "a.start_date as startDate", "a.end_date as endDate"])
    .orderBy("a.start_date", "desc")
    .limit(100)
    .execute();
}

async function assertPositionInOrg(db: Executor, orgId: string, positionId: string | undefined) {
  if (!positionId) return;
  const p = await db
    .selectFrom("positions")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", positionId)
    .executeTakeFirst();
  if (!p) throw new FieldError("positionId", "invalidChoice");
}

/** Closes the current assignment and opens a new one, so the history says who held what when. */
export async function reassign(tx: Tx, ctx: Pick<Ctx, "orgId" | "now">, memberId: string, positionId: string | null, date: string) {
  const open = await tx
    .selectFrom("position_assignments")
    .select(["id", "position_id", "start_date"])
    .where("org_id", "=", ctx.orgId)
    .where("membership_id", "=", memberId)
    .where("end_date", "is", null)
    .executeTakeFirst();
  if (open?.position_id === positionId) return;
  if (open) {
    if (open.start_date >= date) {
      // Reassigned again on the same day: the earlier record never took effect.
      await tx.deleteFrom("position_assignments").where("id", "=", open.id).where("org_id", "=", ctx.orgId).execute();
    } else {
      await tx.updateTable("position_assignments").set({ end_date: date }).where("id", "=", open.id).where("org_id", "=", ctx.orgId).execute();
    }
  }
  if (positionId) {
    await tx
      .insertInto("position_assignments")
      .values({
        id: randomUUID(),
        org_id: ctx.orgId,
        membership_id: memberId,
        position_id: positionId,
        start_date: date,
        end_date: null,
        created_at: ctx.now.toISOString(),
      })
      .execute();
  }
}

/**
 * Adds a member: with a temporary password to change at first sign-in, or (`access: "invite"`) with
 * no usable password and a one-time link to set one (decision 0041), whose token is returned.
 */
export async function createMember(db: DB, ctx: Ctx, input: CreateMemberInput): Promise<{ memberId: string; invitation?: { token: string; expiresAt: string } }> {
  const invite = input.access === "invite";
  let passwordHash = UNUSABLE_PASSWORD;
  if (!invite) {
    const password = input.password ?? "";
    const policy = checkPasswordPolicy(password, input.username);
    if (policy) throw new FieldError("password", policy);
    passwordHash = await hashPassword(password);
  }
  await assertPositionInOrg(db, ctx.orgId, input.positionId);
  return writeTx(db, async (tx) => {
    const taken = await tx.selectFrom("users").select("id").where("username", "=", input.username).executeTakeFirst();
    if (taken) throw new FieldError("username", "usernameTaken");
    const at = ctx.now.toISOString();
    const userId = randomUUID();
    const memberId = randomUUID();
    // The check above and the unique key: a username taken by a concurrent request in between
    // inserts nothing here and gets the same answer.
    const inserted = await tx
      .insertInto("users")
      .values({
        id: userId,
        username: input.username,
        full_name: input.fullName,
        full_name_search: normalizeSearch(input.fullName),
        phone: input.phone ?? null,
        email: input.email ?? null,
        password_hash: passwordHash,
        must_change_password: invite ? 0 : 1,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column("username").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new FieldError("username", "usernameTaken");
    await tx
      .insertInto("memberships")
      .values({
        id: memberId,
        org_id: ctx.orgId,
        user_id: userId,
        title: input.title ?? "",
        position_id: input.positionId ?? null,
        roles: formatRoles(input.roles),
        active: 1,
        joined_on: input.effectiveDate ?? vnDateOf(ctx.now),
        left_on: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await reassign(tx, ctx, memberId, input.positionId ?? null, input.effectiveDate ?? vnDateOf(ctx.now));
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "member.created",
      entityType: "membership",
      entityId: memberId,
      details: { username: input.username, roles: input.roles, positionId: input.positionId ?? null, access: invite ? "invite" : "password" },
      at: ctx.now,
    });
    const invitation = invite ? await issueInvitation(tx, { orgId: ctx.orgId, membershipId: memberId, actorUserId: ctx.actorUserId, now: ctx.now }) : undefined;
    return { memberId, invitation };
  });
}

export async function updateMember(db: DB, ctx: Ctx, memberId: string, input: UpdateMemberInput): Promise<void> {
  const before = await getMember(db, ctx.orgId, memberId);
  // Nobody changes their own roles (an admin making themselves director, or the reverse).
  if (formatRoles(input.roles) !== formatRoles(before.roles)) refuseOwnCase(ctx.membershipId, [memberId], "roles", "ownRoles");
  await assertPositionInOrg(db, ctx.orgId, input.positionId);
  await writeTx(db, async (tx) => {
    // One edit of a member at a time: the position history (reassign) reads the open assignment
    // and closes it, which two concurrent edits must not both do.
    await tx.selectFrom("memberships").select("id").where("org_id", "=", ctx.orgId).where("id", "=", memberId).$call(forNoKeyUpdate(tx)).executeTakeFirst();
    if (input.username !== before.username) {
      const taken = await tx.selectFrom("users").select("id").where("username", "=", input.username).executeTakeFirst();
      if (taken) throw new FieldError("username", "usernameTaken");
    }
    try {
      await writeMemberPatch(tx, ctx, { memberId, userId: before.userId }, {
        username: input.username,
        fullName: input.fullName,
        phone: input.phone ?? null,
        email: input.email ?? null,
        title: input.title ?? "",
        positionId: input.positionId ?? null,
        roles: input.roles,
      });
    } catch (err) {
      // Taken by a concurrent request after the check: the unique key refuses it.
      if (isUniqueViolation(err)) throw new FieldError("username", "usernameTaken");
      throw err;
    }
    await reassign(tx, ctx, memberId, input.positionId ?? null, input.effectiveDate ?? vnDateOf(ctx.now));
    const changed = Object.fromEntries(
      (
        [
          ["username", before.username, input.username],
          ["fullName", before.fullName, input.fullName],
          ["title", before.title, input.title ?? ""],
          ["positionId", before.positionId, input.positionId ?? null],
          ["roles", formatRoles(before.roles), formatRoles(input.roles)],
          ["phone", before.phone, input.phone ?? null],
          ["email", before.email, input.email ?? null],
        ] as const
      )
        .filter(([, a, b]) => a !== b)
        .map(([k, a, b]) => [k, { from: a, to: b }]),
    );
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "member.updated",
      entityType: "membership",
      entityId: memberId,
      details: changed,
      at: ctx.now,
    });
  });
}

/** What an edit of a member may change; fields left out stay as they are. */
export interface MemberPatch {
  username?: string;
  fullName?: string;
  phone?: string | null;
  email?: string | null;
  title?: string;
  positionId?: string | null;
  roles?: Role[];
  joinedOn?: string;
}

/**
 * Writes a member's changed fields to the user and the membership — the one place both the staff
 * form (every field) and the staff import (only what the file changed) store an edit. The caller
 * holds the transaction, checks the input, moves the position history and audits.
 */
export async function writeMemberPatch(tx: Tx, ctx: Pick<Ctx, "orgId" | "now">, target: { memberId: string; userId: string }, patch: MemberPatch): Promise<void> {
  const at = ctx.now.toISOString();
  const user = {
    ...(patch.username !== undefined ? { username: patch.username } : {}),
    ...(patch.fullName !== undefined ? { full_name: patch.fullName, full_name_search: normalizeSearch(patch.fullName) } : {}),
    ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
    ...(patch.email !== undefined ? { email: patch.email } : {}),
  };
  if (Object.keys(user).length > 0) await tx.updateTable("users").set({ ...user, updated_at: at }).where("id", "=", target.userId).execute();
  const membership = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.positionId !== undefined ? { position_id: patch.positionId } : {}),
    ...(patch.roles !== undefined ? { roles: formatRoles(patch.roles) } : {}),
    ...(patch.joinedOn !== undefined ? { joined_on: patch.joinedOn } : {}),
  };
  if (Object.keys(membership).length > 0) {
    await tx.updateTable("memberships").set({ ...membership, updated_at: at }).where("id", "=", target.memberId).where("org_id", "=", ctx.orgId).execute();
  }
}

/** Deactivates (sessions end at once; history stays) or reactivates a member. */
export async function setMemberActive(db: DB, ctx: Ctx, memberId: string, active: boolean): Promise<void> {
  const member = await getMember(db, ctx.orgId, memberId);
  if (member.userId === ctx.actorUserId && !active) throw new FieldError("active", "cannotDisableSelf");
  await writeTx(db, async (tx) => {
    const today = vnDateOf(ctx.now);
    await tx
      .updateTable("memberships")
      .set({ active: active ? 1 : 0, left_on: active ? null : today, updated_at: ctx.now.toISOString() })
      .where("id", "=", memberId)
      .where("org_id", "=", ctx.orgId)
      .execute();
    if (!active) {
      await invalidateUserSessions(tx, member.userId);
      await tx
        .updateTable("position_assignments")
        .set({ end_date: today })
        .where("org_id", "=", ctx.orgId)
        .where("membership_id", "=", memberId)
        .where("end_date", "is", null)
        .execute();
    } else if (member.positionId) {
      await reassign(tx, ctx, memberId, member.positionId, today);
    }
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: active ? "member.enabled" : "member.disabled",
      entityType: "membership",
      entityId: memberId,
      at: ctx.now,
    });
  });
}

/** Sets a temporary password that must be changed at the next sign-in; ends the member's sessions. */
export async function resetMemberPassword(db: DB, ctx: Ctx, memberId: string, temporary: string): Promise<void> {
  const member = await getMember(db, ctx.orgId, memberId);
  const hash = await hashPassword(temporary);
  await writeTx(db, async (tx) => {
    await tx
      .updateTable("users")
      .set({ password_hash: hash, must_change_password: 1, updated_at: ctx.now.toISOString() })
      .where("id", "=", member.userId)
      .execute();
    // A temporary password replaces an open invitation link: the link would set another one.
    await closeInvitations(tx, ctx.orgId, memberId, ctx.now);
    await invalidateUserSessions(tx, member.userId);
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "member.passwordReset",
      entityType: "membership",
      entityId: memberId,
      at: ctx.now,
    });
  });
}

// ---- positions ----

export async function listPositions(db: Executor, orgId: string) {
  return db
    .selectFrom("positions as p")
    .where("p.org_id", "=", orgId)
    .select((eb) => [
      "p.id",
      "p.name",
      "p.counter",
      "p.duties",
      "p.sort_order as sortOrder",
      eb
        .selectFrom("memberships as m")
        .whereRef("m.position_id", "=", "p.id")
        .where("m.org_id", "=", orgId)
        .where("m.active", "=", 1)
        .select((e) => e.fn.count<number>("m.id").as("n"))
        .as("holderCount"),
    ])
    .orderBy("p.sort_order")
    .orderBy("p.name")
    .limit(500)
    .execute();
}

export async function getPosition(db: Executor, orgId: string, positionId: string) {
  const p = await db
    .selectFrom("positions")
    .select(["id", "name", "counter", "duties", "sort_order as sortOrder"])
    .where("org_id", "=", orgId)
    .where("id", "=", positionId)
    .executeTakeFirst();
  if (!p) notFound();
  return p;
}

export async function positionHolders(db: Executor, orgId: string, positionId: string) {
  return db
    .selectFrom("position_assignments as a")
    .innerJoin("memberships as m", "m.id", "a.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .where("a.org_id", "=", orgId)
    .where("a.position_id", "=", positionId)
    .select(["a.id", "m.id as memberId", "u.full_name as fullName", "a.start_date as startDate", "a.end_date as endDate"])
    .orderBy("a.start_date", "desc")
    .limit(200)
    .execute();
}

export async function createPosition(db: DB, ctx: Ctx, input: PositionInput): Promise<string> {
  return writeTx(db, async (tx) => {
    const id = randomUUID();
    const at = ctx.now.toISOString();
    await tx
      .insertInto("positions")
      .values({
        id,
        org_id: ctx.orgId,
        name: input.name,
        counter: input.counter ?? "",
        duties: input.duties ?? "",
        sort_order: input.sortOrder ?? 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "position.created",
      entityType: "position",
      entityId: id,
      details: { name: input.name },
      at: ctx.now,
    });
    return id;
  });
}

export async function updatePosition(db: DB, ctx: Ctx, positionId: string, input: PositionInput): Promise<void> {
  await getPosition(db, ctx.orgId, positionId);
  await writeTx(db, async (tx) => {
    await tx
      .updateTable("positions")
      .set({
        name: input.name,
        counter: input.counter ?? "",
        duties: input.duties ?? "",
        sort_order: input.sortOrder ?? 0,
        updated_at: ctx.now.toISOString(),
      })
      .where("id", "=", positionId)
      .where("org_id", "=", ctx.orgId)
      .execute();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "position.updated",
      entityType: "position",
      entityId: positionId,
      details: { name: input.name },
      at: ctx.now,
    });
  });
}
