// Serves the .br and .gz copies that the build writes beside the client assets
// (scripts/precompress.mjs, docs/decisions/0036-small-bundles.md): brotli when the client accepts it,
// else gzip, else the file as it is (left to express.static). Every answer for a file that has copies
// says Vary: Accept-Encoding, so a shared cache never hands brotli to a client that cannot read it.
import type { NextFunction, Request, Response } from "express";
import { existsSync } from "node:fs";
import path from "node:path";

// As express.static labels the files themselves.
const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=UTF-8",
  ".mjs": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=UTF-8",
  ".map": "application/json; charset=UTF-8",
  ".txt": "text/plain; charset=UTF-8",
  ".html": "text/html; charset=UTF-8",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
};

/** The encodings a request accepts, from Accept-Encoding ("br;q=0" refuses brotli). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

/**
 * Middleware for `dir` (mounted where express.static for the same dir follows): answers GET/HEAD
 * of a file with a compressed copy from that copy. Which copies exist is looked up once per file
 * (the build directory does not change while the server runs).
 */
export function precompressed(dir: string, cacheControl: string) {
  const root = path.resolve(dir);
  const copies = new Map<string, { br: boolean; gz: boolean }>();
  const copiesOf = (file: string) => {
    let c = copies.get(file);
    if (!c) {
      c = { br: existsSync(`${file}.br`), gz: existsSync(`${file}.gz`) };
      if (copies.size < 10_000) copies.set(file, c);
    }
    return c;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const type = TYPES[path.extname(req.path)];
    if (!type) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !existsSync(file)) return next();
    const c = copiesOf(file);
    if (!c.br && !c.gz) return next();
    res.setHeader("Vary", "Accept-Encoding");
    const accepted = acceptedEncodings(req.get("Accept-Encoding"));
    const encoding = c.br && accepted.has("br") ? "br" : c.gz && accepted.has("gzip") ? "gzip" : null;
    if (!encoding) return next();
    res.setHeader("Content-Type", type);
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Cache-Control", cacheControl);
    res.sendFile(`${file}.${encoding === "br" ? "br" : "gz"}`, { cacheControl: false, dotfiles: "deny" }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}
