import ExcelJS from "exceljs";

export interface Column<Row> {
  header: string;
  width?: number;
  /** A real value: numbers stay numbers and dates stay dates (never text). */
  value: (row: Row) => string | number | Date | null;
  /** Excel number format, e.g. "dd/mm/yyyy" or "0.0%". */
  format?: string;
}

/** A one-sheet workbook: title lines, a bold header row, typed cells, frozen header. */
export async function tableWorkbook<Row>(args: { sheetName: string; title: string[]; columns: Column<Row>[]; rows: Row[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Rõ Việc";
  const ws = wb.addWorksheet(args.sheetName.slice(0, 31));
  for (const [i, line] of args.title.entries()) {
    const r = ws.addRow([line]);
    if (i === args.title.length - 1) r.font = { bold: true, size: 13 };
  }
  ws.addRow([]);
  const header = ws.addRow(args.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  for (const row of args.rows) ws.addRow(args.columns.map((c) => c.value(row)));
  args.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? 16;
    if (c.format) col.numFmt = c.format;
  });
  ws.views = [{ state: "frozen", ySplit: header.number }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A calendar date (YYYY-MM-DD) as an Excel date (UTC midnight, shown with a date format). */
export function excelDate(date: string | null): Date | null {
  return date ? new Date(`${date}T00:00:00Z`) : null;
}
