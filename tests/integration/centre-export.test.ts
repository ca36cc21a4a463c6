import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AREAS, NOT_EXPORTED } from "~/modules/exports/centre-archive-spec";
import { ExportAbortedError, exportCentreArchive } from "~/modules/exports/centre-archive.server";
import { storageKey } from "~/modules/files/store.server";
import { withTenant } from "../../db/tenant";
import { TEST_ENGINE } from "../helpers/engine";
import { signIn, startServer, type Client, type TestServer } from "../helpers/server";
import { sheetsOf, unzip } from "../helpers/zip";

// A centre downloads all its data (issue 18, part 4; docs/decisions/0045): one ZIP with an XLSX per
// area, its stored files and a README. Two demo centres: Tứ Kỳ exports, An Phú must not appear.

let srv: TestServer;
let admin: Client;
let tuky: string;
let anphu: string;
const fileBytes = new Map<string, Buffer>();

async function addAttachment(orgId: string, name: string, bytes: Buffer): Promise<string> {
  const task = await srv.db.selectFrom("tasks").select(["id", "assigner_id"]).where("org_id", "=", orgId).executeTakeFirstOrThrow();
  const id = randomUUID();
  const key = storageKey(orgId, id);
  await srv.files.put(orgId, key, new Uint8Array(bytes), { contentType: "application/pdf" });
  await srv.db
    .insertInto("attachments")
    .values({ id, org_id: orgId, task_id: task.id, submission_id: null, file_name: name, content_type: "application/pdf", size: bytes.length, storage_key: key, uploaded_by: task.assigner_id, created_at: "2026-03-09T02:00:00.000Z" })
    .execute();
  return id;
}

async function download(client: Client): Promise<{ res: Response; body: Buffer }> {
  const res = await client.fetch("/o/tu-ky/settings/export.zip");
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  srv = await startServer();
  admin = await signIn(srv, "tuky.admin");
  tuky = (await srv.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow()).id;
  anphu = (await srv.db.selectFrom("organizations").select("id").where("slug", "=", "an-phu").executeTakeFirstOrThrow()).id;
  // Bytes that a text conversion would change: every byte value, and a name with Vietnamese and a slash.
  const ours = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from("Tờ trình số 12/TTr", "utf8")]);
  fileBytes.set(await addAttachment(tuky, "Tờ trình 12/TTr.pdf", ours), ours);
  await addAttachment(anphu, "bi-mat-an-phu.pdf", Buffer.from("AN PHU ONLY"));
});
afterAll(async () => {
  await srv.close();
});

