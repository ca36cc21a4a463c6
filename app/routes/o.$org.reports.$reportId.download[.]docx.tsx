import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/modules/auth/guard.server";
import { reportViewDocx } from "~/modules/reports/docx.server";
import { docxFileName, reportView } from "~/modules/reports/reports.server";
import { docxResponse } from "~/utils/downloads.server";

/** The report as a Word document in the format of Nghị định 30/2020/NĐ-CP. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.view");
  const view = await reportView(context.db, member.org.id, params.reportId!, context.now());
  return docxResponse(await reportViewDocx(view), docxFileName(view.row));
}
