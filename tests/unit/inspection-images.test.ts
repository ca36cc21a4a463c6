import { describe, expect, it } from "vitest";
import { demoPhoto } from "../../app/modules/inspections/demo-image.server";
import { cleanImage, detectImage, exifOrientation, NotAnImageError } from "../../app/modules/inspections/images";

// Tiny real images (8×8) encoded by Chromium's canvas; used to test uploads and cleaning.
const TINY_JPEG_B64 =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAA" +
  "ABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1" +
  "AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAP" +
  "KnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/" +
  "2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKCh" +
  "MoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAA" +
  "AAAAAAAAAAAAAAAAAAH/xAAdEAABAgcAAAAAAAAAAAAAAAAAERcmM1Nmg5Pw/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EAB4RAAEDBAMAAAAAAA" +
  "AAAAAAAAEAESECAxJhgbHw/9oADAMBAAIRAxEAPwCQW2F4Z6+uXygAeW7eDyS5eehpFK68mgBh7lf/2Q==";
const TINY_PNG_B64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPklEQVR4AayNwQkAIAwDQ/fQdRxDR3MMXcdF9JVSfLSfFo5CuBApfV0PQXAqnN" +
  "lgYU8FBv9PFOrYsHAqnHgAAAD//wid6NoAAAAGSURBVAMACLEdqecsoPYAAAAASUVORK5CYII=";
const TINY_WEBP_B64 =
  "UklGRmgCAABXRUJQVlA4WAoAAAAgAAAABwAABwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAA" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
  "AAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAA" +
  "ABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1" +
  "AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAP" +
  "KnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZW" +
  "UDggegAAALACAJ0BKggACAABQCYlqAJ0ugH4ABKAC7+jtZmHQAD2v/xi9s3/Atf8FrTWhTMeYiTfowN/vxrQ3vs5P1W7RdYLB3D/BH+GM+g8+k" +
  "iFqf7oH6Nzba3dH/+Zp//xAfHhL/k3+QZ8gz9VL/4V1/9YD58Jf8G7ub93wAAA";

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));
const TINY_JPEG = bytes(TINY_JPEG_B64);
const TINY_PNG = bytes(TINY_PNG_B64);
const TINY_WEBP = bytes(TINY_WEBP_B64);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u16le = (n: number) => [n & 0xff, n >> 8];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** The latitude 21°01'45" as three Exif rationals: recognisable bytes that must not survive. */
const GPS_LATITUDE = [...u32le(21), ...u32le(1), ...u32le(1), ...u32le(1), ...u32le(4500), ...u32le(100)];

