import type { LoaderFunctionArgs } from "@remix-run/node";
import { messages } from "~/i18n/messages.server";
import { requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { excelDate, tableWorkbook } from "~/modules/exports/xlsx.server";
import { lunarLabel } from "~/modules/rosters/days";
import { rosterPage, shiftState } from "~/modules/rosters/rosters.server";
import { notFound } from "~/utils/errors";
import { xlsxResponse } from "~/utils/downloads.server";

/** A roster as a spreadsheet: one row per slot, real dates, who confirmed and checked in. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.view");
  const page = await rosterPage(context.db, member.org.id, params.rosterId!);
  if (page.roster.status === "draft" && !can(member.roles, "rosters.manage")) notFound();
  const t = messages(member.user.locale);
  const tr = t.rosters;
  const now = context.now();
  const body = tableWorkbook({
    sheetName: tr.title,
    title: [member.org.name, page.roster.title],
    rows: page.slots,
    columns: [
      { header: tr.day, width: 12, format: "dd/mm/yyyy", value: (s) => excelDate(s.date) },
      { header: tr.printPage.weekday, width: 10, value: (s) => tr.weekdays[new Date(`${s.date}T00:00:00Z`).getUTCDay()] ?? "" },
      { header: tr.lunar, width: 9, value: (s) => lunarLabel(s.date) },
      { header: tr.shift, width: 18, value: (s) => tr.kind[s.kind] },
      { header: t.staff.fullName, width: 24, value: (s) => s.name },
      { header: tr.phone, width: 14, value: (s) => s.phone },
      { header: tr.fields.startTime, width: 10, value: (s) => s.start_time },
      { header: tr.fields.endTime, width: 10, value: (s) => s.end_time },
      { header: tr.confirmed, width: 12, value: (s) => (s.confirmed_at ? t.common.yes : "") },
      { header: t.attendance.cols.status, width: 14, value: (s) => (s.membership_id ? tr.state[shiftState(s, now)] : tr.state.empty) },
    ],
  });
  return xlsxResponse(body, `lich-truc-${page.roster.start_date}.xlsx`);
}
