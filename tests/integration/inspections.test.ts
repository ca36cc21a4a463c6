import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { centreInspectionSummary, memberInspectionSummary } from "~/modules/inspections/summary.server";
import { memberOf } from "../helpers/db";
import { TINY_PNG_B64 } from "../helpers/images";
import { signIn, startSignedIn, shown, type Client, type TestServer } from "../helpers/server";

// Tiny real images (8×8) encoded by Chromium's canvas; used to test uploads and cleaning.
const TINY_JPEG_B64 =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAA" +
  "ABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1" +
  "AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAP" +
  "KnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/" +
  "2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKCh" +
  "MoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAA" +
  "AAAAAAAAAAAAAAAAAAH/xAAdEAABAgcAAAAAAAAAAAAAAAAAERcmM1Nmg5Pw/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EAB4RAAEDBAMAAAAAAA" +
  "AAAAAAAAEAESECAxJhgbHw/9oADAMBAAIRAxEAPwCQW2F4Z6+uXygAeW7eDyS5eehpFK68mgBh7lf/2Q==";


const bytes = (b64: string) => Buffer.from(b64, "base64");
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
/** The latitude 21°01'45" as Exif rationals: recognisable bytes that must not survive an upload. */
const GPS_LATITUDE = Buffer.from([...u32le(21), ...u32le(1), ...u32le(1), ...u32le(1), ...u32le(4500), ...u32le(100)]);

/** A phone-like JPEG: the tiny image with an APP1 Exif segment holding an orientation and a GPS position. */
function jpegWithGps(): Buffer {
  const tiff = [
    ...ascii("II"), 0x2a, 0x00, ...u32le(8),
    ...u16le(2),
    ...u16le(0x0112), ...u16le(3), ...u32le(1), ...u16le(6), 0, 0,
    ...u16le(0x8825), ...u16le(4), ...u32le(1), ...u32le(38),
    ...u32le(0),
    ...u16le(2),
    ...u16le(0x0001), ...u16le(2), ...u32le(2), ...ascii("N"), 0, 0, 0,
    ...u16le(0x0002), ...u16le(5), ...u32le(3), ...u32le(68),
    ...u32le(0),
    ...GPS_LATITUDE,
  ];
  const payload = [...ascii("Exif"), 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const jpeg = bytes(TINY_JPEG_B64);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from(app1), jpeg.subarray(2)]);
}

// The clock starts on Tuesday 10/03/2026 08:00 in Vietnam.
const BASE = "/o/tu-ky/inspections";
const QUAY_1 = "Quầy 1 – Tư pháp – Hộ tịch";
const QUAY_2 = "Quầy 2 – Đất đai – Xây dựng";

let srv: TestServer;
let inspector: Client;

beforeEach(async () => ({ srv, client: inspector } = await startSignedIn("tuky.kiemtra")));
afterEach(() => srv.close());

const as = (username: string) => signIn(srv, username);

const id = (username: string) => memberOf(srv.db, username).then((m) => m.membershipId);
const template = () => srv.db.selectFrom("inspection_templates").select(["id", "current_version_id"]).where("active", "=", 1).orderBy("created_at").executeTakeFirstOrThrow();
const itemOf = async (versionId: string, code: string) =>
  (await srv.db.selectFrom("inspection_template_items").select("id").where("version_id", "=", versionId).where("code", "=", code).executeTakeFirstOrThrow()).id;
const inspection = (inspectionId: string) => srv.db.selectFrom("inspections").selectAll().where("id", "=", inspectionId).executeTakeFirstOrThrow();
const version = async (inspectionId: string) => String((await inspection(inspectionId)).version);

/** A draft at Quầy 1 for Hoàng Thị Lan (tuky.canbo01), created over HTTP. */
async function createDraft(members: string[] = ["tuky.canbo01"]) {
  const res = await inspector.post(`${BASE}/new`, {
    intent: "create",
    counter: QUAY_1,
    place: "",
    memberIds: await Promise.all(members.map(id)),
    templateId: (await template()).id,
  });
  expect(res.status).toBe(200);
  return new URL(res.url).pathname.split("/").pop()!;
}

/** Records C03 as failed for one member (Lan by default) on a draft and submits it. */
async function failC03AndSubmit(inspectionId: string, username = "tuky.canbo01") {
  const insp = await inspection(inspectionId);
  const lan = await id(username);
  const c03 = await itemOf(insp.template_version_id, "C03");
  const res = await inspector.post(`${BASE}/${inspectionId}`, {
    intent: "submit",
    version: await version(inspectionId),
    [`outcome.${lan}.${c03}`]: "fail",
    [`note.${lan}.${c03}`]: "Không đeo thẻ công chức khi tiếp công dân.",
  });
  expect(res.status).toBe(200);
  return srv.db.selectFrom("inspection_results").selectAll().where("inspection_id", "=", inspectionId).where("item_id", "=", c03).executeTakeFirstOrThrow();
}

function upload(client: Client, path: string, fields: Record<string, string>, files: { name: string; file: File }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.name, f.file);
  return client.fetch(path, { method: "POST", body: form });
}

const storedFiles = (orgId: string) => (existsSync(join(srv.filesDir, orgId)) ? readdirSync(join(srv.filesDir, orgId)) : []);

