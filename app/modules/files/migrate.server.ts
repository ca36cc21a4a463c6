import { sha256Hex, type FileStore } from "./store.server";

/** What `files migrate` did (server/cli.ts prints it). */
export interface FileMigrationReport {
  /** Files read from the source. */
  seen: number;
  /** Copied to the target and verified (size and SHA-256 read back from the target). */
  copied: number;
  /** Already in the target with the same size and SHA-256: left alone (a second run copies nothing). */
  alreadyThere: number;
  /** Could not be copied or did not verify: the source is kept, the keys listed. */
  failed: { key: string; reason: string }[];
  /** Removed from the source after being verified in the target (--delete-source only). */
  deletedFromSource: number;
  bytes: number;
}

/**
 * Copies every file of the given centres from one store to the other, each verified: the target's
 * copy must have the source's size and SHA-256, read back after writing. Idempotent: a file already
 * in the target with the same checksum is not written again, one that differs is replaced. The
 * source is kept unless `deleteSource`, and then only files verified in the target are removed.
 * One file at a time (each at most a task file's 10 MiB), so memory stays flat.
 */
export async function migrateFiles(
  orgIds: string[],
  from: FileStore,
  to: FileStore,
  opts: {
    deleteSource?: boolean;
    /** The content type each stored key was uploaded with (the owning rows know it; a folder does not). */
    contentTypesOf?: (orgId: string) => Promise<Map<string, string>>;
  } = {},
): Promise<FileMigrationReport> {
  const report: FileMigrationReport = { seen: 0, copied: 0, alreadyThere: 0, failed: [], deletedFromSource: 0, bytes: 0 };
  for (const orgId of orgIds) {
    const keys = await from.list(orgId);
    const types = keys.length && opts.contentTypesOf ? await opts.contentTypesOf(orgId) : new Map<string, string>();
    for (const key of keys) {
      const bytes = await from.get(orgId, key);
      if (!bytes) continue; // removed while we were listing
      report.seen += 1;
      const want = { size: bytes.length, sha256: sha256Hex(bytes) };
      try {
        const there = await to.stat(orgId, key);
        if (there && there.size === want.size && there.sha256 === want.sha256) {
          report.alreadyThere += 1;
        } else {
          await to.put(orgId, key, bytes, { contentType: types.get(key) ?? "application/octet-stream" });
          const back = await to.get(orgId, key);
          const got = back && { size: back.length, sha256: sha256Hex(back) };
          if (!got || got.size !== want.size || got.sha256 !== want.sha256) {
            report.failed.push({ key, reason: got ? `read back ${got.size} bytes, sha256 ${got.sha256}; expected ${want.size} bytes, sha256 ${want.sha256}` : "not found after writing" });
            continue;
          }
          report.copied += 1;
          report.bytes += bytes.length;
        }
      } catch (err) {
        report.failed.push({ key, reason: err instanceof Error ? err.message : String(err) });
        continue;
      }
      if (opts.deleteSource) {
        await from.delete(orgId, [key]);
        report.deletedFromSource += 1;
      }
    }
  }
  return report;
}
