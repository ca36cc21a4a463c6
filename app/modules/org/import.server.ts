import ExcelJS from "exceljs";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB, Executor, Tx } from "../../../db/schema";
import { normalizeSearch } from "../../../db/text";
import { writeTx } from "../../../db/tx";
import { vnDateOf } from "../../utils/dates";
import { parseDateInput } from "../../utils/time";
import { audit } from "../audit/audit.server";
import { issueInvitation, UNUSABLE_PASSWORD } from "../auth/invitations.server";
import { formatRoles, parseRoles, ROLES, type Role } from "../auth/permissions";
import type { Ctx } from "../ctx";
import { sha256Hex, storageKey, type FileStore } from "../files/store.server";
import { reassign, writeMemberPatch } from "./org.server";
import { USERNAME_PATTERN } from "./schema";

// Staff import from a spreadsheet (docs/decisions/0041-invitations-and-staff-import.md): the
// template, reading a file within bounds, checking each row, the plan against what is stored
// (create / update / unchanged / error per row, by username), and the import in one transaction.

/** The template's header row, in this order. */
export const IMPORT_HEADERS = ["Họ và tên", "Tên đăng nhập", "Chức danh/vị trí", "Vai trò", "Điện thoại", "Thư điện tử", "Ngày bắt đầu công tác"] as const;
/** The largest file accepted (bytes on the wire). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** The most member rows in one file. */
export const MAX_IMPORT_ROWS = 2000;
/** The most bytes the file may unpack to (an .xlsx is a zip: a small file must not unpack to gigabytes). */
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;

/** Role names a person may write in the "Vai trò" column (folded: lower case, no diacritics), and the codes. */
const ROLE_WORDS: Record<string, Role> = {
  "quan tri": "admin",
  "quan tri vien": "admin",
  "giam doc": "director",
  "pho giam doc": "deputy",
  "kiem tra vien": "inspector",
  "kiem tra": "inspector",
  "can bo": "staff",
  "cong chuc": "staff",
  "can bo cong chuc": "staff",
  "vien chuc": "staff",
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
};

export interface RowError {
  /** A key of the import section's errors; `value` fills {value}. */
  key: string;
  value?: string;
}

/** One member row as read from the sheet (text as written, trimmed). */
export interface SheetRow {
  /** The row's number in the sheet (the header is row 1). */
  line: number;
  cells: string[];
}

export type FileProblem = { key: "importNotXlsx" | "importEmpty" | "importTooManyRows" | "importHeaders"; value?: string };

/** Sniffs the zip, bounds what it unpacks to, then reads the first sheet's rows as text. */
export async function readStaffSheet(bytes: Uint8Array): Promise<{ ok: true; rows: SheetRow[] } | { ok: false; problem: FileProblem }> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null || unpacked > MAX_UNPACKED_BYTES) return { ok: false, problem: { key: "importNotXlsx" } };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: { key: "importNotXlsx" } };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { ok: false, problem: { key: "importNotXlsx" } };
  const header = IMPORT_HEADERS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
  const missing = IMPORT_HEADERS.filter((h, i) => normalizeSearch(header[i] ?? "") !== normalizeSearch(h));
  if (missing.length > 0) return { ok: false, problem: { key: "importHeaders", value: missing.join(", ") } };
  const rows: SheetRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1 || tooMany) return;
    const cells = IMPORT_HEADERS.map((_, i) => cellText(row.getCell(i + 1).value));
    if (cells.every((c) => c === "")) return;
    if (rows.length >= MAX_IMPORT_ROWS) {
      tooMany = true;
      return;
    }
    rows.push({ line, cells });
  });
  if (tooMany) return { ok: false, problem: { key: "importTooManyRows", value: MAX_IMPORT_ROWS.toLocaleString("vi-VN") } };
  if (rows.length === 0) return { ok: false, problem: { key: "importEmpty" } };
  return { ok: true, rows };
}

