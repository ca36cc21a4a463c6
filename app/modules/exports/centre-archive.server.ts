import ExcelJS from "exceljs";
import { once } from "node:events";
import { PassThrough, Readable, Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Kysely } from "kysely";
import yazl from "yazl";
import type { DB } from "../../../db/schema";
import { audit } from "../audit/audit.server";
import { readStoredFile } from "../files/files.server";
import type { FileStore } from "../files/store.server";
import { readPhoto } from "../inspections/photos.server";
import { AREAS, PERSON_COLUMNS, type AreaSpec, type SheetSpec } from "./centre-archive-spec";

/**
 * A centre's whole data as one ZIP (issue 18, "leaving cleanly"; docs/decisions/0045): one XLSX per
 * area, every stored file under files/, and a README.txt. Streamed: at most one entry is open at a
 * time; each sheet is read in keyset pages of PAGE_ROWS and written with ExcelJS's streaming writer;
 * between pages the writer waits until the response has taken what was written (backpressure) and
 * gives the event loop a turn, so the archive's size does not decide the memory used and other
 * requests are not held up. The caller binds the centre (requireMember or withTenant): every query
 * names the centre too, so PostgreSQL's row-level security and the filter agree.
 */

/** Rows read per query (keyset page). */
export const PAGE_ROWS = 500;
/** Rows written between two turns of the event loop (a task row is about 45 cells). */
const ROWS_PER_TURN = 100;
/** Rows in one worksheet before it continues in "<name> (2)" (Excel's limit is 1,048,576). */
const SHEET_ROWS = 1_000_000;
/** The longest text an Excel cell holds. */
const CELL_CHARS = 32_767;
/** How long one export may take before it is stopped (a big centre takes minutes, not hours). */
export const EXPORT_TIME_LIMIT_MS = 60 * 60 * 1000;

export interface CentreRef {
  id: string;
  slug: string;
  name: string;
}

export interface ArchiveSummary {
  bytes: number;
  /** Rows written per sheet, by "file/sheet". */
  rows: Record<string, number>;
  files: number;
  missingFiles: number;
  ms: number;
}

export class ExportAbortedError extends Error {}

