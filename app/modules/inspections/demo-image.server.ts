import { deflateSync } from "node:zlib";

/**
 * Generated pictures for the demo data's photo evidence (the seed cannot write files: it does not
 * know where the server keeps them). Demo photos are stored with the key `demo/<code>-<n>` and
 * drawn on request: a counter desk with the object of the finding (the card, the clothes, the
 * phone). Never used for real uploads.
 */

export const DEMO_PREFIX = "demo/";

const W = 320;
const H = 240;

type RGB = [number, number, number];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGB pixels (row by row) as a PNG. */
function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

class Canvas {
  readonly px = new Uint8Array(W * H * 3);
  rect(x: number, y: number, w: number, h: number, c: RGB) {
    for (let j = Math.max(0, y); j < Math.min(H, y + h); j++) {
      for (let i = Math.max(0, x); i < Math.min(W, x + w); i++) this.px.set(c, (j * W + i) * 3);
    }
  }
  circle(cx: number, cy: number, r: number, c: RGB) {
    for (let j = cy - r; j <= cy + r; j++) {
      for (let i = cx - r; i <= cx + r; i++) if ((i - cx) ** 2 + (j - cy) ** 2 <= r * r && i >= 0 && j >= 0 && i < W && j < H) this.px.set(c, (j * W + i) * 3);
    }
  }
}

/** The demo picture for a storage key such as `demo/C11-2`. */
export function demoPhoto(storageKey: string): Buffer {
  const name = storageKey.slice(DEMO_PREFIX.length);
  const code = name.split("-")[0] ?? "";
  const variant = Number(name.split("-")[1] ?? 0) || 0;
  const c = new Canvas();
  c.rect(0, 0, W, H, [226 - variant * 6, 232, 240]); // wall
  c.rect(0, 150, W, 90, [150, 111, 76]); // counter desk
  c.rect(0, 150, W, 8, [120, 86, 58]);
  c.rect(18, 30, 120, 26, [29, 95, 184]); // counter sign
  c.rect(24, 38, 108, 10, [235, 242, 255]);
  c.circle(210, 70, 28, [224, 188, 160]); // the person
  c.rect(170, 100, 80, 60, code === "C04" ? [214, 75, 60] : [245, 245, 245]);
  if (code === "C03") {
    c.rect(182, 112, 26, 20, [255, 255, 255]); // where the card should be: an empty lanyard
    c.rect(194, 100, 2, 12, [60, 60, 60]);
  } else if (code === "C04") {
    c.rect(180, 150, 60, 6, [40, 40, 40]);
  } else if (code === "C11") {
    c.rect(250, 120, 22, 38, [30, 30, 36]); // a phone in hand
    c.rect(253, 124, 16, 28, [110, 170, 230]);
  } else {
    c.rect(60, 110, 60, 40, [250, 250, 250]); // papers
  }
  c.rect(270 - variant * 4, 20, 30, 30, [255, 210, 90]); // a lamp, slightly different per photo
  return encodePng(W, H, c.px);
}
