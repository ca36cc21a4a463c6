import ExcelJS from "exceljs";

// Staff import files for the tests (integration and Playwright): the template's header row and
// the rows given, each a list of cell texts in the template's column order.

export const HEADERS = ["Họ và tên", "Tên đăng nhập", "Chức danh/vị trí", "Vai trò", "Điện thoại", "Thư điện tử", "Ngày bắt đầu công tác"];

export type StaffRow = [name: string, username: string, position: string, roles: string, phone: string, email: string, start: string];

export async function staffWorkbook(rows: StaffRow[], headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách cán bộ");
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A file of `n` good rows (usernames `<prefix>.001`…), varied positions and roles. */
export function goodRows(n: number, prefix: string, positions: string[]): StaffRow[] {
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(3, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    return [`Nguyễn Văn Nhập ${k}`, `${prefix}.${k}`, positions[i % positions.length]!, i % 10 === 0 ? "Cán bộ; Kiểm tra viên" : "Cán bộ", `09${String(10000000 + i).slice(0, 8)}`, `nhap${k}@tuky.gov.vn`, `${day}/01/2025`];
  });
}
