import type { LoaderFunctionArgs } from "@remix-run/node";
import { messages } from "~/i18n/messages.server";
import { timesheet } from "~/modules/attendance/attendance.server";
import { timesheetWorkbook } from "~/modules/attendance/xlsx.server";
import { requireMember } from "~/modules/auth/guard.server";
import { monthParam } from "~/utils/time";

/** The monthly timesheet as a spreadsheet download. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "attendance.timesheet");
  const month = monthParam(new URL(request.url).searchParams, context.now());
  const sheet = await timesheet(context.db, member.org.id, month, context.now());
  const body = await timesheetWorkbook(sheet, member.org.name, messages(member.user.locale));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="bang-cham-cong-${month}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
