// Answers that are files to download. Built here, not in app/modules: services return the bytes and
// never a Response (docs/decisions/0025-errors-as-data.md).

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function download(body: Buffer | ReadableStream<Uint8Array>, fileName: string, type: string): Response {
  return new Response(Buffer.isBuffer(body) ? new Uint8Array(body) : (body as ReadableStream<Uint8Array>), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** An Excel workbook (tableWorkbook in app/modules/exports/xlsx.server.ts streams one) as a download. */
export function xlsxResponse(body: Buffer | ReadableStream<Uint8Array>, fileName: string): Response {
  return download(body, fileName, XLSX);
}

/** A Word document (app/modules/reports/docx.server.ts) as a download. */
export function docxResponse(body: Buffer, fileName: string): Response {
  return download(body, fileName, DOCX);
}

/** A ZIP archive (the centre's data, app/modules/exports/centre-archive.server.ts), streamed as it is made. */
export function zipResponse(body: ReadableStream<Uint8Array>, fileName: string): Response {
  return download(body, fileName, "application/zip");
}