describe("the centre's archive", () => {
  let entries: Map<string, Buffer>;
  beforeAll(async () => {
    const { res, body } = await download(admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="ro-viec-tu-ky-2026-03-10\.zip"$/);
    entries = await unzip(body);
  });

  it("holds an XLSX per area with every row of the centre, and a README", async () => {
    const db = srv.db as unknown as Kysely<Record<string, { org_id: string }>>;
    for (const area of AREAS) {
      const xlsx = entries.get(area.file);
      expect(xlsx, area.file).toBeDefined();
      const sheets = await sheetsOf(xlsx!);
      for (const sheet of area.sheets) {
        const rows = sheets.get(sheet.sheet);
        expect(rows, `${area.file}/${sheet.sheet}`).toBeDefined();
        expect(rows![0]![0]).toBe(sheet.columns[0]!.header);
        let q = db.selectFrom(sheet.table).select(sql<number>`count(*)`.as("n")).where("org_id", "=", tuky);
        // The export's own audit entry is written once the archive is complete.
        if (sheet.table === "audit_log") q = q.where(sql`action`, "!=", "centre.exported");
        const { n } = await q.executeTakeFirstOrThrow();
        expect(rows!.length - 1, `${area.file}/${sheet.sheet}`).toBe(Number(n));
      }
    }
    const total = await srv.db.selectFrom("tasks").select(sql<number>`count(*)`.as("n")).where("org_id", "=", tuky).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBeGreaterThan(10);
    const readme = entries.get("README.txt")!.toString("utf8");
    expect(readme).toContain("Thời điểm xuất: 2026-03-10 08:00:00 (giờ Việt Nam)");
    expect(readme).toContain("Trang \"Công việc\"");
    expect(readme).toContain("Trung tâm Phục vụ hành chính công".toUpperCase());
  });

  it("exports every column of each table except the secrets and plumbing it names", async () => {
    for (const area of AREAS) {
      for (const sheet of area.sheets) {
        const query =
          TEST_ENGINE === "postgres"
            ? sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${sheet.table}`
            : sql<{ name: string }>`select name from pragma_table_info(${sheet.table})`;
        const cols = (await query.execute(srv.db)).rows.map((r) => r.name);
        expect(cols.length, sheet.table).toBeGreaterThan(0);
        const covered = new Set([...sheet.columns.map((c) => c.col), ...(sheet.omitted ?? [])]);
        expect(cols.filter((c) => !covered.has(c)), `${sheet.table}`).toEqual([]);
      }
    }
  });

  it("covers every table of a centre, or names why not", async () => {
    const query =
      TEST_ENGINE === "postgres"
        ? sql<{ name: string }>`select table_name as name from information_schema.columns where table_schema = current_schema() and column_name = 'org_id'`
        : sql<{ name: string }>`select m.name from sqlite_master m where m.type = 'table' and exists (select 1 from pragma_table_info(m.name) where name = 'org_id')`;
    const tables = (await query.execute(srv.db)).rows.map((r) => r.name).filter((t) => t !== "organizations");
    const covered = new Set([...AREAS.flatMap((a) => a.sheets.map((s) => s.table)), ...Object.keys(NOT_EXPORTED)]);
    expect(tables.filter((t) => !covered.has(t))).toEqual([]);
  });

  it("holds no row of another centre", async () => {
    const cells = new Set<string>();
    for (const area of AREAS) for (const rows of (await sheetsOf(entries.get(area.file)!)).values()) for (const r of rows) for (const v of r) cells.add(v);
    const db = srv.db as unknown as Kysely<Record<string, { org_id: string; id: string }>>;
    let checked = 0;
    for (const area of AREAS) {
      for (const sheet of area.sheets) {
        if (sheet.key) continue; // tables keyed otherwise hold ids of rows checked here
        const theirs = await db.selectFrom(sheet.table).select("id").where("org_id", "=", anphu).execute();
        for (const r of theirs) expect(cells.has(r.id), `${sheet.table} ${r.id}`).toBe(false);
        checked += theirs.length;
      }
    }
    expect(checked).toBeGreaterThan(20);
    const anphuName = (await srv.db.selectFrom("organizations").select("name").where("id", "=", anphu).executeTakeFirstOrThrow()).name;
    for (const [name, bytes] of entries) {
      expect(name).not.toContain("bi-mat-an-phu");
      if (name.endsWith(".txt")) expect(bytes.toString("utf8")).not.toContain(anphuName);
    }
  });

  it("includes the stored files byte for byte under readable names", async () => {
    const files = [...entries.keys()].filter((n) => n.startsWith("files/"));
    const [id, bytes] = [...fileBytes][0]!;
    const ours = files.find((n) => n.includes(id.slice(0, 8)));
    expect(ours).toMatch(/^files\/cong-viec\/[0-9a-f-]{36}\/[0-9a-f]{8}-Tờ trình 12_TTr\.pdf$/);
    expect(entries.get(ours!)!.equals(bytes)).toBe(true);
    // The demo's inspection photos are in too (drawn for the demo, read like any stored photo).
    const photos = await srv.db.selectFrom("inspection_photos").select("id").where("org_id", "=", tuky).execute();
    expect(files.filter((n) => n.startsWith("files/kiem-tra/")).length).toBe(photos.length);
  });

  it("is recorded in the audit log with its size", async () => {
    const row = await srv.db.selectFrom("audit_log").select(["actor_user_id", "details"]).where("org_id", "=", tuky).where("action", "=", "centre.exported").orderBy("created_at", "desc").executeTakeFirstOrThrow();
    const details = JSON.parse(row.details) as { completed: boolean; bytes: number; files: number };
    expect(details.completed).toBe(true);
    expect(details.bytes).toBeGreaterThan(10_000);
    const user = await srv.db.selectFrom("users").select("id").where("username", "=", "tuky.admin").executeTakeFirstOrThrow();
    expect(row.actor_user_id).toBe(user.id);
  });
});

describe("who may download it", () => {
  it("refuses other roles of the centre (403) and other centres' members (404)", async () => {
    expect((await download(await signIn(srv, "tuky.giamdoc"))).res.status).toBe(403);
    expect((await download(await signIn(srv, "tuky.kiemtra"))).res.status).toBe(403);
    expect((await (await signIn(srv, "tuky.giamdoc")).fetch("/o/tu-ky/settings/export")).status).toBe(403);
    expect((await download(await signIn(srv, "anphu.giamdoc"))).res.status).toBe(404);
    expect((await srv.client().fetch("/o/tu-ky/settings/export.zip", { redirect: "manual" })).status).toBeGreaterThanOrEqual(300);
  });

  it("shows the admin the page with the download link", async () => {
    const res = await admin.fetch("/o/tu-ky/settings/export");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Tải toàn bộ dữ liệu của Trung tâm");
    expect(html).toContain('href="/o/tu-ky/settings/export.zip"');
  });
});

describe("one export per centre at a time", () => {
  it("answers 429 in words while the centre's export runs, and lets the next one through after", async () => {
    // The first download is not read: it waits on the network (backpressure), still running.
    const first = await admin.fetch("/o/tu-ky/settings/export.zip");
    expect(first.status).toBe(200);
    const second = await admin.fetch("/o/tu-ky/settings/export.zip");
    expect(second.status).toBe(429);
    expect(await second.text()).toContain("Trung tâm đang có một lượt tải toàn bộ dữ liệu chưa xong");
    await first.arrayBuffer();
    await new Promise((r) => setTimeout(r, 50));
    const third = await download(admin);
    expect(third.res.status).toBe(200);
  });
});

describe("an export that cannot finish", () => {
  const centre = () => ({ id: tuky, slug: "tu-ky", name: "Trung tâm Phục vụ hành chính công xã Tứ Kỳ" });
  it("stops when the receiver goes away", async () => {
    let writes = 0;
    const out = new Writable({
      write(_chunk, _enc, done) {
        done(++writes > 2 ? new Error("client went away") : null);
      },
    });
    await expect(withTenant(tuky, () => exportCentreArchive(srv.appDb, srv.files, centre(), out, { now: srv.clock.now() }))).rejects.toThrow(/client went away/);
  });

  it("stops at its time limit", async () => {
    let t = 0;
    const out = new Writable({ write: (_c, _e, done) => done() });
    await expect(
      withTenant(tuky, () => exportCentreArchive(srv.appDb, srv.files, centre(), out, { now: srv.clock.now(), clock: () => (t += 1000), timeLimitMs: 5000 })),
    ).rejects.toThrow(ExportAbortedError);
  });
});

describe("a receiver that stops reading", () => {
  it("is cut off at the time limit, even while the export waits for it", async () => {
    const out = new Writable({ highWaterMark: 1024, write: () => {} }); // never calls back: never drains
    const t0 = Date.now();
    await expect(
      withTenant(tuky, () => exportCentreArchive(srv.appDb, srv.files, { id: tuky, slug: "tu-ky", name: "Tứ Kỳ" }, out, { now: srv.clock.now(), timeLimitMs: 300 })),
    ).rejects.toThrow(ExportAbortedError);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
