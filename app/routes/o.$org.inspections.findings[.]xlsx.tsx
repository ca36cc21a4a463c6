import type { LoaderFunctionArgs } from "@remix-run/node";
import { messages } from "~/i18n/messages.server";
import { requireMember } from "~/modules/auth/guard.server";
import { excelDate, tableWorkbook } from "~/modules/exports/xlsx.server";
import { findingsForExport } from "~/modules/inspections/export.server";
import { parseInspectionFilters } from "~/modules/inspections/inspections.server";
import { vnDateOf } from "~/utils/dates";
import { formatDate } from "~/utils/time";
import { xlsxResponse } from "~/utils/downloads.server";

/** The inspection findings (failed items) of a date range as a spreadsheet. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.viewAll");
  const f = parseInspectionFilters(new URL(request.url).searchParams, vnDateOf(context.now()));
  const rows = await findingsForExport(context.db, member.org.id, f.from, f.to, f.memberId);
  const t = messages(member.user.locale);
  const c = t.inspections.export;
  const body = tableWorkbook({
    sheetName: c.sheet,
    title: [member.org.name, `${c.title} ${formatDate(f.from)} – ${formatDate(f.to)}`],
    rows,
    columns: [
      { header: c.date, width: 12, format: "dd/mm/yyyy", value: (r) => excelDate(r.date) },
      { header: c.member, width: 24, value: (r) => r.member },
      { header: c.counter, width: 24, value: (r) => r.counter || r.place },
      { header: c.code, width: 8, value: (r) => r.code },
      { header: c.item, width: 50, value: (r) => r.text },
      { header: c.basis, width: 26, value: (r) => r.basis },
      { header: c.note, width: 30, value: (r) => r.note },
      { header: c.inspector, width: 22, value: (r) => r.inspector },
      { header: c.requirement, width: 30, value: (r) => r.requirement },
      { header: c.due, width: 12, format: "dd/mm/yyyy", value: (r) => excelDate(r.dueDate) },
      { header: c.status, width: 16, value: (r) => (r.actionStatus ? c.statuses[r.actionStatus] : "") },
    ],
  });
  return xlsxResponse(body, `loi-kiem-tra-${f.from}-${f.to}.xlsx`);
}
