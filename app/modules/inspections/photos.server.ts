import { randomUUID } from "node:crypto";
import type { Executor } from "../../../db/schema";
import { FieldError } from "../../utils/errors";
import { displayFileName } from "../files/files.server";
import { storageKey, type FileStore } from "../files/store.server";
import type { FileLimits } from "../../utils/limits";
import { demoPhoto, DEMO_PREFIX } from "./demo-image.server";
import { cleanImage, IMAGE_CONTENT_TYPES, IMAGE_EXTENSIONS, NotAnImageError } from "./images";
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REQUEST } from "./rules";

/** A checked, cleaned photo, ready to be written. */
export interface PreparedPhoto {
  id: string;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** Whom it shows (quick mode: the member whose section it was taken in). */
  membershipId: string | null;
  itemId: string | null;
  /** Quick mode: the code of the failed item it was taken for, resolved to `itemId` on saving. */
  itemCode?: string | null;
}

/**
 * What an inspection form may upload: photos in `photos` or, in quick mode, `photos.<memberId>` (of
 * the member) and `photos.<memberId>.<item code>` (of a failed item) (see readForm).
 */
export const PHOTO_FILES: FileLimits = {
  maxFiles: MAX_PHOTOS_PER_REQUEST,
  maxFileBytes: MAX_PHOTO_BYTES,
  accepts: (name) => name === "photos" || name.startsWith("photos."),
  field: "photos",
  tooLarge: "photoTooLarge",
  tooMany: "tooManyPhotos",
};

/** Non-empty files of the form fields whose names pass `match` (an empty file input sends an empty file). */
export function photoFields(formData: FormData, match: (name: string) => boolean): { name: string; file: File }[] {
  const out: { name: string; file: File }[] = [];
  for (const [name, value] of formData) {
    if (match(name) && typeof value === "object" && value !== null && "size" in value && value.size > 0) out.push({ name, file: value });
  }
  return out;
}

/**
 * Checks every photo by its content (JPEG, PNG or WebP; the name and the browser's type are not
 * trusted) and its size, and removes location and other metadata. All are checked before any is
 * kept: one bad file refuses the whole form and nothing is stored.
 */
export async function preparePhotos(
  files: { file: File; membershipId: string | null; itemId?: string | null; itemCode?: string | null }[],
  field = "photos",
): Promise<PreparedPhoto[]> {
  if (files.length > MAX_PHOTOS_PER_REQUEST) throw new FieldError(field, "tooManyPhotos");
  const prepared: PreparedPhoto[] = [];
  for (const { file, membershipId, itemId, itemCode } of files) {
    const shown = displayName(file.name);
    if (file.size > MAX_PHOTO_BYTES) throw new FieldError(field, "photoTooLarge");
    let cleaned;
    try {
      cleaned = cleanImage(new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      if (err instanceof NotAnImageError) throw new FieldError(field, `notAnImage|${shown}`);
      throw err;
    }
    const id = randomUUID();
    const base = shown.replace(/\.[^.]*$/, "") || "anh";
    prepared.push({
      id,
      fileName: `${base}.${IMAGE_EXTENSIONS[cleaned.kind]}`,
      contentType: IMAGE_CONTENT_TYPES[cleaned.kind],
      bytes: cleaned.bytes,
      membershipId,
      itemId: itemId ?? null,
      itemCode: itemCode ?? null,
    });
  }
  return prepared;
}

function displayName(name: string): string {
  return name ? displayFileName(name).slice(0, 120) : "anh-minh-chung";
}

/**
 * Keeps photos in the file store under `<orgId>/<id>` (never served statically) before the
 * transaction that records them. Returns the storage keys. A photo kept before a later one failed
 * is removed again.
 */
export async function writePhotos(store: FileStore, orgId: string, photos: PreparedPhoto[]): Promise<string[]> {
  const keys: string[] = [];
  try {
    for (const p of photos) {
      const key = storageKey(orgId, p.id);
      keys.push(key);
      await store.put(orgId, key, p.bytes, { contentType: p.contentType });
    }
  } catch (err) {
    await removePhotos(store, orgId, keys);
    throw err;
  }
  return keys;
}

/** Removes stored photos (the transaction that was to record them failed, or their rows are gone). */
export async function removePhotos(store: FileStore, orgId: string, keys: string[]): Promise<void> {
  await store.delete(
    orgId,
    keys.filter((k) => !k.startsWith(DEMO_PREFIX)),
  );
}

/** A stored photo's bytes (demo photos are drawn on request), or undefined when it is not there. */
export async function readPhoto(store: FileStore, orgId: string, key: string): Promise<Uint8Array | undefined> {
  if (key.startsWith(DEMO_PREFIX)) return demoPhoto(key);
  return store.get(orgId, key);
}

/** The content type of each of the centre's stored photos, by storage key (for `files migrate`). */
export async function photoContentTypes(db: Executor, orgId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("inspection_photos").select(["storage_key", "content_type"]).where("org_id", "=", orgId).execute();
  return new Map(rows.map((r) => [r.storage_key, r.content_type]));
}
