import ExcelJS from "exceljs";
import type { Messages } from "../../i18n";
import { fmt } from "../../i18n";
import type { timesheet } from "./attendance.server";

type Sheet = Awaited<ReturnType<typeof timesheet>>;

/** The timesheet as an .xlsx workbook: Vietnamese headers, real numbers, one row per member. */
export async function timesheetWorkbook(sheet: Sheet, centreName: string, t: Messages): Promise<Buffer> {
  const ts = t.attendance.sheet;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Rõ Việc";
  const ws = wb.addWorksheet(ts.sheetName, { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1 } });
  const days = sheet.dates.length;
  const [y, m] = sheet.month.split("-");
  ws.addRow([fmt(ts.centre, { name: centreName })]);
  ws.addRow([fmt(ts.title, { month: `${m}/${y}` })]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = ws.addRow([ts.no, ts.name, ...sheet.dates.map((d) => Number(d.slice(8))), ts.worked, ts.late, ts.lateMinutes, ts.early, ts.absent, ts.leave, ts.other]);
  header.font = { bold: true };
  header.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  sheet.rows.forEach((r, i) => {
    const other = Object.entries(r.totals.leave)
      .filter(([k]) => k !== "annual")
      .reduce((sum, [, v]) => sum + v, 0);
    const row = ws.addRow([i + 1, r.name, ...r.symbols, r.totals.worked, r.totals.lateCount, r.totals.lateMinutes, r.totals.earlyCount, r.totals.absent, r.totals.leave.annual ?? 0, other]);
    row.alignment = { horizontal: "center" };
    row.getCell(2).alignment = { horizontal: "left" };
  });
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 24;
  for (let c = 3; c < 3 + days; c++) {
    ws.getColumn(c).width = 4.5;
    if (sheet.kinds[c - 3] === "weekend" || sheet.kinds[c - 3] === "holiday") {
      ws.getColumn(c).eachCell({ includeEmpty: true }, (cell, rowNumber) => {
        if (rowNumber >= 4) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
      });
    }
  }
  for (let c = 3 + days; c < 10 + days; c++) ws.getColumn(c).width = 10;
  ws.addRow([]);
  ws.addRow([ts.legend]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