/**
 * The sum of the uncompressed sizes in a zip's central directory, or null when `bytes` is not a zip.
 * Read before ExcelJS unpacks anything.
 */
function zipUnpackedSize(bytes: Uint8Array): number | null {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return null; // zip64: no spreadsheet of ours needs it
    total += size;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

/** A cell's value as text: dates as dd/mm/yyyy, rich text joined, formulas by their result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    const d = v.toISOString().slice(0, 10);
    return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  }
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("").trim();
    if ("text" in v && typeof v.text === "string") return v.text.trim();
    if ("result" in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ("hyperlink" in v) return String((v as { hyperlink: string }).hyperlink).replace(/^mailto:/, "").trim();
    return "";
  }
  return String(v).trim();
}

/** What a valid row says about a member. Optional cells left empty keep what is stored (on update). */
export interface RowValues {
  fullName: string;
  username: string;
  positionId: string | null;
  positionName: string;
  roles: Role[] | null;
  phone: string | null;
  email: string | null;
  startDate: string | null;
}

export interface CheckedRow {
  line: number;
  cells: string[];
  values: RowValues;
  errors: RowError[];
}

const emailSchema = z.string().email().max(200);
const PHONE = /^[0-9 +().-]{8,20}$/;
const DMY = /^\d{1,2}\/\d{1,2}\/\d{4}$/;

/** Checks each row alone and against the file (duplicate usernames) and the centre's positions. Pure. */
export function checkRows(rows: SheetRow[], positions: { id: string; name: string }[]): CheckedRow[] {
  const positionByName = new Map(positions.map((p) => [normalizeSearch(p.name), p]));
  const firstLine = new Map<string, number>();
  return rows.map(({ line, cells }) => {
    const [fullName = "", rawUsername = "", position = "", roleText = "", phone = "", email = "", start = ""] = cells;
    const errors: RowError[] = [];
    if (fullName.length < 2) errors.push({ key: "importNameRequired" });
    else if (fullName.length > 120) errors.push({ key: "importNameTooLong" });
    const username = rawUsername.toLowerCase();
    if (!username) errors.push({ key: "importUsernameRequired" });
    else if (!USERNAME_PATTERN.test(username)) errors.push({ key: "importUsernameFormat", value: rawUsername.slice(0, 60) });
    else {
      const first = firstLine.get(username);
      if (first !== undefined) errors.push({ key: "importUsernameDuplicate", value: String(first) });
      else firstLine.set(username, line);
    }
    let pos: { id: string; name: string } | undefined;
    if (position) {
      pos = positionByName.get(normalizeSearch(position));
      if (!pos) errors.push({ key: "importPositionUnknown", value: position.slice(0, 120) });
    }
    let roles: Role[] | null = null;
    if (roleText) {
      const found = new Set<Role>();
      for (const word of roleText.split(/[,;]/).map((w) => w.trim()).filter(Boolean)) {
        const role = ROLE_WORDS[normalizeSearch(word)];
        if (role) found.add(role);
        else errors.push({ key: "importRoleUnknown", value: word.slice(0, 60) });
      }
      roles = ROLES.filter((r) => found.has(r));
    }
    if (phone && !PHONE.test(phone)) errors.push({ key: "importPhoneFormat", value: phone.slice(0, 40) });
    if (email && !emailSchema.safeParse(email).success) errors.push({ key: "importEmailFormat", value: email.slice(0, 100) });
    let startDate: string | null = null;
    if (start) {
      startDate = DMY.test(start) ? parseDateInput(start) : null;
      if (!startDate || startDate < "1950-01-01" || startDate > "2100-12-31") {
        errors.push({ key: "importDateFormat", value: start.slice(0, 40) });
        startDate = null;
      }
    }
    return {
      line,
      cells,
      errors,
      values: {
        fullName,
        username,
        positionId: pos?.id ?? null,
        positionName: pos?.name ?? "",
        roles,
        phone: phone || null,
        email: email || null,
        startDate,
      },
    };
  });
}

export type RowAction = "create" | "update" | "unchanged" | "error";

export interface PlannedRow extends CheckedRow {
  action: RowAction;
  /** The member's id (update, unchanged). */
  memberId?: string;
  /** Fields that change (update): name → [stored, new]. */
  changes: Record<string, [string, string]>;
}

interface Existing {
  userId: string;
  username: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  memberId: string | null;
  positionId: string | null;
  positionName: string | null;
  roles: string | null;
  joinedOn: string | null;
}

/** The stored accounts of these usernames, with their membership of this centre (if any). */
async function existingAccounts(db: Executor, orgId: string, usernames: string[]): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  for (let i = 0; i < usernames.length; i += 500) {
    const chunk = usernames.slice(i, i + 500);
    // tenant-safe: users are global; memberships and positions are pinned to orgId in their join conditions (a left join: an account of another centre must be seen, to refuse its username).
    const rows = await db
      .selectFrom("users as u")
      .leftJoin("memberships as m", (j) => j.onRef("m.user_id", "=", "u.id").on("m.org_id", "=", orgId))
      .leftJoin("positions as p", (j) => j.onRef("p.id", "=", "m.position_id").on("p.org_id", "=", orgId))
      .where("u.username", "in", chunk)
      .select([
        "u.id as userId",
        "u.username",
        "u.full_name as fullName",
        "u.phone",
        "u.email",
        "m.id as memberId",
        "m.position_id as positionId",
        "p.name as positionName",
        "m.roles",
        "m.joined_on as joinedOn",
      ])
      .execute();
    for (const r of rows) out.set(r.username, r);
  }
  return out;
}

