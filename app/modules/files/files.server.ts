import { randomUUID } from "node:crypto";
import type { Executor } from "../../../db/schema";
import { FieldError } from "../../utils/errors";
import { stagedPath } from "../../utils/forms.server";
import { storageKey, type FileStore } from "./store.server";

export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  storageKey: string;
  /** Where the upload waits until it is kept (see readForm). */
  stagedPath?: string;
}

/** Non-empty files of a form field (an empty file input submits a nameless, empty file). */
export function filesOf(formData: FormData, field: string): File[] {
  return formData.getAll(field).filter((v): v is File => typeof v === "object" && v !== null && "size" in v && v.size > 0);
}

/**
 * Runs `record` (the checks and the transaction that records the files) with the uploads described
 * by new ids, and keeps the files only once it succeeded: they go from the temporary folder readForm
 * streamed them to into the file store (FILE_STORAGE: `<FILES_DIR>/<orgId>/<id>` or the database)
 * under `<orgId>/<id>`. A refused request keeps nothing; the temporary files are removed when its
 * response ends. Names are kept for display only.
 */
export async function withUploads<T>(
  store: FileStore,
  orgId: string,
  files: File[],
  limits: { maxBytes: number; maxFiles: number },
  record: (stored: StoredFile[]) => Promise<T>,
  field = "files",
): Promise<T> {
  if (files.length > limits.maxFiles) throw new FieldError(field, "tooManyFiles");
  if (files.some((f) => f.size > limits.maxBytes)) throw new FieldError(field, "fileTooLarge");
  const stored = files.map((f): StoredFile => {
    const id = randomUUID();
    return {
      id,
      fileName: displayFileName(f.name),
      contentType: f.type || "application/octet-stream",
      size: f.size,
      storageKey: storageKey(orgId, id),
      stagedPath: stagedPath(f),
    };
  });
  const result = await record(stored);
  for (const [i, f] of stored.entries()) {
    const source = f.stagedPath ? { stagedPath: f.stagedPath } : new Uint8Array(await files[i]!.arrayBuffer());
    await store.put(orgId, f.storageKey, source, { contentType: f.contentType });
  }
  return result;
}

/**
 * A file name as shown: any name a phone or a PC can produce is kept readable, but without path
 * separators, control characters or quotes, and at most 200 characters.
 */
export function displayFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.normalize("NFC").replace(/[\\/\u0000-\u001f\u007f"<>|]/g, "_").trim();
  return clean.slice(0, 200) || "tep-dinh-kem";
}

export async function recordAttachments(
  db: Executor,
  args: { orgId: string; taskId: string; submissionId?: string; uploadedBy: string; at: Date; files: StoredFile[] },
) {
  if (args.files.length === 0) return;
  await db
    .insertInto("attachments")
    .values(
      args.files.map((f) => ({
        id: f.id,
        org_id: args.orgId,
        task_id: args.taskId,
        submission_id: args.submissionId ?? null,
        file_name: f.fileName,
        content_type: f.contentType,
        size: f.size,
        storage_key: f.storageKey,
        uploaded_by: args.uploadedBy,
        created_at: args.at.toISOString(),
      })),
    )
    .execute();
}

/** An attachment of the centre (the route checks who may see its task), or undefined. */
export function attachmentOf(db: Executor, orgId: string, fileId: string) {
  return db
    .selectFrom("attachments")
    .select(["id", "task_id as taskId", "file_name as fileName", "content_type as contentType", "storage_key as storageKey"])
    .where("org_id", "=", orgId)
    .where("id", "=", fileId)
    .executeTakeFirst();
}

/** A stored file's bytes from the centre's store, or undefined when it is not there. */
export function readStoredFile(store: FileStore, orgId: string, key: string): Promise<Uint8Array | undefined> {
  return store.get(orgId, key);
}

/** The files attached to a task (at most 100), oldest first. */
export function taskAttachments(db: Executor, orgId: string, taskId: string) {
  return db
    .selectFrom("attachments")
    .select(["id", "file_name as fileName", "size", "submission_id as submissionId", "created_at as createdAt"])
    .where("task_id", "=", taskId)
    .where("org_id", "=", orgId)
    .orderBy("created_at")
    .limit(100)
    .execute();
}

/** The content type of each of the centre's attachments, by storage key (for `files migrate`). */
export async function attachmentContentTypes(db: Executor, orgId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("attachments").select(["storage_key", "content_type"]).where("org_id", "=", orgId).execute();
  return new Map(rows.map((r) => [r.storage_key, r.content_type]));
}
