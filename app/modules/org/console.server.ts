// The operator console's reads and writes on centres (docs/decisions/0043): the list of centres, the
// members per centre, and a new centre whose first admin is invited by a one-time link. Platform
// operations: the caller runs them `withoutTenant`, since they span or create centres.
import { z } from "zod";
import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { normalizeSearch } from "../../../db/text";
import { issueInvitation, UNUSABLE_PASSWORD } from "../auth/invitations.server";
import { insertCentre } from "./centre.server";
import { USERNAME_PATTERN } from "./schema";

export const CENTRES_PER_PAGE = 50;

export interface CentreRow {
  id: string;
  slug: string;
  name: string;
  parentBody: string;
  createdAt: string;
  status: string;
  deletionDueAt: string | null;
}

/**
 * One page of centres by name, optionally those whose name or slug contains `q` (without regard to
 * case or diacritics for the slug; the name as typed, case-insensitively). `more` says whether a next page exists.
 */
export async function centresPage(db: Executor, opts: { q?: string; page: number }): Promise<{ rows: CentreRow[]; more: boolean }> {
  const q = (opts.q ?? "").trim().slice(0, 100);
  let query = db
    .selectFrom("organizations")
    .select(["id", "slug", "name", "parent_body as parentBody", "created_at as createdAt", "status", "deletion_due_at as deletionDueAt"])
    .orderBy("name")
    .orderBy("id")
    .limit(CENTRES_PER_PAGE + 1)
    .offset((opts.page - 1) * CENTRES_PER_PAGE);
  if (q) {
    const slugLike = `%${normalizeSearch(q).replace(/\s+/g, "-").replace(/[%_\\]/g, "")}%`;
    const nameLike = `%${q.toLowerCase().replace(/[%_\\]/g, "")}%`;
    query = query.where((eb) => eb.or([eb("slug", "like", slugLike), eb(eb.fn("lower", ["name"]), "like", nameLike)]));
  }
  const rows = await query.execute();
  return { rows: rows.slice(0, CENTRES_PER_PAGE), more: rows.length > CENTRES_PER_PAGE };
}

/** Active memberships per centre, for the given centres: one grouped query (memberships_org_active_idx). */
export async function activeMemberCounts(db: Executor, orgIds: readonly string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("memberships")
    .select(["org_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "in", orgIds)
    .where("active", "=", 1)
    .groupBy("org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

/** The console's form for a new centre: its names and its first admin, who is invited by link. */
export const newCentreSchema = z.object({
  name: z.string({ required_error: "required" }).trim().min(3, "tooShort").max(200, "tooLong"),
  slug: z
    .string({ required_error: "required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "slugFormat"),
  parentBody: z.string({ required_error: "required" }).trim().min(3, "tooShort").max(200, "tooLong"),
  province: z.string().trim().max(100, "tooLong").default(""),
  placeName: z.string().trim().max(100, "tooLong").default(""),
  adminName: z.string({ required_error: "required" }).trim().min(2, "tooShort").max(100, "tooLong"),
  adminUsername: z.string({ required_error: "required" }).trim().toLowerCase().regex(USERNAME_PATTERN, "usernameFormat"),
});

export type NewCentreOutcome =
  | { ok: true; orgId: string; token: string; expiresAt: string }
  | { ok: false; field: "slug" | "adminUsername"; key: "slugTaken" | "usernameTaken" };

/**
 * Creates a centre and its first admin, who has no password yet and gets a one-time invitation link
 * (decision 0041), in one transaction; audited in the new centre as done by the operator.
 */
export async function createCentreWithInvitation(db: DB, input: z.infer<typeof newCentreSchema>, operatorUserId: string, now: Date): Promise<NewCentreOutcome> {
  return writeTx(db, async (tx) => {
    if (await tx.selectFrom("organizations").select("id").where("slug", "=", input.slug).executeTakeFirst()) {
      return { ok: false as const, field: "slug" as const, key: "slugTaken" as const };
    }
    if (await tx.selectFrom("users").select("id").where("username", "=", input.adminUsername).executeTakeFirst()) {
      return { ok: false as const, field: "adminUsername" as const, key: "usernameTaken" as const };
    }
    const { orgId, membershipId } = await insertCentre(tx, input, UNUSABLE_PASSWORD, operatorUserId, now, { mustChangePassword: false });
    const { token, expiresAt } = await issueInvitation(tx, { orgId, membershipId, actorUserId: operatorUserId, now, via: "operator" });
    return { ok: true as const, orgId, token, expiresAt };
  });
}