describe("an inspection: draft, submitted, then only amended", () => {
  it("is created as a draft with every item passing, recorded, submitted and then only amended", async () => {
    const draftId = await createDraft();
    const draft = await inspection(draftId);
    expect(draft.status).toBe("draft");
    expect(draft.inspected_at).toBe("2026-03-10T01:00:00.000Z"); // the server's clock
    expect(draft.inspected_date).toBe("2026-03-10");
    const page = await (await inspector.fetch(`${BASE}/${draftId}`)).text();
    expect(page).toContain("Biên bản kiểm tra ngày 10/03/2026");
    expect(page).toContain("Bản nháp");
    expect(page).toContain("Hoàng Thị Lan");
    // The member does not see a draft about them.
    const lan = await as("tuky.canbo01");
    expect((await lan.fetch(`${BASE}/${draftId}`)).status).toBe(404);

    const result = await failC03AndSubmit(draftId);
    expect(result.outcome).toBe("fail");
    const row = await srv.db.selectFrom("inspection_members").selectAll().where("inspection_id", "=", draftId).executeTakeFirstOrThrow();
    expect(row.fail_count).toBe(1);
    expect(row.score).toBeCloseTo((16 / 17) * 100, 5); // version 2 of the seeded checklist: 16 items, C06 weighs 2
    const submitted = await inspection(draftId);
    expect(submitted.status).toBe("submitted");
    expect(submitted.submitted_at).toBe("2026-03-10T01:00:00.000Z");

    // Not editable any more, not even by its inspector.
    const edit = await inspector.post(`${BASE}/${draftId}`, { intent: "saveResults", version: await version(draftId) });
    expect(edit.status).toBe(403);
    expect((await inspector.post(`${BASE}/${draftId}`, { intent: "deleteDraft", confirm: "on", version: await version(draftId) })).status).toBe(403);
    // Amended with an addendum: text, who, when.
    srv.clock.advance(3_600_000);
    expect((await inspector.post(`${BASE}/${draftId}`, { intent: "addendum", text: "Bổ sung: đồng chí Lan đã đeo thẻ ngay sau khi được nhắc." })).status).toBe(200);
    const addendum = await srv.db.selectFrom("inspection_addenda").selectAll().where("inspection_id", "=", draftId).executeTakeFirstOrThrow();
    expect(addendum.created_at).toBe("2026-03-10T02:00:00.000Z");
    expect(addendum.created_by).toBe(await id("tuky.kiemtra"));
    const after = await (await inspector.fetch(`${BASE}/${draftId}`)).text();
    expect(after).toContain("Bổ sung: đồng chí Lan đã đeo thẻ");
    expect(after).toContain("Lê Văn Thắng · 10/03/2026 09:00");
    // The member now sees their finding.
    const mine = await (await lan.fetch(`${BASE}/${draftId}`)).text();
    expect(mine).toContain("Kết quả của bạn");
    expect(mine).toContain("Không đeo thẻ công chức khi tiếp công dân.");
    // Audited.
    const audits = await srv.db.selectFrom("audit_log").select("action").where("entity_id", "=", draftId).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["inspection.created", "inspection.submitted", "inspection.amended"]));
  });

  it("refuses a stale results form instead of overwriting", async () => {
    const draftId = await createDraft();
    const v = await version(draftId);
    expect((await inspector.post(`${BASE}/${draftId}`, { intent: "saveResults", version: v, generalNote: "Lần 1" })).status).toBe(200);
    const stale = await inspector.post(`${BASE}/${draftId}`, { intent: "saveResults", version: v, generalNote: "Lần 2" });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("Biên bản vừa được cập nhật ở nơi khác");
    expect((await inspection(draftId)).note).toBe("Lần 1");
    // The whole grid sent with an emptied note clears it.
    const lan = await id("tuky.canbo01");
    const c01 = await itemOf((await inspection(draftId)).template_version_id, "C01");
    expect((await inspector.post(`${BASE}/${draftId}`, { intent: "saveResults", version: await version(draftId), [`outcome.${lan}.${c01}`]: "na", generalNote: "" })).status).toBe(200);
    expect((await inspection(draftId)).note).toBe("");
    const na = await srv.db.selectFrom("inspection_members").selectAll().where("inspection_id", "=", draftId).executeTakeFirstOrThrow();
    expect(na).toMatchObject({ na_count: 1, fail_count: 0, score: 100 });
  });

  it("checks the form: members of this centre, a place or a counter, not oneself, not in the future", async () => {
    const tpl = (await template()).id;
    const post = (form: Record<string, string | string[]>) => inspector.post(`${BASE}/new`, { intent: "create", templateId: tpl, ...form });
    const lan = await id("tuky.canbo01");
    const noPlace = await post({ memberIds: lan });
    expect(noPlace.status).toBe(400);
    expect(await noPlace.text()).toContain("Nhập địa điểm hoặc chọn quầy.");
    const self = await post({ memberIds: await id("tuky.kiemtra"), counter: QUAY_1 });
    expect(await self.text()).toContain("Người kiểm tra không tự kiểm tra chính mình.");
    const outsider = await post({ memberIds: await id("anphu.canbo01"), counter: QUAY_1 });
    expect(outsider.status).toBe(400);
    const future = await post({ memberIds: lan, place: "Sảnh chờ", inspectedAt: "2026-03-10T10:00" });
    expect(await future.text()).toContain("Thời điểm kiểm tra không được ở tương lai.");
    const earlier = await post({ memberIds: lan, place: "Sảnh chờ", inspectedAt: "2026-03-09T14:30" });
    expect(earlier.status).toBe(200);
    const row = await inspection(new URL(earlier.url).pathname.split("/").pop()!);
    expect(row.inspected_at).toBe("2026-03-09T07:30:00.000Z");
    expect(row.place).toBe("Sảnh chờ");
  });
});

