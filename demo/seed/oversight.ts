import { randomUUID } from "node:crypto";
import { normalizeSearch } from "../../db/text";
import type { SeedContext } from "./index";

// The city's oversight group (docs/decisions/0042-oversight.md): Văn phòng UBND thành phố Hải Phòng
// over the demo centres, and its overseer `haiphong.giamsat` (member of no centre).
export async function seedOversight(s: SeedContext): Promise<void> {
  const at = s.now.toISOString();
  const groupId = randomUUID();
  await s.db
    .insertInto("oversight_groups")
    .values({ id: groupId, slug: "hai-phong", name: "Văn phòng UBND thành phố Hải Phòng", parent_body: "Ủy ban nhân dân thành phố Hải Phòng", place_name: "Hải Phòng", created_at: at })
    .execute();
  await s.db
    .insertInto("oversight_centres")
    .values(Object.values(s.orgs).map((o) => ({ group_id: groupId, org_id: o.id, added_at: at })))
    .execute();
  const userId = randomUUID();
  const fullName = "Đặng Thu Hà";
  await s.db
    .insertInto("users")
    .values({
      id: userId,
      username: "haiphong.giamsat",
      full_name: fullName,
      full_name_search: normalizeSearch(fullName),
      phone: null,
      email: "haiphong.giamsat@demo.roviec.vn",
      password_hash: s.passwordHash,
      must_change_password: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await s.db.insertInto("oversight_members").values({ group_id: groupId, user_id: userId, added_at: at }).execute();
}
