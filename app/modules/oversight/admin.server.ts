// Platform operations on oversight groups (docs/decisions/0042-oversight.md), for the service's
// operators (`npm run cli -- create-group | assign-centre | add-overseer`): not tenant actions.
// Each is audited; assigning a centre is audited in that centre, so its admin sees who may now
// read its figures.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import { checkPasswordPolicy, hashPassword } from "../auth/password.server";
import { centreIdBySlug, createAccount } from "../org/centre.server";
import { USERNAME_PATTERN } from "../org/schema";

const SLUG = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "slug: lower-case letters, digits and hyphens");

export const createGroupSchema = z.object({
  slug: SLUG,
  name: z.string().trim().min(3),
  parentBody: z.string().trim().min(3),
  placeName: z.string().trim().min(2),
});

export const assignCentreSchema = z.object({ group: SLUG, centre: SLUG });

export const addOverseerSchema = z.object({
  group: SLUG,
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, "username format"),
  fullName: z.string().trim().min(2),
  password: z.string().min(8),
});

async function groupId(db: DB, slug: string): Promise<string> {
  const g = await db.selectFrom("oversight_groups").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!g) throw new Error(`No oversight group "${slug}".`);
  return g.id;
}

export async function createGroup(db: DB, input: z.infer<typeof createGroupSchema>, now: Date): Promise<string> {
  return writeTx(db, async (tx) => {
    if (await tx.selectFrom("oversight_groups").select("id").where("slug", "=", input.slug).executeTakeFirst()) throw new Error(`A group with slug "${input.slug}" already exists.`);
    const id = randomUUID();
    await tx
      .insertInto("oversight_groups")
      .values({ id, slug: input.slug, name: input.name, parent_body: input.parentBody, place_name: input.placeName, created_at: now.toISOString() })
      .execute();
    await audit(tx, { orgId: null, actorUserId: null, action: "oversight.groupCreated", entityType: "oversight_group", entityId: id, details: { slug: input.slug }, at: now });
    return id;
  });
}

/** Gives the group read access to a centre's figures; idempotent. Audited in the centre. */
export async function assignCentre(db: DB, input: z.infer<typeof assignCentreSchema>, now: Date): Promise<boolean> {
  const gid = await groupId(db, input.group);
  const orgId = await centreIdBySlug(db, input.centre);
  if (!orgId) throw new Error(`No centre "${input.centre}".`);
  return writeTx(db, async (tx) => {
    const res = await tx.insertInto("oversight_centres").values({ group_id: gid, org_id: orgId, added_at: now.toISOString() }).onConflict((oc) => oc.columns(["group_id", "org_id"]).doNothing()).executeTakeFirst();
    const added = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    if (added) await audit(tx, { orgId, actorUserId: null, action: "oversight.centreAssigned", entityType: "oversight_group", entityId: gid, details: { group: input.group }, at: now });
    return added;
  });
}

/** A new overseer account of the group, with a temporary password to change at first sign-in. */
export async function addOverseer(db: DB, input: z.infer<typeof addOverseerSchema>, now: Date): Promise<string> {
  const policy = checkPasswordPolicy(input.password, input.username);
  if (policy) throw new Error(`Password refused by the password policy (${policy}).`);
  const gid = await groupId(db, input.group);
  const hash = await hashPassword(input.password);
  return writeTx(db, async (tx) => {
    const userId = await createAccount(tx, { username: input.username, fullName: input.fullName, passwordHash: hash }, now);
    await tx.insertInto("oversight_members").values({ group_id: gid, user_id: userId, added_at: now.toISOString() }).execute();
    await audit(tx, { orgId: null, actorUserId: null, action: "oversight.overseerAdded", entityType: "user", entityId: userId, details: { group: input.group, username: input.username }, at: now });
    return userId;
  });
}