describe("who sees and does what", () => {
  it("shows staff only the findings about themselves; anything else is 404, conducting is 403", async () => {
    const draftId = await createDraft(["tuky.canbo01", "tuky.canbo02"]);
    await failC03AndSubmit(draftId);
    const minh = await as("tuky.canbo02");
    const page = await (await minh.fetch(`${BASE}/${draftId}`)).text();
    expect(page).toContain("Vũ Đức Minh");
    expect(page).not.toContain("Hoàng Thị Lan");
    expect(page).not.toContain("Không đeo thẻ công chức khi tiếp công dân.");
    // Someone not inspected there: 404.
    const huong = await as("tuky.canbo03");
    expect((await huong.fetch(`${BASE}/${draftId}`)).status).toBe(404);
    // The list shows only inspections about oneself, with one's own score.
    const list = await (await huong.fetch(BASE)).text();
    expect(list).toContain("Kết quả kiểm tra về tôi");
    expect(list).not.toContain("Quầy 1 – Tư pháp");
    expect(list).toContain("Quầy 2 – Đất đai");
    expect(list).not.toContain("Vũ Đức Minh");
    // Conducting and checklists are for inspectors and leaders.
    expect((await minh.fetch(`${BASE}/new`)).status).toBe(403);
    expect((await minh.post(`${BASE}/new`, { intent: "create", counter: QUAY_1, memberIds: await id("tuky.canbo03"), templateId: (await template()).id })).status).toBe(403);
    expect((await minh.fetch(`${BASE}/templates`)).status).toBe(403);
    const lanResult = await srv.db.selectFrom("inspection_results").select("id").where("inspection_id", "=", draftId).where("outcome", "=", "fail").executeTakeFirstOrThrow();
    expect((await minh.post(`${BASE}/${draftId}`, { intent: "raiseAction", resultId: lanResult.id, requirement: "Tự giao việc", dueDate: "2026-03-20" })).status).toBe(403);
    expect((await minh.post(`${BASE}/${draftId}`, { intent: "addendum", text: "Tôi sửa biên bản" })).status).toBe(403);
    // The director sees everything, drafts included.
    const director = await as("tuky.giamdoc");
    const draft2 = await createDraft();
    expect((await director.fetch(`${BASE}/${draft2}`)).status).toBe(200);
    expect(await (await director.fetch(BASE)).text()).toContain("Tiêu chí không đạt nhiều nhất theo tháng");
    // Another centre: 404 for the page and the list's data.
    const anphu = await as("anphu.giamdoc");
    expect((await anphu.fetch(`${BASE}/${draftId}`)).status).toBe(404);
    expect((await anphu.fetch(`/o/an-phu/inspections/${draftId}`)).status).toBe(404);
  });
});

