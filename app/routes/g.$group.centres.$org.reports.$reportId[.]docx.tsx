import type { LoaderFunctionArgs } from "@remix-run/node";
import { overseenCentre, requireOverseer } from "~/modules/auth/guard.server";
import { issuedReport } from "~/modules/oversight/oversight.server";
import { reportViewDocx } from "~/modules/reports/docx.server";
import { docxFileName } from "~/modules/reports/reports.server";
import { docxResponse } from "~/utils/downloads.server";

/** An issued report of a centre of the group, as the centre's own DOCX; drafts are 404. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const overseer = await requireOverseer(request, context, params.group);
  const centre = overseenCentre(overseer, params.org);
  const view = await issuedReport(context.db, centre, params.reportId!, context.now());
  return docxResponse(await reportViewDocx(view), docxFileName(view.row));
}
