/**
 * Photo evidence: recognise an image by its content (never by its name or the browser's type) and
 * remove metadata that may locate or identify where it was taken (Exif with GPS, XMP, IPTC,
 * comments, text chunks, embedded thumbnails and secondary images). Pixels are copied unchanged.
 * Pure: bytes in, bytes out.
 *
 * Kept: what displaying the image needs — JPEG JFIF (APP0), ICC colour profile (APP2
 * "ICC_PROFILE"), Adobe (APP14) and, rebuilt on its own, the Exif orientation tag (phones store
 * portrait photos sideways and rely on it).
 */

type ImageKind = "jpeg" | "png" | "webp";

export const IMAGE_CONTENT_TYPES: Record<ImageKind, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

export const IMAGE_EXTENSIONS: Record<ImageKind, string> = { jpeg: "jpg", png: "png", webp: "webp" };

export class NotAnImageError extends Error {
  constructor(reason: string) {
    super(`not an image: ${reason}`);
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let s = "";
  for (let i = at; i < at + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** The kind of image by its first bytes, or null. */
export function detectImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "webp";
  return null;
}

/**
 * Checks that the bytes are a well-formed JPEG, PNG or WebP and returns them without location and
 * other metadata. Throws NotAnImageError otherwise.
 */
export function cleanImage(bytes: Uint8Array): { kind: ImageKind; bytes: Uint8Array } {
  const kind = detectImage(bytes);
  if (!kind) throw new NotAnImageError("unknown signature");
  const cleaned = kind === "jpeg" ? cleanJpeg(bytes) : kind === "png" ? cleanPng(bytes) : cleanWebp(bytes);
  return { kind, bytes: cleaned };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---- JPEG ----

/** The Exif orientation (1–8) from an APP1 Exif payload (after "Exif\0\0"), or null. */
export function exifOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const order = ascii(tiff, 0, 2);
  const le = order === "II";
  if (!le && order !== "MM") return null;
  const u16 = (at: number) => (at + 2 > tiff.length ? -1 : le ? tiff[at]! | (tiff[at + 1]! << 8) : (tiff[at]! << 8) | tiff[at + 1]!);
  const u32 = (at: number) => (at + 4 > tiff.length ? -1 : le ? (u16(at) | (u16(at + 2) << 16)) >>> 0 : ((u16(at) << 16) | u16(at + 2)) >>> 0);
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** A minimal APP1 Exif segment holding only the orientation tag (big-endian TIFF). */
function orientationSegment(orientation: number): Uint8Array {
  const payload = [
    ...[0x45, 0x78, 0x69, 0x66, 0x00, 0x00], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00], // Orientation, SHORT, 1
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  ];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

function cleanJpeg(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)]; // SOI
  let orientation: number | null = null;
  let insertAt = 1; // after SOI, or after a leading APP0
  let sawFrame = false;
  let sawScan = false;
  let pos = 2;
  for (;;) {
    if (pos >= bytes.length) throw new NotAnImageError("jpeg: no end of image");
    if (bytes[pos] !== 0xff) throw new NotAnImageError("jpeg: marker expected");
    while (pos < bytes.length && bytes[pos] === 0xff) pos++; // fill bytes
    if (pos >= bytes.length) throw new NotAnImageError("jpeg: truncated");
    const marker = bytes[pos]!;
    const start = pos - 1;
    pos++;
    if (marker === 0xd9) {
      kept.push(Uint8Array.from([0xff, 0xd9]));
      break; // anything after the end of the image (appended pictures, trailers) is dropped
    }
    if (isStandalone(marker)) {
      kept.push(bytes.subarray(start, pos));
      continue;
    }
    if (pos + 2 > bytes.length) throw new NotAnImageError("jpeg: truncated segment");
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (length < 2 || pos + length > bytes.length) throw new NotAnImageError("jpeg: bad segment length");
    const end = pos + length;
    const payload = bytes.subarray(pos + 2, end);
    let keep: boolean;
    if (marker === 0xe0) {
      keep = true;
      if (kept.length === 1) insertAt = 2;
    } else if (marker === 0xe1) {
      if (ascii(payload, 0, 6) === "Exif\0\0" && orientation === null) orientation = exifOrientation(payload.subarray(6));
      keep = false;
    } else if (marker === 0xe2) {
      keep = ascii(payload, 0, 12) === "ICC_PROFILE\0";
    } else if (marker === 0xee) {
      keep = true; // Adobe: colour transform
    } else if ((marker >= 0xe3 && marker <= 0xef) || marker === 0xfe) {
      keep = false; // other application segments (IPTC, vendor data) and comments
    } else {
      keep = true;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sawFrame = true;
    }
    if (keep) kept.push(bytes.subarray(start, end));
    pos = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither stuffing (FF00) nor a restart.
      sawScan = true;
      let scan = pos;
      while (scan + 1 < bytes.length && !(bytes[scan] === 0xff && bytes[scan + 1] !== 0x00 && !(bytes[scan + 1]! >= 0xd0 && bytes[scan + 1]! <= 0xd7))) scan++;
      if (scan + 1 >= bytes.length) throw new NotAnImageError("jpeg: truncated scan");
      kept.push(bytes.subarray(pos, scan));
      pos = scan;
    }
  }
  if (!sawFrame || !sawScan) throw new NotAnImageError("jpeg: no image data");
  if (orientation !== null && orientation !== 1) kept.splice(insertAt, 0, orientationSegment(orientation));
  return concat(kept);
}

