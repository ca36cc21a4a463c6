import { describe, expect, it } from "vitest";
import { createCentre } from "~/modules/org/centre.server";
import { freshDb } from "../helpers/db";
import { SEED_TIME } from "../helpers/paths";

describe("creating a centre (production set-up)", () => {
  it("creates the centre and an admin who must change the password", async () => {
    const db = freshDb();
    await createCentre(
      db,
      {
        slug: "hung-dao",
        name: "Trung tâm Phục vụ hành chính công xã Hưng Đạo",
        parentBody: "Ủy ban nhân dân xã Hưng Đạo",
        province: "Hải Phòng",
        placeName: "Hưng Đạo",
        adminUsername: "hungdao.admin",
        adminName: "Quản trị Hưng Đạo",
        adminPassword: "bắt đầu từ hôm nay",
      },
      SEED_TIME,
    );
    const row = await db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .innerJoin("organizations as o", "o.id", "m.org_id")
      .select(["m.roles", "u.must_change_password", "o.name"])
      .where("o.slug", "=", "hung-dao")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ roles: "admin", must_change_password: 1, name: "Trung tâm Phục vụ hành chính công xã Hưng Đạo" });
    await expect(
      createCentre(db, { slug: "hung-dao", name: "x x x", parentBody: "y y y", province: "", placeName: "", adminUsername: "khac.admin", adminName: "Ai đó", adminPassword: "bắt đầu từ hôm nay" }, SEED_TIME),
    ).rejects.toThrow(/already exists/);
    await db.destroy();
  });
});
