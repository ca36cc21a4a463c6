import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { normalizeSearch } from "../../../db/text";
import { vnDateOf } from "../../utils/dates";
import { audit } from "../audit/audit.server";
import { DEFAULT_SETTINGS } from "../calendar/schedule";
import { checkPasswordPolicy, hashPassword } from "../auth/password.server";
import { USERNAME_PATTERN } from "./schema";

export const createCentreSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "slug: lower-case letters, digits and hyphens"),
  name: z.string().trim().min(3),
  parentBody: z.string().trim().min(3),
  province: z.string().trim().default(""),
  placeName: z.string().trim().default(""),
  adminUsername: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, "admin username format"),
  adminName: z.string().trim().min(2),
  adminPassword: z.string().min(8),
});
type CreateCentreInput = z.infer<typeof createCentreSchema>;

/**
 * Platform operation (not a tenant action): creates a centre and its first admin, who must change
 * the password at first sign-in. Used by `npm run cli -- create-centre`.
 */
export async function createCentre(db: DB, input: CreateCentreInput, now: Date): Promise<{ orgId: string; userId: string }> {
  const policy = checkPasswordPolicy(input.adminPassword, input.adminUsername);
  if (policy) throw new Error(`Admin password refused by the password policy (${policy}).`);
  const hash = await hashPassword(input.adminPassword);
  return writeTx(db, (tx) => insertCentre(tx, input, hash, null, now));
}

/**
 * A centre and its first admin (a membership with the admin role), in the caller's transaction; the
 * admin's password hash is given (a temporary password's, or UNUSABLE_PASSWORD for an invitation).
 * Audited in the new centre as done by `actorUserId` (an operator, or null for the command line).
 */
export async function insertCentre(
  tx: Executor,
  input: Omit<CreateCentreInput, "adminPassword">,
  passwordHash: string,
  actorUserId: string | null,
  now: Date,
  opts: { mustChangePassword?: boolean } = {},
): Promise<{ orgId: string; userId: string; membershipId: string }> {
  if (await tx.selectFrom("organizations").select("id").where("slug", "=", input.slug).executeTakeFirst()) {
    throw new Error(`A centre with slug "${input.slug}" already exists.`);
  }
  const at = now.toISOString();
  const orgId = randomUUID();
  const membershipId = randomUUID();
  await tx
    .insertInto("organizations")
    .values({ id: orgId, slug: input.slug, name: input.name, parent_body: input.parentBody, province: input.province, place_name: input.placeName, created_at: at })
    .execute();
  const userId = await createAccount(tx, { username: input.adminUsername, fullName: input.adminName, passwordHash }, now);
  if (opts.mustChangePassword === false) await tx.updateTable("users").set({ must_change_password: 0 }).where("id", "=", userId).execute();
  await tx
    .insertInto("memberships")
    .values({ id: membershipId, org_id: orgId, user_id: userId, title: "", position_id: null, roles: "admin", active: 1, joined_on: vnDateOf(now), left_on: null, created_at: at, updated_at: at })
    .execute();
  await audit(tx, { orgId, actorUserId, action: "centre.created", entityType: "organization", entityId: orgId, details: { slug: input.slug, admin: input.adminUsername }, at: now });
  return { orgId, userId, membershipId };
}

/**
 * Platform operation: a new account that must change its temporary password at first sign-in (a
 * centre's first admin, an overseer). Refuses a username that is taken. Returns the user's id.
 */
export async function createAccount(tx: Executor, input: { username: string; fullName: string; passwordHash: string }, now: Date): Promise<string> {
  if (await tx.selectFrom("users").select("id").where("username", "=", input.username).executeTakeFirst()) {
    throw new Error(`Username "${input.username}" is taken.`);
  }
  const id = randomUUID();
  const at = now.toISOString();
  await tx
    .insertInto("users")
    .values({
      id,
      username: input.username,
      full_name: input.fullName,
      full_name_search: normalizeSearch(input.fullName),
      phone: null,
      email: null,
      password_hash: input.passwordHash,
      must_change_password: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

/** The centre's name, the body above it and its place, as documents head them. */
export function centreHeading(db: Executor, orgId: string) {
  return db.selectFrom("organizations").select(["name", "parent_body", "place_name"]).where("id", "=", orgId).executeTakeFirst();
}

/** A centre's id from its slug (platform operations); undefined when there is none. */
export async function centreIdBySlug(db: Executor, slug: string): Promise<string | undefined> {
  return (await db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirst())?.id;
}

/** The centre's slug (its URLs are /o/<slug>/…). */
export async function centreSlug(db: Executor, orgId: string): Promise<string> {
  const o = await db.selectFrom("organizations").select("slug").where("id", "=", orgId).executeTakeFirstOrThrow();
  return o.slug;
}

/** Centres by id (an oversight group's), with what their headings and links need; by name. */
export async function centresByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("organizations")
    .select(["id", "slug", "name", "parent_body as parentBody", "place_name as placeName", "status", "suspended_at", "suspension_reason", "deletion_due_at"])
    .where("id", "in", ids)
    .orderBy("name")
    .execute();
}

/** Every centre's id, for the jobs that run for each centre in turn. */
export async function allCentreIds(db: Executor): Promise<string[]> {
  // tenant-safe: background jobs visit every centre; this lists only their ids.
  return (await db.selectFrom("organizations").select("id").execute()).map((o) => o.id);
}

/** The centre's settings row (office networks, annual leave entitlement); undefined until one is saved. */
export function centreSettings(db: Executor, orgId: string) {
  return db.selectFrom("org_settings").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

/** Saves the centre's office networks, creating its settings row with the defaults when there is none. */
export async function saveOfficeNetworks(tx: Executor, orgId: string, networks: string, at: Date): Promise<void> {
  await tx
    .insertInto("org_settings")
    .values({
      org_id: orgId,
      saturday_opening: DEFAULT_SETTINGS.saturdayOpening ? 1 : 0,
      saturday_start: DEFAULT_SETTINGS.saturdayStart,
      saturday_end: DEFAULT_SETTINGS.saturdayEnd,
      grace_minutes: DEFAULT_SETTINGS.graceMinutes,
      checkin_mode: DEFAULT_SETTINGS.checkinMode,
      holiday_weight: DEFAULT_SETTINGS.holidayWeight,
      weekend_weight: DEFAULT_SETTINGS.weekendWeight,
      updated_at: at.toISOString(),
      allowed_networks: networks,
    })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ allowed_networks: networks, updated_at: at.toISOString() }))
    .execute();
}
