import { randomUUID } from "node:crypto";
import { normalizeSearch } from "../../db/text";
import type { SeedContext } from "./index";

// The demo operator of the service (docs/decisions/0043): `rv.vanhanh`, member of no centre, not yet
// enrolled in TOTP — the first sign-in leads to the enrolment page, then to the console at /admin.
export async function seedOperators(s: SeedContext): Promise<void> {
  const at = s.now.toISOString();
  const userId = randomUUID();
  const fullName = "Vũ Thành Nam";
  await s.db
    .insertInto("users")
    .values({
      id: userId,
      username: "rv.vanhanh",
      full_name: fullName,
      full_name_search: normalizeSearch(fullName),
      phone: null,
      email: "rv.vanhanh@demo.roviec.vn",
      password_hash: s.passwordHash,
      must_change_password: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await s.db.insertInto("operators").values({ user_id: userId, created_at: at, created_by: null }).execute();
}
