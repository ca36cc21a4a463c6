// A large spreadsheet export against the event loop: 5,000 rows × 20 columns (the task export's cap)
// written by tableWorkbook (streamed, a batch of rows per turn) and, for comparison, built in one
// piece as before (ExcelJS's in-memory workbook). Prints the time, the longest stall of a 2 ms
// timer (what any other request would wait) and the process's RSS after each run.
// Usage: npm run bench:exports [-- --rows 5000 --runs 3]
import ExcelJS from "exceljs";
import { parseArgs } from "node:util";
import { tableWorkbook, type Column } from "../app/modules/exports/xlsx.server";

const { values } = parseArgs({ options: { rows: { type: "string", default: "5000" }, runs: { type: "string", default: "3" } } });
type Row = { i: number; title: string; date: Date };
const rows: Row[] = Array.from({ length: Number(values.rows) }, (_, i) => ({
  i,
  title: `Rà soát hồ sơ hộ tịch số ${i} và báo cáo kết quả cho Ủy ban nhân dân xã`,
  date: new Date(Date.UTC(2026, 0, 1 + (i % 300))),
}));
const columns: Column<Row>[] = Array.from({ length: 20 }, (_, k) => ({
  header: `Cột ${k + 1}`,
  format: k % 3 === 2 ? "dd/mm/yyyy" : undefined,
  value: (r) => (k % 3 === 0 ? r.i : k % 3 === 1 ? r.title : r.date),
}));

async function inOnePiece(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("x");
  ws.addRow(columns.map((c) => c.header));
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const streamed = async () => Buffer.from(await new Response(tableWorkbook({ sheetName: "x", title: ["Trung tâm", "Danh sách"], columns, rows })).arrayBuffer());

async function time(label: string, make: () => Promise<Buffer>) {
  for (let run = 1; run <= Number(values.runs); run++) {
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 2);
    const t = performance.now();
    const out = await make();
    clearInterval(timer);
    const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
    console.log(`${label.padEnd(26)} run ${run}: ${Math.round(performance.now() - t)} ms, longest stall ${Math.round(longest)} ms, ${Math.round(out.length / 1024)} KiB, RSS ${rss} MiB`);
  }
}
console.log(`${rows.length.toLocaleString("en")} rows × ${columns.length} columns; load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)}`);
await time("streamed (tableWorkbook)", streamed);
await time("in one piece (before)", inOnePiece);