// The reader is generic over the tables it dumps (the spec names them): Kysely's types cannot follow
// a table name held in a variable, so the queries here see the schema as untyped rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** Writes the centre's archive to `output` and resolves when it is complete. */
export async function exportCentreArchive(
  db: DB,
  files: FileStore,
  centre: CentreRef,
  output: Writable,
  opts: { now: Date; clock?: () => number; timeLimitMs?: number },
): Promise<ArchiveSummary> {
  const clock = opts.clock ?? (() => Date.now());
  const started = clock();
  const timeLimit = opts.timeLimitMs ?? EXPORT_TIME_LIMIT_MS;
  const abort = new AbortController();
  const summary: ArchiveSummary = { bytes: 0, rows: {}, files: 0, missingFiles: 0, ms: 0 };
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      summary.bytes += chunk.length;
      done(null, chunk);
    },
  });
  const zip = new yazl.ZipFile();
  const piped = pipeline(zip.outputStream, counter, output);
  piped.catch((err: unknown) => abort.abort(err));
  zip.on("error", (err: Error) => abort.abort(err));
  // Also while waiting on a receiver that stopped reading but keeps the connection open.
  const timer = setTimeout(() => abort.abort(new ExportAbortedError(`export took longer than ${timeLimit} ms`)), timeLimit);
  timer.unref();

  const check = () => {
    if (abort.signal.aborted) throw abort.signal.reason instanceof Error ? abort.signal.reason : new ExportAbortedError("export aborted");
    if (clock() - started > timeLimit) throw new ExportAbortedError(`export took longer than ${timeLimit} ms`);
  };
  const ctx: WriteCtx = { db: db as unknown as AnyDb, orgId: centre.id, names: new Map(), check, signal: abort.signal };

  /** Adds one entry and waits until its data has gone into the archive. */
  const addEntry = async (name: string, compress: boolean, make: () => Readable) => {
    check();
    let stream: Readable | undefined;
    const entered = new Promise<void>((resolve, reject) => {
      zip.addReadStreamLazy(name, { compress, mtime: opts.now }, (cb) => {
        stream = make();
        stream.once("end", resolve);
        stream.once("error", reject);
        cb(null, stream);
      });
    });
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abort.signal.reason instanceof Error ? abort.signal.reason : new ExportAbortedError("export aborted"));
      if (abort.signal.aborted) onAbort();
      else abort.signal.addEventListener("abort", onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      await Promise.race([entered, aborted]);
    } catch (err) {
      stream?.destroy();
      throw err;
    } finally {
      abort.signal.removeEventListener("abort", onAbort);
    }
  };

  try {
    ctx.names = await peopleNames(ctx);
    for (const area of AREAS) {
      await addEntry(area.file, false, () => {
        const out = new PassThrough();
        writeArea(ctx, area, out, summary).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
        return out;
      });
    }
    for (const source of FILE_SOURCES) {
      for await (const page of pages(ctx, source.table, ["id"], source.columns)) {
        for (const row of page) {
          const bytes = await source.read(files, centre.id, String(row.storage_key));
          if (!bytes) {
            summary.missingFiles++;
            continue;
          }
          summary.files++;
          const name = archiveFileName(source.folder, row);
          const compressible = !/^image\/(jpeg|png|webp|gif)$/.test(String(row.content_type)) && !/\.(zip|xlsx|docx|pdf|jpe?g|png)$/i.test(name);
          await addEntry(name, compressible, () => Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]));
        }
      }
    }
    summary.ms = clock() - started;
    const readme = readmeText(centre, opts.now, summary);
    await addEntry("README.txt", true, () => Readable.from([Buffer.from(readme, "utf8")]));
    zip.end();
    await piped;
    summary.ms = clock() - started;
    return summary;
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    (zip.outputStream as Readable).destroy(error);
    output.destroy(error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Records an export in the centre's audit log: who, when, how big, whether it finished. */
export async function auditExport(
  db: DB,
  args: { orgId: string; actorUserId: string | null; at: Date; via: "web" | "cli"; summary?: ArchiveSummary; error?: string },
): Promise<void> {
  const s = args.summary;
  await audit(db, {
    orgId: args.orgId,
    actorUserId: args.actorUserId,
    action: "centre.exported",
    entityType: "organization",
    entityId: args.orgId,
    details: s
      ? { via: args.via, completed: true, bytes: s.bytes, files: s.files, missingFiles: s.missingFiles, rows: Object.values(s.rows).reduce((a, b) => a + b, 0), ms: s.ms }
      : { via: args.via, completed: false, error: (args.error ?? "").slice(0, 200) },
    at: args.at,
  });
}

// ---------------------------------------------------------------------------------------------
// Limits: one export per centre, a few at once per server

/** Exports running at once on this server; each holds a little memory and a share of one core. */
export const GLOBAL_EXPORT_LIMIT = 2;
const running = new Set<string>();

/** A slot for one export of this centre, or why there is none; release it when the export ends. */
export function claimExportSlot(orgId: string): { release: () => void } | { busy: "centre" | "server" } {
  if (running.has(orgId)) return { busy: "centre" };
  if (running.size >= GLOBAL_EXPORT_LIMIT) return { busy: "server" };
  running.add(orgId);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      running.delete(orgId);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

interface WriteCtx {
  db: AnyDb;
  orgId: string;
  /** Membership and user ids of the centre → full name (a centre has at most a few thousand). */
  names: Map<string, string>;
  check: () => void;
  signal: AbortSignal;
}

/** The centre's rows of `table`, in pages ordered by `key`, each page after the last key seen. */
async function* pages(ctx: WriteCtx, table: string, key: readonly string[], columns?: readonly string[]): AsyncGenerator<Row[]> {
  let after: unknown[] | undefined;
  for (;;) {
    ctx.check();
    let q = ctx.db
      .selectFrom(table)
      .where("org_id", "=", ctx.orgId)
      .limit(PAGE_ROWS);
    for (const k of key) q = q.orderBy(k);
    q = columns ? q.select([...columns]) : q.selectAll();
    if (after) {
      const last = after;
      q = key.length === 1 ? q.where(key[0]!, ">", last[0]) : q.where((eb) => eb(eb.refTuple(key[0]!, key[1]!), ">", eb.tuple(last[0], last[1])));
    }
    const rows = (await q.execute()) as Row[];
    if (rows.length) yield rows;
    if (rows.length < PAGE_ROWS) return;
    const lastRow = rows[rows.length - 1]!;
    after = key.map((k) => lastRow[k]);
    await new Promise((r) => setImmediate(r));
  }
}

/** The centre's staff with their accounts' names and contacts (users are not a centre's table). */
async function* staffPages(ctx: WriteCtx): AsyncGenerator<Row[]> {
  let after: string | undefined;
  for (;;) {
    ctx.check();
    let q = ctx.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.id", "m.user_id", "u.username", "u.full_name", "u.phone", "u.email", "m.title", "m.position_id", "m.roles", "m.active", "m.joined_on", "m.left_on", "m.service_start_date", "m.created_at", "m.updated_at"])
      .where("m.org_id", "=", ctx.orgId)
      .orderBy("m.id")
      .limit(PAGE_ROWS);
    if (after) q = q.where("m.id", ">", after);
    const rows = (await q.execute()) as Row[];
    if (rows.length) yield rows;
    if (rows.length < PAGE_ROWS) return;
    after = String(rows[rows.length - 1]!.id);
    await new Promise((r) => setImmediate(r));
  }
}

async function peopleNames(ctx: WriteCtx): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for await (const page of staffPages(ctx)) {
    for (const r of page) {
      names.set(String(r.id), String(r.full_name));
      names.set(String(r.user_id), String(r.full_name));
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The stored files, read through their owners (demo photos are drawn, not stored: readPhoto). */
const FILE_SOURCES = [
  { table: "attachments", folder: "files/cong-viec", columns: ["id", "task_id", "file_name", "content_type", "storage_key"], read: readStoredFile },
  { table: "inspection_photos", folder: "files/kiem-tra", columns: ["id", "inspection_id", "file_name", "content_type", "storage_key"], read: readPhoto },
] as const;

/** files/<area>/<parent id>/<file id, 8 characters>-<name as uploaded, made safe>. */
function archiveFileName(folder: string, row: Row): string {
  const parent = String(row.task_id ?? row.inspection_id ?? "khac");
  // eslint-disable-next-line no-control-regex
  const safe = String(row.file_name ?? "tep").normalize("NFC").replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_").replace(/^\.+/, "_").trim().slice(0, 120) || "tep";
  return `${folder}/${parent}/${String(row.id).slice(0, 8)}-${safe}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** A stored value as a cell: dates as dates, instants in Vietnam's time, text made XML-safe. */
function cell(value: unknown): { value: string | number | Date | null; format?: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "number") return { value };
  if (typeof value === "bigint") return { value: Number(value) };
  if (value instanceof Uint8Array) return { value: `(${value.byteLength} byte)` };
  const text = String(value);
  if (DATE.test(text)) return { value: new Date(`${text}T00:00:00Z`), format: "dd/mm/yyyy" };
  if (INSTANT.test(text)) {
    const d = new Date(text);
    if (!Number.isNaN(d.getTime())) return { value: new Date(d.getTime() + VN_OFFSET_MS), format: "dd/mm/yyyy hh:mm:ss" };
  }
  const clean = text.replace(XML_ILLEGAL, "");
  return { value: clean.length > CELL_CHARS ? `${clean.slice(0, CELL_CHARS - 20)}… (đã cắt bớt)` : clean };
}

interface OutColumn {
  header: string;
  width: number;
  get: (row: Row) => unknown;
}

function outColumns(sheet: SheetSpec): OutColumn[] {
  const cols: OutColumn[] = [];
  for (const c of sheet.columns) {
    cols.push({ header: c.header, width: c.width ?? (c.col === "id" || c.col.endsWith("_id") ? 38 : 18), get: (r) => r[c.col] });
    if (PERSON_COLUMNS.has(c.col)) cols.push({ header: `${c.header} — họ tên`, width: 24, get: () => undefined });
  }
  if (sheet.filesFolder) cols.push({ header: "Tệp trong gói (thư mục files/)", width: 60, get: () => undefined });
  return cols;
}

async function writeArea(ctx: WriteCtx, area: AreaSpec, out: PassThrough, summary: ArchiveSummary) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Rõ Việc";
  for (const sheet of area.sheets) {
    const columns = outColumns(sheet);
    let part = 1;
    let inSheet = 0;
    const open = () => {
      const ws = wb.addWorksheet(part === 1 ? sheet.sheet : `${sheet.sheet} (${part})`.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
      ws.columns = columns.map((c) => ({ width: c.width }));
      const header = ws.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.alignment = { vertical: "middle", wrapText: true };
      header.commit();
      return ws;
    };
    let ws = open();
    let count = 0;
    const source = sheet.table === "memberships" ? staffPages(ctx) : pages(ctx, sheet.table, sheet.key ?? ["id"]);
    for await (const page of source) {
      for (const row of page) {
        if (inSheet >= SHEET_ROWS) {
          ws.commit();
          part++;
          inSheet = 0;
          ws = open();
        }
        const values: ReturnType<typeof cell>[] = [];
        for (const c of sheet.columns) {
          values.push(cell(row[c.col]));
          if (PERSON_COLUMNS.has(c.col)) values.push({ value: row[c.col] ? (ctx.names.get(String(row[c.col])) ?? null) : null });
        }
        if (sheet.filesFolder) values.push({ value: archiveFileName(sheet.filesFolder, row) });
        const r = ws.addRow(values.map((v) => v.value));
        values.forEach((v, i) => {
          if (v.format) r.getCell(i + 1).numFmt = v.format;
        });
        r.commit();
        inSheet++;
        count++;
        // Let the archive take what was written, and other requests run, every ROWS_PER_TURN rows.
        if (count % ROWS_PER_TURN === 0) await breathe(out, ctx.signal);
      }
    }
    ws.commit();
    summary.rows[`${area.file}/${sheet.sheet}`] = count;
  }
  await wb.commit();
}

/** Waits until the entry's stream has drained into the archive (backpressure), then yields a turn. */
async function breathe(out: PassThrough, signal: AbortSignal): Promise<void> {
  while (out.writableNeedDrain) await once(out, "drain", { signal });
  await new Promise((r) => setImmediate(r));
}

function readmeText(centre: CentreRef, now: Date, summary: ArchiveSummary): string {
  const at = new Date(now.getTime() + VN_OFFSET_MS).toISOString().replace("T", " ").slice(0, 19);
  const lines: string[] = [
    `DỮ LIỆU CỦA ${centre.name.toUpperCase()}`,
    `Mã đơn vị trong Rõ Việc: ${centre.slug}`,
    `Thời điểm xuất: ${at} (giờ Việt Nam)`,
    "",
    "Gói này chứa toàn bộ dữ liệu của Trung tâm trong Rõ Việc, để lưu trữ hoặc chuyển sang hệ thống khác.",
    "Mỗi tệp .xlsx là một mảng công việc; mỗi trang tính (sheet) là một loại bản ghi, dòng đầu là tên cột.",
    "Ngày ghi theo dd/mm/yyyy; thời điểm ghi theo giờ Việt Nam. Cột có giá trị 1/0 nghĩa là có/không.",
    "Các cột \"Mã …\" là mã định danh của bản ghi, dùng để nối các trang với nhau (ví dụ \"Mã cán bộ\" nối với trang Cán bộ",
    "của tệp nhan-su.xlsx); cột \"… — họ tên\" ghi sẵn họ tên của người đó.",
    "Không xuất: mật khẩu, mã bí mật của các kênh thông báo và của liên kết mời, phiên đăng nhập.",
    "Các bản ghi được đọc lần lượt trong lúc xuất; thay đổi xảy ra đúng lúc đang xuất có thể có hoặc chưa có trong gói.",
    "",
  ];
  for (const area of AREAS) {
    lines.push(`== ${area.file} — ${area.title}`, area.about);
    for (const sheet of area.sheets) {
      const n = summary.rows[`${area.file}/${sheet.sheet}`] ?? 0;
      lines.push(`  * Trang "${sheet.sheet}" (${n} dòng): ${sheet.about}`);
      lines.push(`    Cột: ${sheet.columns.map((c) => c.header).join("; ")}${sheet.filesFolder ? "; Tệp trong gói (đường dẫn trong thư mục files/)" : ""}.`);
    }
    lines.push("");
  }
  lines.push(
    "== files/ — Các tệp đã tải lên",
    "  files/cong-viec/<mã công việc>/<8 ký tự đầu của mã tệp>-<tên tệp>: tệp đính kèm của công việc và của báo cáo kết quả.",
    "  files/kiem-tra/<mã lượt kiểm tra>/<8 ký tự đầu của mã ảnh>-<tên tệp>: ảnh minh chứng của các lượt kiểm tra.",
    `  Số tệp trong gói: ${summary.files}.${summary.missingFiles ? ` Không tìm thấy nội dung của ${summary.missingFiles} tệp trong kho lưu trữ (bản ghi vẫn có trong tệp .xlsx).` : ""}`,
    "",
  );
  return lines.join("\r\n");
}