/** What importing the rows would do now: per row create, update (with the changes), unchanged or error. */
export async function planImport(db: Executor, ctx: Pick<Ctx, "orgId" | "membershipId">, checked: CheckedRow[]): Promise<PlannedRow[]> {
  const usernames = [...new Set(checked.filter((r) => r.errors.length === 0).map((r) => r.values.username))];
  const existing = await existingAccounts(db, ctx.orgId, usernames);
  return checked.map((row) => {
    if (row.errors.length > 0) return { ...row, action: "error" as const, changes: {} };
    const e = existing.get(row.values.username);
    if (!e) return { ...row, action: "create" as const, changes: {} };
    if (!e.memberId) return { ...row, errors: [{ key: "importUsernameTaken" }], action: "error" as const, changes: {} };
    const v = row.values;
    const changes: Record<string, [string, string]> = {};
    const diff = (name: string, stored: string | null, next: string | null) => {
      if (next !== null && next !== (stored ?? "")) changes[name] = [stored ?? "", next];
    };
    diff("fullName", e.fullName, v.fullName);
    diff("position", e.positionName, v.positionId ? v.positionName : null);
    const storedRoles = formatRoles(parseRoles(e.roles ?? ""));
    if (v.roles && formatRoles(v.roles) !== storedRoles) {
      if (e.memberId === ctx.membershipId) return { ...row, memberId: e.memberId, errors: [{ key: "importOwnRoles" }], action: "error" as const, changes: {} };
      changes.roles = [storedRoles, formatRoles(v.roles)];
    }
    diff("phone", e.phone, v.phone);
    diff("email", e.email, v.email);
    diff("startDate", e.joinedOn, v.startDate);
    return { ...row, memberId: e.memberId, action: Object.keys(changes).length > 0 ? ("update" as const) : ("unchanged" as const), changes };
  });
}

export function summarize(rows: PlannedRow[]): Record<RowAction, number> {
  const out: Record<RowAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) out[r.action]++;
  return out;
}

export interface ImportOutcome {
  counts: Record<RowAction, number>;
  /** The new members and their one-time links (tokens: shown once, never stored). */
  invitations: { fullName: string; username: string; token: string; expiresAt: string }[];
}