// ---- PNG ----

const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

function cleanPng(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  let first = true;
  let sawData = false;
  for (;;) {
    if (pos + 12 > bytes.length) throw new NotAnImageError("png: truncated");
    const length = ((bytes[pos]! << 24) | (bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!) >>> 0;
    const type = ascii(bytes, pos + 4, 4);
    const end = pos + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) throw new NotAnImageError("png: bad chunk");
    if (first && type !== "IHDR") throw new NotAnImageError("png: no header");
    first = false;
    if (type === "IDAT") sawData = true;
    if (!PNG_DROPPED.has(type)) kept.push(bytes.subarray(pos, end));
    pos = end;
    if (type === "IEND") break;
  }
  if (!sawData) throw new NotAnImageError("png: no image data");
  return concat(kept);
}

// ---- WebP ----

function cleanWebp(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let pos = 12;
  let sawImage = false;
  const riffEnd = Math.min(bytes.length, 8 + ((bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0));
  while (pos + 8 <= riffEnd) {
    const type = ascii(bytes, pos, 4);
    const size = (bytes[pos + 4]! | (bytes[pos + 5]! << 8) | (bytes[pos + 6]! << 16) | (bytes[pos + 7]! << 24)) >>> 0;
    const end = pos + 8 + size + (size % 2);
    if (end > bytes.length + (size % 2)) throw new NotAnImageError("webp: bad chunk");
    if (type === "VP8 " || type === "VP8L" || type === "ANMF") sawImage = true;
    if (type === "VP8X") {
      const copy = Uint8Array.from(bytes.subarray(pos, Math.min(end, bytes.length)));
      if (copy.length > 8) copy[8] = copy[8]! & ~0x0c; // clear the Exif and XMP flags
      chunks.push(copy);
    } else if (type !== "EXIF" && type !== "XMP ") {
      chunks.push(bytes.subarray(pos, Math.min(end, bytes.length)));
    }
    pos = end;
  }
  if (!sawImage) throw new NotAnImageError("webp: no image data");
  const body = concat(chunks);
  const size = body.length + 4;
  const header = Uint8Array.from([0x52, 0x49, 0x46, 0x46, size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, (size >>> 24) & 0xff, 0x57, 0x45, 0x42, 0x50]);
  return concat([header, body]);
}