describe("photo evidence", () => {
  it("keeps real images without their location, refuses a renamed text file and an oversized file, and serves photos only to those allowed", async () => {
    const draftId = await createDraft(["tuky.canbo01", "tuky.canbo02"]);
    const orgId = (await inspection(draftId)).org_id;
    const lan = await id("tuky.canbo01");
    const minhId = await id("tuky.canbo02");
    const photoPath = `${BASE}/${draftId}?intent=addPhoto`;

    // A tiny real PNG.
    const png = await upload(inspector, photoPath, { intent: "addPhoto", membershipId: lan }, [{ name: "photos", file: new File([new Uint8Array(bytes(TINY_PNG_B64))], "quay-1.png", { type: "image/png" }) }]);
    expect(png.status).toBe(200);
    // A phone JPEG with GPS in its Exif.
    const jpeg = await upload(inspector, photoPath, { intent: "addPhoto", membershipId: minhId }, [{ name: "photos", file: new File([new Uint8Array(jpegWithGps())], "IMG_0001.JPG", { type: "image/jpeg" }) }]);
    expect(jpeg.status).toBe(200);
    expect(storedFiles(orgId)).toHaveLength(2);

    // A text file renamed .jpg (and claiming to be a JPEG): refused in Vietnamese, nothing stored.
    const fake = await upload(inspector, photoPath, { intent: "addPhoto", membershipId: lan }, [
      { name: "photos", file: new File(["Đây là biên bản, không phải ảnh"], "anh-quay-1.jpg", { type: "image/jpeg" }) },
    ]);
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("Tệp “anh-quay-1.jpg” không phải là ảnh.");
    // Over 5 MB: refused, nothing stored.
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    bytes(TINY_PNG_B64).copy(big);
    const huge = await upload(inspector, photoPath, { intent: "addPhoto", membershipId: lan }, [{ name: "photos", file: new File([new Uint8Array(big)], "lon.png", { type: "image/png" }) }]);
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain("Mỗi ảnh không được quá 5 MB.");
    // More than ten photos at once: refused, nothing stored.
    const many = Array.from({ length: 11 }, (_, i) => ({ name: "photos", file: new File([new Uint8Array(bytes(TINY_PNG_B64))], `anh-${i}.png`, { type: "image/png" }) }));
    const tooMany = await upload(inspector, photoPath, { intent: "addPhoto" }, many);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("Tối đa 10 ảnh mỗi lần tải");
    expect(storedFiles(orgId)).toHaveLength(2);
    const rows = await srv.db.selectFrom("inspection_photos").selectAll().where("inspection_id", "=", draftId).orderBy("created_at").execute();
    expect(rows).toHaveLength(2);
    // Stored under the centre's folder by our own id, not under the public folder.
    for (const r of rows) expect(r.storage_key).toBe(`${orgId}/${r.id}`);

    // Downloaded: the GPS position is gone, the orientation is kept, the type comes from the content.
    const jpegRow = rows.find((r) => r.membership_id === minhId)!;
    expect(jpegRow.content_type).toBe("image/jpeg");
    const dl = await inspector.fetch(`${BASE}/photos/${jpegRow.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("image/jpeg");
    const body = Buffer.from(await dl.arrayBuffer());
    expect(body.indexOf(GPS_LATITUDE)).toBe(-1);
    expect(jpegWithGps().indexOf(GPS_LATITUDE)).toBeGreaterThan(0);
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(body.includes(Buffer.from("Exif\0\0MM"))).toBe(true); // the rebuilt orientation-only Exif

    // Before submission the members see nothing; after, each sees only the photos about them.
    await inspector.post(`${BASE}/${draftId}`, { intent: "submit", version: await version(draftId) });
    const minh = await as("tuky.canbo02");
    const lanClient = await as("tuky.canbo01");
    const pngRow = rows.find((r) => r.membership_id === lan)!;
    expect((await minh.fetch(`${BASE}/photos/${jpegRow.id}`)).status).toBe(200);
    expect((await minh.fetch(`${BASE}/photos/${pngRow.id}`)).status).toBe(404);
    expect((await lanClient.fetch(`${BASE}/photos/${pngRow.id}`)).status).toBe(200);
    expect((await (await as("tuky.canbo03")).fetch(`${BASE}/photos/${pngRow.id}`)).status).toBe(404);
    expect((await (await as("anphu.giamdoc")).fetch(`${BASE}/photos/${pngRow.id}`)).status).toBe(404);
    // Photos can no longer be added.
    const late = await upload(inspector, photoPath, { intent: "addPhoto" }, [{ name: "photos", file: new File([new Uint8Array(bytes(TINY_PNG_B64))], "muon.png") }]);
    expect(late.status).toBe(403);
  });

  it("serves the demo photos of the seeded inspections", async () => {
    const photo = await srv.db.selectFrom("inspection_photos").selectAll().where("storage_key", "like", "demo/%").executeTakeFirstOrThrow();
    const res = await inspector.fetch(`${BASE}/photos/${photo.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
  });
});

describe("corrective actions (chấn chỉnh)", () => {
  it("goes from a failed item to the member's explanation and the inspector's conclusion, highlighting it when overdue", async () => {
    // Trịnh Thị Hà (Quầy 6) has no corrective action in the demo data.
    const draftId = await createDraft(["tuky.canbo09"]);
    const failed = await failC03AndSubmit(draftId, "tuky.canbo09");
    const lan = await as("tuky.canbo09");

    // Only failed items, only due dates from today.
    const passed = await srv.db.selectFrom("inspection_results").select("id").where("inspection_id", "=", draftId).where("outcome", "=", "pass").executeTakeFirstOrThrow();
    const onPass = await inspector.post(`${BASE}/${draftId}`, { intent: "raiseAction", resultId: passed.id, requirement: "Không có lý do", dueDate: "2026-03-12" });
    expect(await onPass.text()).toContain("Chỉ yêu cầu chấn chỉnh đối với tiêu chí không đạt.");
    const past = await inspector.post(`${BASE}/${draftId}`, { intent: "raiseAction", resultId: failed.id, requirement: "Đeo thẻ công chức", dueDate: "2026-03-09" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("Hạn khắc phục không được trước hôm nay.");

    const raised = await inspector.post(`${BASE}/${draftId}`, { intent: "raiseAction", resultId: failed.id, requirement: "Đeo thẻ công chức trên ngực áo trong giờ làm việc.", dueDate: "2026-03-12" });
    expect(raised.status).toBe(200);
    const again = await inspector.post(`${BASE}/${draftId}`, { intent: "raiseAction", resultId: failed.id, requirement: "Lần hai", dueDate: "2026-03-13" });
    expect(await again.text()).toContain("đang có một yêu cầu chấn chỉnh chưa kết luận");
    const action = await srv.db.selectFrom("inspection_actions").selectAll().where("inspection_id", "=", draftId).executeTakeFirstOrThrow();
    expect(action).toMatchObject({ status: "open", due_date: "2026-03-12", membership_id: await id("tuky.canbo09") });

    // The member sees it on the list.
    let list = await (await lan.fetch(BASE)).text();
    expect(list).toContain("Yêu cầu chấn chỉnh của tôi");
    expect(list).toContain("Đeo thẻ công chức trên ngực áo trong giờ làm việc.");
    expect(shown(list)).not.toContain("Quá hạn");

    // Two days after the due date it is overdue, for the member and for the inspector.
    srv.clock.current = new Date("2026-03-14T02:00:00Z");
    await lan.login("tuky.canbo09");
    await inspector.login("tuky.kiemtra");
    list = await (await lan.fetch(BASE)).text();
    expect(list).toContain("Quá hạn");
    expect(await (await inspector.fetch(BASE)).text()).toContain("Quá hạn");
    expect((await centreInspectionSummary(srv.db, action.org_id, "2026-03-10", "2026-03-31", srv.clock.now())).actions).toMatchObject({ raised: 1 });
    // Open and overdue are a state: the member's count is the same for March and for April, when
    // the action raised in March is still open.
    for (const [from, to] of [["2026-03-01", "2026-03-31"], ["2026-04-01", "2026-04-30"]] as const) {
      expect((await memberInspectionSummary(srv.db, action.org_id, action.membership_id, from, to, srv.clock.now())).actions).toMatchObject({ open: 1, overdue: 1 });
    }

    // The member explains; the member cannot conclude; another member cannot explain.
    const staleVersion = String(action.version);
    expect((await lan.post(`${BASE}/${draftId}`, { intent: "explain", actionId: action.id, explanation: "x", version: staleVersion })).status).toBe(400);
    expect((await lan.post(`${BASE}/${draftId}`, { intent: "explain", actionId: action.id, explanation: "Hôm đó tôi để quên thẻ; nay đã đeo thẻ thường xuyên.", version: staleVersion })).status).toBe(200);
    expect((await lan.post(`${BASE}/${draftId}`, { intent: "resolve", actionId: action.id, version: String(action.version + 1) })).status).toBe(403);
    expect((await (await as("tuky.canbo02")).post(`${BASE}/${draftId}`, { intent: "explain", actionId: action.id, explanation: "Không phải tôi", version: "2" })).status).toBe(404);
    const explained = await srv.db.selectFrom("inspection_actions").selectAll().where("id", "=", action.id).executeTakeFirstOrThrow();
    expect(explained).toMatchObject({ status: "explained", explained_at: "2026-03-14T02:00:00.000Z" });
    list = await (await lan.fetch(BASE)).text();
    expect(list).toContain("Đã giải trình, chờ kết luận");
    expect(shown(list)).not.toContain("Quá hạn");

    // The inspector concludes; after that nobody changes it.
    expect((await inspector.post(`${BASE}/${draftId}`, { intent: "resolve", actionId: action.id, note: "Đã kiểm tra lại.", version: String(explained.version) })).status).toBe(200);
    const closed = await srv.db.selectFrom("inspection_actions").selectAll().where("id", "=", action.id).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ status: "resolved", verified_by: await id("tuky.kiemtra"), verification_note: "Đã kiểm tra lại." });
    const late = await lan.post(`${BASE}/${draftId}`, { intent: "explain", actionId: action.id, explanation: "Bổ sung thêm", version: String(closed.version) });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("đã được kết luận");
    const page = await (await lan.fetch(`${BASE}/${draftId}`)).text();
    expect(page).toContain("Đã khắc phục");
    expect(page).toContain("Lê Văn Thắng kết luận lúc 14/03/2026 09:00");
  });
});

describe("quick mode on a phone", () => {
  it("preselects the counter's members, passes everything but what was tapped, and submits with a photo", async () => {
    const page = await (await inspector.fetch(`${BASE}/new?quick=1&counter=${encodeURIComponent(QUAY_2)}`)).text();
    const minh = await id("tuky.canbo02");
    const huong = await id("tuky.canbo03");
    expect(page).toContain("Vũ Đức Minh");
    expect(page).toContain("Đỗ Thị Hương");
    const box = page.match(new RegExp(`<input[^>]*value="${minh}"[^>]*>`))?.[0] ?? "";
    expect(box).toContain('name="memberIds"');
    expect(box).toContain("checked");
    expect(page).toContain('capture="environment"');
    // The inspector's own counter does not include the inspector.
    const own = await (await inspector.fetch(`${BASE}/new?quick=1&counter=${encodeURIComponent(QUAY_1)}`)).text();
    expect(own).toContain("Hoàng Thị Lan");
    expect(own).not.toContain(`value="${await id("tuky.kiemtra")}"`);

    const res = await upload(
      inspector,
      `${BASE}/new?quick=1&intent=quick`,
      { intent: "quickSubmit", counter: QUAY_2, templateId: (await template()).id, memberIds: minh, [`fail.${minh}.C03`]: "on", [`memberNote.${minh}`]: "Nhắc nhở tại chỗ." },
      [
        { name: `photos.${minh}`, file: new File([new Uint8Array(jpegWithGps())], "camera.jpg", { type: "image/jpeg" }) },
        { name: `photos.${huong}`, file: new File([new Uint8Array(bytes(TINY_PNG_B64))], "bo-qua.png", { type: "image/png" }) },
      ],
    );
    expect(res.status).toBe(200);
    const inspectionId = new URL(res.url).pathname.split("/").pop()!;
    const row = await inspection(inspectionId);
    expect(row).toMatchObject({ status: "submitted", mode: "quick", counter: QUAY_2, inspected_at: "2026-03-10T01:00:00.000Z" });
    const members = await srv.db.selectFrom("inspection_members").selectAll().where("inspection_id", "=", inspectionId).execute();
    // Hương was unticked: not inspected, and the photo taken in her section is dropped with her.
    expect(members.map((m) => m.membership_id)).toEqual([minh]);
    expect(members[0]).toMatchObject({ fail_count: 1, pass_count: 15, note: "Nhắc nhở tại chỗ." });
    const fails = await srv.db
      .selectFrom("inspection_results as r")
      .innerJoin("inspection_template_items as i", "i.id", "r.item_id")
      .select("i.code")
      .where("r.inspection_id", "=", inspectionId)
      .where("r.outcome", "=", "fail")
      .execute();
    expect(fails.map((f) => f.code)).toEqual(["C03"]);
    const photos = await srv.db.selectFrom("inspection_photos").selectAll().where("inspection_id", "=", inspectionId).execute();
    expect(photos).toHaveLength(1);
    expect(photos[0]!.membership_id).toBe(minh);
    // Minh sees his result at once.
    const minhClient = await as("tuky.canbo02");
    expect(await (await minhClient.fetch(`${BASE}/${inspectionId}`)).text()).toContain("1 tiêu chí đạt".replace("1", "15"));
  });

  it("keeps what was seen and the photo with the failed item; a photo of an item that did not fail is dropped", async () => {
    const minh = await id("tuky.canbo02");
    const png = (name: string) => new File([new Uint8Array(bytes(TINY_PNG_B64))], name, { type: "image/png" });
    const res = await upload(
      inspector,
      `${BASE}/new?quick=1&intent=quick`,
      {
        intent: "quickSubmit",
        counter: QUAY_2,
        templateId: (await template()).id,
        memberIds: minh,
        [`fail.${minh}.C11`]: "on",
        [`failNote.${minh}.C11`]: "Dùng điện thoại việc riêng khi có công dân chờ.",
        // A note left on an item then not tapped as failing is not a finding.
        [`failNote.${minh}.C12`]: "Bỏ qua",
      },
      [
        { name: `photos.${minh}.C11`, file: png("c11.png") },
        { name: `photos.${minh}.C12`, file: png("c12.png") },
        { name: `photos.${minh}`, file: png("quay.png") },
      ],
    );
    expect(res.status).toBe(200);
    const inspectionId = new URL(res.url).pathname.split("/").pop()!;
    const results = await srv.db
      .selectFrom("inspection_results as r")
      .innerJoin("inspection_template_items as i", "i.id", "r.item_id")
      .select(["i.code", "r.outcome", "r.note", "r.item_id"])
      .where("r.inspection_id", "=", inspectionId)
      .where("i.code", "in", ["C11", "C12"])
      .orderBy("i.code")
      .execute();
    expect(results.map((r) => [r.code, r.outcome, r.note])).toEqual([
      ["C11", "fail", "Dùng điện thoại việc riêng khi có công dân chờ."],
      ["C12", "pass", ""],
    ]);
    const photos = await srv.db.selectFrom("inspection_photos").select(["membership_id", "item_id", "file_name"]).where("inspection_id", "=", inspectionId).orderBy("file_name").execute();
    expect(photos).toEqual([
      { membership_id: minh, item_id: results[0]!.item_id, file_name: "c11.png" },
      { membership_id: minh, item_id: null, file_name: "quay.png" },
    ]);

    // The record (biên bản) states the finding with its evidence, as a page and as a Word document.
    const print = await (await inspector.fetch(`${BASE}/${inspectionId}/print`)).text();
    expect(print).toContain("BIÊN BẢN");
    expect(print).toContain("Dùng điện thoại việc riêng khi có công dân chờ (01 ảnh minh chứng).");
    expect(print).toContain("Ảnh chụp khác: 01 ảnh.");
    const docx = await inspector.fetch(`${BASE}/${inspectionId}/download.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toMatch(/filename="bien-ban-kiem-tra-2026-03-10-0800\.docx"/);
    // Minh was inspected: he sees his result, not the record of the inspection (403); staff cannot open it at all.
    const minhClient = await as("tuky.canbo02");
    expect((await minhClient.fetch(`${BASE}/${inspectionId}/print`)).status).toBe(403);
    expect((await minhClient.fetch(`${BASE}/${inspectionId}/download.docx`)).status).toBe(403);
  });

  it("uses a copy of the standard checklist in a centre that has none yet", async () => {
    const director = await as("anphu.giamdoc");
    const counter = "Quầy 1 – Tiếp nhận và trả kết quả";
    const page = await (await director.fetch(`/o/an-phu/inspections/new?quick=1&counter=${encodeURIComponent(counter)}`)).text();
    expect(page).toContain("Lê Quang Huy");
    expect(page).toContain("Thực hiện “4 xin, 4 luôn”");
    const huy = (await memberOf(srv.db, "anphu.canbo01")).membershipId;
    const res = await director.post("/o/an-phu/inspections/new?quick=1", { intent: "quickSubmit", counter, templateId: "builtin", memberIds: huy, [`fail.${huy}.C11`]: "on" });
    expect(res.status).toBe(200);
    const row = await inspection(new URL(res.url).pathname.split("/").pop()!);
    const tpl = await srv.db.selectFrom("inspection_templates").selectAll().where("id", "=", row.template_id).executeTakeFirstOrThrow();
    expect(tpl).toMatchObject({ org_id: row.org_id, source: "builtin" });
    expect(await srv.db.selectFrom("inspection_template_items").select("id").where("version_id", "=", row.template_version_id).execute()).toHaveLength(15);
    // From then on the centre's own copy is offered, not another copy.
    expect(await (await director.fetch("/o/an-phu/inspections/new")).text()).toContain(`value="${tpl.id}"`);
  });

  it("refuses a renamed text file in quick mode and stores nothing", async () => {
    const minh = await id("tuky.canbo02");
    const before = await srv.db.selectFrom("inspections").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await upload(inspector, `${BASE}/new?quick=1&counter=${encodeURIComponent(QUAY_2)}&intent=quick`, { intent: "quickSubmit", counter: QUAY_2, templateId: (await template()).id, memberIds: minh }, [
      { name: `photos.${minh}`, file: new File(["GPS 21.0285 105.8542"], "anh.jpg", { type: "image/jpeg" }) },
    ]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("không phải là ảnh");
    const after = await srv.db.selectFrom("inspections").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe("checklists and their versions", () => {
  it("keeps old inspections on the items they were made with when a used checklist is edited", async () => {
    const tpl = await template();
    const oldVersion = tpl.current_version_id!;
    const items = await srv.db.selectFrom("inspection_template_items").selectAll().where("version_id", "=", oldVersion).orderBy("sort_order").execute();
    const form: Record<string, string> = { intent: "save", name: "Bộ tiêu chí kiểm tra công vụ của Trung tâm", version: String((await srv.db.selectFrom("inspection_templates").select("version").where("id", "=", tpl.id).executeTakeFirstOrThrow()).version) };
    items.forEach((it, i) => {
      Object.assign(form, { [`items[${i}].id`]: it.id, [`items[${i}].code`]: it.code, [`items[${i}].text`]: it.text, [`items[${i}].basis`]: it.basis, [`items[${i}].weight`]: String(it.weight), [`items[${i}].order`]: String(it.sort_order) });
    });
    form[`items[10].text`] = "Không làm việc riêng, không dùng điện thoại, mạng xã hội việc riêng tại quầy";
    form[`items[${items.length}].code`] = "C17";
    form[`items[${items.length}].text`] = "Ghế chờ, nước uống cho người dân đầy đủ";
    const res = await inspector.post(`${BASE}/templates/${tpl.id}`, form);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("thành phiên bản mới; các biên bản cũ giữ nguyên tiêu chí đã dùng.");
    const now = await template();
    expect(now.current_version_id).not.toBe(oldVersion);
    const newItems = await srv.db.selectFrom("inspection_template_items").select(["code", "text"]).where("version_id", "=", now.current_version_id!).orderBy("sort_order").execute();
    expect(newItems.map((i) => i.code)).toEqual([...items.map((i) => i.code), "C17"]);
    // The old version is untouched and old inspections still use it.
    expect(await srv.db.selectFrom("inspection_template_items").select("id").where("version_id", "=", oldVersion).execute()).toHaveLength(items.length);
    const old = await srv.db.selectFrom("inspections").select("id").where("template_version_id", "=", oldVersion).executeTakeFirstOrThrow();
    expect(await (await inspector.fetch(`${BASE}/${old.id}`)).text()).not.toContain("C17");
    // A new inspection uses the new version.
    const fresh = await inspection(await createDraft());
    expect(fresh.template_version_id).toBe(now.current_version_id);
  });

  it("copies the standard checklist and edits an unused copy in place; bad rows are refused beside the field", async () => {
    const res = await inspector.post(`${BASE}/templates`, { intent: "copyBuiltin" });
    expect(res.status).toBe(200);
    const copyId = new URL(res.url).pathname.split("/").pop()!;
    const copy = await srv.db.selectFrom("inspection_templates").selectAll().where("id", "=", copyId).executeTakeFirstOrThrow();
    const items = await srv.db.selectFrom("inspection_template_items").selectAll().where("version_id", "=", copy.current_version_id!).orderBy("sort_order").execute();
    expect(items.map((i) => i.code)).toEqual(Array.from({ length: 15 }, (_, i) => `C${String(i + 1).padStart(2, "0")}`));
    const page = await (await inspector.fetch(`${BASE}/templates/${copyId}`)).text();
    expect(page).toContain("Thực hiện “4 xin, 4 luôn”");
    const dup = await inspector.post(`${BASE}/templates/${copyId}`, { intent: "save", name: copy.name, version: String(copy.version), "items[0].id": items[0]!.id, "items[0].code": "C01", "items[0].text": items[0]!.text, "items[1].code": "C01", "items[1].text": "Trùng mã" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("Mã tiêu chí bị trùng.");
    const ok = await inspector.post(`${BASE}/templates/${copyId}`, { intent: "save", name: "Bộ rút gọn", version: String(copy.version), "items[0].id": items[0]!.id, "items[0].code": "C01", "items[0].text": items[0]!.text, "items[0].weight": "3" });
    expect(ok.status).toBe(200);
    const after = await srv.db.selectFrom("inspection_template_versions").select("id").where("template_id", "=", copyId).execute();
    expect(after).toHaveLength(1); // unused: edited in place
    const kept = await srv.db.selectFrom("inspection_template_items").selectAll().where("version_id", "=", copy.current_version_id!).execute();
    expect(kept.map((i) => [i.code, i.weight])).toEqual([["C01", 3]]);
  });
  it("copies a centre checklist as often as asked: each copy gets items of its own, and is audited", async () => {
    const source = await template();
    const sourceItems = await srv.db.selectFrom("inspection_template_items").selectAll().where("version_id", "=", source.current_version_id!).orderBy("sort_order").execute();
    const copies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await inspector.post(`${BASE}/templates`, { intent: "copy", templateId: source.id });
      expect(res.status).toBe(200);
      copies.push(new URL(res.url).pathname.split("/").pop()!);
    }
    expect(new Set([source.id, ...copies]).size).toBe(3);
    const seen = new Set(sourceItems.map((i) => i.id));
    for (const copyId of copies) {
      const copy = await srv.db.selectFrom("inspection_templates").selectAll().where("id", "=", copyId).executeTakeFirstOrThrow();
      expect(copy.source).toBe("copy");
      expect(copy.name).toContain("(bản sao)");
      const items = await srv.db.selectFrom("inspection_template_items").selectAll().where("version_id", "=", copy.current_version_id!).orderBy("sort_order").execute();
      expect(items.map((i) => [i.code, i.text, i.basis, i.weight, i.sort_order])).toEqual(sourceItems.map((i) => [i.code, i.text, i.basis, i.weight, i.sort_order]));
      for (const it of items) {
        expect(seen.has(it.id)).toBe(false);
        seen.add(it.id);
      }
      const audit = await srv.db.selectFrom("audit_log").selectAll().where("entity_id", "=", copyId).where("action", "=", "inspectionTemplate.created").execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.details)).toEqual({ source: "copy", copiedFrom: source.id });
      expect(await (await inspector.fetch(`${BASE}/templates/${copyId}`)).text()).toContain(sourceItems[0]!.text);
    }
    // The source is unchanged.
    expect(await srv.db.selectFrom("inspection_template_items").select("id").where("version_id", "=", source.current_version_id!).execute()).toHaveLength(sourceItems.length);
  });
});

describe("results for other capabilities", () => {
  it("summarises the centre and a member over a period from the demo data", async () => {
    const org = await srv.db.selectFrom("organizations").select("id").where("slug", "=", "tu-ky").executeTakeFirstOrThrow();
    const centre = await centreInspectionSummary(srv.db, org.id, "2025-12-01", "2026-03-10", srv.clock.now());
    expect(centre.inspections).toBe(10); // the draft does not count
    expect(centre.membersCovered).toBe(10);
    expect(centre.actions).toEqual({ raised: 5, resolved: 1, unresolved: 1, open: 3, overdue: 1 });
    expect(centre.failuresByItem.slice(0, 3).map((i) => [i.code, i.count])).toEqual([
      ["C03", 2],
      ["C04", 2],
      ["C11", 2],
    ]);
    expect(centre.failuresByMonth.map((m) => m.month)).toEqual(["2025-12", "2026-01", "2026-02", "2026-03"]);
    expect(centre.passRate).toBeGreaterThan(90);

    const lan = await memberOf(srv.db, "tuky.canbo01");
    const mine = await memberInspectionSummary(srv.db, org.id, lan.membershipId, "2025-12-01", "2026-03-10", srv.clock.now());
    expect(mine.inspections).toBe(2);
    expect(mine.findings.map((f) => f.code)).toEqual(["C03"]);
    expect(mine.actions).toMatchObject({ raised: 1, open: 1, overdue: 1 });
    expect(mine.averageScore).toBeCloseTo((100 + (16 / 17) * 100) / 2, 5);
  });
});

describe("findings export", () => {
  it("downloads the failed items of a period as a spreadsheet with real dates", async () => {
    const { startServer } = await import("../helpers/server");
    const srv2 = await startServer();
    try {
      const c = await signIn(srv2, "tuky.kiemtra");
      const res = await c.fetch("/o/tu-ky/inspections/findings.xlsx?from=2025-12-01&to=2026-03-10");
      expect(res.status).toBe(200);
      const { default: ExcelJS } = await import("exceljs");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(4).getCell(1).value).toBe("Ngày kiểm tra");
      expect(ws.getRow(5).getCell(1).value).toBeInstanceOf(Date);
      expect(String(ws.getRow(5).getCell(4).value)).toMatch(/^C\d\d$/);
      expect(ws.rowCount).toBeGreaterThan(5);
      // Each failed item carries its own corrective action, if it has one (column 9), and no other's.
      const actions = await srv2.db
        .selectFrom("inspection_actions as a")
        .innerJoin("inspections as i", "i.id", "a.inspection_id")
        .innerJoin("organizations as o", "o.id", "a.org_id")
        .select("a.requirement")
        .where("o.slug", "=", "tu-ky")
        .where("i.status", "=", "submitted")
        .where("i.inspected_date", ">=", "2025-12-01")
        .where("i.inspected_date", "<=", "2026-03-10")
        .execute();
      expect(actions.length).toBeGreaterThan(0);
      const inSheet: string[] = [];
      for (let n = 5; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(9).value) inSheet.push(String(ws.getRow(n).getCell(9).value));
      expect(inSheet.sort()).toEqual(actions.map((a) => a.requirement).sort());
      const staff = await signIn(srv2, "tuky.canbo01");
      expect((await staff.fetch("/o/tu-ky/inspections/findings.xlsx")).status).toBe(403);
    } finally {
      await srv2.close();
    }
  });
});
