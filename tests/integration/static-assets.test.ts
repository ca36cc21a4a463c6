// Pre-compressed client assets (scripts/precompress.mjs, server/static.ts) and the per-area
// dictionary in the page (app/i18n/areas.ts); docs/decisions/0036-small-bundles.md. Needs `npm run build`.
import { readdirSync } from "node:fs";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

/** A raw GET (fetch would decode the body itself). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("pre-compressed static assets", () => {
  let srv: TestServer;
  // The largest script of the build: the framework chunk, always with both copies.
  const asset = readdirSync("build/client/assets")
    .filter((f) => f.endsWith(".js.br"))
    .map((f) => f.slice(0, -3))[0]!;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it("answers brotli to a client that accepts it, gzip to one that accepts only gzip, the file to others: the same bytes", async () => {
    const plain = await get(`${srv.url}/assets/${asset}`);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(plain.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");

    const br = await get(`${srv.url}/assets/${asset}`, { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(br.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await get(`${srv.url}/assets/${asset}`, { "Accept-Encoding": "gzip, br;q=0" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it("answers a missing asset 404 and never serves a path outside the build", async () => {
    expect((await get(`${srv.url}/assets/nope-123.js`, { "Accept-Encoding": "br" })).status).toBe(404);
    const out = await get(`${srv.url}/assets/..%2f..%2f..%2fpackage.json`);
    expect(out.status).toBe(404);
    expect(out.body.toString()).not.toContain('"name": "ro-viec"');
  });

  it("puts only the page's area of the dictionary, in one language, into the page", async () => {
    const html = (await get(`${srv.url}/login`)).body.toString();
    expect(html).toContain("Đăng nhập");
    // Words of other areas (calendar, inspections) and the English dictionary stay on the server.
    expect(html).not.toContain("Danh sách lỗi phát hiện khi kiểm tra công vụ từ");
    expect(html).not.toContain("Sign in");
  });
});
