import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assignCentre, createGroupSchema } from "~/modules/oversight/admin.server";
import { openSqlite } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { createCentre } from "~/modules/org/centre.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { AREAS } from "~/modules/exports/centre-archive-spec";
import { freshDb } from "../helpers/db";
import { sheetsOf, unzip } from "../helpers/zip";
import { SEED_TIME } from "../helpers/paths";

/**
 * A production set-up in a temporary folder, and its CLI: each command as an operator runs it — its
 * own process, its exit code and what it prints.
 */
function productionCli() {
  const dir = mkdtempSync(join(tmpdir(), "roviec-cli-"));
  const env = { ...process.env, DATABASE_URL: join(dir, "app.db"), FILES_DIR: join(dir, "files"), APP_MODE: "production", PUBLIC_URL: "https://roviec.example.vn" };
  const cli = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], { env, encoding: "utf8" }, (err, stdout, stderr) =>
        resolve({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  return { dir, cli };
}

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

describe("oversight groups (production set-up, the real CLI)", () => {
  it("creates a group, assigns centres idempotently and adds an overseer who must change the password", async () => {
    const { dir, cli } = productionCli();
    try {
      // The centre as an operator creates it (tested above), then the three group commands.
      const setup = openSqlite(join(dir, "app.db"));
      await migrateToLatest(setup.db);
      await createCentre(setup.db, { slug: "hung-dao", name: "Trung tâm Phục vụ hành chính công xã Hưng Đạo", parentBody: "Ủy ban nhân dân xã Hưng Đạo", province: "", placeName: "Hưng Đạo", adminUsername: "hungdao.admin", adminName: "Quản trị", adminPassword: "bắt đầu từ hôm nay" }, SEED_TIME);
      await setup.db.destroy();
      const made = await cli("create-group", "--slug", "hai-phong", "--name", "Văn phòng UBND thành phố Hải Phòng", "--parent-body", "Ủy ban nhân dân thành phố Hải Phòng", "--place-name", "Hải Phòng");
      expect(made.stdout).toContain('Oversight group "hai-phong" created.');
      expect((await cli("assign-centre", "--group", "hai-phong", "--centre", "hung-dao")).stdout).toContain('Centre "hung-dao" assigned to "hai-phong".');
      expect((await cli("add-overseer", "--group", "hai-phong", "--username", "hp.giamsat", "--full-name", "Đặng Thu Hà", "--password", "giám sát từ thành phố")).status).toBe(0);

      const { db } = openSqlite(join(dir, "app.db"));
      const overseer = await db
        .selectFrom("oversight_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .innerJoin("oversight_groups as g", "g.id", "m.group_id")
        .select(["u.must_change_password", "g.slug"])
        .where("u.username", "=", "hp.giamsat")
        .executeTakeFirstOrThrow();
      expect(overseer).toEqual({ must_change_password: 1, slug: "hai-phong" });
      const centres = await db.selectFrom("oversight_centres").select("org_id").execute();
      expect(centres).toHaveLength(1);
      // The centre's admin sees, in the centre's own audit log, that the group may read its figures.
      const audited = await db.selectFrom("audit_log").select(["action", "org_id"]).where("action", "=", "oversight.centreAssigned").execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]!.org_id).toBe(centres[0]!.org_id);
      // Again: nothing changes; an unknown centre and a malformed slug are refused with a message.
      expect(await assignCentre(db, { group: "hai-phong", centre: "hung-dao" }, SEED_TIME)).toBe(false);
      await expect(assignCentre(db, { group: "hai-phong", centre: "khong-co" }, SEED_TIME)).rejects.toThrow('No centre "khong-co".');
      expect(createGroupSchema.safeParse({ slug: "Hai Phong", name: "Văn phòng", parentBody: "UBND", placeName: "Hải Phòng" }).success).toBe(false);
      expect(await db.selectFrom("oversight_centres").select("org_id").execute()).toHaveLength(1);
      await db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("a centre's lifecycle (the real CLI, docs/decisions/0044)", () => {
  it("suspends, resumes, schedules and cancels a deletion; refusals in Vietnamese; audited in the centre as the system via cli", async () => {
    const { dir, cli } = productionCli();
    try {
      const setup = openSqlite(join(dir, "app.db"));
      await migrateToLatest(setup.db);
      await createCentre(setup.db, { slug: "hung-dao", name: "Trung tâm Phục vụ hành chính công xã Hưng Đạo", parentBody: "Ủy ban nhân dân xã Hưng Đạo", province: "", placeName: "Hưng Đạo", adminUsername: "hungdao.admin", adminName: "Quản trị", adminPassword: "bắt đầu từ hôm nay" }, SEED_TIME);
      await setup.db.destroy();

      const suspended = await cli("suspend-centre", "--centre", "hung-dao", "--reason", "Chưa gia hạn hợp đồng");
      expect(suspended).toMatchObject({ status: 0 });
      expect(suspended.stdout).toContain('Centre "hung-dao": suspended (Chưa gia hạn hợp đồng).');
      const again = await cli("suspend-centre", "--centre", "hung-dao", "--reason", "Lần nữa");
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("Trung tâm này đã đang tạm ngừng sử dụng.");
      expect((await cli("suspend-centre", "--centre", "hung-dao")).status).toBe(2);
      expect((await cli("suspend-centre", "--centre", "hung-dao", "--reason", "x")).stderr).toContain("Lý do cần ít nhất 3 ký tự");
      expect(await cli("suspend-centre", "--centre", "khong-co", "--reason", "Thử")).toMatchObject({ status: 1, stderr: expect.stringContaining('No centre "khong-co".') });
      expect((await cli("suspend-centre")).status).toBe(2);

      const short = await cli("schedule-deletion", "--centre", "hung-dao", "--grace-days", "5");
      expect(short.status).toBe(1);
      expect(short.stderr).toContain("Thời gian chờ trước khi xoá phải là số ngày nguyên từ 7 đến 90.");
      expect((await cli("schedule-deletion", "--centre", "hung-dao", "--grace-days", "mười")).status).toBe(2);
      const scheduled = await cli("schedule-deletion", "--centre", "hung-dao", "--grace-days", "14");
      expect(scheduled.status).toBe(0);
      expect(scheduled.stdout).toMatch(/suspended \(Chưa gia hạn hợp đồng\); deletion due \d{4}-\d{2}-\d{2}T/);
      expect((await cli("resume-centre", "--centre", "hung-dao")).stderr).toContain("Trung tâm này đã có lịch xoá dữ liệu. Hãy huỷ lịch xoá trước.");
      expect((await cli("cancel-deletion", "--centre", "hung-dao")).stdout).toContain('Centre "hung-dao": suspended (Chưa gia hạn hợp đồng).');
      expect((await cli("resume-centre", "--centre", "hung-dao")).stdout).toContain('Centre "hung-dao": active.');

      const { db } = openSqlite(join(dir, "app.db"));
      const org = await db.selectFrom("organizations").selectAll().where("slug", "=", "hung-dao").executeTakeFirstOrThrow();
      expect(org).toMatchObject({ status: "active", suspended_at: null, suspension_reason: null, deletion_due_at: null });
      const entries = await db.selectFrom("audit_log").select(["action", "org_id", "actor_user_id", "details"]).where("action", "like", "centre.%").where("action", "!=", "centre.created").orderBy("created_at").execute();
      expect(entries.map((e) => e.action)).toEqual(["centre.suspended", "centre.deletionScheduled", "centre.deletionCancelled", "centre.resumed"]);
      for (const e of entries) {
        expect(e).toMatchObject({ org_id: org.id, actor_user_id: null });
        expect(JSON.parse(e.details)).toMatchObject({ operator: true, via: "cli" });
      }
      expect(JSON.parse(entries[1]!.details)).toMatchObject({ graceDays: 14 });
      await db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("operators (production set-up, the real CLI)", () => {
  it("creates an operator with a one-time temporary password to change at first sign-in", async () => {
    const { dir, cli } = productionCli();
    try {
      const made = await cli("create-operator", "--username", "vh.nam", "--full-name", "Vũ Thành Nam");
      expect(made.status).toBe(0);
      const password = /Temporary password[^:]*: (\S+)/.exec(made.stdout)?.[1];
      expect(password).toMatch(/^[a-z2-7]{16}$/);
      const { db } = openSqlite(join(dir, "app.db"));
      const row = await db
        .selectFrom("operators as o")
        .innerJoin("users as u", "u.id", "o.user_id")
        .select(["u.must_change_password", "u.password_hash", "u.full_name"])
        .where("u.username", "=", "vh.nam")
        .executeTakeFirstOrThrow();
      expect(row.must_change_password).toBe(1);
      expect(row.full_name).toBe("Vũ Thành Nam");
      expect(await verifyPassword(row.password_hash, password!)).toBe(true);
      // No membership anywhere; audited without a centre.
      expect(await db.selectFrom("memberships").select("id").execute()).toHaveLength(0);
      expect((await db.selectFrom("audit_log").select("org_id").where("action", "=", "operator.created").execute()).map((a) => a.org_id)).toEqual([null]);
      await db.destroy();
      // A taken username and a malformed one are refused.
      expect((await cli("create-operator", "--username", "vh.nam", "--full-name", "Ai đó")).status).not.toBe(0);
      const bad = await cli("create-operator", "--username", "Vh Nam", "--full-name", "Ai đó");
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain("--username");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("exporting a centre's data (the real CLI)", () => {
  it("writes the centre's archive to a file, audited, and refuses to overwrite one", async () => {
    const { dir, cli } = productionCli();
    try {
      const setup = openSqlite(join(dir, "app.db"));
      await migrateToLatest(setup.db);
      await createCentre(setup.db, { slug: "hung-dao", name: "Trung tâm Phục vụ hành chính công xã Hưng Đạo", parentBody: "Ủy ban nhân dân xã Hưng Đạo", province: "", placeName: "Hưng Đạo", adminUsername: "hungdao.admin", adminName: "Quản trị Hưng Đạo", adminPassword: "bắt đầu từ hôm nay" }, SEED_TIME);
      await setup.db.destroy();
      const out = join(dir, "hung-dao.zip");
      const done = await cli("export-centre", "--centre", "hung-dao", "--out", out);
      expect(done.stderr).toBe("");
      expect(done.status).toBe(0);
      expect(done.stdout).toMatch(/^Centre "hung-dao" exported to .*hung-dao\.zip: \d+ bytes, \d+ rows, 0 files, in \d+ ms\.\n$/);
      const entries = await unzip(readFileSync(out));
      expect([...entries.keys()].sort()).toEqual([...AREAS.map((a) => a.file), "README.txt"].sort());
      const staff = (await sheetsOf(entries.get("nhan-su.xlsx")!)).get("Cán bộ")!;
      expect(staff).toHaveLength(2);
      expect(staff[1]).toContain("Quản trị Hưng Đạo");
      expect(entries.get("README.txt")!.toString("utf8")).toContain("DỮ LIỆU CỦA TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯNG ĐẠO");

      const { db } = openSqlite(join(dir, "app.db"));
      const audited = await db.selectFrom("audit_log").select(["actor_user_id", "details"]).where("action", "=", "centre.exported").execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]!.actor_user_id).toBeNull();
      expect(JSON.parse(audited[0]!.details)).toMatchObject({ via: "cli", completed: true, bytes: statSync(out).size });
      await db.destroy();

      const again = await cli("export-centre", "--centre", "hung-dao", "--out", out);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/EEXIST/);
      expect((await cli("export-centre", "--centre", "khong-co", "--out", join(dir, "x.zip"))).stderr).toContain('No centre "khong-co".');
      expect((await cli("export-centre", "--centre", "hung-dao")).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