/** An APP1 Exif segment (little-endian TIFF) with an orientation and a GPS IFD holding a latitude. */
function exifSegment(orientation = 6): number[] {
  const tiff = [
    ...ascii("II"), 0x2a, 0x00, ...u32le(8),
    ...u16le(2), // IFD0: two entries
    ...u16le(0x0112), ...u16le(3), ...u32le(1), ...u16le(orientation), 0, 0,
    ...u16le(0x8825), ...u16le(4), ...u32le(1), ...u32le(38),
    ...u32le(0),
    ...u16le(2), // GPS IFD at 38
    ...u16le(0x0001), ...u16le(2), ...u32le(2), ...ascii("N"), 0, 0, 0,
    ...u16le(0x0002), ...u16le(5), ...u32le(3), ...u32le(68),
    ...u32le(0),
    ...GPS_LATITUDE,
  ];
  const payload = [...ascii("Exif"), 0, 0, ...tiff];
  const length = payload.length + 2;
  return [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** The JPEG with extra segments right after its start-of-image marker (and `trailer` after its end). */
function jpegWith(extra: number[], trailer: number[] = []): Uint8Array {
  return Uint8Array.from([...TINY_JPEG.subarray(0, 2), ...extra, ...TINY_JPEG.subarray(2), ...trailer]);
}

function indexOf(hay: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function pngChunk(type: string, data: number[]): number[] {
  const body = [...ascii(type), ...data];
  let c = 0xffffffff;
  for (const b of body) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  c = (c ^ 0xffffffff) >>> 0;
  const be = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return [...be(data.length), ...body, ...be(c)];
}

describe("detectImage: by content, never by name", () => {
  it("recognises JPEG, PNG and WebP by their first bytes", () => {
    expect(detectImage(TINY_JPEG)).toBe("jpeg");
    expect(detectImage(TINY_PNG)).toBe("png");
    expect(detectImage(TINY_WEBP)).toBe("webp");
  });

  it("refuses text, PDF, GIF and an empty file", () => {
    expect(detectImage(new TextEncoder().encode("Biên bản kiểm tra — không phải ảnh"))).toBeNull();
    expect(detectImage(new TextEncoder().encode("%PDF-1.7\n"))).toBeNull();
    expect(detectImage(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(detectImage(new Uint8Array())).toBeNull();
    expect(() => cleanImage(new TextEncoder().encode("xin chào"))).toThrow(NotAnImageError);
  });

  it("refuses a file that only starts like an image", () => {
    expect(() => cleanImage(TINY_JPEG.subarray(0, 200))).toThrow(NotAnImageError);
    expect(() => cleanImage(TINY_PNG.subarray(0, 40))).toThrow(NotAnImageError);
    expect(() => cleanImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toThrow(NotAnImageError);
  });
});

describe("cleanImage: location and other metadata removed, pixels kept", () => {
  it("leaves a clean JPEG byte for byte as it was", () => {
    const { kind, bytes: out } = cleanImage(TINY_JPEG);
    expect(kind).toBe("jpeg");
    expect(Buffer.from(out).equals(Buffer.from(TINY_JPEG))).toBe(true);
  });

  it("drops an Exif segment with GPS, keeping only the orientation", () => {
    const dirty = jpegWith(exifSegment(6));
    expect(indexOf(dirty, GPS_LATITUDE)).toBeGreaterThan(0);
    const { bytes: out } = cleanImage(dirty);
    expect(indexOf(out, GPS_LATITUDE)).toBe(-1);
    expect(indexOf(out, [...ascii("Exif"), 0, 0, ...ascii("II")])).toBe(-1);
    // A minimal Exif with the orientation alone, so a portrait photo still shows upright.
    const app1 = indexOf(out, [0xff, 0xe1]);
    expect(app1).toBeGreaterThan(0);
    expect(exifOrientation(out.subarray(app1 + 10))).toBe(6);
    // Everything else is the original image.
    expect(out.length).toBeLessThan(TINY_JPEG.length + 40);
    expect(Buffer.from(out.subarray(out.length - 300)).equals(Buffer.from(TINY_JPEG.subarray(TINY_JPEG.length - 300)))).toBe(true);
  });

  it("drops the Exif entirely when the orientation is the normal one", () => {
    const { bytes: out } = cleanImage(jpegWith(exifSegment(1)));
    expect(Buffer.from(out).equals(Buffer.from(TINY_JPEG))).toBe(true);
  });

  it("drops XMP, IPTC, comments and anything appended after the image", () => {
    const xmp = segment(0xe1, [...ascii("http://ns.adobe.com/xap/1.0/"), 0, ...ascii('<x:xmpmeta exif:GPSLatitude="21,1.75N"/>')]);
    const iptc = segment(0xed, [...ascii("Photoshop 3.0"), 0, ...ascii("8BIM Tứ Kỳ")]);
    const comment = segment(0xfe, ascii("GPS 21.0285 105.8542"));
    const appended = [0xff, 0xd8, ...exifSegment(3), 0xff, 0xd9];
    const { bytes: out } = cleanImage(jpegWith([...xmp, ...iptc, ...comment], appended));
    expect(Buffer.from(out).equals(Buffer.from(TINY_JPEG))).toBe(true);
  });

  it("drops PNG text, time and Exif chunks", () => {
    const ihdrEnd = 8 + 25;
    const dirty = Uint8Array.from([
      ...TINY_PNG.subarray(0, ihdrEnd),
      ...pngChunk("tEXt", [...ascii("Comment"), 0, ...ascii("GPS 21.0285 105.8542")]),
      ...pngChunk("eXIf", exifSegment(6).slice(10)),
      ...pngChunk("tIME", [0x07, 0xea, 3, 10, 8, 0, 0]),
      ...TINY_PNG.subarray(ihdrEnd),
    ]);
    const { kind, bytes: out } = cleanImage(dirty);
    expect(kind).toBe("png");
    expect(Buffer.from(out).equals(Buffer.from(TINY_PNG))).toBe(true);
  });

  it("drops WebP Exif and XMP chunks and clears their flags", () => {
    const exif = [...ascii("EXIF"), ...u32le(exifSegment(6).length - 10), ...exifSegment(6).slice(10)];
    const padded = exif.length % 2 ? [...exif, 0] : exif;
    const body = [...TINY_WEBP.subarray(12), ...padded];
    const dirty = Uint8Array.from([...ascii("RIFF"), ...u32le(body.length + 4), ...ascii("WEBP"), ...body]);
    dirty[20] = dirty[20]! | 0x08; // VP8X flags: Exif present
    const { kind, bytes: out } = cleanImage(dirty);
    expect(kind).toBe("webp");
    expect(indexOf(out, ascii("EXIF"))).toBe(-1);
    expect(indexOf(out, GPS_LATITUDE)).toBe(-1);
    expect(out[20]! & 0x0c).toBe(0);
    expect(Buffer.from(out).readUInt32LE(4)).toBe(out.length - 8);
    expect(Buffer.from(out).equals(Buffer.from(TINY_WEBP))).toBe(true);
  });
});

describe("exifOrientation", () => {
  it("reads the orientation from little- and big-endian TIFF headers", () => {
    expect(exifOrientation(Uint8Array.from(exifSegment(8).slice(10)))).toBe(8);
    const be = [...ascii("MM"), 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0];
    expect(exifOrientation(Uint8Array.from(be))).toBe(3);
    expect(exifOrientation(Uint8Array.from([1, 2, 3]))).toBeNull();
  });
});

describe("demo photos", () => {
  it("are real PNG images that pass the same checks as uploads", () => {
    const png = new Uint8Array(demoPhoto("demo/C11-1"));
    expect(detectImage(png)).toBe("png");
    expect(cleanImage(png).bytes.length).toBe(png.length);
  });
});
