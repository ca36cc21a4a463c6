// Writes a .gz and a .br copy beside every compressible file of the client build (build/client),
// once, at build time, at the highest levels: server/static.ts serves them to clients that accept
// them, so no asset is compressed per request (docs/decisions/0036-small-bundles.md).
// Usage: node scripts/precompress.mjs [dir]
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "build/client";
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|html|map|webmanifest|xml)$/;
// Below this a compressed copy saves less than its headers cost.
const MIN_BYTES = 1024;

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(name)) yield p;
  }
}

const started = Date.now();
let count = 0;
let raw = 0;
let br = 0;
for (const file of files(dir)) {
  const body = readFileSync(file);
  if (body.length < MIN_BYTES) continue;
  const gz = gzipSync(body, { level: 9 });
  const b = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  // A copy that is not smaller is not worth serving.
  if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
  if (b.length < body.length) writeFileSync(`${file}.br`, b);
  count++;
  raw += body.length;
  br += b.length;
}
process.stdout.write(`precompressed ${count} files in ${dir}/ (${(raw / 1024).toFixed(0)} KiB → ${(br / 1024).toFixed(0)} KiB brotli) in ${Date.now() - started} ms\n`);
