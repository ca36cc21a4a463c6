import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withUploads } from "~/modules/files/files.server";
import { migrateFiles } from "~/modules/files/migrate.server";
import { databaseFileStore, localFileStore, openFileStore, type FileStorageKind, type FileStore } from "~/modules/files/store.server";
import { createTask } from "~/modules/tasks/tasks.server";
import { openDatabase, openPostgres } from "../../db/client";
import type { DB } from "../../db/schema";
import { freshDb, memberOf } from "../helpers/db";
import { pgAdmin, pgDatabaseUrl, pgRunPrefix, quoteIdent, TEST_ENGINE } from "../helpers/engine";
import { TINY_PNG_B64 } from "../helpers/images";
import { BASE_DB, SEED_TIME, TMP_DIR } from "../helpers/paths";
import { signIn, startServer, type TestServer } from "../helpers/server";

// Issue 16, item 5 (files): one storage interface with two places — this server's folder
// (FILE_STORAGE=local, the default) and the database (FILE_STORAGE=database, for several servers) —
// and `npm run cli -- files migrate` between them (docs/decisions/0034-file-storage.md). Runs on
// SQLite and on PostgreSQL (TEST_DATABASE=postgres).

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text));
const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const settle = () => new Promise((r) => setTimeout(r, 50));

async function centreIds(db: DB) {
  return {
    tuky: (await memberOf(db, "tuky.giamdoc")).orgId,
    anphu: (await memberOf(db, "anphu.giamdoc")).orgId,
  };
}

describe.each<FileStorageKind>(["local", "database"])("the %s file store keeps the contract", (kind) => {
  let db: DB;
  let dir: string;
  let store: FileStore;
  let a: string;
  let b: string;
  beforeEach(async () => {
    db = freshDb();
    dir = `${TMP_DIR}store-${randomUUID()}`;
    store = openFileStore(kind, { filesDir: dir, db });
    ({ tuky: a, anphu: b } = await centreIds(db));
  });
  afterEach(() => db.destroy());

  it("puts, gets, states, lists, replaces and deletes", async () => {
    expect(store.kind).toBe(kind);
    const key = `${a}/${randomUUID()}`;
    expect(await store.get(a, key)).toBeUndefined();
    expect(await store.stat(a, key)).toBeUndefined();
    const content = bytesOf("Biên bản kiểm tra quầy 1 — bản chính");
    await store.put(a, key, content, { contentType: "text/plain" });
    expect(Buffer.from((await store.get(a, key))!)).toEqual(Buffer.from(content));
    expect(await store.stat(a, key)).toEqual({ size: content.length, sha256: sha(content) });
    const other = `${a}/${randomUUID()}`;
    await store.put(a, other, new Uint8Array(0), { contentType: "application/octet-stream" });
    expect(await store.list(a)).toEqual([key, other].sort());
    expect(Buffer.from((await store.get(a, other))!).length).toBe(0);

    // Storing a key again replaces it (idempotent writes for the migration).
    const second = bytesOf("bản sửa đổi");
    await store.put(a, key, second, { contentType: "text/plain" });
    expect(await store.stat(a, key)).toEqual({ size: second.length, sha256: sha(second) });

    await store.delete(a, [key, `${a}/${randomUUID()}`]); // a missing key is not an error
    expect(await store.get(a, key)).toBeUndefined();
    expect(await store.list(a)).toEqual([other]);
    await store.delete(a, []);
  });

  it("keeps an upload staged on disk (moved from the local folder, read into the database)", async () => {
    mkdirSync(store.stagingDir, { recursive: true });
    const staged = join(store.stagingDir, randomUUID());
    const content = new Uint8Array(Buffer.from(TINY_PNG_B64, "base64"));
    writeFileSync(staged, content);
    const key = `${a}/${randomUUID()}`;
    await store.put(a, key, { stagedPath: staged }, { contentType: "image/png" });
    expect(sha((await store.get(a, key))!)).toBe(sha(content));
    // The local store moves the staged file; the database store leaves it for readForm's clean-up.
    expect(existsSync(staged)).toBe(kind === "database");
    if (kind === "database") {
      const row = await db.selectFrom("stored_files").select(["size", "content_type", "sha256"]).where("org_id", "=", a).where("key", "=", key).executeTakeFirstOrThrow();
      expect(row).toEqual({ size: content.length, content_type: "image/png", sha256: sha(content) });
    } else {
      expect(list(join(dir, a))).toEqual([key.split("/")[1]]);
    }
  });

  it("never reads, writes or removes another centre's file", async () => {
    const id = randomUUID();
    const mine = `${a}/${id}`;
    await store.put(a, mine, bytesOf("của Tứ Kỳ"), { contentType: "text/plain" });
    // Asked for by another centre, with the same key or the same id under its own prefix: nothing.
    expect(await store.get(b, mine)).toBeUndefined();
    expect(await store.stat(b, mine)).toBeUndefined();
    expect(await store.get(b, `${b}/${id}`)).toBeUndefined();
    expect(await store.list(b)).toEqual([]);
    // Keys that try to leave the centre's folder.
    for (const key of [`${a}/../${b}/${id}`, `${a}/${id}/..`, `${a}/.`, `${a}/`, `../${a}/${id}`, id]) {
      expect(await store.get(a, key)).toBeUndefined();
      await expect(store.put(a, key, bytesOf("x"), { contentType: "text/plain" })).rejects.toThrow(/not a key of centre/);
    }
    // Another centre cannot write or remove under this centre's key.
    await expect(store.put(b, mine, bytesOf("ghi đè"), { contentType: "text/plain" })).rejects.toThrow(/not a key of centre/);
    await expect(store.delete(b, [mine])).rejects.toThrow(/not a key of centre/);
    expect(Buffer.from((await store.get(a, mine))!).toString()).toBe("của Tứ Kỳ");
    // The same id in both centres: two files.
    await store.put(b, `${b}/${id}`, bytesOf("của An Phú"), { contentType: "text/plain" });
    expect(Buffer.from((await store.get(a, mine))!).toString()).toBe("của Tứ Kỳ");
    expect(Buffer.from((await store.get(b, `${b}/${id}`))!).toString()).toBe("của An Phú");
  });
});

