import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Executor } from "../../../db/schema";
import { FieldError } from "../../utils/errors";

export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  storageKey: string;
}

/** Non-empty files of a form field (an empty file input submits a nameless, empty file). */
export function filesOf(formData: FormData, field: string): File[] {
  return formData.getAll(field).filter((v): v is File => typeof v === "object" && v !== null && "size" in v && v.size > 0);
}

/**
 * Writes uploads to `<filesDir>/<orgId>/<id>` before the database transaction that records them
 * (no file I/O inside a transaction). Names are kept for display only; the key is our own id.
 */
export async function storeUploads(
  filesDir: string,
  orgId: string,
  files: File[],
  limits: { maxBytes: number; maxFiles: number },
  field = "files",
): Promise<StoredFile[]> {
  if (files.length > limits.maxFiles) throw new FieldError(field, "tooManyFiles");
  if (files.some((f) => f.size > limits.maxBytes)) throw new FieldError(field, "fileTooLarge");
  const dir = join(filesDir, orgId);
  await mkdir(dir, { recursive: true });
  const stored: StoredFile[] = [];
  for (const f of files) {
    const id = randomUUID();
    await writeFile(join(dir, id), Buffer.from(await f.arrayBuffer()));
    stored.push({
      id,
      fileName: (f.name || "tep-dinh-kem").replace(/[\\/\r\n"]/g, "_").slice(0, 200),
      contentType: f.type || "application/octet-stream",
      size: f.size,
      storageKey: `${orgId}/${id}`,
    });
  }
  return stored;
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

export async function readStoredFile(filesDir: string, storageKey: string): Promise<Buffer> {
  return readFile(join(filesDir, storageKey));
}
