import type { LoaderFunctionArgs } from "@remix-run/node";
import { messages } from "~/i18n/messages.server";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { excelDate, tableWorkbook } from "~/modules/exports/xlsx.server";
import { currentWeek, exportTasks, parseTaskFilters } from "~/modules/tasks/queries.server";
import { vnDateOf } from "~/utils/dates";
import { deadlineState } from "~/modules/tasks/rules";
import { viewerOf } from "~/modules/tasks/tasks.server";
import { xlsxResponse } from "~/utils/downloads.server";

/** The task list, with the same tab and filters as the page, as a spreadsheet. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const viewer = viewerOf(ctxOf(member, context), member.roles);
  const now = context.now();
  const filters = parseTaskFilters(new URL(request.url).searchParams, viewer.manager, currentWeek, now);
  if (filters.tab === "all") requirePermission(member, "tasks.viewAll");
  const rows = await exportTasks(context.db, viewer, filters, now);
  const t = messages(member.user.locale);
  const c = t.tasks.exportCols;
  const label = <K extends string>(dict: Record<K, string>, key: K | null) => (key ? dict[key] : "");
  const body = tableWorkbook({
    sheetName: t.tasks.exportTitle,
    title: [member.org.name, `${t.tasks.exportTitle} — ${t.tasks.tabs[filters.tab]} (${vnDateOf(now).split("-").reverse().join("/")})`],
    rows: rows.map((r, i) => ({ ...r, no: i + 1, state: deadlineState(r, now) })),
    columns: [
      { header: c.no, width: 6, value: (r) => r.no },
      { header: c.title, width: 48, value: (r) => r.title },
      { header: c.assignee, width: 22, value: (r) => r.assigneeName },
      { header: c.assigner, width: 22, value: (r) => r.assignerName },
      { header: c.approver, width: 22, value: (r) => r.approverName },
      { header: c.status, width: 16, value: (r) => (r.state === "submittedOnTime" || r.state === "submittedLate" ? t.tasks.deadlineState[r.state] : label(t.tasks.status, r.status)) },
      { header: c.overdue, width: 10, value: (r) => (r.state === "overdue" ? t.common.yes : "") },
      { header: c.priority, width: 12, value: (r) => label(t.tasks.priority, r.priority) },
      { header: c.source, width: 18, value: (r) => label(t.tasks.source, r.sourceKind) },
      { header: c.sourceRef, width: 24, value: (r) => r.sourceRef },
      { header: c.start, width: 13, format: "dd/mm/yyyy", value: (r) => excelDate(r.startDate) },
      { header: c.deadline, width: 13, format: "dd/mm/yyyy", value: (r) => excelDate(r.deadlineDate) },
      { header: c.originalDeadline, width: 13, format: "dd/mm/yyyy", value: (r) => excelDate(r.originalDeadlineDate) },
      { header: c.completed, width: 13, format: "dd/mm/yyyy", value: (r) => (r.completedAt ? excelDate(vnDateOf(new Date(r.completedAt))) : null) },
      { header: c.timeliness, width: 13, value: (r) => label(t.tasks.timeliness, r.timeliness) },
      { header: c.timelinessOriginal, width: 13, value: (r) => label(t.tasks.timeliness, r.timelinessOriginal) },
      { header: c.progress, width: 10, value: (r) => r.progress },
      { header: c.returns, width: 10, value: (r) => r.returns },
      { header: c.extensions, width: 10, value: (r) => r.extensions },
      { header: c.deliverable, width: 40, value: (r) => r.deliverable },
    ],
  });
  return xlsxResponse(body, `cong-viec-${vnDateOf(now)}.xlsx`);
}
