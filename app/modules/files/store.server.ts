import { createHash, randomUUID } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DB } from "../../../db/schema";

// Where uploaded files are kept: one interface, two places (docs/decisions/0034-file-storage.md).
// - `local`: a folder on this server, `<FILES_DIR>/<org_id>/<id>` (the default; one app server).
// - `database`: the `stored_files` table (blob on SQLite, bytea on PostgreSQL), so that every app
//   server on one PostgreSQL reads the same files.
// The store only stores: the size and type checks happen before (readForm's limits, withUploads,
// preparePhotos), and the rows that say who may see a file are the owning module's.

/** Which store FILE_STORAGE chose. */
export type FileStorageKind = "local" | "database";
export const FILE_STORAGE_KINDS: readonly FileStorageKind[] = ["local", "database"];

/** What to store: bytes in memory, or an upload readForm staged on this server's disk (moved or read). */
export type FileSource = Uint8Array | { stagedPath: string };

/** What a store knows about a stored file without handing out its bytes. */
export interface FileFacts {
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

/**
 * The one way the app keeps, reads and removes uploaded files. Every call names the centre: a key
 * of another centre is never read, written or removed (`undefined`, or refused), whatever the key.
 * Keys are the storage keys the owning rows hold: `<org_id>/<id>`.
 */
export interface FileStore {
  readonly kind: FileStorageKind;
  /** Where readForm stages uploads on this server until an action keeps them (always a local folder). */
  readonly stagingDir: string;
  /** Keeps `source` under `key`; storing the same key again replaces it. */
  put(orgId: string, key: string, source: FileSource, meta: { contentType: string }): Promise<void>;
  /** The file's bytes, or undefined when there is none (or the key is another centre's). */
  get(orgId: string, key: string): Promise<Uint8Array | undefined>;
  /** Size and SHA-256 of a stored file, or undefined. */
  stat(orgId: string, key: string): Promise<FileFacts | undefined>;
  /** Removes these files; missing ones are not an error. */
  delete(orgId: string, keys: string[]): Promise<void>;
  /** Every key stored for the centre, sorted. */
  list(orgId: string): Promise<string[]>;
}

/** A new file's storage key: `<org_id>/<id>`. */
export function storageKey(orgId: string, id: string): string {
  return `${orgId}/${id}`;
}

/** The id part of `key` when the key is the centre's and well formed; undefined otherwise. */
function ownName(orgId: string, key: string): string | undefined {
  const prefix = `${orgId}/`;
  if (!key.startsWith(prefix)) return undefined;
  const name = key.slice(prefix.length);
  return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name) && /^[A-Za-z0-9_-]+$/.test(orgId) ? name : undefined;
}

function mustOwn(orgId: string, key: string): string {
  const name = ownName(orgId, key);
  if (!name) throw new Error(`storage key ${JSON.stringify(key)} is not a key of centre ${orgId}`);
  return name;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const TEMP_PREFIX = ".tmp-";

/** Files in `<dir>/<org_id>/<id>`; writes go to a temporary name first, so a file is whole or absent. */
export function localFileStore(dir: string): FileStore {
  const pathOf = (orgId: string, key: string) => join(dir, orgId, mustOwn(orgId, key));
  const store: FileStore = {
    kind: "local",
    stagingDir: join(dir, ".uploads"),
    async put(orgId, key, source) {
      const target = pathOf(orgId, key);
      await mkdir(join(dir, orgId), { recursive: true });
      if (!(source instanceof Uint8Array)) {
        try {
          // The staging folder is inside `dir`: the usual case is a rename on one file system.
          await rename(source.stagedPath, target);
          return;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
        }
      }
      const temp = join(dir, orgId, `${TEMP_PREFIX}${randomUUID()}`);
      try {
        if (source instanceof Uint8Array) await writeFile(temp, source);
        else await copyFile(source.stagedPath, temp);
        await rename(temp, target);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
    async get(orgId, key) {
      const name = ownName(orgId, key);
      if (!name) return undefined;
      try {
        return await readFile(join(dir, orgId, name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw err;
      }
    },
    async stat(orgId, key) {
      const bytes = await store.get(orgId, key);
      return bytes && { size: bytes.length, sha256: sha256Hex(bytes) };
    },
    async delete(orgId, keys) {
      await Promise.all(keys.map((k) => rm(pathOf(orgId, k), { force: true })));
    },
    async list(orgId) {
      if (!/^[A-Za-z0-9_-]+$/.test(orgId)) return [];
      let names: string[];
      try {
        names = await readdir(join(dir, orgId));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw err;
      }
      return names
        .filter((n) => ownName(orgId, storageKey(orgId, n)))
        .map((n) => storageKey(orgId, n))
        .sort();
    },
  };
  return store;
}

/**
 * Files in the `stored_files` table of the app's database: every app server on one PostgreSQL
 * reads the same files. Uploads are still staged on the receiving server's disk (`stagingDir`)
 * while the form is read.
 */
export function databaseFileStore(db: DB, stagingDir: string, now: () => Date = () => new Date()): FileStore {
  return {
    kind: "database",
    stagingDir,
    async put(orgId, key, source, meta) {
      mustOwn(orgId, key);
      const bytes = source instanceof Uint8Array ? source : await readFile(source.stagedPath);
      const row = { size: bytes.length, content_type: meta.contentType, sha256: sha256Hex(bytes), bytes, created_at: now().toISOString() };
      await db
        .insertInto("stored_files")
        .values({ org_id: orgId, key, ...row })
        .onConflict((oc) => oc.columns(["org_id", "key"]).doUpdateSet(row))
        .execute();
    },
    async get(orgId, key) {
      if (!ownName(orgId, key)) return undefined;
      const row = await db.selectFrom("stored_files").select("bytes").where("org_id", "=", orgId).where("key", "=", key).executeTakeFirst();
      return row?.bytes;
    },
    async stat(orgId, key) {
      if (!ownName(orgId, key)) return undefined;
      return db.selectFrom("stored_files").select(["size", "sha256"]).where("org_id", "=", orgId).where("key", "=", key).executeTakeFirst();
    },
    async delete(orgId, keys) {
      const own = keys.filter((k) => mustOwn(orgId, k));
      if (own.length === 0) return;
      await db.deleteFrom("stored_files").where("org_id", "=", orgId).where("key", "in", own).execute();
    },
    async list(orgId) {
      const rows = await db.selectFrom("stored_files").select("key").where("org_id", "=", orgId).orderBy("key").execute();
      return rows.map((r) => r.key);
    },
  };
}

/** The store FILE_STORAGE chose, created once at start-up (server/index.ts, server/cli.ts). */
export function openFileStore(kind: FileStorageKind, opts: { filesDir: string; db: DB }): FileStore {
  return kind === "database" ? databaseFileStore(opts.db, join(opts.filesDir, ".uploads")) : localFileStore(opts.filesDir);
}