describe("FILE_STORAGE=database over HTTP", () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startServer({ fileStorage: "database" });
  });
  afterEach(() => srv.close());

  const storedRows = (orgId: string) => srv.db.selectFrom("stored_files").select(["key", "size", "sha256", "content_type"]).where("org_id", "=", orgId).orderBy("key").execute();

  it("keeps a task's attachment in the database and serves it only to people on the task", async () => {
    const director = await signIn(srv, "tuky.giamdoc");
    const orgId = (await memberOf(srv.db, "tuky.giamdoc")).orgId;
    const form = new FormData();
    const fields: Record<string, string> = {
      intent: "assign",
      title: "Số hóa hồ sơ hộ tịch năm 2017",
      description: "Scan và nhập dữ liệu sổ đăng ký khai sinh năm 2017.",
      assigneeId: (await memberOf(srv.db, "tuky.canbo01")).membershipId,
      approverId: (await memberOf(srv.db, "tuky.giamdoc")).membershipId,
      sourceKind: "adhoc",
      startDate: "2026-03-10",
      deadlineDate: "2026-03-20",
      deliverable: "Dữ liệu trên hệ thống",
      priority: "normal",
      recurrence: "none",
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const content = "Danh sách sổ hộ tịch năm 2017 cần số hóa";
    form.append("files", new File([content], "danh-sách.txt", { type: "text/plain" }));
    const res = await director.fetch("/o/tu-ky/tasks/new", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const taskId = new URL(res.url).pathname.split("/").pop()!;
    const file = await srv.db.selectFrom("attachments").selectAll().where("org_id", "=", orgId).where("task_id", "=", taskId).executeTakeFirstOrThrow();

    // In the database, checksummed; nothing in the local folder; the staged upload is gone.
    expect(await storedRows(orgId)).toEqual([{ key: file.storage_key, size: Buffer.byteLength(content), sha256: sha(bytesOf(content)), content_type: "text/plain" }]);
    await settle();
    expect(list(srv.filesDir).filter((d) => d !== ".uploads")).toEqual([]);
    expect(list(join(srv.filesDir, ".uploads"))).toEqual([]);

    const clerk = await signIn(srv, "tuky.canbo01");
    const dl = await clerk.fetch(`/o/tu-ky/files/${file.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toContain("text/plain");
    expect(dl.headers.get("content-disposition")).toContain("attachment");
    expect(await dl.text()).toBe(content);
    // Someone not on the task, and a member of another centre asking through theirs: 404.
    expect((await (await signIn(srv, "tuky.canbo03")).fetch(`/o/tu-ky/files/${file.id}`)).status).toBe(404);
    expect((await (await signIn(srv, "anphu.giamdoc")).fetch(`/o/an-phu/files/${file.id}`)).status).toBe(404);

    // A row whose file is missing answers 404, not 500.
    await srv.db.deleteFrom("stored_files").where("org_id", "=", orgId).where("key", "=", file.storage_key).execute();
    expect((await clerk.fetch(`/o/tu-ky/files/${file.id}`)).status).toBe(404);
  });

  it("keeps nothing when the action is refused", async () => {
    const clerk = await signIn(srv, "tuky.canbo01");
    const form = new FormData();
    form.append("intent", "submit");
    form.append("version", "999");
    form.append("text", "Đã xong.");
    form.append("files", new File(["biên bản"], "bien-ban.txt", { type: "text/plain" }));
    const task = await srv.db.selectFrom("tasks").select(["id", "org_id"]).where("status", "=", "in_progress").executeTakeFirstOrThrow();
    const res = await clerk.fetch(`/o/tu-ky/tasks/${task.id}`, { method: "POST", body: form });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await settle();
    expect(await storedRows(task.org_id)).toEqual([]);
    expect(list(join(srv.filesDir, ".uploads"))).toEqual([]);
  });

  it("keeps inspection photos in the database, serves them and removes them with the photo", async () => {
    const inspector = await signIn(srv, "tuky.kiemtra");
    const orgId = (await memberOf(srv.db, "tuky.kiemtra")).orgId;
    const lan = (await memberOf(srv.db, "tuky.canbo01")).membershipId;
    const template = await srv.db.selectFrom("inspection_templates").select("id").where("org_id", "=", orgId).executeTakeFirstOrThrow();
    const created = await inspector.post("/o/tu-ky/inspections/new", { intent: "create", place: "Quầy 1", memberIds: [lan], templateId: template.id });
    expect(created.status).toBe(200);
    const id = new URL(created.url).pathname.split("/").pop()!;
    const png = new Uint8Array(Buffer.from(TINY_PNG_B64, "base64"));
    const form = new FormData();
    form.append("intent", "addPhoto");
    form.append("membershipId", lan);
    form.append("photos", new File([png], "quầy 1.png", { type: "image/png" }));
    expect((await inspector.fetch(`/o/tu-ky/inspections/${id}?intent=addPhoto`, { method: "POST", body: form })).status).toBe(200);
    const photo = await srv.db.selectFrom("inspection_photos").selectAll().where("org_id", "=", orgId).where("inspection_id", "=", id).executeTakeFirstOrThrow();
    const [row] = await storedRows(orgId);
    expect(row).toMatchObject({ key: photo.storage_key, size: photo.size, content_type: "image/png" });

    const served = await inspector.fetch(`/o/tu-ky/inspections/photos/${photo.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(row!.sha256);
    // The demo photos (drawn on request, never stored) are still served.
    const demo = await srv.db.selectFrom("inspection_photos").select("id").where("org_id", "=", orgId).where("storage_key", "like", "demo/%").executeTakeFirstOrThrow();
    expect((await inspector.fetch(`/o/tu-ky/inspections/photos/${demo.id}`)).status).toBe(200);

    const version = (await srv.db.selectFrom("inspections").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    const deleted = await inspector.post(`/o/tu-ky/inspections/${id}`, { intent: "deletePhoto", photoId: photo.id, version: String(version) });
    expect(deleted.status).toBe(200);
    expect(await storedRows(orgId)).toEqual([]);
  });
});

describe("files migrate", () => {
  let db: DB;
  let dir: string;
  let local: FileStore;
  let database: FileStore;
  let orgs: { tuky: string; anphu: string };
  beforeEach(async () => {
    db = freshDb();
    dir = `${TMP_DIR}migrate-${randomUUID()}`;
    local = localFileStore(dir);
    database = databaseFileStore(db, local.stagingDir);
    orgs = await centreIds(db);
  });
  afterEach(() => db.destroy());

  /** Three files of Tứ Kỳ and one of An Phú in `store`; returns each key's SHA-256. */
  async function fill(store: FileStore): Promise<Map<string, string>> {
    const sums = new Map<string, string>();
    const files: [string, Uint8Array][] = [
      [orgs.tuky, bytesOf("Biên bản số 1")],
      [orgs.tuky, new Uint8Array(Buffer.from(TINY_PNG_B64, "base64"))],
      [orgs.tuky, new Uint8Array(200_000).map((_, i) => (i * 7) % 251)],
      [orgs.anphu, bytesOf("Kế hoạch An Phú")],
    ];
    for (const [orgId, bytes] of files) {
      const key = `${orgId}/${randomUUID()}`;
      await store.put(orgId, key, bytes, { contentType: "application/octet-stream" });
      sums.set(key, sha(bytes));
    }
    return sums;
  }

  async function sums(store: FileStore): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const orgId of [orgs.tuky, orgs.anphu]) for (const key of await store.list(orgId)) out.set(key, (await store.stat(orgId, key))!.sha256);
    return out;
  }

  it("copies every file both ways, verified by size and SHA-256, idempotently, keeping the source unless asked", async () => {
    const centres = [orgs.tuky, orgs.anphu];
    const original = await fill(local);

    const first = await migrateFiles(centres, local, database);
    expect(first).toMatchObject({ seen: 4, copied: 4, alreadyThere: 0, failed: [], deletedFromSource: 0 });
    expect(await sums(database)).toEqual(original);
    expect(await sums(local)).toEqual(original); // the source is kept

    // A second run copies nothing; a changed copy in the target is found by its checksum and replaced.
    expect(await migrateFiles(centres, local, database)).toMatchObject({ seen: 4, copied: 0, alreadyThere: 4, failed: [] });
    const [damagedKey] = [...original.keys()];
    const damagedOrg = damagedKey!.split("/")[0]!;
    await db.updateTable("stored_files").set({ bytes: bytesOf("hỏng"), sha256: sha(bytesOf("hỏng")), size: 6 }).where("org_id", "=", damagedOrg).where("key", "=", damagedKey!).execute();
    expect(await migrateFiles(centres, local, database)).toMatchObject({ copied: 1, alreadyThere: 3, failed: [] });
    expect(await sums(database)).toEqual(original);

    // Back to a new, empty folder, removing each file from the database once verified.
    const back = localFileStore(`${TMP_DIR}migrate-back-${randomUUID()}`);
    expect(await migrateFiles(centres, database, back, { deleteSource: true })).toMatchObject({ seen: 4, copied: 4, failed: [], deletedFromSource: 4 });
    expect(await sums(back)).toEqual(original);
    expect(await sums(database)).toEqual(new Map());
  });

  it("reports a copy that does not read back the same, and keeps its source", async () => {
    const original = await fill(local);
    const [badKey] = [...original.keys()];
    // A target that loses bytes of one file.
    const lossy: FileStore = { ...database, get: async (orgId, key) => ((await database.get(orgId, key)) ?? new Uint8Array()).slice(key === badKey ? 1 : 0) };
    const report = await migrateFiles([orgs.tuky, orgs.anphu], local, lossy, { deleteSource: true });
    expect(report).toMatchObject({ seen: 4, copied: 3, deletedFromSource: 3 });
    expect(report.failed).toEqual([{ key: badKey, reason: expect.stringMatching(/^read back \d+ bytes, sha256 [0-9a-f]{64}; expected \d+ bytes, sha256 [0-9a-f]{64}$/) }]);
    expect([...(await sums(local)).keys()]).toEqual([badKey]);
  });
});

describe("npm run cli -- files migrate", () => {
  const run = promisify(execFile);
  let url: string;
  let drop = async () => {};
  beforeEach(async () => {
    if (TEST_ENGINE === "postgres") {
      const name = `${pgRunPrefix()}cli${randomUUID().replace(/-/g, "").slice(0, 12)}`;
      await pgAdmin().query(`create database ${quoteIdent(name)} template ${quoteIdent(`${pgRunPrefix()}base`)}`);
      url = pgDatabaseUrl(name);
      drop = async () => void (await pgAdmin().query(`drop database if exists ${quoteIdent(name)} with (force)`));
    } else {
      url = `${TMP_DIR}${randomUUID()}.db`;
      copyFileSync(BASE_DB, url);
    }
  });
  afterEach(() => drop());

  const cli = (filesDir: string, ...args: string[]) =>
    run(process.execPath, ["--import", "tsx", "server/cli.ts", "files", "migrate", ...args], {
      env: { ...process.env, DATABASE_URL: url, FILES_DIR: filesDir, FILE_STORAGE: "", APP_MODE: "" },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("moves the files to the database and back, with the attachments' content types, and refuses a bad target", { timeout: 180_000 }, async () => {
    const filesDir = `${TMP_DIR}cli-files-${randomUUID()}`;
    // The fixtures are written as the tables' owner (on PostgreSQL the app's role sees no centre here).
    const db = TEST_ENGINE === "postgres" ? openPostgres(url) : openDatabase(url).db;
    try {
      const director = await memberOf(db, "tuky.giamdoc");
      const assignee = await memberOf(db, "tuky.canbo01");
      const ctx = { orgId: director.orgId, actorUserId: director.userId, membershipId: director.membershipId, now: SEED_TIME };
      const content = "Biên bản họp giao ban tháng 3";
      const upload = [new File([content], "bien-ban.txt", { type: "text/plain" })];
      await withUploads(localFileStore(filesDir), director.orgId, upload, { maxBytes: 1000, maxFiles: 1 }, (stored) =>
        createTask(
          db,
          ctx,
          {
            intent: "assign",
            title: "Họp giao ban",
            description: "Chuẩn bị nội dung họp giao ban tháng 3.",
            assigneeId: assignee.membershipId,
            approverId: director.membershipId,
            sourceKind: "adhoc",
            startDate: "2026-03-10",
            deadlineDate: "2026-03-31",
            deliverable: "Biên bản",
            priority: "normal",
            recurrence: "none",
          },
          stored,
        ),
      );
      const [key] = readdirSync(join(filesDir, director.orgId)).map((n) => `${director.orgId}/${n}`);

      const toDb = await cli(filesDir, "--to", "database");
      expect(toDb.stderr).toBe("");
      expect(toDb.code).toBe(0);
      expect(toDb.stdout).toContain("1 files: 1 copied and verified");
      expect(toDb.stdout).toContain("Set FILE_STORAGE=database");
      const row = await db.selectFrom("stored_files").select(["key", "size", "sha256", "content_type"]).where("org_id", "=", director.orgId).executeTakeFirstOrThrow();
      expect(row).toEqual({ key, size: Buffer.byteLength(content), sha256: sha(bytesOf(content)), content_type: "text/plain" });
      expect((await cli(filesDir, "--to", "database")).stdout).toContain("1 files: 0 copied and verified (0 bytes), 1 already there, 0 failed, 0 removed from the source.");

      const elsewhere = `${TMP_DIR}cli-back-${randomUUID()}`;
      const toLocal = await cli(elsewhere, "--to", "local", "--delete-source");
      expect(toLocal.code).toBe(0);
      expect(toLocal.stdout).toContain("1 files: 1 copied and verified");
      expect(toLocal.stdout).toContain("1 removed from the source");
      expect(readFileSync(join(elsewhere, key!), "utf8")).toBe(content);
      expect(await db.selectFrom("stored_files").select("key").where("org_id", "=", director.orgId).execute()).toEqual([]);

      const bad = await cli(filesDir, "--to", "s3");
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("Usage: files migrate --to database|local");
    } finally {
      await db.destroy();
    }
  });
});