/**
 * Imports the rows in one transaction: plans again inside it (what is stored now decides), creates
 * the new members with no usable password and an invitation each, updates the changed ones, skips
 * rows with errors. Idempotent by username: the same file again creates nothing. Audited per member.
 */
export async function importStaff(db: DB, ctx: Ctx, checked: CheckedRow[]): Promise<ImportOutcome> {
  return writeTx(db, async (tx) => {
    const planned = await planImport(tx, ctx, checked);
    const at = ctx.now.toISOString();
    const today = vnDateOf(ctx.now);
    const invitations: ImportOutcome["invitations"] = [];
    for (const row of planned) {
      const v = row.values;
      if (row.action === "create") {
        const userId = randomUUID();
        const memberId = randomUUID();
        await tx
          .insertInto("users")
          .values({
            id: userId,
            username: v.username,
            full_name: v.fullName,
            full_name_search: normalizeSearch(v.fullName),
            phone: v.phone,
            email: v.email,
            password_hash: UNUSABLE_PASSWORD,
            must_change_password: 0,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await tx
          .insertInto("memberships")
          .values({
            id: memberId,
            org_id: ctx.orgId,
            user_id: userId,
            title: "",
            position_id: v.positionId,
            roles: formatRoles(v.roles && v.roles.length > 0 ? v.roles : ["staff"]),
            active: 1,
            joined_on: v.startDate ?? today,
            left_on: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        if (v.positionId) await reassign(tx, ctx, memberId, v.positionId, v.startDate ?? today);
        await audit(tx, {
          orgId: ctx.orgId,
          actorUserId: ctx.actorUserId,
          action: "member.imported",
          entityType: "membership",
          entityId: memberId,
          details: { username: v.username, line: row.line },
          at: ctx.now,
        });
        const invitation = await issueInvitation(tx, { orgId: ctx.orgId, membershipId: memberId, actorUserId: ctx.actorUserId, now: ctx.now, via: "import" });
        invitations.push({ fullName: v.fullName, username: v.username, ...invitation });
      } else if (row.action === "update" && row.memberId) {
        await applyUpdate(tx, ctx, row, today);
      }
    }
    return { counts: summarize(planned), invitations };
  });
}

async function applyUpdate(tx: Tx, ctx: Ctx, row: PlannedRow, today: string): Promise<void> {
  const v = row.values;
  const memberId = row.memberId!;
  const c = row.changes;
  const member = await tx.selectFrom("memberships").select("user_id").where("org_id", "=", ctx.orgId).where("id", "=", memberId).executeTakeFirstOrThrow();
  await writeMemberPatch(tx, ctx, { memberId, userId: member.user_id }, {
    ...(c.fullName ? { fullName: v.fullName } : {}),
    ...(c.phone ? { phone: v.phone } : {}),
    ...(c.email ? { email: v.email } : {}),
    ...(c.position ? { positionId: v.positionId } : {}),
    ...(c.roles && v.roles ? { roles: v.roles } : {}),
    ...(c.startDate && v.startDate ? { joinedOn: v.startDate } : {}),
  });
  if (c.position) await reassign(tx, ctx, memberId, v.positionId, today);
  await audit(tx, {
    orgId: ctx.orgId,
    actorUserId: ctx.actorUserId,
    action: "member.updated",
    entityType: "membership",
    entityId: memberId,
    details: { via: "import", line: row.line, ...Object.fromEntries(Object.entries(c).map(([k, [from, to]]) => [k, { from, to }])) },
    at: ctx.now,
  });
}

/** The template: the header row, one example row, and a second sheet with the centre's positions and the roles. */
export async function importTemplate(positions: { name: string; counter: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Rõ Việc";
  const ws = wb.addWorksheet("Danh sách cán bộ");
  ws.addRow([...IMPORT_HEADERS]);
  ws.getRow(1).font = { bold: true };
  ws.columns = [28, 22, 30, 26, 16, 28, 22].map((width) => ({ width }));
  // Text columns (a phone number or date typed in is kept as written, not turned into a number).
  for (const col of [2, 5, 7]) ws.getColumn(col).numFmt = "@";
  const help = wb.addWorksheet("Hướng dẫn");
  help.columns = [{ width: 36 }, { width: 60 }];
  help.addRow(["Cột", "Cách điền"]).font = { bold: true };
  help.addRow(["Họ và tên", "Bắt buộc."]);
  help.addRow(["Tên đăng nhập", "Bắt buộc; chữ thường không dấu, số, dấu chấm, gạch; 3–40 ký tự. Nhập lại cùng tên đăng nhập sẽ cập nhật, không tạo trùng."]);
  help.addRow(["Chức danh/vị trí", "Tên một vị trí việc làm của Trung tâm (danh sách dưới đây); để trống nếu chưa phân công."]);
  help.addRow(["Vai trò", "Một hoặc nhiều, cách nhau bởi dấu chấm phẩy: Quản trị; Giám đốc; Phó Giám đốc; Kiểm tra viên; Cán bộ. Để trống: Cán bộ."]);
  help.addRow(["Điện thoại", "Không bắt buộc."]);
  help.addRow(["Thư điện tử", "Không bắt buộc."]);
  help.addRow(["Ngày bắt đầu công tác", "Không bắt buộc; dạng dd/mm/yyyy, ví dụ 01/03/2026."]);
  help.addRow([]);
  help.addRow(["Vị trí việc làm của Trung tâm", "Quầy / bộ phận"]).font = { bold: true };
  for (const p of positions) help.addRow([p.name, p.counter]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- the uploaded file between the preview and the import ----
// Kept in the centre's file store (decision 0034) under `<org_id>/import-<id>`: no server memory is
// held between requests, any app server can show the preview and do the import, and another centre
// cannot name it (the store refuses another centre's key). The id starts with the instant it was
// kept (base 36 milliseconds): each new upload removes the centre's uploads older than a day that
// were never imported, so an abandoned preview leaves at most a day's files behind.

const UPLOAD_ID = /^([0-9a-z]{6,12})-[a-z2-7]{26}$/;
/** How long an upload waits for its import. */
export const UPLOAD_KEPT_MS = 24 * 60 * 60_000;

export function isUploadId(id: string | null | undefined): id is string {
  return typeof id === "string" && UPLOAD_ID.test(id);
}

function uploadKey(orgId: string, uploadId: string): string {
  return storageKey(orgId, `import-${uploadId}`);
}

/** Keeps an uploaded file for its preview and drops the centre's stale ones; returns its id and SHA-256. */
export async function keepUpload(files: FileStore, orgId: string, bytes: Uint8Array, now: Date): Promise<{ uploadId: string; sha256: string }> {
  const uploadId = `${now.getTime().toString(36)}-${encodeBase32LowerCaseNoPadding(randomBytes(16))}`;
  await files.put(orgId, uploadKey(orgId, uploadId), bytes, { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const prefix = storageKey(orgId, "import-");
  const stale = (await files.list(orgId)).filter((key) => {
    if (!key.startsWith(prefix)) return false;
    const kept = UPLOAD_ID.exec(key.slice(prefix.length))?.[1];
    // An id of another shape is an older version's upload: stale too.
    return kept === undefined || parseInt(kept, 36) < now.getTime() - UPLOAD_KEPT_MS;
  });
  if (stale.length > 0) await files.delete(orgId, stale);
  return { uploadId, sha256: sha256Hex(bytes) };
}

/** The kept file's bytes, or undefined when it is gone (imported, or another centre's id). */
export async function uploadedFile(files: FileStore, orgId: string, uploadId: string): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
  const bytes = await files.get(orgId, uploadKey(orgId, uploadId));
  return bytes && { bytes, sha256: sha256Hex(bytes) };
}

export async function dropUpload(files: FileStore, orgId: string, uploadId: string): Promise<void> {
  await files.delete(orgId, [uploadKey(orgId, uploadId)]);
}
