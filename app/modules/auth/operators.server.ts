// Operators of the service (docs/decisions/0043): separate accounts — a users row and an `operators`
// row, no membership in any centre — who run the console at /admin. They never read a centre's
// tasks, people or records: every /o/* guard asks for a membership, which an operator has none of.
import { randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { z } from "zod";
import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import { createAccount } from "../org/centre.server";
import { USERNAME_PATTERN } from "../org/schema";
import { hashPassword } from "./password.server";

export async function isOperator(db: Executor, userId: string): Promise<boolean> {
  return !!(await db.selectFrom("operators").select("user_id").where("user_id", "=", userId).executeTakeFirst());
}

export const createOperatorSchema = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, "username format"),
  fullName: z.string().trim().min(2),
});

/** A one-time temporary password: 16 base32 characters (80 bits) from the CSPRNG. */
function temporaryPassword(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(10));
}

/**
 * Platform operation (`npm run cli -- create-operator`): a new operator account with a temporary
 * password it must change at first sign-in, after which it must enrol TOTP before the console opens.
 * Returns the password — the only time it exists outside a hash. Audited (no centre).
 */
export async function createOperator(
  db: DB,
  input: z.infer<typeof createOperatorSchema>,
  now: Date,
  opts: { password?: string; mustChangePassword?: boolean; createdBy?: string | null } = {},
): Promise<{ userId: string; password: string }> {
  const password = opts.password ?? temporaryPassword();
  const hash = await hashPassword(password);
  const userId = await writeTx(db, async (tx) => {
    const id = await createAccount(tx, { username: input.username, fullName: input.fullName, passwordHash: hash }, now);
    if (opts.mustChangePassword === false) await tx.updateTable("users").set({ must_change_password: 0 }).where("id", "=", id).execute();
    await tx.insertInto("operators").values({ user_id: id, created_at: now.toISOString(), created_by: opts.createdBy ?? null }).execute();
    await audit(tx, { orgId: null, actorUserId: opts.createdBy ?? null, action: "operator.created", entityType: "user", entityId: id, details: { username: input.username }, at: now });
    return id;
  });
  return { userId, password };
}
